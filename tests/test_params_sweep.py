"""Every parameter, given a bad value, stops `crisis review` with exit 2 before any work,
and the message names that field and says what is allowed.

The fields are not listed by hand: they are walked from the pydantic models, so a field
added later is swept too (and must come with a readable message).
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import BaseModel

from toolkit import demo
from toolkit.cli import main
from toolkit.params import Params

ROOT = Path(__file__).resolve().parent.parent


def _base() -> dict[str, Any]:
    """The demo's parameters with absolute paths and every optional section filled in."""
    demo.ensure(ROOT / "data" / "demo")
    data = yaml.safe_load((ROOT / "parameters" / "demo.yaml").read_text())
    here = ROOT / "parameters"
    for m in data["inputs"]["mentions"]:
        m["path"] = str((here / m["path"]).resolve())
    for k, v in data["inputs"]["events"].items():
        data["inputs"]["events"][k] = str((here / v).resolve())
    data["playbook"] = str(here / data["playbook"])
    data.pop("demo_data")
    data["timeline"] |= {"onset": "2026-03-09T07:40:00+01:00", "end": "2026-03-12T00:00:00+01:00"}
    data["gates"] = [{"measure": "frt.median", "max": "60 min"}]
    data["privacy"] = {"mode": "none", "key_env": "SOME_KEY"}
    data["language"] = {"extra_markers": {"en": {"apology": ["so sorry"]}}}
    data["engine"] = {"memory_limit": "2GB", "threads": 2}
    return data


@functools.cache
def _quarter_base() -> dict[str, Any]:
    from toolkit import demo_quarter

    demo_quarter.ensure(ROOT / "data" / "demo_quarter")
    data = yaml.safe_load((ROOT / "parameters" / "demo_quarter.yaml").read_text())
    here = ROOT / "parameters"
    for m in data["inputs"]["mentions"]:
        m["path"] = str((here / m["path"]).resolve())
    for i in data["incidents"]:
        i["post_mortem"] = str((here / i["post_mortem"]).resolve())
    for c in data.get("competitors", []):
        for m in c["inputs"]:
            m["path"] = str((here / m["path"]).resolve())
    data.pop("demo_data")
    data["gates"] = [{"measure": "frt.median", "max": "60 min"}]
    data["privacy"] = {"mode": "none", "key_env": "SOME_KEY"}
    return data


def _bad_value(annotation: Any) -> Any:
    """A value of the wrong kind for the annotation."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) > 1 and all(a in (bool, int, float, str) for a in args):
            return {"not": "valid"}  # any scalar would do: only a mapping is wrong
        return _bad_value(args[0])
    if origin is Literal:
        return "nonsense"
    if annotation in (int, float, bool):
        return "lots"
    if annotation in (dt.datetime, dt.date):
        return "yesterday"
    if origin in (list, tuple):
        return "not a list"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "nonsense"  # a word where a section (or a limit like "60 min") belongs
    return {"not": "valid"} if annotation is str else 42


def _leaves(model: type[BaseModel], value: Any, path: tuple) -> list[tuple[tuple, Any]]:
    """(path, bad value) for every field reachable from a valid ``value`` of ``model``."""
    out = []
    for name, info in model.model_fields.items():
        here = (*path, name)
        out.append((here, _bad_value(info.annotation)))
        inner = value.get(name) if isinstance(value, dict) else None
        ann = info.annotation
        args = (ann,) if typing.get_origin(ann) is list else (typing.get_args(ann) or (ann,))
        for arg in args:
            if isinstance(arg, type) and issubclass(arg, BaseModel) and isinstance(inner, dict):
                out += _leaves(arg, inner, here)
            elif typing.get_origin(arg) is list and isinstance(inner, list) and inner:
                (elem,) = typing.get_args(arg)
                if isinstance(elem, type) and issubclass(elem, BaseModel):
                    out += _leaves(elem, inner[0], (*here, 0))
    return out


def _set(data: dict, path: tuple, value: Any) -> dict:
    import copy

    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
    node[path[-1]] = value
    return data


def _cases() -> list[tuple[tuple, Any]]:
    data = _base()
    return _leaves(Params, data, ())


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return _base()


def test_the_base_parameters_are_valid(base, tmp_path) -> None:
    """The sweep only means something if the unmodified file passes validation."""
    from toolkit.params import validate_params

    validate_params(base, base_dir=tmp_path)


def test_the_sweep_reaches_nested_fields() -> None:
    paths = {".".join(map(str, p)) for p, _ in _cases()}
    for expected in (
        "incident.accounts",
        "inputs.mentions.0.format",
        "inputs.events.timezone",
        "timeline.onset",
        "measures.business_hours.weekly",
        "sentiment.scorer",
        "privacy.mode",
        "engine.memory_limit",
        "gates",
        "report.timezone",
    ):
        assert expected in paths
    assert len(paths) >= 40


@pytest.mark.parametrize(
    ("path", "bad"), _cases(), ids=lambda v: ".".join(map(str, v)) if isinstance(v, tuple) else ""
)
def test_a_bad_value_is_exit_2_naming_the_field(path, bad, base, tmp_path, capsys) -> None:
    file = tmp_path / "params.yaml"
    file.write_text(yaml.safe_dump(_set(base, path, bad), allow_unicode=True))
    out = tmp_path / "out"
    assert main(["review", str(file), "--output", str(out)]) == 2
    err = capsys.readouterr().err
    dotted = ".".join(map(str, path))
    assert f"field `{dotted}" in err, err
    # the message goes on to say what is allowed, not just that it is wrong
    line = next(ln for ln in err.splitlines() if f"field `{dotted}" in ln)
    said = line.split("`:", 1)[1]
    assert len(said.split("(got")[0].strip()) >= 15, line
    assert not out.exists()  # nothing ran


def _quarter_cases() -> list[tuple[tuple, Any]]:
    from toolkit.quarterly.params import QuarterlyParams

    return _leaves(QuarterlyParams, _quarter_base(), ())


@pytest.mark.parametrize(
    ("path", "bad"),
    _quarter_cases(),
    ids=lambda v: ".".join(map(str, v)) if isinstance(v, tuple) else "",
)
def test_quarterly_bad_value_is_exit_2_naming_the_field(path, bad, tmp_path, capsys) -> None:
    if path == ("quarter",):
        pytest.skip("without a mapping under `quarter:` the file is not a quarterly one")
    file = tmp_path / "quarter.yaml"
    file.write_text(yaml.safe_dump(_set(_quarter_base(), path, bad), allow_unicode=True))
    out = tmp_path / "out"
    assert main(["quarterly", str(file), "--output", str(out)]) == 2
    err = capsys.readouterr().err
    dotted = ".".join(map(str, path))
    assert f"field `{dotted}" in err, err
    assert not out.exists()
