"""Who made each correction: the team library's login role, the desktop's user; kept in the
reader's data file and upgraded libraries alike."""

import getpass

from broadsheet import corrections
from broadsheet.facts import Entity, Facts, Mention
from broadsheet.store.library import Library


def _facts() -> Facts:
    return Facts(
        text="Kim met Putin.",
        path="/tmp/a.txt",
        title="A",
        pipeline="m-1",
        entities=[Entity("e1", "person", "Kim", mentions=[Mention(0, 3, "Kim")])],
    )


def test_a_desktop_correction_is_the_users_and_survives_the_reader_data(tmp_path):
    lib = Library(tmp_path)
    f = _facts()
    lib.put(f)
    lib.add_correction(f.sha256, corrections.rename(f.entities[0], "Kim Jong Un"))
    [c] = lib.corrections(f.sha256)
    assert c.author == getpass.getuser()
    assert lib.reader_data()["corrections"][0]["author"] == c.author
    lib.close()


def test_a_team_correction_is_its_login_roles(pg_url):
    lib = Library(pg_url)
    f = _facts()
    lib.put(f)
    lib.add_correction(f.sha256, corrections.rename(f.entities[0], "Kim Jong Un"))
    [c] = lib.corrections(f.sha256)
    user = pg_url.split("://", 1)[1].split("@", 1)[0]
    assert c.author == user == lib.author
    lib.close()


def test_two_people_correcting_one_document_at_once_both_keep_theirs(pg_url):
    import threading

    f = _facts()
    first = Library(pg_url)
    first.put(f)
    second = Library(pg_url)
    start = threading.Barrier(2)

    def correct(lib: Library, name: str) -> None:
        start.wait()
        for i in range(10):
            lib.add_correction(f.sha256, corrections.rename(f.entities[0], f"{name} {i}"))

    threads = [
        threading.Thread(target=correct, args=(lib, name))
        for lib, name in ((first, "Ann"), (second, "Bo"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    names = [c.payload["name"] for c in first.corrections(f.sha256)]
    assert sorted(names) == sorted([f"Ann {i}" for i in range(10)] + [f"Bo {i}" for i in range(10)])
    first.close()
    second.close()
