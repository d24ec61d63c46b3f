"""Install (or remove) Broadsheet's desktop entry and icons for the current user.

    python packaging/install_desktop.py [--exec PATH] [--uninstall]      (make install-desktop)

Writes ``$XDG_DATA_HOME/applications/org.broadsheet.Broadsheet.desktop`` (default
``~/.local/share``) with ``Exec`` pointing at the built bundle (``dist/Broadsheet/broadsheet``) if
there is one, else at the checkout's ``.venv/bin/broadsheet``, and the icons under
``$XDG_DATA_HOME/icons/hicolor/``; then refreshes the desktop and icon caches when their tools are
installed. Broadsheet then shows in the launcher and in "Open with" for the formats it reads.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.broadsheet.Broadsheet"
DESKTOP = ROOT / "packaging" / f"{APP_ID}.desktop"
ICONS = ROOT / "build" / "icons" / "hicolor"
CANDIDATES = (ROOT / "dist" / "Broadsheet" / "broadsheet", ROOT / ".venv" / "bin" / "broadsheet")
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    env = os.environ.get("XDG_DATA_HOME", "")
    return Path(env) if os.path.isabs(env) else Path.home() / ".local" / "share"


def find_executable() -> Path | None:
    return next((p for p in CANDIDATES if p.is_file() and os.access(p, os.X_OK)), None)


def exec_quote(path: str) -> str:
    """Quote a program path for the Exec key (desktop entry spec, 'The Exec key')."""
    if not any(c in _RESERVED for c in path):
        arg = path
    else:
        inner = "".join("\\" + c if c in '"`$\\' else c for c in path)
        arg = f'"{inner}"'
    # The value itself is a string, in which a backslash is written twice.
    return arg.replace("\\", "\\\\")


def desktop_entry(executable: Path) -> str:
    lines = []
    for line in DESKTOP.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_quote(str(executable))} %F"
        elif line.startswith("TryExec="):
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def _refresh(share: Path) -> None:
    for cmd in (
        ["update-desktop-database", "-q", str(share / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(share / "icons" / "hicolor")],
    ):
        if shutil.which(cmd[0]):
            subprocess.run(cmd, check=False, capture_output=True)


def install(executable: Path, share: Path, icons: Path = ICONS) -> list[Path]:
    if not icons.is_dir():
        raise SystemExit(f"install_desktop: no icons in {icons}; run packaging/make_icons.py")
    written = []
    apps = share / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    entry = apps / f"{APP_ID}.desktop"
    entry.write_text(desktop_entry(executable), encoding="utf-8")
    written.append(entry)
    for icon in sorted(icons.glob(f"*/apps/{APP_ID}.*")):
        dst = share / "icons" / "hicolor" / icon.relative_to(icons)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icon, dst)
        written.append(dst)
    _refresh(share)
    return written


def uninstall(share: Path) -> list[Path]:
    removed = [share / "applications" / f"{APP_ID}.desktop"]
    removed += sorted((share / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.*"))
    removed = [p for p in removed if p.exists()]
    for p in removed:
        p.unlink()
    _refresh(share)
    return removed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="install_desktop", description=__doc__.split("\n\n")[0])
    p.add_argument("--exec", dest="executable", metavar="PATH", help="the program to start")
    p.add_argument("--icons", metavar="DIR", default=str(ICONS), help="the drawn hicolor icons")
    p.add_argument("--uninstall", action="store_true", help="remove the entry and the icons")
    args = p.parse_args(argv)
    share = data_home()
    if args.uninstall:
        removed = uninstall(share)
        print(f"install_desktop: removed {len(removed)} files from {share}")
        return 0
    executable = Path(args.executable).resolve() if args.executable else find_executable()
    if executable is None:
        print("install_desktop: build the bundle (make package) or the venv (make run) first",
              file=sys.stderr)
        return 1
    written = install(executable.absolute(), share, Path(args.icons))
    print(f"install_desktop: {written[0]} (Exec={executable}) and {len(written) - 1} icons")
    return 0


if __name__ == "__main__":
    sys.exit(main())
