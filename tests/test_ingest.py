"""`crisis ingest`: every fixture format detected by content, loaded and summarised."""

from __future__ import annotations

from pathlib import Path

import duckdb

from toolkit.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
EXPECTED = {
    "twarc2_pages.jsonl": "twarc2",
    "facebook_feed.json": "facebook_graph",
    "youtube_comment_threads.json": "youtube",
    "reddit_comments.json": "reddit",
    "reddit_dump.ndjson": "reddit",
    "twarc_csv.csv": "twarc_csv",
    "brandwatch_mentions.csv": "brandwatch",
    "talkwalker.csv": "talkwalker",
    "meltwater_utf16.tsv": "meltwater",
    "sprout_messages.csv": "sprout",
}


def test_ingest_detects_and_summarises_every_format(tmp_path, capsys):
    db = tmp_path / "all.duckdb"
    files = [str(FIXTURES / name) for name in EXPECTED]
    assert main(["ingest", *files, "--db", str(db), "--account", "twitter:NorthwindAir"]) == 0
    out = capsys.readouterr().out
    for name, fmt in EXPECTED.items():
        line = next(ln for ln in out.splitlines() if name in ln and "┆" in ln)
        assert f"┆ {fmt} " in line, line
    con = duckdb.connect(str(db), read_only=True)
    per_file = dict(con.sql("SELECT source_file, count(*) FROM mentions GROUP BY 1").fetchall())
    assert set(per_file) == set(EXPECTED)  # every file contributed rows
    assert con.sql("SELECT count(*) FROM rejected").fetchall()[0][0] > 0  # fixtures' broken rows


def test_ingest_unknown_format_lists_the_known_ones(tmp_path, capsys):
    odd = tmp_path / "notes.txt"
    odd.write_text("just some notes\nnothing tabular\n")
    assert main(["ingest", str(odd), "--db", str(tmp_path / "x.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "format not recognised" in err and "twarc2" in err and "brandwatch" in err
