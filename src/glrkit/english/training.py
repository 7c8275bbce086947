"""``glrkit english train`` and ``glrkit english eval``: treebank grammars, measured.

``train`` reads Penn Treebank ``.mrg`` files, induces a probabilistic grammar
(:mod:`glrkit.english.induce`: plain, parent-annotated, markovized) and writes it as glrkit
grammar text. ``eval`` parses the sentences of a split with such a grammar and scores the
best parses against the gold trees (:mod:`glrkit.english.evalb`).

Input to the parser is a token lattice over part-of-speech tags. With ``--tags gold`` each
token has one kind, its gold tag. With ``--tags lexicon`` it has the tags
``Lexicon.default().sentence_tags`` allows (those the grammar has), and each reading gets a
lexical log-weight log P(word | tag) up to a per-word constant: P(tag | word) / P(tag), the
rare-word estimate of the Berkeley parser (Petrov et al., ACL 2006), with P(tag | word)
smoothed toward the tag distribution of the word's unknown-word signature (its shape and
suffix), estimated on words seen once (Good-Turing's intuition: rare words resemble unseen
ones). The lexical model is estimated at run time, in memory, from the training split;
nothing estimated from the treebank is written anywhere but the grammar file you ask for.

When the grammar was trained with tag splits (``train --tag-splits``), its terminals are
annotated tags (``IN^PP``): a token then offers every variant of each of its tags that the
grammar has (:class:`TokenKinds`), and the grammar's rules choose among them; parses are read
back to plain tags before scoring. The variants are told apart by a second lexical model,
of the annotated tags, P(word | ``IN^SBAR``) against P(word | ``IN^PP``), estimated the same
way from the annotated training trees, with gold tags as with lexicon tags: this is where
Klein & Manning's tag splits pay, for a split that only depends on the local tree (the
parent's label) renames the grammar's rules one to one and adds nothing to it alone.

Sentences the grammar cannot derive are counted and scored as a flat ``(S tag ...)`` tree.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glrkit import Forest, GlrkitError, Grammar, Parser, Token, Tree
from glrkit.english.evalb import Evaluation
from glrkit.english.induce import (
    TAG_SPLITS,
    Annotation,
    annotated_leaves,
    induce,
    tag_splits_of,
    tag_variants,
    unannotate,
    word_class,
)
from glrkit.english.lexicon import Lexicon
from glrkit.english.treebank import TreebankTree, split_files, treebank_trees

__all__ = [
    "LexicalModel",
    "Report",
    "TokenKinds",
    "eval_main",
    "evaluate",
    "signature",
    "train_main",
]

FALLBACK_LABEL = "S"

_SUFFIXES = (
    "ing", "ed", "ly", "ion", "ity", "ness", "ment", "able", "ible", "ous", "ive", "al",
    "est", "er", "ic", "ful", "less", "ies", "es", "s", "y",
)  # fmt: skip


def signature(word: str, initial: bool) -> str:
    """The unknown-word class of a word: its shape (digits, dashes, capitals, position)
    and a common suffix, as in ``UNK-Cap-ing``."""
    parts = ["UNK"]
    if any(ch.isdigit() for ch in word):
        parts.append("Num" if all(ch.isdigit() or ch in ",.-/:" for ch in word) else "Dig")
    if "-" in word.strip("-"):
        parts.append("Dash")
    if word.isupper() and any(ch.isalpha() for ch in word):
        parts.append("Caps")
    elif word[:1].isupper():
        parts.append("Init" if initial else "Cap")
    elif any(ch.isalpha() for ch in word) and not word.islower():
        parts.append("Mixed")
    lower = word.lower()
    for suffix in _SUFFIXES:
        if len(lower) > len(suffix) + 2 and lower.endswith(suffix):
            parts.append(suffix)
            break
    return "-".join(parts)


class LexicalModel:
    """P(tag | word) and P(tag) from tagged training sentences; see the module docstring.

    ``smoothing`` is how many pseudo-counts of the word's signature distribution a seen
    word's own counts are mixed with.
    """

    def __init__(self, smoothing: float = 0.5) -> None:
        self.smoothing = smoothing
        self.word_tag: dict[str, Counter[str]] = {}
        self.tag_counts: Counter[str] = Counter()
        self._sig_tag: dict[str, Counter[str]] = {}
        self._rare: Counter[str] = Counter()

    def fit(self, sentences: Sequence[Sequence[tuple[str, str]]]) -> LexicalModel:
        """Count (tag, word) pairs; signatures are learnt from the words seen once."""
        for leaves in sentences:
            for tag, word in leaves:
                self.word_tag.setdefault(word, Counter())[tag] += 1
                self.tag_counts[tag] += 1
        for leaves in sentences:
            for i, (tag, word) in enumerate(leaves):
                if sum(self.word_tag[word].values()) == 1:
                    self._sig_tag.setdefault(signature(word, i == 0), Counter())[tag] += 1
                    self._rare[tag] += 1
        return self

    def _p_rare(self, tag: str) -> float:
        total = sum(self._rare.values())
        return (self._rare[tag] + 0.01) / (total + 0.01 * max(len(self.tag_counts), 1))

    def tag_given_signature(self, tag: str, sig: str) -> float:
        counts = self._sig_tag.get(sig, Counter())
        return (counts[tag] + self._p_rare(tag)) / (sum(counts.values()) + 1.0)

    def tag_given_word(self, tag: str, word: str, initial: bool) -> float:
        prior = self.tag_given_signature(tag, signature(word, initial))
        counts = self.word_tag.get(word)
        if counts is None:
            return prior
        return (counts[tag] + self.smoothing * prior) / (sum(counts.values()) + self.smoothing)

    def log_weight(self, tag: str, word: str, initial: bool) -> float:
        """log P(tag | word) - log P(tag): log P(word | tag) up to a constant per word."""
        total = sum(self.tag_counts.values())
        p_tag = (self.tag_counts[tag] + 1.0) / (total + len(self.tag_counts) + 1.0)
        return math.log(self.tag_given_word(tag, word, initial)) - math.log(p_tag)

    def likely_tags(self, word: str, initial: bool, limit: int = 4) -> list[str]:
        """The most probable tags of a word (a fallback when the lexicon offers none)."""
        scored = sorted(self.tag_counts, key=lambda t: -self.tag_given_word(t, word, initial))
        return scored[:limit]


# -- training -----------------------------------------------------------------------------------


def train_main(argv: list[str]) -> int:
    """``glrkit english train --treebank DIR [--split train] [--parent] [--markov H]
    [--vertical V] [--splits] [--tag-splits [NAMES]] --out GRAMMAR.glr``."""
    parser = argparse.ArgumentParser(
        prog="glrkit english train",
        description="Induce a probabilistic grammar from Penn Treebank .mrg files.",
    )
    parser.add_argument("--treebank", required=True, help="folder of wsj_NNNN.mrg files")
    parser.add_argument("--split", default="train", help="train, test, all or a range A-B")
    parser.add_argument("--parent", action="store_true", help="parent annotation (v = 2)")
    parser.add_argument("--vertical", type=int, default=None, help="vertical order v")
    parser.add_argument("--markov", type=int, default=None, help="horizontal order h")
    parser.add_argument(
        "--splits",
        action="store_true",
        help="Klein & Manning's phrase splits (verb kind, base NP, ...)",
    )
    parser.add_argument(
        "--tag-splits",
        nargs="?",
        const="all",
        default="",
        metavar="NAMES",
        help="Klein & Manning's tag splits, comma-separated, of "
        f"{','.join(TAG_SPLITS)} (alone: all of them)",
    )
    parser.add_argument("--out", required=True, help="grammar file to write")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return 0 if stop.code == 0 else 2
    vertical = args.vertical if args.vertical is not None else (2 if args.parent else 1)
    try:
        annotation = Annotation(vertical, args.markov, args.splits, _tag_splits(args.tag_splits))
        files = split_files(args.treebank, args.split)
    except ValueError as error:
        print(f"glrkit english train: {error}", file=sys.stderr)
        return 2
    if not files:
        print(
            f"glrkit english train: no .mrg files of split {args.split!r} in {args.treebank}",
            file=sys.stderr,
        )
        return 2
    trees = list(treebank_trees(args.treebank, args.split))
    grammar = induce(trees, annotation)
    header = (
        f"glrkit english train --split {args.split} ({len(files)} files)\n"
        "Estimated from a treebank: the treebank's terms of use apply to this file too."
    )
    Path(args.out).write_text(grammar.to_text(header), encoding="utf-8")
    print(
        f"{args.out}: {grammar.n_rules} rules, {len(grammar.counts)} nonterminals, "
        f"{len(grammar.tags())} tags, from {grammar.trees} trees ({annotation.describe()})"
    )
    return 0


def _tag_splits(text: str) -> frozenset[str]:
    """``--tag-splits`` as a set of names: ``all``, or a comma-separated list."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    return frozenset(TAG_SPLITS) if names == ["all"] else frozenset(names)


