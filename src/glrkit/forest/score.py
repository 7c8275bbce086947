"""Weighted forests: rule weights, the best tree (Viterbi) and the total weight (inside).

A tree's score is the sum of the weights of the rules it uses, one per rule application
(`%weight w` in the grammar, a natural-log probability; `%prob p` is stored as log p; rules
without a weight count 0, probability 1). Higher is better, so with log-probabilities the
best tree is the most probable one and `exp(score)` is its probability.

Trees are ordered by score, then by size (fewer rule applications first), then by the order
in which `Forest.trees()` lists them, which is the lexicographic order of the sequence of
family choices read in preorder. That order is total and compositional: replacing a subtree
by a better one of the same node always gives a better tree, which is what Viterbi and the
lazy k-best algorithm (`forest/kbest.py`) need, and what makes ties deterministic. Size comes
before the enumeration order so that a forest with a zero-weight cycle still has a best tree:
the one that does not go round the cycle.

Cycles. A cyclic forest (from a grammar where A =>+ A) has infinitely many trees. When no
cycle raises the score (always so for probabilities <= 1: log-weights <= 0) the best tree
never repeats a node on a path, and Bellman-Ford-style relaxation over each strongly
connected component finds it within |component| + 1 rounds. A cycle with a positive total
log-weight makes every turn round it better than the last: there is no best tree, and
`UnboundedScore` is raised. The inside weight of a cycle is the least solution of the
component's polynomial equations, found by Newton's method (Etessami & Yannakakis, "Recursive
Markov chains, stochastic grammars, and monotone systems of nonlinear equations", JACM 56(1),
2009); it is infinite when the series diverges.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, cast

from glrkit.errors import GlrkitError
from glrkit.forest._families import family_key, kids, rule_of
from glrkit.forest.count import components
from glrkit.forest.enumerate import Layout, _build
from glrkit.forest.sppf import Family, Node, TerminalNode
from glrkit.forest.tree import Tree
from glrkit.grammar.model import Grammar

RuleWeights = Mapping[int | str, float]


class UnboundedScore(GlrkitError):
    """A cycle of the forest raises the score each time round: no tree is best."""


class Scored(NamedTuple):
    """A tree and its score (the sum of its rules' log-weights)."""

    score: float
    tree: Tree

    @property
    def probability(self) -> float:
        return math.exp(self.score)


def rule_weights(grammar: Grammar, overrides: RuleWeights | None = None) -> tuple[float, ...]:
    """One log-weight per rule: the grammar's `%weight`, replaced by `overrides` where given.

    Keys of `overrides` are rule indices, `@label`s or rule text (`'expr : expr "+" expr'`).
    """
    weights = [r.weight if r.weight is not None else 0.0 for r in grammar.rules]
    for key, value in (overrides or {}).items():
        for index in grammar.lookup_rules(key):
            weights[index] = float(value)
    return tuple(weights)


class Derivation:
    """One derivation of a node: the family chosen (`fam`, -1 for a token) and a derivation
    per child. `rank` is its place among the node's derivations when a k-best run ranked it."""

    __slots__ = ("fam", "kids", "node", "rank", "score", "size")

    def __init__(
        self, score: float, size: int, node: Node, fam: int, kids: tuple[Derivation, ...]
    ) -> None:
        self.score = score
        self.size = size
        self.node = node
        self.fam = fam
        self.kids = kids
        self.rank = -1

    def __repr__(self) -> str:
        return f"Derivation(score={self.score}, size={self.size}, fam={self.fam})"


LeafScore = Callable[[TerminalNode], float]


def leaf(node: Node, score: float = 0.0) -> Derivation:
    d = Derivation(score, 0, node, -1, ())
    d.rank = 0
    return d


def better(a: Derivation, b: Derivation, keyed: bool = False) -> bool:
    """Whether a comes before b (two derivations of one node) in the order described above.

    A choice is a family index, which is the canonical order once families are sorted;
    `keyed` compares the families' canonical keys instead, for unsorted families."""
    if a.score != b.score:
        return a.score > b.score
    if a.size != b.size:
        return a.size < b.size
    return _choices_less(a, b, keyed)


def _choices_less(a: Derivation, b: Derivation, keyed: bool = False) -> bool:
    """Lexicographic order of the preorder choice sequences; iterative. The sequences are
    prefix-free (each choice fixes how many children follow), so the first difference decides,
    and two ranked derivations of a node that tie on score and size are ordered by rank."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if x is y:
            continue
        if x.fam != y.fam:
            if keyed:
                families = x.node.families
                return family_key(families[x.fam]) < family_key(families[y.fam])
            return x.fam < y.fam
        if x.rank >= 0 and y.rank >= 0 and x.score == y.score and x.size == y.size:
            if x.rank != y.rank:
                return x.rank < y.rank
            continue
        stack.extend(zip(reversed(x.kids), reversed(y.kids), strict=True))
    return False


# -- the best derivation ----------------------------------------------------------------------


def viterbi(
    root: Node, weights: Sequence[float], leaf_score: LeafScore | None = None
) -> dict[Node, Derivation]:
    """The best derivation of every node reachable from root (Viterbi over the hypergraph).

    `leaf_score` gives a log-weight per token reading (a lexical probability), 0 without it.

    Components come children first, so a node's children are settled before it; inside a
    cyclic component, relaxation repeats until nothing improves (Bellman-Ford).

    Families need not be in canonical order (`Forest.root` sorts them lazily, which costs
    more than Viterbi itself on big forests): exact ties go to the canonically first family.
    """
    best: dict[Node, Derivation] = {}
    for component in components(root):
        node = component[0]
        if len(component) == 1 and not _self_loop(node):
            if isinstance(node, TerminalNode):
                best[node] = leaf(node, leaf_score(node) if leaf_score else 0.0)
                continue
            found = _best_family(node, weights, best, None)
            assert found is not None, "a forest node without families"
            best[node] = found
            continue
        _relax_cycle(component, weights, best)
    return best


def _best_family(
    node: Node,
    weights: Sequence[float],
    best: dict[Node, Derivation],
    members: set[Node] | None,
) -> Derivation | None:
    """The best derivation of node through one of its families whose children are all
    settled in `best`: without `members` every family, with them (a cyclic component) only
    those avoiding the members. Exact ties go to the canonically first family.

    This loop is most of Viterbi on a treebank forest (nodes with hundreds of families), so
    it works on the raw tuples and builds nothing for a family that loses: the size is
    needed only on a score tie or win, the Derivation only for the winner. A family's score
    must be bit for bit `weights[rule] + sum(child scores)` (ties are exact comparisons):
    for one or two children, `0 + a` and `(0 + a) + b` are what `sum` computes.
    """
    families = cast(list[tuple[Any, ...]], node.families)
    top = -1
    top_score = 0.0
    top_size = 0
    for i, fam in enumerate(families):
        if members is not None and not members.isdisjoint(fam):  # fam[0] is a rule number
            continue
        n = len(fam)
        if n == 2:
            score = weights[fam[0]] + (0 + best[fam[1]].score)
        elif n == 3:
            score = weights[fam[0]] + ((0 + best[fam[1]].score) + best[fam[2]].score)
        else:
            score = weights[fam[0]] + sum([best[c].score for c in fam[1:]])
        if top < 0 or score > top_score:
            top, top_score = i, score
            top_size = 1 + sum([best[c].size for c in fam[1:]])
        elif score == top_score:
            size = 1 + sum([best[c].size for c in fam[1:]])
            if size < top_size or (
                size == top_size and family_key(fam) < family_key(families[top])
            ):
                top, top_size = i, size
    if top < 0:
        return None
    chosen = tuple([best[c] for c in families[top][1:]])
    return Derivation(top_score, top_size, node, top, chosen)


def _self_loop(node: Node) -> bool:
    # `in` tests identity first; nodes have no __eq__, and a rule number is never a node.
    return any(node in fam for fam in node.families)


def _relax_cycle(
    component: list[Node], weights: Sequence[float], best: dict[Node, Derivation]
) -> None:
    """Bellman-Ford over one strongly connected component.

    Families whose children all lie outside the component are settled once, up front; only
    those that reach back into it are relaxed round after round. In a treebank grammar a
    component is typically a few nodes joined by unary rules, each with hundreds of
    families, of which a handful are cyclic.

    Ties are broken by the canonical family keys (`better(..., keyed=True)`), so the
    families need not be sorted first (sorting them all cost more than the relaxation).
    The result does not depend on the order families are relaxed in: `better` is a total
    order in which a better subtree makes a better tree, so the fixpoint is the best one.
    """
    members = set(component)
    current: dict[Node, Derivation] = {}
    cyclic: list[tuple[Node, int, Family]] = []
    for node in component:
        for i, fam in enumerate(node.families):
            if not members.isdisjoint(fam):
                cyclic.append((node, i, fam))
        found = _best_family(node, weights, best, members)
        if found is not None:
            current[node] = found
    rounds = 0
    changed = True
    while changed:
        rounds += 1
        if rounds > len(component) + 1:
            raise UnboundedScore(_cycle_message(component))
        changed = False
        for node, i, fam in cyclic:
            subs = []
            for child in kids(fam):
                found = (current if child in members else best).get(child)
                if found is None:
                    break
                subs.append(found)
            else:
                score = weights[rule_of(fam)] + sum(k.score for k in subs)
                size = 1 + sum(k.size for k in subs)
                cand = Derivation(score, size, node, i, tuple(subs))
                old = current.get(node)
                if old is None or better(cand, old, keyed=True):
                    current[node] = cand
                    changed = True
    best.update(current)


def _cycle_message(component: list[Node]) -> str:
    symbols = sorted({n.symbol for n in component})
    return (
        f"a cycle through {len(component)} forest nodes (symbols {symbols}) has a positive "
        "log-weight: each turn round it scores higher, so there is no best tree; give the "
        "rules on the cycle weights <= 0"
    )


def tree_of(derivation: Derivation, layout: Layout) -> Tree:
    """The Tree of a derivation, built by the same code as `Forest.trees()` builds its trees."""
    return _build(derivation.node, layout, choices(derivation), [])


def choices(derivation: Derivation) -> list[int]:
    """The family chosen at each ambiguous node occurrence, in preorder."""
    out: list[int] = []
    stack = [derivation]
    while stack:
        d = stack.pop()
        if d.fam < 0:
            continue
        if len(d.node.families) > 1:
            out.append(d.fam)
        stack.extend(reversed(d.kids))
    return out


# -- the inside weight --------------------------------------------------------------------------


def inside(root: Node, weights: Sequence[float], leaf_score: LeafScore | None = None) -> float:
    """log of the sum over every tree of exp(score): the total probability mass, in log space."""
    return inside_values(root, weights, leaf_score)[root]


def inside_values(
    root: Node, weights: Sequence[float], leaf_score: LeafScore | None = None
) -> dict[Node, float]:
    """The log inside value of every node reachable from root.

    Acyclic components: log-sum-exp over families of weight + the children's inside values.
    Cyclic ones: Newton's method on the component's equations (see the module docstring).
    """
    value: dict[Node, float] = {}
    for component in components(root):
        node = component[0]
        if len(component) == 1 and not _self_loop(node):
            if isinstance(node, TerminalNode):
                value[node] = leaf_score(node) if leaf_score else 0.0
                continue
            terms = [
                weights[rule_of(fam)] + sum(value[c] for c in kids(fam)) for fam in node.families
            ]
            value[node] = _logsumexp(terms)
            continue
        value.update(_solve_cycle(component, weights, value))
    return value


def _logsumexp(terms: Sequence[float]) -> float:
    top = max(terms, default=-math.inf)
    if top == -math.inf or top == math.inf:
        return top
    return top + math.log(math.fsum(math.exp(t - top) for t in terms))


def _solve_cycle(
    component: list[Node], weights: Sequence[float], value: dict[Node, float]
) -> dict[Node, float]:
    """Least solution of x_v = sum_e exp(w_e + outside children) * prod(inside children x_u).

    Scaled by exp(m), m the largest term without unknowns, so long spans do not underflow.
    """
    index = {node: k for k, node in enumerate(component)}
    n = len(component)
    raw: list[list[tuple[float, list[int]]]] = []
    for node in component:
        terms: list[tuple[float, list[int]]] = []
        for fam in node.families:
            coef = weights[rule_of(fam)]
            inner: list[int] = []
            for child in kids(fam):
                if child in index:
                    inner.append(index[child])
                else:
                    coef += value[child]
            terms.append((coef, inner))
        raw.append(terms)
    m = max((c for terms in raw for c, inner in terms if not inner), default=0.0)
    if m == -math.inf:
        m = 0.0
    if m == math.inf:
        return dict.fromkeys(component, math.inf)
    system = [
        [(math.exp(c + (len(inner) - 1) * m), inner) for c, inner in terms if c > -math.inf]
        for terms in raw
    ]
    y = _newton(system, n)
    return {
        node: (m + math.log(y[k]) if y[k] > 0 else -math.inf) if y[k] < math.inf else math.inf
        for node, k in index.items()
    }


def _newton(system: list[list[tuple[float, list[int]]]], n: int) -> list[float]:
    """Newton's method from 0 on y = f(y), f a vector of polynomials with non-negative
    coefficients; monotone and convergent when the least fixpoint is finite (Etessami &
    Yannakakis 2009). Returns [inf] * n when it is not."""
    y = [0.0] * n
    for _ in range(200):
        f = [sum(c * math.prod(y[u] for u in inner) for c, inner in eqs) for eqs in system]
        jac = [[0.0] * n for _ in range(n)]
        for v, eqs in enumerate(system):
            for c, inner in eqs:
                for pos, u in enumerate(inner):
                    jac[v][u] += c * math.prod(y[w] for j, w in enumerate(inner) if j != pos)
        matrix = [[(1.0 if v == u else 0.0) - jac[v][u] for u in range(n)] for v in range(n)]
        step = _solve_linear(matrix, [f[v] - y[v] for v in range(n)])
        if step is None:
            return [math.inf] * n
        scale = max(max(y), max(f), 1e-300)
        if any(s < -1e-9 * scale or not math.isfinite(s) for s in step):
            return [math.inf] * n
        y = [y[v] + max(step[v], 0.0) for v in range(n)]
        if any(not math.isfinite(t) or t > 1e300 for t in y):
            return [math.inf] * n
        if max(step) <= 1e-13 * max(max(y), 1e-300):
            return y
    return [math.inf] * n


def _solve_linear(matrix: list[list[float]], rhs: list[float]) -> list[float] | None:
    """Gaussian elimination with partial pivoting; None when the matrix is singular."""
    n = len(rhs)
    a = [[*row, rhs[k]] for k, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col] != 0.0:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * p for x, p in zip(a[r], a[col], strict=True)]
    return [a[k][n] / a[k][k] for k in range(n)]
