"""Hand-made cases for the quarterly share of voice and the period comparison of the
topic drivers (toolkit.quarterly.measures, toolkit.measures.drivers.compare_corpora)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from toolkit.measures import drivers as td
from toolkit.params import ParamsError
from toolkit.quarterly import measures as qm
from toolkit.quarterly.params import validate_quarterly

Q2 = (dt.datetime(2026, 4, 1), dt.datetime(2026, 7, 1))
Q3 = (dt.datetime(2026, 7, 1), dt.datetime(2026, 10, 1))


def _mentions(rows: list[tuple]) -> pl.DataFrame:
    """(created_at, is_brand, kind, sentiment, text) -> the columns the measures read."""
    return pl.DataFrame(
        [
            {
                "platform": "twitter",
                "mention_id": str(i),
                "author_id": f"a{i}",
                "created_at": r[0],
                "is_brand": r[1],
                "kind": r[2],
                "sentiment": r[3],
                "text": r[4] if len(r) > 4 else "",
                "engagement": 0,
                "reach": None,
            }
            for i, r in enumerate(rows)
        ],
        schema_overrides={"created_at": pl.Datetime("us"), "reach": pl.Int64},
    )


def test_share_of_voice_by_hand():
    d = dt.datetime(2026, 7, 6, 12)  # a Monday
    brand = _mentions(
        [
            (d, False, "post", -0.6),  # negative
            (d, False, "post", 0.4),
            (d, False, "share", -0.7),  # a mention, but not a negative customer voice
            (d, True, "reply", -0.9),  # the brand's own reply: not a mention of it
        ]
    )
    nordlink = _mentions([(d, False, "post", -0.5), (d + dt.timedelta(days=7), False, "post", 0.0)])
    voices = pl.concat(
        [
            qm.company_voices(brand, "Fjordnett", True),
            qm.company_voices(nordlink, "Nordlink", False),
        ]
    )
    out = qm.share_of_voice(voices, *Q3)
    # brand 3 mentions of 3 + 2 = 5; negative: brand 1 of 1 + 1 = 2
    assert out["mentions"] == pytest.approx(3 / 5)
    assert out["negative"] == pytest.approx(1 / 2)
    assert (out["n_mentions"], out["n_negative"]) == (5, 2)
    assert [c["company"] for c in out["companies"]] == ["Fjordnett", "Nordlink"]
    # a period without any competitor mention has no share of voice (not 100 %)
    alone = qm.share_of_voice(qm.company_voices(brand, "Fjordnett", True), *Q3)
    assert alone["mentions"] is None and alone["negative"] is None
    assert qm.share_of_voice(voices, *Q2)["mentions"] is None

    weekly = qm.weekly_share_of_voice(voices, "Europe/Oslo")
    assert weekly.height == 4  # 2 weeks x 2 companies, the silent one zero-filled
    w1 = weekly.filter(pl.col("iso_week") == "2026-W28")
    assert w1.filter(pl.col("own"))["share_mentions"][0] == pytest.approx(3 / 4)
    assert w1.filter(pl.col("own"))["share_negative"][0] == pytest.approx(1 / 2)
    w2 = weekly.filter(pl.col("iso_week") == "2026-W29")
    assert w2.filter(pl.col("own"))["mentions"][0] == 0
    assert w2.filter(~pl.col("own"))["share_mentions"][0] == pytest.approx(1.0)
    assert w2["share_negative"].is_null().all()  # no negative mention that week


def _corpus(start: dt.datetime, texts: list[str], n: int) -> list[tuple]:
    return [
        (start + dt.timedelta(hours=i), False, "post", -0.6, texts[i % len(texts)])
        for i in range(n)
    ]


def test_the_quarter_against_the_previous_one_by_hand():
    before = ["router keeps restarting", "slow wifi tonight", "router keeps restarting again"]
    now = ["fibre cable cut in Bergen", "slow wifi tonight", "fibre cable cut again"]
    m = _mentions(_corpus(dt.datetime(2026, 5, 1), before, 30) + _corpus(Q3[0], now, 30))
    plan = qm.driver_plan(("Q3", *Q3), ("Q2", *Q2))
    settings = td.DriverSettings(min_count=3, min_posts=10)
    drv = td.compare_corpora(m, plan, settings=settings)
    (comp,) = drv.comparisons
    assert comp.status == "ok" and (comp.n_focus_posts, comp.n_reference_posts) == (30, 30)
    more = drv.for_comparison("quarter", "more")["term"].to_list()
    less = drv.for_comparison("quarter", "less")["term"].to_list()
    assert "fibre cable cut" in more and "slow wifi tonight" not in more
    assert "router keeps restarting" in less
    ids = drv.for_comparison("quarter", "more")["example_ids"][0].to_list()
    assert ids and all(int(i) >= 30 for i in ids)  # examples from this quarter's posts


def test_incidents_against_the_quiet_periods_and_not_assessable_cases():
    onset = dt.datetime(2026, 8, 11, 5)
    quiet = _corpus(Q3[0], ["slow wifi tonight", "phone queue too long"], 40)
    storm = _corpus(onset, ["fibre outage again", "fibre down all day"], 25)
    m = _mentions(quiet + storm)
    incs = [("incident_current_1", "Fibre", "current", onset, onset + dt.timedelta(days=2))]
    settings = td.DriverSettings(min_count=3, min_posts=10)
    drv = td.compare_corpora(m, qm.driver_plan(("Q3", *Q3), None, incs), settings=settings)
    comps = {c.id: c for c in drv.comparisons}
    # no previous period: said so, whatever the counts
    assert comps["quarter"].status == "not_assessable"
    assert "no previous period" in comps["quarter"].reason
    inc = comps["incident_current_1"]
    assert inc.status == "ok" and (inc.n_focus_posts, inc.n_reference_posts) == (25, 40)
    assert drv.status == "ok"
    assert drv.for_comparison("incident_current_1")["term"][0].startswith("fibre")
    # too few posts: the counts are the reason
    few = td.compare_corpora(
        m, qm.driver_plan(("Q3", *Q3), None, incs), settings=td.DriverSettings(min_posts=30)
    )
    assert few.status == "not_assessable"
    assert "too few posts to compare: 25" in few.comparisons[1].reason


def test_storm_drivers_unchanged_by_the_generalisation():
    onset = dt.datetime(2026, 8, 11, 5)
    quiet = _corpus(Q3[0], ["slow wifi tonight", "phone queue too long"], 40)
    storm = _corpus(onset, ["fibre outage again", "fibre down all day"], 25)
    m = _mentions(quiet + storm)
    s = td.DriverSettings(min_count=3, min_posts=10)
    a = td.storm_drivers(m, onset, onset + dt.timedelta(hours=2), None, None, settings=s)
    plan = [
        td.CorpusComparison(
            "crisis",
            "negative posts from onset to end",
            "all customer posts before onset",
            td.negative_in([(onset, None)]),
            pl.col("created_at") < onset,
        )
    ]
    b = td.compare_corpora(m, plan, settings=s, every="1h")
    assert a.terms.drop("comparison").equals(b.terms.drop("comparison"))
    assert a.series.equals(b.series)


def _data(**changes):
    data = {
        "quarter": {"name": "Q3 2026", "start": "2026-07-01", "end": "2026-09-30"},
        "brand": {"name": "B", "accounts": {"twitter": ["bh"]}},
        "inputs": {"mentions": [{"path": "x.csv", "format": "twcs"}]},
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("competitors", "expected"),
    [
        ([{"name": "N"}], "competitors.0.inputs"),
        ([{"name": "N", "inputs": []}], "competitors.0.inputs"),
        ([{"name": "N", "inputs": [{"path": "x.csv", "format": "nope"}]}], "inputs.0.format"),
        ([{"name": "N", "inputs": [{"path": "gone.csv", "format": "twcs"}]}], "file not found"),
        (
            [
                {
                    "name": "N",
                    "accounts": {"myspace": ["a"]},
                    "inputs": [{"path": "x.csv", "format": "twcs"}],
                }
            ],
            "competitors.0.accounts",
        ),
        ([{"name": "b", "inputs": [{"path": "x.csv", "format": "twcs"}]}], "brand's or another"),
        (
            [{"name": "N", "inputs": [{"path": "x.csv", "format": "twcs"}], "url": 1}],
            "competitors.0.url",
        ),
    ],
)
def test_competitor_problems_name_their_field(tmp_path, competitors, expected):
    (tmp_path / "x.csv").write_text("x")
    with pytest.raises(ParamsError) as info:
        validate_quarterly(_data(competitors=competitors), base_dir=tmp_path)
    assert expected in str(info.value)


def test_competitors_are_optional_and_loaded_apart(tmp_path):
    (tmp_path / "x.csv").write_text("x")
    assert validate_quarterly(_data(), base_dir=tmp_path).competitors == []
    p = validate_quarterly(
        _data(competitors=[{"name": "N", "inputs": [{"path": "x.csv", "format": "twcs"}]}]),
        base_dir=tmp_path,
    )
    lp = p.competitor_loading_params(p.competitors[0])
    assert [m.path for m in lp.inputs.mentions] == [tmp_path / "x.csv"]
    assert p.loading_params().inputs.mentions[0].path == tmp_path / "x.csv"  # the brand's own
