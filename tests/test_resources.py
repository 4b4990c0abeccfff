"""Offline language resources: VADER through nltk with no network and no nltk.download."""

from __future__ import annotations

import re
import socket
import zipfile
from pathlib import Path

import nltk
import pytest

from analysis.errors import AnalysisError
from analysis.sentiment import lexicon as resources

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """Block sockets and nltk.download, point the cache at an empty folder, reset caches."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.downloader, "download", refuse)
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(nltk.data, "path", [p for p in nltk.data.path])
    resources.nltk_data_root.cache_clear()
    resources.vader_analyzer.cache_clear()
    yield tmp_path / "cache"
    resources.nltk_data_root.cache_clear()
    resources.vader_analyzer.cache_clear()


def test_vader_loads_and_scores_with_the_network_blocked(offline):
    analyzer = resources.vader_analyzer()
    scores = analyzer.polarity_scores("The treaty is a great success.")
    assert scores["compound"] > 0.5
    assert set(scores) == {"neg", "neu", "pos", "compound"}
    root = resources.nltk_data_root()
    assert root.parent == offline
    assert nltk.data.path[0] == str(root)
    with zipfile.ZipFile(root / "sentiment" / "vader_lexicon.zip") as archive:
        assert archive.read("vader_lexicon/vader_lexicon.txt") == resources.vader_lexicon_file().read_bytes()


def test_the_lexicon_is_the_one_shipped_in_vadersentiment(offline):
    lexicon = resources.vader_lexicon_file()
    assert lexicon.parent.name == "vaderSentiment"
    analyzer = resources.vader_analyzer()
    entries = {line.split("\t")[0] for line in lexicon.read_text(encoding="utf-8").splitlines() if line}
    assert set(analyzer.lexicon) == entries
    assert analyzer.lexicon["good"] == pytest.approx(1.9)


def test_a_corrupt_cached_lexicon_is_rebuilt(offline):
    root = resources.nltk_data_root()
    target = root / "sentiment" / "vader_lexicon.zip"
    target.write_bytes(b"not a zip")
    resources.nltk_data_root.cache_clear()
    resources.vader_analyzer.cache_clear()
    assert resources.vader_analyzer().polarity_scores("bad")["compound"] < 0
    assert zipfile.is_zipfile(target)


def test_missing_vadersentiment_gives_a_clear_message(offline, monkeypatch):
    monkeypatch.setattr(resources.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(AnalysisError, match="pip install vaderSentiment"):
        resources.vader_lexicon_file()


def test_no_code_calls_a_downloader():
    pattern = re.compile(r"nltk\.download\(|spacy\.cli\.download|from_pretrained\(|urlopen\(|requests\.get\(")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("analysis", "notebooks", "benchmarks")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".ipynb"} and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
