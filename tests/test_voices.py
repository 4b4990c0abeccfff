"""Utterances (every span with its voice), voice selection and sentence units."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import VoiceError
from analysis.voices import UNIT_COLUMNS, UTTERANCE_COLUMNS, Voice, known_voices, utterance_sentences, utterances

TEXT = (
    "Talks ended on Monday. The ministry said ties are strong.\n\n"
    "\u201cWe trust Moscow,\u201d Araghchi said. Both leaders agreed that trade must grow.\n\n"
    "Analysts were unsure."
)


def _att(rows):
    columns = ["doc_id", "quote_id", "start", "end", "type", "actor", "side"]
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture
def docs():
    return pd.DataFrame({"doc_id": ["d"], "outlet": ["Wire"], "text": [TEXT]})


@pytest.fixture
def attributions():
    def span(fragment):
        start = TEXT.index(fragment)
        return start, start + len(fragment)

    return _att(
        [
            ("d", 0, *span("ties are strong."), "indirect", "iran_mfa", "iran"),
            ("d", 1, *span("We trust Moscow,"), "direct", "araghchi", "iran"),
            ("d", 2, *span("trade must grow."), "indirect", "pezeshkian+putin", "iran+russia"),
        ]
    )


def test_utterances_cover_the_text_with_one_voice_per_character(docs, attributions):
    utt = utterances(docs, attributions)
    assert list(utt.columns) == UTTERANCE_COLUMNS
    assert utt["utt_id"].tolist() == list(range(len(utt)))
    for row in utt.itertuples():
        assert TEXT[row.start : row.end] == row.text
    starts, ends = utt["start"].tolist(), utt["end"].tolist()
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))  # no overlap
    quotes = utt[utt["source"] == "quote"]
    assert quotes["actor"].tolist() == ["iran_mfa", "araghchi", "pezeshkian+putin"]
    assert quotes["quote_id"].tolist() == [0, 1, 2]
    narration = utt[utt["source"] == "narration"]
    assert set(narration["actor"]) == {"outlet"}
    assert set(narration["outlet"]) == {"Wire"}
    # The lone opening mark has no letter and is dropped; narration stops at paragraph breaks.
    assert narration["text"].tolist() == [
        "Talks ended on Monday. The ministry said",
        "\u201d Araghchi said. Both leaders agreed that",
        "Analysts were unsure.",
    ]
    # Every letter of the document is in exactly one utterance.
    covered = set()
    for row in utt.itertuples():
        covered.update(range(row.start, row.end))
    assert all(i in covered for i, ch in enumerate(TEXT) if ch.isalnum())


def test_narration_without_letters_is_dropped(docs):
    att = _att([("d", 0, 0, len(TEXT) - 1, "direct", "lavrov", "russia")])
    utt = utterances(docs, att)
    assert utt["source"].tolist() == ["quote"]


def test_overlapping_attributions_keep_the_first(docs):
    att = _att([("d", 0, 10, 40, "indirect", "lavrov", "russia"), ("d", 1, 20, 50, "indirect", "putin", "russia")])
    utt = utterances(docs, att)
    assert utt.loc[utt["source"] == "quote", "actor"].tolist() == ["lavrov"]


def test_documents_without_attributions_are_all_narration(docs):
    utt = utterances(docs, _att([]))
    assert set(utt["source"]) == {"narration"}
    assert len(utt) == 3  # one per paragraph


@pytest.mark.parametrize(
    ("voice", "actors"),
    [
        ("iran_mfa", ["iran_mfa"]),
        ("putin+joint", ["pezeshkian+putin"]),  # a joint statement counts only when asked
        ("side:iran", ["iran_mfa", "araghchi"]),
        ("side:iran+joint", ["iran_mfa", "araghchi", "pezeshkian+putin"]),
        ("joint", ["pezeshkian+putin"]),
        ("joint:iran+russia", ["pezeshkian+putin"]),
        ("outlet", ["outlet"] * 3),
        ("outlet:Wire", ["outlet"] * 3),
    ],
)
def test_select_voice(docs, attributions, voice, actors):
    utt = utterances(docs, attributions)
    assert analysis.select_voice(utt, voice)["actor"].tolist() == actors


def test_all_voice_selects_everything(docs, attributions):
    utt = utterances(docs, attributions)
    assert Voice.parse("all").mask(utt).all()


@pytest.mark.parametrize("voice", ["lavrov", "side:mars", "outlet:Other Wire"])
def test_a_voice_without_text_raises_listing_the_voices(docs, attributions, voice):
    utt = utterances(docs, attributions)
    with pytest.raises(VoiceError, match="voices present: araghchi, iran_mfa, side:iran, joint"):
        analysis.select_voice(utt, voice)


@pytest.mark.parametrize("voice", ["", "   ", "actor:lavrov"])
def test_malformed_voices_raise(docs, attributions, voice):
    utt = utterances(docs, attributions)
    with pytest.raises(VoiceError):
        analysis.select_voice(utt, voice)


def test_known_voices(docs, attributions):
    utt = utterances(docs, attributions)
    assert known_voices(utt) == [
        "araghchi", "iran_mfa", "side:iran", "joint", "outlet", "outlet:Wire",
    ]  # fmt: skip


def test_voice_labels():
    actors = analysis.load_actors()
    assert Voice.parse("pezeshkian+putin").label(actors) == "Masoud Pezeshkian + Vladimir Putin"
    assert Voice.parse("outlet:Wire").label() == "Wire (narration)"
    assert Voice.parse("lavrov").label() == "lavrov"


def test_utterance_sentences_are_traceable_units(docs, attributions):
    utt = utterances(docs, attributions)
    units = utterance_sentences(utt)
    assert list(units.columns) == UNIT_COLUMNS
    for row in units.itertuples():
        assert TEXT[row.start : row.end] == row.text
        assert row.unit_id == f"d:{row.start}-{row.end}"
    first = units[units["source"] == "narration"].iloc[0]
    assert first["text"] == "Talks ended on Monday."
    assert units["unit_id"].is_unique


# the Voice type -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "name", "canonical"),
    [
        ("iran_mfa", "actor", "iran_mfa", "iran_mfa"),
        (" pezeshkian+putin ", "actor", "pezeshkian+putin", "pezeshkian+putin"),
        ("side:iran", "side", "iran", "side:iran"),
        ("outlet", "outlet", "", "outlet"),
        ("outlet:IRNA", "outlet", "IRNA", "outlet:IRNA"),
        ("all", "all", "", "all"),
    ],
)
def test_a_voice_is_parsed_once_into_kind_and_name(text, kind, name, canonical):
    voice = Voice.parse(text)
    assert (voice.kind, voice.name, str(voice)) == (kind, name, canonical)
    assert Voice.parse(voice) is voice and Voice.parse(str(voice)) == voice


@pytest.mark.parametrize("text", ["", "  ", "side:", "outlet:", "nation:iran", "a++b", "+a"])
def test_malformed_voices_are_one_clear_error(text):
    with pytest.raises(VoiceError):
        Voice.parse(text)


def test_checking_a_voice_names_what_the_registry_knows():
    actors = analysis.load_actors()
    assert Voice.parse("lavrov+araghchi").check(actors).actor_ids == ("lavrov", "araghchi")
    with pytest.raises(VoiceError, match="unknown side 'china'"):
        Voice.parse("side:china").check(actors)
    with pytest.raises(VoiceError, match="unknown actor id 'nobody'"):
        Voice.parse("lavrov+nobody").check(actors)
