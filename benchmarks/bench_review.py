"""`crisis review` end to end on a synthetic incident: everything a user waits for.

    .venv/bin/python benchmarks/bench_review.py --n 1000000 [--runs 1]

Generates a twcs-layout incident of ``--n`` mentions (``benchmarks/synth.py``), writes a
parameters file for it, and runs the real command (`python -m toolkit.cli review`) in a
child process: ingest, sentiment, measures, the five tips, drivers, the notebook through
Papermill, the HTML export. Prints wall seconds (median of ``--runs``), the child's peak
RSS, and the per-stage seconds the run recorded in its ``run.json``, next to a bare DuckDB
parse of the same file (the floor). Everything is written to a temporary folder and
deleted afterwards. ``--quarterly`` runs `crisis quarterly` over the quarter that holds the
incident (Q1 2026, no previous quarter) instead: a quarter's worth of data through the
quarterly report.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import BRANDS, write_twcs  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="mentions (default 1 M)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--memory-limit", default=None, help="CRISIS_MEMORY_LIMIT for the run")
    ap.add_argument(
        "--csv", type=Path, help="an existing synthetic file of --n mentions (not regenerated)"
    )
    ap.add_argument(
        "--quarterly",
        action="store_true",
        help="run `crisis quarterly` over the quarter holding the incident instead",
    )
    args = ap.parse_args()
    command = "quarterly" if args.quarterly else "review"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        csv = args.csv.resolve() if args.csv else write_twcs(tmp / "incident.csv", args.n)
        size_mb = csv.stat().st_size / 1e6
        params = tmp / "params.yaml"
        accounts = f"  accounts:\n    twitter: [{', '.join(BRANDS)}]\n"
        inputs = f"inputs:\n  mentions:\n    - path: {csv}\n      format: twcs\n"
        if args.quarterly:  # the synthetic incident is in March 2026 (benchmarks/synth.py)
            head = (
                "quarter:\n  name: Q1 2026\n  start: 2026-01-01\n  end: 2026-03-31\n"
                "previous: none\nbrand:\n  name: Brand\n" + accounts
            )
        else:
            head = "incident:\n  name: Synthetic benchmark incident\n  brand: Brand\n" + accounts
        params.write_text(head + inputs + "report:\n  timezone: Europe/Oslo\n")
        con = duckdb.connect()
        t = time.perf_counter()
        con.execute(f"SELECT count(*) FROM read_csv('{csv}', all_varchar=true)").fetchall()
        floor = time.perf_counter() - t
        env = None
        if args.memory_limit:
            import os

            env = {**os.environ, "CRISIS_MEMORY_LIMIT": args.memory_limit}
        walls, record = [], {}
        for _ in range(args.runs):
            out = tmp / "out"
            cmd = [sys.executable, "-m", "toolkit.cli", command, str(params), "-o", str(out)]
            t = time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
            walls.append(time.perf_counter() - t)
            if done.returncode != 0:
                sys.exit(f"crisis {command} failed ({done.returncode}):\n{done.stderr[-3000:]}")
            record = json.loads((out / "run.json").read_text())
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    wall = statistics.median(walls)
    print(f"{args.n:,} mentions ({size_mb:.0f} MB)")
    print(f"floor (DuckDB count(*) of read_csv)  {floor:6.2f} s")
    print(
        f"crisis {command}, wall (median of {args.runs})  {wall:6.1f} s = {wall / floor:.0f}x floor"
    )
    print(f"peak RSS of the run (largest child)  {peak_mb:,.0f} MB")
    peaks = record.get("stage_peak_rss_mb", {})
    print(f"  {'stage':<22} {'seconds':>9} {'kernel peak MB after':>21}")
    for stage, seconds in record.get("stage_seconds", {}).items():
        peak = f"{peaks[stage]:,.0f}" if stage in peaks else ""
        print(f"  {stage:<22} {seconds:7.2f} s {peak:>21}")


if __name__ == "__main__":
    main()
