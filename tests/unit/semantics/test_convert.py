"""Trees as JSON, s-expressions and nltk.Tree (NLTK optional: a stand-in checks the shape)."""

from __future__ import annotations

import json
import sys
import types
from typing import Any

import pytest

from glrkit import Grammar, Parser
from glrkit.semantics import to_nltk

PARSER = Parser(
    Grammar.from_string('%ignore /\\s+/\nsum : left=N "+" right=N ; N : /[0-9]+/ ;'), cache=False
)


class FakeTree:
    """Just enough of nltk.Tree: a label and a list of children."""

    def __init__(self, label: str, children: list[Any]) -> None:
        self.label = label
        self.children = children

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FakeTree) and (self.label, self.children) == (
            other.label,
            other.children,
        )


def test_to_nltk_builds_preterminals_and_bare_literals(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("nltk")
    fake.Tree = FakeTree  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nltk", fake)
    tree = PARSER.parse("1 + 23").tree()
    assert to_nltk(tree) == FakeTree("sum", [FakeTree("N", ["1"]), "+", FakeTree("N", ["23"])])


def test_to_nltk_with_real_nltk() -> None:
    nltk = pytest.importorskip("nltk")
    converted = to_nltk(PARSER.parse("1 + 23").tree())
    assert isinstance(converted, nltk.Tree)
    assert converted.leaves() == ["1", "+", "23"]


def test_to_nltk_without_nltk_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nltk", None)  # import fails
    with pytest.raises(ImportError, match="pip install nltk"):
        to_nltk(PARSER.parse("1 + 2").tree())


def test_json_and_sexpr() -> None:
    tree = PARSER.parse("1 + 23").tree()
    assert tree.sexpr() == '(sum (N "1") "+" (N "23"))'
    data = json.loads(tree.to_json())
    assert data["symbol"] == "sum" and [c["symbol"] for c in data["children"]] == [
        "N",
        '"+"',
        "N",
    ]
    assert tree["right"].text == "23"
