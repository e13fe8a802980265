"""X/Twitter API v2 response pages as twarc2 writes them (``twarc2 search ... > tweets.jsonl``).

One line per API response page::

    {"data": [tweets], "includes": {"users": [...], "tweets": [...]},
     "meta": {"result_count": ..., "next_token": ...}, "__twarc": {"url": ..., "retrieved_at": ...}}

Each tweet of ``data[]`` is one record, numbered in file order (page by page). Mapping:
``id`` -> mention_id, ``conversation_id`` as given by the API, the ``replied_to`` entry of
``referenced_tweets`` -> parent_id; author_id = the author's ``username`` from
``includes.users`` when the page carries it (brand accounts are named by handle in the
parameters, and numeric ids mean nothing in a report), else the numeric ``author_id``;
author_name = display ``name``; reach = ``followers_count``; engagement = likes + retweets +
replies + quotes (impressions and bookmarks are exposure, not engagement), NULL for a
retweet (its ``public_metrics`` are the original's: a retweet cannot be liked or answered
itself, so adding them per retweet would count one tweet's engagement many times); kind =
``share`` for a retweet (it widens reach but is not a voice of its own), ``reply`` when it
answers a tweet, else ``post`` (a quote tweet says something new, so it is a post). The
rules match the ``twarc_csv`` adapter, so one conversation exported both ways gives the
same rows. Long tweets use
``note_tweet.text`` when present, since ``text`` is cut at 280 characters.

Left out on purpose: ``includes.tweets``. Those are the tweets that results refer to
(the original of a retweet, the tweet being quoted or answered); they were not matched by
the query, often lie outside the incident window and are incomplete, so counting them
would inflate volume. A parent that is only there stays a missing parent; threads still
hold together through ``conversation_id``. Also left out: media, places, polls, and the
page-level ``errors`` list (tweets that could not be hydrated).

A line that is not JSON, or has no ``data`` array (a flattened tweet, a user list), is
rejected with its line number and counted as one record; the rest of the file loads. A
page with ``meta.result_count = 0`` and no ``data`` (an empty last page) holds no records.

This module also holds the small shared readers the other JSON-page adapters use
(``read_pages``, ``number_records``, ``has_key``): twarc2 was the first of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from toolkit.loaders.common import LoadStats
from toolkit.loaders.jsonpages import check_with, has_key, head_text, number_records, read_pages
from toolkit.loaders.registry import Adapter, register
from toolkit.params import MentionsInput

# --------------------------------------------------------------------------- twarc2

# X marks "no language" and special content with codes that are not languages.
_NOT_LANGUAGES = "['und', 'zxx', 'art', 'qam', 'qct', 'qht', 'qme', 'qst']"
_REFS = (
    "from_json(json_extract(t, '$.referenced_tweets'), "
    """'[{"type": "VARCHAR", "id": "VARCHAR"}]')"""
)
_METRICS = ("like_count", "retweet_count", "reply_count", "quote_count")


def stage(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    stats: LoadStats,
    workdir: Path,
    spec: MentionsInput | None = None,
) -> str:
    read_pages(con, path, stats, workdir)
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _pg AS
        SELECT line, page, doc,
          CASE
            WHEN doc_type IS NULL THEN 'line is not valid JSON (cut off or corrupted)'
            WHEN doc_type <> 'OBJECT'
              THEN 'not an API response page (expected {"data": [tweets], ...})'
            WHEN json_type(doc, '$.data') = 'ARRAY' THEN NULL
            WHEN json_type(doc, '$.data') IS NULL
                 AND json_extract_string(doc, '$.meta.result_count') = '0' THEN 'empty'
            ELSE 'the page has no `data` array of tweets (a flattened tweet or a user list '
                 || 'is not a twarc2 response page)'
          END AS problem
        FROM _pages"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _items AS
        SELECT line, [page, i] AS pos, tweets[i]::VARCHAR AS item, NULL::VARCHAR AS problem
        FROM (SELECT line, page,
                     CASE WHEN problem IS NULL THEN CAST(json_extract(doc, '$.data') AS JSON[])
                     END AS tweets
              FROM _pg) p,
             range(1, len(tweets) + 1) r(i)
        WHERE tweets IS NOT NULL
        UNION ALL
        SELECT line, [page], doc, problem FROM _pg
        WHERE problem IS NOT NULL AND problem <> 'empty'"""
    )
    number_records(con, stats)
    # Users of every page: a user's latest page wins (followers change during a crisis).
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _users AS
        SELECT json_extract_string(u, '$.id') AS id,
               arg_max(json_extract_string(u, '$.username'), line) AS username,
               arg_max(json_extract_string(u, '$.name'), line) AS name,
               arg_max(json_extract_string(u, '$.public_metrics.followers_count'), line)
                 AS followers,
               arg_max(json_extract_string(u, '$.verified'), line) AS verified
        FROM (SELECT line,
                     unnest(CASE WHEN json_type(doc, '$.includes.users') = 'ARRAY'
                                 THEN CAST(json_extract(doc, '$.includes.users') AS JSON[])
                            END) AS u
              FROM _pg WHERE problem IS NULL)
        GROUP BY 1"""
    )
    metric = [
        f"TRY_CAST(json_extract_string(t, '$.public_metrics.{m}') AS BIGINT)" for m in _METRICS
    ]
    engagement = " + ".join(f"coalesce({m}, 0)" for m in metric)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _stage AS
        WITH r AS (
            SELECT source_record, item, CAST(item AS JSON) AS t,
                   json_type(CAST(item AS JSON)) = 'OBJECT' AS is_obj
            FROM _records
        ), x AS (
            SELECT r.*, CASE WHEN is_obj THEN {_REFS} END AS refs FROM r
        )
        SELECT x.source_record, left(x.item, 500) AS raw,
          json_extract_string(t, '$.id') AS mention_id,
          json_extract_string(t, '$.created_at') AS created_at,
          coalesce(json_extract_string(t, '$.note_tweet.text'),
                   json_extract_string(t, '$.text')) AS text,
          coalesce(u.username, json_extract_string(t, '$.author_id')) AS author_id,
          u.name AS author_name,
          list_filter(refs, lambda e: e.type = 'replied_to')[1].id AS parent_id,
          json_extract_string(t, '$.conversation_id') AS conversation_id,
          CASE WHEN list_contains(list_transform(refs, lambda e: e.type), 'retweeted') THEN 'share'
               WHEN list_contains(list_transform(refs, lambda e: e.type), 'replied_to') THEN 'reply'
               ELSE 'post' END AS kind,
          CASE WHEN NOT list_contains({_NOT_LANGUAGES}, lower(json_extract_string(t, '$.lang')))
               THEN json_extract_string(t, '$.lang') END AS lang,
          u.followers AS reach,
          CASE WHEN json_type(t, '$.public_metrics') = 'OBJECT'
                    AND NOT coalesce(list_contains(list_transform(refs, lambda e: e.type),
                                                   'retweeted'), false)
               THEN CAST({engagement} AS VARCHAR) END AS engagement,
          NULL::VARCHAR AS sentiment, NULL::VARCHAR AS is_brand,
          NULL::VARCHAR AS directed_at_brand,
          u.verified AS author_verified,
          CASE
            WHEN NOT is_obj THEN 'mention_id|a `data` entry is not a tweet object'
            WHEN NOT regexp_full_match(coalesce(json_extract_string(t, '$.id'), ''), '\\d+')
              THEN 'mention_id|not a tweet id: '
                   || coalesce(left(json_extract_string(t, '$.id'), 40), '(missing)')
          END AS _problem
        FROM x LEFT JOIN _users u ON u.id = json_extract_string(x.t, '$.author_id')"""
    )
    return "_stage"


def sniff(first: bytes, path: Path) -> bool:
    """A response page: an object with a ``data`` array whose entries carry tweet fields.

    Only the head of the file is seen (a page of 100 tweets is far longer), so this looks
    for keys, not a parse: ``"data": [`` plus ``author_id`` and one more v2 tweet field.
    Facebook pages (``created_time``), Reddit (``"data": {``) and twcs CSV lack them.
    """
    text = head_text(first)
    if not text.startswith("{") or has_key(text, "created_time"):
        return False
    return (
        re.search(r'(?<!\\)"data"\s*:\s*\[\s*\{', text) is not None
        and has_key(text, "author_id")
        and any(
            has_key(text, k)
            for k in (
                "conversation_id",
                "edit_history_tweet_ids",
                "public_metrics",
                "referenced_tweets",
            )
        )
    )


check = check_with(
    sniff, 'twarc2 output: one X API v2 response page per line ({"data": [tweets], ...})'
)

ADAPTER = register(
    Adapter(
        name="twarc2",
        description="X/Twitter API v2 response pages, one per line, as twarc2 writes them",
        platform="twitter",
        stage=stage,
        sniff=sniff,
        check=check,
    )
)
