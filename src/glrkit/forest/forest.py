"""The Forest users get back from a parse: count, trees, ambiguities, drawing."""

from __future__ import annotations

import gc
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from glrkit.forest._families import family_key
from glrkit.forest.count import Count, components, count_trees
from glrkit.forest.enumerate import Layout, iterate_trees
from glrkit.forest.evaluate import Action, Merge, TokenAction, evaluate_forest
from glrkit.forest.filter import DisambiguationError, Filter, declared_filters, filter_forest
from glrkit.forest.kbest import iterate_best, k_best
from glrkit.forest.score import (
    Derivation,
    LeafScore,
    RuleWeights,
    Scored,
    inside,
    rule_weights,
    tree_of,
    viterbi,
)
from glrkit.forest.sppf import Node, TerminalNode, TupleTree, realize
from glrkit.forest.tree import Tree
from glrkit.grammar.model import Grammar

TokenWeights = Callable[[int, str], float]  # (token index, terminal name) -> log-weight


@dataclass(frozen=True)
class Ambiguity:
    """A place where the forest branches: `alternatives` ways to derive `symbol` over the
    characters start..end."""

    symbol: str
    start: int
    end: int
    alternatives: int


class Forest:
    """A shared packed parse forest holding every derivation of the input, and no other."""

    def __init__(
        self,
        grammar: Grammar,
        root: Node | TupleTree,
        offsets: list[int],
        source: str,
        errors: Sequence[Exception] = (),
        trailing: tuple[tuple[int, int], ...] = (),
        may_cycle: bool = True,
        unordered: Sequence[Node] = (),
    ):
        self.grammar = grammar
        self._root = root  # a TupleTree until something needs its nodes (see `_realized`)
        self._unordered = list(unordered)  # ambiguous nodes whose families await sorting
        self.errors = list(errors)  # errors repaired by recovery (ParseError objects)
        self._layout = Layout(grammar, offsets, source, trailing)
        self._count: Count | None = None
        self._best: Derivation | None = None  # best() with the grammar's own weights
        self._may_cycle = may_cycle  # False when the grammar has no A =>+ A: no cycles here

    @property
    def root(self) -> Node:
        """The root node, with every ambiguous node's families in canonical order (by rule,
        then by the children's spans), so trees and rankings do not depend on how the engine
        happened to reach them. Sorting waits until something needs the order."""
        self._sort_families()
        return self._realized()

    def _sort_families(self) -> None:
        if self._unordered:
            for node in self._unordered:
                node.families.sort(key=family_key)
            self._unordered.clear()
            self._best = None  # it names families by their place in the old order

    def _realized(self) -> Node:
        """The root node. A parse the deterministic fast path read to the end comes as a
        `TupleTree` (tuples, no nodes yet): the nodes are made the first time they are
        needed, which `trees()` on such a forest never does."""
        root = self._root
        if not isinstance(root, Node):
            rules = [(r.lhs, r.rhs) for r in self.grammar.rules]
            root = self._root = realize(root, 0, rules)
        return root

    @property
    def source(self) -> str:
        return self._layout.source

    def count(self) -> Count:
        """The exact number of derivation trees: an int, or math.inf for cyclic derivations."""
        if self._count is None:
            enabled = gc.isenabled()
            gc.disable()  # counting allocates per node and frees nothing: skip GC rescans
            try:
                self._count = count_trees(self._realized())  # order does not matter here
            finally:
                if enabled:
                    gc.enable()
        return self._count

    def trees(self) -> Iterator[Tree]:
        """Every tree, lazily, in a deterministic order (infinitely many when count is inf)."""
        if self._may_cycle and self.count() == math.inf:
            return self._cyclic_trees()
        self._sort_families()
        return iterate_trees(self._root, self._layout)

    def _cyclic_trees(self) -> Iterator[Tree]:
        """Infinitely many trees: smallest first (ties in `best()` order), by the lazy k-best
        search with every rule weighing 0, which never explores dead ends."""
        zero = [0.0] * len(self.grammar.rules)
        best = viterbi(self.root, zero)
        for derivation in iterate_best(self.root, zero, best):
            yield tree_of(derivation, self._layout)

    def tree(self) -> Tree:
        """The first tree (the only one when the parse is unambiguous)."""
        return next(self.trees())

    def first(self, n: int) -> list[Tree]:
        return list(itertools.islice(self.trees(), n))

    @property
    def is_ambiguous(self) -> bool:
        return any(len(node.families) > 1 for node in self.nodes())

    def nodes(self) -> Iterator[Node]:
        """Every node reachable from the root, once each (children before parents)."""
        for component in components(self.root):
            yield from component

    def ambiguities(self) -> list[Ambiguity]:
        """Ambiguous nodes, by position then symbol; ε-nodes are placed where they first occur."""
        positions = self._empty_positions()
        out: list[Ambiguity] = []
        layout = self._layout
        for node in self.nodes():
            if len(node.families) < 2:
                continue
            if node.start >= 0:
                start, end = (
                    layout.offset(node.start, node.end == node.start),
                    layout.offset(node.end, True),
                )
            else:
                start = end = layout.offset(positions.get(node, 0), True)
            out.append(Ambiguity(self.grammar.name(node.symbol), start, end, len(node.families)))
        out.sort(key=lambda a: (a.start, -a.end, a.symbol))
        return out

    def _empty_positions(self) -> dict[Node, int]:
        """A token position for each ε-node: where a parent first places it."""
        where: dict[Node, int] = {}
        for node in reversed(list(self.nodes())):  # parents before children
            if node.start < 0 and node not in where:
                continue
            for family in node.families:
                position = node.start if node.start >= 0 else where.get(node, 0)
                for child in family[1:]:
                    assert isinstance(child, Node)
                    if child.start < 0:
                        where.setdefault(child, position)
                    else:
                        position = child.end
        return where

    def size(self) -> tuple[int, int]:
        """(symbol nodes, packed nodes) reachable from the root."""
        nodes = list(self.nodes())
        return len(nodes), sum(len(n.families) for n in nodes)

    # -- weights ------------------------------------------------------------------------------
    def best(
        self, weights: RuleWeights | None = None, token_weights: TokenWeights | None = None
    ) -> Tree:
        """The highest-scoring tree (Viterbi over the forest; see `forest/score.py`).

        A tree's score is the sum of its rules' log-weights: `%weight` / `%prob` in the
        grammar, replaced by `weights` (rule index, `@label` or rule text -> log-weight), plus,
        with `token_weights(index, terminal)`, a log-weight for each token reading (a lexical
        probability such as log P(word | tag)). Ties go to the smaller tree, then to the tree
        `trees()` lists first.
        """
        return tree_of(self._best_derivation(weights, token_weights), self._layout)

    def best_score(
        self, weights: RuleWeights | None = None, token_weights: TokenWeights | None = None
    ) -> float:
        """The score of `best()`."""
        return self._best_derivation(weights, token_weights).score

    def _best_derivation(
        self, weights: RuleWeights | None, token_weights: TokenWeights | None
    ) -> Derivation:
        """Viterbi at the root; kept for the grammar's own weights, since `best()` and
        `best_score()` are usually asked together. Viterbi breaks ties in the canonical
        family order itself, so the families need not be sorted first."""
        own = weights is None and token_weights is None
        if own and self._best is not None:
            return self._best
        root = self._realized()
        table = rule_weights(self.grammar, weights)
        found = viterbi(root, table, self._leaf_score(token_weights))[root]
        if own:
            self._best = found
        return found

    def k_best(
        self, k: int, weights: RuleWeights | None = None, token_weights: TokenWeights | None = None
    ) -> list[Scored]:
        """The k highest-scoring trees with their scores, best first, in the order of `best()`
        (lazily: Huang & Chiang 2005, Algorithm 3; never by enumerating trees)."""
        table = rule_weights(self.grammar, weights)
        best = viterbi(self.root, table, self._leaf_score(token_weights))
        ranked = k_best(self.root, table, k, best)
        return [Scored(d.score, tree_of(d, self._layout)) for d in ranked]

    def inside(
        self,
        weights: RuleWeights | None = None,
        *,
        log: bool = False,
        token_weights: TokenWeights | None = None,
    ) -> float:
        """The total weight of all trees, sum of exp(score): with probabilities, the
        probability of the input. `log=True` gives its logarithm (no underflow). Without
        weights it is the number of trees."""
        table = rule_weights(self.grammar, weights)
        value = inside(self._realized(), table, self._leaf_score(token_weights))  # order-free
        return value if log else math.exp(value)

    def _leaf_score(self, token_weights: TokenWeights | None) -> LeafScore | None:
        """Token weights as the forest algorithms take them: a function of the leaf node."""
        if token_weights is None:
            return None
        names = self.grammar.name

        def score(leaf: TerminalNode) -> float:
            return token_weights(leaf.start, names(leaf.symbol))

        return score

    # -- values ---------------------------------------------------------------------------------
    def evaluate(
        self, action: Action, *, token: TokenAction | None = None, merge: Merge | None = None
    ) -> Any:
        """A value computed on the forest: `action(children)` once per node and alternative,
        `token(leaf)` per token (default: its text), `merge(values, site)` where a node has
        several alternatives. `glrkit.semantics.Transformer.evaluate` is the friendly way in;
        see `forest/evaluate.py`."""
        return evaluate_forest(self.root, self._layout, action, token or _text_of, merge)

    # -- disambiguation -------------------------------------------------------------------------
    def disambiguate(self, *filters: Filter, declared: bool = True) -> Forest:
        """A forest with fewer alternatives: the grammar's `%reject`, `%dprec`, `%prefer`
        and `%avoid` first (unless `declared=False`), then each filter in turn. A filter is
        called with the `Alternatives` of a node and returns those to keep; see
        `forest/filter.py` and `glrkit.disambig`. Raises DisambiguationError when no tree is
        left."""
        chain = [*(declared_filters(self.grammar) if declared else ()), *filters]
        if not chain:
            return self
        root = filter_forest(self.root, self.grammar, self._layout, chain)
        if root is None:
            raise DisambiguationError("the filters removed every derivation of the input")
        layout = self._layout
        return Forest(
            self.grammar, root, layout.offsets, layout.source, self.errors, layout.trailing
        )

    def to_dot(self) -> str:
        """Graphviz text: symbol nodes as boxes, packed nodes as dots, tokens as ellipses."""
        from glrkit.forest.dot import forest_to_dot

        return forest_to_dot(self.grammar, self.root, self._layout)

    def __repr__(self) -> str:
        return f"<Forest count={self.count()} root={self.grammar.name(self.root.symbol)}>"


def _text_of(leaf: Tree) -> str:
    return leaf.text


__all__ = ["Ambiguity", "Forest", "Node", "TerminalNode", "Tree"]
