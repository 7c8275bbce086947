"""The text layers of glrkit's English front end: repair, sentences, tokens, tags.

A raw news text goes through three steps before the weighted English grammar sees it:

1. :func:`repair` undoes mojibake and restores quotes, apostrophes, dashes and spaces
   that a bad decoding destroyed, reporting every edit;
2. :func:`sentences` cuts the repaired text into headlines and sentences of
   Penn-Treebank-style :class:`Word` tokens that keep their character offsets;
3. :class:`Lexicon` gives each token the set of Treebank tags it may have.

:func:`prepare` runs the first two.  Nothing here downloads anything or needs a package
beyond the standard library; ``ftfy`` is used when installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from glrkit.english.lexicon import TAGS, Lexicon
from glrkit.english.repair import Change, Repaired, repair
from glrkit.english.segment import Sentence, sentences
from glrkit.english.tokenize import Word, tokenize

__all__ = [
    "TAGS",
    "Change",
    "Document",
    "Lexicon",
    "Repaired",
    "Sentence",
    "Word",
    "prepare",
    "repair",
    "sentences",
    "tokenize",
]


@dataclass(frozen=True, slots=True)
class Document:
    """A repaired text and its sentences; sentence and token offsets are into ``text``."""

    repaired: Repaired
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return self.repaired.text


def prepare(text: str, *, use_ftfy: bool | None = None) -> Document:
    """Repair ``text`` and cut it into sentences: the input of the English grammar."""
    repaired = repair(text, use_ftfy=use_ftfy)
    return Document(repaired, tuple(sentences(repaired.text)))
