"""Benchmark: how fast the command line answers help and usage errors.

Run with ``.venv/bin/python benchmarks/cli.py`` (``--repeat N`` runs of each, the median shown).

Each command runs as a process of its own, as a user runs it (``python -m analysis ...``), and
is measured against the baseline of the same run: a Python process that does nothing
(``python -c pass``), the least any command can take. Measured: ``framing --help`` (lists the
commands without importing any, see :data:`analysis.cli.COMMANDS`), an unknown command (a
usage error), ``framing --version``, and ``framing COMMAND --help`` for every command (which
imports that command's module only). Timings on a shared machine vary with its load; the
ratio to the baseline of the same run is the figure to compare.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seconds(argv: list[str], repeat: int) -> float:
    """The median wall-clock seconds of ``repeat`` runs of a process."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (the median is shown)")
    options = parser.parse_args()
    from analysis.cli import COMMANDS

    python = [sys.executable]
    baseline = seconds([*python, "-c", "pass"], options.repeat)
    print(f"{'command':<32} {'seconds':>8} {'x baseline':>11}")
    print(f"{'python -c pass (baseline)':<32} {baseline:8.3f} {1.0:11.1f}")
    cases = [["--help"], ["frobnicate"], ["--version"], *([name, "--help"] for name in COMMANDS)]
    for case in cases:
        took = seconds([*python, "-m", "analysis", *case], options.repeat)
        print(f"{'framing ' + ' '.join(case):<32} {took:8.3f} {took / baseline:11.1f}")


if __name__ == "__main__":
    main()
