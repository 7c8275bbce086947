"""Grammar facts every later stage needs: nullable, productive, reachable symbols, FIRST sets,
and unit cycles. All are least fixpoints over the rules (Aho, Sethi & Ullman, ch. 4.4)."""

from __future__ import annotations

from dataclasses import dataclass

from glrkit.grammar.model import Grammar


@dataclass(frozen=True)
class Analysis:
    nullable: frozenset[int]
    productive: frozenset[int]
    reachable: frozenset[int]
    first: tuple[frozenset[int], ...]  # per nonterminal (index = symbol - n_terminals)
    cyclic: frozenset[int]  # nonterminals A with A =>+ A


def analyse(grammar: Grammar) -> Analysis:
    nullable = _nullable(grammar)
    return Analysis(
        nullable=nullable,
        productive=_productive(grammar),
        reachable=_reachable(grammar),
        first=_first(grammar, nullable),
        cyclic=_cyclic(grammar, nullable),
    )


def _nullable(grammar: Grammar) -> frozenset[int]:
    nullable: set[int] = set()
    changed = True
    while changed:
        changed = False
        for rule in grammar.rules:
            if rule.lhs not in nullable and all(s in nullable for s in rule.rhs):
                nullable.add(rule.lhs)
                changed = True
    return frozenset(nullable)


def _productive(grammar: Grammar) -> frozenset[int]:
    nt = grammar.n_terminals
    productive: set[int] = set()
    changed = True
    while changed:
        changed = False
        for rule in grammar.rules:
            if rule.lhs not in productive and all(s < nt or s in productive for s in rule.rhs):
                productive.add(rule.lhs)
                changed = True
    return frozenset(productive)


def _reachable(grammar: Grammar) -> frozenset[int]:
    seen = {grammar.accept}
    todo = [grammar.accept]
    while todo:
        sym = todo.pop()
        for r in grammar.rules_for(sym):
            for s in grammar.rules[r].rhs:
                if s not in seen:
                    seen.add(s)
                    if not grammar.is_terminal(s):
                        todo.append(s)
    return frozenset(seen)


def _first(grammar: Grammar, nullable: frozenset[int]) -> tuple[frozenset[int], ...]:
    nt = grammar.n_terminals
    first: list[set[int]] = [set() for _ in grammar.nonterminals]
    changed = True
    while changed:
        changed = False
        for rule in grammar.rules:
            target = first[rule.lhs - nt]
            before = len(target)
            for s in rule.rhs:
                if s < nt:
                    target.add(s)
                    break
                target |= first[s - nt]
                if s not in nullable:
                    break
            if len(target) != before:
                changed = True
    return tuple(frozenset(f) for f in first)


def _cyclic(grammar: Grammar, nullable: frozenset[int]) -> frozenset[int]:
    """Nonterminals that derive themselves: A =>+ A through rules whose other symbols vanish."""
    nt = grammar.n_terminals
    unit: dict[int, set[int]] = {}
    for rule in grammar.rules:
        for k, s in enumerate(rule.rhs):
            if s >= nt and all(o in nullable for j, o in enumerate(rule.rhs) if j != k):
                unit.setdefault(rule.lhs, set()).add(s)
    cyclic: set[int] = set()
    for start in unit:
        seen: set[int] = set()
        todo = list(unit[start])
        while todo:
            sym = todo.pop()
            if sym == start:
                cyclic.add(start)
                break
            if sym not in seen:
                seen.add(sym)
                todo.extend(unit.get(sym, ()))
    return frozenset(cyclic)


def first_of_sequence(
    symbols: tuple[int, ...], grammar: Grammar, analysis: Analysis
) -> tuple[frozenset[int], bool]:
    """FIRST of a symbol string, and whether the whole string is nullable."""
    nt = grammar.n_terminals
    out: set[int] = set()
    for s in symbols:
        if s < nt:
            out.add(s)
            return frozenset(out), False
        out |= analysis.first[s - nt]
        if s not in analysis.nullable:
            return frozenset(out), False
    return frozenset(out), True
