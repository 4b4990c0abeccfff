"""The chain of stages in one call: corpus -> documents, attributions, utterances, units."""

from .run import CorpusAnalysis, analyse_corpus, analyse_documents

__all__ = ["CorpusAnalysis", "analyse_corpus", "analyse_documents"]
