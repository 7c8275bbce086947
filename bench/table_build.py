"""CPU time of parse-table construction, phase by phase, on grammar files or on treebank
grammars induced from the Penn Treebank sample.

    python bench/table_build.py GRAMMAR.glr ...           # grammar files
    python bench/table_build.py --treebank DIR            # induce from DIR: 400 trees, all train
    python bench/table_build.py --repeat 5 GRAMMAR.glr    # best of 5 (the machine may be busy)
    python bench/table_build.py --reference GRAMMAR.glr   # also time the frozen reference
                                                          # construction and check equality

Times are `time.process_time()`; each phase reports the best of --repeat runs. Treebank
grammars (thousands of long flat rules over a few dozen nonterminals) are the case table
construction has to be fast for: they have thousands of states and heavy LALR merging.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from glrkit import Grammar
from glrkit.grammar.analysis import analyse
from glrkit.tables import build
from glrkit.tables.lalr import lalr_lookaheads
from glrkit.tables.lr0 import build_lr0

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TREEBANK = ROOT.parent / "shared" / "data" / "ptb-sample"


def best_of(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def phases(grammar: Grammar, repeat: int) -> dict[str, float]:
    """Best CPU seconds of each phase of build_table, and of build_table as a whole."""
    facts = analyse(grammar)
    automaton = build_lr0(grammar)
    lookaheads = lalr_lookaheads(grammar, automaton, facts)
    reductions, reduce_at = build._right_nulled_reductions(grammar, facts, lookaheads)
    return {
        "analyse": best_of(repeat, lambda: analyse(grammar)),
        "lr0": best_of(repeat, lambda: build_lr0(grammar)),
        "lookaheads": best_of(repeat, lambda: lalr_lookaheads(grammar, automaton, facts)),
        "actions": best_of(
            repeat, lambda: build._actions(grammar, automaton, reductions, reduce_at)
        ),
        "build_table": best_of(repeat, lambda: build.build_table(grammar)),
    }


def treebank_grammars(directory: Path) -> Iterator[tuple[str, Grammar]]:
    from glrkit.english.induce import Annotation, induce
    from glrkit.english.treebank import treebank_trees

    train = list(treebank_trees(directory, "train"))
    for name, trees in [("ptb-400", train[:400]), ("ptb-train", train)]:
        yield name, Grammar.from_string(induce(trees, Annotation()).to_text(), name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("grammars", nargs="*", type=Path)
    parser.add_argument("--treebank", type=Path, help="Penn Treebank directory to induce from")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reference", action="store_true")
    args = parser.parse_args(argv)
    grammars = [(str(p), Grammar.from_file(str(p))) for p in args.grammars]
    if args.treebank or not grammars:
        directory = args.treebank or DEFAULT_TREEBANK
        if not directory.is_dir():
            parser.error(f"no grammars given and no treebank at {directory}")
        grammars.extend(treebank_grammars(directory))
    for name, grammar in grammars:
        times = phases(grammar, args.repeat)
        states = build_lr0(grammar).kernels
        shown = "  ".join(f"{k} {v:.3f}" for k, v in times.items())
        print(f"{name}: {len(grammar.rules)} rules, {len(states)} states  {shown}", flush=True)
        if args.reference:
            compare_with_reference(grammar)
    return 0


def compare_with_reference(grammar: Grammar) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from support import reference_tables

    start = time.process_time()
    old = reference_tables.build_table(grammar)
    elapsed = time.process_time() - start
    same = old.to_json() == build.build_table(grammar).to_json()
    print(f"  reference build_table {elapsed:.3f}  identical: {same}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
