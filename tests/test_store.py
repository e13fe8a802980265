"""finalize_mentions: thread roots rebuilt from parent links, and who was talking to the brand.

Rows go in through the generic CSV loader (the documented way in), one file per platform,
then ``finalize_mentions`` runs once. Every expectation is stated beside the row it is about.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from toolkit.loaders import load_inputs
from toolkit.params import validate_params
from toolkit.store import finalize_mentions, frame, open_store

ACCOUNTS = {"twitter": ["BrandHelp"], "facebook": ["PageCo"]}
MAPPING = {
    "mention_id": "id",
    "created_at": "time",
    "text": "text",
    "author_id": "author",
    "parent_id": "parent",
    "conversation_id": "conversation",
    "directed_at_brand": "directed",
}
HEADER = "id,time,text,author,parent,conversation,directed\n"

# id, minute, text, author, parent, conversation (export), directed (export)
TWITTER = [
    ("t1", 0, "Outage update: we are on it", "BrandHelp", "", "", ""),  # brand post: root
    ("t2", 1, "still down here", "c1", "t1", "", ""),  # replies to a brand post
    ("t3", 2, "me too", "c2", "t2", "", ""),  # 3rd level, thread the brand started
    ("t4", 3, "hey @brandhelp my router is dead", "c3", "", "", ""),  # lower-case mention
    ("t5", 4, "lovely weather today", "c4", "", "", ""),  # unrelated
    ("t6", 5, "agreed", "c5", "t5", "", ""),  # reply in a customer thread
    ("t7", 6, "yes exactly", "c6", "t99", "", ""),  # parent t99 not in the file
    ("t8", 7, "+1", "c7", "t7", "", ""),  # under the orphan
    ("t9", 8, "@c3 sorry - DM us", "BrandHelp", "t4", "", ""),  # brand reply
    ("t10", 9, "@BRANDHELP where is my refund", "c8", "", "", "false"),  # export says no
    ("t11", 10, "no mention at all", "c9", "", "", "true"),  # export says yes
    ("t12", 11, "cc @BrandHelper the other one", "c10", "", "", ""),  # not a brand handle
    ("t13", 12, "kept thread", "c11", "t5", "custom-conv", ""),  # export's conversation
    ("t14", 13, "ok done", "c3", "t9", "", ""),  # answers the brand reply t9, customer root
]
FACEBOOK = [
    ("f1", 0, "Our statement on the outage", "PageCo", "", "", ""),  # page post
    ("f2", 1, "not good enough", "c20", "f1", "", ""),  # comment on it
    ("f3", 2, "anyone else?", "c21", "", "", ""),  # visitor post, no mention
    ("f4", 3, "reply to a visitor", "c22", "f3", "", ""),
    ("f5", 4, "spam", "c23", "", "", "false"),  # export says no
]


def _csv(rows: list[tuple]) -> str:
    lines = [
        f"{i},2024-03-01 10:{m:02d}:00,{text},{author},{parent},{conv},{directed}"
        for i, m, text, author, parent, conv, directed in rows
    ]
    return HEADER + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def finalized(tmp_path_factory) -> tuple[int, dict[tuple[str, str], dict], pl.DataFrame]:
    tmp: Path = tmp_path_factory.mktemp("store")
    (tmp / "tw.csv").write_text(_csv(TWITTER), encoding="utf-8")
    (tmp / "fb.csv").write_text(_csv(FACEBOOK), encoding="utf-8")
    params = validate_params(
        {
            "incident": {"name": "Store test", "brand": "Brand", "accounts": ACCOUNTS},
            "inputs": {
                "mentions": [
                    {
                        "path": "tw.csv",
                        "format": "generic",
                        "platform": "twitter",
                        "mapping": MAPPING,
                    },
                    {
                        "path": "fb.csv",
                        "format": "generic",
                        "platform": "facebook",
                        "mapping": MAPPING,
                    },
                ]
            },
        },
        base_dir=tmp,
    )
    con = open_store()
    try:
        stats = load_inputs(con, params, base=tmp)
        assert [(s.loaded, s.rejected) for s in stats] == [(14, 0), (5, 0)]
        n = finalize_mentions(con, params.incident.accounts)
        mentions = frame(con, "mentions")
        left = con.execute("SELECT count(*) FROM _loaded").fetchall()[0][0]
    finally:
        con.close()
    assert left == 0  # the staging table is emptied once rows are final
    rows = {(r["platform"], r["mention_id"]): r for r in mentions.iter_rows(named=True)}
    return n, rows, mentions


def test_every_row_is_finalized(finalized):
    n, _, mentions = finalized
    assert n == 19  # 14 twitter + 5 facebook rows
    assert mentions.height == 19
    assert mentions["conversation_id"].null_count() == 0
    assert mentions["directed_at_brand"].null_count() == 0


def test_three_level_thread_shares_the_root(finalized):
    _, rows, _ = finalized
    # t1 <- t2 <- t3: all in conversation t1
    assert [rows["twitter", i]["conversation_id"] for i in ("t1", "t2", "t3")] == ["t1"] * 3
    assert rows["twitter", "t3"]["parent_id"] == "t2"


def test_missing_parent_becomes_the_conversation(finalized):
    _, rows, _ = finalized
    # t7's parent t99 is not in the file: t99 is the root, and t8 (under t7) follows it
    assert rows["twitter", "t7"]["conversation_id"] == "t99"
    assert rows["twitter", "t8"]["conversation_id"] == "t99"


def test_roots_and_export_conversations(finalized):
    _, rows, _ = finalized
    assert rows["twitter", "t4"]["conversation_id"] == "t4"  # a post is its own root
    assert rows["twitter", "t6"]["conversation_id"] == "t5"
    assert rows["twitter", "t9"]["conversation_id"] == "t4"
    assert rows["twitter", "t14"]["conversation_id"] == "t4"
    assert rows["twitter", "t13"]["conversation_id"] == "custom-conv"  # the export's wins
    assert rows["facebook", "f2"]["conversation_id"] == "f1"
    assert rows["facebook", "f4"]["conversation_id"] == "f3"


def test_brand_rows_marked_from_accounts(finalized):
    _, rows, _ = finalized
    brand = {key for key, r in rows.items() if r["is_brand"]}
    assert brand == {("twitter", "t1"), ("twitter", "t9"), ("facebook", "f1")}


@pytest.mark.parametrize(
    ("platform", "mention_id", "expected", "why"),
    [
        ("twitter", "t4", True, "@-mentions a brand handle, in other case"),
        ("twitter", "t2", True, "replies to a brand post (that is also the root)"),
        ("twitter", "t14", True, "replies to a brand reply in a customer-started thread"),
        ("twitter", "t3", True, "customer post in a thread the brand started"),
        ("twitter", "t5", False, "unrelated customer post on twitter"),
        ("twitter", "t6", False, "reply to a customer in a customer thread"),
        ("twitter", "t7", False, "reply to a missing parent, no mention"),
        ("twitter", "t12", False, "@BrandHelper is not @BrandHelp"),
        ("twitter", "t1", False, "brand row"),
        ("twitter", "t9", False, "brand row (reply)"),
        ("twitter", "t10", False, "export says false, although it @-mentions the brand"),
        ("twitter", "t11", True, "export says true, although nothing else would"),
        ("facebook", "f2", True, "facebook comment on the page post"),
        ("facebook", "f3", True, "any facebook customer post is on the brand's page"),
        ("facebook", "f4", True, "facebook reply to a visitor"),
        ("facebook", "f1", False, "brand row (page post)"),
        ("facebook", "f5", False, "export says false on facebook too"),
    ],
)
def test_directed_at_brand(finalized, platform, mention_id, expected, why):
    _, rows, _ = finalized
    assert rows[platform, mention_id]["directed_at_brand"] is expected, why


def test_the_same_post_in_two_files_is_loaded_once(tmp_path):
    """(platform, mention_id) stays unique across files, with no index to enforce it."""
    from toolkit.loaders import load_inputs
    from toolkit.params import validate_params
    from toolkit.store import finalize_mentions, frame, open_store

    header = (
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
    )
    row = "7,101,True,Mon Mar 09 08:00:00 +0000 2026,@BHelp down,,\n"
    (tmp_path / "a.csv").write_text(header + row + row)
    (tmp_path / "b.csv").write_text(
        header + row + "8,102,True,Mon Mar 09 08:01:00 +0000 2026,x,,\n"
    )
    params = validate_params(
        {
            "incident": {"name": "t", "brand": "B", "accounts": {"twitter": ["BHelp"]}},
            "inputs": {
                "mentions": [
                    {"path": "a.csv", "format": "twcs"},
                    {"path": "b.csv", "format": "twcs"},
                ]
            },
        },
        base_dir=tmp_path,
    )
    con = open_store()
    a, b = load_inputs(con, params, base=tmp_path)
    finalize_mentions(con, params.incident.accounts)
    ids = frame(con, "mentions")["mention_id"].to_list()
    assert sorted(ids) == ["7", "8"]
    assert (a.loaded, a.duplicates, b.loaded, b.duplicates) == (1, 1, 1, 1)


def test_a_thread_of_50000_replies_is_one_conversation():
    """Issue 8's named case: each post answers the previous one, 50,000 deep.

    Before pointer jumping, walking the chain produced a row per ancestor of every post
    (1.25 billion) and took two minutes; now the whole chain resolves in a few joins.
    """
    from toolkit.store import finalize_mentions, open_store

    con = open_store()
    con.execute(
        """INSERT INTO _loaded SELECT 'twitter', CAST(i AS VARCHAR), NULL,
             CASE WHEN i > 1 THEN CAST(i - 1 AS VARCHAR) END, 'u' || (i % 2), NULL, i % 2 = 0,
             CASE WHEN i > 1 THEN 'reply' ELSE 'post' END,
             TIMESTAMP '2026-03-09' + to_seconds(i), 'text', NULL, NULL, NULL, NULL, NULL,
             'f', i, NULL, NULL
           FROM range(1, 50001) t(i)"""
    )
    assert finalize_mentions(con, {"twitter": ["u0"]}) == 50_000
    conv = con.execute("SELECT DISTINCT conversation_id FROM mentions").fetchall()
    assert conv == [("1",)]


def test_a_parent_cycle_does_not_hang():
    from toolkit.store import finalize_mentions, frame, open_store

    con = open_store()
    con.execute(
        """INSERT INTO _loaded VALUES
           ('twitter', 'a', NULL, 'b', 'u', NULL, false, 'reply', TIMESTAMP '2026-03-09',
            'x', NULL, NULL, NULL, NULL, NULL, 'f', 1, NULL, NULL),
           ('twitter', 'b', NULL, 'a', 'u', NULL, false, 'reply', TIMESTAMP '2026-03-09',
            'y', NULL, NULL, NULL, NULL, NULL, 'f', 2, NULL, NULL)"""
    )
    assert finalize_mentions(con, {"twitter": ["x"]}) == 2
    assert frame(con, "mentions")["conversation_id"].n_unique() <= 2


def test_a_thread_under_a_missing_root_was_not_started_by_the_brand():
    """X is missing; B (brand) answers X; C1 answers B; C2 answers C1. C1 answers a brand
    post (directed). C2 answers a customer, and its thread's root X is unknown: the brand's
    B is the topmost post left, not the root, so C2 is not directed by "thread the brand
    started" (nor by anything else)."""
    from toolkit.store import finalize_mentions, frame, open_store

    con = open_store()
    rows = [("B", "X", "brand", True), ("C1", "B", "u1", False), ("C2", "C1", "u2", False)]
    for n, (mid, parent, author, is_brand) in enumerate(rows, start=1):
        con.execute(
            "INSERT INTO _loaded VALUES ('twitter', ?, NULL, ?, ?, NULL, ?, 'reply', "
            "TIMESTAMP '2026-03-09' + to_seconds(?), 'no handle here', NULL, NULL, NULL, NULL, "
            "NULL, 'f', ?, NULL, NULL)",
            [mid, parent, author, is_brand, n, n],
        )
    assert finalize_mentions(con, {"twitter": ["brand"]}) == 3
    got = dict(frame(con, "mentions").select("mention_id", "directed_at_brand").iter_rows())
    assert got == {"B": False, "C1": True, "C2": False}
    assert set(frame(con, "mentions")["conversation_id"]) == {"X"}
