"""Lexical weights: how likely each of a word's candidate tags is, set by hand.

The lexicon says which tags a word *may* have; the grammar decides among them, but where
both readings fit (``saw`` as a noun or a verb, ``that`` as a determiner or a
complementizer) the parser needs a preference.  :func:`tag_weights` gives, for each token,
a natural-log weight per candidate tag, normalised so that the weights of a token's tags
are log-probabilities summing to 1.  They are added to the score of every tree that reads
the token with that tag (``Forest.best(token_weights=...)``).

Nothing here is estimated from a treebank.  The weights come from three hand-set sources:

1. a prior over tags for open-class words, a rough order of how common each reading is;
2. the word's shape: a capitalised word inside a sentence is most likely a name, a word in
   ``-ly`` an adverb, ``-ing`` and ``-ed`` words verbs before adjectives;
3. a table for frequent ambiguous closed-class words (``that``, ``as``, ``'s``, ``up``);
4. the word before: after ``to`` or a modal a verb is likely in its base form, after a
   determiner a verb is unlikely, after a subject pronoun a finite verb is likely.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from glrkit.english._closed import CLOSED, IRREGULAR_VERBS, wordset

__all__ = ["tag_weights"]

# Prior log-weights of tags for open-class words (relative; normalised per word).
_PRIOR: Mapping[str, float] = {
    "NN": 0.0, "NNS": -0.2, "NNP": -0.4, "NNPS": -1.5,
    "JJ": 0.0, "JJR": -0.7, "JJS": -0.7,
    "VB": -0.9, "VBP": -1.1, "VBZ": -0.8, "VBD": -0.3, "VBN": -0.6, "VBG": -0.6,
    "RB": -0.7, "RBR": -0.7, "RBS": -1.0, "RP": -1.8,
    "IN": 0.0, "CD": 0.0, "DT": 0.0, "CC": 0.0, "PRP": -1.0, "MD": -0.5,
    "UH": -4.0, "FW": -3.0, "SYM": -3.0, "LS": -4.0, "PDT": -2.0, "WDT": -0.5,
    "EX": -0.5, "TO": 0.0, "POS": 0.0,
}
_UNLISTED = -2.0

# Frequent ambiguous closed-class words: probabilities of their readings, by hand.
_CLOSED: Mapping[str, Mapping[str, float]] = {
    "that": {"IN": 0.45, "WDT": 0.25, "DT": 0.27, "RB": 0.03},
    "as": {"IN": 0.85, "RB": 0.15},
    "about": {"IN": 0.55, "RB": 0.43, "RP": 0.02},
    "around": {"IN": 0.6, "RB": 0.35, "RP": 0.05},
    "up": {"RP": 0.45, "IN": 0.15, "RB": 0.38, "JJ": 0.02},
    "out": {"RP": 0.5, "IN": 0.15, "RB": 0.35},
    "down": {"RP": 0.35, "RB": 0.4, "IN": 0.2, "JJ": 0.05},
    "off": {"RP": 0.45, "IN": 0.3, "RB": 0.2, "JJ": 0.05},
    "over": {"IN": 0.8, "RP": 0.08, "RB": 0.1, "JJ": 0.02},
    "on": {"IN": 0.96, "RP": 0.03, "RB": 0.01},
    "in": {"IN": 0.97, "RB": 0.015, "RP": 0.015},
    "back": {"RB": 0.7, "RP": 0.1, "NN": 0.1, "JJ": 0.05, "VB": 0.03, "VBP": 0.02},
    "so": {"RB": 0.6, "IN": 0.25, "CC": 0.15},
    "there": {"EX": 0.8, "RB": 0.2},
    "more": {"JJR": 0.55, "RBR": 0.45},
    "less": {"JJR": 0.5, "RBR": 0.5},
    "most": {"JJS": 0.55, "RBS": 0.45},
    "all": {"DT": 0.8, "PDT": 0.15, "RB": 0.05},
    "both": {"DT": 0.6, "CC": 0.3, "PDT": 0.1},
    "either": {"CC": 0.5, "DT": 0.4, "RB": 0.1},
    "half": {"NN": 0.4, "DT": 0.2, "PDT": 0.2, "JJ": 0.1, "RB": 0.1},
    "'s": {"POS": 0.62, "VBZ": 0.37, "PRP": 0.01},
    "'d": {"MD": 0.8, "VBD": 0.2},
    "one": {"CD": 0.85, "NN": 0.1, "PRP": 0.05},
    "but": {"CC": 0.95, "IN": 0.04, "RB": 0.01},
    "yet": {"RB": 0.6, "CC": 0.4},
    "like": {"IN": 0.7, "VB": 0.1, "VBP": 0.15, "JJ": 0.05},
    "since": {"IN": 0.9, "RB": 0.1},
    "before": {"IN": 0.8, "RB": 0.2},
    "after": {"IN": 0.9, "RB": 0.1},
    "because": {"IN": 0.98, "RB": 0.02},
    "ago": {"IN": 0.7, "RB": 0.3},
    "well": {"RB": 0.9, "JJ": 0.03, "NN": 0.03, "UH": 0.04},
    "only": {"RB": 0.8, "JJ": 0.2},
    "just": {"RB": 0.95, "JJ": 0.05},
    "even": {"RB": 0.97, "JJ": 0.02, "VB": 0.01},
    "still": {"RB": 0.95, "JJ": 0.05},
    "much": {"JJ": 0.5, "RB": 0.5},
    "first": {"JJ": 0.6, "RB": 0.3, "NN": 0.1},
    "last": {"JJ": 0.9, "RB": 0.04, "NN": 0.02, "VB": 0.02, "VBP": 0.02},
    "next": {"JJ": 0.9, "IN": 0.05, "RB": 0.05},
    "while": {"IN": 0.95, "NN": 0.05},
    "can": {"MD": 0.98, "NN": 0.01, "VB": 0.005, "VBP": 0.005},
    "will": {"MD": 0.98, "NN": 0.01, "VB": 0.005, "VBP": 0.005},
    "might": {"MD": 0.99, "NN": 0.01},
    "must": {"MD": 0.99, "NN": 0.01},
    "need": {"VB": 0.4, "VBP": 0.4, "NN": 0.15, "MD": 0.05},
    "no": {"DT": 0.95, "RB": 0.04, "UH": 0.01},
    "some": {"DT": 0.97, "RB": 0.03},
    "any": {"DT": 0.97, "RB": 0.03},
    "whether": {"IN": 0.98, "CC": 0.02},
    "what": {"WP": 0.8, "WDT": 0.2},
    "to": {"TO": 0.98, "IN": 0.02},
    "early": {"JJ": 0.6, "RB": 0.4},
    "late": {"JJ": 0.6, "RB": 0.4},
    "earlier": {"RBR": 0.3, "RB": 0.3, "JJR": 0.3, "JJ": 0.1},
    "later": {"RB": 0.5, "RBR": 0.2, "JJ": 0.2, "JJR": 0.1},
    "today": {"NN": 0.6, "RB": 0.4},
    "yesterday": {"NN": 0.6, "RB": 0.4},
    "home": {"NN": 0.6, "RB": 0.25, "JJ": 0.1, "VB": 0.03, "VBP": 0.02},
    "ahead": {"RB": 0.95, "JJ": 0.05},
    "away": {"RB": 0.8, "RP": 0.15, "JJ": 0.05},
    "together": {"RB": 0.8, "RP": 0.2},
    "such": {"JJ": 0.8, "PDT": 0.2},
    "said": {"VBD": 0.8, "VBN": 0.19, "JJ": 0.01},
    "including": {"VBG": 0.99, "NN": 0.01},
    "according": {"VBG": 0.99, "NN": 0.005, "JJ": 0.005},
}

_VERB_TAGS = frozenset({"VB", "VBP", "VBZ", "VBD", "VBN", "VBG"})
_FINITE = frozenset({"VBP", "VBZ", "VBD"})
_NAME_TAGS = frozenset({"NNP", "NNPS"})
_PAST = frozenset({"VBD", "VBN"})
_BASE_BEFORE = wordset("to will would can could should may might must shall n't not")
_DETERMINERS = wordset("the a an its their his my our your every each no this these those")
_SUBJECTS = wordset("i we they he she you")
_REPORTING = wordset("said says told added noted")
_OPENERS = frozenset({"``", "--", ":"})


def tag_weights(
    words: Sequence[str],
    tags: Sequence[frozenset[str]],
    *,
    headline: bool = False,
    known: Callable[[str], bool] | None = None,
) -> list[dict[str, float]]:
    """For each token, a log-probability per candidate Treebank tag.

    ``tags`` are the lexicon's sets (:meth:`Lexicon.sentence_tags`).  In a headline every
    word is capitalised, so capitals say nothing about names there.  ``known(word)`` says
    whether the lexicon lists a word (``word in lexicon``); a capitalised word it does not
    list is most likely a name, even at the start of a sentence.
    """
    if len(words) != len(tags):
        raise ValueError("one tag set per word")
    result: list[dict[str, float]] = []
    initial = True
    previous = ""
    for i, (word, candidates) in enumerate(zip(words, tags, strict=True)):
        unknown = known is not None and not known(word)
        weights = _word_weights(word, candidates, initial, headline, previous, unknown)
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        if initial and following in _REPORTING and not word.lower().endswith("s"):
            weights = _normalise({t: w + (1.5 if t == "NNP" else 0.0) for t, w in weights.items()})
        result.append(weights)
        initial = word in _OPENERS or (initial and word in ("(", "-LRB-"))
        previous = word.lower()
    return result


def _word_weights(
    word: str,
    candidates: frozenset[str],
    initial: bool,
    headline: bool,
    previous: str,
    unknown: bool,
) -> dict[str, float]:
    if len(candidates) == 1:
        return dict.fromkeys(candidates, 0.0)
    raw = _context_free(word, candidates, initial, headline)
    if unknown and word[:1].isupper() and "NNP" in raw:
        raw["NNP"] += 2.5
    if previous in _BASE_BEFORE and "VB" in raw:
        raw["VB"] += 2.0
    elif previous in _DETERMINERS:
        for tag in candidates & _VERB_TAGS - {"VBN", "VBG"}:
            raw[tag] -= 2.0
    elif previous in _SUBJECTS:
        for tag in candidates & _FINITE:
            raw[tag] += 1.5
    return _normalise(raw)


def _context_free(
    word: str, candidates: frozenset[str], initial: bool, headline: bool
) -> dict[str, float]:
    lower = word.lower()
    table = _CLOSED.get(lower)
    if table is None and lower in CLOSED:  # the open-class prior, without names
        prior = {t: math.exp(_PRIOR.get(t, _UNLISTED)) for t in candidates - _NAME_TAGS}
        table = {t: p / sum(prior.values()) for t, p in prior.items()}
    if table is not None:
        raw = {tag: math.log(table[tag]) if tag in table else -6.0 for tag in candidates}
        if word[:1].isupper() and not initial and not headline and "NNP" in candidates:
            raw["NNP"] = max(raw["NNP"], -1.5)  # "The Economist", "May"
        return raw
    raw = {tag: _PRIOR.get(tag, _UNLISTED) for tag in candidates}
    if "CD" in raw and any(ch.isdigit() for ch in word):
        raw["CD"] += 3.0  # 7-2, 2023-24
    capital = word[:1].isupper()
    if capital and not headline:
        bonus = -0.5 if initial else 2.0
        for tag in candidates & _NAME_TAGS:
            raw[tag] += bonus
    if headline and capital:
        for tag in candidates & _NAME_TAGS:
            raw[tag] -= 0.3
    if word.isupper() and len(word) > 1 and not headline:
        for tag in candidates & _NAME_TAGS:
            raw[tag] += 1.0  # NATO, DETROIT
    if lower.endswith("ly"):
        for tag in candidates & {"RB", "RBR"}:
            raw[tag] += 1.5
    if lower.endswith("ing") and "VBG" in raw:
        raw["VBG"] += 0.8
    if lower.endswith("ed"):
        for tag in candidates & {"VBD", "VBN"}:
            raw[tag] += 0.7
        if "VBN" in raw and "JJ" in raw:
            raw["VBN"] += 0.5
    if candidates & {"JJR", "RBR"} and lower.endswith(("er", "ore", "ess")):
        for tag in candidates & {"NN", "VB", "VBP", "RB", "JJ"}:
            raw[tag] -= 2.0  # worse, closer, less: comparatives first
    if lower.endswith("s") and "NNS" in raw:
        raw["NNS"] += 0.7
    if headline:  # headlines speak in the present: "Bank Holds Rates", "Workers Strike"
        for tag in candidates & {"VBZ", "VBP"}:
            raw[tag] += 1.0
        if "VBD" in raw:
            raw["VBD"] -= 1.0
    if "-" in word:
        for tag in candidates & _VERB_TAGS:
            raw[tag] -= 1.5  # close-range, two-year: modifiers, not verbs
        if "JJ" in raw:
            raw["JJ"] += 0.5
    if lower in IRREGULAR_VERBS:  # felt, left, found: verbs before nouns
        for tag in candidates & _PAST:
            raw[tag] += 1.0
    return raw


def _normalise(raw: dict[str, float]) -> dict[str, float]:
    top = max(raw.values())
    total = math.log(sum(math.exp(v - top) for v in raw.values())) + top
    return {tag: value - total for tag, value in raw.items()}
