"""Throughput of the Norwegian scorer and of language detection on 200,000 short posts.

Run from the repository root:

    .venv/bin/python benchmarks/bench_norwegian.py [--n 200000] [--runs 3]

The posts are generated (seeded, so every run sees the same texts): short customer posts
in Norwegian (bokmål and some nynorsk) mixed with English, Swedish and Danish ones, with
@mentions, emoji, numbers, order ids and times so that nearly all are distinct, and 10 %
exact copies (retweets / copy-paste complaints) as in a real storm. Prints texts/s as the
median of ``--runs`` runs for ``score_norwegian`` (built-in lexicon; and with a word list
when ``--wordlists POS NEG`` is given) and ``detect_languages``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.scoring.langid import detect_languages
from toolkit.scoring.norwegian import load_wordlist_lexicon, score_norwegian

NO_OPENERS = [
    "Hei",
    "Hallo",
    "Seriøst",
    "Igjen",
    "Nå",
    "Takk",
    "Hva skjer",
    "Kjære kundeservice",
    "Hei hei",
    "Helt ærlig",
]
NO_BODIES = [
    "appen er nede igjen og ingen svarer på chatten",
    "jeg har ventet i {n} minutter i telefonkø",
    "ble dobbelt trukket for ordre {id}, når får jeg pengene tilbake?",
    "flyet mitt ble kansellert og dere svarer ikke",
    "toget er forsinket for {n}. gang denne uka",
    "takk for rask hjelp, alt fungerer igjen",
    "kjempebra service i dag, tusen takk til {name}",
    "dette er helt uakseptabelt, aldri igjen",
    "ikke bra nok, jeg er veldig skuffet",
    "nettet har vært nede siden kl {h}:{m}",
    "litt treg respons, men problemet er løst nå",
    "fakturaen er feil og kundeservice legger på",
    "superfornøyd med den nye løsningen",
    "eg har venta i {n} dagar og ingen har svart",
    "ikke dårlig, men kunne vært bedre",
    "hvorfor er det så vanskelig å få svar",
    "strømbrudd i hele {place} igjen",
    "elendig informasjon om forsinkelsen",
    "jeg vil ha refusjon for billetten min",
    "fungerer ikkje på mobilen min",
]
EN_BODIES = [
    "my flight was cancelled and nobody answers the phone",
    "thanks for the quick help, all sorted now",
    "still waiting for my refund on order {id}",
    "worst customer service ever, never again",
    "app is down again since {h}:{m}",
]
SV_BODIES = [
    "jag har väntat i {n} minuter och ingen svarar",
    "tack för snabb hjälp, nu fungerar det",
]
DA_BODIES = [
    "jeg har ventet i {n} minutter og ingen svarer",
    "tak for hjælpen, nu virker det igen",
]
EMOJI = ["", "", "", " 😡", " 🙄", " 👍", " 😍", " 😭", " :(", " :)", "!!", "?"]
NAMES = ["Kari", "Ola", "Ingrid", "Per", "Siri", "Anders"]
PLACES = ["Bergen", "Trondheim", "Tromsø", "Oslo vest", "Stavanger"]


def make_posts(n: int, seed: int = 7) -> pl.Series:
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(n):
        if out and rng.random() < 0.10:
            out.append(rng.choice(out))
            continue
        r = rng.random()
        pool = (
            NO_BODIES
            if r < 0.75
            else EN_BODIES
            if r < 0.9
            else SV_BODIES
            if r < 0.95
            else DA_BODIES
        )
        body = rng.choice(pool).format(
            n=rng.randint(2, 180),
            id=rng.randint(100000, 999999),
            h=rng.randint(0, 23),
            m=f"{rng.randint(0, 59):02d}",
            name=rng.choice(NAMES),
            place=rng.choice(PLACES),
        )
        opener = rng.choice(NO_OPENERS) + " " if pool is NO_BODIES and rng.random() < 0.5 else ""
        if rng.random() < 0.3:
            body += ". " + rng.choice(pool).format(
                n=rng.randint(2, 180),
                id=rng.randint(100000, 999999),
                h=rng.randint(0, 23),
                m=f"{rng.randint(0, 59):02d}",
                name=rng.choice(NAMES),
                place=rng.choice(PLACES),
            )
        cc = f" @user{rng.randint(1, 99999)}" if rng.random() < 0.5 else ""
        out.append(f"@Brand{rng.randint(1, 9)}{cc} {opener}{body}{rng.choice(EMOJI)}")
    return pl.Series("text", out)


def bench(label: str, fn, texts: pl.Series, runs: int) -> None:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn(texts)
        times.append(time.perf_counter() - t0)
        assert out.len() == texts.len()
    med = statistics.median(times)
    print(
        f"{label:<42} median {med:6.3f} s  ->  {texts.len() / med:>9,.0f} texts/s  "
        f"(runs: {', '.join(f'{t:.3f}' for t in times)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--wordlists", nargs=2, metavar=("POSITIVE", "NEGATIVE"), type=Path)
    args = ap.parse_args()
    texts = make_posts(args.n)
    print(
        f"{texts.len():,} posts ({texts.n_unique():,} distinct), mean "
        f"{texts.str.len_chars().mean():.0f} characters; polars {pl.__version__}, "
        f"{os.cpu_count()} CPUs, POLARS_MAX_THREADS={os.environ.get('POLARS_MAX_THREADS', '-')}"
    )
    score_norwegian(texts.head(1000))  # build and cache the lexicon tables
    bench("score_norwegian (built-in lexicon)", score_norwegian, texts, args.runs)
    if args.wordlists:
        extra = load_wordlist_lexicon(*args.wordlists)
        bench(
            f"score_norwegian (+ {extra.height:,} word-list terms)",
            lambda t: score_norwegian(t, extra),
            texts,
            args.runs,
        )
    bench("detect_languages", detect_languages, texts, args.runs)


if __name__ == "__main__":
    main()
