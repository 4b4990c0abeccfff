"""A ministry speaks through its people and its own texts: institutions, statements, transcripts, narration.

The fixture corpus (``tests/fixtures/institutions``) holds a ministry statement, a transcript of
a joint news conference (eleven turns, questions, two ministers) and a news report quoting a
minister and two spokespeople; every behaviour is checked against its expected rows.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.cli import main
from analysis.compare import statements, voice_contributions
from analysis.corpus import load_actors
from analysis.corpus.layout import load_layout
from analysis.errors import ActorsError, CorpusError, VoiceError
from analysis.voices import Voice

from .conftest import ROOT, write_document

FIXTURE = ROOT / "tests" / "fixtures" / "institutions"
STATEMENT = "mid-2025-10-02-statement"
TRANSCRIPT = "mid-2025-02-25-press-conference"
NEWS = "wire-2025-01-18-news"


@pytest.fixture(scope="module")
def run():
    return analysis.analyse_corpus(FIXTURE)


def rows(table: pd.DataFrame, doc_id: str, columns=("actor", "type", "text")) -> list[list[str]]:
    return table.loc[table["doc_id"].eq(doc_id), list(columns)].values.tolist()


# the registry ---------------------------------------------------------------------------------
def test_the_bundled_registry_knows_both_ministries_people_with_their_roles():
    actors = load_actors()
    expected = {
        "iran_mfa": {"araghchi", "baghaei", "gharibabadi", "takht_ravanchi", "jalali"},
        "russia_mfa": {"lavrov", "zakharova", "rudenko", "ryabkov", "dedov", "nebenzia"},
        "kremlin": {"peskov", "ushakov"},
        "iran_parliament": {"ghalibaf"},
        "russia_duma": {"volodin", "slutsky"},
    }
    for institution, people in expected.items():
        assert people <= set(actors.members(institution)), institution
    roles = {a: actors[a].role for a in ("araghchi", "baghaei", "takht_ravanchi", "jalali", "zakharova", "nebenzia")}
    assert roles == {
        "araghchi": "minister",
        "baghaei": "spokesperson",
        "takht_ravanchi": "deputy minister",
        "jalali": "ambassador to Russia",
        "zakharova": "spokesperson",
        "nebenzia": "permanent representative to the United Nations",
    }
    for spelling in ("Baghaei", "Baqaei", "Baghaie", "Kazem Jalali", "Andrei Rudenko", "Vassily Nebenzia"):
        assert actors.lookup(spelling) is not None, spelling


REGISTRY = """\
actors:
  - {id: ministry, name: The Ministry, kind: organisation, side: iran}
  - {id: minister, name: A Minister, kind: person, side: iran, member_of: [ministry], role: minister,
     from: 2024-08-21}
  - {id: envoy, name: An Envoy, kind: person, side: iran, member_of: [embassy], role: ambassador}
  - {id: embassy, name: The Embassy, kind: organisation, side: iran, member_of: [ministry]}
