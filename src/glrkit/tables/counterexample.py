"""Counterexamples for LR conflicts, and the exact test for "one more token would decide".

For a conflict in state s on terminal t between two actions, we look for a shortest viable
prefix on which both actions are possible with lookahead t, and build one derivation per
action that reaches the conflict there, with a dot (`DOT`) where the parser stands. This is
the lookahead-sensitive search of Isradisaikul & Myers ("Finding Counterexamples from Parsing
Conflicts", PLDI 2015), as Bison 3.8 runs it, restricted to the part that needs no parsing:
turning the two derivations into one ambiguous sentence, and checking it, is done a layer up
(`glrkit.diagnose`), where the parser is.

The search walks the LR(0) item graph extended with lookahead strings of length k. From an
item `[A → α • B β, u]` a production step enters `[B → • γ, v]` for each v in FIRST_k(β u);
a transition on X moves the dot of every side over X, so the sides read the same prefix.
Those are exactly the canonical LR(k) items valid for the prefix (Knuth, "On the translation
of languages from left to right", 1965). So when the search runs out without reaching both
conflict items with a common lookahead, canonical LR(k) has no such conflict on any prefix
of a sentence: that is the proof behind "needs more lookahead". (Steps into symbols that
derive no string are never taken, so items no sentence reaches do not count.) With k = 1
each side carries one bit, "the conflict's terminal may follow", which FIRST sets make
deterministic; reachability back from the targets and the LALR(1) lookaheads (a superset of
every LR(k) first token) prune the search.

Everything here is ints; `tables/explain.py` and `glrkit.check` give the names.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Sequence
from dataclasses import dataclass

from glrkit.grammar.analysis import analyse
from glrkit.grammar.model import END, Grammar
from glrkit.tables.lalr import follow_sets
from glrkit.tables.lr0 import Automaton, build_lr0
from glrkit.tables.table import ParseTable
from glrkit.tables.yields import DOT, INF, Derivation, Strings, Yields, concat_k, first_k

SHIFT = -1  # the shift action; reductions are indices into ParseTable.reductions

Edge = tuple[int, int, int]  # (0, symbol, 0): a transition; (1, side, rule): a production step
_Node = tuple[int, tuple[int, ...], tuple[tuple[int, ...], ...]]  # (state, items, lookaheads)


@dataclass(frozen=True)
class Example:
    """One action taken at the conflict: a derivation of the start symbol with DOT at the
    conflict, and a sentence it derives (each unexpanded nonterminal replaced by a shortest
    yield), of which `position` tokens come before DOT."""

    action: int
    derivation: Derivation
    sentence: tuple[int, ...]
    position: int


@dataclass(frozen=True)
class Examples:
    """What the search found for a pair of actions.

    `common` is True when both examples share one prefix (canonical LR(1) has this conflict
    too), False when no prefix allows both actions on the lookahead (LALR(1) merged states
    that canonical LR(1) keeps apart; each example then has its own prefix), None when the
    search hit its budget. `examples` follows the order of the pair, and may be empty when
    the budget ran out, or when one action can never be taken while parsing a sentence
    (`possible` False: its items need a symbol that derives no string).
    """

    common: bool | None
    examples: tuple[Example, ...]
    possible: bool = True  # False: no sentence takes one of the actions here at all


class _GaveUp:
    """The search hit its budget."""


GAVE_UP = _GaveUp()


class Counterexamples:
    """Searches over one grammar's LR(0) automaton; build once, ask about every conflict."""

    def __init__(
        self, grammar: Grammar, table: ParseTable, automaton: Automaton | None = None
    ) -> None:
        self.grammar = grammar
        self.table = table
        self.automaton = automaton or build_lr0(grammar)
        self.facts = analyse(grammar)
        self.yields = Yields(grammar, self.facts)
        auto = self.automaton
        self._closure_sets = [frozenset(c) for c in auto.closures]
        self._preds: list[list[int]] = [[] for _ in auto.goto]
        for p, goto in enumerate(auto.goto):
            for q in goto.values():
                self._preds[q].append(p)
        self._waiting: dict[int, dict[int, list[int]]] = {}
        self._lalr = self._item_lookaheads()
        # per item, the length of a shortest yield of what follows its dot (INF: none): a
        # search step must leave something a sentence can finish, and among targets at the
        # same prefix cost the shortest rest makes the shortest example
        length = self.yields.length
        self._rest = [
            min(INF, sum(length[s] for s in grammar.rules[r].rhs[d:]))
            for r, d in zip(auto.items.rule, auto.items.dot, strict=True)
        ]
        # per item, FIRST of what follows its dot (a terminal bitset), and whether it vanishes
        self._first_rest, self._nullable_rest = self._rests()
        self._first: dict[int, list[Strings] | None] = {}
        self._reach: dict[tuple[int, frozenset[int]], set[tuple[int, int]]] = {}
        self._alone: dict[tuple[int, int, int], list[Edge] | _GaveUp | None] = {}
        self._follow: dict[tuple[int, tuple[int, ...], int], list[tuple[int, ...]]] = {}

    # -- public ---------------------------------------------------------------------------
    def examples(
        self,
        state: int,
        terminal: int,
        pair: tuple[int, int],
        budget: int = 100_000,
        deadline: float | None = None,
    ) -> Examples:
        """Two examples for a pair of actions, on a common prefix when one exists.

        As Bison does, first a shortest path for each action alone, then a search for the
        other action along the same prefix; only when neither prefix serves both is the
        search over pairs of items run, which is exact but much bigger."""
        sides = [self._targets(state, terminal, a) for a in pair]
        alone: list[list[Edge] | _GaveUp | None] = []
        for j in range(2):
            key = (state, terminal, pair[j])
            path = self._alone.get(key, GAVE_UP)
            if path is GAVE_UP:  # not searched yet, or out of budget last time
                path = self._alone[key] = self._search(
                    state, terminal, [sides[j]], 1, budget, deadline
                )
            alone.append(path)
        if any(path is None for path in alone):
            return Examples(False, (), possible=False)
        for lead in sorted(range(2), key=lambda j: pair[j] == SHIFT):  # reductions first
            path = alone[lead]
            if not isinstance(path, list):
                continue
            prefix = tuple(edge[1] for edge in path if edge[0] == 0)
            along = self._search(state, terminal, [sides[1 - lead]], 1, budget, deadline, prefix)
            if isinstance(along, list):
                pair_paths = (path, along) if lead == 0 else (along, path)
                found = tuple(self._example(pair_paths[j], 0, pair[j], terminal) for j in range(2))
                return Examples(True, found)
        both = self._search(state, terminal, sides, 1, budget, deadline)
        if isinstance(both, list):
            found = tuple(self._example(both, j, pair[j], terminal) for j in range(2))
            return Examples(True, found)
        separate = tuple(
            self._example(path, 0, pair[j], terminal)
            for j, path in enumerate(alone)
            if isinstance(path, list)
        )
        common = None if both is GAVE_UP else False
        return Examples(common, separate if len(separate) == 2 else ())

    def decided_by(
        self,
        state: int,
        terminal: int,
        pair: tuple[int, int],
        k: int,
        budget: int = 100_000,
        deadline: float | None = None,
    ) -> bool | None:
        """True when canonical LR(k) has no conflict between the two actions in any state
        with this core on a lookahead that begins with `terminal`; False when it has; None
        when the search (or FIRST_k) grew past its budget."""
        if self._first_sets(k) is None:
            return None
        sides = [self._targets(state, terminal, a) for a in pair]
        path = self._search(state, terminal, sides, k, budget, deadline)
        if path is GAVE_UP:
            return None
        return path is None

    # -- the graph ----------------------------------------------------------------------------
    def _targets(self, state: int, terminal: int, action: int) -> tuple[frozenset[int], bool]:
        """The items that stand for an action in a state, and whether it is a shift."""
        auto = self.automaton
        items = auto.items
        if action == SHIFT:
            closure = auto.closures[state]
            return frozenset(i for i in closure if items.next_symbol[i] == terminal), True
        lhs, length, rule = self.table.reductions[action]
        if rule >= 0:
            return frozenset({items.base[rule] + length}), False
        nullable = self.facts.nullable
        found = frozenset(
            items.base[r]
            for r in self.grammar.rules_for(lhs)
            if all(s in nullable for s in self.grammar.rules[r].rhs)
            and items.base[r] in self._closure_sets[state]
        )
        return found, False

    def _item_lookaheads(self) -> dict[tuple[int, int], int]:
        """LALR(1) lookaheads of every (state, item), as terminal bitsets: Follow(p, A) for
        each item `A → α • β` reached from p by α (DeRemer & Pennello's sets)."""
        g = self.grammar
        auto = self.automaton
        base = auto.items.base
        out: dict[tuple[int, int], int] = {}

        def spread(p: int, rule: int, bits: int) -> None:
            rhs = g.rules[rule].rhs
            q = p
            for d in range(len(rhs) + 1):
                key = (q, base[rule] + d)
                out[key] = out.get(key, 0) | bits
                if d < len(rhs):
                    q = auto.goto[q][rhs[d]]

        spread(0, 0, 1 << END)
        for (p, a), bits in follow_sets(g, auto, self.facts).items():
            for r in g.rules_for(a):
                spread(p, r, bits)
        return out

    def _rests(self) -> tuple[list[int], list[int]]:
        g = self.grammar
        nt = g.n_terminals
        facts = self.facts
        first_bits = [0] * g.n_symbols
        for s in range(g.n_symbols):
            if s < nt:
                first_bits[s] = 1 << s
            else:
                for t in facts.first[s - nt]:
                    first_bits[s] |= 1 << t
        items = self.automaton.items
        firsts: list[int] = []
        vanishes: list[int] = []
        for rule, dot in zip(items.rule, items.dot, strict=True):
            bits, empty = 0, 1
            for s in g.rules[rule].rhs[dot:]:
                bits |= first_bits[s]
                if s not in facts.nullable:
                    empty = 0
                    break
            firsts.append(bits)
            vanishes.append(empty)
        return firsts, vanishes

    def _waiting_in(self, state: int) -> dict[int, list[int]]:
        found = self._waiting.get(state)
        if found is None:
            found = {}
            nxt = self.automaton.items.next_symbol
            for i in self.automaton.closures[state]:
                if nxt[i] >= 0:
                    found.setdefault(nxt[i], []).append(i)
            self._waiting[state] = found
        return found

    def _reaching(self, state: int, targets: frozenset[int]) -> set[tuple[int, int]]:
        """Every (state, item) with a path to one of the targets in `state`."""
        found = self._reach.get((state, targets))
        if found is None:
            found = self._reach[(state, targets)] = self._reaching_from(state, targets)
        return found

    def _reaching_from(self, state: int, targets: frozenset[int]) -> set[tuple[int, int]]:
        items = self.automaton.items
        rules = self.grammar.rules
        seen = {(state, i) for i in targets}
        todo = list(seen)
        while todo:
            s, i = todo.pop()
            if items.dot[i] > 0:
                for p in self._preds[s]:
                    key = (p, i - 1)
                    if key not in seen and i - 1 in self._closure_sets[p]:
                        seen.add(key)
                        todo.append(key)
            else:
                for j in self._waiting_in(s).get(rules[items.rule[i]].lhs, ()):
                    key = (s, j)
                    if key not in seen:
                        seen.add(key)
                        todo.append(key)
        return seen

    def _first_sets(self, k: int) -> list[Strings] | None:
        if k not in self._first:
            self._first[k] = first_k(self.grammar, k, limit=20_000)
        return self._first[k]

    def _follow_k(self, item: int, lookahead: tuple[int, ...], k: int) -> list[tuple[int, ...]]:
        """FIRST_k(β u) for the rest β of the rule from `item`, then the lookahead u."""
        key = (item, lookahead, k)
        found = self._follow.get(key)
        if found is None:
            first = self._first_sets(k)
            assert first is not None
            items = self.automaton.items
            rhs = self.grammar.rules[items.rule[item]].rhs[items.dot[item] :]
            acc: set[tuple[int, ...]] = {()}
            for s in rhs:
                acc = concat_k(acc, first[s], k)
            found = self._follow[key] = sorted(concat_k(acc, {lookahead}, k))
        return found

    def _search(
        self,
        state: int,
        terminal: int,
        sides: Sequence[tuple[frozenset[int], bool]],
        k: int,
        budget: int,
        deadline: float | None = None,
        prefix: tuple[int, ...] | None = None,
    ) -> list[Edge] | _GaveUp | None:
        """Dijkstra over (state, item per side, lookahead per side), cost = the length of the
        prefix's shortest yield. Returns the edges of a cheapest path to the targets (of
        those, the one whose target rules have the shortest rest), None when there is none,
        GAVE_UP past `budget` expanded nodes or the deadline. With a `prefix`, transitions
        must read it and the first element of a node is the position in it, not the state."""
        if any(not targets for targets, _ in sides):
            return None
        if deadline is not None and time.monotonic() > deadline:
            return GAVE_UP
        auto = self.automaton
        items = auto.items
        nxt = items.next_symbol
        base = items.base
        nt = self.grammar.n_terminals
        length = self.yields.length
        lalr = self._lalr
        rest = self._rest
        n = len(sides)
        reach = [self._reaching(state, targets) for targets, _ in sides]
        track = [not (shift and k == 1) for _, shift in sides]
        if any(track) and self._first_sets(k) is None:
            return GAVE_UP
        start_item = base[0]
        if any((0, start_item) not in r for r in reach):
            return None
        states = [0]
        for symbol in prefix or ():
            states.append(auto.goto[states[-1]].get(symbol, -1))
            if states[-1] < 0:
                return None
        end = len(states) - 1 if prefix is not None else state
        # With k = 1 a side's lookahead is one bit, "the conflict's terminal may follow": all
        # a path needs, and FIRST sets make it deterministic (Bison tracks lookahead sets
        # the same way instead of branching per terminal). With k > 1, k-strings.
        first_la = (int(terminal == END),) if k == 1 else (END,)
        start: _Node = (0, (start_item,) * n, tuple(first_la if t else () for t in track))
        dist: dict[_Node, int] = {start: 0}
        parent: dict[_Node, tuple[_Node, Edge] | None] = {start: None}
        heap: list[tuple[int, int, _Node]] = [(0, 0, start)]
        counter = 1
        expanded = 0

        def fits(s: int, item: int, la: tuple[int, ...], j: int) -> bool:
            if (s, item) not in reach[j]:
                return False
            return not la or k == 1 or bool(lalr.get((s, item), 0) >> la[0] & 1)

        found: tuple[int, int, _Node] | None = None  # (cost, rest, node) of the best target
        while heap:
            cost, _, node = heapq.heappop(heap)
            if found is not None and cost > found[0]:
                break
            if dist[node] < cost:
                continue
            at, its, las = node
            s = states[at] if prefix is not None else at
            if at == end and s == state and self._is_target(its, las, sides, terminal, k):
                left = sum(rest[i] for i in its)
                if left < INF and (found is None or left < found[1]):
                    found = (cost, left, node)
                continue
            expanded += 1
            if expanded > budget:
                return GAVE_UP
            if deadline is not None and expanded % 512 == 0 and time.monotonic() > deadline:
                return GAVE_UP
            moves: list[tuple[int, _Node, Edge]] = []
            x = nxt[its[0]]
            if prefix is not None and (at == end or prefix[at] != x):
                x = -1
            if x >= 0 and length[x] < INF and all(nxt[i] == x for i in its):
                q = auto.goto[s][x]
                moved = tuple(i + 1 for i in its)
                if all(fits(q, moved[j], las[j], j) for j in range(n)):
                    to = at + 1 if prefix is not None else q
                    moves.append((cost + length[x], (to, moved, las), (0, x, 0)))
            for j in range(n):
                b = nxt[its[j]]
                if b < nt:
                    continue
                if rest[its[j] + 1] >= INF:
                    continue  # what follows b derives no string: no sentence continues here
                if not track[j]:
                    follows: list[tuple[int, ...]] = [()]
                elif k == 1:
                    after = its[j] + 1
                    bit = self._first_rest[after] >> terminal & 1
                    follows = [(bit | (las[j][0] & self._nullable_rest[after]),)]
                else:
                    follows = self._follow_k(its[j] + 1, las[j], k)
                for r in self.grammar.rules_for(b):
                    entered = base[r]
                    if (s, entered) not in reach[j] or rest[entered] >= INF:
                        continue
                    new_its = (*its[:j], entered, *its[j + 1 :])
                    if k == 1 and track[j]:
                        possible = lalr.get((s, entered), 0) >> terminal & 1
                        follows = [(follows[0][0] & possible,)]
                    for la in follows:
                        if fits(s, entered, la, j):
                            new_las = (*las[:j], la, *las[j + 1 :])
                            moves.append((cost, (at, new_its, new_las), (1, j, r)))
            for new_cost, new_node, edge in moves:
                if new_cost < dist.get(new_node, INF):
                    dist[new_node] = new_cost
                    parent[new_node] = (node, edge)
                    heapq.heappush(heap, (new_cost, counter, new_node))
                    counter += 1
        return None if found is None else _path(parent, found[2])

    def _is_target(
        self,
        its: tuple[int, ...],
        las: tuple[tuple[int, ...], ...],
        sides: Sequence[tuple[frozenset[int], bool]],
        terminal: int,
        k: int,
    ) -> bool:
        common: set[tuple[int, ...]] | None = None
        for j, (targets, shift) in enumerate(sides):
            if its[j] not in targets:
                return False
            if k == 1:
                if not shift and las[j] != (1,):
                    return False
                continue
            viable = set(self._follow_k(its[j], las[j], k)) if shift else {las[j]}
            viable = {v for v in viable if v and v[0] == terminal}
            common = viable if common is None else common & viable
            if not common:
                return False
        return True

    # -- derivations ----------------------------------------------------------------------------
    def _example(self, path: list[Edge], side: int, action: int, terminal: int) -> Example:
        """Replay one side of a path: transitions add leaves to the open rule, production
        steps open a rule. At the end DOT goes in, and the open rules are closed innermost
        first, their remaining symbols becoming leaves. After a reduction the lookahead must
        come next: the symbols before it derive ε, the one that yields it is expanded to
        show it."""
        rules = self.grammar.rules
        yields = self.yields
        frames: list[tuple[int, list[Derivation]]] = [(0, [])]
        for kind, a, b in path:
            if kind == 0:
                frames[-1][1].append(Derivation(a))
            elif a == side:
                frames.append((b, []))
        pending = action != SHIFT
        done: Derivation | None = None
        first = True
        while frames:
            rule, kids = frames.pop()
            rhs = rules[rule].rhs
            if first:
                rest = rhs[len(kids) :]
                kids.append(Derivation(DOT))
                if pending:
                    kids.extend(yields.empty(s) for s in rest)
                else:
                    kids.extend(Derivation(s) for s in rest)
                first = False
            else:
                assert done is not None
                kids.append(done)
                for s in rhs[len(kids) :]:
                    if pending:
                        kids.append(self._after_reduction(s, terminal))
                        pending = _is_empty(kids[-1])
                    else:
                        kids.append(Derivation(s))
            done = Derivation(rules[rule].lhs, rule, tuple(kids))
        assert done is not None and done.children
        derivation = done.children[0]
        sentence, position = yields.sentence(derivation)
        return Example(action, derivation, sentence, position)

    def _after_reduction(self, symbol: int, terminal: int) -> Derivation:
        """The symbol right after a reduction: it shows the lookahead first, or vanishes."""
        begun = self.yields.beginning(symbol, terminal)
        if begun is not None:
            return begun
        if symbol in self.facts.nullable:
            return self.yields.empty(symbol)
        return Derivation(symbol)  # unreachable on a path the search accepted


def _is_empty(derivation: Derivation) -> bool:
    """Whether an expanded derivation yields nothing (a leaf always yields something)."""
    stack = [derivation]
    while stack:
        node = stack.pop()
        if node.rule < 0:
            return False
        stack.extend(node.children)
    return True


def _path(parent: dict[_Node, tuple[_Node, Edge] | None], node: _Node) -> list[Edge]:
    edges: list[Edge] = []
    step = parent[node]
    while step is not None:
        node, edge = step
        edges.append(edge)
        step = parent[node]
    edges.reverse()
    return edges
