"""Bylines as people's names: no "By", no outlet, no job title, no date, no shouting.

A page's byline is written for the eye ("By ERIC TUCKER Associated Press", "Jill Disis; CNN
Business", "Tom Gillespie News reporter", "By Joshua Sokol May 17, 2018"); the reader wants the
people who wrote the article, one name each. A name is a short run of capitalised words (with
the particles of names: "de", "van", "bin"); the run ends where an outlet, a job title, a date
or any other lower-case word begins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .webpage_tree import HtmlElement

# Words that open a byline without being part of it, in the languages of the pages read.
_LEADS = re.compile(
    r"^(?-i:(?:and|with|avec|et|und|y|e)\s+)?"  # in lower case: "E Jean Carroll" has an initial
    r"(?:(?:written|posted|reported|story|text|words|published|photos?)\s+)?"
    r"(?:(?:by|par|por|von|door|av|af|przez|от|автор)\s*[:\-]?\s+)?",
    re.I,
)
# Between two people's names.
# Words in lower case only: "John E Smith" has an initial, not the Italian "and".
_SEPARATORS = re.compile(
    r"\s*(?:[;,|/&+•·\n\t()\[\]]|\s[–—-]\s|\s(?:and|And|AND|und|et|y|e|en|og|och|avec|"
    r"with|mit|con)\s)\s*"
)
_END = re.compile(
    r"\b(?:edited|additional reporting|contributed|photographs?|illustrations?)\b.*", re.I | re.S
)
# Punctuation and quotes around a byline or a name ("…ERIC TUCKER", "“Jane Doe”").
_EDGES = re.compile(r"^[\s.,;:\-–—…|\"'“”‘’]+|[\s.,;:\-–—…|\"'“”‘’]+$")
_URL = re.compile(r"\S+@\S+|\(?\b(?:https?://|www\.)\S+\)?", re.I)

# Parts of names that are written in lower case.
PARTICLES = frozenset(
    "de da das do dos du del della der den di la le van von ten ter bin binti ibn al el y zu "
    "dei degli".split()
)
# Outlets and news agencies: a name's run stops here ("ERIC TUCKER Associated Press").
OUTLETS = frozenset(
    "associated press reuters afp ap upi dpa ani pti ians xinhua tass efe ansa kyodo yonhap "
    "bloomberg cnn bbc nbc cbs abc fox npr pbs msnbc espn newswire wire agency agencies times "
    "journal tribune gazette magazine daily weekly online "
    "network networks media group inc ltd llc corp com net org www http https "
    "project foundation institute university college school center centre council committee "
    "association society union department ministry office program programme lab labs "
    "company club party league federation".split()
)
# Job titles and what qualifies them; a name's run stops at the first of these.
ROLES = frozenset(
    "reporter reporters correspondent correspondents editor editors writer writers columnist "
    "columnists contributor contributors producer producers photographer photographers "
    "analyst analysts author authors staff team desk bureau news newsroom intern interns "
    "critic critics blogger bloggers anchor host presenter researcher researchers "
    "developer developers administrator admin moderator founder ceo president professor "
    "director manager officer spokesman spokeswoman chief senior junior deputy associate "
    "assistant managing executive contributing special freelance guest "
    "journaliste journalist journalists rédacteur rédactrice correspondant correspondante "
    "envoyé envoyée periodista redactor redactora corresponsal redakteur redakteurin "
    "korrespondent korrespondentin giornalista redattore inviato jornalista repórter "
    "ma md phd mph rn ms mba jd bsc msc mbbs facp facs dr".split()
)
# Words that qualify a job title ("Games Editor", "White House Correspondent").
_BEATS = frozenset(
    "political politics business technology tech science health sports sport games gaming "
    "entertainment culture foreign world national international economics economy finance "
    "financial legal crime investigative social digital features travel food fashion music "
    "film arts education climate environment energy security defence defense diplomatic "
    "white house washington europe asia africa china middle east local city metro weather "
    "breaking global data video photo opinion science medical markets courts".split()
)
# Not names at all: labels, dates, pronouns.
_NOT_NAMES = frozenset(
    "follow author authors username user admin anonymous guest unknown our the a an last "
    "version copyright privacy "
    "updated published posted modified share comments comment by staff contributors "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday "
    "am pm gmt utc est edt bst cet et".split()
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# "WebMD", "iPhone": a lower-case letter then capitals is a brand's spelling, not a name's
# ("McDonald", "DeShawn" have one capital after the lower case).
_BRAND = re.compile(r"[a-z][A-Z]{2,}|^[a-z]+[A-Z]")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|Jr\.?|Sr\.?)$")
_INITIAL = re.compile(r"^[A-Z]\.?$|^(?:[A-Z]\.){2,}$")


def clean_authors(raws: Iterable[str], outlet: str = "") -> list[str]:
    """People's names from raw bylines, in order, each once; an outlet's own name never, nor
    its words or initials ("Kelli Miller WebMD", "ACLU Speech" on the site of the American Civil
    Liberties Union)."""
    outlet_key = _key(outlet)
    initials = "".join(w[0] for w in outlet_key.split() if w not in PARTICLES | {"of", "the"})
    stops = _Stops(
        anywhere={initials} if len(initials) > 2 else set(),
        after_name={w for w in outlet_key.split() if len(w) > 2},
    )
    names: list[str] = []
    keys: set[str] = set()
    for raw in raws:
        for name in _names_in(raw, stops):
            k = _key(name)
            if k and k not in keys and k != outlet_key:
                keys.add(k)
                names.append(name)
    return names


@dataclass(frozen=True)
class _Stops:
    """Words of the outlet's name: its initials end a name anywhere; its words only after a
    name ("Kelli Miller WebMD"), as a personal site is named after its author."""

    anywhere: set[str] = field(default_factory=set)
    after_name: set[str] = field(default_factory=set)


def _names_in(raw: str, stops: _Stops | None = None) -> list[str]:
    text = unicodedata.normalize("NFC", " ".join(str(raw).split()))
    text = _EDGES.sub("", _URL.sub(" ", text))
    text = _END.sub("", text)
    text = _surname_first(text)
    # "Bruno (Henrique Zecchin) Rodrigues": names in brackets inside a name are part of it;
    # "Jane Doe (Reuters)" at the end is not.
    text = re.sub(r"(?<=[^\W\d_])\s*\(([^()]{1,40})\)\s+(?=[A-Z])", r" \1 ", text)
    out = []
    for part in _SEPARATORS.split(text):
        part = _LEADS.sub("", _EDGES.sub("", part)).strip()
        name = _name_run(part, stops or _Stops())
        if name:
            out.append(name)
    return out


def _surname_first(text: str) -> str:
    """ "Jong, Michiel de" is "Michiel de Jong": one word, a comma, then given names."""
    m = re.fullmatch(r"([^\W\d_][\w'’-]+),\s*([A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,2})", text)
    if not m or m.group(1).casefold() in OUTLETS | ROLES | _NOT_NAMES:
        return text
    given = m.group(2).split()
    if any(w.strip(".").casefold() in ROLES | OUTLETS for w in given):
        return text  # "Goodman, MA": a credential
    return f"{m.group(2)} {m.group(1)}"


def _name_run(part: str, stops: _Stops) -> str:
    """The leading run of a part that reads as a person's name, or ""."""
    tokens = part.split()
    if not tokens:
        return ""
    if not any(_is_latin(c) for c in part):
        return _other_script(part)
    run: list[str] = []
    for tok in tokens:
        word = tok.strip(",.:;!?\"'“”‘’()")
        low = word.casefold()
        if not word or any(c.isdigit() for c in word):
            break
        if low in OUTLETS or low in _NOT_NAMES or low in stops.anywhere or _BRAND.search(word):
            break
        if low in stops.after_name and sum(not _INITIAL.match(w) for w in run) >= 2:
            break
        if not any(_is_latin(c) for c in word):
            break  # another script after Latin words: not the same name
        if low in ROLES:
            if len(run) == 1 and word[0].isupper() and tok is tokens[-1] and low[-1] != "s":
                run.append(tok)  # "Jane Reporter": a surname, with nothing after it
                continue
            while run and run[-1].casefold() in _BEATS:
                run.pop()  # "Games" of "Games Editor"
            break
        if low in MONTHS and len(run) >= 2:
            break  # "Joshua Sokol May 17": a date; "Theresa May" stays
        if word[0].islower() and low not in PARTICLES:
            break
        run.append(tok.strip(',;:!?"“”()') if not _INITIAL.match(tok) else tok)
    while run and run[-1].casefold() in PARTICLES:
        run.pop()
    if not 2 <= len(run) <= 5:
        return ""
    if sum(1 for w in run if w.casefold() not in PARTICLES and not _INITIAL.match(w)) < 2:
        return ""  # "J. Smith" has one name word: still a name; "Android Developers" is not
    return " ".join(_case(w) for w in run)


