"""Figures show Cyrillic and Persian labels: every glyph found, in PNG and in SVG (as paths), whatever
the fonts a user's matplotlib settings name."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from analysis.render import plot_frames, plot_term_scatter
from analysis.render.notebooks import save_figure
from analysis.render.plots.style import FONT_FAMILIES, font_families, report_fonts

RUSSIAN = ["договор", "санкции", "партнерство", "суверенитет"]
PERSIAN = ["پیمان", "تحریم‌ها", "همکاری راهبردی", "گفت‌وگو"]
LETTERS = (
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя" + "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ‌«»،؛؟"
)


def _term_table() -> pd.DataFrame:
    terms = RUSSIAN + PERSIAN
    n = len(terms)
    table = pd.DataFrame(
        {
            "term": terms,
            "n": [1] * n,
            "count_a": [5, 4, 0, 1, 6, 0, 3, 2],
            "count_b": [0, 1, 5, 4, 0, 6, 1, 3],
            "rate_a": [10.0, 8.0, 0.0, 2.0, 12.0, 0.0, 6.0, 4.0],
            "rate_b": [0.0, 2.0, 10.0, 8.0, 0.0, 12.0, 2.0, 6.0],
            "score": [2.0, 1.2, -2.0, -1.1, 2.4, -2.4, 0.9, -0.4],
            "p": [0.01] * n,
            "stability": [0.9] * n,
        }
    )
    table.attrs["labels"] = ("МИД России", "وزارت امور خارجه")
    return table


def _frame_shares() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "side": ["russia", "iran"] * 2,
            "frame": ["security", "security", "economy", "economy"],
            "label": ["Безопасность", "Безопасность", "اقتصاد و تجارت", "اقتصاد و تجارت"],
            "n": [12, 9, 12, 9],
            "k": [3, 1, 5, 4],
            "share": [0.25, 0.11, 0.42, 0.44],
            "low": [0.09, 0.02, 0.2, 0.18],
            "high": [0.53, 0.43, 0.66, 0.73],
        }
    )


def _missing_glyphs(make) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = make()
        for fmt in ("png", "svg"):
            fig.savefig(io.BytesIO(), format=fmt)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_dejavu_sans_comes_first_and_covers_cyrillic_and_persian():
    assert font_families()[0] == FONT_FAMILIES[0] == "DejaVu Sans"
    assert set(font_families()) <= set(FONT_FAMILIES)
    charmap = FT2Font(font_manager.findfont("DejaVu Sans", fallback_to_default=False)).get_charmap()
    assert [c for c in LETTERS if c != "\u200c" and ord(c) not in charmap] == []


@pytest.mark.parametrize("user_font", [None, "cmr10"])
def test_term_scatter_and_dot_plot_with_cyrillic_and_persian_labels_miss_no_glyph(user_font):
    settings = {"font.family": user_font} if user_font else {}
    with mpl.rc_context(settings):  # a user whose matplotlib names a font without Cyrillic or Arabic
        assert _missing_glyphs(lambda: plot_term_scatter(_term_table(), n_labels=4)) == []
        assert _missing_glyphs(lambda: plot_frames(_frame_shares())) == []


def test_the_check_sees_a_missing_glyph():
    """The warning the tests above look for is what matplotlib says when a font lacks a letter."""

    def make() -> Figure:
        with mpl.rc_context({"font.family": "cmr10"}):
            fig = Figure()
            fig.text(0.1, 0.5, "Лавров عراقچی")
        return fig

    assert _missing_glyphs(make)


def test_saved_svg_carries_cyrillic_and_persian_glyphs_as_paths(tmp_path):
    with mpl.rc_context({"svg.fonttype": "none", "font.family": "cmr10"}):
        fig = plot_term_scatter(_term_table(), n_labels=4)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a missing glyph fails the test
            _png, svg = save_figure(fig, "scripts", tmp_path)
    text = svg.read_text(encoding="utf-8")
    assert "<text" not in text  # no text left for the reader's fonts
    assert 'id="DejaVuSans-' in text
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert any(label in RUSSIAN for label in labels) and any(label in PERSIAN for label in labels)


def test_figure_texts_are_made_with_the_report_fonts():
    with mpl.rc_context({"font.family": "cmr10"}):
        fig = plot_frames(_frame_shares())
        with report_fonts():
            fig.draw_without_rendering()
    ticks = [t for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert {t.get_text() for t in ticks} == {"Безопасность", "اقتصاد و تجارت"}
    assert all(t.get_fontname() == "DejaVu Sans" for t in [*ticks, fig.axes[0].title])
