"""Voices (toolkit.measures.voices): a hand-worked small incident.

A posts three negative tweets to 100 followers and is answered before the statement;
B posts one to 10,000 followers and is answered twice after it; C's neutral question draws
three customer replies and no brand reply; a bot and a listed newsroom post too.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import polars as pl

from toolkit.measures.voices import author_voices, dialogue_summary
from toolkit.model import mentions_frame

ONSET = datetime(2026, 3, 9, 6)
END = datetime(2026, 3, 10, 6)
STATEMENT = datetime(2026, 3, 9, 12)


def _h(hours: float) -> datetime:
    return ONSET + timedelta(hours=hours)


def _frame() -> pl.DataFrame:
    rows = [
        # (id, author, name, at, parent, sentiment, reach, is_brand)
        ("a1", "A", "anna", _h(1), None, -0.8, 100, False),
        ("a2", "A", "anna", _h(2), None, -0.6, 100, False),
        ("a3", "A", "anna", _h(3), None, -0.5, 100, False),
        ("a0", "A", "anna", ONSET - timedelta(days=2), None, -0.9, 100, False),  # before
        ("b1", "B", "bent", _h(4), None, -0.7, 10_000, False),
        ("c1", "C", "cato", _h(1), None, 0.0, None, False),
        ("x1", "X", "x", _h(1.5), "c1", 0.2, 5, False),
        ("y1", "Y", "y", _h(1.6), "c1", 0.0, 5, False),
        ("z1", "Z", "z", _h(1.7), "c1", 0.0, 5, False),
        ("r1", "HELP", "AcmeHelp", _h(1.5), "a1", None, None, True),  # 30 min after a1
        ("r2", "HELP", "AcmeHelp", _h(7), "b1", None, None, True),  # after the statement
        ("r3", "HELP", "AcmeHelp", _h(8), "b1", None, None, True),
        ("n1", "N1", "Dagsnytt", _h(2), None, -0.3, 5_000, False),
        ("s1", "S1", "outage_bot", _h(2), None, -0.2, 3, False),
        ("late", "B", "bent", END + timedelta(hours=1), None, -0.9, 10_000, False),  # after end
    ]
    return mentions_frame(
        [
            {
                "mention_id": i,
                "author_id": a,
                "author_name": n,
                "created_at": t,
                "parent_id": p,
                "reach": r,
                "is_brand": b,
                "text": f"text {i}",
            }
            for i, a, n, t, p, _, r, b in rows
        ]
    ).with_columns(sentiment=pl.Series([s for *_, s, _, _ in rows], dtype=pl.Float64))


def _row(v, author: str) -> dict:
    return v.authors.filter(pl.col("author_id") == author).row(0, named=True)


def test_rankings_and_brand_answers():
    v = author_voices(_frame(), ONSET, END, STATEMENT, media_accounts=["dagsnytt"])
    a, b, c = _row(v, "A"), _row(v, "B"), _row(v, "C")
    assert (a["n_posts"], a["n_negative"], a["exposure"]) == (3, 3, 300)  # a0 is before onset
    assert (b["n_posts"], b["n_negative"], b["exposure"]) == (1, 1, 10_000)  # late is after end
    assert a["rank_negative"] == 1 and b["rank_reach"] == 1 and c["rank_replies"] == 1
    assert c["replies_drawn"] == 3 and c["brand_turns"] == 0 and c["wait_s"] is None
    assert a["brand_turns"] == 1 and a["wait_s"] == 1800 and a["answered_after_statement"] is False
    assert b["brand_turns"] == 2 and b["wait_s"] == 3 * 3600 and b["answered_after_statement"]
    assert b["first_brand_reply_at"] == _h(7)
    assert c["reach"] is None and c["exposure"] is None  # no reach given: null, never 0
    # 5 authors with a negative post -> top decile = 1: B (1 × 10,000) beats A (3 × 100)
    assert v.authors.filter(pl.col("top_decile"))["author_id"].to_list() == ["B"]
    summary = dialogue_summary(v)
    assert summary["n"] == 1 and summary["after_statement"] == 1.0
    assert summary["two_turns"] == 1.0


def test_roles():
    v = author_voices(_frame(), ONSET, END, STATEMENT, media_accounts=["dagsnytt"])
    roles = dict(zip(v.authors["author_id"], v.authors["role"], strict=True))
    assert roles["HELP"] == "brand" and roles["N1"] == "media" and roles["S1"] == "bot"
    assert roles["A"] == "customer"
    assert _row(v, "S1")["role_source"] == "name"
    assert _row(v, "N1")["role_source"] == "parameters"
    top = v.top(2)
    assert "HELP" not in top["author_id"].to_list()
    assert {"A", "B", "C"} <= set(top["author_id"].to_list())


def test_repeating_author_reads_as_a_bot_and_no_onset_means_whole_data():
    rows = [
        {"mention_id": f"p{i}", "author_id": "R", "created_at": _h(i), "text": "same text"}
        for i in range(6)
    ]
    f = mentions_frame(rows).with_columns(sentiment=pl.lit(-0.5))
    v = author_voices(f, None, None, None)
    assert v.window.startswith("whole data")
    r = _row(v, "R")
    assert r["role"] == "bot" and r["role_source"] == "repeats itself"
    assert r["answered_after_statement"] is None  # no statement: unknown, not False


def test_a_verified_badge_makes_a_notable_voice() -> None:
    """The X badge (author_verified) tells notable accounts from customers; a listed media
    account stays media, a brand stays brand, no badge information means customer."""
    rows = [  # id, author, verified, is_brand
        ("1", "journo", True, False),
        ("2", "paper", True, False),
        ("3", "kari", False, False),
        ("4", "AcmeHelp", True, True),
        ("5", "ola", None, False),
    ]
    m = mentions_frame(
        [
            {
                "mention_id": i,
                "author_id": a,
                "author_name": a,
                "created_at": _h(1 + k / 10),
                "is_brand": b,
                "author_verified": v,
                "text": f"text {i}",
            }
            for k, (i, a, v, b) in enumerate(rows)
        ]
    ).with_columns(sentiment=pl.lit(-0.5))
    v = author_voices(m, onset=ONSET, end=END, media_accounts=["paper"])
    roles = dict(zip(v.authors["author_id"], v.authors["role"], strict=True))
    assert roles == {
        "journo": "notable",
        "paper": "media",
        "kari": "customer",
        "AcmeHelp": "brand",
        "ola": "customer",
    }
