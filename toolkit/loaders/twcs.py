"""The Customer-Support-on-Twitter CSV layout (Kaggle ``twcs.csv`` and its samples).

Columns: ``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id``. ``inbound=False`` marks a company tweet, so the export itself
says who the brand is; accounts named in the parameters are added to that. Quirks of the
real file handled here: a leading unnamed pandas index column, ids written as floats
(``3.0``), bare carriage returns in unquoted text. ``response_tweet_id`` (a comma list)
is redundant with the parent links and is not used: threads are rebuilt from parents.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from toolkit.loaders.common import InputError, LoadStats, csv_columns, read_csv_stage
from toolkit.loaders.registry import Adapter, register
from toolkit.params import MentionsInput

ID = r"\d+(\.0)?"  # pandas writes integer ids as floats: 3.0
COLUMNS = (
    "tweet_id",
    "author_id",
    "inbound",
    "created_at",
    "text",
    "response_tweet_id",
    "in_response_to_tweet_id",
)


def check(
    con: duckdb.DuckDBPyConnection, path: Path, label: str, spec: MentionsInput | None = None
) -> None:
    cols = csv_columns(con, path, label)
    missing = [c for c in COLUMNS if c not in cols]
    if missing:
        raise InputError(
            label,
            f"not the Customer-Support-on-Twitter layout: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(cols[:12])})",
            field=missing[0],
        )


def stage(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    stats: LoadStats,
    workdir: Path,
    spec: MentionsInput | None = None,
) -> str:
    check(con, path, stats.file)
    read_csv_stage(con, path, "_raw", stats, workdir)
    # A view: the parse in finish_stage reads straight through it (no copy of the file).
    con.execute(
        """CREATE OR REPLACE TEMP VIEW _twcs_stage AS
        SELECT source_record, raw,
          tweet_id AS mention_id, created_at, text, author_id,
          NULL::VARCHAR AS author_name,
          in_response_to_tweet_id AS parent_id,
          NULL::VARCHAR AS conversation_id,
          NULL::VARCHAR AS kind, NULL::VARCHAR AS lang, NULL::VARCHAR AS reach,
          NULL::VARCHAR AS engagement, NULL::VARCHAR AS sentiment,
          CASE WHEN inbound = 'False' THEN 'true' WHEN inbound = 'True' THEN 'false'
               ELSE CASE lower(trim(inbound)) WHEN 'false' THEN 'true' WHEN 'true' THEN 'false'
               END END AS is_brand,
          CASE WHEN inbound IN ('True', 'False') THEN lower(inbound)
               ELSE CASE lower(trim(inbound)) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'
               END END AS directed_at_brand,
          -- Shape checks: an unquoted comma in a text shifts the later fields, and DuckDB
          -- accepts one surplus empty field silently, so a shifted record shows up here.
          -- The patterns allow the edge spaces a trim would remove (no copy of each id).
          CASE
            WHEN NOT (inbound IN ('True', 'False')
                      OR lower(trim(coalesce(inbound, ''))) IN ('true', 'false'))
              THEN 'inbound|must be True or False, got ' || coalesce(inbound, '(empty)')
                   || ' (a field may be shifted by an unquoted comma)'
            WHEN NOT regexp_full_match(coalesce(tweet_id, ''), ' *{ID} *')
              THEN 'tweet_id|not a tweet id: ' || coalesce(left(tweet_id, 40), '(empty)')
            WHEN NOT regexp_full_match(coalesce(in_response_to_tweet_id, ''), ' *({ID})? *')
              THEN 'in_response_to_tweet_id|not a tweet id: ' || left(in_response_to_tweet_id, 40)
            WHEN NOT regexp_full_match(coalesce(response_tweet_id, ''),
                                       ' *({ID}(\\s*,\\s*{ID})*)? *')
              THEN 'response_tweet_id|not a list of tweet ids: ' || left(response_tweet_id, 40)
                   || ' (a field may be shifted by an unquoted comma)'
          END AS _problem
        FROM _raw""".replace("{ID}", ID)
    )
    return "_twcs_stage"


def sniff(first: bytes, path: Path) -> bool:
    header = first.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lstrip("\ufeff")
    cols = [c.strip().strip('"') for c in header.split(",")]
    return all(c in cols for c in COLUMNS)


ADAPTER = register(
    Adapter(
        name="twcs",
        description="Customer-Support-on-Twitter CSV (Kaggle twcs.csv layout)",
        platform="twitter",
        stage=stage,
        sniff=sniff,
        check=check,
    )
)
