"""The report's charts: one builder per chart, built from aggregates only.

Charts are turned into static SVG with vl-convert once, saved next to the report and
shown inline, because nbconvert's HTML has no Vega-Lite renderer and a CDN-loaded Vega
would not open offline. Builders never see raw rows (Altair refuses > 5,000 anyway).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path
from zoneinfo import ZoneInfo

import altair as alt
import polars as pl
import vl_convert as vlc

from toolkit.measures.recovery import Recovery
from toolkit.measures.timeline import Timeline

NEG = "#c0392b"
OTHER = "#9aa5b1"
BRAND = "#1f6feb"
WIDTH = 860

BUCKET_ORDER = ["<1h", "1-4h", "4-8h", "8-24h", ">24h", "unanswered"]
BUCKET_COLORS = ["#1a7f37", "#57ab5a", "#d4a72c", "#e16f24", "#c0392b", "#6e7781"]
PHASE_ORDER = ["before onset", "onset to peak", "peak to end", "after end", "no crisis detected"]


STEPS = (
    ("1h", 3600),
    ("3h", 10800),
    ("6h", 21600),
    ("12h", 43200),
    ("1d", 86400),
    ("7d", 604800),
    ("30d", 2592000),
)
MAX_POINTS = 1500


def step_for(df: pl.DataFrame, col: str, at_least: int = 0) -> str:
    """Coarsest-needed period so a time axis keeps at most MAX_POINTS points."""
    if df.is_empty():
        return STEPS[0][0]
    span = (df[col].max() - df[col].min()).total_seconds()  # type: ignore[operator]
    for label, seconds in STEPS:
        if seconds >= at_least and span / seconds <= MAX_POINTS:
            return label
    return STEPS[-1][0]


def _local(df: pl.DataFrame, col: str, tz: str) -> pl.DataFrame:
    """Naive-UTC column -> wall-clock time of the report zone (what readers expect)."""
    dtype = df.schema[col]
    expr = pl.col(col)
    if getattr(dtype, "time_zone", None) is None:
        expr = expr.dt.replace_time_zone("UTC")
    return df.with_columns(expr.dt.convert_time_zone(tz).dt.replace_time_zone(None).alias(col))


def _local_ts(ts, tz: str):
    if ts is None:
        return None
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=ZoneInfo("UTC"))
    return ts.astimezone(ZoneInfo(tz)).replace(tzinfo=None)


def _markers(tl: Timeline, statements: pl.DataFrame, tz: str) -> pl.DataFrame:
    rows = []
    for label, ts in (("onset", tl.onset), ("peak", tl.peak), ("end", tl.end)):
        if ts is not None:
            rows.append({"at": _local_ts(ts, tz), "label": label, "kind": "crisis phase"})
    # Statements posted on several channels within the hour share one marker.
    grouped = (
        statements.sort("published_at")
        .with_columns(first=pl.col("published_at"))
        .group_by_dynamic("published_at", every="1h")
        .agg(pl.col("first").min(), pl.col("channel").unique(maintain_order=True))
        .head(12)
    )
    for r in grouped.to_dicts():
        rows.append(
            {
                "at": _local_ts(r["first"], tz),
                "label": f"statement ({', '.join(r['channel'])})",
                "kind": "statement",
            }
        )
    return pl.DataFrame(
        rows, schema={"at": pl.Datetime("us"), "label": pl.String, "kind": pl.String}
    )


def volume_chart(
    volume: pl.DataFrame, tl: Timeline, statements: pl.DataFrame, tz: str
) -> alt.LayerChart:
    """Negative vs other customer posts per period, with the phases and statements marked."""
    df = _local(volume, "period_start", tz)
    every = step_for(df, "period_start")
    if every != "1h":  # a long period: sum into coarser bars so the chart stays readable
        df = df.group_by_dynamic("period_start", every=every).agg(
            pl.col("n_negative").sum(), pl.col("n_total").sum()
        )
    df = (
        df.with_columns(other=pl.col("n_total") - pl.col("n_negative"))
        .unpivot(
            index="period_start",
            on=["n_negative", "other"],
            variable_name="series",
            value_name="posts",
        )
        .with_columns(
            pl.col("series").replace({"n_negative": "negative", "other": "neutral or positive"})
        )
    )
    bars = (
        alt.Chart(df)
        .mark_area(interpolate="step-after")
        .encode(
            x=alt.X("period_start:T", title=f"time ({tz})"),
            y=alt.Y("posts:Q", stack=True, title="customer posts per period"),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=["negative", "neutral or positive"], range=[NEG, OTHER]),
                title=None,
            ),
        )
    )
    layers: list[alt.Chart] = [bars]
    marks = _markers(tl, statements, tz)
    if marks.height:
        layers.append(
            alt.Chart(marks)
            .mark_rule(strokeDash=[4, 3])
            .encode(x="at:T", color=alt.value("#24292f"), tooltip=["label", "at:T"])
        )
        layers.append(
            alt.Chart(marks)
            .mark_text(angle=270, align="left", dx=4, dy=-4, fontSize=10)
            .encode(x="at:T", y=alt.value(4), text="label")
        )
    if tl.threshold is not None:
        layers.append(
            alt.Chart(pl.DataFrame({"y": [tl.threshold]}))
            .mark_rule(color=NEG, opacity=0.5)
            .encode(y="y:Q")
        )
    return alt.layer(*layers).properties(width=WIDTH, height=260, title="Customer posts over time")


def net_sentiment_chart(net: pl.DataFrame, rec: Recovery | None, tz: str) -> alt.LayerChart:
    df = net.with_columns(pl.col("period_start").dt.replace_time_zone(None))
    if rec is not None:
        sm = rec.series.with_columns(pl.col("period_start").dt.replace_time_zone(None))
        df = df.join(sm.select("period_start", "smoothed"), on="period_start", how="left")
    else:
        df = df.with_columns(smoothed=pl.lit(None, pl.Float64))
    base = alt.Chart(df).encode(x=alt.X("period_start:T", title=f"day ({tz})"))
    layers: list[alt.Chart] = [
        base.mark_bar(opacity=0.35, color=OTHER).encode(
            y=alt.Y("net:Q", title="net sentiment", scale=alt.Scale(domain=[-1, 1]))
        ),
        base.mark_line(color=BRAND, point=True).encode(y="smoothed:Q"),
    ]
    if rec is not None and rec.status == "ok" and rec.baseline_mean is not None:
        band = pl.DataFrame(
            {
                "lo": [rec.baseline_mean - (rec.tolerance_used or 0)],
                "hi": [rec.baseline_mean + (rec.tolerance_used or 0)],
                "mean": [rec.baseline_mean],
            }
        )
        layers.append(
            alt.Chart(band).mark_rect(opacity=0.12, color="#1a7f37").encode(y="lo:Q", y2="hi:Q")
        )
        layers.append(alt.Chart(band).mark_rule(color="#1a7f37").encode(y="mean:Q"))
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=240,
        title="Daily net sentiment (bars) and its trailing mean (line); green = baseline band",
    )


def frt_bucket_chart(episodes: pl.DataFrame) -> alt.Chart:
    """Where every episode ended up, unanswered included, by crisis phase."""
    df = episodes.group_by("phase", "bucket").len("episodes")
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("phase:N", sort=PHASE_ORDER, title=None),
            x=alt.X(
                "episodes:Q",
                stack="normalize",
                title="share of conversation episodes",
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color(
                "bucket:N",
                scale=alt.Scale(domain=BUCKET_ORDER, range=BUCKET_COLORS),
                title="first response",
            ),
            order=alt.Order("bucket_order:Q"),
            tooltip=["phase", "bucket", "episodes"],
        )
        .transform_calculate(bucket_order=" indexof(" + str(BUCKET_ORDER) + ", datum.bucket)")
        .properties(
            width=WIDTH - 160,
            height=150,
            title="First response time by crisis phase (all episodes, unanswered included)",
        )
    )


def frt_over_time_chart(episodes: pl.DataFrame, tz: str) -> alt.Chart:
    """Median answered FRT and unanswered share per period: shows when the team was overrun."""
    df = _local(episodes, "started_at", tz).sort("started_at")
    every = step_for(df, "started_at", at_least=6 * 3600)
    df = df.group_by_dynamic("started_at", every=every).agg(
        median_h=(pl.col("frt_seconds").median() / 3600),
        unanswered=(~pl.col("answered")).mean(),
        episodes=pl.len(),
    )
    base = alt.Chart(df).encode(x=alt.X("started_at:T", title=f"episode start ({tz})"))
    return (
        alt.layer(
            base.mark_line(color=BRAND, point=True).encode(
                y=alt.Y("median_h:Q", title="median first response (h), answered episodes")
            ),
            base.mark_bar(opacity=0.25, color="#6e7781").encode(
                y=alt.Y("unanswered:Q", title="share unanswered", axis=alt.Axis(format="%"))
            ),
        )
        .resolve_scale(y="independent")
        .properties(width=WIDTH, height=220, title=f"First response per {every} of episode start")
    )


def to_svg(chart: alt.TopLevelMixin) -> str:
    return vlc.vegalite_to_svg(chart.to_dict(), allowed_base_urls=[])


def save(chart: alt.TopLevelMixin, path: Path) -> str:
    """Render once; write the SVG file and return the markup for inline display."""
    svg = to_svg(chart)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg, encoding="utf-8")
    return svg


def figure(chart: alt.TopLevelMixin, path: Path, alt_text: str) -> str:
    """Save the chart as SVG and return an <img> for the report, with alt text.

    An <img> with a data: URI keeps the chart inert (no script can run from an image)
    and self-contained; the SVG file beside the report is the same picture.
    """
    svg = save(chart, path)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        f'<figure style="margin:0"><img alt="{html.escape(alt_text)}" '
        f'src="data:image/svg+xml;base64,{data}" style="max-width:100%"/></figure>'
    )


def response_rate_chart(rates: pl.DataFrame) -> alt.Chart:
    """Episode response rates per crisis phase, ever and within each window."""
    phase = rates.filter((pl.col("grouping") == "phase") & (pl.col("unit") == "episode"))
    cols = [c for c in phase.columns if c.startswith("rate_")]
    df = (
        phase.select("group", *cols)
        .unpivot(index="group", on=cols, variable_name="window", value_name="rate")
        .with_columns(pl.col("window").str.replace("rate_", "").str.replace("_", " "))
    )
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("group:N", sort=PHASE_ORDER, title=None),
            x=alt.X(
                "rate:Q",
                title="share of eligible episodes answered",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color("window:N", title=None),
            yOffset="window:N",
            tooltip=["group", "window", alt.Tooltip("rate:Q", format=".0%")],
        )
        .properties(width=WIDTH - 200, height=220, title="Response rate by crisis phase")
    )


def reply_time_chart(summary: pl.DataFrame, top: int = 15) -> alt.Chart:
    """Median and p90 per-message reply time of the busiest brand accounts."""
    df = (
        summary.filter(pl.col("grouping") == "brand account")
        .sort("n_answered", descending=True)
        .head(top)
        .with_columns(median_min=pl.col("median_s") / 60, p90_min=pl.col("p90_s") / 60)
    )
    base = alt.Chart(df).encode(y=alt.Y("group:N", sort="-x", title=None))
    return alt.layer(
        base.mark_rule(color=OTHER, strokeWidth=3).encode(
            x=alt.X("median_min:Q", title="minutes (dot = median, bar end = p90)"), x2="p90_min:Q"
        ),
        base.mark_point(filled=True, color=BRAND, size=60).encode(
            x="median_min:Q", tooltip=["group", "n_answered", "median_min", "p90_min"]
        ),
    ).properties(
        width=WIDTH - 200,
        height=max(60, 22 * df.height),
        title=f"Per-message reply time, {min(top, df.height)} busiest brand accounts",
    )


VERDICT_COLORS = {
    "met": "#1a7f37",
    "partly met": "#d4a72c",
    "missed": "#cf222e",
    "not assessable": "#8c959f",
}


def tips_chart(tips: list) -> alt.Chart:
    """The five tip scores (not assessable shown as an empty, grey row)."""
    df = pl.DataFrame(
        {
            "tip": [f"{t.tip}. {t.title}" for t in tips],
            "score": [t.score if t.score is not None else 0.0 for t in tips],
            "verdict": [t.verdict for t in tips],
        }
    )
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("tip:N", sort=None, title=None),
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="score (0–100)"),
            color=alt.Color(
                "verdict:N",
                scale=alt.Scale(domain=list(VERDICT_COLORS), range=list(VERDICT_COLORS.values())),
            ),
            tooltip=["tip", "score", "verdict"],
        )
        .properties(width=WIDTH - 300, height=170, title="Adherence to the five crisis tips")
    )


def escalation_chart(
    hourly: pl.DataFrame, levels: list, escalations: pl.DataFrame, tl: Timeline, tz: str
) -> alt.LayerChart:
    """Negative posts per hour around the crisis, the plan's triggers and the log entries."""
    lo = (tl.onset or hourly["period_start"].min()) - dt.timedelta(hours=12)
    hi = (tl.end or hourly["period_start"].max()) + dt.timedelta(hours=12)
    df = _local(hourly.filter(pl.col("period_start").is_between(lo, hi)), "period_start", tz)
    layers: list[alt.Chart] = [
        alt.Chart(df)
        .mark_bar(color=NEG, opacity=0.7)
        .encode(
            x=alt.X("period_start:T", title=f"time ({tz})"),
            y=alt.Y("n_negative:Q", title="negative posts per hour"),
        )
    ]
    trig = pl.DataFrame(
        [
            {"level": f"level {lv.level} trigger", "y": lv.trigger.negative_per_hour}
            for lv in levels
            if lv.trigger.negative_per_hour is not None
        ],
        schema={"level": pl.String, "y": pl.Float64},
    )
    if trig.height:
        layers.append(
            alt.Chart(trig)
            .mark_rule(strokeDash=[6, 3], color="#57606a")
            .encode(y="y:Q", tooltip=["level", "y"])
        )
        layers.append(
            alt.Chart(trig)
            .mark_text(align="left", dx=4, dy=-6, fontSize=10)
            .encode(y="y:Q", x=alt.value(0), text="level")
        )
    if not escalations.is_empty():
        log = _local(escalations.filter(pl.col("logged_at").is_between(lo, hi)), "logged_at", tz)
        log = log.with_columns(label=pl.lit("logged level ") + pl.col("level"))
        layers.append(
            alt.Chart(log)
            .mark_rule(color=BRAND)
            .encode(x="logged_at:T", tooltip=["label", "action", "owner", "logged_at:T"])
        )
        layers.append(
            alt.Chart(log)
            .mark_text(angle=270, align="left", dx=4, fontSize=10, color=BRAND)
            .encode(x="logged_at:T", y=alt.value(4), text="label")
        )
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=260,
        title="Escalation: negative posts per hour, the plan's triggers (dashed), log (blue)",
    )


