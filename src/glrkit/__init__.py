"""glrkit: generalized LR parsing with an exact shared packed parse forest."""

from glrkit.errors import GlrkitError, GrammarError, ParseError

__version__ = "0.1.0"
__all__ = ["GlrkitError", "GrammarError", "ParseError", "__version__"]
