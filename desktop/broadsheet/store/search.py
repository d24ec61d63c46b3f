"""Full-text search over the documents' titles, texts and entity names, one way per backend.

Both find a document when every word the reader typed is the start of one of its words, case
and punctuation aside: SQLite with FTS5 (``document_fts``, each row's rowid its document's id,
the ``unicode61`` tokenizer), PostgreSQL with a generated ``tsvector`` column and a GIN index
(``document_search``). PostgreSQL's parser keeps "U.S." or "example.com" as one word where
FTS5 sees two, so its column is made from the text with every run of characters other than
letters and digits turned into a space first: both then see the same words, and the same
query words give the same hits. ``websearch_to_tsquery`` is not used for the reader's words:
its syntax ("or", "-word") would give other hits than the desktop's, and it has no prefixes.
A word of several tokens is a phrase on both; PostgreSQL keeps no word position past 16,383,
so such a word is found only in a document's first 16,383 words there.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

# Marks put round each hit in a snippet: private-use characters, never in an article.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
SNIPPET_WORDS = 12  # words of a hit's snippet
_SPACES = re.compile(r"\s+")

Snippet = tuple[tuple[str, bool], ...]


def snippet_parts(marked: str) -> Snippet:
    """``a \ue000b\ue001 c`` as (("a ", False), ("b", True), (" c", False))."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(marked.split(HIT_OPEN)):
        hit, _, rest = piece.partition(HIT_CLOSE) if i else ("", "", piece)
        parts += [(t, h) for t, h in ((hit, True), (rest, False)) if t]
    return tuple((_SPACES.sub(" ", t), h) for t, h in parts)  # a line break reads as a space


class Search(Protocol):
    # A condition on ``documents`` (its ``id``) matching the query bound as ``:q``.
    hits: str

    def query(self, words: str) -> str | list[str]:
        """The value bound as ``:q`` for the reader's words; empty when there is nothing to
        find."""
        ...

    def put(self, s: Session, doc_id: int, sha: str, title: str, body: str, names: str) -> None:
        """Store (or replace) a document's search row."""
        ...

    def remove(self, s: Session, doc_id: int) -> None: ...

    def snippets(self, s: Session, query: object, shas: list[str]) -> dict[str, Snippet]:
        """The words round the hit in each listed document's text."""
        ...


class Fts5Search:
    """SQLite's FTS5 (the desktop library)."""

    # "+id": hits are checked while the listing index is walked newest first, rather than each
    # hit's row being fetched and sorted.
    hits = "+id IN (SELECT rowid FROM document_fts WHERE document_fts MATCH :q)"
    # The text column's words round the hit (column 2; title and names are in the row already).
    _SNIPPET = (
        "SELECT sha256, snippet(document_fts, 2, :open, :close, '…', :tokens) FROM document_fts "
        "WHERE document_fts MATCH :q AND sha256 IN ({})"
    )

    def query(self, words: str) -> str:
        """Every word must match, as a prefix; quoted, so no input is a syntax error."""
        terms = [w.replace('"', '""') for w in words.split() if w.strip('"')]
        return " ".join(f'"{t}"*' for t in terms)

    def put(self, s: Session, doc_id: int, sha: str, title: str, body: str, names: str) -> None:
        # The search row's rowid is the document's id: found through the rowid index. (By
        # sha256, an unindexed column, each put scanned every row: imports grew quadratic.)
        self.remove(s, doc_id)
        s.execute(
            text(
                "INSERT INTO document_fts (rowid, sha256, title, text, names) "
                "VALUES (:id, :sha, :title, :text, :names)"
            ),
            {"id": doc_id, "sha": sha, "title": title, "text": body, "names": names},
        )

    def remove(self, s: Session, doc_id: int) -> None:
        s.execute(text("DELETE FROM document_fts WHERE rowid = :id"), {"id": doc_id})

    def snippets(self, s: Session, query: object, shas: list[str]) -> dict[str, Snippet]:
        out: dict[str, Snippet] = {}
        for i in range(0, len(shas), 500):  # well under SQLite's limit on bound parameters
            chunk = shas[i : i + 500]
            marks = ", ".join(f":s{j}" for j in range(len(chunk)))
            params: dict[str, object] = {f"s{j}": sha for j, sha in enumerate(chunk)}
            params |= {"q": query, "open": HIT_OPEN, "close": HIT_CLOSE}
            params["tokens"] = SNIPPET_WORDS
            for sha, marked in s.execute(text(self._SNIPPET.format(marks)), params):
                out[sha] = snippet_parts(marked or "")
        return out


def _diacritics() -> tuple[str, str]:
    """Latin letters with diacritics and their plain letters ("é" → "e"), as FTS5's
    ``remove_diacritics 2`` folds them: those that decompose to an ASCII letter and marks."""
    marked, plain = [], []
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        parts = unicodedata.normalize("NFD", chr(cp))
        if len(parts) > 1 and parts[0].isascii() and parts[0].isalpha():
            if all(unicodedata.combining(c) for c in parts[1:]):
                marked.append(chr(cp))
                plain.append(parts[0])
    return "".join(marked), "".join(plain)


