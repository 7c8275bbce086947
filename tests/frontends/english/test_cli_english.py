"""`glrkit english`: text and JSON output, SVG pictures, the demo, train/eval dispatch."""

from __future__ import annotations

import io
import json
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from glrkit.cli import english_cmd
from glrkit.cli.main import main

NEWS = """\
Rates Stay on Hold

The central bank left its main rate unchanged on Wednesday. "We are not done yet," \
said Helen Marsh, the bank's governor.
"""


@pytest.fixture
def news_file(tmp_path: Path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    return path


def test_text_output_per_sentence_and_summary(
    news_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["english", str(news_file)]) == 0
    out = capsys.readouterr().out
    assert "== 1 (headline) ==\nRates Stay on Hold\nparses: " in out
    assert "== 2 ==\nThe central bank left its main rate unchanged on Wednesday.\n" in out
    assert "(SINV" in out and "(VP (VBD said))" in out
    summary = out[out.index("== summary ==") :]
    assert "sentences:    3 (1 headlines)" in summary
    assert "full parses:  3 (100.0%)" in summary
    assert "fragments:    0" in summary
    assert "geometric mean" in summary and "sentences/s" in summary


def test_options_may_follow_the_file(
    news_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["english", str(news_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["headline"] for s in data["sentences"]] == [True, False, False]
    first = data["sentences"][1]
    assert first["tokens"][:3] == ["The", "central", "bank"]
    assert first["tree"][0] == "S" and first["penn"].startswith("(S (NP (DT The)")
    assert isinstance(first["parses"], int) and first["parses"] >= 1
    assert data["summary"]["sentences"] == 3


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Prices rose sharply.\n"))
    assert main(["english", "-", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sentences"][0]["penn"] == (
        "(S (NP (NNS Prices)) (VP (VBD rose) (ADVP (RB sharply))) (. .))"
    )


def test_a_fragment_is_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("The bank raised rates ) ( the markets fell.\n", encoding="utf-8")
    assert main(["english", str(path)]) == 0
    out = capsys.readouterr().out
    assert "parses: 0 (fragment analysis" in out and "(FRAG" in out
    assert "fragments:    1" in out


def test_svg_pictures(news_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "svg"
    assert main(["english", str(news_file), "--svg", str(folder)]) == 0
    pictures = sorted(folder.glob("*.svg"))
    assert [p.name for p in pictures] == [
        "sentence-001.svg", "sentence-002.svg", "sentence-003.svg",
    ]
    for picture in pictures:
        ET.fromstring(picture.read_text(encoding="utf-8"))


def test_demo_repairs_and_parses_the_builtin_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert "â" in english_cmd.demo_text()  # the article ships with its mojibake
    assert main(["english", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "â" not in out and "Â" not in out
    assert "(headline)" in out and "(SINV" in out and "== summary ==" in out


def test_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["english", "no/such/file.txt"]) == 2
    assert "No such file" in capsys.readouterr().err


def test_train_and_eval_go_to_the_training_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, list[str]]] = []
    fake = types.ModuleType("glrkit.english.training")
    fake.train_main = lambda argv: calls.append(("train", argv)) or 0  # type: ignore[attr-defined]
    fake.eval_main = lambda argv: calls.append(("eval", argv)) or 3  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "glrkit.english.training", fake)
    assert main(["english", "train", "--treebank", "dir", "--format", "x"]) == 0
    assert main(["english", "eval", "-h"]) == 3
    assert calls == [("train", ["--treebank", "dir", "--format", "x"]), ("eval", ["-h"])]


def test_train_without_the_training_module(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing(name: str) -> types.ModuleType:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(english_cmd.importlib, "import_module", missing)
    assert main(["english", "eval", "--treebank", "x"]) == 2
    assert "not available" in capsys.readouterr().err
