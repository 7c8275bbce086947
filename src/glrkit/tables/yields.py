"""What strings a grammar's symbols derive: shortest yields, ε-derivations, shortest yields
that begin with a given terminal, FIRST_k sets, and every string of each length with its number
of derivations.

Shortest yields use Knuth's generalization of Dijkstra's algorithm ("A generalization of
Dijkstra's algorithm", IPL 6(1), 1977): a nonterminal is settled when its cheapest rule whose
right side is settled is the cheapest thing left, and that rule is remembered, so expanding the
chosen rules always ends. The counterexample search (`tables/counterexample.py`) and the
ambiguity search (`glrkit.diagnose`) both build on these.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass

from glrkit.grammar.analysis import Analysis
from glrkit.grammar.model import Grammar

DOT = -1  # the conflict point, as a leaf of a Derivation
INF = 1 << 60

Strings = frozenset[tuple[int, ...]]


@dataclass(frozen=True)
class Derivation:
    """A derivation over a sentential form: `symbol` expanded by `rule` into `children`, or a
    leaf (`rule` -1): a terminal, a nonterminal left unexpanded, or DOT."""

    symbol: int
    rule: int = -1
    children: tuple[Derivation, ...] = ()

    def frontier(self) -> list[int]:
        """The sentential form: the leaves, left to right (DOT included)."""
        out: list[int] = []
        stack: list[Derivation] = [self]
        while stack:
            node = stack.pop()
            if node.rule < 0:
                out.append(node.symbol)
            else:
                stack.extend(reversed(node.children))
        return out


class Yields:
    """Shortest yields, ε-derivations, and shortest yields that begin with a given terminal."""

    def __init__(self, grammar: Grammar, facts: Analysis) -> None:
        self.grammar = grammar
        self.facts = facts
        self.length, self._rule = self._shortest()
        self._empty_rule = self._empty_rules()
        self._begins: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        self._strings: dict[int, tuple[int, ...]] = {}

    def _shortest(self) -> tuple[list[int], list[int]]:
        """Knuth 1977: a nonterminal is settled when its cheapest rule with settled right side
        is the cheapest item on the heap; the rule is remembered, so expansions terminate."""
        g = self.grammar
        nt = g.n_terminals
        length = [1] * nt + [INF] * len(g.nonterminals)
        chosen = [-1] * g.n_symbols
        waiting = [0] * len(g.rules)
        users: list[list[int]] = [[] for _ in range(g.n_symbols)]
        heap: list[tuple[int, int]] = []
        for rule in g.rules:
            for s in rule.rhs:
                if s >= nt:
                    users[s].append(rule.index)
                    waiting[rule.index] += 1
            if waiting[rule.index] == 0:
                heap.append((len(rule.rhs), rule.index))
        heapq.heapify(heap)
        while heap:
            cost, r = heapq.heappop(heap)
            lhs = g.rules[r].lhs
            if length[lhs] < INF:
                continue
            length[lhs], chosen[lhs] = cost, r
            for user in users[lhs]:
                waiting[user] -= 1
                if waiting[user] == 0:
                    total = sum(length[s] for s in g.rules[user].rhs)
                    heapq.heappush(heap, (total, user))
        return length, chosen

    def _empty_rules(self) -> dict[int, int]:
        """For each nullable nonterminal, a rule whose right side was nullable before it was:
        following these rules always ends."""
        chosen: dict[int, int] = {}
        changed = True
        while changed:
            changed = False
            for rule in self.grammar.rules:
                if rule.lhs not in chosen and all(s in chosen for s in rule.rhs):
                    chosen[rule.lhs] = rule.index
                    changed = True
        return chosen

    def _beginning_with(self, terminal: int) -> tuple[list[int], list[tuple[int, int]]]:
        """Per symbol, the length of a shortest yield that begins with `terminal`, and the
        (rule, position) that gives it: the symbols before the position derive ε."""
        found = self._begins.get(terminal)
        if found is not None:
            return found
        g = self.grammar
        nt = g.n_terminals
        nullable = self.facts.nullable
        length = self.length
        cost = [INF] * g.n_symbols
        how = [(-1, -1)] * g.n_symbols
        cost[terminal] = 1
        waiting: list[list[tuple[int, int, int]]] = [[] for _ in range(g.n_symbols)]
        heap: list[tuple[int, int, int]] = []
        for rule in g.rules:
            rhs = rule.rhs
            for i, s in enumerate(rhs):
                rest = sum(length[x] for x in rhs[i + 1 :])
                if rest < INF:
                    if s == terminal:
                        heap.append((1 + rest, rule.index, i))
                    elif s >= nt:
                        waiting[s].append((rule.index, i, rest))
                if s not in nullable:
                    break
        heapq.heapify(heap)
        while heap:
            c, r, i = heapq.heappop(heap)
            lhs = g.rules[r].lhs
            if cost[lhs] < INF:
                continue
            cost[lhs], how[lhs] = c, (r, i)
            for r2, i2, rest in waiting[lhs]:
                heapq.heappush(heap, (c + rest, r2, i2))
        self._begins[terminal] = (cost, how)
        return cost, how

    def shortest(self, symbol: int) -> tuple[int, ...]:
        """A shortest terminal string that `symbol` derives."""
        if symbol < self.grammar.n_terminals:
            return (symbol,)
        found = self._strings.get(symbol)
        if found is None:
            rule = self.grammar.rules[self._rule[symbol]]
            found = tuple(t for s in rule.rhs for t in self.shortest(s))
            self._strings[symbol] = found
        return found

    def empty(self, symbol: int) -> Derivation:
        """An ε-derivation of a nullable nonterminal."""
        rule = self.grammar.rules[self._empty_rule[symbol]]
        return Derivation(symbol, rule.index, tuple(self.empty(s) for s in rule.rhs))

    def beginning(self, symbol: int, terminal: int) -> Derivation | None:
        """A derivation of `symbol` that shows `terminal` as its first leaf, or None."""
        if symbol == terminal:
            return Derivation(symbol)
        if symbol < self.grammar.n_terminals:
            return None
        cost, how = self._beginning_with(terminal)
        if cost[symbol] >= INF:
            return None
        r, i = how[symbol]
        rhs = self.grammar.rules[r].rhs
        head = self.beginning(rhs[i], terminal)
        assert head is not None
        kids = [*(self.empty(s) for s in rhs[:i]), head, *(Derivation(s) for s in rhs[i + 1 :])]
        return Derivation(symbol, r, tuple(kids))

    def sentence(self, derivation: Derivation) -> tuple[tuple[int, ...], int]:
        """The terminals a derivation yields, unexpanded leaves replaced by shortest yields,
        and how many of them come before DOT (-1 without DOT)."""
        tokens: list[int] = []
        position = -1
        for symbol in derivation.frontier():
            if symbol == DOT:
                position = len(tokens)
            else:
                tokens.extend(self.shortest(symbol))
        return tuple(tokens), position


def first_k(grammar: Grammar, k: int, limit: int) -> list[Strings] | None:
    """FIRST_k of every symbol: the prefixes of length k (or whole, when shorter) of the
    strings it derives. None when some set grows past `limit` strings."""
    nt = grammar.n_terminals
    sets: list[set[tuple[int, ...]]] = [
        {(s,)} if s < nt else set() for s in range(grammar.n_symbols)
    ]
    changed = True
    while changed:
        changed = False
        for rule in grammar.rules:
            acc: set[tuple[int, ...]] = {()}
            for s in rule.rhs:
                acc = concat_k(acc, sets[s], k)
                if not acc:
                    break
            target = sets[rule.lhs]
            before = len(target)
            target |= acc
            if len(target) != before:
                changed = True
                if len(target) > limit:
                    return None
    return [frozenset(s) for s in sets]


def concat_k(
    left: set[tuple[int, ...]], right: Strings | set[tuple[int, ...]], k: int
) -> set[tuple[int, ...]]:
    """Every `a + b` cut to length k, for a in left and b in right."""
    out: set[tuple[int, ...]] = set()
    for a in left:
        if len(a) >= k:
            out.add(a)
        else:
            out.update((a + b)[:k] for b in right)
    return out


class Sentences:
    """Every string each nonterminal derives, one length after another, each with its number
    of derivation trees capped at 2. Derivations are counted while strings are generated, so
    a string that comes out twice is ambiguous, and only those need parsing: the idea of
    AMBER's generate-and-compare (Schröer, "AMBER, an ambiguity checker for context-free
    grammars", 2001), done by dynamic programming over lengths instead of derivation by
    derivation. Unit and ε-cycles make a string come out again and again: its count
    saturates at 2, which is right, since it then has infinitely many trees.
    """

    def __init__(self, grammar: Grammar, facts: Analysis, yields: Yields, limit: int) -> None:
        self.grammar = grammar
        self._length = yields.length
        usable = facts.productive & facts.reachable
        nt = grammar.n_terminals
        self._rules = [
            r
            for r in grammar.rules
            if r.lhs in usable and all(s < nt or s in facts.productive for s in r.rhs)
        ]
        self._levels: list[dict[int, dict[tuple[int, ...], int]]] = []
        self._limit = limit
        self._stored = 0

    @property
    def complete(self) -> int:
        """Every string up to this length has been generated (-1 before the first level)."""
        return len(self._levels) - 1

    def extend(self, deadline: float | None = None) -> bool:
        """Generate the next length; False (and nothing added) past the deadline or when the
        strings stored would pass the limit."""
        n = len(self._levels)
        current: dict[int, dict[tuple[int, ...], int]] = {}
        while True:
            found: dict[int, dict[tuple[int, ...], int]] = {}
            for rule in self._rules:
                if deadline is not None and time.monotonic() > deadline:
                    return False
                strings = self._sequence(rule.rhs, n, current)
                if strings:
                    into = found.setdefault(rule.lhs, {})
                    for s, c in strings.items():
                        into[s] = min(2, into.get(s, 0) + c)
            if found == current:
                break
            current = found
        self._stored += sum(len(d) for d in current.values())
        if self._stored > self._limit:
            return False
        self._levels.append(current)
        return True

    def strings(self, symbol: int, n: int) -> dict[tuple[int, ...], int]:
        """The strings of length n (at most `complete`) that `symbol` derives, with counts."""
        return self._levels[n].get(symbol, {})

    def _get(
        self, symbol: int, m: int, n: int, current: dict[int, dict[tuple[int, ...], int]]
    ) -> dict[tuple[int, ...], int]:
        if symbol < self.grammar.n_terminals:
            return {(symbol,): 1} if m == 1 else {}
        if m < n:
            return self._levels[m].get(symbol, {})
        return current.get(symbol, {})

    def _sequence(
        self, rhs: tuple[int, ...], n: int, current: dict[int, dict[tuple[int, ...], int]]
    ) -> dict[tuple[int, ...], int]:
        length = self._length
        rest = [0] * (len(rhs) + 1)
        for i in range(len(rhs) - 1, -1, -1):
            rest[i] = rest[i + 1] + length[rhs[i]]
        if rest[0] > n:
            return {}
        parts: dict[int, dict[tuple[int, ...], int]] = {0: {(): 1}}
        for i, symbol in enumerate(rhs):
            step: dict[int, dict[tuple[int, ...], int]] = {}
            for used, strings in parts.items():
                for m in range(length[symbol], n - used - rest[i + 1] + 1):
                    got = self._get(symbol, m, n, current)
                    if not got:
                        continue
                    bucket = step.setdefault(used + m, {})
                    for s1, c1 in strings.items():
                        for s2, c2 in got.items():
                            s = s1 + s2
                            bucket[s] = min(2, bucket.get(s, 0) + c1 * c2)
            parts = step
            if not parts:
                return {}
        return parts.get(n, {})
