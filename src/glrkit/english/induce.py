"""A probabilistic grammar read off a treebank, and the tree transforms that refine it.

The plain treebank grammar (Charniak, "Tree-bank grammars", AAAI 1996) has one rule per
distinct local tree and relative-frequency probabilities, P(X -> α) = c(X -> α) / c(X): the
maximum-likelihood PCFG of the trees. Its independence assumptions are too strong and its
n-ary rules too sparse; two transforms of the trees, undone after parsing, fix much of that:

- **vertical** (Johnson, "PCFG models of linguistic tree representations", Computational
  Linguistics 24(4), 1998): each phrase label carries the labels of its ``v - 1`` nearest
  ancestors (``v = 2`` is parent annotation: an NP under S is ``np_s``, under VP ``np_vp``),
  so subject and object noun phrases get their own rule distributions;
- **horizontal** (Klein & Manning, "Accurate unlexicalized parsing", ACL 2003, section 2):
  a phrase of three or more children is binarized through intermediate symbols that remember
  only the ``h`` previous sibling labels, so unseen long rules are built from seen pieces.

Binarization here is left to right (``X -> @X[..y] z``, left recursive, which suits an LR
parser); Klein & Manning go outward from the head, which needs head rules. For a first-order
chain the two directions give the same maximum-likelihood model.

A third transform refines the preterminals, the tag splits of Klein & Manning (2003,
section 4; :data:`TAG_SPLITS`): a tag is annotated with its parent's label (TAG-PA:
``IN^PP``, ``IN^SBAR``), ``IN`` with the kind of phrase it heads and where that attaches
(SPLIT-IN), determiners and adverbs alone in their phrase are marked (UNARY-DT, UNARY-RB),
and a few word classes get their own tag (SPLIT-CC, SPLIT-%, SPLIT-AUX). The grammar's
terminals are then annotated tags; a token offers every variant of its tag
(:func:`tag_variants`) and the grammar decides between them.

Names. Terminals are the part-of-speech tags, written as literals (``"NN"``, ``"PRP$"``,
``","``); an annotated tag adds ``=class`` for a word class and ``^mark`` for each context
mark (``"CC=but^S"``, ``"IN^PP^pn"``), which :func:`base_tag` strips. A phrase label
becomes a lowercase nonterminal (``NP`` -> ``np``); ancestor labels are appended with ``_``
(``np_vp_s``); intermediate symbols add ``__`` and their sibling context (``np_s__dt_jj``).
The start symbol ``top`` stands for the treebank's unlabelled root. :func:`unannotate`
reads any such name back to the Treebank label, so a grammar file alone is enough to
evaluate its parses.

Unary rules are kept as they are (``S -> VP``, ``SBAR -> S``), except a label over the same
label (``NP -> NP``), which only removing empty elements creates; it is merged
(:func:`normalize`). The remaining unary chains may form cycles (NP -> SBAR -> S -> NP); the
GLR engine and Viterbi handle those exactly, and with probabilities below 1 no best tree
goes round a cycle.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from glrkit.english.treebank import TreebankTree

__all__ = [
    "START",
    "TAG_SPLITS",
    "Annotation",
    "InducedGrammar",
    "annotate",
    "annotated_leaves",
    "base_tag",
    "induce",
    "is_terminal_name",
    "label_of",
    "normalize",
    "split_tag",
    "tag_splits_of",
    "tag_variants",
    "unannotate",
    "word_class",
]

START = "top"

_ESCAPES = {
    "$": "dollar",
    "#": "hash",
    ",": "comma",
    ".": "period",
    ":": "colon",
    "``": "lquote",
    "''": "rquote",
    "-LRB-": "lrb",
    "-RRB-": "rrb",
    "-LCB-": "lcb",
    "-RCB-": "rcb",
}


TAG_SPLITS = ("pa", "in", "unary", "cc", "percent", "aux")
"""The tag splits :class:`Annotation` can apply, by name:

