"""Classic hard cases for generalized LR parsers, from the literature.

Every expected number is either a closed formula derived in the test's docstring or the count of
the independent reference counter in tests/support/oracle.py (often both, one checking the
other). Grammars are written as plain BNF (`CFG`) and rendered to glrkit's grammar format, with
terminals as quoted literals and whitespace between tokens ignored.

References:
  [Tomita86]  M. Tomita. Efficient Parsing for Natural Language. Kluwer, 1986.
  [NF91]      R. Nozohoor-Farshi. GLR parsing for epsilon-grammars. In M. Tomita (ed.),
              Generalized LR Parsing, Kluwer, 1991, pp. 61-75.
  [Johnson91] M. Johnson. The computational complexity of GLR parsing. In M. Tomita (ed.),
              Generalized LR Parsing, Kluwer, 1991, pp. 35-42.
  [Rekers92]  J. Rekers. Parser Generation for Interactive Environments. PhD thesis,
              University of Amsterdam, 1992.
  [SJ06]      E. Scott, A. Johnstone. Right Nulled GLR Parsers. ACM TOPLAS 28(4):577-618, 2006.
  [SJE07]     E. Scott, A. Johnstone, R. Economopoulos. BRNGLR: a cubic Tomita-style GLR
              parsing algorithm. Acta Informatica 44(6):427-461, 2007.
  [ASU86]     A. Aho, R. Sethi, J. Ullman. Compilers: Principles, Techniques, and Tools, 1986.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence

import pytest

import glrkit
from glrkit import Forest, Grammar, Parser
from support import time_limit
from support.oracle import CFG, analyse, to_glrkit

INF = math.inf


def catalan(n: int) -> int:
    return math.comb(2 * n, n) // (n + 1)


def bnf(rules: Mapping[str, Sequence[Sequence[str]]]) -> CFG:
    """A grammar whose first nonterminal is the start; non-keys are terminals."""
    return CFG.of(rules)


@functools.cache
def _parser(text: str) -> Parser:
    return Parser(Grammar.from_string(text), cache=False)


def parse(g: CFG, tokens: Sequence[str]) -> Forest:
    with time_limit(120, f"parsing {len(tokens)} tokens"):
        return _parser(to_glrkit(g)).parse(" ".join(tokens))


def glr_count(g: CFG, tokens: Sequence[str]) -> int | float:
    with time_limit(120, f"counting trees of {len(tokens)} tokens"):
        return parse(g, tokens).count()


def assert_count(g: CFG, tokens: Sequence[str], expected: int | float) -> None:
    got = glr_count(g, tokens)
    assert got == expected, f"{' '.join(tokens)!r}: count() {got!r}, expected {expected!r}"
    if expected != INF:
        assert type(got) is int


def assert_rejects(g: CFG, tokens: Sequence[str]) -> None:
    with pytest.raises(glrkit.ParseError):
        parse(g, tokens)


def assert_same_trees_as_oracle(g: CFG, tokens: Sequence[str]) -> None:
    """glrkit lists exactly the oracle's trees (as a multiset of s-expressions)."""
    expected = analyse(g, tokens).trees(limit=2000)
    got = [t.sexpr() for t in parse(g, tokens).trees()]
    assert Counter(got) == Counter(expected)


def peek_trees(g: CFG, tokens: Sequence[str], k: int = 6) -> list[str]:
    with time_limit(60, "listing the first trees"):
        return [t.sexpr() for t in itertools.islice(parse(g, tokens).trees(), k)]


# --------------------------------------------------------------------------------------------
# Empty rules and hidden left recursion
# --------------------------------------------------------------------------------------------

NOZOHOOR_FARSHI = bnf({"s": [["a", "s", "b"], ["x"]], "a": [[]]})


@pytest.mark.parametrize("k", range(13))
def test_nozohoor_farshi_hidden_left_recursion(k: int) -> None:
    """S ::= A S b | x ; A ::= epsilon  [NF91].

    Hidden left recursion: S => A S b => S b, with the recursive S preceded only by the
    nullable A. Tomita's algorithm with epsilon-rules [Tomita86] keeps reducing A => epsilon
    on the same frontier and does not terminate (or misses sentences) on such grammars; this
    is the example motivating [NF91] and the right-nulled tables of [SJ06]. Every sentence
    x b^k has exactly one tree, its k levels of S ::= A S b nested around the x.
    """
    tokens = ["x"] + ["b"] * k
    assert_count(NOZOHOOR_FARSHI, tokens, 1)
    tree = "(s \"x\")"
    for _ in range(k):
        tree = f'(s (a) {tree} "b")'
    assert peek_trees(NOZOHOOR_FARSHI, tokens) == [tree]
    assert analyse(NOZOHOOR_FARSHI, tokens).count == 1


