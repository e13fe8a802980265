"""The same inputs give the same scorecard, byte for byte — evidence and examples included.

Reports are compared across runs (quarter to quarter, in CI): a list whose order changes
from run to run would show up as a change that did not happen.
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit import findings, postmortem

ROOT = Path(__file__).resolve().parent.parent


def _card(out: Path) -> str:
    ctx = postmortem.prepare(ROOT / "parameters" / "demo.yaml", out)
    card = findings.build_scorecard(ctx, postmortem.analyse(ctx)).to_dict()
    ctx.con.close()
    return json.dumps(card, sort_keys=True, default=str)


def test_two_runs_give_the_same_scorecard(tmp_path) -> None:
    first, second = _card(tmp_path / "a"), _card(tmp_path / "b")
    assert len(first) > 10_000
    assert first == second


def _quarter_card(out: Path) -> str:
    from toolkit.quarterly import pipeline
    from toolkit.quarterly import scorecard as qscorecard

    ctx = pipeline.prepare(ROOT / "parameters" / "demo_quarter.yaml", out)
    card = qscorecard.build_scorecard(ctx, pipeline.analyse(ctx)).to_dict()
    ctx.con.close()
    return json.dumps(card, sort_keys=True, default=str)


def test_two_quarterly_runs_give_the_same_scorecard(tmp_path) -> None:
    first, second = _quarter_card(tmp_path / "a"), _quarter_card(tmp_path / "b")
    assert len(first) > 10_000
    assert first == second
