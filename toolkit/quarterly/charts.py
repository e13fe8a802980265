"""Charts of the quarterly report, from the weekly aggregates only (never raw rows).

Rendered to static SVG and inlined with the post-mortem's helper (toolkit.charts.figure).
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import polars as pl

from toolkit.charts import NEG, OTHER, WIDTH

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