- ``pa`` (TAG-PA): a tag carries its parent's label, ``NN^NP``, ``TO^VP``, ``TO^PP``;
- ``in`` (SPLIT-IN): ``IN`` heading a clause (``sub``: subordinating conjunctions and
  complementizers) or a prepositional phrase, and then where the phrase attaches (``pn``
  under a noun phrase, ``pv`` under a verb phrase, ``po`` elsewhere) or whether it takes a
  clause (``ps``); other ``IN`` are ``x``;
- ``unary`` (UNARY-DT, UNARY-RB): a determiner or adverb that is its phrase's only child
  (demonstrative pronouns, lone adverbs) is ``^u``;
- ``cc`` (SPLIT-CC): ``but`` and ``&`` are word classes of ``CC`` of their own;
- ``percent`` (SPLIT-%): the word ``%`` is a class of its own;
- ``aux`` (SPLIT-AUX): forms of *be* and *have* as verbs are classes ``be`` and ``have``.

The last three need the word, not only the tag; the word is at hand at parse time, so a
token offers only the variants of its word's class (:func:`word_class`).
"""


@dataclass(frozen=True, slots=True)
class Annotation:
    """How trees are transformed before rules are counted.

    ``vertical``: 1 keeps labels, 2 is parent annotation, 3 adds the grandparent.
    ``horizontal``: None keeps n-ary rules; ``h`` binarizes with h previous siblings.
    ``splits``: the tag-independent phrase splits of :func:`_splits`.
    ``tags``: the names of the tag splits (:data:`TAG_SPLITS`) applied to preterminals.
    """

    vertical: int = 1
    horizontal: int | None = None
    splits: bool = False
    tags: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.vertical < 1:
            raise ValueError("vertical order must be 1 or more")
        if self.horizontal is not None and self.horizontal < 0:
            raise ValueError("horizontal order must be 0 or more (None: no markovization)")
        unknown = sorted(set(self.tags) - set(TAG_SPLITS))
        if unknown:
            known = ", ".join(TAG_SPLITS)
            raise ValueError(f"unknown tag split(s) {', '.join(unknown)}: use {known}")
        object.__setattr__(self, "tags", frozenset(self.tags))

    @property
    def is_plain(self) -> bool:
        return self.vertical == 1 and self.horizontal is None and not self.splits and not self.tags

    def describe(self) -> str:
        h = "inf" if self.horizontal is None else str(self.horizontal)
        out = f"vertical {self.vertical}, horizontal {h}" + (", splits" if self.splits else "")
        if self.tags:
            out += ", tag splits " + ",".join(t for t in TAG_SPLITS if t in self.tags)
        return out


def is_terminal_name(name: str) -> bool:
    """Whether a grammar symbol name (as stored in annotated trees) is a tag."""
    return not name[:1].islower()


def _escape(label: str) -> str:
    """A Treebank label as a lowercase name fragment without underscores."""
    if label in _ESCAPES:
        return _ESCAPES[label]
    out: list[str] = []
    for ch in label:
        if ch.isalnum():
            out.append(ch.lower())
        elif ch == "$":
            out.append("dollar")
        else:
            out.append(f"x{ord(ch):02x}")
    return "".join(out)


def _name(label: str) -> str:
    """A phrase label's nonterminal name: ``NP`` -> ``np``, the root ``""`` -> ``top``."""
    return START if not label else _escape(label)


def label_of(name: str) -> str:
    """The Treebank label of a nonterminal name: ``np_vp_s`` -> ``NP``, ``top`` -> ``""``."""
    if name == START:
        return ""
    return name.split("_", 1)[0].upper()


def normalize(tree: TreebankTree) -> TreebankTree:
    """A copy where a phrase whose only child has the same label is merged with it
    (``(NP (NP ...))`` -> ``(NP ...)``): such unary self-loops only appear when empty
    elements are removed, and they would make every parse infinitely ambiguous."""
    root = tree.copy()
    stack = [root]
    while stack:
        node = stack.pop()
        while (
            len(node.children) == 1
            and node.children[0].word is None
            and node.children[0].label == node.label
        ):
            node.children = node.children[0].children
        stack.extend(node.children)
    return root