@pytest.mark.parametrize("tokens", [[], ["b"], ["x", "x"], ["b", "x"], ["x", "b", "x"]])
def test_nozohoor_farshi_grammar_rejects_non_sentences(tokens: list[str]) -> None:
    """The grammar of [NF91] accepts exactly x b^k: everything else is a ParseError."""
    assert not analyse(NOZOHOOR_FARSHI, tokens).accepts
    assert_rejects(NOZOHOOR_FARSHI, tokens)


@pytest.mark.parametrize("k", [0, 1, 2, 5, 20])
def test_rekers_hidden_left_recursion(k: int) -> None:
    """Q ::= A Q i | + ; A ::= epsilon  [Rekers92].

    Rekers' hidden-left-recursive example, on which Tomita's original algorithm loops:
    the sentences are + i^k, each with one tree.
    """
    g = bnf({"q": [["a", "q", "i"], ["+"]], "a": [[]]})
    assert_count(g, ["+"] + ["i"] * k, 1)
    assert_rejects(g, ["i"] * (k + 1))


@pytest.mark.parametrize("k", range(9))
def test_hidden_left_recursion_with_two_empty_derivations(k: int) -> None:
    """S ::= A B S b | x ; A ::= epsilon ; B ::= epsilon | A  (after [NF91]).

    Two nullable symbols hide the recursion, and B derives epsilon in two ways (directly and
    through A), so each of the k levels doubles the count: x b^k has 2^k trees.
    """
    g = bnf({"s": [["a", "n", "s", "b"], ["x"]], "a": [[]], "n": [[], ["a"]]})
    tokens = ["x"] + ["b"] * k
    assert_count(g, tokens, 2**k)
    assert analyse(g, tokens).count == 2**k
    if k <= 5:
        assert_same_trees_as_oracle(g, tokens)


@pytest.mark.parametrize(("k", "m"), [(k, m) for k in range(6) for m in range(k + 2)])
def test_hidden_left_recursion_with_an_optional_prefix(k: int, m: int) -> None:
    """S ::= O S b | a ; O ::= a | epsilon  (hidden left recursion made ambiguous).

    In a^(m+1) b^k the k levels each choose O = a or O = epsilon, and exactly m of them must
    choose a: C(k, m) trees (zero when m > k).
    """
    g = bnf({"s": [["o", "s", "b"], ["a"]], "o": [["a"], []]})
    tokens = ["a"] * (m + 1) + ["b"] * k
    expected = math.comb(k, m)
    assert analyse(g, tokens).count == expected
    if expected:
        assert_count(g, tokens, expected)
        assert_same_trees_as_oracle(g, tokens)
    else:
        assert_rejects(g, tokens)


@pytest.mark.parametrize("n", range(6))
def test_tomita_empty_rules_in_every_position(n: int) -> None:
    """S ::= X X X X ; X ::= a | epsilon  -- epsilon-reductions at every position [Tomita86].

    Tomita's treatment of epsilon-rules has to perform empty reductions before, between and
    after shifts. a^n has C(4, n) trees: pick which n of the four X's are not empty.
    """
    g = bnf({"s": [["x", "x", "x", "x"]], "x": [["a"], []]})
    tokens = ["a"] * n
    if n <= 4:
        assert_count(g, tokens, math.comb(4, n))
        assert analyse(g, tokens).count == math.comb(4, n)
        assert_same_trees_as_oracle(g, tokens)
    else:
        assert_rejects(g, tokens)


# --------------------------------------------------------------------------------------------
# Right nullable rules [SJ06]
# --------------------------------------------------------------------------------------------

RIGHT_NULLED = bnf({"s": [["a", "s", "b", "b"], ["a"]], "b": [[]]})


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 15, 40])
def test_scott_johnstone_right_nullable_rule(n: int) -> None:
    """S ::= a S B B | a ; B ::= epsilon  [SJ06].

    The rule S ::= a S B B is right nullable: once S is recognised the rest B B derives
    epsilon, which the RNGLR tables handle by reducing early, with the nullable tail taken from
    a precomputed epsilon-SPPF. a^n has exactly one tree.
    """
    tokens = ["a"] * n
    assert_count(RIGHT_NULLED, tokens, 1)
    tree = '(s "a")'
    for _ in range(n - 1):
        tree = f'(s "a" {tree} (b) (b))'
    assert peek_trees(RIGHT_NULLED, tokens) == [tree]


