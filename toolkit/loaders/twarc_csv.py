"""The flattened CSV that twarc-csv writes from twarc2 output (``twarc2 csv tweets.jsonl out.csv``).

Columns used (twarc-csv ``DEFAULT_TWEET_COLUMNS``; matched case-insensitively, any order,
the other ~80 columns are ignored):

* ``id`` -> mention_id, ``created_at`` (ISO 8601, UTC, ``...000Z``), ``text``
  (``note_tweet.text`` instead when a column of that name holds the full long text),
* ``conversation_id`` as the API gave it, ``referenced_tweets.replied_to.id`` -> parent_id,
* ``referenced_tweets.retweeted.id`` -> kind ``share``; a reply is ``reply``; anything
  else (quote tweets included: they say something new) is ``post``,
* ``author.username`` -> author_id when present, else the numeric ``author_id``: brand
  accounts are named by handle in the parameters; ``author.name`` -> author_name,
* ``author.public_metrics.followers_count`` -> reach,
* ``public_metrics.like_count + retweet_count + reply_count + quote_count`` -> engagement
  (impressions and bookmarks are exposure, not engagement),
* ``lang``; X's codes that are not languages (``und``, ``zxx``, ``qme``, ...) become NULL.

The same rules as the ``twarc2`` adapter, so one conversation exported both ways gives the
same canonical rows (retweets aside: see below). Older twarc-csv releases wrote one JSON
column ``referenced_tweets`` (``[{"type": "replied_to", "id": "..."}]``) instead of the
three dotted columns; it is read when the dotted ones are absent.

Quirks of the format handled here: twarc-csv escapes newlines inside text as the two
characters ``\\n`` (and drops ``\\r``) so that every tweet stays on one line; they are turned
back into newlines (a tweet that really contained a backslash followed by ``n`` cannot be
told apart). pandas writes counts as floats (``3.0``) when a column has gaps: read as
numbers. Ids are read as text, so 19-digit ids stay exact.

Left out on purpose: for a retweet twarc-csv (``merge_retweets``, its default) replaces the
text and ``public_metrics`` with those of the retweeted tweet, so a retweet's engagement
is NULL here (the counts are the original's, and would be counted once per retweet). The
``__twarc.*`` columns (retrieval metadata), entities, media, geo and the
``in_reply_to_user_id`` (threads are rebuilt from parent links, brand replies from
handles). A file converted with ``--inline-referenced-tweets`` holds the referenced tweets
as rows of their own; nothing in the CSV marks them, so they load like any tweet.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb

from toolkit.loaders.common import InputError, LoadStats, csv_columns, read_csv_stage
from toolkit.loaders.registry import Adapter, register
from toolkit.params import MentionsInput

REQUIRED = ("id", "created_at", "text")
METRICS = (
    "public_metrics.like_count",
    "public_metrics.retweet_count",
    "public_metrics.reply_count",
    "public_metrics.quote_count",
)
# Columns only twarc's flattened output has: one of them marks the file as twarc-csv.
MARKERS = ("__twarc.", "public_metrics.", "referenced_tweets", "author.username")
# X marks "no language" and special content with codes that are not languages.
NOT_LANGUAGES = "['und', 'zxx', 'art', 'qam', 'qct', 'qht', 'qme', 'qst']"


def _by_lower(cols: list[str]) -> dict[str, str]:
    """Column names keyed by their lower-case, trimmed form (the first of equals wins)."""
    out: dict[str, str] = {}
    for c in cols:
        out.setdefault(c.strip().lower(), c)
    return out


def _col(cols: dict[str, str], name: str) -> str:
    """SQL for a column of the file, or NULL when the file lacks it."""
    real = cols.get(name)
    return '"' + real.replace('"', '""') + '"' if real else "NULL::VARCHAR"


def _columns(con: duckdb.DuckDBPyConnection, path: Path, label: str) -> dict[str, str]:
    """The header, keyed case-insensitively; an InputError naming what a tweet file lacks."""
    cols = csv_columns(con, path, label)
    have = _by_lower(cols)
    missing = [c for c in REQUIRED if c not in have]
    if "author.username" not in have and "author_id" not in have:
        missing.append("author_id")
    if missing:
        raise InputError(
            label,
            f"not a twarc-csv tweet file: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(cols[:12])})",
            field=missing[0],
        )
    return have


def check(
    con: duckdb.DuckDBPyConnection, path: Path, label: str, spec: MentionsInput | None = None
) -> None:
    _columns(con, path, label)


def stage(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    stats: LoadStats,
    workdir: Path,
    spec: MentionsInput | None = None,
) -> str:
    cols = _columns(con, path, stats.file)
    read_csv_stage(con, path, "_raw", stats, workdir)

    def c(name: str) -> str:
        return _col(cols, name)

    def num(expr: str) -> str:
        return f"TRY_CAST(TRY_CAST(nullif(trim({expr}), '') AS DOUBLE) AS BIGINT)"

    if "referenced_tweets.replied_to.id" in cols or "referenced_tweets" not in cols:
        replied, retweeted = (
            c("referenced_tweets.replied_to.id"),
            c("referenced_tweets.retweeted.id"),
        )
    else:  # older twarc-csv: one JSON list of {"type", "id"}
        refs = (
            f"CASE WHEN json_valid({c('referenced_tweets')}) THEN from_json("
            f"""{c("referenced_tweets")}, '[{{"type": "VARCHAR", "id": "VARCHAR"}}]') END"""
        )
        replied = f"list_filter({refs}, lambda e: e.type = 'replied_to')[1].id"
        retweeted = f"list_filter({refs}, lambda e: e.type = 'retweeted')[1].id"
    metrics = [num(c(m)) for m in METRICS]
    engagement = " + ".join(f"coalesce({m}, 0)" for m in metrics)
    any_metric = " OR ".join(f"{m} IS NOT NULL" for m in metrics)
    text = f"coalesce(nullif({c('note_tweet.text')}, ''), {c('text')})"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _stage AS
        WITH r AS (
            SELECT *, nullif(trim({replied}), '') AS _replied,
                   nullif(trim({retweeted}), '') AS _retweeted
            FROM _raw
        )
        SELECT source_record, raw,
          {c("id")} AS mention_id,
          {c("created_at")} AS created_at,
          replace({text}, '\\n', chr(10)) AS text,
          coalesce(nullif(trim({c("author.username")}), ''), {c("author_id")}) AS author_id,
          {c("author.name")} AS author_name,
          _replied AS parent_id,
          {c("conversation_id")} AS conversation_id,
          CASE WHEN _retweeted IS NOT NULL THEN 'share'
               WHEN _replied IS NOT NULL THEN 'reply' ELSE 'post' END AS kind,
          CASE WHEN NOT list_contains({NOT_LANGUAGES}, lower(trim({c("lang")})))
               THEN {c("lang")} END AS lang,
          CAST({num(c("author.public_metrics.followers_count"))} AS VARCHAR) AS reach,
          CASE WHEN _retweeted IS NULL AND ({any_metric})
               THEN CAST({engagement} AS VARCHAR) END AS engagement,
          NULL::VARCHAR AS sentiment, NULL::VARCHAR AS is_brand,
          NULL::VARCHAR AS directed_at_brand,
          {c("author.verified")} AS author_verified,
          -- Shape checks: a tweet id is digits; an unquoted comma shifts the later fields.
          CASE
            WHEN nullif(trim({c("id")}), '') IS NOT NULL
                 AND NOT regexp_full_match(trim({c("id")}), '\\d+')
              THEN 'id|not a tweet id: ' || left({c("id")}, 40)
                   || ' (a field may be shifted by an unquoted comma)'
            WHEN _replied IS NOT NULL AND NOT regexp_full_match(_replied, '\\d+')
              THEN 'referenced_tweets.replied_to.id|not a tweet id: ' || left(_replied, 40)
          END AS _problem
        FROM r"""
    )
    return "_stage"


def _header(first: bytes) -> list[str]:
    line = first.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").strip()
    try:
        return [h.strip().lower() for h in next(csv.reader(io.StringIO(line)))]
    except (csv.Error, StopIteration):
        return []


def sniff(first: bytes, path: Path) -> bool:
    """The header has ``id, created_at, text``, an author column and a twarc-only column.

    The twcs CSV (``tweet_id``), the listening-tool exports (``Date``/``published``) and the
    JSON formats have no such header.
    """
    cols = _header(first)
    return (
        all(c in cols for c in REQUIRED)
        and ("author_id" in cols or "author.username" in cols)
        and any(c.startswith(m) for c in cols for m in MARKERS)
    )


ADAPTER = register(
    Adapter(
        name="twarc_csv",
        description="X/Twitter tweets as the flattened CSV twarc-csv makes from twarc2 output",
        platform="twitter",
        stage=stage,
        sniff=sniff,
        check=check,
    )
)