def annotate(tree: TreebankTree, annotation: Annotation = Annotation()) -> TreebankTree:
    """The tree the grammar derives: phrase labels renamed (and annotated), n-ary phrases
    binarized when ``annotation.horizontal`` is set, preterminals' tags split when
    ``annotation.tags`` names tag splits (:func:`_tag_name`). The tree should be
    :func:`normalize` d first."""
    v, h = annotation.vertical, annotation.horizontal
    out = TreebankTree(START)
    # (original node, new node, ancestor labels nearest first)
    stack: list[tuple[TreebankTree, TreebankTree, tuple[str, ...]]] = [(tree, out, ())]
    while stack:
        old, new, ancestors = stack.pop()
        below = (old.label, *ancestors)[: max(v - 1, 0)]
        kids: list[TreebankTree] = []
        for child in old.children:
            if child.word is not None:
                tag = _tag_name(child, old, ancestors, annotation.tags) if annotation.tags else None
                kid = TreebankTree(tag or child.label, (), child.word)
            else:
                base = _name(child.label)
                extra = _splits(child) if annotation.splits else []
                name = "_".join([base, *extra, *(_name(a) for a in below)])
                kid = TreebankTree(name)
                stack.append((child, kid, (old.label, *ancestors)))
            kids.append(kid)
        if h is None or len(kids) < 3:
            new.children = kids
            continue
        labels = [_escape(c.label) if c.word is not None else _name(c.label) for c in old.children]
        # Left-factored: new -> I_{n-1} k_n, I_j -> I_{j-1} k_j, I_2 -> k_1 k_2.
        current = TreebankTree(_intermediate(new.label, labels[:2], h), kids[:2])
        for j in range(2, len(kids) - 1):
            current = TreebankTree(_intermediate(new.label, labels[: j + 1], h), [current, kids[j]])
        new.children = [current, kids[-1]]
    return out


_FINITE = frozenset({"VBZ", "VBD", "VBP"})
_VERBAL = frozenset({"MD", "TO", "VB", "VBD", "VBZ", "VBP", "VBN", "VBG"})


def _splits(node: TreebankTree) -> list[str]:
    """Phrase splits read off the tree below a node, after Klein & Manning (2003, section
    4), those that need neither words nor function tags: a VP is marked with the kind of
    its verb (``ffin`` finite, ``fto``, ``fmd``, ``fvb``, ``fvbn``, ``fvbg``: SPLIT-VP); an
    NP ending in a possessive ``POS`` is ``fposs`` (POSS-NP); an NP of preterminals only is
    ``fbase`` (BASE-NP); a phrase with one child is ``funary`` (UNARY-INTERNAL); an S, SBAR
    or VP that has no verb below it is ``fnov`` (DOMINATES-V, from the other side)."""
    out: list[str] = []
    kids = node.children
    label = node.label
    if label == "VP":
        verb = next((c.label for c in kids if c.word is not None and c.label in _VERBAL), None)
        if verb is not None:
            out.append("ffin" if verb in _FINITE else "f" + verb.lower())
    if label == "NP" and kids and kids[-1].label == "POS":
        out.append("fposs")
    elif label == "NP" and all(c.word is not None for c in kids):
        out.append("fbase")
    if len(kids) == 1:
        out.append("funary")
    if label in ("S", "SBAR", "VP") and not any(
        n.word is not None and n.label in _VERBAL for n in node.nodes()
    ):
        out.append("fnov")
    return out


# -- tag splits (Klein & Manning 2003, section 4 and table 3) ----------------------------------

_TAG_MARK = "^"
_WORD_MARK = "="
_BE = frozenset({"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m"})
_HAVE = frozenset({"have", "has", "had", "having", "'ve", "'d"})


def split_tag(name: str) -> tuple[str, str | None]:
    """An annotated tag's base tag and word class: ``CC=but^S`` -> (``CC``, ``but``)."""
    base, mark, cls = name.split(_TAG_MARK, 1)[0].partition(_WORD_MARK)
    return base, cls if mark else None


