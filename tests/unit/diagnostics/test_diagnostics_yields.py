"""What strings symbols derive (tables/yields.py): shortest yields, yields that begin with a
terminal, FIRST_k, and every sentence by length with its derivations counted, against brute
force over derivations."""

from __future__ import annotations

import itertools
from collections import Counter

from glrkit import Grammar
from glrkit.grammar.analysis import analyse
from glrkit.tables.yields import Sentences, Yields, first_k

G = Grammar.from_string(
    """
    s : a "x" | b ;
    a : "y" a | "z" | %empty ;
    b : b "w" | "v" "v" ;
    """
)


def names(g: Grammar, tokens: tuple[int, ...]) -> list[str]:
    return [g.terminals[t].pattern for t in tokens]


def test_shortest_yields_and_derivations_that_end() -> None:
    y = Yields(G, analyse(G))
    assert names(G, y.shortest(G.symbol("s"))) == ["x"]
    assert names(G, y.shortest(G.symbol("b"))) == ["v", "v"]
    assert y.length[G.symbol("a")] == 0
    empty = y.empty(G.symbol("a"))
    assert empty.children == () and G.rules[empty.rule].rhs == ()


def test_shortest_yield_beginning_with_a_terminal() -> None:
    y = Yields(G, analyse(G))
    begun = y.beginning(G.symbol("s"), G.symbol('"y"'))
    assert begun is not None
    tokens, _ = y.sentence(begun)
    assert names(G, tokens) == ["y", "x"]
    assert y.beginning(G.symbol("b"), G.symbol('"y"')) is None


def test_first_k() -> None:
    first = first_k(G, 2, limit=100)
    assert first is not None
    got = {tuple(names(G, s)) for s in first[G.symbol("s")]}
    assert got == {("x",), ("y", "x"), ("y", "y"), ("y", "z"), ("z", "x"), ("v", "v")}
    assert first_k(G, 2, limit=2) is None


def brute_force(g: Grammar, n: int) -> Counter[tuple[int, ...]]:
    """Sentences of at most n tokens with their number of leftmost derivations (capped)."""
    out: Counter[tuple[int, ...]] = Counter()
    nt = g.n_terminals
    todo: list[tuple[int, ...]] = [(g.start,)]
    while todo:
        form = todo.pop()
        if sum(1 for s in form if s < nt) > n or len(form) > 3 * n + 3:
            continue
        at = next((i for i, s in enumerate(form) if s >= nt), None)
        if at is None:
            out[form] += 1
            continue
        for r in g.rules_for(form[at]):
            todo.append(form[:at] + g.rules[r].rhs + form[at + 1 :])
    return out


def test_sentences_by_length_count_derivations_like_brute_force() -> None:
    g = Grammar.from_string('s : s s | "a" | "b" "a" | a ; a : "b" "a" ;')
    facts = analyse(g)
    sentences = Sentences(g, facts, Yields(g, facts), limit=10_000)
    expected = brute_force(g, 5)
    for n in range(6):
        assert sentences.extend()
        level = sentences.strings(g.start, n)
        want = {s: min(2, c) for s, c in expected.items() if len(s) == n}
        assert level == want, n
    assert sentences.complete == 5


def test_sentences_saturate_on_cycles_and_respect_limits() -> None:
    g = Grammar.from_string('s : s | "a" | %empty ;')
    facts = analyse(g)
    sentences = Sentences(g, facts, Yields(g, facts), limit=10_000)
    assert sentences.extend() and sentences.extend()
    a = g.symbol('"a"')
    assert sentences.strings(g.start, 0) == {(): 2}  # infinitely many, capped
    assert sentences.strings(g.start, 1) == {(a,): 2}
    tiny = Sentences(g, facts, Yields(g, facts), limit=0)
    assert not tiny.extend() and tiny.complete == -1
    assert not Sentences(g, facts, Yields(g, facts), limit=10).extend(deadline=0.0)


def test_every_string_of_a_small_language() -> None:
    g = Grammar.from_string('s : "a" s "b" | %empty ;')
    facts = analyse(g)
    sentences = Sentences(g, facts, Yields(g, facts), limit=1000)
    for _ in range(7):
        sentences.extend()
    found = {s for n in range(7) for s in sentences.strings(g.start, n)}
    a, b = g.symbol('"a"'), g.symbol('"b"')
    assert found == {(a,) * k + (b,) * k for k in range(4)}
    assert all(c == 1 for n in range(7) for c in sentences.strings(g.start, n).values())
    assert list(itertools.islice(sorted(found, key=len), 2)) == [(), (a, b)]
