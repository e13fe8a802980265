"""HTML fragments and sentences for the report, every piece of data escaped.

The report is a web page built from strangers' posts, so nothing from the data reaches
the page without ``html.escape``; Polars' own HTML repr is not used for that reason.
Numbers are phrased the way an analyst would write them ("3 h 12 min", "41 %").
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl

from toolkit.scorecard import Measure, Scorecard


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value).replace("\x00", "\ufffd"))


def duration(seconds: float | timedelta | None) -> str:
    if seconds is None:
        return "–"
    s = seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds)
    sign = "−" if s < 0 else ""
    s = abs(s)
    if s < 60:
        return f"{sign}{s:.0f} s"
    if s < 3600:
        return f"{sign}{s / 60:.0f} min"
    if s < 48 * 3600:
        h, m = divmod(round(s / 60), 60)
        return f"{sign}{h} h {m:02d} min"
    return f"{sign}{s / 86400:.1f} days"


def period_label(period: timedelta | None) -> str:
    """'hour', '15 min', '6 h' — how a period length reads in a sentence."""
    if period is None:
        return "period"
    s = period.total_seconds()
    if s == 3600:
        return "hour"
    if s == 86400:
        return "day"
    return f"{s / 3600:g} h" if s >= 3600 else f"{s / 60:g} min"


def pct(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.0f} %"


def local_time(ts: datetime | str | None, tz: str, fmt: str = "%a %d %b %Y %H:%M") -> str:
    if ts is None:
        return "–"
    if isinstance(ts, str):
        ts = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=ZoneInfo("UTC"))
    return ts.astimezone(ZoneInfo(tz)).strftime(fmt)


def fmt_measure(m: Measure, tz: str) -> str:
    if m.status != "ok":
        return "not assessable"
    if m.unit == "seconds":
        return duration(m.value)  # type: ignore[arg-type]
    if m.unit == "share":
        return pct(m.value)  # type: ignore[arg-type]
    if m.unit == "datetime":
        return local_time(m.value, tz)  # type: ignore[arg-type]
    if m.unit == "boolean":
        return "yes" if m.value else "no"
    if m.unit == "net sentiment":
        return f"{m.value:+.2f}"
    if isinstance(m.value, float):
        return f"{m.value:,.1f}"
    return f"{m.value:,}" if isinstance(m.value, int) else esc(m.value)


def kpis(items: Sequence[tuple[str, str, str]]) -> str:
    """Tiles of (value, label, denominator note)."""
    tiles = "".join(
        f'<div class="crisis-kpi"><div class="v">{esc(v)}</div><div class="l">{esc(label)}'
        f'</div><div class="d">{esc(note)}</div></div>'
        for v, label, note in items
    )
    return f'<div class="crisis-kpis">{tiles}</div>'


def table(
    df: pl.DataFrame,
    columns: dict[str, str],
    formats: dict[str, Callable[[Any], str]] | None = None,
    classes: dict[str, str] | None = None,
) -> str:
    """An escaped HTML table of selected columns (header label per column)."""
    formats = formats or {}
    classes = classes or {}
    head = "".join(f"<th>{esc(label)}</th>" for label in columns.values())
    rows = []
    for row in df.select(list(columns)).iter_rows(named=True):
        cells = []
        for col in columns:
            value = row[col]
            text = (
                formats[col](value)
                if col in formats
                else (
                    f"{value:,}"
                    if isinstance(value, int) and not isinstance(value, bool)
                    else "–"
                    if value is None
                    else str(value)
                )
            )
            cls = classes.get(col) or ("num" if isinstance(value, int | float) else "")
            cells.append(f'<td class="{cls}">{esc(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "".join(rows)
    return f'<table class="crisis"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def definition(text: str) -> str:
    return f'<div class="crisis-def">{esc(text)}</div>'


def not_assessable_list(card: Scorecard) -> str:
    items = [m for m in card.measures if m.status == "not_assessable"]
    if not items:
        return "<p>Every measure could be computed from the inputs.</p>"
    seen: dict[tuple[str, str], list[str]] = {}
    for m in items:
        grp = ", ".join(f"{k}={v}" for k, v in m.group.items())
        seen.setdefault((m.label, m.reason or ""), []).append(grp)
    lis = []
    for (label, reason), groups in seen.items():
        where = "; ".join(g for g in groups if g)
        suffix = f" ({esc(where)})" if where else ""
        lis.append(f"<li><b>{esc(label)}</b>{suffix}: {esc(reason)}</li>")
    return f'<ul class="crisis-na">{"".join(lis)}</ul>'


def measures_table(card: Scorecard, prefix: str, tz: str) -> str:
    """The ungrouped measures whose id starts with ``prefix``, with their denominators."""
    rows = [m for m in card.measures if m.id.startswith(prefix) and not m.group]
    body = "".join(
        f"<tr><td>{esc(m.label)}</td><td class='num'>{esc(fmt_measure(m, tz))}</td>"
        f"<td>{esc(m.reason) if m.status != 'ok' else ''}</td>"
        f"<td class='num'>{'' if m.denominator is None else f'{m.denominator:,}'}</td>"
        f"<td>{esc(m.denominator_label)}</td></tr>"
        for m in rows
    )
    return (
        "<table class='crisis'><thead><tr><th>measure</th><th>value</th><th>note</th>"
        f"<th>n</th><th>over</th></tr></thead><tbody>{body}</tbody></table>"
    )


def _grouping_label(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(
        where=pl.when(pl.col("grouping") == "all")
        .then(pl.lit("all"))
        .otherwise(pl.col("grouping") + ": " + pl.col("group"))
    )


def frt_table(frt: pl.DataFrame) -> str:
    return table(
        _grouping_label(frt),
        {
            "where": "episodes",
            "n_episodes": "n",
            "n_answered": "answered",
            "n_unanswered": "unanswered",
            "median_s": "median (KM)",
            "p90_s": "p90 (KM)",
            "median_answered_s": "median, answered only",
            "n_lt_1h": "<1 h",
            "n_1_4h": "1–4 h",
            "n_4_8h": "4–8 h",
            "n_8_24h": "8–24 h",
            "n_gt_24h": ">24 h",
            "share_within_1h": "within 1 h",
            "share_within_24h": "within 24 h",
        },
        formats={
            "median_s": duration,
            "p90_s": duration,
            "median_answered_s": duration,
            "share_within_1h": pct,
            "share_within_24h": pct,
        },
    )


def rates_table(rates: pl.DataFrame) -> str:
    cols = {
        "where": "where",
        "unit": "unit",
        "n_eligible": "eligible",
        "n_answered": "answered",
        "rate_ever": "rate (ever)",
    }
    fmts: dict[str, Callable[[Any], str]] = {"rate_ever": pct}
    for c in rates.columns:
        if c.startswith("rate_within_"):
            cols[c] = "within " + c.removeprefix("rate_within_")
            fmts[c] = pct
    return table(_grouping_label(rates), cols, fmts)


def reply_table(summary: pl.DataFrame, limit: int = 25) -> str:
    df = _grouping_label(summary).sort(["grouping", "n_answered"], descending=[False, True])
    return table(
        df.head(limit),
        {
            "where": "brand account",
            "n_messages": "customer messages",
            "n_answered": "answered",
            "median_s": "median reply",
            "p90_s": "p90 reply",
        },
        {"median_s": duration, "p90_s": duration},
    ) + (
        f"<p>Showing {limit} of {df.height} rows; all are in tables/reply_time_summary.parquet.</p>"
        if df.height > limit
        else ""
    )


def statements_table(statements: pl.DataFrame, tz: str) -> str:
    if statements.is_empty():
        return "<p>No statements file was given.</p>"
    return table(
        statements.with_columns(
            owned=pl.when(pl.col("is_owned")).then(pl.lit("yes")).otherwise(pl.lit("no"))
        ),
        {
            "published_at": "published",
            "channel": "channel",
            "owned": "own site",
            "url": "URL",
            "text": "text",
        },
        {
            "published_at": lambda t: local_time(t, tz),
            "text": lambda t: (t[:400] + "…") if t and len(t) > 400 else (t or ""),
        },
        {"text": "crisis-post"},
    )


def inputs_table(inputs: list[dict[str, Any]]) -> str:
    if not inputs:
        return "<p>No inputs.</p>"
    df = pl.DataFrame([{**i, "notes": "; ".join(i["notes"])} for i in inputs])
    return table(
        df,
        {
            "file": "file",
            "format": "format",
            "platform": "platform",
            "read": "records read",
            "loaded": "loaded",
            "duplicates": "duplicates",
            "rejected": "rejected",
            "notes": "notes",
        },
    )


def rejected_sample(con: Any, limit: int = 20) -> str:
    total = con.execute("SELECT count(*) FROM rejected").fetchall()[0][0]
    if total == 0:
        return "<p>No input record was rejected.</p>"
    df = con.sql(
        f"SELECT * FROM rejected ORDER BY source_file, source_record, source_line LIMIT {limit}"
    ).pl()
    return f"<h3>Rejected records ({total:,})</h3>" + table(
        df,
        {
            "source_file": "file",
            "source_record": "record",
            "source_line": "line",
            "field": "field",
            "reason": "reason",
            "raw": "record as read",
        },
        {"raw": lambda r: (r or "")[:200]},
        {"raw": "crisis-post"},
    )


def privacy_note(counts: dict[str, int] | None) -> str:
    """Says plainly that names were replaced, so a reader does not take pseudonyms for
    real accounts (and knows the report may leave the team)."""
    if counts is None:
        return ""
    return (
        "<h3>Privacy</h3><p>Customers are pseudonymised: "
        f"{counts['authors']:,} customer accounts and {counts['handles']:,} distinct @handles "
        "written in posts were replaced by keyed pseudonyms (<code>user-…</code>), the same "
        "for the same person in every run made with the same key. Brand accounts are shown "
        "as they are. The rejected records' raw text is withheld; the file and record number "
        "locate each one in the original export.</p>"
    )


VERDICT_CLASS = {
    "met": "v-met",
    "partly met": "v-partly",
    "missed": "v-missed",
    "not assessable": "v-na",
}
OUTCOME_LABEL = {
    "pass": "✔ pass",
    "partial": "◐ partly",
    "fail": "✘ fail",
    "not_assessable": "– not assessable",
}


def tips_table(tips: list[Any]) -> str:
    """The five verdicts, one line each on why."""
    rows = "".join(
        f"<tr><td class='num'>{t.tip}</td><td>{esc(t.title)}</td>"
        f"<td class='{VERDICT_CLASS[t.verdict]}'><b>{esc(t.verdict)}</b></td>"
        f"<td class='num'>{'–' if t.score is None else f'{t.score:.0f}'}</td>"
        f"<td>{esc(t.why)}</td></tr>"
        for t in tips
    )
    return (
        "<table class='crisis'><thead><tr><th>#</th><th>tip</th><th>verdict</th>"
        f"<th>score</th><th>why</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _value(v: Any, tz: str) -> str:
    if isinstance(v, datetime):
        return local_time(v, tz, "%d %b %H:%M")
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, list):
        return ", ".join(_value(x, tz) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_value(x, tz)}" for k, x in v.items())
    return "" if v is None else str(v)


def evidence_table(evidence: list[dict[str, Any]], tz: str, limit: int = 10) -> str:
    """Evidence rows as an escaped table (text columns wrap, long texts cut)."""
    if not evidence:
        return ""
    keys: list[str] = []
    for e in evidence[:limit]:
        keys += [k for k in e if k not in keys]
    head = "".join(f"<th>{esc(k)}</th>" for k in keys)
    body = ""
    for e in evidence[:limit]:
        cells = ""
        for k in keys:
            text = _value(e.get(k), tz)
            text = text[:400] + "…" if len(text) > 400 else text
            cls = (
                "crisis-post"
                if k in ("text", "sentence", "promise", "sentences", "holding_text")
                else ""
            )
            cells += f"<td class='{cls}'>{esc(text)}</td>"
        body += f"<tr>{cells}</tr>"
    more = (
        f"<p>… and {len(evidence) - limit} more rows in scorecard.json.</p>"
        if len(evidence) > limit
        else ""
    )
    return (
        f"<table class='crisis'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
    )


def tip_section(tip: Any, tz: str) -> str:
    """A tip's verdict, its checks table, and the evidence behind each check."""
    score = "" if tip.score is None else f" — score {tip.score:.0f}/100"
    out = [
        f"<h3>Tip {tip.tip}: {esc(tip.title)}</h3>",
        f"<p class='{VERDICT_CLASS[tip.verdict]}'><b>{esc(tip.verdict)}</b>{score}. "
        f"{esc(tip.why)}</p>",
    ]
    if tip.checks:
        rows = "".join(
            f"<tr><td>{esc(c.label)}</td><td>{esc(OUTCOME_LABEL[c.outcome])}</td>"
            f"<td class='num'>{esc(_value(c.value, tz))}</td><td>{esc(c.target or '')}</td>"
            f"<td>{esc(c.target_source or '')}</td><td>{esc(c.detail)}</td></tr>"
            for c in tip.checks
        )
        out.append(
            "<table class='crisis'><thead><tr><th>check</th><th>outcome</th>"
            "<th>value</th><th>target</th><th>target from</th><th>detail</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )
    for c in tip.checks:
        if c.evidence:
            out.append(
                f"<details><summary>Evidence: {esc(c.label)} ({len(c.evidence)})"
                f"</summary>{evidence_table(c.evidence, tz)}</details>"
            )
    return "".join(out)


def _snippet(text: str | None, n: int = 180) -> str:
    text = (text or "").replace("\n", " ")
    return text[:n] + "…" if len(text) > n else text


def _first_examples(examples: pl.DataFrame, k: int = 1) -> pl.DataFrame:
    """comparison, direction, term -> the first k example texts, cut and joined."""
    return examples.group_by("comparison", "direction", "term", maintain_order=True).agg(
        example=pl.col("text").str.replace_all("\n", " ").str.slice(0, 180).head(k).str.join(" · ")
    )


def drivers_table(drivers: Any, comparison: str = "crisis", direction: str = "more") -> str:
    """One comparison's drivers: counts in both corpora, log-odds, z and an example post."""
    terms = drivers.for_comparison(comparison, direction)
    comp = next((c for c in drivers.comparisons if c.id == comparison), None)
    if comp is not None and comp.status != "ok":
        return f"<p><i>Not assessable:</i> {esc(comp.reason)}</p>"
    if terms.is_empty():
        return "<p>No term stands out (none reached the z-score and count thresholds).</p>"
    ex = _first_examples(drivers.examples)
    df = terms.join(ex, on=["comparison", "direction", "term"], how="left")
    focus, ref = ("focus", "reference") if comp is None else (comp.focus, comp.reference)
    if direction == "less":
        focus, ref = ref, focus
    return table(
        df,
        {
            "rank": "#",
            "term": "term",
            "n_focus": "posts (focus)",
            "n_reference": "posts (reference)",
            "share_focus": "share (focus)",
            "share_reference": "share (reference)",
            "log_odds": "log-odds δ",
            "z": "z",
            "example": "example post (most engaged)",
        },
        {
            "share_focus": pct,
            "share_reference": pct,
            "log_odds": lambda v: f"{v:+.2f}",
            "z": lambda v: f"{v:+.1f}",
            "example": lambda v: v or "",
        },
        {"example": "crisis-post", "term": ""},
    ) + definition(f"Focus: {focus}. Reference: {ref}.")


def phase_drivers(drivers: Any) -> str:
    """What people said at onset, as it went on, and after the statement (both ways)."""
    titles = {
        "onset_to_peak": "At onset (onset to peak, against the baseline)",
        "peak_to_end": "After the peak (against onset to peak)",
        "after_statement": "After the official statement (against before it)",
    }
    out = []
    for cid, title in titles.items():
        out.append(f"<h3>{esc(title)}</h3>")
        comp = next((c for c in drivers.comparisons if c.id == cid), None)
        if comp is None or comp.status != "ok":
            reason = comp.reason if comp else "not computed"
            out.append(f"<p><i>Not assessable:</i> {esc(reason)}</p>")
            continue
        out.append("<p><b>Said more</b></p>" + drivers_table(drivers, cid, "more"))
        if cid != "onset_to_peak":
            out.append("<p><b>Said less</b></p>" + drivers_table(drivers, cid, "less"))
    return "".join(out)


def comparisons_table(drivers: Any) -> str:
    return table(
        drivers.comparisons_frame(),
        {
            "id": "comparison",
            "focus": "focus corpus",
            "n_focus_posts": "posts",
            "reference": "reference corpus",
            "n_reference_posts": "posts",
            "status": "status",
            "reason": "reason",
        },
        {"reason": lambda v: v or ""},
    )


def voices_table(top: pl.DataFrame, tz: str, limit: int = 25) -> str:
    """The authors who carried the storm, with whether and when the brand answered."""
    if top.is_empty():
        return "<p>No customer author in the window.</p>"
    df = top.head(limit).with_columns(
        answered=pl.when(pl.col("brand_turns") > 0).then(pl.lit("yes")).otherwise(pl.lit("no")),
        after=pl.when(pl.col("answered_after_statement").is_null())
        .then(pl.lit("–"))
        .when(pl.col("answered_after_statement"))
        .then(pl.lit("yes"))
        .otherwise(pl.lit("no")),
        who=pl.coalesce("author_name", "author_id"),
    )
    more = (
        f"<p>Showing {limit} of {top.height}; every author is in tables/voices.parquet.</p>"
        if top.height > limit
        else ""
    )
    return (
        table(
            df,
            {
                "who": "author",
                "platform": "platform",
                "role": "role",
                "n_negative": "negative posts",
                "n_posts": "posts",
                "reach": "reach",
                "exposure": "exposure",
                "replies_drawn": "replies drawn",
                "rank_negative": "# neg.",
                "rank_reach": "# reach",
                "rank_replies": "# replies",
                "answered": "brand answered",
                "brand_turns": "brand turns",
                "wait_s": "wait",
                "after": "after statement",
            },
            {
                "wait_s": duration,
                "reach": lambda v: "–" if v is None else f"{v:,}",
                "exposure": lambda v: "–" if v is None else f"{v:,}",
            },
            {"who": "crisis-post"},
        )
        + more
    )


def spread_table(platforms: pl.DataFrame, tz: str) -> str:
    """Platforms in the order they caught fire: first post, peak and volume."""
    if platforms.is_empty():
        return "<p>No platform in the data.</p>"
    return table(
        platforms,
        {
            "order": "#",
            "platform": "platform",
            "first_negative_at": "first negative post",
            "caught_fire_at": "caught fire",
            "lag_s": "after the first",
            "peak_at": "peak",
            "peak_count": "negative posts at peak",
            "n_negative": "negative posts (window)",
            "share_of_negative": "share",
            "exposure": "exposure (Σ reach)",
        },
        {
            "first_negative_at": lambda t: local_time(t, tz),
            "caught_fire_at": lambda t: local_time(t, tz) if t else "did not catch fire",
            "lag_s": lambda v: "–" if v is None else duration(v),
            "peak_at": lambda t: local_time(t, tz),
            "share_of_negative": pct,
            "exposure": lambda v: "–" if v is None else f"{v:,}",
        },
    )
