"""Forest.disambiguate: declared marks, the filters of glrkit.disambig, user callbacks."""

from __future__ import annotations

import math
import os
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from glrkit import Grammar, Parser
from glrkit.disambig import (
    Alternatives,
    DisambiguationError,
    avoid,
    longest_match,
    prefer,
    priorities,
    reject_words,
    shortest_match,
)
from support.oracle import random_cfg, sample_sentence, to_glrkit

# The CI sets HYPOTHESIS_PROFILE=ci for reproducible runs; tests here honour it too.
REPRODUCIBLE = os.environ.get("HYPOTHESIS_PROFILE") == "ci"


def parser(text: str) -> Parser:
    # The full forest: these tests apply the declarations themselves, with disambiguate().
    return Parser(Grammar.from_string("%ignore /\\s+/\n" + text), cache=False, disambiguate=False)


def sexprs(forest: object) -> list[str]:
    return [t.sexpr() for t in forest.trees()]  # type: ignore[attr-defined]


STATEMENTS = parser(
    """
    prog : stmt* ;
    stmt : expr ";" %dprec 1 | decl ";" %dprec 2 ;
    expr : ID "(" ID ")" ;
    decl : ID "(" ID ")" ;
    ID : /[a-z]+/ ;
    """
)


def test_dprec_keeps_the_highest_priority() -> None:
    forest = STATEMENTS.parse("a(b); c(d);")
    assert forest.count() == 4
    assert sexprs(forest.disambiguate()) == [
        '(prog (stmt (decl (ID "a") "(" (ID "b") ")") ";") (stmt (decl (ID "c") "(" (ID "d")'
        ' ")") ";"))'
    ]
    assert forest.disambiguate(declared=False) is forest


def test_priorities_from_python_override_nothing_but_add_a_filter() -> None:
    forest = STATEMENTS.parse("a(b);")
    kept = forest.disambiguate(priorities({'stmt : expr ";"': 5}), declared=False)
    assert sexprs(kept) == ['(prog (stmt (expr (ID "a") "(" (ID "b") ")") ";"))']


MARKED = parser(
    """
    s : a %prefer | b | c %avoid ;
    a : X ; b : X ; c : X ;
    t : b | c %avoid ;
    X : "x" ;
    """
)


def test_prefer_wins_and_avoid_loses() -> None:
    assert sexprs(MARKED.parse("x").disambiguate()) == ['(s (a (X "x")))']
    plain = Parser(
        Grammar.from_string('s : b | c %avoid ; b : "x" ; c : "x" ;'), cache=False
    ).parse("x")
    assert sexprs(plain.disambiguate()) == ['(s (b "x"))']


def test_avoided_alternative_stays_when_it_is_the_only_one() -> None:
    only = Parser(Grammar.from_string('s : c %avoid ; c : "x" ;'), cache=False).parse("x")
    assert sexprs(only.disambiguate()) == ['(s (c "x"))']


def test_prefer_and_avoid_from_python() -> None:
    forest = Parser(Grammar.from_string('s : b | c ; b : "x" ; c : "x" ;'), cache=False).parse("x")
    assert sexprs(forest.disambiguate(prefer("s : c"))) == ['(s (c "x"))']
    assert sexprs(forest.disambiguate(avoid("s : c"))) == ['(s (b "x"))']


KEYWORDS = parser(
    """
    prog : (name | keyword)+ ;
    name : ID | keyword %reject ;
    keyword : KW ;
    ID : /[a-z]+/ ;
    KW : /if|then|else/ ;
    """
)


def test_reject_removes_names_that_are_keywords() -> None:
    forest = KEYWORDS.parse("x if y")
    # "if" lexes as ID and as KW: a name (two ways) or a keyword.
    assert forest.count() == 3
    assert sexprs(forest.disambiguate()) == [
        '(prog (name (ID "x")) (keyword (KW "if")) (name (ID "y")))'
    ]


def test_reject_that_leaves_nothing_raises() -> None:
    p = parser('s : name+ ; name : ID | kw %reject ; kw : "if" ; ID : /[a-z]+/ ;')
    assert p.parse("x y").disambiguate().count() == 1
    with pytest.raises(DisambiguationError):
        p.parse("x if").disambiguate()


def test_reject_words_filter() -> None:
    p = parser("s : name+ ; name : ID ; ID : /[a-z]+/ ;")
    assert p.parse("x while").disambiguate(reject_words("name", {"if"})).count() == 1
    with pytest.raises(DisambiguationError):
        p.parse("x while").disambiguate(reject_words("name", {"while"}))


