"""Lexing: terminal definitions -> lexemes, contextually and with lexical ambiguity kept."""

from glrkit.lex.lexer import ContextualLexer, Lexeme

__all__ = ["ContextualLexer", "Lexeme"]
