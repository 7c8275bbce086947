"""`glrkit check` and `glrkit ambiguity` as commands: options, JSON and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glrkit.cli import main

GRAMMARS = Path(__file__).parent / "grammars"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def test_strict_fails_on_conflicts_and_passes_clean_grammars(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "check", str(GRAMMARS / "lr2_not_lr1.glr"), "--strict")[0] == 1
    clean = tmp_path / "clean.glr"
    clean.write_text('s : "a" s | "b" ;')
    code, out = run(capsys, "check", str(clean), "--strict")
    assert code == 0 and "no conflicts" in out


def test_check_json_carries_verdicts_and_derivations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", str(GRAMMARS / "lr1_not_lalr.glr"), "--json")
    data = json.loads(out)
    assert code == 0 and len(data["conflicts"]) == 2
    (ce,) = data["conflicts"][0]["counterexamples"]
    assert (ce["verdict"], ce["basis"], ce["lookahead"], ce["same_prefix"]) == (
        "needs more lookahead",
        "lr",
        1,
        False,
    )
    assert [e["form"][-2:] for e in ce["examples"]] == [["•", '"c"'], ["•", '"c"']]
    assert ce["examples"][0]["derivation"]["symbol"] == "s"


def test_check_options_reach_the_search(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(GRAMMARS / "palindromes.glr")
    assert "no sentence of up to 5" in run(capsys, "check", path, "--max-length", "5")[1]
    out = run(capsys, "check", path, "--no-counterexamples")[1]
    assert "state 1: shift/reduce conflict" in out and "example" not in out


def test_ambiguity_exit_codes_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "ambiguity", str(GRAMMARS / "ambiguous_expr.glr"), "--json")
    data = json.loads(out)
    assert code == 1 and data["found"] and data["parses"] == 2
    assert data["sentence"] == ["NUMBER", '"+"', "NUMBER", '"+"', "NUMBER"]
    assert len(data["trees"]) == 2 and data["lookahead"] == '"+"'
    code, out = run(capsys, "ambiguity", str(GRAMMARS / "dangling_else.glr"), "--max-length", "9")
    assert code == 1 and out.startswith('ambiguous: "if" ID "then" "if" ID "then"')
    code, out = run(capsys, "ambiguity", str(GRAMMARS / "lr2_not_lr1.glr"), "--max-length", "3")
    assert code == 0 and out.startswith("no ambiguous sentence of up to 3 tokens")


def test_ambiguity_reports_a_time_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "ambiguity", str(GRAMMARS / "palindromes.glr"), "--timeout", "0")
    assert code == 0 and "stopped at its time or memory limit before 8 tokens" in out
