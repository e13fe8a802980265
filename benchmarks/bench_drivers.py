"""Time the storm-driver measures (topic drivers, voices, spread) at 1 M mentions.

    .venv/bin/python benchmarks/bench_drivers.py [--n 1000000] [--runs 3] [--noise 3]

The mentions are the synthetic incident of ``benchmarks/synth.py`` (``incident_frame(n)``:
a quiet week, then a spike; templated customer posts and brand replies with cities,
durations, hashtags and emoji). Its templates share a small vocabulary, so ``--noise K``
appends K pseudo-random words per post drawn from 200,000 distinct ones (letters only, so
the tokeniser keeps them): the vocabulary then looks like real text's, which is what makes
n-gram counting expensive. Sentiment is assigned from a hash of the id (60 % negative), the
timeline is fixed at the synthetic spike (onset, peak +3 h, end +3 days, statement +5 h).

Each step runs ``--runs`` times on the same frame; the median wall time is reported, and
posts/s for the drivers step. Everything is Polars (all cores); no Python loop per post.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_pipeline import timed
from benchmarks.synth import SPIKE_AT, incident_frame
from toolkit.measures import drivers, spread, voices


def mentions(n: int, noise: int) -> pl.DataFrame:
    df = incident_frame(n)
    i = pl.int_range(pl.len(), dtype=pl.UInt64)
    text = pl.col("text")
    for k in range(noise):
        word = (
            ((i * 7919 + k * 104729).hash(seed=k) % 200_000)
            .cast(pl.String)
            .str.replace_many(list("0123456789"), list("abcdefghij"))
        )
        text = text + " " + word
    brand = pl.col("inbound") == "False"
    return df.select(
        platform=pl.lit("twitter"),
        mention_id="tweet_id",
        conversation_id="tweet_id",
        parent_id="in_response_to_tweet_id",
        author_id="author_id",
        author_name="author_id",
        is_brand=brand,
        kind=pl.when(pl.col("in_response_to_tweet_id").is_null())
        .then(pl.lit("post"))
        .otherwise(pl.lit("reply")),
        created_at=pl.col("created_at")
        .str.strptime(pl.Datetime("us"), "%a %b %d %H:%M:%S %z %Y")
        .dt.replace_time_zone(None),
        text=text,
        reach=(pl.col("author_id").hash(seed=3) % 5000).cast(pl.Int64),
        engagement=(pl.col("tweet_id").hash(seed=4) % 50).cast(pl.Int64),
        sentiment=pl.when(pl.col("tweet_id").hash(seed=5) % 10 < 6)
        .then(pl.lit(-0.6))
        .otherwise(pl.lit(0.3)),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--noise", type=int, default=3, help="random words appended per post")
    a = ap.parse_args()
    t = time.perf_counter()
    m = mentions(a.n, a.noise)
    print(f"{m.height:,} mentions built in {time.perf_counter() - t:.1f} s")
    onset = SPIKE_AT.replace(minute=0)
    peak, end, statement = (onset + timedelta(hours=h) for h in (3, 72, 5))
    brand = drivers.brand_terms("Brand", {"twitter": ["BrandHelp", "Brand"]})
    voices_n = int(m.filter(~pl.col("is_brand")).height)
    s_drv, res = timed(lambda: drivers.storm_drivers(m, onset, peak, end, statement, brand), a.runs)
    s_voi, _ = timed(lambda: voices.author_voices(m, onset, end, statement), a.runs)
    s_spr, _ = timed(lambda: spread.spread(m, onset, end), a.runs)
    assert res.status == "ok", res.reason  # type: ignore[union-attr]
    print(
        f"drivers {s_drv:.2f} s ({voices_n / s_drv:,.0f} customer posts/s; "
        f"{res.terms.height} terms listed)"  # type: ignore[union-attr]
    )
    print(f"voices  {s_voi:.2f} s")
    print(f"spread  {s_spr:.2f} s")
    print(f"total   {s_drv + s_voi + s_spr:.2f} s at {m.height:,} mentions")


if __name__ == "__main__":
    main()
