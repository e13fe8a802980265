"""Typed run parameters, validated before any work starts.

Papermill does not validate what it injects (an unknown key only logs a warning, YAML
dates arrive as strings), so every run — CLI or an interactive notebook — goes through
``load_params``. All problems are reported at once, each naming the file and the
field, in words a communications analyst can act on.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from toolkit.gates import Gate

FORMATS = (
    "auto",  # detected from the file's content
    "twcs",  # Customer-Support-on-Twitter CSV
    "generic",  # CSV / JSON Lines / Parquet with a column mapping
    "twarc2",  # X/Twitter API v2 response pages, one per line (twarc2)
    "twarc_csv",  # the flattened CSV twarc-csv makes from those pages
    "facebook_graph",  # Facebook Graph API page feed with nested comments
    "youtube",  # YouTube Data API v3 commentThreads.list responses
    "reddit",  # Reddit JSON (API listings or NDJSON dumps)
    "brandwatch",  # social-listening mention exports (CSV)
    "talkwalker",
    "meltwater",
    "sprout",
)
PLATFORMS = ("twitter", "facebook", "youtube", "reddit", "forum", "instagram", "other")
MAPPABLE_FIELDS = (
    "mention_id",
    "created_at",
    "text",
    "author_id",
    "author_name",
    "parent_id",
    "conversation_id",
    "kind",
    "lang",
    "reach",
    "engagement",
    "sentiment",
    "is_brand",
    "directed_at_brand",
    "author_verified",
)
REQUIRED_MAPPING = ("mention_id", "created_at", "text", "author_id")


M = TypeVar("M", bound="BaseModel")


class ParamsError(Exception):
    """Invalid parameters or inputs; ``problems`` lists every one found."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s) in the parameters:\n{lines}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"'{value}' is not a known time zone; use an IANA name such as 'Europe/Oslo' or 'UTC'"
        ) from exc
    return value


def _resolve(value: Path, info: ValidationInfo, must_exist: bool = True) -> Path:
    base = (info.context or {}).get("base_dir")
    path = value if value.is_absolute() or base is None else Path(base) / value
    path = path.resolve()
    if must_exist and (info.context or {}).get("check_files", True) and not path.is_file():
        raise ValueError(f"file not found: {path}")
    return path


class MentionsInput(_Strict):
    """One export file of posts/comments/replies."""

    path: Path
    format: str = Field(
        description="export format (see docs/inputs.md); 'auto' detects it from the content"
    )
    platform: Literal[PLATFORMS] | None = Field(  # type: ignore[valid-type]
        None, description="where the export comes from; default: the format's own platform"
    )
    timezone: str = Field("UTC", description="zone of timestamps that carry no offset of their own")
    timestamp_format: str | None = Field(
        None, description="strptime format, when automatic detection is not enough"
    )
    mapping: dict[str, str] | None = Field(
        None, description="canonical field -> column name (JSONL: a dotted path)"
    )
    sentiment_range: tuple[float, float] = (-1.0, 1.0)
    authors_file: Path | None = Field(
        None, description="CSV with author_id,followers_count for reach (X exports lack it)"
    )

    _tz = field_validator("timezone")(classmethod(lambda cls, v: _check_zone(v)))

    @field_validator("path")
    @classmethod
    def _path(cls, v: Path, info: ValidationInfo) -> Path:
        return _resolve(v, info)

    @field_validator("authors_file")
    @classmethod
    def _authors(cls, v: Path | None, info: ValidationInfo) -> Path | None:
        return None if v is None else _resolve(v, info)

    @field_validator("mapping")
    @classmethod
    def _mapping(cls, v: dict[str, str] | None) -> dict[str, str] | None:
        if v is None:
            return v
        unknown = sorted(set(v) - set(MAPPABLE_FIELDS))
        if unknown:
            raise ValueError(
                f"unknown canonical field(s) {unknown}; allowed: {', '.join(MAPPABLE_FIELDS)}"
            )
        return v

    @field_validator("format")
    @classmethod
    def _format(cls, v: str) -> str:
        if v not in FORMATS:
            raise ValueError(f"unknown format '{v}'; known formats: {', '.join(FORMATS)}")
        return v

    @model_validator(mode="after")
    def _generic_needs_mapping(self) -> MentionsInput:
        if self.format == "generic":
            missing = [f for f in REQUIRED_MAPPING if f not in (self.mapping or {})]
            if missing:
                raise ValueError(
                    f"format 'generic' needs a mapping for {', '.join(missing)} "
                    "(canonical field: column name in the file)"
                )
        elif self.mapping:
            raise ValueError("'mapping' is only used with format 'generic'")
        lo, hi = self.sentiment_range
        if not lo < hi:
            raise ValueError("sentiment_range must be [low, high] with low < high")
        return self


