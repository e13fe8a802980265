"""Reach and spread (toolkit.measures.spread): hand-worked small cases."""

from __future__ import annotations

from datetime import datetime, timedelta

import polars as pl

from toolkit.measures.spread import spread
from toolkit.model import mentions_frame

T0 = datetime(2026, 3, 8, 0)
ONSET = datetime(2026, 3, 9, 10)
END = datetime(2026, 3, 9, 20)


def _frame(with_reach: bool = True) -> pl.DataFrame:
    rows, sent = [], []

    def add(platform: str, at: datetime, s: float, reach: int | None, kind: str = "post"):
        i = len(rows)
        rows.append(
            {
                "platform": platform,
                "mention_id": f"m{i}",
                "author_id": f"u{i}",
                "created_at": at,
                "kind": kind,
                "reach": reach if with_reach else None,
                "text": "x",
            }
        )
        sent.append(s)

    for h in range(0, 30, 6):  # quiet background before onset, one negative post each time
        add("twitter", T0 + timedelta(hours=h), -0.5, 10)
        add("facebook", T0 + timedelta(hours=h, minutes=30), -0.5, None)
    for k in range(8):  # twitter catches fire at 10:00
        add("twitter", ONSET + timedelta(minutes=5 * k), -0.8, 1000)
    for k in range(5):  # facebook at 12:00 and peaks at 13:00 with 6
        add("facebook", ONSET + timedelta(hours=2, minutes=5 * k), -0.8, None)
    for k in range(6):
        add("facebook", ONSET + timedelta(hours=3, minutes=5 * k), -0.8, 200)
    add("twitter", ONSET + timedelta(hours=1), -0.9, 5000, kind="share")  # a share carries it
    add("twitter", ONSET + timedelta(hours=1), 0.5, 99_999)  # positive: not negative content
    return mentions_frame(rows).with_columns(sentiment=pl.Series(sent))


def test_platform_order_peaks_and_exposure():
    s = spread(_frame(), ONSET, END, z_threshold=3.5, min_count=3)
    p = {r["platform"]: r for r in s.platforms.to_dicts()}
    assert s.first_platform == "twitter"
    assert p["twitter"]["order"] == 1 and p["facebook"]["order"] == 2
    assert p["twitter"]["caught_fire_at"] == ONSET
    assert p["facebook"]["caught_fire_at"] == ONSET + timedelta(hours=2)
    assert p["facebook"]["lag_s"] == 7200 and p["twitter"]["lag_s"] == 0
    assert p["facebook"]["peak_at"] == ONSET + timedelta(hours=3)
    assert p["facebook"]["peak_count"] == 6
    assert p["twitter"]["peak_at"] == ONSET and p["twitter"]["peak_count"] == 8
    # window: 8 posts + 1 share on twitter, 11 posts on facebook (background is before onset)
    assert (p["twitter"]["n_negative"], p["facebook"]["n_negative"]) == (9, 11)
    assert s.n_negative == 20 and s.n_with_reach == 15
    assert s.total_exposure == 8 * 1000 + 5000 + 6 * 200
    assert p["twitter"]["exposure"] == 13_000 and p["facebook"]["exposure"] == 1200
    assert s.coverage == 15 / 20
    assert s.peak_exposure_at == ONSET  # 8,000 at 10:00 beats the share's 5,000 at 11:00
    per_hour = s.exposure.filter(pl.col("period_start") == ONSET + timedelta(hours=1))
    assert per_hour["exposure"].to_list() == [5000]


def test_without_reach_exposure_is_unknown_not_zero():
    s = spread(_frame(with_reach=False), ONSET, END)
    assert s.total_exposure is None and s.coverage == 0.0 and s.peak_exposure_at is None
    assert s.platforms["exposure"].null_count() == s.platforms.height


def test_a_platform_that_never_crossed_is_listed_last():
    f = _frame().filter(~((pl.col("platform") == "facebook") & (pl.col("created_at") >= ONSET)))
    s = spread(f, ONSET, END)
    last = s.platforms.row(-1, named=True)
    assert last["platform"] == "facebook" and last["caught_fire_at"] is None
    assert last["lag_s"] is None and last["n_negative"] == 0
