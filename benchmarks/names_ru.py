"""Benchmark: names that decline -- which way finds the registry's Russian names in all six cases.

Usage::

    python benchmarks/names_ru.py [--no-natasha] [--table]

Every form of ``tests/fixtures/ru_names.yml`` (each actor and side of the registry, by hand, in
the nominative, genitive, dative, accusative, instrumental and prepositional) is put into a
sentence of its case, and the sentences of ``negatives`` (look-alike words, other people,
adjectives, prefixes) are added. Three methods find names in them:

declension
    (the one the package uses, :class:`analysis.languages.names.NameMatcher`) the registry's
    names declined once into their six cases -- the OpenCorpora dictionary of pymorphy3 for the
    words it knows, the ending rules of ``analysis/data/languages/ru/names.yml`` for names it
    does not -- and matched as word forms, capitals kept.
lemma
    every word of the text and of the names lemmatised by pymorphy3 (any of its parses), a name
    found when the lemmas of its words meet those of consecutive words, capitals kept.
natasha
    natasha's news NER and morphology taggers (slovnet, models inside the wheel) tag PER, ORG and
    LOC spans; each is normalised (``span.normalize``) and looked up among the names (a person also by the last
    word). Skipped when natasha is not installed (``pip install natasha``).

Printed: precision (right matches over all matches), recall (sentences whose name was found),
F1, sentences per second on one core (after a warm-up; building the matcher is timed apart),
and with ``--table`` the declension method's coverage per actor and case.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.corpus import load_actors  # noqa: E402
from analysis.languages import load_language, script_of  # noqa: E402
from analysis.languages.backends import morph_analyzer  # noqa: E402
from analysis.languages.names import CASES, NameEntry, NameMatcher, decline, registry_entries  # noqa: E402

CASES_FILE = ROOT / "tests" / "fixtures" / "ru_names.yml"
TEMPLATES = {
    "nomn": "Вчера {} выступил с заявлением.",
    "gent": "Заявление {} прозвучало вчера.",
    "datv": "Журналисты задали вопрос {}.",
    "accs": "Журналисты процитировали {}.",
    "ablt": "Встреча с {} прошла в Женеве.",
    "loct": "Речь шла {} {}.",
}
_VOWELS = "АОУЭИаоуэи"

Finder = Callable[[str], list[tuple[int, int, str]]]  # text -> (start, end, target)


def load_cases(path: Path = CASES_FILE) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    """The positive sentences (sentence, target, case, form) and the negative sentences."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    positives = []
    for target, names in data["cases"].items():
        for forms in names.values():
            for case, form in zip(CASES, forms, strict=True):
                if case == "loct":
                    sentence = TEMPLATES[case].format("об" if form[0] in _VOWELS else "о", form)
                else:
                    sentence = TEMPLATES[case].format(form)
                positives.append((sentence, target.replace("side:", ""), case, form))
    return positives, list(data["negatives"])


def cyrillic_entries() -> list[NameEntry]:
    """The names (aliases and side aliases; descriptions left out) of the package registry."""
    entries = registry_entries(load_actors(ROOT / "analysis" / "data" / "actors.yml"), descriptions=False)
    return [e for e in entries if script_of(e.name) == "Cyrillic"]


def declension_finder(entries: Sequence[NameEntry]) -> Finder:
    matcher = NameMatcher(entries, load_language("ru"))
    return lambda text: [(m.start, m.end, m.target) for m in matcher.find(text)]


def lemma_finder(entries: Sequence[NameEntry]) -> Finder:
    import re

    word = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
    morph = morph_analyzer()
    cache: dict[str, frozenset[str]] = {}

    def lemmas(token: str) -> frozenset[str]:
        if token not in cache:
            cache[token] = frozenset(p.normal_form.replace("ё", "е") for p in morph.parse(token))
        return cache[token]

    names = []
    for entry in entries:
        tokens = word.findall(entry.name)
        names.append(([lemmas(t) for t in tokens], [t[:1].isupper() for t in tokens], entry.target))
    names.sort(key=lambda n: -len(n[0]))

    def find(text: str) -> list[tuple[int, int, str]]:
        tokens = [(m.start(), m.end(), m.group()) for m in word.finditer(text)]
        found, i = [], 0
        while i < len(tokens):
            for name_lemmas, capitals, target in names:
                n = len(name_lemmas)
                if i + n <= len(tokens) and all(
                    name_lemmas[k] & lemmas(tokens[i + k][2]) and (not capitals[k] or tokens[i + k][2][:1].isupper())
                    for k in range(n)
                ):
                    found.append((tokens[i][0], tokens[i + n - 1][1], target))
                    i += n
                    break
            else:
                i += 1
        return found

    return find


