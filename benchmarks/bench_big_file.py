"""A multi-gigabyte export, streamed: generated, ingested under a memory limit, deleted.

    .venv/bin/python benchmarks/bench_big_file.py --gb 2 --memory-limit 1GB

Proves what a unit test cannot: a file far larger than the memory DuckDB may use loads
completely (DuckDB spills to disk), every record is accounted for
(read = loaded + duplicates + rejected), and the broken records planted in it — a line
with Latin-1 bytes, a date in the future, a truncated last line — are rejected with
their reasons. Wall time and peak memory are printed next to a bare DuckDB parse of the
same file (the floor), measured in the same process.

The file is written chunk by chunk (one synthetic incident of a million posts, repeated
with shifted ids), so generating it needs no more memory than one chunk, and it is
deleted afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import BRANDS, incident_frame  # noqa: E402

ID_STEP = 10**16  # added per chunk: ids stay unique, 19 digits, below 2**63
BAD_LINES = {
    "latin1": "not valid UTF-8",
    "future": "in the future",
    "truncated": "",  # a short last line: DuckDB reports the missing columns
}


@dataclass
class BigFileResult:
    path: Path
    bytes: int
    records: int  # data records written, broken ones included
    planted: int
    seconds_generate: float
    seconds_floor: float
    seconds_ingest: float
    peak_rss_mb: float
    read: int  # as the ingest summary reports them
    loaded: int
    duplicates: int
    rejected: int
    in_database: int  # rows in mentions / rejected, counted independently
    rejected_in_database: int
    reasons: list[str]


def generate(path: Path, target_bytes: int, chunk_rows: int = 1_000_000) -> tuple[int, int]:
    """Write at least ``target_bytes``; returns (data records, broken records planted)."""
    base = incident_frame(chunk_rows, seed=7)
    ids = ("tweet_id", "response_tweet_id", "in_response_to_tweet_id")
    base_ids = base.with_columns(pl.col(c).cast(pl.UInt64) for c in ids)
    records = planted = 0
    with path.open("wb") as fh:
        k = 0
        while True:
            chunk = base_ids.with_columns((pl.col(c) + k * ID_STEP).cast(pl.String) for c in ids)
            chunk.write_csv(fh, include_header=k == 0)
            records += chunk.height
            if k == 0:  # a customer wrote from a Latin-1 terminal
                fh.write(b"9000000000000000001,lat1user,True,Mon Mar 09 10:00:00 +0000 2026,")
                fh.write(b"caf\xe9 closed @BrandHelp,,\n")
                records, planted = records + 1, planted + 1
            if k == 1:  # a clock set wrong by a decade
                fh.write(b"9000000000000000002,clockuser,True,Mon Mar 09 10:00:00 +0000 2036,")
                fh.write(b"@BrandHelp hello from the future,,\n")
                records, planted = records + 1, planted + 1
            k += 1
            if fh.tell() >= target_bytes:
                break
        fh.write(b"9000000000000000003,cutuser,True,Mon Mar 09 1")  # the export was cut off
        records, planted = records + 1, planted + 1
    return records, planted


def floor_seconds(path: Path) -> float:
    """Bare DuckDB parse (count(*) over read_csv), as in bench_pipeline.py."""
    con = duckdb.connect()
    t = time.perf_counter()
    con.execute(
        f"SELECT count(*) FROM read_csv('{path}', all_varchar=true, ignore_errors=true)"
    ).fetchall()
    return time.perf_counter() - t


def run(gb: float, memory_limit: str, workdir: Path, keep: bool = False) -> BigFileResult:
    path = workdir / "big_export.csv"
    db = workdir / "big_export.duckdb"
    t = time.perf_counter()
    records, planted = generate(path, int(gb * 1e9))
    generated = time.perf_counter() - t
    size = path.stat().st_size
    try:
        floor = floor_seconds(path)
        accounts = [a for b in BRANDS for a in ("--account", f"twitter:{b}")]
        cmd = [sys.executable, "-m", "toolkit.cli", "ingest", str(path), "--format", "twcs"]
        cmd += [*accounts, "--db", str(db), "--memory-limit", memory_limit]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        ingest_s = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if done.returncode != 0:
            raise RuntimeError(f"crisis ingest failed ({done.returncode}):\n{done.stderr[-3000:]}")
        row = next(ln for ln in done.stdout.splitlines() if path.name in ln)
        cells = [c.strip() for c in row.strip("│ ").split("┆")]
        read, loaded, duplicates, rejected = (int(c) for c in cells[3:7])
        con = duckdb.connect(str(db), read_only=True)
        in_db = con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]
        rej_db = con.execute("SELECT count(*) FROM rejected").fetchall()[0][0]
        reasons = [r for (r,) in con.execute("SELECT reason FROM rejected").fetchall()]
        con.close()
        return BigFileResult(
            path, size, records, planted, generated, floor, ingest_s,
            max(peak, before) / 1024, read, loaded, duplicates, rejected, in_db, rej_db,
            reasons,
        )  # fmt: skip
    finally:
        if not keep:
            path.unlink(missing_ok=True)
            db.unlink(missing_ok=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gb", type=float, default=2.0, help="file size in GB (default 2)")
    ap.add_argument("--memory-limit", default="1GB", help="DuckDB memory limit (default 1GB)")
    ap.add_argument("--dir", type=Path, default=None, help="where to write (default: tmp)")
    ap.add_argument("--keep", action="store_true", help="keep the file and database")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        r = run(args.gb, args.memory_limit, Path(tmp), keep=args.keep)
    print(f"file            {r.bytes / 1e9:.2f} GB, {r.records:,} records ({r.planted} broken)")
    print(f"generate        {r.seconds_generate:.1f} s")
    print(f"floor (parse)   {r.seconds_floor:.1f} s  (bare DuckDB read_csv count(*))")
    print(f"crisis ingest   {r.seconds_ingest:.1f} s  = {r.seconds_ingest / r.seconds_floor:.1f}x")
    print(f"peak RSS        {r.peak_rss_mb:,.0f} MB  (memory limit {args.memory_limit})")
    print(
        f"read {r.read:,} = loaded {r.loaded:,} + duplicates {r.duplicates:,} "
        f"+ rejected {r.rejected:,}  (database: {r.in_database:,} mentions, "
        f"{r.rejected_in_database:,} rejected)"
    )
    for reason in r.reasons:
        print(f"  rejected: {reason}")
    os.sync()


if __name__ == "__main__":
    main()
