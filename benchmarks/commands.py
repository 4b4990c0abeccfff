"""Commands are views: a second question about an unchanged corpus costs a fraction of the first.

A command given a corpus folder reads the folder's stored analysis (computing it, or updating
the documents that changed, first). On a generated corpus of 1,000 documents (no third-party
text, see ``benchmarks/scale.py``) this prints, for ``framing sentiment CORPUS --by actor``,
``framing statements CORPUS --voice iran_mfa``, ``framing frames CORPUS``, ``framing quotes
CORPUS`` and ``framing keyness iran_mfa russia_mfa --corpus CORPUS``:

* the first run, which analyses the corpus and stores the analysis (the baseline);
* the same command again, which reads the stored analysis;
* the same command analysing the corpus in memory without a store -- what every run cost before
  commands read the store (forced here with ``--actors`` naming the corpus's own registry, which
  analyses in memory);

and the ratio of the second run to the first. Each command runs as a process of its own, as a
user runs it, and its output goes to ``/dev/null``.

    python benchmarks/commands.py               # 1,000 documents
    python benchmarks/commands.py --size 200
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _scale():
    spec = importlib.util.spec_from_file_location("scale_benchmark", ROOT / "benchmarks" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _framing() -> list[str]:
    return [sys.executable, "-m", "analysis"]


def _timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def commands(corpus: Path) -> dict[str, list[str]]:
    """The commands measured, by name."""
    return {
        "sentiment --by actor": ["sentiment", str(corpus), "--by", "actor", "--resamples", "999"],
        "statements --voice iran_mfa": ["statements", str(corpus), "--voice", "iran_mfa"],
        "frames": ["frames", str(corpus)],
        "quotes": ["quotes", str(corpus), "--format", "jsonl"],
        "keyness": ["keyness", "iran_mfa", "russia_mfa", "--corpus", str(corpus)],
    }


def _in_memory(argv: list[str], corpus: Path) -> list[str]:
    """The same command made to analyse in memory (``--actors`` with the corpus's own registry)."""
    return [*argv, "--actors", str(corpus / "actors.yml")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="documents in the generated corpus (default: 1000)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="framing-commands-"))
    try:
        corpus = _scale().generate_corpus(work / "corpus", args.size)
        shutil.copy(ROOT / "analysis" / "data" / "actors.yml", corpus / "actors.yml")
        print(f"{args.size:,} generated documents; seconds per command (each a process of its own)\n")
        print(f"{'command':30} {'first (stores)':>15} {'again (reads)':>14} {'in memory':>10} {'again/first':>12}")
        for name, command in commands(corpus).items():
            shutil.rmtree(corpus / ".framing", ignore_errors=True)
            first = _timed([*_framing(), *command])
            again = _timed([*_framing(), *command])
            memory = _timed([*_framing(), *_in_memory(command, corpus)])
            print(f"{name:30} {first:15.1f} {again:14.1f} {memory:10.1f} {again / first:12.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