def _other_script(part: str) -> str:
    """A name in a script without capitals (Chinese, Japanese, Arabic…): short, no digits."""
    text = " ".join(part.split())
    if any(c.isdigit() for c in text) or not 2 <= len(text.replace(" ", "")) <= 12:
        return ""
    if len(text.split()) > 2:
        return ""  # a sentence or a label, not a name
    if text in {"作者", "编辑", "記者", "记者", "責任編輯", "责任编辑", "来源", "個人"}:
        return ""  # "author", "editor", "reporter", "source", "personal": labels
    return text


def _case(word: str) -> str:
    """Title case for a word in capitals ("TUCKER" is "Tucker", "O'NEIL" is "O'Neil")."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters) or _ROMAN.match(word):
        return word
    if _INITIAL.match(word):
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word)


def _is_latin(c: str) -> bool:
    return c.isalpha() and "LATIN" in unicodedata.name(c, "")


def _key(name: str) -> str:
    return " ".join(re.sub(r"[.\-‐]", " ", name).casefold().split())


# <meta> tags that name a page's authors, most specific first.
_AUTHOR_META = (
    "citation_author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dc:creator",
    "dcterms.creator",
    "dcterms:creator",
    "byl",
    "author",
    "article:author",
)


def meta_bylines(tree: HtmlElement) -> list[list[str]]:
    """The bylines of the page's <meta> tags, one list per kind of tag, most specific first."""
    found: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        content = (meta.get("content") or "").strip()
        if not content or _URL.fullmatch(content):
            continue
        # property="dc:creator og:author": several names for one value
        for key in f"{meta.get('name') or ''} {meta.get('property') or ''}".casefold().split():
            if key in _AUTHOR_META:
                found.setdefault(key, []).append(content)
    return [found[key] for key in _AUTHOR_META if key in found]


