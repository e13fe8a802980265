"""`crisis run` end to end: a folder of reports, gates, the index, and a killed run.

Real Papermill runs of the post-mortem notebook on the tiny incident of test_cli.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from toolkit import batch
from toolkit.cli import main

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
TWCS = """tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
1,101,True,Mon Mar 09 08:00:00 +0000 2026,@BHelp my internet is down again,2,
2,BHelp,False,Mon Mar 09 08:30:00 +0000 2026,@101 So sorry! We are looking into it ^AK,,1.0
3,102,True,Mon Mar 09 09:00:00 +0000 2026,@BHelp still no answer about my bill,,
"""
BREACH_NAME = 'Tiny breach "quoted" <b>'


def _params(folder: Path, file: str, name: str, csv: str = "../x.csv", gates=None) -> Path:
    data: dict = {
        "incident": {"name": name, "brand": "B", "accounts": {"twitter": ["BHelp"]}},
        "inputs": {"mentions": [{"path": csv, "format": "twcs"}]},
    }
    if gates is not None:
        data["gates"] = gates
    path = folder / file
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def make_folder(base: Path) -> Path:
    """One good report, one whose input file is missing, one breaching a threshold."""
    (base / "x.csv").write_text(TWCS, encoding="utf-8")
    folder = base / "reports"
    folder.mkdir()
    _params(
        folder,
        "1_good.yaml",
        "Tiny good",
        gates=[
            {"measure": "frt.median", "max": "60 min"},  # 30 min: passes
            {"measure": "response_rate.within_60m", "min": "50%"},
            {"tips": "not missed"},  # no playbook: not assessable, not a breach
        ],
    )
    _params(folder, "2_missing.yaml", "Tiny missing", csv="../gone.csv")
    _params(folder, "3_breach.yaml", BREACH_NAME, gates=[{"measure": "frt.median", "max": "1 s"}])
    _params(folder, "_draft.yaml", "Skipped draft")  # names starting with _ are skipped
    (folder / "notes.txt").write_text("not parameters")
    return folder


def crisis(*args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    folder = make_folder(base)
    done = crisis("run", "reports", "--outputs", "outputs", cwd=base)
    return base, folder, done


def _rows(stdout: str) -> dict[str, list[str]]:
    """Summary rows by parameters file name: [status, kind, file, ...]."""
    rows = {}
    for line in stdout.splitlines():
        cells = line.split()
        if len(cells) > 3 and cells[0] in batch.EXIT_OF and cells[2].endswith(".yaml"):
            rows[cells[2]] = cells
    return rows


def test_all_three_attempted_and_the_exit_status_and_summary_say_so(batch_run):
    _, _, done = batch_run
    assert done.returncode == 1, done.stdout + done.stderr  # one report was invalid
    rows = _rows(done.stdout)
    assert set(rows) == {"1_good.yaml", "2_missing.yaml", "3_breach.yaml"}, done.stdout
    assert rows["1_good.yaml"][:2] == ["written", "post-mortem"]
    assert rows["2_missing.yaml"][:2] == ["invalid", "post-mortem"]
    assert rows["3_breach.yaml"][:2] == ["breached", "post-mortem"]
    assert "1 written, 1 breached, 1 invalid (exit status 1)" in done.stdout
    lines = {r: next(ln for ln in done.stdout.splitlines() if f" {r} " in ln) for r in rows}
    assert "outputs/tiny-good/report.html" in lines["1_good.yaml"]
    assert "file not found" in lines["2_missing.yaml"] and "gone.csv" in lines["2_missing.yaml"]
    assert "inputs.mentions.0.path" in lines["2_missing.yaml"]
    assert "above the limit of 1 s" in lines["3_breach.yaml"]
    assert "Skipped draft" not in done.stdout


def test_good_and_breaching_reports_are_written_with_their_gates(batch_run):
    base, _, _ = batch_run
    out = base / "outputs"
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == ["index.html", "tiny-breach-quoted-b", "tiny-good"]
    for folder in ("tiny-good", "tiny-breach-quoted-b"):
        assert (out / folder / "report.html").is_file()
    good = json.loads((out / "tiny-good" / "scorecard.json").read_text())
    assert good["gates"]["status"] == "pass"
    outcomes = [r["outcome"] for r in good["gates"]["results"]]
    assert outcomes == ["pass", "pass", "not assessable"]
    card = json.loads((out / "tiny-breach-quoted-b" / "scorecard.json").read_text())
    assert card["gates"]["status"] == "breach"
    (result,) = card["gates"]["results"]
    assert result["outcome"] == "breach" and result["value"] == 1800.0
    assert result["gate"] == {"measure": "frt.median", "max": "1 s"}
    assert result["detail"] == "median first response time 30 min is above the limit of 1 s"
    assert not list(base.glob("outputs/*.failed-*"))


def test_the_index_lists_both_reports_escaped(batch_run):
    base, _, _ = batch_run
    html = (base / "outputs" / "index.html").read_text()
    assert 'href="tiny-good/report.html"' in html
    assert 'href="tiny-breach-quoted-b/report.html"' in html
    assert "Tiny breach &quot;quoted&quot; &lt;b&gt;" in html and '<b>"' not in html
    assert "Tiny missing" not in html  # nothing was run for the invalid one
    assert html.index("tiny-breach-quoted-b/") < html.index("tiny-good/")  # newest first


def test_review_exits_4_when_a_gate_breaches_and_rebuilds_the_index(batch_run, tmp_path, capsys):
    base, folder, _ = batch_run
    out = tmp_path / "reports" / "breach"
    assert main(["review", str(folder / "3_breach.yaml"), "-o", str(out)]) == 4
    captured = capsys.readouterr()
    assert "1 gate(s) breached (exit status 4)" in captured.err
    assert "median first response time 30 min is above the limit of 1 s" in captured.err
    assert (out / "report.html").is_file()
    assert json.loads((out / "scorecard.json").read_text())["gates"]["status"] == "breach"
    index = (tmp_path / "reports" / "index.html").read_text()
    assert 'href="breach/report.html"' in index
    # same inputs, same figures as the batch run
    again = json.loads((out / "scorecard.json").read_text())["measures"]
    first = json.loads((base / "outputs/tiny-breach-quoted-b/scorecard.json").read_text())
    assert again == first["measures"]


def test_killing_a_batch_half_way_leaves_earlier_outputs_intact(batch_run, tmp_path):
    base, folder, _ = batch_run
    out = tmp_path / "outputs"
    shutil.copytree(base / "outputs", out)
    (tmp_path / "x.csv").write_text(TWCS, encoding="utf-8")
    shutil.copytree(folder, tmp_path / "reports")
    breach_dir = out / "tiny-breach-quoted-b"
    before = {p.name: p.read_bytes() for p in breach_dir.iterdir() if p.is_file()}
    good_before = json.loads((out / "tiny-good" / "scorecard.json").read_text())
    good_run_before = (out / "tiny-good" / "run.json").read_bytes()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "toolkit.cli",
            "run",
            "reports/1_good.yaml",
            "reports/3_breach.yaml",
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline and not list(out.glob(".tiny-breach*.tmp-*/report.ipynb")):
            assert proc.poll() is None, "the run ended before it could be killed"
            time.sleep(0.05)  # the second report's notebook is being written
        assert list(out.glob(".tiny-breach*.tmp-*")), "never reached the second report"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # the first report of this run finished and was published whole, with the same figures
    assert (out / "tiny-good" / "run.json").read_bytes() != good_run_before
    good_after = json.loads((out / "tiny-good" / "scorecard.json").read_text())
    assert good_after["measures"] == good_before["measures"]
    assert (out / "tiny-good" / "report.html").is_file()
    # the second one was killed: its previous report is untouched
    after = {p.name: p.read_bytes() for p in breach_dir.iterdir() if p.is_file()}
    assert after == before
    # nothing half-written under a final name; the index was rebuilt after the first report
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == ["index.html", "tiny-breach-quoted-b", "tiny-good"]
    html = (out / "index.html").read_text()
    assert html.rstrip().endswith("</html>") and "tiny-good/report.html" in html


def test_expand_sorts_skips_and_keeps_explicit_files(tmp_path):
    folder = make_folder(tmp_path)
    names = [p.name for p in batch.expand([folder])]
    assert names == ["1_good.yaml", "2_missing.yaml", "3_breach.yaml"]
    explicit = batch.expand([folder / "3_breach.yaml", folder, folder / "_draft.yaml"])
    assert [p.name for p in explicit] == [
        "3_breach.yaml",
        "1_good.yaml",
        "2_missing.yaml",
        "_draft.yaml",
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    (outcome,) = [batch.run_one(p, tmp_path / "out") for p in batch.expand([empty])]
    assert outcome.status == "invalid" and "no parameters files" in outcome.message


def test_run_exit_codes_without_running_a_notebook(tmp_path, capsys):
    folder = make_folder(tmp_path)
    assert main(["run", str(folder / "2_missing.yaml"), "--outputs", str(tmp_path / "o")]) == 1
    assert "1 invalid (exit status 1)" in capsys.readouterr().out
    assert main(["run", str(tmp_path / "nowhere.yaml"), "--outputs", str(tmp_path / "o")]) == 1
    assert "parameters file not found" in capsys.readouterr().out
    assert batch.exit_code([]) == 2


def test_two_files_writing_the_same_folder_are_refused(tmp_path):
    folder = make_folder(tmp_path)
    taken = {(tmp_path / "o" / "tiny-good").resolve(): folder / "0_first.yaml"}
    outcome = batch.run_one(folder / "1_good.yaml", tmp_path / "o", taken=taken)
    assert outcome.status == "invalid", outcome
    assert "same output folder as 0_first.yaml" in outcome.message
    assert not (tmp_path / "o").exists()  # refused before anything ran


def test_quarterly_files_are_recognised(tmp_path):
    q = tmp_path / "q.yaml"
    q.write_text("quarter: {name: Q3 2026, start: 2026-07-01, end: 2026-09-30}\n")
    assert batch.detect_kind(q) == "quarterly"
    assert batch.detect_kind(make_folder(tmp_path) / "1_good.yaml") == "post-mortem"


def test_quarterly_dispatch_runs_the_quarterly_report(tmp_path):
    quarterly = pytest.importorskip(
        "toolkit.quarterly", reason="toolkit.quarterly (another helper's package) is not there yet"
    )
    examples = sorted((ROOT / "parameters").glob("*quarter*.yaml"))
    if not hasattr(quarterly, "run_quarterly") or not examples:
        pytest.skip("toolkit.quarterly has no run_quarterly or no parameters/*quarter*.yaml yet")
    notebook = getattr(quarterly, "NOTEBOOK", None)
    if notebook is not None and not Path(notebook).is_file():
        pytest.skip(f"the quarterly notebook {notebook} is not there yet")
    outcome = batch.run_one(examples[0], tmp_path / "outputs", timeout_s=600)
    assert outcome.kind == "quarterly"
    assert outcome.status in ("written", "breached"), outcome.message
    assert (outcome.output / "report.html").is_file()


def test_quarterly_command_refuses_a_post_mortem_file(tmp_path, capsys):
    folder = make_folder(tmp_path)
    assert main(["quarterly", str(folder / "1_good.yaml"), "-o", str(tmp_path / "q")]) == 2
    assert "not quarterly parameters" in capsys.readouterr().err
    assert not (tmp_path / "q").exists()
