"""The library service: processed documents and the reader's own data, over ``store/``.

Plain Python, safe to call from any thread (each call uses its own session).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from .facts import Facts
from .paths import library_dir
from .store.database import LibraryError, open_engine, session_factory
from .store.models import Analysis, Document, RecentFile, now

RECENT_LIMIT = 12

__all__ = ["DocumentInfo", "Library", "LibraryError"]


@dataclass(frozen=True)
class DocumentInfo:
    sha256: str
    title: str
    path: str
    chars: int
    added_at: datetime
    people: int
    places: int
    organisations: int
    claims: int

    def to_json(self) -> dict[str, object]:
        return {
            "sha256": self.sha256,
            "title": self.title,
            "path": self.path,
            "chars": self.chars,
            "added_at": self.added_at.isoformat(),
            "people": self.people,
            "places": self.places,
            "organisations": self.organisations,
            "claims": self.claims,
        }


class Library:
    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = library_dir(folder)
        self._engine = open_engine(self.folder)
        self._session = session_factory(self._engine)

    @property
    def path(self) -> Path:
        return self.folder / "library.sqlite3"

    def close(self) -> None:
        self._engine.dispose()

    # -- derived data ---------------------------------------------------------------------------
    def get(self, sha256: str, pipeline: str) -> Facts | None:
        """The stored facts for this text and pipeline, or None if it must be analysed."""
        stmt = (
            select(Analysis.facts_json, Document.path, Document.title)
            .join(Document)
            .where(Document.sha256 == sha256, Analysis.pipeline == pipeline)
        )
        try:
            with self._session() as s:
                row = s.execute(stmt).first()
        except SQLAlchemyError as e:
            raise LibraryError(f"Cannot read the library {self.path}: {e}") from e
        if row is None:
            return None
        return Facts.from_json(json.loads(row[0]))

    def put(self, facts: Facts) -> None:
        """Store (or replace) the analysis of a document in one transaction."""
        sha = facts.sha256
        counts = {k: len(facts.entities_of(k)) for k in ("person", "place", "organisation")}
        try:
            with self._session.begin() as s:
                doc = s.scalar(select(Document).where(Document.sha256 == sha))
                if doc is None:
                    doc = Document(sha256=sha, text=facts.text, chars=len(facts.text))
                    s.add(doc)
                doc.path = facts.path or doc.path
                doc.title = facts.title or doc.title
                s.flush()
                s.execute(
                    delete(Analysis).where(
                        Analysis.document_id == doc.id, Analysis.pipeline == facts.pipeline
                    )
                )
                s.add(
                    Analysis(
                        document_id=doc.id,
                        pipeline=facts.pipeline,
                        facts_json=json.dumps(facts.to_json(), ensure_ascii=False),
                        people=counts["person"],
                        places=counts["place"],
                        organisations=counts["organisation"],
                        claims=len(facts.claims),
                    )
                )
        except SQLAlchemyError as e:
            raise LibraryError(f"Cannot write to the library {self.path}: {e}") from e

    def documents(self) -> list[DocumentInfo]:
        """Every document with the counts of its newest analysis, newest first."""
        newest = (
            select(Analysis.document_id, func.max(Analysis.id).label("aid"))
            .group_by(Analysis.document_id)
            .subquery()
        )
        stmt = (
            select(Document, Analysis)
            .join(newest, newest.c.document_id == Document.id)
            .join(Analysis, Analysis.id == newest.c.aid)
            .order_by(Document.added_at.desc(), Document.id.desc())
        )
        with self._session() as s:
            return [
                DocumentInfo(
                    d.sha256,
                    d.title,
                    d.path,
                    d.chars,
                    d.added_at,
                    a.people,
                    a.places,
                    a.organisations,
                    a.claims,
                )
                for d, a in s.execute(stmt).all()
            ]

    # -- the reader's own data ------------------------------------------------------------------
    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        with self._session.begin() as s:
            s.merge(RecentFile(path=p, opened_at=now()))
            keep = select(RecentFile.path).order_by(RecentFile.opened_at.desc()).limit(RECENT_LIMIT)
            s.execute(delete(RecentFile).where(RecentFile.path.not_in(keep)))

    def recent_files(self) -> list[str]:
        with self._session() as s:
            rows = s.scalars(select(RecentFile.path).order_by(RecentFile.opened_at.desc()))
            return list(rows)
