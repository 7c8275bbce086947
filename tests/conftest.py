"""Shared test helpers: every test builds parsers without touching the user's table cache."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Tests never write into the user's cache folder, and leave no folder of their own behind.
if "GLRKIT_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="glrkit-test-cache-")
    os.environ["GLRKIT_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)

# Shared test helpers (tests/support) import as `support.*` from any test folder.
TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)


def pytest_sessionstart(session: pytest.Session) -> None:
    """`make test-compiled` sets GLRKIT_EXPECT_COMPILED=1: stop before testing a pure build."""
    if os.environ.get("GLRKIT_EXPECT_COMPILED") != "1":
        return
    from glrkit.engine import _linear

    if str(_linear.__file__).endswith(".py"):
        pytest.exit(f"GLRKIT_EXPECT_COMPILED=1 but {_linear.__file__} is not compiled", 2)
