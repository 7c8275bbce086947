"""Penn Treebank ``.mrg`` files: bracketed trees, read iteratively and cleaned for parsing.

A file holds one tree per sentence, ``( (S (NP-SBJ (NNP Pierre) ...) ...) )``: an unlabelled
root, phrase labels with function tags and co-indices (``NP-SBJ-1``, ``PP=2``), preterminals
``(TAG word)``, and empty elements ``(-NONE- *T*-1)`` for traces and deleted material
(Marcus, Santorini & Marcinkiewicz, "Building a large annotated corpus of English: the Penn
Treebank", Computational Linguistics 19(2), 1993; Bies et al., "Bracketing guidelines for
Treebank II style", 1995).

:func:`clean` turns such a tree into what a context-free parser of words can produce: empty
elements go, and with them every constituent left without words; labels lose their function
tags and indices (``NP-SBJ-1`` -> ``NP``). Parts-of-speech tags such as ``-LRB-`` and
``PRP$`` are kept as they are. Reading and every tree walk here use explicit stacks, so a
tree of any depth is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = [
    "SPLITS",
    "TreebankError",
    "TreebankTree",
    "clean",
    "clean_label",
    "read_trees",
    "split_files",
    "treebank_trees",
]

EMPTY = "-NONE-"

# The fixed split of the WSJ sample (see its README): train/dev wsj_0001-0159, test 0160-0199.
SPLITS: dict[str, range] = {
    "train": range(1, 160),
    "test": range(160, 200),
    "all": range(1, 10_000),
}

_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_FILE_NUMBER = re.compile(r"wsj_(\d{4})\.mrg$")


class TreebankError(ValueError):
    """Bracketed text that is not a well-formed tree: says where."""


class TreebankTree:
    """A bracketed tree: a phrase (``label`` and ``children``) or a preterminal (``label`` is
    the tag, ``word`` the word, no children). The root of a ``.mrg`` tree has label ``""``."""

    __slots__ = ("children", "label", "word")

    def __init__(
        self, label: str, children: Iterable[TreebankTree] = (), word: str | None = None
    ) -> None:
        self.label = label
        self.children: list[TreebankTree] = list(children)
        self.word = word

    @property
    def is_preterminal(self) -> bool:
        return self.word is not None

    def leaves(self) -> list[tuple[str, str]]:
        """The (tag, word) pairs, left to right."""
        out: list[tuple[str, str]] = []
        stack: list[TreebankTree] = [self]
        while stack:
            node = stack.pop()
            if node.word is not None:
                out.append((node.label, node.word))
            else:
                stack.extend(reversed(node.children))
        return out

    def words(self) -> list[str]:
        return [word for _tag, word in self.leaves()]

    def tags(self) -> list[str]:
        return [tag for tag, _word in self.leaves()]

    def nodes(self) -> Iterator[TreebankTree]:
        """Every node, parents before children (preorder)."""
        stack: list[TreebankTree] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def copy(self) -> TreebankTree:
        """A deep copy (iterative)."""
        root = TreebankTree(self.label, (), self.word)
        stack = [(self, root)]
        while stack:
            old, new = stack.pop()
            for child in old.children:
                twin = TreebankTree(child.label, (), child.word)
                new.children.append(twin)
                stack.append((child, twin))
        return root

    def __str__(self) -> str:
        """One-line bracketed text, ``(S (NP (DT the) (NN cat)) (VP (VBD sat)))``."""
        parts: list[str] = []
        stack: list[TreebankTree | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif item.word is not None:
                parts.append(f"({item.label} {item.word})")
            else:
                parts.append(f"({item.label}" if item.children else f"({item.label})")
                stack.append(")")
                for child in reversed(item.children):
                    stack.append(child)
                    stack.append(" ")
        return "".join(parts)

    def __repr__(self) -> str:
        return f"TreebankTree({str(self)[:60]!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TreebankTree):
            return NotImplemented
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    @classmethod
    def parse(cls, text: str) -> TreebankTree:
        """The one tree in ``text``; raises TreebankError if there is not exactly one."""
        trees = list(read_trees(text))
        if len(trees) != 1:
            raise TreebankError(f"expected one tree, found {len(trees)}")
        return trees[0]


def read_trees(text: str, source: str = "<text>") -> Iterator[TreebankTree]:
    """The trees of bracketed text, in order, as written (see :func:`clean`).

    ``(TAG word)`` is a preterminal; ``( (S ...) )`` is a root with label ``""``. Iterative:
    one stack of open brackets, whatever the depth.
    """
    stack: list[TreebankTree] = []
    expect_label = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "(":
            if expect_label:  # "( (" : the open bracket has no label
                stack[-1].label = ""
            node = TreebankTree("")
            if stack:
                stack[-1].children.append(node)
            stack.append(node)
            expect_label = True
        elif token == ")":
            if not stack:
                raise TreebankError(f"{source}: unbalanced ')' at offset {match.start()}")
            node = stack.pop()
            expect_label = False
            if node.word is None and not node.children and node.label:
                raise TreebankError(
                    f"{source}: empty constituent ({node.label}) at offset {match.start()}"
                )
            if not stack:
                yield node
        elif expect_label:
            stack[-1].label = token
            expect_label = False
        else:
            if not stack:
                raise TreebankError(f"{source}: text outside brackets at offset {match.start()}")
            top = stack[-1]
            if top.children or top.word is not None:
                raise TreebankError(
                    f"{source}: word {token!r} beside other children at offset {match.start()}"
                )
            top.word = token
    if stack:
        raise TreebankError(f"{source}: {len(stack)} bracket(s) left open at the end")


def clean_label(label: str) -> str:
    """``NP-SBJ-1`` -> ``NP``, ``PP=2`` -> ``PP``, ``ADVP|PRT`` -> ``ADVP``; tags written
    with dashes (``-LRB-``, ``-NONE-``) stay as they are."""
    if label.startswith("-") and label.endswith("-") and len(label) > 1:
        return label
    base = re.split(r"[-=|]", label, maxsplit=1)[0]
    return base or label


def clean(tree: TreebankTree) -> TreebankTree | None:
    """A copy without empty elements, constituents left empty, function tags and indices.

    None when the whole tree was empty. Preterminal tags are kept as written.
    """
    # Post-order over the original, building the cleaned copy bottom-up.
    done: dict[int, TreebankTree | None] = {}
    stack: list[tuple[TreebankTree, bool]] = [(tree, False)]
    while stack:
        node, expanded = stack.pop()
        if node.word is not None:
            done[id(node)] = (
                None if node.label == EMPTY else TreebankTree(node.label, (), node.word)
            )
            continue
        if not expanded:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.children))
            continue
        kept = [c for c in (done.pop(id(child)) for child in node.children) if c is not None]
        done[id(node)] = TreebankTree(clean_label(node.label), kept) if kept else None
    return done[id(tree)]


def split_files(directory: str | Path, split: str = "all") -> list[Path]:
    """The ``wsj_NNNN.mrg`` files of a treebank folder (searched recursively, so the
    section folders of the full treebank work too) that belong to ``split``: ``train``,
    ``test``, ``all``, or a range of file numbers ``A-B`` (inclusive)."""
    numbers = _split_range(split)
    found: list[tuple[int, Path]] = []
    for path in Path(directory).rglob("*.mrg"):
        match = _FILE_NUMBER.search(path.name)
        if match and int(match.group(1)) in numbers:
            found.append((int(match.group(1)), path))
    return [path for _n, path in sorted(found)]


def _split_range(split: str) -> range:
    if split in SPLITS:
        return SPLITS[split]
    low, dash, high = split.partition("-")
    if dash and low.isdigit() and high.isdigit():
        return range(int(low), int(high) + 1)
    raise ValueError(f"unknown split {split!r}: use train, test, all or a file range like 1-159")


def treebank_trees(directory: str | Path, split: str = "all") -> Iterator[TreebankTree]:
    """The cleaned trees of a split, file by file, in order (trees that were wholly empty
    are skipped)."""
    for path in split_files(directory, split):
        for tree in read_trees(path.read_text(encoding="utf-8"), str(path.name)):
            cleaned = clean(tree)
            if cleaned is not None:
                yield cleaned
