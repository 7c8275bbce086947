"""Penn-Treebank-style trees: built from glrkit derivation trees, printed, read back.

A :class:`PennTree` is a labelled bracket over part-of-speech preterminals, the shape of
the Treebank's ``.mrg`` files: ``(S (NP (DT The) (NN bank)) (VP (VBD left) ...) (. .))``.
:func:`from_derivation` turns the best derivation of the English grammar into one:
nonterminals named after Treebank labels become brackets, the others (``_clause``, the
hidden helpers of ``x*``) are spliced into their parent, and each token becomes a
preterminal with its Treebank tag over the word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from glrkit import Tree

__all__ = ["PennTree", "from_derivation", "parse_bracketed"]


@dataclass(frozen=True, slots=True)
class PennTree:
    """A bracket ``(label children...)``, or a preterminal ``(tag word)`` when ``word`` is
    set (then ``children`` is empty)."""

    label: str
    children: tuple[PennTree, ...] = ()
    word: str | None = None

    @property
    def is_preterminal(self) -> bool:
        return self.word is not None

    def words(self) -> list[str]:
        """The words under this bracket, in order."""
        return [leaf.word for leaf in self.preterminals() if leaf.word is not None]

    def tags(self) -> list[str]:
        """The part-of-speech tags of the words, in order."""
        return [leaf.label for leaf in self.preterminals()]

    def preterminals(self) -> Iterator[PennTree]:
        stack: list[PennTree] = [self]
        while stack:
            node = stack.pop()
            if node.is_preterminal:
                yield node
            else:
                stack.extend(reversed(node.children))

    def subtrees(self) -> Iterator[PennTree]:
        """Every bracket (not the preterminals), in preorder."""
        stack: list[PennTree] = [self]
        while stack:
            node = stack.pop()
            if not node.is_preterminal:
                yield node
                stack.extend(reversed(node.children))

    def sexpr(self) -> str:
        """The tree on one line: ``(S (NP (PRP It)) (VP (VBZ works)) (. .))``."""
        if self.word is not None:
            return f"({self.label} {self.word})"
        return "(" + " ".join([self.label, *(c.sexpr() for c in self.children)]) + ")"

    def pretty(self, indent: str = "  ", width: int = 72) -> str:
        """Indented like the Treebank's files: a bracket that fits on one line (within
        ``width`` columns) stays on one line, others put each child on its own line."""
        lines: list[str] = []
        self._pretty(lines, 0, indent, width)
        return "\n".join(lines)

    def _pretty(self, lines: list[str], depth: int, indent: str, width: int) -> None:
        pad = indent * depth
        flat = self.sexpr()
        if self.word is not None or len(pad) + len(flat) <= width:
            lines.append(pad + flat)
            return
        lines.append(f"{pad}({self.label}")
        for child in self.children:
            child._pretty(lines, depth + 1, indent, width)
        lines[-1] += ")"

    def to_list(self) -> list[Any]:
        """Nested lists for JSON: ``["S", ["NP", ["PRP", "It"]], ...]``."""
        if self.word is not None:
            return [self.label, self.word]
        return [self.label, *(c.to_list() for c in self.children)]

    def __str__(self) -> str:
        return self.sexpr()


def from_derivation(
    tree: Tree,
    words: Sequence[str],
    label_of: Callable[[str], str | None],
    root_label: str = "S",
) -> PennTree:
    """The Penn-style tree of a derivation of the English grammar.

    ``words`` are the tokens, in order (leaf ``i`` of the derivation is ``words[i]``);
    ``label_of`` maps a grammar symbol to its Treebank label, or None to splice it away.
    If the root itself is spliced and leaves several brackets, they go under
    ``root_label``.
    """
    counter = iter(range(len(words)))

    def convert(node: Tree) -> list[PennTree]:
        label = label_of(node.symbol)
        if node.is_terminal:
            index = next(counter)
            return [PennTree(label or node.symbol, (), words[index])]
        children: list[PennTree] = []
        for child in node.children:
            children.extend(convert(child))
        if label is None:
            return children
        return [PennTree(label, tuple(children))]

    converted = convert(tree)
    if len(converted) == 1 and not converted[0].is_preterminal:
        return converted[0]
    return PennTree(root_label, tuple(converted))


def parse_bracketed(text: str) -> PennTree:
    """Read one bracketed tree, ``(S (NP (PRP It)) (VP (VBZ works)))``; an outer unlabelled
    bracket (``( (S ...) )`` as in ``.mrg`` files) is removed."""
    tokens = text.replace("(", " ( ").replace(")", " ) ").split()
    position = 0

    def read() -> PennTree:
        nonlocal position
        if tokens[position] != "(":
            raise ValueError(f"expected '(' at token {position}: {tokens[position]!r}")
        position += 1
        label = "" if tokens[position] == "(" else tokens[position]
        if label:
            position += 1
        if tokens[position] not in ("(", ")"):
            word = tokens[position]
            position += 2  # the word and ')'
            return PennTree(label, (), word)
        children: list[PennTree] = []
        while tokens[position] != ")":
            children.append(read())
        position += 1
        if not label and len(children) == 1:
            return children[0]
        return PennTree(label or "ROOT", tuple(children))

    tree = read()
    if position != len(tokens):
        raise ValueError("text after the tree")
    return tree
