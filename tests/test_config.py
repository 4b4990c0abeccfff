"""One configuration resolution: every entry point finds a corpus's data files the same way."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.corpus import config_file, corpus_root, load_actors, resolve_config
from analysis.datafiles import read_yaml, string_list
from analysis.errors import ActorsError, FileError
from analysis.paths import package_data
from analysis.pipeline.study import load_study
from analysis.salience import load_frames
from analysis.sentiment import load_boilerplate, load_targets

from .conftest import write_document

OWN_ACTORS = """\
actors:
  - id: speaker_x
    name: Speaker X
    kind: person
    side: other
    aliases: [Xavier]
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "study"
    write_document(root / "documents", "a.md", "Xavier said the talks were useful.")
    (root / "actors.yml").write_text(OWN_ACTORS, encoding="utf-8")
    return root


def test_a_corpus_folder_a_document_and_its_documents_folder_find_the_same_files(corpus):
    document = corpus / "documents" / "a.md"
    assert corpus_root(corpus) == corpus
    assert corpus_root(document) == corpus
    for source in (corpus, document):
        config = resolve_config(source)
        assert config.actors == corpus / "actors.yml"
        assert config.frames == package_data("frames.yml")  # the corpus has no frames.yml of its own
        assert "speaker_x" in load_study(source).actors


def test_explicit_files_win_and_stdin_has_no_corpus(corpus, tmp_path):
    other = tmp_path / "other.yml"
    other.write_text(OWN_ACTORS.replace("speaker_x", "speaker_y"), encoding="utf-8")
    assert resolve_config(corpus, actors=other).actors == other
    assert resolve_config("-").root is None
    assert resolve_config("-").actors == package_data("actors.yml")
    assert config_file("actors", other) == other  # a data file given as the source is itself


def test_nothing_means_the_default_corpus_and_the_environment_variable_is_obeyed(corpus, monkeypatch):
    monkeypatch.setenv("FRAMING_CORPUS", str(corpus))
    assert resolve_config().root == corpus
    assert "speaker_x" in load_actors()  # not the package's registry: the corpus's own


def test_every_loader_takes_a_corpus_folder(corpus):
    (corpus / "frames.yml").write_text(
        "frames:\n  - id: only\n    label: The only frame\n    terms: [talks]\n", encoding="utf-8"
    )
    assert load_frames(corpus).ids == ["only"]
    assert load_targets(corpus).source == str(package_data("targets.yml"))
    assert load_boilerplate(corpus)  # the package's patterns, the corpus having none


def test_a_missing_source_is_named_in_the_error(tmp_path):
    with pytest.raises(ActorsError, match=r"nowhere.*no such file"):
        load_actors(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("text", "problem"),
    [("actors: [unclosed\n", "not valid YAML (line 2)"), ("a: 1\n\tb: 2\n", "not valid YAML (line 2)")],
)
def test_read_yaml_names_the_file_and_the_line(tmp_path, text, problem):
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileError) as error:
        read_yaml(path, FileError)
    assert str(error.value) == f"{path}: {problem}"


def test_read_yaml_says_not_utf8_and_no_such_file(tmp_path):
    path = tmp_path / "latin.yml"
    path.write_bytes("name: Gr\xfc\xdfe\n".encode("latin-1"))
    with pytest.raises(FileError, match="not UTF-8"):
        read_yaml(path)
    with pytest.raises(FileError, match="no such file"):
        read_yaml(tmp_path / "absent.yml")


def test_string_list_accepts_one_string_and_rejects_other_values():
    assert string_list("Tehran", where="aliases", source="x.yml") == ("Tehran",)
    assert string_list(None, where="aliases", source="x.yml") == ()
    with pytest.raises(FileError, match=r"x\.yml: aliases must be a list of non-empty strings"):
        string_list(["ok", ""], where="aliases", source="x.yml")


@pytest.mark.parametrize("command", [["quotes"], ["validate"], ["frames", "--by", "actor"]])
def test_the_commands_use_the_registry_of_the_document_they_read(corpus, capsys, command):
    document = corpus / "documents" / "a.md"
    argv = [command[0], str(document), *command[1:]]
    if command[0] != "validate":
        argv += ["--format", "csv"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    expected = "speaker_x" if command[0] != "validate" else textwrap.shorten(str(corpus / "actors.yml"), 500)
    assert expected in out
