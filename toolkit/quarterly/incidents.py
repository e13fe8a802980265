"""The incidents of a quarter: found by the post-mortem's detection, or listed, or both.

Detection is the post-mortem's (:func:`toolkit.measures.timeline.detect_timeline`) run
over the quarter's hourly negative volume, repeated so it can find more than one crisis:

* the baseline (median, MAD) and threshold are those of the whole quarter's series;
* an incident's **onset** is the first period after the previous incident's end that is
  above the threshold with at least ``min_count`` negative posts;
* its **end** is the first period after the onset that starts ``end_consecutive``
  periods at or below the threshold — so its **peak** (the maximum between onset and end)
  can never be a later incident's. For a quarter with one incident this is exactly what
  the post-mortem finds.

Peak, excess and half-life are then computed by ``detect_timeline`` itself with those
dates, so they are the post-mortem's numbers for the same dates and data. An incident
listed in the parameters replaces any detected one it overlaps; without an ``end`` its
end is found by the rule above.

Sentiment recovery is the post-mortem's :func:`sentiment_recovery` on the quarter's daily
net sentiment, with one difference stated in the report: the series stops before the next
incident's onset, so one incident's trough is never another's.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from toolkit.measures import timeline as tlm
from toolkit.measures.recovery import Recovery, sentiment_recovery
from toolkit.measures.sentiment import to_utc_naive


@dataclass
class QuarterIncident:
    """One incident of a quarter, with the figures the report shows."""

    name: str
    quarter: str  # "current" or "previous"
    source: str  # "detected" or "listed"
    timeline: tlm.Timeline
    recovery: Recovery | None = None
    negative_posts: int = 0
    hours: float = 0.0
    post_mortem: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    drivers_id: str | None = None  # its comparison in the quarter's topic drivers

    @property
    def onset(self) -> datetime:
        assert self.timeline.onset is not None
        return self.timeline.onset


def _quiet_runs(df: pl.DataFrame, threshold: float, k: int) -> pl.Series:
    quiet = (pl.col("n_negative") <= threshold).cast(pl.Int8)
    return df.select(quiet.reverse().rolling_min(k).reverse().alias("run"))["run"]


def _end_after(df: pl.DataFrame, onset: datetime, threshold: float, k: int) -> datetime | None:
    """Start of the first period after ``onset`` that begins k quiet periods (or None)."""
    runs = df.with_columns(run=_quiet_runs(df, threshold, k))
    hits = runs.filter((pl.col("period_start") > onset) & (pl.col("run") == 1))
    return hits["period_start"][0] if hits.height else None


def detect_incidents(
    volume: pl.DataFrame,
    z_threshold: float = 3.5,
    min_count: int = 5,
    end_consecutive: int = 6,
) -> tuple[tlm.Timeline, list[tlm.Timeline]]:
    """Every incident in the series: (the whole-series baseline, one Timeline per incident)."""
    df = volume.select("period_start", pl.col("n_negative").cast(pl.Int64)).sort("period_start")
    base = tlm.detect_timeline(df, z_threshold, min_count, end_consecutive)
    if base.threshold is None:
        return base, []
    thr = base.threshold
    found: list[tlm.Timeline] = []
    cursor: datetime | None = None
    while True:
        cand = df.filter((pl.col("n_negative") > thr) & (pl.col("n_negative") >= min_count))
        if cursor is not None:
            cand = cand.filter(pl.col("period_start") >= cursor)
        if cand.height == 0:
            break
        onset = cand["period_start"][0]
        end = _end_after(df, onset, thr, end_consecutive)
        tl = tlm.detect_timeline(
            df, z_threshold, min_count, end_consecutive, fixed_onset=onset, fixed_end=end
        )
        found.append(
            dataclasses.replace(
                tl,
                onset_method=tlm.ROBUST,
                end_method=tlm.ROBUST,
                reason=None if end is not None else tlm.NOT_ENDED,
            )
        )
        if end is None:
            break
        cursor = end
    return base, found


def listed_timeline(
    volume: pl.DataFrame,
    onset: datetime,
    end: datetime | None,
    z_threshold: float = 3.5,
    min_count: int = 5,
    end_consecutive: int = 6,
) -> tlm.Timeline:
    """The timeline of an incident whose onset (and maybe end) the parameters fix."""
    df = volume.select("period_start", pl.col("n_negative").cast(pl.Int64)).sort("period_start")
    onset_u = to_utc_naive(onset)
    end_u = to_utc_naive(end) if end is not None else None
    found_end = end_u
    if end_u is None:
        base = tlm.detect_timeline(df, z_threshold, min_count, end_consecutive)
        if base.threshold is not None:
            found_end = _end_after(df, onset_u, base.threshold, end_consecutive)
    tl = tlm.detect_timeline(
        df, z_threshold, min_count, end_consecutive, fixed_onset=onset_u, fixed_end=found_end
    )
    if end_u is None and tl.status == "ok":
        tl = dataclasses.replace(
            tl, end_method=tlm.ROBUST, reason=None if found_end else tlm.NOT_ENDED
        )
    return tl


def _overlaps(a: tlm.Timeline, b_onset: datetime, b_end: datetime | None) -> bool:
    far = datetime.max
    a_end = a.end or far
    return a.onset is not None and a.onset < (b_end or far) and b_onset < a_end


def window_counts(volume: pl.DataFrame, onset: datetime, end: datetime | None) -> tuple[int, float]:
    """Negative posts and hours in the periods from the onset's period up to the end."""
    step = volume["period_start"].diff().min() if volume.height > 1 else timedelta(hours=1)
    step = step if isinstance(step, timedelta) else timedelta(hours=1)
    ps = pl.col("period_start")
    inside = (ps + step > to_utc_naive(onset)) & (
        ps < to_utc_naive(end) if end is not None else pl.lit(True)
    )
    rows = volume.filter(inside)
    return int(rows["n_negative"].sum()), rows.height * step.total_seconds() / 3600


