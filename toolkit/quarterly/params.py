"""Typed parameters of the quarterly reputation report, validated before anything runs.

A quarterly parameters file is recognised by its top-level ``quarter:`` (post-mortem
files have ``incident:``). It reuses the post-mortem's pieces — inputs, timeline,
recovery, measures, sentiment and report settings — so the same settings mean the same
thing in both reports, and every problem is reported at once, naming its field, in the
same words as :mod:`toolkit.params`. Field reference: docs/quarterly.md.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationInfo, field_validator, model_validator

from toolkit.gates import Gate
from toolkit.params import (
    PLATFORMS,
    DriversParams,
    Engine,
    EventInputs,
    Incident,
    Inputs,
    Measures,
    MentionsInput,
    Params,
    ParamsError,
    Privacy,
    Recovery,
    Report,
    Sentiment,
    Timeline,
    VoicesParams,
    _aware,
    _resolve,
    _Strict,
    validate_model,
)


class Period(_Strict):
    """A quarter (or any reporting period): whole local days, ``end`` included."""

    name: str = Field(min_length=1)
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _order(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Brand(_Strict):
    name: str = Field(min_length=1)
    accounts: dict[str, list[str]] = Field(
        description="platform -> the brand's own account ids/handles on it"
    )

    @field_validator("accounts")
    @classmethod
    def _accounts(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(v) - set(PLATFORMS))
        if unknown:
            raise ValueError(f"unknown platform(s) {unknown}; allowed: {', '.join(PLATFORMS)}")
        if not any(v.values()):
            raise ValueError("name at least one brand account, e.g. twitter: [BrandHelp]")
        return v


class Competitor(_Strict):
    """A competitor whose mentions are loaded (into ``competitor_mentions``, never into the
    brand's ``mentions``) for the share of voice."""

    name: str = Field(min_length=1)
    accounts: dict[str, list[str]] = Field(
        default_factory=dict,
        description="platform -> the competitor's own account ids/handles (its posts are "
        "not counted as mentions of it)",
    )
    inputs: list[MentionsInput] = Field(
        min_length=1, description="the competitor's exports, as inputs.mentions"
    )

    @field_validator("accounts")
    @classmethod
    def _accounts(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(v) - set(PLATFORMS))
        if unknown:
            raise ValueError(f"unknown platform(s) {unknown}; allowed: {', '.join(PLATFORMS)}")
        return v


class ListedIncident(_Strict):
    """An incident named in the parameters (e.g. from the incident log)."""

    name: str = Field(min_length=1)
    onset: dt.datetime
    end: dt.datetime | None = None
    post_mortem: Path | None = Field(
        None, description="the output folder of this incident's post-mortem, if one was run"
    )

    @field_validator("onset", "end", mode="before")
    @classmethod
    def _when(cls, v: Any, info: ValidationInfo) -> dt.datetime | None:
        zone = (info.context or {}).get("zone", "UTC")
        return _aware(v, zone, f"incidents.{info.field_name}")

    @field_validator("post_mortem")
    @classmethod
    def _folder(cls, v: Path | None, info: ValidationInfo) -> Path | None:
        return None if v is None else _resolve(v, info, must_exist=False)

    @model_validator(mode="after")
    def _order(self) -> ListedIncident:
        if self.end is not None and self.end <= self.onset:
            raise ValueError("end must be after onset")
        return self


class QuarterTimeline(Timeline):
    """The post-mortem's detection settings; dates are fixed per incident instead."""

    detect: bool = Field(True, description="find incidents in the data besides the listed ones")

    @model_validator(mode="after")
    def _no_dates(self) -> QuarterTimeline:
        if self.onset is not None or self.end is not None:
            raise ValueError(
                "a quarter has several incidents: fix their dates under incidents: "
                "(name, onset, end) instead of timeline.onset/timeline.end"
            )
        return self


class Targets(_Strict):
    response_minutes: int = Field(
        60, gt=0, description="the response target: share of episodes answered within it"
    )


class QuarterlyParams(_Strict):
    """Everything one quarterly run needs; parameters/demo_quarter.yaml is the example."""

    quarter: Period
    previous: Literal["auto", "none"] | Period = Field(
        "auto", description="the period to compare with: auto = the quarter before"
    )
    brand: Brand
    inputs: Inputs
    incidents: list[ListedIncident] = Field(default_factory=list)
    competitors: list[Competitor] = Field(
        default_factory=list, description="competitors' mentions for the share of voice"
    )
    timeline: QuarterTimeline = QuarterTimeline()
    recovery: Recovery = Recovery()
    measures: Measures = Measures()
    drivers: DriversParams = DriversParams()
    voices: VoicesParams = VoicesParams()
    targets: Targets = Targets()
    sentiment: Sentiment = Sentiment()
    report: Report = Report()
    privacy: Privacy = Privacy()
    engine: Engine = Engine()
    gates: list[Gate] = Field(
        default_factory=list, description="thresholds for CI gating (docs/scheduled.md)"
    )
    demo_data: Path | None = Field(
        None, description="folder where the built-in demo quarters are generated when missing"
    )

    @field_validator("demo_data")
    @classmethod
    def _demo(cls, v: Path | None, info: ValidationInfo) -> Path | None:
        return None if v is None else _resolve(v, info, must_exist=False)

    @field_validator("competitors")
    @classmethod
    def _competitor_names(cls, v: list[Competitor], info: ValidationInfo) -> list[Competitor]:
        brand = info.data.get("brand")
        seen = {brand.name.strip().lower()} if brand is not None else set()
        for i, c in enumerate(v):
            if c.name.strip().lower() in seen:
                raise ValueError(
                    f"entry {i}: the name '{c.name}' is the brand's or another competitor's; "
                    "give each competitor its own name"
                )
            seen.add(c.name.strip().lower())
        return v

    @property
    def previous_period(self) -> Period | None:
        if self.previous == "none":
            return None
        if isinstance(self.previous, Period):
            return self.previous
        return previous_quarter(self.quarter)

    @property
    def title(self) -> str:
        return self.report.title or f"{self.brand.name} reputation report, {self.quarter.name}"

    @property
    def name(self) -> str:
        return self.title

    @property
    def slug(self) -> str:
        text = f"{self.brand.name} quarterly {self.quarter.name}".lower()
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "quarterly"

    @property
    def response_windows_s(self) -> list[int]:
        minutes = {*self.measures.response_windows_minutes, self.targets.response_minutes}
        return [m * 60 for m in sorted(minutes)]

    def to_jsonable(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def loading_params(self) -> Params:
        """The post-mortem parameters that load the same inputs (for the shared loaders)."""
        return Params.model_construct(
            incident=_incident(self),
            inputs=self.inputs,
            timeline=Timeline(
                period=self.timeline.period,
                z_threshold=self.timeline.z_threshold,
                min_count=self.timeline.min_count,
                end_consecutive=self.timeline.end_consecutive,
            ),
            recovery=self.recovery,
            measures=self.measures,
            sentiment=self.sentiment,
            report=self.report,
        )

    def competitor_loading_params(self, c: Competitor) -> Params:
        """The post-mortem parameters that load one competitor's exports (its own accounts
        mark its own posts; no events)."""
        return Params.model_construct(
            incident=Incident.model_construct(
                name=c.name, brand=c.name, accounts=c.accounts, owned_channels=[]
            ),
            inputs=Inputs.model_construct(mentions=c.inputs, events=EventInputs()),
            timeline=self.loading_params().timeline,
            recovery=self.recovery,
            measures=self.measures,
            sentiment=self.sentiment,
            report=self.report,
        )


def _incident(p: QuarterlyParams):
    return Incident(name=p.quarter.name, brand=p.brand.name, accounts=p.brand.accounts)


def previous_quarter(q: Period) -> Period:
    """The calendar quarter before ``q`` (or, for any other period, the same length before)."""
    start = q.start
    if start.day == 1 and start.month in (1, 4, 7, 10):
        month = start.month - 3
        year = start.year
        if month < 1:
            month += 12
            year -= 1
        prev_start = dt.date(year, month, 1)
        return Period(
            name=f"Q{(month - 1) // 3 + 1} {year}",
            start=prev_start,
            end=start - dt.timedelta(days=1),
        )
    length = q.end - q.start
    end = q.start - dt.timedelta(days=1)
    return Period(name=f"{end - length} to {end}", start=end - length, end=end)


def is_quarterly(data: Any) -> bool:
    """True for a quarterly parameters mapping (top-level ``quarter:``)."""
    return isinstance(data, dict) and "quarter" in data


def validate_quarterly(
    data: Any, source: str = "<parameters>", base_dir: Path | None = None, check_files: bool = True
) -> QuarterlyParams:
    return validate_model(QuarterlyParams, data, source, base_dir, check_files, "docs/quarterly.md")


def load_quarterly_params(path: str | Path, check_files: bool = True) -> QuarterlyParams:
    """Read and validate a quarterly parameters YAML (generating the demo's inputs if asked)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise ParamsError(str(path), ["parameters file not found"])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ParamsError(str(path), [f"not valid YAML: {exc}"]) from None
    if isinstance(data, dict) and not is_quarterly(data):
        raise ParamsError(
            str(path),
            [
                "field `quarter`: required field is missing (a quarterly parameters file "
                "names its quarter; post-mortem files with `incident:` go to `crisis review`)"
            ],
        )
    if isinstance(data, dict) and data.get("demo_data"):
        from toolkit import demo_quarter  # lazy: only demo runs need the generator

        demo_quarter.ensure(path.parent / str(data["demo_data"]))
    return validate_quarterly(data, source=str(path), base_dir=path.parent, check_files=check_files)
