"""Loaders: one module per export format, each turning a file into a staging table.

``load_inputs`` runs them all into the run's DuckDB; ``preflight`` only checks that
every file can be opened and has the columns its format needs, so the CLI can refuse
bad inputs (exit 2) before anything runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb

from toolkit import progress
from toolkit.loaders import (  # noqa: F401 - adapters register on import
    events,
    facebook_graph,
    generic,
    listening,
    reddit,
    twarc2,
    twarc_csv,
    twcs,
    youtube,
)
from toolkit.loaders.common import (
    InputError,
    LoadStats,
    drop_temp_since,
    finish_stage,
    temp_relations,
)
from toolkit.loaders.registry import adapters, resolve
from toolkit.params import MentionsInput, Params

__all__ = ["InputError", "LoadStats", "adapters", "load_inputs", "preflight"]


def _label(path: Path, base: Path | None) -> str:
    """File name as shown in reports: relative when possible, never a home directory."""
    if base is not None:
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    return path.name


def _load_reach(
    con: duckdb.DuckDBPyConnection, spec: MentionsInput, platform: str, label: str
) -> None:
    """Fill reach from a side file of follower counts (X exports carry none)."""
    if spec.authors_file is None:
        return
    cols = events.csv_columns(con, spec.authors_file, label)
    if "author_id" not in cols or "followers_count" not in cols:
        raise InputError(label, "authors_file needs columns author_id,followers_count")
    con.execute(
        f"""UPDATE _loaded SET reach = a.n
        FROM (SELECT trim(author_id) AS author_id,
                     max(TRY_CAST(followers_count AS BIGINT)) AS n
              FROM read_csv({events.sql_str(str(spec.authors_file))}, all_varchar=true)
              GROUP BY 1) a
        WHERE _loaded.author_id = a.author_id AND _loaded.reach IS NULL
          AND _loaded.platform = {events.sql_str(platform)}"""
    )


def load_inputs(
    con: duckdb.DuckDBPyConnection, params: Params, base: Path | None = None
) -> list[LoadStats]:
    """Load every input of the run; returns per-file counts (read = loaded+dupes+rejected)."""
    results: list[LoadStats] = []
    with tempfile.TemporaryDirectory(prefix="crisis-load-") as tmp:
        work = Path(tmp)
        for spec in params.inputs.mentions:
            label = _label(spec.path, base)
            adapter = resolve(spec, label)
            platform = spec.platform or adapter.platform
            stats = LoadStats(file=label, format=adapter.name, platform=platform)
            progress.say(f"reading {label} ({adapter.name}) ...")
            before = temp_relations(con)
            stage = adapter.stage(con, spec.path, stats, work, spec)
            finish_stage(
                con,
                stage,
                stats,
                zone=spec.timezone,
                accounts=params.incident.accounts,
                timestamp_format=spec.timestamp_format,
                sentiment_range=spec.sentiment_range,
            )
            _load_reach(con, spec, platform, label)
            drop_temp_since(con, before)
            progress.say(
                f"{label}: {stats.read:,} read, {stats.loaded:,} loaded, "
                f"{stats.duplicates:,} duplicates, {stats.rejected:,} rejected"
            )
            results.append(stats)
        ev = params.inputs.events
        for kind in ("statements", "moderation", "escalations"):
            path = getattr(ev, kind)
            if path is not None:
                results.append(
                    events.load_events(
                        con,
                        kind,
                        path,
                        _label(path, base),
                        ev.timezone,
                        work,
                        params.incident.owned_channels,
                    )
                )
    return results


def preflight(params: Params, base: Path | None = None) -> None:
    """Open each input and check its columns; raise InputError on the first bad file."""
    con = duckdb.connect()
    try:
        for spec in params.inputs.mentions:
            label = _label(spec.path, base)
            adapter = resolve(spec, label)
            if adapter.check is not None:
                adapter.check(con, spec.path, label, spec)
        ev = params.inputs.events
        for kind in ("statements", "moderation", "escalations"):
            path = getattr(ev, kind)
            if path is None:
                continue
            cols = (
                events.yaml_columns(path, _label(path, base))
                if events.is_yaml(path)
                else events.csv_columns(con, path, _label(path, base))
            )
            missing = [c for c in events.SPECS[kind].required if c not in cols]
            if missing:
                raise InputError(
                    _label(path, base),
                    f"{kind} file lacks column(s) {', '.join(missing)}",
                    field=missing[0],
                )
    finally:
        con.close()
