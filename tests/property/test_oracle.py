"""glrkit against an independent derivation counter, on random grammars and inputs.

The reference is tests/support/oracle.py, which shares no code with glrkit. For every grammar:

* if its start symbol derives no string, Grammar.from_string must raise GrammarError;
* otherwise, for every input, Parser.parse (on the tokens joined by spaces) and
  Parser.parse_tokens must raise ParseError exactly when the oracle rejects, and forest.count()
  must equal the oracle's count, math.inf included;
* when there are at most TREE_LIMIT trees, forest.trees() must list exactly the oracle's trees
  (the same multiset of s-expressions, so duplicated alternatives are covered too), each a
  valid derivation whose leaves spell the input at the right offsets;
* for infinite or larger forests the first few trees must still be valid and distinct.

Two drivers: a Hypothesis property (profiles in conftest.py beside this file) and a seeded
differential run over a few thousand grammar/input pairs drawn from random.Random.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections import Counter
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

import glrkit
from glrkit import Grammar, Parser, Token, Tree
from support import time_limit
from support.oracle import (
    CFG,
    NONTERMINAL_NAMES,
    TERMINALS,
    Alternative,
    analyse,
    random_cfg,
    sample_sentence,
    to_glrkit,
)

TREE_LIMIT = 200  # list and compare all trees up to this many
PEEK = 5  # trees looked at when there are more than that (or infinitely many)
# A hang becomes a failure naming its case. Correct answers here take milliseconds.
PARSE_SECONDS = 20  # building a parser, parsing, counting, listing up to TREE_LIMIT trees
PEEK_SECONDS = 5  # the first PEEK trees of a forest with more (or infinitely many)


# --------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------


def token_offsets(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each token in " ".join(tokens)."""
    out: list[tuple[int, int]] = []
    at = 0
    for token in tokens:
        out.append((at, at + len(token)))
        at += len(token) + 1
    return out


def tree_problems(
    tree: Tree, cfg: CFG, tokens: Sequence[str], offsets: list[tuple[int, int]] | None
) -> list[str]:
    """What is wrong with one tree: root, rule use at every node, leaves, offsets.

    `offsets` are the tokens' places in the parsed text, or None for parse_tokens.
    """
    problems: list[str] = []
    if tree.symbol != cfg.start or tree.is_terminal:
        problems.append(f"root is {tree.symbol!r}, not the start symbol {cfg.start!r}")
    leaves: list[Tree] = []

    def matches(child: Tree, symbol: str) -> bool:
        if cfg.is_nonterminal(symbol):
            return not child.is_terminal and child.symbol == symbol
        return child.is_terminal and child.text == symbol

    def walk(node: Tree) -> tuple[int, int]:
        """Visit node; return the index range of the leaves below it."""
        first = len(leaves)
        if node.is_terminal:
            leaves.append(node)
            return first, first + 1
        alts: tuple[Alternative, ...] = cfg.rules.get(node.symbol, ())
        children = list(node.children)
        if not any(len(alt) == len(children) and all(map(matches, children, alt)) for alt in alts):
            shown = [c.text if c.is_terminal else c.symbol for c in children]
            problems.append(f"node {node.symbol} has children {shown}, which is no alternative")
        for child in children:
            walk(child)
        last = len(leaves)
        if offsets is not None:
            if last > first:
                want = (offsets[first][0], offsets[last - 1][1])
            else:
                # an empty node sits somewhere in the gap between its neighbouring tokens
                low = offsets[first - 1][1] if first > 0 else 0
                high = offsets[first][0] if first < len(offsets) else len(" ".join(tokens))
                if not (low <= node.start == node.end <= high):
                    problems.append(
                        f"empty node {node.symbol} at {node.start}..{node.end}, "
                        f"expected an empty range within {low}..{high}"
                    )
                return first, last
            if (node.start, node.end) != want:
                problems.append(
                    f"node {node.symbol} at {node.start}..{node.end}, expected {want[0]}..{want[1]}"
                )
        return first, last

    walk(tree)
    texts = [leaf.text for leaf in leaves]
    if texts != list(tokens):
        problems.append(f"leaves spell {texts}, not the input")
    elif offsets is not None:
        for leaf, (start, end) in zip(leaves, offsets, strict=True):
            if (leaf.start, leaf.end) != (start, end):
                problems.append(
                    f"leaf {leaf.text!r} at {leaf.start}..{leaf.end}, expected {start}..{end}"
                )
    return problems


