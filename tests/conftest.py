"""Shared test helpers: every test builds parsers without touching the user's table cache."""

from __future__ import annotations

import os
import tempfile

# Tests never write into the user's cache folder.
os.environ.setdefault("GLRKIT_CACHE_DIR", tempfile.mkdtemp(prefix="glrkit-test-cache-"))
