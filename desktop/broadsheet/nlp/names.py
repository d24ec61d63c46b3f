"""Person and organisation names: normalised keys, titles, family-name order, acronyms."""

from __future__ import annotations

import re

from ..facts import norm_name

# Words that name a position; before a name they are a title ("President Putin"), never a name.
ROLE_NOUNS = frozenset(
    """
president vice-president premier chancellor minister secretary spokesman spokeswoman spokesperson
professor prof prof. dr dr. doctor mr mr. mrs mrs. ms ms. miss sir dame lord lady
king queen prince princess emperor sheikh pope cardinal bishop archbishop rabbi imam reverend rev.
senator sen. congressman congresswoman representative rep. governor gov. mayor councillor councilor
ambassador envoy consul diplomat commissioner chairman chairwoman chair chairperson director
ceo cfo coo founder co-founder executive manager head chief leader general gen. admiral colonel
col. major captain capt. lieutenant lt. sergeant sgt. commander marshal officer inspector
detective judge justice attorney lawyer prosecutor sheriff chief-executive correspondent
reporter editor analyst researcher scientist economist author writer spokesperson aide adviser
advisor official deputy member coach striker midfielder defender goalkeeper player captain
candidate lawmaker legislator mp politician activist student teacher lecturer dean principal
""".split()
)

# Nouns that only describe people: an appositive with one of them makes its name a person's.
PERSON_NOUNS = ROLE_NOUNS | frozenset(
    """
man woman boy girl child teenager mother father wife husband son daughter brother sister widow
resident citizen national native victim survivor witness volunteer employee worker fan
""".split()
)

# Words that qualify a title ("Press Secretary", "Defense Minister"); alone they are no entity.
TITLE_MODIFIERS = frozenset(
    """
press defense defence foreign interior home finance justice health education trade state
prime deputy vice assistant acting chief executive general interim former senior junior
first second emeritus shadow
""".split()
)

# Every word of a title, however long ("Deputy Foreign Minister"): no name on its own.
TITLE_WORDS = ROLE_NOUNS | TITLE_MODIFIERS

# Nouns ending so name someone by what they do ("campaigner", "physicist").
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "eer")

# Compass points: "North" alone is no name ("North Carolina" is).
DIRECTIONS = frozenset(("north", "south", "east", "west"))

# Short titles that may precede a surname alone ("Mr Key", "Professor Kim").
HONORIFICS = frozenset(
    """
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president premier
chancellor senator sen. governor gov. mayor ambassador general gen. admiral colonel captain
judge justice king queen prince princess sheikh pope rev. reverend minister secretary
""".split()
)

# Particles that are part of a person's name even though they are lower case.
NAME_PARTICLES = frozenset(
    "al el de del della der di da das dos du van von la le ibn bin bint y".split()
)

# Common family names of languages that put the family name first (Korean, Chinese, Vietnamese).
FAMILY_FIRST = frozenset(
    """
kim lee yi ri park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh
seo suh shin sin kwon hwang ahn an song moon mun ko hong
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo xi deng mao
wen jiang tang feng cai peng pan dong yuan tian xie
wong chan leung cheung lau ho kwok lam yau fung yeung chiang hau tsang chow tse tam mak yip ng
chu hui
nguyen tran le pham hoang vu dang bui do ngo duong ly
""".split()
)

# Head words of organisation names that the text may use alone ("the Church", "the Party").
GENERIC_ORG_HEADS = frozenset(
    """
church university college school party council committee commission court ministry department
agency army navy company corporation group foundation institute society association union
government parliament assembly congress senate bank museum league federation club team
magazine newspaper times post journal network
""".split()
)

# Last words that make an organisation of any name ("Screen Actors Guild", "Manchester United",
# "Acme Inc."): never a person's or a place's.
ORG_SUFFIXES = frozenset(
    """
guild united inc ltd corp plc llc co fc ag gmbh holdings industries airlines airways motors
labs partners brothers bros records studios pictures entertainment
""".split()
)

# Companies and platforms that a text names as actors ("Twitter said", "posted on Instagram"):
# spaCy often takes them for people or places. They are organisations.
KNOWN_ORGANISATIONS = frozenset(
    """
twitter facebook instagram youtube tiktok snapchat whatsapp linkedin reddit pinterest telegram
netflix spotify google alphabet apple microsoft amazon meta nvidia intel ibm oracle samsung sony
tesla spacex uber lyft airbnb paypal ebay alibaba tencent baidu huawei xiaomi openai anthropic
disney walmart boeing airbus toyota volkswagen nike starbucks mcdonald twitch discord
verizon comcast cisco yahoo dell lenovo qualcomm amd adobe salesforce dropbox slack shopify
""".split()
)