def incident_recovery(
    net: pl.DataFrame,
    onset: datetime,
    next_onset: datetime | None,
    baseline_days: int,
    smooth_days: int,
    consecutive_days: int,
    tolerance: float | None,
) -> Recovery:
    """The post-mortem's recovery measure, the series cut before the next incident."""
    series = net
    if next_onset is not None:
        cut = to_utc_naive(next_onset)
        series = net.filter(
            pl.col("period_start").dt.convert_time_zone("UTC").dt.replace_time_zone(None)
            + pl.duration(days=1)
            <= cut
        )
    return sentiment_recovery(
        series,
        onset,
        baseline_periods=baseline_days,
        smooth=smooth_days,
        consecutive=consecutive_days,
        tolerance=tolerance,
    )


def post_mortem_summary(folder: Path | None, report_dir: Path) -> dict[str, Any] | None:
    """What the incident's own post-mortem says, and a relative link to its report."""
    if folder is None:
        return None
    card_path = folder / "scorecard.json"
    html = folder / "report.html"
    out: dict[str, Any] = {
        "folder": str(folder),
        "report": os.path.relpath(html, report_dir),
        "exists": card_path.is_file() and html.is_file(),
        "tips": [],
        "figures": {},
    }
    if not out["exists"]:
        return out
    card = json.loads(card_path.read_text(encoding="utf-8"))
    out["name"] = (card.get("incident") or {}).get("name")
    out["tips"] = [
        {
            "tip": t.get("tip"),
            "title": t.get("title"),
            "verdict": t.get("verdict"),
            "score": t.get("score"),
        }
        for t in card.get("tips", [])
    ]
    figures = {}
    for m in card.get("measures", []):
        if m.get("group"):
            continue
        if m["id"] in (
            "timeline.onset",
            "timeline.peak",
            "timeline.end",
            "timeline.peak_negative",
            "recovery.depth",
            "recovery.recovered",
            "recovery.time_from_onset",
        ):
            figures[m["id"]] = m.get("value")
    out["figures"] = figures
    return out


def _iso(ts: datetime | None) -> str | None:
    return None if ts is None else to_utc_naive(ts).isoformat() + "Z"


def agreement(inc: QuarterIncident) -> list[str]:
    """Differences between this report's figures and the incident's post-mortem (if any)."""
    pm = inc.post_mortem
    if not pm or not pm.get("exists"):
        return []
    f = pm["figures"]
    tl, rec = inc.timeline, inc.recovery
    ours = {
        "timeline.onset": _iso(tl.onset),
        "timeline.peak": _iso(tl.peak),
        "timeline.end": _iso(tl.end),
        "recovery.depth": rec.depth if rec else None,
        "recovery.time_from_onset": (
            rec.recovery_from_onset.total_seconds() if rec and rec.recovery_from_onset else None
        ),
    }
    diffs = []
    for key, value in ours.items():
        theirs = f.get(key)
        if isinstance(value, float) and isinstance(theirs, int | float):
            same = abs(value - theirs) < 1e-9
        else:
            same = value == theirs
        if not same:
            diffs.append(f"{key}: this report {value}, post-mortem {theirs}")
    return diffs
