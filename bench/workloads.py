"""What the suite measures: workloads, their parameters in full and quick runs, their inputs
and the derivation counts every system must agree with."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import expected
from gformat import GrammarDef, doubled, load
from inputs import Doc, ambiguous, arith, jsonlike

COMPILED = "glrkit-compiled"  # glrkit built with GLRKIT_COMPILE=1, in its own interpreter
DETERMINISTIC = [
    "glrkit", COMPILED, "parglare-lr", "parglare-glr", "lark-lalr", "lark-earley", "bison-glr"
]
AMBIGUOUS = ["glrkit", COMPILED, "parglare-glr", "lark-earley", "bison-glr"]
TABLES = ["glrkit", "lark-lalr", "parglare-lr", "bison-glr"]

KB = 1000


@dataclass(frozen=True)
class Workload:
    key: str
    number: int
    title: str
    intro: str


WORKLOADS = [
    Workload("json", 1, "JSON-like documents",
             "Deterministic LALR(1) grammar (bench/grammars/json.glr); each parse builds a tree. "
             "The *forest only* row times glrkit's parse() alone, without extracting the tree."),
    Workload("arith", 2, "Arithmetic expressions",
             "Programs of `expr ;` statements. *precedence*: the ambiguous grammar "
             "`expr : expr \"+\" expr | ...` with %left/%right declarations "
             "(arith_prec.glr); *stratified*: one nonterminal per level (arith_strat.glr). "
             "Each parse builds a tree; the forest must hold exactly 1 tree."),
    Workload("catalan", 3, "Exponential ambiguity: `s : s s | \"a\"`",
             "Time to build the forest for a^n (not to enumerate it); the count must be "
             "Catalan(n-1). Bison's GLR parser needs exponential time on this grammar even to "
             "recognise the input (also measured without any semantic actions: about x4 per "
             "extra token), so it only finishes for small n."),
    Workload("pp", 4, "PP attachment",
             "`s : np vp ; vp : V np | vp pp ; np : DET N | np pp | NAME ; pp : P np ;` on "
             "\"NAME V DET N (P DET N)^k\"; the count must be Catalan(k+1) (closed form in "
             "bench/expected.py, checked there against a CYK-style count)."),
    Workload("tables", 5, "Table construction",
             "Grammar text to a ready parser, for an ISO C (C99) grammar (ansi_c.glr) and its "
             "double (every symbol renamed with a suffix, union of both under a new start). "
             "Cold: no cache. Cached: the system's on-disk table cache, primed beforehand."),
    Workload("memory", 6, "Peak memory",
             "Each measurement in a fresh process: peak RSS (VmHWM) during one parse, and its "
             "growth over the process's resident size just before the parse (interpreter, "
             "libraries, tables and input already loaded)."),
]


@dataclass
class Series:
    """One job for a measurement subprocess: one system, one grammar, several parameters."""

    workload: str
    system: str
    grammar: str
    want: str  # "tree" | "forest" | "tables" | "tables-cached" | "memory"
    params: list[Any]
    variant: str = ""  # shown next to the system (e.g. "precedence")
    monotone: bool = True  # larger parameters are slower: after a timeout, skip the rest
    parse_want: str = field(default="")  # for memory: "tree" or "forest"


def plan(quick: bool, only: set[str] | None = None) -> list[Series]:
    """Every series of a run, in the order they are measured and reported."""
    out: list[Series] = []
    sizes = [20 * KB] if quick else [100 * KB, 1000 * KB]
    for system in DETERMINISTIC:
        out.append(Series("json", system, "json", "tree", sizes))
        if system in ("glrkit", COMPILED):  # how much of glrkit's time is building the tree
            out.append(Series("json", system, "json", "forest", sizes, "forest only"))
    tokens = [5_000] if quick else [50_000]
    for grammar, variant in (("arith_prec", "precedence"), ("arith_strat", "stratified")):
        for system in DETERMINISTIC:
            out.append(Series("arith", system, grammar, "tree", tokens, variant))
    ns = [10, 20, 40, 80] if quick else [10, 20, 40, 80, 160]
    for system in AMBIGUOUS:
        out.append(Series("catalan", system, "catalan", "forest", ns))
    ks = list(range(2, 13, 2)) if quick else list(range(2, 13))
    for system in AMBIGUOUS:
        out.append(Series("pp", system, "pp", "forest", ks))
    grammars = ["ansi_c"] if quick else ["ansi_c", "ansi_c_doubled"]
    for system in TABLES:
        out.append(Series("tables", system, "", "tables", grammars, "cold", monotone=False))
        out.append(Series("tables", system, "", "tables-cached", grammars, "cached", False))
    mem_json = 20 * KB if quick else 1000 * KB
    mem_n = 40 if quick else 160
    for system in DETERMINISTIC:
        out.append(Series("memory", system, "json", "memory", [mem_json], parse_want="tree"))
    for system in AMBIGUOUS:
        out.append(Series("memory", system, "catalan", "memory", [mem_n], parse_want="forest"))
    if only:
        out = [s for s in out if s.workload in only]
    return out


@cache
def grammar(name: str) -> GrammarDef:
    if name.endswith("_doubled"):
        return doubled(load(name.removesuffix("_doubled")))
    return load(name)


def make_doc(grammar_name: str, param: Any) -> Doc:
    if grammar_name == "json":
        return jsonlike.generate(int(param))
    if grammar_name.startswith("arith"):
        return arith.generate(int(param))
    if grammar_name == "catalan":
        return ambiguous.catalan_input(int(param))
    if grammar_name == "pp":
        return ambiguous.pp_input(int(param))
    raise KeyError(grammar_name)


def expected_count(grammar_name: str, param: Any) -> int:
    if grammar_name == "catalan":
        return expected.catalan_grammar_count(int(param))
    if grammar_name == "pp":
        return expected.pp_count(int(param))
    return 1  # the deterministic workloads: exactly one tree


def param_label(series: Series, param: Any) -> str:
    if series.workload == "tables":
        stats = grammar(param).stats()
        return f"{param} ({stats['productions']} prod.)"
    if series.grammar == "json":
        return f"{param // KB:,} KB"
    if series.grammar.startswith("arith"):
        return f"{param // 1000}k tok"
    if series.grammar == "catalan":
        return f"n={param}"
    if series.grammar == "pp":
        return f"k={param}"
    return str(param)