class EventInputs(_Strict):
    """The brand's own records of what it did: statements, moderation, escalation."""

    statements: Path | None = None
    moderation: Path | None = None
    escalations: Path | None = None
    timezone: str = "UTC"

    _tz = field_validator("timezone")(classmethod(lambda cls, v: _check_zone(v)))

    @field_validator("statements", "moderation", "escalations")
    @classmethod
    def _paths(cls, v: Path | None, info: ValidationInfo) -> Path | None:
        return None if v is None else _resolve(v, info)


class Inputs(_Strict):
    mentions: list[MentionsInput] = Field(min_length=1)
    events: EventInputs = EventInputs()


class Incident(_Strict):
    name: str = Field(min_length=1)
    brand: str = Field(min_length=1)
    accounts: dict[str, list[str]] = Field(
        description="platform -> the brand's own account ids/handles on it"
    )
    owned_channels: list[str] = Field(
        default_factory=lambda: ["blog", "website", "newsroom"],
        description="statement channels that are the brand's own site",
    )
    kind: str | None = Field(
        None, description="what kind of crisis this was, as named in the crisis plan's scenarios"
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

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")[:60] or "incident"


def _aware(v: Any, zone: str, field: str) -> dt.datetime | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        v = dt.datetime.combine(v, dt.time())
    if isinstance(v, str):
        try:
            v = dt.datetime.fromisoformat(v.strip())
        except ValueError as exc:
            raise ValueError(
                f"'{v}' is not a date-time; write it like 2026-03-09T07:40:00+01:00"
            ) from exc
    if not isinstance(v, dt.datetime):
        raise ValueError(f"{field} must be a date-time such as 2026-03-09T07:40:00+01:00")
    if v.tzinfo is None:
        v = v.replace(tzinfo=ZoneInfo(zone))
    return v.astimezone(dt.UTC)


class Timeline(_Strict):
    """Crisis onset/peak/end detection, or dates fixed by the user."""

    period: Literal["15m", "30m", "1h", "2h", "3h", "6h"] = "1h"
    z_threshold: float = Field(3.5, gt=0)
    min_count: int = Field(5, ge=1)
    end_consecutive: int = Field(6, ge=1)
    onset: dt.datetime | None = None
    end: dt.datetime | None = None

    @field_validator("onset", "end", mode="before")
    @classmethod
    def _when(cls, v: Any, info: ValidationInfo) -> dt.datetime | None:
        """Dates without an offset are read in the report's zone (see validate_params)."""
        return _aware(v, (info.context or {}).get("zone", "UTC"), f"timeline.{info.field_name}")


class Recovery(_Strict):
    baseline_days: int = Field(7, ge=2)
    smooth_days: int = Field(3, ge=1)
    consecutive_days: int = Field(2, ge=1)
    tolerance: float | None = Field(None, gt=0, le=2)


_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class BusinessHoursParams(_Strict):
    timezone: str
    weekly: dict[Literal[_DAYS], str]  # type: ignore[valid-type]
    holidays: list[dt.date] = Field(default_factory=list)

    _tz = field_validator("timezone")(classmethod(lambda cls, v: _check_zone(v)))

    @field_validator("weekly")
    @classmethod
    def _weekly(cls, v: dict[str, str]) -> dict[str, str]:
        for day, span in v.items():
            if not _HHMM.match(span) or span[:5] >= span[6:]:
                raise ValueError(f"{day}: '{span}' is not an opening span like 08:00-20:00")
        return v


class Measures(_Strict):
    episode_silence_hours: float = Field(24, gt=0)
    response_windows_minutes: list[int] = Field(default_factory=lambda: [60, 1440], min_length=1)
    business_hours: BusinessHoursParams | None = None


class WordLists(_Strict):
    """A user-supplied polarity word list (one word per line), e.g. NorSentLex full forms."""

    positive: Path
    negative: Path

    @field_validator("positive", "negative")
    @classmethod
    def _paths(cls, v: Path, info: ValidationInfo) -> Path:
        return _resolve(v, info)


class Sentiment(_Strict):
    """auto = the export's own sentiment where it has one, else the built-in scorer of the
    post's language; builtin = always the built-in scorers; export = export only; vader =
    plain VADER for every post (the field's baseline, English only)."""

    scorer: Literal["auto", "builtin", "export", "vader"] = "auto"
    norwegian_lexicon: WordLists | None = None


class Language(_Strict):
    """Extra marker patterns (regular expressions) per language and category."""

    extra_markers: dict[str, dict[str, list[str]]] = Field(default_factory=dict)

    @field_validator("extra_markers")
    @classmethod
    def _patterns(cls, v: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
        from toolkit.language.lexicon import CATEGORIES  # the categories the analysis knows

        known = [*CATEGORIES, "incivility"]
        for lang, cats in v.items():
            for cat, patterns in cats.items():
                if cat not in known:
                    raise ValueError(f"{lang}.{cat}: unknown category; known: {', '.join(known)}")
                for pat in patterns:
                    try:
                        re.compile(pat)
                    except re.error as exc:
                        raise ValueError(
                            f"{lang}.{cat}: '{pat}' is not a valid regular expression ({exc})"
                        ) from None
        return v


class DriversParams(_Strict):
    """Topic drivers: weighted log-odds of the crisis' terms against the baseline
    (docs/measures.md, "What drove the storm")."""

    max_n: int = Field(3, ge=1, le=3)
    min_count: int = Field(5, ge=1)
    min_posts: int = Field(20, ge=1)
    z_min: float = Field(1.96, ge=0)
    top: int = Field(15, ge=1, le=100)
    prior_scale: float = Field(0.1, gt=0)
    extra_stopwords: list[str] = Field(default_factory=list)


class VoicesParams(_Strict):
    """Who carried the storm: accounts to label as media or bots, and how many to list."""

    media_accounts: list[str] = Field(default_factory=list)
    bot_accounts: list[str] = Field(default_factory=list)
    top: int = Field(20, ge=1, le=500)


class Report(_Strict):
    timezone: str = "UTC"
    title: str | None = None

    _tz = field_validator("timezone")(classmethod(lambda cls, v: _check_zone(v)))


_MEMORY = re.compile(r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)


def check_memory_limit(v: str) -> str:
    if not _MEMORY.match(v):
        raise ValueError(f"'{v}' is not an amount of memory; write it like 1GB, 512MB or 2GiB")
    return v.strip()


class Engine(_Strict):
    """How much of the machine DuckDB may use. Beyond ``memory_limit`` it spills to disk
    (``temp_directory``, default beside the run's database) instead of failing, so a
    quarter of tens of millions of posts runs on a laptop or a small CI runner.
    The environment variables ``CRISIS_MEMORY_LIMIT`` and ``CRISIS_THREADS`` override
    these, for operators who run other people's parameter files."""

    memory_limit: str | None = Field(None, description="e.g. 1GB; default DuckDB's 80 % of RAM")
    threads: int | None = Field(None, ge=1, description="default: every core")
    temp_directory: Path | None = Field(None, description="where DuckDB spills")

    _mem = field_validator("memory_limit")(
        classmethod(lambda cls, v: None if v is None else check_memory_limit(v))
    )

    @field_validator("temp_directory")
    @classmethod
    def _temp(cls, v: Path | None, info: ValidationInfo) -> Path | None:
        return None if v is None else _resolve(v, info, must_exist=False)


class Privacy(_Strict):
    """Pseudonymise authors for reports that leave the team.

    The pseudonyms are keyed (HMAC) so they are stable across runs with the same key and
    cannot be reversed by hashing a list of known handles without it. The key never goes
    into the parameters file (which is copied into run.json): it is read from an
    environment variable or from a file kept outside the outputs.
    """

    mode: Literal["none", "pseudonymise"] = "none"
    key_env: str = Field("CRISIS_PSEUDONYM_KEY", min_length=1)
    key_file: Path | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        """`privacy: pseudonymise` is short for `privacy: {mode: pseudonymise}`."""
        return {"mode": v} if isinstance(v, str) else v

    @field_validator("key_file")
    @classmethod
    def _key_file(cls, v: Path | None, info: ValidationInfo) -> Path | None:
        return None if v is None else _resolve(v, info)

    @model_validator(mode="after")
    def _has_key(self) -> Privacy:
        if self.mode == "pseudonymise":
            self.key()  # a missing key is a parameters problem, found before any work starts
        return self

    def key(self) -> bytes:
        """The secret; raises ValueError naming where it was looked for."""
        if self.key_file is not None:
            secret = self.key_file.read_bytes().strip()
            where = f"the key file {self.key_file}"
        else:
            secret = os.environ.get(self.key_env, "").strip().encode()
            where = f"the environment variable {self.key_env}"
        if len(secret) < 16:
            raise ValueError(
                f"privacy: pseudonymise needs a secret key of at least 16 characters in {where} "
                "(e.g. the output of: python3 -c 'import secrets; print(secrets.token_hex(32))'); "
                "keep the same key across runs so the pseudonyms stay the same"
            )
        return secret


class Params(_Strict):
    """Everything one post-mortem run needs; see parameters/*.yaml for documented examples."""

    incident: Incident
    inputs: Inputs
    timeline: Timeline = Timeline()
    recovery: Recovery = Recovery()
    measures: Measures = Measures()
    sentiment: Sentiment = Sentiment()
    report: Report = Report()
    language: Language = Language()
    drivers: DriversParams = DriversParams()
    voices: VoicesParams = VoicesParams()
    privacy: Privacy = Privacy()
    engine: Engine = Engine()
    playbook: Path | None = Field(
        None, description="the brand's playbook YAML (policy, escalation and crisis plans)"
    )
    demo_data: Path | None = Field(
        None, description="folder where the built-in demo incident is generated when missing"
    )
    gates: list[Gate] = Field(
        default_factory=list, description="thresholds for CI gating (docs/scheduled.md)"
    )

    @field_validator("playbook")
    @classmethod
    def _playbook(cls, v: Path | None, info: ValidationInfo) -> Path | None:
        return None if v is None else _resolve(v, info)

    @field_validator("demo_data")
    @classmethod
    def _demo(cls, v: Path | None, info: ValidationInfo) -> Path | None:
        return None if v is None else _resolve(v, info, must_exist=False)

    @model_validator(mode="after")
    def _order(self) -> Params:
        tl = self.timeline
        if tl.onset and tl.end and tl.end <= tl.onset:
            raise ValueError("timeline.end must be after timeline.onset")
        return self

    def to_jsonable(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _format_error(err: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in err["loc"] if p not in ("function-after", "function-before"))
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown field (check the spelling; see parameters/README.md for the fields)"
    elif err["type"] == "missing":
        msg = "required field is missing"
    value = err.get("input")
    shown = "" if err["type"] in ("missing",) or isinstance(value, dict) else f" (got {value!r})"
    return f"field `{loc or '(top level)'}`: {msg}{shown}"


def validate_model(
    model: type[M],
    data: Any,
    source: str = "<parameters>",
    base_dir: Path | None = None,
    check_files: bool = True,
    fields_doc: str = "parameters/README.md",
) -> M:
    """Validate a parameters mapping against ``model``; raise ParamsError listing every
    problem. Shared by the post-mortem and the quarterly parameters: naive dates are read
    in the report's zone, paths relative to ``base_dir``."""
    if not isinstance(data, dict):
        raise ParamsError(source, ["the file must hold a mapping of fields (YAML key: value)"])
    report = data.get("report")
    zone = report.get("timezone", "UTC") if isinstance(report, dict) else "UTC"
    try:
        _check_zone(zone)
    except (ValueError, TypeError):
        zone = "UTC"  # report.timezone gets its own error message
    try:
        return model.model_validate(
            data, context={"base_dir": base_dir, "check_files": check_files, "zone": zone}
        )
    except ValidationError as exc:
        problems = [
            _format_error(e).replace("parameters/README.md", fields_doc) for e in exc.errors()
        ]
        raise ParamsError(source, problems) from None


def validate_params(
    data: Any, source: str = "<parameters>", base_dir: Path | None = None, check_files: bool = True
) -> Params:
    """Validate a post-mortem parameters mapping; raise ParamsError listing every problem."""
    return validate_model(Params, data, source, base_dir, check_files)


def load_params(path: str | Path, check_files: bool = True) -> Params:
    """Read and validate a parameters YAML file (generating the demo's inputs if asked)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise ParamsError(str(path), ["parameters file not found"])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ParamsError(str(path), [f"not valid YAML: {exc}"]) from None
    if isinstance(data, dict) and data.get("demo_data"):
        # lazy: only demo runs need a generator. A folder named demo_quarter holds the two
        # demo quarters (parameters/quarter_incidents/ read it); any other, the March demo.
        folder = path.parent / str(data["demo_data"])
        if folder.name == "demo_quarter":
            from toolkit import demo_quarter

            demo_quarter.ensure(folder)
        else:
            from toolkit import demo

            demo.ensure(folder)
    return validate_params(data, source=str(path), base_dir=path.parent, check_files=check_files)
