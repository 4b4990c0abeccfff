"""Figures: each returns a Figure with title, labels and caption, on real, tiny and empty data."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # after choosing the backend
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.render import plot_frames, plot_keyness, plot_term_scatter
from analysis.resampling import Resampling
from analysis.salience import KEYNESS_COLUMNS, SmallSampleWarning, frame_shares, keyness

IRAN = "Iran rejects unilateral sanctions. Sanctions violate international law. Iran defends sovereignty."
RUSSIA = "Russia values the strategic partnership. The partnership treaty deepens cooperation with Iran."


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallSampleWarning)
        return keyness(IRAN, RUSSIA, min_count=1, stability=Resampling(n_resamples=30), labels=("Iran", "Russia"))


def check(fig: Figure, *, title: str) -> None:
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert title in ax.get_title()
    assert ax.get_xlabel() and ax.get_ylabel()
    assert fig.texts and fig.texts[-1].get_text()  # the caption
    fig.savefig(io.BytesIO(), format="png")  # renders without error


def all_text(fig: Figure) -> str:
    ax = fig.axes[0]
    return " ".join(" ".join([t.get_text() for t in ax.texts] + [t.get_text() for t in fig.texts]).split())


def test_keyness_bars_show_counts_and_stability(table):
    fig = plot_keyness(table, n=3, source="test corpus")
    check(fig, title="Iran against Russia")
    text = all_text(fig)
    assert "2 | 0" in text and "%" in text  # counts and stability at the bars
    assert "Source: test corpus" in text and "Small sample" in text
    assert len(fig.axes[0].patches) == 6
    assert "log-odds" in fig.axes[0].get_xlabel()


def test_term_scatter_labels_top_terms(table):
    fig = plot_term_scatter(table, n_labels=2)
    check(fig, title="Term rates")
    labels = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "sanctions" in labels and "partnership" in labels
    assert "rate in Iran" in fig.axes[0].get_xlabel()


def test_frames_dot_plot_with_intervals():
    units = pd.DataFrame(
        {
            "unit_id": ["d:0-1", "d:2-3", "d:4-5"],
            "doc_id": "d",
            "start": [0, 2, 4],
            "end": [1, 3, 5],
            "text": ["Sanctions are illegal.", "Trade grows.", "We oppose Western sanctions."],
            "actor": ["iran_mfa", "iran_mfa", "lavrov"],
            "side": ["iran", "iran", "russia"],
        }
    )
    shares = frame_shares(units, by="side")
    fig = plot_frames(shares, source="test")
    check(fig, title="Frames by side")
    assert "Wilson" in all_text(fig) and "fewer than 30" in all_text(fig)
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["iran (n=2)", "russia (n=1)"]
    only_russia = plot_frames(shares, voices=["russia"])
    assert [t.get_text() for t in only_russia.legends[0].get_texts()] == ["russia (n=1)"]


def test_tiny_and_empty_tables_still_give_a_labelled_figure(table):
    one_row = table.head(1)
    check(plot_keyness(one_row), title="against")
    check(plot_term_scatter(one_row), title="Term rates")
    empty = pd.DataFrame(columns=KEYNESS_COLUMNS)
    check(plot_keyness(empty), title="a against b")
    check(plot_term_scatter(empty), title="a against b")
    assert "no terms" in all_text(plot_keyness(empty))
    no_frames = pd.DataFrame(columns=["side", "frame", "label", "n", "k", "share", "low", "high"])
    check(plot_frames(no_frames), title="Frames")


def test_figures_leave_pyplot_alone(table):
    before = plt.get_fignums()
    plot_keyness(table)
    plot_term_scatter(table)
    assert plt.get_fignums() == before


def test_a_large_corpus_is_drawn_as_distributions_not_one_bar_per_document():
    import time

    from analysis.render import plot_corpus_sizes

    n = 5_000
    summary = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(n)],
            "title": [f"Title {i}" for i in range(n)],
            "outlet": [f"Outlet {i % 40}" for i in range(n)],
            "sentences": [5 + i % 50 for i in range(n)],
            "words": [100 + i % 700 for i in range(n)],
        }
    )
    started = time.process_time()
    fig = plot_corpus_sizes(summary)
    fig.savefig(io.BytesIO(), format="png")
    assert time.process_time() - started < 20  # one bar per document took minutes
    length, outlets = fig.axes
    assert length.get_title() == "Length of the 5,000 documents"
    assert sum(p.get_height() for p in length.patches) == n  # every document is in the histogram
    labels = [t.get_text() for t in outlets.get_yticklabels()]
    assert len(labels) == 16 and labels[-1] == "25 other outlets"
    assert sum(p.get_width() for p in outlets.patches) == n
    few = plot_corpus_sizes(summary.head(3))
    assert len(few.axes) == 1 and len(few.axes[0].patches) == 3
