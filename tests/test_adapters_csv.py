"""The CSV export adapters (twarc-csv, Brandwatch, Talkwalker, Meltwater, Sprout Social).

The fixtures in ``tests/fixtures/formats`` were written by hand from the tools' documented
layouts: one small crisis (FjordAir cancels flight FA123 from Bergen on 9 March 2026) as
each tool exports it, with a few broken records in every file (a date that does not
exist, a record with no id, a line with the wrong number of fields, a repeated record).
Every file is loaded the way a run loads it (validate_params -> open_store ->
load_inputs -> finalize_mentions) and the expected values were worked out by hand in the
comments beside them.
"""

from __future__ import annotations

import codecs
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

import toolkit.loaders.listening
import toolkit.loaders.twarc_csv
from toolkit.loaders import InputError, LoadStats, load_inputs, preflight
from toolkit.loaders.registry import adapters, detect, head
from toolkit.params import validate_params
from toolkit.store import finalize_mentions, frame, open_store

listening = toolkit.loaders.listening
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
BRAND = ["FjordAirHelp", "FjordAir", "fjordair"]
ACCOUNTS = {p: BRAND for p in ("twitter", "facebook", "instagram", "youtube", "reddit", "other")}
MY_FORMATS = ("twarc_csv", "brandwatch", "talkwalker", "meltwater", "sprout")
FILES = {
    "twarc_csv": "twarc_csv.csv",
    "brandwatch": "brandwatch_mentions.csv",
    "talkwalker": "talkwalker.csv",
    "meltwater": "meltwater_utf16.tsv",
    "sprout": "sprout_messages.csv",
}
ZONES = {"meltwater": "Europe/Oslo", "sprout": "America/New_York"}  # the exporting account's
TWCS_SAMPLE = (
    "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
    "1,FjordAirHelp,False,Mon Mar 09 08:02:45 +0000 2026,@115712 sorry to hear,,2\n"
    "2,115712,True,Mon Mar 09 07:40:12 +0000 2026,@FjordAirHelp flight cancelled,1,\n"
)


