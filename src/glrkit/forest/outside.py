"""Expected rule counts over a forest: the inside-outside algorithm (Baker, "Trainable
grammars for speech recognition", 1979; Lari & Young, "The estimation of stochastic
context-free grammars using the inside-outside algorithm", Computer Speech and Language
4(1), 1990).

Each tree t of the forest has probability exp(score(t)) / Z, Z the inside value of the root.
The expected number of uses of rule r is the sum, over the families f of rule r, of the
probability that a tree uses f: exp(outside(node) + w_r + inside(children) - log Z). With one
tree this is exactly its rule counts, hidden helper rules included, which trees do not show;
over an ambiguous forest it is the E-step of EM.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from glrkit.forest._families import kids, rule_of
from glrkit.forest.count import components
from glrkit.forest.score import LeafScore, _logsumexp, _self_loop, inside_values
from glrkit.forest.sppf import Node, TerminalNode


def expected_counts(
    root: Node, weights: Sequence[float], leaf_score: LeafScore | None = None
) -> dict[int, float]:
    """Rule index -> expected count under the forest's tree distribution (acyclic forests)."""
    parts = components(root)
    order = [node for component in parts for node in component]
    if any(len(c) > 1 or _self_loop(c[0]) for c in parts):
        raise ValueError("expected counts need an acyclic forest; disambiguate the cycles away")
    inner = inside_values(root, weights, leaf_score)
    total = inner[root]
    if not math.isfinite(total):
        raise ValueError(f"the forest's total weight is {math.exp(total)}; no distribution")
    incoming: dict[Node, list[float]] = {root: [0.0]}
    counts: dict[int, float] = {}
    for node in reversed(order):  # parents before children
        if isinstance(node, TerminalNode):
            continue
        out = _logsumexp(incoming.pop(node, []))
        if out == -math.inf:
            continue
        for fam in node.families:
            children = kids(fam)
            rule = rule_of(fam)
            values = [inner[c] for c in children]
            through = weights[rule] + math.fsum(values)
            if through == -math.inf:
                continue
            counts[rule] = counts.get(rule, 0.0) + math.exp(out + through - total)
            for child, value in zip(children, values, strict=True):
                if not isinstance(child, TerminalNode):
                    incoming.setdefault(child, []).append(out + through - value)
    return counts
