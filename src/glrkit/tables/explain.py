"""Conflicts as data for people: the state's competing items, the lookahead, the actions.

Reports are plain data; `glrkit check` renders them as text or JSON in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from glrkit.grammar.model import Grammar
from glrkit.tables.lr0 import Automaton, build_lr0
from glrkit.tables.table import ParseTable


@dataclass(frozen=True)
class ConflictReport:
    state: int
    lookahead: str
    kind: str  # "shift/reduce" | "reduce/reduce"
    items: tuple[str, ...]  # the competing items, dotted
    actions: tuple[str, ...]  # "shift" and "reduce <rule>" entries


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
            if rule < 0:
                actions.append(f"reduce {grammar.name(lhs)} : %empty (any ε-derivation)")
                competing.append(f"{grammar.name(lhs)} : • (derives ε)")
            else:
                rule_text = item_text(grammar, rule, len(grammar.rules[rule].rhs)).replace(" •", "")
                note = "" if length == len(grammar.rules[rule].rhs) else " (rest derives ε)"
                actions.append(f"reduce {rule_text}{note}")
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
