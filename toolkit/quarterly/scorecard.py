"""The quarterly scorecard.json: the key figures of both periods, the comparison and the
incidents, in the MEASURE layout of docs/scorecard.md.

Measures are built by the post-mortem's own builders (toolkit.findings), so ids, labels,
definitions, denominators and not-assessable reasons are the same words in both reports;
each gets a ``{"quarter": "current" | "previous"}`` group, and the current quarter's are
repeated with the post-mortem's groups so threshold gates written for post-mortems apply.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl

from toolkit import __version__, findings
from toolkit.measures import response
from toolkit.measures.sentiment import to_utc_naive
from toolkit.quarterly import measures as qm
from toolkit.quarterly.incidents import QuarterIncident
from toolkit.quarterly.pipeline import PeriodResult, QuarterContext, QuarterResults
from toolkit.scorecard import SCHEMA_VERSION, Measure, _default, measure

DEF_SHARE = (
    "Negative customer posts (score ≤ −0.05) in the incidents' periods — from the period "
    "holding the onset up to the end, or to the end of the quarter when not ended — ÷ all "
    "negative customer posts of the quarter. The quiet-period baseline is the negative "
    "posts per day outside those periods."
)
DEF_VOLUME = "Every mention loaded for the period (customers and brand, every kind)."
DEF_NEGATIVE = "Customer posts and replies with a sentiment score ≤ −0.05 in the period."

# (id, group, better): the key figures compared with the previous quarter.
KEY_FIGURES: tuple[tuple[str, dict[str, str], qm.Better], ...] = (
    ("volume.mentions", {}, None),
    ("volume.customer_posts", {}, None),
    ("volume.negative_posts", {}, "lower"),
    ("sentiment.net_overall", {}, "higher"),
    ("frt.median", {}, "lower"),
    ("frt.p90", {}, "lower"),
    ("response_rate.ever", {"unit": "episode"}, "higher"),
    ("response_rate.within_target", {"unit": "episode"}, "higher"),
    ("incidents.count", {}, "lower"),
    ("incidents.negative_share", {}, "lower"),
    ("baseline.negative_per_day", {}, "lower"),
    ("voices.negative_authors", {}, "lower"),
    ("voices.top_decile_answered", {}, "higher"),
    ("share_of_voice.mentions", {}, None),
    ("share_of_voice.negative", {}, "lower"),
)

DEF_SOV = (
    "Share of voice = the brand's mentions ÷ (the brand's + all competitors' mentions) in the "
    "period; a mention = any loaded row not written by the company's own accounts (the brand's "
    "accounts for the brand, the competitor's `accounts` for a competitor). The negative share "
    "counts only negative customer posts and replies (sentiment ≤ −0.05, scored by the same "
    "sentiment assignment as the brand's). Weeks are ISO weeks in the report's time zone. It "
    "compares like with like only when the competitors' exports cover the same platforms and "
    "the same kind of search as the brand's."
)
SOV_MISSING = (
    "no competitor mentions supplied: add `competitors:` to the parameters — a list of "
    "{name, accounts, inputs} whose inputs are exports of the competitor's mentions, read "
    "like inputs.mentions (docs/quarterly.md)"
)


@dataclass
class QuarterlyScorecard:
    quarter: dict[str, Any]
    previous: dict[str, Any] | None
    period: dict[str, Any]
    sentiment_scorer: str
    inputs: list[dict[str, Any]]
    measures: list[Measure] = field(default_factory=list)
    comparison: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    drivers: dict[str, Any] = field(default_factory=dict)
    voices: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    share_of_voice: dict[str, Any] = field(default_factory=dict)

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
            "kind": "quarterly",
            "quarter": self.quarter,
            "previous": self.previous,
            "period": self.period,
            "sentiment_scorer": self.sentiment_scorer,
            "inputs": self.inputs,
            "comparison": self.comparison,
            "incidents": self.incidents,
            "drivers": self.drivers,
            "voices": self.voices,
            "share_of_voice": self.share_of_voice,
            "measures": [asdict(m) for m in self.measures],
        }

    def write(self, path: Path) -> None:
        text = json.dumps(
            self.to_dict(), indent=2, ensure_ascii=False, default=_default, allow_nan=False
        )
        path.write_text(text + "\n", encoding="utf-8")


def _iso(ts: Any) -> str | None:
    """UTC with a Z, whether the instant is naive UTC or aware."""
    return None if ts is None else to_utc_naive(ts).isoformat() + "Z"


def _regroup(items: list[Measure], extra: dict[str, str]) -> list[Measure]:
    return [dataclasses.replace(m, group={**extra, **m.group}) for m in items]


def period_measures(pr: PeriodResult, ctx: QuarterContext) -> list[Measure]:
    """The period's figures with the post-mortem's groups (before the quarter group)."""
    p = ctx.params
    m = pr.mentions
    n_all = m.height
    customer = m.filter(~pl.col("is_brand"))
    out = [
        measure("volume.mentions", "Mentions", n_all, "count", n_all, "mentions", DEF_VOLUME),
        measure(
            "volume.customer_posts", "Customer posts", customer.height, "count", n_all, "mentions"
        ),
        measure(
            "volume.brand_posts",
            "Brand posts",
            n_all - customer.height,
            "count",
            n_all,
            "mentions",
        ),
        measure(
            "volume.negative_posts",
            "Negative customer posts",
            qm.negative_count(m),
            "count",
            customer.height,
            "customer posts",
            DEF_NEGATIVE,
        ),
    ]
    scored = customer.filter(pl.col("sentiment").is_not_null())
    pos = scored.filter(pl.col("sentiment") >= 0.05).height
    neg = scored.filter(pl.col("sentiment") <= -0.05).height
    out.append(
        measure(
            "sentiment.net_overall",
            "Net sentiment",
            (pos - neg) / (pos + neg) if pos + neg else None,
            "net sentiment",
            pos + neg,
            "positive or negative customer posts",
            definition=findings.DEF_NET,
            reason_if_missing="no positive or negative customer post",
        )
    )
    res = SimpleNamespace(
        frt=pr.frt, rates=pr.rates, episodes=pr.episodes, reply_times=pr.reply_times
    )
    keep = {
        "frt.median",
        "frt.p90",
        "frt.median_answered",
        "frt.n_unanswered",
        "frt.share_within_1h",
        "frt.share_within_24h",
    }
    frt = findings._frt_measures(res, p.measures.episode_silence_hours, False)  # type: ignore[arg-type]
    out += [x for x in frt if x.id in keep]
    rates = findings._rate_measures(res, p.response_windows_s)  # type: ignore[arg-type]
    target = response.window_label(p.targets.response_minutes * 60)
    label = f"Response rate within the target ({target})"
    if len(rates) == 1 and not rates[0].group:  # no brand reply at all: not assessable
        na = dataclasses.replace(rates[0], group={"unit": "episode"})
        rates = [na, dataclasses.replace(na, id="response_rate.within_target", label=label)]
    else:
        rates += [
            dataclasses.replace(r, id="response_rate.within_target", label=label)
            for r in rates
            if r.id == f"response_rate.within_{target}"
        ]
    out += rates
    share = pr.share
    n_inc = len(pr.incidents)
    detect_def = (
        "Incidents found by the post-mortem's onset/peak/end detection over the quarter's "
        "negative volume (repeated after each end), plus those listed in the parameters."
    )
    out += [
        measure(
            "incidents.count",
            "Incidents",
            n_inc,
            "count",
            pr.volume.height,
            "periods",
            detect_def,
        ),
        measure(
            "incidents.negative_posts",
            "Negative posts in the incidents",
            share["negative_in_incidents"],
            "count",
            share["negative_total"],
            "negative customer posts",
            DEF_SHARE,
        ),
        measure(
            "incidents.negative_share",
            "Share of negative posts in the incidents",
            share["share"],
            "share",
            share["negative_total"],
            "negative customer posts",
            DEF_SHARE,
            reason_if_missing="no negative customer post in the period",
        ),
        measure(
            "incidents.hours",
            "Hours inside incidents",
            share["hours_in_incidents"],
            "count",
            round(share["hours_total"]),
            "hours",
            DEF_SHARE,
        ),
        measure(
            "baseline.negative_per_day",
            "Negative posts per day in quiet periods",
            share["quiet_per_day"],
            "count",
            share["negative_total"] - share["negative_in_incidents"],
            "negative customer posts outside incidents",
            DEF_SHARE,
            reason_if_missing="the whole period was inside incidents",
        ),
        measure(
            "incidents.negative_per_day",
            "Negative posts per day inside incidents",
            share["incident_per_day"],
            "count",
            share["negative_in_incidents"],
            "negative customer posts in incidents",
            DEF_SHARE,
            reason_if_missing="no incident in the period",
        ),
    ]
    return out


def driver_measures(res: QuarterResults, ctx: QuarterContext) -> list[Measure]:
    """The post-mortem's drivers.count / drivers.top_term per comparison, each grouped by
    ``comparison`` and the ``quarter`` of its focus corpus."""
    if res.drivers is None:
        return []
    quarter_of = {"quarter": "current"} | {
        f.drivers_id: f.quarter for f in res.incidents if f.drivers_id is not None
    }
    items = findings._driver_measures(
        SimpleNamespace(drivers=res.drivers),  # type: ignore[arg-type]
        SimpleNamespace(params=ctx.params),  # type: ignore[arg-type]
    )
    return [
        dataclasses.replace(m, group={**m.group, "quarter": quarter_of[m.group["comparison"]]})
        for m in items
    ]


def voice_measures(pr: PeriodResult) -> list[Measure]:
    """The post-mortem's voices.* over the period (no statement: that one is left out)."""
    if pr.voices is None:
        return []
    items = findings._voice_measures(SimpleNamespace(voices=pr.voices), None)  # type: ignore[arg-type]
    return [m for m in items if m.id != "voices.top_decile_answered_after_statement"]


