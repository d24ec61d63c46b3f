"""The same words find the same documents in a desktop library (SQLite FTS5) and a team's
(PostgreSQL's tsvector search): every word of the test corpus as a reader would type it, its
prefixes, its spelling without diacritics, pairs of words, and odd input."""

import re
import unicodedata

import pytest

from broadsheet.facts import Entity, Facts, Mention
from broadsheet.store.library import Library

SAMPLE_PATH = "seeds/kim-jong-un-arrives-in-russia.txt"

# Words the two backends' parsers might split differently: initials, hyphens, addresses,
# numbers, apostrophes, dashes, diacritics, other scripts.
CORPUS = [
    "Kim Jong-un met Putin at the Vostochny cosmodrome; the U.S. said it was 'concerned'.",
    "Angela Merkel spoke in Zürich about tariffs — and about São Paulo's 3.5% growth.",
    "Write to press@example.com or see https://example.org/news_2023/a-b?x=1 for more.",
    "Éric Zemmour, Łódź, Ærø and Straße: names that fold, or not, with their diacritics.",
    "Don't panic: it's the end-of-year report (2023/24), pp. 12–14, by O'Neill & Co.",
    "Москва и Київ: переговоры; 北京 talks; Ελλάδα votes; naïve café owners rejoice.",
    "e-mail, E-Mail and email; well-known, well known; co-operate and cooperate.",
]
EXTRA = ['"', '"unbalanced AND (', "-", "or", "***", "U.S.", "jong-un", "kim jong", "a", "x y z"]


def corpus_facts(sample_text: str) -> list[Facts]:
    out = []
    for i, text in enumerate([sample_text, *CORPUS]):
        first = text.split()[0].strip(",.;:'")
        start = text.index(first)
        names = [
            Entity("e1", "person", first, mentions=[Mention(start, start + len(first), first)])
        ]
        out.append(
            Facts(text=text, path=f"/tmp/{i}.txt", title=f"Doc {i}", pipeline="m-1", entities=names)
        )
    return out


def marked_words(snippet) -> set[str]:
    """The words marked as hits ("Jong Un" may be one mark or two: the same words)."""
    return {w for t, hit in snippet if hit for w in re.findall(r"\w+", t.lower())}


def plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def queries(texts: list[str]) -> list[str]:
    words = sorted({w for t in texts for w in t.split()})
    out = set(words) | set(EXTRA)
    out |= {plain(w) for w in words}
    out |= {w[:3] for w in words if len(w) > 3}
    out |= {w.upper() for w in words[::20]}
    for t in texts[1:]:
        split = t.split()
        out |= {f"{a} {b}" for a, b in zip(split, split[1:], strict=False)}
    return sorted(out)


@pytest.fixture(scope="module")
def both(tmp_path_factory, pg_server, sample_text):
    docs = corpus_facts(sample_text)
    url = pg_server.create_database("bs_search_parity")
    desktop, team = Library(tmp_path_factory.mktemp("parity")), Library(url)
    for f in docs:
        desktop.put(f)
        team.put(f)
    yield desktop, team, docs
    desktop.close()
    team.close()
    pg_server.drop_database("bs_search_parity")


def test_the_same_words_find_the_same_documents_on_both_backends(both):
    desktop, team, docs = both
    titles = {f.sha256: f.title for f in docs}
    differ = {}
    asked = queries([f.text for f in docs])
    found = 0
    for q in asked:
        on_desktop = sorted(titles[d.sha256] for d in desktop.documents(q))
        on_team = sorted(titles[d.sha256] for d in team.documents(q))
        found += bool(on_desktop)
        if on_desktop != on_team:
            differ[q] = (on_desktop, on_team)
    assert differ == {}
    assert found > len(asked) / 2  # most of them find something: the test tests something


def test_snippets_mark_the_same_words_on_both_backends(both):
    """Each hit's snippet marks the same words (at least), shown as the text spells them
    ("Zürich" for "zurich"), and is the text's own words."""
    desktop, team, docs = both
    texts = {f.sha256: " ".join(f.text.split()) for f in docs}
    for q in ("tariffs", "cosmodrome", "zurich", "putin", "jong-un", "u.s.", "kim", "sao"):
        on_desktop = {d.sha256: d.snippet for d in desktop.documents(q)}
        on_team = {d.sha256: d.snippet for d in team.documents(q)}
        assert on_desktop.keys() == on_team.keys() and on_desktop, q
        for sha, snippet in on_team.items():
            # ts_headline also marks a word of the text that starts like the last part of a
            # word of several parts ("said" for "u.s."), not only the phrase itself.
            if re.fullmatch(r"\w+", q):
                assert marked_words(snippet) == marked_words(on_desktop[sha]), q
            else:
                assert marked_words(snippet) >= marked_words(on_desktop[sha]), q
            shown = "".join(t for t, _ in snippet)
            assert shown.strip("…") in texts[sha], q
