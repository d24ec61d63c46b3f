"""Articles in other languages: detected, kept out of the English components, and said so."""

import spacy

from broadsheet.analysis import Analyzer
from broadsheet.facts import Article
from broadsheet.nlp import foreign
from broadsheet.nlp.extract import analyse
from broadsheet.nlp.language import is_notice, language_of, name_of, notice
from broadsheet.store.library import Library

RUSSIAN = (
    "Что происходит в городе? В понедельник мэр Москвы заявил журналистам, что новые правила "
    "вступят в силу с первого января. Но жители района недовольны: они говорят, что никто не "
    "спросил их мнения, и собираются подать жалобу в суд."
)
GERMAN = (
    "Die Bundesregierung will das Gesetz noch vor der Sommerpause verabschieden. Sie sagte am "
    "Dienstag in Berlin, dass die Länder mehr Geld für Schulen bekommen sollen, doch die "
    "Opposition hält das für zu wenig und kündigte Widerstand im Bundesrat an."
)
ENGLISH = (
    "The mayor of Springfield said on Monday that the new rules would take effect in January. "
    "Residents of the district told reporters that nobody had asked them, and they plan to "
    "file a complaint."
)
# Standings are names and figures: the detector reads the names' language, but it is no prose.
STANDINGS = (
    "Leading goalscorers in the Polish first division: 7 - Grzegorz Wedzynski (Widzew Lodz). "
    "6 - Krzysztof Bukalski (Legia Warszawa), Mariusz Sliwinski (Zaglebie Lubin). "
    "5 - Tomasz Wieszczycki (Polonia Warszawa), Jacek Dembinski (Gornik Zabrze), "
    "Piotr Reiss (Lech Poznan), Dariusz Szubert (Pogon Szczecin)."
)


def test_detector_tells_languages_apart_only_when_sure():
    assert language_of(RUSSIAN) == "ru"
    assert language_of(GERMAN) == "de"
    assert language_of(ENGLISH) == "en"
    assert language_of("Ок.") is None  # too few letters to say anything
    assert language_of(STANDINGS) in (None, "en")


def test_language_names_are_the_plain_ones():
    assert name_of("ru") == "Russian"
    assert name_of("el") == "Greek"  # not "Modern Greek (1453-)"
    assert name_of("xx") == "xx"


def test_russian_article_lists_no_function_words_and_says_why(analyzer_session):
    [facts] = analyse(analyzer_session.nlp(), [Article(RUSSIAN, title="Мэр")])
    assert facts.entities == [] and facts.claims == []
    assert facts.meta["language"] == "ru"
    assert [w for w in facts.warnings if is_notice(w)] == [notice("ru", None)]
    assert "Russian" in facts.warnings[-1] and "English" in facts.warnings[-1]
    assert facts.to_json()["document"]["meta"]["language"] == "ru"


def test_english_articles_are_analysed_as_before_and_the_detector_overrides_the_page(
    analyzer_session,
):
    art = Article(ENGLISH, meta={"language": "de"})  # a page declaring the wrong language
    german = Article(GERMAN, warnings=["The saved page may hold only part of the article."])
    en, de = analyse(analyzer_session.nlp(), [art, german])
    assert any(e.name == "Springfield" for e in en.entities) and en.claims
    assert en.meta["language"] == "en" and en.warnings == []
    assert de.entities == [] and de.meta["language"] == "de"
    assert de.warnings[0] == german.warnings[0] and is_notice(de.warnings[1])


def test_an_installed_pipeline_for_the_language_names_its_entities(monkeypatch):
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "LOC", "pattern": "Berlin"},
            {"label": "ORG", "pattern": "Bundesrat"},
            {"label": "MISC", "pattern": "Sommerpause"},
            {"label": "ORG", "pattern": "Bundesregierung"},
        ]
    )
    monkeypatch.setattr(foreign, "model_for", lambda code: "de_core_news_sm")
    monkeypatch.setattr(foreign, "load_model", lambda name: nlp)
    facts = foreign.foreign_facts(Article(GERMAN + " " + GERMAN), "de", "pipe")
    kinds = {(e.kind, e.name): len(e.mentions) for e in facts.entities}
    assert kinds == {("place", "Berlin"): 2, ("organisation", "Bundesrat"): 2,
                     ("organisation", "Bundesregierung"): 2}  # fmt: skip
    for e in facts.entities:
        assert all(facts.text[m.start : m.end] == m.text == e.name for m in e.mentions)
    assert [e.id for e in facts.entities] == ["e1", "e2", "e3"]
    assert facts.claims == [] and "de_core_news_sm" in facts.warnings[-1]


def test_reopening_keeps_the_analysis_notice_and_language(tmp_path, analyzer_session):
    analyzer = Analyzer(Library(tmp_path / "lib"))
    analyzer._nlp = analyzer_session.nlp()
    art = Article(RUSSIAN, path="/x/ru.html", meta={"language": "en"})
    analyzer.analyse_articles([art])
    again = Article(RUSSIAN, path="/y/ru.html", meta={"language": "en"}, warnings=["Cut short."])
    facts = analyzer.cached(again)
    assert facts is not None and facts.path == "/y/ru.html"
    assert facts.meta["language"] == "ru"
    assert facts.warnings == ["Cut short.", notice("ru", None)]
