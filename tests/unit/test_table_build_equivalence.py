"""The fast table construction builds exactly the tables the straightforward one did.

Parse tables are cached on disk, compared against golden files and addressed by state number
and reduction id, so a faster construction must not renumber anything. Each grammar here is
built twice, by `glrkit.tables` and by the frozen copy in tests/support/reference_tables.py,
and everything must agree: the LR(0) automaton (kernels, closures in order, gotos), the LALR(1)
follow sets, and the ParseTable down to the order of its dictionaries (its JSON text).

Grammars: every BNF grammar of the literature cases, the diagnostics and benchmark grammars,
the shipped English grammar, random grammars (with ε-rules, nullable tails, cycles and
precedence), a generated treebank-like grammar (many long flat rules over few nonterminals,
the shape that made the old construction slow) and, when the Penn Treebank sample is there,
grammars induced from it.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from glrkit import Grammar
from glrkit.grammar.analysis import analyse
from glrkit.tables import build_table
from glrkit.tables.lalr import follow_sets
from glrkit.tables.lr0 import build_lr0
from glrkit.tables.table import ParseTable
from support import reference_tables as reference
from support.oracle import CFG, random_cfg, to_glrkit

ROOT = Path(__file__).resolve().parents[2]
LITERATURE = ROOT / "tests" / "cases" / "literature" / "test_literature.py"
PTB_SAMPLE = ROOT.parent / "shared" / "data" / "ptb-sample"


def assert_same_tables(grammar: Grammar) -> None:
    """New and reference construction agree on the automaton, follow sets and table."""
    old_auto = reference.build_lr0(grammar)
    new_auto = build_lr0(grammar)
    for field in ("rule", "dot", "next_symbol", "base"):
        assert getattr(new_auto.items, field) == getattr(old_auto.items, field)
    assert new_auto.kernels == old_auto.kernels
    assert new_auto.closures == old_auto.closures
    assert [list(g.items()) for g in new_auto.goto] == [list(g.items()) for g in old_auto.goto]
    assert new_auto.accessing == old_auto.accessing

    facts = analyse(grammar)
    old_follow = reference.follow_sets(grammar, old_auto, facts)
    assert list(follow_sets(grammar, new_auto, facts).items()) == list(old_follow.items())

    assert_same_table(build_table(grammar), reference.build_table(grammar))


def assert_same_table(new: ParseTable, old: ParseTable) -> None:
    assert new.grammar_hash == old.grammar_hash
    assert new.n_terminals == old.n_terminals
    assert new.reductions == old.reductions
    assert new.accept_state == old.accept_state
    assert new.accessing == old.accessing
    assert new.resolutions == old.resolutions
    assert new.actions == old.actions
    assert new.goto == old.goto
    assert new.to_json() == old.to_json()  # also the order of every dictionary


# -- grammars of the test suite ----------------------------------------------------------------


def literature_grammars() -> list[CFG]:
    """Every grammar the literature cases write as a literal: `bnf({...})` calls and the
    parametrized rule dictionaries. Read from the source, so new cases are covered too."""
    tree = ast.parse(LITERATURE.read_text(encoding="utf-8"))
    found: list[CFG] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        try:
            value = ast.literal_eval(node)
        except ValueError:
            continue
        if value and all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(a, list) for a in v)
            for k, v in value.items()
        ):
            found.append(CFG.of(value))
    return found


def test_literature_grammars() -> None:
    grammars = literature_grammars()
    assert len(grammars) >= 20  # the AST walk found the cases
    for cfg in grammars:
        assert_same_tables(Grammar.from_string(to_glrkit(cfg)))


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "tests" / "unit" / "diagnostics" / "grammars").glob("*.glr"))
    + sorted((ROOT / "bench" / "grammars").glob("*.glr")),
    ids=lambda p: p.name,
)
def test_grammar_files(path: Path) -> None:
    assert_same_tables(Grammar.from_file(str(path)))


def test_english_grammar() -> None:
    from glrkit.english.grammar import load_grammar

    assert_same_tables(load_grammar())


# -- random grammars ---------------------------------------------------------------------------


def with_precedence(text: str, rng: random.Random, terminals: list[str]) -> str:
    """Grammar text with random %left/%right/%nonassoc lines and some `%prec` alternatives."""
    declared = [t for t in terminals if rng.random() < 0.7] or terminals[:1]
    rng.shuffle(declared)
    levels = [f'{rng.choice(["%left", "%right", "%nonassoc"])} "{t}"' for t in declared]
    lines = text.splitlines()
    out = lines[:2] + levels
    for line in lines[2:]:
        alts = [
            f'{alt} %prec "{rng.choice(declared)}"' if rng.random() < 0.2 else alt
            for alt in line.removesuffix(" ;").split(" | ")
        ]
        out.append(" | ".join(alts) + " ;")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("seed", range(8))
def test_random_grammars(seed: int) -> None:
    rng = random.Random(seed)
    built = 0
    while built < 40:
        terminals = ["a", "b", "c", "d"][: rng.randint(1, 4)]
        cfg = random_cfg(
            rng,
            max_nonterminals=6,
            terminals=terminals,
            max_alternatives=rng.choice([3, 5]),
            max_length=rng.choice([3, 5]),
        )
        if cfg.language_is_empty:
            continue  # Grammar.from_string rejects it
        text = to_glrkit(cfg)
        used = sorted(cfg.terminals)
        if used and rng.random() < 0.5:
            text = with_precedence(text, rng, used)
        assert_same_tables(Grammar.from_string(text))
        built += 1


# -- treebank-shaped grammars ------------------------------------------------------------------

PHRASE_LABELS = (
    "s sinv sq sbar sbarq vp np pp adjp advp qp whnp whpp whadvp prn frag ucp conjp nx "
    "prt intj lst rrc nac x"
)
TAG_LABELS = (
    "CC CD DT EX FW IN JJ JJR JJS LS MD NN NNS NNP NNPS PDT POS PRP PRP$ RB RBR RBS RP SYM "
    "TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ WRB , . : `` '' -LRB- -RRB- $ #"
)
PHRASES = PHRASE_LABELS.split()
TAGS = TAG_LABELS.split()


def treebank_like(rng: random.Random, n_rules: int) -> str:
    """A grammar shaped like one read off a treebank: a few dozen phrase labels, each with
    many long flat alternatives drawn from a label-specific pool, unary chains that form
    cycles, and an empty label standing for a trace so some tails are nullable."""
    pools = {
        p: rng.sample(PHRASES, 6) + rng.sample(TAGS, 12) + ["trace"] * (rng.random() < 0.3)
        for p in PHRASES
    }
    rules: dict[str, set[tuple[str, ...]]] = {p: set() for p in PHRASES}
    for p in PHRASES:
        rules[p].add((rng.choice(TAGS),))
    for _ in range(n_rules):
        p = PHRASES[min(int(rng.expovariate(0.25)), len(PHRASES) - 1)]
        length = min(1 + int(rng.expovariate(0.35)), 14)
        pool = pools[p]
        head = rng.choice(pool[:4])
        rules[p].add(tuple(head if rng.random() < 0.3 else rng.choice(pool) for _ in range(length)))

    def show(symbol: str) -> str:
        return symbol if symbol in rules or symbol == "trace" else '"' + symbol + '"'

    lines = ["%start top", r"%ignore /\s+/", "top : s | sinv | frag | np ;", "trace : %empty ;"]
    for p in PHRASES:
        alts = sorted(rules[p], key=lambda alt: (len(alt), alt))
        lines.append(f"{p} : " + " | ".join(" ".join(show(s) for s in alt) for alt in alts) + " ;")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(2))
def test_treebank_like_grammar(seed: int) -> None:
    grammar = Grammar.from_string(treebank_like(random.Random(seed), 250))
    assert len(grammar.rules) > 150
    assert_same_tables(grammar)


def ptb_trees(count: int) -> Iterator[object]:
    from glrkit.english.treebank import treebank_trees

    for k, tree in enumerate(treebank_trees(PTB_SAMPLE)):
        if k == count:
            return
        yield tree


@pytest.mark.skipif(not PTB_SAMPLE.is_dir(), reason="Penn Treebank sample not available")
@pytest.mark.parametrize("vertical", [1, 2])
def test_grammar_induced_from_the_penn_treebank_sample(vertical: int) -> None:
    from glrkit.english.induce import Annotation, induce
    from glrkit.english.treebank import TreebankTree

    trees = [t for t in ptb_trees(120) if isinstance(t, TreebankTree)]
    induced = induce(trees, Annotation(vertical=vertical))
    assert_same_tables(Grammar.from_string(induced.to_text()))
