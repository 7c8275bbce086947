"""Grammars: the text format, a Python builder, and the normalized int-coded model."""

from glrkit.grammar.analysis import Analysis, analyse
from glrkit.grammar.builder import GrammarBuilder
from glrkit.grammar.model import Grammar, Nonterminal, Rule, Terminal, rule_text

__all__ = ["Analysis", "Grammar",
    "GrammarBuilder", "Nonterminal", "Rule", "Terminal", "analyse", "rule_text"]
