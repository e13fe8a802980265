"""Issue 8's named bad-input cases that concern loading, with hand-worked outcomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.loaders import InputError, load_inputs
from toolkit.params import validate_params
from toolkit.store import finalize_mentions, frame, open_store

HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id"


def _load(tmp_path: Path, content: bytes, name: str = "x.csv"):
    (tmp_path / name).write_bytes(content)
    params = validate_params(
        {
            "incident": {"name": "t", "brand": "B", "accounts": {"twitter": ["BHelp"]}},
            "inputs": {"mentions": [{"path": name, "format": "twcs"}]},
        },
        base_dir=tmp_path,
    )
    con = open_store()
    (stats,) = load_inputs(con, params, base=tmp_path)
    finalize_mentions(con, params.incident.accounts)
    return stats, frame(con, "mentions"), frame(con, "rejected")


def test_timestamps_in_the_future_or_before_the_platform_existed_are_rejected(tmp_path):
    rows = [
        "1,a,True,Mon Mar 09 08:00:00 +0000 2026,fine,,",
        "2,b,True,Sat Mar 09 08:00:00 +0000 2099,from the future,,",
        "3,c,True,Thu Jan 01 00:00:00 +0000 1970,epoch zero,,",
        "4,d,True,Tue Mar 21 20:50:00 +0000 2006,the first day of Twitter,,",
    ]
    stats, mentions, rejected = _load(tmp_path, (HEADER + "\n" + "\n".join(rows) + "\n").encode())
    assert sorted(mentions["mention_id"].to_list()) == ["1", "4"]
    reasons = dict(zip(rejected["source_record"], rejected["reason"], strict=True))
    assert reasons[2].startswith("in the future: 2099-03-09")
    assert reasons[3] == "before twitter existed (1970-01-01)"
    assert (stats.read, stats.loaded, stats.rejected) == (4, 2, 2)


def test_utf8_bom_and_semicolons_still_load(tmp_path):
    body = HEADER.replace(",", ";") + "\n1;a;True;Mon Mar 09 08:00:00 +0000 2026;hi;;\n"
    stats, mentions, _ = _load(tmp_path, b"\xef\xbb\xbf" + body.encode())
    assert (stats.read, stats.loaded) == (1, 1)  # the reader sniffs ';' and drops the BOM
    assert mentions["text"].to_list() == ["hi"]


def test_header_only_loads_nothing_and_says_so(tmp_path):
    stats, mentions, rejected = _load(tmp_path, (HEADER + "\n").encode())
    assert (stats.read, stats.loaded, stats.rejected) == (0, 0, 0)
    assert mentions.is_empty() and rejected.is_empty()


def test_truncated_last_line_is_rejected_and_the_rest_loads(tmp_path):
    body = HEADER + "\n1,a,True,Mon Mar 09 08:00:00 +0000 2026,ok,,\n2,b,True,Mon Mar 0"
    stats, mentions, rejected = _load(tmp_path, body.encode())
    assert mentions["mention_id"].to_list() == ["1"]
    assert stats.rejected == 1 and rejected["source_record"].to_list() == [2]


def test_empty_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="empty"):
        _load(tmp_path, b"")
