"""Hand-worked cases for toolkit.measures.response: every expected number is derived in a
comment next to it, so a failing test says which rule broke."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import polars as pl
import pytest

from toolkit.measures.response import (
    BusinessHours,
    business_seconds,
    episodes,
    flag,
    frt_summary,
    reply_time_summary,
    reply_times,
    response_rates,
    window_label,
)
from toolkit.model import mentions_frame

T0 = datetime(2024, 3, 4, 9, 0)  # a Monday, 09:00 UTC
H = 3600.0


def at(hours: float = 0.0, minutes: float = 0.0) -> datetime:
    return T0 + timedelta(hours=hours, minutes=minutes)


def brand(**row) -> dict:
    return {"author_id": "brand", "is_brand": True, **row}


def row_of(frame: pl.DataFrame, **where) -> dict:
    hit = frame.filter(*(pl.col(k) == v for k, v in where.items()))
    assert hit.height == 1, hit
    return hit.row(0, named=True)


# --------------------------------------------------------------------------- episodes


def test_unanswered_conversation_is_censored_and_stays_in_the_denominator():
    m = mentions_frame(
        [
            {"mention_id": "1", "author_id": "c1", "created_at": at(0)},
            {"mention_id": "2", "author_id": "c2", "created_at": at(2)},
        ]
    )
    ep = episodes(m)
    first = row_of(ep, conversation_id="1")
    assert first["answered"] is False
    assert first["frt_seconds"] is None
    assert first["bucket"] == "unanswered"
    # data_end defaults to the latest created_at (at(2)): observed 2h = 7200 s
    assert first["observed_seconds"] == 7200.0
    # explicit data_end at(10): 10h = 36000 s for conv 1, 8h = 28800 s for conv 2
    ep10 = episodes(m, data_end=at(10))
    assert ep10["observed_seconds"].to_list() == [36000.0, 28800.0]

    summary = frt_summary(ep)
    assert summary["n_episodes"].item() == 2
    assert summary["n_unanswered"].item() == 2
    assert summary["share_within_24h"].item() == 0.0  # 0 answered / 2 episodes
    assert summary["median_s"].item() is None  # S(t) stays 1: never reaches 0.5


def test_silence_cut_reply_before_and_after_24h():
    m = mentions_frame(
        [
            # conv 1: customer at t0, again at t0+25h (gap 25h > 24h), brand at t0+26h
            {"mention_id": "1", "author_id": "c1", "created_at": at(0)},
            {"mention_id": "2", "author_id": "c1", "created_at": at(25), "parent_id": "1"},
            brand(mention_id="3", created_at=at(26), parent_id="2", conversation_id="1"),
            # conv 10: customer at t0 and t0+23h (gap 23h <= 24h: same episode), brand t0+23.5h
            {"mention_id": "10", "author_id": "c2", "created_at": at(0)},
            {"mention_id": "11", "author_id": "c2", "created_at": at(23), "parent_id": "10"},
            brand(mention_id="12", created_at=at(23.5), parent_id="11", conversation_id="10"),
            # conv 20: gap of exactly 24h is not > silence: one episode, never answered
            {"mention_id": "20", "author_id": "c3", "created_at": at(0)},
            {"mention_id": "21", "author_id": "c3", "created_at": at(24), "parent_id": "20"},
            # conv 30: the brand message at +20h resets the silence clock, so the customer at
            # +40h (40h after the previous customer message, 20h after the brand) continues
            {"mention_id": "30", "author_id": "c4", "created_at": at(0)},
            brand(mention_id="31", created_at=at(20), parent_id="30", conversation_id="30"),
            {
                "mention_id": "32",
                "author_id": "c4",
                "created_at": at(40),
                "parent_id": "31",
                "conversation_id": "30",
            },
        ]
    )
    ep = episodes(m)
    assert ep.height == 5  # conv 1: 2 episodes; conv 10, 20, 30: 1 each

    e1 = row_of(ep, conversation_id="1", episode=1)
    assert (e1["answered"], e1["customer_messages"]) == (False, 1)
    assert e1["observed_seconds"] == 90000.0  # censored at the next start: 25h * 3600
    e2 = row_of(ep, conversation_id="1", episode=2)
    assert (e2["first_message_id"], e2["first_reply_id"], e2["replied_by"]) == ("2", "3", "brand")
    assert e2["frt_seconds"] == 3600.0  # 26h - 25h
    assert e2["observed_seconds"] == 3600.0
    assert e2["bucket"] == "1-4h"  # exactly 1h falls in [1h, 4h)

    e10 = row_of(ep, conversation_id="10")
    assert e10["customer_messages"] == 2
    assert e10["frt_seconds"] == 84600.0  # 23.5h * 3600, measured from the first message
    assert e10["bucket"] == "8-24h"

    e20 = row_of(ep, conversation_id="20")
    assert (e20["episode"], e20["customer_messages"], e20["answered"]) == (1, 2, False)
    assert e20["observed_seconds"] == 144000.0  # data_end at(40) - at(0) = 40h

    e30 = row_of(ep, conversation_id="30")
    assert (e30["customer_messages"], e30["first_reply_id"]) == (2, "31")
    assert e30["frt_seconds"] == 72000.0  # 20h


def test_reply_at_the_next_episode_start_belongs_to_the_next_episode():
    m = mentions_frame(
        [
            {"mention_id": "1", "author_id": "c1", "created_at": at(0)},
            {"mention_id": "2", "author_id": "c1", "created_at": at(25), "parent_id": "1"},
            # parent is message 1, but time decides: [start, next start) puts it in episode 2
            brand(mention_id="3", created_at=at(25), parent_id="1", conversation_id="1"),
        ]
    )
    ep = episodes(m)
    assert ep["answered"].to_list() == [False, True]
    assert ep["observed_seconds"].to_list() == [90000.0, 0.0]  # 25h censored; FRT 0


def test_brand_reply_to_brand_post_and_brand_thread_root_are_not_answers():
    m = mentions_frame(
        [
            # conv 1: the brand started it; a customer replies at +1h
            brand(mention_id="1", created_at=at(0)),
            {"mention_id": "2", "author_id": "c1", "created_at": at(1), "parent_id": "1"},
            # +2h: the brand replies to its own post -> not an answer
            brand(mention_id="3", created_at=at(2), parent_id="1", conversation_id="1"),
            # +3h: the brand replies to the customer -> the answer, FRT 3h - 1h = 7200 s
            brand(mention_id="4", created_at=at(3), parent_id="2", conversation_id="1"),
            # conv 5: the root row "5" is a brand post stamped after the customer message
            # (clock skew); a thread root never answers, so the episode stays unanswered
            {"mention_id": "6", "author_id": "c2", "created_at": at(0), "conversation_id": "5"},
            brand(mention_id="5", created_at=at(1), conversation_id="5"),
        ]
    )
    ep = episodes(m)
    e1 = row_of(ep, conversation_id="1")
    assert (e1["first_message_id"], e1["first_reply_id"]) == ("2", "4")
    assert e1["frt_seconds"] == 7200.0
    e5 = row_of(ep, conversation_id="5")
    assert e5["answered"] is False
    assert e5["observed_seconds"] == 10800.0  # data_end at(3) - at(0)


def test_auto_reply_and_internal_note_do_not_count():
    m = mentions_frame(
        [
            {"mention_id": "1", "author_id": "c1", "created_at": at(0)},
            brand(mention_id="2", created_at=at(minutes=1), parent_id="1", kind="auto_reply"),
            brand(mention_id="3", created_at=at(minutes=5), parent_id="1", kind="internal_note"),
            brand(mention_id="4", created_at=at(minutes=30), parent_id="1"),
        ]
    )
    e = episodes(m).row(0, named=True)
    assert e["first_reply_id"] == "4"
    assert e["frt_seconds"] == 1800.0  # 30 min; the auto-reply at 1 min is ignored
    assert e["bucket"] == "<1h"


def test_equal_timestamps_give_frt_zero_and_smallest_id_wins():
    m = mentions_frame(
        [
            {"mention_id": "1", "author_id": "c1", "created_at": at(0)},
            brand(mention_id="10", created_at=at(0), parent_id="1", author_id="agent_b"),
            brand(mention_id="9", created_at=at(0), parent_id="1", author_id="agent_a"),
        ]
    )
    e = episodes(m).row(0, named=True)
    assert e["frt_seconds"] == 0.0
    # ids compare as (length, text): "9" < "10", as numbers would
    assert (e["first_reply_id"], e["replied_by"]) == ("9", "agent_a")
    assert e["bucket"] == "<1h"
    assert frt_summary(episodes(m))["share_within_1h"].item() == 1.0  # 1 of 1


def test_platforms_do_not_mix_even_with_equal_conversation_ids():
    m = mentions_frame(
        [
            {"mention_id": "1", "author_id": "c1", "created_at": at(0)},
            brand(mention_id="2", created_at=at(1), parent_id="1", platform="facebook"),
        ]
    )
    ep = episodes(m)
    assert ep["platform"].to_list() == ["twitter"]  # the facebook brand row starts nothing
    assert ep["answered"].to_list() == [False]


def test_huge_ids_stay_exact_strings():
    a, b, c = "1234567890123456789", "1234567890123456790", "1234567890123456791"
    assert float(b) == float(c)  # as floats the two reply ids would be indistinguishable
    m = mentions_frame(
        [
            {"mention_id": a, "author_id": "9007199254740993", "created_at": at(0)},
            brand(mention_id=c, created_at=at(1), parent_id=a),
            brand(mention_id=b, created_at=at(1), parent_id=a),
        ]
    )
    e = episodes(m)
    assert e.schema["first_reply_id"] == pl.String
    row = e.row(0, named=True)
    assert (row["conversation_id"], row["first_message_id"]) == (a, a)
    assert row["author_id"] == "9007199254740993"  # 2**53 + 1, not representable as float
    assert row["first_reply_id"] == b  # tie at +1h: ...790 < ...791
    rt = reply_times(m).row(0, named=True)
    assert (rt["message_id"], rt["first_reply_id"]) == (a, b)


def test_lazy_input_gives_the_same_result():
    m = mentions_frame(
        [
            {"mention_id": "1", "author_id": "c1", "created_at": at(0)},
            brand(mention_id="2", created_at=at(2), parent_id="1"),
        ]
    )
    assert episodes(m.lazy()).equals(episodes(m))
    assert frt_summary(episodes(m).lazy()).equals(frt_summary(episodes(m)))


def test_empty_input():
    m = mentions_frame([])
    ep = episodes(m)
    assert ep.height == 0
    s = frt_summary(ep)
    assert (s.height, s["n_episodes"].item(), s["median_s"].item()) == (1, 0, None)


# --------------------------------------------------------------------------- KM summary


def _episode_rows(rows: list[tuple[str, float, bool]]) -> pl.DataFrame:
    """(group, observed hours, answered) -> the columns frt_summary reads."""
    frame = pl.DataFrame(
        {
            "platform": [r[0] for r in rows],
            "observed_seconds": [r[1] * H for r in rows],
            "answered": [r[2] for r in rows],
        }
    )
    frt = pl.when(pl.col("answered")).then(pl.col("observed_seconds"))
    hours = pl.col("observed_seconds") / H
    return frame.with_columns(frt_seconds=frt).with_columns(
        bucket=pl.when(~pl.col("answered"))
        .then(pl.lit("unanswered"))
        .when(hours < 1)
        .then(pl.lit("<1h"))
        .when(hours < 4)
        .then(pl.lit("1-4h"))
        .when(hours < 8)
        .then(pl.lit("4-8h"))
        .when(hours < 24)
        .then(pl.lit("8-24h"))
        .otherwise(pl.lit(">24h"))
    )


def test_km_median_with_censored_episodes():
    ep = _episode_rows(
        [
            # group a: 1h event, 2h censored, 3h event, 4h event, 5h censored
            ("a", 1, True),
            ("a", 2, False),
            ("a", 3, True),
            ("a", 4, True),
            ("a", 5, False),
            # group b: 1h event, 1h censored, 2h event (tie: event before censoring)
            ("b", 1, True),
            ("b", 1, False),
            ("b", 2, True),
        ]
    )
    s = frt_summary(ep, by=["platform"])
    assert s["platform"].to_list() == ["a", "b"]
    a = s.row(0, named=True)
    # t=1h: at risk 5, 1 event -> S = 4/5 = 0.8
    # t=2h: censored, at risk drops to 3
    # t=3h: at risk 3, 1 event -> S = 0.8 * 2/3 = 0.533
    # t=4h: at risk 2, 1 event -> S = 0.533 * 1/2 = 0.267 <= 0.5 -> median 4h = 14400 s
    # S never gets <= 0.1 (last time is censored) -> p90 null
    assert a["median_s"] == 14400.0
    assert a["p90_s"] is None
    assert (a["n_episodes"], a["n_answered"], a["n_unanswered"]) == (5, 3, 2)
    # answered only: [3600, 10800, 14400]: median 10800;
    # p90 linear: position 0.9 * 2 = 1.8 -> 10800 + 0.8 * (14400 - 10800) = 13680
    assert a["median_answered_s"] == 10800.0
    assert a["p90_answered_s"] == pytest.approx(13680.0)
    # buckets: 1h and 3h -> 1-4h, 4h -> 4-8h
    assert [a[k] for k in ("n_lt_1h", "n_1_4h", "n_4_8h", "n_8_24h", "n_gt_24h")] == [
        0,
        2,
        1,
        0,
        0,
    ]
    assert a["share_within_1h"] == 0.0
    assert a["share_within_24h"] == pytest.approx(0.6)  # 3 answered < 24h / 5 episodes

    b = s.row(1, named=True)
    # events first at t=1h: at risk 3 (the censored one still counts) -> S = 2/3 > 0.5
    # (censoring first would give at risk 2 -> S = 1/2 and a median of 1h)
    # t=2h: at risk 1, 1 event -> S = 0 -> median 2h and p90 2h
    assert b["median_s"] == 7200.0
    assert b["p90_s"] == 7200.0


def test_km_thresholds_survive_float_rounding():
    # 1h E, 2h E, 3h C, 4h C: S(1h) = 3/4, S(2h) = 3/4 * 2/3 = 1/2 exactly -> median 2h
    ep = _episode_rows([("a", 1, True), ("a", 2, True), ("a", 3, False), ("a", 4, False)])
    assert frt_summary(ep)["median_s"].item() == 7200.0
    # events at 1h..9h, one censored at 10h: after k events S = (10 - k) / 10, so S(5h) = 0.5
    # -> median 5h = 18000, and S(9h) = 1/10 -> p90 9h = 32400, although the float product
    # 9/10 * 8/9 * ... * 1/2 comes out as 0.10000000000000002
    ep = _episode_rows([("a", h, True) for h in range(1, 10)] + [("a", 10, False)])
    s = frt_summary(ep).row(0, named=True)
    assert (s["median_s"], s["p90_s"]) == (18000.0, 32400.0)


def test_frt_summary_by_a_caller_added_column():
    ep = _episode_rows([("a", 1, True), ("a", 2, False), ("a", 3, True)]).with_columns(
        phase=pl.Series(["before", "after", "after"])
    )
    s = frt_summary(ep, by=["phase"])
    assert s["phase"].to_list() == ["after", "before"]
    # after: 2h censored, 3h event: at t=3h at risk 1 -> S = 0 -> median 3h
    # before: 1h event alone -> median 1h
    assert s["median_s"].to_list() == [10800.0, 3600.0]
    assert s["n_episodes"].to_list() == [2, 1]


# --------------------------------------------------------------------------- business hours

PARIS = BusinessHours(
    timezone="Europe/Paris",
    weekly={d: (time(9), time(17)) for d in range(5)},  # Mon-Fri 09:00-17:00 local
)


def _bs(pairs: list[tuple[datetime, datetime | None]], hours: BusinessHours) -> list:
    starts = pl.Series([p[0] for p in pairs], dtype=pl.Datetime("us"))
    ends = pl.Series([p[1] for p in pairs], dtype=pl.Datetime("us"))
    return business_seconds(starts, ends, hours).to_list()


def test_business_seconds_weekend_out_of_hours_and_dst():
    got = _bs(
        [
            # Fri 8 Mar 15:00 UTC = 16:00 CET -> Mon 11 Mar 09:00 UTC = 10:00 CET:
            # Fri 16-17 (1h) + weekend closed + Mon 09-10 (1h) = 7200
            (datetime(2024, 3, 8, 15), datetime(2024, 3, 11, 9)),
            # Tue 05:00 UTC = 06:00 CET (closed) -> 08:30 UTC = 09:30 CET: counts from 09:00 = 1800
            (datetime(2024, 3, 5, 5), datetime(2024, 3, 5, 8, 30)),
            # over the DST change (Sun 31 Mar): Fri 29 Mar 15:00 UTC = 16:00 CET ->
            # Mon 1 Apr 07:30 UTC = 09:30 CEST: 1h + 0.5h = 5400 (a fixed +1h offset gives 3600)
            (datetime(2024, 3, 29, 15), datetime(2024, 4, 1, 7, 30)),
            # entirely inside hours: Tue 10:00 -> 11:00 UTC = 3600
            (datetime(2024, 3, 5, 10), datetime(2024, 3, 5, 11)),
            # entirely on a Saturday: 0
            (datetime(2024, 3, 9, 10), datetime(2024, 3, 9, 12)),
            # no end (unanswered): null
            (datetime(2024, 3, 5, 10), None),
        ],
        PARIS,
    )
    assert got == [7200.0, 1800.0, 5400.0, 3600.0, 0.0, None]


def test_business_seconds_holiday_and_all_day_opening():
    easter = BusinessHours(PARIS.timezone, PARIS.weekly, holidays=(date(2024, 4, 1),))
    # same DST interval as above, Easter Monday closed: only Fri 16-17 CET = 3600
    assert _bs([(datetime(2024, 3, 29, 15), datetime(2024, 4, 1, 7, 30))], easter) == [3600.0]
    # Saturday open all day (close 00:00 = end of day): Sat 9 Mar 22:00 UTC = 23:00 CET ->
    # Sun 01:00 UTC (closed Sunday): Sat 23:00-24:00 = 3600
    all_day = BusinessHours("Europe/Paris", {5: (time(0), time(0))})
    assert _bs([(datetime(2024, 3, 9, 22), datetime(2024, 3, 10, 1))], all_day) == [3600.0]


def test_business_hours_rejects_close_before_open():
    with pytest.raises(ValueError, match="not after open"):
        BusinessHours("Europe/Paris", {0: (time(17), time(9))})


def test_episodes_with_business_hours():
    m = mentions_frame(
        [
            {"mention_id": "1", "author_id": "c1", "created_at": datetime(2024, 3, 8, 15)},
            brand(mention_id="2", created_at=datetime(2024, 3, 11, 9), parent_id="1"),
            {"mention_id": "3", "author_id": "c2", "created_at": datetime(2024, 3, 11, 9)},
        ]
    )
    ep = episodes(m, business_hours=PARIS)
    assert ep["frt_business_seconds"].to_list() == [7200.0, None]  # as above; unanswered
    assert ep["frt_seconds"].to_list()[0] == 237600.0  # wall clock Fri 15:00 -> Mon 09:00: 66h
    assert ep["bucket"].to_list() == [">24h", "unanswered"]


# --------------------------------------------------------------------------- per message


def _thread() -> pl.DataFrame:
    return mentions_frame(
        [
            # conv 1
            {"mention_id": "1", "author_id": "c1", "created_at": at(minutes=0)},
            {"mention_id": "2", "author_id": "c1", "created_at": at(minutes=10), "parent_id": "1"},
            # replies to "1" by parent (20 min and, later, 50 min): first = "3"
            brand(mention_id="3", created_at=at(minutes=20), parent_id="1"),
            brand(mention_id="9", created_at=at(minutes=50), parent_id="1"),
            # parent absent from the data -> as-of: latest customer msg <= 30 min is "2"
            brand(mention_id="4", created_at=at(minutes=30), parent_id="999", conversation_id="1"),
            # conv 5: not directed at the brand, still a customer message for reply_times
            {"mention_id": "5", "author_id": "c2", "created_at": at(0), "directed_at_brand": False},
            brand(mention_id="6", created_at=at(1), parent_id="5"),
            # conv 7: never answered
            {"mention_id": "7", "author_id": "c3", "created_at": at(0)},
            # conv 8: the brand posts first; its only reply is to itself (not an answer)
            brand(mention_id="8", created_at=at(0)),
            brand(mention_id="80", created_at=at(1), parent_id="8"),
        ]
    )


def test_reply_times_via_parent_and_via_asof():
    rt = reply_times(_thread())
    assert rt["message_id"].to_list() == ["1", "2", "5", "7"]  # brand rows are not targets
    r1 = row_of(rt, message_id="1")
    assert (r1["first_reply_id"], r1["reply_seconds"]) == ("3", 1200.0)  # 20 min - 0
    r2 = row_of(rt, message_id="2")
    assert (r2["first_reply_id"], r2["reply_seconds"]) == ("4", 1200.0)  # 30 min - 10 min
    r5 = row_of(rt, message_id="5")
    assert (r5["answered"], r5["reply_seconds"]) == (True, 3600.0)
    r7 = row_of(rt, message_id="7")
    assert (r7["answered"], r7["reply_seconds"], r7["first_reply_id"]) == (False, None, None)

    s = reply_time_summary(rt)
    assert (s["n_messages"].item(), s["n_answered"].item()) == (4, 3)
    # answered [1200, 1200, 3600]: median 1200; p90 at 1.8 -> 1200 + 0.8 * 2400 = 3120
    assert s["median_s"].item() == 1200.0
    assert s["p90_s"].item() == pytest.approx(3120.0)
    by_conv = reply_time_summary(rt, by=["conversation_id"])
    assert by_conv["conversation_id"].to_list() == ["1", "5", "7"]
    assert by_conv["n_answered"].to_list() == [2, 1, 0]


def test_episodes_need_a_directed_customer_message():
    ep = episodes(_thread())
    # conv 5 is not directed at the brand and conv 8 has only brand rows: no episodes
    assert ep["conversation_id"].to_list() == ["1", "7"]
    # conv 1: "1" and "2" are one episode (10 min apart), answered by "3" after 20 min
    assert ep["customer_messages"].to_list() == [2, 1]
    assert ep["frt_seconds"].to_list() == [1200.0, None]


def test_reply_before_any_customer_message_targets_nothing():
    m = mentions_frame(
        [
            brand(mention_id="2", created_at=at(0), parent_id="999", conversation_id="1"),
            {"mention_id": "1", "author_id": "c1", "created_at": at(1), "conversation_id": "1"},
        ]
    )
    rt = reply_times(m)
    assert rt["answered"].to_list() == [False]  # no customer message at or before at(0)


# --------------------------------------------------------------------------- response rates


def _rate_episodes() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "author_id": ["A", "A", "B", "C", "D"],
            "phase": ["p1", "p2", "p1", "p2", "p2"],
            "answered": [True, False, True, False, True],
            "frt_seconds": [1800.0, None, 7200.0, None, 108000.0],  # 30 min, -, 2h, -, 30h
        }
    )


def test_response_rates_per_episode_and_author():
    r = response_rates(_rate_episodes())
    assert r["unit"].to_list() == ["episode", "author"]
    ep, au = r.row(0, named=True), r.row(1, named=True)
    # episodes: 5 eligible, 3 answered; < 1h: the 30-min one; < 24h: 30 min and 2h
    assert (ep["n_eligible"], ep["n_answered"], ep["n_within_1h"], ep["n_within_24h"]) == (
        5,
        3,
        1,
        2,
    )
    assert ep["rate_ever"] == pytest.approx(0.6)
    assert ep["rate_within_1h"] == pytest.approx(0.2)
    assert ep["rate_within_24h"] == pytest.approx(0.4)
    # authors: A (answered 30 min), B (2h), C (never), D (30h) -> 4 eligible, 3 answered,
    # within 1h: A; within 24h: A and B
    assert (au["n_eligible"], au["n_answered"], au["n_within_1h"], au["n_within_24h"]) == (
        4,
        3,
        1,
        2,
    )
    assert au["rate_ever"] == pytest.approx(0.75)
    assert au["rate_within_1h"] == pytest.approx(0.25)
    assert au["rate_within_24h"] == pytest.approx(0.5)


def test_response_rates_by_phase_and_custom_windows():
    r = response_rates(_rate_episodes(), windows_s=(5400, 7200), by=["phase"])
    assert r.columns == [
        "unit",
        "phase",
        "n_eligible",
        "n_answered",
        "rate_ever",
        "n_within_5400s",
        "rate_within_5400s",
        "n_within_2h",
        "rate_within_2h",
    ]
    # p1: episodes A(30 min), B(2h) -> both answered; < 5400 s: A only; < 7200 s: A only
    #     (B's 7200 s is not < 7200)
    # p2: episodes A(-), C(-), D(30h) -> 1 answered; none within either window
    assert r["unit"].to_list() == ["episode", "episode", "author", "author"]
    assert r["phase"].to_list() == ["p1", "p2", "p1", "p2"]
    assert r["n_eligible"].to_list() == [2, 3, 2, 3]  # authors p1: A, B; p2: A, C, D
    assert r["n_answered"].to_list() == [2, 1, 2, 1]
    assert r["n_within_5400s"].to_list() == [1, 0, 1, 0]
    assert r["n_within_2h"].to_list() == [1, 0, 1, 0]
    assert r["rate_ever"].to_list() == pytest.approx([1.0, 1 / 3, 1.0, 1 / 3])


def test_response_rates_are_null_without_eligible_episodes():
    r = response_rates(_rate_episodes().head(0))
    assert r["n_eligible"].to_list() == [0, 0]
    assert r["rate_ever"].to_list() == [None, None]
    assert r["rate_within_24h"].to_list() == [None, None]


def test_window_label():
    assert [window_label(w) for w in (3600, 86400, 90)] == ["1h", "24h", "90s"]


# --------------------------------------------------------------------------- flag once


def _two_conversations_out_of_time_order() -> pl.DataFrame:
    """Conversation "a" sorts first but happens later than "b": in the (conversation,
    time) order the measures work in, the replies are not in global time order."""
    return mentions_frame(
        [
            {"mention_id": "b1", "author_id": "c2", "created_at": at(0)},
            {"mention_id": "a1", "author_id": "c1", "created_at": at(5)},
            # parents missing from the data: both replies are matched by the as-of
            brand(mention_id="a9", created_at=at(6), parent_id="gone-a", conversation_id="a1"),
            brand(mention_id="b9", created_at=at(0.5), parent_id="gone-b", conversation_id="b1"),
            # same conversation id on another platform: never mixed with twitter's "a1"
            {
                "mention_id": "f1",
                "author_id": "c3",
                "created_at": at(1),
                "platform": "facebook",
                "conversation_id": "a1",
            },
        ]
    )


def test_the_as_of_matches_within_each_conversation_whatever_the_global_order():
    rt = reply_times(_two_conversations_out_of_time_order())
    # a1 (5 h) answered by a9 at 6 h; b1 (0 h) by b9 at 0.5 h; f1 (facebook) by nothing
    assert rt.select("platform", "message_id", "first_reply_id", "reply_seconds").rows() == [
        ("facebook", "f1", None, None),
        ("twitter", "a1", "a9", 3600.0),
        ("twitter", "b1", "b9", 1800.0),
    ]
    ep = episodes(_two_conversations_out_of_time_order())
    assert ep.select("conversation_id", "first_reply_id", "frt_seconds").rows() == [
        ("a1", None, None),  # facebook's a1
        ("a1", "a9", 3600.0),
        ("b1", "b9", 1800.0),
    ]


@pytest.mark.parametrize(
    "make",
    [_thread, _two_conversations_out_of_time_order],
)
def test_flagging_once_gives_what_each_measure_computes_alone(make):
    m = make()
    flagged = flag(m)
    assert episodes(flagged).equals(episodes(m))
    assert reply_times(flagged).equals(reply_times(m))
    assert reply_times(m.lazy()).equals(reply_times(m))
    # the documented order: conversation (platform, id), then time, then id as a number
    keys = flagged.select("platform", "conversation_id", "created_at", "mention_id").rows()
    assert keys == sorted(keys, key=lambda k: (k[0], k[1], k[2], len(k[3]), k[3]))