def test_scott_johnstone_right_nullable_rule_rejects() -> None:
    """The grammar of [SJ06] above has no empty sentence and no b tokens."""
    assert_rejects(RIGHT_NULLED, [])
    assert_rejects(RIGHT_NULLED, ["a", "b"])


@pytest.mark.parametrize("n", range(1, 8))
def test_right_nullable_tail_with_two_empty_derivations(n: int) -> None:
    """S ::= a S B B | a ; B ::= epsilon | C ; C ::= epsilon  (after [SJ06]).

    The right-nulled tail is ambiguous: each B derives epsilon in two ways, so each of the
    n-1 levels contributes 2 * 2 and a^n has 4^(n-1) trees.
    """
    g = bnf({"s": [["a", "s", "n", "n"], ["a"]], "n": [[], ["c"]], "c": [[]]})
    tokens = ["a"] * n
    assert_count(g, tokens, 4 ** (n - 1))
    assert analyse(g, tokens).count == 4 ** (n - 1)
    if n <= 4:
        assert_same_trees_as_oracle(g, tokens)


@pytest.mark.parametrize(("k", "m"), [(k, m) for k in range(6) for m in range(k + 2)])
def test_right_nullable_tail_with_an_optional_symbol(k: int, m: int) -> None:
    """S ::= a S B D | c ; B ::= epsilon ; D ::= d | epsilon  (Gamma-2 style, after [SJ06]).

    The tail B D of the rule is right nullable but D may also be a d. In a^k c d^m the k
    levels each choose D = d or D = epsilon, and exactly m choose d: C(k, m) trees.
    """
    g = bnf({"s": [["a", "s", "n", "o"], ["c"]], "n": [[]], "o": [["d"], []]})
    tokens = ["a"] * k + ["c"] + ["d"] * m
    expected = math.comb(k, m)
    assert analyse(g, tokens).count == expected
    if expected:
        assert_count(g, tokens, expected)
        assert_same_trees_as_oracle(g, tokens)
    else:
        assert_rejects(g, tokens)


# --------------------------------------------------------------------------------------------
# Cycles
# --------------------------------------------------------------------------------------------


def test_unit_cycle_has_infinitely_many_trees() -> None:
    """S ::= S | a  -- the simplest cyclic grammar (S =>+ S).

    "a" has the trees (S a), (S (S a)), ...: infinitely many, while "a a" and "" are still
    rejected. SPPF-building GLR parsers represent such derivations with a cycle in the forest
    [Rekers92, SJ06].
    """
    g = bnf({"s": [["s"], ["a"]]})
    assert analyse(g, ["a"]).count == INF
    assert_count(g, ["a"], INF)
    assert parse(g, ["a"]).is_ambiguous
    trees = peek_trees(g, ["a"])
    assert len(set(trees)) == len(trees) == 6
    assert '(s "a")' in trees
    assert_rejects(g, ["a", "a"])
    assert_rejects(g, [])


@pytest.mark.parametrize("n", range(6))
def test_binary_cycle_with_empty_rule_has_infinitely_many_trees(n: int) -> None:
    """S ::= S S | a | epsilon  -- cyclic through S => S S => S (the other S empty).

    Every input a^n, the empty one included, has infinitely many trees; a b is rejected.
    """
    g = bnf({"s": [["s", "s"], ["a"], []]})
    tokens = ["a"] * n
    assert analyse(g, tokens).count == INF
    assert_count(g, tokens, INF)
    trees = peek_trees(g, tokens)
    assert len(set(trees)) == len(trees) == 6
    assert_rejects(g, ["a", "b"])


def test_cycle_through_a_nullable_context() -> None:
    """S ::= S N | a ; N ::= epsilon, and S ::= A S | x ; A ::= epsilon.

    Both are cyclic only because of a nullable neighbour (S => S N => S, S => A S => S):
    the second is hidden left recursion [NF91] that is also a cycle. Both give infinitely many
    trees on every sentence.
    """
    right = bnf({"s": [["s", "n"], ["a"]], "n": [[]]})
    left = bnf({"s": [["a", "s"], ["x"]], "a": [[]]})
    assert_count(right, ["a"], INF)
    assert_count(left, ["x"], INF)
    assert analyse(right, ["a"]).count == analyse(left, ["x"]).count == INF
    assert_rejects(right, ["a", "a"])
    assert_rejects(left, ["x", "x"])


