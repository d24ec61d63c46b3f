"""Saved web pages read as a careful reader sees them: the whole article, once, with the
people who wrote it and the site's name."""

from __future__ import annotations

import json

import lxml.html
import pytest

from broadsheet.ingest import read_article
from broadsheet.ingest.webpage_body import FROM_EMBEDDED
from broadsheet.ingest.webpage_byline import clean_authors
from broadsheet.ingest.webpage_paywall import PAYWALL
from broadsheet.ingest.webpage_text import doc_paragraphs

SENTENCES = [
    "The council voted on Tuesday to close the old bridge for repairs after engineers "
    "found cracks in two of its supporting piers.",
    "Residents who cross it every day said the detour would add twenty minutes to their "
    "journeys to the market and the schools.",
    "The mayor said the work should be finished before the winter storms arrive in the "
    "valley, and promised weekly updates.",
    "Engineers had warned for years that the structure needed attention, according to "
    "reports seen by the local paper.",
    "A temporary ferry will run from the north bank every half hour while the bridge is "
    "closed, the transport office said.",
]


def body_paragraphs(n: int = 8) -> list[str]:
    return [f"{SENTENCES[i % 5]} {SENTENCES[(i + 2) % 5]} (Part {i + 1}.)" for i in range(n)]


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Bridge to close for repairs | The Valley News</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{body}"
        "<footer>Copyright The Valley News</footer></body></html>"
    )


def article_html(paras: list[str], byline: str = "", headline: str = "") -> str:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    h1 = f"<h1>{headline}</h1>" if headline else ""
    by = f'<div class="byline">{byline}</div>' if byline else ""
    return f"<article>{h1}{by}{ps}</article>"


def write(tmp_path, markup: str, name: str = "page.html"):
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return path


def test_article_text_in_paragraphs_without_the_headline_repeated(tmp_path, no_network):
    paras = body_paragraphs()
    headline = "Bridge to close for repairs"
    art = read_article(write(tmp_path, page(article_html([headline, *paras], headline=headline))))
    shown = art.text.split("\n\n")
    assert art.title == headline
    assert shown[0] != headline and headline not in shown
    assert shown[0].startswith(SENTENCES[0][:30])
    assert len(shown) == len(paras)
    assert not art.warnings
    assert no_network == []


def json_ld(**fields) -> str:
    item = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f'<script type="application/ld+json">{json.dumps(item)}</script>'


def test_body_only_in_json_ld_is_read_whole(tmp_path, no_network):
    full = body_paragraphs(10)
    caption = "<figure><img src='x.jpg'><figcaption>The old bridge at dusk.</figcaption></figure>"
    teaser = "<p>The council voted on Tuesday to close the old bridge.</p>"
    head = json_ld(headline="Bridge to close for repairs", articleBody="\n\n".join(full))
    art = read_article(write(tmp_path, page(f"<article>{caption}{teaser}</article>", head)))
    assert SENTENCES[4] in art.text
    assert len(art.text.split()) >= 0.9 * len(" ".join(full).split())


def test_a_caption_taken_for_the_body_gives_way_to_json_ld_and_says_so(tmp_path, no_network):
    # The page shows a long caption where its layout hides the column; the embedded data holds
    # the whole text.
    full = body_paragraphs(10)
    caption = (
        "Photographs from the archive show the bridge as it looked when it opened to traffic, "
        "with crowds lining both banks of the river and a brass band playing on the deck. "
    ) * 3
    head = json_ld(headline="Bridge to close for repairs", articleBody="\n\n".join(full))
    art = read_article(write(tmp_path, page(f"<article><p>{caption}</p></article>", head)))
    assert art.text.split("\n\n") == full
    assert art.warnings == [FROM_EMBEDDED]


def test_json_ld_inside_cdata_is_read(tmp_path, no_network):
    ld = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Ana Lima"}]}
    head = '<script type="application/ld+json"><![CDATA[\n' + json.dumps(ld) + "\n]]></script>"
    art = read_article(write(tmp_path, page(article_html(body_paragraphs()), head)))
    assert art.meta["author"] == ["Ana Lima"]