def natasha_finder(entries: Sequence[NameEntry]) -> Finder | None:
    try:
        from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:
        return None
    embedding = NewsEmbedding()
    segmenter, vocab, tagger, morph = Segmenter(), MorphVocab(), NewsNERTagger(embedding), NewsMorphTagger(embedding)
    lookup = {" ".join(e.name.casefold().replace("ё", "е").split()): e.target for e in entries}

    def find(text: str) -> list[tuple[int, int, str]]:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)  # span.normalize needs the morphology
        doc.tag_ner(tagger)
        found = []
        for span in doc.spans:
            span.normalize(vocab)
            normal = " ".join(span.normal.casefold().replace("ё", "е").split())
            target = lookup.get(normal) or (lookup.get(normal.split()[-1]) if span.type == "PER" else None)
            if target:
                found.append((span.start, span.stop, target))
        return found

    return find


def evaluate(find: Finder, positives, negatives) -> dict[str, float]:
    """Precision, recall, F1 and sentences per second of one finder on the cases."""
    for sentence, *_ in positives[:20]:
        find(sentence)  # warm-up
    started = time.perf_counter()
    results = [find(p[0]) for p in positives] + [find(n) for n in negatives]
    seconds = time.perf_counter() - started
    right = wrong = found = 0
    misses = []
    for (sentence, target, case, form), matches in zip(positives, results, strict=False):
        hit = any(t == target for *_, t in matches)
        found += hit
        if not hit:
            misses.append(f"{target}/{case}: {form}")
        right += sum(t == target for *_, t in matches)
        wrong += sum(t != target for *_, t in matches)
        misses.extend(f"false: {sentence[s:e]} -> {t}" for s, e, t in matches if t != target)
    for sentence, matches in zip(negatives, results[len(positives) :], strict=True):
        wrong += len(matches)
        misses.extend(f"false: {sentence[s:e]} -> {t}" for s, e, t in matches)
    precision = right / (right + wrong) if right + wrong else 0.0
    recall = found / len(positives)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(positives) + len(negatives)
    return {"precision": precision, "recall": recall, "f1": f1, "per_s": n / seconds, "misses": misses, "false": wrong}


def coverage_table(find: Finder, positives) -> list[str]:
    """Per actor and case, how many of its forms were found (declension method)."""
    table: dict[str, dict[str, list[int]]] = {}
    for sentence, target, case, _ in positives:
        cell = table.setdefault(target, {}).setdefault(case, [0, 0])
        cell[0] += any(t == target for *_, t in find(sentence))
        cell[1] += 1
    lines = [f"{'actor':16} " + " ".join(f"{c:>5}" for c in CASES)]
    for target, cases in table.items():
        lines.append(f"{target:16} " + " ".join(f"{cases[c][0]}/{cases[c][1]:<3}" for c in CASES))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-natasha", action="store_true", help="skip the natasha method (slow to load)")
    parser.add_argument("--table", action="store_true", help="coverage per actor and case of the declension method")
    parser.add_argument("--misses", action="store_true", help="list each method's misses")
    args = parser.parse_args(argv)
    positives, negatives = load_cases()
    entries = cyrillic_entries()
    print(f"{len(positives)} sentences with a name ({len(positives) // 6} names x 6 cases), {len(negatives)} without")
    methods: dict[str, Callable[[Sequence[NameEntry]], Finder | None]] = {
        "declension": declension_finder,
        "lemma": lemma_finder,
    }
    if not args.no_natasha:
        methods["natasha"] = natasha_finder
    for name, build in methods.items():
        started = time.perf_counter()
        find = build(entries)
        built = time.perf_counter() - started
        if find is None:
            print(f"{name:10}  skipped (not installed)")
            continue
        result = evaluate(find, positives, negatives)
        print(
            f"{name:10}  P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}  "
            f"({result['false']} false matches)  {result['per_s']:,.0f} sentences/s  (built in {built:.2f} s)"
        )
        if args.misses:
            print("   misses: " + ("; ".join(result["misses"]) or "none"))
    if args.table:
        print("\n".join(coverage_table(declension_finder(entries), positives)))
    forms = sum(len(decline(e.name, load_language("ru"), person=e.person, gender=e.gender)) for e in entries)
    print(f"{len(entries)} Cyrillic names of the registry give {forms} word forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
