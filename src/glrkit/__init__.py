"""glrkit: generalized LR parsing with an exact shared packed parse forest.

from glrkit import Grammar, Parser
forest = Parser(Grammar.from_string(text)).parse(source)
"""

from glrkit.check import CheckReport, check
from glrkit.errors import GlrkitError, GrammarError, ParseError
from glrkit.forest import Ambiguity, Forest, Tree
from glrkit.grammar import Grammar, GrammarBuilder
from glrkit.parser import VERSION as __version__
from glrkit.parser import Parser, Token

__all__ = [
    "Ambiguity",
    "CheckReport",
    "Forest",
    "GlrkitError",
    "Grammar",
    "GrammarBuilder",
    "GrammarError",
    "ParseError",
    "Parser",
    "Token",
    "Tree",
    "__version__",
    "check",
]
