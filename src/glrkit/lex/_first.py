"""The characters a regular expression's matches can start with, from Python's own regex
parser. An over-approximation is always safe (the lexer still runs the regex); None means
"could be anything" and is the answer whenever the pattern is not understood."""

from __future__ import annotations

import importlib
import re
from typing import Any

# Python's own regex parser (re._parser since 3.11); typeshed does not describe it.
_sre_parse: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except re.error:
        return None
    found = _first(list(parsed), flags)
    if found is None or found[1]:  # None, or the pattern can match the empty string
        return None
    chars = found[0]
    if flags & re.IGNORECASE:
        chars = (
            chars
            | {c.swapcase() for c in chars}
            | {c.lower() for c in chars}
            | {c.upper() for c in chars}
        )
    return frozenset(chars)


def _first(items: list[Any], flags: int) -> tuple[set[str], bool] | None:
    """(first characters, whether the sequence can match empty)."""
    out: set[str] = set()
    for op, arg in items:
        got = _item(op, arg, flags)
        if got is None:
            return None
        chars, nullable = got
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _item(op: Any, arg: Any, flags: int) -> tuple[set[str], bool] | None:
    if op is _c.LITERAL:
        return {chr(arg)}, False
    if op is _c.IN:
        return _charset(arg)
    if op is _c.SUBPATTERN:
        return _first(list(arg[-1]), flags)
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in arg[1]:
            got = _first(list(branch), flags)
            if got is None:
                return None
            out |= got[0]
            nullable = nullable or got[1]
        return out, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _, body = arg
        got = _first(list(body), flags)
        if got is None:
            return None
        return got[0], got[1] or low == 0
    return None  # ANY, NOT_LITERAL, categories at top level, anchors, lookarounds...


def _charset(items: Any) -> tuple[set[str], bool] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.RANGE:
            low, high = arg
            if high - low > 4096:
                return None
            chars.update(chr(i) for i in range(low, high + 1))
        else:
            return None  # NEGATE and friends
    return chars, False
