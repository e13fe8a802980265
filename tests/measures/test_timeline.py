from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from toolkit.measures.timeline import detect_timeline, negative_volume, phase_expr
from toolkit.model import mentions_frame

T0 = datetime(2024, 5, 1)


def hour(h: int) -> datetime:
    return T0 + timedelta(hours=h)


def series(counts: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "period_start": [hour(h) for h in range(len(counts))],
            "n_negative": counts,
            "n_total": counts,
        },
        schema={"period_start": pl.Datetime("us"), "n_negative": pl.Int64, "n_total": pl.Int64},
    )


# Hours 0-23: 1,2,3 repeated; 24: 4; 25-27: the spike 12, 20, 12; 28-35: a quiet tail.
SPIKE = [1, 2, 3] * 8 + [4, 12, 20, 12] + [6, 3, 2, 1, 2, 3, 1, 2]
# 36 values: ten 1s, eleven 2s, ten 3s, then 4, 6, 12, 12, 20.
# Sorted, the 18th and 19th are both 2 -> median m = 2.
# |x - 2|: eleven 0s, twenty 1s, then 2, 4, 10, 10, 18 -> MAD = 1.
# scale = max(1.4826 * 1, 1) = 1.4826; threshold = 2 + 3.5 * 1.4826 = 7.1891.


def test_negative_volume_counts_customer_voice_per_hour() -> None:
    rows = [
        {"mention_id": "1", "author_id": "a", "created_at": datetime(2024, 5, 1, 10, 5)},
        {"mention_id": "2", "author_id": "a", "created_at": datetime(2024, 5, 1, 10, 50)},
        {"mention_id": "3", "author_id": "a", "created_at": datetime(2024, 5, 1, 10, 30)},
        {
            "mention_id": "4",
            "author_id": "x",
            "created_at": datetime(2024, 5, 1, 10, 20),
            "is_brand": True,
        },
        {"mention_id": "5", "author_id": "a", "created_at": datetime(2024, 5, 1, 12, 10)},
        {
            "mention_id": "6",
            "author_id": "a",
            "created_at": datetime(2024, 5, 1, 12, 20),
            "kind": "share",
        },
        {"mention_id": "7", "author_id": "a", "created_at": datetime(2024, 5, 1, 12, 40)},
    ]
    scores = [-0.5, -0.05, 0.3, -0.9, -0.9, -0.9, None]
    m = mentions_frame(rows).with_columns(pl.Series("sentiment", scores))
    out = negative_volume(m, start=datetime(2024, 5, 1, 9, 15))
    assert out["period_start"].to_list() == [datetime(2024, 5, 1, h) for h in (9, 10, 11, 12)]
    # 10h: -0.5 and -0.05 negative, 0.3 not, the brand row ignored -> 2 of 3.
    # 12h: -0.9 negative, the share ignored, the unscored post only in the total -> 1 of 2.
    assert out["n_negative"].to_list() == [0, 2, 0, 1]
    assert out["n_total"].to_list() == [0, 3, 0, 2]


def test_onset_peak_end_on_hand_made_series() -> None:
    tl = detect_timeline(series(SPIKE))
    assert tl.status == "ok"
    assert tl.reason is None
    assert tl.baseline_median == 2.0
    assert tl.baseline_mad == 1.0
    assert tl.scale == pytest.approx(1.4826)
    assert tl.threshold == pytest.approx(7.1891)
    assert tl.period == timedelta(hours=1)
    # Hour 24 (4) is below 7.19; hour 25 (12) is the first above it and >= 5.
    assert tl.onset == hour(25)
    assert tl.onset_method == "robust z-score (median/MAD)"
    assert tl.peak == hour(26)
    assert tl.peak_count == 20
    # Hour 27 (12) is still above; hours 28-33 (6,3,2,1,2,3) are six quiet hours.
    assert tl.end == hour(28)
    assert tl.end_method == "robust z-score (median/MAD)"
    # Excess over [25, 28): (12-2) + (20-2) + (12-2) = 38.
    assert tl.excess_negative == 38.0
    # Half of (20 - 2) is 9; hour 27: 12-2 = 10 > 9; hour 28: 6-2 = 4 <= 9 -> 2 hours.
    assert tl.half_life == timedelta(hours=2)


