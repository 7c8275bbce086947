"""The examples in the documentation run: each ```python block of a page, in order, in one
namespace per page (so a later block may use what an earlier one defined)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = ["disambiguation.md", "semantics.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def blocks(page: Path) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in BLOCK.finditer(text)]


@pytest.mark.parametrize("name", PAGES)
def test_page_examples_run(name: str) -> None:
    page = DOCS / name
    found = blocks(page)
    assert len(found) >= 5, f"{name} should show its features with examples"
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for line, code in found:
        # Padding keeps tracebacks pointing at the right line of the page.
        compiled = compile("\n" * (line - 1) + code, str(page), "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compiled, namespace)
