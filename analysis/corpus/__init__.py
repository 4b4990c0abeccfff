"""Stage 1, the corpus: documents and their validation, command inputs, the actor registry, configuration.

* :mod:`~analysis.corpus.documents` -- Markdown documents with front matter into the
  ``documents`` table; :func:`validate_corpus` lists every problem;
* :mod:`~analysis.corpus.inputs` -- the INPUT of the commands (folder, document, JSON Lines,
  text, stdin);
* :mod:`~analysis.corpus.registry` -- the actor registry (``actors.yml``);
* :mod:`~analysis.corpus.config` -- where a corpus's data files are;
* :mod:`~analysis.corpus.layout` -- how documents are laid out (narration, transcript turns,
  joint speakers), read by attribution and voices alike;
* :mod:`~analysis.corpus.overview` -- what is in a corpus, in a table and a sentence.
"""

from .config import Configuration, config_file, corpus_root, resolve_config
from .documents import (
    DOCUMENT_COLUMNS,
    REQUIRED_FIELDS,
    Document,
    document_paths,
    load_corpus,
    read_document,
    validate_corpus,
)
from .inputs import documents_from_texts, read_input
from .overview import corpus_summary, describe_corpus, source_line
from .registry import Actor, ActorRegistry, Side, load_actors, normalise_name

__all__ = [
    "DOCUMENT_COLUMNS",
    "REQUIRED_FIELDS",
    "Document",
    "read_document",
    "document_paths",
    "load_corpus",
    "validate_corpus",
    "read_input",
    "documents_from_texts",
    "corpus_summary",
    "describe_corpus",
    "source_line",
    "Actor",
    "Side",
    "ActorRegistry",
    "load_actors",
    "normalise_name",
    "Configuration",
    "resolve_config",
    "config_file",
    "corpus_root",
]
