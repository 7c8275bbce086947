"""glrkit benchmark suite: driver, command line and result tables.

    python bench/run.py                  full run (about 15 minutes)
    python bench/run.py --quick          smaller inputs, lower timeouts (about a minute)
    python bench/run.py --only catalan   one workload (json, arith, catalan, pp, tables,
                                         memory, or its number); repeatable, or comma-separated
    python bench/run.py --save           also write bench/results/YYYY-MM-DD.md
    python bench/run.py --compiled-python .venv-compiled/bin/python
                                         also time glrkit's compiled core (`make bench-compiled`)
    python bench/run.py --rounds 3       run the plan 3 times over and pool each cell's runs:
                                         load from other programs then hits every system alike

Every measurement runs in a subprocess (bench/worker.py) that is killed when it overruns the
per-cell timeout; such a cell shows as '>Ns'. A system whose derivation count disagrees with
the expected one is FLAGGED in its row. Ratios are time_system / time_glrkit (> 1: slower
than glrkit).

The `glrkit compiled` rows run the same adapter under another interpreter, given with
--compiled-python, whose glrkit was installed with GLRKIT_COMPILE=1; without it they are left
out. It is never guessed: a compiled venv left from an older commit would time old code.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import math
import os
import platform
import selectors
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import systems  # noqa: E402
import workloads  # noqa: E402
from workloads import WORKLOADS, Series  # noqa: E402

RESULTS = HERE / "results"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Settings:
    timeout: float
    min_reps: int
    min_time: float
    budget: float
    quick: bool
    clock: str = "cpu"  # "cpu": CPU time of the measuring process; "wall": elapsed time
    compiled_python: str = ""  # interpreter of a GLRKIT_COMPILE=1 build ("": none)
    rounds: int = 1  # the plan is run this many times, interleaved; each cell pools its runs

    def python(self, system: str) -> str:
        """The interpreter a series runs under: glrkit-compiled gets the compiled build's."""
        if system == workloads.COMPILED and self.compiled_python:
            return self.compiled_python
        return sys.executable

    def job(self) -> dict[str, Any]:
        return {"min_reps": self.min_reps, "min_time": self.min_time, "budget": self.budget,
                "clock": self.clock}


FULL = Settings(timeout=60.0, min_reps=5, min_time=0.5, budget=10.0, quick=False)
QUICK = Settings(timeout=3.0, min_reps=3, min_time=0.05, budget=0.5, quick=True)


@dataclass
class Result:
    series: Series
    param: Any
    status: str  # ok | timeout | skipped | na | fail
    times: list[float] = field(default_factory=list)
    count: int | None = None
    count_status: str = ""  # "" | "timeout" | "crash"
    info: dict[str, Any] = field(default_factory=dict)  # tokens, nbytes, stats, extra
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.status == "ok" and self.times else None


# --------------------------------------------------------------------------- running