# -- evaluation ---------------------------------------------------------------------------------


@dataclass
class Report:
    """What an evaluation run measured."""

    scores: Evaluation = field(default_factory=Evaluation)
    parsed: int = 0  # sentences the grammar derives
    failed: int = 0  # scored with the flat fallback
    skipped: int = 0  # longer than the length limit
    tokens: int = 0
    fallback_tokens: int = 0  # lexicon tags none of which the grammar has
    seconds: float = 0.0  # parsing and best-tree time (CPU seconds of this process)
    table_seconds: float = 0.0

    @property
    def sentences(self) -> int:
        return self.parsed + self.failed

    @property
    def coverage(self) -> float:
        return self.parsed / self.sentences if self.sentences else 0.0

    def to_text(self) -> str:
        s = self.scores
        rate = self.sentences / self.seconds if self.seconds else 0.0
        lines = [
            f"sentences        {self.sentences} (skipped as too long: {self.skipped})",
            f"coverage         {self.parsed}/{self.sentences} = {self.coverage:.2%}"
            f" (the rest scored as flat ({FALLBACK_LABEL} ...))",
            f"bracket P / R    {s.precision:.2%} / {s.recall:.2%}"
            f"  ({s.matched} matched, {s.gold} gold, {s.test} test)",
            f"bracket F1       {s.f1:.2%}",
            f"exact match      {s.exact}/{s.sentences}",
            f"tagging accuracy {s.tagging_accuracy:.2%} ({s.tags_correct}/{s.words} words)",
        ]
        if self.fallback_tokens:
            lines.append(f"lexicon fallback {self.fallback_tokens}/{self.tokens} tokens")
        lines.append(
            f"speed            {rate:.2f} sentences/s ({self.seconds:.1f} CPU s parsing;"
            f" {self.table_seconds:.1f} CPU s tables)"
        )
        return "\n".join(lines)


