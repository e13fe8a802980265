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

# The rows as checked, before threads are rebuilt: the first file's records go straight in
# with ``problem`` saying why a record is rejected (those are moved to ``rejected`` and
# deleted), so nothing here is NOT NULL; ``mentions`` enforces that when rows move on.
LOADED_DDL = (
    MENTIONS_DDL.replace("CREATE TABLE IF NOT EXISTS mentions", "CREATE TEMP TABLE _loaded")
    .replace(" NOT NULL", "")
    .replace("author_verified    BOOLEAN ", "author_verified    BOOLEAN, problem VARCHAR ")
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


def release_memory(con: duckdb.DuckDBPyConnection, engine: Engine | None = None) -> None:
    """Hand the memory the load worked in back to the system before the measures start.

    DuckDB keeps freed blocks for reuse: after loading 5 M mentions the process held
    1.9 GB of which DuckDB was using 0.3 GB, and every later stage stacked its frames on
    top. Lowering the memory limit for a moment evicts and frees them (0.1 s; RSS 1.9 ->
    0.2 GB); the run's limit (or DuckDB's default) is then put back.
    """
    try:
        con.execute("SET memory_limit = '64MB'")
    except duckdb.Error:
        pass  # best effort: nothing is lost when blocks cannot be freed
    finally:
        con.execute("RESET memory_limit")
        configure(con, engine)


MAX_JUMPS = 64  # 2**64 levels: any real thread; a parent cycle stops here


def _thread_links(con: duckdb.DuckDBPyConnection) -> None:
    """``_links(i, root, linked)`` per ``_loaded`` row (``i`` = its rowid).

    ``root`` names the row's thread; ``linked`` is true when the row answers a brand post or
    sits in a thread a brand post started. One string join links each row to its parent's
    row number; the walk up to the root is then pointer jumping over integers: every row
    points at its parent, then at its parent's pointer, so a chain of n posts needs about
    log2(n) rounds of one integer join. (A recursive query walking one step at a time made
    a row per ancestor of every post: a 50,000-post thread took two minutes; jumping with
    a string join per round took 2.5 s of 8.5 s at 5 M rows.) All of it is DuckDB tables,
    so a run with a memory limit spills here instead of growing (the same walk in Polars
    was 1 s faster at 5 M rows but took 1.5 GB outside the limit at 13 M).

    A parent missing from the export is the root of what hangs below it, and a thread
    whose root is missing was not started by the brand as far as the data shows. An
    export's own conversation id wins over the derived root, and then that post's author
    decides ``linked``.
    """
    explicit = con.execute("SELECT count(conversation_id) FROM _loaded").fetchall()[0][0]
    conv_join = (
        "LEFT JOIN _loaded c ON c.platform = l.platform AND c.mention_id = l.conversation_id"
        if explicit
        else ""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _nodes AS
        SELECT l.rowid AS i, p.rowid AS pi, l.is_brand, coalesce(p.is_brand, false) AS pb,
               -- what the thread is named after when this row is the top one, and whether
               -- that is a post of the data (not a missing parent)
               CASE WHEN p.rowid IS NULL THEN coalesce(l.parent_id, l.mention_id)
                    ELSE l.mention_id END AS top,
               p.rowid IS NOT NULL OR l.parent_id IS NULL AS top_present,
               {"c.is_brand" if explicit else "NULL::BOOLEAN"} AS conv_brand,
               l.conversation_id IS NOT NULL AS has_conv
        FROM _loaded l
        LEFT JOIN _loaded p ON p.platform = l.platform AND p.mention_id = l.parent_id
        {conv_join}"""
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _jump AS SELECT i, pi AS a FROM _nodes "
        "WHERE pi IS NOT NULL AND pi <> i"
    )
    for _ in range(MAX_JUMPS):
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _jump_next AS
            SELECT j.i, coalesce(k.a, j.a) AS a, k.a IS NOT NULL AND k.a <> j.a AS moved
            FROM _jump j LEFT JOIN _jump k ON k.i = j.a"""
        )
        moved = con.execute("SELECT count(*) FILTER (WHERE moved) FROM _jump_next").fetchall()
        con.execute("CREATE OR REPLACE TEMP TABLE _jump AS SELECT i, a FROM _jump_next")
        if moved[0][0] == 0:
            break
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _links AS
        SELECT n.i, t.top AS root,
               n.pb OR coalesce(CASE WHEN n.has_conv THEN n.conv_brand
                                     ELSE t.is_brand AND t.top_present END, false) AS linked
        FROM _nodes n LEFT JOIN _jump j ON j.i = n.i
        JOIN _nodes t ON t.i = coalesce(j.a, n.i)"""
    )
    con.execute("DROP TABLE _nodes; DROP TABLE _jump; DROP TABLE _jump_next")


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
    _thread_links(con)
    # One pass over the wide rows, joined to the links by row number; the branches of the
    # CASE run only for the rows that reach them (the text is searched last).
    con.execute(
        f"""INSERT INTO mentions
        SELECT l.platform, l.mention_id, coalesce(l.conversation_id, k.root), l.parent_id,
          l.author_id, l.author_name, l.is_brand, l.kind, l.created_at, l.text, l.lang,
          l.reach, l.engagement, l.sentiment_export,
          CASE WHEN l.is_brand THEN false
               WHEN l.directed_at_brand IS NOT NULL THEN l.directed_at_brand
               WHEN k.linked OR l.platform IN ('facebook', 'youtube') THEN true
               ELSE regexp_matches(lower(l.text), {sql_str(pattern)}) END,
          l.source_file, l.source_record, l.author_verified
        FROM _loaded l JOIN _links k ON k.i = l.rowid"""
    )
    con.execute("DROP TABLE _links")
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
