"""Long GUI work in short slices, so the event loop never stalls for long.

A job is a generator that does a little work between ``yield``s (each step well under the
budget). The ``Slicer`` runs steps until the budget is spent, then lets Qt paint and handle
input (a 1 ms timer) before the next slice. Starting a new job drops the old one, so a
newer document never has an older one's rows or highlights painted over it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator

from PySide6.QtCore import QObject, Qt, QTimer

Steps = Generator[None, None, None]  # a generator: ``close()`` ends it early
BUDGET_MS = 20  # ms a slice may take; with the paint after it, gaps stay well under 100 ms


class Slicer(QObject):
    """Runs one job at a time; ``done`` is called when a job ends, not when it is dropped."""

    def __init__(self, parent: QObject | None = None, budget_ms: float = BUDGET_MS) -> None:
        super().__init__(parent)
        self.budget = budget_ms / 1000
        self._steps: Steps | None = None
        self._done: Callable[[], None] | None = None
        # Not a zero timer: Qt may fire one of those twice between two paints (once as a timer,
        # once when idle), which doubles a slice. 1 ms apart, a slice follows each paint.
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._slice)

    def start(self, steps: Steps, done: Callable[[], None] | None = None) -> None:
        """Drop any running job and start this one; its first slice runs now, so a small job
        (a normal article) is finished, ``done`` called, before this returns."""
        self.cancel()
        self._steps, self._done = steps, done
        self._slice()

    def cancel(self) -> None:
        self._timer.stop()
        steps, self._steps, self._done = self._steps, None, None
        if steps is not None:
            try:
                steps.close()  # runs its ``finally`` blocks now
            except ValueError:  # cancelled by one of its own steps: it stops when that returns
                pass

    def busy(self) -> bool:
        return self._steps is not None

    def _slice(self) -> None:
        steps = self._steps
        if steps is None:
            return
        end = time.perf_counter() + self.budget
        try:
            while True:  # at least one step per slice, however small the budget
                next(steps)
                if steps is not self._steps:  # a step started another job: that one runs now
                    return
                if time.perf_counter() >= end:
                    break
        except StopIteration:
            done = self._done
            self._steps, self._done = None, None
            self._timer.stop()
            if done is not None:
                done()
            return
        except BaseException:  # a failed step ends its job; the error goes on to the caller
            self._steps, self._done = None, None
            self._timer.stop()
            raise
        if not self._timer.isActive():
            self._timer.start()
