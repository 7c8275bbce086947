"""Helpers shared by glrkit's tests that do not belong to any one test module."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Fail with TimeoutError if the block uses more than `seconds` of CPU time.

    Used around calls into the parser so that a hang shows up as a failing case that names its
    grammar and input instead of a stuck test run. CPU time rather than wall-clock time, so a
    busy machine does not make it fire. Unix main thread only; elsewhere it is a no-op.
    """
    usable = hasattr(signal, "SIGVTALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"took more than {seconds}s of CPU time: {what}")

    previous = signal.signal(signal.SIGVTALRM, on_alarm)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
