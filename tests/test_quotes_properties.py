"""Odd input never breaks quote attribution: no exception, valid offsets, linear time, no hang."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.attribution import QUOTE_COLUMNS, QUOTE_TYPES, RESOLUTIONS, extract_quotes
from analysis.attribution.marks import lowered

INT_COLUMNS = ["quote_id", "start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end"]

# Pieces that make the rules fire: names, cues, quote marks of every kind, apostrophes,
# paragraph breaks, control characters and other scripts.
PIECES = [
    "Lavrov", "said", "that", "the ministry", "It", "he", "they", "Both leaders", "According to", "called",
    "Iran's", "nations’", "Tehran", "Said", "so-called", "is said to be", ",", ".", ":", "?", " ", " ", " ",
    '"', '"', "“", "”", "‘", "’", "'", "«", "»", "\n\n", "\n", "\x00", "\x07", "\u200b", "\ufeff", "Лавров",
    "заявил", "قال", "外交部", "—", "-", "(", ")", "adding that", "was announced", "by", "We agree",
]  # fmt: skip


def check(text: str) -> None:
    """The invariants of the attributions table for any text."""
    table = extract_quotes(text)
    assert list(table.columns) == QUOTE_COLUMNS
    assert all(table[c].dtype == "int64" for c in INT_COLUMNS)
    assert table["quote_id"].tolist() == list(range(len(table)))
    for row in table.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert row.content == text[row.start : row.end]
        assert row.type in QUOTE_TYPES
        assert row.resolution in RESOLUTIONS
        if row.cue_start < 0:
            assert row.cue == "" and row.cue_end == -1
        else:
            assert 0 <= row.cue_start < row.cue_end <= len(text) and row.cue == text[row.cue_start : row.cue_end]
        if row.speaker_start < 0:
            assert row.speaker == "" and row.speaker_end == -1 and row.actor == ""
        else:
            assert 0 <= row.speaker_start < row.speaker_end <= len(text)
            assert row.speaker == text[row.speaker_start : row.speaker_end]
        assert row.resolution != "none" or (row.actor == "" and row.side == "")


class DocumentHangError(Exception):
    """A document used more CPU time than the hang guard allows."""


@contextmanager
def hang_guard(seconds: float = 1.0) -> Iterator[None]:
    """Fail the block when it uses more than ``seconds`` of this process's CPU time.

    A guard against hangs (a loop that never advances), not a speed test: it counts CPU time
    (``ITIMER_PROF``), not wall time, so a loaded machine that leaves the process waiting does
    not trip it. Without ``setitimer`` (Windows) or off the main thread the block runs unguarded.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise DocumentHangError(f"more than {seconds} s of CPU time on one document")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# Pieces of wire copy with the typos that hung the rules: no space after a period or a closing
# mark ("said.Lavrov"), stray and unpaired marks, doubled apostrophes, control characters.
TYPO_PIECES = [
    "“Quote here,”", "Lavrov said.", "Lavrov said.Lavrov", "claimed that", "he learned it.", "said.", "told.",
    "Putin", "“", "”", '"', "'", "''", "«", "»", "‘", "’", ",,", ".", ":", ":“", "”said", "said D.E", "A.", "B.",
    "the ministry", "noted that", "according to", "was quoted as saying", "This was stated by", "quoted by TASS",
    "who met Putin for the third time,", "In an interview with RT,", "adding:", "stating,", "― Peskov", "—",
    "\x00", "\x0b", "\x0c", "\x1f", "\x7f", "\u200b", "\u2028", "\u2029", "\r", "\t", "\n", "\n\n",
]  # fmt: skip
JOINS = ["", " ", "", " ", ".", "\n"]


@st.composite
def wire_copy(draw) -> str:
    """Text with missing spaces after punctuation, stray marks and control characters, and
    sometimes one very long paragraph (a piece of it repeated without a newline)."""
    pieces = draw(st.lists(st.sampled_from(TYPO_PIECES), max_size=40))
    joins = draw(st.lists(st.sampled_from(JOINS), min_size=len(pieces), max_size=len(pieces)))
    text = "".join(p + j for p, j in zip(pieces, joins, strict=True))
    repeat = draw(st.sampled_from([1, 1, 1, 50, 400]))
    return (text.replace("\n", " ") * repeat) if repeat > 1 else text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wire_copy())
def test_wire_copy_with_typos_never_hangs(text):
    with hang_guard(1.0):
        check(text)


@pytest.mark.parametrize(
    "text",
    [
        "“Quote here,” Lavrov said.Lavrov claimed that he learned it.",
        "“A quote,” Lavrov said.Lavrov claimed that it was so. “Another,” Putin told.Putin said that.",
        "He said:“” she said,, “ ” “ “ said said said that that that.",
        "Officials said.\nThe ministry noted that.\n“Open quote without an end, the spokesman said that",
        "“One,” said A. “Two. Three.” said B.“Four” said.C said “five”said D.E said that F said that G said that",
    ],
)
def test_inputs_that_hung_finish(text):
    with hang_guard(1.0):
        check(text)


def test_the_missing_space_after_said_still_attributes():
    table = extract_quotes("“Quote here,” Lavrov said.Lavrov claimed that he learned it.")
    assert table[["content", "speaker", "actor"]].values.tolist() == [
        ["Quote here", "Lavrov", "lavrov"],
        ["he learned it", "Lavrov", "lavrov"],
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text):
    check(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join))
def test_news_like_soup(text):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_news_like_soup_without_spaces(text):
    check(text)


def test_text_whose_lower_case_changes_length_falls_back():
    text = "İstanbul: Lavrov said the talks were useful."  # "İ".lower() is two characters
    assert lowered(text) is None
    table = extract_quotes(text)
    assert table[["content", "actor"]].values.tolist() == [["the talks were useful", "lavrov"]]


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        '""""""',
        "“”‘’«»",
        "'" * 50,
        "\x00\x01\x02 said \x7f",
        'Lavrov said: "',
        '" said Lavrov',
        "According to",
        "According to ,",
        ", said",
        "It was announced that",
        "Both leaders underscored that",
        "\n\n\n“\n\n“\n\n“",
        "Said Said said said Said.",
        "Лавров заявил: «Мы согласны». قال الوزير إن المحادثات مفيدة. 外交部表示。",
    ],
)
def test_edge_cases(text):
    check(text)


UNITS = {
    "words and cues": "Lavrov said ",
    "only quote marks": '"',
    "curly marks": "“”",
    "apostrophes": "Iran's nations' 'x ",
    "sentences": 'Lavrov said the talks were useful. "We agree," he said. ',
}


@pytest.mark.slow
def test_one_megabyte_without_newline():
    # a guard against quadratic behaviour, which would take hours (benchmarks/quotes.py times it)
    for text in ("a" * 1_000_000, '"' * 1_000_000):
        with hang_guard(120):
            check(text)


@pytest.mark.parametrize("name", UNITS)
def test_100_kb_without_newline(name):
    check(UNITS[name] * (100_000 // len(UNITS[name])))


@pytest.mark.slow
@pytest.mark.parametrize("name", UNITS)
def test_1_mb_without_newline(name):
    with hang_guard(240):
        check(UNITS[name] * (1_000_000 // len(UNITS[name])))