def sov_measures(pr: PeriodResult, competitors: list[str]) -> list[Measure]:
    sov = pr.sov or {}
    if not competitors:
        reason = SOV_MISSING
    else:
        reason = f"no mention of the competitors ({', '.join(competitors)}) in {pr.period.name}"
    neg_reason = reason if not sov.get("has_competitors") else "no negative mention in the period"
    return [
        measure(
            "share_of_voice.mentions",
            "Share of voice (mentions)",
            sov.get("mentions"),
            "share",
            sov.get("n_mentions", 0),
            "mentions of the brand and its competitors",
            DEF_SOV,
            reason_if_missing=reason,
        ),
        measure(
            "share_of_voice.negative",
            "Share of the negative mentions",
            sov.get("negative"),
            "share",
            sov.get("n_negative", 0),
            "negative mentions of the brand and its competitors",
            DEF_SOV,
            reason_if_missing=neg_reason,
        ),
    ]


def drivers_dict(res: QuarterResults) -> dict[str, Any]:
    drv = res.drivers
    if drv is None:
        return {}
    return {
        "status": drv.status,
        "reason": drv.reason,
        "comparisons": findings.driver_comparisons(SimpleNamespace(drivers=drv)),  # type: ignore[arg-type]
    }


def sov_dict(res: QuarterResults) -> dict[str, Any]:
    out: dict[str, Any] = {
        "competitors": res.competitors,
        "status": "ok"
        if res.current.sov and res.current.sov["has_competitors"]
        else "not_assessable",
        "reason": None if res.competitors else SOV_MISSING,
        "periods": [],
    }
    for pr in res.periods:
        sov = pr.sov or {}
        out["periods"].append(
            {
                "quarter": pr.key,
                "name": pr.period.name,
                "mentions": sov.get("mentions"),
                "negative": sov.get("negative"),
                "companies": sov.get("companies", []),
            }
        )
    return out


