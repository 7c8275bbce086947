"""Building grammars in Python, with the same checks and errors as the text format.

    b = GrammarBuilder()
    b.rule("expr", "expr", '"+"', "term")
    b.rule("expr", "term")
    b.rule("term", "NUMBER")
    b.terminal("NUMBER", regex=r"[0-9]+")
    b.ignore(r"\\s+")
    grammar = b.build()

Symbols are written as in grammar text: lowercase nonterminals, UPPERCASE terminals, and
double-quoted literals (`'"+"'`). The builder makes the same surface syntax the text reader
makes, so every check, desugaring and error message is shared.
"""

from __future__ import annotations

import math

from glrkit.grammar.compile import compile_surface
from glrkit.grammar.dsl import Alternative, Directive, Item, RuleDef, Span, SurfaceGrammar
from glrkit.grammar.model import Grammar


def _nowhere() -> Span:
    return Span(-1, 0, 0)


def _item(symbol: str) -> Item:
    if len(symbol) >= 2 and symbol[0] == symbol[-1] == '"':
        return Item("lit", _nowhere(), symbol[1:-1])
    if len(symbol) >= 2 and symbol[0] == "/" and symbol.rfind("/") > 0:
        end = symbol.rfind("/")
        return Item("regex", _nowhere(), symbol[1:end], symbol[end + 1 :])
    return Item("sym", _nowhere(), symbol)


class GrammarBuilder:
    """Collects rules, terminals and directives; `build()` checks them and makes a Grammar."""

    def __init__(self, start: str | None = None) -> None:
        self._rules: dict[str, RuleDef] = {}
        self._directives: list[Directive] = []
        if start is not None:
            self._directives.append(Directive("start", _nowhere(), [_item(start)]))

    def rule(
        self,
        name: str,
        *symbols: str,
        label: str | None = None,
        weight: float | None = None,
        prob: float | None = None,
        prec: str | None = None,
        dprec: int | None = None,
        mark: str | None = None,
    ) -> GrammarBuilder:
        """Add the alternative `name : symbols...` (no symbols: an empty alternative).

        The options are the alternative's annotations in grammar text: `@label`,
        `%weight w` (a log-weight) or `%prob p`, `%prec T`, `%dprec N`, and `mark` one of
        "prefer", "avoid", "reject".
        """
        if weight is not None and prob is not None:
            raise ValueError("give weight= or prob=, not both")
        if prob is not None:
            if not 0.0 < prob < math.inf:
                raise ValueError(f"prob must be positive, got {prob}")
            weight = math.log(prob)
        if mark not in (None, "prefer", "avoid", "reject"):
            raise ValueError(f"mark must be prefer, avoid or reject, got {mark!r}")
        alt = Alternative([_item(s) for s in symbols], _nowhere(), label=label, weight=weight)
        alt.explicit_empty = not symbols
        alt.dprec = dprec
        alt.mark = mark
        if prec is not None:
            alt.prec, alt.prec_span = prec, _nowhere()
        self._definition(name).alternatives.append(alt)
        return self

    def terminal(
        self, name: str, *, regex: str | None = None, literal: str | None = None, flags: str = ""
    ) -> GrammarBuilder:
        """Define terminal `name` by a regular expression or a literal string."""
        if (regex is None) == (literal is None):
            raise ValueError("give exactly one of regex= or literal=")
        item = (
            Item("regex", _nowhere(), regex, flags)
            if regex is not None
            else Item("lit", _nowhere(), literal or "")
        )
        self._definition(name).alternatives.append(Alternative([item], _nowhere()))
        return self

    def ignore(self, regex: str) -> GrammarBuilder:
        self._directives.append(Directive("ignore", _nowhere(), [Item("regex", _nowhere(), regex)]))
        return self

    def precedence(self, assoc: str, *terminals: str) -> GrammarBuilder:
        """A precedence level (`"left"`, `"right"` or `"nonassoc"`); later calls bind tighter."""
        if assoc not in ("left", "right", "nonassoc"):
            raise ValueError(f"unknown associativity {assoc!r}")
        self._directives.append(Directive(assoc, _nowhere(), [_item(t) for t in terminals]))
        return self

    def build(self) -> Grammar:
        surface = SurfaceGrammar(list(self._rules.values()), self._directives, [])
        return compile_surface(surface, "", "<builder>")

    def _definition(self, name: str) -> RuleDef:
        found = self._rules.get(name)
        if found is None:
            found = self._rules[name] = RuleDef(name, _nowhere(), [], name[:1].isupper())
        return found
