"""The broadsheet_entities component: consolidation, roles, type repair, salience."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.facts import Entity
from broadsheet.nlp.entities import distinct_roles
from broadsheet.nlp.gazetteer import country_key, is_place, is_strong_place
from broadsheet.nlp.names import acronym, family_name_first, norm_text, surname

SEED = Path(__file__).parents[3] / "seeds" / "kim-jong-un-arrives-in-russia.txt"


def entities(nlp, text: str) -> list[Entity]:
    ents = nlp(text)._.bs_entities
    for e in ents:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    return ents


def by_name(ents: list[Entity], name: str) -> Entity:
    found = [e for e in ents if e.name == name]
    assert len(found) == 1, [(e.name, e.kind) for e in ents]
    return found[0]


# ---------------------------------------------------------------- helpers without a model
def test_keys_ignore_spelling_variants():
    assert norm_text("Kim Jong-un") == norm_text("Kim Jong Un")
    assert norm_text("the U.S.'s") == "us"
    assert country_key("us") == country_key("united states") == country_key("america")
    assert country_key("dprk") == "north korea"


def test_family_name_first():
    assert family_name_first("Kim Jong Un")
    assert family_name_first("Kim Dong-yup")
    assert not family_name_first("Stan Lee")
    assert not family_name_first("Lee Harvey Oswald")
    assert family_name_first("Xi Jinping") and family_name_first("Wang Yi")
    assert not family_name_first("Kim Kardashian") and not family_name_first("Lee Evans")
    assert surname("Kim Jong Un", ["kim", "jong", "un"]) == "kim"
    assert surname("Vladimir Putin", ["vladimir", "putin"]) == "putin"


def test_acronym():
    assert acronym("Korean People's Army") == "KPA"
    assert acronym("United Nations") == "UN"


def test_gazetteer():
    assert is_strong_place("pyongyang") and is_strong_place("washington")
    assert is_place("vladivostok")
    assert not is_place("kremlin") and not is_place("peskov")


# ---------------------------------------------------------------- the sample article
@pytest.fixture(scope="module")
def seed(nlp):
    text = SEED.read_text(encoding="utf-8")
    return text, entities(nlp, text)


def test_seed_lists_each_entity_once(seed):
    _, ents = seed
    keys = [(e.kind, e.name.lower()) for e in ents]
    assert len(keys) == len(set(keys))
    names = {e.name for e in ents}
    for name in (
        "Kim Jong Un",
        "Kim Dong-yup",
        "Vladimir Putin",
        "Dmitry Peskov",
        "Russia",
        "North Korea",
        "Moscow",
        "Pyongyang",
        "Washington",
        "Vladivostok",
        "BBC",
    ):
        assert name in names


def test_seed_kims_stay_apart(seed):
    text, ents = seed
    kju, kdy = by_name(ents, "Kim Jong Un"), by_name(ents, "Kim Dong-yup")
    prof = text.index("Professor Kim") + len("Professor ")
    assert any(m.start == prof and m.text == "Kim" for m in kdy.mentions)
    assert not any(m.start == prof for m in kju.mentions)
    kim = text.index("Kim is accompanied")
    assert any(m.start == kim for m in kju.mentions)
    assert not any(m.start == kim for m in kdy.mentions)
    assert "Kim" in kju.aliases


def test_seed_kinds_and_fragments(seed):
    _, ents = seed
    people = {e.name for e in ents if e.kind == "person"}
    assert "Vladivostok" not in people
    assert not {"Washington", "Kremlin", "Pyongyang", "Moscow"} & people
    assert by_name(ents, "Vladivostok").kind == "place"
    names = {e.name for e in ents}
    assert not {"Defense", "Kremlin Press"} & names


def test_seed_roles(seed):
    _, ents = seed
    assert "Kremlin Press Secretary" in by_name(ents, "Dmitry Peskov").roles
    # "Professor Kim" and "a professor at the University of …": the title alone adds nothing.
    assert by_name(ents, "Kim Dong-yup").roles == [
        "a professor at the University of North Korean Studies"
    ]
    assert "Russian Defense Minister" in by_name(ents, "Shoigu").roles
    for e in ents:  # titles are roles, never part of a name
        assert not e.name.startswith(("President", "Professor", "Kremlin Press"))


def test_seed_pronouns_and_salience(seed):
    text, ents = seed
    peskov = by_name(ents, "Dmitry Peskov")
    he = text.index("he said that the negotiations")
    assert any(m.start == he and m.text == "he" for m in peskov.mentions)
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]
    assert ents == sorted(ents, key=lambda e: -e.salience)
    assert by_name(ents, "Kim Jong Un").salience > by_name(ents, "Kim Dong-yup").salience
    assert abs(sum(e.salience for e in ents) - 1.0) < 1e-6


# ---------------------------------------------------------------- one capability per sentence
def test_surname_and_title_join_full_name(nlp):
    text = (
        "President Vladimir Putin met the press on Monday. Putin said the talks went well. "
        "Later, President Putin's aides left."
    )
    ents = entities(nlp, text)
    putin = by_name(ents, "Vladimir Putin")
    assert putin.kind == "person"
    assert len([m for m in putin.mentions if "Putin" in m.text]) == 3
    assert "President" in putin.roles


def test_possessive_and_determiner_stripped(nlp):
    text = "The United States said it would act. The United States's allies agreed."
    ents = entities(nlp, text)
    us = [e for e in ents if e.name == "United States"]
    assert len(us) == 1
    assert all(m.text == "United States" for m in us[0].mentions)


def test_spelling_variants_join(nlp):
    text = (
        "Officials in the U.S. were surprised. The United States has sent envoys. "
        "Kim Jong Un spoke first. Later Kim Jong-un left the room."
    )
    ents = entities(nlp, text)
    assert len([e for e in ents if e.name in ("United States", "U.S.")]) == 1
    assert len([e for e in ents if e.name.startswith("Kim Jong")]) == 1


def test_acronym_joins_full_name(nlp):
    text = (
        "The Korean People's Army fired shells on Tuesday. A KPA spokesman said the drill "
        "was routine, and the KPA would continue."
    )
    ents = entities(nlp, text)
    kpa = [e for e in ents if e.kind == "organisation" and ("KPA" in e.aliases or e.name == "KPA")]
    assert len(kpa) == 1


def test_appositive_decides_ambiguous_short_name(nlp):
    text = (
        "North Korean leader Kim Jong Un arrived on Monday. Kim Jong Un met officials. "
        "Kim Dong-yup, a professor at Seoul National University, said the visit mattered. "
        "Professor Kim said more talks would follow. Kim later left by train."
    )
    ents = entities(nlp, text)
    kju, kdy = by_name(ents, "Kim Jong Un"), by_name(ents, "Kim Dong-yup")
    prof = text.index("Professor Kim") + len("Professor ")
    assert any(m.start == prof for m in kdy.mentions)
    last = text.index("Kim later")
    assert any(m.start == last for m in kju.mentions)


def test_place_gazetteer_overrides_person(nlp):
    text = "Officials visited Vladivostok before heading to Moscow."
    ents = entities(nlp, text)
    assert {e.name: e.kind for e in ents}.get("Vladivostok") == "place"


def test_metonym_stays_a_place(nlp):
    text = "Washington has warned Pyongyang more than once. The Kremlin said it was not interested."
    kinds = {e.name: e.kind for e in entities(nlp, text)}
    assert kinds.get("Washington") == "place"
    assert kinds.get("Kremlin") != "person"


def test_title_fragment_is_a_role(nlp):
    text = "Russian Defense Minister Sergei Shoigu visited the plant on Friday."
    ents = entities(nlp, text)
    assert "Defense" not in {e.name for e in ents}
    shoigu = [e for e in ents if e.kind == "person"][0]
    assert "Russian Defense Minister" in shoigu.roles


def test_surname_found_where_ner_missed_it(nlp):
    text = (
        "New Zealand Prime Minister John Key announced a vote on the flag. "
        "Mr Key said the result would stand."
    )
    ents = entities(nlp, text)
    key = by_name(ents, "John Key")
    assert len([m for m in key.mentions if m.text == "Key"]) == 1


def test_pronoun_linked_to_only_candidate(nlp):
    text = "Dmitry Peskov spoke to reporters. He said the meeting would take place soon."
    ents = entities(nlp, text)
    peskov = by_name(ents, "Dmitry Peskov")
    assert any(m.text == "He" for m in peskov.mentions)
    assert peskov.name == "Dmitry Peskov" and "He" not in peskov.aliases


def test_pronoun_respects_gender_from_the_text(nlp):
    text = (
        "Mrs Jane Holloway met Mr Tom Briggs in London on Monday. She said the talks had gone well."
    )
    ents = entities(nlp, text)
    she = text.index("She")
    owners = [e.name for e in ents if any(m.start == she for m in e.mentions)]
    assert owners == ["Jane Holloway"]


def test_pronoun_inside_a_quotation_is_not_linked(nlp):
    text = 'Dmitry Peskov spoke on Monday. "He will come soon," Peskov said.'
    ents = entities(nlp, text)
    he = text.index("He will")
    assert not any(m.start == he for e in ents for m in e.mentions)


def test_nominal_repeating_a_title_joins_its_person(nlp):
    text = (
        "North Korean leader Kim Jong Un arrived in Russia. "
        "The Kremlin said that the North Korean leader will meet Putin."
    )
    ents = entities(nlp, text)
    kim = by_name(ents, "Kim Jong Un")
    assert any(m.text == "the North Korean leader" for m in kim.mentions)
    assert kim.name == "Kim Jong Un"


def test_name_inside_an_organisation_name_is_a_mention(nlp):
    text = (
        "Andy Warhol made prints in New York. The Andy Warhol Foundation gave "
        "photographs to the museum. Warhol died in 1987."
    )
    ents = entities(nlp, text)
    warhol = by_name(ents, "Andy Warhol")
    inner = text.index("Andy Warhol Foundation")
    assert any(m.start == inner and m.text == "Andy Warhol" for m in warhol.mentions)


def test_mentions_never_cross_a_line_break(nlp):
    text = "Ahmed Mohamed\nImage: a clock.\nMohamed was arrested in Irving, Texas."
    for e in entities(nlp, text):
        assert all("\n" not in m.text for m in e.mentions)
        assert "\n" not in e.name


def test_country_variants_and_the_north(nlp):
    text = (
        "North Korea fired a missile on Monday. The DPRK said the test was a success, "
        "and the North promised more. South Korea and the United States condemned it."
    )
    ents = entities(nlp, text)
    nk = [e for e in ents if e.name == "North Korea"]
    assert len(nk) == 1 and nk[0].kind == "place"
    assert not [e for e in ents if e.name in ("DPRK", "North")]


def test_generic_word_alone_is_not_listed(nlp):
    text = "The Government announced new taxes. Critics said the Government was wrong."
    assert "Government" not in {e.name for e in entities(nlp, text)}


@pytest.mark.parametrize("text", ["", "  \n\n ", '"', "the the the", "He said she said."])
def test_degenerate_texts(nlp, text):
    assert entities(nlp, text) == []


def test_title_used_as_a_name_joins_its_only_holder(nlp):
    text = (
        "President Donald Trump spoke on Monday. The President said the talks went well. "
        "Home Secretary Suella Braverman agreed. The Home Secretary left early."
    )
    ents = entities(nlp, text)
    assert any(m.text == "The President" for m in by_name(ents, "Donald Trump").mentions)
    assert any(m.text == "The Home Secretary" for m in by_name(ents, "Suella Braverman").mentions)


# ---------------------------------------------------------------- what is no panel row
def test_faiths_feasts_and_ideas_are_not_listed(nlp):
    text = (
        "Millions of pilgrims travel to Mecca for the Hajj, the holiest rite of Islam. "
        "Critics said the boy had been subject to Islamophobia."
    )
    names = {e.name for e in entities(nlp, text)}
    assert "Mecca" in names
    assert not {"Hajj", "Islam", "Islamophobia"} & names


def test_website_and_event_named_after_a_known_name(nlp):
    text = (
        "Google said on Monday it would expand. Sites such as Gawker.com kept the video. "
        "The Google Science Fair opens in May."
    )
    names = {e.name for e in entities(nlp, text)}
    assert "Google" in names
    assert not {"Gawker.com", "Google Science Fair"} & names


def test_stance_prefix_and_heading_nouns_are_no_names(nlp):
    text = (
        "Election Results\nOther pro-Beijing candidates were elected in Hong Kong. "
        "Loudspeakers broadcast anti-Pyongyang propaganda."
    )
    names = {e.name for e in entities(nlp, text)}
    assert not {"Beijing", "Pyongyang", "Election Results"} & names


def test_accounts_and_lists_of_fields_are_not_listed(nlp):
    text = (
        "US President Barack Obama tweeted using his @POTUS account. Edward Yiu of the "
        "Architectural, Surveying, Planning and Landscape constituency was elected."
    )
    names = {e.name for e in entities(nlp, text)}
    assert "Barack Obama" in names and "Edward Yiu" in names
    assert not {"@POTUS", "Planning", "Landscape"} & names


def test_name_modifying_a_noun_is_still_listed(nlp):
    text = "The Obama administration said the Border Force vessel had left port."
    names = {e.name for e in entities(nlp, text)}
    assert "Obama" in names and "Border Force" in names


def test_misspelt_and_country_prefixed_names_join(nlp):
    text = (
        "The United Nations said the boats must land. A spokesman for the Untied Nations "
        "agreed. The US State Department urged calm, and the State Department "
        "Spokesperson Jeff Rathke said more was needed."
    )
    ents = entities(nlp, text)
    assert len([e for e in ents if e.name.endswith("Nations")]) == 1
    assert len([e for e in ents if "State Department" in e.name]) == 1


def test_coordinated_directions_are_two_places(nlp):
    text = (
        "North Korea fired shells on Thursday. Tension between North and South Korea grew, "
        "and South Korea replied."
    )
    ents = entities(nlp, text)
    assert "North and South Korea" not in {e.name for e in ents}
    north = text.index("North and")
    assert any(m.start == north for m in by_name(ents, "North Korea").mentions)


def test_organisation_before_a_title_and_a_name(nlp):
    text = "Support came from Facebook creator Mark Zuckerberg on Tuesday."
    kinds = {e.name: e.kind for e in entities(nlp, text)}
    assert kinds.get("Facebook") == "organisation"
    assert kinds.get("Mark Zuckerberg") == "person"


def test_place_at_the_start_of_a_venue_name_is_listed_first(nlp):
    text = "England beat Panama 6-1 at the Volgograd Arena on Sunday."
    ents = entities(nlp, text)
    names = [e.name for e in ents]
    assert "Volgograd" in names and "Volgograd Arena" in names
    assert names.index("Volgograd") < names.index("Volgograd Arena")
    inner = text.index("Volgograd")
    volgograd = by_name(ents, "Volgograd")
    assert any(m.start == inner and m.text == "Volgograd" for m in volgograd.mentions)


# ---------------------------------------------------------------- kinds from evidence
def test_platforms_and_org_suffixes_are_organisations(nlp):
    text = (
        "Twitter said on Monday that it had suspended the account. The Screen Actors Guild "
        "called the strike a success, and Manchester United announced a new coach."
    )
    kinds = {e.name: e.kind for e in entities(nlp, text)}
    assert kinds.get("Twitter") == "organisation"
    assert kinds.get("Screen Actors Guild") == "organisation"
    assert kinds.get("Manchester United") == "organisation"


def test_nationalities_are_not_organisations(nlp):
    text = "Americans and Muslims across the country protested, said Senator John Smith."
    ents = entities(nlp, text)
    assert not [e for e in ents if e.name in ("Americans", "Muslims")]
    assert by_name(ents, "John Smith").kind == "person"


def test_town_and_state_are_one_mention_of_the_town(nlp):
    text = "The plant in Scranton, Pa., closed on Friday. Officials in Kanata, Ontario, said so."
    ents = entities(nlp, text)
    scranton = by_name(ents, "Scranton")
    assert scranton.kind == "place"
    assert [m.text for m in scranton.mentions] == ["Scranton, Pa."]
    assert [m.text for m in by_name(ents, "Kanata").mentions] == ["Kanata, Ontario"]


def test_name_ends_at_a_bracket_and_the_acronym_joins_it(nlp):
    text = "The World Health Organisation (WHO) said on Monday that it would send experts."
    who = by_name(entities(nlp, text), "World Health Organisation")
    assert who.kind == "organisation"
    assert "WHO" in who.aliases
    assert all("(" not in m.text for m in who.mentions)


def test_a_shared_family_name_goes_to_the_person_meant(nlp):
    text = (
        "Rep. Mark Meadows said on Tuesday that he would not run again. His wife, Debbie "
        "Meadows, has led a group of congressional spouses. Debbie Meadows said she was proud "
        "of him. Debbie Meadows has also worked for the campaign. The decision was his own, "
        "said Meadows, who has served since 2013."
    )
    ents = entities(nlp, text)
    mark, debbie = by_name(ents, "Mark Meadows"), by_name(ents, "Debbie Meadows")
    # The bare name is the man the story is about, not the person named most often.
    assert "Meadows" in [m.text for m in mark.mentions]
    assert "Meadows" not in [m.text for m in debbie.mentions]


def test_a_form_of_address_picks_among_namesakes(nlp):
    text = (
        "Rep. Mark Meadows said on Tuesday that he would not run again. His wife, Debbie "
        "Meadows, has led a group of congressional spouses. Mrs. Meadows did not comment."
    )
    ents = entities(nlp, text)
    debbie = by_name(ents, "Debbie Meadows")
    assert "Meadows" in [m.text for m in debbie.mentions]
    assert "Meadows" not in [m.text for m in by_name(ents, "Mark Meadows").mentions]


def test_a_title_makes_a_person_of_a_name_tagged_as_a_place(nlp):
    text = "Detective Tsukauchi arrived at the scene. Detective Tsukauchi asked the boy his name."
    e = by_name(entities(nlp, text), "Tsukauchi")
    assert e.kind == "person"
    assert "Detective" in e.roles


def test_a_word_the_text_also_uses_as_a_common_noun_is_no_name(nlp):
    text = (
        "The Headers interface of the Fetch API lets you work with headers. Headers contains a "
        "list of headers. You can add headers to a request. Headers can be created with a "
        "constructor."
    )
    assert [e.name for e in entities(nlp, text)] == []


def test_a_degree_after_a_name_is_no_place(nlp):
    text = "Peanut allergy is common, said Katie Allen, MD, of the Murdoch Institute in Melbourne."
    ents = entities(nlp, text)
    assert by_name(ents, "Katie Allen").kind == "person"
    assert "MD" not in {e.name for e in ents}


def test_what_the_text_says_a_name_is_decides_its_kind(nlp):
    ents = entities(
        nlp,
        "Cambridge Analytica, a data firm, harvested profiles. Cambridge Analytica denied it. "
        "Kanata is a suburb of Ottawa. Residents of Kanata voted.",
    )
    assert by_name(ents, "Cambridge Analytica").kind == "organisation"
    assert by_name(ents, "Kanata").kind == "place"
    assert (
        by_name(
            entities(nlp, "Tallon IV is a planet. Samus Aran landed on Tallon IV."), "Tallon IV"
        ).kind
        == "place"
    )


def test_a_name_does_not_end_in_a_conjunction_or_stand_as_an_initial(nlp):
    ents = entities(nlp, "Microsoft showed Killer Instinct and Super Lucky's Tale at the event.")
    assert not [e.name for e in ents if e.name.endswith((" and", " or", " &"))]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (  # pronouns that refer back
            "Hori Parata has worked with whales for decades. Parata said the whale was the "
            "largest he had seen. He carved a bone from it. Parata said his son helped. He was "
            "proud of him.",
            "Parata",
            "person",
        ),
        (  # a company's short name
            "Silego Technology is a fabless semiconductor company in Santa Clara. Silego makes "
            "small chips. The quirks of Silego's software are many.",
            "Silego",
            "organisation",
        ),
        (  # a given name
            "Leah Remini left Scientology in 2013. Scientology denies her claims. Scientology "
            "has churches in many cities.",
            "Leah Remini",
            "person",
        ),
    ],
)
def test_kinds_from_evidence_in_the_text(nlp, text, name, kind):
    assert by_name(entities(nlp, text), name).kind == kind


@pytest.mark.parametrize(
    ("text", "listed", "not_listed"),
    [
        (  # products, diseases, ticker codes, "et al."
            "Microsoft said Windows Vista would ship in January. Covid-19 cases rose in Ottawa. "
            "Brent LCOc1 fell 2 percent, the report on Page A8 said. Smith et al. disagree.",
            {"Microsoft", "Ottawa"},
            {"Windows Vista", "Covid-19", "Brent LCOc1", "Page A8", "al"},
        ),
        (  # browsers and programming interfaces
            "Mozilla said Firefox and the Tor Browser would support the Fetch API next year.",
            set(),
            {"Firefox", "Tor Browser", "Fetch API"},
        ),
        (  # common acronyms, models, laws
            "The new chip has a faster CPU and better VR support. The CPU runs at 3 GHz. Apple "
            "will sell the Vision Pro in February. The Apple Vision headset costs $3,499. Meta "
            "Quest Pro owners can trade in. The Data Retention Bill passed the Senate. Critics of "
            "the Data Retention Bill said it was rushed.",
            {"Apple"},
            {"CPU", "VR", "Vision Pro", "Apple Vision", "Meta Quest", "Meta Quest Pro"}
            | {"Data Retention Bill"},
        ),
        (  # code
            "Call console.log(reqHeaders) to see them. Mocha and Node.js run the tests.",
            set(),
            {"Node.js", "console.log(reqHeaders"},
        ),
        (  # what the text calls a work or a tool
            "Mocha is a JavaScript test framework. Mocha runs in browsers. Chai is an assertion "
            "library. Fans of the game Tron can play it at home. The film Columbus opens on "
            "Friday.",
            set(),
            {"Mocha", "Chai", "Tron", "Columbus"},
        ),
    ],
)
def test_no_person_place_or_organisation_is_not_listed(nlp, text, listed, not_listed):
    names = {e.name for e in entities(nlp, text)}
    assert listed <= names
    assert not not_listed & names


@pytest.mark.parametrize(
    ("found", "kept"),
    [
        (["Professor", "a professor at the university"], ["a professor at the university"]),
        (["President", "president"], ["President"]),
        (["Defense Minister", "Russian Defense Minister"], ["Russian Defense Minister"]),
        (["spokesman", "Kremlin Press Secretary"], ["spokesman", "Kremlin Press Secretary"]),
        (["Minister", "the prime minister's adviser"], ["the prime minister's adviser"]),
    ],
)
def test_a_role_inside_a_longer_one_is_listed_once(found, kept):
    assert distinct_roles(found) == kept
