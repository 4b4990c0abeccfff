"""Documents are read by their language (issue 26): English as always, Russian with its own
resources, other languages kept and counted but never read with another language's rules."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.attribution.extract import attribution_rows
from analysis.attribution.multilingual import attribution_rows_in
from analysis.cli import main
from analysis.compare import compare_voices
from analysis.compare.comparison import MixedLanguagesWarning
from analysis.compare.findings import findings_table
from analysis.corpus import load_actors
from analysis.corpus.layout import load_layout
from analysis.corpus.overview import describe_languages
from analysis.errors import VoiceError
from analysis.languages import LANGUAGES_DIR, is_analysable, load_language
from analysis.pipeline import analyse_corpus
from analysis.pipeline.languages import language_notices
from analysis.pipeline.parquet import write_table
from analysis.pipeline.partition import Settings, analyse_frame
from analysis.pipeline.store import StoreError, read_stored
from analysis.pipeline.study import load_study
from analysis.render import findings
from analysis.salience.detectors import detect_by_language, detector_languages
from analysis.salience.frames import load_frames
from analysis.sentiment import SentimentError, check_sentiment_method, load_dictionary, score_units
from analysis.sentiment.differences import compare_sentiment
from analysis.sentiment.methods import FunctionMethod, method_languages
from analysis.sentiment.stats import aggregate_sentiment
from analysis.validation import assess
from analysis.voices.voice import Voice

MIXED = Path(__file__).parent / "fixtures" / "mixed_corpus"
RU_LAYOUT = LANGUAGES_DIR / "ru" / "layout.yml"


def _documents(texts: dict[str, tuple[str, str]], genre: str = "news", speaker: str = "") -> pd.DataFrame:
    """A documents table of ``{doc_id: (language, text)}``."""
    rows = [
        {"doc_id": doc_id, "title": "T", "outlet": "Wire", "date": pd.Timestamp("2025-10-03"), "url": "",
         "byline": "", "language": language, "genre": genre, "speaker": speaker, "text": text, "path": f"{doc_id}.md"}
        for doc_id, (language, text) in texts.items()
    ]  # fmt: skip
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def settings():
    return Settings(load_study("-"), time_limit=None)


# --- the per-document pass, by language ------------------------------------------------------
ENGLISH = (
    "MOSCOW, Oct 2 (Reuters) - Lavrov said the treaty was a milestone.\n\n"
    '"We will defend our sovereignty," Araghchi said. Read more: Pact signed'
)


def test_an_english_document_is_read_as_before_with_or_without_its_language(settings):
    given = analyse_frame(_documents({"d": ("en", ENGLISH)}), settings)
    unset = analyse_frame(_documents({"d": ("", ENGLISH)}), settings)
    for name in ("attributions", "stats", "frames"):
        pd.testing.assert_frame_equal(getattr(given, name), getattr(unset, name))
    pd.testing.assert_frame_equal(given.units.drop(columns="language"), unset.units.drop(columns="language"))
    assert set(given.units["language"]) == {"en"} and set(unset.units["language"]) == {""}
    study = load_study("-")
    alone = attribution_rows("d", ENGLISH, study.actors, study.quote_rules, layout=study.layout)
    assert given.attributions["content"].tolist() == [row[4] for row in alone]


RUSSIAN = (
    "МОСКВА, 3 октября. /ТАСС/. Договор вступил в силу, сообщает ТАСС.\n\n"
    "«Договор открывает новую главу», — заявил Лавров. По словам Захаровой, стороны готовят визит.\n\n"
    "Посол сообщил, что работа идет, сообщает ТАСС со ссылкой на МИД Ирана.\n\n"
    "Министры встретились на ул. Смоленской. Переговоры продолжатся."  # syntok would split after "ул."
)


def test_a_russian_document_is_read_with_razdel_its_quote_rules_and_its_layout(settings):
    result = analyse_frame(_documents({"r": ("ru", RUSSIAN)}), settings)
    quotes = result.attributions
    rows = attribution_rows_in("r", RUSSIAN, load_actors(), load_language("ru"))
    relayed = [row for row in rows if row[6] == "сообщает"]  # "…, сообщает ТАСС." is the agency's credit
    assert len(rows) == len(quotes) + len(relayed) and relayed
    assert quotes["quote_id"].tolist() == list(range(len(quotes)))  # numbered again
    assert ("Договор открывает новую главу", "lavrov") in set(zip(quotes["content"], quotes["actor"], strict=True))
    assert ("стороны готовят визит", "zakharova") in set(zip(quotes["content"], quotes["actor"], strict=True))
    units = result.units
    assert set(units["language"]) == {"ru"}
    # the dateline, a sentence of razdel's, is narration: no unit; sentences come from razdel
    assert not any(text.startswith(("МОСКВА", "/ТАСС/")) for text in units["text"])
    assert "Министры встретились на ул. Смоленской." in set(units["text"])
    assert result.stats.loc[0, "sentences"] == len(load_language("ru").split_sentences(RUSSIAN))
    assert result.stats.loc[0, "words"] == len(load_language("ru").tokens(RUSSIAN))


def test_a_source_named_after_the_agency_is_not_its_credit(settings):
    quotes = analyse_frame(_documents({"r": ("ru", RUSSIAN)}), settings).attributions
    relayed = quotes[quotes["cue"].eq("со ссылкой на")]
    assert relayed[["content", "actor"]].values.tolist() == [["Посол сообщил, что работа идет", "iran_mfa"]]


def test_russian_transcript_turns_belong_to_their_speakers(settings):
    text = (
        "Добрый день. Мы обсудили договор.\n\nВопрос: Когда начнется работа?\n\n"
        "С.В.Лавров: Работа уже идет.\n\nМ.В.Захарова (отвечая на вопрос): Санкции незаконны."
    )
    units = analyse_frame(_documents({"t": ("ru", text)}, genre="transcript", speaker="lavrov"), settings).units
    owners = dict(zip(units["text"], units["actor"], strict=True))
    assert owners["Добрый день."] == "lavrov"  # the opening is the document's speaker's
    assert owners["Когда начнется работа?"] == "press"
    assert owners["Работа уже идет."] == "lavrov"
    assert owners["Санкции незаконны."] == "zakharova"
    assert not any(text.endswith(":") or text.startswith("С.В.Лавров") for text in owners)  # labels are nobody's


@pytest.mark.parametrize("language", ["de", "uk", "xx"])
def test_a_document_without_resources_is_kept_and_counted_but_not_read(settings, language):
    text = "Lavrov said the treaty was a milestone. Araghchi said sanctions are illegal."
    result = analyse_frame(_documents({"d": (language, text), "e": ("en", text)}), settings)
    assert result.documents["doc_id"].tolist() == ["d", "e"]
    assert set(result.attributions["doc_id"]) == {"e"}  # never read with the English rules
    assert set(result.units["doc_id"]) == {"e"} and set(result.utterances["doc_id"]) == {"e"}
    counted = result.stats.set_index("doc_id").loc["d"]
    assert (counted["paragraphs"], counted["sentences"], counted["words"]) == (1, 2, 12)


def test_which_languages_are_analysed():
    assert [is_analysable(c) for c in ("en", "", "ru", "de", "xx")] == [True, True, True, False, False]
    assert is_analysable("fa") == (LANGUAGES_DIR / "fa" / "quotes.yml").is_file()  # a language is its files


# --- the layout of Russian news --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "narration"),
    [
        ("МОСКВА, 5 октября. /ТАСС/. Договор вступил в силу.", "МОСКВА, 5 октября. /ТАСС/. "),
        ("ТЕГЕРАН, 12 января – РИА Новости. Стороны встретились.", "ТЕГЕРАН, 12 января – РИА Новости. "),
        ("МОСКВА, 3 окт — РИА Новости. Текст.", "МОСКВА, 3 окт — РИА Новости. "),
        ("НЬЮ-ЙОРК, 1 октября. /Корр. ТАСС/. Заседание прошло.", "НЬЮ-ЙОРК, 1 октября. /Корр. ТАСС/. "),
        ("МОСКВА, 2 октября 2025 г. – Договор подписан.", "МОСКВА, 2 октября 2025 г. – "),
    ],
)
def test_russian_datelines_are_narration(text, narration):
    spans = load_layout(RU_LAYOUT).narration_spans(text)
    assert text[spans[0][0] : spans[0][1]] == narration


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Договор вступил в силу, сообщает ТАСС.", ", сообщает ТАСС"),
        ("Визит состоится в ноябре, передает РИА Новости.\n\nДалее.", ", передает РИА Новости"),
        ("Стороны обсудили торговлю (ИРНА).", " (ИРНА)"),
        ("Фото: ТАСС/Иван Иванов", "Фото: ТАСС/Иван Иванов"),
        ("Текст.\n\nЧитайте также: Договор подписан", "Читайте также: Договор подписан"),
    ],
)
def test_russian_agency_credits_captions_and_read_more_lines_are_narration(text, credit):
    found = [text[s:e] for s, e, _ in load_layout(RU_LAYOUT).narration_spans(text)]
    assert credit in found


@pytest.mark.parametrize(
    "text",
    [
        "Лавров заявил, что договор важен, сообщает ТАСС со ссылкой на МИД.",  # the source is named
        "Россия и Иран, 5 стран региона и другие участники.",  # not a dateline: not in capitals
        "ТАСС сообщает, что договор вступил в силу.",  # the agency as a subject
    ],
)
def test_what_is_not_russian_narration(text):
    assert load_layout(RU_LAYOUT).narration_spans(text) == []


def test_the_english_layout_reads_no_cyrillic_labels():
    text = "Вопрос: Когда?\n\nС.В.Лавров: Сейчас."
    assert load_layout().turns(text, load_actors()) == []
    assert [t.actor for t in load_layout(RU_LAYOUT).turns(text, load_actors())] == ["press", "lavrov"]


# --- sentiment: a method reads the languages it declares -------------------------------------
UNITS = pd.DataFrame(
    {
        "unit_id": ["e:0-5", "r:0-7", "u:0-4"],
        "doc_id": ["e", "r", "u"],
        "text": ["Ties are excellent.", "Отношения отличные.", "Good."],
        "language": ["en", "ru", ""],
    }
)


def test_english_lexicons_never_score_russian_units():
    scored = score_units(UNITS, method="vader")
    assert np.isnan(scored.loc[1, "compound"]) and scored.loc[1, "polarity"] == ""
    assert scored.loc[0, "compound"] > 0 and scored.loc[2, "compound"] > 0  # "" is English
    assert score_units(UNITS.drop(columns="language"), method="vader")["compound"].notna().all()


def test_a_russian_dictionary_scores_russian_units_only(tmp_path):
    path = tmp_path / "tone.ru.lc3"
    path.write_text("+positive\nотличн*\n+negative\nнезаконн*\n", encoding="utf-8")
    method = load_dictionary(path)
    assert method_languages(method) == ("ru",)
    scored = score_units(UNITS, method=method)
    assert scored.loc[1, "compound"] > 0
    assert scored[["compound"]].iloc[[0, 2]].isna().all().all()
    assert method_languages(load_dictionary(path, languages=["en", "ru"])) == ("en", "ru")


def test_summaries_say_how_many_units_tone_was_not_measured_for():
    scored = score_units(pd.concat([UNITS] * 2, ignore_index=True).assign(actor="a"), method="vader")
    row = aggregate_sentiment(scored, by="actor").iloc[0]
    assert row["n"] == 4 and "tone not measured for 2 Russian units" in row["note"]


def test_the_protocol_check_reads_declared_languages():
    method = FunctionMethod("ru_model", lambda texts: [(0.0, 1.0, 0.0, 0.0)] * len(texts))
    method.languages = ("ru",)
    check_sentiment_method(method)
    method.languages = ("Russian",)
    with pytest.raises(SentimentError, match="languages must be ISO 639-1 codes"):
        check_sentiment_method(method)


# --- frames: a detector reads the languages it declares --------------------------------------
class _Everything:
    frame_ids = ("a", "b")

    def __init__(self, languages=None):
        if languages is not None:
            self.languages = languages

    def detect(self, texts):
        return np.ones((len(texts), 2), dtype=bool)


def test_frames_are_detected_only_in_the_languages_a_detector_reads():
    texts, languages = ["one", "два", "three"], ["en", "ru", "en"]
    assert detector_languages(_Everything()) == ("en",)
    assert detect_by_language(_Everything(), texts, languages).any(axis=1).tolist() == [True, False, True]
    assert detect_by_language(_Everything(("ru",)), texts, languages).any(axis=1).tolist() == [False, True, False]
    assert detect_by_language(_Everything(), [], []).shape == (0, 2)


# --- voices of one language ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("notation", "written"),
    [
        ("iran_mfa@ru", "iran_mfa@ru"),
        ("lang:ru:iran_mfa", "iran_mfa@ru"),
        ("lang:ru", "all@ru"),
        ("side:iran+joint@ru", "side:iran+joint@ru"),
        ("lang:fa:outlet:IRNA", "outlet:IRNA@fa"),
    ],
)
def test_the_language_notation_of_voices(notation, written):
    voice = Voice.parse(notation)
    assert str(voice) == written and Voice.parse(str(voice)) == voice


@pytest.mark.parametrize("notation", ["iran_mfa@Russian", "lang:ru:iran_mfa@en", "lang:", "iran_mfa@"])
def test_bad_language_notation_is_one_line_error(notation):
    with pytest.raises(VoiceError):
        Voice.parse(notation)


def test_a_voice_of_one_language_selects_its_rows():
    table = pd.DataFrame(
        {"actor": ["lavrov", "lavrov", "outlet"], "side": ["russia", "russia", ""],
         "source": ["quote", "quote", "narration"], "outlet": ["W"] * 3, "language": ["en", "ru", "ru"]}
    )  # fmt: skip
    assert Voice.parse("lavrov@ru").mask(table).tolist() == [False, True, False]
    assert Voice.parse("lang:ru").mask(table).tolist() == [False, True, True]
    assert Voice.parse("lavrov@ru").label(load_actors()).endswith("(Russian)")
    with pytest.raises(VoiceError, match="no 'language' column"):
        Voice.parse("lavrov@ru").mask(table.drop(columns="language"))


# --- validate --------------------------------------------------------------------------------
def test_validate_warns_of_a_body_in_another_language_and_notes_documents_not_analysed(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(MIXED, corpus)
    document = corpus / "documents" / "ru-02.md"
    document.write_text(document.read_text(encoding="utf-8").replace("language: ru", "language: en"), "utf-8")
    assert main(["validate", str(corpus)]) == 0
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if "language" in line]
    assert any("warning" in line and "ru-02.md" in line and "set language: ru" in line for line in lines)
    assert any("notice" in line and "de-01.md" in line and "not analysed" in line for line in lines)
    assert len(lines) == 2
    assert "1 document in a language without resources" in captured.out


def test_language_notices_do_not_flag_short_or_matching_bodies():
    docs = _documents({"a": ("ru", RUSSIAN), "b": ("en", ENGLISH), "c": ("en", "Да.")})
    assert language_notices(docs) == []


# --- the mixed corpus end to end -------------------------------------------------------------
@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    return analyse_corpus(MIXED, store=tmp_path_factory.mktemp("store"))


def test_the_mixed_corpus_analyses_every_language_with_its_own_rules(mixed):
    assert len(mixed.documents) == 6 and len(mixed.stats) == 6
    by_language = mixed.units.groupby("language")["unit_id"].size().to_dict()
    assert set(by_language) == {"en", "ru"}  # the German document gives no unit
    assert "de-01" not in set(mixed.attributions["doc_id"])
    ru = mixed.attributions[mixed.attributions["doc_id"].str.startswith("ru")]
    assert {"lavrov", "araghchi", "baghaei", "zakharova"} <= set(ru["actor"])
    russian = mixed.units[mixed.units["language"].eq("ru")]
    assert russian["compound"].isna().all()  # the default method reads English only
    assert mixed.units.loc[mixed.units["language"].eq("en"), "compound"].notna().all()
    overview = describe_languages(mixed.documents)
    assert overview.startswith("By language: 2 English, 3 Russian, 1 in 'de'.")


def test_a_stored_units_table_without_languages_is_rejected(tmp_path, mixed):
    path = tmp_path / "units.parquet"
    write_table(mixed.units.drop(columns="language"), path)
    with pytest.raises(StoreError, match="another version of the package"):
        read_stored(path, "units")


def test_comparing_voices_that_mix_languages_warns_and_says_how_to_restrict_them(mixed):
    with pytest.warns(MixedLanguagesWarning, match="@ru"):
        comparison = compare_voices(mixed, "side:russia", "side:iran", cache=False)
    assert any("several languages" in note for note in comparison.caveats)
    assert any(note.startswith("Tone not measured for") for note in comparison.caveats)


def test_comparing_voices_of_one_language_and_rendering_the_findings(mixed):
    with warnings.catch_warnings():
        warnings.simplefilter("error", MixedLanguagesWarning)
        comparison = compare_voices(mixed, "side:russia@ru", "side:iran@ru", cache=False)
    assert not any("several languages" in note for note in comparison.caveats)
    assert comparison.labels == ("Russia (all actors) (Russian)", "Iran (all actors) (Russian)")
    tone = findings_table(comparison, actors=mixed.actors).set_index("measure").loc["Mean tone"]
    assert tone["a"] is None and "tone not measured for" in tone["note"]
    html = findings(comparison, actors=mixed.actors).data
    assert "tone not measured for" in html and "(Russian)" in html
    terms = set(comparison.keyness["term"])
    assert terms and all(not term.isascii() for term in terms)  # Russian words, not English ones


def test_attribute_quotes_reads_each_document_by_its_language():
    from analysis.attribution.extract import attribute_quotes

    documents = pd.DataFrame(
        {
            "doc_id": ["r", "d", "e"],
            "text": ["«Договор важен», — заявил Лавров.", "Lawrow sagte, er sei wichtig.", "Lavrov said it matters."],
            "language": ["ru", "de", "en"],
        }
    )
    found = attribute_quotes(documents)[["doc_id", "content", "actor"]].values.tolist()
    assert found == [["r", "Договор важен", "lavrov"], ["e", "it matters", "lavrov"]]


def test_utterance_sentences_split_a_russian_document_as_the_pipeline_does(settings):
    from analysis.voices import utterance_sentences

    documents = _documents({"r": ("ru", RUSSIAN)})
    result = analyse_frame(documents, settings)
    again = utterance_sentences(result.utterances, documents)
    narration = load_layout(RU_LAYOUT).narration_spans(RUSSIAN)
    inside = again.apply(lambda u: any(s <= u["start"] and u["end"] <= e for s, e, _ in narration), axis=1)
    assert again.loc[~inside, "unit_id"].tolist() == result.units["unit_id"].tolist()
    assert "Министры встретились на ул. Смоленской." in set(again["text"])


def test_a_model_learned_from_russian_codes_reads_russian_only(tmp_path):
    import json

    from analysis.validation.learned import load_detector, train_detector

    texts = ["Торговля и инвестиции растут."] * 6 + ["Угроза ракетного удара растет."] * 6
    labels = pd.DataFrame({"frame:economy": [1.0] * 6 + [0.0] * 6, "tone": [2.0] * 6 + [-2.0] * 6})
    detector = train_detector(texts, labels, languages=["ru"])
    assert detector.languages == ("ru",) and detector.tone.languages == ("ru",)
    path = detector.save(tmp_path / "ru-model.json")
    loaded = load_detector(path)
    assert loaded.languages == ("ru",) and method_languages(loaded.tone) == ("ru",)
    hits = detect_by_language(loaded, ["Инвестиции растут.", "Investment grows."], ["ru", "en"])
    assert hits[1].sum() == 0
    scored = score_units(UNITS, method=loaded.tone)
    assert scored["compound"].notna().tolist() == [False, True, False]
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["languages"]  # a model file written before languages were declared reads English
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_detector(path).languages == ("en",)


def test_validity_reads_russian_codes_with_the_russian_terms_and_no_english_tone(tmp_path):
    corpus = tmp_path / "mixed"
    shutil.copytree(MIXED, corpus)
    run = analyse_corpus(corpus, store=False)
    units = run.units[run.units["language"].isin(["en", "ru"])].reset_index(drop=True)
    lexicon = load_frames()
    hits = detect_by_language(lexicon, units["text"].tolist(), units["language"].tolist())
    sheet = units[["doc_id", "start", "end", "unit_id"]].copy()
    for j, frame in enumerate(lexicon.frame_ids):
        sheet[f"frame:{frame}"] = hits[:, j].astype(int)  # codes that agree with the lexicon everywhere
    sheet["tone"] = np.where(units["language"].eq("en"), 1, 0)
    sheet["coder"] = "a"
    (corpus / "codes").mkdir()
    sheet.to_csv(corpus / "codes" / "a.csv", index=False)
    result = assess(run.documents, [corpus / "codes" / "a.csv"])
    micro = result.frames.set_index("id").loc["micro"]
    assert micro["f1"] == 1.0 and micro["n"] == len(units)  # Russian spans read by their lemmas, as coded
    assert result.measured.all()
    tone = result.tone.set_index("method").loc["diplomatic"]
    assert tone["n"] == int(units["language"].eq("en").sum())  # Russian spans are not scored by an English method


@pytest.mark.parametrize("label", ["И.И.Петров", "Иван Петров", "Посол Иван Петров"])
def test_a_russian_label_of_a_name_outside_the_registry_opens_a_turn_of_nobody(label):
    text = f"С.В.Лавров: Работа уже идет.\n\n{label}: Я хотел бы добавить, что санкции незаконны.\n\nВопрос: Спасибо."
    turns = load_layout(RU_LAYOUT).turns(text, load_actors())
    assert [t.actor for t in turns] == ["lavrov", "", "press"]  # not Lavrov's words
    assert text[turns[1].start : turns[1].end].startswith("Я хотел бы")


def test_comparing_the_tone_of_voices_leaves_out_units_whose_tone_was_not_measured():
    scored = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c", "c", "d"],
            "unit_id": ["a:0-1", "a:2-3", "b:0-1", "c:0-1", "c:2-3", "d:0-1"],
            "actor": ["lavrov", "lavrov", "lavrov", "araghchi", "araghchi", "araghchi"],
            "side": ["russia", "russia", "russia", "iran", "iran", "iran"],
            "source": ["quote"] * 6,
            "outlet": ["X"] * 6,
            "compound": [0.5, np.nan, 0.3, -0.2, -0.4, np.nan],
        }
    )
    row = compare_sentiment(scored, "lavrov", "araghchi").iloc[0]
    assert (row["n_a"], row["n_b"]) == (2, 2)
    assert row["mean_a"] == pytest.approx(0.4) and row["mean_b"] == pytest.approx(-0.3)
    assert "tone not measured for 1 unit(s) of lavrov" in row["note"]
