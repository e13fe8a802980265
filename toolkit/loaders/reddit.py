"""Reddit JSON: API listings, comment pages, and NDJSON dumps (Pushshift style).

Three shapes, told apart per document, so they may even be mixed:

* an API listing, ``{"kind": "Listing", "data": {"children": [{"kind": "t1"|"t3",
  "data": {...}}]}}`` (``/r/sub/new.json``, ``/r/sub/comments.json``, a user's history);
* a comments page, ``/comments/<id>.json``: a JSON array of two listings, the submission
  and the comment tree, where each comment's ``replies`` is either ``""`` or another
  listing. The tree is flattened with a recursive CTE over the JSON (no Python
  recursion), so a thread of any depth comes out in file order, each comment right
  after its parent;
* a dump, one comment or submission object per line (Pushshift / Arctic Shift), or one
  ``{"kind": "t1", "data": {...}}`` thing per line.

Mapping: mention_id = ``id`` (or ``name`` without its ``t1_``/``t3_`` prefix);
conversation_id = ``link_id`` without prefix, i.e. the submission (a submission is its own
conversation); parent_id = ``parent_id`` without prefix (a comment on a submission has the
submission as parent); kind = ``post`` for a submission (t3), ``reply`` for a comment (t1),
``auto_reply`` for comments by ``AutoModerator`` (a bot's boilerplate is not a voice);
text = ``body``, or ``title`` + blank line + ``selftext``; created_at = ``created_utc`` (epoch
seconds, integer, float or string); author_id = ``author`` ("[deleted]" is kept as the
author id: the comment happened, its author is gone); engagement = ``score``. Brand accounts
are usernames in ``accounts.reddit``.

Left out: subreddit, flair, awards, ``num_comments``, edits. ``more`` stubs are not records
(the comments behind them were never fetched); the load notes how many comments they
hide. Other kinds (t2 accounts, t5 subreddits) are rejected by record. A dump line that is
not JSON is rejected with its line number; the rest of the file loads.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from toolkit.loaders.common import LoadStats
from toolkit.loaders.jsonpages import (
    check_with,
    has_key,
    head_text,
    json_list,
    number_records,
    read_pages,
)
from toolkit.loaders.registry import Adapter, register
from toolkit.params import MentionsInput

MAX_DEPTH = 500  # Reddit stops nesting near 10 levels; this only guards against cycles.


def _children(expr: str) -> str:
    return json_list(f"json_extract({expr}, '$.data.children')")


def _unprefixed(expr: str) -> str:
    return f"regexp_replace({expr}, '^t[0-9]_', '')"


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
              THEN 'not a Reddit listing, thing, comment or submission object'
            WHEN json_extract_string(doc, '$.kind') = 'Listing'
                 AND json_type(doc, '$.data.children') IS DISTINCT FROM 'ARRAY'
              THEN 'a listing without `data.children`'
          END AS problem,
          CASE
            WHEN doc_type IS DISTINCT FROM 'OBJECT' THEN NULL
            WHEN json_extract_string(doc, '$.kind') = 'Listing' THEN 'listing'
            WHEN json_type(doc, '$.kind') = 'VARCHAR' AND json_type(doc, '$.data') = 'OBJECT'
              THEN 'thing'
            ELSE 'bare'
          END AS shape
        FROM _pages"""
    )
    # Every thing with its position; comment trees are followed through `replies`.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _things AS
        WITH RECURSIVE t(line, pos, kind, data, depth) AS (
            SELECT line, [page, i], json_extract_string(c[i], '$.kind'),
                   json_extract(c[i], '$.data'), 1
            FROM (SELECT line, page,
                         CASE WHEN shape = 'listing' AND problem IS NULL
                              THEN {_children("doc")} END AS c
                  FROM _pg) l,
                 range(1, len(c) + 1) r(i)
            WHERE c IS NOT NULL
            UNION ALL
            SELECT line, [page], json_extract_string(doc, '$.kind'), json_extract(doc, '$.data'), 1
            FROM _pg WHERE shape = 'thing'
            UNION ALL
            SELECT line, [page],
                   CASE WHEN regexp_matches(coalesce(json_extract_string(doc, '$.name'), ''),
                                            '^t[0-9]_')
                          THEN left(json_extract_string(doc, '$.name'), 2)
                        WHEN json_type(doc, '$.body') IS NOT NULL THEN 't1'
                        WHEN json_type(doc, '$.title') IS NOT NULL THEN 't3' END,
                   CAST(doc AS JSON), 1
            FROM _pg WHERE shape = 'bare'
            UNION ALL
            SELECT p.line, list_append(p.pos, i), json_extract_string(p.c[i], '$.kind'),
                   json_extract(p.c[i], '$.data'), p.depth + 1
            FROM (SELECT line, pos, depth,
                         CASE WHEN json_type(data, '$.replies') = 'OBJECT'
                              THEN {_children("json_extract(data, '$.replies')")} END AS c
                  FROM t WHERE depth < {MAX_DEPTH}) p,
                 range(1, len(p.c) + 1) r(i)
            WHERE p.c IS NOT NULL
        )
        SELECT * FROM t"""
    )
    hidden = con.execute(
        """SELECT count(*), sum(coalesce(TRY_CAST(json_extract_string(data, '$.count') AS BIGINT),
                                         json_array_length(data, '$.children'), 0))
        FROM _things WHERE kind = 'more'"""
    ).fetchone()
    if hidden[0]:
        stats.notes.append(
            f"{hidden[0]} `more` stub(s) stand for {int(hidden[1] or 0)} comment(s) that are "
            "not in the export (fetch them with /api/morechildren)"
        )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _items AS
        SELECT line, pos, data::VARCHAR AS item, NULL::VARCHAR AS problem, kind
        FROM _things WHERE kind IS DISTINCT FROM 'more'
        UNION ALL
        SELECT line, [page], doc, problem, NULL FROM _pg WHERE problem IS NOT NULL"""
    )
    number_records(con, stats)
    is_comment = "kind = 't1'"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _stage AS
        WITH r AS (SELECT *, CAST(item AS JSON) AS j FROM _records)
        SELECT source_record, left(item, 500) AS raw,
          coalesce(json_extract_string(j, '$.id'),
                   {_unprefixed("json_extract_string(j, '$.name')")}) AS mention_id,
          json_extract_string(j, '$.created_utc') AS created_at,
          CASE WHEN {is_comment} THEN json_extract_string(j, '$.body')
               ELSE json_extract_string(j, '$.title')
                    || CASE WHEN coalesce(json_extract_string(j, '$.selftext'), '') <> ''
                            THEN chr(10) || chr(10) || json_extract_string(j, '$.selftext')
                            ELSE '' END
          END AS text,
          json_extract_string(j, '$.author') AS author_id,
          NULL::VARCHAR AS author_name,
          CASE WHEN {is_comment} THEN {_unprefixed("json_extract_string(j, '$.parent_id')")} END
            AS parent_id,
          CASE WHEN {is_comment} THEN {_unprefixed("json_extract_string(j, '$.link_id')")}
               ELSE coalesce(json_extract_string(j, '$.id'),
                             {_unprefixed("json_extract_string(j, '$.name')")}) END
            AS conversation_id,
          CASE WHEN kind = 't3' THEN 'post'
               WHEN json_extract_string(j, '$.author') = 'AutoModerator' THEN 'auto_reply'
               ELSE 'reply' END AS kind,
          NULL::VARCHAR AS lang, NULL::VARCHAR AS reach,
          json_extract_string(j, '$.score') AS engagement,
          NULL::VARCHAR AS sentiment, NULL::VARCHAR AS is_brand,
          NULL::VARCHAR AS directed_at_brand,
          CASE
            WHEN kind IS NULL
              THEN 'kind|neither a comment (body) nor a submission (title)'
            WHEN kind NOT IN ('t1', 't3')
              THEN 'kind|a ' || kind || ' thing is not a comment (t1) or submission (t3)'
          END AS _problem
        FROM r"""
    )
    return "_stage"


def sniff(first: bytes, path: Path) -> bool:
    """A listing of t1/t3 things, or a dump object with ``created_utc`` and ``subreddit``."""
    text = head_text(first)
    if not text.startswith(("{", "[")):
        return False
    listing = (
        re.search(r'(?<!\\)"kind"\s*:\s*"Listing"', text) is not None
        and re.search(r'(?<!\\)"kind"\s*:\s*"t[13]"', text) is not None
    )
    dump = (
        has_key(text, "created_utc")
        and has_key(text, "subreddit")
        and any(has_key(text, k) for k in ("link_id", "selftext", "body", "title"))
    )
    return listing or dump


check = check_with(
    sniff, "Reddit JSON (an API listing, a comments page, or one comment/submission per line)"
)

ADAPTER = register(
    Adapter(
        name="reddit",
        description="Reddit JSON: API listings, comment pages, NDJSON dumps (Pushshift style)",
        platform="reddit",
        stage=stage,
        sniff=sniff,
        check=check,
    )
)
