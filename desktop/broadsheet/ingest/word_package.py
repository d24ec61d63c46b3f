"""The parts of a Word package, found through its relationships as Word finds them.

A part is named by where a relationship points, not by a fixed file name (``word/document.xml``
is only the usual one), and Strict files give relationships other type URIs: types are matched
by their last segment, which both share.
"""

from __future__ import annotations

import logging
import posixpath
import zipfile

from .word_xml import Element, attr, key, parse

log = logging.getLogger(__name__)


class Package:
    def __init__(self, zf: zipfile.ZipFile, max_part: int) -> None:
        self._zf = zf
        self.max_part = max_part
        # Part names are case-insensitive in the package format; ZIP names are not.
        self._names = {i.filename.lower(): i for i in zf.infolist() if not i.is_dir()}
        self._rels: dict[str, list[tuple[str, str, str]]] = {}
        self.main = self._main_part()

    def size(self, name: str) -> int:
        info = self._names.get(name.lower())
        return info.file_size if info else 0

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def read(self, name: str) -> bytes | None:
        info = self._names.get(name.lower())
        return self._zf.read(info) if info else None

    def xml(self, name: str | None) -> Element | None:
        """A part's root, or None when it is missing or larger than the body may be (a side part
        such as the footnotes is left out rather than refusing the whole document)."""
        if not name or not self.has(name):
            return None
        if self.size(name) > self.max_part:
            log.info("part %s left out: %d bytes unpacked", name, self.size(name))
            return None
        data = self.read(name)
        return parse(data) if data else None

    def related(self, source: str, kind: str) -> str | None:
        """The part that ``source`` (``""`` for the package) relates to with type ``kind``
        (the type URI's last segment, such as ``"footnotes"``)."""
        return next((path for k, _, path in self._relationships(source) if k == kind), None)

    def target(self, source: str, rel_id: str) -> str | None:
        """The part relationship ``rel_id`` of ``source`` points to (an ``r:id`` in its XML)."""
        return next((path for _, i, path in self._relationships(source) if i == rel_id), None)

    def _relationships(self, source: str) -> list[tuple[str, str, str]]:
        """(type's last segment, id, part name) of the relationships of ``source`` to parts
        inside the package, read once."""
        if source in self._rels:
            return self._rels[source]
        folder, name = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        root = self.xml(rels) if self.has(rels) else None
        found = []
        for rel in root if root is not None else ():
            if key(rel) != "rel:Relationship" or (attr(rel, "TargetMode") or "") == "External":
                continue
            kind = (attr(rel, "Type") or "").rstrip("/").rsplit("/", 1)[-1]
            target = attr(rel, "Target") or ""
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(folder, target))
            found.append((kind, attr(rel, "Id") or "", path))
        self._rels[source] = found
        return found

    def _main_part(self) -> str | None:
        main = self.related("", "officeDocument")
        if main and self.has(main):
            return main
        return "word/document.xml" if self.has("word/document.xml") else None
