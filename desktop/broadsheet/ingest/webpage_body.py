"""The article's body from a saved page, and a check of it against what else the page holds.

trafilatura finds the article in the layout, and is usually right; when the layout misleads it
(a photo caption taken for the article, a body split by widgets), its text is much shorter than
the article the page holds. So the body is chosen by figures: trafilatura's balanced reading,
its recall-first reading, the text of the page's article section, and the JSON-LD
``articleBody``, compared by their word 4-grams.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from .webpage_text import doc_paragraphs, paragraphs
from .webpage_tree import BLOCKS, HtmlElement

FROM_EMBEDDED = (
    "The article's text was taken from the page's embedded data, as the page layout hid part of it."
)
FROM_SECTION = (
    "The article's text was taken from the page's article section, as the page layout hid "
    "part of it."
)
# Elements that hold an article's body, by the names sites give them.
_BODY_CLASS = re.compile(
    r"(?:^|[\s_-])(?:article[-_]?body|story[-_]?body|entry[-_]content|post[-_]content|"
    r"article[-_]content|article__body|body[-_]text|story[-_]content|articlebody)(?:$|[\s_-])",
    re.I,
)
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "button", "form", "nav", "aside")
_SECTIONS = frozenset(("div", "section", "article", "main", "span", "td"))
N = 4  # shingle length


@dataclass
class Body:
    text: str  # for the figures
    paras: list[str]  # for the reader
    warnings: list[str] = field(default_factory=list)
    doc: Any = None  # trafilatura's Document, for its metadata


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def shingles(text: str) -> Counter[tuple[str, ...]]:
    ws = words(text)
    if len(ws) < N:
        return Counter([tuple(ws)]) if ws else Counter()
    return Counter(tuple(ws[i : i + N]) for i in range(len(ws) - N + 1))


def covers(text: str, of: str) -> float:
    """The share of ``of``'s 4-grams that ``text`` holds."""
    want = shingles(of)
    total = sum(want.values())
    return sum((shingles(text) & want).values()) / total if total else 1.0


def extract(tree: HtmlElement, **options: Any) -> Any:
    """trafilatura on a copy of the tree (it changes what it reads)."""
    import trafilatura

    return trafilatura.bare_extraction(
        deepcopy(tree),
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        **options,
    )


def _paras(doc: Any) -> list[str]:
    return doc_paragraphs(getattr(doc, "body", None)) if doc is not None else []


def _text(doc: Any) -> str:
    return str(getattr(doc, "text", None) or "") if doc is not None else ""


def choose_body(tree: HtmlElement, embedded_body: str = "") -> Body:
    """The best reading of the page's article, with a warning when it is not trafilatura's."""
    first = extract(tree, with_metadata=True)
    body = Body(_text(first), _paras(first), doc=first)
    recall = extract(tree, favor_recall=True)
    if _better_superset(_text(recall), body.text):
        body.text, body.paras = _text(recall), _paras(recall)

    section = article_section(tree)
    if section is not None:
        wanted = visible_prose(section)
        if len(words(wanted)) >= 80 and covers(body.text, wanted) < 0.6:
            again = extract(_alone(tree, section), favor_recall=True)
            text, paras = _text(again), _paras(again)
            if not text:
                text = visible_text(section)
                paras = paragraphs(text)
            if covers(text, wanted) >= 0.8 and len(words(text)) > len(words(body.text)):
                body.text, body.paras = text, paras
                body.warnings.append(FROM_SECTION)

    if len(words(embedded_body)) >= 60 and covers(body.text, embedded_body) < 0.6:
        if len(words(embedded_body)) > 1.5 * len(words(body.text)):
            body.text, body.paras = embedded_body, paragraphs(embedded_body)
            body.warnings = [FROM_EMBEDDED]
    return body


def _better_superset(longer: str, shorter: str) -> bool:
    """The recall-first reading adds to the balanced one without dropping from it (a table or
    a list the balanced reading left out), and not so much that it is the page's boilerplate."""
    n_long, n_short = len(words(longer)), len(words(shorter))
    if not n_short or n_long > n_short * 1.5:
        return False
    if n_long <= n_short * 1.03 and n_long <= n_short + 50:
        return False  # nothing worth a change
    return covers(longer, shorter) >= 0.97


def article_section(tree: HtmlElement) -> HtmlElement | None:
    """The element the page marks as the article's body (schema.org's ``articleBody``, or the
    class names sites use), else its only ``<article>``."""
    for el in tree.iter():
        if not isinstance(el, HtmlElement):
            continue
        if (el.get("itemprop") or "").strip() == "articleBody" and el.tag in _SECTIONS:
            return el
    for el in tree.iter("div", "section", "article", "main"):
        if _BODY_CLASS.search(el.get("class") or "") or _BODY_CLASS.search(el.get("id") or ""):
            return el
    articles = tree.findall(".//article")
    return articles[0] if len(articles) == 1 else None


def _alone(tree: HtmlElement, section: HtmlElement) -> HtmlElement:
    """A page holding only the section (and the head, for trafilatura's checks)."""
    from lxml.html import Element  # type: ignore[import-untyped]

    page = Element("html")
    head = tree.find(".//head")
    if head is not None:
        page.append(deepcopy(head))
    body = Element("body")
    body.append(deepcopy(section))
    page.append(body)
    return page


def visible_prose(section: HtmlElement) -> str:
    """The paragraphs of a section a reader sees as text: ``<p>`` elements, links aside."""
    out = []
    for p in section.iter("p"):
        if any(a.tag in _NOT_TEXT for a in p.iterancestors()):
            continue
        text = " ".join(p.text_content().split())
        links = sum(len(a.text_content().split()) for a in p.iter("a"))
        if text and links <= 0.5 * len(text.split()):
            out.append(text)
    return "\n".join(out)


def visible_text(section: HtmlElement) -> str:
    """A section's text, a line per block, without scripts, styles and controls."""
    lines: list[str] = []
    current: list[str] = []

    def walk(el: HtmlElement) -> None:
        if not isinstance(el.tag, str) or el.tag in _NOT_TEXT:
            return
        block = el.tag in BLOCKS or el.tag == "br"
        if block:
            lines.append(" ".join(current))
            current.clear()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:  # a comment's or a script's tail is text too
                current.append(child.tail)
        if block:
            lines.append(" ".join(current))
            current.clear()

    walk(section)
    lines.append(" ".join(current))
    return "\n".join(" ".join(ln.split()) for ln in lines if ln.strip())
