"""The GLR engine: graph-structured stack and the RNGLR driver."""

from glrkit.engine.rnglr import RNGLR, GssNode, Parsed, Stuck

__all__ = ["RNGLR", "GssNode", "Parsed", "Stuck"]