# Where pages print the byline: class names, ``rel="author"``, schema.org's ``author``.
_BYLINE_CLASS = re.compile(
    r"^(?:.*[-_])?(?:byline|bylines|authors?|author-?names?|writer)(?:[-_].*)?$", re.I
)
_NOT_BYLINE = re.compile(r"comment|avatar|photo|image|img|bio|desc|follow|social|share", re.I)


def _not_byline_section(classes: str) -> bool:
    """A comment thread, an author's bio box, a share bar: the names there are not the byline.
    A class that says the section lacks one ("hasnt-bio", "no-photo") does not count."""
    return any(_NOT_BYLINE.search(c) and not _NEGATED.match(c) for c in classes.casefold().split())


_NEGATED = re.compile(r"^(?:hasnt|has-no|no|not|is-not|without)[-_]")


def page_bylines(tree: HtmlElement, scope: HtmlElement | None = None) -> list[str]:
    """The byline printed in the page (in the article section when there is one): the text of
    the first element marked as one, or of the elements marked as authors beside it."""
    root = scope if scope is not None else tree
    for el in root.iter():
        if not isinstance(el, HtmlElement) or el.tag in ("script", "style", "meta", "link"):
            continue
        marks = (el.get("class") or "").split() + [el.get("id") or ""]
        hit = (el.get("rel") or "").casefold() == "author" or (
            el.get("itemprop") or ""
        ).casefold() == "author"
        hit = hit or any(_BYLINE_CLASS.match(m) and not _NOT_BYLINE.search(m) for m in marks)
        if not hit or any(_not_byline_section(a.get("class") or "") for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if text and len(text.split()) <= 30 and _names_in(text):
            return [text]
    return []
