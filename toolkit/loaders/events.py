"""The brand's own records: official statements, moderation actions, escalation log.

Each is a plain CSV with fixed column names (documented in docs/inputs.md), because
these are kept by the communications team itself, not exported by a platform. Rows with
an unreadable time or a missing required field are rejected with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from toolkit.loaders.common import (
    InputError,
    LoadStats,
    csv_columns,
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
    cols = csv_columns(con, path, label)
    missing = [c for c in spec.required if c not in cols]
    if missing:
        raise InputError(
            label,
            f"{kind} file lacks column(s) {', '.join(missing)} "
            f"(needs {', '.join(spec.required)}; optional {', '.join(spec.optional)})",
            field=missing[0],
        )
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
