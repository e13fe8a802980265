"""Thresholds for CI gating: the ``gates:`` section of the parameters and its evaluation.

A gate is written for a communications analyst, in YAML::

    gates:
      - measure: frt.median        # a scorecard measure id (docs/scorecard.md)
        max: 60 min                # durations "45 s", "60 min", "2 h", "1 d"
      - measure: response_rate.within_1h
        group: {unit: episode}     # optional; default the whole-incident value
        min: 80%                   # shares "80%" or 0.8; counts and other values: numbers
      - measure: recovery.recovered
        equals: true               # booleans (and exact values)
      - tips: not missed           # no crisis tip may be "missed"
      - tips: [4, 5]               # these tips must not be missed ...
        at_least: met              # ... or must be met

A report whose figures breach a gate is still written; the breach goes into
``scorecard.json`` (``"gates"``), the run summary and the exit status (4). Which measure
ids exist is only known after the run (response windows and quarterly reports add their
own), so an unknown id is reported as a gate problem (outcome ``unknown measure``), never
a crash. Layout and outcomes: docs/scheduled.md.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer
from pydantic import model_validator as _model_validator

PASS, BREACH, NOT_ASSESSABLE, UNKNOWN, WRONG_UNIT = (
    "pass",
    "breach",
    "not assessable",
    "unknown measure",
    "wrong unit",
)
#: outcomes that make the gates' status "breach" (a gate that cannot be checked as
#: written must not pass CI silently)
FAILING = (BREACH, UNKNOWN, WRONG_UNIT)
VERDICTS = ("met", "partly met", "missed", "not assessable")

_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
}
_UNIT_SHORT = {1: "s", 60: "min", 3600: "h", 86400: "d"}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$")
_SHARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_NUMBER = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*$")
_MEASURE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[^\s.]+)+$")
_LIMIT_HELP = (
    "write a duration like '45 s', '60 min' or '2 h', a share like '80%' or 0.8, "
    "or a plain number for counts and other values"
)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limit(_Frozen):
    """A threshold as written ("60 min", "80%", 0.8, 10) and its value in scorecard units."""

    written: str | int | float
    kind: Literal["duration", "share", "number"]
    value: float  # seconds for durations, 0–1 for shares, the number otherwise
    scale: int = 1  # durations: the unit written (60 for "min"), to show values alike

    @model_serializer
    def _as_written(self) -> str | int | float:
        return self.written

    @classmethod
    def parse(cls, raw: Any) -> Limit:
        if isinstance(raw, Limit):
            return raw
        if isinstance(raw, bool) or raw is None:
            raise ValueError(f"{raw!r} is not a limit; {_LIMIT_HELP}")
        if isinstance(raw, int | float):
            if not math.isfinite(raw):
                raise ValueError(f"{raw!r} is not a limit; {_LIMIT_HELP}")
            return cls(written=raw, kind="number", value=float(raw))
        if not isinstance(raw, str):
            raise ValueError(f"{raw!r} is not a limit; {_LIMIT_HELP}")
        if _NUMBER.match(raw):
            return cls(written=raw.strip(), kind="number", value=float(raw))
        if m := _SHARE.match(raw):
            pct = float(m.group(1))
            if pct > 100:
                raise ValueError(f"'{raw}' is more than 100%; a share is 0%–100%")
            return cls(written=raw.strip(), kind="share", value=pct / 100)
        if m := _DURATION.match(raw):
            unit = m.group(2).lower()
            if unit not in _UNITS:
                raise ValueError(
                    f"'{raw}': unknown time unit '{m.group(2)}'; use s, min, h or d "
                    "(e.g. '45 s', '60 min', '2 h')"
                )
            scale = _UNITS[unit]
            return cls(
                written=raw.strip(), kind="duration", value=float(m.group(1)) * scale, scale=scale
            )
        raise ValueError(f"'{raw}' is not a limit; {_LIMIT_HELP}")


class Gate(_Frozen):
    """One threshold: a measure with ``min``/``max``/``equals``, or a rule on the tips."""

    measure: str | None = Field(
        None, description="scorecard measure id, e.g. frt.median (docs/scorecard.md)"
    )
    group: dict[str, str] | None = Field(
        None, description="the slice, e.g. {unit: episode} or {platform: twitter}"
    )
    min: Limit | None = Field(None, description="the value must be at least this")
    max: Limit | None = Field(None, description="the value must be at most this")
    equals: bool | int | float | str | None = Field(
        None, description="the value must be exactly this (e.g. true for recovery.recovered)"
    )
    tips: Literal["not missed", "all"] | list[int] | None = Field(
        None, description="'not missed' (every tip) or a list of tip numbers 1–5"
    )
    at_least: Literal["partly met", "met"] | None = Field(
        None, description="tips gates: the lowest acceptable verdict (default: partly met)"
    )
    if_not_assessable: Literal["not assessable", "breach"] = Field(
        "not assessable",
        description="what a gate whose figure is not assessable counts as (default: not a breach)",
    )

    @_model_validator(mode="before")
    @classmethod
    def _mapping(cls, v: Any) -> Any:
        if not isinstance(v, Mapping | Gate):
            raise ValueError(
                f"{v!r}: a gate is a mapping, e.g. `- measure: frt.median` with "
                "`max: 60 min` on the next line, or `- tips: not missed`"
            )
        return v

    @model_serializer(mode="wrap")
    def _as_written(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        return {
            k: v
            for k, v in data.items()
            if v is not None and not (k == "if_not_assessable" and v == "not assessable")
        }

    @field_validator("min", "max", mode="before")
    @classmethod
    def _limit(cls, v: Any) -> Limit | None:
        return None if v is None else Limit.parse(v)

    @field_validator("measure")
    @classmethod
    def _measure(cls, v: str | None) -> str | None:
        if v is not None and not _MEASURE_ID.match(v.strip()):
            raise ValueError(
                f"'{v}' is not a measure id; write one such as frt.median or "
                "response_rate.within_1h (list in docs/scorecard.md)"
            )
        return None if v is None else v.strip()

    @field_validator("tips", mode="before")
    @classmethod
    def _tips_shorthand(cls, v: Any) -> Any:
        if isinstance(v, int) and not isinstance(v, bool):
            return [v]
        if isinstance(v, str) and v.strip().lower() in ("not missed", "all"):
            return v.strip().lower()
        if isinstance(v, str):
            raise ValueError(f"'{v}': write `tips: not missed` or a list of tips like [4, 5]")
        return v

    @field_validator("tips")
    @classmethod
    def _tips(cls, v: Any) -> Any:
        if isinstance(v, list):
            bad = [t for t in v if not 1 <= t <= 5]
            if bad or not v:
                raise ValueError(f"{v}: tips are numbered 1 to 5 (docs/tips.md); list at least one")
            if len(set(v)) != len(v):
                raise ValueError(f"{v}: a tip is listed twice")
        return v

    @_model_validator(mode="after")
    def _shape(self) -> Gate:
        limits = [n for n in ("min", "max", "equals") if getattr(self, n) is not None]
        if self.measure is None and self.tips is None:
            raise ValueError(
                "a gate needs `measure:` with `min:`, `max:` or `equals:`, "
                "or `tips: not missed` (see docs/scheduled.md)"
            )
        if self.measure is not None and self.tips is not None:
            raise ValueError("a gate has either `measure:` or `tips:`, not both; write two gates")
        if self.measure is not None:
            if not limits:
                raise ValueError(
                    f"gate on {self.measure}: give `max:` (at most), `min:` (at least) or `equals:`"
                )
            if self.equals is not None and (self.min or self.max):
                raise ValueError(f"gate on {self.measure}: `equals:` cannot go with min/max")
            if self.at_least is not None:
                raise ValueError("`at_least:` belongs to tips gates; use min/max for measures")
            lo, hi = self.min, self.max
            if lo and hi and lo.kind == hi.kind and lo.value > hi.value:
                raise ValueError(f"gate on {self.measure}: min is above max")
        else:
            if limits or self.group is not None:
                raise ValueError(
                    "a tips gate takes `tips:` and optionally `at_least:` "
                    "(not min/max/equals/group)"
                )
        return self

    def as_written(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# --------------------------------------------------------------------------- evaluation


def _fmt_number(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", " ")
    return f"{x:.3g}" if abs(x) < 1 else f"{x:,.1f}".replace(",", " ")


def _fmt_duration(seconds: float, scale: int | None = None) -> str:
    if scale is None:
        scale = 1 if seconds < 120 else 60 if seconds < 7200 else 3600
    v = seconds / scale
    text = f"{v:.0f}" if float(round(v, 1)).is_integer() else f"{v:.1f}"
    return f"{text} {_UNIT_SHORT.get(scale, 's')}"


def format_value(value: Any, unit: str | None, limit: Limit | None = None) -> str:
    """A scorecard value in words: '74 min', '38.2%', '1 104', 'true'."""
    if value is None:
        return "not assessable"
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, int | float):
        return str(value)
    if unit == "seconds":
        scale = limit.scale if limit and limit.kind == "duration" else None
        if scale is not None and abs(value) / scale >= 120:
            scale = None  # 1800 s against "1 s": say 30 min
        return _fmt_duration(value, scale)
    if unit == "share":
        return f"{value * 100:.1f}%".replace(".0%", "%")
    return _fmt_number(value)


def _describe_group(group: Mapping[str, Any]) -> str:
    return ", ".join(f"{k} {v}" for k, v in group.items())


def _label(entry: Mapping[str, Any]) -> str:
    label = str(entry.get("label") or entry.get("id") or "the measure")
    text = label[:1].lower() + label[1:] if label[1:2].islower() else label
    group = entry.get("group") or {}
    return f"{text} ({_describe_group(group)})" if group else text


def _alias(measure_id: str) -> str | None:
    """`response_rate.within_60m` / `within_60min` / `within_3600s` -> the scorecard's id."""
    m = re.match(r"^(.*within_)(\d+)\s*([a-z]+)$", measure_id)
    if not m or m.group(3) not in _UNITS:
        return None
    seconds = int(m.group(2)) * _UNITS[m.group(3)]
    label = f"{seconds // 3600}h" if seconds % 3600 == 0 else f"{seconds}s"
    alias = f"{m.group(1)}{label}"
    return alias if alias != measure_id else None


