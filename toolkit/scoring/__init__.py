"""Per-post sentiment scorers.

* :func:`score_english` - the English scorer: VADER's algorithm vectorised in Polars plus a
  hand-written customer-care / crisis layer (docs/sentiment.md). Float64 in [-1, 1], null for
  null text; each distinct text is scored once.
* :func:`english_label` - positive / negative / neutral by :data:`ENGLISH_THRESHOLDS`.
* :func:`vader_reference` - the real vaderSentiment compound, for comparison.
* :mod:`toolkit.scoring.evaluate` - accuracy / macro-F1 against human labels, and the
  deterministic tune / held-out split.
"""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version
from typing import NamedTuple

import polars as pl

from toolkit.scoring import lexicon_en
from toolkit.scoring.english import explain, score_texts


class Thresholds(NamedTuple):
    """A score >= ``positive`` is positive, <= ``negative`` is negative, else neutral."""

    negative: float
    positive: float


#: VADER's published cut-offs (compound >= 0.05 positive, <= -0.05 negative).
VADER_THRESHOLDS = Thresholds(negative=-0.05, positive=0.05)

#: Cut-offs of :func:`score_english`: the two numbers calibrated (not learned) on the tune half
#: of the airline set by a 0.05-step grid; the positive cut-off is higher than VADER's because
#: the politeness of customer-care posts ("thanks", "please") is not praise
#: (docs/sentiment.md, "Thresholds").
ENGLISH_THRESHOLDS = Thresholds(negative=-0.05, positive=0.35)

ENGLISH_SCORER_VERSION = "1.0"


def _vader_version() -> str:
    try:
        return version("vaderSentiment")
    except PackageNotFoundError:  # pragma: no cover - vaderSentiment is a dependency
        return "unknown"


#: Descriptive name of the English scorer, quoted by the report.
ENGLISH_SCORER_NAME = (
    f"crisis-en {ENGLISH_SCORER_VERSION}: VADER {_vader_version()} algorithm (vectorised, "
    f"Polars) + customer-care lexicon ({len(lexicon_en.WORDS)} words, "
    f"{len(lexicon_en.phrases())} phrases); neutral band "
    f"({ENGLISH_THRESHOLDS.negative}, {ENGLISH_THRESHOLDS.positive})"
)


def score_english(texts: pl.Series) -> pl.Series:
    """Sentiment of each English text in [-1, 1] (Float64); null text gives null.

    Same length, order and name as ``texts``; each distinct text is scored once.
    """
    return score_texts(texts, domain=True)


def score_vader_vectorised(texts: pl.Series) -> pl.Series:
    """Plain VADER compound, re-implemented in Polars (no domain layer)."""
    return score_texts(texts, domain=False)


def english_label(scores: pl.Series, thresholds: Thresholds = ENGLISH_THRESHOLDS) -> pl.Series:
    """``positive`` / ``negative`` / ``neutral`` per score (null stays null)."""
    s = scores.cast(pl.Float64)
    labels = pl.select(
        pl.when(s >= thresholds.positive)
        .then(pl.lit("positive"))
        .when(s <= thresholds.negative)
        .then(pl.lit("negative"))
        .when(s.is_not_null())
        .then(pl.lit("neutral"))
    ).to_series()
    return labels.rename(scores.name)


@functools.cache
def _analyzer():  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_reference(texts: pl.Series) -> pl.Series:
    """The real vaderSentiment compound per text (one Python call per distinct text)."""
    texts = texts.cast(pl.String)
    distinct = texts.drop_nulls().unique()
    analyzer = _analyzer()
    scores = pl.Series(
        [float(analyzer.polarity_scores(t)["compound"]) for t in distinct.to_list()],
        dtype=pl.Float64,
    )
    return texts.replace_strict(distinct, scores, default=None, return_dtype=pl.Float64).rename(
        texts.name
    )


__all__ = [
    "ENGLISH_SCORER_NAME",
    "ENGLISH_SCORER_VERSION",
    "ENGLISH_THRESHOLDS",
    "VADER_THRESHOLDS",
    "Thresholds",
    "english_label",
    "explain",
    "score_english",
    "score_vader_vectorised",
    "vader_reference",
]


def to_common_scale(scores: pl.Series, thresholds: Thresholds) -> pl.Series:
    """Rescale scores so a scorer's own cut-offs fall at ±0.05, the toolkit-wide label rule.

    Every measure downstream (negative volume, net sentiment, the tips) labels a post
    positive at >= 0.05 and negative at <= -0.05. A scorer calibrated with other cut-offs
    (the English one is neutral up to 0.35) is mapped piecewise-linearly and monotonically
    onto that rule: [-1, neg] -> [-1, -0.05], [neg, pos] -> [-0.05, 0.05],
    [pos, 1] -> [0.05, 1]. Order and labels are kept; nothing is re-fitted.
    """
    lo, hi = thresholds.negative, thresholds.positive
    if (lo, hi) == (-0.05, 0.05):
        return scores
    x = pl.col("s")
    out = pl.DataFrame({"s": scores}).select(
        pl.when(x <= lo)
        .then(-1 + (x + 1) * (0.95 / (lo + 1)))
        .when(x < hi)
        .then(-0.05 + (x - lo) * (0.10 / (hi - lo)))
        .otherwise(0.05 + (x - hi) * (0.95 / (1 - hi)))
        .alias("s")
    )["s"]
    return out.rename(scores.name)