def backlog_chart(curve: pl.DataFrame, tl: Timeline, tz: str) -> alt.Chart:
    """Unanswered negative conversations over time: did the team keep up?"""
    df = _local(curve, "period_start", tz)
    every = step_for(df, "period_start")
    if every != "1h":
        df = df.group_by_dynamic("period_start", every=every).agg(
            pl.col("backlog").max(), pl.col("abandoned").sum()
        )
    return (
        alt.Chart(df)
        .mark_area(color="#e16f24", opacity=0.6, interpolate="step-after")
        .encode(
            x=alt.X("period_start:T", title=f"time ({tz})"),
            y=alt.Y("backlog:Q", title="unanswered negative conversations"),
            tooltip=["period_start:T", "backlog", "abandoned"],
        )
        .properties(
            width=WIDTH,
            height=220,
            title="Backlog of unanswered negative conversations (open < 24 h)",
        )
    )


def reaction_chart(tips: list) -> alt.LayerChart | None:
    """Tip 4's clock: minutes from onset to the first acknowledgement and to the statement,
    against their targets (tick)."""
    rows = []
    for t in tips:
        for c in t.checks:
            if c.id in ("react.first_acknowledgement", "react.official_statement") and isinstance(
                c.value, int | float
            ):
                target = float(c.target.split("≤ ")[1].split(" ")[0]) if c.target else None
                rows.append(
                    {
                        "step": c.label,
                        "minutes": float(c.value),
                        "target": target,
                        "outcome": c.outcome,
                    }
                )
    if not rows:
        return None
    df = pl.DataFrame(rows)
    base = alt.Chart(df).encode(y=alt.Y("step:N", title=None, sort=None))
    return alt.layer(
        base.mark_bar().encode(
            x=alt.X("minutes:Q", title="minutes after onset"),
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(
                    domain=["pass", "partial", "fail"], range=["#1a7f37", "#d4a72c", "#cf222e"]
                ),
            ),
        ),
        base.mark_tick(color="#24292f", thickness=3, size=30).encode(x="target:Q"),
    ).properties(
        width=WIDTH - 300, height=90, title="How fast the brand spoke after onset (tick = target)"
    )


