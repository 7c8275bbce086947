"""Text repair: undo mojibake and normalise quotes and spaces before tokenizing.

News text scraped from the web often went through a wrong decoding on its way: UTF-8 bytes
read as Latin-1 or Windows-1252 ("mojibake").  ``it’s`` becomes ``itâ€™s``, ``café``
becomes ``cafÃ©``.  Those full sequences can be decoded back exactly.  This module does so
with its own table for the common cases (typographic punctuation and the Latin-1 letters,
built from the codecs, including double encoding), by decoding other complete multi-byte
sequences from their bytes (``â†’`` is →, ``æ—¥`` is 日), and with ``ftfy``, when that
package is installed, for what is left.

A worse and common case cannot be decoded: after a Latin-1 misreading the three bytes of
``’`` (E2 80 99) become ``â`` plus two C1 control characters, and a later clean-up step
strips the controls.  Every curly quote, apostrophe and dash of the article is then the
same lone ``â`` (``Trumpâs``, ``electionâa proposal``, ``âThe talks are constructive,â he
said``), and a non-breaking space becomes ``Â`` (C2 A0 with the A0 turned into a space or
dropped).  The bytes are gone, so no decoder can help; the surrounding characters still
tell which mark it was, and :func:`repair` applies those context rules:

* a letter or digit before it and ``s t re ve ll d m`` + a non-letter after it
  (``Trumpâs``, ``donât``, ``weâll``): apostrophe ``'``;
* at a word start before a decade (``â90s``): apostrophe ``'``;
* at a word start otherwise (after a space, a bracket or the line start): opening ``"``;
* after ``. , ! ? ; :``, a bracket or a quote: closing ``"``;
* at a word end: closing ``"`` inside an open quotation, else apostrophe ``'`` (``playersâ
  union``; also inside a quotation that a later mark in the line plainly closes);
* between two words: em dash ``—``; between two digits: en dash ``–`` (``1990â91``);
* alone between spaces: em dash ``—``.

Quotation state is followed through the text and reset at each line break.  Words where
``â`` is a real letter (``château``, ``pâté``, Romanian names) are left alone.

The restored dash is the character itself with no spaces added: it replaces exactly the
character the damage removed, so ``electionâa proposal`` becomes ``election—a proposal``
(the unspaced American style the source used) and ``talks â which`` becomes ``talks —
which``.  Single and double curly quotes are indistinguishable once damaged; double quotes
are chosen because news text quotes speech with them.  A ``Â`` is dropped where a space
is already beside it and becomes a space where it stood alone between two characters.

Finally the text is normalised for the tokenizer: curly quotes become ASCII ``'`` and
``"``, odd spaces (no-break, thin, ideographic) become ``' '``, invisible characters (soft
hyphen, zero-width space, byte-order mark) and stray C1 controls are removed.  Dashes and
``…`` are kept: the tokenizer understands them.

Every edit is reported as a :class:`Change` so that a user can see what was altered and
why; ``offset`` is always a position in the *input* text.
"""

from __future__ import annotations

import difflib
import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Change", "Repaired", "repair"]


@dataclass(frozen=True, slots=True)
class Change:
    """One edit: ``before`` at ``offset`` of the input text was replaced by ``after``."""

    offset: int
    before: str
    after: str
    reason: str


@dataclass(frozen=True, slots=True)
class Repaired:
    """The repaired text and the edits that produced it, in input order."""

    text: str
    changes: tuple[Change, ...]


# --------------------------------------------------------------------------- the table

# Characters whose UTF-8 bytes we look for in misdecoded form: typographic punctuation, the
# Windows-1252 extras, and the whole Latin-1 supplement (accented letters, £, ©, °, NBSP...).
_TARGETS = "‘’‚‛“”„‟–—―…•′″€™†‡‰‹›ŒœŠšŽžŸƒ" + "".join(
    chr(c) for c in range(0xA0, 0x100)
)

