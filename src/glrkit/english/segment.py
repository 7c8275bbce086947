"""Sentence segmentation: headlines, paragraphs and sentences with their tokens.

The parser works on one sentence at a time, so a document must first be cut into units.
News text has two kinds: *headlines* (titles, bylines, datelines: a line with no final
punctuation) and *sentences* inside paragraphs.  Headlines are kept as units of their own
and flagged, because the grammar treats them differently (they are often noun phrases or
verbless clauses).

Sentence ends are found at ``.``, ``!``, ``?`` and ellipses, with any closing quotes and
brackets after them (``..." He said`` ends after the quote; ``...," he said.`` does not end
at the comma), when whitespace and then a plausible sentence start follow.  A period after
an abbreviation is the hard case: after a title (``Mr.``, ``Dr.``) it never ends a sentence;
after other abbreviations and initials (``Inc.``, ``U.S.``, ``Jan.``, ``J.``) it ends one
only when the next word is one that typically starts a sentence (``The``, ``He``, ``But``),
so that ``the U.S. Senate`` and ``John F. Kennedy`` stay whole but ``... in the U.S. The
talks ...`` is split.  Dashes never end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glrkit.english._closed import wordset
from glrkit.english.tokenize import TITLES, Word, is_abbreviation, tokenize

__all__ = ["Sentence", "sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence or headline: its text, ``[start, end)`` span, and its tokens."""

    text: str
    start: int
    end: int
    is_headline: bool
    tokens: tuple[Word, ...]


# Capitalised words that commonly open a sentence; after an abbreviation such a word is
# taken as evidence that the abbreviation's period also ended the sentence.
_STARTERS = wordset(
    """the a an this that these those there here it its he she they we i you his her their
    our my your but and or so yet if when while although though because after before since
    as in on at for from by with of to into during under over about among despite without
    also however meanwhile still then now today yesterday tomorrow some many most all both
    each every no not one two three several few other such what which who whom where why
    how mr mrs ms dr"""
)

# Before a number these abbreviations are followed by it ("No. 1", "Vol. 3").
_BEFORE_NUMBER = wordset("no nos vol vols p pp fig art sec ch op")

_LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line without its surrounding blanks
_FINAL_PUNCT = re.compile(r"""[.!?:;,…]["'”’)\]}]*$""")
_CANDIDATE = re.compile(r"""(?:\.\.+|…|[.!?]+)["'”’)\]}]*(?=\s)""")
_OPENERS = "\"'“‘(["
_CONNECTIVES = wordset("a an the of to and or but in on at for by with from as")
_SMALL_WORDS = _CONNECTIVES | frozenset({"is", "are", "vs", "vs."})


def _title_cased(line: str) -> bool:
    """Whether most words of a line are capitalised, as in headlines."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", line) if w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.75 * len(words)


def _is_headline(line: str, next_line: str | None) -> bool:
    """A line without final punctuation that is not a hard-wrapped part of a paragraph.

    Hard-wrapped text also has lines without final punctuation; they are told apart by
    what follows (a lowercase continuation, a hyphen or a connective at the line end) and
    by length: wrapped lines run to the wrap width, headlines are short or title-cased.
    """
    if _FINAL_PUNCT.search(line):
        return False
    if next_line is None:
        return True
    first = next_line.lstrip()[:1]
    if first.islower() or line.endswith("-"):
        return False
    last_word = line.rsplit(None, 1)[-1].lower()
    if last_word in _CONNECTIVES:
        return False
    return len(line) < 50 or _title_cased(line)


def _units(text: str) -> list[tuple[int, int, bool]]:
    """Spans of headlines and paragraphs: (start, end, is_headline).

    A blank line ends a block; inside a block, headline lines are units of their own and
    the other lines join into paragraphs.
    """
    lines = [m.span() for m in _LINE.finditer(text)]
    units: list[tuple[int, int, bool]] = []
    paragraph: tuple[int, int] | None = None
    for i, (start, end) in enumerate(lines):
        following = None
        if i + 1 < len(lines) and text.count("\n", end, lines[i + 1][0]) < 2:
            following = text[lines[i + 1][0]:lines[i + 1][1]]
        if _is_headline(text[start:end], following):
            if paragraph is not None:
                units.append((*paragraph, False))
                paragraph = None
            units.append((start, end, True))
        else:
            paragraph = (start if paragraph is None else paragraph[0], end)
            if following is None:
                units.append((*paragraph, False))
                paragraph = None
    return units


def _word_before(text: str, lo: int, end: int) -> str:
    """The whitespace-delimited word ending at ``end``, without leading quotes/brackets."""
    start = end
    while start > lo and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(_OPENERS)


def _ends_sentence(text: str, lo: int, m: re.Match[str], next_start: int) -> bool:
    """Whether the punctuation run ``m`` ends a sentence, given the next token's start."""
    nxt = text[next_start:next_start + 1]
    if nxt.islower():
        return False
    mark = m.group().rstrip("\"'”’)]}")
    if not mark.endswith(".") or mark.endswith(".."):
        return True
    if mark != ".":
        return True
    word = _word_before(text, lo, m.start() + 1)
    bare = word[:-1].lower()
    if nxt.isdigit() and (bare in _BEFORE_NUMBER or is_abbreviation(word)):
        return False
    if not is_abbreviation(word) or m.end() > m.start() + 1:
        return True
    if bare in TITLES:
        return False
    following = re.match(r"[\"'“‘(\[]*([^\W\d_]+)", text[next_start:next_start + 40])
    return following is not None and following.group(1).lower() in _STARTERS


def _split(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph span."""
    spans: list[tuple[int, int]] = []
    start = lo
    for m in _CANDIDATE.finditer(text, lo, hi):
        next_start = m.end()
        while next_start < hi and text[next_start].isspace():
            next_start += 1
        if next_start >= hi:
            break
        if _ends_sentence(text, lo, m, next_start):
            spans.append((start, m.end()))
            start = next_start
    spans.append((start, hi))
    return spans


def sentences(text: str) -> list[Sentence]:
    """Cut (repaired) text into headlines and sentences, each with its PTB tokens.

    Offsets are into ``text``.  Run :func:`glrkit.english.repair.repair` first on text of
    unknown provenance: the rules here expect ASCII quotes and plain spaces.
    """
    result: list[Sentence] = []
    for lo, hi, headline in _units(text):
        spans = [(lo, hi)] if headline else _split(text, lo, hi)
        for s, e in spans:
            tokens = tuple(tokenize(text, s, e))
            if tokens:
                result.append(Sentence(text[s:e], s, e, headline, tokens))
    return result
