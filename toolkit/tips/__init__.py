"""The five crisis tips, each scored from checks with evidence (see checks.py)."""

from __future__ import annotations

import polars as pl

from toolkit.tips import blame, escalation, policy, react, worst_case
from toolkit.tips.checks import Check, TipResult
from toolkit.tips.inputs import TipInputs

__all__ = ["Check", "TipInputs", "TipResult", "assess_all"]


def assess_all(inp: TipInputs, backlog_curve: pl.DataFrame | None = None) -> list[TipResult]:
    return [
        policy.assess(inp),
        escalation.assess(inp),
        worst_case.assess(inp, backlog_curve),
        react.assess(inp),
        blame.assess(inp),
    ]
