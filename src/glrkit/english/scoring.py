"""The best parse under rule weights plus lexical (token) weights, as a Penn tree.

A tree's score is the sum of its rules' log-weights (the grammar's ``%weight``) and, for
every token, the log-weight of the tag the tree reads it with (:mod:`.lexical`).  glrkit's
``Forest.k_best(k, token_weights=f)`` computes that directly.  With a glrkit whose forest
methods do not take ``token_weights`` yet, :func:`best` computes the same maximum itself
with ``Forest.evaluate``: one action per (node, alternative) that adds the rule's weight
to its children's scores, and a merge that keeps the best alternative (the Viterbi
algorithm on the forest's hypergraph).  Ties go to the smaller tree, then the first.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any

from glrkit import Children, Forest, Tree
from glrkit.english.penn import PennTree, from_derivation

__all__ = ["TokenWeights", "best", "core_supports_token_weights"]

TokenWeights = Callable[[int, str], float]
LabelOf = Callable[[str], "str | None"]

# A scored partial derivation: (score, size, label or None to splice, children); a token
# is (score, 0, tag, word).  Children are values of the same shape, built lazily.
_Value = tuple[float, int, "str | None", Any]


def core_supports_token_weights() -> bool:
    """Whether ``Forest.k_best`` takes ``token_weights`` (newer glrkit)."""
    return "token_weights" in inspect.signature(Forest.k_best).parameters


def best(
    forest: Forest,
    words: Sequence[str],
    token_weights: TokenWeights,
    label_of: LabelOf,
    root_label: str = "S",
) -> tuple[float, PennTree]:
    """The best tree's score and its Penn tree."""
    if core_supports_token_weights():
        k_best: Any = forest.k_best
        scored = k_best(1, token_weights=token_weights)[0]
        tree: Tree = scored.tree
        return float(scored.score), from_derivation(tree, words, label_of, root_label)
    return _evaluate_best(forest, words, token_weights, label_of, root_label)


def _evaluate_best(
    forest: Forest,
    words: Sequence[str],
    token_weights: TokenWeights,
    label_of: LabelOf,
    root_label: str,
) -> tuple[float, PennTree]:
    rules = forest.grammar.rules
    weight_of = [r.weight if r.weight is not None else 0.0 for r in rules]
    index_at: dict[int, int] = {}
    offset = 0
    for i, word in enumerate(words):
        index_at[offset] = i
        offset += len(word) + 1

    def token(leaf: Tree) -> _Value:
        i = index_at[leaf.start]
        return (token_weights(i, leaf.symbol), 0, label_of(leaf.symbol), words[i])

    def action(children: Children) -> _Value:
        score = weight_of[children.rule]
        size = 1
        for child in children:
            score += child[0]
            size += child[1]
        return (score, size, label_of(children.symbol), tuple(children))

    def merge(values: list[Any], site: Any) -> Any:
        if site.hidden:  # tuples of the values a helper splices into its parent
            return max(values, key=lambda v: (sum(c[0] for c in v), -sum(c[1] for c in v)))
        return max(values, key=lambda v: (v[0], -v[1]))

    value: _Value = forest.evaluate(action, token=token, merge=merge)
    return value[0], _materialise(value, root_label)


def _materialise(value: _Value, root_label: str) -> PennTree:
    def build(v: _Value) -> list[PennTree]:
        _score, size, label, kids = v
        if size == 0:  # a token
            return [PennTree(label or "X", (), kids)]
        out: list[PennTree] = []
        for kid in kids:
            out.extend(build(kid))
        return out if label is None else [PennTree(label, tuple(out))]

    built = build(value)
    if len(built) == 1 and not built[0].is_preterminal:
        return built[0]
    return PennTree(root_label, tuple(built))
