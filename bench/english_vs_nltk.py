"""glrkit against NLTK's ViterbiParser on a treebank-induced PCFG, measured in the same run.

    python bench/english_vs_nltk.py [--treebank DIR] [--nltk-max-length 10]
                                    [--glrkit-max-length N] [--annotation plain|v2h1|...]

A plain treebank grammar (one rule per local tree, relative frequencies; see
``glrkit.english.induce``) is induced from the training split of the Penn Treebank WSJ
sample (``../shared/data/ptb-sample``, wsj_0001-0159) and given to both systems: glrkit gets
the grammar text, NLTK an ``nltk.PCFG`` built from the very rules and probabilities glrkit
read back from that text. Both parse the gold part-of-speech tag sequences of the test split
(wsj_0160-0199), NLTK those of up to ``--nltk-max-length`` tags (it is slow), glrkit the
same ones and then every test sentence of up to ``--glrkit-max-length`` tags (default 15;
0 for all, which takes hours: see docs/english.md).

Each system runs in its own subprocess, which reports per sentence the best tree, its
log-probability and the CPU time it took (CPU time, so that other load on the machine does
not blur the ratio) and, at the end, its peak resident memory. The driver checks that the
best trees are the same, or, where they differ, that their probabilities are equal (an exact
tie: both are best), and prints a table of times and ratios. Table building is timed apart
from parsing; tables come from glrkit's cache (``--cache-dir``), so a first run also builds
them (minutes for these grammars). The treebank is read from its folder and nothing derived
from it is kept: the grammar and the tag sequences live in a temporary folder removed at
the end.

NLTK is a benchmark-only dependency (``pip install nltk``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TREEBANK = ROOT / ".." / "shared" / "data" / "ptb-sample"
ANNOTATIONS = {
    "plain": (1, None, False),
    "v2": (2, None, False),
    "v2h1": (2, 1, False),
    "v2s": (2, None, True),  # parent annotation and phrase splits
}
TIE = 1e-9  # log-probabilities this close are the same score


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def emit(**data: Any) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


# -- workers --------------------------------------------------------------------------------


def glrkit_worker(job: dict[str, Any]) -> None:
    from glrkit import Grammar, Parser, Token, Tree

    started = time.process_time()
    grammar = Grammar.from_file(job["grammar"])
    parser = Parser(grammar, cache_dir=job.get("cache_dir"))
    emit(ev="built", seconds=time.process_time() - started, memory=peak_mb())

    def shape(tree: Tree) -> str:
        parts: list[str] = []
        stack: list[Tree | str] = [tree]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif item.is_terminal:
                parts.append(item.symbol[1:-1] if item.symbol[:1] == '"' else item.symbol)
            else:
                parts.append("(" + item.symbol)
                stack.append(")")
                for child in reversed(item.children):
                    stack.append(child)
                    stack.append(" ")
        return "".join(parts)

    for number, tags in enumerate(job["sentences"]):
        began = time.process_time()
        try:
            forest = parser.parse_tokens([Token((t,), t) for t in tags])
            best = forest.best()
            score = forest.best_score()
            elapsed = time.process_time() - began
            emit(ev="parse", n=number, seconds=elapsed, tree=shape(best), logp=score)
        except Exception as error:  # no derivation (or a tag the grammar lacks)
            emit(
                ev="parse",
                n=number,
                seconds=time.process_time() - began,
                tree=None,
                error=type(error).__name__,
            )
    emit(ev="done", memory=peak_mb())


def nltk_worker(job: dict[str, Any]) -> None:
    import inspect

    import nltk
    from nltk.grammar import PCFG, Nonterminal, ProbabilisticProduction

    started = time.process_time()
    productions = [
        ProbabilisticProduction(
            Nonterminal(lhs),
            [s if terminal else Nonterminal(s) for s, terminal in rhs],
            prob=prob,
        )
        for lhs, rhs, prob in job["rules"]
    ]
    grammar = PCFG(Nonterminal(job["start"]), productions)
    options = (
        {"max_time": None}
        if "max_time" in inspect.signature(nltk.ViterbiParser.__init__).parameters
        else {}
    )
    parser = nltk.ViterbiParser(grammar, **options)
    emit(
        ev="built",
        seconds=time.process_time() - started,
        memory=peak_mb(),
        version=nltk.__version__,
    )

    def shape(tree: Any) -> str:
        parts: list[str] = []
        stack: list[Any] = [tree]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif isinstance(item, nltk.Tree):
                parts.append("(" + str(item.label()))
                stack.append(")")
                for child in reversed(list(item)):
                    stack.append(child)
                    stack.append(" ")
        return "".join(parts)

    budget = job.get("budget")
    spent = 0.0
    for number, tags in enumerate(job["sentences"]):
        if budget is not None and spent > budget:
            emit(ev="skip", n=number)
            continue
        began = time.process_time()
        parses = list(parser.parse(tags))
        elapsed = time.process_time() - began
        spent += elapsed
        if parses:
            tree = parses[0]
            emit(
                ev="parse",
                n=number,
                seconds=elapsed,
                tree=shape(tree),
                logp=math.log(tree.prob()) if tree.prob() > 0 else -math.inf,
            )
        else:
            emit(ev="parse", n=number, seconds=elapsed, tree=None, error="no parse")
    emit(ev="done", memory=peak_mb())


# -- driver ---------------------------------------------------------------------------------


def run_worker(
    kind: str, job: dict[str, Any], folder: Path, log: bool, python: str | None = None
) -> dict[str, Any]:
    """Run one worker; `python` is another interpreter whose installed glrkit (the compiled
    build) it imports instead of this checkout's src/."""
    path = folder / f"{kind}-job.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    env = dict(os.environ)
    if python is None:
        env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen(
        [python or sys.executable, __file__, "--worker", kind, "--job", str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    result: dict[str, Any] = {"parses": {}, "built": None, "memory": None, "skipped": 0}
    assert proc.stdout is not None
    for line in proc.stdout:
        event = json.loads(line)
        if event["ev"] == "built":
            result["built"] = event["seconds"]
            result["version"] = event.get("version")
        elif event["ev"] == "parse":
            result["parses"][event["n"]] = event
            if log:
                print(
                    f"  {kind:6s} #{event['n']:<4d} {len(job['sentences'][event['n']]):3d} tags"
                    f" {event['seconds']:8.2f} s",
                    flush=True,
                )
        elif event["ev"] == "skip":
            result["skipped"] += 1
        elif event["ev"] == "done":
            result["memory"] = event["memory"]
    proc.wait()
    if proc.returncode != 0:
        raise SystemExit(f"the {kind} worker failed (exit {proc.returncode})")
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--treebank", default=str(DEFAULT_TREEBANK))
    parser.add_argument("--annotation", choices=sorted(ANNOTATIONS), default="plain")
    parser.add_argument("--nltk-max-length", type=int, default=10)
    parser.add_argument(
        "--glrkit-max-length",
        type=int,
        default=15,
        help="glrkit's full run: sentences of at most N tags (0: all)",
    )
    parser.add_argument(
        "--nltk-budget",
        type=float,
        default=None,
        help="stop NLTK after this many seconds of parsing",
    )
    parser.add_argument(
        "--no-full", action="store_true", help="glrkit parses only NLTK's sentences"
    )
    parser.add_argument("--cache-dir", default=None, help="glrkit table cache folder")
    parser.add_argument(
        "--compiled-python",
        default=None,
        help="also time NLTK's sentences with the glrkit installed for this interpreter "
        "(a GLRKIT_COMPILE=1 build, e.g. .venv-compiled/bin/python)",
    )
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--worker", choices=("glrkit", "nltk"), help=argparse.SUPPRESS)
    parser.add_argument("--job", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        job = json.loads(Path(args.job).read_text(encoding="utf-8"))
        (glrkit_worker if args.worker == "glrkit" else nltk_worker)(job)
        return 0

    sys.path.insert(0, str(ROOT / "src"))
    from glrkit import Grammar
    from glrkit.english.induce import Annotation, induce
    from glrkit.english.treebank import treebank_trees

    if not (Path(args.treebank) / "wsj_0001.mrg").exists():
        print(f"no Penn Treebank sample at {args.treebank}", file=sys.stderr)
        return 2
    train = list(treebank_trees(args.treebank, "train"))
    test = list(treebank_trees(args.treebank, "test"))
    induced = induce(train, Annotation(*ANNOTATIONS[args.annotation]))
    tags_of = [tree.tags() for tree in test]
    small = [i for i, tags in enumerate(tags_of) if len(tags) <= args.nltk_max_length]
    full_limit = args.glrkit_max_length or None
    full = [i for i, tags in enumerate(tags_of) if full_limit is None or len(tags) <= full_limit]

    with tempfile.TemporaryDirectory(prefix="glrkit-bench-english-") as tmp:
        folder = Path(tmp)
        grammar_path = folder / "induced.glr"
        grammar_path.write_text(induced.to_text(), encoding="utf-8")
        grammar = Grammar.from_file(grammar_path)
        rules = []
        for rule in grammar.rules:
            lhs = grammar.name(rule.lhs)
            if lhs.startswith("$"):  # the augmented start rule
                continue
            rhs = []
            for s in rule.rhs:
                name = grammar.name(s)
                terminal = grammar.is_terminal(s)
                rhs.append((name[1:-1] if terminal else name, terminal))
            weight = rule.weight if rule.weight is not None else 0.0
            rules.append((lhs, rhs, math.exp(weight)))
        print(
            f"grammar: {args.annotation} treebank PCFG from {len(train)} training trees, "
            f"{len(rules)} rules; test split {len(test)} sentences"
        )
        print(
            f"NLTK's sentences: the {len(small)} test sentences of at most "
            f"{args.nltk_max_length} tags (gold tags)",
            flush=True,
        )
        sentences_small = [tags_of[i] for i in small]
        nltk_job = {
            "rules": rules,
            "start": grammar.name(grammar.start),
            "sentences": sentences_small,
            "budget": args.nltk_budget,
        }
        glrkit_job = {
            "grammar": str(grammar_path),
            "sentences": sentences_small,
            "cache_dir": args.cache_dir,
        }
        g_small = run_worker("glrkit", glrkit_job, folder, args.verbose)
        n_small = run_worker("nltk", nltk_job, folder, args.verbose)
        c_small = None
        if args.compiled_python:
            c_small = run_worker(
                "glrkit", glrkit_job, folder, args.verbose, python=args.compiled_python
            )
        g_full = None
        if not args.no_full:
            print(
                f"glrkit's full run: {len(full)} test sentences"
                + (f" of at most {full_limit} tags" if full_limit else " (all)"),
                flush=True,
            )
            g_full = run_worker(
                "glrkit",
                {**glrkit_job, "sentences": [tags_of[i] for i in full]},
                folder,
                args.verbose,
            )
    report(g_small, n_small, g_full, len(small), c_small)
    return 0


def report(
    g: dict[str, Any],
    n: dict[str, Any],
    full: dict[str, Any] | None,
    count: int,
    compiled: dict[str, Any] | None = None,
) -> None:
    both = sorted(set(g["parses"]) & set(n["parses"]))
    same = ties = different = unparsed = 0
    for k in both:
        a, b = g["parses"][k], n["parses"][k]
        if a["tree"] is None or b["tree"] is None:
            unparsed += 1
            if (a["tree"] is None) != (b["tree"] is None):
                different += 1
        elif a["tree"] == b["tree"]:
            same += 1
        elif abs(a["logp"] - b["logp"]) <= TIE * max(1.0, abs(a["logp"])):
            ties += 1
        else:
            different += 1
            print(
                f"  differs on #{k}: glrkit {a['logp']:.6f} {a['tree'][:80]}\n"
                f"                nltk   {b['logp']:.6f} {b['tree'][:80]}"
            )
    print()
    print(
        f"same best tree: {same}; different tree, equal probability (ties): {ties}; "
        f"different: {different}; no parse in both: {unparsed - different} "
        f"(of {len(both)} sentences both finished, {count} chosen)"
    )
    g_time = sum(g["parses"][k]["seconds"] for k in both)
    n_time = sum(n["parses"][k]["seconds"] for k in both)
    rows = [
        ("NLTK ViterbiParser", len(both), n_time, n["built"], n["memory"]),
        ("glrkit best()", len(both), g_time, g["built"], g["memory"]),
    ]
    if compiled is not None:
        c_both = [k for k in both if k in compiled["parses"]]
        c_same = sum(1 for k in c_both if compiled["parses"][k]["tree"] == g["parses"][k]["tree"])
        print(f"glrkit compiled: same best tree as pure glrkit on {c_same} of {len(c_both)}")
        c_time = sum(compiled["parses"][k]["seconds"] for k in c_both)
        rows.append(
            ("glrkit compiled best()", len(c_both), c_time, compiled["built"], compiled["memory"])
        )
    if full is not None:
        f_time = sum(p["seconds"] for p in full["parses"].values())
        rows.append(
            ("glrkit, full run", len(full["parses"]), f_time, full["built"], full["memory"])
        )
    print()
    print(
        f"{'system':24s} {'sentences':>9s} {'parse s':>10s} {'sent/s':>9s} "
        f"{'ratio':>7s} {'setup s':>8s} {'peak MB':>8s}"
    )
    base = len(both) / n_time if n_time else 0.0
    for name, k, seconds, built, memory in rows:
        rate = k / seconds if seconds else 0.0
        ratio = f"{rate / base:.1f}x" if base else "-"
        print(
            f"{name:24s} {k:9d} {seconds:10.2f} {rate:9.3f} {ratio:>7s} "
            f"{built or 0:8.1f} {memory or 0:8.0f}"
        )
    if full is not None:
        lost = sum(1 for p in full["parses"].values() if p["tree"] is None)
        print(f"\nglrkit full run: {lost} sentences without a derivation")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
