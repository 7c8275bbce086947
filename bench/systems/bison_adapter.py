"""GNU Bison in GLR mode (%glr-parser), compiled to C with -O2 at run time.

The grammar is translated to Bison rules (gformat.to_bison_rules); a small hand-written C
runtime (bison_runtime.c) supplies the lexer, tree nodes, big-integer counting and a driver
that times yyparse() itself, on the clock the run uses (process start-up and file reading
are outside the timed region). Programs are built into bench/.work/bison/, keyed by a hash of
their source, so a rerun does not recompile.

Counting: every rule carries `%merge <bench_merge>`; the semantic actions build a shared
packed forest, hash-consed on (nonterminal, start, end) with each (rule, children)
alternative stored once, and the derivations are counted over that forest after the timed
parse (exact big integers). Adding counts in %merge directly is wrong: Bison only merges
options identical to a state's first option, so it evaluates some derivations twice and
overcounts (see bison_runtime.c). Since Bison runs deferred actions while resolving the
ambiguity, the timed parse includes building that forest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from gformat import GrammarDef, bison_token_names, to_bison_rules
from inputs import Doc
from systems import Adapter, NotApplicable, Outcome

WORK = Path(__file__).resolve().parents[1] / ".work" / "bison"
RUNTIME = Path(__file__).with_name("bison_runtime.c")

# Terminal regexes of the benchmark grammars -> the runtime's built-in C scanners.
RECOGNIZERS = {
    r'"(?:[^"\\]|\\.)*"': "JSON_STRING",
    r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?": "JSON_NUMBER",
    r"[0-9]+": "INT",
    r"[a-z][a-z0-9]*": "NAME",
}
_WORD_CLASS = re.compile(r"\(\?:([a-z]+(?:\|[a-z]+)*)\)\\b")

_PROLOGUE = """\
%{
#define YYMAXDEPTH 200000000
%}
%glr-parser
%define api.value.type {void *}
%code {
static int yylex(void);
static void yyerror(const char *msg);
static void *bench_result;
static void *mk_node(int rule, int n, void **kids);
static void *sppf_add(int rule, int start, int end, int n, void **kids);
static YYSTYPE bench_merge(YYSTYPE x0, YYSTYPE x1);
}
"""


def _c_string(text: str) -> str:
    return json.dumps(text)  # ASCII literals: JSON escapes are valid C escapes


def bison_source(g: GrammarDef, count_mode: bool) -> str:
    """A complete Bison GLR grammar file for `g`, with its lexer tables."""
    toks = bison_token_names(g)
    literals = [(lit, toks[_c_string(lit)]) for lit in g.literals()]
    words: list[tuple[str, str]] = []
    scanners: dict[str, str] = {}
    for t in g.terminals.values():
        if t.kind == "string":
            literals.append((t.pattern, toks[t.name]))
        elif t.pattern in RECOGNIZERS:
            scanners[RECOGNIZERS[t.pattern]] = toks[t.name]
        elif m := _WORD_CLASS.fullmatch(t.pattern):
            words += [(w, toks[t.name]) for w in m[1].split("|")]
        else:
            raise NotApplicable(f"the C lexer has no scanner for {t.name} /{t.pattern}/")

    def action(n: int, vals: str, rule: int) -> str:
        if count_mode:
            kids = f"(void *[]){{{vals}}}" if n else "0"
            return f"$$ = sppf_add({rule}, @$.first_column, @$.last_column, {n}, {kids});"
        return f"$$ = mk_node({rule}, 0, 0);" if n == 0 else (
            f"$$ = mk_node({rule}, {n}, (void *[]){{{vals}}});"
        )

    rules = to_bison_rules(g, action, "bench_merge" if count_mode else None)
    lhs_ids: dict[str, int] = {}
    rule_lhs = [lhs_ids.setdefault(r.lhs, len(lhs_ids)) for r in g.bnf()]
    table = ["struct bench_tok { const char *text; int kind; };"]
    table.append(f"static const int BENCH_RULE_LHS[] = {{{', '.join(map(str, rule_lhs))}}};")
    for name, items in (("BENCH_LITERALS", literals), ("BENCH_WORDS", words)):
        body = ", ".join(f"{{{_c_string(text)}, {kind}}}" for text, kind in items) or "{0, 0}"
        table.append(f"static const struct bench_tok {name}[] = {{{body}}};")
        table.append(f"#define {name[:-1].replace('BENCH_', 'BENCH_N_')}S {len(items)}")
    for scanner in ("JSON_NUMBER", "JSON_STRING", "INT", "NAME"):
        table.append(f"#define BENCH_TOK_{scanner} {scanners.get(scanner, '(-1)')}")
    table.append(f"#define BENCH_COUNT_MODE {int(count_mode)}")
    table.append('#include "bison_runtime.c"')
    prologue = _PROLOGUE + ("%locations\n" if count_mode else "")
    return prologue + rules + "%%\n" + "\n".join(table) + "\n"


class BisonGLR(Adapter):
    key = "bison-glr"
    label = "Bison GLR (C)"
    note = (
        "GNU Bison %glr-parser compiled with cc -O2 and a hand-written C lexer; yyparse() timed "
        "inside the program. Trees: arena-allocated nodes. Counts: exact big integers via "
        "%merge into a hash-consed forest (deferred actions, so the time includes building it)"
    )
    counts = True

    def __init__(self) -> None:
        self._inputs: dict[str, Path] = {}

    def unavailable(self) -> str | None:
        missing = [tool for tool in ("bison", "cc") if shutil.which(tool) is None]
        return f"{' and '.join(missing)} not found" if missing else None

    def version(self) -> str:
        out = subprocess.run(["bison", "--version"], capture_output=True, text=True).stdout
        cc = subprocess.run(["cc", "--version"], capture_output=True, text=True).stdout
        return out.splitlines()[0].split()[-1] + " (cc " + cc.splitlines()[0].split()[-1] + ")"

    def build(self, g: GrammarDef, want: str) -> Any:
        count_mode = want == "forest"
        source = bison_source(g, count_mode)
        digest = hashlib.sha1((source + RUNTIME.read_text()).encode()).hexdigest()[:12]
        where = WORK / f"{g.name}-{'count' if count_mode else 'tree'}-{digest}"
        program = where / "parser"
        if not program.exists():
            where.mkdir(parents=True, exist_ok=True)
            (where / "grammar.y").write_text(source)
            _run(["bison", "-Wno-conflicts-sr", "-Wno-conflicts-rr", "-Wno-other",
                  "-o", "grammar.tab.c", "grammar.y"], where)
            _run(["cc", "-O2", "-w", f"-I{RUNTIME.parent}", "-o", "parser.tmp",
                  "grammar.tab.c"], where)
            (where / "parser.tmp").rename(program)
        return program

    def _input(self, doc: Doc) -> Path:
        digest = hashlib.sha1(doc.text.encode()).hexdigest()[:16]
        path = self._inputs.get(digest)
        if path is None:
            path = WORK / "inputs" / f"{digest}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                path.write_text(doc.text)
            self._inputs[digest] = path
        return path

    def parse(self, parser: Any, doc: Doc, want: str) -> Outcome:
        clock = os.environ.get("BENCH_CLOCK", "cpu")
        lines, maxrss_kb = run_measured([str(parser), str(self._input(doc)), "1", clock])
        result: dict[str, Any] = {}
        for line in lines:
            result.update(json.loads(line))
        if "error" in result:
            raise RuntimeError(f"bison parser: {result['error']}")
        count = int(result["count"]) if "count" in result else None
        extra = {
            "peak_rss_kb": result.get("vmhwm_kb", maxrss_kb),
            "nodes": result.get("nodes"),
            "forest_nodes": result.get("forest_nodes"),
        }
        return Outcome(None, seconds=float(result["t"]), count=count, extra=extra)

    def baseline_rss_kb(self, parser: Any, doc: Doc) -> int:
        """Peak RSS of the program when it only loads the input (0 repetitions)."""
        lines, maxrss_kb = run_measured([str(parser), str(self._input(doc)), "0"])
        result: dict[str, Any] = {}
        for line in lines:
            result.update(json.loads(line))
        return int(result.get("vmhwm_kb", maxrss_kb))

    def tables(self, g: GrammarDef, cache_dir: Path | None) -> Any:
        if cache_dir is not None:
            raise NotApplicable("Bison generates C once; there is no table cache to load")
        where = WORK / "tables"
        where.mkdir(parents=True, exist_ok=True)
        source = _PROLOGUE + to_bison_rules(g, lambda n, v, r: "", None)
        (where / f"{g.name}.y").write_text(source)
        _run(["bison", "-Wno-conflicts-sr", "-Wno-conflicts-rr", "-Wno-other",
              "-o", f"{g.name}.tab.c", f"{g.name}.y"], where)
        return where / f"{g.name}.tab.c"


def run_measured(argv: list[str]) -> tuple[list[str], int]:
    """Run a program; return its stdout lines and its peak RSS in KiB from wait4 (a fallback:
    on Linux that figure can include the forking parent's pages, so the runtime reports its
    own VmHWM as well)."""
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        assert proc.stdout is not None
        out = proc.stdout.read().decode()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{Path(argv[0]).name} exited {proc.returncode}: {out[-300:]}")
    return [line for line in out.splitlines() if line.startswith("{")], usage.ru_maxrss


def _run(argv: list[str], cwd: Path) -> None:
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {(proc.stdout + proc.stderr)[-600:]}")


ADAPTERS: list[Adapter] = [BisonGLR()]
