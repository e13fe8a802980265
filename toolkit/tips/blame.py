"""Tip 5 — don't blame others.

Checks: the official statements own the problem (ownership − blame sentences, with the
matching sentences as evidence) and apologise; brand replies in the crisis do not shift
blame; and a promised update came by the promised time. The markers are in
toolkit/language (English and Norwegian, extendable from the parameters).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import polars as pl

from toolkit.tips.checks import Check, TipResult, graded, not_assessable, verdict
from toolkit.tips.inputs import TipInputs, language_sample, post_evidence, sample_note

TIP = 5


def _statements(inp: TipInputs) -> pl.DataFrame:
    if inp.statements.is_empty() or inp.onset is None:
        return inp.statements.clear()
    return inp.statements.filter(pl.col("published_at") >= inp.onset - dt.timedelta(days=1))


def ownership_checks(inp: TipInputs) -> list[Check]:
    from toolkit.language import analyse_text, load_lexicon

    st = _statements(inp)
    label_own = "Official statements own the problem"
    label_sorry = "Official statements apologise"
    if st.is_empty():
        reason = "no official statement after onset (inputs.events.statements)"
        return [
            not_assessable("blame.statement_ownership", TIP, label_own, reason),
            not_assessable("blame.statement_apology", TIP, label_sorry, reason),
        ]
    lex = load_lexicon(inp.extra_markers or None)
    n_own = n_blame = 0
    apologies: list[dict] = []
    evidence: list[dict] = []
    for r in st.to_dicts():
        a = analyse_text(r["text"], lexicon=lex)
        n_own += a.n_ownership
        n_blame += a.n_blame
        for s in a.sentences:
            if s.side:
                evidence.append(
                    {
                        "statement_id": r["statement_id"],
                        "channel": r["channel"],
                        "side": s.side,
                        "categories": list(s.categories),
                        "sentence": s.sentence,
                    }
                )
            if "apology" in s.categories:
                apologies.append({"statement_id": r["statement_id"], "sentence": s.sentence})
    score = (n_own - n_blame) / (n_own + n_blame) if n_own + n_blame else None
    own = Check(
        "blame.statement_ownership",
        TIP,
        label_own,
        "fail"
        if score is None
        else "pass"
        if score >= 0.5
        else "partial"
        if score >= 0
        else "fail",
        value=None if score is None else round(score, 3),
        target="(ownership − blame) ÷ (ownership + blame) ≥ 0.5 (partly ≥ 0)",
        target_source="toolkit default",
        detail=(
            f"{n_own} ownership and {n_blame} blame sentences in {st.height} statements"
            if score is not None
            else "no ownership or blame sentence found"
        ),
        evidence=sorted(evidence, key=lambda e: e["side"] != "blame")[:30],
    )
    sorry = Check(
        "blame.statement_apology",
        TIP,
        label_sorry,
        "pass" if apologies else "fail",
        value=len(apologies),
        target="at least one apology",
        target_source="the brief (tip 5)",
        detail=f"{len(apologies)} apologising sentence(s)",
        evidence=apologies[:5],
    )
    return [own, sorry]


def replies_check(inp: TipInputs) -> Check:
    from toolkit.language import analyse_frame, load_lexicon

    label = "Brand replies do not shift the blame"
    cid = "blame.replies_blame_share"
    assert inp.onset is not None
    replies = inp.human_brand().filter(
        pl.col("created_at").is_between(inp.onset, inp.crisis_end, closed="left")
    )
    if replies.is_empty():
        return not_assessable(cid, TIP, label, "no brand replies in the crisis window")
    population = replies.height
    scored = analyse_frame(
        language_sample(replies), text_col="text", lexicon=load_lexicon(inp.extra_markers or None)
    )
    blaming = scored.filter(pl.col("n_blame") > 0)
    share = blaming.height / scored.height
    return Check(
        cid,
        TIP,
        label,
        graded(share, 0.02, lower_is_better=True, partial_factor=2.5),
        value=round(share, 4),
        target="≤ 2 % of replies with a blame marker (partly ≤ 5 %)",
        target_source="toolkit default",
        detail=f"{blaming.height} of {scored.height} crisis replies shift blame"
        + sample_note(scored.height, population),
        evidence=[
            post_evidence(r, categories=r["categories"], sentences=r["matched_sentences"])
            for r in blaming.sort("created_at").head(15).to_dicts()
        ],
    )


def promise_check(inp: TipInputs) -> Check:
    from toolkit.language import promised_updates

    label = "A promised update came by the promised time"
    cid = "blame.promised_update_kept"
    st = _statements(inp).sort("published_at")
    promises = []
    for r in st.to_dicts():
        # "by Wednesday 12:00" is local time where the brand speaks: the report's zone
        when = r["published_at"].replace(tzinfo=dt.UTC).astimezone(ZoneInfo(inp.timezone))
        for p in promised_updates(r["text"], when):
            if p.deadline is not None:
                promises.append((r, p))
    if not promises:
        return not_assessable(cid, TIP, label, "no statement promised an update by a given time")
    kept, evidence = 0, []
    for r, p in promises:
        deadline = p.deadline.astimezone(dt.UTC).replace(tzinfo=None)
        later = (
            st.filter(
                (pl.col("published_at") > r["published_at"])
                & (pl.col("statement_id") != r["statement_id"])
            )
            .head(1)
            .to_dicts()
        )
        came = later[0]["published_at"] if later else None
        ok = came is not None and came <= deadline
        kept += ok
        evidence.append(
            {
                "statement_id": r["statement_id"],
                "promise": p.sentence,
                "deadline": deadline,
                "update_id": later[0]["statement_id"] if later else None,
                "update_at": came,
                "kept": ok,
            }
        )
    share = kept / len(promises)
    return Check(
        cid,
        TIP,
        label,
        "pass" if share == 1 else "partial" if share > 0 else "fail",
        value=round(share, 3),
        target="every promised update on time",
        target_source="the brief (tip 5: tell people when things will improve)",
        detail=f"{kept} of {len(promises)} promised update(s) came on time",
        evidence=evidence,
    )


def assess(inp: TipInputs) -> TipResult:
    if inp.onset is None:
        return verdict(
            TIP,
            [
                not_assessable(
                    "blame.onset", TIP, "Ownership after onset", "no crisis onset detected or fixed"
                )
            ],
        )
    if inp.statements.is_empty() and inp.human_brand().is_empty():
        return verdict(TIP, [], ["official statements or brand replies"])
    return verdict(TIP, [*ownership_checks(inp), replies_check(inp), promise_check(inp)])
