"""Throughput of the English scorer against plain VADER.

    .venv/bin/python benchmarks/bench_sentiment.py [--n 200000] [--runs 3] [--vader-n N]

The texts: the distinct airline tweets of ../shared/data/airline_sentiment/Tweets.csv when
present, topped up to N with distinct synthetic posts built from templates (complaints to a
brand with handles, flight / order numbers, durations, hashtags and emoji; thanks; questions;
everyday posts). Every text is distinct, so the "each distinct text once" shortcut does not
flatter the figure. Each scorer runs ``--runs`` times on the same texts; the median is
reported as texts per second.

* ``score_english``: the vectorised scorer with the customer-care layer (Polars, all cores);
* ``score_vader_vectorised``: the same engine without the layer (plain VADER rules);
* ``vaderSentiment``: the real ``SentimentIntensityAnalyzer``, one Python call per text
  (one core; timed on the first ``--vader-n`` texts, all of them by default).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.scoring import (  # noqa: E402
    ENGLISH_SCORER_NAME,
    score_english,
    score_vader_vectorised,
    vader_reference,
)

TWEETS = ROOT.parent / "shared" / "data" / "airline_sentiment" / "Tweets.csv"

BRANDS = ["@FjordAir", "@NordTelHelp", "@QuickBank", "@ShopNowCare", "@MetroRail", "@united"]
TEMPLATES = [
    "{brand} my flight {fn} was delayed {n} hours and nobody at the gate knows anything",
    "{brand} been on hold for {n} minutes, this is ridiculous {emoji}",
    "{brand} you lost my bag on {fn}. Still waiting after {n} days #fail",
    "{brand} thanks for nothing. {n} calls and no answer #neveragain",
    "{brand} why is the app down again? Can't log in since {t} {emoji}",
    "{brand} great job cancelling my {t} flight with no notice, really appreciate it",
    "{brand} Thank you so much, {name} at the desk was amazing and fixed it in minutes {emoji}",
    "{brand} is flight {fn} on time today? Thanks",
    "{brand} can you please help me change booking {ref} to {day}?",
    "{brand} I was charged twice for order {ref}. I want my money back",
    "{brand} no signal in {city} since {t}, when will it be fixed?",
    "{brand} still no refund for {ref} after {n} weeks. Unacceptable.",
    "{brand} the crew on {fn} were lovely, best flight I've had in ages! {emoji}",
    "{brand} {n} hours on the tarmac in {city} with no food or water. Never again.",
    "{brand} your website keeps crashing when I try to pay, order {ref}",
    "@{user} same here, {brand} is a joke today {emoji}",
    "RT @{user}: {brand} outage hits {city}, {n}k customers without service",
    "Just had the best {food} in {city} {emoji}",
    "Watching {show} tonight with {name}, can't wait!",
    "The {food} at {name}'s place was okay but a bit cold",
    "Meeting moved to {day} at {t}, see you there",
    "So tired after {n} hours of work, going to bed {emoji}",
    "Not bad at all, {show} season {n} is actually really good",
    "I HATE Mondays. {n} emails before {t}",
    "Congrats {name}!!! So proud of you {emoji}",
]
FILL = {
    "emoji": ["😡", "😭", "🙄", "👍", "😊", "❤️", "😂", "👎", "", "🤦"],
    "name": ["Anna", "Ola", "Kari", "Tom", "Priya", "Lars", "Sofia", "Jon"],
    "city": ["Oslo", "Bergen", "Denver", "Chicago", "London", "Tromsø", "Newark", "Boston"],
    "day": ["Monday", "Tuesday", "Friday", "tomorrow", "next week"],
    "food": ["pizza", "coffee", "ramen", "burger", "waffles", "salmon"],
    "show": ["the match", "the new series", "the final", "the concert stream"],
}


def synthetic(n: int, seed: int = 20260325) -> list[str]:
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        template = rng.choice(TEMPLATES)
        text = template.format(
            brand=rng.choice(BRANDS),
            fn=f"{rng.choice(['FA', 'UA', 'DY', 'SK'])}{rng.randint(10, 9999)}",
            n=rng.randint(1, 12),
            t=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
            ref=f"{rng.choice('ABCDEFGHJK')}{rng.randint(100000, 999999)}",
            user=f"user{rng.randint(1, 10**7)}",
            **{k: rng.choice(v) for k, v in FILL.items()},
        )
        out.add(text)
    return sorted(out)


def corpus(n: int) -> pl.Series:
    texts: list[str] = []
    if TWEETS.is_file():
        tweets = pl.read_csv(TWEETS, infer_schema_length=0, columns=["text"])
        texts = tweets["text"].drop_nulls().unique(maintain_order=True).to_list()[:n]
    seen = set(texts)
    extra = [t for t in synthetic(n) if t not in seen]
    texts += extra[: n - len(texts)]
    return pl.Series("text", texts)


def timed(fn: Callable[[pl.Series], pl.Series], texts: pl.Series, runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        out = fn(texts)
        seconds.append(time.perf_counter() - start)
        assert out.len() == texts.len()
    return statistics.median(seconds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=200_000, help="texts (default 200000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per scorer; the median counts")
    ap.add_argument("--vader-n", type=int, default=None, help="texts for vaderSentiment")
    args = ap.parse_args()

    texts = corpus(args.n)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"scorer: {ENGLISH_SCORER_NAME}")
    print(
        f"texts: {texts.len():,} ({texts.n_unique():,} distinct; "
        f"{'airline tweets + ' if TWEETS.is_file() else ''}synthetic); "
        f"cores: {cores}; polars threads: {pl.thread_pool_size()}; runs: {args.runs}"
    )
    score_english(texts.head(100))  # load the lexicons outside the timing

    vader_texts = texts.head(args.vader_n) if args.vader_n else texts
    results = {
        "score_english (vectorised + customer-care layer)": (
            texts.len(),
            timed(score_english, texts, args.runs),
        ),
        "score_vader_vectorised (same engine, plain VADER)": (
            texts.len(),
            timed(score_vader_vectorised, texts, args.runs),
        ),
        "vaderSentiment 3.3.2 (one call per text)": (
            vader_texts.len(),
            timed(vader_reference, vader_texts, args.runs),
        ),
    }
    rates = {}
    for name, (n, seconds) in results.items():
        rates[name] = n / seconds
        print(f"{name:<52} {n:>9,} texts  {seconds:7.3f} s  {n / seconds:>11,.0f} texts/s")
    ours, _, vader = rates.values()
    print(f"ratio score_english / vaderSentiment: {ours / vader:.1f}x")


if __name__ == "__main__":
    main()
