"""Penn-Treebank-style word tokens with character offsets.

The weighted English grammar is written over Penn Treebank (PTB) tokens, so the text must
be cut the way the Treebank cuts it: clitics split off (``do n't``, ``Trump 's``,
``they 're``), punctuation split off, double quotes written as ``\\`\\``` and ``''``,
``$`` and ``%`` apart from their numbers, hyphenated words and numbers with separators
whole, abbreviations kept with their period.  A hyphen standing alone between spaces stays
``-`` as in the Treebank; real dashes become ``--``.

Each :class:`Word` keeps ``start``/``end`` offsets into the text it came from, so every
parse result can point back at the input.  ``text`` is the PTB form of the token, which
differs from ``source[start:end]`` only in a few normalised cases: quotes (``"`` becomes
``\\`\\``` or ``''``, a curly apostrophe becomes ``'``), dashes (``—`` becomes ``--``)
and ellipses (``…`` becomes ``...``).  One token has no characters of its own: when a
sentence ends with an abbreviation (``... Apple Inc.``) the Treebank still writes a
sentence-final ``.`` after ``Inc.``; we do the same with a zero-width token at the
abbreviation's end, so that the grammar always sees its final punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glrkit.english._closed import wordset

__all__ = ["ABBREVIATIONS", "TITLES", "Word", "is_abbreviation", "tokenize"]


@dataclass(frozen=True, slots=True)
class Word:
    """A token: its Treebank form and its ``[start, end)`` span in the source text."""

    text: str
    start: int
    end: int


# Abbreviations that precede a name and so never end a sentence ("Mr. Smith").
TITLES = wordset(
    """mr mrs ms messrs mmes mme mlle dr prof sen sens rep reps gov gen lt col maj capt cmdr
    adm sgt cpl pvt rev hon pres supt insp det atty st mt ft"""
)

# Other abbreviations that are written with a period.  Unlike titles they can end a
# sentence ("... Apple Inc."), so the segmenter looks at the next word to decide.
# Ordinary words that are also abbreviations (no, fig, mass, wash) are left out: at a
# sentence end they are words.
ABBREVIATIONS = TITLES | wordset(
    """inc corp co cos ltd bros llc plc assn dept univ jr sr esq
    jan feb apr jun jul aug sep sept oct nov dec tues thurs
    ala ariz ark calif colo conn fla ga ind kan kans ky md mich minn mont neb nev okla
    tenn tex vt wis wyo va
    vs etc approx est nos vol vols pp ave blvd hwy mph oz lbs yr yrs
    a.m p.m e.g i.e u.s u.k u.n ph.d"""
)

_DOTTED = re.compile(r"^(?:[^\W\d_]{1,2}\.)+[^\W\d_]{0,2}\.?$")


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` (with its final period) is an abbreviation rather than a word + '.'.

    Known abbreviations, single letters (initials: ``J.``) and dotted letter groups
    (``U.S.``, ``a.m.``, ``Ph.D.``) count.
    """
    if not word.endswith("."):
        return False
    bare = word[:-1]
    if bare.lower() in ABBREVIATIONS:
        return True
    if len(bare) == 1 and bare.isalpha():
        return True
    return "." in bare and _DOTTED.match(word) is not None


_WORD_CORE = r"""
    (?:\.(?=\d))?                      # .5
    [^\W_]+
    (?:
        (?: [-'’&/]                    # well-known, don't, AT&T, and/or
          | (?<=\d)[,:.–](?=\d)        # 1,000  9:30  3.5  1990–91
          | \.(?=[^\W_])               # U.S  a.m  Ph.D
          | \.-(?=[^\W_])              # U.S.-Japan  N.J.-based
        )
        [^\W_]+
    )*
    (?:-(?=\s|$))?                     # pre- and post-war
    (?:\.(?!\.))?                        # a period; kept or split off later
    (?:(?<=\.)['’][sS](?![^\W_]))?     # Corp.'s
"""

