"""A time limit on each step of an analysis, so that no input can keep it busy for ever.

A step is one batch of chunks through the pipeline (at most about 50,000 characters, a few
seconds' work). Its limit is generous: many times what the slowest machine needs, so only a
step that would never end (a loop in a component that an odd parse sends round and round) or
one that has gone badly quadratic reaches it. The step is then interrupted with
``StepTimeout`` and the article fails with a message; the other articles go on.

The interruption is a ``SIGALRM`` timer, which only the main thread of a process can receive:
that is where the command line, the window's analysing process and the import's workers
analyse. Elsewhere (another thread, or a system without ``setitimer``) steps run unbounded
here, and the window's process is watched from outside instead (``workers.service``).

No spaCy here: the service layer imports ``StepTimeout`` without loading the model.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from ..errors import StepTimeout

BASE_S = 30.0  # seconds every step may take, however short
CHARS_PER_S = 1_000  # ... plus one second for every this many characters in it


def step_limit(chars: int) -> float:
    """Seconds a step over ``chars`` characters may take (bare spaCy reads about 15,000 a
    second on one core of a small laptop)."""
    return BASE_S + max(0, chars) / CHARS_PER_S


def can_interrupt() -> bool:
    """Whether ``deadline`` can interrupt a step in this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``StepTimeout`` in the body if it runs longer than ``seconds``.

    Does nothing when ``seconds`` is None, when this thread cannot be interrupted, or when a
    timer of someone else's is already running (it is left alone rather than replaced).
    """
    if seconds is None or seconds <= 0 or not can_interrupt():
        yield
        return
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise StepTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
