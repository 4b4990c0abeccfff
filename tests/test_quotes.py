"""Quote attribution: the table contract, the seed article, utterances, options and rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.attribution import QUOTE_COLUMNS, QUOTE_TYPES, RESOLUTIONS, attribute_quotes, extract_quotes
from analysis.attribution.marks import quotation_spans, sentence_spans
from analysis.attribution.rules import QuoteRulesError, load_quote_rules, phrase_pattern
from analysis.corpus import documents_from_texts, load_actors
from analysis.paths import package_data
from analysis.text import normalise_quotes, split_paragraphs
from analysis.voices import select_voice, utterances

GOLD = Path(__file__).parent / "gold"
INT_COLUMNS = ["quote_id", "start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end"]


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return analysis.load_corpus()


@pytest.fixture(scope="module")
def seed_quotes(seed) -> pd.DataFrame:
    return attribute_quotes(seed)


def _quote_with(quotes: pd.DataFrame, fragment: str) -> pd.Series:
    rows = quotes[quotes["content"].str.contains(fragment, regex=False)]
    assert len(rows) == 1, (fragment, rows["content"].tolist())
    return rows.iloc[0]


# the table contract ---------------------------------------------------------------------------
def test_public_names_are_exported():
    assert analysis.extract_quotes is extract_quotes
    assert analysis.attribute_quotes is attribute_quotes
    assert analysis.attribution.load_quote_rules is load_quote_rules
    assert issubclass(analysis.attribution.QuoteRulesError, analysis.AnalysisError)


def test_columns_and_dtypes():
    table = extract_quotes('"We agree," Lavrov said. It was announced that talks would resume.')
    assert list(table.columns) == QUOTE_COLUMNS
    assert all(table[c].dtype == "int64" for c in INT_COLUMNS)
    assert table.loc[1, "speaker"] == "" and table.loc[1, "speaker_start"] == -1
    assert table["quote_id"].tolist() == [0, 1]


@pytest.mark.parametrize("text", ["", "   \n\n ", "Narration only. Nothing is said here."])
def test_empty_results_keep_columns_and_dtypes(text):
    table = extract_quotes(text)
    assert table.empty
    assert list(table.columns) == QUOTE_COLUMNS
    assert all(table[c].dtype == "int64" for c in INT_COLUMNS)
    assert attribute_quotes(documents_from_texts([text])).dtypes.equals(table.dtypes)


def test_doc_id_option():
    assert extract_quotes("Lavrov said the talks went well.", doc_id="d7")["doc_id"].tolist() == ["d7"]


def test_attribute_quotes_indexes_each_document(seed):
    docs = documents_from_texts({"a": "Lavrov said the talks went well.", "b": "", "c": '"Fine," Peskov said.'})
    table = attribute_quotes(docs)
    assert table["doc_id"].tolist() == ["a", "c"]
    assert table["quote_id"].tolist() == [0, 0]
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for row in table.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.content


# the seed article -------------------------------------------------------------------------------
def test_seed_matches_its_gold(seed, seed_quotes):
    gold = json.loads((GOLD / "seed_quotes.jsonl").read_text(encoding="utf-8"))
    assert gold["text"] == seed.loc[0, "text"]
    keys = ["start", "end", "type", "cue", "cue_start", "speaker", "speaker_start", "speaker_end", "actor"]
    observed = seed_quotes[keys].to_dict(orient="records")
    assert observed == [{k: q[k] for k in keys} for q in gold["quotes"]]


@pytest.mark.parametrize(
    ("fragment", "actor", "kind", "resolution"),
    [
        ("the implementation of the comprehensive", "iran_mfa", "indirect", "explicit"),
        ("the treaty embodies the commitment", "iran_mfa", "indirect", "description"),
        ("the treaty signifies the “strategic choice”", "russia_mfa", "mixed", "explicit"),
        ("the treaty establishes a foundation", "pezeshkian+putin", "indirect", "group"),
        ("the completion of the treaty reflects", "iran_mfa", "indirect", "explicit"),
        ("the treaty a turning point", "iran_mfa", "indirect", "description"),
        ("The treaty sets a clear framework", "iran_mfa", "indirect", "description"),
        ("the treaty will enhance joint efforts", "iran_mfa", "indirect", "description"),
        ("Iran and Russia are committed to upholding", "iran_mfa", "indirect", "anaphora"),
        ("recognizing the essential importance", "iran_mfa", "direct", "description"),
    ],
)
def test_seed_statements_go_to_the_right_ministry(seed_quotes, fragment, actor, kind, resolution):
    row = _quote_with(seed_quotes, fragment)
    assert (row["actor"], row["type"], row["resolution"]) == (actor, kind, resolution)


def test_seed_it_and_both_leaders(seed_quotes):
    it = _quote_with(seed_quotes, "Iran and Russia are committed")
    assert (it["speaker"], it["cue"], it["actor"]) == ("It", "stated", "iran_mfa")
    both = _quote_with(seed_quotes, "establishes a foundation")
    assert (both["speaker"], both["side"]) == ("Both leaders", "iran+russia")


@pytest.mark.parametrize(
    "narration",
    [
        "Iran and Russia began implementing a 20-year strategic partnership treaty",
        "Presidents Pezeshkian and Putin met in Tianjin",
        "Iran's Parliament approved the treaty with Russia",
        "Under the treaty, both countries are dedicated",
        "The agreement also specifies that",
        "Iran and Russia have deepened their relations",
    ],
)
def test_seed_narration_is_not_attributed(seed, seed_quotes, narration):
    text = seed.loc[0, "text"]
    start = text.index(narration)
    end = start + len(narration)
    assert not ((seed_quotes["start"] < end) & (seed_quotes["end"] > start)).any()


def test_seed_utterances_split_narration_and_quotes(seed, seed_quotes):
    utt = utterances(seed, seed_quotes)
    quotes = utt[utt["source"].eq("quote")]
    narration = utt[utt["source"].eq("narration")]
    assert len(quotes) == len(seed_quotes)
    assert set(quotes["actor"]) == {"iran_mfa", "russia_mfa", "pezeshkian+putin"}
    assert narration["actor"].eq("outlet").all()
    joined = " ".join(narration["text"])
    assert "Iran's Parliament approved the treaty" in joined
    assert "the ministry noted that" in joined  # speakers and cues are the outlet's words
    assert "recognizing the essential importance" not in joined
    ministry = select_voice(utt, "iran_mfa")
    assert ministry["type"].tolist().count("direct") == 1
    assert select_voice(utt, "side:russia")["actor"].tolist() == ["russia_mfa"]  # joint statements are their own
    assert select_voice(utt, "side:russia+joint")["actor"].tolist() == ["russia_mfa", "pezeshkian+putin"]
    assert select_voice(utt, "joint")["actor"].tolist() == ["pezeshkian+putin"]
    for row in utt.itertuples():
        assert seed.loc[0, "text"][row.start : row.end] == row.text


# options: actors and rules --------------------------------------------------------------------
def test_actors_may_be_a_path_a_registry_or_a_corpus_folder(tmp_path):
    (tmp_path / "actors.yml").write_text(
        "sides:\n  north: {name: North, aliases: [Northland]}\n  other: {name: Other}\n"
        "actors:\n  - {id: fox, name: Ann Fox, kind: person, side: north, gender: female, aliases: [Fox]}\n",
        encoding="utf-8",
    )
    text = "Fox said the border would stay open. She added that talks would resume. Northland said no."
    for actors in (tmp_path / "actors.yml", str(tmp_path), load_actors(tmp_path / "actors.yml")):
        table = extract_quotes(text, actors)
        assert table["actor"].tolist() == ["fox", "fox", ""]
        assert table["side"].tolist() == ["north", "north", "north"]
    assert extract_quotes(text)["actor"].tolist() == ["", "", ""]  # the package registry knows no Fox


def test_rules_may_be_extended_without_code(tmp_path):
    rules = package_data("quote_rules.yml").read_text(encoding="utf-8")
    rules = rules.replace("cues:\n", "cues:\n  opine: {frame: clause, forms: [opined, opines]}\n", 1)
    (tmp_path / "rules.yml").write_text(rules, encoding="utf-8")
    text = "Lavrov opined that the talks were useful."
    assert extract_quotes(text).empty
    table = extract_quotes(text, rules=tmp_path / "rules.yml")
    assert table[["content", "cue", "actor"]].values.tolist() == [["the talks were useful", "opined", "lavrov"]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("cues: [", "not valid YAML"),
        ("cues: {say: {frame: talk, forms: [said]}}", "frame 'talk'"),
        ("cues: {say: {frame: clause}}", "no forms"),
        ("cues: {say: {frame: clause, forms: [said]}}\nnot_cues: [{forms: [said], before: '('}]", "not a valid"),
        ("[1, 2]", "expected a mapping"),
    ],
)
def test_bad_rules_name_the_file(tmp_path, content, message):
    path = tmp_path / "rules.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(QuoteRulesError, match=re.escape(message)) as caught:
        load_quote_rules(path)
    assert str(path) in str(caught.value)


def test_missing_rules_file(tmp_path):
    with pytest.raises(QuoteRulesError, match="no such file"):
        load_quote_rules(tmp_path / "missing.yml")


def test_values_of_type_and_resolution_are_documented(seed_quotes):
    table = extract_quotes(
        'Tehran said no. He said yes. Both sides said maybe. Officials said later. "Fine." A senior diplomat said so.'
    )
    assert set(table["type"]) | set(seed_quotes["type"]) <= set(QUOTE_TYPES)
    assert set(table["resolution"]) | set(seed_quotes["resolution"]) <= set(RESOLUTIONS)
    resolved = table[table["resolution"].ne("none")]
    assert (resolved["actor"].ne("") | resolved["side"].ne("")).all()


# building blocks ------------------------------------------------------------------------------
def test_phrase_pattern_prefers_the_longest_name():
    regex = re.compile(rf"\b{phrase_pattern(['Iran', 'Iran foreign ministry', 'Iranian side'])}\b", re.I)
    assert regex.search("the iran   foreign ministry said").group() == "iran   foreign ministry"
    assert regex.search("the Iranian side").group() == "Iranian side"


def test_quotation_spans_pair_marks_and_chain_paragraphs():
    text = 'A "b" c.\n\n“One.\n\n“Two,” she said. Stray " mark.'
    norm = normalise_quotes(text)
    spans = quotation_spans(text, norm, split_paragraphs(norm))
    assert [(text[q.start : q.end], q.chain, q.piece) for q in spans] == [("b", -1, 0), ("One.", 0, 0), ("Two", 0, 1)]


def test_sentence_spans_respect_abbreviations_and_initials():
    text = "Mr. J. Smith met Gen. Ivanov on Jan. 5. Talks ended. Then? Nothing!"
    spans = sentence_spans(text, [(0, len(text))], load_quote_rules().abbreviations)
    assert [text[s:e] for s, e in spans] == [
        "Mr. J. Smith met Gen. Ivanov on Jan. 5.",
        "Talks ended.",
        "Then?",
        "Nothing!",
    ]
