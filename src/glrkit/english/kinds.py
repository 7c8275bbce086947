"""Penn Treebank tags -> the English grammar's terminal kinds, and back.

The grammar's terminals are Penn Treebank part-of-speech tags, spelled as grammar names
(``PRP$`` is ``PRPS``, ``,`` is ``COMMA``, ````` is ``LQ``).  A few tags are split by word
into finer kinds, because what a word's tag does not say the grammar would otherwise have
to guess with a great deal of ambiguity:

* the forms of *be*, *have* and *do* (``VBZ_BE``, ``VBD_HV``, ``VBP_DO``): auxiliaries take
  verb phrases, other verbs take objects;
* verbs of saying (``VBD_SAY``): only they introduce a quotation without a conjunction
  (``"...," she said``);
* ``IN``, by what may follow it: ``of`` (``IN_OF``); complementizers ``that`` and
  ``whether`` (``IN_THAT``, ``IN_WH``); subordinators that take only a clause
  (``because``: ``IN_SUB``), or a clause or a noun phrase (``after``: ``IN_PS``); ``as``
  and ``than``, which do both and more (``IN_AS``, ``IN_THAN``); ``ago`` (``IN_AGO``);
* nouns of time (``NN_T``: *week*, ``NNP_T``: *Monday*, *Nov.*), which alone make
  adverbial noun phrases (``last week``), and ``percent`` (``NN_PCT``), whose phrases
  seldom take modifiers other than *of* (``rose 5 percent to $12``);
* ``but`` (``CC_BUT``), which joins clauses and verb phrases far more than nouns, and
  ``a``/``an`` (``DT_A``), the article of rates (``$85 a barrel``);
* ``not`` and ``n't`` (``RB_NOT``), adverbs that modify numbers (``RB_Q``: *nearly*),
  ``a.m.`` and ``p.m.`` (``RB_AMPM``), and the participles that work as prepositions
  (``VBG_P``: *including*, *according*);
* the colon tag ``:`` by word: dashes (``DASH``), ``;`` (``SEMI``), ``:`` and ``...``.

Each (word, tag) pair becomes exactly one kind, so the refinement adds no ambiguity; a
kind always maps back to its Treebank tag (:func:`tag_of`).
"""

from __future__ import annotations

from collections.abc import Iterable

from glrkit.english._closed import wordset

__all__ = ["KINDS", "PUNCT_KIND", "kind_of", "kinds_of", "tag_of"]

# Tags whose Treebank spelling is not a grammar name.
PUNCT_KIND: dict[str, str] = {
    ",": "COMMA",
    ".": "PERIOD",
    ":": "COLON",
    "``": "LQ",
    "''": "RQ",
    "-LRB-": "LRB",
    "-RRB-": "RRB",
    "$": "DOLLAR",
    "#": "HASH",
    "PRP$": "PRPS",
    "WP$": "WPS",
}

_PLAIN = wordset(
    """CC CD DT EX FW IN JJ JJR JJS LS MD NN NNS NNP NNPS PDT POS PRP RB RBR RBS RP SYM
    TO UH VB VBD VBG VBN VBP VBZ WDT WP WRB"""
)

# word class -> {tag: kind}; a word listed here takes the refined kind for those tags.
_BE = {"VB": "VB_BE", "VBD": "VBD_BE", "VBG": "VBG_BE", "VBN": "VBN_BE", "VBP": "VBP_BE",
       "VBZ": "VBZ_BE"}
_HAVE = {"VB": "VB_HV", "VBD": "VBD_HV", "VBG": "VBG_HV", "VBN": "VBN_HV", "VBP": "VBP_HV",
         "VBZ": "VBZ_HV"}
_DO = {"VB": "VB_DO", "VBD": "VBD_DO", "VBP": "VBP_DO", "VBZ": "VBZ_DO"}
_SAY = {"VB": "VB_SAY", "VBD": "VBD_SAY", "VBG": "VBG_SAY", "VBN": "VBN_SAY",
        "VBP": "VBP_SAY", "VBZ": "VBZ_SAY"}

_BE_WORDS = wordset("be am is are was were been being 'm 're 's")
_HAVE_WORDS = wordset("have has had having 've 's 'd")
_DO_WORDS = wordset("do does did")

# Verbs that report speech or thought and may follow a quotation: "...," she said.
_SAY_LEMMAS = wordset(
    """say tell add note warn explain insist argue claim ask reply write continue recall
    acknowledge admit announce declare state report suggest predict conclude complain joke
    concede observe remark respond answer caution stress emphasize emphasise urge promise
    agree think believe estimate tweet quip shout whisper cry exclaim confirm point show
    find know hope fear feel learn hear see mean expect indicate reveal assume worry
    decide realize realise understand doubt ensure prove deny remember forget notice
    guess wonder"""
)
_SAY_FORMS = wordset(
    """said says saying told tells telling wrote writes writing thought thinks thinking
    added adds noted notes warned warns explained explains insisted insists argued argues
    claimed claims asked asks replied replies continued continues recalled recalls
    acknowledged acknowledges admitted admits announced announces declared declares stated
    states reported reports suggested suggests predicted predicts concluded concludes
    complained complains joked jokes conceded concedes observed observes remarked remarks
    responded responds answered answers cautioned cautions stressed stresses emphasized
    emphasizes emphasised urged urges promised promises agreed agrees believed believes
    estimated estimates tweeted quipped shouted whispered cried exclaimed confirmed confirms
    pointed showed shows shown showing found finds finding knew knows known knowing hoped
    hopes hoping feared fears fearing felt feels feeling learned learnt learns heard hears
    saw sees seen seeing meant means meaning expected expects expecting indicated indicates
    revealed reveals assumed assumes worried worries decided decides realized realizes
    understood understands doubted doubts ensured ensures proved proven proves denied
    denies remembered remembers forgot forgotten forgets noticed notices guessed wondered
    wonders"""
)

