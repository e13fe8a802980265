"""The GitHub Actions workflow of the scheduled reports: its shape, and its steps run here.

The `run:` scripts are read from .github/workflows/reports.yml and executed with the shell
GitHub uses (bash -eo pipefail), with the parameters folder substituted, so the exit
status that fails the job is the one `crisis run` returns.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "reports.yml"
TWCS = """tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
1,101,True,Mon Mar 09 08:00:00 +0000 2026,@BHelp my internet is down again,2,
2,BHelp,False,Mon Mar 09 08:30:00 +0000 2026,@101 So sorry! We are looking into it ^AK,,1.0
3,102,True,Mon Mar 09 09:00:00 +0000 2026,@BHelp still no answer about my bill,,
"""


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def _step(workflow: dict, name: str) -> dict:
    return next(s for s in _steps(workflow) if s.get("name") == name)


def test_triggers_cron_at_an_odd_minute_and_manual(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    (schedule,) = triggers["schedule"]
    minute = schedule["cron"].split()[0]
    assert minute.isdigit() and int(minute) % 2 == 1, schedule["cron"]
    assert len(schedule["cron"].split()) == 5
    assert "workflow_dispatch" in triggers


def test_steps_checkout_python_install_run_upload(workflow):
    steps = _steps(workflow)
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert uses.index("actions/checkout") < uses.index("actions/setup-python")
    setup = steps[uses.index("actions/setup-python")]
    assert str(setup["with"]["python-version"]) == "3.11"
    install = _step(workflow, "Install the toolkit")["run"].strip()
    readme_first = re.search(r"```bash\n(.+)\n", (ROOT / "README.md").read_text()).group(1)
    assert install == "python3 -m venv .venv && .venv/bin/pip install -q -e ."
    assert readme_first.startswith(install + " && ")  # the README's install command
    upload = steps[uses.index("actions/upload-artifact")]
    assert upload["if"] == "always()"
    assert upload["with"]["path"].rstrip("/") == "outputs"
    names = [s.get("name") for s in steps]
    assert names.index("Run the reports") < names.index("Upload the reports")
    run = _step(workflow, "Run the reports")
    assert "continue-on-error" not in run  # a non-zero exit fails the job
    assert "${{" not in run["run"], "expressions go through env, never into the script"
    default = re.search(r"\|\|\s*'([^']+)'\s*}}$", run["env"]["CRISIS_PARAMS"]).group(1)
    assert "vars.CRISIS_PARAMS" in run["env"]["CRISIS_PARAMS"]
    assert (ROOT / default).is_dir() and list((ROOT / default).glob("*.yaml"))


def _run_step(workflow: dict, params: str, cwd: Path) -> subprocess.CompletedProcess:
    """The step's script as GitHub runs it, in a checkout-like folder using our venv."""
    if not (cwd / ".venv").exists():
        (cwd / ".venv").symlink_to(ROOT / ".venv")
    script = _step(workflow, "Run the reports")["run"]
    env = {**os.environ, "CRISIS_PARAMS": params}
    env.pop("GITHUB_STEP_SUMMARY", None)
    env["GITHUB_STEP_SUMMARY"] = str(cwd / "step_summary.md")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _folder(base: Path, name: str, **params_by_file: dict) -> Path:
    (base / "x.csv").write_text(TWCS, encoding="utf-8")
    folder = base / name
    folder.mkdir()
    for file, extra in params_by_file.items():
        data = {
            "incident": {"name": file, "brand": "B", "accounts": {"twitter": ["BHelp"]}},
            "inputs": {"mentions": [{"path": "../x.csv", "format": "twcs"}]},
            **extra,
        }
        (folder / f"{file}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return folder


@pytest.mark.e2e
def test_the_default_reports_folder_runs_green(workflow, tmp_path):
    done = _run_step(workflow, str(ROOT / "reports"), tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = tmp_path / "outputs"
    (folder,) = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert (folder / "report.html").is_file()
    card = json.loads((folder / "scorecard.json").read_text())
    assert card["gates"]["status"] == "pass", card["gates"]
    assert f"{folder.name}/report.html" in (out / "index.html").read_text()
    assert "1 written (exit status 0)" in (tmp_path / "step_summary.md").read_text()


@pytest.mark.e2e
def test_a_breached_threshold_fails_the_step_and_leaves_outputs_to_upload(workflow, tmp_path):
    folder = _folder(
        tmp_path, "params", strict={"gates": [{"measure": "frt.median", "max": "1 s"}]}
    )
    done = _run_step(workflow, str(folder), tmp_path)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "breached" in done.stdout
    # what the `if: always()` upload step then finds
    assert (tmp_path / "outputs" / "strict" / "report.html").is_file()
    assert (tmp_path / "outputs" / "index.html").is_file()


def test_a_failing_report_fails_the_step(workflow, tmp_path):
    folder = _folder(tmp_path, "params", broken={"timeline": {"onset": "someday"}})
    done = _run_step(workflow, str(folder), tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "invalid" in done.stdout and "timeline.onset" in done.stdout
