"""Tips 4 and 5 on hand-made incidents; verdicts worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import polars as pl

from toolkit.model import mentions_frame
from toolkit.tips import blame, react
from toolkit.tips.inputs import TipInputs

from .test_checks_policy_escalation import T0, _inputs

ONSET = T0 + dt.timedelta(hours=24)


def _statements(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "statement_id": pl.String,
            "published_at": pl.Datetime("us"),
            "channel": pl.String,
            "url": pl.String,
            "text": pl.String,
            "is_owned": pl.Boolean,
        },
        orient="row",
    )


def _with(inp: TipInputs, **kw) -> TipInputs:
    return TipInputs(**{**inp.__dict__, **kw})


def test_a_statement_that_blames_a_supplier_fails_ownership():
    st = _statements(
        [
            (
                "S1",
                ONSET + dt.timedelta(hours=2),
                "blog",
                None,
                "The outage was caused by our supplier. It was beyond our control.",
                True,
            ),
        ]
    )
    checks = {c.id: c for c in blame.ownership_checks(_with(_inputs(None), statements=st))}
    own = checks["blame.statement_ownership"]
    # 0 ownership, 2 blame sentences (scapegoat; excuse) -> score -1 -> fail
    assert own.value == -1.0 and own.outcome == "fail"
    assert {e["side"] for e in own.evidence} == {"blame"}
    assert checks["blame.statement_apology"].outcome == "fail"


def test_a_statement_that_apologises_and_gives_a_date_passes():
    st = _statements(
        [
            (
                "S1",
                ONSET + dt.timedelta(hours=2),
                "blog",
                None,
                "We are sorry. This was our mistake. Every customer will be refunded by Friday "
                "13 March.",
                True,
            ),
        ]
    )
    checks = {c.id: c for c in blame.ownership_checks(_with(_inputs(None), statements=st))}
    # 3 ownership sentences (apology; responsibility; corrective action + timeline), 0 blame
    assert checks["blame.statement_ownership"].value == 1.0
    assert checks["blame.statement_apology"].outcome == "pass"


def test_norwegian_statements_are_scored_too():
    good = _statements(
        [
            (
                "S1",
                ONSET,
                "blog",
                None,
                "Vi beklager. Dette var vår feil, og vi tar fullt ansvar.",
                True,
            )
        ]
    )
    bad = _statements(
        [
            (
                "S2",
                ONSET,
                "blog",
                None,
                "Feilen skyldes en feil hos leverandøren vår. Det var utenfor vår kontroll.",
                True,
            )
        ]
    )
    g = {c.id: c for c in blame.ownership_checks(_with(_inputs(None), statements=good))}
    b = {c.id: c for c in blame.ownership_checks(_with(_inputs(None), statements=bad))}
    assert g["blame.statement_ownership"].outcome == "pass"
    assert g["blame.statement_apology"].outcome == "pass"
    assert b["blame.statement_ownership"].outcome == "fail"


def test_promised_update_kept_and_missed():
    # Tuesday 10 March 2026, 10:00 UTC = 11:00 Oslo; promise: update by Wednesday 12:00 Oslo
    # = 11 March 11:00 UTC.
    promise = (
        "S1",
        dt.datetime(2026, 3, 10, 10),
        "blog",
        None,
        "We will post an update by Wednesday 12:00.",
        True,
    )
    on_time = ("S2", dt.datetime(2026, 3, 11, 10, 30), "blog", None, "Update: fixed.", True)
    late = ("S2", dt.datetime(2026, 3, 11, 11, 30), "blog", None, "Update: fixed.", True)
    base = _with(_inputs(None), timezone="Europe/Oslo")
    kept = blame.promise_check(_with(base, statements=_statements([promise, on_time])))
    missed = blame.promise_check(_with(base, statements=_statements([promise, late])))
    assert kept.outcome == "pass" and kept.evidence[0]["deadline"] == dt.datetime(2026, 3, 11, 11)
    assert missed.outcome == "fail"


PERSONAL = [  # written by different agents: no two are near-copies
    "Hi Kari, the double charge on your Bergen invoice is refunded today. ^AK",
    "Kari, I can see order {n} was billed twice; I have reversed the second payment. /Tom",
    "Hei Kari! Bergen is back online since 16:00 and your refund for {n} is on its way. ^MH",
    "Thanks Kari. Order {n}: both charges went through, so we've credited one back. ^LS",
    "Kari, sorry for the wait. Your Bergen line shows data working again now. ^AK",
    "Hi Kari, that invoice ({n}) should never have gone out twice. Refunded. ^JB",
    "Kari, the fault hit all of western Norway; Bergen was restored at 16:05. ^TB",
    "Good morning Kari, refund for order {n} confirmed, expect it by Friday. ^MH",
    "Kari, our apologies: you were charged twice and we have fixed it. /Ola",
    "Hi Kari, I've added a month of free data to your account for the trouble. ^AK",
]


def _reply_incident(template_copies: int, personal: int) -> TipInputs:
    rows = []
    for i in range(template_copies + personal):
        cid = f"c{i}"
        rows.append(
            {
                "mention_id": cid,
                "author_id": f"u{i}",
                "author_name": "Kari Nordmann",
                "created_at": ONSET + dt.timedelta(minutes=i),
                "text": f"My invoice for Bergen is charged twice, order {1000 + i}!",
            }
        )
        text = (
            "We're sorry for the trouble. Please send us a DM with your account number and "
            "we'll look into it for you as soon as we can. Thank you for your patience today."
            if i < template_copies
            else PERSONAL[i - template_copies].format(n=1000 + i)
        )
        rows.append(
            {
                "mention_id": f"r{i}",
                "author_id": "BHelp",
                "is_brand": True,
                "parent_id": cid,
                "conversation_id": cid,
                "created_at": ONSET + dt.timedelta(minutes=i + 30),
                "text": f"@u{i} {text}",
            }
        )
    mentions = mentions_frame(rows).with_columns(
        sentiment=pl.when(pl.col("is_brand")).then(0.2).otherwise(-0.6)
    )
    return _inputs(None, mentions=mentions)


def test_a_reply_template_used_forty_times_fails_the_personal_check():
    inp = _reply_incident(template_copies=40, personal=10)
    replies = react.crisis_replies(inp)
    assert replies.height == 50
    assert int(replies["templated"].sum()) == 40
    check = react.personal_check(inp, replies)
    # 10 of 50 personal (addressed + signed + specific) = 0.2 < 0.25 -> fail
    assert check.value == 0.2 and check.outcome == "fail"
    assert check.evidence[0]["template_size"] == 40


def test_mostly_personal_replies_pass():
    inp = _reply_incident(template_copies=3, personal=7)
    check = react.personal_check(inp, react.crisis_replies(inp))
    assert check.value == 0.7 and check.outcome == "pass"


def test_statement_timing_and_owned_channel_first():
    st = _statements(
        [
            ("S1-x", ONSET + dt.timedelta(minutes=200), "twitter", None, "We're on it.", False),
            ("S1-blog", ONSET + dt.timedelta(minutes=230), "blog", None, "Statement.", True),
        ]
    )
    inp = _with(_inputs(None), statements=st)
    first, owned_first = react.statement_checks(inp)
    # first statement 200 min after onset, target 240 (default) -> pass
    assert first.value == 200.0 and first.outcome == "pass"
    assert first.target_source.startswith("toolkit default")
    # the blog came 30 min after the tweet -> the owned channel was not first
    assert owned_first.outcome == "fail" and "30 min later" in owned_first.detail


def test_first_acknowledgement_uses_the_playbook_target():
    inp = _reply_incident(template_copies=1, personal=0)
    inp = _with(
        inp,
        playbook=__import__("toolkit.playbook", fromlist=["Playbook"]).Playbook(
            targets={"first_acknowledgement_minutes": 20}
        ),
    )
    check = react.first_acknowledgement(inp)
    # the first brand reply comes 30 min after onset: target 20 -> within 2x -> partial
    assert check.value == 30.0 and check.outcome == "partial"
    assert check.target_source == "playbook targets"
