"""Word -> the set of Penn Treebank tags it may carry.

The English grammar's terminals are Treebank part-of-speech tags, and a GLR parser can
keep every reading of an ambiguous word alive at once, so the lexicon's job is to give a
*set* of possible tags that contains the right one, while staying small enough that the
parse forest does not explode.  It answers from four sources, in order:

1. punctuation and the hand-written closed classes (:mod:`glrkit.english._closed`), which
   are authoritative for the words they list;
2. the shipped table derived from WordNet 3.0 (``data/lexicon.tsv.gz``, built by
   ``tools/build_lexicon.py``): open-class lemmas with NN/NNP/VB/JJ/RB and WordNet's
   irregular inflections, corrected for common irregular verbs by a hand list;
3. regular inflection checked against those lemmas (:mod:`glrkit.english._morphology`);
   a base verb is also a present tense (VBP);
4. the word's shape: capitalised words may be proper nouns (NNP, NNPS), digits are
   numbers (CD), and unknown words are guessed from hyphens and suffixes.

Every word gets at least one tag.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable, Mapping
from importlib import resources

from glrkit.english._closed import CLOSED, EXTRA, IRREGULAR_VERBS, PUNCTUATION, wordset
from glrkit.english._morphology import guess, is_decade, is_number, regular_tags

__all__ = ["TAGS", "Lexicon"]

# The Penn Treebank tag set (45 tags) that this lexicon answers with.
TAGS = wordset(
    """CC CD DT EX FW IN JJ JJR JJS LS MD NN NNS NNP NNPS PDT POS PRP PRP$ RB RBR RBS RP
    SYM TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ WRB $ # `` '' -LRB- -RRB- , . :"""
)

_PAST = frozenset({"VBD", "VBN"})
_CD = frozenset({"CD"})
_DECADE_TAGS = frozenset({"CD", "NNS"})
_PLURAL_ACRONYM = re.compile(r"^[A-Z][A-Z&.-]*[A-Z]s$")
_ACRONYM_PLURAL = frozenset({"NNP", "NNPS", "NNS"})
_NNP = frozenset({"NNP"})
_OPENING = frozenset({"``", "-LRB-"})
_NNP_PLURAL = frozenset({"NNP", "NNPS"})


def _load_table() -> dict[str, frozenset[str]]:
    """Read the shipped table; identical tag sets share one frozenset."""
    source = resources.files("glrkit.english").joinpath("data", "lexicon.tsv.gz")
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        interned: dict[str, frozenset[str]] = {}
        table: dict[str, frozenset[str]] = {}
        for line in f:
            if line.startswith("#"):
                continue
            word, _, tags = line.rstrip("\n").partition("\t")
            tagset = interned.get(tags)
            if tagset is None:
                tagset = interned[tags] = frozenset(tags.split(","))
            table[word] = tagset
    return table


@functools.cache
def _default_lexicon() -> Lexicon:
    return Lexicon(_load_table())


class Lexicon:
    """Looks up the possible Penn Treebank tags of a token.

    ``table`` maps lowercase lemmas and irregular forms to their open-class tags (the
    format of ``data/lexicon.tsv.gz``); tests can pass a small one.
    """

    __slots__ = ("_cache", "_table")

    def __init__(self, table: Mapping[str, frozenset[str]]) -> None:
        self._table = table
        self._cache: dict[str, frozenset[str]] = {}

    @classmethod
    def default(cls) -> Lexicon:
        """The lexicon on the shipped WordNet table, loaded on first use and shared."""
        return _default_lexicon()

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, word: object) -> bool:
        """Whether ``word`` is listed (not merely guessed) as a lemma, form or closed word."""
        if not isinstance(word, str):
            return False
        w = word.lower()
        return w in CLOSED or w in PUNCTUATION or w in self._table or w in IRREGULAR_VERBS

    def tags(self, word: str, sentence_initial: bool = False) -> frozenset[str]:
        """The tags ``word`` may have; never empty.

        A capitalised open-class word may always be a proper noun (``Wall``, ``New`` and
        ``Bank`` start names at the start of a sentence as much as inside one: measured on
        Treebank text, dropping NNP there loses more than it saves).  For closed-class
        words ``sentence_initial`` matters: ``The`` or ``May`` inside a sentence may be
        part of a name and get NNP too, at the start of a sentence they do not.
        """
        punct = PUNCTUATION.get(word)
        if punct is not None:
            return punct
        word = word.replace("\\/", "/").replace("\\*", "*")  # Treebank escapes
        lower = word.lower()
        capital = word[:1].isupper()
        closed = CLOSED.get(lower)
        if closed is not None:
            if capital and not sentence_initial and word != "I":
                return closed | _NNP  # May, The Economist, Class A, US
            return closed
        if is_number(word):
            return _CD
        if is_decade(word):
            return _DECADE_TAGS
        tags = set(self._word_tags(lower))
        unknown = not tags
        if capital:
            tags |= self._proper_tags(word, tags)
        if unknown and (sentence_initial or not capital):
            tags |= guess(word, self._lemma)  # "Cryptocurrencies are ..." may be common
        return frozenset(tags)

    def sentence_tags(self, words: Iterable[str]) -> list[frozenset[str]]:
        """The tags of each word of a sentence, in order.

        The first word after any opening quotes and brackets is the sentence-initial one
        (```` The talks ...``).
        """
        result: list[frozenset[str]] = []
        initial = True
        for word in words:
            tags = self.tags(word, sentence_initial=initial)
            initial = initial and bool(tags & _OPENING)
            result.append(tags)
        return result

    def _proper_tags(self, word: str, known: set[str]) -> frozenset[str]:
        """NNP, and NNPS for plural-looking capitalised words (``Americans``, ``Motors``).

        Capitalised plural acronyms (``CEOs``, ``PCs``) are common nouns as often as names.
        """
        if _PLURAL_ACRONYM.match(word):
            return _ACRONYM_PLURAL
        lower = word.lower()
        if "NNS" in known or "NNPS" in known:
            return _NNP_PLURAL
        plural_looking = lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s"))
        if plural_looking and len(lower) > 3 and not known:
            return _NNP_PLURAL
        return _NNP

    def _lemma(self, word: str) -> frozenset[str]:
        """Tags of a lemma or listed form, lowercase, without inflection analysis."""
        return self._table.get(word, frozenset())

    def _word_tags(self, lower: str) -> frozenset[str]:
        """Listed tags plus regular inflections of a lowercase word (cached)."""
        cached = self._cache.get(lower)
        if cached is not None:
            return cached
        tags = set(self._table.get(lower, ()))
        irregular = IRREGULAR_VERBS.get(lower)
        if irregular is not None:
            tags = (tags - _PAST) | irregular
        tags |= regular_tags(lower, self._lemma)
        tags |= EXTRA.get(lower, frozenset())
        if "VB" in tags:
            tags.add("VBP")
        if "NN" in tags and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
            tags.add("NNS")  # earnings, economics, politics: listed as lemmas in WordNet
        if "-" in lower.strip("-"):
            tags |= guess(lower, self._lemma)
        result = frozenset(tags)
        self._cache[lower] = result
        return result
