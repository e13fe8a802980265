"""DuckDB's limits come from the parameters, and the environment overrides them."""

from __future__ import annotations

import pytest

from toolkit.cli import main
from toolkit.params import Engine
from toolkit.store import open_store


def _setting(con, name: str) -> str:
    return str(con.execute(f"SELECT current_setting('{name}')").fetchall()[0][0])


def test_parameters_set_the_limits(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("CRISIS_MEMORY_LIMIT", raising=False)
    monkeypatch.delenv("CRISIS_THREADS", raising=False)
    con = open_store(engine=Engine(memory_limit="300MB", threads=1, temp_directory=tmp_path))
    assert _setting(con, "memory_limit").replace(" ", "") in ("286.1MiB", "300.0MB")
    assert _setting(con, "threads") == "1"
    assert _setting(con, "temp_directory") == str(tmp_path)


def test_the_environment_wins(monkeypatch) -> None:
    monkeypatch.setenv("CRISIS_MEMORY_LIMIT", "200MB")
    monkeypatch.setenv("CRISIS_THREADS", "2")
    con = open_store(engine=Engine(memory_limit="300MB", threads=1))
    assert _setting(con, "memory_limit").replace(" ", "") in ("190.7MiB", "200.0MB")
    assert _setting(con, "threads") == "2"


def test_an_in_memory_store_can_spill(monkeypatch) -> None:
    monkeypatch.delenv("CRISIS_MEMORY_LIMIT", raising=False)
    assert _setting(open_store(), "temp_directory") != ""


@pytest.mark.parametrize(
    ("var", "value"), [("CRISIS_MEMORY_LIMIT", "lots"), ("CRISIS_THREADS", "0")]
)
def test_a_bad_environment_value_is_exit_2(monkeypatch, capsys, var, value) -> None:
    monkeypatch.setenv(var, value)
    assert main(["ingest", "nothing.csv"]) == 2
    assert var in capsys.readouterr().err


def test_a_bad_memory_limit_names_the_field() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="amount of memory"):
        Engine(memory_limit="half of it")


def test_release_memory_keeps_the_runs_limit_and_the_data(tmp_path, monkeypatch):
    """Freeing the load's memory lowers the limit for a moment: the configured limit (or
    DuckDB's default) must come back, and the stored rows stay readable."""
    import duckdb

    from toolkit.params import Engine
    from toolkit.store import open_store, release_memory

    monkeypatch.delenv("CRISIS_MEMORY_LIMIT", raising=False)
    default = duckdb.connect().execute("SELECT current_setting('memory_limit')").fetchall()
    con = open_store(tmp_path / "a.duckdb")
    con.execute("CREATE TABLE t AS SELECT range AS x FROM range(100000)")
    release_memory(con)
    assert con.execute("SELECT current_setting('memory_limit')").fetchall() == default
    assert con.execute("SELECT count(*), sum(x) FROM t").fetchall() == [(100000, 4999950000)]
    capped = open_store(tmp_path / "b.duckdb", Engine(memory_limit="1GB"))
    before = capped.execute("SELECT current_setting('memory_limit')").fetchall()
    release_memory(capped, Engine(memory_limit="1GB"))
    assert capped.execute("SELECT current_setting('memory_limit')").fetchall() == before
    assert before != default
