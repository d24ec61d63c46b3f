"""Whether there is a screen to open the window on, asked before Qt is imported.

Without one, Qt's xcb plugin aborts the process with a page about plugins that never says the
display is what is missing, or which system library its X11 support lacks; this says so in one
sentence instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Mapping, MutableMapping
from pathlib import Path

NO_DISPLAY = (
    "Broadsheet cannot open its window because there is no display (DISPLAY and "
    "WAYLAND_DISPLAY are not set): run it in a desktop session, or without a screen with "
    "QT_QPA_PLATFORM=offscreen set, or as broadsheet --screenshot OUT.png FILE."
)
OFFSCREEN_HINT = (
    "or run it without a screen with QT_QPA_PLATFORM=offscreen set, or as broadsheet "
    "--screenshot OUT.png FILE."
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


def uses_x11(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Qt will pick its xcb plugin: an X11 system with DISPLAY set, no Wayland session and no
    other platform asked for."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    """Qt's X11 platform plugin as installed with PySide6 (in a bundle, beside it)."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """The shared libraries the plugin needs that the system does not have, as ldd reports them."""
    try:
        out = subprocess.run(
            ["ldd", str(plugin)], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []  # no ldd: let Qt try
    found = re.findall(r"^\s*(\S+)\s*=>\s*not found", out, flags=re.MULTILINE)
    return sorted(set(found))


def debian_package(soname: str) -> str:
    """libxcb-icccm.so.4 → libxcb-icccm4, libxkbcommon-x11.so.0 → libxkbcommon-x11-0: how
    Debian and Ubuntu name the package of a library."""
    m = re.fullmatch(r"(.+?)\.so\.(\d+).*", soname)
    if not m:
        return soname
    base, major = m.groups()
    return f"{base}{'-' if base[-1].isdigit() else ''}{major}"


def display_answers(display: str) -> bool:
    """Whether the X server named by ``display`` accepts a connection (libxcb, as Qt asks it)."""
    name = ctypes.util.find_library("xcb")
    if name is None:
        return True  # no libxcb to ask with: the plugin check names it
    xcb = ctypes.CDLL(name)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode(), None)
    try:
        return not xcb.xcb_connection_has_error(conn)
    finally:
        xcb.xcb_disconnect(conn)


def x11_problem(env: Mapping[str, str] | None = None) -> str | None:
    """One sentence on why Qt's X11 window cannot open here, or None when it can (or when this
    is not an X11 start)."""
    env = os.environ if env is None else env
    if not uses_x11(env):
        return None
    plugin = xcb_plugin()
    missing = missing_libraries(plugin) if plugin else []
    if missing:
        libs = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
        packages = " ".join(debian_package(m) for m in missing)
        return (
            f"Broadsheet cannot open its window because Qt's X11 support needs {libs}, which "
            f"{'is' if len(missing) == 1 else 'are'} not installed (on Debian and Ubuntu: "
            f"sudo apt install {packages}): install {'it' if len(missing) == 1 else 'them'}, "
            f"{OFFSCREEN_HINT}"
        )
    display = env.get("DISPLAY", "")
    if display and not display_answers(display):
        return (
            f"Broadsheet cannot open its window because the display {display} (DISPLAY) does "
            f"not answer: start the X server or set DISPLAY to one that runs, {OFFSCREEN_HINT}"
        )
    return None
