"""Seeded input generators: every input is made at run time, the same for the same arguments."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Doc:
    """One generated input: its text and how many tokens a lexer finds in it."""

    text: str
    tokens: int

    @property
    def nbytes(self) -> int:
        return len(self.text.encode())
