"""Tip 3 — plan for the worst, expect the best.

Checks: a crisis plan existed before onset, was reviewed and drilled within a year; the
incident's kind was among its scenarios; a pre-approved holding statement was used (the
first public acknowledgement is close to one) and how soon; and whether the team kept
up at the peak, read off the backlog of unanswered negative conversations.

Backlog at time t = negative conversation episodes (first customer post negative) that
started at or before t and had no human brand reply by t, for at most the episode
silence window (24 h): after that an unanswered episode counts as abandoned, not as
backlog, so the curve shows the load the team faced rather than an ever-growing tally.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from toolkit.tips.checks import Check, TipResult, graded, not_assessable, verdict
from toolkit.tips.inputs import TipInputs, at_day_start, post_evidence

TIP = 3
YEAR = dt.timedelta(days=365)
ABANDON_AFTER = dt.timedelta(hours=24)


def _recent(label: str, cid: str, day: dt.date | None, onset: dt.datetime) -> Check:
    if day is None:
        return Check(
            cid,
            TIP,
            label,
            "fail",
            target="within a year before onset",
            target_source="toolkit default: review and drill at least yearly",
            detail="no date in the crisis plan",
        )
    age = onset - at_day_start(day)
    outcome = "pass" if age <= YEAR else "partial" if age <= 2 * YEAR else "fail"
    if age < dt.timedelta(0):
        outcome, note = "fail", "after the onset"
    else:
        note = f"{age.days} days before onset"
    return Check(
        cid,
        TIP,
        label,
        outcome,
        value=day.isoformat(),
        target="within a year before onset (partly: two years)",
        target_source="toolkit default: review and drill at least yearly",
        detail=f"{day.isoformat()}, {note}",
    )


def scenario_check(inp: TipInputs) -> Check:
    plan = inp.playbook.crisis_plan  # type: ignore[union-attr]
    label = "The incident's kind was among the plan's scenarios"
    cid = "worst_case.scenario_planned"
    if not inp.incident_kind:
        return not_assessable(cid, TIP, label, "incident.kind is not set in the parameters")
    kind = inp.incident_kind.lower()
    words = {w for w in kind.split() if len(w) > 3}
    hits = [
        s
        for s in plan.scenarios
        if s.lower() == kind
        or kind in s.lower()
        or s.lower() in kind
        or len(words & set(s.lower().split())) >= max(1, len(words) // 2 + 1)
    ]
    return Check(
        cid,
        TIP,
        label,
        "pass" if hits else "fail",
        value=inp.incident_kind,
        target="named in crisis_plan.scenarios",
        detail=f"matched scenario: {hits[0]}"
        if hits
        else f"not among: {', '.join(plan.scenarios) or '(no scenarios)'}",
        evidence=[{"scenarios": plan.scenarios}],
    )


def holding_statement_check(inp: TipInputs) -> Check:
    from toolkit.language import similarity  # lazy: the language package is heavier

    plan = inp.playbook.crisis_plan  # type: ignore[union-attr]
    label = "A pre-approved holding statement was used"
    cid = "worst_case.holding_statement_used"
    if not plan.holding_statements:
        return Check(cid, TIP, label, "fail", detail="the plan has no holding statement")
    assert inp.onset is not None
    first = inp.human_brand().filter(pl.col("created_at") >= inp.onset).sort("created_at")
    rows = first.head(5).to_dicts()
    if not rows:
        return Check(cid, TIP, label, "fail", detail="no brand post after onset")
    best = max(
        ((similarity(r["text"], h.text), r, h) for r in rows for h in plan.holding_statements),
        key=lambda t: t[0],
    )
    score, row, hs = best
    minutes = round((row["created_at"] - inp.onset).total_seconds() / 60, 1)
    outcome = "pass" if score >= 0.5 else "partial" if score >= 0.3 else "fail"
    return Check(
        cid,
        TIP,
        label,
        outcome,
        value=round(score, 2),
        target="similarity ≥ 0.5 with a holding statement (partly ≥ 0.3)",
        target_source="toolkit default (word 3-gram Jaccard, see docs/language.md)",
        detail=f"closest: {hs.id}, posted {minutes:g} min after onset",
        evidence=[
            post_evidence(
                row, similarity=round(score, 3), holding_statement=hs.id, holding_text=hs.text
            )
        ],
    )


def backlog(inp: TipInputs, every: str = "1h") -> pl.DataFrame:
    """Backlog of unanswered negative conversations per period (see module docstring)."""
    first = inp.mentions.select(
        pl.col("platform"), pl.col("mention_id").alias("first_message_id"), "sentiment"
    )
    eps = inp.episodes.join(first, on=["platform", "first_message_id"], how="left").filter(
        pl.col("sentiment") <= -0.05
    )
    if eps.is_empty():
        return pl.DataFrame(
            schema={"period_start": pl.Datetime("us"), "backlog": pl.Int64, "abandoned": pl.Int64}
        )
    stop = pl.min_horizontal(
        pl.col("first_reply_at").fill_null(pl.col("started_at") + ABANDON_AFTER),
        pl.col("started_at") + ABANDON_AFTER,
    )
    spans = eps.select(
        start=pl.col("started_at"),
        stop=stop,
        abandoned=pl.col("first_reply_at").is_null()
        | (pl.col("first_reply_at") > pl.col("started_at") + ABANDON_AFTER),
    )
    lo = spans["start"].min().replace(minute=0, second=0, microsecond=0)  # type: ignore[union-attr]
    hi = inp.data_end
    grid = pl.DataFrame({"period_start": pl.datetime_range(lo, hi, every, eager=True)})
    # +1 at start, -1 at stop: cumulative sum = open conversations at each moment.
    events = (
        pl.concat(
            [
                spans.select(t=pl.col("start"), d=pl.lit(1)),
                spans.select(t=pl.col("stop"), d=pl.lit(-1)),
            ]
        )
        .sort("t")
        .with_columns(open=pl.col("d").cum_sum())
    )
    out = grid.join_asof(
        events.select("t", "open"), left_on="period_start", right_on="t", strategy="backward"
    ).select("period_start", backlog=pl.col("open").fill_null(0).cast(pl.Int64))
    gone = (
        spans.filter(pl.col("abandoned"))
        .select(period_start=(pl.col("start") + ABANDON_AFTER).dt.truncate(every))
        .group_by("period_start")
        .len("abandoned")
    )
    return out.join(gone, on="period_start", how="left").with_columns(
        pl.col("abandoned").fill_null(0).cast(pl.Int64)
    )


def kept_up_check(inp: TipInputs, curve: pl.DataFrame) -> Check:
    label = "The team kept up at the peak (backlog cleared)"
    cid = "worst_case.backlog_cleared"
    if curve.is_empty() or curve["backlog"].max() == 0:
        return not_assessable(cid, TIP, label, "no negative conversation episodes")
    peak_row = curve.filter(pl.col("backlog") == curve["backlog"].max()).head(1).to_dicts()[0]
    after = curve.filter(
        (pl.col("period_start") > peak_row["period_start"])
        & (pl.col("backlog") <= 0.25 * peak_row["backlog"])
    ).head(1)
    hours = (
        None
        if after.is_empty()
        else (after["period_start"][0] - peak_row["period_start"]).total_seconds() / 3600
    )
    abandoned = int(curve["abandoned"].sum())
    return Check(
        cid,
        TIP,
        label,
        "fail" if hours is None else graded(hours, 12, lower_is_better=True, partial_factor=4),
        value=hours,
        target="backlog under a quarter of its peak within 12 h (partly 48 h)",
        target_source="toolkit default",
        detail=(
            f"peak backlog {peak_row['backlog']} unanswered negative conversations at "
            f"{peak_row['period_start']:%Y-%m-%d %H:%M} UTC; "
            + (
                f"down to a quarter {hours:g} h later"
                if hours is not None
                else "never down to a quarter"
            )
            + f"; {abandoned} abandoned after 24 h"
        ),
        evidence=[
            {
                "peak_at": peak_row["period_start"],
                "peak_backlog": peak_row["backlog"],
                "abandoned": abandoned,
            }
        ],
    )


def assess(inp: TipInputs, curve: pl.DataFrame | None = None) -> TipResult:
    plan = inp.playbook.crisis_plan if inp.playbook else None
    if plan is None:
        return verdict(TIP, [], ["a playbook with a crisis plan (section crisis_plan)"])
    if inp.onset is None:
        return verdict(
            TIP,
            [
                not_assessable(
                    "worst_case.plan",
                    TIP,
                    "Crisis plan",
                    "no crisis onset to judge the plan against",
                )
            ],
        )
    checks = [
        Check(
            "worst_case.plan_before_onset",
            TIP,
            "A crisis plan existed before the crisis",
            "pass" if at_day_start(plan.created) < inp.onset else "fail",
            value=plan.created.isoformat(),
            target="before onset",
            detail=f"created {plan.created.isoformat()}, {len(plan.scenarios)} scenarios",
        ),
        _recent(
            "Plan reviewed within a year",
            "worst_case.reviewed_recently",
            plan.last_review,
            inp.onset,
        ),
        _recent(
            "Plan drilled within a year", "worst_case.drilled_recently", plan.last_drill, inp.onset
        ),
        scenario_check(inp),
        holding_statement_check(inp),
        kept_up_check(inp, backlog(inp) if curve is None else curve),
    ]
    return verdict(TIP, checks)