# Last words of streets, buildings and sites: such a name is a place, even when spaCy took it
# for a person ("Castlefrank Road", "Steven F. Udvar-Hazy Center").
FACILITY_HEADS = frozenset(
    """
road street avenue boulevard lane drive highway freeway bridge center centre square plaza
airport station stadium arena hospital park
""".split()
)

# First words of products, software and diseases: "Windows Vista", "GPT-4", "Firefox" and
# "Covid-19" are no person, place or organisation (keys: lower case, hyphens as spaces); nor is
# a name ending in one of SOFTWARE_HEADS ("the Fetch API", "Tor Browser").
PRODUCT_WORDS = frozenset(
    """
windows iphone ipad ipod macbook android xbox playstation kindle chatgpt gpt firefox chrome
chromium safari javascript html css http https json xml php linux ubuntu minecraft wordpress
covid coronavirus ebola zika hiv aids sars mers h1n1 h5n1 omicron
""".split()
)

# Common nouns written in capitals ("the CPU", "a VR headset", "an HDR display"): no names.
# Left out are those that are also places or organisations ("MD" Maryland, "PR" Puerto Rico).
COMMON_ACRONYMS = frozenset(
    """
cpu gpu ram ssd hdd usb lan wan wifi ui gui ux api sdk ide cli sql url uri ip id os tv dvd vr
ai hdr mp3 pdf pdfs jpeg png gif zip apk apks js xhr dns ssh ssl tls vpn seo faq diy dna rna
gdp phd mba atm suv gps sms lcd led oled iot hdmi abi ceo cfo cto coo ipo
""".split()
)

# Nouns that say what a name is when the text says it ("Silego, a chip company", "Mocha is a
# test framework", "the game Tron"): an organisation, a place, or a thing that is neither.
ORG_NOUNS = frozenset(
    """
company firm group agency startup start-up organisation organization charity party network
website site publication newspaper magazine outlet broadcaster studio publisher maker
manufacturer retailer chain bank insurer airline carrier operator utility union association
foundation institute university college school hospital team club band label brand subsidiary
conglomerate corporation ministry department council committee regulator watchdog nonprofit
non-profit lab laboratory business
""".split()
)
PLACE_NOUNS = frozenset(
    """
city town village suburb district region province state county country island nation capital
neighbourhood neighborhood borough municipality territory republic kingdom continent peninsula
valley river lake mountain planet
""".split()
)
THING_NOUNS = frozenset(
    """
game videogame film movie documentary book novel memoir album song show series sitcom
podcast app application software program programme library framework language tool toolkit
browser engine protocol format standard device phone smartphone headset console laptop chip
processor car vehicle truck aircraft rocket spacecraft ship vessel boat schooner drug medicine
vaccine disease virus syndrome award prize treaty festival tournament dish recipe cocktail
""".split()
)

# Degrees and honours written after a person's name ("Katie Allen, MD"): no places.
DEGREES = frozenset("md phd dds dmd rn np mph mba jd esq obe mbe cbe qc kc frs".split())

# Last words of product model names ("Vision Pro", "Meta Quest Pro", "Galaxy S24 Ultra").
MODEL_WORDS = frozenset("pro max mini plus ultra lite".split())

# Words that make a known company's longer name another organisation, not a product
# ("Microsoft Research", "Samsung Electronics", "Amazon Web Services").
ORG_PART_WORDS = frozenset(
    """
research electronics services platforms technologies technology systems communications
networks financial capital ventures health energy studios games music pictures media
""".split()
)

# Last words of laws ("Data Retention Bill", "Patriot Act").
LAW_HEADS = frozenset(("bill", "act"))

# Titles that make a name a person's even where spaCy took it for an organisation or a place
# ("Detective Tsukauchi", "Mr. Forte", "President Trump"); "General", "Justice" and "King" are
# left out ("General Motors", "Justice Department", "King's College").
PERSON_TITLES = frozenset(
    """
mr mr. mrs mrs. ms ms. miss dr dr. sir dame prof prof. professor senator sen. rep.
congressman congresswoman detective inspector sergeant sgt. officer rev. reverend
president governor mayor ambassador chancellor premier
""".split()
)