def _crisis_window(df: pl.DataFrame, col: str, tl: Timeline, pad_h: int = 24) -> pl.DataFrame:
    """Rows from a day before onset to a day after the end (the whole data without onset)."""
    if tl.onset is None or df.is_empty():
        return df
    lo = tl.onset - dt.timedelta(hours=pad_h)
    hi = (tl.end or df[col].max()) + dt.timedelta(hours=pad_h)  # type: ignore[operator]
    return df.filter(pl.col(col).is_between(lo, hi))


def drivers_chart(
    terms: pl.DataFrame,
    title: str = "What drove the storm: terms of the crisis' negative posts against the baseline",
    axis: str = "z-score of the weighted log-odds (crisis vs baseline)",
) -> alt.Chart:
    """The crisis drivers' z-scores: how strongly each term sets the crisis apart."""
    df = terms.sort("rank").select("rank", "term", "z", "n_focus", "n_reference")
    return (
        alt.Chart(df)
        .mark_bar(color=NEG)
        .encode(
            y=alt.Y("term:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None),
            x=alt.X("z:Q", title=axis),
            tooltip=["term", "z", "n_focus", "n_reference"],
        )
        .properties(
            width=WIDTH - 300,
            height=max(60, 20 * df.height),
            title=title,
        )
    )


def driver_series_chart(
    series: pl.DataFrame, tl: Timeline, statements: pl.DataFrame, tz: str
) -> alt.LayerChart:
    """Negative posts holding each top driver per period: how each rose and fell."""
    df = _local(_crisis_window(series, "period_start", tl), "period_start", tz)
    every = step_for(df, "period_start")
    if every != "1h":
        df = df.group_by_dynamic("period_start", every=every, group_by="term").agg(
            pl.col("n_posts").sum()
        )
    lines = (
        alt.Chart(df)
        .mark_line(interpolate="monotone")
        .encode(
            x=alt.X("period_start:T", title=f"time ({tz})"),
            y=alt.Y("n_posts:Q", title="negative posts with the term"),
            color=alt.Color("term:N", title="driver"),
            tooltip=["term", "period_start:T", "n_posts"],
        )
    )
    layers: list[alt.Chart] = [lines]
    marks = _markers(tl, statements, tz)
    if marks.height:
        layers.append(
            alt.Chart(marks)
            .mark_rule(strokeDash=[4, 3])
            .encode(x="at:T", color=alt.value("#24292f"), tooltip=["label", "at:T"])
        )
        layers.append(
            alt.Chart(marks)
            .mark_text(angle=270, align="left", dx=4, dy=-4, fontSize=10)
            .encode(x="at:T", y=alt.value(4), text="label")
        )
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=240,
        title="How the top drivers rose and fell (negative posts per period)",
    )


