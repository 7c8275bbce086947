"""The LR(0) automaton: canonical collection of item sets (Aho, Sethi & Ullman, ch. 4.7).

Items are ints: `item_base[rule] + dot`. A state is identified by its kernel; closures are
computed from per-nonterminal prediction sets, which makes construction linear in practice.
"""

from __future__ import annotations

from dataclasses import dataclass

from glrkit.grammar.model import Grammar


@dataclass(frozen=True)
class Items:
    """Int coding of LR(0) items for one grammar."""

    rule: tuple[int, ...]  # item -> rule index
    dot: tuple[int, ...]  # item -> dot position
    next_symbol: tuple[int, ...]  # item -> symbol after the dot, or -1 when complete
    base: tuple[int, ...]  # rule -> item id of `rule` with dot 0

    @classmethod
    def of(cls, grammar: Grammar) -> Items:
        rule: list[int] = []
        dot: list[int] = []
        nxt: list[int] = []
        base: list[int] = []
        for r in grammar.rules:
            base.append(len(rule))
            for d in range(len(r.rhs) + 1):
                rule.append(r.index)
                dot.append(d)
                nxt.append(r.rhs[d] if d < len(r.rhs) else -1)
        return cls(tuple(rule), tuple(dot), tuple(nxt), tuple(base))


@dataclass(frozen=True)
class Automaton:
    items: Items
    kernels: tuple[tuple[int, ...], ...]  # state -> sorted kernel items
    closures: tuple[tuple[int, ...], ...]  # state -> all items
    goto: tuple[dict[int, int], ...]  # state -> symbol -> state
    accessing: tuple[int, ...]  # state -> the symbol that enters it (-1 for state 0)


def build_lr0(grammar: Grammar) -> Automaton:
    items = Items.of(grammar)
    predict = _predictions(grammar, items)
    nt = grammar.n_terminals
    kernels: list[tuple[int, ...]] = [(items.base[0],)]
    index: dict[tuple[int, ...], int] = {kernels[0]: 0}
    closures: list[tuple[int, ...]] = []
    gotos: list[dict[int, int]] = []
    accessing: list[int] = [-1]
    next_symbol = items.next_symbol
    state = 0
    while state < len(kernels):
        kernel = kernels[state]
        closure = list(kernel)
        seen_nt: set[int] = set()
        for item in kernel:
            sym = next_symbol[item]
            if sym >= nt and sym not in seen_nt:
                seen_nt.add(sym)
        extra: dict[int, None] = {}
        for sym in sorted(seen_nt):
            for item in predict[sym - nt]:
                extra[item] = None
        kernel_set = set(kernel)
        closure.extend(i for i in extra if i not in kernel_set)
        closures.append(tuple(closure))
        moves: dict[int, list[int]] = {}
        for item in closure:
            sym = next_symbol[item]
            if sym >= 0:
                moves.setdefault(sym, []).append(item + 1)
        goto: dict[int, int] = {}
        for sym in sorted(moves):
            target = tuple(sorted(moves[sym]))
            found = index.get(target)
            if found is None:
                found = len(kernels)
                index[target] = found
                kernels.append(target)
                accessing.append(sym)
            goto[sym] = found
        gotos.append(goto)
        state += 1
    return Automaton(items, tuple(kernels), tuple(closures), tuple(gotos), tuple(accessing))


def _predictions(grammar: Grammar, items: Items) -> list[tuple[int, ...]]:
    """For each nonterminal A, the items `B -> . γ` in the closure of `X -> α . A β`."""
    nt = grammar.n_terminals
    first_nt: list[set[int]] = [set() for _ in grammar.nonterminals]
    for r in grammar.rules:
        if r.rhs and r.rhs[0] >= nt:
            first_nt[r.lhs - nt].add(r.rhs[0])
    out: list[tuple[int, ...]] = []
    for a in range(nt, grammar.n_symbols):
        seen = {a}
        order = [a]
        k = 0
        while k < len(order):
            for b in sorted(first_nt[order[k] - nt]):
                if b not in seen:
                    seen.add(b)
                    order.append(b)
            k += 1
        out.append(tuple(items.base[r] for b in order for r in grammar.rules_for(b)))
    return out
