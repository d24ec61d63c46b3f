"""What a page says about itself in embedded data: JSON-LD, microdata and Open Graph (extruct).

News sites embed the article's headline, authors, publisher and often its whole text
(``articleBody``) for search engines; these are more reliable than guesses from the layout.
extruct works on the tree already parsed; a script that is not valid JSON is skipped alone.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .webpage_tree import HtmlElement

log = logging.getLogger(__name__)

# schema.org types whose items describe the article itself (not the site, a video, a person).
ARTICLE_TYPES = frozenset(
    "Article NewsArticle BlogPosting Report OpinionNewsArticle ReportageNewsArticle "
    "AnalysisNewsArticle BackgroundNewsArticle ReviewNewsArticle ScholarlyArticle TechArticle "
    "SocialMediaPosting LiveBlogPosting DiscussionForumPosting Review Posting".split()
)
_NOT_PEOPLE = frozenset("Organization NewsMediaOrganization Corporation WebSite Brand".split())


@dataclass
class Embedded:
    body: str = ""  # the longest articleBody
    headline: str = ""
    headlines: list[str] = field(default_factory=list)  # each article item's headline, name
    authors: list[str] = field(default_factory=list)  # as written; webpage_byline cleans them
    publisher: str = ""
    site_name: str = ""  # og:site_name
    og_title: str = ""
    free: bool | None = None  # isAccessibleForFree, when the page says


def read_embedded(tree: HtmlElement) -> Embedded:
    import extruct  # type: ignore[import-untyped]
    from extruct.jsonld import JsonLdExtractor  # type: ignore[import-untyped]

    out = Embedded()
    items: list[dict[str, Any]] = []
    ld = JsonLdExtractor()
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            items.extend(i for i in ld.extract_items(script) if isinstance(i, dict))
        except Exception:  # one malformed block must not hide the others
            log.debug("JSON-LD block read leniently", exc_info=True)
            items.extend(_unwrapped(script.text_content()))
    og: dict[str, Any] = {}
    try:
        found = extruct.extract(
            tree, syntaxes=["microdata", "opengraph"], uniform=True, errors="ignore"
        )
        items.extend(i for i in found.get("microdata", []) if isinstance(i, dict))
        for i in found.get("opengraph", []):
            if isinstance(i, dict):
                og.update({k: v for k, v in i.items() if k not in og})
    except Exception:
        log.debug("embedded data not read", exc_info=True)
    out.site_name = _text(og.get("og:site_name"))
    out.og_title = _text(og.get("og:title"))

    articles = [i for i in _flatten(items) if _types(i) & ARTICLE_TYPES]
    for item in articles:
        body = _lines(item.get("articleBody") or item.get("text"))
        if len(body) > len(out.body):
            out.body = body
        for key in ("headline", "name"):
            if _text(item.get(key)) and _text(item.get(key)) not in out.headlines:
                out.headlines.append(_text(item.get(key)))
        out.headline = out.headline or (out.headlines[0] if out.headlines else "")
        if not out.authors:
            out.authors = list(_people(item.get("author") or item.get("creator")))
        out.publisher = out.publisher or _names(item.get("publisher"))
        free = _free(item)
        if free is not None and out.free is not False:
            out.free = free
    if not out.publisher:
        for item in _flatten(items):
            if _types(item) & {"WebSite", "NewsMediaOrganization"}:
                out.publisher = _text(item.get("name"))
                break
    return out


_CDATA = re.compile(
    r"^\s*(?://\s*|/\*\s*)?<!\[CDATA\[(?:\s*\*/)?|(?://\s*|/\*\s*)?\]\]>(?:\s*\*/)?\s*$"
)


def _unwrapped(text: str) -> list[dict[str, Any]]:
    """A JSON-LD block inside ``<![CDATA[ … ]]>`` (pages written as XHTML), read as JSON."""
    try:
        data = json.loads(_CDATA.sub("", text), strict=False)
    except ValueError:
        log.debug("skipped a JSON-LD block that is not valid JSON")
        return []
    return [i for i in (data if isinstance(data, list) else [data]) if isinstance(i, dict)]


def _flatten(items: list[Any]) -> Iterator[dict[str, Any]]:
    """Every item, those in an ``@graph`` or a list included."""
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from _flatten(graph)


def _types(item: dict[str, Any]) -> set[str]:
    t = item.get("@type")
    kinds = t if isinstance(t, list) else [t]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _lines(value: Any) -> str:
    """A text whose line breaks are its paragraphs' (an ``articleBody``), spaces tidied."""
    text = value if isinstance(value, str) else _text(value)
    return "\n".join(" ".join(ln.split()) for ln in text.splitlines() if ln.strip())


def _people(value: Any) -> Iterator[str]:
    """The names of the people in an ``author`` value (organisations left out)."""
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, str):
            if v.strip() and not v.strip().startswith(("http://", "https://", "/")):
                yield " ".join(v.split())
        elif isinstance(v, dict) and not (_types(v) & _NOT_PEOPLE):
            name = _text(v.get("name"))
            if name:
                yield name


def _names(value: Any) -> str:
    for v in value if isinstance(value, list) else [value]:
        name = _text(v.get("name")) if isinstance(v, dict) else _text(v)
        if name and not name.startswith(("http://", "https://")):
            return name
    return ""


def _free(item: dict[str, Any]) -> bool | None:
    values = [item.get("isAccessibleForFree")]
    parts = item.get("hasPart")
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict):
            values.append(part.get("isAccessibleForFree"))
    said = [
        v if isinstance(v, bool) else v.strip().lower() == "true"
        for v in values
        if isinstance(v, bool) or (isinstance(v, str) and v.strip().lower() in ("false", "true"))
    ]
    if not said:
        return None
    return all(said)  # one part for subscribers makes the page a subscribers' page
