"""Web pages saved from a browser (.html, .htm): the article's text and metadata.

The page is parsed once (``webpage_tree``); trafilatura finds the article, and its reading is
checked against the page's embedded data and its article section (``webpage_body``); bylines
become people's names (``webpage_byline``); a subscribers-only stub is marked
(``webpage_paywall``).

Offline by construction: trafilatura and extruct get the parsed tree, never a URL, so they have
nothing to fetch; scripts, styles, iframes, navigation, ads and comments are dropped, and what
is kept is plain text. Nothing of the page is executed or rendered.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ..facts import Article, Meta
from .errors import ReadError
from .files import MB, read_bytes
from .plaintext import title_from_name

log = logging.getLogger(__name__)

MAX_BYTES = 10 * MB  # saved pages are a few MB; extraction takes about 5 s per MB


def read_webpage(path: Path) -> Article:
    data = read_bytes(path, MAX_BYTES)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(str(path), "it looks like a binary file, not a web page.")
    try:
        article = _read(data, path)
    except ReadError:
        raise
    except Exception as e:  # lxml and trafilatura raise many kinds; the page is unusable
        log.info("cannot read %s", path, exc_info=True)  # the details, for a bug report
        raise ReadError(str(path), "the web page could not be read; it may be damaged.") from e
    if not article.text:
        raise ReadError(str(path), "the web page has no article text.")
    return article


def _read(data: bytes, path: Path) -> Article:
    from . import webpage_tree
    from .webpage_body import choose_body
    from .webpage_embedded import read_embedded
    from .webpage_paywall import PAYWALL, looks_paywalled, without_prompt
    from .webpage_text import drop_headline, paragraphs, restore_repeats
    from .webpage_title import choose_title

    tree = webpage_tree.load(data)
    if tree is None:
        return Article(text="", path=str(path))
    embedded = read_embedded(tree)  # before the tree is changed: scripts hold the JSON-LD
    webpage_tree.prepare(tree)
    body = choose_body(tree, embedded.body)
    doc = body.doc
    paras = body.paras
    if not paras:
        # Short or unusual pages defeat the article detector; their visible text will do
        # (html2txt also drops scripts, styles and other non-text elements).
        import trafilatura

        paras = paragraphs(trafilatura.html2txt(tree))

    site = _site(doc, embedded)
    title = choose_title(tree, embedded.headlines, site, _one(getattr(doc, "title", None)))
    paras = restore_repeats(paras, tree)
    paras = drop_headline(paras, [title, embedded.headline, embedded.og_title, *_h1(tree)])
    warnings = list(body.warnings)
    if looks_paywalled(tree, paras, embedded.free):
        paras = without_prompt(paras)
        warnings.append(PAYWALL)

    meta = _meta(doc, embedded, tree, site)
    return Article(
        text="\n\n".join(paras),
        path=str(path),
        title=title or title_from_name(path),
        meta=meta,
        warnings=warnings,
    )


def _meta(doc: Any, embedded: Any, tree: Any, site: str) -> Meta:
    from .webpage_body import article_section
    from .webpage_byline import clean_authors, meta_bylines, page_bylines
    from .webpage_tree import page_language

    meta: Meta = {}
    # People's names from the most reliable source that has any: the embedded data, the
    # <meta> tags, the byline printed in the page, then the one trafilatura found.
    printed = clean_authors(page_bylines(tree, article_section(tree)), outlet=site)
    sources = [embedded.authors, *meta_bylines(tree), [_one(getattr(doc, "author", None))]]
    for raws in [*sources[:-1], printed, sources[-1]]:
        names = (
            clean_authors([r for r in raws if r], outlet=site) if raws is not printed else printed
        )
        if names:
            # the printed byline may name more people than the metadata does ("A and B")
            keys = {n.casefold() for n in names}
            if printed and keys < {n.casefold() for n in printed}:
                names = printed
            meta["author"] = names
            break
    date = _one(getattr(doc, "date", None))
    if date:
        meta["date"] = date
    if site:
        meta["source"] = site
    url = _one(getattr(doc, "url", None))
    if url:
        meta["url"] = url
    lang = page_language(tree)
    if lang:
        meta["language"] = lang
    return meta


def _site(doc: Any, embedded: Any) -> str:
    return _one(embedded.site_name) or _one(embedded.publisher) or _sitename(doc)


def _h1(tree: Any) -> list[str]:
    return [" ".join(h.text_content().split()) for h in tree.iterfind(".//h1")][:3]


def _sitename(doc: Any) -> str:
    """trafilatura's site name, unless it is only a word of the page's address ("Nytimes" for
    www.nytimes.com, "Hosted" for a hosted page): that is a guess, not the site's name."""
    name = _one(getattr(doc, "sitename", None))
    url = _one(getattr(doc, "url", None)).casefold()
    host = re.sub(r"^[a-z]+://", "", url).split("/")[0]
    if not name or name.casefold() in re.split(r"[.\-]", host) or name.casefold() == "hosted":
        return ""
    return name


def _one(value: Any) -> str:
    return " ".join(str(value).split()) if value else ""
