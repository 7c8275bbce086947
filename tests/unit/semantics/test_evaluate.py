"""Evaluating whole forests with a merge function, against evaluating every tree."""

from __future__ import annotations

import math
import os
import random
from collections import Counter
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from glrkit import Forest, Grammar, Parser, Tree
from glrkit.disambig import avoid
from glrkit.semantics import AmbiguousValue, Children, CyclicForest, MergeSite, Transformer
from support.oracle import random_cfg, sample_sentence, to_glrkit

# The CI sets HYPOTHESIS_PROFILE=ci for reproducible runs; tests here honour it too.
REPRODUCIBLE = os.environ.get("HYPOTHESIS_PROFILE") == "ci"


class Sexprs(Transformer):
    """The multiset of s-expressions of every tree: a product at each alternative, a sum at
    each merge. Evaluating the forest must give exactly Counter(t.sexpr() for t in trees)."""

    def __init__(self) -> None:
        self.calls = 0

    def __default__(self, c: Children) -> Counter[str]:
        self.calls += 1
        partial: Counter[tuple[str, ...]] = Counter({(): 1})
        for child in c:
            grown: Counter[tuple[str, ...]] = Counter()
            for prefix, n in partial.items():
                for text, m in child.items():
                    grown[(*prefix, text)] += n * m
            partial = grown
        return Counter(
            {"(" + " ".join((c.symbol, *parts)) + ")": n for parts, n in partial.items()}
        )

    def __token__(self, token: Tree) -> Counter[str]:
        return Counter({token.symbol: 1})


def merge_counts(values: list[Counter[str]], site: MergeSite) -> Counter[str]:
    assert len(values) == len(site.rules) >= 2
    return sum(values, Counter())


class Height(Transformer):
    """A number per tree: monotone in every child, so max merges commute with the actions."""

    def __default__(self, c: Children) -> int:
        return 1 + c.rule + 2 * max((x for x in c), default=0)

    def __token__(self, token: Tree) -> int:
        return len(token.text)


def random_forest(seed: int) -> Forest | None:
    rng = random.Random(seed)
    cfg = random_cfg(rng, max_nonterminals=4)
    sentence = sample_sentence(cfg, rng, max_tokens=7)
    if sentence is None:
        return None
    grammar = Grammar.from_string(to_glrkit(cfg))
    return Parser(grammar, cache=False).parse(" ".join(sentence))


@settings(max_examples=150, deadline=None, derandomize=REPRODUCIBLE)
@given(st.integers(0, 2**32 - 1))
def test_forest_value_is_the_merge_of_every_trees_value(seed: int) -> None:
    forest = random_forest(seed)
    assume(forest is not None)
    assert forest is not None
    count = forest.count()
    assume(count != math.inf and count <= 500)
    trees = list(forest.trees())

    counting = Sexprs()
    assert counting.evaluate(forest, merge=merge_counts) == Counter(t.sexpr() for t in trees)
    # One action call per node and alternative, never one per tree.
    families = sum(len(n.families) for n in forest.nodes())
    assert counting.calls <= families * (len(forest.source) + 1)

    height = Height()
    best = height.evaluate(forest, merge=lambda values, site: max(values))
    assert best == max(height.transform(t) for t in trees)
    least = height.evaluate(forest, merge=lambda values, site: min(values))
    assert least == min(height.transform(t) for t in trees)


def test_exponential_forest_is_evaluated_in_polynomial_time() -> None:
    parser = Parser(
        Grammar.from_string('%ignore /\\s+/\ne : e "+" e | N ; N : /[0-9]/ ;'), cache=False
    )
    forest = parser.parse(" + ".join("1234567890" * 3))
    assert forest.count() > 10**15

    class Values(Transformer):
        def __init__(self) -> None:
            self.calls = 0

        def e(self, c: Children) -> frozenset[int]:
            self.calls += 1
            if len(c) == 1:
                return frozenset([int(c[0])])
            return frozenset((a + b) % 7 for a in c[0] for b in c[2])

    values = Values()
    result = values.evaluate(forest, merge=lambda vs, site: frozenset().union(*vs))
    assert result == frozenset([(45 * 3) % 7])  # every bracketing of a sum has one value
    assert values.calls <= sum(len(n.families) for n in forest.nodes())


