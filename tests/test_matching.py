"""Matching all terms at once gives exactly the hits of one search per term and text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.salience import load_frames
from analysis.salience.frames import match_frames
from analysis.salience.matching import TermMatcher
from analysis.salience.terms import term_pattern
from analysis.sentiment.masking import name_masker
from analysis.text import normalise_quotes

from .conftest import CORPUS, ROOT

GROUPS = [
    ["sanction*", "sovereign", "co-operat*", "mutual respect", "Iran foreign"],
    ["US", "NATO", "EU*", "anti-West*"],
    ["free trade zone", "trade", "Trade*", "o'clock"],
    ["peace", "peace*", "win-win"],
]
WORDS = [
    "sanctions", "Sanctions", "SANCTION", "sanctioned", "unsanctioned", "sovereign", "sovereignty", "co-operation",
    "co", "operation", "mutual", "respect", "Iran's", "Iran", "foreign", "Iran’s", "US", "us", "U.S.", "NATO",
    "nato", "EUROPE", "EU", "Eu", "anti-Western", "anti", "Western", "free", "trade", "zone", "Trade", "trader",
    "o'clock", "o’clock", "peace", "peaceful", "win-win", "win", "a", "the", "x",
]  # fmt: skip
JOINS = [" ", " ", " ", "-", "'", ", ", ".", "  ", "\n", "\u00a0", "\u2019", "\x00", "_", "—"]


def reference(texts: list[str], groups: list[list[str]]) -> np.ndarray:
    """One search per term and text: the definition of a match."""
    patterns = [[term_pattern(t, acronyms_match_case=True) for t in terms] for terms in groups]
    return np.array(
        [[any(p.search(normalise_quotes(text)) for p in group) for group in patterns] for text in texts], dtype=bool
    ).reshape(len(texts), len(groups))


@st.composite
def texts(draw) -> list[str]:
    count = draw(st.integers(min_value=0, max_value=6))
    result = []
    for _ in range(count):
        words = draw(st.lists(st.sampled_from(WORDS), max_size=12))
        joins = draw(st.lists(st.sampled_from(JOINS), min_size=len(words), max_size=len(words)))
        result.append("".join(w + j for w, j in zip(words, joins, strict=True)))
    return result


def test_a_nul_inside_a_text_keeps_the_words_apart():
    batch = ["free\x00trade zone", "free trade zone"]
    assert TermMatcher(GROUPS).match(batch)[:, 2].tolist() == reference(batch, GROUPS)[:, 2].tolist() == [True, True]
    phrase = [["free trade zone"]]
    assert TermMatcher(phrase).match(batch)[:, 0].tolist() == reference(batch, phrase)[:, 0].tolist() == [False, True]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_matching_at_once_equals_one_search_per_term_and_text(batch):
    assert (TermMatcher(GROUPS).match(batch) == reference(batch, GROUPS)).all()


@pytest.mark.parametrize("folder", [CORPUS, ROOT / "tests" / "fixtures" / "institutions"], ids=["seed", "institutions"])
def test_the_frame_lexicon_matches_real_sentences_as_its_patterns_do(folder):
    lexicon = load_frames()
    units = analysis.analyse_corpus(folder).units["text"].tolist()
    expected = np.array([[f.pattern.search(normalise_quotes(t)) is not None for f in lexicon] for t in units])
    assert (lexicon.matcher.match(units) == expected).all()


@pytest.mark.parametrize("folder", [CORPUS, ROOT / "tests" / "fixtures" / "institutions"], ids=["seed", "institutions"])
def test_frames_are_matched_with_names_masked_and_whole_names_kept(folder):
    lexicon = load_frames()
    masker = name_masker("-", descriptions=False)
    units = analysis.analyse_corpus(folder).units["text"].tolist()
    expected = []
    for text in units:
        masked = masker.mask(text)
        names = [normalise_quotes(s.text) for s in masked.spans]
        expected.append(
            [
                f.pattern.search(normalise_quotes(masked.text)) is not None
                or any(f.pattern.fullmatch(n) for n in names)
                for f in lexicon
            ]
        )
    assert (match_frames(units, lexicon) == np.array(expected)).all()


def test_no_text_and_no_word():
    assert TermMatcher(GROUPS).match([]).shape == (0, 4)
    assert not TermMatcher(GROUPS).match(["", "...", "\x00"]).any()
