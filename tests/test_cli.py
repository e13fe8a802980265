"""The `crisis` command end to end: exit codes, the run folder, nothing half-written.

These run the real notebook through Papermill on small hand-made files.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from toolkit.cli import main

pytestmark = pytest.mark.e2e

TWCS = """tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
1,101,True,Mon Mar 09 08:00:00 +0000 2026,@BHelp my internet is down again,2,
2,BHelp,False,Mon Mar 09 08:30:00 +0000 2026,@101 So sorry! We are looking into it ^AK,,1.0
3,102,True,Mon Mar 09 09:00:00 +0000 2026,@BHelp still no answer about my bill,,
4,103,True,not a date,@BHelp hello,,
"""


def _write(tmp_path: Path, csv_text: str = TWCS, **extra) -> Path:
    (tmp_path / "x.csv").write_text(csv_text, encoding="utf-8")
    params = {
        "incident": {"name": "Tiny test", "brand": "B", "accounts": {"twitter": ["BHelp"]}},
        "inputs": {"mentions": [{"path": "x.csv", "format": "twcs"}]},
        **extra,
    }
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(params))
    return path


def test_review_writes_the_whole_run_folder(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["review", str(_write(tmp_path)), "--output", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert {
        "report.html",
        "report.ipynb",
        "scorecard.json",
        "run.json",
        "rejected.csv",
        "incident.duckdb",
        "tables",
        "charts",
    } <= names
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name], "temp folder left behind"
    card = json.loads((out / "scorecard.json").read_text())
    by_id = {(m["id"], json.dumps(m["group"], sort_keys=True)): m for m in card["measures"]}
    frt = by_id[("frt.median", "{}")]
    # Two eligible episodes: tweet 1 answered after 30 min, tweet 3 unanswered (censored at
    # the end of data, 09:00, i.e. 0 s). KM: the censored one leaves at t=0 after... it is
    # censored at 0 s, before the event at 1800 s, so S(1800) = 0 -> median 1800 s.
    assert frt["value"] == 1800.0 and frt["denominator"] == 2
    assert by_id[("input.rejected", "{}")]["value"] == 1
    rejected = (out / "rejected.csv").read_text()
    assert "created_at" in rejected and "not a date" in rejected
    run = json.loads((out / "run.json").read_text())
    assert run["inputs"][0]["sha256"] and re.fullmatch(r"[0-9a-f]{64}", run["inputs"][0]["sha256"])
    assert run["parameters"]["incident"]["name"] == "Tiny test"
    assert {"load", "sentiment", "notebook", "html_export"} <= set(run["stage_seconds"])
    # peak memory after each kernel stage: positive and, being a running maximum, never
    # falling from one stage to the next
    peaks = list(run["stage_peak_rss_mb"].values())
    assert {"load", "sentiment", "tips"} <= set(run["stage_peak_rss_mb"]) and peaks[0] > 0
    assert peaks == sorted(peaks)
    assert run["versions"]["duckdb"] and run["versions"]["papermill"]
    html = (out / "report.html").read_text()
    charts = re.findall(r'<img alt="([^"]+)" src="data:image/svg\+xml;base64,', html)
    # 6 measure charts + the tips chart + the backlog (no playbook: no escalation chart)
    # + the voices and the per-platform spread charts (too few posts for drivers)
    assert len(charts) == 10 and all(charts), charts
    assert any(c.startswith("Top voices") for c in charts), charts
    assert any(c.startswith("Negative posts per platform") for c in charts), charts
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?https?:", html)
    assert "params_path" not in html, "code or parameters leaked into the report"
    assert list((out / "charts").glob("*.svg"))
    assert "report written" in capsys.readouterr().out


def test_rerun_replaces_the_previous_report(tmp_path):
    params = _write(tmp_path)
    out = tmp_path / "out"
    assert main(["review", str(params), "-o", str(out)]) == 0
    first = json.loads((out / "scorecard.json").read_text())
    (out / "stray.txt").write_text("from an older run")
    assert main(["review", str(params), "-o", str(out)]) == 0
    second = json.loads((out / "scorecard.json").read_text())
    assert first["measures"] == second["measures"]  # same inputs, same figures
    assert not (out / "stray.txt").exists()


def test_invalid_parameters_exit_2_and_run_nothing(tmp_path, capsys):
    params = _write(tmp_path, timeline={"onset": "someday"})
    out = tmp_path / "out"
    assert main(["review", str(params), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "timeline.onset" in err and "someday" in err and str(params) in err
    assert not out.exists()


def test_missing_input_file_exits_2(tmp_path, capsys):
    params = _write(tmp_path)
    (tmp_path / "x.csv").unlink()
    assert main(["review", str(params), "-o", str(tmp_path / "out")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_input_without_required_columns_exits_2(tmp_path, capsys):
    params = _write(tmp_path, csv_text="id,when,words\n1,2026-01-01,hi\n")
    assert main(["review", str(params), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "x.csv" in err and "tweet_id" in err


def test_failed_run_exits_1_keeps_the_notebook_and_the_old_report(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["review", str(_write(tmp_path)), "-o", str(out)]) == 0
    # Every record unreadable: the notebook fails while analysing.
    header = TWCS.splitlines()[0]
    params = _write(tmp_path, csv_text=header + "\n1,101,True,never,hi,,\n")
    assert main(["review", str(params), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    kept = next(tmp_path.glob("out.failed-*"))
    assert str(kept / "report.ipynb") in err
    assert (kept / "report.ipynb").is_file()
    assert "no mention could be loaded" in err
    assert (out / "report.html").is_file(), "previous report must survive a failed run"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"timeline": {"z_treshold": 3}}, "timeline.z_treshold"),  # unknown field
        ({"timeline": {"min_count": "lots"}}, "timeline.min_count"),  # wrong type
        ({"timeline": {"onset": "2026-13-45"}}, "not a date-time"),  # a date that is not one
        ({"report": {"timezone": "Oslo"}}, "report.timezone"),  # not an IANA zone
    ],
)
def test_each_kind_of_bad_parameter_exits_2_naming_the_field(tmp_path, capsys, extra, expected):
    out = tmp_path / "out"
    assert main(["review", str(_write(tmp_path, **extra)), "-o", str(out)]) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_a_second_run_on_the_same_output_refuses(tmp_path, capsys):
    import fcntl

    out = tmp_path / "out"
    with (tmp_path / ".out.lock").open("a") as held:  # a run in progress holds this lock
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["review", str(_write(tmp_path)), "-o", str(out)]) == 3
    assert "another run is writing" in capsys.readouterr().err
    assert not out.exists()
    assert main(["review", str(_write(tmp_path)), "-o", str(out)]) == 0  # lock released


def test_killing_a_run_leaves_the_previous_report_intact(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    params = _write(tmp_path)
    out = tmp_path / "out"
    assert main(["review", str(params), "-o", str(out)]) == 0
    before = (out / "scorecard.json").read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit.cli", "review", str(params), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not list(tmp_path.glob(".out.tmp-*/report.ipynb")):
        time.sleep(0.05)  # wait until the new run is mid-way (its notebook is being written)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (out / "scorecard.json").read_bytes() == before
    assert {p.name for p in out.iterdir()} >= {"report.html", "scorecard.json", "run.json"}
    # the next run starts clean over the killed run's leftovers and succeeds
    assert main(["review", str(params), "-o", str(out)]) == 0
    assert not list(tmp_path.glob(".out.tmp-*")), "the killed run's temp folder was left"


def test_no_index_is_dropped_among_unrelated_files(tmp_path):
    """`--output` into a folder holding other things writes the report but no index.html."""
    desk = tmp_path / "desktop"
    desk.mkdir()
    (desk / "budget.xlsx").write_text("not a report")
    assert main(["review", str(_write(tmp_path)), "--output", str(desk / "report"), "-q"]) == 0
    assert (desk / "report" / "report.html").is_file()
    assert not (desk / "index.html").exists()
