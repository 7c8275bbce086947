"""glrkit: generalized LR parsing with an exact shared packed parse forest.

from glrkit import Grammar, Parser
forest = Parser(Grammar.from_string(text)).parse(source)
"""

from glrkit.check import CheckReport, check
from glrkit.disambig import DisambiguationError, Scored, UnboundedScore, estimate_weights
from glrkit.errors import GlrkitError, GrammarError, ParseError, TokenError
from glrkit.forest import Ambiguity, Forest, Tree
from glrkit.grammar import Grammar, GrammarBuilder
from glrkit.parser import VERSION as __version__
from glrkit.parser import Parser, Token
from glrkit.semantics import AmbiguousValue, Children, Transformer, Visitor

__all__ = [
    "Ambiguity",
    "AmbiguousValue",
    "CheckReport",
    "Children",
    "DisambiguationError",
    "Forest",
    "GlrkitError",
    "Grammar",
    "GrammarBuilder",
    "GrammarError",
    "ParseError",
    "Parser",
    "Scored",
    "Token",
    "TokenError",
    "Transformer",
    "Tree",
    "UnboundedScore",
    "Visitor",
    "__version__",
    "check",
    "estimate_weights",
]
