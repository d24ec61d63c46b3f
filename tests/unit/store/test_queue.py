"""The queue of a team's library (store/queue.py) on the throwaway server: leases, their
running out, failures, and a folder's library refusing a queue in one sentence."""

import time

import psycopg
import pytest

from broadsheet.errors import LibraryError
from broadsheet.facts import Article, Facts
from broadsheet.store.library import Library
from broadsheet.store.queue import MAX_ATTEMPTS


def article(n: int) -> Article:
    return Article(f"Text number {n}.", f"/in/{n}.txt", f"Title {n}", {"source": "Wire"}, ["w"])


def facts_of(a: Article) -> Facts:
    return Facts(text=a.text, path=a.path, title=a.title, pipeline="m-1", meta=a.meta)


def test_a_queued_article_comes_back_whole_and_is_taken_once(pg_url):
    lib = Library(pg_url)
    assert lib.enqueue(article(1)) and lib.enqueue(article(2))
    assert not lib.enqueue(article(1))  # queued already
    first = lib.take("w1", 60)
    assert first == article(1)  # text, path, title, meta and warnings as read
    other = Library(pg_url)
    assert other.take("w2", 60) == article(2)  # the first is leased: the next one
    assert other.take("w3", 60) is None
    n = lib.queue_counts()
    assert (n.pending, n.analysing, n.failed, n.left) == (0, 2, 0, 2)
    assert {w.state for w in lib.waiting()} == {"analysing"}
    queued_at = next(w.added_at for w in lib.waiting() if w.sha256 == first.sha256)
    lib.finish(facts_of(first))
    assert [(d.title, d.added_at) for d in lib.documents()] == [("Title 1", queued_at)]
    assert [w.title for w in lib.waiting()] == ["Title 2"]
    other.close()
    lib.close()


def test_a_lease_that_runs_out_gives_the_document_to_another_worker(pg_url):
    lib = Library(pg_url)
    lib.enqueue(article(1))
    assert lib.take("dead", 0.5) is not None
    assert lib.take("alive", 60) is None
    time.sleep(0.7)
    assert [w.state for w in lib.waiting()] == ["pending"]  # back in the queue
    assert lib.take("alive", 60) == article(1)
    assert not lib.renew(article(1).sha256, "dead", 60)  # the dead worker's lease is gone
    assert lib.renew(article(1).sha256, "alive", 60)
    lib.close()


def test_a_document_whose_workers_keep_dying_fails_with_a_sentence(pg_url):
    lib = Library(pg_url)
    lib.enqueue(article(1))
    for _ in range(MAX_ATTEMPTS):
        assert lib.take("dies", 0.01) is not None
        time.sleep(0.05)
    assert lib.take("next", 60) is None
    [w] = lib.waiting()
    assert w.state == "failed" and "stopped 3 times" in w.error
    assert lib.queue_counts().left == 0
    lib.fail_queued(w.sha256, "Broadsheet could not analyse 1.txt.")
    assert lib.waiting()[0].error == "Broadsheet could not analyse 1.txt."
    lib.close()


def test_an_editor_may_queue_and_work_and_a_reader_may_only_look(pg_url, pg_server):
    from broadsheet.store.roles import init_team_library

    roles = init_team_library(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as con:
        for who, role in (("ed", roles.editors), ("rd", roles.readers)):
            con.execute(f"DROP ROLE IF EXISTS {who}")
            con.execute(f"CREATE ROLE {who} LOGIN IN ROLE {role}")
    dbname = pg_url.rsplit("/", 1)[1]
    editor = Library(pg_server.url(dbname, "ed"))
    assert editor.enqueue(article(1))
    assert editor.take("w", 60) == article(1)
    editor.finish(facts_of(article(1)))
    assert editor.enqueue(article(2))
    reader = Library(pg_server.url(dbname, "rd"))
    assert [w.title for w in reader.waiting()] == ["Title 2"]
    with pytest.raises(LibraryError, match="editors' role"):
        reader.take("w", 60)
    reader.close()
    editor.close()
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("DROP OWNED BY ed, rd")
        con.execute("DROP ROLE ed")
        con.execute("DROP ROLE rd")


def test_a_folders_library_has_no_queue(tmp_path):
    lib = Library(tmp_path)
    with pytest.raises(LibraryError, match="A queue needs a team library"):
        lib.enqueue(article(1))
    with pytest.raises(LibraryError, match="A queue needs a team library"):
        lib.take("w", 60)
    assert lib.waiting() == [] and lib.queue_counts().left == 0
    lib.close()
