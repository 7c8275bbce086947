"""Trees in other shapes. JSON and s-expressions are methods of Tree (`to_json()`,
`sexpr()`); NLTK's Tree is built here, only when NLTK is installed (no hard dependency)."""

from __future__ import annotations

import importlib
from typing import Any

from glrkit.forest.tree import Tree


def to_nltk(tree: Tree) -> Any:
    """An `nltk.Tree`: a node per rule application labelled with its rule name, named
    terminals as preterminals over their text (`(NUMBER 42)`), literals as bare leaves."""
    try:
        nltk = importlib.import_module("nltk")
    except ImportError:
        raise ImportError("to_nltk needs NLTK: pip install nltk") from None
    make = nltk.Tree
    built: list[Any] = []
    stack: list[tuple[Tree, bool]] = [(tree, False)]
    while stack:
        node, done = stack.pop()
        if node.is_terminal:
            if node.symbol.startswith('"'):
                built.append(node.text)
            else:
                built.append(make(node.symbol, [node.text]))
        elif not done:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.children))
        else:
            n = len(node.children)
            kids = built[len(built) - n :]
            del built[len(built) - n :]
            built.append(make(node.symbol, kids))
    return built[0]