def base_tag(name: str) -> str:
    """The Treebank tag of an annotated tag: ``IN^PP^pn`` -> ``IN``."""
    return split_tag(name)[0]


def word_class(tag: str, word: str, splits: Iterable[str]) -> str | None:
    """The word class a word-dependent tag split gives a (tag, word), or None."""
    lower = word.lower()
    chosen = set(splits)
    if "cc" in chosen and tag == "CC" and lower in ("but", "&"):
        return "but" if lower == "but" else "amp"
    if "percent" in chosen and word == "%":
        return "pct"
    if "aux" in chosen and tag.startswith("VB"):
        if lower in _BE:
            return "be"
        if lower in _HAVE:
            return "have"
    return None


def _tag_name(
    leaf: TreebankTree, parent: TreebankTree, ancestors: tuple[str, ...], splits: frozenset[str]
) -> str:
    """A preterminal's annotated tag (see :data:`TAG_SPLITS`); ``ancestors`` are the labels
    above ``parent``, nearest first."""
    tag = leaf.label
    assert leaf.word is not None
    name = tag
    cls = word_class(tag, leaf.word, splits)
    if cls is not None:
        name += _WORD_MARK + cls
    if "pa" in splits:
        name += _TAG_MARK + (parent.label or "TOP")
    if "in" in splits and tag == "IN":
        name += _TAG_MARK + _in_kind(leaf, parent, ancestors)
    if "unary" in splits and tag in ("DT", "RB") and len(parent.children) == 1:
        name += _TAG_MARK + "u"
    return name


def _in_kind(leaf: TreebankTree, parent: TreebankTree, ancestors: tuple[str, ...]) -> str:
    """SPLIT-IN: what an ``IN`` heads, and where its phrase attaches."""
    if parent.label == "SBAR":
        return "sub"
    if parent.label != "PP":
        return "x"
    kids = parent.children
    at = next(i for i, kid in enumerate(kids) if kid is leaf)
    if at + 1 < len(kids) and kids[at + 1].label in ("S", "SBAR"):
        return "ps"
    grandparent = ancestors[0] if ancestors else ""
    return {"NP": "pn", "VP": "pv"}.get(grandparent, "po")


def tag_variants(terminals: Iterable[str]) -> dict[tuple[str, str | None], list[str]]:
    """The grammar's terminals grouped by (base tag, word class): what a token of that tag
    and class may be. A plain grammar has one variant per tag, the tag itself."""
    out: dict[tuple[str, str | None], list[str]] = {}
    for name in sorted(terminals):
        out.setdefault(split_tag(name), []).append(name)
    return out


def annotated_leaves(tree: TreebankTree, splits: frozenset[str]) -> list[tuple[str, str]]:
    """The (annotated tag, word) pairs of a tree under the given tag splits: what a lexical
    model of annotated tags is estimated from. Tag splits do not depend on the phrase
    annotations, so the splits are all it takes."""
    return annotate(normalize(tree), Annotation(tags=splits)).leaves()


_TAG_SPLITS_LINE = "# tag-splits:"


def tag_splits_of(text: str) -> frozenset[str]:
    """The tag splits a grammar text from :meth:`InducedGrammar.to_text` was trained with
    (its header says), so ``eval`` can rebuild the annotated lexical model from the
    grammar file alone; empty for other grammars."""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith(_TAG_SPLITS_LINE):
            names = {n.strip() for n in line[len(_TAG_SPLITS_LINE) :].split(",")}
            return frozenset(names & set(TAG_SPLITS))
    return frozenset()


def _intermediate(parent: str, seen: list[str], h: int) -> str:
    context = seen[len(seen) - h :] if h > 0 else []
    return f"{parent}__{'_'.join(context) or 'more'}"