def grammar_tags(grammar: Grammar) -> dict[str, str]:
    """Tag -> the grammar's name for it (literal terminals are named ``'"NN"'``)."""
    out: dict[str, str] = {}
    for terminal in grammar.terminals[1:]:
        name = terminal.name
        tag = name[1:-1].replace('\\"', '"').replace("\\\\", "\\") if name[:1] == '"' else name
        out[tag] = name
    return out


class TokenKinds:
    """The token kinds a (tag, word) may have in a grammar: the grammar's variants of the
    tag (one, the tag itself, in a grammar without tag splits; ``IN^PP``, ``IN^SBAR``, ...
    with them), restricted to the word's class when the grammar splits it
    (:func:`~glrkit.english.induce.word_class`). Which splits were used is read off the
    grammar's terminals, so a grammar file is all ``eval`` needs."""

    def __init__(self, grammar: Grammar) -> None:
        self.names = grammar_tags(grammar)  # annotated tag -> grammar name
        self.tag_of = {name: tag for tag, name in self.names.items()}
        self.variants = {
            key: tuple(self.names[t] for t in tags)
            for key, tags in tag_variants(self.names).items()
        }
        self.tags = {base for base, _cls in self.variants}

    def kinds(self, tag: str, word: str) -> tuple[str, ...]:
        """The grammar names a token of this tag and word may be; empty if none."""
        cls = word_class(tag, word, TAG_SPLITS)
        if cls is not None and (tag, cls) in self.variants:
            return self.variants[(tag, cls)]
        return self.variants.get((tag, None), ())


def to_treebank(tree: Tree, words: Sequence[str]) -> TreebankTree:
    """A derivation of an induced grammar as a Treebank tree (labels and tags restored).

    Preorder with an explicit stack: siblings are visited left to right, so leaves meet
    the words in order, whatever the depth."""
    root = TreebankTree(tree.symbol)
    stack = [(child, root) for child in reversed(tree.children)]
    index = 0
    while stack:
        node, parent = stack.pop()
        if node.is_terminal:
            tag = node.symbol[1:-1] if node.symbol[:1] == '"' else node.symbol
            parent.children.append(TreebankTree(tag, (), words[index]))
            index += 1
        else:
            twin = TreebankTree(node.symbol)
            parent.children.append(twin)
            stack.extend((child, twin) for child in reversed(node.children))
    return unannotate(root)


