"""The English pipeline: raw news text -> repaired sentences -> weighted parses.

:func:`analyse` runs every step: :func:`~glrkit.english.prepare` repairs the text and
cuts it into sentences and headlines of Treebank tokens; the lexicon gives each token its
candidate tags, which become the grammar's terminal kinds (:mod:`glrkit.english.kinds`);
the GLR parser builds the forest of every parse; the forest's exact count is the
sentence's ambiguity; the best tree under the grammar's rule weights plus the lexical
weights (:mod:`glrkit.english.lexical`) is the analysis.

A sentence the grammar does not accept whole is parsed again from the fragment start
(:mod:`glrkit.english.grammar`): the best sequence of the largest constituents, under a
FRAG bracket, with ``fragment=True``.  No sentence is left without an analysis.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from glrkit import ParseError, Token
from glrkit.english import Change, Lexicon, prepare
from glrkit.english.grammar import FRAGMENT_START, SENTENCE_START, label_of, parser_for
from glrkit.english.kinds import kinds_of, tag_of
from glrkit.english.lexical import tag_weights
from glrkit.english.penn import PennTree
from glrkit.english.scoring import best

__all__ = ["Analysis", "SentenceResult", "Summary", "analyse", "analyse_words"]

_NAMES = frozenset({"NNP", "NNPS"})

@dataclass(frozen=True, slots=True)
class SentenceResult:
    """One sentence or headline and its analysis.

    ``count`` is the exact number of full parses in the forest (0 when the grammar
    rejected the sentence and ``tree`` is a fragment analysis); ``score`` is the best
    tree's log-weight; ``tags`` the part-of-speech tags that tree chose.
    """

    text: str
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    count: int | float
    tree: PennTree
    fragment: bool
    score: float
    headline: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "tokens": list(self.tokens),
            "tags": list(self.tags),
            "parses": "inf" if self.count == math.inf else self.count,
            "fragment": self.fragment,
            "headline": self.headline,
            "score": round(self.score, 4),
            "tree": self.tree.to_list(),
            "penn": self.tree.sexpr(),
            "seconds": round(self.seconds, 4),
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals over a text.  Ambiguity is summarised over the fully parsed sentences by the
    geometric mean and the median of their parse counts (the arithmetic mean of counts
    that span many orders of magnitude says only how large the largest one is)."""

    sentences: int
    full: int
    fragments: int
    geometric_mean_parses: float
    median_parses: float
    seconds: float

    @property
    def coverage(self) -> float:
        return self.full / self.sentences if self.sentences else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "full_parses": self.full,
            "fragments": self.fragments,
            "coverage": round(self.coverage, 4),
            "geometric_mean_parses": round(self.geometric_mean_parses, 2),
            "median_parses": self.median_parses,
            "seconds": round(self.seconds, 3),
            "sentences_per_second": round(self.sentences / self.seconds, 2)
            if self.seconds
            else None,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """The repaired text, the repairs made, and one result per sentence in order."""

    text: str
    changes: tuple[Change, ...]
    sentences: tuple[SentenceResult, ...]
    summary: Summary = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", summarise(self.sentences))

    def to_dict(self) -> dict[str, Any]:
        return {
            "repairs": [
                {"offset": c.offset, "before": c.before, "after": c.after, "reason": c.reason}
                for c in self.changes
            ],
            "sentences": [s.to_dict() for s in self.sentences],
            "summary": self.summary.to_dict(),
        }


def summarise(results: Sequence[SentenceResult]) -> Summary:
    counts = [r.count for r in results if not r.fragment]
    finite = [c for c in counts if c != math.inf and c > 0]
    geometric = (
        math.exp(sum(math.log(c) for c in finite) / len(finite)) if finite else 0.0
    )
    return Summary(
        sentences=len(results),
        full=len(counts),
        fragments=len(results) - len(counts),
        geometric_mean_parses=geometric,
        median_parses=float(statistics.median(counts)) if counts else 0.0,
        seconds=sum(r.seconds for r in results),
    )


def analyse(text: str, *, lexicon: Lexicon | None = None) -> Analysis:
    """Repair ``text``, cut it into sentences and parse each one."""
    lexicon = lexicon or Lexicon.default()
    parser_for(SENTENCE_START)  # load the tables before the clock starts
    parser_for(FRAGMENT_START)
    document = prepare(text)
    results = []
    for sentence in document.sentences:
        words = [w.text for w in sentence.tokens]
        result = analyse_words(words, lexicon=lexicon, headline=sentence.is_headline)
        results.append(_with_text(result, sentence.text))
    return Analysis(document.text, document.repaired.changes, tuple(results))


def analyse_words(
    words: Sequence[str],
    *,
    tags: Sequence[frozenset[str]] | None = None,
    lexicon: Lexicon | None = None,
    headline: bool = False,
) -> SentenceResult:
    """Parse one tokenized sentence (Treebank tokens); ``tags`` default to the lexicon's.

    An empty sentence has nothing to parse: it gets an empty FRAG.
    """
    started = time.perf_counter()
    if not words:
        return SentenceResult("", (), (), 0, PennTree("FRAG"), True, 0.0, headline)
    lexicon = lexicon or Lexicon.default()
    if tags is None:
        tags = lexicon.sentence_tags(words)
    tokens = [Token(kinds_of(w, t) or ("NN",), w) for w, t in zip(words, tags, strict=True)]
    def known(word: str) -> bool:  # listed, or an inflection of a listed word: not a name only
        return not lexicon.tags(word) <= _NAMES

    weights = tag_weights(words, tags, headline=headline, known=known)

    def token_weight(index: int, kind: str) -> float:
        return weights[index].get(tag_of(kind), -8.0)

    fragment = False
    try:
        forest = parser_for(SENTENCE_START).parse_tokens(tokens)
        count: int | float = forest.count()
    except ParseError:
        forest = parser_for(FRAGMENT_START).parse_tokens(tokens)
        count, fragment = 0, True
    score, tree = best(forest, words, token_weight, label_of, "FRAG" if fragment else "S")
    return SentenceResult(
        text=" ".join(words),
        tokens=tuple(words),
        tags=tuple(tree.tags()),
        count=count,
        tree=tree,
        fragment=fragment,
        score=score,
        headline=headline,
        seconds=time.perf_counter() - started,
    )


def _with_text(result: SentenceResult, text: str) -> SentenceResult:
    return SentenceResult(
        text=text,
        tokens=result.tokens,
        tags=result.tags,
        count=result.count,
        tree=result.tree,
        fragment=result.fragment,
        score=result.score,
        headline=result.headline,
        seconds=result.seconds,
    )
