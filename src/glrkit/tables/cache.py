"""On-disk cache of parse tables, keyed by the grammar's fingerprint and the glrkit version.

Writes are atomic (a temporary file in the same folder, then `os.replace`), so concurrent
parsers never read half a table; an unreadable or stale entry is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from glrkit.tables.table import FORMAT_VERSION, ParseTable


def default_cache_dir() -> Path:
    configured = os.environ.get("GLRKIT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "glrkit"


def cache_key(fingerprint: str, version: str) -> str:
    text = f"{fingerprint}:{version}:{FORMAT_VERSION}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def load(directory: Path, key: str, fingerprint: str) -> ParseTable | None:
    path = directory / f"{key}.json"
    try:
        table = ParseTable.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return table if table.grammar_hash == fingerprint else None


def store(directory: Path, key: str, table: ParseTable) -> bool:
    """Write the table; False (and no exception) when the folder is not writable."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(table.to_json())
            os.replace(tmp, directory / f"{key}.json")
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return False
    return True
