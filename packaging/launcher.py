"""The bundle's entry point: PyInstaller freezes this script into ``broadsheet``."""

from __future__ import annotations

import multiprocessing
import os
import sys

# A windowed build (Windows, macOS app) has no console: sys.stdout and sys.stderr are None, and
# any library that writes to them would raise. Send them to the null device instead.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from broadsheet.cli import main  # noqa: E402

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen child process must not start the app again
    sys.exit(main())