def route_problems(
    how: str, parser: Parser, cfg: CFG, tokens: Sequence[str], tree_limit: int
) -> list[str]:
    """Everything glrkit gets wrong about one input through one route (parse, parse_tokens)."""
    problems: list[str] = []
    expected = analyse(cfg, tokens)
    want = expected.count
    text = " ".join(tokens)
    try:
        with time_limit(PARSE_SECONDS, f"{how}()"):
            forest = parser.parse(text) if how == "parse" else parser.parse_tokens(list(tokens))
    except glrkit.ParseError as error:
        if expected.accepts:
            problems.append(f"ParseError, but the oracle counts {want} trees: {error}")
        elif how == "parse" and not 0 <= error.offset <= len(text):
            problems.append(f"ParseError offset {error.offset} outside the input")
        return problems
    with time_limit(PARSE_SECONDS, "count()"):
        count = forest.count()
    if not expected.accepts:
        return [f"accepted (count {count!r}), but the oracle rejects"]
    if want == math.inf:
        if count != math.inf:
            problems.append(f"count() is {count!r}, expected math.inf")
    elif type(count) is not int or count != want:
        problems.append(f"count() is {count!r}, expected {want}")
    if forest.is_ambiguous != (want > 1):
        problems.append(f"is_ambiguous is {forest.is_ambiguous} with {want} trees")
    if want != math.inf and want <= tree_limit:
        with time_limit(PARSE_SECONDS, f"listing all {want} trees"):
            trees = list(forest.trees())
            again = [t.sexpr() for t in forest.trees()]
        got = [t.sexpr() for t in trees]
        listed = expected.trees()
        if len(got) != want:
            problems.append(f"trees() gave {len(got)} trees, expected {want}")
        if Counter(got) != Counter(listed):
            missing = list((Counter(listed) - Counter(got)).elements())[:3]
            extra = list((Counter(got) - Counter(listed)).elements())[:3]
            problems.append(f"trees differ; missing {missing}, unexpected {extra}")
        if again != got:
            problems.append("a second trees() call gave a different order")
    else:
        with time_limit(PEEK_SECONDS, f"taking the first {PEEK} of {want} trees"):
            trees = list(itertools.islice(forest.trees(), PEEK))
        got = [t.sexpr() for t in trees]
        if len(trees) < PEEK:
            problems.append(f"trees() stopped after {len(trees)} of {want} trees")
    if not cfg.has_duplicate_alternatives and len(set(got)) != len(got):
        problems.append(f"trees() repeats a tree: {sorted(got)[:PEEK]}")
    offsets = token_offsets(tokens) if how == "parse" else None
    for tree in trees:
        found = tree_problems(tree, cfg, tokens, offsets)
        if found:
            problems.append(f"tree {tree.sexpr()}: " + "; ".join(found[:3]))
            break
    return problems


def input_problems(parser: Parser, cfg: CFG, tokens: Sequence[str], tree_limit: int) -> list[str]:
    """Everything glrkit gets wrong about one input, through parse() and parse_tokens().

    A hang (see PARSE_SECONDS, PEEK_SECONDS) or a crash inside glrkit is a finding too.
    """
    problems: list[str] = []
    for how in ("parse", "parse_tokens"):
        try:
            found = route_problems(how, parser, cfg, tokens, tree_limit)
        except Exception as error:
            found = [f"{type(error).__name__}: {error}"]
        problems.extend(f"{how}: {p}" for p in found)
    return problems


def grammar_problems(
    cfg: CFG, inputs: Sequence[Sequence[str]], tree_limit: int = TREE_LIMIT
) -> list[str]:
    """Everything glrkit gets wrong about one grammar and a few inputs."""
    text = to_glrkit(cfg)
    try:
        with time_limit(PARSE_SECONDS, "reading the grammar and building the parser"):
            grammar = Grammar.from_string(text)
            parser = Parser(grammar, cache=False)
    except glrkit.GrammarError as error:
        if cfg.language_is_empty:
            return []
        return [f"GrammarError, but the start symbol derives strings: {error}"]
    except Exception as error:
        return [f"{type(error).__name__}: {error}"]
    if cfg.language_is_empty:
        return ["the start symbol derives no string, yet Grammar.from_string accepted it"]
    problems: list[str] = []
    for tokens in inputs:
        shown = " ".join(tokens)
        found = input_problems(parser, cfg, tokens, tree_limit)
        problems.extend(f"input {shown!r}: {p}" for p in found)
    return problems


