"""Tips 1 and 2 and the scoring rule, on hand-made incidents with hand-worked verdicts."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from toolkit.measures.timeline import detect_timeline
from toolkit.model import mentions_frame
from toolkit.playbook import Playbook
from toolkit.tips import escalation, policy
from toolkit.tips.checks import Check, verdict
from toolkit.tips.inputs import TipInputs

T0 = dt.datetime(2026, 3, 9, 0, 0)


def _volume(counts: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "period_start": [T0 + dt.timedelta(hours=i) for i in range(len(counts))],
            "n_negative": counts,
            "n_total": [c + 2 for c in counts],
        }
    )


# 24 quiet hours (1 negative each), then 5, 30, 60, 30, 1, 1, 1, 1, 1, 1, 1, 1
COUNTS = [1] * 24 + [5, 30, 60, 30] + [1] * 8


def _inputs(
    playbook: dict | None,
    moderation: pl.DataFrame | None = None,
    escalations: pl.DataFrame | None = None,
    mentions: pl.DataFrame | None = None,
    **kw,
) -> TipInputs:
    volume = _volume(COUNTS)
    tl = detect_timeline(volume)
    if mentions is None:
        mentions = mentions_frame([{"mention_id": "1", "author_id": "c", "created_at": T0}])
    if "sentiment" not in mentions.columns:
        mentions = mentions.with_columns(sentiment=pl.lit(-0.5))
    empty_mod = pl.DataFrame(
        schema={
            "action_at": pl.Datetime("us"),
            "action": pl.String,
            "platform": pl.String,
            "target_id": pl.String,
            "rule_id": pl.String,
            "moderator": pl.String,
        }
    )
    empty_log = pl.DataFrame(
        schema={
            "logged_at": pl.Datetime("us"),
            "level": pl.String,
            "action": pl.String,
            "owner": pl.String,
        }
    )
    empty_st = pl.DataFrame(
        schema={
            "statement_id": pl.String,
            "published_at": pl.Datetime("us"),
            "channel": pl.String,
            "url": pl.String,
            "text": pl.String,
            "is_owned": pl.Boolean,
        }
    )
    return TipInputs(
        mentions=mentions,
        episodes=pl.DataFrame(),
        volume=volume,
        timeline=tl,
        statements=kw.get("statements", empty_st),
        moderation=empty_mod if moderation is None else moderation,
        escalations=empty_log if escalations is None else escalations,
        playbook=None if playbook is None else Playbook.model_validate(playbook),
    )


def test_timeline_of_the_fixture():
    # median of 36 hourly counts = 1, MAD = 0 -> scale 1, threshold 4.5: onset at hour 24.
    tl = detect_timeline(_volume(COUNTS))
    assert tl.onset == T0 + dt.timedelta(hours=24)
    assert tl.peak == T0 + dt.timedelta(hours=26)


def test_scoring_rule():
    checks = [
        Check("a", 1, "A", "pass"),
        Check("b", 1, "B", "partial"),
        Check("c", 1, "C", "fail"),
        Check("d", 1, "D", "not_assessable", detail="x"),
    ]
    r = verdict(1, checks)
    # (1 + 0.5 + 0) / 3 = 0.5 -> 50 -> partly met; the not-assessable check is left out.
    assert r.score == 50.0 and r.verdict == "partly met"
    assert r.why.startswith("missed: C")
    assert verdict(1, [Check("a", 1, "A", "pass")]).verdict == "met"
    assert verdict(1, [Check("c", 1, "C", "fail")]).verdict == "missed"
    na = verdict(1, [], ["a playbook"])
    assert na.verdict == "not assessable" and na.score is None and "a playbook" in na.why


POLICY = {
    "policy": {
        "published": "2024-05-01",
        "rules": [{"id": "R1", "title": "be civil"}, {"id": "R2", "title": "no spam"}],
    }
}


def _mod(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "action_at": pl.Datetime("us"),
            "action": pl.String,
            "platform": pl.String,
            "target_id": pl.String,
            "rule_id": pl.String,
            "moderator": pl.String,
        },
        orient="row",
    )


def test_policy_without_playbook_is_not_assessable():
    r = policy.assess(_inputs(None))
    assert r.verdict == "not assessable" and "playbook" in r.missing[0]


def test_a_deleted_civil_complaint_fails_the_policy_check():
    mentions = mentions_frame(
        [
            {
                "mention_id": "civil",
                "author_id": "c1",
                "created_at": T0,
                "text": "Your outage cost me a day of work and nobody answers.",
            },
            {
                "mention_id": "rude",
                "author_id": "c2",
                "created_at": T0,
                "text": "You are idiots, all of you.",
            },
            {"mention_id": "spam", "author_id": "c3", "created_at": T0, "text": "buy followers"},
        ]
    ).with_columns(sentiment=pl.Series([-0.6, -0.7, 0.0]))
    mod = _mod(
        [
            (T0, "delete", "twitter", "civil", None, "m1"),  # civil criticism, no rule: bad
            (T0, "hide", "twitter", "rude", "R1", "m1"),  # uncivil, rule cited: fine
            (T0, "hide", "twitter", "spam", "R2", "m2"),  # spam, rule cited: fine
            (T0, "delete", "twitter", "gone", "R9", "m2"),  # cites a rule the policy lacks
        ]
    )
    r = policy.assess(_inputs(POLICY, moderation=mod, mentions=mentions))
    by = {c.id: c for c in r.checks}
    assert by["policy.published_before_onset"].outcome == "pass"
    cites = by["policy.moderation_cites_rule"]
    # 2 of 4 cite a rule of the policy (R9 is not one): 0.5 -> below 0.6 -> fail
    assert cites.value == 0.5 and cites.outcome == "fail"
    civil = by["policy.civil_criticism_not_removed"]
    assert civil.outcome == "fail" and civil.value == 1
    assert civil.evidence[0]["mention_id"] == "civil"
    # pass 1 + fail 0 + fail 0 over 3 checks -> 33.3 -> missed
    assert r.score == pytest.approx(33.3) and r.verdict == "missed"


def test_a_restored_post_is_not_held_against_the_brand():
    mentions = mentions_frame(
        [
            {
                "mention_id": "civil",
                "author_id": "c1",
                "created_at": T0,
                "text": "Still no data. Please fix it.",
            }
        ]
    ).with_columns(sentiment=pl.lit(-0.4))
    mod = _mod(
        [
            (T0, "hide", "twitter", "civil", "R1", "m1"),
            (T0 + dt.timedelta(hours=1), "restore", "twitter", "civil", None, "m1"),
        ]
    )
    r = policy.assess(_inputs(POLICY, moderation=mod, mentions=mentions))
    by = {c.id: c for c in r.checks}
    assert by["policy.civil_criticism_not_removed"].outcome == "pass"


PLAN = {
    "escalation_plan": {
        "published": "2025-01-01",
        "levels": [
            {
                "level": "1",
                "name": "support lead",
                "trigger": {"negative_per_hour": 20},
                "escalate_within_minutes": 30,
                "actions": [
                    {
                        "action": "tell the agents",
                        "deadline_minutes": 60,
                        "done_when": "log_entry",
                        "match": "agents",
                    }
                ],
            },
            {
                "level": "2",
                "name": "crisis team",
                "trigger": {"negative_per_hour": 50},
                "escalate_within_minutes": 30,
            },
            {"level": "3", "name": "CEO", "trigger": {"negative_per_hour": 500}},
        ],
    }
}


def _log(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "logged_at": pl.Datetime("us"),
            "level": pl.String,
            "action": pl.String,
            "owner": pl.String,
        },
        orient="row",
    )


def test_an_escalation_logged_two_hours_after_its_trigger():
    # Level 1 (20/h) is first crossed in hour 25 (30 posts): known at 26:00.
    # Level 2 (50/h) is first crossed in hour 26 (60 posts): known at 27:00.
    log = _log(
        [
            (T0 + dt.timedelta(hours=26, minutes=20), "1", "support lead called", "a"),  # 20 min
            (T0 + dt.timedelta(hours=27, minutes=50), "1", "moved agents to social", "a"),
            (T0 + dt.timedelta(hours=29), "2", "crisis team", "b"),  # 120 min after 27:00
        ]
    )
    r = escalation.assess(_inputs(PLAN, escalations=log))
    by = {c.id: c for c in r.checks}
    assert by["escalation.plan_before_onset"].outcome == "pass"
    l1 = by["escalation.level_1"]
    assert l1.value == 20.0 and l1.outcome == "pass"
    # action: 26:20 -> 27:50 = 90 min against 60: within 2x -> partial
    assert by["escalation.level_1.action_1"].value == 90.0
    assert by["escalation.level_1.action_1"].outcome == "partial"
    l2 = by["escalation.level_2"]
    # 120 min against 30 (x3 = 90): fail
    assert l2.value == 120.0 and l2.outcome == "fail"
    assert by["escalation.level_3"].outcome == "not_assessable"  # 500/h never crossed
    # pass 1 + pass 1 + partial 0.5 + fail 0 over 4 -> 62.5 -> partly met
    assert r.score == 62.5 and r.verdict == "partly met"


def test_escalation_without_a_log_is_not_assessable():
    r = escalation.assess(_inputs(PLAN))
    assert r.verdict == "not assessable" and "escalation log" in r.why
