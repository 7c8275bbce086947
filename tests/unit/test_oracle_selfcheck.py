"""The reference derivation counter (tests/support/oracle.py) checked on its own.

Other tests trust the oracle, so it is checked here against closed formulas and against two
brute-force counters that share none of its machinery: counting trees by bounded height, and
enumerating leftmost derivations as sentential forms.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence

import pytest

from support.oracle import (
    CFG,
    TERMINALS,
    all_strings,
    analyse,
    brute_force_count,
    brute_force_count_leftmost,
    count_by_height,
    count_derivations,
    random_cfg,
    sample_sentence,
    to_glrkit,
)

INF = math.inf


def cfg(rules: Mapping[str, Sequence[Sequence[str]]], start: str | None = None) -> CFG:
    return CFG.of(rules, start)


def count(grammar: CFG, text: str) -> float | int:
    accepts, n = count_derivations(grammar, text.split())
    assert accepts == (n != 0)
    return n


def catalan(n: int) -> int:
    return math.comb(2 * n, n) // (n + 1)


# --------------------------------------------------------------------------------------------
# Closed formulas and hand-checked cases
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(1, 10))
def test_binary_bracketings_are_catalan(n: int) -> None:
    g = cfg({"s": [["s", "s"], ["a"]]})
    assert count(g, " ".join("a" * n)) == catalan(n - 1)


@pytest.mark.parametrize("n", range(5))
def test_nullable_copies_give_binomials(n: int) -> None:
    # s : x x x ; x : "a" | %empty  -- choose which n of the three x's are not empty
    g = cfg({"s": [["x", "x", "x"]], "x": [["a"], []]})
    assert count(g, " ".join("a" * n)) == (math.comb(3, n) if n <= 3 else 0)


def test_duplicate_alternatives_count_separately() -> None:
    assert count(cfg({"s": [["a"], ["a"]]}), "a") == 2
    assert count(cfg({"s": [["t", "t"]], "t": [["a"], ["a"]]}), "a a") == 4
    assert count(cfg({"s": [["t"], ["t"]], "t": [[], []]}), "") == 4


def test_rejections_count_zero() -> None:
    g = cfg({"s": [["a", "s"], ["b"]]})
    assert count_derivations(g, ["a", "a"]) == (False, 0)
    assert count_derivations(g, []) == (False, 0)
    assert count_derivations(g, ["c"]) == (False, 0)
    assert count_derivations(g, ["a", "b"]) == (True, 1)


def test_cycles_give_infinitely_many_trees() -> None:
    assert count(cfg({"s": [["s"], ["a"]]}), "a") == INF
    assert count(cfg({"s": [["s"], ["a"]]}), "a a") == 0
    for text in ["", "a", "a a", "a a a"]:
        assert count(cfg({"s": [["s", "s"], ["a"], []]}), text) == INF
    # a cycle through a nullable right context: s => s x => s
    assert count(cfg({"s": [["s", "x"], ["a"]], "x": [[]]}), "a") == INF
    # a cycle of length three
    assert count(cfg({"s": [["t"]], "t": [["u"]], "u": [["s"], ["a"]]}), "a") == INF


def test_a_cycle_counts_only_when_this_input_reaches_it() -> None:
    g = cfg({"s": [["t", "b"], ["a"]], "t": [["t"], ["c"]]})
    assert count(g, "a") == 1
    assert count(g, "c b") == INF
    # unreachable cycles are harmless
    g = cfg({"s": [["a"]], "t": [["t"], ["t", "t"], []]})
    assert count(g, "a") == 1


def test_a_cycle_through_an_underivable_item_is_not_infinite() -> None:
    # u : u | u "b" is a cycle of items, but u derives nothing, so s has one tree
    g = cfg({"s": [["a"], ["u"]], "u": [["u"], ["u", "b"]]})
    assert count(g, "a") == 1
    # t : t | "c" cycles only where t derives something: here never at the span of "a"
    g = cfg({"s": [["a", "t"], ["a"]], "t": [["t"], ["c"]]})
    assert count(g, "a") == 1
    assert count(g, "a c") == INF


def test_hidden_left_recursion_is_finite() -> None:
    g = cfg({"s": [["x", "s", "b"], ["c"]], "x": [[]]})
    for k in range(6):
        assert count(g, " ".join(["c"] + ["b"] * k)) == 1


def test_language_emptiness_productivity_nullability() -> None:
    g = cfg({"s": [["s", "a"]], "t": [["a"]]})
    assert g.language_is_empty
    g = cfg({"s": [["t"], ["u"]], "t": [["t", "a"]], "u": [[]], "v": [["v"]]})
    assert not g.language_is_empty
    assert g.reachable == {"s", "t", "u"}
    assert g.productive == {"s", "u"}
    assert g.nullable == {"s", "u"}


def test_trees_are_listed_as_sexprs() -> None:
    g = cfg({"s": [["s", "+", "s"], ["a"]]})
    trees = analyse(g, ["a", "+", "a", "+", "a"]).trees()
    assert sorted(trees) == sorted([
        '(s (s (s "a") "+" (s "a")) "+" (s "a"))',
        '(s (s "a") "+" (s (s "a") "+" (s "a")))',
    ])
    g = cfg({"s": [["x", "a", "x"]], "x": [[], ["a"]]})
    assert sorted(analyse(g, ["a", "a"]).trees()) == sorted([
        '(s (x) "a" (x "a"))',
        '(s (x "a") "a" (x))',
    ])
    assert analyse(cfg({"s": [["a"]]}), ["b"]).trees() == []


def test_trees_refuses_infinite_or_too_many() -> None:
    with pytest.raises(ValueError):
        analyse(cfg({"s": [["s"], ["a"]]}), ["a"]).trees()
    with pytest.raises(ValueError):
        analyse(cfg({"s": [["s", "s"], ["a"]]}), ["a"] * 6).trees(limit=41)
    assert len(analyse(cfg({"s": [["s", "s"], ["a"]]}), ["a"] * 6).trees(limit=42)) == 42


def test_rendering_as_glrkit_text() -> None:
    g = cfg({"t": [["u", "a"]], "s": [["t", "s"], [], ["b"], ["b"]], "u": [[]]}, start="s")
    assert to_glrkit(g) == (
        "%start s\n"
        "%ignore /\\s+/\n"
        's : t s | %empty | "b" | "b" ;\n'
        't : u "a" ;\n'
        "u : %empty ;\n"
    )
    with pytest.raises(ValueError):
        to_glrkit(cfg({"S": [["a"]]}))
    with pytest.raises(ValueError):
        to_glrkit(cfg({"s": [["t"]], "t": []}))
    with pytest.raises(ValueError):
        to_glrkit(cfg({"s": [['"']]}))


# --------------------------------------------------------------------------------------------
# Brute force
# --------------------------------------------------------------------------------------------


def test_brute_force_counters_on_known_cases() -> None:
    catalan_grammar = cfg({"s": [["s", "s"], ["a"]]})
    assert brute_force_count(catalan_grammar, ["a"] * 5) == 14
    assert brute_force_count_leftmost(catalan_grammar, ["a"] * 5) == 14
    unit_cycle = cfg({"s": [["t"]], "t": [["u"]], "u": [["s"], ["a"]]})
    assert brute_force_count(unit_cycle, ["a"]) == INF
    assert brute_force_count_leftmost(unit_cycle, ["a"]) == INF
    assert brute_force_count(cfg({"s": [["s", "s"], ["a"], []]}), []) == INF
    # bounded-height counts grow doubly exponentially and saturate at the cap
    assert count_by_height(cfg({"s": [["s", "s"], []]}), [], 12, cap=10**6) == 10**6
    assert count_by_height(cfg({"s": [["s", "s"], []]}), [], 3) == 5  # 1, 2, 5 = 1 + 2^2


SMALL_GRAMMARS = [
    cfg({"s": [["s", "s"], ["a"], ["b"]]}),
    cfg({"s": [["a", "s", "b"], ["s", "s"], []]}),
    cfg({"s": [["x", "s", "b"], ["a"]], "x": [[], ["a"]]}),
    cfg({"s": [["a", "s", "x", "x"], ["a"]], "x": [[], ["b"]]}),
    cfg({"s": [["t", "t"]], "t": [["t", "a"], ["b", "t"], [], ["a"]]}),
    cfg({"s": [["s", "t"], ["a"]], "t": [["b"], [], ["t"]]}),
]


@pytest.mark.parametrize("index", range(len(SMALL_GRAMMARS)))
def test_exhaustively_on_small_strings(index: int) -> None:
    g = SMALL_GRAMMARS[index]
    for tokens in all_strings(["a", "b"], 4):
        assert analyse(g, tokens).count == brute_force_count(g, tokens), (g.describe(), tokens)


def test_random_grammars_against_bounded_height_counting() -> None:
    rng = random.Random(7)
    seen_infinite = seen_finite_ambiguous = seen_rejected = 0
    for _ in range(250):
        g = random_cfg(rng, max_nonterminals=4)
        for _ in range(3):
            tokens = sample_sentence(g, rng, max_tokens=4)
            if tokens is None or rng.random() < 0.3:
                tokens = [rng.choice(TERMINALS) for _ in range(rng.randint(0, 4))]
            result = analyse(g, tokens)
            assert result.count == brute_force_count(g, tokens), (g.describe(), tokens)
            seen_infinite += result.count == INF
            seen_finite_ambiguous += 1 < result.count < INF
            seen_rejected += not result.accepts
            if result.count != INF and result.count <= 300:
                trees = result.trees()
                assert len(trees) == result.count
                if not g.has_duplicate_alternatives:
                    assert len(set(trees)) == len(trees)
    assert seen_infinite >= 20
    assert seen_finite_ambiguous >= 20
    assert seen_rejected >= 20


def test_random_grammars_against_leftmost_derivations() -> None:
    rng = random.Random(11)
    checked = 0
    for _ in range(120):
        g = random_cfg(rng, max_nonterminals=4)
        g = CFG.of({a: [alt or ("a",) for alt in alts] for a, alts in g.rules.items()}, g.start)
        tokens = sample_sentence(g, rng, max_tokens=4)
        if not tokens:
            continue
        expected = brute_force_count_leftmost(g, tokens)
        assert analyse(g, tokens).count == expected, (g.describe(), tokens)
        checked += 1
    assert checked >= 80


def test_sampled_sentences_are_sentences() -> None:
    rng = random.Random(3)
    sampled = 0
    for _ in range(200):
        g = random_cfg(rng)
        sentence = sample_sentence(g, rng, max_tokens=7)
        if g.language_is_empty:
            assert sentence is None
        elif sentence is not None:
            assert len(sentence) <= 7
            assert analyse(g, sentence).accepts, (g.describe(), sentence)
            sampled += 1
    assert sampled >= 120


def test_random_grammars_have_the_promised_variety() -> None:
    rng = random.Random(5)
    grammars = [random_cfg(rng) for _ in range(400)]

    def some(predicate_count: int) -> bool:
        return predicate_count >= 20

    assert some(sum(g.has_empty_alternative for g in grammars))
    assert some(sum(g.has_duplicate_alternatives for g in grammars))
    assert some(sum(g.language_is_empty for g in grammars))
    assert some(sum(any((a,) in alts for a, alts in g.rules.items()) for g in grammars))
    assert some(sum(any(alt[:1] == (a,) for a, alts in g.rules.items() for alt in alts)
                    for g in grammars))
    assert some(sum(bool(set(g.rules) - g.productive) and not g.language_is_empty
                    for g in grammars))
    assert some(sum(g.reachable != set(g.rules) for g in grammars))
    assert all(1 <= len(g.rules) <= 5 for g in grammars)
    assert all(len(alt) <= 3 for g in grammars for alts in g.rules.values() for alt in alts)


def test_lexically_ambiguous_tokens() -> None:
    """A token given as a set of terminals counts the derivations of every choice."""
    g = cfg({"s": [["s", "s"], ["a"], ["b"]]})
    either = frozenset({"a", "b"})
    assert count_derivations(g, [either] * 3) == (True, 2 * 2**3)
    assert count_derivations(g, [either, frozenset({"c"})]) == (False, 0)
    assert sorted(analyse(g, [either]).trees()) == ['(s "a")', '(s "b")']
    rng = random.Random(13)
    for _ in range(60):
        g = random_cfg(rng, max_nonterminals=3)
        tokens = [
            frozenset(rng.sample(TERMINALS, rng.randint(1, 3))) for _ in range(rng.randint(0, 3))
        ]
        assert analyse(g, tokens).count == brute_force_count(g, tokens), (g.describe(), tokens)
