"""Markdown files read as the text they show, with no syntax left."""

import pytest

from broadsheet.errors import ReadError
from broadsheet.ingest import read_article
from broadsheet.ingest.markdown import render

DOCUMENT = """\
Talks in Vladivostok
====================

Angela Merkel arrived on **Tuesday**, _the chancellery_ said, and
[officials in Berlin](https://example.org/berlin) confirmed the visit.
![Merkel at the port](merkel.jpg) ![](pixel.gif)

## What was said

> "We will wait," said *Steffen Seibert*.

- Gas deliveries
- The war in eastern Ukraine
  1. ceasefire
  2. prisoners

<!-- editor: check the dates -->
<script>alert("x")</script>

```text
Statement, 12 September
```

| Leader | Country |
| ------ | :-----: |
| Merkel | Germany |
| Putin  | Russia  |

---

They last met in 2019 \\*in Sochi\\* &amp; agreed to meet again.
"""

SHOWN = """\
Talks in Vladivostok

Angela Merkel arrived on Tuesday, the chancellery said, and officials in Berlin confirmed \
the visit. Merkel at the port

What was said

"We will wait," said Steffen Seibert.

• Gas deliveries
• The war in eastern Ukraine
  1. ceasefire
  2. prisoners

Statement, 12 September

Leader | Country
Merkel | Germany
Putin | Russia

They last met in 2019 *in Sochi* & agreed to meet again."""


def test_markdown_is_rendered_without_its_syntax(tmp_path):
    p = tmp_path / "talks.md"
    p.write_text(DOCUMENT, encoding="utf-8")
    art = read_article(p)
    assert art.text == SHOWN
    assert art.title == "Talks in Vladivostok"
    for syntax in ("**", "](", "![", "> ", "```", "<!--", "editor", "alert", "|---", "====="):
        assert syntax not in art.text, syntax


def test_paragraphs_are_separated_by_one_blank_line():
    text = render("One\nline.\n\n\n\nTwo.\n\n***\n\nThree.").text
    assert text == "One line.\n\nTwo.\n\nThree."


def test_atx_heading_and_markdown_suffix(tmp_path):
    p = tmp_path / "x.markdown"
    p.write_text("# Kim *arrives* in Vladivostok #\n\nKim arrived.\r\n", encoding="utf-8")
    art = read_article(p)
    assert art.title == "Kim arrives in Vladivostok"
    assert art.text == "Kim arrives in Vladivostok\n\nKim arrived."


def test_front_matter_gives_the_title_and_is_not_shown():
    shown = render('---\ntitle: "Gas talks"\ndate: 2023-09-12\n---\nKim arrived.\n')
    assert shown.title == "Gas talks"
    assert shown.text == "Kim arrived."


def test_a_dropped_image_leaves_no_space_before_punctuation():
    assert render("Kim waved ![](pixel.gif).").text == "Kim waved."


def test_without_a_heading_the_headline_rule_or_the_file_name(tmp_path):
    p = tmp_path / "gas-talks.md"
    p.write_text("Kim arrived in Vladivostok on *Tuesday*.\n\nHe met Putin.", encoding="utf-8")
    assert read_article(p).title == "Gas Talks"


def test_markup_without_text_is_refused(tmp_path):
    p = tmp_path / "only-markup.md"
    p.write_text("<!-- nothing here -->\n\n![](pixel.gif)\n\n---\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no text"):
        read_article(p)