_IN_KIND = {
    "of": "IN_OF",
    "that": "IN_THAT",
    "whether": "IN_WH",
    "as": "IN_AS",
    "than": "IN_THAN",
    "ago": "IN_AGO",
}
_SUBORDINATORS = wordset(
    """because although though while whilst whereas unless if lest once so cause"""
)
_PREP_OR_SUB = wordset("after before since until till")
# Prepositions and adverbs that also modify numbers: (QP (IN about) (CD 3,000)).
_NUMBER_PREPS = wordset("about around over under above below between nearly")
_NUMBER_ADVERBS = wordset(
    """about around nearly almost roughly approximately just only some barely fully
    exactly precisely perhaps possibly maybe well"""
)

_TIME_NOUNS = wordset(
    """year week month day quarter season night morning afternoon evening weekend decade
    century hour minute moment second time spring summer fall autumn winter today
    yesterday tomorrow tonight semester term"""
)
_TIME_PLURALS = wordset(
    """years weeks months days quarters seasons nights mornings evenings weekends decades
    centuries hours minutes moments seconds times"""
)
_TIME_NAMES = wordset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan. feb. mar. apr.
    jun. jul. aug. sep. sept. oct. nov. dec. mon. tue. tues. wed. thu. thurs. fri. sat.
    sun."""
)
_PREP_PARTICIPLES = wordset(
    "including excluding regarding concerning according following barring pending"
)
_DASHES = frozenset({"--", "-", "—", "–", "---"})

# Every kind the grammar knows, with its Treebank tag.
_TAG_OF: dict[str, str] = {k: k for k in _PLAIN}
_TAG_OF.update({kind: tag for tag, kind in PUNCT_KIND.items()})
for _table in (_BE, _HAVE, _DO, _SAY):
    _TAG_OF.update({kind: tag for tag, kind in _table.items()})
_TAG_OF.update({kind: "IN" for kind in (*_IN_KIND.values(), "IN_SUB", "IN_PS", "IN_Q")})
_TAG_OF.update({
    "RB_NOT": "RB",
    "RB_AMPM": "RB",
    "RB_Q": "RB",
    "CC_BUT": "CC",
    "DT_A": "DT",
    "NN_T": "NN",
    "NN_PCT": "NN",
    "NNS_T": "NNS",
    "NNP_T": "NNP",
    "VBG_P": "VBG",
    "DASH": ":",
    "SEMI": ":",
})

KINDS: frozenset[str] = frozenset(_TAG_OF)


def tag_of(kind: str) -> str:
    """The Treebank tag a grammar terminal stands for (``VBZ_BE`` -> ``VBZ``)."""
    return _TAG_OF[kind]


def kind_of(word: str, tag: str) -> str:
    """The grammar terminal for ``word`` read with Treebank tag ``tag``."""
    lower = word.lower()
    if tag in _BE and lower in _BE_WORDS and not (lower == "'s" and tag != "VBZ"):
        if lower in _HAVE_WORDS and tag in ("VBD", "VBN"):  # 'd is had, never a be form
            return _HAVE[tag]
        return _BE[tag]
    if tag in _HAVE and lower in _HAVE_WORDS:
        return _HAVE[tag]
    if tag in _DO and lower in _DO_WORDS:
        return _DO[tag]
    if tag in _SAY and (lower in _SAY_FORMS or lower in _SAY_LEMMAS):
        return _SAY[tag]
    if tag == "CC" and lower == "but":
        return "CC_BUT"
    if tag == "DT" and lower in ("a", "an"):
        return "DT_A"
    if tag == "IN":
        special = _IN_KIND.get(lower)
        if special is not None:
            return special
        if lower in _SUBORDINATORS:
            return "IN_SUB"
        if lower in _PREP_OR_SUB:
            return "IN_PS"
        if lower in _NUMBER_PREPS:
            return "IN_Q"
        return "IN"
    if tag == "RB":
        if lower in ("not", "n't"):
            return "RB_NOT"
        if lower in _NUMBER_ADVERBS:
            return "RB_Q"
        if lower in ("a.m.", "p.m.", "a.m", "p.m"):
            return "RB_AMPM"
        if lower == "ago":
            return "IN_AGO"
        return "RB"
    if tag == "NN" and lower in _TIME_NOUNS:
        return "NN_T"
    if tag == "NN" and lower in ("percent", "%", "pct"):
        return "NN_PCT"
    if tag == "NNS" and lower in _TIME_PLURALS:
        return "NNS_T"
    if tag == "NNP" and lower in _TIME_NAMES:
        return "NNP_T"
    if tag == "VBG" and lower in _PREP_PARTICIPLES:
        return "VBG_P"
    if tag == ":":
        if word in _DASHES:
            return "DASH"
        if word == ";":
            return "SEMI"
        return "COLON"
    return PUNCT_KIND.get(tag, tag)


def kinds_of(word: str, tags: Iterable[str]) -> tuple[str, ...]:
    """The grammar terminals for a word with these candidate tags, sorted, no repeats.

    Tags outside the Treebank set are dropped.  ``'s`` read as ``VBZ`` is both *is* and
    *has*, the one word whose tag maps to two kinds.
    """
    kinds = {kind_of(word, tag) for tag in tags}
    if word.lower() == "'s" and "VBZ_BE" in kinds:
        kinds.add("VBZ_HV")
    return tuple(sorted(kinds & KINDS))
