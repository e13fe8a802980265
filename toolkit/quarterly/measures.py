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


# ---------------------------------------------------------------- share of voice

SOV_SCHEMA = {
    "company": pl.String,
    "own": pl.Boolean,
    "created_at": pl.Datetime("us"),
    "negative": pl.Boolean,
}


def company_voices(frame_: pl.DataFrame, company: str, own: bool) -> pl.DataFrame:
    """One row per mention of ``company`` written by someone else (the company's own posts,
    replies and auto-replies are not mentions of it): when, and whether it is a negative
    customer post or reply (sentiment ≤ −0.05; unscored = not negative)."""
    if frame_.is_empty():
        return pl.DataFrame(schema=SOV_SCHEMA)
    return (
        frame_.filter(~pl.col("is_brand"))
        .select(
            company=pl.lit(company),
            own=pl.lit(own),
            created_at="created_at",
            negative=(customer_voice_expr() & (label_expr("sentiment") == "negative")).fill_null(
                False
            ),
        )
        .cast(SOV_SCHEMA)
    )


def share_of_voice(voices: pl.DataFrame, lo: dt.datetime, hi: dt.datetime) -> dict[str, Any]:
    """The brand's share of all mentions (and of the negative ones) in [lo, hi).

    ``voices`` stacks :func:`company_voices` of the brand (``own``) and every competitor.
    Share = the brand's mentions ÷ (the brand's + all competitors' mentions); None when the
    period has no competitor mention (nothing to share with) or no mention at all.
    """
    m = voices.filter(in_period("created_at", lo, hi))
    per = (
        m.group_by("company", "own")
        .agg(
            mentions=pl.len().cast(pl.Int64),
            negative=pl.col("negative").sum().cast(pl.Int64),
        )
        .sort(["own", "company"], descending=[True, False])
    )
    total = int(per["mentions"].sum()) if per.height else 0
    total_neg = int(per["negative"].sum()) if per.height else 0
    own = per.filter(pl.col("own"))
    own_n = int(own["mentions"].sum()) if own.height else 0
    own_neg = int(own["negative"].sum()) if own.height else 0
    competitors = per.filter(~pl.col("own"))
    has_comp = bool(competitors.height) and int(competitors["mentions"].sum()) > 0
    companies = [
        {
            **r,
            "share_mentions": r["mentions"] / total if total else None,
            "share_negative": r["negative"] / total_neg if total_neg else None,
        }
        for r in per.to_dicts()
    ]
    return {
        "mentions": own_n / total if has_comp and total else None,
        "negative": own_neg / total_neg if has_comp and total_neg else None,
        "n_mentions": total,
        "n_negative": total_neg,
        "brand_mentions": own_n,
        "brand_negative": own_neg,
        "has_competitors": has_comp,
        "companies": companies,
    }


def weekly_share_of_voice(voices: pl.DataFrame, tz: str) -> pl.DataFrame:
    """Per ISO week of the report zone and company: mentions, negative mentions and the
    company's share of the week's mentions and of its negative mentions."""
    if voices.is_empty():
        return pl.DataFrame(
            schema={
                "week": pl.Date,
                "iso_week": pl.String,
                "company": pl.String,
                "own": pl.Boolean,
                "mentions": pl.Int64,
                "negative": pl.Int64,
                "share_mentions": pl.Float64,
                "share_negative": pl.Float64,
            }
        )
    per = (
        voices.with_columns(week=_week("created_at", tz))
        .group_by("week", "company", "own")
        .agg(mentions=pl.len().cast(pl.Int64), negative=pl.col("negative").sum().cast(pl.Int64))
    )
    # every company in every week (a silent week is 0, not missing)
    grid = per.select("week").unique().join(per.select("company", "own").unique(), how="cross")
    per = grid.join(per, on=["week", "company", "own"], how="left").with_columns(
        pl.col("mentions", "negative").fill_null(0)
    )
    tot_m = pl.col("mentions").sum().over("week")
    tot_n = pl.col("negative").sum().over("week")
    return per.with_columns(
        iso_week=pl.col("week").dt.strftime("%G-W%V"),
        share_mentions=pl.when(tot_m > 0).then(pl.col("mentions") / tot_m),
        share_negative=pl.when(tot_n > 0).then(pl.col("negative") / tot_n),
    ).sort(["week", "own", "company"], descending=[False, True, False])


# ---------------------------------------------------------------- topic drivers


def driver_plan(
    current: tuple[str, dt.datetime, dt.datetime],
    previous: tuple[str, dt.datetime, dt.datetime] | None,
    incidents: Sequence[tuple[str, str, str, dt.datetime, dt.datetime | None]] = (),
    previous_reason: str | None = None,
) -> list:
    """The quarterly driver comparisons, for :func:`toolkit.measures.drivers.compare_corpora`.

    ``current``/``previous`` = (name, lo, hi); ``incidents`` = (comparison id, name, period
    key, onset, end) with period key "current"/"previous". The quarter's negative posts
    against the previous quarter's (both directions: what is new, what faded); each
    incident's negative posts (onset to end, or to the end of its quarter) against the
    negative posts of its quarter outside every incident (the quiet periods).
    """
    from toolkit.measures.drivers import CorpusComparison, negative_in

    name, lo, hi = current
    periods = {"current": current}
    if previous is not None:
        periods["previous"] = previous
        ref = negative_in([(previous[1], previous[2])])
        reason = previous_reason
        ref_label = f"negative posts of {previous[0]}"
    else:
        ref = pl.lit(False)
        reason = previous_reason or "no previous period to compare with (previous: none)"
        ref_label = "negative posts of the previous period"
    plan = [
        CorpusComparison(
            "quarter",
            f"negative posts of {name}",
            ref_label,
            negative_in([(lo, hi)]),
            ref,
            ("more", "less"),
            reason,
        )
    ]
    for key, (pname, plo, phi) in periods.items():
        mine = [i for i in incidents if i[2] == key]
        windows = [(onset, end or phi) for _, _, _, onset, end in mine]
        quiet = negative_in([(plo, phi)], outside=windows)
        for cid, iname, _, onset, end in mine:
            plan.append(
                CorpusComparison(
                    cid,
                    f"negative posts of {iname} (onset to end)",
                    f"negative posts of {pname} outside its incidents (quiet periods)",
                    negative_in([(onset, end or phi)]),
                    quiet,
                )
            )
    return plan
