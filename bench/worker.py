"""The measuring side: run one series in this (fresh) process and report events as JSON lines.

The driver (run.py) starts `python bench/worker.py`, writes a JSON job on stdin and reads
events from stdout, killing the process when an event is late (a timeout). Events:
  {"ev": "version", "version": ...}            the system's version
  {"ev": "na", "reason": ..., "param": ...?}   not applicable (whole series or one param)
  {"ev": "built", "seconds": ...}              parser ready (tables built)
  {"ev": "ready", "param": ..., ...}           input generated; timing starts
  {"ev": "rep", "param": ..., "t": ...}        one timed repetition
  {"ev": "counting", "param": ...}             checking the derivation count
  {"ev": "done", "param": ..., "count": ...}   parameter finished
  {"ev": "fail", "param": ..., "error": ...}   the system raised
"""

from __future__ import annotations

import gc
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.setrecursionlimit(100_000)

import systems  # noqa: E402
import workloads  # noqa: E402
from systems import Adapter, NotApplicable, Outcome  # noqa: E402
from workloads import Series  # noqa: E402

WARM_UP_BELOW = 0.05  # seconds


def cpu_clock() -> float:
    """CPU seconds of this process and of its finished children (a Bison run, say)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


clock = cpu_clock  # or time.perf_counter, chosen by the job


def emit(ev: str, **data: Any) -> None:
    sys.stdout.write(json.dumps({"ev": ev, **data}) + "\n")
    sys.stdout.flush()


class Reps:
    """How many repetitions: at least `min_reps` and `min_time` seconds in all (cheap cells
    get more samples), never past `budget` seconds or `max_reps`."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.min_reps = int(settings["min_reps"])
        self.min_time = float(settings["min_time"])
        self.budget = float(settings["budget"])
        self.max_reps = int(settings.get("max_reps", 30))

    def more(self, times: list[float]) -> bool:
        total = sum(times)
        if len(times) >= self.max_reps or total >= self.budget:
            return False
        return len(times) < self.min_reps or total < self.min_time


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def run_parse(adapter: Adapter, series: Series, params: list[Any], reps: Reps) -> None:
    g = workloads.grammar(series.grammar)
    start = clock()
    try:
        parser = adapter.build(g, series.want)
    except NotApplicable as e:
        emit("na", reason=str(e))
        return
    emit("built", seconds=clock() - start)
    for param in params:
        doc = workloads.make_doc(series.grammar, param)
        emit("ready", param=param, tokens=doc.tokens, nbytes=doc.nbytes)
        times: list[float] = []
        outcome: Outcome | None = None
        warm = False
        try:
            while True:
                outcome = None
                gc.collect()
                t0 = clock()
                outcome = adapter.parse(parser, doc, series.want)
                elapsed = clock() - t0
                if outcome.seconds is not None:  # the system timed itself
                    elapsed = outcome.seconds
                if not warm and elapsed < WARM_UP_BELOW:
                    warm = True  # a cheap first run only warms caches up: not counted
                    continue
                warm = True
                times.append(elapsed)
                emit("rep", param=param, t=elapsed)
                if not reps.more(times):
                    break
            emit("counting", param=param)
            t0 = clock()
            count = adapter.count(parser, outcome)
            count_seconds = clock() - t0
        except Exception as e:
            emit("fail", param=param, error=_describe(e))
            continue
        emit("done", param=param, count=None if count is None else str(count),
             count_seconds=count_seconds, extra=outcome.extra or {})


def run_tables(adapter: Adapter, series: Series, params: list[Any], reps: Reps) -> None:
    cached = series.want == "tables-cached"
    emit("built", seconds=0.0)
    for param in params:
        g = workloads.grammar(param)
        cache_dir = Path(tempfile.mkdtemp(prefix="bench-cache-")) if cached else None
        try:
            if cache_dir is not None:
                adapter.tables(g, cache_dir)  # prime the cache, untimed
            emit("ready", param=param, **g.stats())
            times: list[float] = []
            while True:
                gc.collect()
                t0 = clock()
                adapter.tables(g, cache_dir)
                times.append(clock() - t0)
                emit("rep", param=param, t=times[-1])
                if not reps.more(times):
                    break
            emit("done", param=param, count=None, extra={})
        except NotApplicable as e:
            emit("na", param=param, reason=str(e))
        except Exception as e:
            emit("fail", param=param, error=_describe(e))
        finally:
            if cache_dir is not None:
                shutil.rmtree(cache_dir, ignore_errors=True)


def run_memory(adapter: Adapter, series: Series, params: list[Any]) -> None:
    g = workloads.grammar(series.grammar)
    try:
        parser = adapter.build(g, series.parse_want)
    except NotApplicable as e:
        emit("na", reason=str(e))
        return
    emit("built", seconds=0.0)
    for param in params:
        doc = workloads.make_doc(series.grammar, param)
        emit("ready", param=param, tokens=doc.tokens, nbytes=doc.nbytes)
        try:
            baseline = getattr(adapter, "baseline_rss_kb", None)
            if baseline is not None:  # a separate program (Bison): its own peak RSS
                base = baseline(parser, doc)
                outcome = adapter.parse(parser, doc, series.parse_want)
                peak = (outcome.extra or {}).get("peak_rss_kb")
                reset = True
            else:
                gc.collect()
                reset = _reset_peak()
                base = _status_kb("VmRSS")
                outcome = adapter.parse(parser, doc, series.parse_want)
                peak = _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            emit("rep", param=param, t=0.0)
            emit("done", param=param, count=None,
                 extra={"base_kb": base, "peak_kb": peak, "peak_reset": reset})
            del outcome
        except Exception as e:
            emit("fail", param=param, error=_describe(e))


def _describe(e: BaseException) -> str:
    where = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    text = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    if where is not None:
        text += f" [{Path(where.filename).name}:{where.lineno}]"
    return text[:300]


def main() -> None:
    job = json.loads(sys.stdin.read())
    series = Series(**job["series"])
    params = job["params"]
    adapter = systems.adapter(series.system)
    why = adapter.unavailable()
    if why:
        emit("na", reason=f"unavailable: {why}")
        emit("end")
        return
    emit("version", version=adapter.version())
    reps = Reps(job["settings"])
    global clock
    wall = job["settings"].get("clock") == "wall"
    clock = time.perf_counter if wall else cpu_clock
    os.environ["BENCH_CLOCK"] = "wall" if wall else "cpu"  # for programs that time themselves
    if series.want.startswith("tables"):
        run_tables(adapter, series, params, reps)
    elif series.want == "memory":
        run_memory(adapter, series, params)
    else:
        run_parse(adapter, series, params, reps)
    emit("end")


if __name__ == "__main__":
    main()
