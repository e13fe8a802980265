"""Synthetic social-media incidents in the Customer-Support-on-Twitter CSV layout.

    from benchmarks.synth import write_twcs
    write_twcs("incident.csv", 5_000_000, seed=1)

The file has the columns of Kaggle's ``twcs.csv`` (``tweet_id, author_id, inbound,
created_at, text, response_tweet_id, in_response_to_tweet_id``) and the shape of a real
crisis: a week of quiet baseline traffic, then a spike that decays over a couple of days.
Customers open conversations of 1–6 messages; in 80 % of the conversations the
brand accounts ("BrandHelp", "Brand") answer, after lognormal delays of minutes to hours,
and the customer comes back in between. Tweet ids are 19-digit snowflake-like numbers that
increase with time. Texts come from templates filled with order numbers, cities, durations,
hashtags and emoji, so lengths and wording vary like real posts.

Everything is generated column-wise with Polars: uniform variates come from hashing a row
index with the seed (Box–Muller for normals), so there is no Python loop per row and no
numpy; 5 M rows are built and written in seconds.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl

BRANDS = ("BrandHelp", "Brand")
START = datetime(2026, 3, 2, 0, 0, 0)  # baseline week begins (a Monday)
BASELINE_DAYS = 7
SPIKE_AT = START + timedelta(days=BASELINE_DAYS, hours=6, minutes=41)  # Mon 9 Mar 06:41
SPIKE_DECAY_H = 14.0  # e-folding time of the spike, hours
SPIKE_SHARE = 0.7  # share of conversations opened by the spike
TWITTER_EPOCH_MS = 1288834974657
_MAX_SPAN_S = 30 * 86400  # cap on any single delay, so ids stay within 19 digits

# Conversation lengths 1..6 (messages), weights roughly as in twcs.csv.
LENGTH_WEIGHTS = (0.34, 0.26, 0.16, 0.12, 0.07, 0.05)
P_BRAND_ENGAGES = 0.8  # conversations the brand answers in: ~45 % of customer posts

CUSTOMER_OPENERS = [
    "@{brand} no signal in {city} since {t}, what is going on?? {emoji}",
    "@{brand} your app has been down for {n} hours now. Can't log in, can't pay. #outage",
    "@{brand} I was charged twice for order {ref}. I want my money back",
    "@{brand} is there an outage in {city}? Nothing works since {t}",
    "@{brand} been on hold for {n} minutes, this is ridiculous {emoji}",
    "@{brand} still no refund for {ref} after {n} weeks. Unacceptable.",
    "@{brand} thanks for nothing. {n} calls and no answer #neveragain",
    "@{brand} can you please help me with invoice {ref}? It shows the wrong amount",
    "@{brand} why is nobody answering? It's been {n} hours {emoji} #fail",
    "@{brand} internet dead in {city} again. Working from home is impossible today",
    "@{brand} your website keeps crashing when I try to pay, order {ref}",
    "@{brand} when will the service be back in {city}? Need an ETA please",
    "@{brand} I'm switching provider after this. {n} years as a customer and this is how "
    "you treat me",
    "@{brand} great job, {n} hours without mobile data and not a single update {emoji}",
    "@{brand} hi, quick question: do I get compensation for the outage on {day}?",
    "@{brand} the status page says all good but {city} has had nothing since {t}",
    "@{brand} love how you post ads while your customers in {city} can't even call {emoji}",
    "@{brand} fixed now, thanks to the team in {city}! {emoji}",
]
CUSTOMER_FOLLOWUPS = [
    "@{brand} still nothing. Any update?",
    "@{brand} done, sent you a DM with {ref}",
    "@{brand} ok thanks, I'll wait {emoji}",
    "@{brand} that didn't help at all. Restarted {n} times already",
    "@{brand} hello?? {n} hours and counting",
    "@{brand} it works again, thank you",
    "@{brand} you said {t} and it's still down in {city}",
    "@{brand} why do I have to DM? Just tell everyone what happened",
]
BRAND_REPLIES = [
    "@{user} Sorry for the trouble! We're aware of an issue affecting {city} and are working "
    "on a fix. ^{agent}",
    "@{user} Hi, we'd like to look into this. Could you DM us your order number? ^{agent}",
    "@{user} We're sorry about the double charge on {ref}. Please send us a DM and we'll "
    "sort it out. ^{agent}",
    "@{user} Thanks for your patience. Engineers expect service back by {t}. ^{agent}",
    "@{user} Hi there, could you try restarting your device and let us know? ^{agent}",
    "@{user} We understand the frustration. Updates at our status page. ^{agent}",
    "@{user} Glad to hear it's working again! Have a good day {emoji} ^{agent}",
    "@{user} The refund for {ref} has been issued and should show within {n} days. ^{agent}",
]
CITIES = [
    "Oslo",
    "Bergen",
    "Trondheim",
    "Stavanger",
    "Tromsø",
    "Drammen",
    "Kristiansand",
    "Bodø",
    "Ålesund",
    "Fredrikstad",
    "London",
    "Leeds",
    "Manchester",
    "Dublin",
]
EMOJI = ["😡", "🙄", "😤", "👎", "😭", "🤬", "😒", "🙏", "👍", "😂", "💀", "", "", ""]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the weekend", "9 March"]
AGENTS = ["KM", "JS", "AL", "TR", "HB", "EO", "MN", "SP"]


# --------------------------------------------------------------------------- random columns


def _uniform(index: pl.Expr, seed: int, stream: int) -> pl.Expr:
    """U(0, 1) per row, deterministic in (seed, stream, row): hash, keep 53 bits."""
    bits = index.hash(seed * 1_000_003 + stream) // 2048
    return (bits.cast(pl.Float64) + 0.5) / float(2**53)


def _normal(index: pl.Expr, seed: int, stream: int) -> pl.Expr:
    """Standard normal per row by Box–Muller on two uniform streams."""
    u1 = _uniform(index, seed, stream)
    u2 = _uniform(index, seed, stream + 1)
    return (-2.0 * u1.log()).sqrt() * (2.0 * math.pi * u2).cos()


def _choice(index: pl.Expr, seed: int, stream: int, n: int) -> pl.Expr:
    return (_uniform(index, seed, stream) * n).floor().cast(pl.UInt32).clip(0, n - 1)


def _pick(options: list[str], index: pl.Expr, seed: int, stream: int) -> pl.Expr:
    """One of ``options`` per row (a categorical lookup, not a Python call per row)."""
    lut = pl.Series(options, dtype=pl.String)
    return pl.lit(lut).gather(_choice(index, seed, stream, len(options)))


def _fill(template: pl.Expr, index: pl.Expr, seed: int) -> pl.Expr:
    """Replace each {placeholder} of a template column with a random value per row."""
    hh = (_choice(index, seed, 40, 24)).cast(pl.String).str.zfill(2)
    mm = (_choice(index, seed, 41, 60)).cast(pl.String).str.zfill(2)
    values = {
        "{city}": _pick(CITIES, index, seed, 42),
        "{emoji}": _pick(EMOJI, index, seed, 43),
        "{day}": _pick(DAYS, index, seed, 44),
        "{agent}": _pick(AGENTS, index, seed, 45),
        "{n}": (_choice(index, seed, 46, 11) + 2).cast(pl.String),
        "{ref}": pl.lit("#") + (_choice(index, seed, 47, 9_000_000) + 1_000_000).cast(pl.String),
        "{t}": hh + pl.lit(":") + mm,
    }
    out = template
    for key, value in values.items():
        out = out.str.replace_all(key, value, literal=True)
    return out.str.strip_chars()


# --------------------------------------------------------------------------- the incident


def _conversations(n_conv: int, seed: int) -> pl.DataFrame:
    i = pl.int_range(pl.len(), dtype=pl.UInt64)
    cum = []
    acc = 0.0
    for w in LENGTH_WEIGHTS:
        acc += w
        cum.append(acc / sum(LENGTH_WEIGHTS))
    u_len = _uniform(i, seed, 1)
    length = pl.lit(len(cum), dtype=pl.Int64)
    for k in range(len(cum) - 1, 0, -1):
        length = pl.when(u_len < cum[k - 1]).then(pl.lit(k, dtype=pl.Int64)).otherwise(length)
    spike_offset = (SPIKE_AT - START).total_seconds()
    # Spike: exponential decay from SPIKE_AT; baseline: uniform over the quiet week (with
    # a daily rhythm: fewer posts at night).
    spike_s = spike_offset - SPIKE_DECAY_H * 3600.0 * _uniform(i, seed, 3).log()
    day_frac = _uniform(i, seed, 4)
    hour = 7.0 + 16.0 * _uniform(i, seed, 5)  # 07:00–23:00 local activity window
    night = _uniform(i, seed, 6) < 0.15
    base_hour = pl.when(night).then(24.0 * _uniform(i, seed, 7)).otherwise(hour)
    base_s = (day_frac * BASELINE_DAYS).floor() * 86400.0 + base_hour * 3600.0
    t0 = pl.when(_uniform(i, seed, 2) < SPIKE_SHARE).then(spike_s).otherwise(base_s)
    n_customers = max(1, int(n_conv * 0.75))
    return pl.select(conv=pl.int_range(n_conv, dtype=pl.UInt64)).with_columns(
        length=length,
        t0=t0.clip(0.0, None),
        engaged=_uniform(i, seed, 8) < P_BRAND_ENGAGES,
        customer=(_choice(i, seed, 9, n_customers) + 100_000).cast(pl.String),
        brand=pl.when(_uniform(i, seed, 10) < 0.8)
        .then(pl.lit(BRANDS[0]))
        .otherwise(pl.lit(BRANDS[1])),
    )


def incident_frame(n_mentions: int, seed: int = 1) -> pl.DataFrame:
    """The incident as a frame in file order (columns of the twcs layout, all text)."""
    mean_len = sum((k + 1) * w for k, w in enumerate(LENGTH_WEIGHTS)) / sum(LENGTH_WEIGHTS)
    n_conv = max(1, int(n_mentions / mean_len * 1.05))
    conv = _conversations(n_conv, seed)
    msgs = (
        conv.with_columns(pos=pl.int_ranges(0, pl.col("length")))
        .explode("pos")
        .head(n_mentions)
        .with_columns(pl.col("pos").cast(pl.Int64))
    )
    j = pl.int_range(pl.len(), dtype=pl.UInt64)
    # Engaged conversations alternate customer / brand; others are customer follow-ups
    # (the same customer adding to the thread).
    is_brand = pl.col("engaged") & (pl.col("pos") % 2 == 1)
    # Brand delay: lognormal, median 35 min, sigma 1.3 (minutes .. many hours).
    brand_delay = (math.log(35 * 60.0) + 1.3 * _normal(j, seed, 20)).exp()
    # Customer delay (follow-up or reply to the brand): median 6 min, sigma 1.1.
    cust_delay = (math.log(6 * 60.0) + 1.1 * _normal(j, seed, 22)).exp()
    delay = (
        pl.when(pl.col("pos") == 0)
        .then(0.0)
        .when(is_brand)
        .then(brand_delay)
        .otherwise(cust_delay)
        .clip(1.0, float(_MAX_SPAN_S))
    )
    msgs = msgs.with_columns(is_brand=is_brand, _delay=delay).with_columns(
        _t=(pl.col("t0") + pl.col("_delay").cum_sum().over("conv")).floor().cast(pl.Int64)
    )
    start_ms = int((START - datetime(1970, 1, 1)).total_seconds() * 1000)
    # Snowflake-like ids: (ms since Twitter epoch) << 22 | sequence. Increasing with time,
    # unique, 19 digits for dates after 2017.
    msgs = msgs.sort(["_t", "conv", "pos"]).with_columns(
        _ms=(pl.col("_t") * 1000 + start_ms - TWITTER_EPOCH_MS + _choice(j, seed, 24, 1000)),
    )
    msgs = msgs.with_columns(
        tweet_id=(
            pl.col("_ms").cast(pl.UInt64) * (1 << 22)
            + (pl.int_range(pl.len(), dtype=pl.UInt64) % (1 << 22))
        )
    )
    # Millisecond jitter may reorder ids within a second; re-sort so ids follow time.
    msgs = msgs.with_columns(tweet_id=pl.col("tweet_id").sort())
    msgs = msgs.sort(["conv", "pos"]).with_columns(
        in_response_to_tweet_id=pl.col("tweet_id").shift(1).over("conv"),
        response_tweet_id=pl.col("tweet_id").shift(-1).over("conv"),
    )
    k = pl.int_range(pl.len(), dtype=pl.UInt64)
    opener = _pick(CUSTOMER_OPENERS, k, seed, 30)
    followup = _pick(CUSTOMER_FOLLOWUPS, k, seed, 31)
    reply = _pick(BRAND_REPLIES, k, seed, 32)
    template = (
        pl.when(pl.col("is_brand"))
        .then(reply)
        .when(pl.col("pos") == 0)
        .then(opener)
        .otherwise(followup)
    )
    text = _fill(template, k, seed)
    text = text.str.replace_all("{brand}", pl.col("brand"), literal=True).str.replace_all(
        "{user}", pl.col("customer"), literal=True
    )
    created = (pl.lit(START) + pl.duration(seconds=pl.col("_t"))).dt.strftime(
        "%a %b %d %H:%M:%S +0000 %Y"
    )
    return msgs.sort("tweet_id").select(
        pl.col("tweet_id").cast(pl.String),
        author_id=pl.when(pl.col("is_brand")).then(pl.col("brand")).otherwise(pl.col("customer")),
        inbound=pl.when(pl.col("is_brand")).then(pl.lit("False")).otherwise(pl.lit("True")),
        created_at=created,
        text=text,
        response_tweet_id=pl.col("response_tweet_id").cast(pl.String),
        in_response_to_tweet_id=pl.col("in_response_to_tweet_id").cast(pl.String),
    )


def write_twcs(path: str | Path, n_mentions: int, seed: int = 1) -> Path:
    """Write ``n_mentions`` rows of a synthetic incident as a twcs-layout CSV; returns path."""
    path = Path(path)
    incident_frame(n_mentions, seed).write_csv(path)
    return path


if __name__ == "__main__":
    import sys
    import time

    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    t = time.perf_counter()
    out = write_twcs(sys.argv[1], n)
    print(f"{n:,} rows -> {out} in {time.perf_counter() - t:.1f}s")
