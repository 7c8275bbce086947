"""best(), k_best() and inside() against brute force: enumerate every tree, score it, sort.

Random small grammars (tests/support/oracle.py) and random sentences of them. Weights are
integers, so sums are exact and ties are real ties; the expected order is score (high
first), then size (fewer rule applications), then the order of `forest.trees()`.
Cyclic forests have infinitely many trees: with every weight <= -1 a tree of size s scores at
most -s, so trees up to a size bound, enumerated directly on the forest, decide the top k.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from glrkit import Grammar, Parser, Tree
from glrkit.disambig import expected_rule_counts, rule_counts
from glrkit.forest import Node
from glrkit.forest.score import UnboundedScore
from support.oracle import CFG, random_cfg, sample_sentence, to_glrkit

Signature = tuple[tuple[str, int | None], ...]


def signature(tree: Tree) -> Signature:
    """(symbol, rule) in preorder: identifies a tree even when two rules look alike."""
    out: list[tuple[str, int | None]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        out.append((node.symbol, node.rule))
        stack.extend(reversed(node.children))
    return tuple(out)


def tree_score(tree: Tree, weights: dict[int, int]) -> tuple[int, int]:
    """(score, size) of a tree of a grammar without hidden helper rules."""
    score = size = 0
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.rule is not None:
            score += weights[node.rule]
            size += 1
        stack.extend(node.children)
    return score, size


def random_case(
    seed: int, weight_choices: tuple[int, ...], cyclic: bool = False
) -> tuple[Any, dict[int, int]] | None:
    rng = random.Random(seed)
    cfg = random_cfg(rng, max_nonterminals=4)
    if cyclic:  # a unit cycle through the start symbol: every parse has infinitely many trees
        other = rng.choice(list(cfg.rules))
        rules = {name: list(alts) for name, alts in cfg.rules.items()}
        rules[cfg.start].append((other,))
        rules[other].append((cfg.start,))
        cfg = CFG.of(rules, cfg.start)
    sentence = sample_sentence(cfg, rng, max_tokens=6)
    if sentence is None:
        return None
    grammar = Grammar.from_string(to_glrkit(cfg))
    forest = Parser(grammar, cache=False).parse(" ".join(sentence))
    weights = {r.index: rng.choice(weight_choices) for r in grammar.rules}
    return forest, weights


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_k_best_is_the_sorted_list_of_all_trees(seed: int) -> None:
    case = random_case(seed, (-3, -2, -1, 0, 0, 1, 2))
    assume(case is not None)
    assert case is not None
    forest, weights = case
    count = forest.count()
    assume(count != math.inf and count <= 400)
    trees = list(forest.trees())
    scored = sorted(
        ((*tree_score(t, weights), index, t) for index, t in enumerate(trees)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    expected = [(score, signature(t)) for score, _, _, t in scored]

    ranked = forest.k_best(count + 3, weights=weights)
    assert [(s.score, signature(s.tree)) for s in ranked] == expected
    best = forest.best(weights=weights)
    assert signature(best) == expected[0][1]
    assert forest.best_score(weights=weights) == expected[0][0]
    for k in {1, 2, count // 2}:
        assert [signature(s.tree) for s in forest.k_best(k, weights=weights)] == [
            sig for _, sig in expected[:k]
        ]
    total = math.fsum(math.exp(score) for score, _ in expected)
    assert forest.inside(weights=weights) == pytest.approx(total, rel=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_unweighted_inside_is_the_count(seed: int) -> None:
    case = random_case(seed, (0,))
    assume(case is not None)
    assert case is not None
    forest, _ = case
    count = forest.count()
    if count == math.inf:
        assert forest.inside() == math.inf
    else:
        assert forest.inside() == pytest.approx(count, rel=1e-9)


def derivations_up_to(
    root: Node, weights: dict[int, int], limit: int
) -> list[tuple[int, int, tuple[int, ...], tuple[tuple[int, int | None], ...]]]:
    """Every derivation of root with at most `limit` nonterminal nodes, straight from the
    forest: (score, size, family choices in preorder, (symbol, rule) in preorder)."""
    memo: dict[tuple[Node, int], list[Any]] = {}

    def of(node: Node, budget: int) -> list[Any]:
        key = (node, budget)
        if key in memo:
            return memo[key]
        out: list[Any] = []
        if not node.families:
            out.append((0, 0, (), ((node.symbol, None),)))
        elif budget > 0:
            for i, fam in enumerate(node.families):
                partial: list[Any] = [(weights[fam[0]], 1, (i,), ((node.symbol, fam[0]),))]
                for child in fam[1:]:
                    grown = []
                    for score, size, seq, sig in partial:
                        for cs, csize, cseq, csig in of(child, budget - size):
                            if size + csize <= budget:
                                grown.append((score + cs, size + csize, seq + cseq, sig + csig))
                    partial = grown
                out.extend(partial)
        memo[key] = out
        return out

    return of(root, limit)


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_k_best_on_cyclic_forests_against_bounded_enumeration(seed: int) -> None:
    case = random_case(seed, (-3, -2, -1), cyclic=True)
    assume(case is not None)
    assert case is not None
    forest, weights = case
    assert forest.count() == math.inf
    limit = 10
    found = derivations_up_to(forest.root, weights, limit)
    assume(found)
    found.sort(key=lambda d: (-d[0], d[1], d[2]))
    k = 6
    ranked = forest.k_best(k, weights=weights)
    assert len(ranked) == k  # infinitely many trees
    # Trees bigger than the limit score below -limit; only the part above that is decided.
    decided = [d for d in found if d[0] >= -limit]
    names = forest.grammar.name
    for got, want in zip(ranked, decided, strict=False):
        assert got.score == want[0]
        assert signature(got.tree) == tuple((names(s), r) for s, r in want[3])
    if decided:
        assert forest.best_score(weights=weights) == decided[0][0]
    else:
        assert forest.best_score(weights=weights) >= found[0][0]


def test_positive_cycle_has_no_best_tree() -> None:
    forest = Parser(Grammar.from_string('s : s %weight 0.5 | "a" ;'), cache=False).parse("a")
    with pytest.raises(UnboundedScore):
        forest.best()
    with pytest.raises(UnboundedScore):
        forest.k_best(3)


def test_zero_weight_cycle_prefers_the_smallest_trees() -> None:
    forest = Parser(Grammar.from_string('s : s | "a" ;'), cache=False).parse("a")
    assert [s.tree.sexpr() for s in forest.k_best(3)] == [
        '(s "a")',
        '(s (s "a"))',
        '(s (s (s "a")))',
    ]
    assert forest.inside() == math.inf


def test_cyclic_inside_is_the_geometric_series() -> None:
    # s -> s with probability 1/2, s -> "a" with probability 1/2: sum over n of 2^-(n+1) = 1.
    grammar = Grammar.from_string('s : s %prob 0.5 | "a" %prob 0.5 ;')
    forest = Parser(grammar, cache=False).parse("a")
    assert forest.inside() == pytest.approx(1.0, rel=1e-12)


def test_epsilon_cycle_inside_is_the_least_fixpoint() -> None:
    # x = q + p x^2 for the shared ε-node of s: the least root of p x^2 - x + q = 0.
    p, q = 0.2, 0.3
    grammar = Grammar.from_string(f'%ignore /\\s+/\ns : s s %prob {p} | "a" | %empty %prob {q} ;')
    forest = Parser(grammar, cache=False).parse("")
    x = (1 - math.sqrt(1 - 4 * p * q)) / (2 * p)
    assert forest.inside() == pytest.approx(x, rel=1e-12)


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def test_best_and_k_best_are_polynomial_where_enumeration_is_not() -> None:
    """Catalan(59) ~ 10^32 trees: enumeration is out of the question; best and k-best are not."""
    rng = random.Random(7)
    parser = Parser(
        Grammar.from_string('%ignore /\\s+/\ne : e "+" e @plus | e "*" e @times | "a" ;'),
        cache=False,
    )
    forest = parser.parse(" ".join(rng.choice("+*") + " a" for _ in range(59))[2:])
    assert forest.count() > 10**30
    weights = {"plus": -1.0, "times": -1.5}
    assert _timed(lambda: forest.best(weights)) < 10
    ranked: list[Any] = []
    assert _timed(lambda: ranked.extend(forest.k_best(20, weights))) < 20
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert len({signature(s.tree) for s in ranked}) == 20
    assert signature(ranked[0].tree) == signature(forest.best(weights))


def test_cycle_with_positive_weights_below_it_ranks_exactly() -> None:
    """The family a : s p gains +2 over its child s, so raw scores are not monotone along the
    cycle s -> a -> s (whose total is -1); ranking must shift each node by its best score."""
    grammar = Grammar.from_string(
        """
        s : a %weight -3 | "x" ;
        a : s p %weight -1 | "x" %weight 1.5 ;
        p : %empty %weight 3 ;
        """
    )
    forest = Parser(grammar, cache=False).parse("x")
    got = [(s.score, s.tree.sexpr()) for s in forest.k_best(5)]
    assert got == [
        (0.0, '(s "x")'),
        (-1.0, '(s (a (s "x") (p)))'),
        (-1.5, '(s (a "x"))'),
        (-2.0, '(s (a (s (a (s "x") (p))) (p)))'),
        (-2.5, '(s (a (s (a "x")) (p)))'),
    ]
    assert forest.best_score() == 0.0


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_expected_counts_are_the_tree_average(seed: int) -> None:
    """Inside-outside expected rule counts equal the average of the trees' rule counts, each
    tree weighing exp(score)."""
    case = random_case(seed, (-2, -1, 0, 1))
    assume(case is not None)
    assert case is not None
    forest, weights = case
    count = forest.count()
    assume(count != math.inf and count <= 400)
    expected: dict[int, float] = {}
    total = 0.0
    for tree in forest.trees():
        mass = math.exp(tree_score(tree, weights)[0])
        total += mass
        for rule, uses in rule_counts([tree]).items():
            expected[rule] = expected.get(rule, 0.0) + mass * uses
    got = expected_rule_counts(forest, weights)
    assert set(got) == set(expected)
    for rule, value in expected.items():
        assert got[rule] == pytest.approx(value / total, rel=1e-9), rule


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_best_does_not_depend_on_whether_the_families_were_sorted(seed: int) -> None:
    """best() runs on the engine's family order and breaks exact ties canonically itself;
    trees() sorts the families first. Both must name the same tree (many ties here: the
    weights are small integers), before and after the sort, cached or not."""
    case = random_case(seed, (-1, 0, 0, 1))
    assume(case is not None)
    assert case is not None
    fresh, weights = case
    again = random_case(seed, (-1, 0, 0, 1))
    assert again is not None
    sorted_forest = again[0]
    if sorted_forest.count() == math.inf:
        return
    next(sorted_forest.trees())  # sorts every ambiguous node's families
    for w in (weights, None):
        before = signature(fresh.best(weights=w))
        assert before == signature(sorted_forest.best(weights=w))
        assert fresh.best_score(weights=w) == sorted_forest.best_score(weights=w)
    unweighted = signature(fresh.best())
    next(fresh.trees())
    assert signature(fresh.best()) == unweighted  # the cached derivation was dropped
