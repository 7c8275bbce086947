"""Labelled bracket scores (PARSEVAL, with evalb's conventions) and tagging accuracy.

PARSEVAL (Black et al., "A procedure for quantitatively comparing the syntactic coverage of
English grammars", 1991) compares the constituents of a parse with the gold tree's as
labelled spans; Sekine & Collins' ``evalb`` program, with its ``COLLINS.prm`` settings, fixed
the details everyone reports with, and so do we:

- a bracket is (label, first word, last word) over the sentence's words, where punctuation
  (words whose *gold* tag is ``,`` ``:`` ``.`` `````` or ``''``) and empty elements
  (``-NONE-``) do not count as words, so a constituent that holds nothing else is dropped;
- labels lose function tags and indices (``NP-SBJ-1`` -> ``NP``), and ``PRT`` counts as
  ``ADVP``;
- the unlabelled root (``TOP`` or ``ROOT`` where a treebank names it) and the preterminals
  are not brackets (the sentence's ``S`` is);
- brackets are matched as a multiset: two gold NPs over the same words need two NPs;
- tagging accuracy is over the same words (punctuation and empty elements left out).

Precision, recall and F1 are over the whole corpus (matched brackets summed first), as
evalb's summary gives them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from glrkit.english.treebank import EMPTY, TreebankTree, clean, clean_label

__all__ = ["PUNCTUATION", "Evaluation", "MismatchError", "SentenceScore", "brackets", "score"]

PUNCTUATION = frozenset({",", ":", ".", "``", "''"})
EQUIVALENT = {"PRT": "ADVP"}
_ROOTS = frozenset({"TOP", "ROOT"})  # root labels other treebanks use for the bare root

Bracket = tuple[str, int, int]


class MismatchError(ValueError):
    """The two trees are not over the same words."""


def _scored_positions(gold: TreebankTree) -> list[bool]:
    return [tag not in PUNCTUATION and tag != EMPTY for tag, _word in gold.leaves()]


def brackets(tree: TreebankTree, scored: list[bool]) -> Counter[Bracket]:
    """The labelled brackets of a tree; ``scored[i]`` says whether leaf i counts as a word.

    Spans are (start, end) in counted words, end exclusive. Iterative post-order.
    """
    found: Counter[Bracket] = Counter()
    position = 0  # leaves seen so far
    counted = 0  # scored words seen so far
    # (node, expanded, counted words before it)
    stack: list[tuple[TreebankTree, bool, int]] = [(tree, False, 0)]
    while stack:
        node, expanded, before = stack.pop()
        if node.word is not None:
            if position >= len(scored):
                raise MismatchError("the tree has more words than its gold tree")
            if scored[position]:
                counted += 1
            position += 1
            continue
        if not expanded:
            stack.append((node, True, counted))
            stack.extend((child, False, 0) for child in reversed(node.children))
            continue
        if not node.label or counted == before or (node is tree and node.label in _ROOTS):
            continue
        label = clean_label(node.label)
        found[(EQUIVALENT.get(label, label), before, counted)] += 1
    if position != len(scored):
        raise MismatchError("the tree has fewer words than its gold tree")
    return found


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """Counts for one sentence."""

    matched: int
    gold: int
    test: int
    tags_correct: int
    words: int

    @property
    def exact(self) -> bool:
        return self.matched == self.gold == self.test


def score(gold: TreebankTree, test: TreebankTree) -> SentenceScore:
    """Compare a parse with its gold tree; both must be over the same words once empty
    elements are removed (:func:`~glrkit.english.treebank.clean` is applied to both)."""
    cleaned_gold, cleaned_test = clean(gold), clean(test)
    if cleaned_gold is None or cleaned_test is None:
        if cleaned_gold is None and cleaned_test is None:
            return SentenceScore(0, 0, 0, 0, 0)
        raise MismatchError("one tree has words and the other none")
    gold, test = cleaned_gold, cleaned_test
    gold_leaves = gold.leaves()
    test_leaves = test.leaves()
    if [w for _t, w in gold_leaves] != [w for _t, w in test_leaves]:
        raise MismatchError("the trees are not over the same words")
    scored = _scored_positions(gold)
    g = brackets(gold, scored)
    t = brackets(test, scored)
    matched = sum((g & t).values())
    tags = sum(
        1
        for keep, (gt, _w), (tt, _v) in zip(scored, gold_leaves, test_leaves, strict=True)
        if keep and gt == tt
    )
    return SentenceScore(matched, sum(g.values()), sum(t.values()), tags, sum(scored))


@dataclass
class Evaluation:
    """Corpus totals: add sentence scores, read precision, recall, F1, tagging accuracy."""

    matched: int = 0
    gold: int = 0
    test: int = 0
    tags_correct: int = 0
    words: int = 0
    sentences: int = 0
    exact: int = 0
    scores: list[SentenceScore] = field(default_factory=list, repr=False)

    def add(self, gold: TreebankTree, test: TreebankTree) -> SentenceScore:
        s = score(gold, test)
        self.add_score(s)
        return s

    def add_score(self, s: SentenceScore) -> None:
        self.matched += s.matched
        self.gold += s.gold
        self.test += s.test
        self.tags_correct += s.tags_correct
        self.words += s.words
        self.sentences += 1
        self.exact += s.exact
        self.scores.append(s)

    @property
    def precision(self) -> float:
        return self.matched / self.test if self.test else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def tagging_accuracy(self) -> float:
        return self.tags_correct / self.words if self.words else 0.0
