"""Tip 2 — have an escalation plan, and follow it.

For each level of the plan: when did the data show its trigger crossed (the end of the
first hour over the trigger — the earliest moment anyone could have known), when was
the level called in the escalation log, and were its actions done by their deadlines.
A level whose trigger was never crossed is not held against the brand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from toolkit.playbook import Action, Level
from toolkit.tips.checks import Check, TipResult, graded, not_assessable, verdict
from toolkit.tips.inputs import TipInputs, at_day_start

TIP = 2
LOOKBACK = dt.timedelta(hours=6)  # a level crossed just before the detected onset counts


def _level_rank(level: str) -> float:
    try:
        return float(level)
    except ValueError:
        return float("nan")


def hourly(inp: TipInputs) -> pl.DataFrame:
    """Negative and total customer posts per clock hour (triggers are per hour)."""
    return (
        inp.volume.sort("period_start")
        .group_by_dynamic("period_start", every="1h")
        .agg(pl.col("n_negative").sum(), pl.col("n_total").sum())
        .with_columns(share=pl.col("n_negative") / pl.col("n_total"))
    )


def crossed_at(level: Level, hours: pl.DataFrame, since: dt.datetime) -> dict[str, Any] | None:
    t = level.trigger
    cond = pl.lit(False)
    if t.negative_per_hour is not None:
        cond = cond | (pl.col("n_negative") >= t.negative_per_hour)
    if t.negative_share is not None:
        cond = cond | (
            (pl.col("share") >= t.negative_share) & (pl.col("n_total") >= t.min_posts_per_hour)
        )
    rows = hours.filter((pl.col("period_start") >= since) & cond).head(1).to_dicts()
    if not rows:
        return None
    r = rows[0]
    return {
        "hour_start": r["period_start"],
        "known_at": r["period_start"] + dt.timedelta(hours=1),
        "n_negative": r["n_negative"],
        "n_total": r["n_total"],
    }


def logged_at(level: Level, log: pl.DataFrame, since: dt.datetime) -> dict[str, Any] | None:
    """First log entry calling this level or a higher one (jumping levels counts)."""
    rank = _level_rank(level.level)
    entries = log.filter(pl.col("logged_at") >= since).sort("logged_at")
    if rank == rank:  # numeric levels: >= this one
        entries = entries.filter(pl.col("level").cast(pl.Float64, strict=False) >= rank)
    else:
        entries = entries.filter(pl.col("level") == level.level)
    rows = entries.head(1).to_dicts()
    return rows[0] if rows else None


def _done_at(
    action: Action, level: Level, inp: TipInputs, start: dt.datetime
) -> tuple[dt.datetime | None, dict[str, Any] | None]:
    if action.done_when == "log_entry":
        log = inp.escalations.filter(pl.col("logged_at") >= start)
        if action.match:
            log = log.filter(
                pl.col("action").str.to_lowercase().str.contains(action.match.lower(), literal=True)
            )
        rows = log.sort("logged_at").head(1).to_dicts()
        return (rows[0]["logged_at"], rows[0]) if rows else (None, None)
    if action.done_when == "first_brand_post":
        rows = (
            inp.human_brand()
            .filter(pl.col("created_at") >= start)
            .sort("created_at")
            .head(1)
            .to_dicts()
        )
        return (
            (
                rows[0]["created_at"],
                {k: rows[0][k] for k in ("platform", "mention_id", "created_at", "text")},
            )
            if rows
            else (None, None)
        )
    st = inp.statements.filter(pl.col("published_at") >= start - LOOKBACK)
    if action.done_when == "statement_owned":
        st = st.filter(pl.col("is_owned"))
    rows = st.sort("published_at").head(1).to_dicts()
    if not rows:
        return None, None
    r = rows[0]
    return r["published_at"], {
        "statement_id": r["statement_id"],
        "channel": r["channel"],
        "url": r["url"],
        "published_at": r["published_at"],
    }


def _minutes(a: dt.datetime, b: dt.datetime) -> float:
    return round((b - a).total_seconds() / 60, 1)


def level_checks(level: Level, inp: TipInputs, hours: pl.DataFrame) -> list[Check]:
    assert inp.onset is not None
    since = inp.onset - LOOKBACK
    cross = crossed_at(level, hours, since)
    log = logged_at(level, inp.escalations, since)
    cid = f"escalation.level_{level.level}"
    label = f"Level {level.level} ({level.name}) called within {level.escalate_within_minutes} min"
    checks: list[Check] = []
    evidence = [
        e
        for e in (
            cross and {"trigger_crossed_hour": cross["hour_start"], **cross},
            log and {"log": log},
        )
        if e
    ]
    if cross is None:
        detail = "trigger never crossed in the data"
        detail += f"; called anyway at {log['logged_at']:%Y-%m-%d %H:%M} UTC" if log else ""
        checks.append(not_assessable(cid, TIP, label, detail))
        start = log["logged_at"] if log else None
    else:
        delay = _minutes(cross["known_at"], log["logged_at"]) if log else None
        outcome = (
            "fail"
            if delay is None
            else graded(
                max(delay, 0.0),
                level.escalate_within_minutes,
                lower_is_better=True,
                partial_factor=3,
            )
        )
        checks.append(
            Check(
                cid,
                TIP,
                label,
                outcome,
                value=delay,
                target=f"≤ {level.escalate_within_minutes} min "
                "after the hour the trigger was crossed",
                target_source="playbook escalation plan",
                detail=(
                    f"trigger crossed in the hour from {cross['hour_start']:%Y-%m-%d %H:%M} UTC "
                    f"({cross['n_negative']} negative posts); "
                    + (f"logged {delay:g} min after that hour" if log else "never logged")
                ),
                evidence=evidence,
            )
        )
        start = log["logged_at"] if log else cross["known_at"]
    if start is None:
        return checks
    for i, action in enumerate(level.actions, start=1):
        done, ev = _done_at(action, level, inp, start)
        took = _minutes(start, done) if done else None
        outcome = (
            "fail"
            if took is None
            else graded(max(took, 0.0), action.deadline_minutes, lower_is_better=True)
        )
        checks.append(
            Check(
                f"{cid}.action_{i}",
                TIP,
                f"Level {level.level}: {action.action}",
                outcome,
                value=took,
                target=f"≤ {action.deadline_minutes} min after the level was called",
                target_source="playbook escalation plan",
                detail=(
                    f"done {took:g} min after the level was called"
                    if took is not None
                    else f"no sign of it ({action.done_when})"
                ),
                evidence=[ev] if ev else [],
            )
        )
    return checks


def assess(inp: TipInputs) -> TipResult:
    plan = inp.playbook.escalation_plan if inp.playbook else None
    if plan is None:
        return verdict(TIP, [], ["a playbook with an escalation plan (section escalation_plan)"])
    if inp.onset is None:
        return verdict(
            TIP,
            [
                not_assessable(
                    "escalation.levels",
                    TIP,
                    "Escalation levels",
                    "no crisis onset: nothing to escalate",
                )
            ],
        )
    if inp.escalations.is_empty():
        return verdict(TIP, [], ["an escalation log (inputs.events.escalations)"])
    checks = [
        Check(
            "escalation.plan_before_onset",
            TIP,
            "Escalation plan existed before the crisis",
            "pass" if at_day_start(plan.published) < inp.onset else "fail",
            value=plan.published.isoformat(),
            target="before onset",
            detail=f"published {plan.published.isoformat()}, {len(plan.levels)} levels",
        )
    ]
    hours = hourly(inp)
    for level in plan.levels:
        checks += level_checks(level, inp, hours)
    return verdict(TIP, checks)
