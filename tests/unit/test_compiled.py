"""The optional compiled core (setup.py, GLRKIT_COMPILE=1): the same modules, built by mypyc.

The whole suite runs against both builds (`make test`, `make test-compiled`). The tests here
check that the compiled run really tests compiled modules, and pin the behaviours that differ
between a native (compiled) class and a Python class unless the class takes care of them.
"""

from __future__ import annotations

import ast
import copy
import importlib
import importlib.machinery
import os
import pickle
from pathlib import Path

import pytest

import glrkit
from glrkit import Grammar, Parser, Tree

ROOT = Path(__file__).resolve().parents[2]
EXPECT_COMPILED = os.environ.get("GLRKIT_EXPECT_COMPILED") == "1"


def compiled_paths() -> list[str]:
    """setup.py's COMPILED list, read without running setup.py."""
    tree = ast.parse((ROOT / "setup.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets
        ):
            paths = ast.literal_eval(node.value)
            assert isinstance(paths, list)
            return [str(p) for p in paths]
    raise AssertionError("setup.py has no COMPILED list")


def module_name(path: str) -> str:
    return "glrkit." + path.removesuffix(".py").replace("/", ".")


def test_compiled_list_names_existing_modules() -> None:
    paths = compiled_paths()
    assert paths
    for path in paths:
        assert (ROOT / "src" / "glrkit" / path).is_file(), path


@pytest.mark.skipif(not EXPECT_COMPILED, reason="GLRKIT_EXPECT_COMPILED=1 not set")
def test_the_compiled_modules_are_in_use() -> None:
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for path in compiled_paths():
        module = importlib.import_module(module_name(path))
        assert str(module.__file__).endswith(suffixes), module.__file__
    # The installed package, not src/ (an editable install would put src/ first).
    assert ROOT / "src" not in Path(str(glrkit.__file__)).resolve().parents


def a_tree() -> Tree:
    grammar = Grammar.from_string(
        'sum : left=sum "+" NUM | NUM ; NUM : /[0-9]+/ ; %ignore /\\s+/'
    )
    return next(iter(Parser(grammar, cache=False).parse("1 + 2 + 3").trees()))


def test_trees_pickle_and_copy_in_both_builds() -> None:
    """A native (compiled) class pickles only if marked serializable, as Tree is."""
    tree = a_tree()
    tree.children[0].label = "x"
    for clone in (
        pickle.loads(pickle.dumps(tree)),
        copy.copy(tree),
        copy.deepcopy(tree),
    ):
        assert clone == tree
        assert clone.sexpr() == tree.sexpr()
        assert clone.names == tree.names
        assert clone.text == tree.text
        assert clone.children[0].label == "x"
    missing = Tree("NUM", (), 3, 3, "1 +", missing=True)
    restored = pickle.loads(pickle.dumps(missing))
    assert restored.missing and not restored.error


class Marked(Tree):
    """A Python subclass: a compiled Tree allows them (mypyc_attr), as a Python class does."""

    def mark(self) -> str:
        return "*" + self.symbol


def test_trees_subclass_in_both_builds() -> None:
    leaf = Marked("NUM", (), 0, 1, "7")
    assert leaf.mark() == "*NUM"
    assert leaf.text == "7"
    assert type(pickle.loads(pickle.dumps(leaf))) is Marked
