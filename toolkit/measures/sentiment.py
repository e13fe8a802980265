"""Sentiment of mentions, and net sentiment of the customer voice over time.

Definitions (quoted by the report):

* **Customer voice**: a mention that is not written by a brand account
  (``not is_brand``) and whose ``kind`` is a human post or reply (``post``, ``reply``).
  Shares, auto-replies, internal notes and reactions are not a voice.
* **Sentiment score**: a number in [-1, 1] per mention. Scorer ``auto`` takes the
  export's own sentiment (``sentiment_export``) where the export has one and the VADER
  compound score of the text otherwise; ``export`` takes the export's value only (rows
  without one stay unscored); ``vader`` always takes VADER. Each distinct text is scored
  once, so a text posted a thousand times is still one VADER call.
* **Label**: ``positive`` when the score is >= 0.05, ``negative`` when it is <= -0.05,
  ``neutral`` otherwise (VADER's published cut-offs). An unscored mention has no label.
* **Net sentiment** of a period: (positive − negative) / (positive + negative) among the
  customer voices posted in it; undefined (null) when the period has neither positive nor
  negative posts. ``n_posts`` counts every customer voice in the period, including any
  left unscored, so the label counts may add up to less than ``n_posts``.
* **Periods** are calendar periods of the display zone (a day runs midnight to midnight
  in that zone, so it lasts 23 or 25 hours on daylight-saving days); every period between
  the start and the end is listed, empty ones with zero counts and a null net.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Literal

import polars as pl

from toolkit.model import HUMAN_KINDS

LABEL_THRESHOLD = 0.05

Scorer = Literal["auto", "export", "vader"]


@dataclass(frozen=True)
class SentimentInfo:
    """How the scores were obtained, so the report can say which scorer it trusts."""

    scorer: str
    mode: str
    n_from_export: int
    n_vader: int
    n_unscored: int


@functools.cache
def _analyzer():  # type: ignore[no-untyped-def]
    """Build the VADER analyzer once per process: loading its lexicon is the slow part."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _vader_description() -> str:
    try:
        v = version("vaderSentiment")
    except PackageNotFoundError:  # pragma: no cover - vaderSentiment is a dependency
        v = "unknown version"
    return f"VADER {v} compound (vaderSentiment)"


def vader_scores(texts: pl.Series) -> pl.Series:
    """VADER compound score per text, each distinct text scored once.

    Crises are full of copy-pasted complaints and retweets, so scoring unique texts and
    mapping back keeps the cost proportional to what was actually said. Null stays null.
    """
    uniq = texts.drop_nulls().unique(maintain_order=True)
    analyzer = _analyzer()
    scores = [float(analyzer.polarity_scores(t)["compound"]) for t in uniq.to_list()]
    return texts.replace_strict(
        uniq, pl.Series(scores, dtype=pl.Float64), default=None, return_dtype=pl.Float64
    ).rename(texts.name)


def assign_sentiment(
    mentions: pl.DataFrame | pl.LazyFrame, scorer: Scorer = "auto"
) -> tuple[pl.DataFrame, SentimentInfo]:
    """Add ``sentiment`` and ``sentiment_source`` to every mention.

    The export's own score, when present, reflects the vendor's (often language-aware)
    model and is what the client saw in their dashboard, so ``auto`` prefers it; VADER is
    the transparent fallback. ``sentiment_source`` is null where no score could be given,
    and the counts are over all rows passed in (brand rows included), so the report can
    state exactly how much of the data each scorer covered.
    """
    if scorer not in ("auto", "export", "vader"):
        raise ValueError(f"scorer must be 'auto', 'export' or 'vader', not {scorer!r}")
    df = mentions.collect() if isinstance(mentions, pl.LazyFrame) else mentions

    if scorer == "export":
        export = df["sentiment_export"].cast(pl.Float64)
        vader = pl.Series("vader", [None] * df.height, dtype=pl.Float64)
    elif scorer == "vader":
        export = pl.Series("export", [None] * df.height, dtype=pl.Float64)
        vader = vader_scores(df["text"])
    else:
        export = df["sentiment_export"].cast(pl.Float64)
        # Only texts the export left unscored go to VADER.
        needed = df.select(
            pl.when(pl.col("sentiment_export").is_null()).then(pl.col("text")).alias("text")
        )["text"]
        vader = vader_scores(needed)

    out = df.with_columns(
        pl.coalesce(export, vader).alias("sentiment"),
        pl.when(export.is_not_null())
        .then(pl.lit("export"))
        .when(vader.is_not_null())
        .then(pl.lit("vader"))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias("sentiment_source"),
    )
    counts = out["sentiment_source"].value_counts()
    by_source = dict(
        zip(counts["sentiment_source"].to_list(), counts["count"].to_list(), strict=True)
    )
    description = {
        "auto": f"export sentiment where present, else {_vader_description()}",
        "export": "export sentiment only (sentiment_export)",
        "vader": _vader_description(),
    }[scorer]
    info = SentimentInfo(
        scorer=description,
        mode=scorer,
        n_from_export=int(by_source.get("export", 0)),
        n_vader=int(by_source.get("vader", 0)),
        n_unscored=int(by_source.get(None, 0)),
    )
    return out, info


