"""A file far larger than DuckDB's memory limit loads completely, streamed.

The 2 GB case is marked slow (excluded from the default run; `pytest -m slow` runs it,
about three minutes here); a 150 MB case with a 200 MB limit runs every time, through the
same code, so the path stays exercised in CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_big_file import run  # noqa: E402


def _check(r) -> None:
    assert r.read == r.records  # every record written was read
    assert r.read == r.loaded + r.duplicates + r.rejected
    assert (r.in_database, r.rejected_in_database) == (r.loaded, r.rejected)
    assert r.duplicates == 0 and r.rejected == r.planted >= 2
    reasons = " | ".join(r.reasons)
    assert "not valid UTF-8" in reasons
    assert "MISSING COLUMNS" in reasons  # the cut-off last line
    if r.planted == 3:
        assert "in the future" in reasons
    assert not r.path.exists()  # deleted after


def test_a_file_larger_than_the_memory_limit(tmp_path) -> None:
    r = run(0.15, "200MB", tmp_path)
    assert r.bytes >= 150e6
    _check(r)


@pytest.mark.slow
def test_a_two_gigabyte_file_under_a_one_gigabyte_limit(tmp_path) -> None:
    r = run(2.0, "1GB", tmp_path)
    assert r.bytes >= 2e9
    _check(r)
    assert r.planted == 3
    assert r.peak_rss_mb < 4000  # bounded by the limit, not by the file