DANGLING = parser(
    """
    stmt : "if" COND "then" stmt | "if" COND "then" stmt "else" stmt | ID ;
    COND : /c[0-9]/ ;
    ID : /[a-z]+/ ;
    """
)
INNER_ELSE = (
    '(stmt "if" (COND "c1") "then" (stmt "if" (COND "c2") "then" (stmt (ID "a"))'
    ' "else" (stmt (ID "b"))))'
)
OUTER_ELSE = (
    '(stmt "if" (COND "c1") "then" (stmt "if" (COND "c2") "then" (stmt (ID "a")))'
    ' "else" (stmt (ID "b")))'
)


def test_longest_match_binds_else_to_the_nearest_if() -> None:
    forest = DANGLING.parse("if c1 then if c2 then a else b")
    assert forest.count() == 2
    assert sexprs(forest.disambiguate(longest_match("stmt"))) == [INNER_ELSE]
    assert sexprs(forest.disambiguate(longest_match())) == [INNER_ELSE]
    assert sexprs(forest.disambiguate(shortest_match("stmt"))) == [OUTER_ELSE]


def test_longest_match_on_nested_dangling_else() -> None:
    forest = DANGLING.parse("if c1 then if c2 then if c3 then a else b else c")
    assert forest.count() >= 3
    [tree] = forest.disambiguate(longest_match("stmt")).trees()
    # Each else goes to the innermost if still open: c3 takes "b", c2 takes "c".
    inner = tree[3]
    assert inner.children[-2].symbol == '"else"' and inner.children[-1].text == "c"
    assert inner.children[3].children[-1].text == "b"


WORDS = parser("s : word+ ; word : W | W W ; W : /[a-z]+/ ;")


def test_longest_and_shortest_match_on_an_ambiguous_list() -> None:
    forest = WORDS.parse("a b c")
    assert forest.count() == 3
    assert sexprs(forest.disambiguate(longest_match("word"))) == [
        '(s (word (W "a") (W "b")) (word (W "c")))'
    ]
    assert sexprs(forest.disambiguate(shortest_match("word"))) == [
        '(s (word (W "a")) (word (W "b")) (word (W "c")))'
    ]


def test_user_callback_sees_the_alternatives_of_ambiguous_nodes() -> None:
    p = parser('e : e "+" e @plus | N ; N : /[0-9]+/ ;')
    forest = p.parse("1 + 22 + 3 + 4")
    seen: list[Alternatives] = []

    def left_associative(alts: Alternatives) -> list[int]:
        seen.append(alts)
        assert len(alts) >= 2
        # The left operand that ends last is the left-associative reading.
        last = max(alt.children[0].end for alt in alts)
        return [alt.index for alt in alts if alt.children[0].end == last]

    kept = forest.disambiguate(left_associative)
    assert sexprs(kept) == [
        '(e (e (e (e (N "1")) "+" (e (N "22"))) "+" (e (N "3"))) "+" (e (N "4")))'
    ]
    assert 1 <= len(seen) <= len(forest.ambiguities())
    root_view = next(a for a in seen if a.start == 0 and a.end == 14)
    assert (root_view.symbol, root_view.text) == ("e", "1 + 22 + 3 + 4")
    assert all(alt.label == "plus" for alt in root_view)
    assert [c.text for c in root_view[0].children][1] == "+"


def test_callback_may_return_alternative_objects() -> None:
    forest = parser('e : e "+" e | N ; N : /[0-9]+/ ;').parse("1 + 2 + 3")
    kept = forest.disambiguate(lambda alts: [alts[0]])
    assert kept.count() == 1 and kept.tree() == forest.tree()


def test_every_node_filters_see_unambiguous_nodes_and_begin_runs_once() -> None:
    class Counting:
        every_node = True

        def __init__(self) -> None:
            self.calls = 0
            self.begun = 0

        def begin(self) -> None:
            self.begun += 1

        def __call__(self, alts: Alternatives) -> list[int]:
            self.calls += 1
            return list(range(len(alts)))

    forest = parser('s : "a" "b" ;').parse("a b")
    counter = Counting()
    assert forest.disambiguate(counter).root is forest.root  # nothing changed: shared
    assert (counter.calls, counter.begun) == (1, 1)


def test_cycles_are_filtered_to_a_finite_forest_or_removed() -> None:
    forest = Parser(Grammar.from_string('s : s | "a" ;'), cache=False).parse("a")
    assert forest.count() == math.inf
    assert sexprs(forest.disambiguate(avoid("s : s"))) == ['(s "a")']
    with pytest.raises(DisambiguationError):
        forest.disambiguate(avoid('s : "a"'), prefer("s : s"))


