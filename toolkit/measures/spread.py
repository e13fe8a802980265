"""How far negative content reached, and the order in which platforms caught fire.

Volume alone treats a post to twelve followers like one to a hundred thousand. Exports
that carry the author's audience (followers, a listening tool's "reach") let the report
estimate exposure; exports without it are said to be without it, never counted as 0.

Definitions (quoted by the report):

* **Negative content**: customer posts, replies *and shares* (a share carries the content
  to the sharer's audience) with sentiment ≤ −0.05.
* **Exposure** of a period = Σ reach over the negative content posted in it, reach = the
  author's audience as the export gives it (followers / reach). It counts *potential*
  impressions: an upper bound of who saw it (not every follower sees every post) and a
  lower bound of spread where rows have no reach. Coverage = share of negative content
  with a reach value, always shown beside it.
* **Caught fire** (per platform): the same robust rule as the incident's onset, on the
  platform's own hourly negative volume — the first period from ``lookback`` (24 h)
  before the incident's onset on whose negative volume exceeds the platform's median +
  z × max(1.4826·MAD, 1) over all periods and is at least ``min_count`` posts. The
  platforms are ordered by it; a platform that never crossed its own threshold did not
  catch fire (listed last, with its volume).
* **Peak** (per platform): the period with the most negative posts from its catching fire
  (or the incident's onset) to the incident's end; ties go to the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import polars as pl

from toolkit.measures.sentiment import LABEL_THRESHOLD
from toolkit.measures.timeline import MAD_TO_SD

CONTENT_KINDS = ["post", "reply", "share"]

PLATFORM_SCHEMA: dict[str, pl.DataType] = {
    "order": pl.Int64(),
    "platform": pl.String(),
    "n_negative": pl.Int64(),
    "share_of_negative": pl.Float64(),
    "first_negative_at": pl.Datetime("us"),
    "caught_fire_at": pl.Datetime("us"),
    "lag_s": pl.Float64(),
    "peak_at": pl.Datetime("us"),
    "peak_count": pl.Int64(),
    "baseline_median": pl.Float64(),
    "threshold": pl.Float64(),
    "exposure": pl.Int64(),
    "n_with_reach": pl.Int64(),
}


@dataclass
class Spread:
    """Exposure per period and platform, and the platforms in the order they caught fire."""

    exposure: pl.DataFrame  # period_start, platform, n_negative, n_with_reach, exposure
    platforms: pl.DataFrame  # PLATFORM_SCHEMA, ordered
    series: pl.DataFrame  # period_start, platform, n_negative (zero-filled, hourly)
    start: datetime | None
    stop: datetime | None
    n_negative: int  # negative content in the window
    n_with_reach: int
    total_exposure: int | None  # None when no negative content in the window has reach
    peak_exposure_at: datetime | None

    @property
    def coverage(self) -> float | None:
        return self.n_with_reach / self.n_negative if self.n_negative else None

    @property
    def first_platform(self) -> str | None:
        fired = self.platforms.filter(pl.col("caught_fire_at").is_not_null())
        return None if fired.is_empty() else fired["platform"][0]


def negative_content_expr() -> pl.Expr:
    return (
        (~pl.col("is_brand"))
        & pl.col("kind").is_in(CONTENT_KINDS)
        & (pl.col("sentiment") <= -LABEL_THRESHOLD).fill_null(False)
    )


def spread(
    mentions: pl.DataFrame,
    onset: datetime | None,
    end: datetime | None,
    every: str | timedelta = "1h",
    z_threshold: float = 3.5,
    min_count: int = 3,
    lookback: timedelta = timedelta(hours=24),
) -> Spread:
    """Exposure over time and the per-platform order; see the module docstring."""
    neg = mentions.filter(negative_content_expr()).with_columns(
        period_start=pl.col("created_at").dt.truncate(every)
    )
    lo = mentions["created_at"].min() if mentions.height else None
    hi = mentions["created_at"].max() if mentions.height else None
    exposure = (
        neg.group_by("period_start", "platform")
        .agg(
            n_negative=pl.len().cast(pl.Int64),
            n_with_reach=pl.col("reach").is_not_null().sum().cast(pl.Int64),
            exposure=pl.col("reach").sum().cast(pl.Int64),
        )
        .sort("period_start", "platform")
    )
    platforms = mentions["platform"].unique().sort()
    if lo is None:
        empty = pl.DataFrame(schema=PLATFORM_SCHEMA)
        return Spread(exposure, empty, pl.DataFrame(), None, None, 0, 0, None, None)
    periods = pl.datetime_range(
        pl.lit(lo).dt.truncate(every), pl.lit(hi).dt.truncate(every), every, eager=True
    ).alias("period_start")
    series = (
        periods.to_frame()
        .join(platforms.to_frame("platform"), how="cross")
        .join(
            exposure.select("period_start", "platform", "n_negative"),
            on=["period_start", "platform"],
            how="left",
        )
        .with_columns(pl.col("n_negative").fill_null(0))
        .sort("platform", "period_start")
    )
    start = onset
    stop = end if end is not None else hi
    t = pl.col("created_at")
    if start is None:
        window = pl.lit(True)
    else:
        window = (t >= start) & ((t < stop) if end is not None else (t <= stop))
    in_win = neg.filter(window)
    per_platform = in_win.group_by("platform").agg(
        n_negative=pl.len().cast(pl.Int64),
        first_negative_at=t.min(),
        exposure=pl.col("reach").sum().cast(pl.Int64),
        n_with_reach=pl.col("reach").is_not_null().sum().cast(pl.Int64),
    )
    # Each platform's own robust threshold over all its periods.
    stats = (
        series.group_by("platform")
        .agg(
            baseline_median=pl.col("n_negative").median(),
            _mad=(pl.col("n_negative") - pl.col("n_negative").median()).abs().median(),
        )
        .with_columns(
            threshold=pl.col("baseline_median")
            + z_threshold * pl.max_horizontal(MAD_TO_SD * pl.col("_mad"), pl.lit(1.0))
        )
    )
    s = series.join(stats, on="platform")
    search_from = (start - lookback) if start is not None else lo
    fired = (
        s.filter(
            (pl.col("period_start") >= pl.lit(search_from).dt.truncate(every))
            & (pl.col("n_negative") > pl.col("threshold"))
            & (pl.col("n_negative") >= min_count)
            & (pl.col("period_start") <= stop)
        )
        .group_by("platform")
        .agg(caught_fire_at=pl.col("period_start").min())
    )
    s = s.join(fired, on="platform", how="left")
    peak_from = pl.coalesce(pl.col("caught_fire_at"), pl.lit(start or lo))
    peaks = (
        s.filter((pl.col("period_start") >= peak_from) & (pl.col("period_start") <= stop))
        .sort("platform", "n_negative", "period_start", descending=[False, True, False])
        .group_by("platform", maintain_order=True)
        .agg(peak_at=pl.col("period_start").first(), peak_count=pl.col("n_negative").first())
    )
    total_neg = int(in_win.height)
    table = (
        stats.join(fired, on="platform", how="left")
        .join(peaks, on="platform", how="left")
        .join(per_platform, on="platform", how="left")
        .with_columns(pl.col("n_negative", "n_with_reach").fill_null(0))
        .with_columns(
            share_of_negative=pl.col("n_negative") / total_neg if total_neg else pl.lit(None),
            exposure=pl.when(pl.col("n_with_reach") > 0).then(pl.col("exposure")),
            peak_count=pl.when(pl.col("peak_count") > 0).then(pl.col("peak_count")),
        )
        .with_columns(
            peak_at=pl.when(pl.col("peak_count").is_not_null()).then(pl.col("peak_at")),
        )
        .sort(
            ["caught_fire_at", "first_negative_at", "n_negative", "platform"],
            descending=[False, False, True, False],
            nulls_last=True,
        )
        .with_columns(order=pl.int_range(1, pl.len() + 1, dtype=pl.Int64))
    )
    first_fire = table["caught_fire_at"].drop_nulls().min() if table.height else None
    table = (
        table.with_columns(
            lag_s=(pl.col("caught_fire_at") - pl.lit(first_fire)).dt.total_seconds(fractional=True)
            if first_fire is not None
            else pl.lit(None, pl.Float64)
        )
        .select(list(PLATFORM_SCHEMA))
        .cast(PLATFORM_SCHEMA)
    )
    n_reach = int(in_win["reach"].is_not_null().sum())
    total_exposure = int(in_win["reach"].sum()) if n_reach else None
    win_exp = (
        in_win.group_by("period_start")
        .agg(e=pl.col("reach").sum())
        .sort("e", "period_start", descending=[True, False])
    )
    peak_exp = win_exp["period_start"][0] if n_reach and win_exp.height else None
    return Spread(
        exposure, table, series, start, stop, total_neg, n_reach, total_exposure, peak_exp
    )
