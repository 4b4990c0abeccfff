"""The project's set-up: dependencies declared twice agree, and the two commands exist."""

from __future__ import annotations

import re
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import analysis

from .conftest import ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _normalised(specs: list[str]) -> dict[str, str]:
    result = {}
    for spec in specs:
        requirement = Requirement(spec)
        result[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return result


def test_environment_yml_names_the_same_dependencies_as_pyproject():
    project = _pyproject()["project"]
    declared = _normalised(project["dependencies"] + project["optional-dependencies"]["dev"])
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert environment["channels"] == ["conda-forge"]
    conda = [d for d in environment["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip == ["-e ."]
    assert _normalised(conda) == declared


def test_python_version_and_console_script():
    project = _pyproject()["project"]
    assert project["requires-python"] == ">=3.11"
    assert project["scripts"] == {"framing": "analysis.cli:main"}
    assert project["version"] == analysis.__version__


def test_every_dependency_has_a_compatible_range():
    project = _pyproject()["project"]
    for spec in project["dependencies"] + project["optional-dependencies"]["dev"]:
        specifier = str(Requirement(spec).specifier)
        assert ">=" in specifier and "<" in specifier.replace("<=", ""), spec


def test_makefile_targets_are_documented():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([a-z-]+):.*## ", makefile, flags=re.MULTILINE))
    assert {"help", "report", "test", "lab", "clean"} <= documented


def test_readme_gives_the_two_commands_and_ci_runs_the_tests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_public_api_names_resolve():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name
    assert "load_corpus" in dir(analysis)


def test_the_public_api_is_short_and_every_stage_exports_what_it_defines():
    import importlib

    assert 15 <= len(analysis.__all__) <= 34
    for stage in ("corpus", "attribution", "voices", "sentiment", "salience", "compare", "pipeline", "render"):
        package = importlib.import_module(f"analysis.{stage}")
        for name in package.__all__:
            assert getattr(package, name) is not None, f"analysis.{stage}.{name}"


def test_the_0_1_aliases_of_the_flat_namespace_are_gone_and_their_stages_have_them():
    from analysis.render import note

    assert not hasattr(analysis, "note")
    assert note is not None


def test_no_module_imports_private_names_of_another():
    import ast

    for path in (ROOT / "analysis").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module is not None:
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                assert not private, f"{path.relative_to(ROOT)} imports {private} from {node.module}"
