"""The queue of a team's library: documents read on one machine and analysed by workers on any
(``broadsheet import --queue``, ``broadsheet worker``).

Each document waiting is a row of ``pending`` (its text and what was read with it). A worker
takes the oldest one nobody holds with ``SELECT … FOR UPDATE SKIP LOCKED`` (two workers never
take the same row) and leases it until a time on the server's clock, which it renews while it
analyses; its facts and the row's removal are one transaction. A worker killed mid-document
stops renewing: once its lease has run out, the document is taken again by another. A document
whose lease ran out ``MAX_ATTEMPTS`` times (it may be what kills the workers) is kept as failed,
with a sentence saying why, and not taken again. PostgreSQL only: a folder's library has one
machine, and SQLite has no row locks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from ..facts import Article
from .models import Pending

MAX_ATTEMPTS = 3

PENDING, ANALYSING, FAILED = "pending", "analysing", "failed"


@dataclass(frozen=True)
class Waiting:
    """A document in the queue, as listings show it."""

    sha256: str
    title: str
    path: str
    chars: int
    added_at: datetime
    state: str  # pending, analysing (a worker holds its lease) or failed
    error: str = ""


@dataclass(frozen=True)
class QueueCounts:
    pending: int = 0
    analysing: int = 0
    failed: int = 0

    @property
    def left(self) -> int:
        """Documents still to be analysed (the failed ones are not)."""
        return self.pending + self.analysing


def _now():  # noqa: ANN202 - a SQL expression
    # The server's clock, for every machine alike; sessions run in UTC (``server.py``).
    return func.localtimestamp()


def add(s: Session, article: Article) -> bool:
    """Queue an article; False if its text is queued already."""
    data = {
        "text": article.text,
        "path": article.path,
        "title": article.title,
        "meta": article.meta,
        "warnings": article.warnings,
    }
    done = s.execute(
        postgresql.insert(Pending)
        .values(
            sha256=article.sha256,
            path=article.path,
            title=article.title,
            chars=len(article.text),
            article_json=json.dumps(data, ensure_ascii=False),
            worker="",
            attempts=0,
            error="",
        )
        .on_conflict_do_nothing(index_elements=["sha256"])
        .returning(Pending.id)
    )
    return done.first() is not None


def take(s: Session, worker: str, lease_s: float) -> Article | None:
    """Lease the oldest document nobody holds to ``worker``; None when there is none."""
    free = or_(Pending.leased_until.is_(None), Pending.leased_until < _now())
    while True:
        row = s.scalars(
            select(Pending)
            .where(Pending.error == "", free)
            .order_by(Pending.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if row is None:
            return None
        if row.attempts >= MAX_ATTEMPTS:
            row.error = (
                f"Not analysed: the workers analysing it stopped {row.attempts} times "
                "before the end (out of memory?)."
            )
            s.flush()
            continue
        row.attempts += 1
        row.worker = worker
        row.leased_until = s.scalar(select(_now() + timedelta(seconds=lease_s)))
        s.flush()
        data = json.loads(row.article_json)
        return Article(
            data["text"], data["path"], data["title"], data["meta"], list(data["warnings"])
        )


def renew(s: Session, sha256: str, worker: str, lease_s: float) -> bool:
    """Extend ``worker``'s lease; False if it no longer holds it."""
    done = s.execute(
        update(Pending)
        .where(Pending.sha256 == sha256, Pending.worker == worker)
        .values(leased_until=_now() + timedelta(seconds=lease_s))
        .returning(Pending.id)
    )
    return done.first() is not None


def queued_at(s: Session, sha256: str) -> datetime | None:
    return s.scalar(select(Pending.added_at).where(Pending.sha256 == sha256))


def remove(s: Session, sha256: str) -> None:
    s.execute(delete(Pending).where(Pending.sha256 == sha256))


def fail(s: Session, sha256: str, message: str) -> None:
    s.execute(
        update(Pending)
        .where(Pending.sha256 == sha256)
        .values(error=message, leased_until=None, worker="")
    )


def _state(leased: bool, error: str) -> str:
    return FAILED if error else ANALYSING if leased else PENDING


def listing(s: Session) -> list[Waiting]:
    """Every queued document, newest first."""
    held = (Pending.leased_until.is_not(None) & (Pending.leased_until >= _now())).label("held")
    rows = s.execute(
        select(
            Pending.sha256,
            Pending.title,
            Pending.path,
            Pending.chars,
            Pending.added_at,
            held,
            Pending.error,
        ).order_by(Pending.added_at.desc(), Pending.id.desc())
    )
    return [
        Waiting(sha, title, path, chars, added, _state(bool(h), error), error)
        for sha, title, path, chars, added, h, error in rows
    ]


def counts(s: Session) -> QueueCounts:
    held = Pending.leased_until.is_not(None) & (Pending.leased_until >= _now())
    failed = Pending.error != ""
    pending, analysing, failures = s.execute(
        select(
            func.count().filter(~failed & ~held),
            func.count().filter(~failed & held),
            func.count().filter(failed),
        )
    ).one()
    return QueueCounts(pending, analysing, failures)
