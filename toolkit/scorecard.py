"""The machine-readable scorecard: every measure, its denominator, status and evidence.

CI jobs and quarterly roll-ups read this file, not the HTML, so its layout is a
contract (documented in docs/scorecard.md, ``SCHEMA_VERSION`` bumps on a breaking
change). A measure the data cannot support is still listed, with status
``not_assessable`` and the reason, so a missing figure is never mistaken for zero.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

SCHEMA_VERSION = 1

Status = Literal["ok", "not_assessable"]


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    value: float | int | str | bool | None
    unit: str
    denominator: int | None
    denominator_label: str
    status: Status = "ok"
    reason: str | None = None
    definition: str = ""
    group: dict[str, str] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.status == "not_assessable" and not self.reason:
            raise ValueError(f"measure {self.id}: not_assessable needs a reason")
        if isinstance(self.value, float) and not math.isfinite(self.value):
            raise ValueError(f"measure {self.id}: value must be finite, got {self.value}")


def measure(
    id: str,
    label: str,
    value: Any,
    unit: str,
    denominator: int | None,
    denominator_label: str,
    definition: str = "",
    reason_if_missing: str = "no data to compute it from",
    **extra: Any,
) -> Measure:
    """A measure that turns itself ``not_assessable`` when the value is missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return Measure(
            id,
            label,
            None,
            unit,
            denominator,
            denominator_label,
            "not_assessable",
            reason_if_missing,
            definition,
            **extra,
        )
    if isinstance(value, dt.timedelta):
        value = value.total_seconds()
    return Measure(
        id, label, value, unit, denominator, denominator_label, "ok", None, definition, **extra
    )


def not_assessable(
    id: str,
    label: str,
    unit: str,
    reason: str,
    definition: str = "",
    denominator: int | None = None,
    denominator_label: str = "",
) -> Measure:
    return Measure(
        id, label, None, unit, denominator, denominator_label, "not_assessable", reason, definition
    )


def _default(obj: Any) -> Any:
    if isinstance(obj, dt.datetime):
        return obj.isoformat()
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, dt.timedelta):
        return obj.total_seconds()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON-serialisable: {type(obj).__name__}")


@dataclass
class Scorecard:
    incident: dict[str, Any]
    period: dict[str, Any]
    sentiment_scorer: str
    timeline: dict[str, Any]
    inputs: list[dict[str, Any]]
    measures: list[Measure] = field(default_factory=list)
    tips: list[dict[str, Any]] = field(default_factory=list)
    # What drove the storm (post-mortem only; layout in docs/scorecard.md)
    drivers: list[dict[str, Any]] = field(default_factory=list)
    driver_comparisons: list[dict[str, Any]] = field(default_factory=list)
    voices: list[dict[str, Any]] = field(default_factory=list)

    def add(self, *items: Measure) -> None:
        seen = {(m.id, tuple(sorted(m.group.items()))) for m in self.measures}
        for m in items:
            key = (m.id, tuple(sorted(m.group.items())))
            if key in seen:
                raise ValueError(f"measure {m.id} {m.group} added twice")
            seen.add(key)
            self.measures.append(m)

    def get(self, id: str, **group: str) -> Measure:
        for m in self.measures:
            if m.id == id and m.group == group:
                return m
        raise KeyError(f"{id} {group}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "incident": self.incident,
            "period": self.period,
            "sentiment_scorer": self.sentiment_scorer,
            "timeline": self.timeline,
            "inputs": self.inputs,
            "tips": self.tips,
            "measures": [asdict(m) for m in self.measures],
            "drivers": self.drivers,
            "driver_comparisons": self.driver_comparisons,
            "voices": self.voices,
        }

    def write(self, path: Path) -> None:
        text = json.dumps(
            self.to_dict(), indent=2, ensure_ascii=False, default=_default, allow_nan=False
        )
        path.write_text(text + "\n", encoding="utf-8")
