"""Compute once: the stored analysis, its reuse and updates, the engines, the time limit, odd inputs."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.cli import main
from analysis.compare import compare_voices
from analysis.errors import CorpusError
from analysis.pipeline import analyse_corpus
from analysis.pipeline.guard import DocumentTimeoutError, time_limit
from analysis.pipeline.store import analyse, load_store
from analysis.voices import as_voice

from .conftest import CORPUS, ROOT, write_document

TABLES = ("documents", "attributions", "utterances", "units", "frames", "stats")


def scale_module():
    spec = importlib.util.spec_from_file_location("scale_benchmark", ROOT / "benchmarks" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A generated corpus of 60 documents (news, statements, transcripts, copies, odd lines)."""
    return scale_module().generate_corpus(tmp_path_factory.mktemp("generated") / "corpus", 60, seed=3)


def frames_equal(one, two) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(
            getattr(one, name).reset_index(drop=True), getattr(two, name).reset_index(drop=True), check_dtype=False
        )


def test_the_stored_analysis_equals_the_analysis_in_memory(generated, tmp_path):
    stored = analyse(generated, out=tmp_path / "store", jobs=1)
    memory = analyse_corpus(generated)
    assert stored.store == tmp_path / "store" and memory.store is None
    for name in ("attributions", "utterances"):
        pd.testing.assert_frame_equal(
            getattr(stored, name)[["doc_id", "start", "end", "actor"]].reset_index(drop=True),
            getattr(memory, name)[["doc_id", "start", "end", "actor"]].reset_index(drop=True),
            check_dtype=False,
        )
    assert stored.units["unit_id"].tolist() == memory.units["unit_id"].tolist()
    assert stored.units["compound"].tolist() == memory.units["compound"].tolist()
    assert (
        stored.frames.drop(columns="unit_id").to_numpy().tolist()
        == memory.frames.drop(columns="unit_id").to_numpy().tolist()
    )
    manifest = json.loads((tmp_path / "store" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["fingerprint"]["version"] == analysis.__version__
    assert set(manifest["fingerprint"]["config"]) >= {"actors", "frames", "layout"}
    assert len(manifest["documents"]) == 60


def test_a_second_run_reuses_the_store_and_a_change_recomputes_only_its_partition(generated, tmp_path, monkeypatch):
    corpus = shutil.copytree(generated, tmp_path / "corpus")
    store = tmp_path / "store"
    monkeypatch.setattr("analysis.pipeline.manifest.PARTITION_SIZE", 10)  # six partitions
    first = analyse(corpus, out=store, jobs=1)
    stamps = {p.name: (p / "units.parquet").stat().st_mtime_ns for p in (store / "parts").iterdir()}
    assert len(stamps) == 6
    again = analyse(corpus, out=store, jobs=1)
    assert {p.name: (p / "units.parquet").stat().st_mtime_ns for p in (store / "parts").iterdir()} == stamps
    frames_equal(first, again)
    changed = sorted((Path(corpus) / "documents").glob("*.md"))[5]
    changed.write_text(changed.read_text(encoding="utf-8").replace("---\n\n", "---\n\nA new first line.\n\n", 1))
    updated = analyse(corpus, out=store, jobs=1)
    after = {p.name: (p / "units.parquet").stat().st_mtime_ns for p in (store / "parts").iterdir()}
    assert sum(after[name] != stamps[name] for name in stamps) == 1
    assert "A new first line." in set(updated.units["text"])
    assert len(updated.documents) == 60


def test_a_change_of_configuration_recomputes_everything(generated, tmp_path):
    corpus = shutil.copytree(generated, tmp_path / "corpus")
    store = tmp_path / "store"
    analyse(corpus, out=store, jobs=1)
    frames = (ROOT / "analysis" / "data" / "frames.yml").read_text(encoding="utf-8")
    (Path(corpus) / "frames.yml").write_text(frames.replace("multilateral", "plurilateral"), encoding="utf-8")
    run = analyse(corpus, out=store, jobs=1)
    assert run.config.frames == Path(corpus) / "frames.yml"
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["fingerprint"]["config"]["frames"] != ""


def test_an_invalid_document_stops_before_any_partition_is_computed(generated, tmp_path, capsys):
    corpus = shutil.copytree(generated, tmp_path / "corpus")
    (Path(corpus) / "documents" / "broken.md").write_text("no front matter", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken\.md: no front matter"):
        analyse(corpus, out=tmp_path / "store", jobs=1)
    assert not (tmp_path / "store" / "parts").exists()
    assert main(["analyse", str(corpus), "--out", str(tmp_path / "store")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_framing_analyse_writes_the_store_and_says_where(generated, tmp_path, capsys):
    assert main(["analyse", str(generated), "--out", str(tmp_path / "store"), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "60 document(s)" in out and str(tmp_path / "store") in out
    run = load_store(tmp_path / "store")
    assert f"{len(run.attributions)} attribution(s), {len(run.units)} sentence unit(s)" in out


def test_analysing_without_loading_returns_nothing_and_the_counts_come_from_the_files(generated, tmp_path):
    from analysis.pipeline.store import store_counts

    assert analyse(generated, out=tmp_path / "store", jobs=1, load=False) is None
    run = load_store(tmp_path / "store")
    counts = store_counts(tmp_path / "store")
    assert (counts["documents"], counts["attributions"], counts["units"]) == (
        len(run.documents), len(run.attributions), len(run.units))  # fmt: skip
    assert counts["skipped"] == list(run.skipped)


def test_the_local_engine_gives_the_same_tables_with_processes(generated, tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.pipeline.manifest.PARTITION_SIZE", 20)
    one = analyse(generated, out=tmp_path / "one", jobs=1)
    two = analyse(generated, out=tmp_path / "two", jobs=2)
    frames_equal(one, two)


@pytest.mark.slow
def test_the_dask_engine_gives_the_same_tables_as_the_local_engine(generated, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("analysis.pipeline.manifest.PARTITION_SIZE", 20)
    local = analyse(generated, out=tmp_path / "local", jobs=1)
    dask = analyse(generated, out=tmp_path / "dask", engine="dask", workers=2)
    frames_equal(local, dask)
    a = compare_voices(local, "iran_mfa", "russia_mfa", n_resamples=199, cache=False)
    b = compare_voices(dask, "iran_mfa", "russia_mfa", n_resamples=199, cache=False)
    pd.testing.assert_frame_equal(a.sentiment, b.sentiment)
    pd.testing.assert_frame_equal(a.keyness, b.keyness)


def test_a_dask_scheduler_out_of_reach_is_one_clear_error(generated, tmp_path, capsys):
    pytest.importorskip("distributed")
    code = main(["analyse", str(generated), "--out", str(tmp_path / "s"), "--engine", "dask", "--scheduler",
                 "tcp://127.0.0.1:9"])  # fmt: skip
    assert code == 2
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in capsys.readouterr().err


# the time limit of one document ----------------------------------------------------------------
def test_the_time_limit_interrupts_a_block_and_names_the_document():
    with pytest.raises(DocumentTimeoutError, match=r"document 'slow' took more than 0\.05 s"), time_limit(0.05, "slow"):
        time.sleep(2)
    with time_limit(None, "anything"):
        time.sleep(0.01)


def test_a_document_over_the_time_limit_is_skipped_and_named(tmp_path, monkeypatch):
    import analysis.pipeline.partition as partition

    corpus = tmp_path / "corpus"
    write_document(corpus / "documents", "a.md", "Lavrov said ties were strong.", id="fast")
    write_document(corpus / "documents", "b.md", "SLOW Araghchi said the talks went well.", id="slow")
    original = partition._document_rows

    def sometimes_slow(doc, context):
        if doc.text.startswith("SLOW"):
            time.sleep(5)
        return original(doc, context)

    monkeypatch.setattr(partition, "_document_rows", sometimes_slow)
    # a limit well above a cold first document on a loaded machine (resources load on first use)
    run = analyse_corpus(corpus, time_limit=1.5)
    assert run.documents["doc_id"].tolist() == ["fast"]
    assert [doc_id for doc_id, _ in run.skipped] == ["slow"]
    assert "took more than 1.5 s" in run.skipped[0][1]
    with pytest.raises(DocumentTimeoutError, match="document 'slow'"):
        analyse_corpus(corpus, time_limit=1.5, on_timeout="fail")


# odd documents never break the pipeline --------------------------------------------------------
PIECES = [
    "Lavrov said ties were strong.", "“A quote,” Zakharova said.", "Both sides said", "___", "* * *", "---",
    "| a | b |\n|---|---|\n| 1 | 2 |", "2025", "17.5%", "🚆🏦", "Названия проектов", "مشاريع", "中文", "UPDATE 14:05 —",
    "MOSCOW, Oct 2 (Reuters) - ", "Read more: x", "Photo: y", "(IRNA)", "Question:", "Sergey Lavrov:", "\u200b", "\t",
]  # fmt: skip


@st.composite
def bodies(draw) -> str:
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))
    joins = draw(st.lists(st.sampled_from([" ", "\n", "\n\n", ""]), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + j for p, j in zip(pieces, joins, strict=True)).strip() or "x"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(body=bodies(), genre=st.sampled_from(["news", "transcript", "statement"]))
def test_any_body_goes_through_every_stage(tmp_path_factory, body, genre):
    corpus = tmp_path_factory.mktemp("fuzz") / "corpus"
    fields = {"genre": genre, "speaker": "russia_mfa" if genre == "statement" else None}
    write_document(corpus / "documents", "a.md", body, **fields)
    write_document(
        corpus / "documents", "b.md", "The talks ended. Araghchi said the treaty was a turning point.", id="doc-2"
    )
    run = analyse_corpus(corpus, time_limit=5)
    assert not run.skipped
    for row in run.units.itertuples():
        text = run.documents.set_index("doc_id").loc[row.doc_id, "text"]
        assert text[row.start : row.end] == row.text
    comparison = compare_voices(run, "iran_mfa", "outlet", n_resamples=99, stability_resamples=10, cache=False)
    assert comparison.summary()


@pytest.mark.slow
def test_a_paragraph_of_one_megabyte_goes_through(tmp_path):
    corpus = tmp_path / "corpus"
    write_document(corpus / "documents", "big.md", "Lavrov said ties were strong and " * 30_000 + "done.")
    run = analyse_corpus(corpus, time_limit=120)
    assert not run.skipped and len(run.units) >= 1


def test_a_body_left_empty_once_narration_is_removed(tmp_path):
    corpus = tmp_path / "corpus"
    write_document(corpus / "documents", "a.md", "MOSCOW, Oct 2 (Reuters) -\n\nRead more: Lavrov in Tehran")
    write_document(corpus / "documents", "b.md", "Lavrov said ties were strong.", id="doc-2")
    run = analyse_corpus(corpus)
    assert set(run.units.loc[run.units["doc_id"].eq("doc-1"), "source"]) <= {"narration"}
    assert compare_voices(run, "lavrov", "outlet", n_resamples=99, cache=False).sizes["lavrov"]["units"] == 1


def test_the_bundled_corpus_can_be_stored_next_to_itself(tmp_path):
    corpus = shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns(".framing"))
    run = analyse_corpus(corpus, store=True)
    assert run.store == Path(corpus).resolve() / ".framing" / "analysis"
    os.chmod(corpus, 0o500)  # a corpus one may not write into keeps its store in the cache
    try:
        from analysis.pipeline.store import store_folder

        if not os.access(corpus, os.W_OK):  # (root writes anywhere)
            assert "analyses" in store_folder(corpus).parts
    finally:
        os.chmod(corpus, 0o700)


def test_voices_too_small_to_rank_terms_give_an_empty_table_and_say_why(tmp_path):
    from analysis.render.plots import plot_keyness, plot_term_scatter
    from analysis.salience import KEYNESS_COLUMNS

    corpus = tmp_path / "corpus"
    write_document(corpus / "documents", "a.md", "Araghchi said ties were strong.")
    write_document(corpus / "documents", "b.md", "Lavrov said cooperation grows.", id="doc-2")
    run = analyse_corpus(corpus, store=tmp_path / "store")
    comparison = compare_voices(run, "araghchi", "lavrov", n_resamples=99, stability_resamples=10)
    assert comparison.keyness.empty and list(comparison.keyness.columns) == KEYNESS_COLUMNS
    assert any(note.startswith("No distinctive terms: no term occurs") for note in comparison.caveats)
    again = compare_voices(run, "araghchi", "lavrov", n_resamples=99, stability_resamples=10)  # from the cache
    assert again.keyness.empty and again.caveats == comparison.caveats
    plot_keyness(comparison.keyness)
    plot_term_scatter(comparison.keyness)


def test_a_script_without_a_main_guard_fails_with_the_reason_instead_of_waiting(generated, tmp_path):
    import subprocess
    import sys

    script = tmp_path / "script.py"
    script.write_text(
        "import analysis\nimport analysis.pipeline.store\n"
        "analysis.pipeline.manifest.PARTITION_SIZE = 10  # several partitions, so several processes\n"
        f"analysis.analyse_corpus({str(generated)!r}, store={str(tmp_path / 'store')!r}, jobs=2)\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode != 0
    assert '__name__ == "__main__"' in done.stderr.splitlines()[-1]


def _age(corpus: Path, seconds: float = 60.0) -> None:
    """Date every document of a corpus ``seconds`` back, as files written earlier are."""
    then = time.time() - seconds
    for path in (Path(corpus) / "documents").iterdir():
        os.utime(path, (then, then))


def test_an_unchanged_corpus_is_neither_read_nor_validated_again(generated, tmp_path, monkeypatch):
    corpus = shutil.copytree(generated, tmp_path / "corpus")
    _age(corpus)
    store = tmp_path / "store"
    first = analyse(corpus, out=store, jobs=1)
    from analysis.pipeline import manifest
    from analysis.pipeline import store as module

    read, hashed = [], manifest.file_hash
    monkeypatch.setattr(module, "validate_corpus", lambda root: read.append(root) or [])
    monkeypatch.setattr(manifest, "file_hash", lambda path: read.append(path) or hashed(path))
    again = analyse(corpus, out=store, jobs=1)
    frames_equal(first, again)
    assert read and all(Path(p).parent.name != "documents" and Path(p) != Path(corpus) for p in read)


def test_a_document_edited_or_touched_is_read_again_and_only_an_edit_recomputes(generated, tmp_path, monkeypatch):
    corpus = shutil.copytree(generated, tmp_path / "corpus")
    _age(corpus)
    store = tmp_path / "store"
    monkeypatch.setattr("analysis.pipeline.manifest.PARTITION_SIZE", 10)
    analyse(corpus, out=store, jobs=1)
    stamps = {p.name: (p / "units.parquet").stat().st_mtime_ns for p in (store / "parts").iterdir()}
    touched, edited = sorted((Path(corpus) / "documents").glob("*.md"))[:2]
    touched.touch()  # a new time, the same content: hashed again, nothing recomputed
    analyse(corpus, out=store, jobs=1)
    assert {p.name: (p / "units.parquet").stat().st_mtime_ns for p in (store / "parts").iterdir()} == stamps
    text = edited.read_text(encoding="utf-8")
    status = edited.stat()
    edited.write_text(text.replace("---\n\n", "---\n\nAn edit of the same length\n\n", 1), encoding="utf-8")
    os.utime(edited, ns=(status.st_atime_ns, status.st_mtime_ns))  # an editor that keeps the time: the size tells
    run = analyse(corpus, out=store, jobs=1)
    assert "An edit of the same length" in set(run.units["text"])


def test_the_store_keeps_duplicates_and_distinct_statements_equal_to_computing_them(generated, tmp_path):
    from analysis.syndication import distinct_statements, find_duplicates
    from analysis.syndication.distinct import REACH_COLUMNS

    run = analyse(generated, out=tmp_path / "store", jobs=1)
    loaded = load_store(tmp_path / "store")
    for stored in (run, loaded):
        assert stored.duplicates is not None and stored.statements is not None
        expected = find_duplicates(stored.documents)
        pd.testing.assert_frame_equal(stored.duplicates.reset_index(drop=True), expected.reset_index(drop=True),
                                      check_dtype=False)  # fmt: skip
        assert stored.duplicates.attrs["compilations"] == expected.attrs["compilations"]
    speech = loaded.units[loaded.units["actor"].ne("outlet")]
    computed = distinct_statements(speech)[["unit_id", *REACH_COLUMNS]].reset_index(drop=True)
    pd.testing.assert_frame_equal(loaded.statements, computed, check_dtype=False)
    assert (computed["copies"] > 1).any()  # the generated corpus has copies: the test can tell


def test_a_voice_is_grouped_from_the_store_when_it_holds_whole_statements_and_anew_otherwise(generated, tmp_path):
    from analysis.syndication import distinct_statements

    run = analyse(generated, out=tmp_path / "store", jobs=1)
    for voice in ("iran_mfa", "russia_mfa", "side:russia", "lavrov"):
        units = as_voice(voice, run.actors).select(run.units)
        pd.testing.assert_frame_equal(run.distinct_statements(units), distinct_statements(units), check_dtype=False)
    copied = run.statements[run.statements["copies"] > 1]
    dropped = copied["unit_id"].iloc[0]  # one copy of a repeated statement left out: the grouping cannot answer
    units = run.units[run.units["actor"].ne("outlet") & run.units["unit_id"].ne(dropped)]
    grouped = run.distinct_statements(units)
    pd.testing.assert_frame_equal(grouped, distinct_statements(units), check_dtype=False)
    assert dropped not in set(grouped["unit_id"])


def test_every_unit_of_the_corpus_is_grouped_from_the_store_for_its_speakers_and_anew_for_the_narration(
    generated, tmp_path, monkeypatch
):
    """The narration is not in the stored grouping; the speakers' units still come from it, alike."""
    from analysis.syndication import distinct, distinct_statements

    run = analyse(generated, out=tmp_path / "store", jobs=1)
    expected = distinct_statements(run.units)
    grouped_actors: list[set[str]] = []
    original = distinct.similar_pairs

    def recording(sets, **options):
        grouped_actors.append(len(sets))
        return original(sets, **options)

    monkeypatch.setattr(distinct, "similar_pairs", recording)
    pd.testing.assert_frame_equal(run.distinct_statements(run.units), expected, check_dtype=False)
    assert len(grouped_actors) == 1  # only the narration was grouped anew


def test_a_comparison_from_the_store_equals_the_comparison_in_memory(generated, tmp_path):
    stored = analyse(generated, out=tmp_path / "store", jobs=1)
    memory = analyse_corpus(generated)
    for count in ("distinct", "copies"):
        one = compare_voices(stored, "iran_mfa", "russia_mfa", seed=1, count=count, cache=False)
        two = compare_voices(memory, "iran_mfa", "russia_mfa", seed=1, count=count, cache=False)
        pd.testing.assert_frame_equal(one.sentiment, two.sentiment, check_dtype=False)
        pd.testing.assert_frame_equal(one.keyness, two.keyness, check_dtype=False)
        assert one.statements_a["copies"].tolist() == two.statements_a["copies"].tolist()


def test_a_store_written_before_the_aggregates_still_loads_and_computes_them(generated, tmp_path):
    analyse(generated, out=tmp_path / "store", jobs=1)
    manifest = json.loads((tmp_path / "store" / "manifest.json").read_text(encoding="utf-8"))
    del manifest["aggregates"]
    (tmp_path / "store" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    run = load_store(tmp_path / "store")
    assert run.duplicates is None and run.statements is None
    from analysis.syndication import find_duplicates

    pd.testing.assert_frame_equal(run.duplicate_documents(), find_duplicates(run.documents))
    assert analyse(generated, out=tmp_path / "store", jobs=1).statements is not None  # written again


def test_a_comparison_is_computed_once_per_analysis_and_the_old_ones_are_removed(generated, tmp_path, monkeypatch):
    corpus = shutil.copytree(generated, tmp_path / "corpus")
    _age(corpus)
    store = tmp_path / "store"
    run = analyse(corpus, out=store, jobs=1)
    first = compare_voices(run, "iran_mfa", "russia_mfa", seed=1, n_resamples=99)
    manifest = (store / "manifest.json").read_bytes()
    again = analyse(corpus, out=store, jobs=1)  # as every notebook of a report does
    assert (store / "manifest.json").read_bytes() == manifest
    monkeypatch.setattr("analysis.compare.comparison._compare", lambda *a, **k: pytest.fail("computed again"))
    cached = compare_voices(again, "iran_mfa", "russia_mfa", seed=1, n_resamples=99)
    for item in dataclasses.fields(first):  # every table, with its types and attrs, and every value
        stored, computed = getattr(cached, item.name), getattr(first, item.name)
        if isinstance(computed, pd.DataFrame):
            pd.testing.assert_frame_equal(stored, computed)
            assert stored.attrs == json.loads(json.dumps(computed.attrs, default=str)), item.name
        elif item.name == "contributions":
            assert stored.keys() == computed.keys()
            for key in computed:
                pd.testing.assert_frame_equal(stored[key], computed[key])
        else:
            assert stored == computed, item.name
    assert any(isinstance(ids, list) and ids for ids in cached.sentiment["unit_ids"])  # lists come back as lists
    monkeypatch.undo()
    edited = sorted((Path(corpus) / "documents").glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    updated = analyse(corpus, out=store, jobs=1)
    compare_voices(updated, "iran_mfa", "russia_mfa", seed=1, n_resamples=99)
    assert len(list((store / "comparisons").iterdir())) == 1


def test_a_loaded_store_reads_a_table_when_it_is_first_used(generated, tmp_path):
    from analysis.pipeline.run import Deferred

    analyse(generated, out=tmp_path / "store", jobs=1)
    run = load_store(tmp_path / "store")
    unread = ("attributions", "utterances", "units", "frames", "stats", "duplicates", "statements")
    assert all(type(object.__getattribute__(run, name)) is Deferred for name in unread)
    assert not run.units.empty  # read now, once
    assert isinstance(object.__getattribute__(run, "units"), pd.DataFrame)
    assert run.units is run.units
    assert type(object.__getattribute__(run, "utterances")) is Deferred  # the others still wait
    frames_equal(run, analyse_corpus(generated))


def test_a_table_is_not_read_from_a_store_analysed_again_after_it_was_loaded(generated, tmp_path):
    from analysis.pipeline.store import StoreError

    corpus = shutil.copytree(generated, tmp_path / "corpus")
    analyse(corpus, out=tmp_path / "store", jobs=1)
    run = load_store(tmp_path / "store")
    first = run.attributions  # read before the change: kept
    edited = sorted((Path(corpus) / "documents").glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    analyse(corpus, out=tmp_path / "store", jobs=1)
    assert run.attributions is first
    with pytest.raises(StoreError, match="changed after it was loaded"):
        run.units  # noqa: B018 - reading it is the test


def test_the_aggregates_computed_in_two_processes_equal_those_of_one(generated, tmp_path, monkeypatch):
    one = analyse(generated, out=tmp_path / "one", jobs=1)
    monkeypatch.setattr("analysis.pipeline.store._AGGREGATES_APART", 0)  # the generated corpus is small
    two = analyse(generated, out=tmp_path / "two", jobs=2)
    for name in ("duplicates", "statements"):
        pd.testing.assert_frame_equal(getattr(two, name), getattr(one, name))
    assert two.duplicates.attrs["compilations"] == one.duplicates.attrs["compilations"]
    assert (two.statements["copies"] > 1).any()
