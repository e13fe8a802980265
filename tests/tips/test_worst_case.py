"""Tip 3 on hand-made data: plan dates, scenario match, backlog curve."""

from __future__ import annotations

import datetime as dt

import polars as pl

from toolkit.measures import response
from toolkit.model import mentions_frame
from toolkit.playbook import Playbook
from toolkit.tips import worst_case
from toolkit.tips.checks import Check
from toolkit.tips.inputs import TipInputs

from .test_checks_policy_escalation import T0, _inputs

ONSET = T0 + dt.timedelta(hours=24)  # 2026-03-10 00:00 in the shared fixture


def _plan(**kw) -> dict:
    plan = {
        "created": "2024-01-01",
        "last_review": "2025-06-01",
        "last_drill": "2023-06-01",
        "scenarios": ["mobile network outage", "data breach"],
    }
    plan.update(kw)
    return {"crisis_plan": plan}


def test_review_within_a_year_drill_older_than_two_years():
    inp = _inputs(_plan())
    review = worst_case._recent("r", "r", dt.date(2025, 6, 1), ONSET)
    drill = worst_case._recent("d", "d", dt.date(2023, 6, 1), ONSET)
    older = worst_case._recent("o", "o", dt.date(2024, 6, 1), ONSET)
    # 2025-06-01 -> 2026-03-10: 282 days (pass); 2023-06-01: 1013 days (> 730: fail);
    # 2024-06-01: 647 days (within two years: partial)
    assert (review.outcome, drill.outcome, older.outcome) == ("pass", "fail", "partial")
    assert "282 days" in review.detail
    assert inp.onset == ONSET


def test_scenario_match_and_missing_kind():
    inp = _inputs(_plan())
    assert worst_case.scenario_check(inp).outcome == "not_assessable"  # no incident.kind
    hit = TipInputs(**{**inp.__dict__, "incident_kind": "Mobile network outage"})
    assert worst_case.scenario_check(hit).outcome == "pass"
    miss = TipInputs(**{**inp.__dict__, "incident_kind": "product recall"})
    assert worst_case.scenario_check(miss).outcome == "fail"


def test_backlog_curve_counts_open_negative_conversations():
    # Three negative conversations open at 00:10, 00:20, 00:30 of hour 24; the first is
    # answered at 01:30, the second at 03:10, the third never (abandoned after 24 h).
    h = ONSET
    rows = [
        {"mention_id": "a", "author_id": "x", "created_at": h + dt.timedelta(minutes=10)},
        {"mention_id": "b", "author_id": "y", "created_at": h + dt.timedelta(minutes=20)},
        {"mention_id": "c", "author_id": "z", "created_at": h + dt.timedelta(minutes=30)},
        {
            "mention_id": "ra",
            "author_id": "brand",
            "is_brand": True,
            "parent_id": "a",
            "conversation_id": "a",
            "created_at": h + dt.timedelta(minutes=90),
        },
        {
            "mention_id": "rb",
            "author_id": "brand",
            "is_brand": True,
            "parent_id": "b",
            "conversation_id": "b",
            "created_at": h + dt.timedelta(minutes=190),
        },
        # a happy customer 30 h later keeps the data going past c's 24 h
        {"mention_id": "d", "author_id": "w", "created_at": h + dt.timedelta(hours=30)},
    ]
    mentions = mentions_frame(rows).with_columns(
        sentiment=pl.when(pl.col("is_brand") | (pl.col("mention_id") == "d"))
        .then(0.3)
        .otherwise(-0.6)
    )
    eps = response.episodes(mentions)
    inp = TipInputs(**{**_inputs(_plan(), mentions=mentions).__dict__, "episodes": eps})
    curve = worst_case.backlog(inp)
    at = dict(zip(curve["period_start"], curve["backlog"], strict=True))
    # grid starts at the hour of the first start; value = open conversations at that moment
    assert at[h] == 0  # 00:00: nothing open yet
    assert at[h + dt.timedelta(hours=1)] == 3  # 01:00: a, b, c open
    assert at[h + dt.timedelta(hours=2)] == 2  # 02:00: a answered at 01:30
    assert at[h + dt.timedelta(hours=4)] == 1  # 04:00: b answered at 03:10; c waits
    check = worst_case.kept_up_check(inp, curve)
    # peak 3 at 01:00; a quarter of it (0.75) first reached when c is abandoned, at 00:30
    # the next day, i.e. the 01:00 grid point 24 h later -> 24 h: partial (≤ 48 h)
    assert check.value == 24.0 and check.outcome == "partial"


def test_without_crisis_plan_tip_3_is_not_assessable():
    r = worst_case.assess(
        _inputs({"policy": {"published": "2024-01-01", "rules": [{"id": "R1", "title": "x"}]}})
    )
    assert r.verdict == "not assessable" and "crisis plan" in r.missing[0]


def test_check_requires_a_reason_when_not_assessable():
    try:
        Check("x", 3, "x", "not_assessable")
    except ValueError:
        return
    raise AssertionError("a not-assessable check without a reason must be refused")


def test_playbook_model_refuses_a_trigger_without_a_threshold():
    try:
        Playbook.model_validate(
            {
                "escalation_plan": {
                    "published": "2025-01-01",
                    "levels": [{"level": "1", "name": "x", "trigger": {}}],
                }
            }
        )
    except Exception as exc:  # pydantic ValidationError
        assert "negative_per_hour" in str(exc)
        return
    raise AssertionError("trigger without threshold accepted")
