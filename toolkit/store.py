"""The run's DuckDB database: canonical tables, thread reconstruction, frames out.

DuckDB does what it is best at here — reading files, de-duplicating, following parent
links to thread roots — and hands Polars frames (through Arrow) to the measures. The
database file stays in the run folder so an analyst can query it afterwards.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import polars as pl

from toolkit.loaders.common import sql_str
from toolkit.model import ALL_DDL, MENTIONS_DDL
from toolkit.params import Engine, check_memory_limit

LOADED_DDL = (
    MENTIONS_DDL.replace("CREATE TABLE IF NOT EXISTS mentions", "CREATE TEMP TABLE _loaded")
    .replace("conversation_id    VARCHAR NOT NULL", "conversation_id    VARCHAR")
    .replace("directed_at_brand  BOOLEAN NOT NULL", "directed_at_brand  BOOLEAN")
)


def open_store(
    path: Path | str = ":memory:", engine: Engine | None = None
) -> duckdb.DuckDBPyConnection:
    """A connection of the run's own (never the global one: it is not thread-safe),
    with the memory and thread limits of the parameters or the environment."""
    con = duckdb.connect(str(path))
    configure(con, engine)
    for ddl in ALL_DDL:
        con.execute(ddl)
    con.execute(LOADED_DDL)
    return con


def check_environment() -> tuple[str | None, int | None]:
    """``CRISIS_MEMORY_LIMIT`` / ``CRISIS_THREADS``, checked (the CLI calls this first, so
    a typo is exit 2 naming the variable, not a DuckDB message about a setting)."""
    memory = os.environ.get("CRISIS_MEMORY_LIMIT") or None
    threads = os.environ.get("CRISIS_THREADS") or None
    if memory:
        try:
            memory = check_memory_limit(memory)
        except ValueError as exc:
            raise ValueError(f"CRISIS_MEMORY_LIMIT: {exc}") from None
    if threads is not None and (not threads.strip().isdigit() or int(threads) < 1):
        raise ValueError(f"CRISIS_THREADS: '{threads}' is not a number of threads (1 or more)")
    return memory, None if threads is None else int(threads)


def configure(con: duckdb.DuckDBPyConnection, engine: Engine | None) -> None:
    """Apply ``engine`` limits; the environment's ``CRISIS_MEMORY_LIMIT`` /
    ``CRISIS_THREADS`` win (an operator's override of someone else's parameters)."""
    env_memory, env_threads = check_environment()
    memory = env_memory or (engine.memory_limit if engine else None)
    threads = env_threads or (engine.threads if engine else None)
    if memory:
        con.execute(f"SET memory_limit = '{memory}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if engine and engine.temp_directory:
        con.execute(f"SET temp_directory = {sql_str(str(engine.temp_directory))}")
    elif str(con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]) == "":
        # an in-memory database has nowhere to spill unless told
        con.execute(f"SET temp_directory = {sql_str(tempfile.gettempdir() + '/crisis_spill')}")


MAX_JUMPS = 64  # 2**64 levels: any real thread; a parent cycle stops here


def _thread_roots(con: duckdb.DuckDBPyConnection) -> None:
    """``_roots(platform, mention_id, root)``: the top of each reply chain.

    Pointer jumping: every row points at its parent, then at its parent's pointer, so the
    distance covered doubles each round and a chain of n posts needs about log2(n) rounds
    of one join each. (A recursive query that walks the chain one step at a time produces
    a row per ancestor of every post: a single 50,000-post thread took two minutes.)
    A parent missing from the export is the root of what hangs below it.
    """
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _ptr AS
        SELECT platform, mention_id, parent_id AS anc FROM _loaded WHERE parent_id IS NOT NULL"""
    )
    for _ in range(MAX_JUMPS):
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _ptr_next AS
            SELECT p.platform, p.mention_id, coalesce(q.anc, p.anc) AS anc,
                   q.anc IS NOT NULL AND q.anc <> p.anc AS moved
            FROM _ptr p LEFT JOIN _ptr q ON q.platform = p.platform AND q.mention_id = p.anc"""
        )
        moved = con.execute("SELECT count(*) FILTER (WHERE moved) FROM _ptr_next").fetchall()
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ptr AS SELECT platform, mention_id, anc FROM _ptr_next"
        )
        if moved[0][0] == 0:
            break
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _roots AS SELECT platform, mention_id, anc AS root FROM _ptr"
    )
    con.execute("DROP TABLE _ptr_next")


def finalize_mentions(con: duckdb.DuckDBPyConnection, accounts: dict[str, list[str]]) -> int:
    """Move loaded rows into ``mentions`` with thread roots and eligibility filled in.

    Conversation = the root reached by following parent links within a platform; a
    parent missing from the export becomes the root, so siblings stay together.
    Directed at the brand (eligible for response measures), unless the export said:
    a customer post that @-mentions a brand account, replies to a brand post, or sits
    in a thread the brand started; on Facebook and YouTube every comment in a page or
    channel export is on the brand's own ground, so it is directed.
    """
    handles = sorted({h.lower().lstrip("@") for hs in accounts.values() for h in hs})
    pattern = "@(" + "|".join(handles) + r")\b" if handles else "a^"
    _thread_roots(con)
    con.execute(
        f"""INSERT INTO mentions
        WITH t AS (
            SELECT l.* REPLACE (coalesce(l.conversation_id, r.root, l.mention_id)
                                AS conversation_id)
            FROM _loaded l LEFT JOIN _roots r USING (platform, mention_id)
        )
        SELECT t.platform, t.mention_id, t.conversation_id, t.parent_id, t.author_id,
          t.author_name, t.is_brand, t.kind, t.created_at, t.text, t.lang, t.reach,
          t.engagement, t.sentiment_export,
          NOT t.is_brand AND coalesce(t.directed_at_brand,
              t.platform IN ('facebook', 'youtube')
              OR regexp_matches(lower(t.text), {sql_str(pattern)})
              OR coalesce(p.is_brand, false) OR coalesce(root.is_brand, false)),
          t.source_file, t.source_record, t.author_verified
        FROM t
        LEFT JOIN _loaded p ON p.platform = t.platform AND p.mention_id = t.parent_id
        LEFT JOIN _loaded root ON root.platform = t.platform
                               AND root.mention_id = t.conversation_id"""
    )
    n = con.execute("SELECT count(*) FROM mentions").fetchall()[0]
    # Drop and recreate: DELETE of every row costs seconds per million (measured: 3.1 s of
    # 4.2 s of this function at 500k rows), a DROP is instant.
    con.execute("DROP TABLE _loaded")
    con.execute(LOADED_DDL)
    return int(n[0]) if n else 0


def frame(con: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    """A table as a Polars frame (Arrow hand-over; no pandas anywhere)."""
    return con.sql(f"SELECT * FROM {table}").pl()


def lazy(con: duckdb.DuckDBPyConnection, table: str) -> pl.LazyFrame:
    """A table as a lazy Polars frame: rows are read from DuckDB only when collected."""
    return con.sql(f"SELECT * FROM {table}").pl(lazy=True)


def put(con: duckdb.DuckDBPyConnection, name: str, df: pl.DataFrame) -> None:
    """Store a Polars frame as a table of the run's database (replacing it)."""
    con.register("_put_frame", df)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _put_frame")
    finally:
        con.unregister("_put_frame")
