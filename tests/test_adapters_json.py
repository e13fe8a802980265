"""The JSON export adapters (twarc2, Facebook Graph, YouTube, Reddit) on hand-made fixtures.

The fixtures in ``tests/fixtures/formats`` were written by hand from the platforms' API
documentation: one small crisis (Northwind Air cancels flights from Oslo on 14 May 2024)
seen on each platform. Every file is loaded the way a run loads it (validate_params ->
open_store -> load_inputs -> finalize_mentions) and the expected values were worked out
by hand in the comments beside them.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

import toolkit.loaders.facebook_graph
import toolkit.loaders.reddit
import toolkit.loaders.twarc2
import toolkit.loaders.youtube
from toolkit.loaders import InputError, LoadStats, load_inputs
from toolkit.loaders.registry import adapters, detect, head
from toolkit.params import validate_params
from toolkit.store import finalize_mentions, frame, open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
ACCOUNTS = {
    "twitter": ["NorthwindHelp"],
    "facebook": ["104857600123456"],  # the page id
    "youtube": ["UCnWbR4ndCh4nnel00000001"],  # the channel id
    "reddit": ["NorthwindAir_Official"],
}
ADAPTER_MODULES = (
    toolkit.loaders.twarc2,
    toolkit.loaders.facebook_graph,
    toolkit.loaders.youtube,
    toolkit.loaders.reddit,
)
MY_FORMATS = tuple(m.ADAPTER.name for m in ADAPTER_MODULES)


def _load(
    base: Path, name: str, fmt: str, accounts: dict | None = None
) -> tuple[list[LoadStats], pl.DataFrame, pl.DataFrame]:
    """Load one file of ``base`` through the real pipeline; stats, mentions, rejected."""
    params = validate_params(
        {
            "incident": {
                "name": "Northwind cancellations",
                "brand": "Northwind Air",
                "accounts": accounts or ACCOUNTS,
            },
            "inputs": {"mentions": [{"path": name, "format": fmt}]},
        },
        base_dir=base,
    )
    con = open_store()
    try:
        stats = load_inputs(con, params, base=base)
        finalize_mentions(con, params.incident.accounts)
        return stats, frame(con, "mentions"), frame(con, "rejected")
    finally:
        con.close()


def _by_id(mentions: pl.DataFrame) -> dict[str, dict]:
    return {r["mention_id"]: r for r in mentions.iter_rows(named=True)}


def _counts(stats: list[LoadStats]) -> tuple[int, int, int, int]:
    (s,) = stats
    assert s.read == s.loaded + s.duplicates + s.rejected, s
    return s.read, s.loaded, s.duplicates, s.rejected


def _order(mentions: pl.DataFrame) -> list[str]:
    return mentions.sort("source_record")["mention_id"].to_list()


# --------------------------------------------------------------------------- twarc2

T1 = "1790452216812345601"  # sam_travels' complaint, the root of the thread
T2 = "1790456592761000002"  # the brand's reply to it
T3 = "1790458101234567803"  # leah_k retweets T1
T4 = "1790469012345678904"  # gm_ops_watch quotes T1
T5 = "1790474045678901205"  # leah_k answers T2
T6 = "1790482090123456706"  # the brand answers T5
T8 = "1790485311122233307"  # an author the pages carry no user object for


@pytest.fixture(scope="module")
def twarc2_load():
    return _load(FIXTURES, "twarc2_pages.jsonl", "twarc2")


def test_twarc2_counts_duplicate_and_broken_line(twarc2_load):
    stats, mentions, rejected = twarc2_load
    # Records in file order: line 1: T8, T6 | line 2: T5, T4 | line 3: broken (1 record) |
    # line 4: T3, T2, T1 | line 5: T1 again (a second run appended) | line 6: empty page.
    assert _counts(stats) == (9, 7, 1, 1)
    assert stats[0].format == "twarc2" and stats[0].platform == "twitter"
    assert _order(mentions) == [T8, T6, T5, T4, T3, T2, T1]
    assert mentions["source_record"].sort().to_list() == [1, 2, 3, 4, 6, 7, 8]
    (bad,) = rejected.iter_rows(named=True)
    assert (bad["source_record"], bad["source_line"]) == (5, 3)
    assert "not valid JSON" in bad["reason"]
    assert bad["raw"].startswith('{"data": [{"id": "1790471234500000001"')


def test_twarc2_exact_rows(twarc2_load):
    _, mentions, _ = twarc2_load
    rows = _by_id(mentions)
    assert rows[T1] == {
        "platform": "twitter",
        "mention_id": T1,
        "conversation_id": T1,
        "parent_id": None,
        "author_id": "sam_travels",  # username from includes.users, not 1203344556
        "author_name": "Sam Okafor",
        "is_brand": False,
        "kind": "post",
        "created_at": datetime(2024, 5, 14, 8, 2, 11),
        "text": "@NorthwindHelp my flight NW212 to Tromsø was cancelled with no notice. "
        "Rebooking line busy for 2 hours now.",
        "lang": "en",
        "reach": 815,  # the latest page's user object (line 5) wins over 812 (lines 2, 4)
        "engagement": 59,  # first copy (line 4): 40 likes + 14 RT + 2 replies + 3 quotes
        "sentiment_export": None,
        "directed_at_brand": True,  # @-mentions NorthwindHelp
        "source_file": "twarc2_pages.jsonl",
        "source_record": 8,
        "author_verified": False,
    }
    assert rows[T2] == {
        "platform": "twitter",
        "mention_id": T2,
        "conversation_id": T1,
        "parent_id": T1,
        "author_id": "NorthwindHelp",
        "author_name": "Northwind Air Support",
        "is_brand": True,
        "kind": "reply",
        "created_at": datetime(2024, 5, 14, 8, 19, 40),
        "text": "@sam_travels We're sorry, Sam. Please DM us your booking reference and "
        "we'll rebook you today. ^KH",
        "lang": "en",
        "reach": 48210,
        "engagement": 4,  # 3 likes + 1 reply
        "sentiment_export": None,
        "directed_at_brand": False,
        "source_file": "twarc2_pages.jsonl",
        "source_record": 7,
        "author_verified": True,
    }
    # The retweet widens reach but is no voice; its metrics are the original's -> NULL.
    r3 = rows[T3]
    assert (r3["kind"], r3["parent_id"], r3["conversation_id"]) == ("share", None, T3)
    assert (r3["author_id"], r3["reach"], r3["engagement"]) == ("leah_k", 230, None)
    # A quote says something new: a post of its own, not a reply to T1.
    r4 = rows[T4]
    assert (r4["kind"], r4["parent_id"], r4["engagement"]) == ("post", None, 120 + 30 + 9 + 4)
    # Replies further down the thread keep the API's conversation_id.
    assert (rows[T5]["parent_id"], rows[T5]["conversation_id"]) == (T2, T1)
    assert (rows[T6]["parent_id"], rows[T6]["is_brand"]) == (T5, True)
    # No user object on any page: the numeric id stays, name and reach unknown.
    r8 = rows[T8]
    assert (r8["author_id"], r8["author_name"], r8["reach"]) == ("3322110099", None, None)
    assert r8["engagement"] == 0


def test_twarc2_only_data_tweets_are_loaded(twarc2_load):
    _, mentions, _ = twarc2_load
    ids = set(mentions["mention_id"])
    # Quoted by T8, present only in includes.tweets: context, not a result of the query.
    assert "1790100000000000010" not in ids
    assert "1790471234500000001" not in ids  # the tweet on the broken line


def test_twarc2_pages_without_data_are_rejected_by_line(tmp_path: Path):
    tweet = {
        "id": "1790000000000000001",
        "text": "@NorthwindHelp hello",
        "created_at": "2024-05-14T10:00:00.000Z",
        "author_id": "42",
        "conversation_id": "1790000000000000001",
    }
    lines = [
        json.dumps({"data": [tweet], "meta": {"result_count": 1}}),
        json.dumps({**tweet, "__twarc": {"version": "2.14.0"}}),  # a flattened tweet
        json.dumps({"data": {"id": "42", "username": "x"}}),  # a user lookup, no array
        "[1, 2]",  # an array whose elements are not pages
        json.dumps({"meta": {"result_count": 0}}),  # empty last page: no record at all
    ]
    (tmp_path / "t.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats, mentions, rejected = _load(tmp_path, "t.jsonl", "twarc2")
    assert _counts(stats) == (5, 1, 0, 4)
    assert mentions["mention_id"].to_list() == ["1790000000000000001"]
    got = sorted(rejected.select("source_record", "source_line").rows())
    assert got == [(2, 2), (3, 3), (4, 4), (5, 4)]
    assert "no `data` array" in rejected.sort("source_record")["reason"][0]


# The conversation of tests/fixtures/formats/same_conversation_twarc.csv (the twarc_csv
# adapter's fixture), here as the twarc2 pages it was flattened from: Sofie's lost bag.
SOFIE, BRAND, PER = "1357913579", "99000111", "2468024680"
USERS = {
    SOFIE: {"id": SOFIE, "username": "sofie_l", "name": "Sofie Lund"},
    BRAND: {"id": BRAND, "username": "FjordAirHelp", "name": "FjordAir Help"},
    PER: {"id": PER, "username": "per_aas", "name": "Per Aas"},
}
CONVERSATION = [  # id suffix, parent suffix, author, created_at
    ("100", None, SOFIE, "2026-03-10T06:55:03.000Z"),
    ("101", "100", BRAND, "2026-03-10T07:31:40.000Z"),
    ("102", "100", PER, "2026-03-10T07:45:00.000Z"),
    ("103", "101", SOFIE, "2026-03-10T07:52:18.000Z"),
    ("104", "103", BRAND, "2026-03-10T08:05:00.000Z"),
    ("105", "104", PER, "2026-03-10T08:20:09.000Z"),
]
EXPECTED_CONVERSATION = [  # (mention_id, parent_id, conversation_id, author_id, created_at, kind)
    ("1766000000000000100", None, "1766000000000000100", "sofie_l",
     datetime(2026, 3, 10, 6, 55, 3), "post"),
    ("1766000000000000101", "1766000000000000100", "1766000000000000100", "FjordAirHelp",
     datetime(2026, 3, 10, 7, 31, 40), "reply"),
    ("1766000000000000102", "1766000000000000100", "1766000000000000100", "per_aas",
     datetime(2026, 3, 10, 7, 45, 0), "reply"),
    ("1766000000000000103", "1766000000000000101", "1766000000000000100", "sofie_l",
     datetime(2026, 3, 10, 7, 52, 18), "reply"),
    ("1766000000000000104", "1766000000000000103", "1766000000000000100", "FjordAirHelp",
     datetime(2026, 3, 10, 8, 5, 0), "reply"),
    ("1766000000000000105", "1766000000000000104", "1766000000000000100", "per_aas",
     datetime(2026, 3, 10, 8, 20, 9), "reply"),
]  # fmt: skip
KEY_COLUMNS = ["mention_id", "parent_id", "conversation_id", "author_id", "created_at", "kind"]


def _conversation_pages() -> str:
    """The six tweets as two search pages, newest first, as the API returns them."""
    tweets = []
    for suffix, parent, author, created in CONVERSATION:
        tweet = {
            "id": "1766000000000000" + suffix,
            "text": "...",
            "created_at": created,
            "author_id": author,
            "conversation_id": "1766000000000000100",
            "lang": "en",
            "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": 1,
                               "quote_count": 0},
        }  # fmt: skip
        if parent:
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": "1766000000000000" + parent}]
        tweets.append(tweet)
    tweets.reverse()
    pages = [tweets[:3], tweets[3:]]
    return "".join(
        json.dumps(
            {
                "data": page,
                "includes": {"users": [USERS[a] for a in sorted({t["author_id"] for t in page})]},
                "meta": {"result_count": len(page)},
                "__twarc": {"version": "2.14.0"},
            }
        )
        + "\n"
        for page in pages
    )


def test_twarc2_conversation_gives_the_expected_rows(tmp_path: Path):
    (tmp_path / "sofie.jsonl").write_text(_conversation_pages(), encoding="utf-8")
    stats, mentions, _ = _load(tmp_path, "sofie.jsonl", "twarc2", {"twitter": ["FjordAirHelp"]})
    assert _counts(stats) == (6, 6, 0, 0)
    assert mentions.sort("mention_id").select(KEY_COLUMNS).rows() == EXPECTED_CONVERSATION
    assert mentions.filter(pl.col("is_brand"))["author_id"].unique().to_list() == ["FjordAirHelp"]


def test_twarc2_and_twarc_csv_agree_on_the_same_conversation(tmp_path: Path):
    """Cross-check with the twarc_csv adapter (another module), when it is present."""
    pytest.importorskip("toolkit.loaders.twarc_csv")
    csv_file = FIXTURES / "same_conversation_twarc.csv"
    if not csv_file.is_file():
        pytest.skip("the twarc_csv fixture is not there")
    (tmp_path / "sofie.jsonl").write_text(_conversation_pages(), encoding="utf-8")
    accounts = {"twitter": ["FjordAirHelp"]}
    _, from_pages, _ = _load(tmp_path, "sofie.jsonl", "twarc2", accounts)
    _, from_csv, _ = _load(FIXTURES, csv_file.name, "twarc_csv", accounts)
    assert from_csv.sort("mention_id").select(KEY_COLUMNS).rows() == EXPECTED_CONVERSATION
    assert (
        from_pages.sort("mention_id").select(KEY_COLUMNS).rows()
        == from_csv.sort("mention_id").select(KEY_COLUMNS).rows()
    )


# --------------------------------------------------------------------------- Facebook

POST1 = "104857600123456_987650000000001"  # the page's disruption update
POST2 = "104857600123456_987650000000002"  # an older page post, commented on today
POST3 = "104857600123456_987650000000003"  # a visitor post on the page
INGRID = "987650000000001_111000000000001"  # top-level comment on POST1
PAGE_REPLY = "987650000000001_111000000000002"  # the page answers Ingrid (parent given)
INGRID_AGAIN = "987650000000001_111000000000003"  # nested reply without a `parent` field
NO_FROM = "987650000000002_111000000000006"  # no `from`: the token could not see who


@pytest.fixture(scope="module")
def facebook_load():
    return _load(FIXTURES, "facebook_feed.json", "facebook_graph")


def test_facebook_counts_order_and_notes(facebook_load):
    stats, mentions, rejected = facebook_load
    # POST1, INGRID, PAGE_REPLY, INGRID_AGAIN, Tomas, POST2, Priya, (no from), POST3
    assert _counts(stats) == (9, 8, 0, 1)
    assert _order(mentions) == [
        POST1,
        INGRID,
        PAGE_REPLY,
        INGRID_AGAIN,
        "987650000000001_111000000000004",
        POST2,
        "987650000000002_111000000000005",
        POST3,
    ]
    (bad,) = rejected.iter_rows(named=True)
    assert (bad["source_record"], bad["field"]) == (8, "author_id")
    assert NO_FROM in bad["raw"]
    # POST1's comment list ends in a `paging.next` link: comments are missing.
    assert any("paging.next" in n for n in stats[0].notes)


def test_facebook_exact_rows(facebook_load):
    _, mentions, _ = facebook_load
    rows = _by_id(mentions)
    assert rows[POST1] == {
        "platform": "facebook",
        "mention_id": POST1,
        "conversation_id": POST1,
        "parent_id": None,
        "author_id": "104857600123456",
        "author_name": "Northwind Air",
        "is_brand": True,
        "kind": "post",
        "created_at": datetime(2024, 5, 14, 7, 45),
        "text": "Update on today's disruption: a crew scheduling system failure has cancelled "
        "41 departures from Oslo. Every affected passenger will be rebooked or refunded. We "
        "will post again at 12:00.",
        "lang": None,
        "reach": None,
        "engagement": 312 + 57 + 9,  # reactions + shares + comments (summary counts)
        "sentiment_export": None,
        "directed_at_brand": False,
        "source_file": "facebook_feed.json",
        "source_record": 1,
        "author_verified": None,
    }
    assert rows[PAGE_REPLY] == {
        "platform": "facebook",
        "mention_id": PAGE_REPLY,
        "conversation_id": POST1,
        "parent_id": INGRID,  # from `parent.id`
        "author_id": "104857600123456",
        "author_name": "Northwind Air",
        "is_brand": True,
        "kind": "reply",
        "created_at": datetime(2024, 5, 14, 8, 5, 40),
        "text": "Hi Ingrid, we're sorry about the wait. Please send us a private message with "
        "your booking reference and we'll rebook you from here.",
        "lang": None,
        "reach": None,
        "engagement": 3,
        "sentiment_export": None,
        "directed_at_brand": False,
        "source_file": "facebook_feed.json",
        "source_record": 3,
        "author_verified": None,
    }
    ingrid = rows[INGRID]  # top-level comment: the post is the parent
    assert (ingrid["parent_id"], ingrid["kind"], ingrid["engagement"]) == (POST1, "reply", 26)
    assert ingrid["directed_at_brand"] is True  # on the brand's own page
    again = rows[INGRID_AGAIN]  # no `parent` field: the comment it is nested in
    assert (again["parent_id"], again["conversation_id"]) == (INGRID, POST1)
    assert rows[POST2]["engagement"] == 45  # reactions only
    visitor = rows[POST3]
    assert (visitor["is_brand"], visitor["kind"], visitor["engagement"]) == (False, "post", None)


def test_facebook_json_lines_of_pages_load_alike(tmp_path: Path, facebook_load):
    """One page per line (as a paging script appends them), a repeated post, a cut line."""
    doc = json.loads((FIXTURES / "facebook_feed.json").read_text(encoding="utf-8"))
    first = {"data": doc["data"][:2], "paging": {"next": "https://graph.facebook.com/..."}}
    second = {"data": doc["data"][2:], "paging": {}}
    again = {"data": doc["data"][2:]}  # POST3 fetched twice
    lines = [json.dumps(first), json.dumps(second), '{"data": [{"id": "1048', json.dumps(again)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats, mentions, rejected = _load(tmp_path, "feed.jsonl", "facebook_graph")
    # 7 records on line 1 (+ the one without `from`), POST3 on line 2, the cut line, POST3.
    assert _counts(stats) == (11, 8, 1, 2)
    cut = rejected.filter(pl.col("source_line") == 3)
    assert cut.select("source_record", "field").rows() == [(10, None)]
    _, single, _ = facebook_load
    cols = [c for c in single.columns if c not in ("source_file",)]
    assert mentions.sort("mention_id").select(cols).rows() == (
        single.sort("mention_id").select(cols).rows()
    )


# --------------------------------------------------------------------------- YouTube

THREAD_A = "UgzA1b2C3d4E5f6G7h84AaABAg"  # Marta's complaint, 3 replies (2 exported)
A_BRAND = THREAD_A + ".A3xQv9mT2kBA3xQv9mT2kB"
A_KELLER = THREAD_A + ".A3xR0aZ7pLcA3xR0aZ7pLc"  # textDisplay only (HTML)
THREAD_B = "UgyB7cD8eF9gH0iJ1kL2mN3o4AaABAg"  # on both pages
THREAD_C = "UgxC5dE6fG7hI8jK9lM0nO1p4AaABAg"
C_BRAND = THREAD_C + ".A3xS1bY8qMdA3xS1bY8qMd"


@pytest.fixture(scope="module")
def youtube_load():
    return _load(FIXTURES, "youtube_comment_threads.json", "youtube")


def test_youtube_counts_order_and_notes(youtube_load):
    stats, mentions, rejected = youtube_load
    # page 1: A, A_BRAND, A_KELLER, B | page 2: B again, C, C_BRAND
    assert _counts(stats) == (7, 6, 1, 0)
    assert rejected.height == 0
    assert _order(mentions) == [THREAD_A, A_BRAND, A_KELLER, THREAD_B, THREAD_C, C_BRAND]
    assert mentions.sort("source_record")["source_record"].to_list() == [1, 2, 3, 4, 6, 7]
    assert any("totalReplyCount" in n for n in stats[0].notes)  # thread A: 3 listed as 2


def test_youtube_exact_rows(youtube_load):
    _, mentions, _ = youtube_load
    rows = _by_id(mentions)
    assert rows[THREAD_A] == {
        "platform": "youtube",
        "mention_id": THREAD_A,
        "conversation_id": THREAD_A,
        "parent_id": None,
        "author_id": "UCm4rt4Fl13s0000000000A1",
        "author_name": "@marta_flies",
        "is_brand": False,
        "kind": "post",
        "created_at": datetime(2024, 5, 14, 12, 1, 9),
        "text": "Three hours on hold and still no rebooking.\nDo better, Northwind.",
        "lang": None,
        "reach": None,
        "engagement": 31 + 3,  # likes + totalReplyCount
        "sentiment_export": None,
        "directed_at_brand": True,
        "source_file": "youtube_comment_threads.json",
        "source_record": 1,
        "author_verified": None,
    }
    brand = rows[A_BRAND]
    assert (brand["parent_id"], brand["conversation_id"]) == (THREAD_A, THREAD_A)
    assert (brand["is_brand"], brand["kind"], brand["engagement"]) == (True, "reply", 4)
    assert brand["created_at"] == datetime(2024, 5, 14, 12, 40)
    # No textOriginal: textDisplay with the link tag dropped and &amp; decoded.
    assert (
        rows[A_KELLER]["text"] == "Same for us & our kids. 1:35 is not what happened at the gate."
    )
    assert rows[THREAD_B]["source_record"] == 4  # the first copy is kept
    assert (rows[C_BRAND]["parent_id"], rows[C_BRAND]["is_brand"]) == (THREAD_C, True)


def test_youtube_pages_as_json_lines_or_one_document(tmp_path: Path, youtube_load):
    pages = json.loads((FIXTURES / "youtube_comment_threads.json").read_text(encoding="utf-8"))
    body = "\n".join(json.dumps(p) for p in pages) + "\n"
    (tmp_path / "threads.jsonl").write_text(body, encoding="utf-8")
    stats, mentions, _ = _load(tmp_path, "threads.jsonl", "youtube")
    assert _counts(stats) == (7, 6, 1, 0)
    _, reference, _ = youtube_load
    cols = [c for c in reference.columns if c != "source_file"]
    # Line 2 starts again at position 1, but file order (line, position) is the same.
    assert mentions.sort("mention_id").select(cols).rows() == (
        reference.sort("mention_id").select(cols).rows()
    )
    (tmp_path / "page1.json").write_text(json.dumps(pages[0], indent=2), encoding="utf-8")
    stats, mentions, _ = _load(tmp_path, "page1.json", "youtube")
    assert _counts(stats) == (4, 4, 0, 0)


# --------------------------------------------------------------------------- Reddit

SUBMISSION = "1cr9x2a"


@pytest.fixture(scope="module")
def reddit_page_load():
    return _load(FIXTURES, "reddit_comments.json", "reddit")


def test_reddit_comments_page_flattens_the_tree(reddit_page_load):
    stats, mentions, _ = reddit_page_load
    assert _counts(stats) == (7, 7, 0, 0)
    # File order: the submission, then depth-first: each comment right after its parent.
    assert _order(mentions) == [
        SUBMISSION,
        "l3x09zz",  # AutoModerator
        "l3x0a01",  # brand, depth 0
        "l3x0b02",  # [deleted], depth 1
        "l3x0c03",  # depth 2
        "l3x0d04",  # brand, depth 3
        "l3x0e05",
    ]
    parents = dict(mentions.select("mention_id", "parent_id").rows())
    assert parents["l3x0d04"] == "l3x0c03" and parents["l3x0c03"] == "l3x0b02"
    assert set(mentions["conversation_id"]) == {SUBMISSION}
    assert any("3 comment(s)" in n for n in stats[0].notes)  # the `more` stub


def test_reddit_exact_rows(reddit_page_load):
    _, mentions, _ = reddit_page_load
    rows = _by_id(mentions)
    assert rows[SUBMISSION] == {
        "platform": "reddit",
        "mention_id": SUBMISSION,
        "conversation_id": SUBMISSION,
        "parent_id": None,
        "author_id": "throwaway_pax_2024",
        "author_name": None,
        "is_brand": False,
        "kind": "post",
        "created_at": datetime(2024, 5, 14, 12, 0),  # created_utc 1715688000.0
        "text": "Northwind cancelled NW212 with no notice - anyone actually got rebooked?\n\n"
        "Been on hold since 8. The app says my booking doesn't exist and the desk at OSL "
        "sends everyone back to the app.",
        "lang": None,
        "reach": None,
        "engagement": 842,
        "sentiment_export": None,
        "directed_at_brand": False,
        "source_file": "reddit_comments.json",
        "source_record": 1,
        "author_verified": None,
    }
    assert rows["l3x0b02"] == {
        "platform": "reddit",
        "mention_id": "l3x0b02",
        "conversation_id": SUBMISSION,
        "parent_id": "l3x0a01",
        "author_id": "[deleted]",
        "author_name": None,
        "is_brand": False,
        "kind": "reply",
        "created_at": datetime(2024, 5, 14, 12, 40),
        "text": "[deleted]",
        "lang": None,
        "reach": None,
        "engagement": 12,
        "sentiment_export": None,
        "directed_at_brand": True,  # answers the brand's comment
        "source_file": "reddit_comments.json",
        "source_record": 4,
        "author_verified": None,
    }
    brand = rows["l3x0d04"]
    assert (brand["is_brand"], brand["kind"], brand["parent_id"]) == (True, "reply", "l3x0c03")
    assert rows["l3x09zz"]["kind"] == "auto_reply"  # AutoModerator's boilerplate
    assert rows["l3x0a01"]["parent_id"] == SUBMISSION  # t3_ prefix dropped


def test_reddit_dump_lines(tmp_path: Path):
    stats, mentions, rejected = _load(FIXTURES, "reddit_dump.ndjson", "reddit")
    # line 1 submission, 2 comment, 3 cut off, 4 [deleted], 5 brand, 6 = line 2, 7 other thread
    assert _counts(stats) == (7, 5, 1, 1)
    (bad,) = rejected.iter_rows(named=True)
    assert (bad["source_record"], bad["source_line"]) == (3, 3)
    rows = _by_id(mentions)
    post = rows["1crb7k2"]
    assert (post["kind"], post["conversation_id"], post["engagement"]) == ("post", "1crb7k2", 96)
    assert post["text"].startswith("Northwind Air refund megathread?\n\nIs anyone")
    first = rows["l3y1a11"]  # created_utc as a string; the first copy (record 2) is kept
    assert (first["created_at"], first["source_record"]) == (datetime(2024, 5, 14, 15, 20), 2)
    assert (first["parent_id"], first["conversation_id"]) == ("1crb7k2", "1crb7k2")
    deleted = rows["l3y1c13"]  # created_utc as a float
    assert (deleted["author_id"], deleted["text"]) == ("[deleted]", "[removed]")
    assert deleted["created_at"] == datetime(2024, 5, 14, 15, 40)
    assert rows["l3y1d14"]["is_brand"] is True
    other = rows["l3y2a21"]  # its submission is not in the dump: still its own thread
    assert (other["parent_id"], other["conversation_id"]) == ("1crc000", "1crc000")


def test_reddit_things_per_line_and_other_kinds(tmp_path: Path):
    lines = [
        json.dumps(
            {
                "kind": "t1",
                "data": {
                    "name": "t1_abc12",
                    "link_id": "t3_xyz9",
                    "parent_id": "t3_xyz9",
                    "author": "someone",
                    "body": "hello",
                    "created_utc": 1715688000,
                    "subreddit": "travel",
                },
            }
        ),
        json.dumps({"kind": "t5", "data": {"id": "2qh41", "display_name": "travel"}}),
    ]
    (tmp_path / "things.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats, mentions, rejected = _load(tmp_path, "things.ndjson", "reddit")
    assert _counts(stats) == (2, 1, 0, 1)
    assert mentions.select("mention_id", "parent_id", "conversation_id").rows() == [
        ("abc12", "xyz9", "xyz9")  # id from `name` without its prefix
    ]
    assert rejected.select("source_record", "field").rows() == [(2, "kind")]


# --------------------------------------------------------------------------- detection

FIXTURE_FORMATS = {
    "twarc2_pages.jsonl": "twarc2",
    "facebook_feed.json": "facebook_graph",
    "youtube_comment_threads.json": "youtube",
    "reddit_comments.json": "reddit",
    "reddit_dump.ndjson": "reddit",
}


@pytest.mark.parametrize(("name", "fmt"), sorted(FIXTURE_FORMATS.items()))
def test_auto_detects_each_fixture(name: str, fmt: str):
    assert detect(FIXTURES / name, name).name == fmt
    stats, mentions, _ = _load(FIXTURES, name, "auto")
    assert stats[0].format == fmt
    assert mentions.height == stats[0].loaded > 0


OTHER_FILES = {
    "twcs.csv": "tweet_id,author_id,inbound,created_at,text,response_tweet_id,"
    "in_response_to_tweet_id\n1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,hi,,2\n",
    "generic.jsonl": '{"id": "1", "created_at": "2024-05-14T10:00:00Z", "text": "hi", '
    '"author": "x"}\n',
    "flattened_tweets.jsonl": '{"id": "1", "author_id": "2", "conversation_id": "1", '
    '"created_at": "2024-05-14T10:00:00.000Z", "text": "x", "__twarc": {}}\n',
    "escaped_keys.jsonl": '{"id": "1", "text": "say \\"subreddit\\": \\"created_utc\\": '
    '\\"topLevelComment\\": hi", "created_at": "2024-05-14T10:00:00Z"}\n',
}


@pytest.mark.parametrize("name", sorted(OTHER_FILES))
def test_sniffers_leave_other_formats_alone(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_text(OTHER_FILES[name], encoding="utf-8")
    first = head(path)
    assert [m.ADAPTER.name for m in ADAPTER_MODULES if m.sniff(first, path)] == []


def test_each_sniffer_accepts_only_its_own_fixtures():
    for name, fmt in FIXTURE_FORMATS.items():
        path = FIXTURES / name
        hits = [m.ADAPTER.name for m in ADAPTER_MODULES if m.sniff(head(path), path)]
        assert hits == [fmt], name
    assert set(MY_FORMATS) <= set(adapters())


def test_check_accepts_its_format_and_refuses_another(tmp_path: Path):
    import duckdb

    con = duckdb.connect()
    try:
        for module in ADAPTER_MODULES:
            own = [n for n, f in FIXTURE_FORMATS.items() if f == module.ADAPTER.name]
            for name in own:
                module.check(con, FIXTURES / name, name, None)
            other = next(n for n, f in FIXTURE_FORMATS.items() if f != module.ADAPTER.name)
            with pytest.raises(InputError, match="does not look like"):
                module.check(con, FIXTURES / other, other, None)
    finally:
        con.close()


@pytest.mark.parametrize("fmt", MY_FORMATS)
def test_unreadable_files_are_input_errors(tmp_path: Path, fmt: str):
    (tmp_path / "empty.json").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        _load(tmp_path, "empty.json", fmt)
    cut = (FIXTURES / "reddit_comments.json").read_text(encoding="utf-8")[:3000]
    (tmp_path / "cut.json").write_text(cut, encoding="utf-8")  # a pretty document, cut off
    with pytest.raises(InputError, match="cut off"):
        _load(tmp_path, "cut.json", fmt)
