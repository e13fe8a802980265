"""Ingest + response measures on a synthetic incident, against a bare DuckDB parse.

    .venv/bin/python benchmarks/bench_pipeline.py [--n 1000000] [--runs 3] [--pandas PYTHON]

A twcs-layout CSV of ``--n`` mentions is generated once (``benchmarks/synth.py``) in a
temporary folder, deleted afterwards. Each step runs ``--runs`` times; the median is shown:

* ``floor``: ``SELECT count(*) FROM read_csv(path, all_varchar=true)`` — DuckDB parsing the
  file and nothing else, the least any loader can cost;
* ``ingest``: ``validate_params`` -> ``open_store`` (a DuckDB file, as a real run keeps it)
  -> ``load_inputs`` -> ``finalize_mentions`` -> ``release_memory``;
* ``frame``: ``store.frame(con, "mentions")`` (DuckDB -> Arrow -> Polars);
* ``flag`` (the parent join and the sort both response measures start from, paid once as
  the report pays it), ``reply_times``, ``episodes``, ``frt_summary``, ``hourly volume``
  (``group_by_dynamic``).

Peak RSS is ``ru_maxrss`` of this process after the step (a running maximum, so it only
grows). With ``--pandas PYTHON`` (a Python with pandas, e.g. a separate venv: pandas is not a
dependency of the toolkit), the per-message reply matching is also written the way an
analyst would in pandas (thread roots by following parents, ``merge_asof`` by conversation)
and run in a child process on the same file; its answered count and median reply time are
checked against ``reply_times``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synth import BRANDS, write_twcs  # noqa: E402
from toolkit import loaders, store  # noqa: E402
from toolkit.measures import response  # noqa: E402
from toolkit.params import validate_params  # noqa: E402

PANDAS_BASELINE = r"""
import json, sys, time
import pandas as pd

path, runs = sys.argv[1], int(sys.argv[2])
brands = set(json.loads(sys.argv[3]))

def run():
    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["created_at"] = pd.to_datetime(df["created_at"], format="%a %b %d %H:%M:%S %z %Y")
    df["created_at"] = df["created_at"].dt.tz_convert(None)
    df["is_brand"] = (df["inbound"] == "False") | df["author_id"].isin(brands)
    t1 = time.perf_counter()
    # thread root: follow parent links while the parent is in the file
    ids = pd.Index(df["tweet_id"])
    parent_of = pd.Series(df["in_response_to_tweet_id"].values, index=ids)
    root = df["tweet_id"].copy()
    cur = df["in_response_to_tweet_id"].where(df["in_response_to_tweet_id"].isin(ids), "")
    while (cur != "").any():
        root = root.where(cur == "", cur)
        nxt = cur.map(parent_of).fillna("")
        cur = nxt.where(nxt.isin(ids), "")
    df["conversation_id"] = root
    cust = df[~df["is_brand"]][["conversation_id", "tweet_id", "created_at"]]
    ans = df[df["is_brand"] & (df["tweet_id"] != df["conversation_id"])]
    ans = ans[["conversation_id", "tweet_id", "created_at"]].rename(
        columns={"tweet_id": "reply_id", "created_at": "reply_at"})
    m = pd.merge_asof(
        ans.sort_values("reply_at"),
        cust.rename(columns={"created_at": "msg_at"}).sort_values("msg_at"),
        left_on="reply_at", right_on="msg_at", by="conversation_id", direction="backward",
    ).dropna(subset=["tweet_id"])
    first = m.sort_values("reply_at").drop_duplicates("tweet_id", keep="first")
    secs = (first["reply_at"] - first["msg_at"]).dt.total_seconds()
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(first), float(secs.median())

