"""The shipped English grammar (``data/english.glr``): loading, start symbols, labels.

One grammar text serves two parsers.  The sentence parser starts at ``_top`` (a sentence,
a quotation with its speaker, or a headline); the fragment parser starts at ``_fragtop``,
which reads any token sequence as a FRAG of weighted pieces (the largest constituents the
grammar finds, or bare words).  The second is used only when the first rejects a
sentence, so every sentence gets an analysis.

Nonterminals carry their Penn Treebank label in their name: ``np`` and ``np_poss`` are
NP brackets, ``sbar_rel`` an SBAR; names starting with ``_`` are structure the Treebank
does not bracket, and their children are spliced into the parent (:func:`label_of`).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from glrkit import Grammar, Parser
from glrkit.english._closed import wordset
from glrkit.english.kinds import KINDS, tag_of

__all__ = [
    "FRAGMENT_START",
    "LABELS",
    "SENTENCE_START",
    "grammar_text",
    "label_of",
    "load_grammar",
    "parser_for",
]

SENTENCE_START = "_top"
FRAGMENT_START = "_fragtop"

# The constituent labels of Treebank II (Bies et al. 1995, section 1.2).
LABELS = wordset(
    """ADJP ADVP CONJP FRAG INTJ LST NAC NP NX PP PRN PRT QP RRC S SBAR SBARQ SINV SQ UCP
    VP WHADJP WHADVP WHNP WHPP X"""
)

_START_LINE = re.compile(r"^%start[ \t]+\S+", re.MULTILINE)


@functools.cache
def grammar_text() -> str:
    """The text of ``data/english.glr``."""
    source = resources.files("glrkit.english").joinpath("data", "english.glr")
    return source.read_text(encoding="utf-8")


@functools.cache
def load_grammar(start: str = SENTENCE_START) -> Grammar:
    """The English grammar with ``start`` as its start symbol (built once per start)."""
    text = grammar_text()
    if start != SENTENCE_START:
        text = _START_LINE.sub(f"%start {start}", text, count=1)
    return Grammar.from_string(text, source_name="english.glr")


@functools.cache
def parser_for(start: str = SENTENCE_START) -> Parser:
    """A parser for the English grammar from ``start``; tables come from the cache."""
    return Parser(load_grammar(start))


@functools.cache
def label_of(symbol: str) -> str | None:
    """The Treebank label of a grammar symbol; None for structure that is spliced away.

    Terminals give their part-of-speech tag (``VBZ_BE`` -> ``VBZ``); ``np_poss`` gives
    ``NP``; ``_clause`` gives None.  An unknown name is a grammar bug, reported loudly.
    """
    if symbol in KINDS:
        return tag_of(symbol)
    if symbol.startswith("_"):
        return None
    label = symbol.split("_", 1)[0].upper()
    if label not in LABELS:
        raise ValueError(f"grammar symbol {symbol!r} names no Treebank label")
    return label
