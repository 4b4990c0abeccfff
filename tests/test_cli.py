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


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_write_table_survives_lone_surrogates(fmt):
    import io
    import json

    import pandas as pd

    from analysis.cli.output import write_table

    # "\udc80" is what json.loads makes of a JSON "\udc80" escape: not encodable as UTF-8.
    frame = pd.DataFrame({"text": ["bad \udc80 byte", "café"], "ids": [["a\ud800"], ["b"]], "n": [1, 2]})
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # strict, like a real stdout
    write_table(frame, fmt, stream)
    stream.flush()
    out = stream.buffer.getvalue().decode("utf-8")
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert rows[0] == {"text": "bad \udc80 byte", "ids": ["a\ud800"], "n": 1}  # round-trips unchanged
        assert "\\udc80" in out.splitlines()[0]  # escaped in that record only
        assert out.splitlines()[1] == '{"text": "café", "ids": ["b"], "n": 2}'
    else:
        assert "bad \ufffd byte" in out and "café" in out
    assert frame.loc[0, "text"] == "bad \udc80 byte"  # the caller's table is left alone
