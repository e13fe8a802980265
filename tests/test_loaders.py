"""Loaders on small hand-made files: every quirk of a real export, one at a time.

Each file is written into pytest's tmp_path and loaded the way a run loads it
(validate_params -> open_store -> load_inputs -> finalize_mentions). Expected values are
worked out by hand in the comment beside them.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from toolkit.loaders import InputError, LoadStats, load_inputs, preflight
from toolkit.params import Params, validate_params
from toolkit.store import finalize_mentions, frame, open_store

TWCS_HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id"


def _params(
    tmp_path: Path,
    mentions: list[dict],
    events: dict | None = None,
    accounts: dict | None = None,
) -> Params:
    inputs: dict = {"mentions": mentions}
    if events is not None:
        inputs["events"] = events
    data = {
        "incident": {
            "name": "Loader test",
            "brand": "Brand",
            "accounts": accounts or {"twitter": ["BrandHelp"]},
        },
        "inputs": inputs,
    }
    return validate_params(data, base_dir=tmp_path)


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _load(
    tmp_path: Path, name: str, content: str | bytes, **spec
) -> tuple[list[LoadStats], pl.DataFrame, pl.DataFrame]:
    """Write one mentions file, load it, finalize; return stats, mentions, rejected."""
    _write(tmp_path, name, content)
    spec.setdefault("format", "twcs")
    spec.setdefault("platform", "twitter")  # the accounts in _params are twitter ones
    params = _params(tmp_path, [{"path": name, **spec}])
    con = open_store()
    try:
        stats = load_inputs(con, params, base=tmp_path)
        finalize_mentions(con, params.incident.accounts)
        return stats, frame(con, "mentions"), frame(con, "rejected")
    finally:
        con.close()


def _by_id(mentions: pl.DataFrame) -> dict[str, dict]:
    return {r["mention_id"]: r for r in mentions.iter_rows(named=True)}


def _assert_balanced(stats: list[LoadStats]) -> None:
    for s in stats:
        assert s.read == s.loaded + s.duplicates + s.rejected, s
        assert s.balanced, s


# --------------------------------------------------------------------------- twcs layout

T_BRAND = "Tue Oct 31 22:10:47 +0000 2017"
T_CUST = "Tue Oct 31 22:08:27 +0000 2017"
T_LATER = "Tue Oct 31 22:11:45 +0000 2017"

# Records (1-based, header excluded) and the physical lines they sit on:
#   rec 1 (line 2): brand reply 1 -> parent "3.0"; response_tweet_id is a quoted comma list
#   rec 2 (line 3): customer tweet id "3.0", two bare CRs in the unquoted text
#   rec 3 (lines 4-5): customer tweet 2, quoted text with an embedded newline, parent "1.0"
#   rec 4 (line 6): tweet 5 with an unparseable created_at  -> rejected, record 4 (not line 6)
#   rec 5 (line 7): 19-digit id
#   rec 6 (lines 8-9): exact duplicate of rec 3            -> counted as duplicate
#   rec 7 (line 10): brand tweet 4, parent "1.0"
TWCS_FILE = (
    TWCS_HEADER + "\n"
    f'1,BrandHelp,False,{T_BRAND},@115712 happy to help,"2,4",3.0\n'
    f"3.0,115712,True,{T_CUST},@BrandHelp my bill\r\ris wrong,1,\n"
    f'2,115712,True,{T_LATER},"@BrandHelp thanks,\nsee you",,1.0\n'
    "5,115713,True,not a date at all,@BrandHelp hello,,\n"
    f"1234567890123456789,115714,True,{T_LATER},@BrandHelp big id,,\n"
    f'2,115712,True,{T_LATER},"@BrandHelp thanks,\nsee you",,1.0\n'
    f"4,BrandHelp,False,{T_LATER},@115712 anytime,,1.0\n"
)


@pytest.fixture
def twcs_loaded(tmp_path):
    return _load(tmp_path, "twcs.csv", TWCS_FILE)


def test_twcs_counts_balance(twcs_loaded):
    stats, mentions, rejected = twcs_loaded
    (s,) = stats
    # 7 records; 1 rejected (bad date), 1 exact duplicate, 5 distinct good ones
    assert (s.read, s.loaded, s.duplicates, s.rejected) == (7, 5, 1, 1)
    _assert_balanced(stats)
    assert mentions.height == 5
    assert rejected.height == 1


def test_twcs_float_written_ids_become_integers(twcs_loaded):
    _, mentions, _ = twcs_loaded
    rows = _by_id(mentions)
    assert "3" in rows and "3.0" not in rows  # tweet_id written as "3.0"
    assert rows["1"]["parent_id"] == "3"  # in_response_to_tweet_id "3.0"
    assert rows["2"]["parent_id"] == "1"  # "1.0"
    assert rows["4"]["parent_id"] == "1"
    # parents rebuilt from in_response_to: 3 <- 1 <- {2, 4}, all in conversation "3"
    assert {rows[i]["conversation_id"] for i in ("1", "2", "3", "4")} == {"3"}


def test_twcs_comma_list_in_response_tweet_id_is_ignored(twcs_loaded):
    _, mentions, _ = twcs_loaded
    rows = _by_id(mentions)
    # record 1 carries response_tweet_id "2,4": it must load as an ordinary brand reply
    assert rows["1"]["text"] == "@115712 happy to help"
    assert rows["1"]["is_brand"] is True
    assert rows["1"]["kind"] == "reply"
    assert not any("," in i for i in rows)


def test_twcs_bare_carriage_returns_are_repaired(twcs_loaded):
    stats, mentions, _ = twcs_loaded
    rows = _by_id(mentions)
    # "my bill\r\ris wrong": each bare CR becomes one space, the record is kept whole
    assert rows["3"]["text"] == "@BrandHelp my bill  is wrong"
    assert rows["3"]["author_id"] == "115712"
    assert stats[0].repaired == 2
    # the quoted embedded newline is kept as text, not treated as a repair
    assert rows["2"]["text"] == "@BrandHelp thanks,\nsee you"


def test_twcs_bad_timestamp_is_rejected_with_record_number_and_run_goes_on(twcs_loaded):
    _, mentions, rejected = twcs_loaded
    (bad,) = rejected.iter_rows(named=True)
    assert bad["field"] == "created_at"
    assert bad["source_record"] == 4  # 4th data record (physical line 6)
    assert bad["source_file"] == "twcs.csv"
    assert "not a date at all" in bad["reason"]
    assert "not a date at all" in bad["raw"]
    rows = _by_id(mentions)
    assert "5" not in rows
    # the records after it (5 and 7) were loaded
    assert {"1234567890123456789", "4"} <= set(rows)
    assert rows["4"]["source_record"] == 7


def test_twcs_exact_duplicate_loaded_once(twcs_loaded):
    stats, mentions, _ = twcs_loaded
    assert mentions.filter(pl.col("mention_id") == "2").height == 1
    assert stats[0].duplicates == 1
    # the first occurrence (record 3) is the one kept
    assert _by_id(mentions)["2"]["source_record"] == 3


def test_twcs_19_digit_id_stays_exact(twcs_loaded):
    _, mentions, _ = twcs_loaded
    row = _by_id(mentions)["1234567890123456789"]
    assert row["text"] == "@BrandHelp big id"
    assert mentions.schema["mention_id"] == pl.String


def test_twcs_brand_from_inbound_and_times_in_utc(twcs_loaded):
    _, mentions, _ = twcs_loaded
    rows = _by_id(mentions)
    assert rows["4"]["is_brand"] is True  # inbound=False
    assert rows["3"]["is_brand"] is False  # inbound=True
    assert rows["3"]["directed_at_brand"] is True
    assert rows["4"]["directed_at_brand"] is False
    # "Tue Oct 31 22:08:27 +0000 2017"
    assert rows["3"]["created_at"] == datetime(2017, 10, 31, 22, 8, 27)


def test_twcs_pandas_index_column_is_tolerated(tmp_path):
    # the head5000 slice: a leading unnamed pandas index column
    content = (
        "," + TWCS_HEADER + "\n"
        f"0,1,BrandHelp,False,{T_BRAND},@115712 hi,2,3.0\n"
        f"1,3,115712,True,{T_CUST},@BrandHelp help,1,\n"
    )
    stats, mentions, rejected = _load(tmp_path, "indexed.csv", content)
    assert (stats[0].read, stats[0].loaded, stats[0].rejected) == (2, 2, 0)
    assert sorted(mentions["mention_id"].to_list()) == ["1", "3"]
    assert _by_id(mentions)["1"]["parent_id"] == "3"
    assert rejected.height == 0


def test_twcs_missing_required_column_raises_naming_it(tmp_path):
    content = (
        "tweet_id,author_id,inbound,created_at,text,in_response_to_tweet_id\n"
        f"1,115712,True,{T_CUST},hello,\n"
    )
    with pytest.raises(InputError) as info:
        _load(tmp_path, "missing.csv", content)
    assert info.value.field == "response_tweet_id"
    assert "response_tweet_id" in str(info.value)
    assert "missing.csv" in str(info.value)


def test_twcs_empty_file_raises(tmp_path):
    with pytest.raises(InputError) as info:
        _load(tmp_path, "empty.csv", b"")
    assert "empty" in str(info.value)


def test_record_numbers_survive_an_unreadable_record_before_them(tmp_path):
    content = (
        TWCS_HEADER + "\n"
        f"1,115712,True,{T_CUST},first,,\n"
        f"2,115712,True,{T_CUST},too,many,columns,here\n"  # record 2: 8 fields, reader rejects
        "3,115712,True,not a date,third,,\n"  # record 3: bad created_at
        f"4,115712,True,{T_CUST},fourth,,\n"  # record 4
    )
    stats, mentions, rejected = _load(tmp_path, "shifted.csv", content)
    assert (stats[0].read, stats[0].loaded, stats[0].rejected) == (4, 2, 2)
    bad_date = rejected.filter(pl.col("field") == "created_at").row(0, named=True)
    assert bad_date["source_record"] == 3  # actual: 2
    assert _by_id(mentions)["4"]["source_record"] == 4  # actual: 3


def test_a_record_short_of_two_columns_is_one_rejected_record(tmp_path):
    content = (
        TWCS_HEADER + "\n"
        f"1,115712,True,{T_CUST},first,,\n"
        f"2,115712,True,{T_CUST},short by two\n"  # 5 of 7 fields
        f"3,115712,True,{T_CUST},third,,\n"
    )
    stats, _, rejected = _load(tmp_path, "short.csv", content)
    # 3 records: 2 loaded, 1 rejected (actual: read 4, rejected 2, two rows in rejected)
    assert (stats[0].read, stats[0].loaded, stats[0].rejected) == (3, 2, 1)
    assert rejected.height == 1


def test_unreadable_record_source_line_is_the_physical_line(tmp_path):
    content = (
        TWCS_HEADER + "\n"  # line 1
        f'1,115712,True,{T_CUST},"two\nmore\nlines",,\n'  # lines 2-4
        f"2,115712,True,{T_CUST},too,many,columns,here\n"  # line 5: reader rejects it
    )
    _, _, rejected = _load(tmp_path, "lines.csv", content)
    (bad,) = rejected.iter_rows(named=True)
    assert "unreadable CSV record" in bad["reason"]
    assert bad["source_line"] == 5  # actual: 3 (header + 2nd CSV row)


def test_record_with_one_surplus_empty_field_is_rejected_not_shifted(tmp_path):
    content = (
        TWCS_HEADER + "\n"
        f"1,115712,True,{T_CUST},first,,\n"
        f"2,115713,True,{T_CUST},hello, world,,\n"  # 8 fields: the comma is not quoted
    )
    stats, mentions, rejected = _load(tmp_path, "surplus.csv", content)
    _assert_balanced(stats)
    # expected: record 2 rejected as unreadable (actual: loaded with text "hello",
    # " world" moved into response_tweet_id, nothing in rejected)
    assert (stats[0].read, stats[0].loaded, stats[0].rejected) == (2, 1, 1)
    assert rejected.height == 1
    assert "2" not in _by_id(mentions)


# --------------------------------------------------------------------------- generic CSV

GENERIC_MAPPING = {
    "mention_id": "id",
    "created_at": "time",
    "text": "body",
    "author_id": "user",
    "reach": "followers",
    "sentiment": "tone",
}


def test_generic_csv_mapping_sentiment_labels_and_bad_reach(tmp_path):
    content = (
        "id,time,body,user,followers,tone,unused\n"
        "101,2024-03-01 12:00:00,great,u1,1200,positive,x\n"
        "102,2024-03-01 12:00:00,awful,u2,,Negative,x\n"
        "103,2024-03-01 12:00:00,meh,u3,15,neutral,x\n"
        "104,2024-03-01 12:00:00,half,u4,7,0.5,x\n"
        "105,2024-03-01 12:00:00,lots,u5,many,positive,x\n"
        "106,2024-03-01 12:00:00,quiet,u6,3,,x\n"
    )
    stats, mentions, rejected = _load(
        tmp_path, "generic.csv", content, format="generic", mapping=GENERIC_MAPPING
    )
    (s,) = stats
    assert (s.read, s.loaded, s.rejected) == (6, 5, 1)
    _assert_balanced(stats)
    rows = _by_id(mentions)
    # labels -> +1 / -1 / 0; a number in the default range [-1, 1] stays; blank -> null
    assert rows["101"]["sentiment_export"] == 1.0
    assert rows["102"]["sentiment_export"] == -1.0
    assert rows["103"]["sentiment_export"] == 0.0
    assert rows["104"]["sentiment_export"] == 0.5
    assert rows["106"]["sentiment_export"] is None
    assert rows["101"]["reach"] == 1200
    assert rows["102"]["reach"] is None
    assert rows["101"]["author_id"] == "u1"
    assert rows["101"]["text"] == "great"
    (bad,) = rejected.iter_rows(named=True)
    assert bad["field"] == "reach"
    assert bad["source_record"] == 5
    assert "many" in bad["reason"]


def test_generic_csv_timestamps_to_utc(tmp_path):
    content = (
        "id,time,body,user\n"
        "1,2015-02-24 11:35:52 -0800,offset,u\n"
        "2,2024-07-01 12:00:00,oslo summer,u\n"
        "3,2024-01-15 12:00:00,oslo winter,u\n"
        "4,1700000000,epoch s,u\n"
        "5,1700000000123,epoch ms,u\n"
        "6,2024-03-01T12:00:00Z,iso z,u\n"
        "7,2024-03-01T12:00:00.250Z,iso z ms,u\n"
        "8,2024-03-01T12:00:00+01:00,iso colon offset,u\n"
        "9,31.03.2024 01:30,norwegian style,u\n"
        "10,yesterday at noon,bad,u\n"
    )
    stats, mentions, rejected = _load(
        tmp_path,
        "times.csv",
        content,
        format="generic",
        timezone="Europe/Oslo",
        mapping={"mention_id": "id", "created_at": "time", "text": "body", "author_id": "user"},
    )
    _assert_balanced(stats)
    got = {r["mention_id"]: r["created_at"] for r in mentions.iter_rows(named=True)}
    assert got == {
        "1": datetime(2015, 2, 24, 19, 35, 52),  # 11:35:52 at UTC-8
        "2": datetime(2024, 7, 1, 10, 0),  # naive Oslo in July = CEST, UTC+2
        "3": datetime(2024, 1, 15, 11, 0),  # naive Oslo in January = CET, UTC+1
        "4": datetime(2023, 11, 14, 22, 13, 20),  # 1_700_000_000 s since 1970 (UTC)
        "5": datetime(2023, 11, 14, 22, 13, 20, 123000),  # same + 123 ms
        "6": datetime(2024, 3, 1, 12, 0),  # Z is UTC: the input zone does not apply
        "7": datetime(2024, 3, 1, 12, 0, 0, 250000),
        "8": datetime(2024, 3, 1, 11, 0),  # +01:00
        "9": datetime(2024, 3, 31, 0, 30),  # 01:30 Oslo, before the 02:00 switch: UTC+1
    }
    (bad,) = rejected.iter_rows(named=True)
    assert (bad["field"], bad["source_record"]) == ("created_at", 10)


def test_generic_csv_explicit_timestamp_format(tmp_path):
    content = "id,time,body,user\n1,01/07/2024 14.05,a,u\n2,15/01/2024 14.05,b,u\n"
    _, mentions, rejected = _load(
        tmp_path,
        "fmt.csv",
        content,
        format="generic",
        timezone="Europe/Oslo",
        timestamp_format="%d/%m/%Y %H.%M",
        mapping={"mention_id": "id", "created_at": "time", "text": "body", "author_id": "user"},
    )
    got = {r["mention_id"]: r["created_at"] for r in mentions.iter_rows(named=True)}
    # 1 July 14:05 CEST (UTC+2) -> 12:05; 15 January 14:05 CET (UTC+1) -> 13:05
    assert got == {"1": datetime(2024, 7, 1, 12, 5), "2": datetime(2024, 1, 15, 13, 5)}
    assert rejected.height == 0


# --------------------------------------------------------------------------- JSON Lines


def test_generic_jsonl_dotted_paths_bad_line_blank_lines_and_nulls(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "10",
                "ts": "2024-03-01T12:00:00Z",
                "msg": "hello @BrandHelp",
                "from": {"id": "u1", "name": "Ann"},
                "reply_to": None,
            }
        ),
        "",  # line 2: blank, skipped
        "{not json",  # line 3: rejected
        json.dumps(
            {
                "id": "11",
                "ts": "2024-03-01T12:05:00Z",
                "msg": "we are on it",
                "from": {"id": "BrandHelp", "name": None},
                "reply_to": {"id": "10"},
            }
        ),
        "   ",  # line 5: whitespace only, skipped
        json.dumps(
            {
                "id": 1234567890123456789,
                "ts": 1709294700,
                "msg": "numbers",
                "from": {"id": 42, "name": "Bo"},
                "reply_to": {"id": None},
            }
        ),
    ]
    stats, mentions, rejected = _load(
        tmp_path,
        "export.jsonl",
        "\n".join(lines) + "\n\n",
        format="generic",
        mapping={
            "mention_id": "id",
            "created_at": "ts",
            "text": "msg",
            "author_id": "from.id",
            "author_name": "from.name",
            "parent_id": "reply_to.id",
        },
    )
    (s,) = stats
    # 4 non-blank lines read: 3 loaded, 1 rejected
    assert (s.read, s.loaded, s.rejected) == (4, 3, 1)
    _assert_balanced(stats)
    (bad,) = rejected.iter_rows(named=True)
    assert bad["source_line"] == 3
    assert bad["source_record"] == 3
    assert bad["raw"] == "{not json"
    rows = _by_id(mentions)
    assert rows["10"]["author_id"] == "u1"
    assert rows["10"]["author_name"] == "Ann"
    assert rows["10"]["parent_id"] is None  # "reply_to": null
    assert rows["10"]["created_at"] == datetime(2024, 3, 1, 12, 0)
    assert rows["11"]["parent_id"] == "10"
    assert rows["11"]["author_name"] is None  # nested null
    assert rows["11"]["is_brand"] is True  # from.id is a brand account
    assert rows["11"]["source_record"] == 4
    big = rows["1234567890123456789"]  # a JSON number id, still exact
    assert big["author_id"] == "42"
    assert big["parent_id"] is None  # "reply_to": {"id": null}
    assert big["kind"] == "post"
    assert big["created_at"] == datetime(2024, 3, 1, 12, 5)  # 1709294700 s


# --------------------------------------------------------------------------- Parquet


def test_generic_parquet_int64_ids_above_2_pow_53_stay_exact(tmp_path):
    big = [2**53 + 1, 2**62 + 3]  # 9007199254740993 would become ...992 as a double
    pl.DataFrame(
        {
            "id": pl.Series(big, dtype=pl.Int64),
            "parent": pl.Series([None, 2**53 + 1], dtype=pl.Int64),
            "ts": ["2024-03-01T12:00:00Z", "2024-03-01T12:30:00Z"],
            "body": ["first", "second"],
            "user": ["u1", "u2"],
        }
    ).write_parquet(tmp_path / "export.parquet")
    stats, mentions, rejected = _load(
        tmp_path,
        "export.parquet",
        (tmp_path / "export.parquet").read_bytes(),
        format="generic",
        mapping={
            "mention_id": "id",
            "parent_id": "parent",
            "created_at": "ts",
            "text": "body",
            "author_id": "user",
        },
    )
    assert (stats[0].read, stats[0].loaded, stats[0].rejected) == (2, 2, 0)
    _assert_balanced(stats)
    rows = _by_id(mentions)
    assert set(rows) == {"9007199254740993", "4611686018427387907"}
    assert rows["4611686018427387907"]["parent_id"] == "9007199254740993"
    assert rows["4611686018427387907"]["conversation_id"] == "9007199254740993"
    assert rejected.height == 0


# --------------------------------------------------------------------------- events


def test_events_statements_moderation_escalations(tmp_path):
    _write(tmp_path, "m.csv", TWCS_HEADER + "\n")  # a run needs one mentions input
    _write(
        tmp_path,
        "statements.csv",
        "statement_id,published_at,channel,url,text\n"
        "S1,2024-03-01 09:00:00,Blog,https://example.com/b,We are sorry\n"
        "S2,2024-03-01T10:00:00Z,twitter,,Update on the outage\n"
        "S3,the day after,website,,Later\n",
    )
    _write(
        tmp_path,
        "moderation.csv",
        "action_at,action,platform,target_id,rule_id,moderator\n"
        "2024-03-01 09:30:00,Hide,facebook,c1,R2,ann\n"
        "not a time,delete,facebook,c2,,ann\n",
    )
    _write(
        tmp_path,
        "escalations.csv",
        "logged_at,level,action,owner\n2024-03-01 08:00:00,L2,called the CEO,bob\nsoon,L3,x,bob\n",
    )
    params = _params(
        tmp_path,
        [{"path": "m.csv", "format": "twcs"}],
        events={
            "statements": "statements.csv",
            "moderation": "moderation.csv",
            "escalations": "escalations.csv",
            "timezone": "Europe/Oslo",
        },
    )
    con = open_store()
    try:
        stats = {s.file: s for s in load_inputs(con, params, base=tmp_path)}
        st = {r["statement_id"]: r for r in frame(con, "statements").iter_rows(named=True)}
        mod = frame(con, "moderation")
        esc = frame(con, "escalations")
        rejected = frame(con, "rejected")
    finally:
        con.close()
    _assert_balanced(list(stats.values()))
    counts = {k: (v.read, v.loaded, v.rejected) for k, v in stats.items() if k != "m.csv"}
    assert counts == {
        "statements.csv": (3, 2, 1),
        "moderation.csv": (2, 1, 1),
        "escalations.csv": (2, 1, 1),
    }
    assert set(st) == {"S1", "S2"}
    assert st["S1"]["is_owned"] is True  # blog is an owned channel by default
    assert st["S1"]["channel"] == "blog"  # "Blog" lower-cased
    assert st["S2"]["is_owned"] is False  # twitter is not
    assert st["S1"]["published_at"] == datetime(2024, 3, 1, 8, 0)  # 09:00 Oslo (CET, UTC+1)
    assert st["S2"]["published_at"] == datetime(2024, 3, 1, 10, 0)  # Z: already UTC
    assert st["S2"]["url"] is None
    (m,) = mod.iter_rows(named=True)
    assert (m["action"], m["target_id"], m["rule_id"]) == ("hide", "c1", "R2")
    assert m["action_at"] == datetime(2024, 3, 1, 8, 30)
    (e,) = esc.iter_rows(named=True)
    assert (e["level"], e["owner"]) == ("L2", "bob")
    assert e["logged_at"] == datetime(2024, 3, 1, 7, 0)
    rows = rejected.iter_rows(named=True)
    got = {(r["source_file"], r["source_record"], r["field"]) for r in rows}
    assert got == {
        ("statements.csv", 3, "published_at"),
        ("moderation.csv", 2, "action_at"),
        ("escalations.csv", 2, "logged_at"),
    }


# --------------------------------------------------------------------------- preflight


def test_preflight_names_the_mapping_field_of_a_missing_column(tmp_path):
    _write(tmp_path, "g.csv", "id,time,body,user\n1,2024-01-01 00:00:00,a,u\n")
    good = {"mention_id": "id", "created_at": "time", "text": "body", "author_id": "user"}
    preflight(_params(tmp_path, [{"path": "g.csv", "format": "generic", "mapping": good}]))

    bad = {**good, "created_at": "posted_when"}
    params = _params(tmp_path, [{"path": "g.csv", "format": "generic", "mapping": bad}])
    with pytest.raises(InputError) as info:
        preflight(params, base=tmp_path)
    assert info.value.field == "mapping.created_at"
    assert "mapping.created_at" in str(info.value)
    assert "posted_when" in str(info.value)
    assert info.value.file == "g.csv"
