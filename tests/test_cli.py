"""The command line as a whole: help, version, and one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.cli import build_parser, main


def test_every_command_is_listed_in_help(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for command in ("validate", "report"):
        assert command in out


def test_commands_have_a_function():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():
        assert sub.get_default("func") is not None, name


def test_python_dash_m_and_exit_status_2_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["frobnicate"])
    assert stop.value.code == 2
