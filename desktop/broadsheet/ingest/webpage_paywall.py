"""Pages saved from behind a paywall: often the first paragraphs and a prompt to subscribe.

Three signs, any one enough: the page's embedded data says the article is not free
(``isAccessibleForFree: false``); the text ends in a prompt to subscribe or sign in; or the text
is short and the page has the elements paywalls are made of.
"""

from __future__ import annotations

import re

from .webpage_tree import HtmlElement

PAYWALL = (
    "The saved page may hold only part of the article (it looks like a subscribers-only page)."
)
_PROMPT = re.compile(
    r"\b(?:subscribe (?:now|today|to (?:continue|read|unlock))|subscribers? only|"
    r"for subscribers|already (?:a subscriber|subscribed|have an account)|"
    r"(?:sign|log) ?in to (?:continue|read|keep reading|view)|to continue reading|"
    r"continue reading (?:with|for)|register (?:now )?to (?:continue|read)|"
    r"create a free account to|start your (?:free )?trial|"
    r"unlock (?:this|the full) (?:article|story)|"
    r"become a (?:member|subscriber) to|this (?:article|content) is (?:only )?(?:available|"
    r"reserved) (?:to|for) (?:subscribers|members)|réservé aux abonnés|abonnieren sie|"
    r"nur für abonnenten|exclusivo para assinantes|solo para suscriptores)",
    re.I,
)
_WALL_CLASS = re.compile(
    r"paywall|pay-wall|regwall|piano-|tp-modal|tp-container|subscriber-only|subscribers-only|"
    r"premium-content|locked-content|meter-|article-locked|gated",
    re.I,
)
SHORT = 250  # words: a stub is the first few paragraphs


def looks_paywalled(tree: HtmlElement, paras: list[str], free: bool | None) -> bool:
    if free is False:
        return True
    tail = " ".join(paras[-2:])
    if tail and len(tail.split()) <= 80 and _PROMPT.search(tail):
        return True
    if sum(len(p.split()) for p in paras) > SHORT:
        return False
    for el in tree.iter():
        if not isinstance(el, HtmlElement):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if names.strip() and _WALL_CLASS.search(names):
            return True
    return False


def without_prompt(paras: list[str]) -> list[str]:
    """The paragraphs without the prompt to subscribe that ends them: it is not the article."""
    out = list(paras)
    while len(out) > 1 and len(out[-1].split()) <= 40 and _PROMPT.search(out[-1]):
        out.pop()
    return out
