"""The diagnostics against independent references, on seeded random grammars rich in cycles,
ε-rules and duplicated alternatives:

* `find_ambiguity` against tests/support/oracle.py (which shares no code with glrkit): it finds
  an ambiguous sentence exactly when the oracle has one within the bound, of the same
  (shortest) length, with the oracle's number of trees, and examines exactly the oracle's
  sentences on the way;
* every conflict called ambiguous has a sentence the oracle counts two or more trees for;
* "canonical LR(k) has no such conflict" against a textbook canonical LR(k) construction
  written here from scratch (Knuth 1965; Aho, Sethi & Ullman 4.7), for k = 1 and 2.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter

from glrkit import Grammar, GrammarError
from glrkit.diagnose import AMBIGUOUS, diagnose_conflicts, find_ambiguity
from glrkit.grammar.analysis import analyse
from glrkit.grammar.model import END
from glrkit.tables.build import build_table
from glrkit.tables.counterexample import SHIFT, Counterexamples
from glrkit.tables.lr0 import build_lr0
from glrkit.tables.table import Conflict, ParseTable
from support.oracle import CFG, Count, count_derivations, random_cfg, to_glrkit

MAX_LENGTH = 4


def random_grammars(seed: int, n: int) -> list[tuple[CFG, Grammar]]:
    rng = random.Random(seed)
    out: list[tuple[CFG, Grammar]] = []
    for _ in range(n):
        cfg = random_cfg(rng, max_nonterminals=4)
        try:
            out.append((cfg, Grammar.from_string(to_glrkit(cfg))))
        except GrammarError:
            continue
    return out


def oracle_sentences(cfg: CFG, n: int) -> dict[tuple[str, ...], Count]:
    """Every sentence of at most n tokens with its number of trees."""
    out: dict[tuple[str, ...], Count] = {}
    terminals = sorted(cfg.terminals)
    for length in range(n + 1):
        for tokens in itertools.product(terminals, repeat=length):
            accepts, trees = count_derivations(cfg, tokens)
            if accepts:
                out[tokens] = trees
    return out


def test_ambiguity_search_agrees_with_the_oracle() -> None:
    seen: Counter[str] = Counter()
    for cfg, grammar in random_grammars(20261129, 35):
        sentences = oracle_sentences(cfg, MAX_LENGTH)
        ambiguous = sorted((s for s, n in sentences.items() if n > 1), key=len)
        search = find_ambiguity(grammar, max_length=MAX_LENGTH, timeout=60)
        if ambiguous:
            seen["ambiguous"] += 1
            assert search.witness is not None, cfg.describe()
            text = tuple(grammar.terminals[t].pattern for t in search.witness.sentence)
            assert len(text) == len(ambiguous[0]), cfg.describe()
            assert sentences[text] == search.witness.parses > 1, cfg.describe()
            assert search.sentences == sum(1 for s in sentences if len(s) < len(text))
            assert search.complete == len(text) - 1
        else:
            seen["unambiguous"] += 1
            assert search.witness is None, cfg.describe()
            assert search.complete == MAX_LENGTH and search.sentences == len(sentences)
    assert seen["ambiguous"] >= 10 and seen["unambiguous"] >= 10, seen


def test_ambiguous_conflicts_have_sentences_the_oracle_counts_twice() -> None:
    claims = 0
    for cfg, grammar in random_grammars(4177, 25):
        for verdict in diagnose_conflicts(grammar, max_length=MAX_LENGTH, timeout=2):
            for p in verdict.pairs:
                if p.verdict != AMBIGUOUS:
                    assert p.witness is None
                    continue
                assert p.witness is not None
                tokens = tuple(grammar.terminals[t].pattern for t in p.witness.sentence)
                assert count_derivations(cfg, tokens)[1] == p.witness.parses > 1
                claims += 1
    assert claims >= 20


# -- canonical LR(k), from scratch ---------------------------------------------------------------
Item = tuple[int, int, tuple[int, ...]]  # (rule, dot, lookahead string)


def first_k(grammar: Grammar, k: int) -> dict[int, set[tuple[int, ...]]]:
    nt = grammar.n_terminals
    first: dict[int, set[tuple[int, ...]]] = {s: set() for s in range(nt, grammar.n_symbols)}
    changed = True
    while changed:
        changed = False
        for rule in grammar.rules:
            strings = strings_k(grammar, first, rule.rhs, (), k)
            if not strings <= first[rule.lhs]:
                first[rule.lhs] |= strings
                changed = True
    return first


def strings_k(
    grammar: Grammar,
    first: dict[int, set[tuple[int, ...]]],
    symbols: tuple[int, ...],
    tail: tuple[int, ...],
    k: int,
) -> set[tuple[int, ...]]:
    """FIRST_k of `symbols` followed by the string `tail`."""
    acc: set[tuple[int, ...]] = {()}
    for s in symbols:
        options = {(s,)} if s < grammar.n_terminals else first[s]
        acc = {(a + b)[:k] if len(a) < k else a for a in acc for b in options}
    return {(a + tail)[:k] for a in acc}


def conflict_in_lr_k(
    grammar: Grammar, table: ParseTable, conflict: Conflict, pair: tuple[int, int], k: int
) -> bool:
    """Whether some canonical LR(k) state with the conflict state's core lets both actions
    act on one lookahead string that begins with the conflict's terminal."""
    first = first_k(grammar, k)
    rules = grammar.rules
    nt = grammar.n_terminals

    def closure(kernel: set[Item]) -> frozenset[Item]:
        items = set(kernel)
        work = list(kernel)
        while work:
            rule, dot, la = work.pop()
            rhs = rules[rule].rhs
            if dot < len(rhs) and rhs[dot] >= nt:
                for la2 in strings_k(grammar, first, rhs[dot + 1 :], la, k):
                    for r in grammar.rules_for(rhs[dot]):
                        item = (r, 0, la2)
                        if item not in items:
                            items.add(item)
                            work.append(item)
        return frozenset(items)

    auto = build_lr0(grammar)
    core = {(auto.items.rule[i], auto.items.dot[i]) for i in auto.kernels[conflict.state]}
    nullable = analyse(grammar).nullable

    def viable(state: frozenset[Item], action: int) -> set[tuple[int, ...]]:
        out: set[tuple[int, ...]] = set()
        for rule, dot, la in state:
            rhs = rules[rule].rhs
            if action == SHIFT:
                if dot < len(rhs) and rhs[dot] == conflict.terminal:
                    out |= strings_k(grammar, first, rhs[dot:], la, k)
                continue
            lhs, length, reduced = table.reductions[action]
            rest_nullable = all(s in nullable for s in rhs[dot:])
            is_rule = reduced >= 0 and (rule, dot) == (reduced, length)
            is_empty = reduced < 0 and rules[rule].lhs == lhs and dot == 0 and rest_nullable
            if is_rule or is_empty:
                out.add(la)
        return {s for s in out if s and s[0] == conflict.terminal}

    start = closure({(0, 0, (END,))})
    seen = {start}
    work = [start]
    while work:
        state = work.pop()
        kernel = {(r, d) for r, d, _ in state if d > 0 or r == 0}
        if kernel == core and viable(state, pair[0]) & viable(state, pair[1]):
            return True
        symbols = {rules[r].rhs[d] for r, d, _ in state if d < len(rules[r].rhs)}
        for x in symbols:
            moved = {
                (r, d + 1, la)
                for r, d, la in state
                if d < len(rules[r].rhs) and rules[r].rhs[d] == x
            }
            target = closure(moved)
            if target not in seen:
                seen.add(target)
                work.append(target)
        assert len(seen) < 20_000
    return False