"""


def test_members_are_found_through_other_members_and_by_the_dates_of_office(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text(REGISTRY, encoding="utf-8")
    actors = load_actors(path)
    assert actors.members("ministry") == ("ministry", "minister", "envoy", "embassy")
    assert actors.institutions_of("envoy") == ("embassy", "ministry")
    assert "minister" not in actors.members("ministry", on=dt.date(2024, 1, 1))
    assert "minister" in actors.members("ministry", on=dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("member_of: [embassy]", "member_of: [consulate]"), "member_of 'consulate' is not an actor id"),
        (
            (
                "kind: organisation, side: iran, member_of: [ministry]}",
                "kind: organisation, side: iran, member_of: [envoy]}",
            ),
            "member_of forms a cycle: ",
        ),
        (("id: envoy,", "id: press,"), "'press' is a word of the voice notation"),
        (("from: 2024-08-21}", "from: 2024-08-21, until: 2020-01-01}"), "until 2020-01-01 is before from 2024-08-21"),
        (("from: 2024-08-21}", "from: next year}"), "from 'next year' is not an ISO date"),
        (("role: ambassador}", "role: ''}"), "role must be a non-empty string"),
    ],
)
def test_framing_validate_checks_institutions(tmp_path, capsys, change, message):
    corpus = tmp_path / "corpus"
    write_document(corpus / "documents", "a.md", "The minister said ties were strong.")
    (corpus / "actors.yml").write_text(REGISTRY.replace(*change), encoding="utf-8")
    with pytest.raises(ActorsError, match=message):
        load_actors(corpus)
    assert main(["validate", str(corpus)]) == 2
    assert message in capsys.readouterr().err


# voices ---------------------------------------------------------------------------------------
def test_an_institution_speaks_through_its_members_and_only_keeps_its_own(run):
    iran = statements(run.units, "iran_mfa", run.actors)
    assert rows(iran, NEWS, ("actor", "type")) == [
        ["araghchi", "mixed"],
        ["baghaei", "indirect"],
        ["iran_mfa", "indirect"],
    ]
    assert set(iran["actor"]) == {"araghchi", "baghaei", "iran_mfa"}
    own = statements(run.units, "only:iran_mfa", run.actors)
    assert own[["actor", "text"]].values.tolist() == [
        ["iran_mfa", "the treaty would enter into force after ratification"]
    ]


def test_who_speaks_for_the_ministry(run):
    table = voice_contributions(run.units, "russia_mfa", run.actors)
    assert table[["actor", "role", "units", "statements", "documents"]].values.tolist() == [
        ["lavrov", "minister", 6, 4, 1],
        ["russia_mfa", "", 4, 3, 1],  # "Iranian Foreign Minister Abbas Araghchi said" is no unit
        ["zakharova", "spokesperson", 1, 1, 1],
    ]
    assert table["share"].sum() == pytest.approx(1.0)


def test_a_side_never_counts_a_joint_statement_and_joint_is_its_own_voice(run):
    russia = statements(run.units, "side:russia", run.actors)
    assert "the treaty would last for twenty years" not in set(russia["text"])
    joint = statements(run.units, "joint", run.actors)
    assert joint[["actor", "type", "text"]].values.tolist() == [
        ["", "indirect", "the treaty would last for twenty years"]
    ]
    assert run.units.loc[run.units["text"].eq("the treaty would last for twenty years"), "side"].tolist() == [
        "iran+russia"
    ]
    with_joint = statements(run.units, "side:russia+joint", run.actors)
    assert len(with_joint) == len(russia) + 1


def test_members_outside_their_office_do_not_speak_for_the_institution(run):
    units = run.units.copy()
    units["date"] = pd.Timestamp("2020-01-01")  # before Araghchi became minister (2024-08-21)
    iran = statements(units, "iran_mfa", run.actors)
    assert "araghchi" not in set(iran["actor"]) and "baghaei" in set(iran["actor"])
    assert "araghchi" in set(statements(units, "araghchi", run.actors)["actor"])  # his own voice is his


# primary texts --------------------------------------------------------------------------------
def test_a_statement_is_its_speakers_voice_except_what_it_quotes_and_its_narration(run):
    table = statements(run.units, "all", run.actors).query("doc_id == @STATEMENT")
    assert rows(table, STATEMENT) == [
        ["outlet", "narration", "Moscow, October 2 (TASS) -"],
        [
            "russia_mfa",
            "statement",
            "The Treaty on Comprehensive Strategic Partnership between the Russian Federation and the Islamic "
            "Republic of Iran enters into force today.",
        ],
        ["russia_mfa", "statement", "The Treaty opens a new stage in relations between our countries."],
        ["russia_mfa", "statement", "It rests on equality, mutual respect and non-interference in internal affairs."],
        ["araghchi", "mixed", 'the treaty "turns a page in our history."'],
        ["russia_mfa", "statement", "We share this assessment."],
        ["outlet", "narration", "Read more: Lavrov and Araghchi discuss regional security"],
        ["outlet", "narration", "Photo: The signing ceremony in the Kremlin on January 17 (TASS)"],
    ]


def test_a_transcript_is_turns_of_its_speakers_and_questions_go_to_the_press(run):
    units = run.units[run.units["doc_id"].eq(TRANSCRIPT)]
    turns = run.utterances[run.utterances["doc_id"].eq(TRANSCRIPT)]
    assert turns[["actor", "type"]].values.tolist() == [
        ["outlet", "narration"],  # the page's introduction; the labels ("Sergey Lavrov:") are nobody's words
        ["lavrov", "turn"],
        ["lavrov", "turn"],
        ["araghchi", "turn"],
        ["press", "turn"],
        ["lavrov", "turn"],  # after "Sergey Lavrov (replying to a question):"
        ["press", "turn"],
        ["araghchi", "turn"],
        ["press", "turn"],  # after "Q:"
        ["lavrov", "turn"],  # after "S.Lavrov:"
        ["press", "turn"],
        ["araghchi", "turn"],  # after "Abbas Araghchi (replying):"
    ]
    labels = units[units["text"].str.fullmatch(r"[^.?!]{1,60}:")]
    assert labels.empty, labels["text"].tolist()
    assert set(units.loc[units["actor"].eq("press"), "source"]) == {"primary"}
    press = statements(run.units, "press", run.actors)
    assert press["text"].tolist()[0] == "Will the Treaty include a mutual defence clause?"
    assert len(press) == 4


def test_turn_labels_are_read_as_the_registry_reads_names():
    layout, actors = load_layout(), load_actors()
    text = textwrap.dedent(
        """\
        Transcript.

        Maria Zakharova (replying to a question): Yes.

        President of Iran Masoud Pezeshkian (retranslated): Thank you.

        Dmitry Novikov: A name outside the registry.

        There are three points: this is not a label.

        Moderator: Next question."""
    )
    found = [(t.label, t.actor, text[t.start : t.end]) for t in layout.turns(text, actors)]
    assert found == [
        ("Maria Zakharova (replying to a question)", "zakharova", "Yes."),
        ("President of Iran Masoud Pezeshkian (retranslated)", "pezeshkian", "Thank you."),
        ("Dmitry Novikov", "", "A name outside the registry.\n\nThere are three points: this is not a label."),
        ("Moderator", "press", "Next question."),
    ]


# narration is never content -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("paragraph", "narration"),
    [
        ("MOSCOW, Oct 2 (Reuters) - The treaty entered into force.", "MOSCOW, Oct 2 (Reuters) - "),
        ("TEHRAN – The treaty entered into force.", "TEHRAN – "),
        ("TEHRAN (IRNA) -- The treaty entered into force.", "TEHRAN (IRNA) -- "),
        ("Moscow [Russia], October 2 (ANI): The treaty entered into force.", "Moscow [Russia], October 2 (ANI): "),
        ("Avash News: The treaty entered into force.", "Avash News: "),
        ("Read more: Iran and Russia sign pact", "Read more: Iran and Russia sign pact"),
        ("Photo: Putin and Pezeshkian in Moscow", "Photo: Putin and Pezeshkian in Moscow"),
    ],
)
def test_datelines_credits_read_more_and_captions_are_narration(paragraph, narration):
    spans = load_layout().narration_spans(paragraph)
    assert [paragraph[s:e] for s, e, _ in spans] == [narration]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Moscow said the treaty entered into force.",
        "Iran – like Russia – opposes sanctions.",
        "NATO members said nothing.",
        "Image is everything in diplomacy, Zakharova said.",
        "Related talks will follow, Lavrov said.",
    ],
)
def test_ordinary_sentences_are_not_narration(paragraph):
    assert load_layout().narration_spans(paragraph) == []


def test_datelines_and_credits_never_reach_a_ministrys_statements(run):
    iran = statements(run.units, "iran_mfa", run.actors)
    for text in iran["text"]:
        assert "IRNA" not in text and "Avash" not in text and not text.startswith("on January")
    assert rows(iran, NEWS, ("actor", "text"))[0] == [
        "araghchi",
        'the treaty signed in Moscow was a "turning point" in relations with Russia',
    ]


# joint speakers -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Tehran and Moscow signed it. Lavrov met Zakharova. Both sides said the pact would last.", "iran+russia"),
        ("Araghchi met Lavrov. The two countries said the pact would last.", "iran+russia"),
        ("Tehran and Moscow said they oppose unilateral sanctions.", "iran+russia"),
        ("Russia and Iran said they oppose unilateral sanctions.", "iran+russia"),
    ],
)
def test_joint_speakers_are_both_sides_of_the_story(text, side):
    found = analysis.extract_quotes(text)
    assert found[["actor", "side", "resolution"]].values.tolist() == [["", side, "joint"]]


def test_named_leaders_stay_a_group_of_people():
    found = analysis.extract_quotes("Putin hosted Pezeshkian. Both leaders said ties were strong.")
    assert found[["actor", "side", "resolution"]].values.tolist() == [["pezeshkian+putin", "iran+russia", "group"]]


# documents and the command line ---------------------------------------------------------------
def test_genre_and_speaker_are_checked(tmp_path):
    path = write_document(tmp_path, "a.md", "Text.", genre="memo")
    with pytest.raises(CorpusError, match="genre 'memo' is not one of news, statement"):
        analysis.corpus.read_document(path)
    path = write_document(tmp_path, "b.md", "Text.", genre="statement")
    with pytest.raises(CorpusError, match="a statement needs a 'speaker'"):
        analysis.corpus.read_document(path)
    corpus = tmp_path / "corpus"
    write_document(corpus / "documents", "c.md", "Text.", genre="statement", speaker="nobody")
    with pytest.raises(CorpusError, match=r"c\.md: speaker 'nobody' is not an actor id"):
        analysis.analyse_corpus(corpus)


@pytest.mark.parametrize("document", sorted((FIXTURE / "documents").glob("*.md")), ids=lambda p: p.stem)
def test_framing_statements_prints_every_sentence_of_a_voice(capsys, document):
    assert main(["statements", str(document), "--voice", "side:russia", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert list(table.columns) == ["doc_id", "start", "end", "actor", "role", "genre", "type", "text"]
    text = Path(document).read_text(encoding="utf-8").split("---\n", 2)[2].strip("\n")
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    assert set(table["type"]) <= {"direct", "indirect", "mixed", "statement", "turn"}


def test_framing_statements_names_a_bad_voice(capsys):
    assert main(["statements", str(FIXTURE), "--voice", "side:china"]) == 2
    assert "unknown side 'china'" in capsys.readouterr().err
    with pytest.raises(VoiceError):
        Voice.parse("only:a+b")
