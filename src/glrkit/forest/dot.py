"""Forest -> Graphviz DOT text (rendering it needs graphviz, which the core never imports)."""

from __future__ import annotations

import json

from glrkit.forest.count import components
from glrkit.forest.enumerate import Layout
from glrkit.forest.sppf import Node, TerminalNode
from glrkit.grammar.model import Grammar


def forest_to_dot(grammar: Grammar, root: Node, layout: Layout) -> str:
    ids: dict[Node, str] = {}
    lines = ["digraph forest {", "  node [fontname=Helvetica];"]
    nodes = [n for component in components(root) for n in component]
    for k, node in enumerate(nodes):
        ids[node] = f"n{k}"
    for node in nodes:
        name = grammar.name(node.symbol)
        if isinstance(node, TerminalNode):
            text = layout.source[layout.offset(node.start, False) : layout.offset(node.end, True)]
            label = f"{name} {text!r}" if not name.startswith('"') else name
            lines.append(f"  {ids[node]} [shape=ellipse, label={json.dumps(label)}];")
            continue
        span = f"{node.start},{node.end}" if node.start >= 0 else "ε"
        style = ", style=filled, fillcolor=lightyellow" if len(node.families) > 1 else ""
        lines.append(f"  {ids[node]} [shape=box, label={json.dumps(f'{name} [{span}]')}{style}];")
        for j, family in enumerate(node.families):
            packed = f"{ids[node]}p{j}"
            lines.append(f"  {packed} [shape=point];")
            lines.append(f"  {ids[node]} -> {packed};")
            for child in family[1:]:
                assert isinstance(child, Node)
                lines.append(f"  {packed} -> {ids[child]};")
    lines.append("}")
    return "\n".join(lines) + "\n"
