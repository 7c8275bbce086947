"""Draw a Penn tree as an SVG picture: pure Python, no dependencies.

The layout is the usual one for syntax trees: the words in a row at the bottom, in order,
each column as wide as its word or tag; every bracket centred over its first and last
child, one level per depth; a line from each bracket to its children, and a dotted line
from each part-of-speech tag down to its word.  Text is set in a monospaced font so that
widths can be computed without measuring glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from glrkit.english.penn import PennTree

__all__ = ["render_svg"]

_CHAR = 7.8  # width of a character at 13px in a monospaced font
_GAP = 14.0  # space between two word columns
_LEVEL = 42.0  # vertical distance between depths
_MARGIN = 16.0
_FONT = 13


@dataclass(slots=True)
class _Placed:
    label: str
    x: float
    depth: int
    children: list[_Placed]
    word: str | None
    phrase: bool


def render_svg(tree: PennTree, title: str | None = None) -> str:
    """The SVG text of ``tree``; ``title`` (the sentence) becomes the picture's title and a
    caption above it.  A FRAG root is drawn in a warning colour."""
    cursor = [_MARGIN]

    def place(node: PennTree, depth: int) -> _Placed:
        if node.word is not None:
            width = max(len(node.word), len(node.label)) * _CHAR
            x = cursor[0] + width / 2
            cursor[0] += width + _GAP
            return _Placed(node.label, x, depth, [], node.word, False)
        children = [place(child, depth + 1) for child in node.children]
        if not children:  # an empty bracket: give it a column of its own
            width = len(node.label) * _CHAR
            x = cursor[0] + width / 2
            cursor[0] += width + _GAP
            return _Placed(node.label, x, depth, [], None, True)
        x = (children[0].x + children[-1].x) / 2
        return _Placed(node.label, x, depth, children, None, True)

    root = place(tree, 0)
    depth = _max_depth(root)
    caption = 24.0 if title else 0.0
    top = _MARGIN + caption
    word_y = top + (depth + 1) * _LEVEL
    width = max(cursor[0] - _GAP + _MARGIN, 2 * _MARGIN + len(title or "") * _CHAR)
    height = word_y + _MARGIN

    lines: list[str] = []
    texts: list[str] = []

    def y_of(d: int) -> float:
        return top + d * _LEVEL

    stack = [root]
    while stack:
        node = stack.pop()
        y = y_of(node.depth)
        css = "frag" if node.label == "FRAG" else ("phrase" if node.phrase else "tag")
        texts.append(_text(node.x, y, node.label, css))
        for child in node.children:
            lines.append(_line(node.x, y + 4, child.x, y_of(child.depth) - _FONT, "edge"))
        stack.extend(reversed(node.children))  # preorder: words come out left to right
        if node.word is not None:
            lines.append(_line(node.x, y + 4, node.x, word_y - _FONT, "leaf"))
            texts.append(_text(node.x, word_y, node.word, "word"))

    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">',
        "<style>"
        f"text{{font-family:monospace;font-size:{_FONT}px;text-anchor:middle}}"
        ".phrase{fill:#1f3a93;font-weight:bold}.tag{fill:#666}.word{fill:#000}"
        ".frag{fill:#b03a00;font-weight:bold}.caption{text-anchor:start;fill:#333}"
        ".edge{stroke:#999;stroke-width:1}.leaf{stroke:#ccc;stroke-dasharray:2,2}"
        "</style>",
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
        parts.append(
            f'<text class="caption" x="{_MARGIN:.0f}" y="{_MARGIN + 8:.0f}">{escape(title)}</text>'
        )
    parts.extend(lines)
    parts.extend(texts)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _max_depth(root: _Placed) -> int:
    deepest = 0
    stack = [root]
    while stack:
        node = stack.pop()
        deepest = max(deepest, node.depth)
        stack.extend(node.children)
    return deepest


def _text(x: float, y: float, text: str, css: str) -> str:
    return f'<text class="{css}" x="{x:.1f}" y="{y:.1f}">{escape(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    return f'<line class="{css}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>'
