"""Lark: LALR(1) and Earley (with a shared packed forest for ambiguous grammars)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from gformat import GrammarDef, to_lark
from inputs import Doc
from systems import Adapter, NotApplicable, Outcome


def _translate(g: GrammarDef) -> str:
    try:
        return to_lark(g)
    except NotImplementedError as e:
        raise NotApplicable(str(e)) from None


class _LarkBase(Adapter):
    def unavailable(self) -> str | None:
        return None if importlib.util.find_spec("lark") else "lark is not installed"

    def version(self) -> str:
        import lark

        return str(lark.__version__)


class LarkLALR(_LarkBase):
    key = "lark-lalr"
    label = "Lark LALR"
    note = "Lark LALR(1), contextual lexer, builds a lark.Tree"

    def build(self, g: GrammarDef, want: str) -> Any:
        import lark

        if want == "forest":
            raise NotApplicable("LALR(1) cannot represent ambiguity")
        return lark.Lark(_translate(g), start=g.start, parser="lalr")

    def parse(self, parser: Any, doc: Doc, want: str) -> Outcome:
        return Outcome(parser.parse(doc.text))

    def tables(self, g: GrammarDef, cache_dir: Path | None) -> Any:
        import lark

        cache: bool | str = False if cache_dir is None else str(cache_dir / f"{g.name}.lark")
        return lark.Lark(_translate(g), start=g.start, parser="lalr", cache=cache)


class LarkEarley(_LarkBase):
    key = "lark-earley"
    label = "Lark Earley"
    note = (
        "Lark Earley with the basic lexer; a lark.Tree (ambiguity='resolve') for deterministic "
        "grammars, the SPPF (ambiguity='forest') for ambiguous ones, counted by a memoised walk"
    )
    counts = True

    def build(self, g: GrammarDef, want: str) -> Any:
        import lark

        ambiguity = "forest" if want == "forest" else "resolve"
        return lark.Lark(
            _translate(g), start=g.start, parser="earley", lexer="basic", ambiguity=ambiguity
        )

    def parse(self, parser: Any, doc: Doc, want: str) -> Outcome:
        return Outcome(parser.parse(doc.text))

    def count(self, parser: Any, outcome: Outcome) -> int | None:
        if parser.options.ambiguity != "forest":
            return None
        return count_sppf(outcome.value)


def count_sppf(root: Any) -> int:
    """Derivation trees in a Lark SPPF: symbol/intermediate nodes sum their packed children,
    packed nodes multiply their (at most two) children; tokens count 1. Iterative, memoised."""
    from lark.parsers.earley_forest import PackedNode, SymbolNode

    memo: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if id(node) in memo:
            continue
        if isinstance(node, SymbolNode):
            kids = node.children
        elif isinstance(node, PackedNode):
            kids = [k for k in (node.left, node.right) if isinstance(k, (SymbolNode, PackedNode))]
        else:
            memo[id(node)] = 1
            continue
        if not expanded:
            stack.append((node, True))
            stack.extend((k, False) for k in kids if id(k) not in memo)
            continue
        if isinstance(node, SymbolNode):
            memo[id(node)] = sum(memo[id(k)] for k in kids)
        else:
            value = 1
            for k in kids:
                value *= memo[id(k)]
            memo[id(node)] = value
    return memo[id(root)]


ADAPTERS: list[Adapter] = [LarkLALR(), LarkEarley()]
