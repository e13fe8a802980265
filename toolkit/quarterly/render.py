"""HTML fragments and the narrative of the quarterly report, every piece of data escaped."""

from __future__ import annotations

from typing import Any

from toolkit.render import duration, esc, local_time, pct
from toolkit.scorecard import Measure

VERDICT_CLASS = {"better": "ok", "worse": "bad", "unchanged": "", "not comparable": ""}


def fmt_value(value: Any, unit: str) -> str:
    if value is None:
        return "not assessable"
    if unit == "seconds":
        return duration(value)
    if unit == "share":
        return pct(value)
    if unit == "net sentiment":
        return f"{value:+.2f}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else esc(value)


def fmt_change(row: dict[str, Any]) -> str:
    change = row["change"]
    if change is None:
        return "–"
    unit = row["unit"]
    if unit == "seconds":
        text = ("+" if change > 0 else "−" if change < 0 else "±") + duration(abs(change))
    elif unit == "share":
        text = f"{100 * change:+.1f} pp"
    elif unit == "net sentiment":
        text = f"{change:+.2f}"
    elif isinstance(change, float):
        text = f"{change:+,.1f}"
    else:
        text = f"{change:+,}"
    rel = row.get("relative_change")
    if rel is not None and unit == "count":
        text += f" ({100 * rel:+.0f} %)"
    return text


