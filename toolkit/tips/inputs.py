"""What the tip checks read: the incident's frames, its timeline, and the playbook.

Collected once so each tip module is a set of pure functions over the same inputs and
can be tested with hand-made frames, without a database or a notebook.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from toolkit.measures.timeline import Timeline
from toolkit.playbook import Playbook

DEFAULTS: dict[str, tuple[float, str]] = {
    # target: (value, where it comes from) — used when the playbook sets none
    "first_acknowledgement_minutes": (
        60,
        "toolkit default: acknowledge within the first hour (crisis-communication practice)",
    ),
    "official_statement_minutes": (
        240,
        "toolkit default: an official statement within 4 hours of onset",
    ),
    "frt_median_minutes": (60, "toolkit default: median first response under 1 hour"),
    "response_rate_24h": (0.9, "toolkit default: 90 % of crisis conversations answered in 24 h"),
}


@dataclass(frozen=True)
class TipInputs:
    mentions: pl.DataFrame  # canonical + sentiment + phase
    episodes: pl.DataFrame  # response.episodes + phase
    volume: pl.DataFrame  # period_start, n_negative, n_total (naive UTC)
    timeline: Timeline
    statements: pl.DataFrame
    moderation: pl.DataFrame
    escalations: pl.DataFrame
    playbook: Playbook | None
    incident_kind: str | None = None
    timezone: str = "UTC"  # where the brand speaks: promised times are read in it
    brand_names: tuple[str, ...] = ()
    extra_markers: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def onset(self) -> dt.datetime | None:
        return self.timeline.onset

    @property
    def data_end(self) -> dt.datetime:
        return self.mentions["created_at"].max()  # type: ignore[return-value]

    @property
    def crisis_end(self) -> dt.datetime:
        return self.timeline.end or self.data_end

    def target(self, name: str) -> tuple[float, str]:
        """A target from the playbook when it sets one, else the documented default."""
        if self.playbook is not None:
            value = getattr(self.playbook.targets, name)
            if value is not None:
                return float(value), "playbook targets"
        return DEFAULTS[name]

    def human_brand(self) -> pl.DataFrame:
        return self.mentions.filter(pl.col("is_brand") & pl.col("kind").is_in(["post", "reply"]))

    def first_statement(self, owned: bool = False) -> dict[str, Any] | None:
        if self.onset is None or self.statements.is_empty():
            return None
        st = self.statements.filter(pl.col("published_at") >= self.onset - dt.timedelta(days=1))
        if owned:
            st = st.filter(pl.col("is_owned"))
        rows = st.sort("published_at").head(1).to_dicts()
        return rows[0] if rows else None


# Replies read sentence by sentence (ownership, blame, reply kind, personal signals): the
# reading is per text in Python, about 0.5 ms a reply. Up to this many are all read; in a
# larger storm a fixed random sample of this size is, and the shares are estimates whose
# 95 % margin (at most ±1.0 point at 10,000) the check's detail states.
LANGUAGE_SAMPLE = 10_000


def language_sample(df: pl.DataFrame, limit: int = LANGUAGE_SAMPLE) -> pl.DataFrame:
    """Every row up to ``limit``; beyond, the same random ``limit`` rows in every run.

    Rows are drawn by a seeded hash of their id, not by position, so the sample spreads
    over the whole crisis window and the same inputs give the same figures.
    """
    if df.height <= limit:
        return df
    key = pl.concat_str(pl.col("platform"), pl.lit("\x1f"), pl.col("mention_id"))
    return (
        df.with_columns(_draw=key.hash(seed=2026))
        .sort("_draw", "platform", "mention_id")
        .head(limit)
        .drop("_draw")
        .sort("created_at", "platform", "mention_id")
    )


def sample_note(n: int, population: int) -> str:
    """'' when every reply was read; else how the shares were estimated and how precisely."""
    if n >= population or n == 0:
        return ""
    half = 1.96 * math.sqrt(0.25 / n * (population - n) / max(population - 1, 1))
    return (
        f"; estimated on a random sample of {n:,} of {population:,} crisis replies "
        f"(95 % margin at most ±{half:.1%})"
    )


def at_day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def post_evidence(row: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The fields of a post a reader needs to find it and judge it."""
    return {
        "platform": row.get("platform"),
        "mention_id": row.get("mention_id"),
        "author_id": row.get("author_id"),
        "created_at": row.get("created_at"),
        "text": (row.get("text") or "")[:500],
        **extra,
    }
