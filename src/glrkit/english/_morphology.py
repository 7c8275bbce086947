"""Regular English inflection and unknown-word guessing for the lexicon.

The shipped table holds lemmas and irregular forms only; a regular form (``walked``,
``companies``, ``taller``, ``quickly``) is recognised here by stripping its suffix, undoing
the spelling change (``-ies`` -> ``-y``, doubled consonants, dropped ``e``) and checking that
the candidate stem is a lemma of the right class.  Checking against lemmas is what keeps
this from tagging ``this`` as a plural or ``bed`` as a past tense.

Words that no rule explains get a guess from their shape and suffix (``-tion`` nouns,
``-ous`` adjectives, digits, hyphenated compounds), so every token has at least one tag.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glrkit.english._closed import wordset

__all__ = ["guess", "is_decade", "is_number", "regular_tags"]

Lookup = Callable[[str], frozenset[str]]

_VOWELS = "aeiou"


def _doubled(stem: str) -> bool:
    """``stopp`` (from ``stopped``) ends in a doubled consonant that inflection added."""
    return len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS + "lsz"


def _plural_stems(w: str) -> list[str]:
    stems = [w[:-1]]
    if w.endswith("men"):
        return [w[:-3] + "man"]  # women, chairmen: WordNet's own detachment rule
    if w.endswith("es"):
        stems.append(w[:-2])
    if w.endswith("ies"):
        stems.append(w[:-3] + "y")
    return stems


def _ed_stems(w: str) -> list[str]:
    base = w[:-2]
    stems = [base, w[:-1]]
    if w.endswith("ied"):
        stems.append(w[:-3] + "y")
    if _doubled(base) or (base.endswith("ll") and len(base) > 3):
        stems.append(base[:-1])
    return stems


def _ing_stems(w: str) -> list[str]:
    base = w[:-3]
    stems = [base, base + "e"]
    if base.endswith("y"):
        stems.append(base[:-1] + "ie")
    if _doubled(base) or (base.endswith("ll") and len(base) > 3):
        stems.append(base[:-1])
    return stems


def _comparative_stems(w: str, suffix: str) -> list[str]:
    base = w[: -len(suffix)]
    stems = [base, base + "e"]
    if base.endswith("i"):
        stems.append(base[:-1] + "y")
    if _doubled(base):
        stems.append(base[:-1])
    return stems


def _ly_stems(w: str) -> list[str]:
    base = w[:-2]
    stems = [base]
    if base.endswith("i"):
        stems.append(base[:-1] + "y")  # happily
    stems.append(w[:-1] + "e")  # probably, simply, gently
    if w.endswith("ically"):
        stems.append(w[:-4])  # basically
    if w.endswith("lly"):
        stems.append(w[:-1])  # fully
    return stems


def _any(stems: list[str], lookup: Lookup, tag: str) -> bool:
    return any(tag in lookup(s) for s in stems if len(s) >= 2)


def regular_tags(w: str, lookup: Lookup) -> set[str]:
    """Tags of ``w`` (lowercase) as a regular inflection of a lemma that ``lookup`` knows."""
    tags: set[str] = set()
    n = len(w)
    if n > 2 and ((w.endswith("s") and not w.endswith(("ss", "'s"))) or w.endswith("men")):
        stems = _plural_stems(w)
        if _any(stems, lookup, "NN") or _any(stems, lookup, "NNP"):
            tags.add("NNS")  # a capitalised one is also NNPS: see Lexicon._proper_tags
        if _any(stems, lookup, "VB"):
            tags.add("VBZ")
    if n > 3 and w.endswith("ed") and _any(_ed_stems(w), lookup, "VB"):
        tags.update(("VBD", "VBN"))
    if n > 4 and w.endswith("ing") and _any(_ing_stems(w), lookup, "VB"):
        tags.update(("VBG", "NN"))
    for suffix, adj, adv in (("er", "JJR", "RBR"), ("est", "JJS", "RBS")):
        if n > len(suffix) + 2 and w.endswith(suffix):
            stems = _comparative_stems(w, suffix)
            if _any(stems, lookup, "JJ"):
                tags.add(adj)
            if _any(stems, lookup, "RB"):
                tags.add(adv)
    if n > 4 and w.endswith("ly") and _any(_ly_stems(w), lookup, "JJ"):
        tags.add("RB")
    return tags


# Suffix -> tags for words that are in no list.  The first match wins, so a suffix comes
# before every shorter suffix that it ends with (``ities`` before ``s``, ``ical`` before
# ``al``).
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ness", ("NN",)), ("ment", ("NN",)), ("tion", ("NN",)), ("sion", ("NN",)),
    ("ship", ("NN",)), ("hood", ("NN",)), ("ism", ("NN",)), ("ity", ("NN",)),
    ("ance", ("NN",)), ("cy", ("NN",)), ("ence", ("NN",)), ("ery", ("NN",)), ("ist", ("NN",)),
    ("ants", ("NNS",)), ("ents", ("NNS",)),
    ("ions", ("NNS",)), ("ments", ("NNS",)), ("ists", ("NNS",)), ("ers", ("NNS", "VBZ")),
    ("ors", ("NNS",)), ("ities", ("NNS",)),
    ("ous", ("JJ",)), ("ful", ("JJ",)), ("less", ("JJ",)), ("able", ("JJ",)),
    ("ible", ("JJ",)), ("ive", ("JJ", "NN")), ("ic", ("JJ", "NN")), ("ical", ("JJ",)),
    ("ish", ("JJ",)), ("ary", ("JJ", "NN")), ("al", ("JJ", "NN")), ("ian", ("JJ", "NN")),
    ("ese", ("JJ", "NN")), ("ant", ("JJ", "NN")), ("ent", ("JJ", "NN")),
    ("ly", ("RB", "JJ")),
    ("ize", ("VB", "VBP")), ("ise", ("VB", "VBP", "NN")), ("ify", ("VB", "VBP")),
    ("ized", ("VBN", "VBD", "JJ")), ("ated", ("VBN", "VBD", "JJ")),
    ("ed", ("VBN", "VBD", "JJ")), ("ing", ("VBG", "NN", "JJ")),
    ("ate", ("VB", "VBP", "JJ", "NN")), ("er", ("NN", "JJR")), ("or", ("NN",)),
    ("est", ("JJS",)),
    ("ss", ("NN",)), ("us", ("NN", "JJ")), ("is", ("NN",)),
    ("ies", ("NNS", "VBZ")), ("es", ("NNS", "VBZ")), ("s", ("NNS", "VBZ")),
)

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[,.:/]\d+)*|\.\d+)$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_DECADE = re.compile(r"^'?\d+s$")


def is_number(word: str) -> bool:
    """Digits with separators: 12, 1,000, 3.5, 9:30, 1/2, .5."""
    return _NUMBER.match(word) is not None


def is_decade(word: str) -> bool:
    """1990s, '90s: a number (CD) or a plural noun (NNS) in the Treebank."""
    return _DECADE.match(word) is not None