# Words that say a person is a man or a woman (forms of address, gendered nouns in roles).
MALE_WORDS = frozenset(
    """
mr mr. sir lord king prince emperor man boy husband father son brother uncle grandfather
spokesman chairman congressman businessman sportsman actor
""".split()
)
FEMALE_WORDS = frozenset(
    """
mrs mrs. ms ms. miss dame lady queen princess empress woman girl wife mother daughter sister aunt
grandmother spokeswoman chairwoman congresswoman businesswoman sportswoman actress
""".split()
)


def gender_of(words: set[str]) -> str | None:
    """ "m" or "f" when the words say one and not the other."""
    male, female = bool(words & MALE_WORDS), bool(words & FEMALE_WORDS)
    return "m" if male and not female else "f" if female and not male else None


SOFTWARE_HEADS = frozenset(("api", "browser", "sdk", "app", "software", "plugin", "os"))

# Head words of events and works: "Google Science Fair", "Taipei City Lantern Festival" name an
# occasion, not a person, place or organisation (the names inside them are still found).
EVENT_HEADS = frozenset(
    """
festival fair expo exposition conference summit games olympics olympiad championship
championships cup tournament marathon awards prize ceremony parade carnival concert tour
""".split()
)

# Faiths, rites, feasts, beings and media that spaCy often tags as organisations or places.
NOT_ENTITIES = frozenset(
    """
islam christianity judaism hinduism buddhism sikhism shinto taoism jainism catholicism
protestantism hajj umrah ramadan eid christmas easter passover hanukkah diwali lent
god allah satan devil internet
""".split()
) | frozenset(("yom kippur", "world wide web"))

_ACRONYM_SKIP = frozenset("of the and for & de du des la le 's".split())


# Mention keys are the library's look-up keys: one normaliser, in the domain.
norm_text = norm_name


def family_name_first(name: str) -> bool:
    """True for names like "Kim Jong Un" or "Lee Cheuk-yan" whose family name leads: a common
    family name of such a language followed by a hyphenated given name or two short syllables."""
    words = name.replace("\u2019", "'").split()
    if len(words) < 2 or words[0].lower() not in FAMILY_FIRST:
        return False
    if len(words) == 2:  # "Kim Dong-yup", or a pinyin given name ("Xi Jinping", "Wang Yi")
        return "-" in words[1] or _pinyin_word(words[1].lower())
    return len(words) == 3 and all(len(w) <= 5 for w in words)


# Pinyin syllables (initial + final, a little generous): "Jinping" is jin+ping, "Kardashian" no.
_INITIALS = (
    "",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "zh",
    "ch",
    "sh",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
)
_FINALS = (
    "a",
    "o",
    "e",
    "i",
    "u",
    "ai",
    "ei",
    "ao",
    "ou",
    "an",
    "en",
    "ang",
    "eng",
    "ong",
    "er",
    "ia",
    "ie",
    "iao",
    "iu",
    "ian",
    "in",
    "iang",
    "ing",
    "iong",
    "ua",
    "uo",
    "uai",
    "ui",
    "uan",
    "un",
    "uang",
    "ue",
    "van",
)
_PINYIN = frozenset(i + f for i in _INITIALS for f in _FINALS)


def _pinyin_word(word: str) -> bool:
    """Whether ``word`` splits into one to three pinyin syllables."""
    if not word.isalpha() or len(word) > 12:
        return False
    reach = {0: 0}  # position -> syllables used to get there
    for i in range(len(word)):
        if i not in reach or reach[i] >= 3:
            continue
        for j in range(i + 1, min(len(word), i + 6) + 1):
            if word[i:j] in _PINYIN:
                reach.setdefault(j, reach[i] + 1)
    return len(word) in reach


def surname(name: str, tokens: list[str]) -> str:
    """The family name, from the original spelling ``name`` and its key ``tokens``."""
    return tokens[0] if family_name_first(name) else tokens[-1]


_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def family_sort_key(name: str) -> str:
    """A person's name as sorted in an index: family name first ("Putin vladimir", "Kim jong
    un"), a suffix such as "Jr." left out of the family name."""
    words = [w.rstrip(",") for w in name.split()]
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    if len(words) < 2 or family_name_first(name):
        return " ".join(words).casefold()
    return " ".join([words[-1], *words[:-1]]).casefold()


def given_name(name: str, tokens: list[str]) -> str | None:
    if len(tokens) < 2 or family_name_first(name):
        return None
    return tokens[0]


def acronym(text: str) -> str:
    """Initials of the capitalised words: "Korean People's Army" -> "KPA"."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    out = []
    for w in words:
        lw = w.lower().replace("’", "'")
        if lw in _ACRONYM_SKIP or not w[0].isupper():
            continue
        out.append(w[0])
    return "".join(out)


def looks_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
