"""The command line as a whole: help, version, and one-line errors."""

from __future__ import annotations

import os
import re
import shutil
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


# --- quick to answer, kind on a terminal --------------------------------------------------------


def test_help_and_usage_errors_import_no_command_and_no_pandas():
    """`framing --help` lists every command without importing the stages (numbers: benchmarks/cli.py)."""
    code = (
        "import sys\n"
        "from analysis.cli import main\n"
        "for argv in (['--help'], ['frobnicate'], ['--version']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('pandas', 'numpy', 'scipy', 'sklearn', 'analysis.cli.sentiment', 'analysis.pipeline')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    from analysis.cli import COMMANDS

    for name in COMMANDS:
        assert name in done.stdout  # every command listed with its line


def test_a_command_registers_with_the_line_that_lists_it():
    from analysis.cli import COMMANDS

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    listed = {action.dest: action.help for action in subparsers._choices_actions}
    assert listed == COMMANDS


def _corpus_with_long_sentences(make_corpus):
    body = (
        "Iran's Foreign Ministry said that the comprehensive strategic partnership treaty between the two "
        "countries opens a new chapter of cooperation in energy, transport, banking, culture and science, "
        "and that no outside pressure will change the course chosen by both governments."
    )
    return make_corpus({"a.md": (body, {})})


def test_terminal_tables_fit_the_terminal_and_show_no_nan(make_corpus, monkeypatch, capsys):
    corpus = _corpus_with_long_sentences(make_corpus)
    monkeypatch.setenv("COLUMNS", "72")
    commands = (
        ["statements", str(corpus), "--voice", "iran_mfa"],
        ["quotes", str(corpus)],
        ["sentiment", str(corpus), "--compare", "iran_mfa", "russia_mfa", "--resamples", "100"],
        ["sentiment", str(corpus), "--by", "actor", "--resamples", "100"],
    )
    for argv in commands:
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert max(len(line) for line in out.splitlines()) <= 72, argv
        assert not re.search(r"\b(nan|NaN|NaT|<NA>)\b", out), argv
    assert main([*commands[0], "--wide"]) == 0
    wide = capsys.readouterr().out
    assert "no outside pressure will change the course chosen by both governments" in wide
    assert "\u2026" in capsys.readouterr().out or main(commands[0]) == 0
    assert "\u2026" in capsys.readouterr().out  # cut with an ellipsis when it does not fit


def test_compare_with_an_unknown_voice_fails_as_voice_does(capsys):
    from .conftest import CORPUS

    for argv in (["--compare", "iran_mfa", "nosuch"], ["--by", "actor", "--voice", "nosuch"]):
        assert main(["sentiment", str(CORPUS), *argv, "--resamples", "100"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "unknown actor id 'nosuch'" in err and "known: iran_mfa" in err


def test_an_unreadable_document_is_one_line_like_in_a_folder(make_corpus, monkeypatch, capsys):
    import pathlib

    corpus = _corpus_with_long_sentences(make_corpus)
    document = corpus / "documents" / "a.md"
    real_open, real_read = pathlib.Path.open, pathlib.Path.read_bytes

    def refuse(self, *args, **kwargs):
        if self == document:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def refuse_read(self):
        if self == document:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse_read)
    for path in (document, corpus):  # the file itself, and its folder
        for command in ("quotes", "statements"):
            argv = [command, str(path)] + (["--voice", "iran_mfa"] if command == "statements" else [])
            assert main(argv) == 2
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and "a.md" in err and "cannot be read (Permission denied)" in err


def test_reading_stdin_from_a_terminal_says_so_in_one_line(tmp_path):
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "quotes"],
        stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    os.close(follower)
    os.write(leader, b"Lavrov said the talks were useful.\n\x04")
    out, err = process.communicate(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    assert err.count("\n") == 1 and "framing quotes: reading text from the terminal" in err and "Ctrl-D" in err
    assert "lavrov" in out
    piped = subprocess.run(
        [sys.executable, "-m", "analysis", "quotes"], input="Lavrov said so.", capture_output=True, text=True
    )
    assert piped.returncode == 0 and piped.stderr == ""  # no hint when the text comes from a pipe


# --- set-up ---------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_make_lab_allows_root_when_the_user_is_root():
    from .conftest import ROOT

    dry = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in dry.splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in line) == (os.geteuid() == 0)


def test_a_stored_analysis_warns_about_nothing_with_warnings_on(tmp_path):
    from .conftest import CORPUS

    corpus = shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns(".framing"))
    code = (
        "import analysis as fa\n"
        f"fa.analyse_corpus({str(corpus)!r}, store=True, jobs=1)\n"
        f"run = fa.analyse_corpus({str(corpus)!r}, store=True, jobs=1)\n"
        "print(len(run.units))\n"
    )
    done = subprocess.run([sys.executable, "-W", "default", "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr


def _readme_blocks() -> list[str]:
    from .conftest import ROOT

    return re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_commands_work_on_copy_paste():
    """Every command line of the README's shell blocks names the virtualenv's framing (or make)."""
    for block in _readme_blocks():
        for line in block.splitlines():
            command = line.split("#")[0].strip()
            if "framing " in command:
                assert ".venv/bin/framing " in command, line


@pytest.mark.slow
def test_the_readme_examples_run_on_the_bundled_corpus(tmp_path):
    from .conftest import CORPUS

    shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns(".framing"))
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "framing").symlink_to(shutil.which("framing", path=os.path.dirname(sys.executable)))
    examples = next(block for block in _readme_blocks() if "| .venv/bin/framing quotes -" in block)
    ran = 0
    for line in examples.splitlines():
        if not line.strip() or "my_corpus" in line:  # a corpus of one's own
            continue
        done = subprocess.run(["bash", "-c", line], cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{line}: {done.stderr}"
        assert done.stdout or "> " in line, line
        ran += 1
    assert ran >= 5 and (tmp_path / "iran_mfa.csv").stat().st_size > 100


def test_warnings_of_a_command_are_one_line_naming_the_command():
    from analysis.cli import _one_line_warning

    formatted = _one_line_warning("framing report")(
        UserWarning("The two voices' sentences\n are in several languages"), UserWarning, "/x/y.py", 258
    )
    assert formatted == "framing report: warning: The two voices' sentences are in several languages\n"
    assert "y.py" not in formatted