def lr_k_grammars(seed: int, n: int) -> list[Grammar]:
    """Grammars shaped like Aho, Sethi & Ullman's LR(1)-but-not-LALR(1) example: x and y derive
    the same text after "a" and after "b", followed by random tails. Depending on the tails,
    canonical LR(1) decides their reduce/reduce conflicts (LALR(1) merged states), or LR(2)
    does, or nothing (the grammar is ambiguous)."""
    rng = random.Random(seed)
    tails = ['"c"', '"d"', '"c" "c"', '"c" "d"', '"d" "c"']
    out: list[Grammar] = []
    for _ in range(n):
        tops = [f'"{head}" {name} {rng.choice(tails)}' for head in "ab" for name in "xy"]
        x = rng.choice(['"e"', '"e" | "f"', '"e" "e"'])
        y = rng.choice(['"e"', '"e" | "e" "e"'])
        out.append(Grammar.from_string(f"s : {' | '.join(tops)} ;\nx : {x} ;\ny : {y} ;"))
    return out


def test_lr_k_decisions_agree_with_canonical_lr_k() -> None:
    seen: Counter[str] = Counter()
    grammars = [g for _, g in random_grammars(99, 30)] + lr_k_grammars(5, 60)
    for grammar in grammars:
        facts = analyse(grammar)
        usable = set(range(grammar.n_terminals, grammar.n_symbols))
        if not usable <= facts.productive or facts.cyclic:
            continue  # canonical LR(k) also counts items no sentence reaches
        table = build_table(grammar)
        search = Counterexamples(grammar, table)
        for conflict in table.conflicts():
            actions = ([SHIFT] if conflict.shift >= 0 else []) + list(conflict.reductions)
            for pair in itertools.combinations(actions, 2):
                for k in (1, 2):
                    ours = search.decided_by(conflict.state, conflict.terminal, pair, k)
                    if ours is None:
                        continue
                    reference = not conflict_in_lr_k(grammar, table, conflict, pair, k)
                    assert ours == reference, (str(grammar), conflict, pair, k)
                    seen[f"k={k} {'decided' if ours else 'still a conflict'}"] += 1
                examples = search.examples(conflict.state, conflict.terminal, pair)
                if examples.common is not None:
                    assert examples.common == (
                        not search.decided_by(conflict.state, conflict.terminal, pair, 1)
                    )
    assert seen["k=1 decided"] >= 5 and seen["k=2 decided"] >= 5, seen
    assert seen["k=1 still a conflict"] >= 20 and seen["k=2 still a conflict"] >= 10, seen