class Job:
    """One worker subprocess; events are read with a deadline."""

    def __init__(self, series: Series, params: list[Any], settings: Settings) -> None:
        self.cpu_clock = settings.clock == "cpu"
        self.errfile = tempfile.TemporaryFile()  # noqa: SIM115 - closed in kill()
        self.proc = subprocess.Popen(
            [settings.python(series.system), str(HERE / "worker.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errfile,
            start_new_session=True,  # its own process group: a timeout kills its children too
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        job = {"series": asdict(series), "params": params, "settings": settings.job()}
        self.proc.stdin.write(json.dumps(job).encode())
        self.proc.stdin.close()
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.proc.stdout, selectors.EVENT_READ)
        self.buffer = b""
        self.eof = False

    def next_event(self, timeout: float) -> dict[str, Any] | None:
        """The next event, or None on timeout or when the worker is gone (see `self.eof`).

        With the CPU clock, `timeout` counts CPU seconds of the worker's process group (so a
        busy machine does not cause timeouts), with elapsed time capped at 5 x timeout.
        """
        wall_start = time.monotonic()
        cpu_start = self.cpu_seconds() if self.cpu_clock else 0.0
        wall_limit = 5 * timeout if self.cpu_clock else timeout
        assert self.proc.stdout is not None
        while b"\n" not in self.buffer:
            if self.eof:
                return None
            waited = time.monotonic() - wall_start
            if waited >= wall_limit:
                return None
            if self.cpu_clock and self.cpu_seconds() - cpu_start >= timeout:
                return None
            if not self.selector.select(min(1.0, wall_limit - waited)):
                continue
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                self.eof = True
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            event: dict[str, Any] = json.loads(line)
        except ValueError:
            return {"ev": "noise", "text": line.decode(errors="replace")}
        return event

    def cpu_seconds(self) -> float:
        """CPU time used so far by the worker and every process in its group."""
        ticks = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            if int(fields[2]) == self.proc.pid:  # process group: the worker and its children
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
                if int(entry.name) == self.proc.pid:
                    ticks += int(fields[13]) + int(fields[14])  # waited-for children
        return ticks / CLOCK_TICKS

    def stderr_tail(self) -> str:
        self.errfile.seek(0)
        text = self.errfile.read().decode(errors="replace").strip()
        return text.splitlines()[-1][:300] if text else ""

    def kill(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.selector.close()
        self.errfile.close()


def run_series(series: Series, settings: Settings, versions: dict[str, str]) -> list[Result]:
    t = settings.timeout
    results: dict[Any, Result] = {}
    pending = list(series.params)
    while pending:
        job = Job(series, pending, settings)
        current: Result | None = None
        phase = "start"
        try:
            while pending:
                wait = {"start": 2 * t + 30, "between": 120.0}.get(phase, t)
                event = job.next_event(wait)
                if event is None:
                    if job.eof or job.proc.poll() is not None:  # the worker died
                        crash = f"worker died: {job.stderr_tail() or 'no message'}"
                        target = current or Result(series, pending[0], "fail")
                        if current is not None and phase == "counting":
                            current.count_status = "crash"
                            current.note = crash
                        else:
                            target.status, target.note = "fail", crash
                        results[target.param] = target
                        pending.remove(target.param)
                        break
                    # timeout
                    if current is None:  # building the parser took too long
                        for p in pending:
                            results[p] = Result(series, p, "timeout", note="building the parser")
                        pending = []
                    elif phase == "counting":
                        current.count_status = "timeout"
                        results[current.param] = current
                        pending.remove(current.param)
                    else:
                        current.status = "timeout"
                        current.times = []
                        results[current.param] = current
                        pending.remove(current.param)
                        if series.monotone:
                            for p in pending:
                                results[p] = Result(
                                    series, p, "skipped", note="a smaller input timed out"
                                )
                            pending = []
                    break
                ev = event["ev"]
                if ev == "version":
                    versions[series.system] = event["version"]
                elif ev == "na":
                    reason = event["reason"]
                    targets = [event["param"]] if "param" in event else list(pending)
                    for p in targets:
                        results[p] = Result(series, p, "na", note=reason)
                        pending.remove(p)
                    phase = "between"
                elif ev == "built":
                    phase = "between"
                elif ev == "ready":
                    current = Result(series, event["param"], "ok", info=event)
                    phase = "timing"
                elif ev == "rep":
                    assert current is not None
                    current.times.append(float(event["t"]))
                elif ev == "counting":
                    phase = "counting"
                elif ev == "done":
                    assert current is not None
                    current.count = None if event["count"] is None else int(event["count"])
                    current.info = {**current.info, **event.get("extra", {})}
                    current.info["count_seconds"] = event.get("count_seconds")
                    results[current.param] = current
                    pending.remove(current.param)
                    current, phase = None, "between"
                elif ev == "fail":
                    param = event["param"]
                    results[param] = Result(series, param, "fail", note=event["error"])
                    pending.remove(param)
                    current, phase = None, "between"
                elif ev == "end":
                    pending = []
                    break
        finally:
            job.kill()
    out = [results[p] for p in series.params if p in results]
    for r in out:
        progress(r)
    return out


def timed_out_before(s: Series, results: list[Result]) -> str:
    """Why a memory cell need not run: its parse already timed out in its own workload."""
    for r in results:
        same = (r.series.system, r.series.grammar, r.param) == (s.system, s.grammar, s.params[0])
        if same and r.series.workload != "memory" and r.status in ("timeout", "skipped"):
            return f"the parse timed out in workload {r.series.workload}"
    return ""


def progress(r: Result) -> None:
    s = r.series
    where = f"{s.workload:8} {s.system:13} {s.variant:11} {workloads.param_label(s, r.param):24}"
    if r.status == "ok" and r.series.workload == "memory":
        what = f"peak {r.info.get('peak_kb', 0) / 1024:.1f} MiB"
    elif r.status == "ok":
        what = f"{fmt_time(r.median)} ({len(r.times)} runs)"
    else:
        what = f"{r.status} {r.note}"
    print(f"  {where} {what}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- formatting


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def fmt_range(times: list[float]) -> str:
    if not times:
        return "—"
    lo, hi = min(times), max(times)
    a, b = fmt_time(lo), fmt_time(hi)
    unit_a, unit_b = a.split()[-1], b.split()[-1]
    return f"{a.split()[0]}–{b}" if unit_a == unit_b else f"{a}–{b}"


def fmt_rate(x: float) -> str:
    if x >= 1e6:
        return f"{x / 1e6:.3g}M"
    if x >= 1e3:
        return f"{x / 1e3:.3g}k"
    return f"{x:.3g}"


def fmt_count(n: int) -> str:
    text = str(n)
    return text if len(text) <= 12 else f"{text[0]}.{text[1:3]}e{len(text) - 1}"


def cell_time(r: Result, settings: Settings) -> str:
    if r.status == "ok":
        return fmt_time(r.median)
    if r.status in ("timeout", "skipped"):
        return f">{settings.timeout:g}s"
    if r.status == "na":
        return "n/a"
    return "crash"


def ratio(r: Result, base: Result | None, settings: Settings | None = None) -> str:
    if (settings is not None and r.status in ("timeout", "skipped") and base is not None
            and base.median):
        return ">" + fmt_ratio(settings.timeout / base.median)
    if base is None or base.median is None or r.median is None or base.median == 0:
        return "—"
    return fmt_ratio(r.median / base.median)


def fmt_ratio(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.2f}" if x >= 0.1 else f"{x:.2g}"


def check(r: Result, settings: Settings) -> str:
    """The derivation-count check of one result."""
    if r.status == "na":
        return r.note
    if r.status == "fail":
        return f"FAILED: {r.note}"
    if r.status == "timeout":
        return r.note or "timed out"
    if r.status == "skipped":
        return f"not run: {r.note}"
    expected = workloads.expected_count(r.series.grammar, r.param)
    if r.count_status == "timeout":
        return f"FLAGGED: count not checked (count >{settings.timeout:g}s)"
    if r.count_status == "crash":
        return f"FLAGGED: counting crashed ({r.note})"
    if r.count is None:
        return "— (builds one tree; no count)"
    if r.count != expected:
        shown = "∞/invalid" if r.count < 0 else fmt_count(r.count)
        return f"**FLAGGED**: count {shown} ≠ expected {fmt_count(expected)}"
    return f"✓ {fmt_count(r.count)}"


def count_time(r: Result, seconds: float | None) -> str:
    if r.status != "ok" or seconds is None:
        return ""
    if r.series.system == "bison-glr":
        return "(in the C program)"
    return fmt_time(seconds)


def label(r: Result) -> str:
    text = systems.adapter(r.series.system).label
    if r.series.workload == "json" and r.series.variant:
        text += f" ({r.series.variant})"
    return text


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def base_of(results: list[Result], r: Result) -> Result | None:
    """glrkit's result for the same cell (for json: glrkit building the tree)."""

    def cell(x: Result) -> tuple[Any, ...]:
        mode = x.series.want if x.series.workload == "tables" else ""
        return (x.param, x.series.grammar, x.series.workload, mode)

    for b in results:
        if b.series.system == "glrkit" and cell(b) == cell(r):
            return b
    return None


def ordered(results: list[Result]) -> list[Result]:
    """Group rows by grammar (and table mode), then parameter; systems in plan order."""

    def group(r: Result) -> str:
        return r.series.grammar + (r.series.want if r.series.workload == "tables" else "")

    order = {id(r): i for i, r in enumerate(results)}
    groups: dict[str, int] = {}
    params: dict[tuple[str, Any], int] = {}
    for r in results:
        groups.setdefault(group(r), len(groups))
        params.setdefault((group(r), r.param), len(params))
    return sorted(results, key=lambda r: (groups[group(r)], params[(group(r), r.param)],
                                          order[id(r)]))


def render_workload(key: str, results: list[Result], settings: Settings) -> str:
    rows: list[list[str]] = []
    rs = ordered(results)
    if key == "json":
        headers = ["system", "input", "median", "min–max", "runs", "tokens/s", "MB/s",
                   "× glrkit", "check"]
        for r in rs:
            m = r.median
            toks = r.info.get("tokens")
            nbytes = r.info.get("nbytes")
            rows.append([
                label(r), f"{workloads.param_label(r.series, r.param)}"
                + (f" ({toks:,} tok)" if toks else ""),
                cell_time(r, settings), fmt_range(r.times), str(len(r.times)) if m else "",
                fmt_rate(toks / m) if m and toks else "",
                f"{nbytes / m / 1e6:.3g}" if m and nbytes else "",
                ratio(r, base_of(results, r), settings), check(r, settings),
            ])
    elif key == "arith":
        headers = ["system", "grammar", "input", "median", "min–max", "runs", "tokens/s",
                   "× glrkit", "check"]
        for r in rs:
            m = r.median
            toks = r.info.get("tokens")
            rows.append([
                label(r), r.series.variant,
                f"{toks:,} tok" if toks else workloads.param_label(r.series, r.param),
                cell_time(r, settings), fmt_range(r.times), str(len(r.times)) if m else "",
                fmt_rate(toks / m) if m and toks else "", ratio(r, base_of(results, r), settings),
                check(r, settings),
            ])
    elif key in ("catalan", "pp"):
        headers = ["system", "input", "median", "min–max", "runs", "× glrkit", "count check",
                   "count() time"]
        for r in rs:
            cs = r.info.get("count_seconds")
            rows.append([
                label(r), workloads.param_label(r.series, r.param), cell_time(r, settings),
                fmt_range(r.times), str(len(r.times)) if r.median else "",
                ratio(r, base_of(results, r), settings), check(r, settings),
                count_time(r, cs),
            ])
    elif key == "tables":
        headers = ["system", "grammar", "mode", "median", "min–max", "runs", "× glrkit", "note"]
        for r in rs:
            note = check(r, settings) if r.status != "ok" else ""
            rows.append([
                label(r), workloads.param_label(r.series, r.param), r.series.variant,
                cell_time(r, settings), fmt_range(r.times), str(len(r.times)) if r.median else "",
                ratio(r, base_of(results, r), settings), note,
            ])
    elif key == "memory":
        headers = ["system", "workload", "peak RSS", "growth during parse", "growth × glrkit",
                   "note"]
        for r in rs:
            if r.status != "ok":
                rows.append([label(r), mem_label(r), cell_time(r, settings), "", "",
                             check(r, settings)])
                continue
            peak, base = r.info.get("peak_kb"), r.info.get("base_kb")
            growth = (peak - base) if peak is not None and base is not None else None
            b = base_of(results, r)
            bg = None
            if b is not None and b.status == "ok":
                bg = b.info.get("peak_kb", 0) - b.info.get("base_kb", 0)
            rows.append([
                label(r), mem_label(r), f"{peak / 1024:.1f} MiB" if peak else "—",
                f"{growth / 1024:.1f} MiB" if growth is not None else "—",
                f"{growth / bg:.2f}" if growth is not None and bg else "—",
                "" if r.info.get("peak_reset", True) else "VmHWM could not be reset",
            ])
    else:
        raise KeyError(key)
    return table(headers, rows)


def mem_label(r: Result) -> str:
    what = "JSON" if r.series.grammar == "json" else "s : s s | \"a\""
    return f"{what}, {workloads.param_label(r.series, r.param)}"


def growth_exponents(results: list[Result], settings: Settings) -> str:
    """Least-squares slope of log(time) against log(n) over n = 40..160."""
    rows = []
    for system in dict.fromkeys(r.series.system for r in results):
        pts = [(r.param, r.median) for r in results
               if r.series.system == system and r.median and 40 <= r.param <= 160]
        over = ", ".join(str(n) for n, _ in pts)
        if len(pts) < 2:
            why = f"too few points ({over or 'none'})"
            rows.append([systems.adapter(system).label, "n/a", why])
            continue
        xs = [math.log(n) for n, _ in pts]
        ys = [math.log(t) for _, t in pts]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs)
        rows.append([systems.adapter(system).label, f"{slope:.2f}", f"n = {over}"])
    return table(["system", "growth exponent (time ∝ n^k)", "fitted over"], rows)


def machine_line(versions: dict[str, str], planned: set[str]) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    families: dict[str, str] = {}
    for a in planned_adapters(planned):
        family = a.family or a.label.split()[0]
        if a.key in versions:
            families.setdefault(family, versions[a.key])
        elif family not in families and (why := a.unavailable()):
            families[family] = f"unavailable ({why})"
    names = ", ".join(f"{k} {v}" for k, v in families.items())
    return (f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; {names}.")


def planned_adapters(planned: set[str]) -> list[systems.Adapter]:
    return [a for a in systems.all_adapters() if a.key in planned]


def pooled(settings: Settings) -> str:
    if settings.rounds == 1:
        return ""
    return (f", pooled over {settings.rounds} rounds of the whole plan, run one after the other "
            "so that load from other programs falls on every system alike")


def render(all_results: list[Result], settings: Settings, versions: dict[str, str],
           elapsed: float, load: tuple[float, float], planned: set[str]) -> str:
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    mode = "quick" if settings.quick else "full"
    out = [f"# glrkit benchmarks — {when} ({mode} run, {elapsed / 60:.1f} min)", "",
           machine_line(versions, planned) + f" Load average {load[0]:.1f} at the start, "
           f"{load[1]:.1f} at the end.", "",
           "Clock: " + ("CPU time of the measuring process (and of the programs it waits for), "
                        "which other load on the machine inflates far less than elapsed time."
                        if settings.clock == "cpu" else "elapsed (wall-clock) time."), "",
           f"Medians of repeated runs, each series in a fresh process (a first run under 50 ms is "
           f"a discarded warm-up){pooled(settings)}; timeout {settings.timeout:g} s per run (on "
           "the same clock), "
           "shown as '>Ns'. "
           "× glrkit = time_system / time_glrkit (above 1: slower than glrkit; '>N' when the "
           "system timed out). FLAGGED marks a system whose derivation count is wrong.", "",
           "Systems:", ""]
    for a in planned_adapters(planned):
        out.append(f"- **{a.label}**: {a.note}.")
    for w in WORKLOADS:
        results = [r for r in all_results if r.series.workload == w.key]
        if not results:
            continue
        out += ["", f"## {w.number}. {w.title}", "", w.intro, "",
                render_workload(w.key, results, settings)]
        if w.key == "catalan":
            note = "" if any(r.param == 160 for r in results) else " (quick run: n ≤ 80)"
            out += ["", f"Growth of the forest-building time over n = 40..160{note}:", "",
                    growth_exponents(results, settings)]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- main


def pool(cells: dict[tuple[int, Any], Result], key: tuple[int, Any], r: Result) -> None:
    """Add one round's result for a cell: runs add up; a cell that failed or timed out in
    any round keeps that outcome."""
    first = cells.get(key)
    if first is None or (first.status == "ok" and r.status != "ok"):
        cells[key] = r
    elif first.status == "ok":
        first.times += r.times


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="small inputs, low timeouts (~1 min)")
    ap.add_argument("--only", action="append", default=[], metavar="WORKLOAD",
                    help="json, arith, catalan, pp, tables, memory (or 1-6); repeatable")
    ap.add_argument("--systems", default="", help="comma-separated system keys to run "
                    "(glrkit, glrkit-compiled, parglare-lr, parglare-glr, lark-lalr, "
                    "lark-earley, bison-glr)")
    ap.add_argument("--compiled-python", metavar="PATH", default="",
                    help="interpreter whose glrkit is a GLRKIT_COMPILE=1 build, for the "
                    "glrkit-compiled rows (make bench-compiled passes .venv-compiled's)")
    ap.add_argument("--timeout", type=float, help="seconds per run before a cell shows '>Ns'")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                    help="cpu (default): CPU time of the measuring process, robust on a busy "
                    "machine; wall: elapsed time")
    ap.add_argument("--rounds", type=int, default=1, metavar="N",
                    help="run the plan N times over and pool each cell's runs (steadier "
                    "ratios on a busy machine)")
    ap.add_argument("--save", action="store_true", help="write bench/results/YYYY-MM-DD.md")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = dataclasses.replace(QUICK if args.quick else FULL, clock=args.clock)
    if args.timeout:
        settings = dataclasses.replace(
            settings, timeout=args.timeout, budget=min(settings.budget, args.timeout)
        )
    by_number = {str(w.number): w.key for w in WORKLOADS}
    only: set[str] = set()
    for item in args.only:
        for part in item.split(","):
            key = by_number.get(part.strip(), part.strip())
            if key not in {w.key for w in WORKLOADS}:
                print(f"unknown workload {part!r}", file=sys.stderr)
                return 2
            only.add(key)
    series = workloads.plan(args.quick, only or None)
    wanted = {s.strip() for s in args.systems.split(",")} if args.systems else set()
    if wanted:
        series = [s for s in series if s.system in wanted]
    compiled = args.compiled_python
    settings = dataclasses.replace(settings, compiled_python=compiled, rounds=max(1, args.rounds))
    dropped = [s for s in series if s.system == workloads.COMPILED]
    if dropped and not compiled and workloads.COMPILED not in wanted:
        series = [s for s in series if s.system != workloads.COMPILED]
        print("no compiled build (make bench-compiled, or --compiled-python): "
              "leaving out the glrkit-compiled rows", file=sys.stderr)
    planned = {s.system for s in series}
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    versions: dict[str, str] = {}
    cells: dict[tuple[int, Any], Result] = {}
    for _ in range(settings.rounds):
        for index, s in enumerate(series):
            done = list(cells.values())
            if s.workload == "memory" and (why := timed_out_before(s, done)):
                found = [Result(s, p, "skipped", note=why) for p in s.params]
            else:
                found = run_series(s, settings, versions)
            for r in found:
                pool(cells, (index, r.param), r)
    results = list(cells.values())
    load = (load_before, os.getloadavg()[0])
    text = render(results, settings, versions, time.monotonic() - started, load, planned)
    print(text)
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        name = dt.date.today().isoformat() + ("-quick" if settings.quick else "") + ".md"
        (RESULTS / name).write_text(text)
        print(f"saved {RESULTS.relative_to(HERE.parent) / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
