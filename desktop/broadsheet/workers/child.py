"""What every analysing child process does first: one thread per native library, and an exit of
its own when its parent is gone.

Children are spawned (``multiprocessing``) by the window (``workers.service``) and by imports
(``workers.pool``). A parent that is killed (``kill -9``, a crash, the power button on a frozen app)
cannot tell them to stop; without a watch they would hold the model's memory until the next
reboot, some blocked for ever on a queue that nobody reads.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading

# Native thread pools that would otherwise each start one thread per core in every child.
THREAD_ENV = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)


def prepare_child() -> None:
    """Call first thing in a child, before spaCy (and numpy) are imported in it."""
    for name in THREAD_ENV:
        os.environ[name] = "1"
    parent = multiprocessing.parent_process()
    if parent is None:  # not a multiprocessing child (called directly, in a test)
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
