"""Sentiment of mentions, and net sentiment of the customer voice over time.

Definitions (quoted by the report):

* **Customer voice**: a mention that is not written by a brand account
  (``not is_brand``) and whose ``kind`` is a human post or reply (``post``, ``reply``).
  Shares, auto-replies, internal notes and reactions are not a voice.
* **Sentiment score**: a number in [-1, 1] per mention. Scorer ``auto`` takes the
  export's own sentiment (``sentiment_export``) where the export has one and otherwise the
  built-in scorer of the post's language (English: VADER's algorithm vectorised plus a
  customer-care lexicon; Norwegian: a hand-written lexicon scorer; docs/sentiment.md);
  posts in other languages stay unscored and are counted. ``builtin`` ignores the export;
  ``export`` takes the export's value only; ``vader`` is plain VADER (the baseline). Each
  distinct text is scored once.
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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Literal

import polars as pl

from toolkit.model import HUMAN_KINDS

LABEL_THRESHOLD = 0.05

Scorer = Literal["auto", "builtin", "export", "vader"]


@dataclass(frozen=True)
class SentimentInfo:
    """How the scores were obtained, so the report can say which scorer it trusts."""

    scorer: str
    mode: str
    n_from_export: int
    n_vader: int
    n_unscored: int
    n_builtin_en: int = 0
    n_builtin_no: int = 0
    unscored_by_language: dict[str, int] = field(default_factory=dict)


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
    mentions: pl.DataFrame | pl.LazyFrame,
    scorer: Scorer = "auto",
    norwegian_lexicon: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, SentimentInfo]:
    """Add ``sentiment``, ``sentiment_source`` and ``sentiment_lang`` to every mention.

    The export's own score, when present, is what the client saw in their dashboard, so
    ``auto`` prefers it. Otherwise each post is scored by the built-in scorer of its
    language (the export's language when it says, else detected): English and Norwegian.
    A post in another language, or too short to tell, is left unscored and counted —
    never scored as neutral. ``builtin`` ignores the export; ``export`` uses only the
    export; ``vader`` is plain VADER for every post (the baseline). Built-in scores are put
    on the common scale (cut-offs at ±0.05, see ``scoring.to_common_scale``).
    """
    from toolkit.scoring import (
        ENGLISH_SCORER_NAME,
        ENGLISH_THRESHOLDS,
        score_english,
        to_common_scale,
    )
    from toolkit.scoring.langid import resolve_languages
    from toolkit.scoring.norwegian import (
        NORWEGIAN_THRESHOLDS,
        norwegian_scorer_name,
        score_norwegian,
    )

    if scorer not in ("auto", "builtin", "export", "vader"):
        raise ValueError(f"scorer must be 'auto', 'builtin', 'export' or 'vader', not {scorer!r}")
    df = mentions.collect() if isinstance(mentions, pl.LazyFrame) else mentions
    none = pl.Series([None] * df.height, dtype=pl.Float64)
    export = none if scorer in ("builtin", "vader") else df["sentiment_export"].cast(pl.Float64)
    lang = resolve_languages(df["lang"], df["text"]).alias("sentiment_lang")
    use_builtin = scorer in ("auto", "builtin")
    need = export.is_null()

    def only(mask: pl.Series) -> pl.Series:
        """The texts to send to one scorer; null elsewhere (nulls are not scored)."""
        return pl.select(
            pl.when(mask.fill_null(False)).then(df["text"]).otherwise(None).alias("text")
        )["text"]

    en = none
    no = none
    vader = none
    if use_builtin:
        en = to_common_scale(score_english(only(need & (lang == "en"))), ENGLISH_THRESHOLDS)
        no = to_common_scale(
            score_norwegian(only(need & (lang == "no")), norwegian_lexicon),
            NORWEGIAN_THRESHOLDS,
        )
    elif scorer == "vader":
        vader = vader_scores(df["text"])
    source = (
        pl.when(export.is_not_null())
        .then(pl.lit("export"))
        .when(en.is_not_null())
        .then(pl.lit("builtin-en"))
        .when(no.is_not_null())
        .then(pl.lit("builtin-no"))
        .when(vader.is_not_null())
        .then(pl.lit("vader"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    out = df.with_columns(
        pl.coalesce(export, en, no, vader).alias("sentiment"),
        source.alias("sentiment_source"),
        lang,
    )
    counts = dict(out.group_by("sentiment_source").len().iter_rows())
    unscored = out.filter(pl.col("sentiment_source").is_null())
    why = dict(unscored.group_by(pl.col("sentiment_lang").fill_null("unknown")).len().iter_rows())
    no_name = norwegian_scorer_name(norwegian_lexicon)
    builtin = f"English: {ENGLISH_SCORER_NAME}; Norwegian: {no_name}"
    description = {
        "auto": f"export sentiment where present, else built-in by language ({builtin})",
        "builtin": f"built-in by language ({builtin})",
        "export": "export sentiment only (sentiment_export)",
        "vader": _vader_description(),
    }[scorer]
    info = SentimentInfo(
        scorer=description,
        mode=scorer,
        n_from_export=int(counts.get("export", 0)),
        n_vader=int(counts.get("vader", 0)),
        n_unscored=int(counts.get(None, 0)),
        n_builtin_en=int(counts.get("builtin-en", 0)),
        n_builtin_no=int(counts.get("builtin-no", 0)),
        unscored_by_language={str(k): int(v) for k, v in why.items()},
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
