"""Shared test helpers: every test builds parsers without touching the user's table cache."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Tests never write into the user's cache folder.
os.environ.setdefault("GLRKIT_CACHE_DIR", tempfile.mkdtemp(prefix="glrkit-test-cache-"))

# Shared test helpers (tests/support) import as `support.*` from any test folder.
TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
