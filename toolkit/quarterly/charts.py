"""Charts of the quarterly report, from the weekly aggregates only (never raw rows).

Rendered to static SVG and inlined with the post-mortem's helper (toolkit.charts.figure).
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import polars as pl

from toolkit.charts import BRAND, NEG, OTHER, WIDTH

METRICS = {
    "mentions": ("Mentions per week", "mentions"),
    "net": ("Net sentiment per week", "net sentiment"),
    "median_min": ("Median first response per week (minutes, Kaplan–Meier)", "minutes"),
    "within_target": ("Share of episodes answered within the target per week", "share"),
}


def weekly_chart(
    weekly: pl.DataFrame, metric: str, quarter_start: dt.date | None = None
) -> alt.LayerChart:
    """One weekly trend, a line per platform and one for all platforms together."""
    title, axis = METRICS[metric]
    df = weekly.with_columns(median_min=pl.col("median_s") / 60).select(
        "week", "iso_week", "platform", pl.col(metric).alias("value")
    )
    fmt = ".0%" if axis == "share" else (".2f" if axis == "net sentiment" else ",.0f")
    lines = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title="ISO week (Monday)"),
            y=alt.Y("value:Q", title=axis, axis=alt.Axis(format=fmt)),
            color=alt.Color("platform:N", title="platform"),
            strokeDash=alt.condition(
                alt.datum.platform == "all platforms", alt.value([1, 0]), alt.value([4, 2])
            ),
            tooltip=["iso_week", "platform", alt.Tooltip("value:Q", format=fmt)],
        )
    )
    layers = [lines]
    if quarter_start is not None:
        rule = pl.DataFrame({"at": [quarter_start], "label": ["quarter starts"]})
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[6, 3], color="#555").encode(x="at:T"))
    return alt.layer(*layers).properties(width=WIDTH, height=200, title=title)


def share_chart(rows: list[dict]) -> alt.Chart:
    """Negative posts inside incidents vs in quiet periods, per quarter."""
    df = pl.DataFrame(rows, schema={"quarter": pl.String, "part": pl.String, "posts": pl.Int64})
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("quarter:N", title=None, sort=None),
            x=alt.X("posts:Q", title="negative customer posts", stack="zero"),
            color=alt.Color(
                "part:N",
                title=None,
                scale=alt.Scale(domain=["inside incidents", "quiet periods"], range=[NEG, OTHER]),
            ),
            tooltip=["quarter", "part", "posts"],
        )
        .properties(width=WIDTH, height=90, title="Where the negative posts came from")
    )


def drivers_chart(terms: pl.DataFrame, quarter: str, previous: str) -> alt.Chart:
    """The quarter's topic drivers against the previous quarter (the post-mortem's chart)."""
    from toolkit.charts import drivers_chart as pm_drivers_chart

    return pm_drivers_chart(
        terms,
        title=f"What {quarter}'s negative posts were about, against {previous}'s",
        axis=f"z-score of the weighted log-odds ({quarter} vs {previous})",
    )


def voices_chart(top: pl.DataFrame, quarter: str) -> alt.Chart:
    """The quarter's top voices: negative posts against reach, answered or not."""
    from toolkit.charts import voices_chart as pm_voices_chart

    return pm_voices_chart(
        top,
        title=f"Who carried {quarter}'s negative conversation: top voices by negative posts "
        "and reach",
        x_title="negative posts in the quarter",
    )


SOV_METRICS = {"share_mentions": "mentions", "share_negative": "negative mentions"}


def share_of_voice_chart(
    weekly: pl.DataFrame, brand: str, quarter_start: dt.date | None = None
) -> alt.LayerChart:
    """The brand's share of voice per ISO week: of all mentions and of the negative ones
    (from the weekly aggregates in tables/share_of_voice_weekly.parquet)."""
    own = weekly.filter(pl.col("own"))
    df = pl.concat(
        [
            own.select("week", "iso_week", pl.lit(label).alias("of"), pl.col(col).alias("share"))
            for col, label in SOV_METRICS.items()
        ]
    )
    lines = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title="ISO week (Monday)"),
            y=alt.Y("share:Q", title=f"{brand}'s share", axis=alt.Axis(format=".0%")),
            color=alt.Color(
                "of:N",
                title="share of",
                scale=alt.Scale(domain=list(SOV_METRICS.values()), range=[BRAND, NEG]),
            ),
            tooltip=["iso_week", "of", alt.Tooltip("share:Q", format=".1%")],
        )
    )
    layers = [lines]
    if quarter_start is not None:
        rule = pl.DataFrame({"at": [quarter_start]})
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[6, 3], color="#555").encode(x="at:T"))
    return alt.layer(*layers).properties(
        width=WIDTH, height=200, title=f"{brand}'s share of voice against its competitors per week"
    )
