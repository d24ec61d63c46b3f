"""Small made-up documents for library tests: ``report_facts(i)`` is a distinct text for each
``i``, naming one person, so tests can store as many documents as they need."""

from __future__ import annotations

from broadsheet.facts import Entity, Facts, Mention


def report_facts(i: int, extra: str = "") -> Facts:
    text = f"Report {i}: Angela Merkel met Emmanuel Macron in Paris on day {i}.{extra}"
    s = text.index("Angela")
    return Facts(
        text=text,
        path=f"/tmp/r{i}.txt",
        title=f"Report {i}",
        pipeline="m+b",
        entities=[
            Entity("e1", "person", "Angela Merkel", mentions=[Mention(s, s + 13, "Angela Merkel")])
        ],
    )
