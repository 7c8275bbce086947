"""Adapters: one module per system, all with the interface of `Adapter`.

A workload asks an adapter to `build` a parser for a grammar (table construction), then to
`parse` generated documents, either to a parse tree (`want="tree"`) or to a shared forest
(`want="forest"`), and to `count` the derivations in what it parsed. `tables` times the
grammar-to-parser step on its own (workload 5).
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gformat import GrammarDef
from inputs import Doc


class NotApplicable(Exception):
    """This system cannot run this cell (shown as 'n/a' with the reason)."""


@dataclass
class Outcome:
    """What one parse produced. `seconds` is set by systems that time themselves (Bison)."""

    value: Any
    seconds: float | None = None
    count: int | None = None
    extra: dict[str, Any] | None = None


class Adapter(ABC):
    key: str = ""  # command-line id, e.g. "lark-lalr"
    label: str = ""  # row label, e.g. "Lark LALR"
    note: str = ""  # what exactly is measured, shown under the table
    counts: bool = False  # can report the number of derivations
    family: str = ""  # name before the version in the header line (default: first word of label)

    def unavailable(self) -> str | None:
        """Why this system cannot run on this machine, or None."""
        return None

    @abstractmethod
    def version(self) -> str: ...

    @abstractmethod
    def build(self, g: GrammarDef, want: str) -> Any:
        """Make a parser for `g`; raise NotApplicable when the system cannot."""

    @abstractmethod
    def parse(self, parser: Any, doc: Doc, want: str) -> Outcome: ...

    def count(self, parser: Any, outcome: Outcome) -> int | None:
        return outcome.count

    def tables(self, g: GrammarDef, cache_dir: Path | None) -> Any:
        """Grammar text to a ready parser; with `cache_dir`, use the system's table cache there."""
        raise NotApplicable("no table construction benchmark")


_MODULES = ("glrkit_adapter", "lark_adapter", "parglare_adapter", "bison_adapter")


def all_adapters() -> list[Adapter]:
    out: list[Adapter] = []
    for name in _MODULES:
        module = importlib.import_module(f"systems.{name}")
        out.extend(module.ADAPTERS)
    return out


def adapter(key: str) -> Adapter:
    for a in all_adapters():
        if a.key == key:
            return a
    raise KeyError(key)