def incident_dict(f: QuarterIncident, tz: str) -> dict[str, Any]:
    tl, rec = f.timeline, f.recovery
    pm = f.post_mortem
    return {
        "name": f.name,
        "quarter": f.quarter,
        "source": f.source,
        "onset": _iso(tl.onset),
        "peak": _iso(tl.peak),
        "end": _iso(tl.end),
        "onset_method": tl.onset_method,
        "end_method": tl.end_method,
        "end_reason": tl.reason,
        "peak_negative": tl.peak_count,
        "threshold": tl.threshold,
        "excess_negative": tl.excess_negative,
        "negative_posts": f.negative_posts,
        "hours": f.hours,
        "recovery": {
            "status": rec.status if rec else "not_assessable",
            "reason": rec.reason if rec else "no onset",
            "baseline_mean": rec.baseline_mean if rec else None,
            "trough": rec.trough_value if rec else None,
            "trough_at": _iso(rec.trough_at) if rec else None,
            "depth": rec.depth if rec else None,
            "recovered": rec.recovered if rec else None,
            "time_from_onset": (
                rec.recovery_from_onset.total_seconds()
                if rec and rec.recovery_from_onset is not None
                else None
            ),
            "time_from_trough": (
                rec.recovery_from_trough.total_seconds()
                if rec and rec.recovery_from_trough is not None
                else None
            ),
        },
        "post_mortem": (
            None
            if pm is None
            else {
                "folder": pm["folder"],
                "report": pm["report"],
                "exists": pm["exists"],
                "tips": pm["tips"],
                "differences": f.notes,
            }
        ),
    }


