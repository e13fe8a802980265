"""Tip 1 — have a social media policy / community management plan.

Checks: the policy was published before onset; moderation actions cite a rule of it;
critical-but-civil posts were not removed (removing criticism is a known way to make a
storm worse — the brief, and the demo policy's own rule R1). A removal counts as
removing criticism when it cites no rule of the policy, was not undone, and took down a
customer post free of incivility markers (whatever its sentiment score: polite criticism
often scores positive).
"""

from __future__ import annotations

import polars as pl

from toolkit.tips.checks import Check, TipResult, graded, not_assessable, verdict
from toolkit.tips.inputs import TipInputs, at_day_start, post_evidence

TIP = 1
REMOVALS = ("hide", "delete", "remove", "ban", "block")
# Incivility: insults, slurs, threats, profanity (EN, NO). A negative post with none of
# these is "critical but civil". Deliberately short; extendable via language.extra_markers
# under the category "incivility".
INCIVILITY = [
    r"\bidiots?\b",
    r"\bmorons?\b",
    r"\bstupid\b",
    r"\bf+u+c+k\w*",
    r"\bshit\w*",
    r"\bcrap\b",
    r"\bscum\b",
    r"\bwankers?\b",
    r"\bkill\b",
    r"\bburn (it|you) down\b",
    r"\bgo to hell\b",
    r"\bdie\b",
    r"\bfaen\w*",
    r"\bhelvete\b",
    r"\bj(æ|ae)vl\w*",
    r"\bdrit\w*",
    r"\bidioter\b",
    r"\bdust(er|ete)?\b",
    r"\bkjeft\b",
    r"\bsatan\w*",
]


def uncivil_pattern(extra: dict[str, dict[str, list[str]]]) -> str:
    """One case-insensitive regex (Rust syntax, for Polars) of all incivility markers."""
    pats = list(INCIVILITY)
    for lang in extra.values():
        pats += lang.get("incivility", [])
    return "(?i)" + "|".join(f"(?:{p})" for p in pats)


def policy_before_onset(inp: TipInputs) -> Check:
    pol = inp.playbook.policy if inp.playbook else None
    label = "Policy published before the crisis"
    if pol is None:
        return not_assessable("policy.published_before_onset", TIP, label, "no policy")
    if inp.onset is None:
        return not_assessable("policy.published_before_onset", TIP, label, "no crisis onset")
    ok = at_day_start(pol.published) < inp.onset
    return Check(
        "policy.published_before_onset",
        TIP,
        label,
        "pass" if ok else "fail",
        value=pol.published.isoformat(),
        target="before onset",
        detail=f"published {pol.published.isoformat()}, {len(pol.rules)} rules",
        evidence=[
            {
                "url": pol.url,
                "published": pol.published.isoformat(),
                "rules": [r.id for r in pol.rules],
            }
        ],
    )


def _removals(inp: TipInputs) -> pl.DataFrame:
    mod = inp.moderation.with_columns(pl.col("action").str.to_lowercase())
    removed = mod.filter(pl.col("action").is_in(REMOVALS))
    restored = mod.filter(pl.col("action") == "restore").select("target_id").unique()
    return removed.join(
        restored.with_columns(restored=pl.lit(True)), on="target_id", how="left"
    ).with_columns(pl.col("restored").fill_null(False))


def rules_cited(inp: TipInputs) -> Check:
    label = "Moderation actions cite a rule of the policy"
    cid = "policy.moderation_cites_rule"
    if inp.moderation.is_empty():
        return not_assessable(cid, TIP, label, "no moderation log (inputs.events.moderation)")
    rules = (
        {r.id for r in inp.playbook.policy.rules} if inp.playbook and inp.playbook.policy else set()
    )
    acts = inp.moderation.with_columns(
        cites=pl.col("rule_id").is_not_null() & pl.col("rule_id").is_in(list(rules))
    )
    share = acts["cites"].mean()
    bad = acts.filter(~pl.col("cites")).sort("action_at").head(20).to_dicts()
    return Check(
        cid,
        TIP,
        label,
        graded(share, 0.9, lower_is_better=False, partial_factor=1.5),
        value=round(float(share), 3),
        target="≥ 90 % (partly ≥ 60 %)",
        target_source="toolkit default: every action should cite a rule",
        detail=f"{int(acts['cites'].sum())} of {acts.height} actions cite a rule of the policy",
        evidence=[
            {
                "action_at": r["action_at"],
                "action": r["action"],
                "target_id": r["target_id"],
                "rule_id": r["rule_id"],
                "moderator": r["moderator"],
            }
            for r in bad
        ],
    )


def civil_criticism_kept(inp: TipInputs) -> Check:
    label = "Critical-but-civil posts answered, not removed"
    cid = "policy.civil_criticism_not_removed"
    if inp.moderation.is_empty():
        return not_assessable(cid, TIP, label, "no moderation log (inputs.events.moderation)")
    # A removal that cites a rule of the policy is the moderator applying the policy (judged
    # in the previous check); one that cites none and takes down a negative, civil post is
    # criticism removed.
    rules = (
        {r.id for r in inp.playbook.policy.rules} if inp.playbook and inp.playbook.policy else set()
    )
    removed = _removals(inp).filter(
        ~pl.col("restored") & ~pl.col("rule_id").fill_null("").is_in(list(rules))
    )
    targets = removed.join(
        inp.mentions.select(
            "mention_id", "platform", "author_id", "created_at", "text", "sentiment", "is_brand"
        ),
        left_on="target_id",
        right_on="mention_id",
        how="inner",
    ).filter(~pl.col("is_brand"))
    # Not filtered on sentiment: polite criticism ("Respectfully, the statement doesn't say
    # why…") scores positive with lexicon scorers, and a civil post removed without a rule
    # is the harm either way. The score is kept in the evidence.
    civil_critical = targets.filter(
        ~pl.col("text").str.contains(uncivil_pattern(inp.extra_markers))
    )
    unknown = removed.height - targets.height
    detail = (
        f"{civil_critical.height} critical but civil post(s) removed and not restored, "
        f"of {removed.height} removals"
    )
    if unknown:
        detail += f" ({unknown} removal target(s) not in the mentions, not judged)"
    return Check(
        cid,
        TIP,
        label,
        "pass" if civil_critical.is_empty() else "fail",
        value=civil_critical.height,
        target="0 removed",
        target_source="the brief: removing criticism makes a storm worse",
        detail=detail,
        evidence=[
            post_evidence(
                {**r, "mention_id": r["target_id"]},
                action=r["action"],
                action_at=r["action_at"],
                rule_id=r["rule_id"],
            )
            for r in civil_critical.sort("action_at").to_dicts()
        ],
    )


def assess(inp: TipInputs) -> TipResult:
    if inp.playbook is None or inp.playbook.policy is None:
        missing = ["a playbook with a policy (parameters: playbook: FILE, section policy)"]
        return verdict(TIP, [], missing)
    return verdict(TIP, [policy_before_onset(inp), rules_cited(inp), civil_criticism_kept(inp)])
