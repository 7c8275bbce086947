"""The LR(0) automaton: canonical collection of item sets (Aho, Sethi & Ullman, ch. 4.7).

Items are ints: `item_base[rule] + dot`. A state is identified by its kernel; closures are
computed from per-nonterminal prediction orders, and the predicted part of a closure (with its
moves) is shared by every state that predicts the same nonterminals, which makes construction
linear in practice even for treebank grammars, whose closures run to thousands of items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, compress

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
    """States are numbered in discovery order (breadth first, symbols in id order); a closure
    lists the kernel, then the predicted items in prediction order."""
    items = Items.of(grammar)
    predictor = _Predictor(grammar, items)
    next_symbol = items.next_symbol
    kernels: list[tuple[int, ...]] = [(items.base[0],)]
    index: dict[tuple[int, ...], int] = {kernels[0]: 0}
    closures: list[tuple[int, ...]] = []
    gotos: list[dict[int, int]] = []
    accessing: list[int] = [-1]

    def state_of(kernel: tuple[int, ...], sym: int) -> int:
        found = index.get(kernel)
        if found is None:
            found = index[kernel] = len(kernels)
            kernels.append(kernel)
            accessing.append(sym)
        return found

    closure, moves = predictor.start_state(kernels[0])
    closures.append(closure)
    gotos.append({sym: state_of(moves[sym], sym) for sym in sorted(moves)})
    state = 1
    while state < len(kernels):
        kernel = kernels[state]
        from_kernel: dict[int, list[int]] = {}
        for item in kernel:
            sym = next_symbol[item]
            if sym >= 0:
                from_kernel.setdefault(sym, []).append(item + 1)
        predicted = predictor.predicted(from_kernel)
        closures.append(kernel + predicted.items)
        gotos.append(_goto_row(from_kernel, predicted, state_of))
        state += 1
    return Automaton(items, tuple(kernels), tuple(closures), tuple(gotos), tuple(accessing))


def _goto_row(
    from_kernel: dict[int, list[int]],
    predicted: _Predicted,
    state_of: Callable[[tuple[int, ...], int], int],
) -> dict[int, int]:
    """A state's gotos, in symbol order, given its kernel's moves and its prediction.

    A target joins the kernel's part of a move with the prediction's. It is memoized in the
    prediction on the kernel's part, which recurs far more often than whole targets do, so
    most targets (dozens to hundreds of items) are neither sorted nor hashed again.
    """
    goto: dict[int, int] = {}
    for sym in sorted(from_kernel.keys() | predicted.moves.keys()):
        advanced = from_kernel.get(sym)
        more = predicted.moves.get(sym)
        if more is None:  # only the kernel moves on sym
            goto[sym] = state_of(tuple(advanced or ()), sym)
            continue
        key = (sym, *advanced) if advanced else (sym,)
        found = predicted.targets.get(key)
        if found is None:
            if advanced:
                advanced.extend(more)
                advanced.sort()
                more = tuple(advanced)
            found = predicted.targets[key] = state_of(more, sym)
        goto[sym] = found
    return goto


class _Predicted:
    """The predicted part of a closure, which depends only on the nonterminals right after the
    kernel's dots: the items `B -> . γ` in closure order, per symbol the sorted items reading
    it leads to, and (filled in as states are built) the state a move reaches, by symbol and
    the kernel's own part of the move."""

    __slots__ = ("items", "moves", "targets")

    def __init__(self, items: tuple[int, ...], moves: dict[int, tuple[int, ...]]) -> None:
        self.items = items
        self.moves = moves
        self.targets: dict[tuple[int, ...], int] = {}


class _Predictor:
    """Closures from per-nonterminal prediction orders, memoized on the set of nonterminals
    after the dots. Treebank grammars have thousands of states but only a few hundred such
    sets, each predicting thousands of items, so each set is worked out once.

    Kernels made by goto have their dots after a symbol, so they never overlap the predicted
    items (dot 0) and a closure is simply kernel + predicted; the start state, whose kernel
    `$accept -> . start` has its dot at 0, is built the plain way.
    """

    def __init__(self, grammar: Grammar, items: Items) -> None:
        nt = self.nt = grammar.n_terminals
        self.next_symbol = items.next_symbol
        self.order = _prediction_order(grammar)
        self.blocks = [
            tuple(items.base[r] for r in grammar.rules_for(a)) for a in range(nt, grammar.n_symbols)
        ]
        # Per first symbol, the items `B -> X . γ` in item order and their B: a prediction's
        # moves are these, filtered by the predicted nonterminals (no sorting needed).
        firsts: dict[int, list[int]] = {}
        for rule in grammar.rules:
            if rule.rhs:
                firsts.setdefault(rule.rhs[0], []).append(items.base[rule.index] + 1)
        self.first_moves = {
            sym: (tuple(sorted(advanced)), tuple(items.rule[i] for i in sorted(advanced)))
            for sym, advanced in sorted(firsts.items())
        }
        self.lhs_of_rule = tuple(rule.lhs for rule in grammar.rules)
        self.cache: dict[tuple[int, ...], _Predicted] = {}

    def predicted(self, after_dots: dict[int, list[int]]) -> _Predicted:
        """The predicted part for a kernel, given the kernel's symbols after the dots."""
        nt = self.nt
        wanted = tuple(sorted(s for s in after_dots if s >= nt))
        found = self.cache.get(wanted)
        if found is None:
            found = self.cache[wanted] = self._compute(wanted)
        return found

    def _compute(self, wanted: tuple[int, ...]) -> _Predicted:
        # A prediction order lists whole nonterminals, so first occurrences of items are the
        # blocks of the first occurrences of nonterminals.
        nt = self.nt
        predicted: dict[int, None] = {}
        for a in wanted:
            predicted.update(dict.fromkeys(self.order[a - nt]))
        items = tuple(chain.from_iterable(self.blocks[b - nt] for b in predicted))
        rule_predicted = [lhs in predicted for lhs in self.lhs_of_rule]
        moves: dict[int, tuple[int, ...]] = {}
        for sym, (advanced, rules) in self.first_moves.items():
            kept = tuple(compress(advanced, map(rule_predicted.__getitem__, rules)))
            if kept:
                moves[sym] = kept
        return _Predicted(items, moves)

    def start_state(
        self, kernel: tuple[int, ...]
    ) -> tuple[tuple[int, ...], dict[int, tuple[int, ...]]]:
        next_symbol = self.next_symbol
        wanted: dict[int, list[int]] = {s: [] for s in map(next_symbol.__getitem__, kernel)}
        in_kernel = set(kernel)
        closure = kernel + tuple(i for i in self.predicted(wanted).items if i not in in_kernel)
        moves: dict[int, list[int]] = {}
        for item in closure:
            sym = next_symbol[item]
            if sym >= 0:
                moves.setdefault(sym, []).append(item + 1)
        return closure, {s: tuple(sorted(m)) for s, m in moves.items()}


def _prediction_order(grammar: Grammar) -> list[tuple[int, ...]]:
    """For each nonterminal A, the nonterminals whose rules `B -> . γ` are in the closure of
    `X -> α . A β`: A, then breadth first through leftmost nonterminals, in id order."""
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
        out.append(tuple(order))
    return out
