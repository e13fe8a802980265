"""The canonical tables every loader writes and every measure reads.

One schema for all platforms is what lets a measure be written once: a Facebook
comment, a tweet and a forum reply all become a row of ``mentions``. The DDL below is
the single source of truth; ``MENTION_SCHEMA`` mirrors it for Polars so measures and
their tests can build frames without a database.

Conventions (stated here because every measure depends on them):

* Times are ``TIMESTAMP`` holding UTC wall-clock time (naive). Loaders convert from
  whatever zone the export uses; the report converts to its display zone.
* Ids are strings, always: 19-digit tweet ids lose precision as floats.
* ``is_brand`` marks posts written by one of the brand's own accounts.
* ``kind`` separates what counts as a human answer from what does not:
  ``post`` (starts a thread), ``reply``, ``share`` (retweet/repost: reach, not a voice),
  ``auto_reply``, ``internal_note``, ``reaction``. Only brand rows of kind ``post`` or
  ``reply`` count as human brand replies.
* ``directed_at_brand`` marks customer posts the brand is expected to answer (the
  response-rate "eligible" set): it @-mentions a brand account, replies to a brand
  post, sits in a thread the brand started, or the export says so.
"""

from __future__ import annotations

import polars as pl

HUMAN_KINDS = ("post", "reply")
KINDS = ("post", "reply", "share", "auto_reply", "internal_note", "reaction")

MENTIONS_DDL = """
CREATE TABLE IF NOT EXISTS mentions (
    platform           VARCHAR NOT NULL,   -- twitter, facebook, youtube, reddit, forum, ...
    mention_id         VARCHAR NOT NULL,   -- id in the platform, as a string
    conversation_id    VARCHAR NOT NULL,   -- thread root id (derived from parents when absent)
    parent_id          VARCHAR,            -- the post this one answers, if any
    author_id          VARCHAR NOT NULL,
    author_name        VARCHAR,
    is_brand           BOOLEAN NOT NULL,
    kind               VARCHAR NOT NULL,   -- see model.KINDS
    created_at         TIMESTAMP NOT NULL, -- UTC
    text               VARCHAR NOT NULL,
    lang               VARCHAR,            -- ISO 639-1 when known
    reach              BIGINT,             -- followers / audience of the author when known
    engagement         BIGINT,             -- likes + shares + replies when known
    sentiment_export   DOUBLE,             -- the export's own sentiment mapped to [-1, 1]
    directed_at_brand  BOOLEAN NOT NULL,
    source_file        VARCHAR NOT NULL,
    source_record      BIGINT NOT NULL,    -- 1-based data record number in source_file
    author_verified    BOOLEAN             -- the platform's verified badge, when the export has it
    -- (platform, mention_id) is unique: the loaders de-duplicate in SQL. No index is
    -- declared for it: maintaining one cost ~1 s per million rows on every load.
)
"""

STATEMENTS_DDL = """
CREATE TABLE IF NOT EXISTS statements (
    statement_id   VARCHAR NOT NULL PRIMARY KEY,
    published_at   TIMESTAMP NOT NULL,     -- UTC
    channel        VARCHAR NOT NULL,       -- blog, website, newsroom, twitter, facebook, ...
    url            VARCHAR,
    text           VARCHAR NOT NULL,
    is_owned       BOOLEAN NOT NULL,       -- published on the brand's own site/blog
    source_file    VARCHAR NOT NULL,
    source_record  BIGINT NOT NULL
)
"""

MODERATION_DDL = """
CREATE TABLE IF NOT EXISTS moderation (
    action_at      TIMESTAMP NOT NULL,     -- UTC
    action         VARCHAR NOT NULL,       -- hide, delete, ban, restore, ...
    platform       VARCHAR,
    target_id      VARCHAR,
    rule_id        VARCHAR,                -- rule of the policy cited, if any
    moderator      VARCHAR,
    source_file    VARCHAR NOT NULL,
    source_record  BIGINT NOT NULL
)
"""

ESCALATIONS_DDL = """
CREATE TABLE IF NOT EXISTS escalations (
    logged_at      TIMESTAMP NOT NULL,     -- UTC
    level          VARCHAR NOT NULL,
    action         VARCHAR,
    owner          VARCHAR,
    source_file    VARCHAR NOT NULL,
    source_record  BIGINT NOT NULL
)
"""

REJECTED_DDL = """
CREATE TABLE IF NOT EXISTS rejected (
    source_file    VARCHAR NOT NULL,
    source_record  BIGINT,                 -- 1-based data record (NULL when only a line is known)
    source_line    BIGINT,                 -- physical line, when the reader knows it
    field          VARCHAR,                -- the field that failed, when one did
    reason         VARCHAR NOT NULL,
    raw            VARCHAR                 -- the record as read (truncated)
)
"""

ALL_DDL = (MENTIONS_DDL, STATEMENTS_DDL, MODERATION_DDL, ESCALATIONS_DDL, REJECTED_DDL)

MENTION_SCHEMA: dict[str, pl.DataType] = {
    "platform": pl.String(),
    "mention_id": pl.String(),
    "conversation_id": pl.String(),
    "parent_id": pl.String(),
    "author_id": pl.String(),
    "author_name": pl.String(),
    "is_brand": pl.Boolean(),
    "kind": pl.String(),
    "created_at": pl.Datetime("us"),
    "text": pl.String(),
    "lang": pl.String(),
    "reach": pl.Int64(),
    "engagement": pl.Int64(),
    "sentiment_export": pl.Float64(),
    "directed_at_brand": pl.Boolean(),
    "source_file": pl.String(),
    "source_record": pl.Int64(),
    "author_verified": pl.Boolean(),
}

STATEMENT_SCHEMA: dict[str, pl.DataType] = {
    "statement_id": pl.String(),
    "published_at": pl.Datetime("us"),
    "channel": pl.String(),
    "url": pl.String(),
    "text": pl.String(),
    "is_owned": pl.Boolean(),
    "source_file": pl.String(),
    "source_record": pl.Int64(),
}


def mentions_frame(rows: list[dict]) -> pl.DataFrame:
    """Build a canonical mentions frame from partial dicts (tests, demo).

    Missing optional columns are filled with sensible defaults so a hand-made test
    case only has to spell out what it is about.
    """
    defaults = {
        "conversation_id": None,
        "parent_id": None,
        "author_name": None,
        "is_brand": False,
        "kind": None,
        "lang": None,
        "reach": None,
        "engagement": None,
        "sentiment_export": None,
        "directed_at_brand": None,
        "source_file": "test",
        "source_record": None,
        "platform": "twitter",
        "text": "",
    }
    filled = []
    for i, row in enumerate(rows, start=1):
        r = {**defaults, **row}
        if r["conversation_id"] is None:
            r["conversation_id"] = r["parent_id"] or r["mention_id"]
        if r["kind"] is None:
            r["kind"] = "reply" if r["parent_id"] else "post"
        if r["directed_at_brand"] is None:
            r["directed_at_brand"] = not r["is_brand"]
        if r["source_record"] is None:
            r["source_record"] = i
        filled.append(r)
    return pl.DataFrame(filled, schema=MENTION_SCHEMA)
