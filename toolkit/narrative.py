"""The one-screen summary: what happened, how fast we answered, how sentiment moved.

Sentences are assembled from the scorecard, never typed by hand, so the words and the
figures cannot drift apart; a figure that is not assessable is said to be so.
"""

from __future__ import annotations

from toolkit.postmortem import Results
from toolkit.render import duration, esc, fmt_measure, kpis, local_time, pct, period_label
from toolkit.scorecard import Scorecard


def _m(card: Scorecard, id: str, **group: str):
    try:
        return card.get(id, **group)
    except KeyError:
        return None


def summary_html(card: Scorecard, res: Results, tz: str) -> str:
    tl = res.timeline
    parts: list[str] = []
    n_customer = card.get("volume.customer_posts").value
    if tl.onset is None:
        parts.append(
            f"No crisis was detected in {n_customer:,} customer posts: {esc(tl.reason)}. "
            "Response measures below cover the whole period."
        )
    else:
        end = (
            f"it was back under the threshold from {local_time(tl.end, tz)}"
            if tl.end
            else "it had not ended by the end of the data"
        )
        parts.append(
            f"Negative posts rose above their usual level ({tl.baseline_median:g} per "
            f"{esc(_period(tl))}) at <b>{local_time(tl.onset, tz)}</b> "
            f"({esc(tl.onset_method)}), peaked at <b>{tl.peak_count}</b> per {_period(tl)} at "
            f"{local_time(tl.peak, tz)}, and {end}. About {tl.excess_negative:,.0f} negative "
            f"posts came on top of the baseline."
        )
    first = _m(card, "reaction.first_brand_post_after_onset")
    stmt = _m(card, "statement.onset_to_official")
    owned_first = _m(card, "statement.owned_first")
    if first is not None and first.status == "ok":
        s = f"The brand's first public post after onset came {duration(first.value)} in"
        if stmt is not None and stmt.status == "ok":
            s += f"; the first official statement {duration(stmt.value)} after onset"
            if owned_first is not None and owned_first.status == "ok":
                s += (
                    " and it appeared first on the brand's own site"
                    if owned_first.value
                    else ", but not first on the brand's own site"
                )
        parts.append(s + ".")
    crisis = _m(card, "frt.median", phase="onset to peak")
    before = _m(card, "frt.median", phase="before onset")
    overall = card.get("frt.median")
    rate = _m(card, "response_rate.ever", unit="episode") or card.get("response_rate.ever")
    if overall.status != "ok" and rate.status != "ok":
        parts.append(f"Response times are not assessable: {esc(overall.reason)}.")
    else:
        s = (
            f"Across {overall.denominator:,} conversation episodes the median first response "
            f"was <b>{fmt_measure(overall, tz)}</b> and {pct(rate.value)} were ever answered"
        )
        if crisis is not None and before is not None and tl.onset is not None:
            s += (
                f"; before onset the median was {fmt_measure(before, tz)}, from onset to "
                f"peak {fmt_measure(crisis, tz)}"
            )
        parts.append(s + ".")
    rec = res.recovery
    if rec is not None and rec.status == "ok":
        s = (
            f"Daily net sentiment fell from a baseline of {rec.baseline_mean:+.2f} to "
            f"{rec.trough_value:+.2f} (depth {rec.depth:.2f}) on "
            f"{local_time(rec.trough_at, tz, '%a %d %b')}"
        )
        s += (
            f" and recovered {duration(rec.recovery_from_onset)} after onset"
            if rec.recovered
            else ", and had <b>not recovered</b> by the end of the data"
        )
        parts.append(s + ".")
    elif tl.onset is not None:
        parts.append(f"Sentiment recovery is not assessable: {esc(rec.reason if rec else '')}.")
    tiles = [
        (
            fmt_measure(card.get("timeline.onset"), tz),
            "crisis onset",
            tl.onset_method if tl.onset else "no onset detected",
        ),
        (
            str(tl.peak_count) if tl.peak_count is not None else "–",
            "negative posts at peak",
            f"per {_period(tl)}",
        ),
        (
            fmt_measure(overall, tz),
            "median first response",
            f"over {overall.denominator:,} episodes",
        ),
        (fmt_measure(rate, tz), "episodes answered", f"of {rate.denominator or 0:,} eligible"),
        (
            fmt_measure(card.get("recovery.depth"), tz),
            "sentiment depth",
            "baseline − trough, net sentiment",
        ),
        (
            fmt_measure(card.get("recovery.recovered"), tz),
            "recovered to baseline",
            fmt_measure(card.get("recovery.time_from_onset"), tz) + " from onset",
        ),
    ]
    return kpis(tiles) + "".join(f"<p>{p}</p>" for p in parts)


def _period(tl) -> str:
    return period_label(tl.period)
