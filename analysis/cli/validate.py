"""``framing validate PATH``: check a corpus without changing it."""

from __future__ import annotations

import argparse
import sys

from . import COMMANDS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help=COMMANDS["validate"],
        description="Check every document of a corpus and its actors.yml; print one line per "
        "problem on stderr and exit 2 if there is any. Clusters of exact and near-duplicate documents "
        "(reprinted wire copy; see framing duplicates) are reported as notes on stderr, not errors; so are "
        "a body whose detected language is not its front matter's (a warning) and documents in a language "
        "without resources, which are kept and counted but not analysed (a notice). "
        "Files are only read, never changed.",
    )
    parser.add_argument("path", metavar="PATH", help="corpus folder or one document")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..corpus.documents import load_corpus, validate_corpus
    from ..corpus.layout import silent_transcripts
    from ..corpus.overview import describe_languages
    from ..pipeline.languages import language_notices
    from ..pipeline.study import load_study
    from ..syndication.duplicates import describe_duplicates, find_duplicates

    problems = validate_corpus(args.path)
    if len(problems) > 1:
        for problem in problems[1:]:
            print(f"framing validate: error: {problem}", file=sys.stderr)
    if problems:
        raise problems[0]
    documents = load_corpus(args.path)
    study = load_study(args.path)
    actors = study.actors
    n_sentences = _count_sentences(documents)
    print(
        f"ok: {len(documents)} document(s), {n_sentences} sentences, "
        f"{documents['text'].str.len().sum()} characters; {len(actors)} actors from {actors.source}"
    )
    languages = describe_languages(documents)
    if languages:
        print(languages)
    for where, message in silent_transcripts(documents, actors, study.layout):
        print(f"framing validate: warning: {where}: {message}", file=sys.stderr)
    for where, level, message in language_notices(documents):
        print(f"framing validate: {level}: {where}: {message}", file=sys.stderr)
    duplicates = find_duplicates(documents)
    if not duplicates.empty:
        print(f"framing validate: note: {describe_duplicates(duplicates, len(documents))}", file=sys.stderr)
        for cluster, group in duplicates.groupby("cluster", sort=True):
            members = ", ".join(
                f"{row.doc_id} ({'kept' if row.kept else f'{row.kind}, Jaccard {row.jaccard:.2f}'})"
                for row in group.itertuples(index=False)
            )
            print(f"framing validate: note: near-duplicates {cluster}: {members}", file=sys.stderr)
    return 0


def _count_sentences(documents) -> int:
    """The sentences of a corpus, each document split by its language's splitter (English by default)."""
    from ..languages import is_supported, load_language
    from ..pipeline.languages import is_english, language_of
    from ..text import sentences

    codes = [language_of(doc) for doc in documents.itertuples(index=False)]
    english = [is_english(code) for code in codes]
    count = len(sentences(documents[english])) if any(english) else 0
    for text, code, eng in zip(documents["text"], codes, english, strict=True):
        if not eng and is_supported(code):
            count += len(load_language(code).split_sentences(text))
    return count


__all__ = ["register", "run"]