def test_first_trees_of_a_cyclic_forest_come_quickly() -> None:
    """S ::= T | a | epsilon ; T ::= U U ; U ::= V V ; V ::= W W ; W ::= S S.

    A cycle S =>+ S through a chain of nonterminals whose every other symbol is nullable.
    "a" has infinitely many trees, and forest.trees() is a lazy iterator: the first few
    must come at once (each is a small tree: S => T => U U => ... => sixteen S's, fifteen of
    them empty), not after a search whose cost explodes with the length of the cycle.
    """
    g = bnf(
        {
            "s": [["t"], ["a"], []],
            "t": [["u", "u"]],
            "u": [["v", "v"]],
            "v": [["w", "w"]],
            "w": [["s", "s"]],
        }
    )
    assert analyse(g, ["a"]).count == INF
    assert_count(g, ["a"], INF)
    forest = parse(g, ["a"])
    with time_limit(5, "the first five trees of a cyclic forest"):
        trees = [t.sexpr() for t in itertools.islice(forest.trees(), 5)]
    assert len(set(trees)) == 5


def test_cycle_counts_only_where_it_is_used() -> None:
    """S ::= T b | a ; T ::= T | c  -- the cycle T => T only matters for sentences using T.

    "a" has one tree, "c b" infinitely many.
    """
    g = bnf({"s": [["t", "b"], ["a"]], "t": [["t"], ["c"]]})
    assert_count(g, ["a"], 1)
    assert not parse(g, ["a"]).is_ambiguous
    assert_count(g, ["c", "b"], INF)
    assert analyse(g, ["a"]).count == 1
    assert analyse(g, ["c", "b"]).count == INF


def test_unproductive_cycle_adds_no_trees() -> None:
    """S ::= a | U ; U ::= U | U b  -- U is cyclic but derives no string at all.

    The cycle never completes a derivation, so "a" has exactly one tree (glrkit may warn
    about U, but must not count through it).
    """
    g = bnf({"s": [["a"], ["u"]], "u": [["u"], ["u", "b"]]})
    assert analyse(g, ["a"]).count == 1
    assert_count(g, ["a"], 1)
    assert_rejects(g, ["b"])


# --------------------------------------------------------------------------------------------
# Highly ambiguous grammars
# --------------------------------------------------------------------------------------------

CATALAN = bnf({"s": [["s", "s"], ["a"]]})


@pytest.mark.parametrize("n", range(1, 13))
def test_catalan_bracketings(n: int) -> None:
    """S ::= S S | a  -- the binary bracketings of a^n: Catalan(n-1) trees.

    A tree is a full binary tree with n leaves, and there are Catalan(n-1) of those.
    """
    tokens = ["a"] * n
    assert_count(CATALAN, tokens, catalan(n - 1))
    assert parse(CATALAN, tokens).is_ambiguous == (n >= 3)
    if n <= 8:
        assert analyse(CATALAN, tokens).count == catalan(n - 1)
        assert_same_trees_as_oracle(CATALAN, tokens)


def test_catalan_bracketings_of_200_tokens() -> None:
    """S ::= S S | a with n = 200: Catalan(199), a 117-digit number, exactly as an int.

    An exact SPPF count needs arbitrary-precision arithmetic; this rules out floats or
    overflow, and exercises the cubic-size forest of a maximally ambiguous input.
    """
    expected = catalan(199)
    assert len(str(expected)) == 117
    assert_count(CATALAN, ["a"] * 200, expected)


def johnson_counts(n: int) -> list[int]:
    """T(1) = 1; T(m) = sum of T(i)T(j) over i+j = m plus sum of T(i)T(j)T(k) over i+j+k = m.

    The trees of S ::= S S S | S S | b over b^m split b^m into two or three consecutive
    nonempty parts (S derives no empty string), each part parsed on its own.
    """
    t = [0, 1]
    for m in range(2, n + 1):
        two = sum(t[i] * t[m - i] for i in range(1, m))
        three = sum(
            t[i] * t[j] * t[m - i - j] for i in range(1, m) for j in range(1, m - i)
        )
        t.append(two + three)
    return t


JOHNSON = bnf({"s": [["s", "s", "s"], ["s", "s"], ["b"]]})


@pytest.mark.parametrize("n", [*range(1, 11), 14, 18])
def test_johnson_worst_case_grammar(n: int) -> None:
    """S ::= S S S | S S | b  [Johnson91, used as the worst case in SJE07].

    Johnson showed that Tomita's algorithm needs unbounded polynomial time on this grammar;
    binarised forests (BRNGLR [SJE07]) keep it cubic. The counts follow the recurrence in
    `johnson_counts` (1, 1, 3, 10, 38, 154, ...: OEIS A001002, dissections of a polygon into
    triangles and quadrilaterals).
    """
    expected = johnson_counts(n)[n]
    assert_count(JOHNSON, ["b"] * n, expected)
    if n <= 7:
        assert analyse(JOHNSON, ["b"] * n).count == expected
    if n <= 6:
        assert_same_trees_as_oracle(JOHNSON, ["b"] * n)


