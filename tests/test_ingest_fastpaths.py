"""The ingest's fast paths give exactly what the full rules give.

Each fast path (the likely timestamp format, ids taken as they are, the record number
from the table's rowid) is a shortcut for the common case; these tests put the uncommon
cases through both and compare, so a shortcut that changes a value fails here.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from toolkit.loaders import load_inputs
from toolkit.loaders.common import (
    AWARE_FORMATS,
    NAIVE_FORMATS,
    id_sql,
    likely_format,
    timestamp_sql,
    trim_sql,
)
from toolkit.params import validate_params
from toolkit.store import finalize_mentions, frame, open_store

STAMPS = [
    "Tue Mar 10 08:15:00 +0000 2026",
    "Tue Mar 10 09:15:00 +0100 2026",
    " Tue Mar 10 08:15:00 +0000 2026 ",
    "2026-03-10T08:15:00Z",
    "2026-03-10T08:15:00+0200",
    "2026-03-10T08:15:00.250+0000",
    "2026-03-10 08:15:00 -0800",
    "2026-03-10 08:15:00",
    "2026-03-10T08:15:00",
    "2026-03-10 08:15:00.5",
    "2026-03-10 08:15",
    "10.03.2026 08:15:00",
    "10.03.2026 08:15",
    "1773130500",
    "1773130500.25",
    "1773130500000",
    "yesterday",
    "",
    None,
]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Oslo", "America/New_York"])
@pytest.mark.parametrize("likely", [*AWARE_FORMATS, *NAIVE_FORMATS, None])
def test_the_likely_format_never_changes_a_timestamp(zone, likely):
    con = duckdb.connect()
    con.execute("CREATE TABLE t (v VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[s] for s in STAMPS])
    full = timestamp_sql("v", zone)
    fast = timestamp_sql("v", zone, likely=likely)
    rows = con.execute(f"SELECT v, {full}, {fast} FROM t").fetchall()
    assert [(v, a) for v, a, _ in rows] == [(v, b) for v, _, b in rows]
    # and the full rules do read the shapes above (the comparison is not of NULLs)
    assert sum(a is not None for _, a, _ in rows) == len(STAMPS) - 3


def test_likely_format_is_the_one_every_sampled_value_has():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES ('2026-03-10 08:15:00'), "
        "('2026-03-11 09:00:00'), (NULL)) v(c)"
    )
    assert likely_format(con, "t", "c") == "%Y-%m-%d %H:%M:%S"
    con.execute("INSERT INTO t VALUES ('Tue Mar 10 08:15:00 +0000 2026')")
    assert likely_format(con, "t", "c") is None  # mixed: no shortcut, full rules only
    con.execute("CREATE TABLE e (c VARCHAR)")
    assert likely_format(con, "e", "c") is None


IDS = ["123", "3.0", " 3.0 ", "  42", "42  ", "abc_1", "1.5", "12.0.0", "", "   ", None, "a b"]


def test_ids_taken_as_they_are_only_when_already_clean():
    con = duckdb.connect()
    con.execute("CREATE TABLE t (v VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[s] for s in IDS])
    got = [r[0] for r in con.execute(f"SELECT {id_sql('v')} FROM t").fetchall()]
    assert got == ["123", "3", "3", "42", "42", "abc_1", "1.5", "12.0.0", None, None, None, "a b"]
    trimmed = [r[0] for r in con.execute(f"SELECT {trim_sql('v')} FROM t").fetchall()]
    assert trimmed == [None if s is None else s.strip(" ") for s in IDS]


FIELDS = ("mention_id", "created_at", "text", "author_id")


def _load(tmp_path: Path, text: str) -> tuple[duckdb.DuckDBPyConnection, object]:
    path = tmp_path / "x.csv"
    path.write_text(text)
    params = validate_params(
        {
            "incident": {"name": "t", "brand": "B", "accounts": {"twitter": ["brand"]}},
            "inputs": {
                "mentions": [
                    {
                        "path": str(path),
                        "format": "generic",
                        "platform": "twitter",
                        "mapping": {c: c for c in FIELDS},
                    }
                ]
            },
        },
        base_dir=tmp_path,
    )
    con = open_store()
    stats = load_inputs(con, params)
    finalize_mentions(con, params.incident.accounts)
    return con, stats[0]


def test_a_column_called_rowid_does_not_shift_record_numbers(tmp_path):
    con, stats = _load(
        tmp_path,
        "rowid,mention_id,created_at,author_id,text\n"
        "9,a,2026-03-10 08:00:00,u1,first\n"
        "7,b,not a date,u2,second\n"
        "5,c,2026-03-10 08:02:00,u3,third\n",
    )
    records = dict(frame(con, "mentions").select("mention_id", "source_record").iter_rows())
    assert records == {"a": 1, "c": 3}
    rejected = con.execute("SELECT source_record, field FROM rejected").fetchall()
    assert rejected == [(2, "created_at")]
    assert (stats.read, stats.loaded, stats.rejected) == (3, 2, 1)


def test_record_numbers_after_unreadable_records_count_them(tmp_path):
    # records 2 and 4 have too many fields: the CSV reader cannot split them
    con, stats = _load(
        tmp_path,
        "mention_id,created_at,author_id,text\n"
        "a,2026-03-10 08:00:00,u1,one\n"
        "b,2026-03-10 08:01:00,u2,two,extra,more\n"
        "c,2026-03-10 08:02:00,u3,three\n"
        "d,2026-03-10 08:03:00,u4,four,extra,more\n"
        "e,2026-03-10 08:04:00,u5,five\n",
    )
    records = dict(frame(con, "mentions").select("mention_id", "source_record").iter_rows())
    assert records == {"a": 1, "c": 3, "e": 5}
    rejected = con.execute("SELECT source_record FROM rejected ORDER BY 1").fetchall()
    assert rejected == [(2,), (4,)]
    assert stats.read == 5