def test_not_ended_when_the_quiet_run_is_cut_by_the_data() -> None:
    tl = detect_timeline(series(SPIKE), end_consecutive=10)
    # Hours 28-35 are only 8 quiet hours: no run of 10.
    assert tl.status == "ok"
    assert tl.end is None
    assert tl.reason == "not ended by the end of the data"
    # Excess from 25 to the end of the data: 10 + 18 + 10, then the tail
    # 6,3,2,1,2,3,1,2 adds 4 + 1 + 0 + 0 + 0 + 1 + 0 + 0 = 6 -> 44.
    assert tl.excess_negative == 44.0


def test_mad_zero_is_floored_and_no_onset_is_not_assessable() -> None:
    # Twenty quiet hours and one hour with 3: median 0, MAD 0.
    tl = detect_timeline(series([0] * 20 + [3]), min_count=1)
    assert tl.baseline_mad == 0.0
    # Without the floor the threshold would be 0 and the single 3 an onset;
    # with it, scale = 1 and threshold = 0 + 3.5 * 1 = 3.5.
    assert tl.scale == 1.0
    assert tl.threshold == 3.5
    assert tl.status == "not_assessable"
    assert tl.onset is None and tl.peak is None and tl.end is None
    assert tl.excess_negative is None
    assert tl.reason == "negative volume never exceeded the threshold of 3.5 per hour"


def test_above_threshold_but_under_min_count_is_not_an_onset() -> None:
    # Median 0, MAD 0 -> threshold 3.5; the 4 is above it but under min_count 5.
    tl = detect_timeline(series([0] * 20 + [4]))
    assert tl.status == "not_assessable"
    assert "fewer than 5" in tl.reason
    assert "3.5 per hour" in tl.reason


def test_fixed_onset_mid_period_and_aware() -> None:
    # 02:30 CEST on 2 May = 00:30 UTC = inside hour 24.
    onset = datetime(2024, 5, 2, 2, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    tl = detect_timeline(series(SPIKE), fixed_onset=onset)
    assert tl.status == "ok"
    assert tl.onset == datetime(2024, 5, 2, 0, 30)
    assert tl.onset_method == "fixed in parameters"
    assert tl.end_method == "robust z-score (median/MAD)"
    assert tl.peak == hour(26)
    assert tl.end == hour(28)
    # The hour containing the onset counts: (4-2) + 10 + 18 + 10 = 40.
    assert tl.excess_negative == 40.0


def test_fixed_end_limits_the_peak() -> None:
    tl = detect_timeline(series(SPIKE), fixed_end=hour(26))
    assert tl.end == hour(26)
    assert tl.end_method == "fixed in parameters"
    assert tl.onset_method == "robust z-score (median/MAD)"
    # Only hour 25 lies in [onset, end): peak 12 there.
    assert tl.peak == hour(25)
    assert tl.peak_count == 12
    assert tl.excess_negative == 10.0  # 12 - 2
    # Half of (12 - 2) is 5: hours 26 (18) and 27 (10) are above; hour 28 (4) -> 3 hours.
    assert tl.half_life == timedelta(hours=3)


def test_fixed_end_before_onset_is_not_assessable() -> None:
    tl = detect_timeline(series(SPIKE), fixed_end=hour(10))
    assert tl.status == "not_assessable"
    assert "not after the onset" in tl.reason


def test_empty_series_is_not_assessable() -> None:
    tl = detect_timeline(series([]))
    assert tl.status == "not_assessable"
    assert tl.threshold is None


def test_phase_expr_labels() -> None:
    tl = detect_timeline(series(SPIKE))
    df = pl.DataFrame(
        {"t": [hour(0), hour(25), hour(26), hour(27), hour(28), None]},
        schema={"t": pl.Datetime("us")},
    )
    got = df.select(phase_expr("t", tl))["phase"].to_list()
    assert got == ["before onset", "onset to peak", "peak to end", "peak to end", "after end", None]


def test_phase_expr_without_onset() -> None:
    tl = detect_timeline(series([0] * 10))
    df = pl.DataFrame({"t": [hour(0), hour(5)]})
    got = df.select(phase_expr("t", tl))["phase"].to_list()
    assert got == ["no crisis detected", "no crisis detected"]
