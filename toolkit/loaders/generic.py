"""Any CSV, JSON Lines or Parquet export, with a column mapping in the parameters.

The mapping names, for each canonical field, the column that holds it (for JSON Lines a
dotted path into each object, e.g. ``from.id``). Everything is read as text and parsed
by the shared rules, so ids stay strings and dates in any zone end up in UTC.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from toolkit.loaders.common import (
    STAGE_FIELDS,
    InputError,
    LoadStats,
    csv_columns,
    read_csv_stage,
    reject_non_utf8_lines,
    sql_str,
)
from toolkit.loaders.registry import Adapter, register
from toolkit.params import MentionsInput


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    return "csv"


def _select(mapping: dict[str, str], expr) -> str:
    parts = []
    for name in STAGE_FIELDS:
        src = mapping.get(name)
        parts.append(f"{expr(src)} AS {name}" if src else f"NULL::VARCHAR AS {name}")
    return ", ".join(parts)


def stage(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    stats: LoadStats,
    workdir: Path,
    spec: MentionsInput,
) -> str:
    mapping = spec.mapping or {}
    kind = _kind(path)
    if kind == "csv":
        cols = csv_columns(con, path, stats.file)
        missing = [f"{k} -> {v}" for k, v in mapping.items() if v not in cols]
        if missing:
            raise InputError(
                stats.file,
                f"mapped column(s) not in the file: {'; '.join(missing)} "
                f"(the file has: {', '.join(cols[:20])})",
                field=f"mapping.{next(k for k, v in mapping.items() if v not in cols)}",
            )
        read_csv_stage(con, path, "_raw", stats, workdir)
        select = _select(mapping, lambda c: f'CAST("{c}" AS VARCHAR)')
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _stage AS SELECT source_record, raw, {select} FROM _raw"
        )
    elif kind == "parquet":
        try:
            rel = con.sql(f"SELECT * FROM read_parquet({sql_str(str(path))}) LIMIT 0")
            cols = list(rel.columns)
        except duckdb.Error as exc:
            raise InputError(stats.file, f"not a readable Parquet file ({exc})") from None
        missing = [k for k, v in mapping.items() if v not in cols]
        if missing:
            raise InputError(
                stats.file,
                f"mapped column(s) not in the file (has: {', '.join(cols[:20])})",
                field=f"mapping.{missing[0]}",
            )
        select = _select(mapping, lambda c: f'CAST("{c}" AS VARCHAR)')
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _stage AS
            SELECT row_number() OVER () AS source_record, NULL::VARCHAR AS raw, {select}
            FROM read_parquet({sql_str(str(path))})"""
        )
        n = con.execute("SELECT count(*) FROM _stage").fetchall()[0]
        stats.read += int(n[0]) if n else 0
    else:
        _stage_jsonl(con, reject_non_utf8_lines(con, path, workdir, stats), stats, mapping)
    return "_stage"


def _stage_jsonl(
    con: duckdb.DuckDBPyConnection, path: Path, stats: LoadStats, mapping: dict[str, str]
) -> None:
    """One JSON object per line; a line that is not valid JSON is rejected by number."""
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _lines AS
            SELECT i AS source_record, parts[i] AS line
            FROM (SELECT string_split(replace(content, chr(13), ''), chr(10)) AS parts
                  FROM read_text({sql_str(str(path))})) s,
                 range(1, len(parts) + 1) r(i)
            WHERE trim(parts[i]) <> ''"""
        )
    except duckdb.Error as exc:
        raise InputError(stats.file, f"could not be read as UTF-8 text ({exc})") from None
    n = con.execute("SELECT count(*) FROM _lines").fetchall()[0]
    stats.read += int(n[0]) if n else 0
    bad = con.execute(
        f"""INSERT INTO rejected
        SELECT {sql_str(stats.file)}, source_record, source_record, NULL,
               'line is not a JSON object', left(line, 500)
        FROM _lines WHERE NOT json_valid(line) OR json_type(line) <> 'OBJECT'"""
    ).fetchall()[0]
    stats.rejected += int(bad[0]) if bad else 0

    def path_expr(src: str) -> str:
        json_path = "$." + ".".join(f'"{p}"' for p in src.split("."))
        return f"json_extract_string(line, {sql_str(json_path)})"

    select = _select(mapping, path_expr)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _stage AS
        SELECT source_record, left(line, 500) AS raw, {select}
        FROM _lines WHERE json_valid(line) AND json_type(line) = 'OBJECT'"""
    )


def check(con: duckdb.DuckDBPyConnection, path: Path, label: str, spec: MentionsInput) -> None:
    """Mapped columns must exist (CSV: from the header; other kinds are checked on load)."""
    if _kind(path) != "csv":
        return
    cols = csv_columns(con, path, label)
    for field, col in (spec.mapping or {}).items():
        if col not in cols:
            raise InputError(
                label,
                f"mapped column '{col}' is not in the file (the file has: {', '.join(cols[:20])})",
                field=f"mapping.{field}",
            )


ADAPTER = register(
    Adapter(
        name="generic",
        description="any CSV, JSON Lines or Parquet file, with a column mapping",
        platform="other",
        stage=stage,
        sniff=None,  # needs a mapping: never chosen automatically
        check=check,
    )
)
