"""glrkit, the system under test."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from gformat import GrammarDef
from inputs import Doc
from systems import Adapter, NotApplicable, Outcome


class Glrkit(Adapter):
    key = "glrkit"
    label = "glrkit"
    note = (
        "glrkit Parser(cache=False); trees: parse() then the first tree of forest.trees(); "
        "forests: parse() only, forest.count() checked afterwards"
    )
    counts = True

    def unavailable(self) -> str | None:
        if importlib.util.find_spec("glrkit") is None:
            return "glrkit is not installed"
        import glrkit

        missing = [n for n in ("Grammar", "Parser") if not hasattr(glrkit, n)]
        return f"glrkit has no {', '.join(missing)} yet" if missing else None

    def version(self) -> str:
        import glrkit

        version = str(glrkit.__version__)
        here = Path(__file__).resolve().parent
        try:
            rev = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True,
                text=True, timeout=10,
            ).stdout.strip()
        except OSError:
            rev = ""
        return f"{version} ({rev})" if rev else version

    def _grammar(self, g: GrammarDef) -> Any:
        import glrkit

        try:
            return glrkit.Grammar.from_string(g.text)
        except glrkit.GrammarError as e:
            first = str(e).splitlines()[1] if "\n" in str(e) else str(e)
            raise NotApplicable(f"GrammarError: {first.strip()}") from None

    def build(self, g: GrammarDef, want: str) -> Any:
        import glrkit

        return glrkit.Parser(self._grammar(g), cache=False)

    def parse(self, parser: Any, doc: Doc, want: str) -> Outcome:
        forest = parser.parse(doc.text)
        if want == "tree":
            return Outcome((forest, next(iter(forest.trees()))))
        return Outcome(forest)

    def count(self, parser: Any, outcome: Outcome) -> int | None:
        forest = outcome.value[0] if isinstance(outcome.value, tuple) else outcome.value
        result = forest.count()
        return result if isinstance(result, int) else -1  # math.inf would be a wrong answer

    def tables(self, g: GrammarDef, cache_dir: Path | None) -> Any:
        import glrkit

        if cache_dir is None:
            return glrkit.Parser(self._grammar(g), cache=False)
        if "cache_dir" in inspect.signature(glrkit.Parser).parameters:
            return glrkit.Parser(self._grammar(g), cache=True, cache_dir=cache_dir)
        os.environ["GLRKIT_CACHE_DIR"] = str(cache_dir)  # older API: environment only
        return glrkit.Parser(self._grammar(g), cache=True)


class GlrkitCompiled(Glrkit):
    """The same adapter, run by run.py under the interpreter of a GLRKIT_COMPILE=1 build."""

    key = "glrkit-compiled"
    label = "glrkit compiled"
    family = "glrkit compiled"
    note = (
        "the same, with the core compiled by mypyc (a GLRKIT_COMPILE=1 install, run under "
        "the interpreter given by --compiled-python)"
    )

    def unavailable(self) -> str | None:
        why = super().unavailable()
        if why is None and not compiled_modules():
            why = "this interpreter's glrkit is the pure-Python build (see --compiled-python)"
        return why

    def version(self) -> str:
        modules = compiled_modules()
        return f"{super().version()} [mypyc: {' '.join(modules)}]"


def compiled_modules() -> list[str]:
    """glrkit modules loaded from C extensions, without the `glrkit.` prefix."""
    import glrkit  # noqa: F401 - loads the engine, forest and lexer modules

    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return sorted(
        name.removeprefix("glrkit.")
        for name, module in list(sys.modules.items())
        if name.startswith("glrkit.") and str(getattr(module, "__file__", "")).endswith(suffixes)
    )


ADAPTERS: list[Adapter] = [Glrkit(), GlrkitCompiled()]