def exposure_chart(exposure: pl.DataFrame, tl: Timeline, tz: str) -> alt.Chart:
    """Reach-weighted exposure of negative content per period, stacked by platform."""
    df = _local(_crisis_window(exposure, "period_start", tl), "period_start", tz)
    every = step_for(df, "period_start")
    if every != "1h":
        df = (
            df.sort("period_start")
            .group_by_dynamic("period_start", every=every, group_by="platform")
            .agg(pl.col("exposure").sum())
        )
    df = df.with_columns(pl.col("exposure").fill_null(0))
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("period_start:T", title=f"time ({tz})"),
            y=alt.Y("exposure:Q", stack=True, title="potential impressions (Σ reach)"),
            color=alt.Color("platform:N"),
            tooltip=["platform", "period_start:T", "exposure"],
        )
        .properties(
            width=WIDTH,
            height=220,
            title="Estimated exposure of negative content per period (Σ reach of negative posts)",
        )
    )


def platform_timeline_chart(
    series: pl.DataFrame, platforms: pl.DataFrame, tl: Timeline, tz: str
) -> alt.LayerChart:
    """Per-platform negative volume as a heat strip, with where each caught fire (▲) and
    peaked (●): the order in which the platforms caught fire."""
    df = _local(_crisis_window(series, "period_start", tl), "period_start", tz)
    every = step_for(df, "period_start")
    if every != "1h":
        df = (
            df.sort("period_start")
            .group_by_dynamic("period_start", every=every, group_by="platform")
            .agg(pl.col("n_negative").sum())
        )
    df = df.with_columns(
        period_end=pl.col("period_start") + pl.duration(seconds=dict(STEPS)[every])
    )
    order = platforms.sort("order")["platform"].to_list()
    heat = (
        alt.Chart(df)
        .mark_rect()
        .encode(
            x=alt.X("period_start:T", title=f"time ({tz})"),
            x2="period_end:T",
            y=alt.Y("platform:N", sort=order, title=None),
            color=alt.Color(
                "n_negative:Q",
                scale=alt.Scale(scheme="reds", type="sqrt"),
                title="negative posts",
            ),
            tooltip=["platform", "period_start:T", "n_negative"],
        )
    )
    marks = []
    for r in platforms.to_dicts():
        if r["caught_fire_at"] is not None:
            marks.append(
                {
                    "platform": r["platform"],
                    "at": _local_ts(r["caught_fire_at"], tz),
                    "what": "caught fire",
                }
            )
        if r["peak_at"] is not None:
            marks.append(
                {"platform": r["platform"], "at": _local_ts(r["peak_at"], tz), "what": "peak"}
            )
    layers: list[alt.Chart] = [heat]
    if marks:
        m = pl.DataFrame(
            marks, schema={"platform": pl.String, "at": pl.Datetime("us"), "what": pl.String}
        )
        layers.append(
            alt.Chart(m)
            .mark_point(filled=True, size=70, color="#24292f")
            .encode(
                x="at:T",
                y=alt.Y("platform:N", sort=order),
                shape=alt.Shape(
                    "what:N",
                    scale=alt.Scale(
                        domain=["caught fire", "peak"], range=["triangle-up", "circle"]
                    ),
                    title=None,
                ),
                tooltip=["platform", "what", "at:T"],
            )
        )
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=max(80, 36 * len(order)),
        title="Where it spread: negative posts per platform (▲ caught fire, ● peak)",
    )


