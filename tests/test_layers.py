"""The architecture, enforced: a module imports only from lower layers or its own package.

grammar -> lex, tables -> forest -> engine -> (disambig, semantics) -> facade -> front ends.
Front ends (cli, english, batch, web) import only the public `glrkit` names and each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "glrkit"

LAYER = {
    "_text": 0,
    "errors": 0.5,
    "grammar": 1,
    "lex": 2,
    "tables": 2,
    "forest": 3,
    "engine": 4,
    "disambig": 5,
    "semantics": 5,
    "output": 5,
    "parser": 6,
    "diagnose": 5.5,
    "check": 6,
    "__init__": 6,
    "cli": 7,
    "english": 7,
    "batch": 7,
    "web": 7,
}
FRONT_ENDS = {"cli", "english", "batch", "web"}


def _package(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
    return [(m, line) for m, line in found if m == "glrkit" or m.startswith("glrkit.")]


MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_go_down_only(path: Path) -> None:
    own = _package(path)
    assert own in LAYER, f"new top-level module {own!r}: give it a layer in this test"
    for module, line in _imports(path):
        parts = module.split(".")
        target = parts[1] if len(parts) > 1 else "__init__"
        if target == own:
            continue
        where = f"{path.relative_to(SRC)}:{line} imports {module}"
        if own in FRONT_ENDS:
            public = module == "glrkit" or target in FRONT_ENDS
            assert public, f"{where}: front ends use glrkit's public names"
            continue
        assert LAYER[target] < LAYER[own] or (own == "__init__" and LAYER[target] <= 6), where
