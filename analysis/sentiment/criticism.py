"""Voices and targets: sentiment towards each target, and who criticises whom, with evidence.

:func:`target_sentiment` gives the mean sentiment (with its interval) of each voice's
sentences that mention each target; :func:`criticism_table` counts them.

A voice's mean sentiment mixes everything it said: a minister's mean can be driven by his
attacks on third countries, not by what he said about the partner or the treaty. This table
keeps the targets apart. For each voice (actor, side, outlet...) and each target of
``targets.yml`` it counts the voice's sentences that mention the target (see
:func:`analysis.sentiment.targets.target_mentions`; side-relative targets such as "the partner"
use the speaker's side) and how many of them are negative, neutral and positive, with the ids
of the negative and positive sentences -- for example the Russian ministry's negative
sentences naming the European trio.

A sentence that mentions two targets counts for both: "We condemn the sanctions imposed on our
partner" criticises the sanctions, not the partner. ``sole=True`` keeps only the sentences that
mention exactly one target, the clearest evidence of whom a statement is about (fewer
sentences, less ambiguity). Diplomatic boilerplate (condolences, condemnations of terrorism) is
courtesy, not criticism, and is left out unless ``exclude_boilerplate=False``.

Examples
--------
>>> import pandas as pd
>>> scored = pd.DataFrame({"unit_id": ["d:0-9", "d:10-19", "d:20-29"], "source": ["quote"] * 3,
...     "actor": ["russia_mfa"] * 3, "side": ["russia"] * 3, "outlet": ["W"] * 3,
...     "text": ["The ministry accused the E3 of undermining a peaceful solution.",
...              "The European trio acted irresponsibly.", "Cooperation with Tehran is growing."],
...     "compound": [-0.85, -0.4, 0.3]})
>>> table = criticism_table(scored)
>>> table[["voice", "target", "n", "n_negative", "n_positive", "negative_ids"]].values.tolist()
... # doctest: +NORMALIZE_WHITESPACE
[['russia_mfa', 'partner', 1, 0, 1, []], ['russia_mfa', 'iran', 1, 0, 1, []],
 ['russia_mfa', 'west', 1, 1, 0, ['d:0-9']], ['russia_mfa', 'european_trio', 2, 2, 0, ['d:0-9', 'd:10-19']]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..errors import AnalysisError
from ..resampling import Resampling
from ..schema import columns
from ..voices.voice import Voice, as_voice
from .methods import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD
from .stats import check_scored, default_voices, summarise_group, summary_frame
from .targets import TargetRegistry, load_targets, target_mentions

__all__ = ["CRITICISM_COLUMNS", "target_sentiment", "criticism_table", "criticism_matrix"]

#: Columns of :func:`criticism_table`.
CRITICISM_COLUMNS = columns("criticism")


def criticism_table(
    scored: pd.DataFrame,
    *,
    targets: TargetRegistry | None = None,
    voices: Sequence[str] | None = None,
    actors: Any = None,
    sole: bool = False,
    exclude_boilerplate: bool = True,
    include_empty: bool = False,
) -> pd.DataFrame:
    """Count each voice's negative and positive sentences about each target, with their ids.

    Parameters
    ----------
    scored
        Scored sentence units of utterances (:func:`analysis.score_units`; needs ``unit_id``,
        ``text``, ``compound`` and the voice columns ``actor``, ``side``, ``source``, ``outlet``).
    targets
        The targets (default: :func:`analysis.sentiment.targets.load_targets`).
    voices
        The voices, in order (default: every actor, then the outlet).
    actors
        The actor registry, for the ``label`` column; optional.
    sole
        Count only sentences that mention exactly one target.
    exclude_boilerplate
        Leave out sentences flagged as diplomatic boilerplate (default).
    include_empty
        Keep voice x target pairs without a sentence.

    Returns
    -------
    pandas.DataFrame
        :data:`CRITICISM_COLUMNS`, one row per voice x target (targets in registry order):
        ``n`` sentences mentioning the target, how many are negative (compound <= -0.05),
        neutral and positive (>= 0.05), the shares, the mean compound, and the unit ids of the
        negative and of the positive sentences.

    Raises
    ------
    AnalysisError
        When the table lacks a needed column.
    """
    missing = {"unit_id", "text", "compound", "actor", "side", "source", "outlet"} - set(scored.columns)
    if missing:
        raise AnalysisError(f"the scored table lacks {', '.join(sorted(missing))}: score the units of utterances")
    used = scored
    if exclude_boilerplate and "boilerplate" in scored:
        used = scored[~scored["boilerplate"].fillna(False).astype(bool)]
    registry = targets if targets is not None else load_targets()
    mentions = target_mentions(used, registry)
    if sole and not mentions.empty:
        counts = mentions.groupby("unit_id")["target"].transform("size")
        mentions = mentions[counts == 1]
    about = {t.id: set(mentions.loc[mentions["target"] == t.id, "unit_id"].astype(str)) for t in registry}
    unit_ids = used["unit_id"].astype(str)
    compound = used["compound"].astype(float)
    rows = []
    for voice in list(voices) if voices is not None else default_voices(used):
        parsed = as_voice(voice, actors)
        in_voice = parsed.mask(used)
        label = parsed.label(actors)
        for target in registry:
            chosen = in_voice & unit_ids.isin(about[target.id])
            n = int(chosen.sum())
            if n == 0 and not include_empty:
                continue
            values = compound[chosen]
            negative = values <= NEGATIVE_THRESHOLD
            positive = values >= POSITIVE_THRESHOLD
            rows.append(
                {
                    "voice": str(parsed),
                    "label": label,
                    "target": target.id,
                    "target_name": target.name,
                    "n": n,
                    "n_negative": int(negative.sum()),
                    "n_neutral": int(n - negative.sum() - positive.sum()),
                    "n_positive": int(positive.sum()),
                    "share_negative": float(negative.mean()) if n else float("nan"),
                    "share_positive": float(positive.mean()) if n else float("nan"),
                    "mean": float(values.mean()) if n else float("nan"),
                    "negative_ids": unit_ids[chosen][negative.to_numpy()].tolist(),
                    "positive_ids": unit_ids[chosen][positive.to_numpy()].tolist(),
                }
            )
    table = pd.DataFrame(rows, columns=CRITICISM_COLUMNS)
    table.attrs.update({"sole": sole, "exclude_boilerplate": exclude_boilerplate, "targets": registry.source})
    return table.astype({"n": "int64", "n_negative": "int64", "n_neutral": "int64", "n_positive": "int64"})


def criticism_matrix(table: pd.DataFrame, *, value: str = "n_negative") -> pd.DataFrame:
    """Pivot a :func:`criticism_table` into voice x target (rows and columns in the table's order).

    Examples
    --------
    >>> table = pd.DataFrame({"voice": ["a", "a", "b"], "target": ["x", "y", "x"], "n_negative": [2, 0, 1]})
    >>> criticism_matrix(table).values.tolist()
    [[2, 0], [1, 0]]
    """
    if table.empty:
        return pd.DataFrame()
    voices = list(dict.fromkeys(table["voice"]))
    targets = list(dict.fromkeys(table["target"]))
    matrix = table.pivot_table(index="voice", columns="target", values=value, aggfunc="sum", fill_value=0)
    return matrix.reindex(index=voices, columns=targets, fill_value=0).rename_axis(index=None, columns=None)


def target_sentiment(
    scored: pd.DataFrame,
    *,
    targets: TargetRegistry | None = None,
    voices: Sequence[str | Voice] | None = None,
    actors: Any = None,
    exclude_boilerplate: bool = False,
    include_empty: bool = False,
    resampling: Resampling | None = None,
) -> pd.DataFrame:
    """Sentiment of each voice's sentences that mention each target: the voice x target table.

    A sentence mentions a target when one of its aliases occurs in it
    (:func:`analysis.sentiment.targets.target_mentions`; side-relative targets such as "the
    partner" use the speaker's side). The score is the sentence's, not a score *towards* the
    target: "we condemn the sanctions against our partner" mentions both and counts, negative,
    for both.

    Parameters
    ----------
    scored
        Scored sentence units of utterances (with ``side`` for side-relative targets).
    targets
        The targets (default: :func:`analysis.sentiment.targets.load_targets`).
    voices
        The voices (default: :func:`default_voices`, every actor then the outlet).
    actors
        The actor registry: an institution's voice then holds its members' statements.
    include_empty
        Keep voice x target pairs without any sentence (``n = 0``).
    exclude_boilerplate, resampling
        As :func:`~analysis.sentiment.stats.aggregate_sentiment`.

    Returns
    -------
    pandas.DataFrame
        ``voice``, ``target``, ``target_name`` and :data:`SENTIMENT_SUMMARY_COLUMNS`.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["a", "b"], "source": ["quote"] * 2, "actor": ["lavrov"] * 2,
    ...     "side": ["russia"] * 2, "outlet": ["W"] * 2, "compound": [0.6, -0.4],
    ...     "text": ["The treaty with Tehran is a success.", "Sanctions are illegal."]})
    >>> target_sentiment(units)[["voice", "target", "n", "mean"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['lavrov', 'treaty', 1, 0.6], ['lavrov', 'partner', 1, 0.6], ['lavrov', 'iran', 1, 0.6],
     ['lavrov', 'sanctions', 1, -0.4]]
    """
    check_scored(scored, voices=True)
    options = resampling if resampling is not None else Resampling()
    registry = targets if targets is not None else load_targets()
    mentions = target_mentions(scored, registry)
    mentioning = {t.id: set(mentions.loc[mentions["target"].eq(t.id), "unit_id"].astype(str)) for t in registry}
    chosen = list(voices) if voices is not None else default_voices(scored)
    unit_ids = scored["unit_id"].astype(str)
    rows = []
    for voice in chosen:
        in_voice = as_voice(voice, actors).mask(scored)
        for target in registry:
            group = scored[in_voice & unit_ids.isin(mentioning[target.id])]
            if group.empty and not include_empty:
                continue
            rows.append(
                {
                    "voice": voice,
                    "target": target.id,
                    "target_name": target.name,
                    **summarise_group(group, exclude_boilerplate=exclude_boilerplate, resampling=options),
                }
            )
    return summary_frame(rows, ["voice", "target", "target_name"], options.level)
