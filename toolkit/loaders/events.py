"""The brand's own records: official statements, moderation actions, escalation log.

Each is a plain CSV with fixed column names (documented in docs/inputs.md), because
these are kept by the communications team itself, not exported by a platform. Rows with
an unreadable time or a missing required field are rejected with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import yaml

from toolkit.loaders.common import (
    InputError,
    LoadStats,
    csv_columns,
    drop_relation,
    read_csv_stage,
    sql_list,
    sql_str,
    timestamp_sql,
)


@dataclass(frozen=True)
class EventSpec:
    table: str
    time_column: str
    required: tuple[str, ...]
    optional: tuple[str, ...]


SPECS = {
    "statements": EventSpec(
        "statements", "published_at", ("statement_id", "published_at", "channel", "text"), ("url",)
    ),
    "moderation": EventSpec(
        "moderation",
        "action_at",
        ("action_at", "action"),
        ("platform", "target_id", "rule_id", "moderator"),
    ),
    "escalations": EventSpec(
        "escalations", "logged_at", ("logged_at", "level"), ("action", "owner")
    ),
}


def is_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def _yaml_entries(path: Path, label: str) -> list:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(label, f"not valid YAML ({exc})") from None
    if isinstance(data, dict) and len(data) == 1:
        data = next(iter(data.values()))  # allow `statements: [...]`
    if not isinstance(data, list):
        raise InputError(label, "the YAML file must hold a list of entries")
    return data


def yaml_columns(path: Path, label: str) -> list[str]:
    """Field names used by the entries of a YAML log (for the pre-run check)."""
    return sorted({k for e in _yaml_entries(path, label) if isinstance(e, dict) for k in e})


def _yaml_stage(
    con: duckdb.DuckDBPyConnection, path: Path, label: str, spec: EventSpec, stats: LoadStats
) -> list[str]:
    """A YAML list of entries (hand-kept logs are small): the same all-text stage as a CSV.

    An entry that is not a mapping is rejected with its number; the rest go on.
    """
    data = _yaml_entries(path, label)
    cols = [*spec.required, *spec.optional]
    rows, bad = [], []
    for i, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            bad.append((label, i, None, None, "entry is not a mapping of fields", str(entry)[:500]))
            continue
        rows.append(
            {
                "source_record": i,
                "raw": str(entry)[:500],
                **{c: None if entry.get(c) is None else str(entry[c]) for c in cols},
            }
        )
    frame = pl.DataFrame(
        rows, schema={"source_record": pl.Int64, "raw": pl.String, **{c: pl.String for c in cols}}
    )
    con.register("_yaml_rows", frame)
    try:
        drop_relation(con, "_raw")
        con.execute("CREATE TEMP TABLE _raw AS SELECT * FROM _yaml_rows")
    finally:
        con.unregister("_yaml_rows")
    if bad:
        con.executemany("INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?)", bad)
    stats.read += len(data)
    stats.rejected += len(bad)
    present = {k for e in data if isinstance(e, dict) for k in e}
    return [c for c in cols if c in present]


def load_events(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    path: Path,
    label: str,
    zone: str,
    workdir: Path,
    owned_channels: list[str],
) -> LoadStats:
    spec = SPECS[kind]
    stats = LoadStats(file=label, format=kind, platform="-")
    if is_yaml(path):
        cols = _yaml_stage(con, path, label, spec, stats)
    else:
        cols = csv_columns(con, path, label)
    missing = [c for c in spec.required if c not in cols]
    if missing:
        raise InputError(
            label,
            f"{kind} file lacks column(s) {', '.join(missing)} "
            f"(needs {', '.join(spec.required)}; optional {', '.join(spec.optional)})",
            field=missing[0],
        )
    if not is_yaml(path):
        read_csv_stage(con, path, "_raw", stats, workdir)
    ts = timestamp_sql(spec.time_column, zone)
    checks = " ".join(
        f"WHEN nullif(trim({c}), '') IS NULL THEN '{c}|required field is empty'"
        for c in spec.required
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _ev AS
        SELECT *, {ts} AS _ts,
          CASE {checks}
               WHEN {ts} IS NULL THEN '{spec.time_column}|not a recognised date-time: '
                    || left({spec.time_column}, 60)
          END AS problem
        FROM _raw"""
    )
    rej = con.execute(
        f"""INSERT INTO rejected SELECT {sql_str(label)}, source_record, NULL,
               split_part(problem, '|', 1), split_part(problem, '|', 2), raw
            FROM _ev WHERE problem IS NOT NULL"""
    ).fetchall()[0]
    stats.rejected += int(rej[0]) if rej else 0

    def col(c: str) -> str:
        return f"nullif(trim({c}), '')" if c in cols else "NULL"

    src = f"{sql_str(label)}, source_record"
    if kind == "statements":
        owned = sql_list([c.lower() for c in owned_channels])
        sql = f"""INSERT OR IGNORE INTO statements
            SELECT trim(statement_id), _ts, lower(trim(channel)), {col("url")}, text,
                   list_contains({owned}, lower(trim(channel))), {src}
            FROM _ev WHERE problem IS NULL"""
    elif kind == "moderation":
        sql = f"""INSERT INTO moderation
            SELECT _ts, lower(trim(action)), {col("platform")}, {col("target_id")},
                   {col("rule_id")}, {col("moderator")}, {src}
            FROM _ev WHERE problem IS NULL"""
    else:
        sql = f"""INSERT INTO escalations
            SELECT _ts, trim(level), {col("action")}, {col("owner")}, {src}
            FROM _ev WHERE problem IS NULL"""
    before = con.execute(f"SELECT count(*) FROM {spec.table}").fetchall()[0]
    con.execute(sql)
    after = con.execute(f"SELECT count(*) FROM {spec.table}").fetchall()[0]
    good = con.execute("SELECT count(*) FROM _ev WHERE problem IS NULL").fetchall()[0]
    stats.loaded = int(after[0]) - int(before[0]) if after and before else 0
    stats.duplicates = (int(good[0]) if good else 0) - stats.loaded
    return stats
