"""Attribution round three (issue 24): the rule table, roles by date, transcript openings,
reporting clauses that are no units, datelines outside contents, validate and ingest."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.attribution import extract_quotes
from analysis.attribution.rules import QuoteRulesError, load_quote_rules
from analysis.cli import main
from analysis.corpus.layout import LayoutError, load_layout
from analysis.corpus.registry import load_actors
from analysis.ingest.record import Record
from analysis.ingest.titles import TitleReader
from analysis.paths import package_data
from analysis.voices.units import document_units
from analysis.voices.utterances import Utterance, document_utterances

from .test_quotes_cases import check_case

FIXTURES = Path(__file__).parent / "fixtures"
CASES = yaml.safe_load((FIXTURES / "quote_round3_cases.yml").read_text(encoding="utf-8"))


def test_every_rule_has_cases_and_negatives():
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert sum(case["rule"].startswith("negative") for case in CASES) >= 12


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case):
    check_case(case)


# roles: the holder of an office on the document's date ----------------------------------------
ROLES = """
sides:
  iran: {name: Iran, aliases: [Iran, Tehran]}
  russia: {name: Russia, aliases: [Russia, Moscow]}
actors:
  - {id: zarif, name: Mohammad Javad Zarif, kind: person, side: iran, role: minister, until: 2021-08-25,
     aliases: [Zarif, Mohammad Javad Zarif]}
  - {id: amirabdollahian, name: Hossein Amir-Abdollahian, kind: person, side: iran, role: minister,
     from: 2021-08-25, until: 2024-05-19, aliases: [Amir-Abdollahian]}
  - {id: araghchi, name: Abbas Araghchi, kind: person, side: iran, role: minister, from: 2024-08-21,
     aliases: [Araghchi, Abbas Araghchi]}
  - {id: lavrov, name: Sergey Lavrov, kind: person, side: russia, role: minister, aliases: [Lavrov]}
