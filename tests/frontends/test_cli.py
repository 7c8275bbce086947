"""The command line: exit codes, formats and one-message errors (no tracebacks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from glrkit.cli import main

GRAMMAR = r"""
%ignore /\s+/
expr : expr "+" expr | NUMBER ;
NUMBER : /[0-9]+/ ;
"""


@pytest.fixture
def grammar_file(tmp_path: Path) -> Path:
    path = tmp_path / "expr.glr"
    path.write_text(GRAMMAR)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_count(
    grammar_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text("1 + 2 + 3 + 4")
    assert _run(capsys, "parse", str(grammar_file), str(source), "--count") == (0, "5\n", "")


def test_parse_formats(
    grammar_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text("1 + 2")
    code, out, _ = _run(capsys, "parse", str(grammar_file), str(source), "--format", "sexpr")
    assert (code, out) == (0, '(expr (expr (NUMBER "1")) "+" (expr (NUMBER "2")))\n')
    code, out, _ = _run(capsys, "parse", str(grammar_file), str(source), "--format", "json")
    assert json.loads(out)["count"] == 1
    code, out, _ = _run(capsys, "parse", str(grammar_file), str(source), "--format", "dot")
    assert out.startswith("digraph")


def test_first_n_trees(
    grammar_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text("1 + 2 + 3")
    code, out, _ = _run(
        capsys, "parse", str(grammar_file), str(source), "--format", "sexpr", "--first", "5"
    )
    assert code == 0 and len(out.splitlines()) == 2


def test_syntax_error_exit_1_with_one_message(
    grammar_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.txt"
    source.write_text("1 +\n+ 2")
    code, out, err = _run(capsys, "parse", str(grammar_file), str(source))
    assert code == 1 and out == ""
    assert err.splitlines()[0] == f'{source}:2:1: unexpected "+"; expected NUMBER'
    assert "Traceback" not in err


def test_grammar_error_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.glr"
    bad.write_text('expr : expr "+" NUMBR ;\nNUMBER : /[0-9]+/ ;\n')
    code, _out, err = _run(capsys, "parse", str(bad), "-")
    assert code == 2
    assert f"{bad}:1:17: undefined terminal 'NUMBR'" in err
    assert "Traceback" not in err


def test_missing_file_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "parse", "does-not-exist.glr")
    assert code == 2 and "does-not-exist.glr" in err


def test_check_reports_conflicts(grammar_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", str(grammar_file))
    assert code == 0
    assert "1 conflict remains" in out and 'shift/reduce conflict on "+"' in out
    code, out, _ = _run(capsys, "check", str(grammar_file), "--strict", "--json")
    assert code == 1 and json.loads(out)["conflicts"][0]["kind"] == "shift/reduce"


def test_help_and_version_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "glrkit.cli.main", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("glrkit ")
    result = subprocess.run(
        [sys.executable, "-m", "glrkit.cli.main", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "parse" in result.stdout and "check" in result.stdout


def test_demo_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "demo")
    assert code == 0 and "parses: 5" in out
