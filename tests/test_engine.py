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