def report(cfg: CFG, problems: Sequence[str]) -> str:
    return "grammar:\n" + to_glrkit(cfg) + "problems:\n  " + "\n  ".join(problems)


# --------------------------------------------------------------------------------------------
# Hypothesis
# --------------------------------------------------------------------------------------------

FEATURES = ("cycle", "left", "right", "hidden-left", "empty", "duplicate")


@st.composite
def cfgs(draw: st.DrawFn) -> CFG:
    """1-5 nonterminals over terminals a, b, c; alternatives of length 0-3 plus extras that
    make cycles, left/right/hidden-left recursion, empty and duplicated alternatives."""
    names = NONTERMINAL_NAMES[: draw(st.integers(1, 5))]
    symbol = st.sampled_from((*TERMINALS, *names))
    terminal = st.sampled_from(TERMINALS)
    rules: dict[str, list[Alternative]] = {}
    for name in names:
        alts = draw(st.lists(st.lists(symbol, max_size=3).map(tuple), min_size=1, max_size=3))
        for feature in draw(st.lists(st.sampled_from(FEATURES), max_size=2)):
            if feature == "cycle":
                alts.append((name,))
            elif feature == "left":
                alts.append((name, draw(terminal)))
            elif feature == "right":
                alts.append((draw(terminal), name))
            elif feature == "hidden-left":
                alts.append((draw(st.sampled_from(names)), name, draw(terminal)))
            elif feature == "empty":
                alts.append(())
            else:
                alts.append(draw(st.sampled_from(alts)))
        rules[name] = alts
    return CFG.of(rules, names[0])


@st.composite
def cases(draw: st.DrawFn) -> tuple[CFG, list[list[str]]]:
    """A grammar and 1-3 inputs: sentences sampled from it, or random strings of length 0-7."""
    cfg = draw(cfgs())
    rng = draw(st.randoms(use_true_random=False))
    inputs: list[list[str]] = []
    for _ in range(draw(st.integers(1, 3))):
        sentence = sample_sentence(cfg, rng, max_tokens=7) if draw(st.booleans()) else None
        if sentence is None:
            sentence = draw(st.lists(st.sampled_from(TERMINALS), max_size=7))
        inputs.append(sentence)
    return cfg, inputs


@given(cases())
def test_counts_trees_and_errors_match_the_oracle(case: tuple[CFG, list[list[str]]]) -> None:
    cfg, inputs = case
    problems = grammar_problems(cfg, inputs)
    assert not problems, report(cfg, problems)


@st.composite
def lexically_ambiguous_cases(draw: st.DrawFn) -> tuple[CFG, list[frozenset[str]]]:
    """A grammar and 0-6 tokens, each with a nonempty set of candidate terminals.

    Candidates are terminals the grammar uses (a name it does not know is a usage error).
    """
    cfg = draw(cfgs())
    if not cfg.terminals:
        return cfg, []
    kinds = st.frozensets(st.sampled_from(sorted(cfg.terminals)), min_size=1)
    return cfg, draw(st.lists(kinds, max_size=6))


@given(lexically_ambiguous_cases())
def test_lexically_ambiguous_tokens_match_the_oracle(
    case: tuple[CFG, list[frozenset[str]]],
) -> None:
    """parse_tokens with Token(kinds): every candidate kind of every token is tried, so the
    trees are those of all the plain token lists the candidates spell, added up."""
    cfg, tokens = case
    if cfg.language_is_empty:
        return
    expected = analyse(cfg, tokens)
    shown = [sorted(kinds) for kinds in tokens]
    with time_limit(PARSE_SECONDS, "parse_tokens with lexical ambiguity"):
        parser = Parser(Grammar.from_string(to_glrkit(cfg)), cache=False)
        try:
            forest = parser.parse_tokens([Token(kinds) for kinds in tokens])
        except glrkit.ParseError:
            problem = f"{shown}: ParseError, expected {expected.count} trees"
            assert not expected.accepts, report(cfg, [problem])
            return
        count = forest.count()
        got = (
            [t.sexpr() for t in forest.trees()]
            if expected.count != math.inf and expected.count <= TREE_LIMIT
            else None
        )
    assert expected.accepts, report(cfg, [f"{shown}: accepted, but the oracle rejects"])
    problem = f"{shown}: count() {count}, expected {expected.count}"
    assert count == expected.count, report(cfg, [problem])
    if got is not None:
        assert Counter(got) == Counter(expected.trees()), report(cfg, [f"{shown}: trees differ"])


