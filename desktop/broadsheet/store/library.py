"""The library service: processed documents and the reader's own data, over ``store/``.

Plain Python, safe to call from any thread (each call uses its own session). One API over two
backends: a folder's SQLite file (the desktop's) or a team's PostgreSQL database (a
``postgresql://`` URL); nothing above ``store/`` needs to know which. A desktop library that
SQLite finds damaged while it is in use is moved aside and started again, with the reader's data
restored from the sidecar; the call that found it raises a ``LibraryError`` saying so. A team's
library keeps no sidecar: the server is where its data is kept safe.
"""

from __future__ import annotations

import getpass
import json
import logging
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path

from sqlalchemy import (
    Connection,
    DateTime,
    Engine,
    Integer,
    String,
    Text,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import LibraryError
from ..facts import Article, Correction, Facts, norm_name
from ..paths import library_dir, library_location
from . import codec, database, queue, search, sidecar
from .database import Opened, open_engine, session_factory
from .errors import DAMAGED, kind, message
from .models import (
    Analysis,
    Document,
    EntityClaims,
    EntityName,
    ReadingPosition,
    RecentFile,
    entity_claims,
    entity_names,
    now,
)
from .models import Correction as CorrectionRow
from .queue import QueueCounts, Waiting
from .server import denied, first_line, open_server, shown

log = logging.getLogger(__name__)

RECENT_LIMIT = 12
LIBRARY_KEY = "library:"  # a recent entry for a document opened from the library: + sha256

__all__ = [
    "AlsoIn",
    "DocumentInfo",
    "Library",
    "LibraryError",
    "QueueCounts",
    "RecentDocument",
    "Waiting",
    "norm_name",
]

NO_QUEUE = (
    "A queue needs a team library (--library postgresql://…): a folder's library is "
    "analysed where it is, by broadsheet import."
)


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
    # With a search: the words around the hit, in parts, each (text, whether it is a hit).
    snippet: tuple[tuple[str, bool], ...] = ()
    # "analysed": its facts are in the library; documents waiting for a team's workers are
    # "pending", "analysing" or "failed" (``Library.waiting``).
    state: str = "analysed"

    def to_json(self) -> dict[str, object]:
        return {
            "sha256": self.sha256,
            "state": self.state,
            "title": self.title,
            "path": self.path,
            "chars": self.chars,
            "added_at": self.added_at.isoformat(),
            "people": self.people,
            "places": self.places,
            "organisations": self.organisations,
            "claims": self.claims,
        }


@dataclass(frozen=True)
class RecentDocument:
    """An entry of Open Recent: a file (``path``; ``sha256`` and ``title`` when the library
    has the document last opened from it) or, ``from_library``, a document opened from the
    library (``path`` is where it was last opened from, and may be gone)."""

    key: str
    path: str
    sha256: str = ""
    title: str = ""
    from_library: bool = False


@dataclass(frozen=True)
class AlsoIn:
    """Another document that mentions an entity by one of its names, with that source's claims."""

    document: DocumentInfo
    entity_id: str
    name: str
    claims: list[str]


class Library:
    def __init__(self, folder: str | Path | None = None) -> None:
        """The library in ``folder`` (``--library``: a folder, or a ``postgresql://`` URL for a
        team's library), else as ``paths.library_location`` finds it."""
        where = library_location(folder)
        self.url = where if isinstance(where, str) else None  # a team's library on a server
        # A team's library: the local folder, for nothing of the library's own.
        self.folder = library_dir() if isinstance(where, str) else where
        self._lock = threading.RLock()  # one recovery from damage at a time
        self._recovered = ""  # what the reader was told when the library was recovered
        self._here = threading.local()  # busy: this thread saves or recovers
        self._saver = sidecar.Saver(self.folder, self._data_to_save)
        self._saver.held = self.url is not None  # the server keeps a team's data safe
        self.notice = ""  # something the reader should be told about this library
        self._watch: Connection | None = None  # asked for data_version, and for nothing else
        opened = open_server(self.url) if self.url else open_engine(self.folder)
        try:
            self._start(opened)
        except BaseException:
            opened.engine.dispose()
            raise

    def _start(self, opened: Opened) -> None:
        """Use this newly opened library: restore the reader's data if it has none."""
        self._engine = opened.engine
        self._session: sessionmaker[Session] = session_factory(self._engine)
        self._server = self._engine.dialect.name == "postgresql"
        self._search = search.for_dialect(self._engine.dialect.name)
        self.read_only = opened.read_only
        if self._server:
            if self.read_only:
                self._tell(
                    f"You may read the team library {self.location}, but not add to it: "
                    "ask for its editors' role to keep documents and corrections there."
                )
            return
        if opened.read_only:
            self._tell(
                f"Broadsheet may not write to the library folder {self.folder}, so its "
                "documents can be read but nothing new can be kept."
            )
            return
        if opened.moved_aside is not None:
            self._tell(
                f"The library file {self.path} was damaged; it was moved aside to "
                f"{opened.moved_aside.name} and a new library was started."
            )
        sidecar.remove_stale_temps(self.folder)
        if not opened.reader_data and sidecar.path_in(self.folder).exists():
            self._tell(self._restore_reader_data())

    def _tell(self, notice: str) -> None:
        if notice:
            self.notice += (" " if self.notice else "") + notice

    @property
    def path(self) -> Path:
        """The desktop library's file (a team's library has none: see ``location``)."""
        return self.folder / "library.sqlite3"

    @cached_property
    def author(self) -> str:
        """Who this library's corrections are by: the login role on a team's server, the
        computer's user on the desktop."""
        if self._server:
            try:
                with self._reading() as s:
                    return str(s.scalar(text("SELECT current_user")) or "")
            except LibraryError:
                return ""
        try:
            return getpass.getuser()
        except (OSError, KeyError):  # no user name in this environment
            return ""

    @property
    def location(self) -> str:
        """Where the library is, for messages: its file, or its URL without a password."""
        return shown(self.url) if self.url else str(self.path)

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session for reading; database errors become one ``LibraryError`` for the user."""
        engine, factory = self._engine, self._session
        try:
            with factory() as s:
                yield s
        except SQLAlchemyError as e:
            raise self._trouble(e, engine, "read") from e

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A session in one transaction: all of it is written, or none of it."""
        engine, factory = self._engine, self._session
        try:
            with factory.begin() as s:
                yield s
        except SQLAlchemyError as e:
            raise self._trouble(e, engine, "write to") from e

    def _trouble(self, e: SQLAlchemyError, engine: Engine, doing: str) -> LibraryError:
        """The error for the reader. If SQLite says the file is damaged (checked: an error
        alone may say so wrongly), it is moved aside and a new library started."""
        if self._server:
            if denied(e):
                return LibraryError(
                    f"You may not {doing} the team library {self.location}: ask for its "
                    "editors' role."
                )
            return LibraryError(
                f"Cannot {doing} the team library {self.location}: {first_line(e)}."
            )
        here = self._here
        # Not from within a recovery, nor from a save (recovering saves first: it would wait
        # on itself).
        if kind(e) != DAMAGED or self.read_only or getattr(here, "busy", False):
            return LibraryError(message(e, self.path, doing))
        with self._lock:
            if engine is not self._engine:  # another thread found it first
                return LibraryError(self._recovered)
            here.busy = True
            try:
                if not database.damaged(self.path):
                    return LibraryError(message(e, self.path, doing))
                return self._recover(engine)
            except LibraryError as again:
                return again
            except Exception as again:  # the reader is told, the app goes on
                log.warning("recovering %s failed", self.path, exc_info=True)
                return LibraryError(message(again, self.path, doing))
            finally:
                here.busy = False

    def _recover(self, engine: Engine) -> LibraryError:
        self._saver.flush()  # what the damaged file still gives is worth keeping
        engine.dispose()
        opened = database.reopen_damaged(self.path)
        self.notice = ""
        try:
            self._start(opened)
        except LibraryError as failed:
            # The new library lacks the reader's data: the sidecar must not be overwritten by
            # less, nor lost.
            self._recovered = f"{self.notice} {failed} {self._keep_sidecar()}".strip()
        else:
            self._recovered = self.notice
        return LibraryError(self._recovered)

    def _keep_sidecar(self) -> str:
        try:
            kept = sidecar.keep_aside(self.folder, "unrestored")
        except OSError:
            self._saver.held = True
            return (
                f"Your saved reader data in {sidecar.path_in(self.folder)} is left as it "
                "is until Broadsheet is started again."
            )
        return f"Your saved reader data was kept in {kept}."

    def flush(self) -> None:
        """Write the reader's data to the sidecar now, if a save is pending."""
        self._saver.flush()

    def close(self) -> None:
        self._saver.flush()
        with self._lock:
            self._close_watch()
        self._engine.dispose()

    # -- derived data ---------------------------------------------------------------------------
    def get(self, sha256: str, pipeline: str) -> Facts | None:
        """The stored facts for this text and pipeline, or None if it must be analysed."""
        stmt = (
            select(Analysis.facts_json, Document.chars)
            .join(Document)
            .where(Document.sha256 == sha256, Analysis.pipeline == pipeline)
        )
        with self._reading() as s:
            row = s.execute(stmt).first()
        return None if row is None else self._facts(row[0], row[1])

    @staticmethod
    def _facts(facts_json: str, chars: int) -> Facts:
        # Built a piece at a time, out of the collector's way: a worker thread reading a long
        # document's facts never holds the GIL long (see ``codec``).
        return codec.load_facts(facts_json, chars)

    def put(self, facts: Facts) -> None:
        """Store (or replace) the analysis of a document in one transaction."""
        with codec.paused_for(len(facts.text)):
            self._put(facts)

    # -- the queue of a team's library (``store/queue.py``) ---------------------------------------
    def _queue_here(self) -> None:
        if not self._server:
            raise LibraryError(NO_QUEUE)

    def enqueue(self, article: Article) -> bool:
        """Keep an article's text to be analysed by the team's workers; False if it is queued
        already."""
        self._queue_here()
        with self._writing() as s:
            return queue.add(s, article)

    def take(self, worker: str, lease_s: float) -> Article | None:
        """The oldest queued document nobody is analysing, leased to ``worker`` for
        ``lease_s`` seconds (renew it with ``renew``); None when there is none."""
        self._queue_here()
        with self._writing() as s:
            return queue.take(s, worker, lease_s)

    def renew(self, sha256: str, worker: str, lease_s: float) -> bool:
        """Extend the lease; False if the worker no longer holds it."""
        with self._writing() as s:
            return queue.renew(s, sha256, worker, lease_s)

    def finish(self, facts: Facts) -> None:
        """Store a queued document's analysis and take it off the queue, in one transaction."""
        with codec.paused_for(len(facts.text)):
            self._put(facts, queued=True)

    def fail_queued(self, sha256: str, message: str) -> None:
        """A queued document that cannot be analysed: kept with ``message``, not taken again."""
        with self._writing() as s:
            queue.fail(s, sha256, message)

    def waiting(self) -> list[Waiting]:
        """The documents in the queue, newest first (none in a folder's library)."""
        if not self._server:
            return []
        with self._reading() as s:
            return queue.listing(s)

    def queue_counts(self) -> QueueCounts:
        """How many documents wait, are being analysed, or failed (zeros for a folder)."""
        if not self._server:
            return QueueCounts()
        with self._reading() as s:
            return queue.counts(s)

    def _put(self, facts: Facts, queued: bool = False) -> None:
        sha = facts.sha256
        counts = {k: len(facts.entities_of(k)) for k in ("person", "place", "organisation")}
        data = facts.to_json()
        # On a server, a writer storing the same document waits for this one (the row is
        # locked) and then replaces its analysis; SQLite has one writer at a time anyway.
        this = select(Document).where(Document.sha256 == sha).with_for_update()
        with self._writing() as s:
            doc = s.scalar(this)
            if doc is None:
                # Another writer may be storing the same text at this moment: whichever row
                # is there once this one may write is the document.
                insert_new = postgresql.insert if self._server else sqlite.insert
                # A queued document was added when it was queued (listings keep its place).
                added = (queue.queued_at(s, sha) if queued else None) or now()
                s.execute(
                    insert_new(Document)
                    .values(sha256=sha, text=facts.text, chars=len(facts.text), added_at=added)
                    .on_conflict_do_nothing(index_elements=["sha256"])
                )
                doc = s.scalars(this).one()
            doc.path = facts.path or doc.path
            doc.title = facts.title or doc.title
            s.flush()
            s.execute(
                delete(Analysis).where(
                    Analysis.document_id == doc.id, Analysis.pipeline == facts.pipeline
                )
            )
            analysis = Analysis(
                document_id=doc.id,
                pipeline=facts.pipeline,
                facts_json=codec.dumps(data),
                people=counts["person"],
                places=counts["place"],
                organisations=counts["organisation"],
                claims=len(facts.claims),
            )
            s.add(analysis)
            s.flush()
            # One executemany, not an ORM object per name: a long article has hundreds.
            rows = [{"analysis_id": analysis.id, **n} for n in entity_names(data)]
            if rows:
                s.execute(insert(EntityName), rows)
            if facts.entities:
                s.execute(
                    insert(EntityClaims),
                    [{"analysis_id": analysis.id, **e} for e in entity_claims(data)],
                )
            names = " ".join(n for e in facts.entities for n in (e.name, *e.aliases))
            self._search.put(s, doc.id, sha, doc.title, facts.text, names)
            if queued:
                queue.remove(s, sha)

    # Listings read two covering indexes (ix_documents_listing, ix_analyses_listing) and never
    # a table row: a document's row holds its text, and an analysis's its facts, before the
    # columns a listing shows, so reading those columns meant reading the whole row. With
    # 10,000 documents that took most of a second per listing.
    _LISTING = "SELECT id, sha256, title, path, chars, added_at FROM documents"
    # "Also in": from this many index entries a name is common enough that walking the
    # documents newest first meets ``limit`` hits soon (see ``also_in``).
    _COMMON = 500

    def _listing(
        self, s: Session, where: str, params: dict[str, object], limit: int | None
    ) -> list[tuple[int, DocumentInfo]]:
        """(id of the newest analysis, info) newest first, for the documents matching
        ``where``."""
        sql = self._LISTING + (f" WHERE {where}" if where else "")
        sql += " ORDER BY added_at DESC, id DESC" + (" LIMIT :limit" if limit else "")
        if limit:
            params = {**params, "limit": limit}
        stmt = text(sql).columns(
            id=Integer, sha256=String, title=Text, path=Text, chars=Integer, added_at=DateTime
        )
        docs = s.execute(stmt, params).all()
        counts: dict[int, tuple[int, tuple[int, int, int, int]]] = {}
        ids = [d[0] for d in docs]
        for i in range(0, len(ids), 500):  # well under SQLite's limit on bound parameters
            rows = s.execute(
                select(
                    Analysis.document_id,
                    Analysis.id,
                    Analysis.people,
                    Analysis.places,
                    Analysis.organisations,
                    Analysis.claims,
                ).where(Analysis.document_id.in_(ids[i : i + 500]))
            )
            for doc_id, aid, *n in rows:
                if doc_id not in counts or aid > counts[doc_id][0]:  # the newest analysis
                    counts[doc_id] = (aid, (n[0], n[1], n[2], n[3]))
        return [
            (counts[d[0]][0], DocumentInfo(d[1], d[2], d[3], d[4], d[5], *counts[d[0]][1]))
            for d in docs
            if d[0] in counts
        ]

    def documents(
        self, search: str = "", limit: int | None = None, snippets: int | None = None
    ) -> list[DocumentInfo]:
        """Documents with the counts of their newest analysis, newest first; with ``search``,
        only those whose title, text or entity names have words starting with each of the
        words (``store/search.py``), the first ``snippets`` of them (all when None) with the
        snippet of their hit: making one reads its document's text, and a dock shows a few
        dozen rows at a time (``snippet`` makes the others' on demand)."""
        query = self._search.query(search)
        with self._reading() as s:
            listing = self._listing(
                s, self._search.hits if query else "", {"q": query} if query else {}, limit
            )
            if not query:
                return [info for _, info in listing]
            shas = [info.sha256 for _, info in listing][:snippets]
            found = self._search.snippets(s, query, shas)
        return [replace(info, snippet=found.get(info.sha256, ())) for _, info in listing]

    def snippet(self, sha256: str, search: str) -> tuple[tuple[str, bool], ...]:
        """The snippet of one document's hit for these words (empty when it has none)."""
        query = self._search.query(search)
        if not query:
            return ()
        with self._reading() as s:
            return self._search.snippets(s, query, [sha256]).get(sha256, ())

    def data_version(self) -> int:
        """A number that changes when another connection (another window, ``broadsheet
        import``) commits to the library: SQLite's ``PRAGMA data_version``, asked on a
        connection kept for it alone, since the number means something only on one connection.
        On PostgreSQL, the server's snapshot (the transactions running and the next one's
        number), which changes whenever a transaction that wrote anything ends: at worst a
        watcher looks again for nothing."""
        if self._server:
            return self._server_version()
        with self._lock:
            if self._watch is None or self._watch.engine is not self._engine:
                self._close_watch()
                self._watch = self._engine.connect()
            try:
                version = int(self._watch.exec_driver_sql("PRAGMA data_version").scalar() or 0)
                self._watch.rollback()  # hold no read transaction (it would stop checkpoints)
            except SQLAlchemyError as e:
                self._close_watch()
                raise LibraryError(message(e, self.path, "read")) from e
        return version

    def _server_version(self) -> int:
        try:
            with self._engine.connect() as conn:
                snapshot = str(conn.exec_driver_sql("SELECT pg_current_snapshot()").scalar())
        except SQLAlchemyError as e:
            raise self._trouble(e, self._engine, "read") from e
        return zlib.crc32(snapshot.encode())

    def _close_watch(self) -> None:
        if self._watch is not None:
            try:
                self._watch.close()
            except SQLAlchemyError:
                log.debug("closing the watch connection", exc_info=True)
            self._watch = None

    def corrected(self) -> dict[str, tuple[int, ...]]:
        """The documents with active corrections: sha256 → their ids (which change whenever a
        correction is made, undone or restored)."""
        stmt = (
            select(CorrectionRow.sha256, CorrectionRow.id)
            .where(CorrectionRow.active.is_(True))
            .order_by(CorrectionRow.id)
        )
        out: dict[str, list[int]] = {}
        with self._reading() as s:
            for sha, cid in s.execute(stmt):
                out.setdefault(sha, []).append(cid)
        return {sha: tuple(ids) for sha, ids in out.items()}

    def newest_facts(self, sha256: str) -> Facts | None:
        """The newest analysis of a document, whatever pipeline made it (for opening from the
        Library without a file on disk)."""
        stmt = (
            select(Analysis.facts_json, Document.chars, Document.path, Document.title)
            .join(Document)
            .where(Document.sha256 == sha256)
            .order_by(Analysis.id.desc())
            .limit(1)
        )
        with self._reading() as s:
            row = s.execute(stmt).first()
        if row is None:
            return None
        facts = self._facts(row[0], row[1])
        facts.path, facts.title = row[2] or facts.path, row[3] or facts.title
        return facts

    def remove(self, sha256: str) -> None:
        """Remove a document and its analyses. The reader's corrections and reading position are
        kept: they come back if the same text is opened again."""
        with self._writing() as s:
            doc_id = s.scalar(select(Document.id).where(Document.sha256 == sha256))
            if doc_id is None:
                return
            self._search.remove(s, doc_id)
            s.execute(delete(Document).where(Document.id == doc_id))

    def also_in(
        self, names: list[str], exclude_sha: str = "", kind: str = "", limit: int = 50
    ) -> list[AlsoIn]:
        """Other documents with an entity of one of these names (and this kind), newest first,
        each with the claims that entity is the source of."""
        norms = {norm_name(n) for n in names if n.strip()}
        if not norms:
            return []
        params: dict[str, object] = {f"n{i}": n for i, n in enumerate(sorted(norms))}
        named = f"e.norm IN ({', '.join(f':{k}' for k in params)})" + (
            " AND e.kind = :kind" if kind else ""
        )
        params.update(kind=kind, exclude=exclude_sha, common=self._COMMON)
        analyses = f"SELECT e.analysis_id FROM entity_names e WHERE {named}"
        # Only each document's newest analysis counts (an older one may be stale). A common
        # name: the documents are walked newest first, each one's newest analysis looked up
        # among the name's, and the walk stops after ``limit`` hits, a few dozen documents in.
        # A rare name: its few analyses are checked for being their document's newest, which
        # spares the walk a look-up per document. (At 10,000 documents, checking the 6,500
        # matches of a common name took 13 ms, and walking them all for a rare one 14 ms.)
        with self._reading() as s:
            many = s.scalar(
                text(f"SELECT count(*) FROM ({analyses} LIMIT :common) AS named"), params
            )
            if many == self._COMMON:
                where = (
                    "(SELECT max(n.id) FROM analyses n WHERE n.document_id = documents.id)"
                    f" IN ({analyses})"
                )
            else:
                # SQLite is told the index to use (PostgreSQL has no such clause).
                indexed = "" if self._server else " INDEXED BY ix_analyses_document"
                where = (
                    f"+id IN (SELECT a.document_id FROM analyses a{indexed} "
                    f"WHERE a.id IN ({analyses}) AND a.id = "
                    "(SELECT max(n.id) FROM analyses n WHERE n.document_id = a.document_id))"
                )
            listing = self._listing(s, f"sha256 != :exclude AND {where}", params, limit)
            # Name and claims from entity_claims: reading each hit's facts JSON cost more than
            # the whole query.
            picked = text(
                "SELECT e.analysis_id, e.entity_id, c.name, c.claims FROM entity_names e "
                "JOIN entity_claims c ON c.analysis_id = e.analysis_id "
                f"AND c.entity_id = e.entity_id WHERE {named} AND e.analysis_id IN :aids "
                "ORDER BY e.entity_id"
            ).bindparams(bindparam("aids", expanding=True))
            found: dict[int, tuple[str, str, str]] = {}
            for aid, eid, name, claims in s.execute(
                picked, {**params, "aids": [aid for aid, _ in listing]}
            ):
                found.setdefault(aid, (eid, name, claims))  # one entity per document
        return [
            AlsoIn(info, found[aid][0], found[aid][1], json.loads(found[aid][2]))
            for aid, info in listing
            if aid in found
        ]

    # -- the reader's own data ------------------------------------------------------------------
    # A recent entry is a file's resolved path, or LIBRARY_KEY + sha256 for a document opened
    # from the library (the Library dock, Also In): never an absolute path, so the one column
    # (and the sidecar's list of strings) holds both.
    def add_recent(self, path: str | Path, sha256: str = "") -> None:
        """A file the reader opened; with its text's ``sha256``, that document's path becomes
        this one (where it was last opened from) and its library entry gives way to it."""
        p = str(Path(path).resolve())
        with self._writing() as s:
            if sha256:
                s.execute(update(Document).where(Document.sha256 == sha256).values(path=p))
                s.execute(delete(RecentFile).where(RecentFile.path == LIBRARY_KEY + sha256))
            self._add_recent(s, p)
        self._saver.changed()

    def add_recent_document(self, sha256: str) -> None:
        """A document the reader opened from the library (by its text, maybe with no file);
        the entry of the file it was last opened from gives way to it."""
        with self._writing() as s:
            path = s.scalar(select(Document.path).where(Document.sha256 == sha256))
            if path:
                s.execute(delete(RecentFile).where(RecentFile.path == path))
            self._add_recent(s, LIBRARY_KEY + sha256)
        self._saver.changed()

    @staticmethod
    def _add_recent(s: Session, key: str) -> None:
        s.merge(RecentFile(path=key, opened_at=now()))
        keep = select(RecentFile.path).order_by(RecentFile.opened_at.desc()).limit(RECENT_LIMIT)
        s.execute(delete(RecentFile).where(RecentFile.path.not_in(keep)))

    def recent_files(self) -> list[str]:
        """The recent entries as kept (paths and library keys), newest first."""
        with self._reading() as s:
            rows = s.scalars(select(RecentFile.path).order_by(RecentFile.opened_at.desc()))
            return list(rows)

    def recent_documents(self) -> list[RecentDocument]:
        """What Open Recent lists, newest first, one entry per document: each file, with the
        title and text of the document last opened from it if the library has one, and each
        document opened from the library that is still in it."""
        with self._reading() as s:
            keys = list(s.scalars(select(RecentFile.path).order_by(RecentFile.opened_at.desc())))
            shas = [k.removeprefix(LIBRARY_KEY) for k in keys if k.startswith(LIBRARY_KEY)]
            paths = [k for k in keys if not k.startswith(LIBRARY_KEY)]
            rows = s.execute(
                select(Document.sha256, Document.path, Document.title)
                .where(Document.sha256.in_(shas) | Document.path.in_(paths))
                .order_by(Document.added_at, Document.id)
            ).all()
        by_sha = {sha: (path, title) for sha, path, title in rows}
        # A file changed since holds the newest text read from it: later rows win.
        by_path = {path: (sha, title) for sha, path, title in rows if path}
        out: list[RecentDocument] = []
        seen: set[str] = set()
        for key in keys:
            if key.startswith(LIBRARY_KEY):
                sha = key.removeprefix(LIBRARY_KEY)
                if sha not in by_sha:
                    continue  # removed from the library since: nothing to open
                path, title = by_sha[sha]
                doc = RecentDocument(key, path, sha, title, from_library=True)
            else:
                sha, title = by_path.get(key, ("", ""))
                doc = RecentDocument(key, key, sha, title)
            if sha and sha in seen:
                continue
            seen.add(sha)
            out.append(doc)
        return out

    # -- corrections ----------------------------------------------------------------------------
    def add_correction(self, sha256: str, correction: Correction) -> int:
        with self._writing() as s:
            row = CorrectionRow(
                sha256=sha256,
                action=correction.action,
                payload=json.dumps(correction.payload, ensure_ascii=False),
                author=correction.author or self.author,
            )
            s.add(row)
            s.flush()
            correction.id = row.id
            correction.author = row.author
        self._saver.changed()
        return correction.id

    def set_correction_active(self, correction_id: int, active: bool) -> None:
        """Undo (False) or redo (True) a correction; the row itself is kept."""
        self._set_correction(correction_id, active=active)

    def revert_correction(self, correction_id: int) -> None:
        """Revert one correction from the Corrections panel: no longer applied, and out of the
        undo history (the row is kept: Restore applies it again)."""
        self._set_correction(correction_id, active=False, undoable=False)

    def restore_correction(self, correction_id: int) -> None:
        """Apply a reverted (or undone) correction again, where it stood among the others."""
        self._set_correction(correction_id, active=True)

    def forget_redo(self, correction_ids: list[int]) -> None:
        """These undone corrections can no longer be redone (a newer one took their place)."""
        if correction_ids:
            with self._writing() as s:
                s.execute(
                    update(CorrectionRow)
                    .where(CorrectionRow.id.in_(correction_ids))
                    .values(undoable=False)
                )
            self._saver.changed()

    def _set_correction(self, correction_id: int, **values: bool) -> None:
        with self._writing() as s:
            s.execute(
                update(CorrectionRow).where(CorrectionRow.id == correction_id).values(**values)
            )
        self._saver.changed()

    def corrections(self, sha256: str) -> list[Correction]:
        """A document's active corrections, in the order made (the order they apply in)."""
        stmt = (
            select(CorrectionRow)
            .where(CorrectionRow.sha256 == sha256, CorrectionRow.active.is_(True))
            .order_by(CorrectionRow.id)
        )
        with self._reading() as s:
            return [self._correction(r) for r in s.scalars(stmt)]

    def correction_log(self, sha256: str) -> list[Correction]:
        """Every correction of a document, undone and reverted ones too, in the order made."""
        stmt = (
            select(CorrectionRow).where(CorrectionRow.sha256 == sha256).order_by(CorrectionRow.id)
        )
        with self._reading() as s:
            return [self._correction(r) for r in s.scalars(stmt)]

    @staticmethod
    def _correction(r: CorrectionRow) -> Correction:
        made = r.created_at
        if made is not None and made.tzinfo is None:
            made = made.replace(tzinfo=UTC)  # SQLite keeps no zone; rows are made in UTC
        return Correction(
            r.action,
            json.loads(r.payload),
            r.id,
            active=bool(r.active),
            undoable=bool(r.undoable),
            made_at=made.isoformat() if made is not None else "",
            author=r.author or "",
        )

    # -- reading positions ------------------------------------------------------------------------
    def set_position(self, sha256: str, offset: int) -> None:
        with self._writing() as s:
            s.merge(ReadingPosition(sha256=sha256, offset=max(0, int(offset)), updated_at=now()))
        self._saver.changed()

    def position(self, sha256: str) -> int | None:
        with self._reading() as s:
            return s.scalar(select(ReadingPosition.offset).where(ReadingPosition.sha256 == sha256))

    # -- the reader's data, mirrored in a sidecar file ------------------------------------------
    def reader_data(self) -> dict[str, object]:
        # Plain rows, one at a time from the cursor: ORM objects made this five times slower
        # at 20,000 corrections, and a session's fetch-all held the GIL for 90 ms (it runs
        # beside the window's thread).
        with self._reading() as s:
            con = s.connection()
            corrections = [
                {
                    "sha256": sha,
                    "action": action,
                    "payload": json.loads(payload),
                    "active": bool(active),
                    "undoable": bool(undoable),
                    "created_at": _iso(created),
                    "author": author or "",
                }
                for sha, action, payload, active, undoable, created, author in (
                    con.exec_driver_sql(
                        "SELECT sha256, action, payload, active, undoable, created_at, author "
                        "FROM corrections ORDER BY id"
                    )
                )
            ]
            positions = {
                sha: offset
                for sha, offset in con.exec_driver_sql(
                    'SELECT sha256, "offset" FROM reading_positions'  # a keyword on PostgreSQL
                )
            }
            recent = list(s.scalars(select(RecentFile.path).order_by(RecentFile.opened_at.desc())))
        return {"corrections": corrections, "positions": positions, "recent": recent}

    def _data_to_save(self) -> dict[str, object]:
        was, self._here.busy = getattr(self._here, "busy", False), True
        try:
            return self.reader_data()
        finally:
            self._here.busy = was

    def _restore_reader_data(self) -> str:
        """Restore what the sidecar holds, entry by entry; what cannot be read is kept in a
        file of its own. Returns what to tell the reader. If the restore fails, nothing is
        changed (the sidecar neither): the next opening tries again."""
        where = sidecar.path_in(self.folder)
        kept: Path | None  # the unreadable data's file
        try:
            data = sidecar.read(self.folder)
        except sidecar.NotReaderData:
            try:
                kept = sidecar.keep_aside(self.folder)
            except OSError as e:
                raise LibraryError(
                    f"Your saved reader data in {where} cannot be read, nor "
                    f"moved aside: {e.strerror}."
                ) from e
            return f"Your saved reader data in {where} could not be read; it was kept in {kept}."
        except OSError as e:
            raise LibraryError(
                f"Cannot read your saved reader data in {where}: {e.strerror}."
            ) from e
        if data is None or not (data or data.unreadable):
            return ""
        kept = None
        try:
            with self._writing() as s:
                # Writing first takes the library's write lock: another process restoring
                # the same sidecar at this moment then finds its rows below.
                s.execute(text("DELETE FROM recent_files WHERE 0"))
                if s.scalar(text(database.HAS_READER_DATA)):
                    return ""
                self._add_reader_data(s, data)
                if data.unreadable:  # kept before the rows are committed, or neither is
                    kept = sidecar.keep_unreadable(self.folder, data.unreadable)
        except OSError as e:
            raise LibraryError(
                f"Cannot keep the unreadable part of your saved reader data "
                f"beside {where}: {e.strerror}."
            ) from e
        except LibraryError:
            if kept is not None:
                kept.unlink(missing_ok=True)
            raise
        notice = (
            "Your corrections, reading positions and recent files were restored." if data else ""
        )
        if kept is not None:
            n = data.unreadable_count
            notice += (" " if notice else "") + (
                f"{n} entries of your saved reader data could not be read; they were kept in "
                f"{kept}."
                if n != 1
                else f"1 entry of your saved reader data could not be read; it was kept in {kept}."
            )
        return notice

    @staticmethod
    def _add_reader_data(s: Session, data: sidecar.ReaderData) -> None:
        for c in data.corrections:
            s.add(
                CorrectionRow(
                    sha256=c["sha256"],
                    action=c["action"],
                    payload=json.dumps(c["payload"], ensure_ascii=False),
                    active=c["active"],
                    undoable=c["undoable"],
                    created_at=c["created_at"] or now(),
                    author=c.get("author", ""),
                )
            )
        for sha, offset in data.positions.items():
            s.add(ReadingPosition(sha256=sha, offset=offset))
        for i, path in enumerate(reversed(dict.fromkeys(data.recent))):
            s.add(RecentFile(path=path, opened_at=now() + timedelta(microseconds=i)))


def _iso(created: str | datetime) -> str:
    """A stored time as the sidecar keeps it: SQLite gives its text, PostgreSQL a datetime."""
    if isinstance(created, datetime):
        return created.strftime("%Y-%m-%dT%H:%M:%S.%f")
    return created.replace(" ", "T", 1)
