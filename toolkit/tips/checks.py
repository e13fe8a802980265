"""Checks, tip verdicts and how a score is made from them.

A tip's verdict must be something a reader can disagree with by looking at the same
rows, so every check carries its value, its target, where the target came from, and
the evidence rows that decided it. Scoring is deliberately plain: pass = 1,
partial = 0.5, fail = 0; a tip's score is the mean over its assessable checks × 100;
met ≥ 75, partly met ≥ 40, otherwise missed. A tip with no assessable check, or
missing the input it is about, is not assessable and names that input.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Outcome = Literal["pass", "partial", "fail", "not_assessable"]
Verdict = Literal["met", "partly met", "missed", "not assessable"]

POINTS = {"pass": 1.0, "partial": 0.5, "fail": 0.0}
MET, PARTLY = 75.0, 40.0

TIP_TITLES = {
    1: "Have a social media policy",
    2: "Have an escalation plan",
    3: "Plan for the worst, expect the best",
    4: "React quickly, personally and directly",
    5: "Don't blame others",
}


@dataclass(frozen=True)
class Check:
    id: str
    tip: int
    label: str
    outcome: Outcome
    value: Any = None
    target: str | None = None
    target_source: str | None = None
    detail: str = ""
    evidence: list[dict[str, Any]] = field(default_factory=list)
    target_value: float | None = None  # the number behind `target`, for charts and CI gates

    def __post_init__(self) -> None:
        if self.outcome == "not_assessable" and not self.detail:
            raise ValueError(f"check {self.id}: not_assessable needs the reason in detail")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def not_assessable(id: str, tip: int, label: str, reason: str) -> Check:
    return Check(id, tip, label, "not_assessable", detail=reason)


def graded(
    value: float | None,
    target: float,
    *,
    lower_is_better: bool,
    partial_factor: float = 2.0,
) -> Outcome:
    """pass within target, partial within target × factor (or ÷ for higher-is-better)."""
    if value is None:
        return "fail"
    if lower_is_better:
        if value <= target:
            return "pass"
        return "partial" if value <= target * partial_factor else "fail"
    if value >= target:
        return "pass"
    return "partial" if value >= target / partial_factor else "fail"


@dataclass(frozen=True)
class TipResult:
    tip: int
    title: str
    verdict: Verdict
    score: float | None
    why: str
    checks: list[Check]
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tip": self.tip,
            "title": self.title,
            "verdict": self.verdict,
            "score": self.score,
            "why": self.why,
            "missing_inputs": self.missing,
            "checks": [c.to_dict() for c in self.checks],
        }


def verdict(tip: int, checks: list[Check], missing: list[str] | None = None) -> TipResult:
    """Score a tip from its checks; ``missing`` names inputs without which it cannot be judged."""
    missing = missing or []
    title = TIP_TITLES[tip]
    scored = [c for c in checks if c.outcome != "not_assessable"]
    if missing or not scored:
        reason = (
            "missing input: " + "; ".join(missing)
            if missing
            else "no check could be assessed: "
            + "; ".join(f"{c.label}: {c.detail}" for c in checks)
        )
        return TipResult(tip, title, "not assessable", None, reason, checks, missing)
    score = round(100 * sum(POINTS[c.outcome] for c in scored) / len(scored), 1)
    v: Verdict = "met" if score >= MET else "partly met" if score >= PARTLY else "missed"
    failed = [c.label for c in scored if c.outcome == "fail"]
    partial = [c.label for c in scored if c.outcome == "partial"]
    passed = [c.label for c in scored if c.outcome == "pass"]
    if failed:
        why = "missed: " + "; ".join(failed)
        if partial:
            why += " — partly: " + "; ".join(partial)
    elif partial:
        why = "partly: " + "; ".join(partial)
    else:
        why = "all checks passed: " + "; ".join(passed)
    return TipResult(tip, title, v, score, why, checks, [])
