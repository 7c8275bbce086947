"""The best parse under rule weights plus lexical (token) weights, as a Penn tree.

A tree's score is the sum of its rules' log-weights (the grammar's ``%weight``) and, for
every token, the log-weight of the tag the tree reads it with (:mod:`.lexical`).
``Forest.best(token_weights=f)`` finds the best tree (Viterbi over the forest); its score
is then summed over that one tree, which is cheaper than a second pass over the forest
(``best_score``) or a k-best run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from glrkit import Forest, Grammar, Tree
from glrkit.english.penn import PennTree, from_derivation

__all__ = ["TokenWeights", "best", "tree_score"]

TokenWeights = Callable[[int, str], float]
LabelOf = Callable[[str], "str | None"]


def best(
    forest: Forest,
    words: Sequence[str],
    token_weights: TokenWeights,
    label_of: LabelOf,
    root_label: str = "S",
) -> tuple[float, PennTree]:
    """The best tree's score and its Penn tree."""
    tree = forest.best(token_weights=token_weights)
    score = tree_score(tree, forest.grammar, token_weights)
    return score, from_derivation(tree, words, label_of, root_label)


def tree_score(tree: Tree, grammar: Grammar, token_weights: TokenWeights) -> float:
    """The sum of the rule weights of ``tree`` and the token weights of its leaves.

    Hidden helper rules (from ``?``, ``*``, ``+``) do not show in trees; they carry no
    weight in the English grammar, so nothing is missed.
    """
    rules = grammar.rules
    score = 0.0
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.rule is None:
            continue
        weight = rules[node.rule].weight
        score += weight if weight is not None else 0.0
        stack.extend(node.children)
    for index, leaf in enumerate(tree.leaves()):
        score += token_weights(index, leaf.symbol)
    return score