# --------------------------------------------------------------------------------------------
# Seeded differential run
# --------------------------------------------------------------------------------------------

DIFFERENTIAL_SEED = 1986  # the year of Tomita's book
DIFFERENTIAL_GRAMMARS = 1200
DIFFERENTIAL_TREE_LIMIT = 40


def differential_inputs(cfg: CFG, rng: random.Random) -> list[list[str]]:
    """Three sampled sentences and two random strings, without repeats."""
    inputs: list[list[str]] = []
    for _ in range(3):
        sentence = sample_sentence(cfg, rng, max_tokens=7)
        if sentence is not None and sentence not in inputs:
            inputs.append(sentence)
    while len(inputs) < 5:
        tokens = [rng.choice(TERMINALS) for _ in range(rng.randint(0, 7))]
        if tokens not in inputs:
            inputs.append(tokens)
    return inputs


def test_seeded_differential_run() -> None:
    rng = random.Random(DIFFERENTIAL_SEED)
    began = time.monotonic()
    pairs = accepted = infinite = empty_languages = 0
    failures: list[str] = []
    for index in range(DIFFERENTIAL_GRAMMARS):
        cfg = random_cfg(rng)
        inputs = differential_inputs(cfg, rng)
        pairs += len(inputs)
        if cfg.language_is_empty:
            empty_languages += 1
        else:
            for tokens in inputs:
                result = analyse(cfg, tokens)
                accepted += result.accepts
                infinite += result.count == math.inf
        problems = grammar_problems(cfg, inputs, DIFFERENTIAL_TREE_LIMIT)
        if problems:
            failures.append(f"case {index}: " + report(cfg, problems))
    elapsed = time.monotonic() - began
    # The run must really exercise what it claims to.
    assert pairs >= 3000
    assert accepted >= pairs // 3, (accepted, pairs)
    assert infinite >= 100, infinite
    assert empty_languages >= 10, empty_languages
    assert not failures, (
        f"{len(failures)} of {DIFFERENTIAL_GRAMMARS} grammars disagree with the oracle "
        f"({elapsed:.0f}s); the first ones:\n\n" + "\n\n".join(failures[:5])
    )


LONG_RULE_SEED = 2007  # the year of BRNGLR
LONG_RULE_GRAMMARS = 200


def test_seeded_differential_run_with_long_rules() -> None:
    """Rules of 4-6 symbols over few terminals: reductions long enough for the engine to share
    their inner steps (partial nodes, expanded when a level ends), with nullable and
    ambiguous symbols inside, so many stack paths meet in one partial node."""
    rng = random.Random(LONG_RULE_SEED)
    failures: list[str] = []
    ambiguous = 0
    for index in range(LONG_RULE_GRAMMARS):
        cfg = random_cfg(rng, max_nonterminals=3, terminals=("a", "b"), max_length=3)
        rules = {name: list(alts) for name, alts in cfg.rules.items()}
        pool = ["a", "b", *rules]
        for name in rules:
            length = rng.randint(4, 6)
            rules[name].append(tuple(rng.choice(pool) for _ in range(length)))
        cfg = CFG.of(rules, cfg.start)
        inputs = differential_inputs(cfg, rng)
        inputs += [s for s in (sample_sentence(cfg, rng, max_tokens=10),) if s is not None]
        if not cfg.language_is_empty:
            for tokens in inputs:
                result = analyse(cfg, tokens)
                ambiguous += result.count != math.inf and result.count > 1
        problems = grammar_problems(cfg, inputs, DIFFERENTIAL_TREE_LIMIT)
        if problems:
            failures.append(f"case {index}: " + report(cfg, problems))
    assert ambiguous >= 50, ambiguous
    assert not failures, (
        f"{len(failures)} of {LONG_RULE_GRAMMARS} long-rule grammars disagree with the oracle; "
        "the first ones:\n\n" + "\n\n".join(failures[:5])
    )
