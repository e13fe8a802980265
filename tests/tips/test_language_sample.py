"""Past LANGUAGE_SAMPLE replies, the language checks read a fixed random sample."""

from __future__ import annotations

import datetime as dt

import polars as pl

from toolkit.tips.inputs import language_sample, sample_note


def _replies(n: int) -> pl.DataFrame:
    t0 = dt.datetime(2026, 3, 9)
    return pl.DataFrame(
        {
            "platform": ["twitter"] * n,
            "mention_id": [str(10**18 + i) for i in range(n)],
            "created_at": [t0 + dt.timedelta(seconds=i) for i in range(n)],
        }
    )


def test_small_sets_are_read_whole() -> None:
    df = _replies(50)
    assert language_sample(df, limit=50).equals(df)
    assert sample_note(50, 50) == ""


def test_the_sample_is_fixed_spread_and_in_time_order() -> None:
    df = _replies(10_000)
    a, b = language_sample(df, limit=1_000), language_sample(df.reverse(), limit=1_000)
    assert a.height == 1_000 and a.equals(b)  # same rows whatever the input order
    assert a["created_at"].is_sorted()
    # spread over the window: every tenth of it holds roughly a tenth of the sample
    tenth = (a["created_at"] - df["created_at"][0]).dt.total_seconds() // 1_000
    counts = tenth.value_counts()["count"]
    assert counts.len() == 10 and counts.min() > 60


def test_the_note_states_the_margin() -> None:
    # p = 0.5 is the widest: 1.96 * sqrt(0.25 / 10000 * (300000 - 10000) / 299999) = 0.96 %
    note = sample_note(10_000, 300_000)
    assert "random sample of 10,000 of 300,000" in note and "±1.0%" in note
