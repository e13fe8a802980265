"""A broken export in a quarterly report — the brand's or a competitor's — is exit 2
naming the file and the field, before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit import demo_quarter
from toolkit.cli import main

PARAMS = Path(__file__).resolve().parent.parent / "parameters" / "demo_quarter.yaml"


def _params(tmp_path: Path, where: str) -> Path:
    demo_quarter.ensure(PARAMS.parent.parent / "data" / "demo_quarter")
    data = yaml.safe_load(PARAMS.read_text())
    data.pop("demo_data", None)
    for m in data["inputs"]["mentions"]:
        m["path"] = str((PARAMS.parent / m["path"]).resolve())
    for c in data.get("competitors", []):
        for m in c["inputs"]:
            m["path"] = str((PARAMS.parent / m["path"]).resolve())
    for i in data["incidents"]:
        i["post_mortem"] = str(tmp_path / "pm")
    bad = tmp_path / "not_twcs.csv"
    bad.write_text("a,b\n1,2\n")
    target = (
        data["competitors"][0]["inputs"][0]
        if where == "competitor"
        else data["inputs"]["mentions"][0]
    )
    target["path"], target["format"] = str(bad), "twcs"
    path = tmp_path / "quarter.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("where", ["brand", "competitor"])
def test_a_broken_export_is_exit_2_before_the_run(tmp_path, capsys, where) -> None:
    out = tmp_path / "out"
    assert main(["quarterly", str(_params(tmp_path, where)), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "not_twcs.csv" in err and "field `tweet_id`" in err
    assert not out.exists()