def comparison_table(
    card: Any, current: str, previous: str | None, prefixes: tuple[str, ...] | None = None
) -> str:
    """Both quarters side by side; ``prefixes`` keeps only the figures whose id starts so."""
    rows = []
    for row in card.comparison:
        if prefixes is not None and not row["id"].startswith(prefixes):
            continue
        cur_m: Measure = card.get(row["id"], quarter="current", **row["group"])
        verdict = row["verdict"]
        rows.append(
            f"<tr><td>{esc(row['label'])}</td>"
            f"<td class='num'>{esc(fmt_value(row['current'], row['unit']))}</td>"
            f"<td class='num'>{esc(fmt_value(row['previous'], row['unit']))}</td>"
            f"<td class='num'>{esc(fmt_change(row))}</td>"
            f"<td class='{VERDICT_CLASS.get(verdict, '')}'>{esc(verdict)}</td>"
            f"<td class='num'>{'' if cur_m.denominator is None else f'{cur_m.denominator:,}'}"
            f"</td><td>{esc(cur_m.denominator_label)}</td></tr>"
        )
    return (
        "<table class='crisis quarter-figures'><thead><tr><th>figure</th>"
        f"<th>{esc(current)}</th><th>{esc(previous or 'previous')}</th><th>change</th>"
        "<th>better or worse</th><th>n (current)</th><th>over</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _recovery_text(rec: dict[str, Any]) -> str:
    if rec["status"] != "ok":
        return f"not assessable: {rec['reason']}"
    if not rec["recovered"]:
        return "not recovered by the end of the data"
    return duration(rec["time_from_onset"])


def incidents_table(incidents: list[dict[str, Any]], tz: str) -> str:
    if not incidents:
        return "<p>No incident was found or listed in this period.</p>"
    rows = []
    for i in incidents:
        rec = i["recovery"]
        depth = "–" if rec["depth"] is None else f"{rec['depth']:.2f}"
        rows.append(
            f"<tr><td>{esc(i['name'])}</td><td>{esc(i['source'])}</td>"
            f"<td>{esc(local_time(i['onset'], tz))}</td>"
            f"<td>{esc(local_time(i['peak'], tz))}</td>"
            f"<td>{esc(local_time(i['end'], tz) if i['end'] else i['end_reason'] or '–')}</td>"
            f"<td class='num'>{esc(i['peak_negative'])}</td>"
            f"<td class='num'>{i['negative_posts']:,}</td>"
            f"<td class='num'>{esc(depth)}</td>"
            f"<td>{esc(_recovery_text(rec))}</td></tr>"
        )
    return (
        "<table class='crisis quarter-incidents'><thead><tr><th>incident</th><th>found by</th>"
        "<th>onset</th><th>peak</th><th>end</th><th>peak negative / h</th>"
        "<th>negative posts</th><th>depth</th><th>recovery time from onset</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _score(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def post_mortem_block(i: dict[str, Any]) -> str:
    pm = i["post_mortem"]
    title = f"<h4>{esc(i['name'])}</h4>"
    if pm is None:
        return title + "<p>No post-mortem is named for this incident in the parameters.</p>"
    if not pm["exists"]:
        return title + (
            f"<p>The post-mortem was not run (no report in {esc(pm['folder'])}); its five-tip "
            "verdicts are not available.</p>"
        )
    tips = "".join(
        f"<tr><td>{esc(t['tip'])}</td><td>{esc(t['title'])}</td><td>{esc(t['verdict'])}</td>"
        f"<td class='num'>{esc(_score(t['score']))}</td></tr>"
        for t in pm["tips"]
    )
    agree = (
        "<p>Its dates, depth and recovery time are the same as in this report.</p>"
        if not pm["differences"]
        else "<p>Differences from this report: "
        + "; ".join(esc(d) for d in pm["differences"])
        + "</p>"
    )
    return (
        f"{title}<p><a href='{esc(pm['report'])}'>Open the post-mortem report</a></p>"
        f"<table class='crisis'><thead><tr><th>tip</th><th>title</th><th>verdict</th>"
        f"<th>score</th></tr></thead><tbody>{tips}</tbody></table>{agree}"
    )


def _m(card: Any, id: str, **group: str) -> Measure | None:
    try:
        return card.get(id, **group)
    except KeyError:
        return None


def summary_html(card: Any, tz: str) -> str:
    """One paragraph per theme, generated from the figures."""
    q = card.quarter
    prev = card.previous
    cmp = {r["id"]: r for r in card.comparison}

    def say(id: str) -> str:
        r = cmp[id]
        cur = fmt_value(r["current"], r["unit"])
        if r["previous"] is None or prev is None:
            return cur
        was = f"{fmt_value(r['previous'], r['unit'])} in {prev['name']}"
        phrase = {
            "better": "better than",
            "worse": "worse than",
            "higher": "up from",
            "lower": "down from",
            "unchanged": "unchanged from",
        }.get(r["verdict"], "against")
        return f"{cur}, {phrase} {was}"

    n_cur = [i for i in card.incidents if i["quarter"] == "current"]
    share = cmp["incidents.negative_share"]
    parts = [
        f"<p>In <b>{esc(q['name'])}</b> {esc(q['brand'])} had "
        f"<b>{esc(fmt_value(cmp['volume.mentions']['current'], 'count'))}</b> mentions "
        f"and net sentiment was <b>{esc(say('sentiment.net_overall'))}</b>.</p>",
        f"<p>Median first response: <b>{esc(say('frt.median'))}</b>; 90th percentile: "
        f"{esc(say('frt.p90'))}. Response rate: {esc(say('response_rate.ever'))} of "
        f"conversation episodes answered; within the response target: "
        f"{esc(say('response_rate.within_target'))}.</p>",
    ]
    if n_cur:
        names = ", ".join(
            f"{esc(i['name'])} (from {esc(local_time(i['onset'], tz, '%d %b'))})" for i in n_cur
        )
        parts.append(
            f"<p>{len(n_cur)} incident{'s' if len(n_cur) != 1 else ''}: {names}. Together they "
            f"account for <b>{esc(fmt_value(share['current'], 'share'))}</b> of the quarter's "
            "negative posts, against a quiet-period baseline of "
            f"{esc(fmt_value(cmp['baseline.negative_per_day']['current'], 'count'))} negative "
            "posts a day.</p>"
        )
    else:
        parts.append("<p>No incident was found or listed in the quarter.</p>")
    return "".join(parts)


def header_html(params: Any, previous_name: str | None, tz: str) -> str:
    q = params.quarter
    compared = f", compared with {esc(previous_name)}" if previous_name else ""
    return (
        f"<h1>{esc(params.title)}</h1><p>Brand: <b>{esc(params.brand.name)}</b> · "
        f"{esc(q.name)}: {q.start:%d %b %Y} to {q.end:%d %b %Y}{compared} · times in "
        f"{esc(tz)}</p><h2>Summary</h2>"
    )


def detection_note(quarter_name: str, baseline: Any) -> str:
    """The thresholds detection used, so a reader can see why a spike did (not) count."""
    if baseline is None or baseline.threshold is None:
        return ""
    b = baseline
    return (
        f"Detection in {quarter_name}: baseline median {b.baseline_median:g} negative posts per "
        f"period, threshold {b.threshold:.1f} (z = {b.z_threshold:g}), at least {b.min_count} "
        f"negative posts; end = first of {b.end_consecutive} periods back under the threshold."
    )


def share_rows(periods: list[Any]) -> list[dict[str, Any]]:
    """Negative posts inside incidents and in quiet periods, per quarter (for the chart)."""
    rows = []
    for pr in periods:
        inside, total = pr.share["negative_in_incidents"], pr.share["negative_total"]
        rows += [
            {"quarter": pr.period.name, "part": "inside incidents", "posts": inside},
            {"quarter": pr.period.name, "part": "quiet periods", "posts": total - inside},
        ]
    return rows


def not_assessable_html(card: Any) -> str:
    na = [m for m in card.measures if m.status == "not_assessable" and m.group.get("quarter")]
    if not na:
        return "<h3>Not assessable</h3><p>Every figure could be computed from the inputs.</p>"
    items = "".join(
        f"<li><b>{esc(m.label)}</b> "
        f"({esc(', '.join(f'{k}={v}' for k, v in m.group.items()))}): {esc(m.reason)}</li>"
        for m in na
    )
    return f"<h3>Not assessable</h3><ul class='crisis-na'>{items}</ul>"


def _terms(d: dict[str, Any] | None, k: int = 3) -> str:
    if d is None:
        return "–"
    if d["status"] != "ok":
        return "not assessable"
    return ", ".join(e["term"] for e in d["top"][:k]) or "none stands out"


def incident_drivers_table(incidents: list[dict[str, Any]]) -> str:
    """The top terms of each incident's negative posts against its quarter's quiet periods."""
    rows = []
    for i in incidents:
        d = i.get("drivers")
        if d is None:
            continue
        if d["status"] != "ok":
            cells = f"<td colspan='2'>not assessable: {esc(d['reason'])}</td>"
        else:
            terms = "; ".join(
                f"{esc(e['term'])} (z {e['z']:+.1f}, {e['n_focus']:,} posts)" for e in d["top"]
            )
            ids = ", ".join(esc(x) for e in d["top"][:1] for x in e["example_ids"][:2])
            cells = f"<td>{terms or 'none stands out'}</td><td class='crisis-post'>{ids}</td>"
        rows.append(f"<tr><td>{esc(i['name'])}</td>{cells}</tr>")
    if not rows:
        return ""
    return (
        "<table class='crisis quarter-incident-drivers'><thead><tr><th>incident</th>"
        "<th>top terms against the quarter's quiet periods</th><th>example ids (top term)</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def voices_summary(card: Any, quarter: str, previous: str | None) -> str:
    """The voices figures of both quarters, from the comparison rows."""
    return comparison_table(card, quarter, previous, prefixes=("voices.",))


def share_of_voice_table(card: Any) -> str:
    """Mentions and negative mentions per company and quarter, with each company's share."""
    sov = card.share_of_voice
    rows = []
    for per in sov.get("periods", []):
        for c in per["companies"]:
            own = " (the brand)" if c["own"] else ""
            rows.append(
                f"<tr><td>{esc(per['name'])}</td><td>{esc(c['company'])}{own}</td>"
                f"<td class='num'>{c['mentions']:,}</td>"
                f"<td class='num'>{esc(pct(c['share_mentions']))}</td>"
                f"<td class='num'>{c['negative']:,}</td>"
                f"<td class='num'>{esc(pct(c['share_negative']))}</td></tr>"
            )
    return (
        "<table class='crisis quarter-sov'><thead><tr><th>quarter</th><th>company</th>"
        "<th>mentions</th><th>share of voice</th><th>negative mentions</th>"
        f"<th>share of the negative</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def share_of_voice_missing(card: Any) -> str:
    """Why there is no share of voice, and how to get one."""
    m = _m(card, "share_of_voice.mentions", quarter="current")
    reason = m.reason if m is not None else "not computed"
    return (
        f"<p><i>Not assessable:</i> {esc(reason)}.</p><p>Example:</p>"
        "<pre>competitors:\n  - name: Nordlink\n    accounts: {twitter: [NordlinkHjelp]}\n"
        "    inputs:\n      - path: exports/nordlink_x.csv\n        format: twcs</pre>"
    )
