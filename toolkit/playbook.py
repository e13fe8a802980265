"""The brand's playbook: policy, escalation plan, crisis plan and response targets.

Tips 1–3 ask "did you have a plan, and did you follow it?"; that can only be judged
against the plan as it was written before the crisis. This module is its typed form.
A playbook is a YAML file referenced from the parameters (``playbook: FILE``); the
layout is documented in docs/playbook.md and shown in parameters/demo_playbook.yaml.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from toolkit.params import ParamsError, _format_error


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Strict):
    id: str = Field(min_length=1)
    title: str


class Policy(_Strict):
    """Community guidelines / terms of use the moderators apply."""

    url: str | None = None
    published: dt.date
    rules: list[Rule] = Field(min_length=1)


class Trigger(_Strict):
    """When a level must be called: negative posts per hour, or their share of all posts."""

    negative_per_hour: float | None = Field(None, gt=0)
    negative_share: float | None = Field(None, gt=0, le=1)
    min_posts_per_hour: int = Field(10, ge=1, description="share triggers need this volume")

    @model_validator(mode="after")
    def _one(self) -> Trigger:
        if self.negative_per_hour is None and self.negative_share is None:
            raise ValueError("a trigger needs negative_per_hour or negative_share")
        return self


DoneWhen = Literal["log_entry", "first_brand_post", "statement_any", "statement_owned"]


class Action(_Strict):
    """A step of a level, with a deadline counted from the moment the level is called."""

    action: str
    deadline_minutes: int = Field(gt=0)
    owner: str | None = None
    done_when: DoneWhen = Field(
        "log_entry",
        description="what in the data shows it done: an escalation-log entry of this level "
        "(mentioning `match` when given), the brand's first public post, or a statement",
    )
    match: str | None = Field(None, description="text the log entry must contain")


class Level(_Strict):
    level: str
    name: str
    trigger: Trigger
    escalate_within_minutes: int = Field(30, gt=0)
    actions: list[Action] = Field(default_factory=list)


class EscalationPlan(_Strict):
    published: dt.date
    levels: list[Level] = Field(min_length=1)


class HoldingStatement(_Strict):
    id: str
    scenario: str | None = None
    text: str = Field(min_length=10)


class CrisisPlan(_Strict):
    created: dt.date
    last_review: dt.date | None = None
    last_drill: dt.date | None = None
    scenarios: list[str] = Field(default_factory=list)
    holding_statements: list[HoldingStatement] = Field(default_factory=list)


class Targets(_Strict):
    """Response targets; each defaults to the toolkit's documented default when absent."""

    first_acknowledgement_minutes: int | None = Field(None, gt=0)
    official_statement_minutes: int | None = Field(None, gt=0)
    frt_median_minutes: int | None = Field(None, gt=0)
    response_rate_24h: float | None = Field(None, gt=0, le=1)


class Playbook(_Strict):
    brand: str | None = None
    policy: Policy | None = None
    escalation_plan: EscalationPlan | None = None
    crisis_plan: CrisisPlan | None = None
    targets: Targets = Targets()


def load_playbook(path: Path) -> Playbook:
    """Read and validate a playbook; a ParamsError names each wrong field."""
    if not path.is_file():
        raise ParamsError(str(path), ["playbook file not found"])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ParamsError(str(path), [f"not valid YAML: {exc}"]) from None
    if not isinstance(data, dict):
        raise ParamsError(str(path), ["the playbook must be a mapping of fields"])
    try:
        return Playbook.model_validate(data)
    except ValidationError as exc:
        raise ParamsError(str(path), [_format_error(e) for e in exc.errors()]) from None
