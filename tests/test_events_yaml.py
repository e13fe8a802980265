"""Brand events kept as YAML load like the CSV logs: same checks, same rejections."""

from __future__ import annotations

import datetime as dt

from toolkit.loaders import load_inputs, preflight
from toolkit.params import validate_params
from toolkit.store import frame, open_store


def test_escalation_log_and_statements_as_yaml(tmp_path):
    (tmp_path / "x.csv").write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,101,True,Mon Mar 09 08:00:00 +0000 2026,@BHelp down,,\n"
    )
    (tmp_path / "log.yaml").write_text(
        "escalations:\n"
        "  - {logged_at: '2026-03-09T08:30:00+01:00', level: 1, action: lead alerted}\n"
        "  - {logged_at: 'yesterday', level: 2}\n"
        "  - just a string\n"
    )
    (tmp_path / "st.yml").write_text(
        "- statement_id: S1\n"
        "  published_at: 2026-03-09T12:20:00+01:00\n"
        "  channel: blog\n"
        "  text: We are sorry.\n"
    )
    params = validate_params(
        {
            "incident": {"name": "t", "brand": "B", "accounts": {"twitter": ["BHelp"]}},
            "inputs": {
                "mentions": [{"path": "x.csv", "format": "twcs"}],
                "events": {"escalations": "log.yaml", "statements": "st.yml"},
            },
        },
        base_dir=tmp_path,
    )
    preflight(params, base=tmp_path)
    con = open_store()
    stats = {s.format: s for s in load_inputs(con, params, base=tmp_path)}
    esc = stats["escalations"]
    # 3 entries: one loaded, one with an unreadable time, one that is not a mapping
    assert (esc.read, esc.loaded, esc.rejected) == (3, 1, 2)
    log = frame(con, "escalations")
    assert log["logged_at"].to_list() == [dt.datetime(2026, 3, 9, 7, 30)]
    assert log["level"].to_list() == ["1"]
    rejected = frame(con, "rejected").sort("source_record")
    assert rejected["source_record"].to_list() == [2, 3]
    assert rejected["field"].to_list() == ["logged_at", None]
    st = frame(con, "statements")
    # YAML reads the unquoted date-time itself; it still lands in UTC
    assert st["published_at"].to_list() == [dt.datetime(2026, 3, 9, 11, 20)]
    assert st["is_owned"].to_list() == [True]
