"""Turn the computed results into the scorecard: one entry per measure and group.

Every entry carries its definition and denominator because the scorecard travels on
its own (CI gates, quarterly roll-ups) and must be readable without the report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import polars as pl

from toolkit import __version__
from toolkit.loaders import LoadStats
from toolkit.measures import response
from toolkit.postmortem import Context, Results
from toolkit.render import period_label
from toolkit.scorecard import Measure, Scorecard, measure, not_assessable

DEF_FRT = (
    "First response time per conversation episode: from the first customer post directed at "
    "the brand to the first human brand reply (auto-replies, reactions, internal notes and "
    "brand replies to brand posts do not count). A new episode starts after {silence:g} h of "
    "silence in the thread. Unanswered episodes are kept as right-censored observations; "
    "median and p90 are Kaplan–Meier estimates (null when fewer than half / 90 % were "
    "answered). Calendar time."
)
DEF_REPLY = (
    "Per-message reply time: from a customer message to the brand's first human reply to "
    "it (its parent, or else the nearest earlier customer message in the thread). Over "
    "answered messages only; the denominator is the number of customer messages."
)
DEF_RATE = (
    "Response rate: answered eligible conversation episodes ÷ eligible episodes (eligible = "
    "directed at the brand), ever and within each window; per unique author, an author "
    "counts as answered when any of their episodes was."
)
DEF_NET = (
    "Net sentiment = (positive − negative) ÷ (positive + negative) over customer posts, "
    "positive = score ≥ 0.05, negative = score ≤ −0.05, neutral posts excluded; daily periods "
    "in the report's time zone."
)
DEF_RECOVERY = (
    "Baseline = mean (and SD) of daily net sentiment over the {days} whole days before onset; "
    "trough = minimum of the {smooth}-day trailing mean at or after onset; depth = baseline − "
    "trough; recovered = first of {k} consecutive days with the smoothed value back within "
    "the tolerance of the baseline (tolerance = max(baseline SD, 0.05) unless set)."
)


DEF_DRIVERS = (
    "Topic drivers: 1- to 3-word terms (lower-cased; URLs, @handles, numbers and the brand's "
    "own name and accounts removed; English and Norwegian stop-words never begin or end a "
    "term) whose share of posts is higher in the focus corpus than in the reference corpus, "
    "scored by the weighted log-odds ratio with an informative Dirichlet prior (Monroe, "
    "Colaresi & Quinn 2008): δ = ln[(y_i+α)/(n_i+α0−y_i−α)] − ln[(y_j+α)/(n_j+α0−y_j−α)], "
    "z = δ / √(1/(y_i+α) + 1/(y_j+α)), with y = posts containing the term, n = Σ y over all "
    "terms, α = α0 × the term's share among all customer posts of the data, α0 = {prior:g} × "
    "(n_i + n_j). Drivers have z ≥ {z:g} and at least {k} focus posts, ordered by z; a term "
    "covered by a longer one (≥ 80 % of its posts) is shown as the longer one."
)
DEF_VOICES = (
    "Voices: every author with a customer post or reply in the {window}. Negative posts = "
    "sentiment ≤ −0.05; reach = the largest audience (followers) the export gives for the "
    "author; replies drawn = replies by other accounts to the author's posts; brand answered "
    "= a human brand reply to one of the author's posts. Top decile = authors with a negative "
    "post ranked by negative posts × reach (missing reach = 1), the top tenth."
)
DEF_EXPOSURE = (
    "Estimated exposure of negative content = Σ reach over the negative customer posts, "
    "replies and shares (sentiment ≤ −0.05) in the crisis window, reach = the author's audience "
    "as the export gives it (followers / reach). Potential impressions: an upper bound of who "
    "saw them (not every follower sees every post) and a lower bound where rows have no reach "
    "(coverage shown)."
)
DEF_SPREAD = (
    "A platform caught fire in the first hour-period, from 24 h before the incident's onset on, "
    "whose negative customer posts exceed the platform's own median + {z:g} × max(1.4826·MAD, "
    "1) over all periods and number at least 3; its peak is the period with the most negative "
    "posts from then to the incident's end. Platforms are ordered by the time they caught fire."
)


def _iso(ts: datetime | None) -> str | None:
    return None if ts is None else ts.isoformat() + ("" if ts.tzinfo else "Z")


NO_REPLIES = (
    "the inputs hold no human brand reply at all, so response times cannot be measured "
    "(does the export include the brand's own posts, and are incident.accounts right?)"
)


def _no_brand_replies(res: Results) -> bool:
    """True when nothing in the data could ever answer a customer: not a zero rate."""
    return (
        res.reply_times.filter(pl.col("answered")).is_empty() and not res.episodes["answered"].any()
    )


def _frt_measures(res: Results, silence: float, bh: bool) -> list[Measure]:
    out: list[Measure] = []
    definition = DEF_FRT.format(silence=silence)
    if _no_brand_replies(res):
        return [
            not_assessable(
                mid,
                label,
                unit,
                NO_REPLIES,
                definition,
                res.episodes.height,
                "conversation episodes",
            )
            for mid, label, unit in (
                ("frt.median", "Median first response time", "seconds"),
                ("frt.p90", "90th percentile first response time", "seconds"),
                ("frt.median_answered", "Median first response time (answered only)", "seconds"),
                ("frt.share_within_1h", "Episodes answered within 1 h", "share"),
                ("frt.share_within_24h", "Episodes answered within 24 h", "share"),
                ("frt.median_business", "Median first response time in business hours", "seconds"),
            )
        ]
    for row in res.frt.to_dicts():
        group = {} if row["grouping"] == "all" else {row["grouping"]: row["group"]}
        n = int(row["n_episodes"])
        common = {
            "denominator": n,
            "denominator_label": "conversation episodes",
            "definition": definition,
            "group": group,
        }
        reason = (
            f"only {row['n_answered']} of {n} episodes were answered: the estimate is not "
            "reached (more than half / 10 % remain unanswered)"
        )
        out += [
            measure(
                "frt.median",
                "Median first response time",
                row["median_s"],
                "seconds",
                reason_if_missing=reason,
                **common,
            ),
            measure(
                "frt.p90",
                "90th percentile first response time",
                row["p90_s"],
                "seconds",
                reason_if_missing=reason,
                **common,
            ),
            measure(
                "frt.median_answered",
                "Median first response time (answered only)",
                row["median_answered_s"],
                "seconds",
                reason_if_missing="no episode was answered",
                **common,
            ),
            measure(
                "frt.n_unanswered", "Unanswered episodes", row["n_unanswered"], "count", **common
            ),
            measure(
                "frt.share_within_1h",
                "Episodes answered within 1 h",
                row["share_within_1h"],
                "share",
                **common,
            ),
            measure(
                "frt.share_within_24h",
                "Episodes answered within 24 h",
                row["share_within_24h"],
                "share",
                **common,
            ),
        ]
        for col, label in (
            ("n_lt_1h", "<1h"),
            ("n_1_4h", "1-4h"),
            ("n_4_8h", "4-8h"),
            ("n_8_24h", "8-24h"),
            ("n_gt_24h", ">24h"),
        ):
            out.append(
                measure(
                    f"frt.bucket.{label}",
                    f"Episodes answered in {label}",
                    row[col],
                    "count",
                    **common,
                )
            )
    all_eps = res.episodes
    if bh and "frt_business_seconds" in all_eps.columns:
        answered = all_eps.filter(pl.col("answered"))["frt_business_seconds"]
        out.append(
            measure(
                "frt.median_business",
                "Median first response time in business hours",
                answered.median(),
                "seconds",
                all_eps.height,
                "conversation episodes",
                definition="Open business time between the first customer post and the first human "
                "reply, over answered episodes; out-of-hours posts start counting at opening.",
                reason_if_missing="no episode was answered",
            )
        )
    else:
        out.append(
            not_assessable(
                "frt.median_business",
                "Median first response time in business hours",
                "seconds",
                "no business-hours schedule in the parameters (measures.business_hours)",
            )
        )
    return out


def _rate_measures(res: Results, windows: list[int]) -> list[Measure]:
    out: list[Measure] = []
    if _no_brand_replies(res):
        return [
            not_assessable(
                "response_rate.ever",
                "Response rate (ever)",
                "share",
                NO_REPLIES,
                DEF_RATE,
                res.episodes.height,
                "eligible conversation episodes",
            )
        ]
    for row in res.rates.to_dicts():
        group = {"unit": row["unit"]}
        if row["grouping"] != "all":
            group[row["grouping"]] = row["group"]
        n = int(row["n_eligible"])
        label = "conversation episodes" if row["unit"] == "episode" else "unique authors"
        common = {
            "denominator": n,
            "denominator_label": f"eligible {label}",
            "definition": DEF_RATE,
            "group": group,
        }
        out.append(
            measure(
                "response_rate.ever", "Response rate (ever)", row["rate_ever"], "share", **common
            )
        )
        for w in windows:
            lab = response.window_label(w)
            out.append(
                measure(
                    f"response_rate.within_{lab}",
                    f"Response rate within {lab}",
                    row[f"rate_within_{lab}"],
                    "share",
                    **common,
                )
            )
    return out


def _reply_measures(res: Results) -> list[Measure]:
    out: list[Measure] = []
    for row in res.reply_summary.to_dicts():
        group = {} if row["grouping"] == "all" else {"brand_account": row["group"]}
        common = {
            "denominator": int(row["n_messages"]),
            "denominator_label": "customer messages",
            "definition": DEF_REPLY,
            "group": group,
        }
        if group:  # per brand account the denominator is the replies it gave
            common["denominator"] = int(row["n_answered"])
            common["denominator_label"] = "customer messages it answered"
        out.append(
            measure(
                "reply_time.median",
                "Median per-message reply time",
                row["median_s"],
                "seconds",
                reason_if_missing="no customer message was answered",
                **common,
            )
        )
        out.append(
            measure(
                "reply_time.p90",
                "90th percentile per-message reply time",
                row["p90_s"],
                "seconds",
                reason_if_missing="no customer message was answered",
                **common,
            )
        )
    return out


def _timeline_measures(res: Results) -> list[Measure]:
    tl = res.timeline
    per = f"per {period_label(tl.period)}"
    definition = (
        f"Onset = first period whose negative customer posts exceed median + {tl.z_threshold:g} "
        f"× max(1.4826·MAD, 1) of all periods and at least {tl.min_count}; peak = maximum "
        f"after onset; end = first of {tl.end_consecutive} consecutive periods back under the "
        "threshold. Onset/end may be fixed in the parameters."
    )
    n = res.volume.height
    if tl.onset is None:
        reason = tl.reason or "no onset detected"
        return [
            not_assessable(f"timeline.{k}", label, unit, reason, definition, n, "periods")
            for k, label, unit in (
                ("onset", "Crisis onset", "datetime"),
                ("peak", "Crisis peak", "datetime"),
                ("end", "Crisis end", "datetime"),
            )
        ]
    common = {"denominator": n, "denominator_label": "periods", "definition": definition}
    return [
        measure(
            "timeline.onset",
            f"Crisis onset ({tl.onset_method})",
            _iso(tl.onset),
            "datetime",
            **common,
        ),
        measure("timeline.peak", "Crisis peak", _iso(tl.peak), "datetime", **common),
        measure(
            "timeline.end",
            f"Crisis end ({tl.end_method})",
            _iso(tl.end),
            "datetime",
            reason_if_missing=tl.reason or "not ended by the end of the data",
            **common,
        ),
        measure(
            "timeline.peak_negative",
            f"Negative posts in the peak period {per}",
            tl.peak_count,
            "count",
            **common,
        ),
        measure(
            "timeline.baseline_negative",
            f"Baseline negative posts {per} (median)",
            tl.baseline_median,
            "count",
            **common,
        ),
        measure("timeline.threshold", f"Onset threshold {per}", tl.threshold, "count", **common),
        measure(
            "timeline.excess_negative",
            "Excess negative posts over baseline",
            tl.excess_negative,
            "count",
            **common,
        ),
        measure(
            "timeline.half_life",
            "Half-life of excess negative volume after the peak",
            tl.half_life,
            "seconds",
            reason_if_missing="the excess never fell to half the peak's",
            **common,
        ),
    ]


def _recovery_measures(res: Results, ctx: Context) -> list[Measure]:
    rp = ctx.params.recovery
    definition = DEF_RECOVERY.format(
        days=rp.baseline_days, smooth=rp.smooth_days, k=rp.consecutive_days
    )
    rec = res.recovery
    ids = [
        ("baseline_mean", "Baseline net sentiment", "net sentiment"),
        ("baseline_sd", "Baseline net sentiment SD", "net sentiment"),
        ("trough", "Trough of net sentiment", "net sentiment"),
        ("depth", "Depth of the fall", "net sentiment"),
        ("recovered", "Recovered to baseline", "boolean"),
        ("time_from_onset", "Recovery time from onset", "seconds"),
        ("time_from_trough", "Recovery time from trough", "seconds"),
    ]
    days = res.net_daily.height
    if rec is None or rec.status != "ok":
        reason = "no crisis onset, so no pre-onset baseline" if rec is None else rec.reason
        return [
            not_assessable(f"recovery.{i}", label, unit, reason or "", definition, days, "days")
            for i, label, unit in ids
        ]
    common = {
        "denominator": rec.baseline_n,
        "denominator_label": "baseline days",
        "definition": definition,
    }
    nr = "not recovered by the end of the data"
    return [
        measure("recovery.baseline_mean", ids[0][1], rec.baseline_mean, ids[0][2], **common),
        measure("recovery.baseline_sd", ids[1][1], rec.baseline_sd, ids[1][2], **common),
        measure("recovery.trough", ids[2][1], rec.trough_value, ids[2][2], **common),
        measure("recovery.trough_at", "Trough day", _iso(rec.trough_at), "datetime", **common),
        measure("recovery.depth", ids[3][1], rec.depth, ids[3][2], **common),
        measure("recovery.recovered", ids[4][1], rec.recovered, ids[4][2], **common),
        measure(
            "recovery.time_from_onset",
            ids[5][1],
            rec.recovery_from_onset,
            ids[5][2],
            reason_if_missing=nr,
            **common,
        ),
        measure(
            "recovery.time_from_trough",
            ids[6][1],
            rec.recovery_from_trough,
            ids[6][2],
            reason_if_missing=nr,
            **common,
        ),
    ]


def _statement_measures(res: Results) -> list[Measure]:
    """Onset to first brand reaction and to the official statement (tip 4's clock)."""
    tl = res.timeline
    out: list[Measure] = []
    st = res.statements
    if tl.onset is None:
        reason = "no crisis onset to measure from"
        return [
            not_assessable(
                "reaction.first_brand_post_after_onset",
                "Onset to first public brand post",
                "seconds",
                reason,
            ),
            not_assessable(
                "statement.onset_to_official", "Onset to official statement", "seconds", reason
            ),
        ]
    brand = res.mentions.filter(
        pl.col("is_brand")
        & pl.col("kind").is_in(["post", "reply"])
        & (pl.col("created_at") >= tl.onset)
    ).sort("created_at")
    first = brand.head(1).to_dicts()
    out.append(
        measure(
            "reaction.first_brand_post_after_onset",
            "Onset to first public brand post or reply",
            (first[0]["created_at"] - tl.onset) if first else None,
            "seconds",
            brand.height,
            "brand posts after onset",
            definition="Time from the detected (or fixed) onset to the brand's first human post "
            "or reply on any platform.",
            reason_if_missing="the brand posted nothing after onset",
            evidence=[
                {
                    "platform": first[0]["platform"],
                    "mention_id": first[0]["mention_id"],
                    "created_at": _iso(first[0]["created_at"]),
                    "text": first[0]["text"][:500],
                }
            ]
            if first
            else [],
        )
    )
    if st.is_empty():
        out.append(
            not_assessable(
                "statement.onset_to_official",
                "Onset to official statement",
                "seconds",
                "no statements file in the inputs (inputs.events.statements)",
            )
        )
        return out
    official = st.filter(pl.col("published_at") >= tl.onset - pl.duration(days=1))
    owned = official.filter(pl.col("is_owned"))
    first_any = official.head(1).to_dicts()
    first_owned = owned.head(1).to_dicts()
    ev = [
        {
            "statement_id": r["statement_id"],
            "channel": r["channel"],
            "url": r["url"],
            "published_at": _iso(r["published_at"]),
        }
        for r in official.head(10).to_dicts()
    ]
    out.append(
        measure(
            "statement.onset_to_official",
            "Onset to first official statement",
            (first_any[0]["published_at"] - tl.onset) if first_any else None,
            "seconds",
            official.height,
            "statements",
            evidence=ev,
            definition="Time from onset to the first statement in the statements file published "
            "from one day before onset onwards (any channel).",
            reason_if_missing="no statement published after onset",
        )
    )
    out.append(
        measure(
            "statement.onset_to_owned",
            "Onset to statement on the brand's own site",
            (first_owned[0]["published_at"] - tl.onset) if first_owned else None,
            "seconds",
            official.height,
            "statements",
            evidence=ev,
            definition="Time from onset to the first statement on an owned channel "
            "(incident.owned_channels).",
            reason_if_missing="no statement on an owned channel (blog/website/newsroom)",
        )
    )
    owned_first = (
        None if not first_owned else first_owned[0]["published_at"] <= first_any[0]["published_at"]
    )
    out.append(
        measure(
            "statement.owned_first",
            "Official statement appeared first on the brand's own site",
            owned_first,
            "boolean",
            official.height,
            "statements",
            evidence=ev,
            definition="True when the first owned-channel statement was published no later than "
            "the first statement on any channel.",
            reason_if_missing="no statement on an owned channel (blog/website/newsroom)",
        )
    )
    return out


def _round(v: Any, nd: int) -> Any:
    return round(v, nd) if isinstance(v, float) else v


def driver_entries(terms: pl.DataFrame, main: bool = False) -> list[dict[str, Any]]:
    """Scorecard rows of one drivers list (``n_crisis``/``n_baseline`` for the main one)."""
    out = []
    for r in terms.sort("rank").to_dicts():
        e: dict[str, Any] = {"rank": r["rank"], "term": r["term"], "n_words": r["n_words"]}
        if main:
            e |= {
                "n_crisis": r["n_focus"],
                "n_baseline": r["n_reference"],
                "share_crisis": _round(r["share_focus"], 4),
                "share_baseline": _round(r["share_reference"], 4),
            }
        else:
            e |= {
                "n_focus": r["n_focus"],
                "n_reference": r["n_reference"],
                "share_focus": _round(r["share_focus"], 4),
                "share_reference": _round(r["share_reference"], 4),
            }
        e |= {
            "log_odds": _round(r["log_odds"], 4),
            "se": _round(r["se"], 4),
            "z": _round(r["z"], 3),
            "example_ids": list(r["example_ids"] or []),
        }
        out.append(e)
    return out


def _driver_measures(res: Results, ctx: Context) -> list[Measure]:
    dp = ctx.params.drivers
    definition = DEF_DRIVERS.format(prior=dp.prior_scale, z=dp.z_min, k=dp.min_count)
    drv = res.drivers
    out: list[Measure] = []
    if drv is None:
        return []
    for c in drv.comparisons:
        group = {"comparison": c.id}
        common = {
            "denominator": c.n_focus_posts,
            "denominator_label": c.focus,
            "definition": definition + f" Focus: {c.focus}; reference: {c.reference}.",
            "group": group,
        }
        if c.status != "ok":
            out.append(
                measure(
                    "drivers.count",
                    "Topic drivers found",
                    None,
                    "count",
                    reason_if_missing=c.reason or "",
                    **common,
                )
            )
            continue
        more = drv.for_comparison(c.id, "more")
        out.append(measure("drivers.count", "Topic drivers found", more.height, "count", **common))
        out.append(
            measure(
                "drivers.top_term",
                "Strongest topic driver",
                more["term"][0] if more.height else None,
                "term",
                reason_if_missing=f"no term reached z ≥ {dp.z_min:g} with {dp.min_count}+ posts",
                evidence=driver_entries(more.head(1), main=c.id == "crisis"),
                **common,
            )
        )
    return out


def driver_comparisons(res: Results) -> list[dict[str, Any]]:
    drv = res.drivers
    if drv is None:
        return []
    return [
        {
            "id": c.id,
            "focus": c.focus,
            "reference": c.reference,
            "n_focus_posts": c.n_focus_posts,
            "n_reference_posts": c.n_reference_posts,
            "status": c.status,
            "reason": c.reason,
            "more": driver_entries(drv.for_comparison(c.id, "more")),
            "less": driver_entries(drv.for_comparison(c.id, "less")),
        }
        for c in drv.comparisons
    ]


VOICE_KEYS = (
    "platform",
    "author_id",
    "author_name",
    "role",
    "role_source",
    "n_posts",
    "n_negative",
    "reach",
    "exposure",
    "engagement",
    "replies_drawn",
    "rank_negative",
    "rank_reach",
    "rank_replies",
    "top_decile",
    "brand_turns",
    "first_brand_reply_at",
    "wait_s",
    "answered_after_statement",
)


def voice_entries(res: Results, top: int) -> list[dict[str, Any]]:
    if res.voices is None:
        return []
    rows = res.voices.top(top).select(list(VOICE_KEYS)).to_dicts()
    for r in rows:
        r["first_brand_reply_at"] = _iso(r["first_brand_reply_at"])
    return rows


def _voice_measures(res: Results, ctx: Context) -> list[Measure]:
    vo = res.voices
    if vo is None:
        return []
    definition = DEF_VOICES.format(window=vo.window)
    a = vo.authors.filter(pl.col("role") != "brand")
    neg = a.filter(pl.col("n_negative") > 0)
    top = a.filter(pl.col("top_decile"))
    n_top = top.height
    common = {"denominator": n_top, "denominator_label": "top-decile negative authors"}
    none_reason = "no negative customer post in the window"
    after = (
        float(top["answered_after_statement"].fill_null(False).mean())  # type: ignore[arg-type]
        if n_top and vo.statement_at is not None
        else None
    )
    return [
        measure(
            "voices.authors",
            f"Customer authors in the {vo.window}",
            a.height,
            "count",
            a.height,
            "authors",
            definition=definition,
        ),
        measure(
            "voices.negative_authors",
            "Authors with at least one negative post",
            neg.height,
            "count",
            a.height,
            "authors",
            definition=definition,
        ),
        measure(
            "voices.top_decile_answered",
            "Most negative, highest-reach authors the brand answered",
            float((top["brand_turns"] > 0).mean()) if n_top else None,  # type: ignore[arg-type]
            "share",
            definition=definition,
            reason_if_missing=none_reason,
            **common,
        ),
        measure(
            "voices.top_decile_answered_after_statement",
            "… answered at or after the official statement",
            after,
            "share",
            definition=definition,
            reason_if_missing=none_reason
            if not n_top
            else "no official statement in the inputs to measure from",
            **common,
        ),
        measure(
            "voices.top_decile_two_turns",
            "… with two or more brand turns",
            float((top["brand_turns"] >= 2).mean()) if n_top else None,  # type: ignore[arg-type]
            "share",
            definition=definition,
            reason_if_missing=none_reason,
            **common,
        ),
    ]


def _spread_measures(res: Results, ctx: Context) -> list[Measure]:
    sp = res.spread
    if sp is None:
        return []
    out: list[Measure] = []
    no_onset = res.timeline.onset is None
    window_note = " (whole data: no crisis onset)" if no_onset else ""
    no_reach = (
        "the exports carry no reach (followers / audience) for any negative post in the window"
        if sp.n_negative
        else "no negative customer content in the window"
    )
    out.append(
        measure(
            "reach.negative_exposure",
            "Estimated exposure of negative content (potential impressions)" + window_note,
            sp.total_exposure,
            "count",
            sp.n_with_reach,
            "negative posts, replies and shares with a reach value",
            definition=DEF_EXPOSURE,
            reason_if_missing=no_reach,
        )
    )
    out.append(
        measure(
            "reach.coverage",
            "Negative content with a reach value",
            sp.coverage,
            "share",
            sp.n_negative,
            "negative posts, replies and shares",
            definition=DEF_EXPOSURE,
            reason_if_missing="no negative customer content in the window",
        )
    )
    out.append(
        measure(
            "reach.peak_exposure_at",
            "Period with the largest exposure of negative content",
            _iso(sp.peak_exposure_at),
            "datetime",
            sp.n_with_reach,
            "negative posts, replies and shares with a reach value",
            definition=DEF_EXPOSURE,
            reason_if_missing=no_reach,
        )
    )
    definition = DEF_SPREAD.format(z=ctx.params.timeline.z_threshold)
    n_platforms = sp.platforms.height
    out.append(
        measure(
            "spread.first_platform",
            "Platform that caught fire first",
            sp.first_platform,
            "platform",
            n_platforms,
            "platforms",
            definition=definition,
            reason_if_missing="no platform's negative volume crossed its own threshold",
            evidence=[
                {k: _iso(v) if isinstance(v, datetime) else v for k, v in r.items()}
                for r in sp.platforms.head(1).to_dicts()
            ],
        )
    )
    for r in sp.platforms.to_dicts():
        common = {
            "denominator": r["n_negative"],
            "denominator_label": "negative posts on the platform in the window",
            "definition": definition,
            "group": {"platform": r["platform"]},
        }
        never = "its negative volume never crossed its own threshold"
        out += [
            measure(
                "spread.order",
                "Order of catching fire",
                r["order"] if r["caught_fire_at"] else None,
                "count",
                reason_if_missing=never,
                **common,
            ),
            measure(
                "spread.caught_fire_at",
                "Caught fire",
                _iso(r["caught_fire_at"]),
                "datetime",
                reason_if_missing=never,
                **common,
            ),
            measure(
                "spread.lag",
                "Caught fire after the first platform",
                r["lag_s"],
                "seconds",
                reason_if_missing=never,
                **common,
            ),
            measure(
                "spread.peak_at",
                "Platform's peak",
                _iso(r["peak_at"]),
                "datetime",
                reason_if_missing="no negative post on the platform in the window",
                **common,
            ),
            measure(
                "spread.peak_negative",
                "Negative posts in the platform's peak period",
                r["peak_count"],
                "count",
                reason_if_missing="no negative post on the platform in the window",
                **common,
            ),
            measure(
                "spread.negative_posts",
                "Negative posts, replies and shares in the window",
                r["n_negative"],
                "count",
                **common,
            ),
        ]
    return out


def build_scorecard(ctx: Context, res: Results) -> Scorecard:
    p = ctx.params
    tl = res.timeline
    customer = res.mentions.filter(~pl.col("is_brand"))
    card = Scorecard(
        incident={
            "name": p.incident.name,
            "brand": p.incident.brand,
            "slug": p.incident.slug,
            "toolkit_version": __version__,
            "privacy": p.privacy.mode,
        },
        period={
            "start": _iso(res.data_start),
            "end": _iso(res.data_end),
            "report_timezone": p.report.timezone,
        },
        sentiment_scorer=res.sentiment_info.scorer,
        timeline={
            "onset": _iso(tl.onset),
            "peak": _iso(tl.peak),
            "end": _iso(tl.end),
            "onset_method": tl.onset_method,
            "end_method": tl.end_method,
            "status": tl.status,
            "reason": tl.reason,
        },
        inputs=[_stats_dict(s) for s in ctx.load_stats],
    )
    n_all = res.mentions.height
    n_read = sum(s.read for s in ctx.load_stats)
    card.add(
        measure("volume.mentions", "Mentions loaded", n_all, "count", n_all, "mentions"),
        measure(
            "volume.customer_posts", "Customer posts", customer.height, "count", n_all, "mentions"
        ),
        measure(
            "volume.brand_posts", "Brand posts", n_all - customer.height, "count", n_all, "mentions"
        ),
        measure(
            "input.rejected",
            "Input records rejected",
            sum(s.rejected for s in ctx.load_stats),
            "count",
            n_read,
            "records read",
        ),
        measure(
            "input.duplicates",
            "Duplicate input records loaded once",
            sum(s.duplicates for s in ctx.load_stats),
            "count",
            n_read,
            "records read",
        ),
        measure(
            "sentiment.unscored",
            "Posts without a sentiment score",
            res.sentiment_info.n_unscored,
            "count",
            n_all,
            "mentions",
            definition=f"Scorer: {res.sentiment_info.scorer}. Not scored, by language: "
            + (
                ", ".join(
                    f"{k} {v}" for k, v in sorted(res.sentiment_info.unscored_by_language.items())
                )
                or "none"
            )
            + " (no built-in scorer for that language, or too short to tell; never counted "
            "as neutral).",
        ),
        measure(
            "sentiment.scored_export",
            "Posts scored by the export's own sentiment",
            res.sentiment_info.n_from_export,
            "count",
            n_all,
            "mentions",
        ),
        measure(
            "sentiment.scored_english",
            "Posts scored by the built-in English scorer",
            res.sentiment_info.n_builtin_en,
            "count",
            n_all,
            "mentions",
        ),
        measure(
            "sentiment.scored_norwegian",
            "Posts scored by the built-in Norwegian scorer",
            res.sentiment_info.n_builtin_no,
            "count",
            n_all,
            "mentions",
        ),
    )
    scored = customer.filter(pl.col("sentiment").is_not_null())
    pos = scored.filter(pl.col("sentiment") >= 0.05).height
    neg = scored.filter(pl.col("sentiment") <= -0.05).height
    card.add(
        measure(
            "sentiment.net_overall",
            "Net sentiment over the whole period",
            (pos - neg) / (pos + neg) if pos + neg else None,
            "net sentiment",
            pos + neg,
            "positive or negative customer posts",
            definition=DEF_NET,
            reason_if_missing="no positive or negative customer post",
        )
    )
    card.add(*_timeline_measures(res))
    card.add(
        *_frt_measures(res, p.measures.episode_silence_hours, p.measures.business_hours is not None)
    )
    card.add(*_rate_measures(res, [m * 60 for m in p.measures.response_windows_minutes]))
    card.add(*_reply_measures(res))
    card.add(*_recovery_measures(res, ctx))
    card.add(*_statement_measures(res))
    card.add(*_driver_measures(res, ctx))
    card.add(*_voice_measures(res, ctx))
    card.add(*_spread_measures(res, ctx))
    card.tips = [t.to_dict() for t in res.tips]
    if res.drivers is not None:
        card.drivers = driver_entries(res.drivers.for_comparison("crisis", "more"), main=True)
    card.driver_comparisons = driver_comparisons(res)
    card.voices = voice_entries(res, p.voices.top)
    return card


def _stats_dict(s: LoadStats) -> dict[str, Any]:
    return {
        "file": s.file,
        "format": s.format,
        "platform": s.platform,
        "read": s.read,
        "loaded": s.loaded,
        "duplicates": s.duplicates,
        "rejected": s.rejected,
        "repaired": s.repaired,
        "notes": s.notes,
        "balanced": s.balanced,
    }
