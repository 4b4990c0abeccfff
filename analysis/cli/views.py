"""Commands are views: the analysis a command reads, from the stored analysis of a corpus folder.

A command given a corpus folder reads the folder's stored analysis (Parquet, see
:mod:`analysis.pipeline.store`), computing it or updating the documents that changed first, so
that a second question about the same corpus costs a fraction of the first. Other inputs -- one
document, a JSON Lines or text file, standard input -- are analysed in memory, as is a corpus
read with another actor registry than its own (``--actors``): the stored analysis is the one of
the corpus's own configuration, and stays so.

Examples
--------
>>> import shutil, tempfile
>>> from analysis.paths import default_corpus
>>> corpus = shutil.copytree(default_corpus(), tempfile.mkdtemp() + "/c", ignore=shutil.ignore_patterns(".framing"))
>>> command_analysis(corpus).store.name
'analysis'
>>> command_analysis(corpus + "/documents/2025-10-03-alahed-iran-hails-strategic-pact.md").store is None
True
"""

from __future__ import annotations

from pathlib import Path

from ..corpus.inputs import read_input
from ..pipeline.run import CorpusAnalysis, analyse_corpus, analyse_documents
from ..pipeline.study import Study, load_study
from ..syndication.duplicates import dedupe_documents

__all__ = ["is_corpus_folder", "command_study", "command_analysis"]


def is_corpus_folder(source: str | Path) -> bool:
    """Whether a command's INPUT is a corpus folder (a folder, not ``-`` or a file)."""
    return str(source) != "-" and Path(source).is_dir()


def command_study(source: str | Path, *, actors: str | Path | None = None, **files: str | Path | None) -> Study:
    """The study of a command's INPUT: its corpus folder's data files, or the package's for other input.

    ``actors`` and ``files`` are files given on the command line (``--actors``, ``--frames`` ...).
    """
    return load_study(source, actors=actors, **files)


def command_analysis(source: str | Path, *, actors: str | Path | None = None, dedupe: bool = False) -> CorpusAnalysis:
    """Return the analysis a command reads: a corpus folder's stored analysis, else one made in memory.

    Parameters
    ----------
    source
        The command's INPUT: a corpus folder, a document, a JSON Lines or text file, or ``-``.
    actors
        An actor registry other than the corpus's own (``--actors``): the analysis is then made
        in memory and not stored.
    dedupe
        Keep one document per cluster of near-duplicates (``--dedupe``).

    Raises
    ------
    AnalysisError
        For bad input, naming the file and the problem.
    """
    if is_corpus_folder(source) and actors is None:
        return analyse_corpus(source, store=True, dedupe=dedupe)
    documents = read_input(source)
    if dedupe:
        documents = dedupe_documents(documents)
    return analyse_documents(documents, study=command_study(source, actors=actors))