def label_expr(col: str = "sentiment", threshold: float = LABEL_THRESHOLD) -> pl.Expr:
    """Three-way label, named ``<col>_label``.

    The neutral band keeps near-zero scores from counting as opinion.
    """
    c = pl.col(col)
    return (
        pl.when(c >= threshold)
        .then(pl.lit("positive"))
        .when(c <= -threshold)
        .then(pl.lit("negative"))
        .when(c.is_not_null())
        .then(pl.lit("neutral"))
        .otherwise(pl.lit(None, dtype=pl.String))
        .alias(f"{col}_label")
    )


def customer_voice_expr() -> pl.Expr:
    """Customers speaking: brand posts and non-human kinds would dilute their voice."""
    return (~pl.col("is_brand")) & pl.col("kind").is_in(list(HUMAN_KINDS))


def to_utc_naive(ts: datetime) -> datetime:
    """Stored times are naive UTC; accept aware instants from callers and normalise them."""
    return ts.astimezone(UTC).replace(tzinfo=None) if ts.tzinfo is not None else ts


def _local_periods(utc_naive: pl.Expr, every: str, tz: str) -> pl.Expr:
    return utc_naive.dt.replace_time_zone("UTC").dt.convert_time_zone(tz).dt.truncate(every)


def net_sentiment(
    mentions: pl.DataFrame | pl.LazyFrame,
    every: str = "1d",
    start: datetime | None = None,
    end: datetime | None = None,
    tz: str = "UTC",
) -> pl.DataFrame:
    """Net sentiment of the customer voice per calendar period of zone ``tz``.

    Periods follow the reader's calendar (a "day" in Oslo starts at local midnight), so
    the chart matches the days people remember. ``start``/``end`` are instants (naive
    means UTC); the periods containing them and all between are listed and counted in
    full. By default they are the first and last mention in the frame, all rows counted,
    so quiet days at the edges of the export show up as zero rather than vanish.
    Needs the ``sentiment`` column from :func:`assign_sentiment`.
    """
    lf = mentions.lazy()
    period_dtype = pl.Datetime("us", tz)
    bounds = lf.select(
        pl.col("created_at").min().alias("lo"), pl.col("created_at").max().alias("hi")
    ).collect()
    lo = to_utc_naive(start) if start is not None else bounds["lo"][0]
    hi = to_utc_naive(end) if end is not None else bounds["hi"][0]
    schema = {
        "period_start": period_dtype,
        "n_posts": pl.Int64(),
        "n_positive": pl.Int64(),
        "n_negative": pl.Int64(),
        "n_neutral": pl.Int64(),
        "net": pl.Float64(),
    }
    if lo is None or hi is None or lo > hi:
        return pl.DataFrame(schema=schema)

    edges = pl.select(
        _local_periods(pl.lit(lo, dtype=pl.Datetime("us")), every, tz).alias("lo"),
        _local_periods(pl.lit(hi, dtype=pl.Datetime("us")), every, tz).alias("hi"),
    )
    grid = pl.select(
        pl.datetime_range(edges["lo"][0], edges["hi"][0], every, time_zone=tz)
        .dt.cast_time_unit("us")
        .alias("period_start")
    )

    counts = (
        lf.filter(customer_voice_expr())
        .with_columns(
            _local_periods(pl.col("created_at"), every, tz).alias("period_start"),
            label_expr("sentiment").alias("_label"),
        )
        # Whole periods: a period that contains ``start`` is counted in full.
        .filter(pl.col("period_start").is_between(edges["lo"][0], edges["hi"][0]))
        .group_by("period_start")
        .agg(
            pl.len().alias("n_posts"),
            (pl.col("_label") == "positive").sum().alias("n_positive"),
            (pl.col("_label") == "negative").sum().alias("n_negative"),
            (pl.col("_label") == "neutral").sum().alias("n_neutral"),
        )
        .collect()
    )
    out = grid.join(counts, on="period_start", how="left", maintain_order="left")
    n_cols = ["n_posts", "n_positive", "n_negative", "n_neutral"]
    out = out.with_columns(pl.col(n_cols).fill_null(0).cast(pl.Int64))
    polar = pl.col("n_positive") + pl.col("n_negative")
    out = out.with_columns(
        pl.when(polar > 0)
        .then((pl.col("n_positive") - pl.col("n_negative")) / polar)
        .otherwise(None)
        .cast(pl.Float64)
        .alias("net")
    )
    return out.select(list(schema)).cast(schema)  # type: ignore[arg-type]