def flat_tree(tags: Sequence[str], words: Sequence[str]) -> TreebankTree:
    """The fallback parse: one ``S`` over the words."""
    leaves = [TreebankTree(t, (), w) for t, w in zip(tags, words, strict=True)]
    return TreebankTree("", [TreebankTree(FALLBACK_LABEL, leaves)])


TokenWeights = Callable[[int, str], float]


def evaluate(
    grammar: Grammar,
    gold: Sequence[TreebankTree],
    *,
    tags: str = "gold",
    lexical: LexicalModel | None = None,
    tag_model: LexicalModel | None = None,
    parser: Parser | None = None,
    progress: Callable[[int, TreebankTree, TreebankTree, float], None] | None = None,
) -> Report:
    """Parse each gold tree's words and score the best parse against it.

    ``lexical`` (needed for lexicon tags) is P(word | tag) over plain tags; ``tag_model``,
    for a grammar with tag splits, is P(word | annotated tag) and then weighs the variants.
    """
    report = Report()
    started = time.process_time()
    parser = parser or Parser(grammar)
    report.table_seconds = time.process_time() - started
    kinds = TokenKinds(grammar)
    lexicon = Lexicon.default() if tags == "lexicon" else None
    if lexicon is not None and lexical is None:
        raise ValueError("lexicon tags need a lexical model (P(word | tag))")
    for number, tree in enumerate(gold):
        leaves = tree.leaves()
        words = [w for _t, w in leaves]
        report.tokens += len(words)
        weights: TokenWeights | None = None
        if lexicon is None:
            readings = [[t] for t, _w in leaves]
        else:
            assert lexical is not None
            readings, fallbacks = _lexicon_readings(lexicon, lexical, words, kinds)
            report.fallback_tokens += fallbacks
            weights = _token_weights(lexical, words, readings, kinds)
        if tag_model is not None:
            weights = _token_weights(tag_model, words, readings, kinds, annotated=True)
        began = time.process_time()
        test = _parse(parser, kinds, words, readings, weights)
        report.seconds += time.process_time() - began
        if test is None:
            report.failed += 1
            test = flat_tree(_fallback_tags(readings, words, lexical), words)
        else:
            report.parsed += 1
        report.scores.add(tree, test)
        if progress is not None:
            progress(number, tree, test, time.process_time() - began)
    return report


def _parse(
    parser: Parser,
    kinds: TokenKinds,
    words: list[str],
    readings: list[list[str]],
    weights: TokenWeights | None,
) -> TreebankTree | None:
    try:
        tokens = [_token(kinds, tags, word) for tags, word in zip(readings, words, strict=True)]
        forest: Forest = parser.parse_tokens(tokens)
        best = forest.best(token_weights=weights) if weights is not None else forest.best()
    except (KeyError, GlrkitError):  # a tag the grammar lacks, or no derivation
        return None
    return to_treebank(best, words)


def _token(kinds: TokenKinds, tags: list[str], word: str) -> Token:
    """A token offering every variant of each of its tags; KeyError if the grammar has none."""
    offered = tuple(kind for tag in tags for kind in kinds.kinds(tag, word))
    if not offered:
        raise KeyError(word)
    return Token(offered, word)


def _lexicon_readings(
    lexicon: Lexicon, model: LexicalModel, words: list[str], kinds: TokenKinds
) -> tuple[list[list[str]], int]:
    readings: list[list[str]] = []
    fallbacks = 0
    for i, offered in enumerate(lexicon.sentence_tags(words)):
        word = words[i]
        kept = sorted(t for t in offered if kinds.kinds(t, word))
        if not kept:
            fallbacks += 1
            kept = [t for t in model.likely_tags(word, i == 0) if kinds.kinds(t, word)][:2]
        readings.append(kept or [min(kinds.tags)])
    return readings, fallbacks


