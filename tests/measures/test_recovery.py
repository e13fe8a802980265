from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from toolkit.measures.recovery import sentiment_recovery

OSLO = ZoneInfo("Europe/Oslo")

# Feb 29 (outside the 7-day baseline), then Mar 1-7: mean 1.4 / 7 = 0.2;
# deviations -0.1, .1, 0, 0, .1, -.1, 0 -> sum of squares 0.04 -> sd = sqrt(0.04 / 6) = 0.08165.
BASELINE = [-0.9, 0.1, 0.3, 0.2, 0.2, 0.3, 0.1, 0.2]
ONSET = datetime(2024, 3, 8, 14)  # naive = UTC


def net_frame(values: list[float | None], tz: str = "UTC") -> pl.DataFrame:
    first = datetime(2024, 2, 29)
    return pl.DataFrame(
        {"period_start": [first + timedelta(days=i) for i in range(len(values))], "net": values},
        schema={"period_start": pl.Datetime("us"), "net": pl.Float64},
    ).with_columns(pl.col("period_start").dt.replace_time_zone(tz))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo("UTC"))


def test_recovers() -> None:
    # Mar 8-14 after the onset.
    rec = sentiment_recovery(net_frame([*BASELINE, -0.4, -0.6, -0.2, 0.2, 0.4, 0.3, 0.3]), ONSET)
    assert rec.status == "ok"
    assert rec.reason is None
    assert rec.baseline_n == 7
    assert rec.baseline_mean == pytest.approx(0.2)
    assert rec.baseline_sd == pytest.approx(0.081650, abs=1e-6)
    assert rec.tolerance_used == pytest.approx(0.081650, abs=1e-6)
    # Smoothed (3-day trailing): Mar 8 (0.1+0.2-0.4)/3 = -0.033, Mar 9 -0.8/3 = -0.267,
    # Mar 10 -1.2/3 = -0.4, Mar 11 -0.6/3 = -0.2, Mar 12 0.4/3 = 0.133, Mar 13 0.3, Mar 14 0.333.
    assert rec.trough_at == utc(2024, 3, 10)
    assert rec.trough_value == pytest.approx(-0.4)
    assert rec.depth == pytest.approx(0.6)  # 0.2 - (-0.4)
    # Bar 0.2 - 0.0817 = 0.1183: Mar 12 (0.133) and Mar 13 (0.3) are the first run of 2.
    assert rec.recovered is True
    assert rec.recovered_at == utc(2024, 3, 12)
    assert rec.recovery_from_onset == timedelta(days=3, hours=10)  # Mar 12 00:00 - Mar 8 14:00
    assert rec.recovery_from_trough == timedelta(days=2)
    assert rec.series.columns == ["period_start", "net", "smoothed"]
    assert rec.series["smoothed"][10] == pytest.approx(-0.4)


def test_not_recovered_is_an_ok_answer() -> None:
    # Mar 12-14: 0.0, 0.1, 0.5 -> smoothed 0.0, 0.1, 0.2: only the last day clears 0.1183,
    # and a run of 2 needs a day after it.
    rec = sentiment_recovery(net_frame([*BASELINE, -0.4, -0.6, -0.2, 0.2, 0.0, 0.1, 0.5]), ONSET)
    assert rec.status == "ok"
    assert rec.recovered is False
    assert rec.reason == "not recovered by the end of the data"
    assert rec.recovered_at is None
    assert rec.recovery_from_onset is None
    assert rec.trough_at == utc(2024, 3, 10)
    assert rec.depth == pytest.approx(0.6)


def test_a_day_without_value_breaks_the_run() -> None:
    # smooth=1 so smoothed == net; tolerance 0.1 -> bar 0.1.
    # After the trough (Mar 9, -0.5): Mar 10 0.2 ok, Mar 11 null, Mar 12 0.3, Mar 13 0.2.
    rec = sentiment_recovery(
        net_frame([*BASELINE, 0.0, -0.5, 0.2, None, 0.3, 0.2]), ONSET, smooth=1, tolerance=0.1
    )
    assert rec.tolerance_used == 0.1
    assert rec.trough_at == utc(2024, 3, 9)
    assert rec.recovered_at == utc(2024, 3, 12)


def test_too_little_baseline_is_not_assessable() -> None:
    values = [None, None, 0.3, None, None, 0.1, None, None, -0.4, -0.2, 0.3, 0.3]
    rec = sentiment_recovery(net_frame(values), ONSET)
    assert rec.status == "not_assessable"
    # Mar 1-7 hold two values (0.3 on Mar 2, 0.1 on Mar 5).
    assert rec.reason.startswith("only 2 period(s)")
    assert "3 needed" in rec.reason
    assert rec.baseline_n == 2
    assert rec.baseline_mean is None
    assert rec.recovered is None
    assert rec.series.height == 12


def test_oslo_days_and_aware_onset() -> None:
    # Onset 22:30 UTC on Mar 7 = 23:30 CET: the Oslo day Mar 7 has not ended, so the 7
    # baseline periods are Feb 29 - Mar 6 -> values -0.9, 0.1, 0.3, 0.2, 0.2, 0.3, 0.1.
    onset = datetime(2024, 3, 7, 22, 30, tzinfo=UTC)
    rec = sentiment_recovery(net_frame([*BASELINE, -0.4, -0.6], tz="Europe/Oslo"), onset)
    assert rec.baseline_n == 7
    # mean = (-0.9 + 1.2) / 7 = 0.3 / 7
    assert rec.baseline_mean == pytest.approx(0.3 / 7)
    # Trough searched from Mar 7 (Oslo) on: smoothed Mar 7 (0.3+0.1+0.2)/3 = 0.2,
    # Mar 8 (0.1+0.2-0.4)/3 = -0.033, Mar 9 (0.2-0.4-0.6)/3 = -0.267.
    assert rec.trough_at == datetime(2024, 3, 9, tzinfo=OSLO)
    # Mar 9 is the last day, so no run of 2 can start at or after the trough.
    assert rec.recovered is False
