"""Wrong encoding: the bad line is rejected by number, the rest of the file loads."""

from __future__ import annotations

from pathlib import Path

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