# How a repaired character is written in the output: the tokenizer wants ASCII quotes and
# plain spaces; everything else is kept as itself.
_NORMAL = {
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "\u00a0": " ", "\u00ad": "",
}

_NORMAL_TRANSLATION = str.maketrans(_NORMAL)
_C1 = re.compile("[\x80-\x9f]")


def _cp1252_char(byte: int) -> str:
    """How a browser shows one byte labelled windows-1252 (undefined bytes map to C1)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _misdecode(text: str, as_cp1252: bool) -> str:
    """``text`` encoded as UTF-8 and read back one byte per character."""
    if as_cp1252:
        return "".join(_cp1252_char(b) for b in text.encode("utf-8"))
    return text.encode("utf-8").decode("latin-1")


@functools.cache
def _mojibake_table() -> dict[str, str]:
    """Misdecoded form -> repaired text, for every character of ``_TARGETS``.

    Forms: read as Latin-1 (C1 controls kept), read as Windows-1252, the Windows-1252 form
    misread once more (double encoding), and the Latin-1 form with its C1 controls stripped
    when that is still at least two characters long and unambiguous (``â¦`` is ``…``; a lone
    ``â`` is left to the context rules).
    """
    table: dict[str, str] = {}
    stripped: dict[str, set[str]] = {}
    for char in _TARGETS:
        fixed = _NORMAL.get(char, char)
        once = _misdecode(char, as_cp1252=True)
        for form in (_misdecode(char, as_cp1252=False), once, _misdecode(once, True)):
            table[form] = fixed
        bare = _C1.sub("", _misdecode(char, as_cp1252=False))
        if len(bare) >= 2:
            stripped.setdefault(bare, set()).add(fixed)
    for form, fixes in stripped.items():
        if len(fixes) == 1 and form not in table:
            table[form] = next(iter(fixes))
    return table


# Words in which ``â`` is a real letter (French and Romanian loans and names seen in English
# news); a lone ``â`` inside a word starting with one of these is left alone.
_GENUINE_A_CIRCUMFLEX = (
    "château", "pâté", "pâtisser", "gâteau", "bâton", "théâtre", "âme", "âge", "grâce",
    "tâche", "mâche", "râle", "fâch", "românia", "român", "brâncuși", "brâncusi", "câmp",
    "târg", "râmnic", "mână",
)

_ODD_SPACES = "\u1680\u2000-\u200a\u202f\u205f\u3000"  # a character-class body
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_CURLY = "‘’‚‛“”„‟«»"


@functools.cache
def _byte_of() -> dict[str, int]:
    """Character -> the byte that a Latin-1 or Windows-1252 reading showed it for."""
    table = {chr(b): b for b in range(0x100)}
    table.update({_cp1252_char(b): b for b in range(0x80, 0xA0)})
    return table


def _continuations() -> set[str]:
    """How a UTF-8 continuation byte (80-BF) looks after a Latin-1 or cp1252 reading."""
    return {*map(chr, range(0x80, 0xC0)), *map(_cp1252_char, range(0x80, 0xC0))}


def _decode_sequence(found: str) -> str | None:
    """The characters whose UTF-8 bytes ``found`` shows, if they are valid UTF-8."""
    byte_of = _byte_of()
    try:
        return bytes(byte_of[c] for c in found).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None


@functools.cache
def _scanner() -> re.Pattern[str]:
    """One pattern whose named groups are tried in order at each position."""
    keys = sorted(_mojibake_table(), key=len, reverse=True)
    table = "|".join(re.escape(k) for k in keys)
    # Sequences that the table does not list are decoded from their bytes where that is
    # safe: symbols after ``â`` (``â†’`` is →), four-byte ones (``ðŸ˜€``), and runs of
    # two or more other two- or three-byte ones (``ÐŸÑ€``, ``æ—¥æœ¬``).  A single one is
    # not: an accented letter before a dash and a quote (``café—”``) or a capital before a
    # curly apostrophe (``JOSÉ’S``) would look like one.  ``Â`` before what was a C1
    # control is a control itself, and dropped.  A lone â or Â is one whose
    # continuation bytes are gone (or left as a stray control or a ``€``, the common
    # remnant of ”); one still followed by what a continuation byte looks like is left
    # alone rather than guessed at (ftfy may know it).
    cont = re.escape("".join(sorted(_continuations())))
    c1 = re.escape("".join(sorted({*map(chr, range(0x80, 0xA0)),
                                   *map(_cp1252_char, range(0x80, 0xA0))})))
    return re.compile(
        f"(?P<table>{table})"
        f"|(?P<sequence>â[{cont}]{{2}}|(?:[\u00e0-\u00ef][{cont}]{{2}}){{2,}}"
        f"|[\u00f0-\u00f4][{cont}]{{3}}|(?:[\u00c2-\u00df][{cont}]){{2,}}|Â[{c1}])"
        f"|(?P<lone_a>â[€\x80-\x9f]{{0,2}}(?![{cont}]{{2}}))"
        f"|(?P<lone_A>Â[\x80-\x9f]?(?![{cont}]))"
        f"|(?P<curly>[{_CURLY}])"
        f"|(?P<space>[\u00a0{_ODD_SPACES}])"
        f"|(?P<invisible>[\u00ad{_INVISIBLE}])"
        "|(?P<control>[\x80-\x9f])"
        '|(?P<quote>")'
        "|(?P<newline>\n)"
    )


# --------------------------------------------------------------------------- the rules

_CONTRACTION = re.compile(r"(?:s|t|re|ve|ll|d|m)(?![^\W\d_])", re.IGNORECASE)
_DECADE = re.compile(r"\d0s(?![A-Za-z])")  # not \b: a damaged mark may follow, "â90sâ¦"
_CLOSERS = ".,!?;:"
_NEXT_MARK = re.compile(r'([.,!?;:]?)(?:â|")')
_OPENERS = "([{"


class _Scan:
    """The state of one left-to-right pass: output so far and whether a quote is open.

    The quote state is what tells a closing mark at a word end from a possessive
    apostrophe; it resets at each line break because a quotation that runs on into the
    next paragraph reopens it there.
    """

    __slots__ = ("edits", "open_quote", "out", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.out: list[str] = []
        self.edits: list[Change] = []
        self.open_quote = False

    def prev(self) -> str:
        """The last character written, or '' at the start."""
        for piece in reversed(self.out):
            if piece:
                return piece[-1]
        return ""

    def emit(self, start: int, before: str, after: str, reason: str) -> None:
        """Write ``after`` for ``before`` and record the edit if it changed anything."""
        if after == '"':
            # A quote opens when its rule says so; otherwise (quotes already in the text,
            # decoded ones) when it stands at a word start.
            if "opening" in reason or "closing" in reason:
                self.open_quote = "opening" in reason
            else:
                end = start + len(before)
                self.open_quote = _opens_here(self.prev(), self.source[end:end + 1])
        elif after == "\n":
            self.open_quote = False
        self.out.append(after)
        if after != before:
            self.edits.append(Change(start, before, after, reason))


def _opens_here(prev: str, nxt: str) -> bool:
    """Whether a quote between ``prev`` and ``nxt`` starts a quotation."""
    return (prev == "" or prev.isspace() or prev in _OPENERS or prev in "—–") and not (
        nxt == "" or nxt.isspace()
    )


def _lone_a(scan: _Scan, source: str, end: int) -> tuple[str, str]:
    """The mark a lone ``â`` stood for, from its neighbours, and the reason to report."""
    prev = scan.prev()
    rest = source[end:end + 4]
    nxt = rest[:1]
    word_before = prev.isalnum()
    word_after = nxt.isalnum()
    if word_before and _CONTRACTION.match(rest):
        return "'", "lost apostrophe"
    if word_before and word_after:
        if prev.isdigit() and nxt.isdigit():
            return "–", "lost dash"
        return "—", "lost dash"
    if prev == "" or prev.isspace() or prev in _OPENERS:
        if nxt == "" or nxt.isspace():
            return "—", "lost dash"
        if _DECADE.match(rest):
            return "'", "lost apostrophe"
        return '"', "lost opening quote"
    if word_before:
        if scan.open_quote and not (prev in "sS" and _closed_later(source, end)):
            return '"', "lost closing quote"
        return "'", "lost apostrophe"
    if prev in _CLOSERS or prev in "\"')":
        if prev == '"' and scan.open_quote and not (nxt == "" or nxt.isspace()):
            return '"', "lost opening quote"
        return '"', "lost closing quote"
    if prev in "—–":
        return ('"', "lost opening quote") if word_after else ("—", "lost dash")
    return ('"', "lost closing quote") if scan.open_quote else ("—", "lost dash")


def _closed_later(source: str, end: int) -> bool:
    """Whether the open quotation is closed further on in the line, after punctuation.

    Inside a quotation ``playersâ`` may end the quotation or be a plural possessive; when
    the next mark in the line plainly closes the quotation (``... strong,â he said``), this
    one is the possessive.
    """
    line_end = source.find("\n", end)
    following = _NEXT_MARK.search(source, end, len(source) if line_end < 0 else line_end)
    return following is not None and following.group(1) != ""


def _is_genuine(source: str, start: int) -> bool:
    """Whether the ``â`` at ``start`` is a real letter of a known foreign word."""
    left = start
    while left > 0 and source[left - 1].isalpha():
        left -= 1
    right = start + 1
    while right < len(source) and source[right].isalpha():
        right += 1
    if left == start or right == start + 1:
        return False
    word = source[left:right].lower()
    at = start - left
    return any(word.startswith(stem) and at < len(stem) for stem in _GENUINE_A_CIRCUMFLEX)


def _lone_capital_a(scan: _Scan, source: str, end: int) -> tuple[str, str] | None:
    """A ``Â`` left by a damaged no-break space: drop it beside a space, else a space.

    None for a word-initial ``Â`` before lowercase letters (French ``Âge``), the one place
    where it is a real letter.
    """
    prev = scan.prev()
    nxt = source[end:end + 1]
    at_word_start = prev == "" or prev.isspace()
    if at_word_start and nxt.islower() and nxt.isascii():
        return None
    if at_word_start or nxt == "" or nxt.isspace():
        return "", "lost no-break space"
    return " ", "lost no-break space"


def _scan(source: str) -> tuple[str, list[Change]]:
    """Apply the table and the context rules in one pass; offsets are into ``source``."""
    table = _mojibake_table()
    scan = _Scan(source)
    pos = 0
    for m in _scanner().finditer(source):
        start, end = m.span()
        scan.out.append(source[pos:start])
        pos = end
        kind = m.lastgroup
        found = m.group()
        if kind == "table":
            scan.emit(start, found, table[found], "mojibake")
        elif kind == "sequence":
            decoded = _decode_sequence(found)
            if decoded is None:
                scan.emit(start, found, found, "")
            else:
                decoded = _C1.sub("", decoded).translate(_NORMAL_TRANSLATION)
                scan.emit(start, found, decoded, "mojibake" if decoded else "control character")
        elif kind == "lone_a":
            if _is_genuine(source, start):
                scan.emit(start, found, found, "")
            else:
                after, reason = _lone_a(scan, source, end)
                scan.emit(start, found, after, reason)
        elif kind == "lone_A":
            fix = _lone_capital_a(scan, source, end)
            if fix is None:
                scan.emit(start, found, found, "")
            else:
                scan.emit(start, found, *fix)
        elif kind == "curly":
            after = "'" if found in "‘’‚‛" else '"'
            scan.emit(start, found, after, "curly quote")
        elif kind == "space":
            scan.emit(start, found, " ", "odd space")
        elif kind == "invisible":
            scan.emit(start, found, "", "invisible character")
        elif kind == "control":
            scan.emit(start, found, "", "control character")
        else:  # a quote or line break of the text: unchanged, but it moves the quote state
            scan.emit(start, found, found, "")
    scan.out.append(source[pos:])
    return "".join(scan.out), scan.edits


# --------------------------------------------------------------------------- ftfy

def _ftfy_fixer() -> Callable[[str], str] | None:
    """``ftfy.fix_text`` if the optional package is installed, else None."""
    try:
        import ftfy
    except ImportError:
        return None
    fix: Callable[[str], str] = ftfy.fix_text
    return fix


class _OffsetMap:
    """Maps offsets in a rewritten text back to the text it was rewritten from.

    Built from the rewrite's edits; an offset inside a rewritten region maps to that
    region's start, which is where the reported edit begins.
    """

    __slots__ = ("_new_starts", "_segments")

    def __init__(self, changes: list[Change]) -> None:
        # (new_start, old_start, equal): equal segments map offset by offset.
        segments: list[tuple[int, int, bool]] = []
        delta = old_end = 0
        for change in changes:
            segments.append((old_end + delta, old_end, True))
            segments.append((change.offset + delta, change.offset, False))
            delta += len(change.after) - len(change.before)
            old_end = change.offset + len(change.before)
        segments.append((old_end + delta, old_end, True))
        self._segments = segments
        self._new_starts = [s[0] for s in segments]

    def old(self, new_offset: int) -> int:
        i = bisect_right(self._new_starts, new_offset) - 1
        new_start, old_start, equal = self._segments[max(i, 0)]
        return old_start + (new_offset - new_start) if equal else old_start


def _apply_ftfy(text: str, fix: Callable[[str], str]) -> tuple[str, list[Change]]:
    """Run ftfy line by line and describe its rewrite as edits of ``text``."""
    out: list[str] = []
    changes: list[Change] = []
    base = 0
    for line in text.splitlines(keepends=True):
        fixed = fix(line)
        if fixed != line:
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag != "equal":
                    changes.append(Change(base + i1, line[i1:i2], fixed[j1:j2], "ftfy"))
        out.append(fixed)
        base += len(line)
    return "".join(out), changes


def _moved(changes: list[Change], *maps: _OffsetMap) -> list[Change]:
    """``changes`` with offsets carried back through ``maps``, latest rewrite first."""
    moved = []
    for change in changes:
        offset = change.offset
        for offset_map in maps:
            offset = offset_map.old(offset)
        moved.append(Change(offset, change.before, change.after, change.reason))
    return moved


# --------------------------------------------------------------------------- entry point

def repair(text: str, *, use_ftfy: bool | None = None) -> Repaired:
    """Repair mojibake, lost quotes/apostrophes/dashes/spaces, and normalise punctuation.

    ``use_ftfy``: None uses ftfy when it is installed, False never does (results are then
    the same on every machine), True requires it.  The table and the context rules run
    first: ftfy's own heuristics misread text whose marks were reduced to a lone ``â``
    (it takes ``â¦`` plus a space for a damaged three-byte character).  ftfy then decodes
    what the table does not list (other scripts, rarer symbols), and a last pass normalises
    what ftfy wrote.  When ftfy ran, an edit's ``before`` is the text that step saw.
    """
    fix: Callable[[str], str] | None = None
    if use_ftfy is not False:
        fix = _ftfy_fixer()
        if fix is None and use_ftfy:
            raise ImportError("repair(use_ftfy=True) needs the optional package 'ftfy'")
    repaired, changes = _scan(text)
    if fix is not None:
        fixed, ftfy_changes = _apply_ftfy(repaired, fix)
        if ftfy_changes:
            to_input = _OffsetMap(changes)
            final, more = _scan(fixed)
            changes += _moved(ftfy_changes, to_input)
            changes += _moved(more, _OffsetMap(ftfy_changes), to_input)
            repaired = final
    changes.sort(key=lambda c: c.offset)
    return Repaired(repaired, tuple(changes))
