"""The packaging files: icons drawn from the SVG, the desktop entry, its installer, the spec."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "org.broadsheet.Broadsheet"
MIME_TYPES = {
    "text/plain",
    "text/markdown",
    "text/html",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def icons(tmp_path_factory, qapp):
    out = tmp_path_factory.mktemp("icons")
    _load("make_icons").make_icons(out)
    return out


def _entry(path: Path) -> dict[str, str]:
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str  # keys are case-sensitive
    cp.read(path, encoding="utf-8")
    return dict(cp["Desktop Entry"])


def test_png_icons_in_every_size(icons):
    from PySide6.QtGui import QImage

    for size in (16, 24, 32, 48, 64, 128, 256):
        img = QImage(str(icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (img.width(), img.height()) == (size, size)
        assert img.hasAlphaChannel()
        assert img.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not blank
    assert (icons / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()


def test_ico_and_icns(icons):
    ico = (icons / "broadsheet.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    widths = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert widths == [16, 24, 32, 48, 64, 128, 256]
    icns = (icons / "broadsheet.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic10" in icns and b"icp4" in icns


def test_desktop_entry():
    path = PACKAGING / f"{APP_ID}.desktop"
    e = _entry(path)
    assert e["Type"] == "Application" and e["Name"] == "Broadsheet"
    assert e["Exec"].endswith(" %F")
    assert e["Icon"] == APP_ID
    assert set(filter(None, e["MimeType"].split(";"))) == MIME_TYPES
    assert e["Terminal"] == "false"


def test_the_app_uses_the_desktop_file_name():
    app = (ROOT / "desktop" / "broadsheet" / "ui" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{APP_ID}")' in app


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_desktop_file_validate(tmp_path, icons, monkeypatch):
    subprocess.run(["desktop-file-validate", str(PACKAGING / f"{APP_ID}.desktop")], check=True)


def test_install_desktop_into_a_temporary_data_home(tmp_path, icons, monkeypatch):
    inst = _load("install_desktop")
    share = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(share))
    exe = tmp_path / "My Apps" / "broadsheet"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    assert inst.main(["--exec", str(exe), "--icons", str(icons / "hicolor")]) == 0
    entry = share / "applications" / f"{APP_ID}.desktop"
    e = _entry(entry)
    assert e["Exec"] == f'"{exe}" %F'
    assert set(filter(None, e["MimeType"].split(";"))) == MIME_TYPES
    for size in (16, 32, 48, 256):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").exists()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(entry)], check=True)
    assert inst.main(["--uninstall"]) == 0
    assert not entry.exists()
    assert not list((share / "icons").rglob(f"{APP_ID}.*"))


def test_exec_quoting():
    inst = _load("install_desktop")
    assert inst.exec_quote("/opt/broadsheet/broadsheet") == "/opt/broadsheet/broadsheet"
    assert inst.exec_quote("/home/a b/broadsheet") == '"/home/a b/broadsheet"'
    # A dollar sign is escaped inside the quotes, and the backslash doubled for the string.
    assert inst.exec_quote("/x/$y") == '"/x/\\\\$y"'


def test_the_spec_is_python_and_windowed():
    text = (PACKAGING / "broadsheet.spec").read_text(encoding="utf-8")
    compile(text, "broadsheet.spec", "exec")
    assert "console=False" in text
    assert 'name="Broadsheet"' in text and 'name="broadsheet"' in text
    assert "CFBundleDocumentTypes" in text and "copy_metadata" in text
    # Alembic reads the library's migrations as files: the bundle carries them as data.
    assert 'subdir="store/schema", include_py_files=True' in text
    for uti in ("public.plain-text", "public.html", "com.adobe.pdf"):
        assert uti in text


def test_ci_builds_the_bundle_after_the_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("make test") < ci.index("make package") < ci.index("--self-test")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\npackage:" in makefile and "\ninstall-desktop:" in makefile
    assert "pip install" in makefile and "pyinstaller" in makefile
