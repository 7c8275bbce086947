"""`glrkit check` and `glrkit ambiguity` output, word for word, on the classic conflict
grammars in grammars/. A change in wording is a deliberate diff of golden/*.txt:
regenerate with `GLRKIT_UPDATE_GOLDEN=1 pytest tests/unit/diagnostics`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glrkit.cli import main

HERE = Path(__file__).parent
GRAMMARS = sorted((HERE / "grammars").glob("*.glr"))
UPDATE = os.environ.get("GLRKIT_UPDATE_GOLDEN") == "1"


def _golden(name: str, actual: str) -> None:
    path = HERE / "golden" / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with GLRKIT_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


def _output(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


@pytest.mark.parametrize("grammar", GRAMMARS, ids=lambda p: p.stem)
def test_check_output(grammar: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _output(capsys, "check", str(grammar))
    assert code == 0
    _golden(f"{grammar.stem}.txt", out)


@pytest.mark.parametrize("grammar", GRAMMARS, ids=lambda p: p.stem)
def test_ambiguity_output(grammar: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _output(capsys, "ambiguity", str(grammar))
    assert code == (1 if out.startswith("ambiguous:") else 0)
    _golden(f"{grammar.stem}.ambiguity.txt", out)


def test_json_output_is_golden_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _output(capsys, "check", str(HERE / "grammars" / "dangling_else.glr"), "--json")
    assert code == 0
    _golden("dangling_else.json.txt", out)