def guess(word: str, lookup: Lookup) -> set[str]:
    """Tags for a word that neither the lists nor regular inflection explain."""
    w = word.lower()
    if _ORDINAL.match(w):
        return {"JJ", "NN"}
    if is_decade(w):
        return {"CD", "NNS"}
    if any(c.isdigit() for c in w):
        if "-" in w:
            return {"JJ", "CD", "NN"}
        return {"CD", "NN", "JJ"}
    if "-" in w.strip("-"):
        return _hyphenated(w, lookup)
    for suffix, tags in _SUFFIXES:
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return set(tags)
    if not any(c.isalpha() for c in w):
        return {"SYM"}
    return {"NN", "JJ"}


def _hyphenated(w: str, lookup: Lookup) -> set[str]:
    """Compounds: mostly adjectives before a noun (``long-term``) or nouns.

    The last part decides the rest: a plural last part makes a plural noun
    (``T-shirts``), a participle a participle (``state-owned``, ``money-losing``).  Only
    after a verbal prefix (``re-elected``, ``co-founded``) is the compound a verb in any
    form, past tense included.
    """
    first, _, last = w.rpartition("-")
    tags = {"JJ", "NN"}
    if not last:
        return tags
    inner = lookup(last) | regular_tags(last, lookup)
    if "VB" in inner:
        inner = inner | {"VBP"}
    keep = _VERB_TAGS if first in _VERBAL_PREFIXES else _COMPOUND_TAGS
    tags.update(inner & keep)
    if last.endswith("ed"):
        tags.add("VBN")
    elif last.endswith("ing"):
        tags.add("VBG")
    return tags


_VERBAL_PREFIXES = wordset("re co pre de un mis over under out cross counter")
_VERB_TAGS = frozenset({"NNS", "VB", "VBD", "VBN", "VBG", "VBZ", "VBP"})
_COMPOUND_TAGS = frozenset({"NNS", "VBN", "VBG"})
