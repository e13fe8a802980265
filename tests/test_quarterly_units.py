"""Hand-worked cases for the quarterly figures: comparison, incident share, detection of
several incidents, quarter bounds, and the parameters' error messages."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from toolkit.params import ParamsError
from toolkit.quarterly import incidents as inc
from toolkit.quarterly import measures as qm
from toolkit.quarterly.params import Period, previous_quarter, validate_quarterly

H = dt.timedelta(hours=1)
T0 = dt.datetime(2026, 7, 1)


def _volume(counts: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "period_start": [T0 + i * H for i in range(len(counts))],
            "n_negative": counts,
            "n_total": counts,
        }
    ).with_columns(pl.col("period_start").dt.cast_time_unit("us"))


@pytest.mark.parametrize(
    ("current", "previous", "better", "verdict", "change"),
    [
        (0.2, 0.1, "higher", "better", 0.1),  # response rate up: better
        (0.1, 0.2, "higher", "worse", -0.1),
        (3600.0, 1800.0, "lower", "worse", 1800.0),  # median FRT doubled: worse
        (1800.0, 3600.0, "lower", "better", -1800.0),
        (120, 100, None, "higher", 20),  # volume: no better direction
        (100, 100, "lower", "unchanged", 0),
        (None, 0.5, "higher", "not comparable", None),  # not assessable this quarter
        (0.5, None, "higher", "not comparable", None),
    ],
)
def test_compare(current, previous, better, verdict, change):
    out = qm.compare(current, previous, better)
    assert out["verdict"] == verdict
    assert out["change"] == pytest.approx(change) if change is not None else out["change"] is None


def test_relative_change_is_against_the_previous_value():
    assert qm.compare(120, 100, None)["relative_change"] == pytest.approx(0.2)
    assert qm.compare(5, 0, None)["relative_change"] is None  # no base to divide by


def test_incident_share_by_hand():
    # 10 hourly periods; negative posts per hour:
    #   1 1 9 20 6 1 1 1 1 9
    # incident A from hour 2 (onset inside it: 02:30) up to hour 5 (end at 05:00):
    #   hours 2,3,4 -> 9 + 20 + 6 = 35 of 50 in total; 3 hours inside, 7 outside.
    # incident B from hour 9, not ended: hour 9 -> 9 more.
    vol = _volume([1, 1, 9, 20, 6, 1, 1, 1, 1, 9])
    a = (T0 + 2.5 * H, T0 + 5 * H)
    out = qm.incident_share(vol, [a])
    assert out["negative_total"] == 50
    assert out["negative_in_incidents"] == 35
    assert out["share"] == pytest.approx(0.7)
    assert out["hours_in_incidents"] == 3
    assert out["incident_per_day"] == pytest.approx(35 / 3 * 24)
    assert out["quiet_per_day"] == pytest.approx(15 / 7 * 24)
    both = qm.incident_share(vol, [a, (T0 + 9 * H, None)])
    assert both["negative_in_incidents"] == 44
    assert both["share"] == pytest.approx(44 / 50)
    # the same window listed twice counts once
    assert qm.incident_share(vol, [a, a])["negative_in_incidents"] == 35


def test_incident_share_without_negative_posts_is_not_a_zero_share():
    out = qm.incident_share(_volume([0, 0, 0]), [])
    assert out["share"] is None and out["negative_total"] == 0
    assert out["quiet_per_day"] == 0


def test_two_incidents_are_found_each_with_its_own_peak():
    # median 0, MAD 0 -> scale 1, threshold 0 + 3.5 * 1 = 3.5; min_count 5; end after 2 quiet.
    # First burst: hours 3-5 (6, 8, 5); second, larger: hours 10-11 (7, 12).
    counts = [0, 0, 0, 6, 8, 5, 0, 0, 0, 0, 7, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    base, found = inc.detect_incidents(_volume(counts), 3.5, 5, 2)
    assert base.threshold == pytest.approx(3.5)
    assert [(f.onset, f.peak, f.end, f.peak_count) for f in found] == [
        (T0 + 3 * H, T0 + 4 * H, T0 + 6 * H, 8),  # the post-mortem's rule alone would
        (T0 + 10 * H, T0 + 11 * H, T0 + 12 * H, 12),  # put the first one's peak at hour 11
    ]
    assert all(f.onset_method.startswith("robust") for f in found)
    # excess of the first: (6 - 0) + (8 - 0) + (5 - 0) = 19
    assert found[0].excess_negative == pytest.approx(19)


def test_an_incident_that_never_ends_is_said_so():
    counts = [0] * 10 + [9, 9, 9]
    _, found = inc.detect_incidents(_volume(counts), 3.5, 5, 2)
    assert len(found) == 1 and found[0].end is None and "not ended" in found[0].reason


def test_listed_incident_without_end_ends_by_the_rule():
    counts = [0, 0, 0, 6, 8, 5, 0, 0, 0, 0, 7, 12, 0, 0, 0]
    tl = inc.listed_timeline(_volume(counts), T0 + 3 * H, None, 3.5, 5, 2)
    assert tl.onset_method == "fixed in parameters"
    assert tl.end == T0 + 6 * H and tl.peak == T0 + 4 * H


def test_quarter_bounds_follow_the_report_zone():
    lo, hi = qm.period_bounds(dt.date(2026, 7, 1), dt.date(2026, 9, 30), "Europe/Oslo")
    assert lo == dt.datetime(2026, 6, 30, 22)  # local midnight in summer time (UTC+2)
    assert hi == dt.datetime(2026, 9, 30, 22)
    lo, hi = qm.period_bounds(dt.date(2026, 1, 1), dt.date(2026, 3, 31), "Europe/Oslo")
    assert lo == dt.datetime(2025, 12, 31, 23) and hi == dt.datetime(2026, 3, 31, 22)


def test_previous_quarter():
    q = Period(name="Q1 2026", start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
    prev = previous_quarter(q)
    assert (prev.name, prev.start, prev.end) == (
        "Q4 2025",
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
    )


def _data(**changes):
    data = {
        "quarter": {"name": "Q3 2026", "start": "2026-07-01", "end": "2026-09-30"},
        "brand": {"name": "B", "accounts": {"twitter": ["bh"]}},
        "inputs": {"mentions": [{"path": "x.csv", "format": "twcs"}]},
    }
    data.update(changes)
    return data


def test_valid_parameters(tmp_path):
    (tmp_path / "x.csv").write_text("x")
    p = validate_quarterly(_data(), base_dir=tmp_path)
    assert p.slug == "b-quarterly-q3-2026"
    assert p.previous_period.name == "Q2 2026"
    assert p.response_windows_s == [3600, 86400]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"quarter": {"name": "Q3", "start": "2026-07-01"}}, "quarter.end"),
        ({"timeline": {"onset": "2026-08-01"}}, "timeline"),
        ({"incidents": [{"name": "x"}]}, "incidents.0.onset"),
        ({"incidents": [{"name": "x", "onset": "soon"}]}, "not a date-time"),
        ({"targets": {"response_minutes": 0}}, "targets.response_minutes"),
        ({"brand": {"name": "B", "accounts": {"myspace": ["a"]}}}, "brand.accounts"),
        ({"colour": "blue"}, "field `colour`: unknown field"),
    ],
)
def test_every_problem_names_its_field(tmp_path, changes, expected):
    (tmp_path / "x.csv").write_text("x")
    with pytest.raises(ParamsError) as info:
        validate_quarterly(_data(**changes), base_dir=tmp_path)
    assert expected in str(info.value)


def test_all_problems_at_once_and_missing_files(tmp_path):
    with pytest.raises(ParamsError) as info:
        validate_quarterly(_data(previous="last year"), base_dir=tmp_path)
    text = str(info.value)
    assert "file not found" in text and "previous" in text
