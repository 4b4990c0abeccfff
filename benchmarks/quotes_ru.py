"""Benchmark Russian quote attribution: span P/R/F1, speaker and actor accuracy, throughput.

Usage::

    python benchmarks/quotes_ru.py [GOLD.jsonl ...] [--errors] [--no-speed] [--min-mb 2] [--language fa]

With ``--language fa`` the Persian class gold (``tests/gold/fa_classes.jsonl``) is scored with
``analysis/data/languages/fa/quotes.yml`` by the same engine.

Scores ``tests/gold/ru_*.jsonl`` (``ru_classes.jsonl``: the class gold the rules were written
with; ``ru_heldout.jsonl``: written before the rules and never tuned on) with the measures of
``benchmarks/quotes.py`` (overlap at 0.3 and 0.8, greedy one-to-one pairing, speaker and actor
accuracy over the pairs, per class). Predictions come from
:func:`analysis.attribution.multilingual.extract.attribution_rows_in` with the package registry
and ``analysis/data/languages/ru/quotes.yml``.

Throughput, one core, the table built:

* on gold prose: the Russian gold texts joined into articles of about 3,000 characters
  (:func:`benchmarks.quotes.gold_articles`), repeated to at least :data:`PROSE_ARTICLES`
  articles, against the English engine on the English gold prose (the gold texts ten times, as
  ``benchmarks/quotes.py`` measures it) in the same run -- the baseline the issue names
  ("the same throughput as English, >= 200 articles/s");
* on generated articles of about 3 kB from Russian sentence templates (direct quotes with a
  dash or a colon, reported speech, "по словам", impersonal institutions, narration).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.attribution.extract import quote_frame  # noqa: E402
from analysis.attribution.multilingual.extract import attribution_rows_in  # noqa: E402
from analysis.corpus import load_actors  # noqa: E402
from analysis.languages import load_language  # noqa: E402


def _english_benchmark():
    spec = importlib.util.spec_from_file_location("quotes_benchmark", ROOT / "benchmarks" / "quotes.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


bench = _english_benchmark()
GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("ru_*.jsonl"))


def gold_files(language: str = "ru") -> list[Path]:
    """The class gold of a language: ``tests/gold/<code>_*.jsonl`` (``fa_classes.jsonl`` for Persian)."""
    return sorted((ROOT / "tests" / "gold").glob(f"{language}_*.jsonl"))


@cache
def _actors():
    return load_actors(ROOT / "analysis" / "data" / "actors.yml")


def predict(gold, language: str = "ru"):
    """The attributions table of the gold texts, by the multilingual engine."""
    actors, lang = _actors(), load_language(language)
    rows = [row for g in gold for row in attribution_rows_in(g["doc_id"], g["text"], actors, lang)]
    return quote_frame(rows)


_SPEAKERS = ["Лавров", "Захарова", "Аракчи", "Багаи", "Песков", "глава МИД России Сергей Лавров", "Путин", "Джалали"]
_SPEAKERS_GEN = ["Лаврова", "Захаровой", "Аракчи", "Багаи", "Пескова", "главы МИД России", "Путина", "Джалали"]
_CUES = ["заявил", "подчеркнул", "отметил", "сообщил", "добавил", "указал"]
_CLAUSES = [
    "договор укрепит безопасность региона",
    "товарооборот между странами растет",
    "стороны продолжат консультации в Тегеране",
    "санкции не остановят сотрудничество",
    "ратификация завершится в ближайшее время",
    "документ не направлен против третьих стран",
]
_NARRATION = [
    "Договор был подписан в Москве в январе.",
    "Делегации обсудили транспортный коридор «Север — Юг».",
    "Газета «Известия» опубликовала полный текст документа.",
    "Переговоры продолжались несколько часов.",
]


def _sentence(rng: random.Random) -> str:
    k = rng.randrange(len(_SPEAKERS))
    speaker, genitive, cue, clause = _SPEAKERS[k], _SPEAKERS_GEN[k], rng.choice(_CUES), rng.choice(_CLAUSES)
    styles = [
        f"«{clause[0].upper() + clause[1:]}», — {cue} {speaker}.",
        f"{speaker} {cue}, что {clause}.",
        f"По словам {genitive}, {clause}.",
        f"{speaker} {cue}: «{clause[0].upper() + clause[1:]}».",
        f"В МИД России {cue}и, что {clause}.",
        f"{clause[0].upper() + clause[1:]}, {cue} {speaker}.",
    ]
    form = rng.randrange(8)
    return styles[form] if form < len(styles) else rng.choice(_NARRATION)


def synthetic_corpus(min_bytes: int, *, seed: int = 3) -> list[str]:
    """Russian articles (about 3 kB each) generated until their UTF-8 size reaches ``min_bytes``."""
    rng = random.Random(seed)
    texts, size = [], 0
    while size < min_bytes:
        text = "\n\n".join(
            " ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(8, 16))
        )
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def throughput(texts: Sequence[str]) -> dict[str, float]:
    """Articles per second of the engine over ``texts`` (one core, table built), by the clock and by
    the process's CPU time (the second moves less when other programs share the machine)."""
    actors, lang = _actors(), load_language("ru")  # loaded once, as a pipeline does
    for text in texts[:5]:
        attribution_rows_in("warm", text, actors, lang)
    started, cpu = time.perf_counter(), time.process_time()
    rows = [row for i, text in enumerate(texts) for row in attribution_rows_in(str(i), text, actors, lang)]
    table = quote_frame(rows)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {
        "articles": len(texts),
        "kb": sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 1e3,
        "articles_per_s": len(texts) / seconds,
        "articles_per_cpu_s": len(texts) / cpu_seconds if cpu_seconds > 0 else float("inf"),
        "attributions": len(table),
    }


