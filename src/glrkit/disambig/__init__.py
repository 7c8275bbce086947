"""Disambiguation: from a forest with every derivation to the one the user means.

Static: precedence and associativity (`%left`, `%right`, `%nonassoc`, `%prec`) are settled
when the tables are built (`glrkit.check` reports how). Dynamic: `Forest.disambiguate(...)`
applies the grammar's `%reject`, `%dprec`, `%prefer` and `%avoid`, then filters such as
these. Weights: `Forest.best()`, `k_best()` and `inside()` use `%weight`/`%prob`, or weights
estimated from trees by `estimate_weights`.
"""

from glrkit.disambig.filters import (
    avoid,
    longest_match,
    prefer,
    priorities,
    reject_words,
    shortest_match,
)
from glrkit.disambig.report import PrecedenceDecision, precedence_decisions
from glrkit.disambig.weights import (
    estimate_weights,
    expected_rule_counts,
    rule_counts,
    with_weights,
)
from glrkit.forest.filter import (
    Alternative,
    Alternatives,
    ByDprec,
    Child,
    DisambiguationError,
    Filter,
    PreferAvoid,
    RejectMarked,
    declared_filters,
)
from glrkit.forest.score import Scored, UnboundedScore

__all__ = [
    "Alternative",
    "Alternatives",
    "ByDprec",
    "Child",
    "DisambiguationError",
    "Filter",
    "PrecedenceDecision",
    "PreferAvoid",
    "RejectMarked",
    "Scored",
    "UnboundedScore",
    "avoid",
    "declared_filters",
    "estimate_weights",
    "expected_rule_counts",
    "longest_match",
    "precedence_decisions",
    "prefer",
    "priorities",
    "reject_words",
    "rule_counts",
    "shortest_match",
    "with_weights",
]
