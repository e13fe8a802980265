"""When the crisis started, peaked and ended, read off the volume of negative posts.

Definitions (quoted by the report):

* **Negative volume** of a period: the number of customer voices (not brand, kind
  ``post`` or ``reply``) posted in it whose sentiment is <= -0.05; ``n_total`` counts all
  customer voices. Periods are fixed-length UTC periods (hourly by default); every period
  between the start and the end is listed, empty ones as zero.
* **Baseline**: the median m and the median absolute deviation (MAD) of the negative
  volume over *all* periods of the series. Median and MAD are barely moved by the spike
  itself, so the whole series can serve as its own baseline. scale = max(1.4826 × MAD, 1)
  (1.4826 × MAD estimates a standard deviation for normal data; the floor of one post
  keeps a flat, quiet series from flagging any single extra post). threshold =
  m + z × scale, with z = 3.5 by default.
* **Onset**: the start of the first period whose negative volume is above the threshold
  and at least ``min_count`` (5 by default) posts.
* **Peak**: the period with the largest negative volume at or after the onset (the first
  one on ties; before the end when the end is fixed).
* **End**: the start of the first period after the peak that begins a run of
  ``end_consecutive`` (6 by default) periods all at or below the threshold. When there is
  no such run the crisis had not ended by the end of the data.
* Onset and end can instead be fixed in the parameters (e.g. from the incident log);
  each is then reported as "fixed in parameters".
* **Excess negative posts**: the sum, over the periods from the onset up to the end (or
  the end of the data), of max(0, negative volume − m): the negative posts above the
  usual level.
* **Half-life**: the time from the peak to the start of the first later period whose
  negative volume above the baseline, n − m, has fallen to half the peak's, (peak − m)/2.
* A period "at or after" a fixed onset that falls inside it includes that period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import polars as pl

from toolkit.measures.sentiment import customer_voice_expr, label_expr, to_utc_naive

ROBUST = "robust z-score (median/MAD)"
FIXED = "fixed in parameters"
NOT_ENDED = "not ended by the end of the data"
MAD_TO_SD = 1.4826


@dataclass(frozen=True)
class Timeline:
    """Phases of the crisis plus every number needed to explain how they were found."""

    status: str  # "ok" or "not_assessable"
    reason: str | None
    onset: datetime | None
    peak: datetime | None
    end: datetime | None
    peak_count: int | None
    baseline_median: float | None
    baseline_mad: float | None
    scale: float | None
    threshold: float | None
    z_threshold: float
    min_count: int
    end_consecutive: int
    onset_method: str
    end_method: str
    excess_negative: float | None
    half_life: timedelta | None
    period: timedelta | None


def negative_volume(
    mentions: pl.DataFrame | pl.LazyFrame,
    every: str = "1h",
    start: datetime | None = None,
    end: datetime | None = None,
) -> pl.DataFrame:
    """Negative and total customer-voice posts per UTC period, zero-filled.

    Zero-filling matters: the baseline median and the "consecutive quiet periods" rule
    are only honest if quiet hours are in the series. ``start``/``end`` are instants
    (naive means UTC), defaulting to the first and last mention in the frame; the periods
    containing them are counted in full. Needs the ``sentiment`` column.
    """
    lf = mentions.lazy()
    schema = {"period_start": pl.Datetime("us"), "n_negative": pl.Int64(), "n_total": pl.Int64()}
    bounds = lf.select(
        pl.col("created_at").min().alias("lo"), pl.col("created_at").max().alias("hi")
    ).collect()
    lo = to_utc_naive(start) if start is not None else bounds["lo"][0]
    hi = to_utc_naive(end) if end is not None else bounds["hi"][0]
    if lo is None or hi is None or lo > hi:
        return pl.DataFrame(schema=schema)
    edges = pl.select(
        pl.lit(lo, dtype=pl.Datetime("us")).dt.truncate(every).alias("lo"),
        pl.lit(hi, dtype=pl.Datetime("us")).dt.truncate(every).alias("hi"),
    )
    p_lo, p_hi = edges["lo"][0], edges["hi"][0]
    grid = pl.select(
        pl.datetime_range(p_lo, p_hi, every).dt.cast_time_unit("us").alias("period_start")
    )
    counts = (
        lf.filter(customer_voice_expr())
        .with_columns(pl.col("created_at").dt.truncate(every).alias("period_start"))
        .filter(pl.col("period_start").is_between(p_lo, p_hi))
        .group_by("period_start")
        .agg(
            (label_expr("sentiment") == "negative").sum().alias("n_negative"),
            pl.len().alias("n_total"),
        )
        .collect()
    )
    out = grid.join(counts, on="period_start", how="left", maintain_order="left")
    return (
        out.with_columns(pl.col("n_negative", "n_total").fill_null(0))
        .select(list(schema))
        .cast(schema)
    )  # type: ignore[arg-type]


def _per_period(step: timedelta | None) -> str:
    named = {
        timedelta(minutes=1): "per minute",
        timedelta(hours=1): "per hour",
        timedelta(days=1): "per day",
        timedelta(weeks=1): "per week",
    }
    if step is None:
        return "per period"
    if step in named:
        return named[step]
    minutes = step.total_seconds() / 60
    if minutes < 60:
        return f"per {minutes:g} minutes"
    if minutes < 24 * 60:
        return f"per {minutes / 60:g} hours"
    return f"per {minutes / 1440:g} days"


def detect_timeline(
    volume: pl.DataFrame | pl.LazyFrame,
    z_threshold: float = 3.5,
    min_count: int = 5,
    end_consecutive: int = 6,
    fixed_onset: datetime | None = None,
    fixed_end: datetime | None = None,
) -> Timeline:
    """Find onset, peak and end in a zero-filled series from :func:`negative_volume`.

    A robust z-score is used because crisis data is the opposite of normal: the spike
    would inflate a mean/sd baseline until the spike no longer looks unusual. When no
    onset can be found (and none is fixed) the phases are "not assessable" with the
    threshold in the reason, rather than pretending the largest wiggle was a crisis.
    """
    df = (
        volume.lazy()
        .select("period_start", pl.col("n_negative").cast(pl.Int64))
        .sort("period_start")
        .collect()
    )
    onset_method = FIXED if fixed_onset is not None else ROBUST
    end_method = FIXED if fixed_end is not None else ROBUST

    def result(status: str, reason: str | None, **fields: object) -> Timeline:
        base: dict[str, object] = {
            "onset": None,
            "peak": None,
            "end": None,
            "peak_count": None,
            "baseline_median": None,
            "baseline_mad": None,
            "scale": None,
            "threshold": None,
            "excess_negative": None,
            "half_life": None,
            "period": None,
        }
        base.update(fields)
        return Timeline(
            status=status,
            reason=reason,
            z_threshold=z_threshold,
            min_count=min_count,
            end_consecutive=end_consecutive,
            onset_method=onset_method,
            end_method=end_method,
            **base,  # type: ignore[arg-type]
        )

    if df.height == 0:
        return result("not_assessable", "the negative-volume series has no periods")

    n = df["n_negative"].cast(pl.Float64)
    m = float(n.median())  # type: ignore[arg-type]
    mad = float((n - m).abs().median())  # type: ignore[arg-type]
    scale = max(MAD_TO_SD * mad, 1.0)
    threshold = m + z_threshold * scale
    step = df["period_start"].diff().min() if df.height > 1 else None
    step_td: timedelta = step if isinstance(step, timedelta) else timedelta(0)
    baseline = {
        "baseline_median": m,
        "baseline_mad": mad,
        "scale": scale,
        "threshold": threshold,
        "period": step if isinstance(step, timedelta) else None,
    }
    ps = pl.col("period_start")
    cnt = pl.col("n_negative")

    def from_(instant: datetime) -> pl.Expr:
        # Periods that end after ``instant``: the one containing it and all later ones.
        return (ps >= instant) | (ps + step_td > instant)

    # Onset
    if fixed_onset is not None:
        onset: datetime = to_utc_naive(fixed_onset)
    else:
        candidates = df.filter((cnt > threshold) & (cnt >= min_count))
        if candidates.height == 0:
            per = _per_period(baseline["period"])  # type: ignore[arg-type]
            if df.filter(cnt > threshold).height == 0:
                reason = f"negative volume never exceeded the threshold of {threshold:.1f} {per}"
            else:
                reason = (
                    f"negative volume exceeded the threshold of {threshold:.1f} {per} only in "
                    f"periods with fewer than {min_count} negative posts (min_count)"
                )
            return result("not_assessable", reason, **baseline)
        onset = candidates["period_start"][0]

    fixed_end_utc = to_utc_naive(fixed_end) if fixed_end is not None else None
    if fixed_end_utc is not None and fixed_end_utc <= onset:
        return result(
            "not_assessable",
            f"the fixed end {fixed_end_utc} is not after the onset {onset}",
            onset=onset,
            **baseline,
        )

    # Peak
    window = df.filter(from_(onset))
    if fixed_end_utc is not None:
        window = window.filter(ps < fixed_end_utc)
    if window.height == 0:
        return result(
            "not_assessable",
            f"the series has no periods at or after the onset {onset}",
            onset=onset,
            **baseline,
        )
    peak_row = window.filter(cnt == cnt.max()).head(1)
    peak: datetime = peak_row["period_start"][0]
    peak_count = int(peak_row["n_negative"][0])

    # End
    reason: str | None = None
    end: datetime | None
    if fixed_end_utc is not None:
        end = fixed_end_utc
    else:
        quiet = (cnt <= threshold).cast(pl.Int8)
        # 1 where this period and the next end_consecutive - 1 are all quiet; null when the
        # data runs out before the run is complete.
        run = quiet.reverse().rolling_min(end_consecutive).reverse()
        ends = df.filter((ps > peak) & (run == 1))
        end = ends["period_start"][0] if ends.height else None
        if end is None:
            reason = NOT_ENDED

    # Excess and half-life
    in_crisis = from_(onset) if end is None else from_(onset) & (ps < end)
    excess = float(
        df.filter(in_crisis).select((cnt.cast(pl.Float64) - m).clip(lower_bound=0).sum()).item()
    )
    halved = df.filter((ps > peak) & (cnt.cast(pl.Float64) - m <= (peak_count - m) / 2))
    half_life = halved["period_start"][0] - peak if halved.height else None

    return result(
        "ok",
        reason,
        onset=onset,
        peak=peak,
        end=end,
        peak_count=peak_count,
        excess_negative=excess,
        half_life=half_life,
        **baseline,
    )


def phase_expr(col: str, tl: Timeline) -> pl.Expr:
    """Crisis phase of each (naive UTC) time, named ``phase``, for colouring charts."""
    c = pl.col(col)
    if tl.onset is None:
        return (
            pl.when(c.is_null())
            .then(pl.lit(None, dtype=pl.String))
            .otherwise(pl.lit("no crisis detected"))
            .alias("phase")
        )
    expr = pl.when(c.is_null()).then(pl.lit(None, dtype=pl.String))
    expr = expr.when(c < tl.onset).then(pl.lit("before onset"))
    if tl.peak is not None:
        expr = expr.when(c < tl.peak).then(pl.lit("onset to peak"))
        after_onset = "peak to end"
    else:
        after_onset = "onset to peak"
    if tl.end is None:
        return expr.otherwise(pl.lit(after_onset)).alias("phase")
    return (
        expr.when(c < tl.end)
        .then(pl.lit(after_onset))
        .otherwise(pl.lit("after end"))
        .alias("phase")
    )