res = [run() for _ in range(runs)]
import resource
read = sorted(r[0] for r in res)[len(res) // 2]
match = sorted(r[1] for r in res)[len(res) // 2]
print(json.dumps({"read_s": read, "match_s": match, "answered": res[0][2],
                  "median_s": res[0][3],
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "pandas": pd.__version__}))
"""


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pandas", help="a Python interpreter with pandas, for the baseline")
    ap.add_argument(
        "--csv", type=Path, help="an existing synthetic file of --n mentions (not regenerated)"
    )
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    rows: list[tuple[str, float, float]] = []
    try:
        csv = args.csv or tmp / "twcs_synthetic.csv"
        t = time.perf_counter()
        if args.csv is None:
            write_twcs(csv, args.n, seed=args.seed)
        gen_s = time.perf_counter() - t
        size_mb = csv.stat().st_size / 1e6
        print(
            f"generated {args.n:,} mentions ({size_mb:,.0f} MB) in {gen_s:.1f}s; "
            f"runs={args.runs}; Polars {pl.__version__}, DuckDB {duckdb.__version__}"
        )

        def floor() -> int:
            con = duckdb.connect()
            try:
                q = f"SELECT count(*) FROM read_csv('{csv}', all_varchar=true)"
                return con.execute(q).fetchone()[0]
            finally:
                con.close()

        floor_s, n_rows = timed(floor, args.runs)
        rows.append(("floor: DuckDB read_csv count(*)", floor_s, rss_mb()))
        assert n_rows == args.n, n_rows

        raw = {
            "incident": {
                "name": "synthetic",
                "brand": "Brand",
                "accounts": {"twitter": list(BRANDS)},
            },
            "inputs": {"mentions": [{"path": str(csv), "format": "twcs", "platform": "twitter"}]},
        }
        state: dict[str, object] = {}

        def ingest() -> int:
            db = tmp / "run.duckdb"
            for p in (db, Path(str(db) + ".wal")):
                p.unlink(missing_ok=True)
            if "con" in state:
                state["con"].close()
            params = validate_params(raw, base_dir=tmp)
            con = store.open_store(db)
            loaders.load_inputs(con, params, base=tmp)
            n = store.finalize_mentions(con, params.incident.accounts)
            store.release_memory(con, params.engine)
            state["con"] = con
            return n

        ingest_s, n_loaded = timed(ingest, args.runs)
        rows.append(("ingest: params+open_store+load_inputs+finalize", ingest_s, rss_mb()))
        con = state["con"]

        frame_s, mentions = timed(lambda: store.frame(con, "mentions"), args.runs)
        rows.append(("store.frame(mentions)", frame_s, rss_mb()))
        # as the report does: the mentions flagged and sorted once, for both measures
        fl_s, flagged = timed(lambda: response.flag(mentions), args.runs)
        rows.append(("response.flag (shared)", fl_s, rss_mb()))
        rt_s, rt = timed(lambda: response.reply_times(flagged), args.runs)
        rows.append(("response.reply_times", rt_s, rss_mb()))
        ep_s, eps = timed(lambda: response.episodes(flagged), args.runs)
        rows.append(("response.episodes", ep_s, rss_mb()))
        fs_s, summary = timed(lambda: response.frt_summary(eps), args.runs)
        rows.append(("response.frt_summary", fs_s, rss_mb()))

        def hourly() -> pl.DataFrame:
            return (
                mentions.sort("created_at")
                .group_by_dynamic("created_at", every="1h", group_by="is_brand")
                .agg(n=pl.len())
            )

        hv_s, hv = timed(hourly, args.runs)
        rows.append(("hourly volume (group_by_dynamic)", hv_s, rss_mb()))
        con.close()

        measures_s = frame_s + fl_s + rt_s + ep_s + fs_s + hv_s
        total_s = ingest_s + measures_s
        print()
        print(f"{'step':<50} {'seconds':>8} {'x floor':>8} {'peak RSS MB':>12}")
        for name, sec, mb in rows:
            print(f"{name:<50} {sec:>8.2f} {sec / floor_s:>8.1f} {mb:>12,.0f}")
        print(f"{'measures (frame..hourly)':<50} {measures_s:>8.2f} {measures_s / floor_s:>8.1f}")
        print(
            f"{'TOTAL ingest + measures':<50} {total_s:>8.2f} {total_s / floor_s:>8.1f} "
            f"{rss_mb():>12,.0f}"
        )

        answered = rt.filter(pl.col("answered"))
        tk_answered = answered.height
        tk_median = answered["reply_seconds"].median()
        s = summary.row(0, named=True)
        print()
        print(
            f"mentions loaded {n_loaded:,}; customer messages {rt.height:,}, answered "
            f"{tk_answered:,} ({tk_answered / max(rt.height, 1):.1%}), median reply "
            f"{tk_median:,.0f}s; episodes {s['n_episodes']:,}, answered {s['n_answered']:,}, "
            f"KM median FRT {s['median_s']}; hourly buckets {hv.height}"
        )

        if args.pandas:
            out = subprocess.run(
                [
                    args.pandas,
                    "-c",
                    PANDAS_BASELINE,
                    str(csv),
                    str(args.runs),
                    json.dumps(list(BRANDS)),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            pd_res = json.loads(out.stdout.strip().splitlines()[-1])
            print()
            print(
                f"pandas {pd_res['pandas']} baseline (child process, median of {args.runs}): "
                f"read+parse {pd_res['read_s']:.2f}s, reply matching {pd_res['match_s']:.2f}s "
                f"(toolkit flag + reply_times {fl_s + rt_s:.2f}s -> "
                f"{pd_res['match_s'] / (fl_s + rt_s):.1f}x), "
                f"peak RSS {pd_res['rss_mb']:,.0f} MB"
            )
            same_n = pd_res["answered"] == tk_answered
            same_med = abs(pd_res["median_s"] - tk_median) < 1e-6
            print(
                f"  answered: pandas {pd_res['answered']:,} vs toolkit {tk_answered:,} "
                f"({'agree' if same_n else 'DISAGREE'}); median reply: pandas "
                f"{pd_res['median_s']:,.1f}s vs toolkit {tk_median:,.1f}s "
                f"({'agree' if same_med else 'DISAGREE'})"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
