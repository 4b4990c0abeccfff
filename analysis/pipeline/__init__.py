"""The chain of stages: corpus -> documents, attributions, utterances, units, scores and frames.

* :mod:`~analysis.pipeline.study` -- :class:`Study`: what a corpus uses besides its documents,
  loaded once and handed down to the stages (:func:`load_study`);
* :mod:`~analysis.pipeline.run` -- :func:`analyse_corpus` and :class:`CorpusAnalysis`;
* :mod:`~analysis.pipeline.partition` -- one pass per document, then a partition's tables;
* :mod:`~analysis.pipeline.guard` -- the time limit of one document;
* :mod:`~analysis.pipeline.engine` -- where partitions run: local processes or Dask;
* :mod:`~analysis.pipeline.store` -- compute once: the analysis as Parquet, reused and updated.
"""

from .run import CorpusAnalysis, analyse_corpus, analyse_documents
from .study import Study, load_study

__all__ = ["Study", "load_study", "CorpusAnalysis", "analyse_corpus", "analyse_documents"]
