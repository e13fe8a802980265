"""Real data: topic drivers of the airline tweets line up with the human-coded reasons.

``Twitter US Airline Sentiment`` (../shared/data/airline_sentiment/Tweets.csv, SOURCE.md
beside it) has a human sentiment label per tweet and, for negative tweets, a human-coded
``negativereason`` (Customer Service Issue, Late Flight, Cancelled Flight, Lost Luggage …).
The drivers of the negative tweets against all the others must be the reasons' words, and
the drivers of each reason's tweets against the other negative tweets must name that
reason; the airlines' names (the "brands") never appear. Skipped when the data is absent.

    .venv/bin/python tests/test_drivers_realdata.py    # prints the comparison table
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from toolkit.measures import drivers as d

pytestmark = pytest.mark.realdata

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "airline_sentiment"
TWEETS = DATA / "Tweets.csv"
AIRLINES = "united us airways usairways american americanair southwest southwestair delta "
AIRLINES += "jetblue virgin america virginamerica"
BRAND = d.brand_terms(AIRLINES)

# Words that name each reason (a driver "names" a reason when one of its words is here).
REASON_WORDS = {
    "Late Flight": {"late", "delayed", "delay", "delays"},
    "Customer Service Issue": {"customer", "service", "hold", "call", "phone", "rude", "agent"},
    "Cancelled Flight": {"cancelled", "canceled", "cancellation", "flightled", "rebooked"},
    "Lost Luggage": {"luggage", "bag", "bags", "baggage", "lost"},
}


def _tweets() -> pl.DataFrame:
    if not TWEETS.is_file():
        pytest.skip(f"real data file {TWEETS} is absent (it lives beside the project only)")
    return pl.read_csv(TWEETS, infer_schema_length=0).unique("tweet_id", keep="first")


def _names(term: str) -> set[str]:
    words = set(term.split())
    return {reason for reason, vocab in REASON_WORDS.items() if words & vocab}


def negative_drivers(tweets: pl.DataFrame, top: int = 25) -> pl.DataFrame:
    """Negative tweets against neutral and positive ones, with each driver's dominant
    human-coded reason (the reason most of its negative tweets were coded with)."""
    neg = tweets.filter(pl.col("airline_sentiment") == "negative")
    rest = tweets.filter(pl.col("airline_sentiment") != "negative")
    out = d.compare_texts(neg["text"], rest["text"], BRAND, d.DriverSettings(top=top))
    idx = d.index_terms(neg["text"], BRAND, 3, 5)
    keys = idx.decode(idx.pairs.select("key").unique()).filter(
        pl.col("term").is_in(out["term"].implode())
    )
    reasons = neg.select(doc=pl.int_range(pl.len(), dtype=pl.UInt32), reason="negativereason")
    dom = (
        idx.pairs.join(keys, on="key")
        .join(reasons, on="doc")
        .group_by("term", "reason")
        .len()
        .with_columns(share=pl.col("len") / pl.col("len").sum().over("term"))
        .sort(["term", "len"], descending=[False, True])
        .group_by("term", maintain_order=True)
        .first()
        .select("term", dominant_reason="reason", reason_share="share")
    )
    return out.join(dom, on="term", how="left").sort("rank")


def test_drivers_of_negative_tweets_are_the_coded_reasons():
    out = negative_drivers(_tweets())
    terms = out["term"].to_list()
    named = set().union(*(_names(t) for t in terms))
    assert named == set(REASON_WORDS), (named, terms)
    for t in terms:
        assert not set(t.split()) & set(BRAND), t
    # most of the strongest drivers name a reason ("hours" and "hour" are the waits of
    # both delays and customer service)
    assert sum(bool(_names(t)) for t in terms[:5]) >= 3, terms[:5]
    # the tweets holding almost every driver were mostly coded with one of the four reasons
    dominant = out["dominant_reason"].is_in(list(REASON_WORDS))
    assert dominant.mean() >= 0.9, out  # type: ignore[operator]
    # and a driver that names one reason is mostly coded with that reason
    agree = [
        row["dominant_reason"] in _names(row["term"])
        for row in out.to_dicts()
        if len(_names(row["term"])) == 1
    ]
    assert sum(agree) >= 0.7 * len(agree), out


@pytest.mark.parametrize("reason", sorted(REASON_WORDS))
def test_each_reason_is_told_apart_from_the_other_complaints(reason):
    neg = _tweets().filter(pl.col("airline_sentiment") == "negative")
    focus = neg.filter(pl.col("negativereason") == reason)["text"]
    other = neg.filter(pl.col("negativereason") != reason)["text"]
    out = d.compare_texts(focus, other, BRAND, d.DriverSettings(top=10))
    top3 = out["term"].to_list()[:3]
    assert any(reason in _names(t) for t in top3), (reason, top3)


def main() -> None:  # pragma: no cover - the documented command
    with pl.Config(tbl_rows=40, fmt_str_lengths=40, tbl_width_chars=160):
        print(
            negative_drivers(_tweets()).select(
                "rank", "term", "n_focus", "n_reference", "z", "dominant_reason", "reason_share"
            )
        )
        neg = _tweets().filter(pl.col("airline_sentiment") == "negative")
        for reason in sorted(REASON_WORDS):
            focus = neg.filter(pl.col("negativereason") == reason)["text"]
            other = neg.filter(pl.col("negativereason") != reason)["text"]
            top = d.compare_texts(focus, other, BRAND, d.DriverSettings(top=5))
            print(f"{reason}: {', '.join(top['term'])}")


if __name__ == "__main__":  # pragma: no cover
    main()
