"""Re-parsing sentences and taking their forests apart: which pairs of trees a sentence has,
and where, replayed as LR actions, two trees part ways.

A pair of trees that differ at exactly one packed node is built for each ambiguous node and
pair of its families, smallest elsewhere; replaying both as the right-nulled LR actions that
build them (shift a leaf; reduce a node once its last nonempty child is done, as the RNGLR
engine does) gives the first action where they differ: a state, a lookahead, and two actions
of one table cell, which is a conflict. The trees are then shown as Bison shows derivations:
what both share folded into its symbol, a dot where they part.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import combinations

from glrkit.engine.rnglr import RNGLR, Stuck
from glrkit.forest.count import Count, count_trees
from glrkit.forest.sppf import Node, epsilon_forest, realize
from glrkit.grammar.analysis import analyse
from glrkit.grammar.model import END, Grammar
from glrkit.lex.lexer import Lexeme
from glrkit.tables.counterexample import SHIFT
from glrkit.tables.lr0 import Automaton
from glrkit.tables.table import ParseTable
from glrkit.tables.yields import DOT, Derivation, Sentences, Yields

ACCEPT = -3  # an action of a Witness: the parse is complete (the other goes round a cycle)
_STORED_STRINGS = 400_000  # what the sentence generator may hold
_NODES, _FAMILY_PAIRS = 32, 8  # ambiguous forest nodes, and pairs of their families, compared


@dataclass(frozen=True)
class Witness:
    """A sentence with `parses` trees (math.inf: infinitely many), and two of them that
    differ at one packed node, the `node` (symbol, first token, end token).

    `state`, `terminal` and `actions` say where the two trees part ways, replayed as LR
    actions (SHIFT, a reduction index, or ACCEPT when one tree is complete and the other
    goes on round a cycle of its start symbol); `state` is -1 when they never do (the trees
    differ only inside an empty string). `derivations` are the two trees in the order of
    `actions`, with subtrees they share shown as their symbol and DOT where they part ways;
    `size` counts the nodes of both trees (the smallest pair is shown).
    """

    sentence: tuple[int, ...]
    parses: Count
    node: tuple[int, int, int]
    state: int
    terminal: int
    actions: tuple[int, int]
    derivations: tuple[Derivation, Derivation]
    size: int

    def swapped(self) -> Witness:
        """The same pair, the other tree first."""
        a, b = self.actions
        d1, d2 = self.derivations
        return replace(self, actions=(b, a), derivations=(d2, d1))


class _Tree:
    """One derivation tree, positions in tokens; leaves have rule -1."""

    __slots__ = ("children", "end", "parent", "rule", "start", "symbol")

    def __init__(self, symbol: int, rule: int, start: int, end: int) -> None:
        self.symbol = symbol
        self.rule = rule
        self.start = start
        self.end = end
        self.children: list[_Tree] = []
        self.parent: _Tree | None = None

    def walk(self) -> Iterator[_Tree]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


Step = tuple[int, int, int, _Tree]  # (state, lookahead, action, the tree node it acts on)


class Reparser:
    """Parses token sequences with the RNGLR engine, as `Parser.parse_tokens` does, and
    takes the forests apart into pairs of trees."""

    def __init__(self, grammar: Grammar, table: ParseTable, automaton: Automaton) -> None:
        self.grammar = grammar
        self.table = table
        self.goto = automaton.goto
        self.facts = analyse(grammar)
        self._engine = RNGLR(
            table,
            epsilon_forest(grammar, self.facts.nullable),
            [(r.lhs, r.rhs) for r in grammar.rules],
        )
        self._reduction = {r: i for i, r in enumerate(table.reductions)}
        self._splits: dict[tuple[int, ...], list[Witness]] = {}

    def sentences(self) -> Sentences:
        yields = Yields(self.grammar, self.facts)
        return Sentences(self.grammar, self.facts, yields, _STORED_STRINGS)

    def parse(self, tokens: tuple[int, ...]) -> Node | None:
        n = len(tokens)

        def next_lexeme(position: int, kinds: frozenset[int]) -> Lexeme | None:
            if position < n:
                return Lexeme((tokens[position],), position, position + 1)
            return Lexeme((END,), n, n) if END in kinds else None

        try:
            return realize(self._engine.parse(next_lexeme).root, 0, self._engine.rules)
        except Stuck:
            return None

    def witness_for(
        self, sentence: tuple[int, ...], state: int, terminal: int, pair: tuple[int, int]
    ) -> Witness | None:
        for witness in self.splits(sentence):
            if (witness.state, witness.terminal) == (state, terminal):
                if witness.actions == pair:
                    return witness
                if witness.actions == (pair[1], pair[0]):
                    return witness.swapped()
        return None

    def splits(self, sentence: tuple[int, ...]) -> list[Witness]:
        """For each place where two trees of the sentence part ways (and for ambiguity inside
        an empty string), the smallest pair of trees that differ at one packed node."""
        found = self._splits.get(sentence)
        if found is None:
            found = self._splits[sentence] = self._take_apart(sentence)
        return found

    def _take_apart(self, sentence: tuple[int, ...]) -> list[Witness]:
        root = self.parse(sentence)
        if root is None:
            return []
        parses = count_trees(root)
        if parses < 2:
            return []
        forest = _Pairs(root)
        best: dict[tuple[int, int, frozenset[int]], Witness] = {}
        for node in forest.ambiguous[:_NODES]:
            for f1, f2 in list(combinations(range(len(node.families)), 2))[:_FAMILY_PAIRS]:
                t1, at1 = forest.grow(node, f1)
                t2, at2 = forest.grow(node, f2)
                witness = self._compare(sentence, parses, node, t1, t2, at1, at2)
                if witness is None:
                    continue
                key = (witness.state, witness.terminal, frozenset(witness.actions))
                old = best.get(key)
                if old is None or witness.size < old.size:
                    best[key] = witness
        return sorted(best.values(), key=lambda w: (w.size, w.node, w.state, w.actions))

    def _compare(
        self,
        sentence: tuple[int, ...],
        parses: Count,
        node: Node,
        t1: _Tree,
        t2: _Tree,
        at1: _Tree,
        at2: _Tree,
    ) -> Witness | None:
        run1 = self._replay(t1, sentence)
        run2 = self._replay(t2, sentence)
        if run1 is None or run2 is None:
            return None
        pairs = enumerate(zip(run1, run2, strict=False))
        where = next((i for i, (a, b) in pairs if a[:3] != b[:3]), min(len(run1), len(run2)))
        size = sum(1 for _ in t1.walk()) + sum(1 for _ in t2.walk())
        span = (node.symbol, at1.start, at1.end)
        if where == len(run1) == len(run2):
            shown = _shown(t1, t2, (at1, -1), (at2, -1))
            return Witness(sentence, parses, span, -1, -1, (-1, -1), shown, size)
        if where < len(run1) and where < len(run2):
            state, terminal, a1, d1 = run1[where]
            _, _, a2, d2 = run2[where]
            dots = _dot(d1, a1), _dot(d2, a2)
        elif where == len(run1):  # t1 is complete where t2 goes round a cycle
            state, terminal, a2, d2 = run2[where]
            a1, dots = ACCEPT, ((t1, len(t1.children)), _dot(d2, a2))
        else:
            state, terminal, a1, d1 = run1[where]
            a2, dots = ACCEPT, (_dot(d1, a1), (t2, len(t2.children)))
        shown = _shown(t1, t2, *dots)
        witness = Witness(sentence, parses, span, state, terminal, (a1, a2), shown, size)
        return witness if a1 < a2 else witness.swapped()

    def _replay(self, tree: _Tree, tokens: tuple[int, ...]) -> list[Step] | None:
        """The right-nulled LR actions that build the tree, left to right: a leaf is a shift;
        an empty subtree is one ε-reduction; any other node reduces as soon as its last
        nonempty child is done (its empty tail is the right-nulled part), as the RNGLR
        engine does it."""
        goto = self.goto
        reduction = self._reduction
        n = len(tokens)
        out: list[Step] = []
        stack = [0]

        def visit(node: _Tree) -> None:
            lookahead = tokens[node.end] if node.end < n else END
            if node.rule < 0:
                out.append((stack[-1], tokens[node.start], SHIFT, node))
                stack.append(goto[stack[-1]][node.symbol])
                return
            if node.start == node.end:
                rid = reduction.get((node.symbol, 0, -1), -2)
                out.append((stack[-1], lookahead, rid, node))
                stack.append(goto[stack[-1]][node.symbol])
                return
            m = max(i for i, c in enumerate(node.children) if c.end > c.start) + 1
            for child in node.children[:m]:
                visit(child)
            rid = reduction.get((node.symbol, m, node.rule), -2)
            out.append((stack[-1], lookahead, rid, node))
            del stack[len(stack) - m :]
            stack.append(goto[stack[-1]][node.symbol])

        try:
            visit(tree)
        except KeyError:  # a tree the LR(0) automaton cannot follow: a bug elsewhere
            return None
        return out


class _Pairs:
    """A forest's ambiguous nodes, and for each of their families the smallest tree through
    that family (Knuth's algorithm again: smallest subtrees per node, then a shortest path
    from the root to the node)."""

    def __init__(self, root: Node) -> None:
        self.root = root
        nodes = _reachable(root)
        self.ambiguous = sorted(
            (n for n in nodes if len(n.families) > 1),
            key=lambda n: (n.end - n.start if n.start >= 0 else 0, n.start, n.symbol),
        )
        self.best = _smallest(nodes)
        self._routes: dict[Node, list[tuple[int, int]]] = {}

    def grow(self, target: Node, family: int) -> tuple[_Tree, _Tree]:
        """The smallest tree that uses `family` at `target`, and target's place in it."""
        route = self._routes.get(target)
        if route is None:
            route = self._routes[target] = _route(self.root, target)
        where: list[_Tree] = []

        def build(node: Node, position: int, at: int | None) -> _Tree:
            if node.is_terminal:
                return _Tree(node.symbol, -1, node.start, node.end)
            forced = -1
            if at is None:
                chosen = self.best[node]
            elif at < len(route):
                chosen, forced = route[at]
            else:
                chosen = family
            fam = node.families[chosen]
            start = node.start if node.start >= 0 else position
            tree = _Tree(node.symbol, fam[0], start, start)  # type: ignore[arg-type]
            if at is not None and at == len(route):
                where.append(tree)
            for i, child in enumerate(fam[1:]):
                assert isinstance(child, Node)
                sub = build(child, tree.end, at + 1 if at is not None and i == forced else None)
                sub.parent = tree
                tree.children.append(sub)
                tree.end = sub.end
            if node.start >= 0:
                tree.end = node.end
            return tree

        tree = build(self.root, 0, 0)
        return tree, where[0]


