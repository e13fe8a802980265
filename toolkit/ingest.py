"""Load export files into a DuckDB file without running a report, and say what happened.

A data engineer's first question about a new export is "can the toolkit read it, and
what did it make of it?" This answers it per file: the format detected, records read,
loaded, merged duplicates, rejected (with the commonest reasons), the time range and how
many posts are the brand's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from toolkit.loaders import load_inputs
from toolkit.loaders.common import LoadStats
from toolkit.params import Params, validate_params
from toolkit.store import finalize_mentions, open_store, release_memory


@dataclass(frozen=True)
class FileSummary:
    stats: LoadStats
    first: str | None
    last: str | None
    brand_posts: int
    customer_posts: int
    top_reasons: list[tuple[str, int]]


def ingest_params(
    files: list[Path],
    fmt: str,
    accounts: dict[str, list[str]],
    platform: str | None,
    engine: dict[str, object] | None = None,
) -> Params:
    """Parameters for an ingest-only run (validated like any other run)."""
    mentions = [
        {"path": str(f.resolve()), "format": fmt, **({"platform": platform} if platform else {})}
        for f in files
    ]
    return validate_params(
        {
            "incident": {
                "name": "ingest",
                "brand": "ingest",
                "accounts": accounts or {"other": ["-"]},
            },
            "inputs": {"mentions": mentions},
            "engine": engine or {},
        },
        source="crisis ingest",
    )


def ingest(params: Params, db: Path) -> list[FileSummary]:
    """Load into ``db`` (replaced) and summarise each file."""
    db.unlink(missing_ok=True)
    con = open_store(db, params.engine)
    try:
        stats = load_inputs(con, params)
        finalize_mentions(con, params.incident.accounts)
        release_memory(con, params.engine)
        return [_summary(con, s) for s in stats]
    finally:
        con.close()


def _summary(con: duckdb.DuckDBPyConnection, s: LoadStats) -> FileSummary:
    row = con.execute(
        """SELECT min(created_at), max(created_at), count(*) FILTER (is_brand),
                  count(*) FILTER (NOT is_brand)
           FROM mentions WHERE source_file = ?""",
        [s.file],
    ).fetchall()[0]
    reasons = con.execute(
        """SELECT coalesce(field || ': ', '') || regexp_replace(reason, ':.*$', ''), count(*)
           FROM rejected WHERE source_file = ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3""",
        [s.file],
    ).fetchall()
    return FileSummary(
        s,
        None if row[0] is None else f"{row[0]:%Y-%m-%d %H:%M}",
        None if row[1] is None else f"{row[1]:%Y-%m-%d %H:%M}",
        int(row[2]),
        int(row[3]),
        [(str(r), int(n)) for r, n in reasons],
    )


def summary_table(summaries: list[FileSummary]) -> str:
    """A plain-text table for the terminal (and CI logs)."""
    df = pl.DataFrame(
        [
            {
                "file": f.stats.file,
                "format": f.stats.format,
                "platform": f.stats.platform,
                "read": f.stats.read,
                "loaded": f.stats.loaded,
                "duplicates": f.stats.duplicates,
                "rejected": f.stats.rejected,
                "from (UTC)": f.first or "-",
                "to (UTC)": f.last or "-",
                "brand": f.brand_posts,
                "customer": f.customer_posts,
            }
            for f in summaries
        ]
    )
    with pl.Config(
        tbl_rows=-1,
        tbl_cols=-1,
        tbl_width_chars=200,
        tbl_hide_dataframe_shape=True,
        tbl_hide_column_data_types=True,
        fmt_str_lengths=60,
    ):
        text = str(df)
    lines = [text]
    for f in summaries:
        if f.top_reasons:
            reasons = "; ".join(f"{r} ({n})" for r, n in f.top_reasons)
            lines.append(f"{f.stats.file}: top reasons for rejection: {reasons}")
        lines += [f"{f.stats.file}: {note}" for note in f.stats.notes]
    return "\n".join(lines)
