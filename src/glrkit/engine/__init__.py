"""The GLR engine: graph-structured stack and the RNGLR driver."""

from glrkit.engine._gss import GssNode
from glrkit.engine.rnglr import RNGLR, Parsed, Stuck

__all__ = ["RNGLR", "GssNode", "Parsed", "Stuck"]
