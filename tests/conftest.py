"""Shared fixtures: where the real data lives, and small parameter files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} is absent (only inside the workplace)")
    return SHARED_DATA


CHROMIUM = Path("/usr/bin/chromium")


def _install_chromium() -> str | None:
    """Debian's Chromium, installed the way a fresh machine gets it; None when it worked."""
    import os
    import shutil
    import subprocess

    if CHROMIUM.exists():
        return None
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return "Chromium is not installed and cannot be installed here (needs root and apt-get)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            return f"installing Chromium failed: {' '.join(cmd)}: {done.stderr[-500:]}"
    return None if CHROMIUM.exists() else "apt-get installed no /usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium() -> Path:
    problem = _install_chromium()
    if problem:
        pytest.skip(problem)
    return CHROMIUM
