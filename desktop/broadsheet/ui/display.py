"""Whether there is a screen to open the window on, asked before Qt is imported.

Without one, Qt's xcb plugin aborts the process with a page about plugins that never says the
display is what is missing; this says so in one sentence instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping

NO_DISPLAY = (
    "Broadsheet cannot open its window because there is no display (DISPLAY and "
    "WAYLAND_DISPLAY are not set): run it in a desktop session, or without a screen with "
    "QT_QPA_PLATFORM=offscreen set, or as broadsheet --screenshot OUT.png FILE."
)


def missing_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when the window would have nowhere to go: on Linux and the other X11/Wayland
    systems, no display in the environment and no Qt platform chosen by hand (offscreen, vnc,
    eglfs, … need no display). macOS and Windows always have their own."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform in ("darwin", "win32", "cygwin") or platform.startswith(("win", "emscripten")):
        return False
    if env.get("QT_QPA_PLATFORM"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def offscreen_for_screenshot(env: MutableMapping[str, str] | None = None) -> None:
    """A screenshot needs no screen: without a display it is drawn offscreen."""
    env = os.environ if env is None else env
    if missing_display(env):
        env["QT_QPA_PLATFORM"] = "offscreen"
