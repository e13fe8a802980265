"""Property tests: broken records mixed into valid files never crash a load, and every
record read is loaded, merged as a duplicate, or rejected with a reason."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.loaders import load_inputs
from toolkit.params import validate_params
from toolkit.store import frame, open_store

HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id"
STAMP = "Mon Mar 09 08:{m:02d}:00 +0000 2026"

good_csv = st.builds(
    lambda i, m, text: f'{i},u{i},True,{STAMP.format(m=m)},"{text}",,',
    st.integers(1, 60),
    st.integers(0, 59),
    st.text(
        alphabet=st.characters(blacklist_characters='"\r\n\x00', blacklist_categories=("Cs",)),
        max_size=40,
    ),
)
broken_csv = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=60,
    ).map(lambda t: t.replace("\n", " ").replace("\r", "\r")),
    st.just("1,2,3"),
    st.just("9,u9,True,not a date,hi,,"),
    st.just(",u1,True,Mon Mar 09 08:00:00 +0000 2026,no id,,"),
    st.just('5,u5,True,Mon Mar 09 08:00:00 +0000 2026,"unclosed quote,,'),
    st.just("7,u7,maybe,Mon Mar 09 08:00:00 +0000 2026,bad inbound,,"),
)

good_json = st.builds(
    lambda i, m, text: json.dumps(
        {"id": str(i), "t": f"2026-03-09T08:{m:02d}:00Z", "x": text, "a": f"u{i}"}
    ),
    st.integers(1, 60),
    st.integers(0, 59),
    st.text(max_size=40),
)
broken_json = st.one_of(
    st.text(max_size=60).map(lambda t: t.replace("\n", " ").replace("\r", " ")),
    st.just('{"id": "1", "t": "yesterday", "x": "bad date", "a": "u"}'),
    st.just('{"t": "2026-03-09T08:00:00Z", "x": "no id", "a": "u"}'),
    st.just('{"id": "2", "t": "2026-03-09T08:00:00Z"'),
    st.just("[1, 2, 3]"),
)


def _load(name: str, content: bytes, spec: dict):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / name).write_bytes(content)
        params = validate_params(
            {
                "incident": {"name": "t", "brand": "B", "accounts": {"twitter": ["BHelp"]}},
                "inputs": {"mentions": [{"path": name, "platform": "twitter", **spec}]},
            },
            base_dir=base,
        )
        con = open_store()
        try:
            (stats,) = load_inputs(con, params, base=base)
            rejected = frame(con, "rejected")
        finally:
            con.close()
    return stats, rejected


SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(st.lists(st.one_of(good_csv, broken_csv), min_size=1, max_size=25))
def test_twcs_every_record_is_accounted_for(lines):
    content = (HEADER + "\n" + "\n".join(lines) + "\n").encode("utf-8")
    stats, rejected = _load("x.csv", content, {"format": "twcs"})
    assert stats.read == stats.loaded + stats.duplicates + stats.rejected
    assert rejected.height == stats.rejected
    assert rejected["reason"].null_count() == 0 and (rejected["reason"] != "").all()


@SETTINGS
@given(st.lists(st.one_of(good_json, broken_json), min_size=1, max_size=25))
def test_generic_jsonl_every_record_is_accounted_for(lines):
    content = ("\n".join(lines) + "\n").encode("utf-8")
    mapping = {"mention_id": "id", "created_at": "t", "text": "x", "author_id": "a"}
    stats, rejected = _load("x.jsonl", content, {"format": "generic", "mapping": mapping})
    # counted independently: every non-blank line is a record read, none silently skipped
    assert stats.read == sum(1 for ln in lines if ln.strip(" "))  # as the loader: spaces only
    assert stats.read == stats.loaded + stats.duplicates + stats.rejected
    assert rejected.height == stats.rejected
    assert rejected["reason"].null_count() == 0