# Letters and digits only, without diacritics, as FTS5's unicode61 tokenizer sees words (the
# database's LC_CTYPE must be a UTF-8 one for [:alnum:] to know letters beyond ASCII).
_WORDS_SQL = "regexp_replace(translate({{}}, '{}', '{}'), '[^[:alnum:]]+', ' ', 'g')".format(
    *_diacritics()
)
# The same, one character for one: a snippet made from it maps back onto the text.
_CHARS_SQL = _WORDS_SQL.replace("]+'", "]'")

POSTGRES_DDL = (
    "CREATE TABLE IF NOT EXISTS document_search ("
    " id integer PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,"
    " title text NOT NULL DEFAULT '',"
    " text text NOT NULL DEFAULT '',"
    " names text NOT NULL DEFAULT '',"
    " words tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "
    + _WORDS_SQL.format("title || ' ' || text || ' ' || names")
    + ")) STORED)",
    "CREATE INDEX IF NOT EXISTS ix_document_search_words ON document_search USING gin (words)",
)

# The reader's words as FTS5 reads its quoted ``"word"*``: each one a phrase of the tokens it
# holds ("Jong-un": jong then un), its last token a prefix; all of them needed. NULL, which
# matches nothing, when the words hold no letter or digit.
_PHRASE = (
    "regexp_replace(phraseto_tsquery('simple', "
    + _WORDS_SQL.format("w")
    + ")::text, '''$', ''':*')"
)
_TSQUERY = (
    "(SELECT string_agg('(' || p || ')', ' & ')::tsquery FROM "
    f"(SELECT {_PHRASE} AS p FROM unnest(CAST(:q AS text[])) AS w) AS phrases WHERE p <> '')"
)


class PostgresSearch:
    """PostgreSQL's full-text search (a team's library)."""

    hits = f"id IN (SELECT id FROM document_search WHERE words @@ {_TSQUERY})"
    # ts_headline picks and marks the words round the hit in the text as the search sees it
    # (no diacritics, no punctuation, so "zurich" is marked in "Zürich"), one character for
    # one; the text's own characters are then put back (``_restore``).
    _SNIPPET = (
        "SELECT sha256, marked, strpos(plain, bare), length(bare), length(text), "
        "substr(text, strpos(plain, bare), length(bare)) FROM ("
        " SELECT sha256, text, plain, marked,"
        " replace(replace(marked, :open, ''), :close, '') AS bare FROM ("
        "  SELECT d.sha256, f.text, n.plain,"
        "  ts_headline('simple', n.plain, q.q, :options) AS marked"
        f"  FROM document_search f JOIN documents d ON d.id = f.id CROSS JOIN {_TSQUERY} AS q (q)"
        f"  CROSS JOIN {_CHARS_SQL.format('f.text')} AS n (plain)"
        "  WHERE d.sha256 = ANY(:shas) AND f.words @@ q.q) AS headlines) AS found"
    )
    _OPTIONS = (
        f'StartSel="{HIT_OPEN}", StopSel="{HIT_CLOSE}", MaxWords={SNIPPET_WORDS}, '
        f"MinWords={SNIPPET_WORDS // 2}, ShortWord=0, HighlightAll=false"
    )

    def query(self, words: str) -> list[str]:
        return [w for w in words.split() if w.strip('"')]

    def put(self, s: Session, doc_id: int, sha: str, title: str, body: str, names: str) -> None:
        s.execute(
            text(
                "INSERT INTO document_search (id, title, text, names) "
                "VALUES (:id, :title, :text, :names) ON CONFLICT (id) DO UPDATE SET "
                "title = excluded.title, text = excluded.text, names = excluded.names"
            ),
            {"id": doc_id, "title": title, "text": body, "names": names},
        )

    def remove(self, s: Session, doc_id: int) -> None:
        s.execute(text("DELETE FROM document_search WHERE id = :id"), {"id": doc_id})

    def snippets(self, s: Session, query: object, shas: list[str]) -> dict[str, Snippet]:
        out: dict[str, Snippet] = {}
        params = {"q": query, "shas": shas, "options": self._OPTIONS}
        params |= {"open": HIT_OPEN, "close": HIT_CLOSE}
        for sha, marked, start, length, whole, original in s.execute(text(self._SNIPPET), params):
            shown = _restore(marked or "", original or "")
            if start and start > 1:
                shown = "…" + shown
            if start and start + length - 1 < whole:
                shown += "…"
            out[sha] = snippet_parts(_PHRASE_GAP.sub(r"\1", shown))
        return out


# Between two marked words, only punctuation: one word of the reader's ("Jong-un", "U.S."),
# marked as one, as FTS5 marks a phrase.
_PHRASE_GAP = re.compile(f"{HIT_CLOSE}((?:[^\\w\\s]|_)+){HIT_OPEN}")


def _restore(marked: str, original: str) -> str:
    """The marks of ``marked`` (a snippet of the text as the search sees it) on the text's own
    characters (``original``, the same stretch)."""
    out, i = [], 0
    for c in marked:
        if c in (HIT_OPEN, HIT_CLOSE):
            out.append(c)
        else:
            out.append(original[i] if i < len(original) else c)
            i += 1
    return "".join(out)


def for_dialect(name: str) -> Search:
    return PostgresSearch() if name == "postgresql" else Fts5Search()


def create_postgres(conn: Connection) -> None:
    for ddl in POSTGRES_DDL:
        conn.exec_driver_sql(ddl)