def unannotate(tree: TreebankTree) -> TreebankTree:
    """Back to Treebank labels: intermediate symbols spliced out, annotations (of phrases
    and tags) dropped, the start symbol the unlabelled root. Inverse of :func:`annotate` on
    normalized trees."""
    root = TreebankTree(label_of(tree.label) if tree.word is None else tree.label, (), tree.word)
    stack = [(tree, root)]
    while stack:
        old, new = stack.pop()
        pending = list(reversed(old.children))
        while pending:
            child = pending.pop()
            if child.word is not None:
                new.children.append(TreebankTree(base_tag(child.label), (), child.word))
            elif "__" in child.label:
                pending.extend(reversed(child.children))
            else:
                twin = TreebankTree(label_of(child.label))
                new.children.append(twin)
                stack.append((child, twin))
    return root


class InducedGrammar:
    """Rule counts of annotated trees, and the PCFG they define (relative frequencies)."""

    def __init__(self, annotation: Annotation) -> None:
        self.annotation = annotation
        self.counts: dict[str, Counter[tuple[str, ...]]] = {}
        self.trees = 0

    def add(self, annotated: TreebankTree) -> None:
        """Count the rules of one annotated tree."""
        self.trees += 1
        counts = self.counts
        stack = [annotated]
        while stack:
            node = stack.pop()
            if node.word is not None:
                continue
            rhs = tuple(c.label for c in node.children)
            counts.setdefault(node.label, Counter())[rhs] += 1
            stack.extend(node.children)

    @property
    def n_rules(self) -> int:
        return sum(len(c) for c in self.counts.values())

    def tags(self) -> set[str]:
        """The terminals: every tag on the right of a rule."""
        return {s for c in self.counts.values() for rhs in c for s in rhs if is_terminal_name(s)}

    def rules(self) -> list[tuple[str, tuple[str, ...], float]]:
        """(lhs, rhs, probability), the start symbol's rules first, then by name, then by
        falling count."""
        out: list[tuple[str, tuple[str, ...], float]] = []
        for lhs in sorted(self.counts, key=lambda n: (n != START, n)):
            counter = self.counts[lhs]
            total = sum(counter.values())
            for rhs, n in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
                out.append((lhs, rhs, n / total))
        return out

    def to_text(self, header: str = "") -> str:
        """glrkit grammar text: one rule per left-hand side, ``%prob`` on each alternative
        (written exactly, so the file reads back to the same probabilities)."""
        lines = [f"# {line}" if line else "#" for line in header.splitlines()]
        lines.append(
            f"# A probabilistic treebank grammar ({self.annotation.describe()}): "
            f"{self.n_rules} rules from {self.trees} trees, relative frequencies."
        )
        lines.append("# Terminals are part-of-speech tags; see glrkit.english.induce for names.")
        if self.annotation.tags:
            names = ",".join(t for t in TAG_SPLITS if t in self.annotation.tags)
            lines.append(f"{_TAG_SPLITS_LINE} {names}")
        lines.append(f"%start {START}")
        lines.append("")
        current: str | None = None
        for lhs, rhs, p in self.rules():
            body = " ".join(_symbol_text(s) for s in rhs) or "%empty"
            if lhs != current:
                if current is not None:
                    lines.append("    ;")
                lines.append(f"{lhs}")
                lines.append(f"    : {body} %prob {p!r}")
                current = lhs
            else:
                lines.append(f"    | {body} %prob {p!r}")
        if current is not None:
            lines.append("    ;")
        return "\n".join(lines) + "\n"

    def log_probability(self, annotated: TreebankTree) -> float:
        """The log-probability of an annotated tree under this grammar (-inf if it uses an
        unseen rule)."""
        total = 0.0
        stack = [annotated]
        while stack:
            node = stack.pop()
            if node.word is not None:
                continue
            counter = self.counts.get(node.label)
            rhs = tuple(c.label for c in node.children)
            if not counter or rhs not in counter:
                return -math.inf
            total += math.log(counter[rhs] / sum(counter.values()))
            stack.extend(node.children)
        return total


def _symbol_text(name: str) -> str:
    if is_terminal_name(name):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


def induce(trees: Iterable[TreebankTree], annotation: Annotation = Annotation()) -> InducedGrammar:
    """Count the rules of the (normalized, annotated) trees."""
    grammar = InducedGrammar(annotation)
    for tree in trees:
        grammar.add(annotate(normalize(tree), annotation))
    return grammar
