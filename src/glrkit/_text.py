"""Positions in source text: offsets to line/column, and caret excerpts for messages."""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a text: 0-based offset, 1-based line and column."""

    offset: int
    line: int
    column: int


class LineIndex:
    """Maps offsets to (line, column) in O(log lines); built once per text."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(offset, line + 1, offset - self._starts[line] + 1)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self._starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]


def caret_excerpt(text: str, offset: int, width: int = 1) -> str:
    """The source line holding `offset`, and a caret line under the offending text."""
    index = LineIndex(text)
    pos = index.position(min(offset, len(text)))
    line = index.line_text(pos.line).replace("\t", " ")
    width = max(1, min(width, len(line) - pos.column + 1))
    return f"  {line}\n  {' ' * (pos.column - 1)}{'^' * width}"


def show_text(fragment: str, limit: int = 20) -> str:
    """A short, quoted rendering of offending input for messages."""
    if fragment == "":
        return "end of input"
    shown = fragment if len(fragment) <= limit else fragment[:limit] + "…"
    return repr(shown)
