"""The shape of the package: imports run down the pipeline, settings travel as objects, tables have one schema."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import schema

PACKAGE = Path(analysis.__file__).resolve().parent

#: The stages, lowest first; a module may import only from its own stage or lower ones.
ORDER = [
    "base",
    "corpus",
    "ingest",
    "attribution",
    "voices",
    "syndication",
    "sentiment",
    "salience",
    "validation",
    "pipeline",
    "compare",
    "render",
    "cli",
]
BASE = {
    "errors",
    "paths",
    "datafiles",
    "text",
    "resampling",
    "shares",
    "schema",
    "languages",
    "version",
    "machine",
    "__init__",
}


def stage_of(module: str) -> str:
    """The stage of a dotted module name inside the package (``analysis.sentiment.vader`` -> ``sentiment``)."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in BASE:
        return "base"
    if parts[0] == "__main__":
        return "cli"
    return parts[0]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts)
        found.append((name.removesuffix(".__init__"), path))
    return found


def imports(name: str, path: Path) -> list[tuple[int, str]]:
    """Every module of the package that ``path`` imports (at any depth: functions too), with its line."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "analysis" or target.startswith("analysis."):
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("analysis")]
    return found


def test_every_stage_folder_is_in_the_order():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders <= set(ORDER) | BASE, f"stage folders missing from ORDER: {folders - set(ORDER) - BASE}"


def test_no_import_runs_back_up_the_pipeline():
    upward = []
    for name, path in modules():
        here = ORDER.index(stage_of(name))
        for line, target in imports(name, path):
            there = stage_of(target)
            if target == "analysis" and name != "analysis":
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports the top-level package")
            elif ORDER.index(there) > here:
                upward.append(
                    f"{path.relative_to(PACKAGE.parent)}:{line} ({stage_of(name)}) imports {target} ({there})"
                )
    assert not upward, "imports that run back up the pipeline:\n" + "\n".join(upward)


def test_no_import_circle_between_stage_folders():
    graph: dict[str, set[str]] = {}
    for name, path in modules():
        graph.setdefault(stage_of(name), set()).update(
            stage_of(t) for _, t in imports(name, path) if stage_of(t) != stage_of(name)
        )

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph.get(start, ()))

    circles = [s for s in graph if reaches(s, s, {s})]
    assert not circles, f"stages in an import circle: {circles}"


#: Where the package may read the environment: the path defaults, and the report handing its own
#: environment on to the notebook kernels it starts (it reads no option from it).
ENVIRONMENT_ALLOWED = {"paths.py", "render/notebooks.py"}


def test_no_option_travels_through_an_environment_variable():
    readers = []
    for _name, path in modules():
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ENVIRONMENT_ALLOWED or relative.startswith("cli/"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"os\.environ|os\.getenv|getenv\(", text):
            readers.append(relative)
    assert not readers, f"modules reading the environment: {readers}"


def test_stages_do_not_look_for_their_files_themselves():
    """Where a corpus's files are is resolved at the top (Study); later stages read package defaults."""
    callers = []
    for name, path in modules():
        if ORDER.index(stage_of(name)) >= ORDER.index("pipeline") or stage_of(name) in ("base", "corpus"):
            continue  # the entry points (pipeline, report, commands) and the corpus stage find the files
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\bresolve_config\(|\bload_study\(|default_corpus\(", text):
            line = text[: match.start()].count("\n") + 1
            if ">>>" not in text.splitlines()[line - 1]:
                callers.append(f"{path.relative_to(PACKAGE).as_posix()}:{line}")
    assert not callers, f"stages finding a corpus's files themselves: {callers}"


def test_every_column_constant_comes_from_the_schema():
    """A table's columns are declared once, in analysis.schema; modules name them, never list them again."""
    listed = []
    for _name, path in modules():
        if path.name == "schema.py":
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^([A-Z_]*COLUMNS)\s*(?::[^=]*)?=\s*\[\s*\"", text, re.M):
            listed.append(f"{path.relative_to(PACKAGE).as_posix()}: {match.group(1)}")
    assert not listed, f"column lists outside analysis.schema: {listed}"


def test_no_two_modules_export_the_same_column_constant_name():
    names: dict[str, str] = {}
    clashes = []
    for name, path in modules():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^([A-Z_]*COLUMNS)\s*=", text, re.M):
            constant = match.group(1)
            if constant in names and not constant.startswith("_"):
                clashes.append(f"{constant}: {names[constant]} and {name}")
            names[constant] = name
    assert not clashes, clashes


def test_the_top_level_namespace_is_the_documented_verbs_and_the_stages():
    shown = set(dir(analysis))
    assert {"Any", "annotations", "importlib", "warnings", "cli"}.isdisjoint(shown)
    assert set(analysis.__all__) <= shown
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None
    with pytest.raises(AttributeError):
        analysis.split_sentences  # noqa: B018 - a 0.1 alias, removed in 0.2


@pytest.mark.parametrize("table", sorted(schema.TABLES))
def test_every_schema_builds_an_empty_table_that_passes_its_own_check(table):
    frame = schema.empty(table)
    assert list(frame.columns) == schema.columns(table)
    schema.check(frame, table)
    for column in schema.TABLES[table].columns:
        assert column.meaning and column.type in schema.TYPES


def test_the_tables_of_an_analysis_and_a_comparison_keep_their_schemas():
    run = analysis.analyse_corpus()
    schema.check(run.documents, "documents")
    schema.check(run.attributions, "attributions")
    schema.check(run.utterances, "utterances")
    schema.check(run.units, "units")
    schema.check(run.units, schema.TableSchema("scored", "", schema.TABLES["scores"].columns))
    schema.check(run.frames, "frame_hits")
    schema.check(run.stats, "stats")
    schema.check(analysis.sentences(run.documents), "sentences")
    comparison = analysis.compare_voices(run, "iran_mfa", "russia_mfa", n_resamples=99, cache=False)
    schema.check(comparison.keyness, "keyness")
    schema.check(comparison.frames, "frame_shares")
    schema.check(comparison.sentiment, "sentiment_summary")
    schema.check(comparison.sentiment_difference, "sentiment_comparison")
    schema.check(comparison.statements_a, "voice_statements")


def test_a_table_that_breaks_its_schema_is_named_with_its_column():
    frame = schema.empty("units").drop(columns="actor")
    with pytest.raises(schema.SchemaError, match=r"x\.parquet: table 'units': column 'actor' is missing"):
        schema.check(frame, "units", where="x.parquet")
    frame = schema.empty("stats").astype({"words": "float64"})
    with pytest.raises(schema.SchemaError, match="column 'words' is float64, not int"):
        schema.check(frame, "stats")
    hits = pd.DataFrame({"unit_id": ["d:0-1"], "partnership": [0.5]})
    with pytest.raises(schema.SchemaError, match="column 'partnership' is float64, not bool"):
        schema.check(hits, "frame_hits")


#: Modules and functions allowed over the limits: each one cohesive algorithm that reads better
#: whole (named in the README's architecture section).
OVER_THE_LIMITS: set[str] = set()


def _code_lines(source_lines: list[str], node: ast.AST) -> int:
    """Lines of code of a function: its body without the docstring, blank lines and comments."""
    body = node.body
    has_docstring = body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant)
    first = body[0].end_lineno + 1 if has_docstring else node.lineno
    lines = source_lines[first - 1 : node.end_lineno]
    return sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))


def test_no_module_over_600_lines_and_no_function_over_80_lines_of_code():
    over = []
    for _name, path in modules():
        relative = path.relative_to(PACKAGE).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        if len(lines) > 600 and relative not in OVER_THE_LIMITS:
            over.append(f"{relative}: {len(lines)} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                where = f"{relative}:{node.name}"
                if _code_lines(lines, node) > 80 and where not in OVER_THE_LIMITS:
                    over.append(f"{where}: {_code_lines(lines, node)} lines of code")
    assert not over, over
