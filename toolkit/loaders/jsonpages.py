"""Reading JSON exports that come as pages: one document, JSON Lines, or an array of pages.

Shared by the platform adapters (twarc2, Facebook Graph, YouTube, Reddit): the platforms
all deliver API responses page by page, and users hand over whichever shape their tool
saved. Everything happens in DuckDB SQL so a large export is never a Python object.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from toolkit.loaders.common import InputError, LoadStats, reject_non_utf8_lines, sql_str
from toolkit.loaders.registry import head
from toolkit.params import MentionsInput


def json_list(expr: str) -> str:
    """SQL: the JSON array at ``expr`` as a list of JSON values; NULL when it is not one."""
    return f"CASE WHEN json_type({expr}) = 'ARRAY' THEN CAST({expr} AS JSON[]) END"


def read_pages(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    stats: LoadStats,
    workdir: Path,
    table: str = "_pages",
) -> None:
    """The file as API response pages: ``table(line, page, doc, doc_type)``.

    Lines that are not UTF-8 are rejected first (``common.reject_non_utf8_lines``), so a
    stray Latin-1 byte costs one line, not the file.

    One JSON value for the whole file (a pretty-printed response, a JSON array of
    responses) starts on line 1; anything else is JSON Lines, one value per non-blank line.
    A top-level JSON array is opened into its elements (``page`` = 1-based position), so
    "a list of pages" and "one page per line" read alike. ``doc_type`` is NULL for a line
    that is not valid JSON; ``doc`` is then the line as read, for the rejection.

    The file goes through ``read_text`` and the JSON functions rather than ``read_json``:
    the JSON reader either stops at a broken line or skips it silently, and an analyst needs
    the number of the line to fix or explain it. Pages stay JSON text; records are taken out
    of them with ``json_extract`` and lists, never a Python loop.
    """
    label = stats.file
    path = reject_non_utf8_lines(con, path, workdir, stats)
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE _docs AS
            WITH whole AS (
                SELECT c AS content, json_valid(c) AS ok
                FROM (SELECT ltrim(content, chr(65279)) AS c FROM read_text({sql_str(str(path))}))
            )
            SELECT 1::BIGINT AS line, content AS doc, true AS ok FROM whole WHERE ok
            UNION ALL
            SELECT i, parts[i], json_valid(parts[i])
            FROM (SELECT string_split(replace(content, chr(13), ''), chr(10)) AS parts
                  FROM whole WHERE NOT ok) s,
                 range(1, len(parts) + 1) r(i)
            WHERE trim(parts[i]) <> ''"""
        )
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise InputError(label, f"could not be read as UTF-8 text ({first})") from None
    # Lines of a pretty-printed document can be valid JSON by chance (a bare "string"), so
    # only objects and arrays count as evidence of JSON Lines.
    total, good = con.execute(
        """SELECT count(*),
                  count(*) FILTER (WHERE CASE WHEN ok THEN json_type(doc) IN ('OBJECT', 'ARRAY')
                                         END)
           FROM _docs"""
    ).fetchone()
    if not total:
        raise InputError(label, "the file is empty")
    if not good:
        raise InputError(
            label,
            "neither one JSON document nor JSON Lines of objects: nothing in it parses "
            "(was the export cut off?)",
        )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {table} AS
        WITH d AS (
            SELECT line, doc, CASE WHEN ok THEN json_type(doc) END AS doc_type FROM _docs
        )
        SELECT line, 1::BIGINT AS page, doc, doc_type FROM d
        WHERE doc_type IS DISTINCT FROM 'ARRAY'
        UNION ALL
        SELECT line, i, elems[i]::VARCHAR, json_type(elems[i])
        FROM (SELECT line, CASE WHEN doc_type = 'ARRAY' THEN CAST(doc AS JSON[]) END AS elems
              FROM d) a,
             range(1, len(elems) + 1) r(i)
        WHERE elems IS NOT NULL"""
    )
    con.execute("DROP TABLE _docs")


def number_records(
    con: duckdb.DuckDBPyConnection, stats: LoadStats, items: str = "_items", out: str = "_records"
) -> None:
    """Number the records in file order; reject the unreadable pages with their line.

    ``items(line, pos BIGINT[], item VARCHAR, problem VARCHAR, ...)`` holds one row per
    record found (``problem`` NULL) and one row per page that could not be read (``item`` =
    the page as read, ``problem`` = why). ``pos`` is the record's position inside its line
    (page, post, comment, ...), so ordering by (line, pos) is file order and puts a post
    before its comments. Counts go into ``stats``; the good records land in ``out`` with a
    ``source_record`` and every other column of ``items`` but ``problem``.
    """
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _numbered AS
        SELECT row_number() OVER (ORDER BY line, pos) AS source_record, * FROM {items}"""
    )
    total, bad = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE problem IS NOT NULL) FROM _numbered"
    ).fetchone()
    con.execute(
        f"""INSERT INTO rejected
        SELECT {sql_str(stats.file)}, source_record, line, NULL, problem, left(item, 500)
        FROM _numbered WHERE problem IS NOT NULL"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {out} AS
        SELECT * EXCLUDE (problem) FROM _numbered WHERE problem IS NULL"""
    )
    con.execute("DROP TABLE _numbered")
    stats.read += int(total)
    stats.rejected += int(bad)


def has_key(text: str, name: str) -> bool:
    """Whether a JSON key occurs in (the head of) a file; escaped quotes inside strings don't."""
    return re.search(r'(?<!\\)"' + re.escape(name) + r'"\s*:', text) is not None


def head_text(first: bytes) -> str:
    return first.decode("utf-8", "replace").lstrip("\ufeff").lstrip()


def check_with(sniff, expected: str):
    """A pre-run check: the head of the file must look like the format (cheap, no load)."""

    def check(
        con: duckdb.DuckDBPyConnection, path: Path, label: str, spec: MentionsInput | None = None
    ) -> None:
        first = head(path)
        if not first.strip():
            raise InputError(label, "the file is empty")
        if not sniff(first, path):
            raise InputError(label, f"does not look like {expected}", field="format")

    return check
