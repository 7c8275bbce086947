"""LR tables: LR(0) automaton, LALR(1) lookaheads, right-nulled reductions, precedence."""

from glrkit.tables.build import build_table
from glrkit.tables.table import Conflict, ParseTable, Resolution

__all__ = ["Conflict", "ParseTable", "Resolution", "build_table"]