def voices_chart(
    top: pl.DataFrame,
    title: str = "Who carried the storm: top voices by negative posts and reach",
    x_title: str = "negative posts in the window",
) -> alt.Chart:
    """Top voices: negative posts against reach, coloured by whether the brand answered."""
    df = top.select(
        "n_negative",
        "replies_drawn",
        "role",
        reach=pl.col("reach").fill_null(1).clip(lower_bound=1),
        answered=pl.when(pl.col("brand_turns") > 0)
        .then(pl.lit("answered"))
        .otherwise(pl.lit("not answered")),
    )
    return (
        alt.Chart(df)
        .mark_point(filled=True, opacity=0.7)
        .encode(
            x=alt.X("n_negative:Q", title=x_title),
            y=alt.Y("reach:Q", scale=alt.Scale(type="log"), title="reach (followers, log scale)"),
            size=alt.Size("replies_drawn:Q", title="replies drawn"),
            color=alt.Color(
                "answered:N",
                scale=alt.Scale(domain=["answered", "not answered"], range=[BRAND, NEG]),
                title="brand",
            ),
            shape=alt.Shape("role:N", title="role"),
            tooltip=["n_negative", "reach", "replies_drawn", "role", "answered"],
        )
        .properties(
            width=WIDTH - 300,
            height=260,
            title=title,
        )
    )