#: Gold prose is repeated to at least this many articles (the English gold ten times gives about 110).
PROSE_ARTICLES = 100


def prose_throughput() -> dict[str, dict[str, float]]:
    """Articles per second on gold prose: Russian by the multilingual engine, English by
    :func:`analysis.attribute_quotes`, measured one after the other in this process."""
    russian = bench.gold_articles(GOLD_FILES)
    russian = russian * -(-PROSE_ARTICLES // len(russian))
    return {
        "ru": throughput(russian),
        "en": bench.throughput(bench.gold_articles(bench.english_gold_files()) * 10),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="gold JSONL files (default: tests/gold/ru_*.jsonl)")
    parser.add_argument("--errors", action="store_true", help="list missed, spurious and wrongly resolved quotes")
    parser.add_argument("--language", default="ru", help="the language of the gold and rules (ru, fa; default ru)")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    parser.add_argument("--min-mb", type=float, default=2.0, help="size of the generated corpus for throughput")
    args = parser.parse_args(argv)
    for file in [Path(g) for g in args.gold] or gold_files(args.language):
        gold = bench.load_gold(file)
        predicted = predict(gold, args.language)
        print(bench.report(f"{file.name} ({len(gold)} documents)", bench.score(gold, predicted)))
        print(bench.class_report(bench.by_class(gold, predicted)))
        if args.errors:
            print("\n".join(bench.errors(gold, predicted)) or "(no errors)")
    if not args.no_speed:
        prose = prose_throughput()
        ru, en = prose["ru"]["articles_per_s"], prose["en"]["articles_per_s"]
        print(
            f"== throughput on gold prose: Russian {prose['ru']['articles']} articles of about 3,000 characters "
            f"({prose['ru']['kb']:.1f} kB): {ru:.0f} articles/s on one core "
            f"({prose['ru']['articles_per_cpu_s']:.0f} per CPU second); English baseline, same run, "
            f"{prose['en']['articles']} articles: {en:.0f} articles/s; Russian/English {ru / en:.2f}"
        )
        speed = throughput(synthetic_corpus(int(args.min_mb * 1e6)))
        print(
            f"== throughput: {speed['articles']} generated Russian articles of {speed['kb']:.1f} kB, "
            f"{speed['attributions']} attributions: {speed['articles_per_s']:.0f} articles/s on one core"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