"""


@pytest.fixture
def roles(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text(ROLES, encoding="utf-8")
    return load_actors(path)


@pytest.mark.parametrize(
    ("date", "actor"),
    [("2019-05-01", "zarif"), ("2022-05-01", "amirabdollahian"), ("2025-03-01", "araghchi"), (None, "")],
)
def test_a_role_not_named_in_the_text_is_its_holder_on_the_documents_date(roles, date, actor):
    found = extract_quotes("Iran's top diplomat said the talks would resume.", roles, date=date)
    assert found[["speaker", "actor"]].values.tolist() == [["Iran's top diplomat", actor]]
    assert found.loc[0, "side"] == "iran"


def test_a_role_named_in_the_text_beats_the_date(roles):
    text = "Zarif arrived in Moscow. The Iranian foreign minister said the talks would resume."
    assert extract_quotes(text, roles, date="2025-03-01")["actor"].tolist() == ["zarif"]


def test_attribute_quotes_reads_the_documents_dates(roles):
    from analysis.attribution import attribute_quotes

    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "date": [pd.Timestamp("2019-05-01"), pd.Timestamp("2025-03-01")],
            "text": ["Iran's top diplomat said so was wrong."] * 2,
        }
    )
    assert attribute_quotes(docs, roles)["actor"].tolist() == ["zarif", "araghchi"]


def test_a_bad_role_noun_list_names_file_and_line(tmp_path):
    text = (
        package_data("quote_rules.yml").read_text(encoding="utf-8").replace("role_nouns:\n", "role_nouns: 5\nx:\n", 1)
    )
    path = tmp_path / "rules.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuoteRulesError) as caught:
        load_quote_rules(path)
    assert str(path) in str(caught.value) and "role_nouns" in str(caught.value) and "(line " in str(caught.value)


# transcripts: the opening before the first turn label ------------------------------------------
TRANSCRIPT = textwrap.dedent(
    """\
    Ladies and gentlemen,

    We have held substantive talks with our Iranian friends. The treaty has entered into force.

    Question (retranslated from Persian): How will the payments work?

    Sergey Lavrov: Through national currencies.
    """
)
LAVROV_TITLE = (
    "Foreign Minister Sergey Lavrov's statement and answers to media questions at a joint news "
    "conference with Foreign Minister of Iran Abbas Araghchi, Moscow, October 3, 2025"
)


def _doc(text=TRANSCRIPT, *, title=LAVROV_TITLE, speaker="", genre="transcript", outlet="MFA"):
    row = {"doc_id": "t", "title": title, "outlet": outlet, "date": pd.Timestamp("2025-10-03"), "genre": genre}
    return pd.DataFrame([{**row, "speaker": speaker, "text": text}]).itertuples(index=False).__next__()


def _voices(doc):
    actors = load_actors()
    rows = document_utterances(doc, [], actors=actors, layout=load_layout())
    return [(row[5], row[8], row[4]) for row in rows]


def test_the_ministers_opening_is_his_statements_when_the_title_names_him():
    voices = _voices(_doc())
    assert voices[:2] == [
        ("lavrov", "turn", "Ladies and gentlemen,"),
        (
            "lavrov",
            "turn",
            "We have held substantive talks with our Iranian friends. The treaty has entered into force.",
        ),
    ]
    assert ("press", "turn", "How will the payments work?") in voices
    assert ("lavrov", "turn", "Through national currencies.") in voices


def test_the_documents_speaker_wins_over_the_title():
    voices = _voices(_doc(speaker="araghchi"))
    assert voices[0] == ("araghchi", "turn", "Ladies and gentlemen,")


def test_an_opening_whose_speaker_nobody_names_stays_narration():
    voices = _voices(_doc(title="Press conference in Moscow"))
    assert voices[0] == ("outlet", "narration", "Ladies and gentlemen,")


def test_a_transcript_without_labels_is_all_the_title_speakers():
    voices = _voices(
        _doc("Colleagues, thank you.\n\nThe treaty is in force.", title="Remarks by Sergey Lavrov at MGIMO")
    )
    assert voices == [("lavrov", "turn", "Colleagues, thank you."), ("lavrov", "turn", "The treaty is in force.")]


@pytest.mark.parametrize(
    ("title", "outlet", "expected"),
    [
        (LAVROV_TITLE, "", ("transcript", "lavrov")),
        ("Remarks by Foreign Minister Abbas Araghchi at the Tehran Dialogue Forum", "", ("statement", "araghchi")),
        ("Statement by the Foreign Ministry on the entry into force of the Treaty", "Russian Foreign Ministry",
         ("statement", "russia_mfa")),
        ("Statement by the Foreign Ministry on the entry into force of the Treaty", "", ("statement", "")),
        ("Interview of Sergey Lavrov to RIA Novosti", "", ("interview", "lavrov")),
        ("Foreign Ministry Spokeswoman Maria Zakharova's briefing on current foreign policy issues", "",
         ("transcript", "zakharova")),
        ("Article by Foreign Minister Sergey Lavrov for Kommersant", "", ("op-ed", "lavrov")),
    ],
)  # fmt: skip
def test_official_titles_say_genre_and_speaker(title, outlet, expected):
    found = load_layout().title_speaker(title, load_actors(), outlet=outlet)
    assert (found.genre, found.actor) == expected


@pytest.mark.parametrize("title", ["Lavrov says the treaty is in force", "Iran's statement: what it means", ""])
def test_news_titles_name_no_speaker(title):
    found = load_layout().title_speaker(title, load_actors())
    assert found is None or not found.actor


def test_a_bad_official_title_rule_names_the_file(tmp_path):
    path = tmp_path / "layout.yml"
    path.write_text("official_titles:\n  - {genre: poem, regex: '(?P<speaker>x)'}\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="genre 'poem'"):
        load_layout(path)
    path.write_text("official_titles:\n  - {genre: statement, regex: 'x'}\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="no group named 'speaker'"):
        load_layout(path)


def test_validate_warns_once_about_a_transcript_whose_text_is_nobodys(make_corpus, capsys):
    corpus = make_corpus(
        {
            "a.md": ("Ladies and gentlemen, welcome.", {"genre": "transcript", "title": "Press conference"}),
            "b.md": (TRANSCRIPT, {"genre": "transcript", "title": LAVROV_TITLE, "id": "doc-2",
                                  "url": "https://example.org/b"}),
            "c.md": ("Lavrov: Yes.\n\nQuestion: Why?", {"genre": "interview", "id": "doc-3",
                                                        "url": "https://example.org/c"}),
        }
    )  # fmt: skip
    assert main(["validate", str(corpus)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "a.md" in warnings[0] and "no turn label and no speaker" in warnings[0]


def test_ingest_fills_genre_and_speaker_from_an_official_title():
    record = Record(LAVROV_TITLE, "MFA", None, "https://example.org/t", "unknown", "en", TRANSCRIPT)
    filled = TitleReader().fill(record)
    assert (filled.genre, filled.speaker) == ("transcript", "lavrov")
    given = Record(LAVROV_TITLE, "MFA", None, "https://example.org/t", "unknown", "en", TRANSCRIPT, genre="news")
    assert TitleReader().fill(given) == given  # what a source says always wins
    nobody = Record("Statement by Ivan Ivanov", "X", None, "https://example.org/s", "unknown", "en", "Text.")
    assert TitleReader().fill(nobody).genre is None  # a statement needs a speaker of the registry


def test_ingest_writes_the_genre_and_speaker_a_title_gives(tmp_path):
    from analysis.ingest import ingest

    export = tmp_path / "export.csv"
    pd.DataFrame(
        {"title": [LAVROV_TITLE], "url": ["https://example.org/t"], "publish_date": ["2025-10-03"],
         "media_name": ["MFA"], "text": [TRANSCRIPT]}
    ).to_csv(export, index=False)  # fmt: skip
    report = ingest([export], tmp_path / "corpus", jobs=1)
    written = report.outcomes[0].path.read_text(encoding="utf-8")
    assert "genre: transcript" in written and "speaker: lavrov" in written


# units: a reporting clause is no unit of speech; a dateline is no content ----------------------
NEWS = (
    "MOSCOW, Oct 5 \u2013 Russia is ready to expand trade in national currencies, the Foreign Ministry said.\n\n"
    "\u201cThe banks are connected,\u201d the ministry affirmed. Lavrov said the corridor would open in 2027.\n\n"
    "The talks ended late. Both delegations left."
)


def _units(text):
    from analysis.attribution import attribute_quotes
    from analysis.corpus.inputs import documents_from_texts

    docs = documents_from_texts({"n": text})
    quotes = attribute_quotes(docs)
    doc = next(docs.itertuples(index=False))
    spans = [
        (q.start, q.end, q.actor, q.side, q.type, q.quote_id, q.resolution) for q in quotes.itertuples(index=False)
    ]
    utterances = document_utterances(doc, spans, actors=load_actors(), layout=load_layout())
    return quotes, [row[5] for row in document_units(text, [Utterance(*row) for row in utterances])]


def test_a_reporting_clause_is_never_a_unit_of_speech():
    _, units = _units(NEWS)
    assert units == [
        "Russia is ready to expand trade in national currencies",
        "The banks are connected",
        "the corridor would open in 2027",
        "The talks ended late.",
        "Both delegations left.",
    ]


def test_a_dateline_is_never_inside_a_quotes_content():
    quotes, _ = _units(NEWS + "\n\nTEHRAN (IRNA) - \u201cWe agree,\u201d Araghchi said.")
    assert quotes["content"].tolist()[0] == "Russia is ready to expand trade in national currencies"
    assert not any(content.startswith(("MOSCOW", "TEHRAN")) for content in quotes["content"])
