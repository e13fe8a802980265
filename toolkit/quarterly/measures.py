"""Quarter-level figures: bounds, comparison with the previous quarter, weekly trends and
the incidents' share of negative volume. Pure functions on Polars frames; the measures
themselves (episodes, FRT, response rates, net sentiment) are the post-mortem's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal
from zoneinfo import ZoneInfo

import polars as pl

from toolkit.measures import response
from toolkit.measures.sentiment import customer_voice_expr, label_expr

Better = Literal["higher", "lower"] | None


def period_bounds(start: dt.date, end: dt.date, tz: str) -> tuple[dt.datetime, dt.datetime]:
    """[first local midnight, local midnight after the last day) as naive UTC instants."""
    zone = ZoneInfo(tz)

    def utc(d: dt.date) -> dt.datetime:
        local = dt.datetime.combine(d, dt.time(), tzinfo=zone)
        return local.astimezone(dt.UTC).replace(tzinfo=None)

    return utc(start), utc(end + dt.timedelta(days=1))


def in_period(col: str, lo: dt.datetime, hi: dt.datetime) -> pl.Expr:
    return (pl.col(col) >= lo) & (pl.col(col) < hi)


def compare(current: Any, previous: Any, better: Better, tolerance: float = 1e-9) -> dict:
    """Change from the previous period and whether it is better or worse.

    ``better`` says which direction is good ("higher": net sentiment, response rates;
    "lower": response times, negative volume; None: volume, where more is neither). A
    missing value on either side is "not comparable"; an equal one "unchanged".
    """
    if current is None or previous is None or isinstance(current, bool):
        return {"change": None, "relative_change": None, "verdict": "not comparable"}
    change = current - previous
    relative = change / abs(previous) if previous else None
    if abs(change) <= tolerance:
        verdict = "unchanged"
    elif better is None:
        verdict = "higher" if change > 0 else "lower"
    elif (change > 0) == (better == "higher"):
        verdict = "better"
    else:
        verdict = "worse"
    return {"change": change, "relative_change": relative, "verdict": verdict}


def negative_count(mentions: pl.DataFrame) -> int:
    """Negative customer voices: the numerator of the timeline's negative volume."""
    return mentions.filter(customer_voice_expr() & (label_expr("sentiment") == "negative")).height


def incident_share(
    volume: pl.DataFrame, windows: Sequence[tuple[dt.datetime, dt.datetime | None]]
) -> dict[str, Any]:
    """How much of the period's negative volume falls inside the incidents' windows.

    ``volume`` is the period's zero-filled negative volume (``negative_volume``); a window
    covers the periods from the one holding its onset up to (not including) its end, or to
    the end of the series when it has no end. Overlapping windows count once. Returns the
    counts, the share, and negative posts per day inside and outside (the quiet baseline).
    """
    if volume.is_empty():
        return {
            "negative_total": 0,
            "negative_in_incidents": 0,
            "share": None,
            "hours_total": 0.0,
            "hours_in_incidents": 0.0,
            "incident_per_day": None,
            "quiet_per_day": None,
        }
    step = volume["period_start"].diff().min() if volume.height > 1 else dt.timedelta(hours=1)
    step = step if isinstance(step, dt.timedelta) else dt.timedelta(hours=1)
    ps = pl.col("period_start")
    inside = pl.lit(False)
    for onset, end in windows:
        w = ps + step > onset
        if end is not None:
            w = w & (ps < end)
        inside = inside | w
    flagged = volume.with_columns(_in=inside)
    total = int(flagged["n_negative"].sum())
    n_in = int(flagged.filter(pl.col("_in"))["n_negative"].sum())
    hours = step.total_seconds() / 3600
    h_total = flagged.height * hours
    h_in = flagged.filter(pl.col("_in")).height * hours
    h_out = h_total - h_in
    return {
        "negative_total": total,
        "negative_in_incidents": n_in,
        "share": n_in / total if total else None,
        "hours_total": h_total,
        "hours_in_incidents": h_in,
        "incident_per_day": n_in / h_in * 24 if h_in else None,
        "quiet_per_day": (total - n_in) / h_out * 24 if h_out else None,
    }


def _week(col: str, tz: str) -> pl.Expr:
    """Monday of the ISO week (report zone) of a naive-UTC instant, as a date."""
    local = pl.col(col).dt.replace_time_zone("UTC").dt.convert_time_zone(tz)
    return local.dt.date().dt.truncate("1w")


def weekly_trends(
    mentions: pl.DataFrame,
    episodes: pl.DataFrame,
    tz: str,
    target_s: int,
) -> pl.DataFrame:
    """Per ISO week of the report zone and platform (plus "all platforms"): volume,
    negative posts, net sentiment, episodes, KM median and p90 first response, response
    rate ever and within the target. Aggregates only: this is what the charts draw."""
    voices = mentions.filter(customer_voice_expr()).with_columns(
        week=_week("created_at", tz), _label=label_expr("sentiment")
    )
    all_m = mentions.with_columns(week=_week("created_at", tz))
    eps = episodes.with_columns(week=_week("started_at", tz))
    parts = []
    for by in (["week", "platform"], ["week"]):
        vol = all_m.group_by(by).agg(mentions=pl.len().cast(pl.Int64))
        sent = voices.group_by(by).agg(
            customer_posts=pl.len().cast(pl.Int64),
            negative=(pl.col("_label") == "negative").sum().cast(pl.Int64),
            positive=(pl.col("_label") == "positive").sum().cast(pl.Int64),
        )
        frames = [vol, sent]
        if eps.height:
            frt = response.frt_summary(eps, by=by).select(*by, "n_episodes", "median_s", "p90_s")
            rates = (
                response.response_rates(eps, windows_s=[target_s], by=by)
                .filter(pl.col("unit") == "episode")
                .select(
                    *by,
                    pl.col("rate_ever").alias("response_rate"),
                    pl.col(f"rate_within_{response.window_label(target_s)}").alias("within_target"),
                )
            )
            frames += [frt, rates]
        out = frames[0]
        for f in frames[1:]:
            out = out.join(f, on=by, how="full", coalesce=True)
        if "platform" not in by:
            out = out.with_columns(platform=pl.lit("all platforms"))
        parts.append(out)
    df = pl.concat(parts, how="diagonal_relaxed")
    polar = pl.col("positive") + pl.col("negative")
    return (
        df.with_columns(
            pl.col("mentions", "customer_posts", "negative", "positive").fill_null(0),
        )
        .with_columns(
            net=pl.when(polar > 0).then((pl.col("positive") - pl.col("negative")) / polar),
            iso_week=pl.col("week").dt.strftime("%G-W%V"),
        )
        .sort("week", "platform")
    )
