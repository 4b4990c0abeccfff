"""Commands are views: given a corpus folder, a command reads its stored analysis instead of analysing again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.cli.views import command_analysis
from analysis.paths import default_corpus
from analysis.pipeline import partition, run

COMMANDS = [
    ["quotes", "{corpus}", "--format", "csv"],
    ["statements", "{corpus}", "--voice", "iran_mfa", "--format", "csv"],
    ["sentiment", "{corpus}", "--by", "actor", "--resamples", "199", "--format", "csv"],
    ["sentiment", "{corpus}", "--compare", "iran_mfa", "russia_mfa", "--resamples", "199", "--format", "csv"],
    ["frames", "{corpus}", "--format", "csv"],
    ["keyness", "iran_mfa", "outlet", "--corpus", "{corpus}", "--format", "csv", "--resamples", "20"],
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return shutil.copytree(default_corpus(), tmp_path / "corpus", ignore=shutil.ignore_patterns(".framing"))


def _run(argv: list[str], corpus: Path, capsys) -> str:
    assert main([a.format(corpus=corpus) for a in argv]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:2] if argv[0] != "keyness" else argv[:1]))
def test_a_second_run_reads_the_store_and_prints_what_the_in_memory_analysis_prints(argv, corpus, capsys, monkeypatch):
    first = _run(argv, corpus, capsys)
    assert (corpus / ".framing" / "analysis" / "manifest.json").is_file()  # the first run stored the analysis
    passes: list[int] = []
    original = partition.analyse_frame

    def counting(documents, settings):
        passes.append(len(documents))
        return original(documents, settings)

    monkeypatch.setattr(partition, "analyse_frame", counting)  # the store's pass
    monkeypatch.setattr(run, "analyse_frame", counting)  # the in-memory pass
    again = _run(argv, corpus, capsys)
    assert passes == [], "the second run analysed documents again"
    in_memory = _run([*argv, "--actors", str(corpus / "actors.yml")], corpus, capsys)
    assert passes, "--actors analyses in memory"
    assert first == again == in_memory


def test_a_changed_document_is_analysed_again_and_only_it(corpus, capsys, monkeypatch):
    _run(COMMANDS[1], corpus, capsys)
    document = next((corpus / "documents").glob("*.md"))
    document.write_text(document.read_text(encoding="utf-8") + "\nLavrov said the talks were useful.\n", "utf-8")
    passes: list[int] = []
    original = partition.analyse_frame
    monkeypatch.setattr(
        partition,
        "analyse_frame",
        lambda documents, settings: passes.append(len(documents)) or original(documents, settings),
    )
    out = _run(["quotes", "{corpus}", "--format", "csv"], corpus, capsys)
    assert passes == [1] and "the talks were useful" in out


def test_other_inputs_are_analysed_in_memory_and_leave_no_store(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Lavrov said the talks were useful.", encoding="utf-8")
    analysis = command_analysis(text)
    assert analysis.store is None and analysis.attributions["actor"].tolist() == ["lavrov"]
    assert not (tmp_path / ".framing").exists()
