"""The article's headline: what the page declares, else its <title> without the site's name.

The embedded data (JSON-LD ``headline``, Open Graph, Twitter and Dublin Core titles) names the
article itself; the <title> often adds the site ("Headline | Daily Planet"); the first heading
is a last resort, as pages put their logo, a greeting or a promotion in an <h1>.
"""

from __future__ import annotations

import re

from .webpage_tree import HtmlElement

_META_TITLES = ("dc.title", "dc:title", "dcterms.title", "og:title", "twitter:title")
# Between a headline and the site's name in a <title>.
_SEPARATOR = re.compile(r"\s+[|\-–—·»:]{1,2}\s+|\s*\[\s*|\s*_\s*")


def choose_title(tree: HtmlElement, headlines: list[str], site: str, fallback: str = "") -> str:
    """The embedded headline that the page's <title> or a heading confirms (a JSON-LD
    ``headline`` may be a description: "Wikimedia list article"), else the <meta> titles, else
    the <title> without the site's name, else the embedded headline after all."""
    document = _document_title(tree)
    shown = _key(document) + " " + " ".join(_key(h.text_content()) for h in _headings(tree))
    embedded = [t for t in (without_site(h, site) for h in headlines) if _plausible(t)]
    for title in embedded:
        if _key(title) in shown:
            return title
    for candidate in (*_meta_titles(tree), document):
        title = without_site(candidate, site) if site else _heading_part(candidate, tree)
        if _plausible(title):
            return title
    return embedded[0] if embedded else fallback


def _heading_part(title: str, tree: HtmlElement) -> str:
    """The part of "Headline | Site" that the page prints as a heading, when the page does not
    name its site: the rest is the site's name."""
    parts = [p for p in _SEPARATOR.split(" ".join(title.split())) if p.strip()]
    if len(parts) >= 2:
        headings = {_key(h.text_content()) for h in _headings(tree)}
        for part in (parts[0], parts[-1]):
            if len(part.split()) >= 2 and _key(part) in headings:
                return part.strip()
    return title


def _plausible(title: str) -> bool:
    return bool(title) and not title.startswith(("/", "http://", "https://"))


def _headings(tree: HtmlElement) -> list[HtmlElement]:
    return [h for tag in ("h1", "h2") for h in tree.iterfind(f".//{tag}")][:5]


def without_site(title: str, site: str) -> str:
    """The title without a leading or trailing part that is the site's name."""
    title = " ".join(title.split())
    if not title:
        return ""
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site_key = _key(site)
    for drop_last in (True, False):
        end = parts[-1] if drop_last else parts[0]
        k = _key(end)
        if k and site_key and (k == site_key or k in site_key or site_key in k):
            cut = _cut(title, end, drop_last)
            if len(cut.split()) >= 2:
                return cut
    return title


def _cut(title: str, part: str, last: bool) -> str:
    i = title.rfind(part) if last else title.find(part) + len(part)
    kept = title[:i] if last else title[i:]
    return re.sub(r"^[\s|\-–—·»:\[\]_]+|[\s|\-–—·»:\[\]_]+$", "", kept)


def _meta_titles(tree: HtmlElement) -> list[str]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        for key in f"{meta.get('name') or ''} {meta.get('property') or ''}".casefold().split():
            if key in _META_TITLES and (meta.get("content") or "").strip():
                found.setdefault(key, meta.get("content") or "")
    return [found[k] for k in _META_TITLES if k in found]


def _document_title(tree: HtmlElement) -> str:
    el = tree.find(".//title")
    return " ".join(el.text_content().split()) if el is not None else ""


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