def _load(
    name: str, fmt: str, base: Path = FIXTURES, **spec
) -> tuple[list[LoadStats], pl.DataFrame, pl.DataFrame]:
    """Load one file through the real pipeline; return stats, mentions, rejected."""
    params = validate_params(
        {
            "incident": {"name": "FjordAir FA123", "brand": "FjordAir", "accounts": ACCOUNTS},
            "inputs": {"mentions": [{"path": name, "format": fmt, **spec}]},
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


def _fixture(fmt: str, **spec) -> tuple[list[LoadStats], pl.DataFrame, pl.DataFrame]:
    if fmt in ZONES:
        spec.setdefault("timezone", ZONES[fmt])
    return _load(FILES[fmt], fmt, **spec)


@pytest.fixture(scope="module")
def loaded() -> dict[str, tuple[list[LoadStats], pl.DataFrame, pl.DataFrame]]:
    return {fmt: _fixture(fmt) for fmt in MY_FORMATS}


def _row(mentions: pl.DataFrame, mention_id: str) -> dict:
    (row,) = mentions.filter(pl.col("mention_id") == mention_id).iter_rows(named=True)
    return row


def _check(row: dict, **expected) -> None:
    """The row has these values (floats to 1e-9: -4 / 5 is not exactly -0.8)."""
    got = {k: row[k] for k in expected}
    want = {k: pytest.approx(v) if isinstance(v, float) else v for k, v in expected.items()}
    assert got == want, row


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("fmt", "counts"),
    [
        # 11 records: 3 broken (bad date, no id, 82 fields), record 9 repeats record 2
        ("twarc_csv", (11, 7, 1, 3)),
        # 13 records below 6 metadata lines + header: 3 broken, record 12 = record 2
        # (the same mention matched a second query)
        ("brandwatch", (13, 9, 1, 3)),
        # 12 records: 4 broken (bad date, sentiment 9, no URL, 6 of 16 fields); 11 = 1
        ("talkwalker", (12, 7, 1, 4)),
        # 10 records: 3 broken (31 February, no Tweet Id nor URL, stray tab); 9 = 2
        ("meltwater", (10, 6, 1, 3)),
        # 12 records: 3 broken (7:61 PM, no Message ID nor Link, 13 fields); 11 = 1
        ("sprout", (12, 8, 1, 3)),
    ],
)
def test_counts_balance(loaded, fmt, counts):
    stats, mentions, rejected = loaded[fmt]
    (s,) = stats
    assert (s.read, s.loaded, s.duplicates, s.rejected) == counts
    assert s.balanced
    assert s.format == fmt
    assert mentions.height == s.loaded
    assert rejected.height == s.rejected
    assert set(rejected["source_file"]) == {FILES[fmt]}


# --------------------------------------------------------------------------- rejections

# (record, field, physical line or None, words in the reason)
REJECTIONS = {
    "twarc_csv": [
        (6, "created_at", None, "not a recognised date-time: 2026-03-09 soon"),
        (7, "mention_id", None, "the record has no id"),
        (8, None, 9, "unreadable CSV record (TOO MANY COLUMNS"),  # line 9 = header + 8
    ],
    "brandwatch": [
        (9, "created_at", None, "not a recognised date-time: 2026-03-32 10:00:00.0"),
        (10, "mention_id", None, "the record has no id"),
        # 5 metadata lines, a blank line, the header (line 7): record 11 is line 18
        (11, None, 18, "unreadable CSV record (TOO MANY COLUMNS"),
    ],
    "talkwalker": [
        (7, "created_at", None, "not a recognised date-time: 2026-13-01T00:00:00Z"),
        (8, "sentiment", None, "talkwalker sentiment is a number from -5 to 5, got 9"),
        (9, "mention_id", None, "the record has no id"),
        (10, "reach", 11, "unreadable CSV record (MISSING COLUMNS"),
    ],
    "meltwater": [
        (6, "created_at", None, "not a recognised date-time: 31-Feb-2026 10:00AM"),
        (7, "mention_id", None, "the record has no id"),
        # the stray tab pushed "FjordAir" into Tweet Id; DuckDB dropped the two surplus
        # empty fields at the end of the line without a word, so the shape check catches it
        (8, "Tweet Id", None, "not a post id: FjordAir (a field may be shifted"),
    ],
    "sprout": [
        (8, "created_at", None, "not a recognised date-time: 03/09/2026 7:61 PM"),
        (9, "mention_id", None, "the record has no id"),
        (10, None, 11, "unreadable CSV record (TOO MANY COLUMNS"),
    ],
}


@pytest.mark.parametrize("fmt", MY_FORMATS)
def test_broken_records_are_rejected_with_reason_and_record_number(loaded, fmt):
    _, mentions, rejected = loaded[fmt]
    got = sorted(rejected.iter_rows(named=True), key=lambda r: r["source_record"])
    assert len(got) == len(REJECTIONS[fmt])
    for row, (record, field, line, words) in zip(got, REJECTIONS[fmt], strict=True):
        assert row["source_record"] == record, row
        assert row["field"] == field, row
        assert row["source_line"] == line, row
        assert words in row["reason"], row
        assert row["raw"], row  # the record as read, shown next to the reason
    # the records after the broken ones loaded, with their true record numbers
    last = max(r[0] for r in REJECTIONS[fmt])
    assert mentions["source_record"].max() > last
    assert not set(mentions["source_record"]) & {r[0] for r in REJECTIONS[fmt]}


# --------------------------------------------------------------------------- twarc-csv

T = "1765432109876543"


def test_twarc_csv_rows(loaded):
    _, m, _ = loaded["twarc_csv"]
    _check(
        _row(m, T + "201"),
        platform="twitter",
        conversation_id=T + "201",
        parent_id=None,
        author_id="maria_k",  # author.username, not the numeric author_id 2244668801
        author_name="Maria Kvam",
        is_brand=False,
        kind="post",
        created_at=datetime(2026, 3, 9, 7, 40, 12),  # 2026-03-09T07:40:12.000Z
        lang="en",
        reach=812,  # author.public_metrics.followers_count "812.0"
        engagement=22,  # 14 likes + 5 retweets + 2 replies + 1 quote
        sentiment_export=None,
        directed_at_brand=True,  # @FjordAirHelp in the text
        source_record=1,
    )
    _check(
        _row(m, T + "202"),
        conversation_id=T + "201",
        parent_id=T + "201",  # referenced_tweets.replied_to.id
        author_id="FjordAirHelp",
        is_brand=True,
        kind="reply",
        created_at=datetime(2026, 3, 9, 8, 2, 45),
        reach=48210,
        engagement=4,  # 3 + 0 + 1 + 0
        directed_at_brand=False,
        source_record=2,  # the first of the two copies (record 9)
    )
    # a retweet: kind share; its metrics are the original's (merged by twarc-csv): none
    _check(_row(m, T + "203"), kind="share", parent_id=None, engagement=None, reach=15400)
    # the quote tweet says something new: a post of its own
    _check(_row(m, T + "204"), kind="post", parent_id=None, engagement=7)
    # twarc-csv wrote the newline as the two characters \n
    _check(
        _row(m, T + "205"),
        text="@FjordAirHelp Done.\nStill no answer after an hour though \U0001f620",
        parent_id=T + "202",
        conversation_id=T + "201",
        kind="reply",
    )
    _check(_row(m, T + "210"), lang=None, source_record=10)  # "und": no language
    _check(_row(m, T + "211"), lang="no", parent_id=T + "210", is_brand=True)
    assert m.schema["mention_id"] == pl.String


# The same 6-tweet conversation as twarc-csv and as twarc2 pages must give these canonical
# rows (all columns but source_file and source_record), with the brand accounts ACCOUNTS.
C = "17660000000000001"
SAME_CONVERSATION_COLUMNS = (
    "platform",
    "mention_id",
    "conversation_id",
    "parent_id",
    "author_id",
    "author_name",
    "is_brand",
    "kind",
    "created_at",
    "text",
    "lang",
    "reach",
    "engagement",
    "sentiment_export",
    "directed_at_brand",
)
SAME_CONVERSATION_ROWS = [
    # sofie_l asks about her bag: @FjordAirHelp in the text, so directed at the brand;
    # engagement 2 replies + 4 likes; reach = her 356 followers
    (
        "twitter", C + "00", C + "00", None, "sofie_l", "Sofie Lund", False, "post",
        datetime(2026, 3, 10, 6, 55, 3),
        "@FjordAirHelp my bag didn't arrive in Bergen. Flight FA456, tag FJ884213. Any news?",
        "en", 356, 6, None, True,
    ),
    (
        "twitter", C + "01", C + "00", C + "00", "FjordAirHelp", "FjordAir Help", True, "reply",
        datetime(2026, 3, 10, 7, 31, 40),
        "@sofie_l Sorry to hear that, Sofie! We've traced the bag: it's on the 10:40 flight "
        "and will be delivered tonight.",
        "en", 48210, 3, None, False,
    ),
    # per_aas answers sofie_l, not the brand, in a thread she started: not directed
    (
        "twitter", C + "02", C + "00", C + "00", "per_aas", "Per Aas", False, "reply",
        datetime(2026, 3, 10, 7, 45, 0),
        '@sofie_l same, lost mine on FA456 too. "Delivered tonight" they said last week, too.',
        "en", 1290, 1, None, False,
    ),
    (
        "twitter", C + "03", C + "00", C + "01", "sofie_l", "Sofie Lund", False, "reply",
        datetime(2026, 3, 10, 7, 52, 18),
        "@FjordAirHelp Thank you!\nWill someone call before delivery?",
        "en", 356, 1, None, True,
    ),
    (
        "twitter", C + "04", C + "00", C + "03", "FjordAirHelp", "FjordAir Help", True, "reply",
        datetime(2026, 3, 10, 8, 5, 0),
        "@sofie_l Yes, the courier calls 30 minutes before. \U0001f642",
        "en", 48210, 1, None, False,
    ),
    (
        "twitter", C + "05", C + "00", C + "04", "per_aas", "Per Aas", False, "reply",
        datetime(2026, 3, 10, 8, 20, 9),
        "@FjordAirHelp @sofie_l and what about my bag? Ref FJ884377",
        "en", 1290, 0, None, True,
    ),
]  # fmt: skip


def test_same_conversation_as_twarc_csv_gives_the_expected_canonical_rows():
    stats, mentions, rejected = _load("same_conversation_twarc.csv", "twarc_csv")
    assert (stats[0].read, stats[0].loaded, rejected.height) == (6, 6, 0)
    got = [
        tuple(r[c] for c in SAME_CONVERSATION_COLUMNS)
        for r in mentions.sort("mention_id").iter_rows(named=True)
    ]
    assert got == SAME_CONVERSATION_ROWS


def test_twarc_csv_older_layout_with_a_referenced_tweets_json_column(tmp_path):
    # twarc-csv before 0.5 wrote referenced_tweets as one JSON list (see its small_sample.csv)
    (tmp_path / "old.csv").write_text(
        "id,created_at,text,author_id,conversation_id,referenced_tweets,"
        "public_metrics.like_count,author.username\n"
        '11,2026-03-09T07:40:12.000Z,"@FjordAirHelp hi",501,11,,2,anna\n'
        '12,2026-03-09T07:50:00.000Z,"@anna hello",99000111,11,'
        '"[{""type"": ""replied_to"", ""id"": ""11""}]",0,FjordAirHelp\n'
        '13,2026-03-09T08:00:00.000Z,"@FjordAirHelp hi",502,13,'
        '"[{""type"": ""retweeted"", ""id"": ""11""}]",2,bob\n',
        encoding="utf-8",
    )
    stats, m, rejected = _load("old.csv", "twarc_csv", base=tmp_path)
    assert (stats[0].loaded, rejected.height) == (3, 0)
    _check(_row(m, "12"), parent_id="11", kind="reply", is_brand=True, engagement=0)
    _check(_row(m, "13"), parent_id=None, kind="share", engagement=None)


def test_twarc_csv_without_an_id_column_is_refused_naming_it(tmp_path):
    (tmp_path / "noid.csv").write_text(
        "tweet,created_at,text,author_id,public_metrics.like_count\n1,x,y,z,0\n"
    )
    with pytest.raises(InputError) as info:
        _load("noid.csv", "twarc_csv", base=tmp_path)
    assert info.value.field == "id"
    assert "noid.csv" in str(info.value)


# --------------------------------------------------------------------------- Brandwatch

B = "239458"


def test_brandwatch_rows(loaded):
    _, m, _ = loaded["brandwatch"]
    _check(
        _row(m, B + "11245"),  # Resource Id
        platform="twitter",  # Page Type twitter
        author_id="maria_k",
        author_name="Maria Kvam",
        kind="post",
        created_at=datetime(2026, 3, 9, 7, 40, 12),  # "2026-03-09 07:40:12.0", UTC
        sentiment_export=-1.0,  # negative
        reach=2035,  # Reach (new), before Twitter Followers
        engagement=21,  # Twitter Likes 14 + Retweets 5 + Replies 2
        lang="en",
        directed_at_brand=True,
    )
    # "Twitter Reply to" https://x.com/maria_k/status/...201 is the URL of record 1
    # (https://twitter.com/maria_k/status/...201): its Resource Id becomes the parent
    _check(
        _row(m, B + "11377"),
        parent_id=B + "11245",
        conversation_id=B + "11245",
        kind="reply",
        is_brand=True,
        sentiment_export=0.0,
        reach=12050,
        engagement=4,
        source_record=2,  # not record 12, its copy from the second query
    )
    # "Twitter Retweet of" filled (http://twitter.com/.../statuses/...): a share
    _check(_row(m, B + "11402"), kind="share", parent_id=None, platform="twitter")
    _check(_row(m, B + "12019"), platform="reddit", author_id="bergenflyer", author_name=None)
    _check(_row(m, B + "12233"), platform="reddit", kind="reply", sentiment_export=1.0)
    # a news item has no author: the site stands in
    _check(_row(m, B + "13001"), platform="other", author_id="nrk.no", lang="no", reach=250000)
    _check(_row(m, B + "13555"), platform="forum", sentiment_export=0.0)  # mixed
    _check(_row(m, B + "14120"), platform="facebook", author_id="Line Berg", kind="reply")
    _check(
        _row(m, B + "15010"),
        platform="instagram",
        sentiment_export=None,  # "unclassified"
        created_at=datetime(2026, 3, 10, 6, 58, 10),
        source_record=13,
    )


def test_brandwatch_header_is_found_below_the_metadata_lines():
    found = listening.find_header(head(FIXTURES / FILES["brandwatch"]), listening.BRANDWATCH, True)
    assert found is not None
    assert (found.skip, found.delim, found.encoding) == (6, ",", None)
    assert found.columns[:3] == ["Query Id", "Query Name", "Date"]


# --------------------------------------------------------------------------- Talkwalker


def test_talkwalker_rows_take_the_url_as_id_and_map_sentiment(loaded):
    _, m, _ = loaded["talkwalker"]
    maria = "https://twitter.com/maria_k/status/1765432109876543201"
    # no id column in a Talkwalker CSV: the URL is the mention id
    _check(
        _row(m, maria),
        platform="twitter",  # source_type SOCIALMEDIA_TWITTER
        created_at=datetime(2026, 3, 9, 7, 40, 12),  # published 1773042012000 (epoch ms)
        author_id="maria_k",  # author_nickname "@maria_k" without the @
        author_name="Maria Kvam",
        sentiment_export=-0.8,  # -4 on -5..5
        reach=812,
        engagement=22,
        directed_at_brand=True,
        source_record=1,
    )
    _check(
        _row(m, "https://twitter.com/FjordAirHelp/status/1765432109876543202"),
        parent_id=maria,  # parent_url, found in the file
        conversation_id=maria,
        kind="reply",
        is_brand=True,
        sentiment_export=0.0,
    )
    # the video is not in the export: its URL stays the parent and the thread root
    video = "https://www.youtube.com/watch?v=Xy12AbCdEf"
    _check(
        _row(m, video + "&lc=UgzAbc123xyz"),
        platform="youtube",
        parent_id=video,
        conversation_id=video,
        kind="reply",
        sentiment_export=-0.4,  # -2
        created_at=datetime(2026, 3, 9, 11, 47),
        reach=None,
    )
    _check(
        _row(m, "https://reiseliv.blogspot.com/2026/03/fjordair-og-kompensasjon.html"),
        platform="forum",  # BLOG
        sentiment_export=0.6,  # 3
        author_id="Reiseliv-bloggen",  # no nickname: the display name
    )
    _check(
        _row(m, "https://www.flyprat.no/forum/threads/fjordair-fa123.48211/post-913380"),
        platform="forum",  # MESSAGEBOARD
        lang="no",
    )
    _check(
        _row(m, "https://www.nrk.no/vestland/fjordair-innstiller-flere-avganger-1.16789012"),
        platform="other",  # ONLINENEWS
        author_id="Kari Nordmann",
        reach=1250000,
    )


def test_talkwalker_with_a_sentiment_range_in_the_parameters_is_not_mapped_twice():
    _, m, _ = _fixture("talkwalker", sentiment_range=[-5, 5])
    maria = "https://twitter.com/maria_k/status/1765432109876543201"
    assert _row(m, maria)["sentiment_export"] == pytest.approx(-0.8)  # -4, mapped once


# --------------------------------------------------------------------------- Meltwater


def test_meltwater_utf16_rows_in_the_accounts_time_zone(loaded):
    stats, m, _ = loaded["meltwater"]
    assert "transcoded from UTF-16 to UTF-8" in stats[0].notes
    assert stats[0].repaired == 2  # the bare CR in Opening Text and in Hit Sentence
    _check(
        _row(m, T + "201"),  # Tweet Id
        platform="twitter",  # Source Twitter
        created_at=datetime(2026, 3, 9, 7, 40),  # 09-Mar-2026 08:40AM in Oslo (UTC+1)
        author_id="maria_k",  # Twitter Screen Name
        sentiment_export=-1.0,
        reach=812,
        engagement=22,
        lang="en",  # English
    )
    _check(_row(m, T + "202"), is_brand=True, reach=48210)  # Reach "48,210"
    _check(_row(m, T + "203"), kind="share")  # "RT @maria_k: ..." on X
    news = "https://www.nrk.no/vestland/fjordair-innstiller-flere-avganger-1.16789012"
    _check(
        _row(m, news),  # no Tweet Id: the URL is the id
        platform="other",  # Source NRK
        created_at=datetime(2026, 3, 9, 10, 15),  # Date 09-Mar-2026, Time 11:15 AM, Oslo
        author_id="Kari Nordmann",
        reach=1250000,  # "1,250,000"
        sentiment_export=None,  # Not Rated
        lang="no",  # Norwegian
        text="Flyselskapet FjordAir innstilte mandag morgen tre avganger fra Bergen "
        "på grunn av mannskapsmangel.",  # the bare CR became a space
    )
    reddit = "https://www.reddit.com/r/Norway/comments/1b9xk2q/fjordair_cancelled_fa123_again/"
    _check(_row(m, reddit), platform="reddit", reach=None, engagement=31)  # Reach "N/A"
    fb = "https://www.facebook.com/FjordAir/posts/pfbid02kXyZ?comment_id=88123"
    _check(_row(m, fb), platform="facebook", directed_at_brand=True)


def test_meltwater_transcoding_is_streamed_in_chunks(tmp_path, monkeypatch):
    # chunks of 7 bytes split characters, the BOM and CRLF pairs: the copy must not care
    text = "Date\tHeadline\tURL\r\n09-Mar-2026 08:40AM\tøæå \r ok\thttps://a.no/1\r\n"
    src = tmp_path / "mw.tsv"
    src.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    monkeypatch.setattr(listening, "CHUNK", 7)
    stats = LoadStats(file="mw.tsv", format="meltwater", platform="other")
    out = listening._prepare(src, tmp_path, "utf-16", stats)
    assert out != src
    assert out.read_bytes().decode("utf-8") == text.replace(" \r ", "   ")
    assert stats.repaired == 1


def test_meltwater_loads_the_same_with_tiny_read_chunks(monkeypatch):
    monkeypatch.setattr(listening, "CHUNK", 13)
    stats, mentions, _ = _fixture("meltwater")
    assert (stats[0].read, stats[0].loaded, stats[0].rejected) == (10, 6, 3)
    assert mentions.height == 6


# --------------------------------------------------------------------------- Sprout


def test_sprout_rows(loaded):
    _, m, _ = loaded["sprout"]
    _check(
        _row(m, T + "201"),  # Message ID
        platform="twitter",
        created_at=datetime(2026, 3, 9, 7, 40),  # 03/09/2026 03:40 AM New York (EDT, UTC-4)
        author_id="maria_k",  # From "@maria_k"
        author_name="Maria Kvam",
        sentiment_export=-1.0,
        is_brand=False,
    )
    # From = Profile: the brand's own message, whatever the accounts say
    _check(_row(m, T + "202"), is_brand=True, kind="reply", directed_at_brand=False)
    # a direct message is directed at the brand though it names no @handle
    _check(
        _row(m, "1765432110000000001"),
        kind="post",
        directed_at_brand=True,
        created_at=datetime(2026, 3, 9, 8, 11),
    )
    _check(_row(m, "1029384756_88177"), platform="facebook", is_brand=True, kind="reply")
    _check(_row(m, "18012345678901234"), platform="instagram", sentiment_export=None, lang="no")
    _check(_row(m, "7171717171717171717"), platform="other", kind="reply")  # LinkedIn


def test_sprout_with_an_explicit_timestamp_format():
    _, m, rejected = _fixture("sprout", timestamp_format="%m/%d/%Y %I:%M %p")
    assert _row(m, T + "201")["created_at"] == datetime(2026, 3, 9, 7, 40)
    assert rejected.filter(pl.col("field") == "created_at").height == 1  # 7:61 PM still


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize("fmt", MY_FORMATS)
def test_format_auto_picks_the_adapter(fmt):
    assert detect(FIXTURES / FILES[fmt], FILES[fmt]).name == fmt


def test_format_auto_loads_like_the_named_format(loaded):
    stats, mentions, _ = _load(FILES["brandwatch"], "auto")
    assert stats[0].format == "brandwatch"
    assert mentions.height == loaded["brandwatch"][1].height


def test_no_adapter_of_mine_accepts_another_file(tmp_path):
    (tmp_path / "twcs.csv").write_text(TWCS_SAMPLE)
    others = [tmp_path / "twcs.csv"] + [
        p for p in FIXTURES.iterdir() if p.is_file() and p.name not in FILES.values()
    ]
    for fmt in MY_FORMATS:
        sniff = adapters()[fmt].sniff
        assert sniff is not None
        for path in [FIXTURES / f for f in FILES.values()] + others:
            mine = path.name == FILES[fmt] or (
                fmt == "twarc_csv" and path.name == "same_conversation_twarc.csv"
            )
            assert sniff(head(path), path) == mine, (fmt, path.name)
    assert detect(tmp_path / "twcs.csv", "twcs.csv").name == "twcs"


def test_same_conversation_file_is_detected_as_twarc_csv():
    path = FIXTURES / "same_conversation_twarc.csv"
    assert detect(path, path.name).name == "twarc_csv"


def test_check_refuses_a_file_of_another_tool_naming_what_is_missing(tmp_path):
    params = validate_params(
        {
            "incident": {"name": "x", "brand": "FjordAir", "accounts": ACCOUNTS},
            "inputs": {"mentions": [{"path": FILES["sprout"], "format": "brandwatch"}]},
        },
        base_dir=FIXTURES,
    )
    with pytest.raises(InputError) as info:
        preflight(params, base=FIXTURES)
    assert info.value.field == "format"
    assert "Brandwatch" in str(info.value)
    assert "Full Text" in str(info.value) or "full text" in str(info.value)


def test_listening_columns_match_case_insensitively(tmp_path):
    # lower-cased header, columns in another order, a "Snippet" instead of "Full Text"
    (tmp_path / "bw.csv").write_text(
        '"Report:","Mentions"\n\n'
        "url,date,snippet,author,page type,sentiment,resource id\n"
        "https://twitter.com/a/status/5,2026-03-09 07:40:12.0,hello @FjordAirHelp,@a,"
        "twitter,POSITIVE,77\n",
        encoding="utf-8",
    )
    stats, m, rejected = _load("bw.csv", "auto", base=tmp_path)
    assert (stats[0].format, stats[0].loaded, rejected.height) == ("brandwatch", 1, 0)
    _check(_row(m, "77"), author_id="a", text="hello @FjordAirHelp", sentiment_export=1.0)


def test_an_empty_listening_file_is_refused(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputError) as info:
        _load("empty.csv", "sprout", base=tmp_path)
    assert "empty" in str(info.value)


def test_platform_rules():
    con = open_store()
    try:
        cases = {
            ("twitter", None): "twitter",
            ("X", None): "twitter",
            ("SOCIALMEDIA_TWITTER", None): "twitter",
            (None, "https://x.com/a/status/1"): "twitter",
            ("Facebook Comment", None): "facebook",
            (None, "https://m.facebook.com/x"): "facebook",
            ("SOCIALMEDIA_YOUTUBE", None): "youtube",
            (None, "https://youtu.be/abc"): "youtube",
            ("reddit", None): "reddit",
            ("Instagram", None): "instagram",
            ("forum", None): "forum",
            ("BLOG", None): "forum",
            ("MESSAGEBOARD", None): "forum",
            ("news", "https://www.nrk.no/a"): "other",
            ("LinkedIn", None): "other",
            ("NRK", "https://www.reddit.com/r/x"): "reddit",  # the URL when the value is silent
            ("Xing", None): "other",
        }
        sql = f"SELECT {listening.platform_sql('$n::VARCHAR', '$u::VARCHAR')}"
        for (network, url), want in cases.items():
            got = con.execute(sql, {"n": network, "u": url}).fetchone()[0]
            assert got == want, (network, url)
    finally:
        con.close()


def test_a_platform_named_in_the_parameters_holds_for_the_whole_listening_file():
    _, m, _ = _fixture("sprout", platform="twitter")
    assert set(m["platform"]) == {"twitter"}
    _, m, _ = _fixture("sprout")
    assert set(m["platform"]) == {"twitter", "facebook", "instagram", "youtube", "other"}
