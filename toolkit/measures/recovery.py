"""Whether, and how fast, net sentiment came back to its pre-crisis level.

Definitions (quoted by the report), on the daily net-sentiment series:

* **Baseline**: the mean and sample standard deviation of net sentiment over the
  ``baseline_periods`` (7) periods that end at or before the onset; days without a net
  value are skipped. Fewer than ``min_baseline_periods`` (3) values: not assessable.
* **Smoothed** net sentiment: the trailing mean over ``smooth`` (3) periods, the current
  one included, skipping days without a value (a day with no value in its whole window
  stays without one). Smoothing stops one good or bad day from deciding the answer.
* **Trough**: the lowest smoothed value from the period containing the onset onwards
  (the first one on ties). **Depth** = baseline mean − trough value.
* **Tolerance**: the given one, else the larger of the baseline standard deviation and
  0.05: a return to within normal day-to-day variation counts as a return.
* **Recovered at**: the start of the first period at or after the trough that begins a
  run of ``consecutive`` (2) periods whose smoothed value is >= baseline mean − tolerance;
  a period without a smoothed value breaks the run. Recovery time is measured from the
  onset and from the trough (never below zero: a recovery inside the onset's own period
  counts as zero). No such run means "not recovered by the end of the data", which is a
  finding, not a failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import polars as pl

NOT_RECOVERED = "not recovered by the end of the data"
MIN_TOLERANCE = 0.05


@dataclass(frozen=True, eq=False)
class Recovery:
    """Recovery verdict plus the smoothed series (``series``) so a chart can show it."""

    status: str  # "ok" or "not_assessable"
    reason: str | None
    baseline_mean: float | None
    baseline_sd: float | None
    baseline_n: int
    tolerance_used: float | None
    trough_at: datetime | None
    trough_value: float | None
    depth: float | None
    recovered: bool | None
    recovered_at: datetime | None
    recovery_from_onset: timedelta | None
    recovery_from_trough: timedelta | None
    series: pl.DataFrame


def _aware(ts: datetime, tz: str | None) -> datetime:
    """Naive instants are UTC by the project's convention; compare in the series' zone."""
    aware = ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)
    if tz is None:
        return aware.astimezone(UTC).replace(tzinfo=None)
    return aware.astimezone(ZoneInfo(tz))


def sentiment_recovery(
    net: pl.DataFrame | pl.LazyFrame,
    onset: datetime,
    baseline_periods: int = 7,
    smooth: int = 3,
    consecutive: int = 2,
    tolerance: float | None = None,
    min_baseline_periods: int = 3,
    every: str = "1d",
) -> Recovery:
    """Measure dip and recovery of net sentiment around a known onset.

    ``net`` is the zero-filled frame from ``net_sentiment`` (period length ``every``);
    ``onset`` is an instant, naive meaning UTC. The baseline uses only whole periods
    before the onset so the first hours of the crisis cannot pull it down.
    """
    df = (
        net.lazy()
        .select("period_start", pl.col("net").cast(pl.Float64))
        .sort("period_start")
        .collect()
    )
    dtype = df.schema["period_start"]
    tz = getattr(dtype, "time_zone", None)
    onset_cmp = _aware(onset, tz)
    onset_aware = _aware(onset, "UTC")

    ps = pl.col("period_start")
    df = df.with_columns(
        pl.col("net").rolling_mean(smooth, min_samples=1).alias("smoothed"),
        ps.dt.offset_by(every).alias("_period_end"),
    )
    series = df.select("period_start", "net", "smoothed")

    def not_assessable(reason: str, **fields: object) -> Recovery:
        base: dict[str, object] = {
            "baseline_mean": None,
            "baseline_sd": None,
            "baseline_n": 0,
            "tolerance_used": None,
            "trough_at": None,
            "trough_value": None,
            "depth": None,
            "recovered": None,
            "recovered_at": None,
            "recovery_from_onset": None,
            "recovery_from_trough": None,
        }
        base.update(fields)
        return Recovery(status="not_assessable", reason=reason, series=series, **base)  # type: ignore[arg-type]

    # Baseline
    before = df.filter(pl.col("_period_end") <= onset_cmp).tail(baseline_periods)["net"]
    values = before.drop_nulls()
    baseline_n = values.len()
    if baseline_n < min_baseline_periods:
        return not_assessable(
            f"only {baseline_n} period(s) with a net sentiment value in the "
            f"{baseline_periods} periods before the onset ({min_baseline_periods} needed)",
            baseline_n=baseline_n,
        )
    mean = float(values.mean())  # type: ignore[arg-type]
    sd_raw = values.std(ddof=1)
    sd = float(sd_raw) if sd_raw is not None else None  # type: ignore[arg-type]
    tol = tolerance if tolerance is not None else max(sd or 0.0, MIN_TOLERANCE)
    baseline: dict[str, object] = {
        "baseline_mean": mean,
        "baseline_sd": sd,
        "baseline_n": baseline_n,
        "tolerance_used": tol,
    }

    # Trough: from the period containing the onset onwards.
    after = df.filter(pl.col("_period_end") > onset_cmp)
    smoothed_after = after.filter(pl.col("smoothed").is_not_null())
    if smoothed_after.height == 0:
        return not_assessable("no net sentiment value at or after the onset", **baseline)
    trough_row = smoothed_after.filter(pl.col("smoothed") == pl.col("smoothed").min()).head(1)
    trough_at: datetime = trough_row["period_start"][0]
    trough_value = float(trough_row["smoothed"][0])

    # Recovery: a run of ``consecutive`` periods back within tolerance.
    ok = (pl.col("smoothed") >= mean - tol).fill_null(False).cast(pl.Int8)
    run = ok.reverse().rolling_min(consecutive).reverse()
    hits = df.filter((ps >= trough_at) & (run == 1))
    fields: dict[str, object] = {
        **baseline,
        "trough_at": trough_at,
        "trough_value": trough_value,
        "depth": mean - trough_value,
    }
    if hits.height == 0:
        return Recovery(
            status="ok",
            reason=NOT_RECOVERED,
            recovered=False,
            recovered_at=None,
            recovery_from_onset=None,
            recovery_from_trough=None,
            series=series,
            **fields,  # type: ignore[arg-type]
        )
    recovered_at: datetime = hits["period_start"][0]
    rec_cmp = recovered_at if recovered_at.tzinfo is not None else recovered_at.replace(tzinfo=UTC)
    trough_cmp = trough_at if trough_at.tzinfo is not None else trough_at.replace(tzinfo=UTC)
    return Recovery(
        status="ok",
        reason=None,
        recovered=True,
        recovered_at=recovered_at,
        recovery_from_onset=max(rec_cmp - onset_aware, timedelta(0)),
        recovery_from_trough=rec_cmp - trough_cmp,
        series=series,
        **fields,  # type: ignore[arg-type]
    )
