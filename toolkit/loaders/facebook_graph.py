"""Facebook Graph API page feed exports, posts with their comments nested inside.

What ``GET /{page-id}/feed?fields=id,message,created_time,from,shares,reactions.summary(true),
comments{id,message,created_time,from,parent,like_count,comment_count,comments{...}}``
returns: ``{"data": [posts], "paging": {...}}``. Accepted as one JSON document, as JSON
Lines of such pages (one response per line, as a paging script appends them), or as a
JSON array of pages.

Records, in file order (a post, then its comments, each followed by its replies):

* post: ``id`` ("PAGEID_POSTID"), ``message`` (``story`` when there is no message),
  ``created_time`` ("2024-05-14T07:45:00+0000"), ``from {id, name}``; kind ``post``.
* comment in ``comments.data``: parent = ``parent.id`` when given, else the post.
* reply in a comment's own ``comments.data`` (Facebook nests one level): parent =
  ``parent.id`` when given, else the comment it sits in.

conversation_id = the post id for all of them: on Facebook a thread is the post. author =
``from.id`` (the page's numeric id for its own posts and replies, so the brand is the page
id listed in ``accounts.facebook``), author_name = ``from.name``. engagement = reactions (or
likes) + shares + comments for a post, likes + replies for a comment, from the summary
counts when the export asked for them; NULL when it did not.

Not mapped: attachments, reactions by type, ``paging`` cursors. A comment list that ends
in a ``paging.next`` link was cut by paging; the comments behind it are not in the file,
and the load notes how many lists were cut. Since 2018 Graph API leaves ``from`` out of
comments unless the token may moderate the page; such comments are rejected ("no author")
rather than attributed to nobody.
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


def _count(path: str) -> str:
    return f"TRY_CAST(json_extract_string(j, '{path}') AS BIGINT)"


def _sum(*parts: str) -> str:
    """Sum of the counts present; NULL when the export carries none of them."""
    total = " + ".join(f"coalesce({p}, 0)" for p in parts)
    return f"CASE WHEN coalesce({', '.join(parts)}) IS NOT NULL THEN CAST({total} AS VARCHAR) END"


def stage(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    stats: LoadStats,
    workdir: Path,
    spec: MentionsInput | None = None,
) -> str:
    read_pages(con, path, stats, workdir)
    # A page is {"data": [posts], ...}; a line holding one post object is taken as is.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _pg AS
        SELECT line, page, doc,
          CASE
            WHEN doc_type IS NULL THEN 'line is not valid JSON (cut off or corrupted)'
            WHEN doc_type <> 'OBJECT'
              THEN 'not a Graph API response (expected {"data": [posts], "paging": ...})'
            WHEN json_type(doc, '$.data') = 'ARRAY' THEN NULL
            WHEN json_type(doc, '$.created_time') IS NOT NULL THEN NULL
            WHEN json_type(doc, '$.error') = 'OBJECT'
              THEN 'a Graph API error response: '
                   || coalesce(json_extract_string(doc, '$.error.message'), '(no message)')
            ELSE 'the page has no `data` array of posts'
          END AS problem,
          CASE WHEN doc_type = 'OBJECT' THEN json_type(doc, '$.data') = 'ARRAY' END AS is_page
        FROM _pages"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _posts AS
        SELECT line, [page, i] AS pos, posts[i] AS post
        FROM (SELECT line, page,
                     CASE WHEN problem IS NULL THEN
                       CASE WHEN is_page THEN {json_list("json_extract(doc, '$.data')")}
                            ELSE [CAST(doc AS JSON)] END
                     END AS posts
              FROM _pg) p,
             range(1, len(posts) + 1) r(i)
        WHERE posts IS NOT NULL"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _comments AS
        SELECT line, list_append(pos, i) AS pos, comments[i] AS comment,
               json_extract_string(post, '$.id') AS post_id
        FROM (SELECT line, pos, post,
                     {json_list("json_extract(post, '$.comments.data')")} AS comments
              FROM _posts) p,
             range(1, len(comments) + 1) r(i)
        WHERE comments IS NOT NULL"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _items AS
        SELECT line, pos, post::VARCHAR AS item, NULL::VARCHAR AS problem,
               'post' AS kind, json_extract_string(post, '$.id') AS post_id,
               NULL::VARCHAR AS outer_id
        FROM _posts
        UNION ALL
        SELECT line, pos, comment::VARCHAR, NULL, 'reply', post_id, post_id FROM _comments
        UNION ALL
        SELECT line, list_append(pos, i), replies[i]::VARCHAR, NULL, 'reply', post_id,
               json_extract_string(comment, '$.id')
        FROM (SELECT line, pos, post_id, comment,
                     {json_list("json_extract(comment, '$.comments.data')")} AS replies
              FROM _comments) c,
             range(1, len(replies) + 1) r(i)
        WHERE replies IS NOT NULL
        UNION ALL
        SELECT line, [page], doc, problem, NULL, NULL, NULL FROM _pg WHERE problem IS NOT NULL"""
    )
    cut = con.execute(
        """SELECT count(*) FROM (
            SELECT post AS node FROM _posts UNION ALL SELECT comment FROM _comments)
        WHERE json_extract_string(node, '$.comments.paging.next') IS NOT NULL"""
    ).fetchone()[0]
    if cut:
        stats.notes.append(
            f"{cut} comment list(s) end in a `paging.next` link: the comments behind it are "
            "not in the export"
        )
    number_records(con, stats)
    post_engagement = _sum(
        f"coalesce({_count('$.reactions.summary.total_count')}, "
        f"{_count('$.likes.summary.total_count')})",
        _count("$.shares.count"),
        _count("$.comments.summary.total_count"),
    )
    comment_engagement = _sum(
        f"coalesce({_count('$.like_count')}, {_count('$.reactions.summary.total_count')})",
        f"coalesce({_count('$.comment_count')}, {_count('$.comments.summary.total_count')})",
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _stage AS
        WITH r AS (SELECT *, CAST(item AS JSON) AS j FROM _records)
        SELECT source_record, left(item, 500) AS raw,
          json_extract_string(j, '$.id') AS mention_id,
          json_extract_string(j, '$.created_time') AS created_at,
          coalesce(json_extract_string(j, '$.message'),
                   CASE WHEN kind = 'post' THEN json_extract_string(j, '$.story') END) AS text,
          json_extract_string(j, '$.from.id') AS author_id,
          json_extract_string(j, '$.from.name') AS author_name,
          CASE WHEN kind = 'reply'
               THEN coalesce(json_extract_string(j, '$.parent.id'), outer_id) END AS parent_id,
          post_id AS conversation_id,
          kind,
          NULL::VARCHAR AS lang, NULL::VARCHAR AS reach,
          CASE WHEN kind = 'post' THEN {post_engagement} ELSE {comment_engagement} END
            AS engagement,
          NULL::VARCHAR AS sentiment, NULL::VARCHAR AS is_brand,
          NULL::VARCHAR AS directed_at_brand,
          CASE WHEN json_type(j) <> 'OBJECT'
               THEN 'mention_id|a `data` entry is not a post or comment object' END AS _problem
        FROM r"""
    )
    return "_stage"


_GRAPH_TIME = r'(?<!\\)"created_time"\s*:\s*"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}"'


def sniff(first: bytes, path: Path) -> bool:
    """A ``data`` array of objects with Graph-style ``created_time`` (``+0000`` offset).

    That timestamp style is Graph API's own; X v2 uses ``created_at``, YouTube
    ``publishedAt``, Reddit ``created_utc``, and their markers rule the file out.
    """
    text = head_text(first)
    if not text.startswith(("{", "[")):
        return False
    if any(has_key(text, k) for k in ("author_id", "topLevelComment", "created_utc")):
        return False
    return (
        re.search(r'(?<!\\)"data"\s*:\s*\[', text) is not None
        and re.search(_GRAPH_TIME, text) is not None
    )


check = check_with(
    sniff, 'a Facebook Graph API feed export ({"data": [posts with created_time], ...})'
)

ADAPTER = register(
    Adapter(
        name="facebook_graph",
        description="Facebook Graph API page feed (posts with nested comments and replies)",
        platform="facebook",
        stage=stage,
        sniff=sniff,
        check=check,
    )
)
