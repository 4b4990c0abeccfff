"""Reports show Cyrillic and right-to-left text: cells and paragraphs of corpus text take their
direction from their text (dir="auto"), names inside English sentences are isolated (<bdi>), the
CSS names fonts with Cyrillic and Arabic-script coverage, and escaping still holds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.render import evidence_table, table
from analysis.render.display import articles, highlight_attributions
from analysis.render.index import index_html

TEMPLATES = Path(__file__).resolve().parent.parent / "analysis" / "render" / "templates"
PERSIAN = "عراقچی گفت که پیمان <script>alert(1)</script> امضا شد"
RUSSIAN = "Лавров заявил: «Договор & партнерство»"


class Elements(HTMLParser):
    """Every element as (tag, attributes, its own text)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None], str]] = []
        self.stack: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), ""))
        self.stack.append(len(self.elements) - 1)

    def handle_endtag(self, tag):
        while self.stack:
            if self.elements[self.stack.pop()][0] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            tag, attrs, text = self.elements[self.stack[-1]]
            self.elements[self.stack[-1]] = (tag, attrs, text + data)

    def of(self, tag: str) -> list[tuple[dict[str, str | None], str]]:
        return [(attrs, text) for t, attrs, text in self.elements if t == tag]


def test_text_cells_carry_dir_auto_and_stay_escaped():
    frame = pd.DataFrame({"text": [PERSIAN, RUSSIAN], "n": [3, 4], "share": [0.5, float("nan")]})
    html = table(frame).data
    cells = Elements(html).of("td")
    text_cells = [attrs for attrs, text in cells if text in (PERSIAN, RUSSIAN)]
    assert len(text_cells) == 2 and all(attrs.get("dir") == "auto" for attrs in text_cells)
    numbers = [attrs for attrs, text in cells if text in ("3", "4", "0.500", "\u2013")]
    assert len(numbers) == 4 and all("dir" not in attrs for attrs in numbers)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; партнерство" in html and "&laquo;" not in html  # marks kept as characters


def test_a_long_word_cell_keeps_its_class_beside_dir():
    html = table(pd.DataFrame({"url": ["https://example.org/" + "ا" * 40]})).data
    assert re.search(r'<td dir="auto" class="framing-long">https://', html)


def test_evidence_text_and_document_cells_carry_dir_auto():
    docs = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "title": ["پیمان راهبردی"],
            "outlet": ["ایرنا"],
            "date": pd.to_datetime(["2025-10-02"]),
            "url": [""],
        }
    )
    rows = pd.DataFrame({"unit_id": ["d1:0-10"], "actor": ["araghchi"], "text": [PERSIAN]})
    html = evidence_table(rows, docs).data
    by_text = {text: attrs for attrs, text in Elements(html).of("td")}
    assert by_text[PERSIAN]["dir"] == "auto"
    assert re.search(r'<td dir="auto"><a href="[^"]*#doc-d1">ایرنا, 2025-10-02: پیمان راهبردی</a></td>', html)


def test_highlighted_articles_run_right_to_left_by_paragraph():
    text = "عراقچی گفت: «پیمان <b>امضا</b> شد».\n\nЛавров заявил, что договор подписан."
    start = text.index("«") + 1
    attributions = pd.DataFrame(
        {
            "start": [start],
            "end": [text.index("»")],
            "actor": ["araghchi"],
            "side": ["iran"],
            "type": ["direct"],
            "speaker_start": [0],
            "speaker_end": [6],
            "cue_start": [7],
            "cue_end": [10],
            "quote_id": [0],
        }
    )
    html = highlight_attributions(text, attributions).data
    found = Elements(html)
    paragraphs = [attrs for attrs, _ in found.of("p") if "framing-note" not in (attrs.get("class") or "")]
    assert len(paragraphs) == 2 and all(attrs.get("dir") == "auto" for attrs in paragraphs)
    assert [attrs.get("dir") for attrs, _ in found.of("span") if attrs.get("class") == "framing-label"] == ["ltr"]
    assert "&lt;b&gt;امضا&lt;/b&gt;" in html and "<b>" not in html


def test_article_headings_and_outlets_take_their_own_direction():
    documents = pd.DataFrame(
        {
            "doc_id": ["fa-1"],
            "title": ["پیمان <i>راهبردی</i>"],
            "outlet": ["ایرنا"],
            "date": pd.to_datetime(["2025-10-02"]),
            "text": ["عراقچی گفت که پیمان امضا شد."],
        }
    )
    empty = pd.DataFrame(columns=["doc_id", "start", "end", "actor", "side", "type", "quote_id"])
    html = articles(documents, empty).data
    found = Elements(html)
    assert [attrs.get("dir") for attrs, _ in found.of("h3")] == ["auto"]
    assert [text for _, text in found.of("bdi")] == ["ایرنا"]
    assert "&lt;i&gt;" in html


@pytest.mark.parametrize("template", ["framing_report/index.html.j2", "index/index.html.j2"])
def test_templates_name_fonts_for_cyrillic_and_the_arabic_script(template):
    css = (TEMPLATES / template).read_text(encoding="utf-8")
    stacks = re.findall(r"font-family\s*:\s*([^;]+);", css)
    named = " ".join(stacks)
    for font in ('"Noto Sans"', '"DejaVu Sans"', '"Vazirmatn"', '"Noto Naskh Arabic"', "system-ui", "sans-serif"):
        assert font in named, font
    assert "text-align:left" not in css.replace(" ", "")  # cells align to their text's start


def test_the_index_isolates_voice_labels_and_escapes_them():
    facts = {"voices": [{"letter": "A", "label": "وزارت <b>خارجه</b>", "voice": "side:iran", "size": "3 statements"}]}
    html = index_html([("01.html", "Who speaks", None, "Who?")], {}, facts)
    assert "<bdi>وزارت &lt;b&gt;خارجه&lt;/b&gt;</bdi>" in html