def _reachable(root: Node) -> list[Node]:
    seen = {root}
    order = [root]
    k = 0
    while k < len(order):
        for family in order[k].families:
            for child in family[1:]:
                assert isinstance(child, Node)
                if child not in seen and not child.is_terminal:
                    seen.add(child)
                    order.append(child)
        k += 1
    return order


def _smallest(nodes: list[Node]) -> dict[Node, int]:
    """The family of each node that gives its smallest tree (Knuth 1977, as in
    `tables/yields.py`): finite even on cyclic forests."""
    waiting: dict[tuple[Node, int], int] = {}
    users: dict[Node, list[tuple[Node, int]]] = {}
    heap: list[tuple[int, int, Node, int]] = []
    size: dict[Node, int] = {}

    def weight(child: int | Node) -> int:
        assert isinstance(child, Node)
        return 1 if child.is_terminal else size[child]

    best: dict[Node, int] = {}
    counter = 0
    for node in nodes:
        for i, family in enumerate(node.families):
            inner = [c for c in family[1:] if isinstance(c, Node) and not c.is_terminal]
            waiting[(node, i)] = len(inner)
            for child in inner:
                users.setdefault(child, []).append((node, i))
            if not inner:
                heap.append((len(family), counter, node, i))
                counter += 1
    heapq.heapify(heap)
    while heap:
        cost, _, node, i = heapq.heappop(heap)
        if node in size:
            continue
        size[node], best[node] = cost, i
        for user, j in users.get(node, ()):
            waiting[(user, j)] -= 1
            if waiting[(user, j)] == 0:
                kids = user.families[j][1:]
                total = 1 + sum(weight(c) for c in kids)
                heapq.heappush(heap, (total, counter, user, j))
                counter += 1
    return best


