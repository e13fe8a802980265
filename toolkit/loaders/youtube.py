"""YouTube Data API v3 ``commentThreads.list`` responses (``part=snippet,replies``).

A response is ``{"kind": "youtube#commentThreadListResponse", "nextPageToken": ...,
"items": [commentThread]}``. Accepted as one response per file, JSON Lines of responses
(one page per line, as a paging script appends them), or a JSON array of responses; a
line holding a single ``youtube#commentThread`` is taken as a one-thread page.

Records, in file order: each thread's top-level comment
(``snippet.topLevelComment``), then the replies in ``replies.comments[]``. Mapping:
mention_id = the comment ``id``; conversation_id = the top-level comment's id (the thread:
on YouTube a reply always hangs under a top-level comment); parent_id = the reply's
``snippet.parentId`` (the top-level comment); author_id = ``authorChannelId.value``
(a channel id, so the brand is its channel id in ``accounts.youtube``); author_name =
``authorDisplayName``; text = ``textOriginal``, or ``textDisplay`` with its HTML
(``<br>``, links, entities) turned back into plain text when the API withheld the original
(it only returns it to the comment's author); created_at = ``publishedAt`` (the edit time
``updatedAt`` is not the time of the voice); engagement = ``likeCount`` (+
``totalReplyCount`` for a top-level comment).

Left out: ``videoId`` and ``channelId`` (which video a thread sits under has no canonical
column; all comments of a channel export are on the brand's ground anyway), moderation
status, viewer rating. ``replies.comments`` is only a sample of a thread's replies; the load
notes how many threads list fewer replies than ``totalReplyCount`` (fetch the rest with
``comments.list?parentId=...``).
"""

from __future__ import annotations

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


def _plain(html: str) -> str:
    """textDisplay as plain text: line breaks kept, tags dropped, the usual entities decoded."""
    x = f"regexp_replace({html}, '<br\\s*/?>', chr(10), 'gi')"
    x = f"regexp_replace({x}, '<[^>]*>', '', 'g')"
    for entity, char in (("&quot;", '"'), ("&#39;", "''"), ("&lt;", "<"), ("&gt;", ">")):
        x = f"replace({x}, '{entity}', '{char}')"
    return f"replace({x}, '&amp;', '&')"


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
              THEN 'not a commentThreads response (expected {"items": [commentThread], ...})'
            WHEN json_type(doc, '$.items') = 'ARRAY' THEN NULL
            WHEN json_type(doc, '$.snippet.topLevelComment') = 'OBJECT' THEN NULL
            WHEN json_type(doc, '$.error') = 'OBJECT'
              THEN 'a YouTube API error response: '
                   || coalesce(json_extract_string(doc, '$.error.message'), '(no message)')
            ELSE 'the page has no `items` array of comment threads'
          END AS problem,
          CASE WHEN doc_type = 'OBJECT' THEN json_type(doc, '$.items') = 'ARRAY' END AS is_page
        FROM _pages"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _threads AS
        SELECT line, [page, i] AS pos, threads[i] AS thread,
               json_extract_string(threads[i], '$.snippet.topLevelComment.id') AS top_id
        FROM (SELECT line, page,
                     CASE WHEN problem IS NULL THEN
                       CASE WHEN is_page THEN {json_list("json_extract(doc, '$.items')")}
                            ELSE [CAST(doc AS JSON)] END
                     END AS threads
              FROM _pg) p,
             range(1, len(threads) + 1) r(i)
        WHERE threads IS NOT NULL"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _items AS
        SELECT line, list_append(pos, 0) AS pos,
               coalesce(json_extract(thread, '$.snippet.topLevelComment'), thread)::VARCHAR
                 AS item,
               NULL::VARCHAR AS problem, 'post' AS kind, top_id,
               json_extract_string(thread, '$.snippet.totalReplyCount') AS reply_count
        FROM _threads
        UNION ALL
        SELECT line, list_append(pos, i), replies[i]::VARCHAR, NULL, 'reply', top_id, NULL
        FROM (SELECT line, pos, top_id,
                     {json_list("json_extract(thread, '$.replies.comments')")} AS replies
              FROM _threads) t,
             range(1, len(replies) + 1) r(i)
        WHERE replies IS NOT NULL
        UNION ALL
        SELECT line, [page], doc, problem, NULL, NULL, NULL FROM _pg WHERE problem IS NOT NULL"""
    )
    short = con.execute(
        """SELECT count(*) FROM _threads
        WHERE TRY_CAST(json_extract_string(thread, '$.snippet.totalReplyCount') AS BIGINT)
              > coalesce(json_array_length(thread, '$.replies.comments'), 0)"""
    ).fetchone()[0]
    if short:
        stats.notes.append(
            f"{short} thread(s) list fewer replies than totalReplyCount: commentThreads only "
            "returns a sample; fetch the rest with comments.list?parentId=..."
        )
    number_records(con, stats)
    original = "nullif(json_extract_string(j, '$.snippet.textOriginal'), '')"
    display = _plain("json_extract_string(j, '$.snippet.textDisplay')")
    text = f"coalesce({original}, {display})"
    likes = "TRY_CAST(json_extract_string(j, '$.snippet.likeCount') AS BIGINT)"
    replies = "TRY_CAST(reply_count AS BIGINT)"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _stage AS
        WITH r AS (SELECT *, CAST(item AS JSON) AS j FROM _records)
        SELECT source_record, left(item, 500) AS raw,
          json_extract_string(j, '$.id') AS mention_id,
          json_extract_string(j, '$.snippet.publishedAt') AS created_at,
          {text} AS text,
          json_extract_string(j, '$.snippet.authorChannelId.value') AS author_id,
          json_extract_string(j, '$.snippet.authorDisplayName') AS author_name,
          CASE WHEN kind = 'reply'
               THEN coalesce(json_extract_string(j, '$.snippet.parentId'), top_id) END
            AS parent_id,
          top_id AS conversation_id,
          kind,
          NULL::VARCHAR AS lang, NULL::VARCHAR AS reach,
          CASE WHEN coalesce({likes}, {replies}) IS NOT NULL
               THEN CAST(coalesce({likes}, 0) + coalesce({replies}, 0) AS VARCHAR) END
            AS engagement,
          NULL::VARCHAR AS sentiment, NULL::VARCHAR AS is_brand,
          NULL::VARCHAR AS directed_at_brand,
          CASE WHEN json_type(j) <> 'OBJECT'
               THEN 'mention_id|an `items` entry is not a comment thread' END AS _problem
        FROM r"""
    )
    return "_stage"


def sniff(first: bytes, path: Path) -> bool:
    """The resource kind ``youtube#commentThread...`` or a ``topLevelComment`` key."""
    text = head_text(first)
    if not text.startswith(("{", "[")):
        return False
    return "youtube#commentThread" in text or has_key(text, "topLevelComment")


check = check_with(sniff, 'YouTube commentThreads.list responses ({"items": [commentThread], ...})')

ADAPTER = register(
    Adapter(
        name="youtube",
        description="YouTube Data API v3 commentThreads.list responses (comments and replies)",
        platform="youtube",
        stage=stage,
        sniff=sniff,
        check=check,
    )
)
