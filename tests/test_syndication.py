"""Syndication: near-duplicate documents, distinct statements with reach, selective quoting, timelines.

The fixture corpus ``tests/fixtures/syndication`` (our own text) holds:

* a statement of the Iranian Foreign Ministry, seven sentences (S1-S7);
* a Tehran Wire report quoting S2 and S4 verbatim, paraphrasing S6, and reporting one statement
  that is not in the text (the transport corridor);
* two reprints of it: Eastern Post (new headline, dateline and a word in the lead) and Northern
  Herald (new headline and dateline, the corridor paragraph dropped);
* a Caspian Daily report quoting S1 verbatim through the ministry's spokesman and paraphrasing
  S5 (the list in another order, "widen" for "expand");
* a Gulf Monitor report of two ministry statements that are not in the text at all.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis as fa
from analysis.cli import main
from analysis.corpus import documents_from_texts
from analysis.errors import AnalysisError
from analysis.render import plot_coverage, plot_timeline
from analysis.syndication import (
    CoverageError,
    EventsError,
    align_statements,
    counted_units,
    coverage,
    dedupe_documents,
    describe_duplicates,
    distinct_statements,
    find_duplicates,
    load_events,
    primary_documents,
    statement_reach,
    statement_timeline,
)
from analysis.syndication.distinct import THRESHOLD as STATEMENT_THRESHOLD
from analysis.syndication.shingles import char_shingles, jaccard, similar_groups, word_shingles

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "syndication"
SOURCE = "mfa-2025-10-02-statement"
TEHRAN, EASTERN, NORTHERN = (
    "tehranwire-2025-10-02-treaty-in-force",
    "easternpost-2025-10-03-treaty-takes-effect",
    "northernherald-2025-10-03-iran-russia-pact",
)


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("syndication_benchmark", ROOT / "benchmarks" / "syndication.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark()


@pytest.fixture(scope="module")
def run():
    return fa.analyse_corpus(FIXTURE)


# --- near-duplicate documents -----------------------------------------------------------------


def test_the_reprints_form_one_cluster_and_the_first_is_kept(run):
    table = find_duplicates(run.documents)
    assert table[["cluster", "doc_id", "kept", "kind", "size", "outlet"]].values.tolist() == [
        [1, TEHRAN, True, "", 3, "Tehran Wire"],
        [1, EASTERN, False, "near", 3, "Eastern Post"],
        [1, NORTHERN, False, "near", 3, "Northern Herald"],
    ]
    assert table["jaccard"].round(2).tolist() == [1.0, 0.86, 0.73]
    assert table["containment"].round(2).tolist() == [1.0, 0.92, 0.92]


def test_dedupe_keeps_one_document_per_cluster(run, monkeypatch):
    kept = dedupe_documents(run.documents)
    assert kept.attrs["duplicates_dropped"] == 2
    assert set(run.documents["doc_id"]) - set(kept["doc_id"]) == {EASTERN, NORTHERN}
    assert len(fa.analyse_corpus(FIXTURE, dedupe=True).documents) == 4
    monkeypatch.setenv("FRAMING_DEDUPE", "1")  # the 0.1 side channel: no longer read
    assert len(fa.analyse_corpus(FIXTURE).documents) == 6


def test_exact_copies_short_texts_and_unrelated_texts():
    body = "The two ministers met in Moscow and agreed on a plan for trade and energy links next year."
    docs = documents_from_texts({"a": body, "b": body.upper(), "c": "Short.", "d": "Short.", "e": "Other."})
    table = find_duplicates(docs)
    assert table[["cluster", "doc_id", "kept", "kind"]].values.tolist() == [
        [1, "a", True, ""],
        [1, "b", False, "exact"],
        [2, "c", True, ""],
        [2, "d", False, "exact"],
    ]
    assert find_duplicates(documents_from_texts(["One text here.", "Quite another one."])).empty


def test_a_cut_reprint_is_found_by_containment():
    words = bench._Words(seed=9)
    paragraphs = [" ".join(words.sentence() for _ in range(2)) for _ in range(8)]
    full = "\n\n".join(paragraphs)
    cut = "\n\n".join(paragraphs[:3])  # three paragraphs of eight: Jaccard about 0.4, containment 1
    docs = documents_from_texts({"full": full, "cut": cut})
    assert find_duplicates(docs, contained=None).empty
    table = find_duplicates(docs)
    assert table["doc_id"].tolist() == ["full", "cut"]
    assert table.loc[1, "containment"] == 1.0 and table.loc[1, "jaccard"] < 0.5


def test_a_live_blog_of_several_stories_is_a_compilation_not_a_copy():
    words = bench._Words(seed=12)

    def story() -> list[str]:
        return [" ".join(words.sentence() for _ in range(2)) for _ in range(5)]

    one, two, three = story(), story(), story()
    blog = "\n\n".join(["Live: the treaty day by day.", *one, "___", *two, "___", *three, "End of the blog."])
    texts = {
        "blog": blog,
        "one": "\n\n".join(one),
        "two": "\n\n".join(two),
        "three": "\n\n".join(three),
        "one-cut": "\n\n".join(one[:3]),  # a cut reprint of story one: shares most of it
        "one-other-cut": "\n\n".join(one[1:4]),  # cut elsewhere
    }
    docs = documents_from_texts(texts)
    table = find_duplicates(docs)
    assert table.attrs["compilations"] == ["blog"]
    clusters = {frozenset(group["doc_id"]) for _, group in table.groupby("cluster")}
    assert clusters == {frozenset({"one", "one-cut", "one-other-cut"})}  # two and three stay apart
    assert "1 document (live blogs, digests) reproduces several different stories" in describe_duplicates(table, 6)
    assert len(dedupe_documents(docs, table)) == 4
    # without the blog's rule, the blog would chain the three stories into one cluster
    from analysis.syndication.shingles import similar_pairs, word_shingles

    sets = [word_shingles(t, 3) for t in texts.values()]
    chained = similar_pairs(sets, threshold=0.5, contained=0.7, min_contained=30)
    assert {0, 1, 2, 3} <= {k for p in chained for k in (p.i, p.j)}


def test_clusters_do_not_depend_on_the_order_of_the_documents():
    documents, _ = bench.generate_documents(400, seed=3)
    first = find_duplicates(documents)
    shuffled = find_duplicates(documents.sample(frac=1, random_state=1))

    def clusters(table):
        return {frozenset(group["doc_id"]) for _, group in table.groupby("cluster")}

    assert clusters(first) == clusters(shuffled)
    assert first.equals(find_duplicates(documents))
    shuffled = documents.sample(frac=1, random_state=2)
    parts = (shuffled.iloc[k : k + 70] for k in range(0, len(shuffled), 70))  # read a part at a time
    assert first.equals(find_duplicates(parts))


def test_generated_reprints_are_clustered_with_a_high_adjusted_rand_index():
    documents, truth = bench.generate_documents(600, seed=5)
    assert bench.adjusted_rand(documents, truth, find_duplicates(documents)) >= 0.97


@pytest.mark.slow
def test_ten_thousand_generated_documents():
    documents, truth = bench.generate_documents(10_000, seed=0)
    table = find_duplicates(documents)
    assert bench.adjusted_rand(documents, truth, table) >= 0.98
    assert table.groupby("cluster")["kept"].sum().eq(1).all()


# --- distinct statements ------------------------------------------------------------------------


@pytest.mark.slow
def test_distinct_statements_of_ten_thousand_generated_documents():
    documents, _ = bench.generate_documents(10_000, seed=0)
    rng = np.random.default_rng(0)
    rows = []
    for doc in documents.itertuples(index=False):
        actor = f"actor{rng.integers(30)}"
        for k, sentence in enumerate(doc.text.split(". ")):
            rows.append((f"{doc.doc_id}:{k}", doc.doc_id, sentence, actor, doc.outlet, doc.date))
    units = pd.DataFrame(rows, columns=["unit_id", "doc_id", "text", "actor", "outlet", "date"])
    grouped = distinct_statements(units)
    assert len(grouped) == len(units) and grouped["first"].sum() < len(units)
    firsts = grouped.set_index("unit_id")["statement_id"]
    assert firsts.loc[grouped["statement_id"]].eq(grouped["statement_id"].to_numpy()).all()  # ids are first copies


SAME = [
    ("The Treaty opens a new stage in relations between our countries.",
     "the treaty opens a new stage in relations between our two countries"),
    ('the treaty "turns a page in our history."', 'the treaty would "turn a page in our history"'),
    ("Unilateral sanctions imposed on the two countries are illegal and will not stop this partnership.",
     "unilateral sanctions imposed on both countries are illegal and will not stop the partnership"),
    ("the pact was not directed against any third country", "the pact is not directed against any third country"),
    ('a "breakthrough document"', '"a breakthrough document"'),
    ("The Foreign Ministry regards the treaty as a turning point in the history of relations between the two "
     "nations.", "the treaty was \u201ca turning point in the history of relations between the two nations.\u201d"),
]  # fmt: skip
DIFFERENT = [
    ("the treaty would enter into force after ratification", "the treaty would last for twenty years"),
    ("The treaty will strengthen cooperation in energy and transport.",
     "The treaty will strengthen cooperation in defence and security."),
    ("Iran and Russia signed the comprehensive strategic partnership treaty in Moscow on January 17.",
     "Iran and Russia began implementing the comprehensive strategic partnership treaty on Thursday."),
    ("The treaty is not a military alliance.", "The treaty is not directed against third countries."),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), SAME)
def test_copies_of_one_statement_are_similar_enough(a, b):
    assert jaccard(char_shingles(a, 4), char_shingles(b, 4)) >= STATEMENT_THRESHOLD


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_statements_sharing_a_phrase_stay_apart(a, b):
    assert jaccard(char_shingles(a, 4), char_shingles(b, 4)) < STATEMENT_THRESHOLD


def test_distinct_statements_of_the_ministry_and_their_reach(run):
    units = fa.Voice.parse("iran_mfa").resolve(run.actors).select(run.units)
    reach = statement_reach(distinct_statements(units))
    assert reach[["statement_id", "actor", "copies", "documents", "outlets"]].values.tolist() == [
        [f"{SOURCE}:140-251", "iran_mfa", 4, 4, 4],  # S2, quoted by the wire and its two reprints
        [f"{SOURCE}:345-398", "iran_mfa", 4, 4, 4],  # S4, likewise
        [f"{TEHRAN}:418-486", "iran_mfa", 3, 3, 3],  # the paraphrase of S6, reprinted twice
        [f"{TEHRAN}:513-581", "iran_mfa", 2, 2, 2],  # the corridor, dropped by the Northern Herald
        [f"{SOURCE}:0-138", "iran_mfa", 1, 1, 1],
        [f"{SOURCE}:252-343", "iran_mfa", 1, 1, 1],
        [f"{SOURCE}:399-482", "iran_mfa", 1, 1, 1],
        [f"{SOURCE}:484-581", "iran_mfa", 1, 1, 1],
        [f"{SOURCE}:582-661", "iran_mfa", 1, 1, 1],
        ["caspiandaily-2025-10-03-treaty:163-301", "baghaei", 1, 1, 1],  # S1 again, but another actor
        ["caspiandaily-2025-10-03-treaty:317-408", "baghaei", 1, 1, 1],
        ["gulfmonitor-2025-10-03-caspian-security:157-218", "iran_mfa", 1, 1, 1],
        ["gulfmonitor-2025-10-03-caspian-security:248-313", "iran_mfa", 1, 1, 1],
    ]
    assert reach.loc[0, "outlet_names"] == [
        "Iranian Foreign Ministry",
        "Tehran Wire",
        "Eastern Post",
        "Northern Herald",
    ]
    assert len(counted_units(units)) == 13 and len(counted_units(units, "copies")) == 22
    with pytest.raises(AnalysisError, match="count must be"):
        counted_units(units, "all")


def test_the_comparison_counts_distinct_statements_and_says_how_much_the_counts_shrank(run):
    distinct = fa.compare_voices(run, "iran_mfa", "outlet", n_resamples=199, stability_resamples=20)
    copies = fa.compare_voices(run, "iran_mfa", "outlet", n_resamples=199, stability_resamples=20, count="copies")
    assert distinct.sizes["iran_mfa"]["units"] == 13 and copies.sizes["iran_mfa"]["units"] == 22
    assert int(distinct.sentiment.loc[0, "n"]) == 13 and int(copies.sentiment.loc[0, "n"]) == 22
    frames = distinct.frames[distinct.frames["voice"].eq("iran_mfa")]
    assert frames["n"].eq(13).all()
    summary = distinct.summary()
    assert "Copies count once (distinct statements): Iranian Foreign Ministry: 22 sentence units are 13" in summary
    assert "41% fewer" in summary
    assert "Every copy counts (count='copies')" in copies.summary()
    assert distinct.statements_a[["copies", "outlets"]].max().tolist() == [4, 4]
    assert len(distinct.statements_a) == 13 and len(copies.statements_a) == 22


def test_the_evidence_of_a_comparison_comes_from_its_own_units_as_from_the_corpus(run):
    from analysis.compare.evidence import frame_evidence, keyword_contexts

    comparison = fa.compare_voices(run, "iran_mfa", "outlet", n_resamples=199, stability_resamples=20)
    contexts = keyword_contexts(comparison, n=3)
    assert len(contexts) and contexts["unit_id"].isin(comparison.units["unit_id"]).all()
    pd.testing.assert_frame_equal(contexts, keyword_contexts(comparison, run.units, n=3))
    evidence = frame_evidence(comparison.frames, comparison.units)
    assert len(evidence) and evidence["text"].ne("").all()
    pd.testing.assert_frame_equal(evidence, frame_evidence(comparison.frames, run.units))


def test_the_bundled_comparison_says_nothing_was_merged():
    comparison = fa.compare_voices(fa.analyse_corpus(), "iran_mfa", "russia_mfa", n_resamples=199)
    assert "nothing was merged" in comparison.summary()


# --- selective quoting --------------------------------------------------------------------------


EXPECTED_MATRIX = [
    # sentence, Eastern Post, Northern Herald, Tehran Wire, Caspian Daily, Gulf Monitor
    [1, "", "", "", "quoted", ""],
    [2, "quoted", "quoted", "quoted", "", ""],
    [3, "", "", "", "", ""],
    [4, "quoted", "quoted", "quoted", "", ""],
    [5, "", "", "", "paraphrased", ""],
    [6, "paraphrased", "paraphrased", "paraphrased", "", ""],
    [7, "", "", "", "", ""],
]


def test_the_primary_texts_of_the_corpus(run):
    table = primary_documents(run)
    assert table[["doc_id", "genre", "actors", "sentences"]].values.tolist() == [[SOURCE, "statement", "iran_mfa", 7]]
    assert table["reported"].tolist() == [len(coverage(run, SOURCE).statements)]  # counted without aligning
    assert primary_documents(fa.analyse_corpus()).empty


def test_which_sentences_each_outlet_carried(run):
    result = coverage(run, SOURCE)
    assert result.outlets == ("Eastern Post", "Northern Herald", "Tehran Wire", "Caspian Daily", "Gulf Monitor")
    matrix = result.matrix()
    assert matrix.drop(columns="text").values.tolist() == EXPECTED_MATRIX
    assert result.sentences["outlets"].tolist() == [1, 3, 0, 3, 1, 3, 0]
    assert result.sentences.loc[2, "text"].startswith("It rests on mutual respect")


def test_each_reported_statement_and_its_match(run):
    statements = coverage(run, SOURCE).statements
    rows = statements[["outlet", "actor", "type", "match", "sentence"]].astype(object).where(statements.notna(), None)
    assert rows.values.tolist() == [
        ["Tehran Wire", "iran_mfa", "mixed", "quoted", 2],
        ["Tehran Wire", "iran_mfa", "direct", "quoted", 4],
        ["Tehran Wire", "iran_mfa", "indirect", "paraphrased", 6],
        ["Tehran Wire", "iran_mfa", "indirect", "not found", None],
        ["Caspian Daily", "baghaei", "direct", "quoted", 1],
        ["Caspian Daily", "baghaei", "indirect", "paraphrased", 5],
        ["Eastern Post", "iran_mfa", "mixed", "quoted", 2],
        ["Eastern Post", "iran_mfa", "direct", "quoted", 4],
        ["Eastern Post", "iran_mfa", "indirect", "paraphrased", 6],
        ["Eastern Post", "iran_mfa", "indirect", "not found", None],
        ["Gulf Monitor", "iran_mfa", "indirect", "not found", None],
        ["Gulf Monitor", "iran_mfa", "indirect", "not found", None],
        ["Northern Herald", "iran_mfa", "mixed", "quoted", 2],
        ["Northern Herald", "iran_mfa", "direct", "quoted", 4],
        ["Northern Herald", "iran_mfa", "indirect", "paraphrased", 6],
    ]


def test_the_statements_with_no_source_in_the_text(run):
    result = coverage(run, SOURCE)
    assert result.unsourced()[["outlet", "text"]].values.tolist() == [
        ["Tehran Wire", "the treaty would speed up work on the North-South transport corridor"],
        ["Eastern Post", "the treaty would speed up work on the North-South transport corridor"],
        ["Gulf Monitor", "the agreement would strengthen security in the Caspian region"],
        ["Gulf Monitor", "a joint commission will meet in Tehran next month to review trade"],
    ]
    assert result.summary().endswith(
        "5 outlet(s) report 15 statement(s) of its speakers in 5 document(s): 7 quoted, 4 paraphrased, 4 with no "
        "source in this text. 5 of its 7 sentences were carried by at least one outlet; 2 by none."
    )


def test_statements_before_the_text_are_not_compared(run):
    result = coverage(run, SOURCE, margin_days=-1)  # only documents from the day after the text
    assert "Tehran Wire" not in result.outlets and "Eastern Post" in result.outlets


def test_a_voice_restricts_the_sentences(run):
    assert len(coverage(run, SOURCE, voice="iran_mfa").sentences) == 7
    with pytest.raises(CoverageError, match="no primary sentence of that voice"):
        coverage(run, SOURCE, voice="baghaei")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("nothing", f"no document 'nothing' in the corpus; primary texts: {SOURCE}"),
        (TEHRAN, f"document '{TEHRAN}' holds no primary sentence"),
    ],
)
def test_bad_sources_name_the_primary_texts(run, source, message):
    with pytest.raises(CoverageError, match=message):
        coverage(run, source)


ALIGN_CASES = [
    ("The treaty is not directed against any third country.", "quoted", 0),
    ("the treaty was not directed against any third country", "quoted", 0),  # tense changed
    ("not directed against any third country", "quoted", 0),  # cut short
    ("any third country", "quoted", 0),
    ("no third country is the target of the treaty", "paraphrased", 0),
    ("cooperation in science, banking, transport and energy will widen", "paraphrased", 1),
    ("the weather in Tehran was mild", "not found", -1),
    ("it", "not found", -1),
    ("", "not found", -1),
]


@pytest.mark.parametrize(("said", "match", "sentence"), ALIGN_CASES)
def test_alignment_classes(said, match, sentence):
    texts = ["The treaty is not directed against any third country.",
             "Both governments will expand cooperation in energy, transport, banking and science."]  # fmt: skip
    primary = pd.DataFrame({"unit_id": ["p:0", "p:1"], "text": texts})
    result = align_statements(pd.DataFrame({"unit_id": ["s"], "text": [said]}), primary).iloc[0]
    assert result["match"] == match
    assert result["primary_id"] == ("" if sentence < 0 else f"p:{sentence}")


def test_alignment_respects_who_can_have_said_what():
    primary = pd.DataFrame({"unit_id": ["p"], "text": ["Sanctions are illegal."], "actor": ["lavrov"]})
    said = pd.DataFrame(
        {"unit_id": ["s", "t"], "text": ["Sanctions are illegal."] * 2, "actor": ["lavrov", "araghchi"]}
    )
    result = align_statements(said, primary, eligible=lambda a, b: a == b)
    assert result["match"].tolist() == ["quoted", "not found"]


# --- over time ------------------------------------------------------------------------------------


def test_the_key_dates_recorded():
    events = load_events()
    assert [(d.date().isoformat(), label) for d, label in events[["date", "label"]].values] == [
        ("2025-01-17", "Treaty signed in Moscow"),
        ("2025-04-08", "State Duma ratifies"),
        ("2025-04-16", "Federation Council approves"),
        ("2025-05-21", "Majlis approves"),
        ("2025-06-11", "Guardian Council approves"),
        ("2025-10-02", "Entry into force"),
    ]
    assert events["source"].str.startswith("https://").all()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("events: [unclosed\n", "not valid YAML (line 2)"),
        ("- date: 2025-01-01\n", "expected 'events:'"),
        ("events:\n  - date: 2025-01-17\n    label: A\n  - label: B\n", "event 2 (line 4): date None is not a date"),
        ("events:\n  - date: 2025-01-17\n    label: ''\n", "event 1 (line 2): label must be a non-empty string"),
        ("events:\n  - date: 2025-01-17\n    label: A\n    when: now\n", "event 1 (line 2): unknown field(s) when"),
        ("events:\n  - just a string\n", "event 1 (line 2): expected a mapping"),
    ],
)
def test_a_bad_events_file_names_the_file_and_line(tmp_path, text, message):
    path = tmp_path / "events.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventsError, match=re.escape(message)) as error:
        load_events(path)
    assert str(error.value).startswith(str(path))


def test_a_corpus_may_have_its_own_key_dates(tmp_path, run):
    (tmp_path / "events.yml").write_text("events:\n  - date: 2025-10-03\n    label: Reprints\n", encoding="utf-8")
    assert fa.load_study(tmp_path).events["label"].tolist() == ["Reprints"]
    assert run.study.events["label"].iloc[-1] == "Entry into force"


def test_statements_per_week_distinct_and_copies(run):
    distinct = statement_timeline(run.units, ["iran_mfa", "outlet"], actors=run.actors)
    assert distinct.attrs["freq"] == "week"
    # the outlet's reporting clauses ("Iran's Foreign Ministry said") are no statements of its own
    assert distinct[["voice", "statements", "documents"]].values.tolist() == [["iran_mfa", 13, 4], ["outlet", 5, 3]]
    assert str(distinct.loc[0, "period"].date()) == "2025-09-29"
    copies = statement_timeline(run.units, ["iran_mfa"], actors=run.actors, freq="month", count="copies")
    assert copies[["period", "statements"]].values.tolist() == [[pd.Timestamp("2025-10-01"), 22]]
    with pytest.raises(AnalysisError, match="freq must be"):
        statement_timeline(run.units, ["iran_mfa"], freq="day")


def test_months_fill_the_gaps_with_zeros():
    units = pd.DataFrame({"unit_id": ["a", "b"], "doc_id": ["a", "b"], "text": ["One.", "Two."],
                          "actor": ["x", "x"], "side": ["s", "s"], "source": ["quote"] * 2, "outlet": ["O"] * 2,
                          "date": pd.to_datetime(["2025-01-17", "2025-10-02"])})  # fmt: skip
    table = statement_timeline(units, ["x"])
    assert table.attrs["freq"] == "month"
    assert table["statements"].tolist() == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]


# --- figures --------------------------------------------------------------------------------------


def test_the_coverage_figure(run):
    fig = plot_coverage(coverage(run, SOURCE), source="fixture")
    ax = fig.axes[0]
    assert ax.get_ylabel() == "sentence of the primary text"
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()][:3] == ["Eastern Post", "Northern Herald",
                                                                                "Tehran Wire"]  # fmt: skip
    assert "Quoted: at least 80%" in fig.texts[-1].get_text()


def test_the_timeline_figure_marks_the_key_dates(run):
    table = statement_timeline(run.units, ["iran_mfa", "outlet"], actors=run.actors)
    fig = plot_timeline(table, load_events(), source="fixture")
    caption = fig.texts[-1].get_text()
    assert "6 Entry into force (02 Oct 2025)" in " ".join(caption.split())
    assert fig.axes[0].get_ylabel() == "distinct statements (sentences)"
    empty = plot_timeline(table.iloc[0:0])
    assert empty.axes[0].texts[0].get_text() == "no dated statements"


# --- command line ---------------------------------------------------------------------------------


def test_framing_duplicates(capsys):
    assert main(["duplicates", str(FIXTURE), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    table = pd.read_csv(__import__("io").StringIO(out))
    assert table["doc_id"].tolist() == [TEHRAN, EASTERN, NORTHERN]
    assert "3 of 6 documents are copies of one another in 1 cluster" in err


def test_framing_coverage(capsys):
    assert main(["coverage", str(FIXTURE), "--source", SOURCE, "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    first = __import__("json").loads(lines[0])
    assert first["sentence"] == 1 and first["Caspian Daily"] == "quoted" and first["outlets"] == 1
    assert main(["coverage", str(FIXTURE), "--source", SOURCE, "--show", "unsourced", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("not found") == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "nothing"], "no document 'nothing'"),
        (["--source", TEHRAN], "holds no primary sentence"),
        (["--source", SOURCE, "--voice", "nobody"], "unknown actor id 'nobody'"),
    ],
)
def test_framing_coverage_errors_are_one_line(capsys, args, message):
    assert main(["coverage", str(FIXTURE), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_framing_validate_notes_the_clusters(capsys):
    assert main(["validate", str(FIXTURE)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok: 6 document(s)")
    assert "note: near-duplicates 1: tehranwire-2025-10-02-treaty-in-force (kept), easternpost" in err
    assert "error" not in err


def test_dedupe_and_count_options_of_the_commands(capsys):
    assert main(["frames", str(FIXTURE), "--format", "csv"]) == 0
    distinct = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert main(["frames", str(FIXTURE), "--count", "copies", "--format", "csv"]) == 0
    copies = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert distinct.loc[distinct["actor"].eq("iran_mfa"), "n"].iloc[0] == 11  # the ministry alone
    assert copies.loc[copies["actor"].eq("iran_mfa"), "n"].iloc[0] == 20
    assert main(["frames", str(FIXTURE), "--dedupe", "--count", "copies", "--format", "csv"]) == 0
    deduped = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert deduped.loc[deduped["actor"].eq("iran_mfa"), "n"].iloc[0] == 13
    assert main(["sentiment", str(FIXTURE), "--by", "actor", "--voice", "iran_mfa", "--resamples", "200",
                 "--format", "csv"]) == 0  # fmt: skip
    assert pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))["n"].tolist() == [13]
    assert main(["keyness", "iran_mfa", "outlet", "--corpus", str(FIXTURE), "--resamples", "20", "--count",
                 "copies", "--format", "csv"]) == 0  # fmt: skip
    assert "A = Iranian Foreign Ministry: " in capsys.readouterr().err


# --- the report -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_report_06_on_the_fixture_corpus(tmp_path):
    from analysis.render.report import build_report

    out = tmp_path / "reports"
    parameters = {"CORPUS": str(FIXTURE), "ACTOR_A": "iran_mfa", "ACTOR_B": "outlet", "SEED": 1}
    notebook = ROOT / "notebooks" / "06_selective_quoting.ipynb"
    build_report(out=out, parameters=parameters, notebooks=[notebook], progress=lambda _: None)
    html = (out / "06_selective_quoting.html").read_text(encoding="utf-8")
    assert html.count("<img") == 1
    assert "5 of its 7 sentences were carried by at least one outlet; 2 by none." in html
    assert "the agreement would strengthen security in the Caspian region" in html
    assert "22 sentence units are 13 distinct statements" in html
    assert (out / "figures" / "06_coverage_1.png").stat().st_size > 1000
    assert (out / "tables" / "06_duplicates.csv").is_file()


def test_word_shingles_are_the_same_for_a_text_and_its_words():
    assert word_shingles("Talks in Moscow went well.", 3) == word_shingles(["talks", "in", "moscow", "went", "well"], 3)
    groups = similar_groups([frozenset(range(50)), frozenset(range(3, 53)), frozenset({999})], threshold=0.8)
    assert groups.tolist() == [0, 0, 1]
    assert isinstance(groups, np.ndarray)


def test_paths_of_fixtures_exist():
    assert Path(FIXTURE / "documents").is_dir()


def test_a_large_corpus_shows_a_list_of_primary_texts_and_aligns_the_most_reported(tmp_path):
    import importlib.util

    from analysis.render.coverage import coverage_sections

    spec = importlib.util.spec_from_file_location("scale_benchmark", ROOT / "benchmarks" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    run = fa.analyse_corpus(scale.generate_corpus(tmp_path / "corpus", 200, seed=5))
    primary = primary_documents(run)
    assert len(primary) > 3
    for doc_id, reported in primary[["doc_id", "reported"]].head(4).itertuples(index=False):
        assert reported == len(coverage(run, doc_id).statements)  # the count is the alignment's input
    items = coverage_sections(run, tmp_path / "out", max_texts=2)
    headings = [i.data for i in items if isinstance(getattr(i, "data", None), str) and i.data.startswith("<h3>")]
    assert len(headings) == 2
    most = primary.sort_values("reported", ascending=False, kind="stable")["title"].head(2)
    assert all(title in heading for title, heading in zip(most, headings, strict=True))
    assert f"the 2 of {len(primary)} whose speakers" in items[0].data
    listed = pd.read_csv(tmp_path / "out" / "tables" / "06_primary_texts.csv")
    assert len(listed) == len(primary)


def test_lsh_candidates_are_every_pair_sharing_a_band_and_estimated_above_the_floor():
    import numpy as np

    from analysis.syndication import shingles

    rng = np.random.default_rng(4)
    palette = rng.integers(0, 2**32, size=4).astype(np.uint64)  # hash values, few of them: buckets of many rows
    matrix = palette[rng.integers(0, 4, size=(150, 32))]
    groups = rng.integers(0, 2, size=150).astype(np.uint64)
    bands, rows, floor = 16, 2, 0.3
    expected = []
    for i in range(150):
        for j in range(i + 1, 150):
            meet = (matrix[i].reshape(bands, rows) == matrix[j].reshape(bands, rows)).all(axis=1).any()
            if groups[i] == groups[j] and meet and (matrix[i] == matrix[j]).mean() >= floor:
                expected.append((i, j))
    found = shingles._band_candidates(matrix, groups, bands, rows, floor=floor)
    assert len(expected) > 100 and found.tolist() == [list(p) for p in expected]


# --- frequent shingles: a corpus written to one pattern --------------------------------------------


def _patterned_corpus(n: int, seed: int) -> list[str]:
    """Articles written from one set of sentence patterns: unrelated, but sharing many set phrases."""
    rng = np.random.default_rng(seed)
    words = bench._Words(seed=seed)
    patterns = [
        "The foreign ministry said on {day} that the talks with the other side would continue",
        "Speaking to reporters in the capital the minister added that {w} and {w} were on the agenda",
        "The agreement signed earlier this year covers trade energy transport and security",
        "Officials of both countries are expected to meet again before the end of the month",
        "The spokesperson told a weekly briefing that the position of the government had not changed",
    ]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    texts = []
    for _ in range(n):
        sentences = []
        for _ in range(12):
            pattern = patterns[int(rng.integers(len(patterns)))]
            opening = pattern.format(day=days[int(rng.integers(5))], w=words.word())
            sentences.append(opening + ". " + words.sentence(6, 12))
        texts.append(" ".join(sentences))
    return texts


def _proposed(monkeypatch) -> list[int]:
    """Record how many pairs LSH proposes in each search."""
    from analysis.syndication import shingles

    counts: list[int] = []
    search = shingles._band_candidates

    def counting(*args, **kwargs):
        found = search(*args, **kwargs)
        counts.append(len(found))
        return found

    monkeypatch.setattr(shingles, "_band_candidates", counting)
    return counts


def test_frequent_shingles_propose_no_pairs_but_the_pairs_found_are_the_same(monkeypatch):
    from analysis.syndication.shingles import similar_pairs, word_shingle_array

    texts = _patterned_corpus(300, seed=1)
    words = bench._Words(seed=2)
    story = " ".join(words.sentence() for _ in range(12))
    texts += [story, "MOSCOW (Wire) - " + story[: len(story) * 2 // 3], story.replace(" the ", " a ", 3)]
    sets = [word_shingle_array(text, 3) for text in texts]
    proposed = _proposed(monkeypatch)
    options = {"threshold": 0.5, "contained": 0.7, "min_contained": 30}
    every = similar_pairs(sets, **options)
    rare = similar_pairs(sets, **options, frequent=20)
    assert [(p.i, p.j) for p in rare] == [(p.i, p.j) for p in every] == [(300, 301), (300, 302)]
    assert proposed[1] * 20 < proposed[0]  # the set phrases put unrelated articles in one bucket


def test_a_story_copied_more_often_than_frequent_is_still_one_cluster():
    from analysis.syndication.shingles import similar_groups, word_shingle_array

    words = bench._Words(seed=3)
    story = [words.sentence() for _ in range(10)]
    copies = []
    for k in range(40):  # every copy edited: a dateline, one sentence cut, one word changed
        kept = [s for i, s in enumerate(story) if i != k % 10]
        kept[0] = kept[0].replace(kept[0].split()[2], words.word(), 1)
        copies.append(f"CITY{k} (Outlet {k}) - " + " ".join(kept))
    others = [" ".join(words.sentence() for _ in range(8)) for _ in range(20)]
    sets = [word_shingle_array(text, 3) for text in copies + others]
    groups = similar_groups(sets, threshold=0.5, contained=0.7, min_contained=30, frequent=10)
    assert len(set(groups[:40].tolist())) == 1
    assert len(set(groups.tolist())) == 21


def test_arrays_and_frozensets_of_shingles_give_the_same_pairs():
    from analysis.syndication.shingles import similar_pairs, word_shingle_array

    documents, _ = bench.generate_documents(200, seed=8)
    texts = documents["text"].tolist()
    arrays = [word_shingle_array(text, 3) for text in texts]
    sets = [word_shingles(text, 3) for text in texts]
    assert all(frozenset(a.tolist()) == s for a, s in zip(arrays, sets, strict=True))
    assert similar_pairs(arrays, threshold=0.5, contained=0.7) == similar_pairs(sets, threshold=0.5, contained=0.7)
