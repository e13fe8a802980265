"""Wrong encoding: the bad line is rejected by number, the rest of the file loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.loaders import load_inputs
from toolkit.params import validate_params
from toolkit.store import frame, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def _load(tmp_path: Path, name: str, spec: dict):
    params = validate_params(
        {
            "incident": {"name": "t", "brand": "B", "accounts": {"twitter": ["BHelp"]}},
            "inputs": {"mentions": [{"path": name, **spec}]},
        },
        base_dir=tmp_path,
    )
    con = open_store()
    (stats,) = load_inputs(con, params, base=tmp_path)
    return stats, frame(con, "_loaded"), frame(con, "rejected")


def test_latin1_line_in_generic_jsonl(tmp_path):
    lines = [
        b'{"id": "1", "t": "2026-03-09T08:00:00Z", "x": "fine", "a": "u1"}',
        b'{"id": "2", "t": "2026-03-09T08:01:00Z", "x": "caf\xe9 closed", "a": "u2"}',
        b'{"id": "3", "t": "2026-03-09T08:02:00Z", "x": "also fine", "a": "u3"}',
    ]
    (tmp_path / "m.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    mapping = {"mention_id": "id", "created_at": "t", "text": "x", "author_id": "a"}
    stats, loaded, rejected = _load(tmp_path, "m.jsonl", {"format": "generic", "mapping": mapping})
    assert (stats.read, stats.loaded, stats.rejected) == (3, 2, 1)
    assert sorted(loaded["mention_id"].to_list()) == ["1", "3"]
    (bad,) = rejected.to_dicts()
    assert bad["source_line"] == 2 and "not valid UTF-8" in bad["reason"]


def test_latin1_line_in_twarc2_pages(tmp_path):
    pages = (FIXTURES / "twarc2_pages.jsonl").read_bytes().split(b"\n")
    pages[1] = pages[1].replace(b'"text": "', b'"text": "\xe6\xf8\xe5 ', 1)  # Latin-1 bytes
    (tmp_path / "p.jsonl").write_bytes(b"\n".join(pages))
    (tmp_path / "clean.jsonl").write_bytes((FIXTURES / "twarc2_pages.jsonl").read_bytes())
    _, clean_rows, _ = _load(tmp_path, "clean.jsonl", {"format": "twarc2"})
    stats, rows, rejected = _load(tmp_path, "p.jsonl", {"format": "twarc2"})
    assert any(r["source_line"] == 2 and "UTF-8" in r["reason"] for r in rejected.to_dicts())
    assert 0 < rows.height < clean_rows.height  # the other pages still load
    assert stats.read == stats.loaded + stats.duplicates + stats.rejected


FORMAT_OF = {
    "brandwatch_mentions.csv": "brandwatch",
    "facebook_feed.json": "facebook_graph",
    "reddit_comments.json": "reddit",
    "reddit_dump.ndjson": "reddit",
    "same_conversation_twarc.csv": "twarc_csv",
    "sprout_messages.csv": "sprout",
    "talkwalker.csv": "talkwalker",
    "twarc2_pages.jsonl": "twarc2",
    "twarc_csv.csv": "twarc_csv",
    "youtube_comment_threads.json": "youtube",
}


@pytest.mark.parametrize("name", sorted(FORMAT_OF))
def test_latin1_bytes_in_every_utf8_format(tmp_path, name):
    """A Latin-1 "é" in one line of each UTF-8 export: that line is rejected by number with
    the reason, nothing crashes, and every record read is accounted for."""
    raw = (FIXTURES / name).read_bytes().split(b"\n")
    # the last line holding a lower-case "e" (far from the header, inside a record)
    target = max(i for i, line in enumerate(raw) if b"e" in line and i > 0)
    raw[target] = raw[target].replace(b"e", b"\xe9", 1)
    (tmp_path / name).write_bytes(b"\n".join(raw))
    stats, _, rejected = _load(tmp_path, name, {"format": FORMAT_OF[name]})
    reasons = [r for r in rejected.to_dicts() if "UTF-8" in r["reason"]]
    assert reasons, rejected.to_dicts()
    assert reasons[0]["source_line"] == target + 1
    assert stats.read == stats.loaded + stats.duplicates + stats.rejected
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / name).write_bytes((FIXTURES / name).read_bytes())
    clean_stats, _, _ = _load(clean, name, {"format": FORMAT_OF[name]})
    assert stats.loaded <= clean_stats.loaded


def test_a_broken_utf16_unit_in_meltwater(tmp_path):
    """Meltwater writes UTF-16: a lone surrogate is that format's broken byte."""
    text = (FIXTURES / "meltwater_utf16.tsv").read_bytes()
    bom = text[:2]
    enc = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    lines = text[2:].decode(enc).split("\n")
    target = len(lines) - 2 if lines[-1] == "" else len(lines) - 1
    parts = [ln.encode(enc) for ln in lines]
    lone = b"\x00\xd8" if enc == "utf-16-le" else b"\xd8\x00"
    parts[target] = parts[target][:4] + lone + parts[target][4:]
    (tmp_path / "m.tsv").write_bytes(bom + "\n".encode(enc).join(parts))
    stats, _, rejected = _load(tmp_path, "m.tsv", {"format": "meltwater"})
    assert stats.read == stats.loaded + stats.duplicates + stats.rejected
    assert stats.rejected >= 1, rejected.to_dicts()
    assert any("not valid UTF-16" in n for n in stats.notes), stats.notes