def test_subscribers_only_stub_is_marked(tmp_path, no_network):
    paras = body_paragraphs(2) + ["Subscribe now to continue reading this article."]
    art = read_article(write(tmp_path, page(article_html(paras))))
    assert PAYWALL in art.warnings
    assert "Subscribe now" not in art.text


def test_site_name_from_og_site_name_not_the_host(tmp_path, no_network):
    head = (
        '<meta property="og:site_name" content="The Valley News">'
        '<meta property="og:url" content="https://hosted.example.com/a/1">'
    )
    art = read_article(write(tmp_path, page(article_html(body_paragraphs()), head)))
    assert art.meta["source"] == "The Valley News"


def test_site_name_from_json_ld_publisher(tmp_path, no_network):
    head = json_ld(publisher={"@type": "Organization", "name": "Valley Post"})
    art = read_article(write(tmp_path, page(article_html(body_paragraphs()), head)))
    assert art.meta["source"] == "Valley Post"


def test_printed_byline_is_people_only(tmp_path, no_network):
    byline = "By ERIC TUCKER and Jill Disis; Associated Press"
    art = read_article(write(tmp_path, page(article_html(body_paragraphs(), byline=byline))))
    assert art.meta["author"] == ["Eric Tucker", "Jill Disis"]


def test_byline_under_a_section_that_has_no_bio(tmp_path, no_network):
    byline = (
        '<div class="sig-line hasnt-bio"><span class="pb-byline">By '
        '<a href="/people/erin">Erin Cunningham</a></span></div>'
    )
    markup = page(f"<article>{byline}{''.join(f'<p>{p}</p>' for p in body_paragraphs())}")
    assert read_article(write(tmp_path, markup)).meta["author"] == ["Erin Cunningham"]


@pytest.mark.parametrize(
    "raw, names",
    [
        ("…ERIC TUCKER Associated Press", ["Eric Tucker"]),
        ("Jill Disis; CNN Business", ["Jill Disis"]),
        ("Tom Gillespie News reporter", ["Tom Gillespie"]),
        ("By Joshua Sokol May 17, 2018", ["Joshua Sokol"]),
        ("Bruno (Henrique Zecchin) Rodrigues", ["Bruno Henrique Zecchin Rodrigues"]),
        ("Martin Untersinger (avec Damien Leloup et Morgane Tual)",
         ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]),
        ("Morgane Tual Journaliste", ["Morgane Tual"]),
        ("Jong, Michiel de", ["Michiel de Jong"]),
        ("Theresa May", ["Theresa May"]),
    ],
)  # fmt: skip
def test_bylines_become_names(raw, names):
    assert clean_authors([raw]) == names


def test_the_outlet_is_not_a_name():
    assert clean_authors(["Kelli Miller WebMD Health News"], outlet="WebMD") == ["Kelli Miller"]


def test_inline_blocks_are_spaced(tmp_path, no_network):
    card = (
        "<div><span style='display:block'>Kristi Noem</span>"
        "<div>Kristi Lynn Noem</div><div>South Dakota</div></div>"
    )
    markup = page(f"<article>{card}{''.join(f'<p>{p}</p>' for p in body_paragraphs())}</article>")
    art = read_article(write(tmp_path, markup))
    assert "NoemKristi" not in art.text and "NoemSouth" not in art.text


def test_page_language_goes_into_meta(tmp_path, no_network):
    art = read_article(write(tmp_path, page(article_html(body_paragraphs()), lang="en-GB")))
    assert art.meta["language"] == "en"


def test_text_between_blocks_loses_the_markup_indentation():
    # The body tree as the extractor hands it over when a formula between two paragraphs was
    # dropped: the words after it are the paragraph's tail, indented as the markup was.
    body = lxml.html.fromstring(
        "<div><p>\n    When\n  </p>\n      , there are two solutions to\n    "
        "<p>Then the river rose again.</p></div>"
    )
    assert doc_paragraphs(body) == ["When", ", there are two solutions to",
                                    "Then the river rose again."]  # fmt: skip
