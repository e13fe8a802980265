"""Tip 4 — react quickly, personally and directly.

Checks, each against a target from the playbook or a documented default:
onset → first public acknowledgement; first response time and 24-h response rate for
crisis conversations that open with a negative post or a question; onset → official
statement and whether the brand's own site had it first; substantive (not only
acknowledging) replies after the statement; personal, non-template replies; and whether
the most negative, highest-reach authors got a human reply after the statement.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from toolkit.measures import response
from toolkit.tips.checks import Check, TipResult, graded, not_assessable, verdict
from toolkit.tips.inputs import TipInputs, language_sample, post_evidence, sample_note

TIP = 4


def _mins(a: dt.datetime, b: dt.datetime) -> float:
    return round((b - a).total_seconds() / 60, 1)


def crisis_replies(inp: TipInputs) -> pl.DataFrame:
    """Human brand replies in the crisis window, with kind, personal signals and template."""
    from toolkit.language import personal_signals, reply_kinds, template_groups

    assert inp.onset is not None
    replies = inp.human_brand().filter(
        (pl.col("kind") == "reply")
        & pl.col("created_at").is_between(inp.onset, inp.crisis_end, closed="left")
    )
    if replies.is_empty():
        return replies
    parents = inp.mentions.select(
        "platform",
        parent_id=pl.col("mention_id"),
        parent_text=pl.col("text"),
        parent_author=pl.col("author_id"),
        parent_name=pl.col("author_name"),
    )
    replies = replies.join(parents, on=["platform", "parent_id"], how="left")
    # Templates are counted over every reply (a sample would shrink their sizes); the
    # sentence-by-sentence reading runs on a sample in a very large storm.
    groups = template_groups(replies, text_col="text", id_col="mention_id")
    population = replies.height
    replies = reply_kinds(language_sample(replies), text_col="text")
    # the brand's own name shared with the post is not "specific to the post"
    brand = inp.brand_names[0] if inp.brand_names else None
    sig = [
        personal_signals(t, n, p, brand=brand)
        for t, n, p in zip(
            replies["text"], replies["parent_name"], replies["parent_text"], strict=True
        )
    ]
    replies = replies.with_columns(
        addresses=pl.Series([s.addresses_person for s in sig], dtype=pl.Boolean),
        signed=pl.Series([s.signed for s in sig], dtype=pl.Boolean),
        specific=pl.Series([s.specific for s in sig], dtype=pl.Boolean),
    )
    return (
        replies.with_columns(_population=pl.lit(population, dtype=pl.Int64))
        .join(
            groups.select("mention_id", "template_id", "template_size"), on="mention_id", how="left"
        )
        .with_columns(
            templated=pl.col("template_size").fill_null(1) >= 3,
        )
        .with_columns(
            personal=(pl.col("addresses") | pl.col("signed") | pl.col("specific"))
            & ~pl.col("templated")
        )
        .sort("created_at", "platform", "mention_id")  # joins above do not keep row order
    )


def first_acknowledgement(inp: TipInputs, replies_kinds: pl.DataFrame | None = None) -> Check:
    from toolkit.language import reply_kinds

    label = "First public acknowledgement soon after onset"
    cid = "react.first_acknowledgement"
    assert inp.onset is not None
    after = inp.human_brand().filter(pl.col("created_at") >= inp.onset).sort("created_at")
    after = reply_kinds(after.head(200), text_col="text").filter(
        pl.col("reply_kind").is_in(["acknowledgement", "substantive"])
    )
    target, source = inp.target("first_acknowledgement_minutes")
    if after.is_empty():
        return Check(
            cid,
            TIP,
            label,
            "fail",
            target=f"≤ {target:g} min",
            target_source=source,
            detail="no acknowledging brand post after onset",
        )
    row = after.row(0, named=True)
    m = _mins(inp.onset, row["created_at"])
    return Check(
        cid,
        TIP,
        label,
        graded(m, target, lower_is_better=True),
        value=m,
        target=f"≤ {target:g} min after onset (partly ≤ {2 * target:g})",
        target_source=source,
        target_value=target,
        detail=f"{m:g} min after onset",
        evidence=[post_evidence(row, reply_kind=row["reply_kind"])],
    )


def crisis_episodes(inp: TipInputs) -> pl.DataFrame:
    """Crisis conversations that open with a negative post or a question."""
    assert inp.onset is not None
    first = inp.mentions.select(
        "platform",
        first_message_id=pl.col("mention_id"),
        first_text=pl.col("text"),
        first_sentiment=pl.col("sentiment"),
    )
    return (
        inp.episodes.filter(
            pl.col("started_at").is_between(inp.onset, inp.crisis_end, closed="left")
        )
        .join(first, on=["platform", "first_message_id"], how="left")
        .filter((pl.col("first_sentiment") <= -0.05) | pl.col("first_text").str.contains(r"\?"))
    )


def frt_check(inp: TipInputs, eps: pl.DataFrame) -> Check:
    label = "First response to negative posts and questions in the crisis"
    cid = "react.frt_median"
    if eps.is_empty():
        return not_assessable(cid, TIP, label, "no negative or question conversations in crisis")
    summary = response.frt_summary(eps).row(0, named=True)
    target, source = inp.target("frt_median_minutes")
    med = summary["median_s"]
    value = None if med is None else round(med / 60, 1)
    return Check(
        cid,
        TIP,
        label,
        "fail" if value is None else graded(value, target, lower_is_better=True, partial_factor=4),
        value=value,
        target=f"median ≤ {target:g} min (partly ≤ {4 * target:g})",
        target_source=source,
        detail=(
            f"Kaplan–Meier median {value:g} min over {summary['n_episodes']} conversations, "
            if value is not None
            else "median not reached: over half never answered; "
        )
        + f"{summary['n_unanswered']} unanswered",
        evidence=[
            {
                "n_episodes": summary["n_episodes"],
                "n_answered": summary["n_answered"],
                "median_answered_s": summary["median_answered_s"],
            }
        ],
    )


def rate_check(inp: TipInputs, eps: pl.DataFrame) -> Check:
    label = "Crisis conversations answered within 24 h"
    cid = "react.response_rate_24h"
    if eps.is_empty():
        return not_assessable(cid, TIP, label, "no negative or question conversations in crisis")
    rates = response.response_rates(eps, windows_s=(86400,)).filter(pl.col("unit") == "episode")
    r = rates.row(0, named=True)
    target, source = inp.target("response_rate_24h")
    value = r["rate_within_24h"]
    return Check(
        cid,
        TIP,
        label,
        graded(value, target, lower_is_better=False, partial_factor=1.5),
        value=round(value, 3),
        target=f"≥ {target:.0%} (partly ≥ {target / 1.5:.0%})",
        target_source=source,
        detail=f"{r['n_within_24h']} of {r['n_eligible']} answered within 24 h",
    )


def statement_checks(inp: TipInputs) -> list[Check]:
    label = "Official statement soon after onset"
    if inp.statements.is_empty():
        reason = "no statements file (inputs.events.statements)"
        return [
            not_assessable("react.official_statement", TIP, label, reason),
            not_assessable("react.owned_channel_first", TIP, "Brand's own site first", reason),
        ]
    assert inp.onset is not None
    first = inp.first_statement()
    owned = inp.first_statement(owned=True)
    target, source = inp.target("official_statement_minutes")
    checks = []
    if first is None:
        checks.append(
            Check("react.official_statement", TIP, label, "fail", detail="no statement after onset")
        )
    else:
        m = _mins(inp.onset, first["published_at"])
        checks.append(
            Check(
                "react.official_statement",
                TIP,
                label,
                graded(m, target, lower_is_better=True),
                value=m,
                target=f"≤ {target:g} min after onset (partly ≤ {2 * target:g})",
                target_source=source,
                target_value=target,
                detail=f"{first['channel']} statement {m:g} min after onset",
                evidence=[_st(first)],
            )
        )
    own_first = (
        owned is not None and first is not None and owned["published_at"] <= first["published_at"]
    )
    checks.append(
        Check(
            "react.owned_channel_first",
            TIP,
            "Official statement on the brand's own site first",
            "pass" if own_first else "fail",
            value=own_first,
            target="owned channel no later than any other",
            target_source="the brief (tip 4)",
            detail=("first on " + owned["channel"])
            if own_first
            else (
                "no statement on an owned channel"
                if owned is None
                else f"first on {first['channel']}, own site "
                f"{_mins(first['published_at'], owned['published_at']):g} min later"
            ),
            evidence=[_st(r) for r in (first, owned) if r],
        )
    )
    return checks


def _st(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "statement_id": r["statement_id"],
        "channel": r["channel"],
        "url": r["url"],
        "published_at": r["published_at"],
    }


def substantive_check(inp: TipInputs, replies: pl.DataFrame) -> Check:
    label = "Replies after the statement give substance, not only acknowledgement"
    cid = "react.substantive_after_statement"
    st = inp.first_statement()
    if st is None:
        return not_assessable(cid, TIP, label, "no official statement to measure from")
    after = (
        replies.filter(pl.col("created_at") >= st["published_at"])
        if not replies.is_empty()
        else replies
    )
    if after.is_empty():
        return not_assessable(cid, TIP, label, "no brand replies after the statement")
    share = float((after["reply_kind"] == "substantive").mean())  # type: ignore[arg-type]
    acks = after.filter(pl.col("reply_kind") == "acknowledgement").head(5).to_dicts()
    firsts = {
        kind: replies.filter(pl.col("reply_kind") == kind)["created_at"].min()
        for kind in ("acknowledgement", "substantive")
    }
    assert inp.onset is not None
    clock = "; ".join(
        f"first {kind} reply {_mins(inp.onset, at):g} min after onset"
        for kind, at in firsts.items()
        if at is not None
    )
    return Check(
        cid,
        TIP,
        label,
        graded(share, 0.5, lower_is_better=False),
        value=round(share, 3),
        target="≥ 50 % substantive (partly ≥ 25 %)",
        target_source="toolkit default",
        detail=f"{share:.0%} of {after.height} replies after the statement substantive"
        + (f"; {clock}" if clock else "")
        + sample_note(replies.height, int(replies["_population"][0])),
        evidence=[post_evidence(r, reply_kind="acknowledgement only") for r in acks],
    )


def personal_check(inp: TipInputs, replies: pl.DataFrame) -> Check:
    label = "Replies are personal, not copy-paste templates"
    cid = "react.personal_replies"
    if replies.is_empty():
        return not_assessable(cid, TIP, label, "no brand replies in the crisis window")
    share = float(replies["personal"].mean())  # type: ignore[arg-type]
    templ = float(replies["templated"].mean())  # type: ignore[arg-type]
    biggest = (
        replies.filter(pl.col("templated"))
        .sort(["template_size", "created_at", "mention_id"], descending=[True, False, False])
        .head(1)
    )
    ev = [post_evidence(r, template_size=r["template_size"]) for r in biggest.to_dicts()]
    return Check(
        cid,
        TIP,
        label,
        graded(share, 0.5, lower_is_better=False),
        value=round(share, 3),
        target="≥ 50 % personal (partly ≥ 25 %)",
        target_source="toolkit default",
        detail=(
            f"{share:.0%} of {replies.height} crisis replies personal; "
            f"{templ:.0%} are near-copies of a template used 3+ times"
            + sample_note(replies.height, int(replies["_population"][0]))
        ),
        evidence=ev,
    )


def top_negative_authors(inp: TipInputs) -> pl.DataFrame:
    """Top decile of crisis authors by negative posts × reach (at least one author)."""
    assert inp.onset is not None
    neg = inp.mentions.filter(
        ~pl.col("is_brand")
        & pl.col("kind").is_in(["post", "reply"])
        & (pl.col("sentiment") <= -0.05)
        & pl.col("created_at").is_between(inp.onset, inp.crisis_end, closed="left")
    )
    per = neg.group_by("platform", "author_id").agg(
        n_negative=pl.len(), reach=pl.col("reach").max().fill_null(1).clip(lower_bound=1)
    )
    # ties broken by the account, so the same inputs pick the same decile on every run
    per = per.with_columns(weight=pl.col("n_negative") * pl.col("reach")).sort(
        ["weight", "platform", "author_id"], descending=[True, False, False]
    )
    return per.head(max(1, per.height // 10))


def dialogue_check(inp: TipInputs) -> Check:
    label = "Most negative, highest-reach authors got a human reply after the statement"
    cid = "react.dialogue_with_most_negative"
    st = inp.first_statement()
    if st is None:
        return not_assessable(cid, TIP, label, "no official statement to measure from")
    top = top_negative_authors(inp)
    if top.is_empty():
        return not_assessable(cid, TIP, label, "no negative posts in the crisis window")
    brand = inp.human_brand().filter(pl.col("kind") == "reply")
    parents = inp.mentions.select(
        "platform", parent_id=pl.col("mention_id"), author_id=pl.col("author_id")
    )
    to_author = brand.select("platform", "parent_id", "created_at").join(
        parents, on=["platform", "parent_id"], how="inner"
    )
    stats = top.join(
        to_author.group_by("platform", "author_id").agg(
            turns=pl.len(),
            after=(pl.col("created_at") >= st["published_at"]).sum(),
            first_after=pl.col("created_at")
            .filter(pl.col("created_at") >= st["published_at"])
            .min(),
        ),
        on=["platform", "author_id"],
        how="left",
    ).with_columns(pl.col("turns", "after").fill_null(0))
    stats = stats.sort(["weight", "platform", "author_id"], descending=[True, False, False])
    share = float((stats["after"] > 0).mean())  # type: ignore[arg-type]
    two = int((stats["turns"] >= 2).sum())
    waits = stats.select(
        ((pl.col("first_after") - pl.lit(st["published_at"])).dt.total_seconds() / 60).median()
    ).item()
    speed = "" if waits is None else f"; median {waits:.0f} min after the statement"
    return Check(
        cid,
        TIP,
        label,
        graded(share, 0.5, lower_is_better=False),
        value=round(share, 3),
        target="≥ 50 % of the top decile (partly ≥ 25 %)",
        target_source="toolkit default",
        detail=(
            f"{int((stats['after'] > 0).sum())} of {stats.height} top authors answered after "
            f"the statement{speed}; {two} had two or more brand turns"
        ),
        evidence=stats.select(
            "platform", "author_id", "n_negative", "reach", "turns", "after", "first_after"
        ).to_dicts(),
    )


def assess(inp: TipInputs) -> TipResult:
    if inp.onset is None:
        return verdict(
            TIP,
            [
                not_assessable(
                    "react.onset", TIP, "Reaction after onset", "no crisis onset detected or fixed"
                )
            ],
        )
    if inp.human_brand().is_empty():
        return verdict(TIP, [], ["brand posts in the mentions (is incident.accounts right?)"])
    replies = crisis_replies(inp)
    eps = crisis_episodes(inp)
    checks = [
        first_acknowledgement(inp),
        frt_check(inp, eps),
        rate_check(inp, eps),
        *statement_checks(inp),
        substantive_check(inp, replies),
        personal_check(inp, replies),
        dialogue_check(inp),
    ]
    return verdict(TIP, checks)