_TOKEN = re.compile(
    rf"""
      (?P<url>(?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)'\]])
    | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    | (?P<ellipsis>\.\.\.?|…)                # a fourth dot is the sentence's period
    | (?P<dash>--+|[—―]|–)
    | (?P<dquote>``|''|["“”„])
    | (?P<money>(?:US|C|A|HK|NZ)\$)
    | (?P<decade>['‘’]\d\ds?(?![^\W_]))
    | (?P<word>{_WORD_CORE})
    | (?P<squote>['‘’`])
    | (?P<other>\S)
    """,
    re.VERBOSE,
)

_CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m")
_SPLIT_WORDS = {"cannot": 3, "gonna": 3, "gotta": 3, "wanna": 3}
_OPEN_CONTEXT = "([{<—–-\"'`“‘"
_FINAL_TAIL = re.compile(r"""[\s"'”’)\]}]*$""")


def _opening(source: str, start: int, end: int, lo: int) -> bool:
    """A quote opens when it follows a space/bracket/start and a word follows it."""
    before = source[start - 1] if start > lo else ""
    after = source[end] if end < len(source) else ""
    return (before == "" or before.isspace() or before in _OPEN_CONTEXT) and not (
        after == "" or after.isspace()
    )


def _split_clitics(text: str, start: int) -> list[Word]:
    """``don't`` -> ``do n't``; ``they're`` -> ``they 're``; ``cannot`` -> ``can not``."""
    norm = text.replace("’", "'")
    lower = norm.lower()
    if lower in _SPLIT_WORDS:
        cut = _SPLIT_WORDS[lower]
        middle = start + cut
        return [Word(norm[:cut], start, middle), Word(norm[cut:], middle, start + len(norm))]
    tail: list[Word] = []
    end = len(norm)
    changed = True
    while changed:
        changed = False
        for clitic in _CLITICS:
            if lower.endswith(clitic, 0, end) and end > len(clitic):
                cut = end - len(clitic)
                tail.append(Word(norm[cut:end], start + cut, start + end))
                end = cut
                changed = True
                break
    head = [Word(norm[:end], start, start + end)] if end else []
    return head + tail[::-1]


def _word(source: str, text: str, start: int, end: int, hi: int) -> list[Word]:
    """Split one word match into clitics and a period, as the Treebank does."""
    clitic: list[Word] = []
    if text.endswith(("'s", "’s", "'S", "’S")) and text[-3:-2] == ".":
        clitic = [Word("'s", end - 2, end)]
        text, end = text[:-2], end - 2
    if not text.endswith(".") or len(text) == 1:
        return _split_clitics(text, start) + clitic
    final = _FINAL_TAIL.match(source, end, hi) is not None and not clitic
    if not final:
        nxt = source[end:hi].lstrip()[:1]
        if is_abbreviation(text) or nxt.islower() or nxt.isdigit() or (nxt and nxt in ",;:"):
            return _split_clitics(text, start) + clitic
    elif is_abbreviation(text):
        return [*_split_clitics(text, start), Word(".", end, end)]
    return [*_split_clitics(text[:-1], start), Word(".", end - 1, end), *clitic]


def tokenize(source: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Tokenize ``source[start:end]``; offsets are into ``source``.

    Give the span of one sentence (see :mod:`glrkit.english.segment`) so that the final
    period is recognised; a longer span also works, with periods followed by a capitalised
    word split off unless the word before them is a known abbreviation.
    """
    hi = len(source) if end is None else end
    words: list[Word] = []
    append = words.append
    for m in _TOKEN.finditer(source, start, hi):
        kind = m.lastgroup
        text = m.group()
        s, e = m.span()
        if kind == "word":
            words.extend(_word(source, text, s, e, hi))
        elif kind == "dquote":
            if text in ("``", "''"):
                append(Word(text, s, e))
            elif text == "“" or text == "„":
                append(Word("``", s, e))
            elif text == "”":
                append(Word("''", s, e))
            else:
                append(Word("``" if _opening(source, s, e, start) else "''", s, e))
        elif kind == "squote":
            opening = text in "‘`" or (text == "'" and _opening(source, s, e, start))
            append(Word("`" if opening else "'", s, e))
        elif kind == "dash":
            append(Word("--", s, e))
        elif kind == "ellipsis":
            append(Word("...", s, e))
        elif kind == "decade":
            append(Word("'" + text[1:], s, e))
        else:
            append(Word(text, s, e))
    return words
