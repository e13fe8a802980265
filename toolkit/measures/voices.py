"""Who carried the storm: authors ranked by negative posts, by reach and by replies drawn.

A storm is rarely carried by everyone equally: a few authors post again and again, a few
reach hundreds of thousands, a few draw the replies that keep a thread alive. Each of
them is a different reason to answer, so the table ranks every author three ways and
says, for each, whether and when the brand answered (the brief's "dialogue with the
most negative", tip 4).

Definitions (quoted by the report):

* **Window**: the crisis window, onset to end (or to the end of the data); without an
  onset, the whole data (said so).
* **Posts** and **negative posts**: the author's customer voices (kind ``post``/``reply``)
  in the window; negative = sentiment ≤ −0.05.
* **Reach**: the largest audience the export gives for the author in the window
  (followers); null when the export has none — never 0.
* **Exposure**: Σ reach over the author's negative posts (each post is counted as seen by
  the author's audience once; see spread.py).
* **Replies drawn**: replies by other accounts (customers or brand) whose parent is one
  of the author's posts in the window.
* **Brand answered**: a human brand reply (brand ``reply``) whose parent is one of the
  author's posts in the window — the same rule as tip 4's dialogue check — with the time
  of the first, the wait from the author's first post in the window to it, the number of
  brand turns, and whether one came at or after the first official statement.
* **Top decile** (tip 4's "most negative"): authors with at least one negative post,
  ranked by negative posts × the reach of their negative posts (missing = 1); the top
  tenth (at least one), as tip 4's dialogue check ranks them.
* **Role**: ``brand`` (a brand account), ``media`` / ``bot`` when the author's id or
  name is listed in the parameters (``voices.media_accounts`` / ``voices.bot_accounts``),
  else ``notable`` when the export marks the account verified (X exports: journalists,
  public figures, organisations — the badge does not say which), else ``bot`` when the
  name reads as one ("…bot", "bot_…") or when the author posted at
  least five times in the window with at most a fifth distinct texts (repeats itself),
  else ``customer``. With ``privacy: pseudonymise`` names are pseudonyms, so only ids
  listed in the parameters and repetition can tell media and bots apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from toolkit.measures.sentiment import LABEL_THRESHOLD

BOT_NAME_RE = r"(?i)(bot$|^bot[_\-.]|[_\-.]bot\b|\bbot\b)"
VOICE_KINDS = ["post", "reply"]

VOICES_SCHEMA: dict[str, pl.DataType] = {
    "platform": pl.String(),
    "author_id": pl.String(),
    "author_name": pl.String(),
    "role": pl.String(),
    "role_source": pl.String(),
    "n_posts": pl.Int64(),
    "n_negative": pl.Int64(),
    "reach": pl.Int64(),
    "exposure": pl.Int64(),
    "engagement": pl.Int64(),
    "replies_drawn": pl.Int64(),
    "first_post_at": pl.Datetime("us"),
    "brand_turns": pl.Int64(),
    "first_brand_reply_at": pl.Datetime("us"),
    "wait_s": pl.Float64(),
    "answered_after_statement": pl.Boolean(),
    "weight": pl.Int64(),
    "top_decile": pl.Boolean(),
    "rank_negative": pl.Int64(),
    "rank_reach": pl.Int64(),
    "rank_replies": pl.Int64(),
}


@dataclass
class Voices:
    """Every author active in the window, with ranks; ``top`` lists the leading ones."""

    window: str  # "crisis window" or "whole data (no crisis onset)"
    start: datetime | None
    stop: datetime | None
    authors: pl.DataFrame  # VOICES_SCHEMA, every author with a post in the window
    has_reach: bool
    statement_at: datetime | None

    def top(self, n: int = 20) -> pl.DataFrame:
        """Non-brand authors in the top ``n`` of any ranking, by negative posts first."""
        a = self.authors.filter(pl.col("role") != "brand")
        cond = (pl.col("rank_negative") <= n) | (pl.col("rank_replies") <= n)
        if self.has_reach:
            cond = cond | (pl.col("rank_reach") <= n)
        return a.filter(cond).sort(["rank_negative", "rank_reach", "rank_replies"], nulls_last=True)


def _lower(values: Iterable[str]) -> list[str]:
    return sorted({v.lstrip("@").lower() for v in values})


def author_voices(
    mentions: pl.DataFrame,
    onset: datetime | None,
    end: datetime | None,
    statement_at: datetime | None = None,
    media_accounts: Iterable[str] = (),
    bot_accounts: Iterable[str] = (),
) -> Voices:
    """One row per (platform, author) with a post in the window; see the module docstring."""
    data_end = mentions["created_at"].max() if mentions.height else None
    if onset is None:
        start, stop, window = None, None, "whole data (no crisis onset)"
    else:
        start, stop, window = onset, end or data_end, "crisis window"
    t = pl.col("created_at")
    in_window = pl.lit(True)
    if start is not None:
        in_window = (t >= start) & (t <= stop) if end is None else (t >= start) & (t < stop)
    posts = mentions.filter(pl.col("kind").is_in(VOICE_KINDS) & in_window)
    neg = (pl.col("sentiment") <= -LABEL_THRESHOLD).fill_null(False)
    per = posts.group_by("platform", "author_id").agg(
        author_name=pl.col("author_name").drop_nulls().first(),
        is_brand=pl.col("is_brand").any(),
        n_posts=pl.len().cast(pl.Int64),
        n_negative=neg.sum().cast(pl.Int64),
        reach=pl.col("reach").max(),
        reach_negative=pl.col("reach").filter(neg).max(),
        exposure=pl.col("reach").filter(neg).sum(),
        any_reach_neg=pl.col("reach").filter(neg).is_not_null().any(),
        engagement=pl.col("engagement").sum(),
        any_engagement=pl.col("engagement").is_not_null().any(),
        first_post_at=t.min(),
        n_distinct_texts=pl.col("text").n_unique(),
        verified=(
            pl.col("author_verified").any(ignore_nulls=True)
            if "author_verified" in posts.columns
            else pl.lit(None, pl.Boolean)
        ),
    )
    per = per.with_columns(
        exposure=pl.when(pl.col("any_reach_neg")).then(pl.col("exposure")),
        engagement=pl.when(pl.col("any_engagement")).then(pl.col("engagement")),
    )
    # Replies to the author's window posts: who answered, when.
    own = posts.select(
        "platform", parent_id="mention_id", parent_author="author_id", parent_at="created_at"
    )
    replies = (
        mentions.filter(pl.col("kind").is_in(VOICE_KINDS) & pl.col("parent_id").is_not_null())
        .select("platform", "parent_id", "author_id", "is_brand", "created_at")
        .join(own, on=["platform", "parent_id"], how="inner")
        .filter(pl.col("author_id") != pl.col("parent_author"))
    )
    after = (
        pl.lit(None, pl.Boolean)
        if statement_at is None
        else (pl.col("created_at") >= statement_at).any()
    )
    drawn = replies.group_by("platform", author_id="parent_author").agg(
        replies_drawn=pl.len().cast(pl.Int64)
    )
    brand = (
        replies.filter(pl.col("is_brand"))
        .group_by("platform", author_id="parent_author")
        .agg(
            brand_turns=pl.len().cast(pl.Int64),
            first_brand_reply_at=pl.col("created_at").min(),
            answered_after_statement=after,
        )
    )
    media = _lower(media_accounts)
    bots = _lower(bot_accounts)
    name = pl.col("author_name").fill_null("").str.to_lowercase()
    aid = pl.col("author_id").str.to_lowercase()
    listed_media = aid.is_in(media) | name.is_in(media)
    listed_bot = aid.is_in(bots) | name.is_in(bots)
    repeats = (pl.col("n_posts") >= 5) & (pl.col("n_distinct_texts") * 5 <= pl.col("n_posts"))
    role = (
        pl.when(pl.col("is_brand"))
        .then(pl.struct(role=pl.lit("brand"), role_source=pl.lit("brand account")))
        .when(listed_media)
        .then(pl.struct(role=pl.lit("media"), role_source=pl.lit("parameters")))
        .when(listed_bot)
        .then(pl.struct(role=pl.lit("bot"), role_source=pl.lit("parameters")))
        .when(pl.col("verified").fill_null(False))
        .then(pl.struct(role=pl.lit("notable"), role_source=pl.lit("verified badge")))
        .when(pl.col("author_name").fill_null("").str.contains(BOT_NAME_RE))
        .then(pl.struct(role=pl.lit("bot"), role_source=pl.lit("name")))
        .when(repeats)
        .then(pl.struct(role=pl.lit("bot"), role_source=pl.lit("repeats itself")))
        .otherwise(pl.struct(role=pl.lit("customer"), role_source=pl.lit("default")))
    )
    out = (
        per.join(drawn, on=["platform", "author_id"], how="left")
        .join(brand, on=["platform", "author_id"], how="left")
        .with_columns(
            pl.col("replies_drawn", "brand_turns").fill_null(0),
            wait_s=(pl.col("first_brand_reply_at") - pl.col("first_post_at")).dt.total_seconds(
                fractional=True
            ),
            weight=pl.when(pl.col("n_negative") > 0).then(
                pl.col("n_negative") * pl.col("reach_negative").fill_null(1).clip(lower_bound=1)
            ),
            _role=role,
        )
        .unnest("_role")
    )
    if statement_at is not None:
        out = out.with_columns(pl.col("answered_after_statement").fill_null(False))
    # Ranks over non-brand authors; ties broken by the other measures, then the id.
    who = out.filter(~pl.col("is_brand"))
    ranked = []
    for col, keys in (
        ("rank_negative", ["n_negative", "weight", "replies_drawn"]),
        ("rank_reach", ["reach", "n_negative", "replies_drawn"]),
        ("rank_replies", ["replies_drawn", "n_negative", "weight"]),
    ):
        valid = pl.col(keys[0]).fill_null(0) > 0
        r = (
            who.filter(valid)
            .sort(
                [*keys, "platform", "author_id"],
                descending=[True] * 3 + [False, False],
                nulls_last=True,
            )
            .select(
                "platform", "author_id", pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(col)
            )
        )
        ranked.append(r)
    for r in ranked:
        out = out.join(r, on=["platform", "author_id"], how="left")
    n_neg_authors = int((who["n_negative"] > 0).sum())
    decile = max(1, n_neg_authors // 10) if n_neg_authors else 0
    top_weight = (
        who.filter(pl.col("weight").is_not_null())
        .sort(["weight", "platform", "author_id"], descending=[True, False, False])
        .head(decile)
        .select("platform", "author_id", top_decile=pl.lit(True))
    )
    out = out.join(top_weight, on=["platform", "author_id"], how="left").with_columns(
        pl.col("top_decile").fill_null(False)
    )
    out = (
        out.select(list(VOICES_SCHEMA))
        .cast(VOICES_SCHEMA)
        .sort(["rank_negative", "platform", "author_id"], nulls_last=True)
    )
    has_reach = bool(posts["reach"].is_not_null().any()) if posts.height else False
    return Voices(window, start, stop, out, has_reach, statement_at)


def dialogue_summary(v: Voices) -> dict[str, float | int | None]:
    """Tip 4's numbers from the voices table: how many of the top decile were answered
    after the statement, with how many brand turns, and how fast."""
    top = v.authors.filter(pl.col("top_decile"))
    n = top.height
    if n == 0:
        return {"n": 0, "answered": None, "after_statement": None, "two_turns": None}
    after = (
        None
        if v.statement_at is None
        else float(top["answered_after_statement"].fill_null(False).mean())  # type: ignore[arg-type]
    )
    return {
        "n": n,
        "answered": float((top["brand_turns"] > 0).mean()),  # type: ignore[arg-type]
        "after_statement": after,
        "two_turns": float((top["brand_turns"] >= 2).mean()),  # type: ignore[arg-type]
        "median_wait_s": top["wait_s"].median(),  # type: ignore[dict-item]
    }
