"""A kernel that dies mid-run (e.g. killed by the out-of-memory killer) is reported as such.

The real runner, the real Papermill and a real kernel: a tiny notebook whose second code
cell SIGKILLs its own kernel process.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from toolkit import report
from toolkit.params import validate_params

pytestmark = pytest.mark.e2e


def _notebook(path: Path, cells: list[str]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.metadata["kernelspec"]["language"] = "python"  # papermill needs it
    params = nbformat.v4.new_code_cell('params_path = ""\noutput_dir = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params] + [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, path)
    return path


def _params(tmp_path: Path):
    csv = tmp_path / "x.csv"
    csv.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,101,True,Mon Mar 02 10:00:00 +0000 2026,@BrandHelp hi,,\n"
    )
    data = {
        "incident": {"name": "Kernel test", "brand": "Brand", "accounts": {"twitter": ["b"]}},
        "inputs": {"mentions": [{"path": "x.csv", "format": "twcs"}]},
    }
    return validate_params(data, base_dir=tmp_path)


def _previous(dest: Path) -> bytes:
    dest.mkdir(parents=True)
    (dest / "report.html").write_text("<p>the previous report</p>")
    (dest / "run.json").write_text('{"kind": "post-mortem"}')
    return (dest / "report.html").read_bytes()


def test_a_killed_kernel_is_reported_and_the_previous_report_stays(tmp_path, monkeypatch):
    nb = _notebook(
        tmp_path / "dies.ipynb",
        ["x = 1", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", "y = 2"],
    )
    monkeypatch.setattr(report, "NOTEBOOK", nb)
    dest = tmp_path / "out" / "report"
    before = _previous(dest)
    with pytest.raises(report.RunFailed) as info:
        report.run_review(_params(tmp_path), tmp_path / "p.yaml", dest, timeout_s=120)
    err = info.value
    assert err.kernel_died is True
    assert "kernel died" in str(err) and "ran out of memory" in str(err)
    # code cells: parameters, injected parameters, x = 1, then the killer
    assert err.cell == 4
    assert "while running cell 4" in str(err)
    assert (dest / "report.html").read_bytes() == before
    assert sorted(p.name for p in dest.iterdir()) == ["report.html", "run.json"]
    assert (err.kept / "report.ipynb").is_file()
    assert not list(dest.parent.glob(".report.tmp-*"))


def test_an_ordinary_error_is_not_a_dead_kernel(tmp_path, monkeypatch):
    nb = _notebook(tmp_path / "raises.ipynb", ["raise ValueError('broken on purpose')"])
    monkeypatch.setattr(report, "NOTEBOOK", nb)
    dest = tmp_path / "report"
    with pytest.raises(report.RunFailed) as info:
        report.run_review(_params(tmp_path), tmp_path / "p.yaml", dest, timeout_s=120)
    assert info.value.kernel_died is False
    assert "ValueError: broken on purpose" in str(info.value)
    assert not dest.exists()


def test_before_publish_sees_the_finished_folder_and_can_veto(tmp_path, monkeypatch):
    nb = _notebook(
        tmp_path / "ok.ipynb",
        ["from pathlib import Path\n(Path(output_dir) / 'scorecard.json').write_text('{}')"],
    )
    monkeypatch.setattr(report, "NOTEBOOK", nb)
    dest = tmp_path / "report"
    seen: list[set[str]] = []

    def look(folder: Path) -> None:
        seen.append({p.name for p in folder.iterdir()})
        (folder / "gates.json").write_text("[]")

    result = report.run_review(_params(tmp_path), tmp_path / "p.yaml", dest, before_publish=look)
    assert seen == [{"report.html", "report.ipynb", "run.json", "scorecard.json"}]
    assert (result.output_dir / "gates.json").is_file()
    assert json.loads((dest / "run.json").read_text())["kind"] == "post-mortem"

    def veto(folder: Path) -> None:
        raise RuntimeError("threshold missed")

    before = (dest / "run.json").read_bytes()
    with pytest.raises(report.RunFailed) as info:
        report.run_review(_params(tmp_path), tmp_path / "p.yaml", dest, before_publish=veto)
    assert "threshold missed" in str(info.value)
    assert (dest / "run.json").read_bytes() == before
    assert (info.value.kept / "report.html").is_file()
