"""parglare: LR (LALR(1) tables) and GLR (shared packed forest)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import inspect
from pathlib import Path
from typing import Any

from gformat import GrammarDef, to_parglare
from inputs import Doc
from systems import Adapter, NotApplicable, Outcome


def _grammar(g: GrammarDef) -> Any:
    import parglare

    try:
        text = to_parglare(g)
    except NotImplementedError as e:
        raise NotApplicable(str(e)) from None
    return parglare.Grammar.from_string(text)


def _has_table_cache() -> bool:
    """parglare >= 0.22 takes table_cache=; older ones cache only next to a grammar file."""
    import parglare

    return "table_cache" in inspect.signature(parglare.Parser.__init__).parameters


def _no_cache() -> dict[str, Any]:
    return {"table_cache": False} if _has_table_cache() else {}


class _ParglareBase(Adapter):
    def unavailable(self) -> str | None:
        return None if importlib.util.find_spec("parglare") else "parglare is not installed"

    def version(self) -> str:
        return importlib.metadata.version("parglare")


class ParglareLR(_ParglareBase):
    key = "parglare-lr"
    label = "parglare LR"
    note = "parglare LR parser (LALR(1) tables), build_tree=True"

    def build(self, g: GrammarDef, want: str) -> Any:
        import parglare

        if want == "forest":
            raise NotApplicable("LR cannot represent ambiguity")
        return parglare.Parser(_grammar(g), build_tree=True, **_no_cache())

    def parse(self, parser: Any, doc: Doc, want: str) -> Outcome:
        return Outcome(parser.parse(doc.text))

    def tables(self, g: GrammarDef, cache_dir: Path | None) -> Any:
        import parglare

        if cache_dir is None:
            return parglare.Parser(_grammar(g), **_no_cache())
        if _has_table_cache():
            return parglare.Parser(_grammar(g), table_cache=str(cache_dir / f"{g.name}.pgc"))
        path = cache_dir / f"{g.name}.pg"  # older parglare: the cache sits beside the file
        if not path.exists():
            path.write_text(to_parglare(g))
        return parglare.Parser(parglare.Grammar.from_file(str(path)))


class ParglareGLR(_ParglareBase):
    key = "parglare-glr"
    label = "parglare GLR"
    note = (
        "parglare GLRParser: returns its forest; for trees the first tree is unpacked "
        "(Forest.get_first_tree()); the count is Forest.solutions"
    )
    counts = True

    def build(self, g: GrammarDef, want: str) -> Any:
        import parglare

        return parglare.GLRParser(_grammar(g), **_no_cache())

    def parse(self, parser: Any, doc: Doc, want: str) -> Outcome:
        forest = parser.parse(doc.text)
        if want == "tree":
            return Outcome((forest, forest.get_first_tree()))
        return Outcome(forest)

    def count(self, parser: Any, outcome: Outcome) -> int | None:
        forest = outcome.value[0] if isinstance(outcome.value, tuple) else outcome.value
        return int(forest.solutions)


ADAPTERS: list[Adapter] = [ParglareLR(), ParglareGLR()]
