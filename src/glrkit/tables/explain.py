"""Conflicts as data for people: the state's competing items, the lookahead, the actions, and
the counterexamples that say what the conflict means.

Reports are plain data with names; `glrkit.check` fills in the counterexamples and renders
everything, as text or JSON, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from glrkit.grammar.model import Grammar
from glrkit.tables.lr0 import Automaton, build_lr0
from glrkit.tables.table import ParseTable
from glrkit.tables.yields import DOT, Derivation

SHIFT = -1


@dataclass(frozen=True)
class DerivationReport:
    """A derivation as written in the grammar: `symbol` ("•" marks the conflict point) and,
    when it is expanded, the index of its `rule` and its `children`."""

    symbol: str
    rule: int | None = None
    children: tuple[DerivationReport, ...] = ()

    def leaves(self) -> list[str]:
        out: list[str] = []
        stack: list[DerivationReport] = [self]
        while stack:
            node = stack.pop()
            if node.rule is None:
                out.append(node.symbol)
            else:
                stack.extend(reversed(node.children))
        return out


@dataclass(frozen=True)
class ExampleReport:
    """One action at the conflict: its sentential form (with "•") and derivation."""

    action: str  # "shift" | "reduce <rule>"
    form: tuple[str, ...]
    derivation: DerivationReport


@dataclass(frozen=True)
class CounterexampleReport:
    """What one pair of competing actions means.

    `verdict` is "ambiguous", "needs more lookahead" or "unclassified". `basis` gives the
    evidence: "sentence" (`sentence` has `parses` trees, -1 meaning infinitely many, and the
    two `examples` are two of them that part ways at this conflict), "lr" (canonical
    LR(`lookahead`) has no such conflict; 1 means LALR(1) merged states), "search" (no
    sentence of up to `searched` tokens has two trees that part ways here), "limit" (the
    time or memory budget ran out). Otherwise `examples` are one derivation per action,
    sharing the prefix before "•" when `same_prefix`.
    """

    actions: tuple[str, str]
    verdict: str
    basis: str
    lookahead: int
    searched: int
    sentence: tuple[str, ...]
    parses: int
    same_prefix: bool
    examples: tuple[ExampleReport, ...]


@dataclass(frozen=True)
class ConflictReport:
    state: int
    lookahead: str
    kind: str  # "shift/reduce" | "reduce/reduce"
    items: tuple[str, ...]  # the competing items, dotted
    actions: tuple[str, ...]  # "shift" and "reduce <rule>" entries
    verdict: str = ""  # "ambiguous" | "needs more lookahead" | "unclassified" | "" (not asked)
    counterexamples: tuple[CounterexampleReport, ...] = ()


@dataclass(frozen=True)
class ResolutionReport:
    state: int
    lookahead: str
    rule: str
    chosen: str
    reason: str


def item_text(grammar: Grammar, rule_index: int, dot: int) -> str:
    rule = grammar.rules[rule_index]
    names = [grammar.name(s) for s in rule.rhs]
    names.insert(dot, "•")
    return f"{grammar.name(rule.lhs)} : {' '.join(names)}"


def action_text(grammar: Grammar, table: ParseTable, action: int) -> str:
    """`shift`, or `reduce lhs : rhs` for a reduction index of the table."""
    if action == SHIFT:
        return "shift"
    lhs, length, rule = table.reductions[action]
    if rule < 0:
        return f"reduce {grammar.name(lhs)} : %empty (any ε-derivation)"
    text = item_text(grammar, rule, len(grammar.rules[rule].rhs)).replace(" •", "")
    note = "" if length == len(grammar.rules[rule].rhs) else " (rest derives ε)"
    return f"reduce {text}{note}"


def derivation_report(grammar: Grammar, derivation: Derivation) -> DerivationReport:
    """Names for an int derivation (`tables/yields.Derivation`)."""
    if derivation.rule < 0:
        name = "•" if derivation.symbol == DOT else grammar.name(derivation.symbol)
        return DerivationReport(name)
    kids = tuple(derivation_report(grammar, c) for c in derivation.children)
    return DerivationReport(grammar.name(derivation.symbol), derivation.rule, kids)


def explain_conflicts(
    grammar: Grammar, table: ParseTable, automaton: Automaton | None = None
) -> list[ConflictReport]:
    automaton = automaton or build_lr0(grammar)
    items = automaton.items
    out: list[ConflictReport] = []
    for conflict in table.conflicts():
        closure = automaton.closures[conflict.state]
        competing: list[str] = []
        actions: list[str] = []
        if conflict.shift >= 0:
            actions.append("shift")
            competing.extend(
                item_text(grammar, items.rule[i], items.dot[i])
                for i in closure
                if items.next_symbol[i] == conflict.terminal
            )
        for rid in conflict.reductions:
            lhs, length, rule = table.reductions[rid]
            actions.append(action_text(grammar, table, rid))
            if rule < 0:
                competing.append(f"{grammar.name(lhs)} : • (derives ε)")
            else:
                competing.append(item_text(grammar, rule, length))
        kind = "shift/reduce" if conflict.shift >= 0 else "reduce/reduce"
        out.append(
            ConflictReport(
                conflict.state,
                grammar.name(conflict.terminal),
                kind,
                tuple(dict.fromkeys(competing)),
                tuple(actions),
            )
        )
    return out


def explain_resolutions(grammar: Grammar, table: ParseTable) -> list[ResolutionReport]:
    out: list[ResolutionReport] = []
    for r in table.resolutions:
        _, length, rule = table.reductions[r.reduction]
        text = item_text(grammar, rule, length).replace(" •", "") if rule >= 0 else "%empty"
        out.append(ResolutionReport(r.state, grammar.name(r.terminal), text, r.chosen, r.reason))
    return out