def test_johnson_counts_recurrence_starts_as_published() -> None:
    """The recurrence itself, against the first terms of OEIS A001002."""
    assert johnson_counts(8)[1:] == [1, 1, 3, 10, 38, 154, 654, 2871]


@pytest.mark.parametrize("k", range(9))
def test_ambiguous_expression_grammar(k: int) -> None:
    """E ::= E + E | E * E | a  -- the ambiguous expression grammar of [ASU86], Section 4.2.

    Without precedence every binary tree over the k operators is a parse: Catalan(k), no
    matter which operators appear.
    """
    g = bnf({"e": [["e", "+", "e"], ["e", "*", "e"], ["a"]]})
    operators = ["+", "*", "*", "+", "+", "*", "+", "*"][:k]
    tokens = ["a"]
    for op in operators:
        tokens += [op, "a"]
    assert_count(g, tokens, catalan(k))
    if k <= 5:
        assert analyse(g, tokens).count == catalan(k)
        assert_same_trees_as_oracle(g, tokens)
    assert_rejects(g, [*tokens, "+"])


DANGLING_ELSE = bnf(
    {"s": [["if", "e", "then", "s"], ["if", "e", "then", "s", "else", "s"], ["x"]]}
)


@pytest.mark.parametrize("k", range(1, 8))
def test_dangling_else(k: int) -> None:
    """S ::= if e then S | if e then S else S | x  -- the dangling else [ASU86, Section 4.3].

    With k nested ifs and one else, the else may belong to any of the k ifs: k trees.
    """
    tokens = ["if", "e", "then"] * k + ["x", "else", "x"]
    assert_count(DANGLING_ELSE, tokens, k)
    if k <= 4:
        assert analyse(DANGLING_ELSE, tokens).count == k
        assert_same_trees_as_oracle(DANGLING_ELSE, tokens)


def test_dangling_else_with_two_elses() -> None:
    """Two elses after three ifs: counted by the oracle, and the trees agree."""
    tokens = ["if", "e", "then"] * 3 + ["x", "else", "x", "else", "x"]
    expected = analyse(DANGLING_ELSE, tokens).count
    assert expected == math.comb(3, 2)  # the elses take two of the ifs, the inner the inner
    assert_count(DANGLING_ELSE, tokens, expected)
    assert_same_trees_as_oracle(DANGLING_ELSE, tokens)


TOMITA_NL = bnf(
    {
        "s": [["np", "vp"]],
        "np": [["n"], ["det", "n"], ["np", "pp"]],
        "pp": [["prep", "np"]],
        "vp": [["v", "np"], ["vp", "pp"]],
    }
)


@pytest.mark.parametrize("k", range(7))
def test_tomita_prepositional_phrase_attachment(k: int) -> None:
    """The natural-language grammar of [Tomita86] (S ::= NP VP ; NP ::= n | det n | NP PP ;
    PP ::= prep NP ; VP ::= v NP | VP PP) on "I saw a man (in the park) (with a telescope)...".

    With k prepositional phrases after the object each may attach to the verb phrase or to
    any noun phrase before it, without crossing: Catalan(k+1) trees (5 for the famous
    sentence with two PPs).
    """
    tokens = ["n", "v", "det", "n"] + ["prep", "det", "n"] * k
    assert_count(TOMITA_NL, tokens, catalan(k + 1))
    if k <= 3:
        assert analyse(TOMITA_NL, tokens).count == catalan(k + 1)
        assert_same_trees_as_oracle(TOMITA_NL, tokens)


# --------------------------------------------------------------------------------------------
# Long deterministic inputs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rules",
    [
        {"s": [["a", "s"], []]},
        {"s": [["s", "a"], []]},
        {"s": [["a", "s", "n", "n"], ["a"]], "n": [[]]},
        {"s": [["n", "s", "a"], ["a"]], "n": [[]]},
    ],
    ids=["right-recursion", "left-recursion", "right-nulled", "hidden-left-recursion"],
)
def test_long_unambiguous_inputs(rules: dict[str, list[list[str]]]) -> None:
    """Right, left, right-nulled and hidden left recursion on 300 tokens: one tree each.

    RNGLR parsers run in linear time on LR(1) grammars [SJ06]; this checks that the count is
    still exactly 1 (no spurious ambiguity from nulled or hidden-recursive reductions).
    """
    g = bnf(rules)
    forest = parse(g, ["a"] * 300)
    assert forest.count() == 1
    assert not forest.is_ambiguous
    assert sum(1 for _ in forest.trees()) == 1