def test_default_merge_accepts_equal_values_and_refuses_different_ones() -> None:
    parser = Parser(
        Grammar.from_string('%ignore /\\s+/\ne : e "+" e | N ; N : /[0-9]+/ ;'), cache=False
    )

    class Sum(Transformer):
        def e(self, c: Children) -> int:
            return int(c[0]) if len(c) == 1 else c[0] + c[2]

    class Minus(Transformer):
        def e(self, c: Children) -> int:
            return int(c[0]) if len(c) == 1 else c[0] - c[2]

    forest = parser.parse("1 + 2 + 3")
    assert Sum().evaluate(forest) == 6
    with pytest.raises(AmbiguousValue) as caught:
        Minus().evaluate(forest)
    assert "'1 + 2 + 3'" in str(caught.value)
    assert caught.value.site.symbol == "e" and sorted(caught.value.values) == [-4, 2]


def test_actions_never_run_on_discarded_branches() -> None:
    grammar = Grammar.from_string('%ignore /\\s+/\ns : a | b ; a : "x" "y" ; b : "x" "y" ;')
    forest = Parser(grammar, cache=False).parse("x y")
    ran: list[str] = []

    class Record(Transformer):
        def __default__(self, c: Children) -> str:
            ran.append(c.symbol)
            return c.symbol

    assert Record().evaluate(forest.disambiguate(avoid("s : b"))) == "s"
    assert ran == ["a", "s"]


def test_epsilon_nodes_are_evaluated_at_each_position() -> None:
    grammar = Grammar.from_string('%ignore /\\s+/\ns : e "x" e "y" e ; e : %empty ;')
    forest = Parser(grammar, cache=False).parse("x  y")

    class Where(Transformer):
        def e(self, c: Children) -> int:
            return c.start

        def s(self, c: Children) -> list[Any]:
            return [c[0], c[2], c[4]]

    assert Where().evaluate(forest) == [0, 1, 4]
    assert Where().transform(forest.tree()) == [0, 1, 4]


def test_hidden_helpers_are_spliced_and_merged_as_tuples() -> None:
    grammar = Grammar.from_string('%ignore /\\s+/\ns : w+ ; w : "a" | "a" "a" ;')
    forest = Parser(grammar, cache=False).parse("a a")
    sites: list[MergeSite] = []

    class Words(Transformer):
        def w(self, c: Children) -> int:
            return len(c)

        def s(self, c: Children) -> tuple[int, ...]:
            return tuple(c)

    def keep_fewest(values: list[Any], site: MergeSite) -> Any:
        sites.append(site)
        return min(values, key=len)

    assert Words().evaluate(forest, merge=keep_fewest) == (2,)
    [site] = sites
    assert site.hidden and site.text == "a a" and site.symbol == "w+"
    assert sorted(Words().transform(t) for t in forest.trees()) == [(1, 1), (2,)]


def test_cyclic_forest_has_no_value() -> None:
    forest = Parser(Grammar.from_string('s : s | "a" ;'), cache=False).parse("a")
    with pytest.raises(CyclicForest):
        Transformer().evaluate(forest)
    assert Transformer().evaluate(forest.disambiguate(avoid("s : s"))).symbol == "s"


def test_named_children_in_forest_evaluation() -> None:
    grammar = Grammar.from_string(
        '%ignore /\\s+/\npair : key=NAME "=" value=NAME ; NAME : /[a-z]+/ ;'
    )
    forest = Parser(grammar, cache=False).parse("colour = blue")

    class Pair(Transformer):
        def pair(self, c: Children) -> tuple[str, str]:
            return c["key"], c["value"]

    assert Pair().evaluate(forest) == ("colour", "blue")
    assert Pair().transform(forest.tree()) == ("colour", "blue")
    assert forest.tree()["value"].text == "blue"


def test_deep_forests_do_not_recurse() -> None:
    """A right-recursive list thousands of levels deep, ambiguous all along (Fibonacci)."""
    grammar = Grammar.from_string('%ignore /\\s+/\nl : w l | w ; w : "a" | "a" "a" ;')
    n = 2500
    forest = Parser(grammar, cache=False).parse(" ".join(["a"] * n))
    assert forest.count() > 10**100

    class Items(Transformer):
        def l(self, c: Children) -> int:  # noqa: E743 - the rule is called l
            return 1 + (c[1] if len(c) == 2 else 0)

    assert Items().evaluate(forest, merge=lambda values, site: max(values)) == n
    assert Items().evaluate(forest, merge=lambda values, site: min(values)) == n // 2
    assert Items().transform(forest.best({'w : "a" "a"': -1.0})) == n