def _route(root: Node, target: Node) -> list[tuple[int, int]]:
    """(family, child) choices leading from the root to the target, by breadth-first search."""
    parent: dict[Node, tuple[Node, int, int]] = {}
    queue = deque([root])
    seen = {root}
    while queue:
        node = queue.popleft()
        if node is target:
            break
        for i, family in enumerate(node.families):
            for j, child in enumerate(family[1:]):
                assert isinstance(child, Node)
                if child not in seen and not child.is_terminal:
                    seen.add(child)
                    parent[child] = (node, i, j)
                    queue.append(child)
    steps: list[tuple[int, int]] = []
    node = target
    while node is not root:
        node, i, j = parent[node]
        steps.append((i, j))
    steps.reverse()
    return steps


def _dot(node: _Tree, action: int) -> tuple[_Tree, int]:
    """Where the parser stands when it takes the action: before the shifted leaf, or after
    the last nonempty child of the reduced node."""
    if action == SHIFT:
        assert node.parent is not None
        return node.parent, next(i for i, c in enumerate(node.parent.children) if c is node)
    nonempty = [i for i, c in enumerate(node.children) if c.end > c.start]
    return node, (nonempty[-1] + 1 if nonempty else 0)


def _shown(
    t1: _Tree, t2: _Tree, at1: tuple[_Tree, int], at2: tuple[_Tree, int]
) -> tuple[Derivation, Derivation]:
    """Both trees, with each subtree the other tree has too (same symbol, same span, away from
    where they part) shown as its symbol, as Bison shows counterexample derivations. DOT goes
    at `at` unless its index is -1."""

    def path(node: _Tree | None) -> set[int]:
        out: set[int] = set()
        while node is not None:
            out.add(id(node))
            node = node.parent
        return out

    path1, path2 = path(at1[0]), path(at2[0])

    def keys(tree: _Tree, on_path: set[int]) -> set[tuple[int, int, int]]:
        return {
            (x.symbol, x.start, x.end) for x in tree.walk() if x.rule >= 0 and id(x) not in on_path
        }

    shared = keys(t1, path1) & keys(t2, path2)
    d1 = _convert(t1, path1, shared, at1)
    d2 = _convert(t2, path2, shared, at2)
    if _plain(d1) != _plain(d2):
        d1 = _convert(t1, path1, set(), at1)
        d2 = _convert(t2, path2, set(), at2)
    return d1, d2


def _plain(derivation: Derivation) -> list[int]:
    return [s for s in derivation.frontier() if s != DOT]


def _convert(
    tree: _Tree, on_path: set[int], shared: set[tuple[int, int, int]], at: tuple[_Tree, int]
) -> Derivation:
    if tree.rule < 0:
        return Derivation(tree.symbol)
    if id(tree) not in on_path and (tree.symbol, tree.start, tree.end) in shared:
        return Derivation(tree.symbol)
    kids = [_convert(c, on_path, shared, at) for c in tree.children]
    if at[0] is tree and at[1] >= 0:
        kids.insert(at[1], Derivation(DOT))
    return Derivation(tree.symbol, tree.rule, tuple(kids))