def build_scorecard(ctx: QuarterContext, res: QuarterResults) -> QuarterlyScorecard:
    p = ctx.params
    tz = p.report.timezone
    cur, prev = res.current, res.previous

    def period_dict(pr: PeriodResult) -> dict[str, Any]:
        return {
            "name": pr.period.name,
            "start": pr.period.start.isoformat(),
            "end": pr.period.end.isoformat(),
            "start_utc": _iso(pr.lo),
            "end_utc": _iso(pr.hi),
        }

    card = QuarterlyScorecard(
        quarter={
            **period_dict(cur),
            "title": p.title,
            "brand": p.brand.name,
            "slug": p.slug,
            "toolkit_version": __version__,
            "privacy": p.privacy.mode,
        },
        previous=period_dict(prev) if prev else None,
        period={"start": _iso(cur.lo), "end": _iso(cur.hi), "report_timezone": tz},
        sentiment_scorer=res.sentiment_info.scorer,
        inputs=[findings._stats_dict(s) for s in ctx.load_stats],
    )
    card.drivers = drivers_dict(res)
    card.voices = {
        pr.key: findings.voice_entries(SimpleNamespace(voices=pr.voices), p.voices.top)  # type: ignore[arg-type]
        for pr in res.periods
    }
    card.share_of_voice = sov_dict(res)
    current = period_measures(cur, ctx)
    current += voice_measures(cur) + sov_measures(cur, res.competitors)
    card.add(*_regroup(current, {"quarter": "current"}))
    card.add(*current)  # the post-mortem's groups: gates written for post-mortems apply
    if prev is not None:
        previous = period_measures(prev, ctx)
        previous += voice_measures(prev) + sov_measures(prev, res.competitors)
        card.add(*_regroup(previous, {"quarter": "previous"}))
    card.add(*driver_measures(res, ctx))
    for mid, group, better in KEY_FIGURES:
        c = card.get(mid, quarter="current", **group)
        pv = card.get(mid, quarter="previous", **group) if prev is not None else None
        cmp = qm.compare(c.value, pv.value if pv else None, better)
        card.comparison.append(
            {
                "id": mid,
                "group": group,
                "label": c.label,
                "unit": c.unit,
                "better": better,
                "current": c.value,
                "previous": pv.value if pv else None,
                **cmp,
            }
        )
    card.incidents = [incident_dict(f, tz) for f in res.incidents]
    comps = {c["id"]: c for c in card.drivers.get("comparisons", [])}
    for f, d in zip(res.incidents, card.incidents, strict=True):
        c = comps.get(f.drivers_id or "")
        d["drivers"] = (
            None
            if c is None
            else {
                "comparison": c["id"],
                "status": c["status"],
                "reason": c["reason"],
                "top": c["more"][:5],
            }
        )
    return card