def _token_weights(
    model: LexicalModel,
    words: list[str],
    readings: list[list[str]],
    kinds: TokenKinds,
    *,
    annotated: bool = False,
) -> TokenWeights:
    """Lexical log-weights by token kind: by the variant's annotated tag when ``model`` is
    over annotated tags, else every variant weighs what its base tag does."""
    table: dict[tuple[int, str], float] = {}
    for i, (word, tags) in enumerate(zip(words, readings, strict=True)):
        for tag in tags:
            base = None if annotated else model.log_weight(tag, word, i == 0)
            for kind in kinds.kinds(tag, word):
                cost = model.log_weight(kinds.tag_of[kind], word, i == 0) if base is None else base
                table[(i, kind)] = cost

    def weight(index: int, kind: str) -> float:
        return table.get((index, kind), 0.0)

    return weight


def _fallback_tags(
    readings: list[list[str]], words: list[str], model: LexicalModel | None
) -> list[str]:
    """The tags of a flat fallback tree: the only reading, or the lexically best one."""
    if model is None:
        return [tags[0] for tags in readings]
    chosen: list[str] = []
    for i, (tags, word) in enumerate(zip(readings, words, strict=True)):
        weights = {t: model.log_weight(t, word, i == 0) for t in tags}
        chosen.append(max(tags, key=weights.__getitem__))
    return chosen


def eval_main(argv: list[str]) -> int:
    """``glrkit english eval --treebank DIR --grammar GRAMMAR.glr [--tags gold|lexicon]
    [--split test] [--train-split train] [--limit N] [--max-length N] [--no-tag-lexicon]``."""
    parser = argparse.ArgumentParser(
        prog="glrkit english eval",
        description="Parse a treebank split with an induced grammar; labelled bracket "
        "precision, recall, F1 (evalb conventions) and tagging accuracy.",
    )
    parser.add_argument("--treebank", required=True, help="folder of wsj_NNNN.mrg files")
    parser.add_argument("--grammar", required=True, help="a grammar from glrkit english train")
    parser.add_argument("--tags", choices=("gold", "lexicon"), default="gold")
    parser.add_argument("--split", default="test", help="the sentences to parse")
    parser.add_argument(
        "--train-split", default="train", help="where P(word | tag) is estimated for --tags lexicon"
    )
    parser.add_argument("--limit", type=int, default=None, help="at most N sentences")
    parser.add_argument(
        "--max-length", type=int, default=None, help="skip sentences of more than N words"
    )
    parser.add_argument(
        "--tag-lexicon",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="for a grammar with tag splits, weigh each tag's variants by P(word | variant)",
    )
    parser.add_argument("--verbose", action="store_true", help="one line per sentence")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return 0 if stop.code == 0 else 2
    try:
        text = Path(args.grammar).read_text(encoding="utf-8")
        grammar = Grammar.from_string(text, source_name=args.grammar)
        gold = list(treebank_trees(args.treebank, args.split))
    except (OSError, ValueError, GlrkitError) as error:
        print(f"glrkit english eval: {error}", file=sys.stderr)
        return 2
    if not gold:
        print(
            f"glrkit english eval: no trees in split {args.split!r} of {args.treebank}",
            file=sys.stderr,
        )
        return 2
    limit = args.max_length
    chosen = [t for t in gold if limit is None or len(t.leaves()) <= limit]
    skipped = len(gold) - len(chosen)
    chosen = chosen[: args.limit]
    lexical = tag_model = None
    if args.tags == "lexicon":
        lexical = LexicalModel().fit(
            [t.leaves() for t in treebank_trees(args.treebank, args.train_split)]
        )
    splits = tag_splits_of(text)
    if splits and args.tag_lexicon:
        tag_model = LexicalModel().fit(
            [annotated_leaves(t, splits) for t in treebank_trees(args.treebank, args.train_split)]
        )

    def show(number: int, gold_tree: TreebankTree, test: TreebankTree, seconds: float) -> None:
        if args.verbose:
            print(
                f"{number + 1:5d} {len(gold_tree.leaves()):3d} words {seconds:7.2f} s", flush=True
            )

    report = evaluate(
        grammar, chosen, tags=args.tags, lexical=lexical, tag_model=tag_model, progress=show
    )
    report.skipped = skipped
    print(f"grammar {args.grammar}, {args.tags} tags, split {args.split}")
    print(report.to_text())
    peak = peak_memory_mb()
    if peak is not None:
        print(f"peak memory      {peak:.0f} MB")
    return 0


def peak_memory_mb() -> float | None:
    """This process's peak resident memory (None where the platform does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