def _find(
    measures: Sequence[Mapping[str, Any]], measure_id: str, group: Mapping[str, str] | None
) -> tuple[Mapping[str, Any] | None, str]:
    """The scorecard entry of a gate, or None and a sentence saying what is there instead."""
    by_id: dict[str, list[Mapping[str, Any]]] = {}
    for m in measures:
        if isinstance(m, Mapping) and isinstance(m.get("id"), str):
            by_id.setdefault(m["id"], []).append(m)
    entries = by_id.get(measure_id)
    if entries is None and (alias := _alias(measure_id)) in by_id:
        entries = by_id[alias]
    if entries is None:
        close = difflib.get_close_matches(measure_id, list(by_id), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else " (ids: docs/scorecard.md)"
        return None, f"the scorecard has no measure '{measure_id}'{hint}"
    want = {str(k): str(v) for k, v in (group or {}).items()}
    for e in entries:
        if {str(k): str(v) for k, v in (e.get("group") or {}).items()} == want:
            return e, ""
    if group is None:
        # No group written: the whole incident. Response rates have no group {}; their
        # whole-incident value is counted per conversation episode ({unit: episode}).
        whole = [e for e in entries if set(e.get("group") or {}) <= {"unit"}]
        whole.sort(key=lambda e: (e.get("group") or {}).get("unit") != "episode")
        if whole:
            return whole[0], ""
    groups = sorted(json.dumps(e.get("group") or {}, sort_keys=True) for e in entries)
    shown = ", ".join(groups[:8]) + (" …" if len(groups) > 8 else "")
    return None, f"'{measure_id}' has no group {json.dumps(want)}; its groups are: {shown}"


def _result(gate: Gate, **kw: Any) -> dict[str, Any]:
    return {
        "gate": gate.as_written(),
        "measure": kw.get("measure", gate.measure),
        "group": kw.get("group", gate.group or {}),
        "value": kw.get("value"),
        "limit": kw.get("limit"),
        "outcome": kw["outcome"],
        "detail": kw["detail"],
    }


def _limits_of(gate: Gate) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if gate.min is not None:
        out["min"] = gate.min.value
    if gate.max is not None:
        out["max"] = gate.max.value
    if gate.equals is not None:
        out["equals"] = gate.equals
    return out


def _unit_problem(limit: Limit, unit: str | None, value: Any) -> str | None:
    if isinstance(value, bool) or unit in ("boolean", "datetime"):
        return f"a {unit or 'boolean'} value cannot be compared with min/max; use `equals:`"
    if not isinstance(value, int | float):
        return f"its value {value!r} is not a number"
    if unit == "seconds" and limit.kind != "duration":
        return f"it is a duration: write the limit with a unit, e.g. '{limit.written} min'"
    if unit != "seconds" and limit.kind == "duration":
        return f"it is not a duration (unit: {unit}) but the limit '{limit.written}' is"
    if unit == "share" and limit.kind == "number" and not 0 <= limit.value <= 1:
        return f"it is a share: write '{limit.written}%' or a number from 0 to 1"
    if unit != "share" and limit.kind == "share":
        return f"it is not a share (unit: {unit}) but the limit '{limit.written}' is"
    return None


def _evaluate_measure(gate: Gate, measures: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    assert gate.measure is not None
    entry, problem = _find(measures, gate.measure, gate.group)
    limit = _limits_of(gate)
    if entry is None:
        return _result(
            gate, outcome=UNKNOWN, limit=limit, detail=f"gate on {gate.measure}: {problem}"
        )
    group = dict(entry.get("group") or {})
    value, unit, what = entry.get("value"), entry.get("unit"), _label(entry)
    common = {"measure": entry.get("id"), "group": group, "value": value, "limit": limit}
    if value is None or entry.get("status") == "not_assessable":
        reason = entry.get("reason") or "no reason given"
        outcome = BREACH if gate.if_not_assessable == "breach" else NOT_ASSESSABLE
        tail = " (the gate says: not assessable counts as a breach)" if outcome == BREACH else ""
        return _result(
            gate, outcome=outcome, detail=f"{what} is not assessable: {reason}{tail}", **common
        )
    if gate.equals is not None:
        ok = value == gate.equals and isinstance(value, bool) == isinstance(gate.equals, bool)
        want = format_value(gate.equals, unit)
        shown = format_value(value, unit)
        detail = (
            f"{what} is {shown}, as required"
            if ok
            else f"{what} is {shown}; the gate requires {want}"
        )
        return _result(gate, outcome=PASS if ok else BREACH, detail=detail, **common)
    for lim in (gate.min, gate.max):
        if lim is not None and (problem := _unit_problem(lim, unit, value)):
            return _result(
                gate, outcome=WRONG_UNIT, detail=f"gate on {entry.get('id')}: {problem}", **common
            )
    eps = 1e-9
    if gate.max is not None and value > gate.max.value + eps:
        shown, lim = (
            format_value(value, unit, gate.max),
            format_value(gate.max.value, unit, gate.max),
        )
        return _result(
            gate,
            outcome=BREACH,
            detail=f"{what} {shown} is above the limit of {lim}",
            **common,
        )
    if gate.min is not None and value < gate.min.value - eps:
        shown, lim = (
            format_value(value, unit, gate.min),
            format_value(gate.min.value, unit, gate.min),
        )
        return _result(
            gate,
            outcome=BREACH,
            detail=f"{what} {shown} is below the minimum of {lim}",
            **common,
        )
    bounds = []
    if gate.min is not None:
        bounds.append(f"at least {format_value(gate.min.value, unit, gate.min)}")
    if gate.max is not None:
        bounds.append(f"at most {format_value(gate.max.value, unit, gate.max)}")
    shown = format_value(value, unit, gate.max or gate.min)
    return _result(
        gate,
        outcome=PASS,
        detail=f"{what} {shown} is within the limit ({' and '.join(bounds)})",
        **common,
    )


def _evaluate_tips(gate: Gate, tips: Any) -> dict[str, Any]:
    at_least = gate.at_least or "partly met"
    wanted = None if isinstance(gate.tips, str) else list(gate.tips or [])
    limit = {"at_least": at_least, "tips": wanted or "all"}
    verdicts: dict[str, str] = {}
    titles: dict[str, str] = {}
    for t in tips if isinstance(tips, list) else []:
        if isinstance(t, Mapping) and "tip" in t:
            verdicts[str(t["tip"])] = str(t.get("verdict"))
            titles[str(t["tip"])] = str(t.get("title") or "")
    common = {"measure": "tips", "group": {}, "limit": limit}
    if not verdicts:
        outcome = BREACH if gate.if_not_assessable == "breach" else NOT_ASSESSABLE
        return _result(
            gate,
            outcome=outcome,
            value=None,
            detail="this report has no tip verdicts, so the tips cannot be checked",
            **common,
        )
    keys = [str(t) for t in wanted] if wanted else sorted(verdicts, key=int)
    value = {k: verdicts.get(k, "not assessable") for k in keys}
    ok_verdicts = ("met",) if at_least == "met" else ("met", "partly met")
    failed = [k for k, v in value.items() if v not in ok_verdicts and v != "not assessable"]
    unassessed = [k for k, v in value.items() if v == "not assessable"]

    def named(k: str) -> str:
        return f"tip {k} ({titles[k]})" if titles.get(k) else f"tip {k}"

    if failed:
        parts = [f"{named(k)} is {value[k]}" for k in failed]
        need = "met" if at_least == "met" else "at least partly met"
        detail = "; ".join(parts) + f" (required: {need})"
        return _result(gate, outcome=BREACH, value=value, detail=detail, **common)
    if unassessed:
        outcome = BREACH if gate.if_not_assessable == "breach" else NOT_ASSESSABLE
        detail = (
            ", ".join(named(k) for k in unassessed)
            + (" is" if len(unassessed) == 1 else " are")
            + " not assessable"
            + (" (the gate says: not assessable counts as a breach)" if outcome == BREACH else "")
        )
        return _result(gate, outcome=outcome, value=value, detail=detail, **common)
    which = "every tip" if not wanted else ", ".join(f"tip {k}" for k in keys)
    verdict = "met" if at_least == "met" else "met or partly met"
    return _result(gate, outcome=PASS, value=value, detail=f"{which}: {verdict}", **common)


def evaluate(gates: Sequence[Gate], scorecard: Mapping[str, Any]) -> dict[str, Any]:
    """``{"status": "pass"|"breach", "results": [...]}`` for a scorecard dict.

    The status is "breach" when any gate breached or could not be checked as written
    (unknown measure, wrong unit); "not assessable" gates do not breach.
    """
    measures = scorecard.get("measures") if isinstance(scorecard, Mapping) else None
    measures = [m for m in measures if isinstance(m, Mapping)] if isinstance(measures, list) else []
    results = []
    for gate in gates:
        if gate.tips is not None:
            results.append(_evaluate_tips(gate, scorecard.get("tips")))
        else:
            results.append(_evaluate_measure(gate, measures))
    status = BREACH if any(r["outcome"] in FAILING for r in results) else PASS
    return {"status": status, "results": results}


def problems(evaluation: Mapping[str, Any] | None) -> list[str]:
    """The details of the gates that failed (breach, unknown measure, wrong unit)."""
    if not evaluation:
        return []
    return [r["detail"] for r in evaluation.get("results", []) if r["outcome"] in FAILING]


class GateRecorder:
    """``before_publish`` hook: writes the gates' evaluation into the run's scorecard.json.

    Called with the temporary run folder before it is moved into place, so the published
    scorecard always carries the gates it was judged by. ``evaluation`` holds the result
    (None when there are no gates or the run never got that far).
    """

    def __init__(self, gates: Sequence[Gate]):
        self.gates = list(gates)
        self.evaluation: dict[str, Any] | None = None

    def __call__(self, run_dir: Path) -> None:
        if not self.gates:
            return
        path = Path(run_dir) / "scorecard.json"
        try:
            card: Any = json.loads(path.read_text(encoding="utf-8"))
            problem = "" if isinstance(card, dict) else "the scorecard is not a JSON object"
        except (OSError, ValueError) as exc:
            card, problem = None, f"the run's scorecard.json could not be read ({exc})"
        if problem:
            self.evaluation = {
                "status": BREACH,
                "results": [
                    _result(g, outcome=UNKNOWN, detail=problem, measure=g.measure or "tips")
                    for g in self.gates
                ],
            }
            return
        self.evaluation = evaluate(self.gates, card)
        card["gates"] = self.evaluation
        path.write_text(
            json.dumps(card, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
            encoding="utf-8",
        )
