"""The library's tables (SQLAlchemy 2 typed ORM).

Derived data (``Analysis``) is keyed by the text's SHA-256 and the pipeline fingerprint, and may be
recomputed at any time. The reader's own data (``Correction``, ``ReadingPosition``,
``RecentFile``) is keyed by the text's SHA-256 alone, so it outlives any re-analysis and even the
removal of the document from the library; it is never derived and never dropped.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..facts import norm_name


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"
    # Covering index for listings (newest first): the row itself holds the text before
    # ``added_at``, so listing from the table would read every document's text.
    __table_args__ = (
        Index("ix_documents_listing", "added_at", "sha256", "title", "path", "chars"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    path: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    chars: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(default=now)

    analyses: Mapped[list[Analysis]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class Analysis(Base):
    __tablename__ = "analyses"
    # The listing index covers a document's newest analysis's counts (the row holds the facts
    # JSON before them).
    __table_args__ = (
        UniqueConstraint("document_id", "pipeline"),
        Index(
            "ix_analyses_listing",
            "document_id",
            "id",
            "people",
            "places",
            "organisations",
            "claims",
        ),
        Index("ix_analyses_document", "id", "document_id"),  # "Also in": analysis → document
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    pipeline: Mapped[str] = mapped_column(String(200))
    facts_json: Mapped[str] = mapped_column(Text)
    people: Mapped[int] = mapped_column(Integer, default=0)
    places: Mapped[int] = mapped_column(Integer, default=0)
    organisations: Mapped[int] = mapped_column(Integer, default=0)
    claims: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=now)

    document: Mapped[Document] = relationship(back_populates="analyses")


class Pending(Base):
    """A document read and stored without its analysis, waiting for a team's workers (the
    queue, ``store/queue.py``). A worker leases it (``leased_until``, on the server's clock) and
    renews the lease while it analyses; a worker that dies stops renewing, and once the lease
    has run out the document is taken again. The row goes when its facts are stored, in the
    same transaction. ``error``: the analysis failed (or was cut short too often); not taken
    again."""

    __tablename__ = "pending"
    __table_args__ = (Index("ix_pending_queue", "error", "leased_until", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    chars: Mapped[int] = mapped_column(Integer, default=0)
    article_json: Mapped[str] = mapped_column(Text)  # text, path, title, meta, warnings
    added_at: Mapped[datetime] = mapped_column(default=now)
    leased_until: Mapped[datetime | None] = mapped_column(default=None)
    worker: Mapped[str] = mapped_column(Text, default="")  # who holds the lease
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # leases taken
    error: Mapped[str] = mapped_column(Text, default="")


class RecentFile(Base):
    __tablename__ = "recent_files"

    path: Mapped[str] = mapped_column(Text, primary_key=True)
    opened_at: Mapped[datetime] = mapped_column(default=now)


class EntityName(Base):
    """Every name and alias of every entity of an analysis, normalised, for "Also in" look-ups."""

    __tablename__ = "entity_names"
    # By analysis: replacing or removing an analysis deletes its names (ON DELETE CASCADE).
    # "lookup" covers an "Also in" query, which may match thousands of rows in a large library
    # (it also serves look-ups by name alone: schema 4 dropped the index on ``norm``).
    __table_args__ = (
        Index("ix_entity_names_analysis", "analysis_id"),
        Index("ix_entity_names_lookup", "norm", "kind", "analysis_id", "entity_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"))
    entity_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(20))
    norm: Mapped[str] = mapped_column(Text)


class EntityClaims(Base):
    """Each entity of an analysis with its display name and the texts of the claims it is the
    source of: what "Also in" shows, so that it never reads a whole facts JSON."""

    __tablename__ = "entity_claims"

    analysis_id: Mapped[int] = mapped_column(
        ForeignKey("analyses.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    claims: Mapped[str] = mapped_column(Text)  # JSON list of the claims' content texts


def entity_names(facts: dict[str, Any]) -> list[dict[str, str]]:
    """Each entity's distinct normalised names and aliases in a facts JSON, as stored in
    ``entity_names`` (by ``Library.put`` and by the migrations)."""
    return [
        {"entity_id": e["id"], "kind": e["kind"], "norm": n}
        for e in facts.get("entities", [])
        for n in {norm_name(x) for x in (e["name"], *e.get("aliases", []))}
    ]


def _shown(span: dict[str, Any]) -> str:
    """A content as the reader is shown it (facts schema 2: its parts joined with " … ")."""
    parts = span.get("parts")
    return " … ".join(p["text"] for p in parts) if parts else span["text"]


def entity_claims(facts: dict[str, Any]) -> list[dict[str, str]]:
    """Each entity of a facts JSON with its name and the content texts of the claims it is the
    source of, as stored in ``entity_claims`` (by ``Library.put`` and by the schema 4
    migration)."""
    said: dict[str, list[str]] = {}
    for c in facts.get("claims", []):
        eid = (c.get("source") or {}).get("entity")
        if eid:
            said.setdefault(eid, []).append(_shown(c["content"]))
    return [
        {
            "entity_id": e["id"],
            "name": e.get("name", ""),  # most entities say nothing
            "claims": json.dumps(said[e["id"]], ensure_ascii=False) if e["id"] in said else "[]",
        }
        for e in facts.get("entities", [])
    ]


class Correction(Base):
    """One correction the reader made to a document's facts (``corrections.py`` has them all:
    rename, merge, kind, hide, split, add_entity, and the claim_ ones)."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False once undone
    # In the document's undo history, which outlives the session: False once reverted from the
    # Corrections panel, or when a newer correction took the place of its redo.
    undoable: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
    # Who made it: the team library's login role, the desktop's user ("" before schema 8).
    author: Mapped[str] = mapped_column(String(128), default="", server_default="")


class ReadingPosition(Base):
    __tablename__ = "reading_positions"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=now)