def test_epsilon_children_take_the_position_of_their_context() -> None:
    forest = parser('s : "x" a "y" | "x" b "y" ; a : %empty ; b : %empty ;').parse("x y")
    views: list[Alternatives] = []
    forest.disambiguate(lambda alts: views.append(alts) or range(len(alts)))
    [view] = views
    empty = view[0].children[1]
    assert (empty.symbol, empty.start, empty.end, empty.text) == ("a", 1, 1, "")


def test_shared_epsilon_nodes_have_no_position() -> None:
    forest = parser('s : "x" a ; a : b | c ; b : %empty ; c : %empty ;').parse("x")
    views: list[Alternatives] = []
    forest.disambiguate(lambda alts: views.append(alts) or range(len(alts)))
    [view] = views
    assert (view.symbol, view.start, view.end, view.text) == ("a", -1, -1, "")
    assert [(c.symbol, c.start) for alt in view for c in alt.children] == [("b", -1), ("c", -1)]


@settings(max_examples=120, deadline=None, derandomize=REPRODUCIBLE)
@given(st.integers(0, 2**32 - 1))
def test_dropping_rules_everywhere_keeps_exactly_the_trees_without_them(seed: int) -> None:
    """A filter that removes some rules at every node leaves the trees that avoid them,
    in the same order."""
    rng = random.Random(seed)
    cfg = random_cfg(rng, max_nonterminals=4)
    sentence = sample_sentence(cfg, rng, max_tokens=6)
    assume(sentence is not None)
    assert sentence is not None
    grammar = Grammar.from_string(to_glrkit(cfg))
    forest = Parser(grammar, cache=False).parse(" ".join(sentence))
    assume(forest.count() <= 300)
    dropped = {r.index for r in grammar.rules[1:] if rng.random() < 0.3}

    class Drop:
        every_node = True

        def __call__(self, alts: Alternatives) -> list[int]:
            return [alt.index for alt in alts if alt.rule.index not in dropped]

    def uses_dropped(tree: object) -> bool:
        stack = [tree]
        while stack:
            node = stack.pop()
            if node.rule in dropped:  # type: ignore[attr-defined]
                return True
            stack.extend(node.children)  # type: ignore[attr-defined]
        return False

    expected = [t.sexpr() for t in forest.trees() if not uses_dropped(t)]
    if not expected:
        with pytest.raises(DisambiguationError):
            forest.disambiguate(Drop())
        return
    kept = forest.disambiguate(Drop())
    assert kept.count() == len(expected)
    assert sexprs(kept) == expected


def test_deep_forests_filter_without_recursion() -> None:
    forest = parser('l : w l | w ; w : W | W W ; W : "a" ;').parse(" ".join(["a"] * 2500))
    assert forest.count() > 10**100
    shortest = forest.disambiguate(shortest_match("w"))
    assert shortest.count() == 1
    assert [w.text for w in shortest.tree().children[:1]] == ["a"]
    longest = forest.disambiguate(longest_match("w"))  # leftmost-longest: "a a" pairs
    assert longest.count() == 1
    assert longest.tree().children[0].text == "a a"
    assert shortest.best_score() == longest.best_score() == 0.0


def test_profile_comparison_matches_comparing_flat_sequences() -> None:
    """The rope comparison behind longest/shortest match skips shared parts; it must agree
    with comparing the flattened sequences (Python's tuple order)."""
    from glrkit.disambig.filters import Rope, _At, _Cat, _compare

    def flat(rope: Rope, position: int = -1) -> tuple[int, ...]:
        if isinstance(rope, int):
            return (position if rope < 0 else rope,)
        if isinstance(rope, _At):
            return flat(rope.rope, rope.position if rope.position >= 0 else position)
        return tuple(x for part in rope.parts for x in flat(part, position))

    rng = random.Random(5)
    for _ in range(300):
        pool: list[Rope] = [rng.randint(0, 4) for _ in range(4)] + [-1, _Cat(())]
        for _ in range(12):
            roll = rng.random()
            if roll < 0.2:
                pool.append(_At(rng.choice(pool), rng.randint(-1, 4)))
            else:
                pool.append(_Cat(tuple(rng.choice(pool) for _ in range(rng.randint(0, 3)))))
        for _ in range(20):
            a, b = rng.choice(pool), rng.choice(pool)
            fa, fb = flat(a), flat(b)
            assert _compare(a, b) == (fa > fb) - (fa < fb), (fa, fb)
