"""What drove the storm: the words and phrases that set the crisis apart from normal talk.

Raw counts answer the wrong question: "internet", "the" and the brand's own name are
frequent in every period, so the most frequent words of the crisis say little about what
was *new*. The drivers here are the terms whose share of posts rose most in the crisis
period's negative posts against the baseline period, scored with the weighted log-odds
ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008, "Fightin'
Words", Political Analysis 16(4)):

    y_i(w), y_j(w)  posts of corpus i (focus) and j (reference) containing term w
    n_i, n_j        Σ_w y_i(w), Σ_w y_j(w)
    α(w)            = α0 · c(w) / Σ c, with c(w) = posts of the whole corpus (every
                      customer voice of the data) containing w, and
                      α0 = prior_scale · (n_i + n_j)  (0.1: a tenth of the data's weight)
    δ(w)            = ln[(y_i + α) / (n_i + α0 − y_i − α)] − ln[(y_j + α) / (n_j + α0 − y_j − α)]
    σ²(w)           ≈ 1/(y_i + α) + 1/(y_j + α)
    z(w)            = δ(w) / σ(w)

A term counts once per post (document frequency), so one long rant cannot carry a driver.
The prior pulls rare terms towards the corpus-wide rate, so a word seen three times only
in the crisis does not outrank one seen three hundred times; a term equally common in both
corpora scores ≈ 0 whatever its frequency. Drivers are terms with z ≥ ``z_min`` (1.96) and
at least ``min_count`` focus posts, ordered by z.

Terms are 1- to 3-grams of lower-cased words (URLs, @handles, pseudonyms, numbers and
punctuation break a phrase; ``#`` is dropped, the word kept; "'s" is dropped). English
and Norwegian stop-words (toolkit.language.stopwords) never begin or end a term (a
trigram may hold one inside: "out of service"); negations may begin one ("no signal",
"ikke dekning") but never stand alone; the brand's name and its account handles are
removed like punctuation, so they can never be a driver. When a longer term covers at
least 80 % of a shorter one's posts among the candidates, only the longer one is kept
("charged twice" rather than "charged" and "twice").

Everything is vectorised: tokens are exploded once into (post, token) rows, tokens are
numbered (21 bits each) and an n-gram is one 64-bit integer built from the next rows
(``shift``), so counting is a group-by on integers; strings are rebuilt only for the few
terms that are reported. No Python loop runs per post.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import polars as pl

from toolkit.language.stopwords import NEGATIONS, STOPWORDS
from toolkit.measures.sentiment import LABEL_THRESHOLD, customer_voice_expr

URL_RE = r"(?i)\bhttps?://\S+|\bwww\.\S+"
HANDLE_RE = r"@[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?"
PSEUDONYM_RE = r"\buser-[0-9a-f]{12}\b"
NUMBER_RE = r"\p{N}[\p{N}.,:/%]*"
TOKEN_RE = r"\p{L}[\p{L}\p{M}]*(?:['\-]\p{L}[\p{L}\p{M}]*)*|[.,!?;:()\[\]{}\"“”«»…|/]"
BREAK = " . "

ID_BITS = 21
ID_MASK = (1 << ID_BITS) - 1
MAX_VOCAB = ID_MASK  # ids 1 .. 2^21 − 1 (0 = "no word")
SHIFT1 = 1 << ID_BITS
SHIFT2 = 1 << (2 * ID_BITS)

# Token kinds (two low bits of a token's code)
K_BREAK, K_WORD, K_STOP, K_NEG = 0, 1, 2, 3

COMPARISON_LABELS = {
    "crisis": ("negative posts from onset to end", "all customer posts before onset"),
    "onset_to_peak": ("negative posts from onset to peak", "all customer posts before onset"),
    "peak_to_end": ("negative posts from peak to end", "negative posts from onset to peak"),
    "after_statement": (
        "negative posts after the first official statement (to the end)",
        "negative posts from onset to the statement",
    ),
}


@dataclass(frozen=True)
class DriverSettings:
    """Knobs of the driver analysis; the defaults are what the report states."""

    max_n: int = 3  # longest n-gram
    min_count: int = 5  # a driver appears in at least this many focus posts
    min_posts: int = 20  # each corpus of a comparison needs at least this many posts
    z_min: float = 1.96  # |z| at least this (two-sided 5 %)
    top: int = 15  # drivers listed per comparison and direction
    prior_scale: float = 0.1  # α0 = prior_scale × (n_focus + n_reference)
    examples: int = 3  # example posts per driver
    chart_terms: int = 6  # crisis drivers followed over time
    subsume: float = 0.8  # longer term replaces a shorter one covering ≥ this share
    extra_stopwords: tuple[str, ...] = ()


def brand_terms(brand: str, accounts: dict[str, list[str]] | None = None) -> list[str]:
    """The brand's name (each of its words) and its account handles, lower-cased."""
    out = {w for w in normalise(pl.Series([brand or ""])).str.extract_all(TOKEN_RE)[0] if w}
    for handles in (accounts or {}).values():
        for h in handles:
            out.add(h.lstrip("@").lower())
    return sorted(t for t in out if t and t[0].isalpha())


def normalise(texts: pl.Series | pl.Expr) -> pl.Expr | pl.Series:
    """Lower-case and turn URLs, @handles, pseudonyms and numbers into phrase breaks."""
    expr = texts if isinstance(texts, pl.Expr) else pl.lit(texts)
    out = (
        expr.str.to_lowercase()
        .str.replace_all(URL_RE, BREAK)
        .str.replace_all(HANDLE_RE, BREAK)
        .str.replace_all(PSEUDONYM_RE, BREAK)
        .str.replace_all(NUMBER_RE, BREAK)
        .str.replace_all(r"[’‘´`]", "'")
        .str.replace_all(r"'s\b", "")
    )
    if isinstance(texts, pl.Series):
        return pl.select(out.alias(texts.name)).to_series()
    return out


@dataclass
class TermIndex:
    """Every (distinct text, term) pair of a corpus, terms as 64-bit keys, the vocabulary,
    and which distinct text each post (doc = row number) is.

    A storm repeats itself — retweets, copied complaints, the same three words from
    thousands of people — so each distinct text is tokenised once and posts are counted
    through ``doc_uid``.
    """

    text_pairs: pl.DataFrame  # uid u32, key u64 — unique
    vocab: pl.DataFrame  # id u32, tok str
    doc_uid: pl.Series  # per doc: the uid of its text

    def pairs_for(self, keys: pl.Series | None = None) -> pl.DataFrame:
        """(doc, key) for every post holding one of ``keys`` (all terms when None)."""
        hits = self.text_pairs
        if keys is not None:
            hits = hits.filter(pl.col("key").is_in(keys.implode()))
        docs = pl.DataFrame({"uid": self.doc_uid}).with_row_index("doc")
        return hits.join(docs, on="uid").select("doc", "key")

    @property
    def pairs(self) -> pl.DataFrame:
        """Every (post, term) pair, doc u32 and key u64."""
        return self.pairs_for()

    def decode(self, keys: pl.DataFrame) -> pl.DataFrame:
        """Add ``term`` and ``n_words`` to a frame with a ``key`` column."""
        v = self.vocab
        parts = keys.with_columns(
            _i0=(pl.col("key") // SHIFT2).cast(pl.UInt32),
            _i1=((pl.col("key") // SHIFT1) % SHIFT1).cast(pl.UInt32),
            _i2=(pl.col("key") % SHIFT1).cast(pl.UInt32),
        )
        for i in range(3):
            parts = parts.join(v.rename({"id": f"_i{i}", "tok": f"_t{i}"}), on=f"_i{i}", how="left")
        return parts.with_columns(
            term=pl.concat_str(["_t0", "_t1", "_t2"], separator=" ", ignore_nulls=True),
            n_words=(1 + (pl.col("_i1") > 0).cast(pl.Int32) + (pl.col("_i2") > 0).cast(pl.Int32)),
        ).drop("_i0", "_i1", "_i2", "_t0", "_t1", "_t2")


def index_terms(
    texts: pl.Series,
    brand: list[str] | tuple[str, ...] = (),
    max_n: int = 3,
    min_count: int = 1,
    extra_stopwords: list[str] | tuple[str, ...] = (),
) -> TermIndex:
    """Tokenise ``texts`` (doc = row number) and list each post's distinct 1..max_n-grams.

    Tokens seen fewer than ``min_count`` times in all texts cannot belong to a term with
    ``min_count`` posts, so they are treated as breaks: a performance shortcut that changes
    no reported term.
    """
    # distinct texts in order of first appearance (uid), each post's uid, and how many
    # posts each text stands for (token counts are counts over posts, as before)
    distinct = (
        pl.DataFrame({"text": texts.cast(pl.String).fill_null("")})
        .with_row_index("doc")
        .group_by("text", maintain_order=True)
        .agg("doc")
        .with_row_index("uid")
    )
    doc_uid = distinct.select("uid", "doc").explode("doc").sort("doc")["uid"]
    weight = distinct["doc"].list.len().cast(pl.UInt32)
    toks = (
        distinct.select(
            doc=pl.col("uid"),
            tok=normalise(pl.col("text")).str.extract_all(TOKEN_RE),
            _w=weight,
        )
        .explode("tok")
        .drop_nulls("tok")
    )
    brand_set = list({b.lower() for b in brand})
    vocab = (
        toks.group_by("tok")
        .agg(len=pl.col("_w").sum())
        .with_columns(
            kind=pl.when(
                ~pl.col("tok").str.contains(r"^\p{L}")
                | pl.col("tok").is_in(brand_set)
                | (pl.col("len") < min_count)
            )
            .then(K_BREAK)
            .when(pl.col("tok").is_in(list(NEGATIONS)))
            .then(K_NEG)
            .when(
                pl.col("tok").is_in(list(STOPWORDS | {w.lower() for w in extra_stopwords}))
                | (pl.col("tok").str.len_chars() == 1)
            )
            .then(K_STOP)
            .otherwise(K_WORD)
            .cast(pl.UInt32)
        )
        .filter(pl.col("kind") != K_BREAK)
        .sort(["len", "tok"], descending=[True, False])
        .head(MAX_VOCAB)
        .with_columns(id=pl.int_range(1, pl.len() + 1, dtype=pl.UInt32))
    )
    code = toks.select(
        "doc",
        code=pl.col("tok").replace_strict(
            vocab["tok"], vocab["id"] * 4 + vocab["kind"], default=0, return_dtype=pl.UInt32
        ),
    )
    doc, c = pl.col("doc"), pl.col("code")
    k0, i0 = c % 4, (c // 4).cast(pl.UInt64)
    grams = code.lazy().select(
        "doc",
        k0=k0,
        i0=i0,
        same1=doc.shift(-1) == doc,
        k1=k0.shift(-1),
        i1=i0.shift(-1),
        same2=doc.shift(-2) == doc,
        k2=k0.shift(-2),
        i2=i0.shift(-2),
    )
    start = pl.col("k0").is_in([K_WORD, K_NEG])
    parts = [grams.filter(pl.col("k0") == K_WORD).select("doc", key=pl.col("i0") * SHIFT2)]
    if max_n >= 2:
        parts.append(
            grams.filter(start & pl.col("same1") & (pl.col("k1") == K_WORD)).select(
                "doc", key=pl.col("i0") * SHIFT2 + pl.col("i1") * SHIFT1
            )
        )
    if max_n >= 3:
        parts.append(
            grams.filter(
                start & pl.col("same2") & (pl.col("k1") != K_BREAK) & (pl.col("k2") == K_WORD)
            ).select(
                "doc",
                key=pl.col("i0") * SHIFT2 + pl.col("i1") * SHIFT1 + pl.col("i2"),
            )
        )
    pairs = pl.concat(parts).unique().collect().rename({"doc": "uid"})
    return TermIndex(pairs, vocab.select("id", "tok"), doc_uid)


def count_terms(index: TermIndex, flags: pl.DataFrame) -> pl.DataFrame:
    """Posts containing each term, per corpus: ``flags`` has one boolean column per corpus
    and one row per doc (row number = doc); ``all`` counts every doc (the prior).

    Posts are summed per distinct text first, then each text's counts go to its terms.
    """
    names = flags.columns
    per_text = (
        flags.with_columns(uid=index.doc_uid)
        .group_by("uid")
        .agg(pl.len().alias("all"), *[pl.col(n).sum() for n in names])
    )
    return (
        index.text_pairs.join(per_text, on="uid")
        .group_by("key")
        .agg(pl.col(n).sum().cast(pl.Int64) for n in ["all", *names])
    )


def log_odds(
    counts: pl.DataFrame, focus: str, reference: str, prior: str = "all", prior_scale: float = 1.0
) -> pl.DataFrame:
    """Weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008).

    ``counts`` holds, per term, the posts containing it in the focus, the reference and the
    prior corpus. Adds ``log_odds`` (δ), ``se`` (σ) and ``z`` = δ/σ. Totals are taken over
    every row of ``counts``, so pass the unfiltered counts.
    """
    n_i = float(counts[focus].sum())
    n_j = float(counts[reference].sum())
    c_all = float(counts[prior].sum()) or 1.0
    a0 = prior_scale * (n_i + n_j)
    yi, yj = pl.col(focus).cast(pl.Float64), pl.col(reference).cast(pl.Float64)
    alpha = a0 * pl.col(prior).cast(pl.Float64) / c_all
    delta = ((yi + alpha) / (n_i + a0 - yi - alpha)).log() - (
        (yj + alpha) / (n_j + a0 - yj - alpha)
    ).log()
    se = (1.0 / (yi + alpha) + 1.0 / (yj + alpha)).sqrt()
    return counts.with_columns(log_odds=delta, se=se).with_columns(
        z=pl.col("log_odds") / pl.col("se")
    )


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    k = len(shorter)
    return any(longer[i : i + k] == shorter for i in range(len(longer) - k + 1))


def _prune_subsumed(cands: pl.DataFrame, count_col: str, share: float) -> pl.DataFrame:
    """Drop a term when a longer candidate holds it and covers ≥ ``share`` of its posts.

    Runs over the few dozen candidates of one list, never over posts.
    """
    rows = cands.select("key", "term", count_col).to_dicts()
    words = [tuple(r["term"].split(" ")) for r in rows]
    drop = set()
    for a, ra in enumerate(rows):
        for b, rb in enumerate(rows):
            if (
                len(words[b]) > len(words[a])
                and _contains(words[b], words[a])
                and rb[count_col] >= share * ra[count_col]
            ):
                drop.add(ra["key"])
                break
    return cands.filter(~pl.col("key").is_in(list(drop)))


def top_terms(
    index: TermIndex,
    counts: pl.DataFrame,
    focus: str,
    reference: str,
    settings: DriverSettings,
    direction: str = "more",
) -> pl.DataFrame:
    """The ``settings.top`` distinguishing terms of one comparison and direction.

    ``more``: said more in the focus (z ≥ z_min, ≥ min_count focus posts); ``less``: said
    more in the reference (z ≤ −z_min, ≥ min_count reference posts), ordered by |z|.
    """
    scored = log_odds(counts, focus, reference, prior_scale=settings.prior_scale)
    if direction == "more":
        cands = scored.filter(
            (pl.col("z") >= settings.z_min) & (pl.col(focus) >= settings.min_count)
        ).sort(["z", "key"], descending=[True, False])
        count_col = focus
    else:
        cands = scored.filter(
            (pl.col("z") <= -settings.z_min) & (pl.col(reference) >= settings.min_count)
        ).sort(["z", "key"], descending=[False, False])
        count_col = reference
    cands = index.decode(cands.head(4 * settings.top))
    cands = _prune_subsumed(cands, count_col, settings.subsume).head(settings.top)
    return cands.with_columns(
        rank=pl.int_range(1, pl.len() + 1, dtype=pl.Int32),
        direction=pl.lit(direction),
    ).rename({focus: "n_focus", reference: "n_reference"})


@dataclass(frozen=True)
class Comparison:
    """One pair of corpora and whether it could be compared."""

    id: str
    focus: str
    reference: str
    n_focus_posts: int
    n_reference_posts: int
    status: str = "ok"
    reason: str | None = None


@dataclass
class Drivers:
    """The drivers of each comparison, their example posts and the crisis drivers' series."""

    status: str
    reason: str | None
    comparisons: list[Comparison]
    terms: pl.DataFrame  # comparison, direction, rank, term, n_words, counts, shares, δ, σ, z
    examples: pl.DataFrame  # comparison, direction, term, platform, mention_id, created_at, text
    series: pl.DataFrame  # period_start, term, n_posts (negative customer posts with the term)
    settings: DriverSettings = field(default_factory=DriverSettings)

    def comparisons_frame(self) -> pl.DataFrame:
        return pl.DataFrame(
            [c.__dict__ for c in self.comparisons],
            schema={
                "id": pl.String,
                "focus": pl.String,
                "reference": pl.String,
                "n_focus_posts": pl.Int64,
                "n_reference_posts": pl.Int64,
                "status": pl.String,
                "reason": pl.String,
            },
        )

    def for_comparison(self, cid: str, direction: str = "more") -> pl.DataFrame:
        return self.terms.filter(
            (pl.col("comparison") == cid) & (pl.col("direction") == direction)
        ).sort("rank")


TERMS_SCHEMA = {
    "comparison": pl.String,
    "direction": pl.String,
    "rank": pl.Int32,
    "term": pl.String,
    "n_words": pl.Int32,
    "n_focus": pl.Int64,
    "n_reference": pl.Int64,
    "share_focus": pl.Float64,
    "share_reference": pl.Float64,
    "log_odds": pl.Float64,
    "se": pl.Float64,
    "z": pl.Float64,
    "example_ids": pl.List(pl.String),
}
EXAMPLES_SCHEMA = {
    "comparison": pl.String,
    "direction": pl.String,
    "term": pl.String,
    "platform": pl.String,
    "mention_id": pl.String,
    "created_at": pl.Datetime("us"),
    "engagement": pl.Int64,
    "sentiment": pl.Float64,
    "text": pl.String,
}
SERIES_SCHEMA = {"period_start": pl.Datetime("us"), "term": pl.String, "n_posts": pl.Int64}


def _empty(status: str, reason: str | None, comps: list[Comparison], s: DriverSettings) -> Drivers:
    return Drivers(
        status,
        reason,
        comps,
        pl.DataFrame(schema=TERMS_SCHEMA),
        pl.DataFrame(schema=EXAMPLES_SCHEMA),
        pl.DataFrame(schema=SERIES_SCHEMA),
        s,
    )


def compare_texts(
    focus: pl.Series,
    reference: pl.Series,
    brand: list[str] | tuple[str, ...] = (),
    settings: DriverSettings | None = None,
    direction: str = "more",
) -> pl.DataFrame:
    """Distinguishing terms of one corpus against another (prior = both together).

    The plain two-corpus form, for checks against labelled data (e.g. airline tweets:
    negative against the rest) and for hand-made cases.
    """
    s = settings or DriverSettings()
    texts = pl.concat([focus.cast(pl.String), reference.cast(pl.String)])
    flags = pl.DataFrame(
        {
            "focus": [True] * focus.len() + [False] * reference.len(),
            "reference": [False] * focus.len() + [True] * reference.len(),
        }
    )
    index = index_terms(texts, brand, s.max_n, s.min_count, s.extra_stopwords)
    counts = count_terms(index, flags)
    out = top_terms(index, counts, "focus", "reference", s, direction)
    return out.with_columns(
        share_focus=pl.col("n_focus") / max(focus.len(), 1),
        share_reference=pl.col("n_reference") / max(reference.len(), 1),
    ).select(
        "rank",
        "term",
        "n_words",
        "n_focus",
        "n_reference",
        "share_focus",
        "share_reference",
        "log_odds",
        "se",
        "z",
    )


def storm_drivers(
    mentions: pl.DataFrame,
    onset: datetime | None,
    peak: datetime | None,
    end: datetime | None,
    statement_at: datetime | None,
    brand: list[str] | tuple[str, ...] = (),
    settings: DriverSettings | None = None,
    every: timedelta | str = "1h",
) -> Drivers:
    """Drivers of the crisis and of its phases, from the canonical mentions (with sentiment).

    Comparisons (see ``COMPARISON_LABELS``): the crisis' negative posts (onset to end, or to
    the end of the data) against every customer post before onset; the onset-to-peak
    negative posts against the same baseline (what started it); the peak-to-end negative
    posts against the onset-to-peak ones (what it turned into); and the crisis' negative
    posts after the first official statement against those before it (did the statement
    change the conversation) — the last two in both directions. A comparison whose corpora
    hold fewer than ``min_posts`` posts is not assessable, with the counts as the reason.
    """
    s = settings or DriverSettings()
    voices = mentions.filter(customer_voice_expr() & (pl.col("text").str.len_chars() > 0))
    if onset is None:
        reason = "no crisis onset, so no crisis period to compare"
        comps = [
            Comparison(cid, *COMPARISON_LABELS[cid], 0, 0, "not_assessable", reason)
            for cid in COMPARISON_LABELS
        ]
        return _empty("not_assessable", reason, comps, s)
    data_end = voices["created_at"].max() if voices.height else onset
    stop = end if end is not None else data_end + timedelta(microseconds=1)
    t = pl.col("created_at")
    neg = pl.col("sentiment") <= -LABEL_THRESHOLD
    in_crisis = (t >= onset) & (t < stop)
    peak_at = peak if peak is not None else onset
    flag_exprs = {
        "baseline": t < onset,
        "crisis": neg.fill_null(False) & in_crisis,
        "onset_peak": neg.fill_null(False) & (t >= onset) & (t < peak_at),
        "peak_end": neg.fill_null(False) & (t >= peak_at) & (t < stop),
        "before_statement": pl.lit(False),
        "after_statement": pl.lit(False),
        "negative": neg.fill_null(False),
    }
    statement_reason = None
    if statement_at is None:
        statement_reason = "no official statement in the inputs (inputs.events.statements)"
    elif not (onset < statement_at < stop):
        statement_reason = (
            f"the first official statement ({statement_at:%Y-%m-%d %H:%M} UTC) is not inside "
            "the crisis window, so there is no before and after to compare"
        )
    else:
        flag_exprs["before_statement"] = flag_exprs["crisis"] & (t < statement_at)
        flag_exprs["after_statement"] = flag_exprs["crisis"] & (t >= statement_at)
    flags = voices.select(**flag_exprs)
    sizes = {c: int(flags[c].sum()) for c in flags.columns}
    plan = [
        ("crisis", "crisis", "baseline"),
        ("onset_to_peak", "onset_peak", "baseline"),
        ("peak_to_end", "peak_end", "onset_peak"),
        ("after_statement", "after_statement", "before_statement"),
    ]
    comps: list[Comparison] = []
    for cid, f, r in plan:
        lf, lr = COMPARISON_LABELS[cid]
        reason = None
        if cid == "after_statement" and statement_reason:
            reason = statement_reason
        elif sizes[f] < s.min_posts or sizes[r] < s.min_posts:
            reason = (
                f"too few posts to compare: {sizes[f]} {lf} and {sizes[r]} {lr} "
                f"(at least {s.min_posts} each needed)"
            )
        comps.append(
            Comparison(
                cid, lf, lr, sizes[f], sizes[r], "not_assessable" if reason else "ok", reason
            )
        )
    main = comps[0]
    if main.status != "ok":
        return _empty("not_assessable", main.reason, comps, s)
    directions = {cid: ("more", "less") for cid in ("peak_to_end", "after_statement")}
    return _score(voices, flags, sizes, comps, plan, directions, brand, s, every, "crisis")


def _score(
    voices: pl.DataFrame,
    flags: pl.DataFrame,
    sizes: dict[str, int],
    comps: list[Comparison],
    plan: Sequence[tuple[str, str, str]],
    directions: dict[str, tuple[str, ...]],
    brand: list[str] | tuple[str, ...],
    s: DriverSettings,
    every: timedelta | str,
    series_of: str,
) -> Drivers:
    """Index the voices once and list the drivers of every assessable comparison."""
    index = index_terms(voices["text"], brand, s.max_n, s.min_count, s.extra_stopwords)
    counts = count_terms(index, flags)
    lists = []
    for comp, (cid, f, r) in zip(comps, plan, strict=True):
        if comp.status != "ok":
            continue
        for direction in directions.get(cid, ("more",)):
            part = top_terms(index, counts, f, r, s, direction)
            lists.append(
                part.with_columns(
                    comparison=pl.lit(cid),
                    share_focus=pl.col("n_focus") / max(sizes[f], 1),
                    share_reference=pl.col("n_reference") / max(sizes[r], 1),
                    _focus=pl.lit(f if direction == "more" else r),
                )
            )
    chosen = pl.concat(lists, how="diagonal_relaxed") if lists else pl.DataFrame()
    info = voices.select(
        doc=pl.int_range(pl.len(), dtype=pl.UInt32),
        platform="platform",
        mention_id="mention_id",
        created_at="created_at",
        engagement="engagement",
        reach="reach",
        sentiment="sentiment",
        text="text",
    )
    examples = _examples(index, chosen, flags, info, s.examples)
    ids = examples.group_by("comparison", "direction", "term", maintain_order=True).agg(
        example_ids=pl.col("mention_id")
    )
    if chosen.is_empty():
        terms = pl.DataFrame(schema=TERMS_SCHEMA)
    else:
        terms = (
            chosen.join(ids, on=["comparison", "direction", "term"], how="left")
            .with_columns(pl.col("example_ids").fill_null(pl.lit([], pl.List(pl.String))))
            .select(list(TERMS_SCHEMA))
            .cast(TERMS_SCHEMA)
        )
    series = _series(index, chosen, flags, info, s.chart_terms, every, series_of)
    return Drivers("ok", None, comps, terms, examples.select(list(EXAMPLES_SCHEMA)), series, s)


@dataclass(eq=False)
class CorpusComparison:
    """One comparison of :func:`compare_corpora`: two sets of customer voices, each a
    boolean expression over the canonical mentions (with ``created_at`` and
    ``sentiment``), with the labels the report prints."""

    id: str
    focus_label: str
    reference_label: str
    focus: pl.Expr
    reference: pl.Expr
    directions: tuple[str, ...] = ("more",)
    reason: str | None = None  # set: not assessable whatever the counts (e.g. no such period)


def negative_in(
    windows: Sequence[tuple[datetime | None, datetime | None]],
    outside: Sequence[tuple[datetime | None, datetime | None]] = (),
) -> pl.Expr:
    """Negative posts (sentiment ≤ −0.05) posted in any of ``windows`` ([start, stop),
    None = open) and in none of ``outside``: a period's, an incident's, the quiet ones'."""
    t = pl.col("created_at")

    def within(lo: datetime | None, hi: datetime | None) -> pl.Expr:
        e = pl.lit(True)
        if lo is not None:
            e = e & (t >= lo)
        if hi is not None:
            e = e & (t < hi)
        return e

    inside = pl.lit(False)
    for lo, hi in windows:
        inside = inside | within(lo, hi)
    for lo, hi in outside:
        inside = inside & ~within(lo, hi)
    return (pl.col("sentiment") <= -LABEL_THRESHOLD).fill_null(False) & inside


def compare_corpora(
    mentions: pl.DataFrame,
    comparisons: Sequence[CorpusComparison],
    brand: list[str] | tuple[str, ...] = (),
    settings: DriverSettings | None = None,
    every: timedelta | str = "1d",
) -> Drivers:
    """Drivers of any comparisons of two sets of customer voices — e.g. a quarter's
    negative posts against the previous quarter's, or an incident's against the quiet
    periods around it (:func:`negative_in` builds those sets).

    The same scoring as :func:`storm_drivers` (one index over every customer voice of
    ``mentions``, which is also the prior), the same not-assessable rule (fewer than
    ``min_posts`` posts on a side), examples and ids; the series follows the first
    assessable comparison's top terms. Status is ``ok`` when any comparison is.
    """
    s = settings or DriverSettings()
    voices = mentions.filter(customer_voice_expr() & (pl.col("text").str.len_chars() > 0))
    exprs: dict[str, pl.Expr] = {
        "negative": (pl.col("sentiment") <= -LABEL_THRESHOLD).fill_null(False)
    }
    plan = []
    for i, c in enumerate(comparisons):
        exprs[f"f{i}"] = c.focus.fill_null(False)
        exprs[f"r{i}"] = c.reference.fill_null(False)
        plan.append((c.id, f"f{i}", f"r{i}"))
    flags = voices.select(**exprs)
    sizes = {c: int(flags[c].sum()) for c in flags.columns}
    comps = []
    for c, (_, f, r) in zip(comparisons, plan, strict=True):
        reason = c.reason
        if reason is None and (sizes[f] < s.min_posts or sizes[r] < s.min_posts):
            reason = (
                f"too few posts to compare: {sizes[f]} {c.focus_label} and {sizes[r]} "
                f"{c.reference_label} (at least {s.min_posts} each needed)"
            )
        comps.append(
            Comparison(
                c.id,
                c.focus_label,
                c.reference_label,
                sizes[f],
                sizes[r],
                "not_assessable" if reason else "ok",
                reason,
            )
        )
    ok = [c for c in comps if c.status == "ok"]
    if not ok:
        reason = comps[0].reason if comps else "nothing to compare"
        return _empty("not_assessable", reason, comps, s)
    directions = {c.id: c.directions for c in comparisons}
    return _score(voices, flags, sizes, comps, plan, directions, brand, s, every, ok[0].id)


def _examples(
    index: TermIndex, chosen: pl.DataFrame, flags: pl.DataFrame, info: pl.DataFrame, k: int
) -> pl.DataFrame:
    """The most engaged (then widest-reaching, then most negative) posts holding each term,
    from the corpus where the term is over-represented."""
    if chosen.is_empty():
        return pl.DataFrame(schema=EXAMPLES_SCHEMA)
    keys = chosen.select("key", "comparison", "direction", "term", "_focus")
    hits = index.pairs_for(keys["key"].unique()).join(keys, on="key")
    focus_flag = pl.lit(False)
    for name in keys["_focus"].unique().to_list():
        focus_flag = focus_flag | ((pl.col("_focus") == name) & pl.lit(flags[name]).gather("doc"))
    return (
        hits.filter(focus_flag)
        .join(info, on="doc")
        .sort(
            ["engagement", "reach", "sentiment", "created_at", "mention_id"],
            descending=[True, True, False, False, False],
            nulls_last=True,
        )
        .group_by("comparison", "direction", "term", maintain_order=True)
        .head(k)
        # group_by(...).head() does not promise the same row order on every run: sort
        # again so the same inputs give the same table and scorecard, byte for byte
        .sort(
            [
                "comparison",
                "direction",
                "term",
                "engagement",
                "reach",
                "sentiment",
                "created_at",
                "mention_id",
            ],
            descending=[False, False, False, True, True, False, False, False],
            nulls_last=True,
        )
        .select(list(EXAMPLES_SCHEMA))
        .cast(EXAMPLES_SCHEMA)
    )


def _series(
    index: TermIndex,
    chosen: pl.DataFrame,
    flags: pl.DataFrame,
    info: pl.DataFrame,
    n_terms: int,
    every: timedelta | str,
    comparison: str = "crisis",
) -> pl.DataFrame:
    """Negative customer posts per period holding each of the top drivers of ``comparison``,
    zero-filled over the whole data: how each driver rose and fell."""
    if chosen.is_empty():
        return pl.DataFrame(schema=SERIES_SCHEMA)
    top = chosen.filter((pl.col("comparison") == comparison) & (pl.col("direction") == "more"))
    top = top.sort("rank").head(n_terms).select("key", "term")
    if top.is_empty():
        return pl.DataFrame(schema=SERIES_SCHEMA)
    per = (
        index.pairs_for(top["key"])
        .filter(pl.lit(flags["negative"]).gather("doc"))
        .join(top, on="key")
        .join(info.select("doc", "created_at"), on="doc")
        .group_by("term", period_start=pl.col("created_at").dt.truncate(every))
        .agg(n_posts=pl.len().cast(pl.Int64))
    )
    lo = info["created_at"].min()
    hi = info["created_at"].max()
    periods = pl.datetime_range(
        pl.lit(lo).dt.truncate(every), pl.lit(hi).dt.truncate(every), every, eager=True
    ).alias("period_start")
    grid = periods.to_frame().join(top.select("term"), how="cross")
    return (
        grid.join(per, on=["period_start", "term"], how="left")
        .with_columns(pl.col("n_posts").fill_null(0))
        .select(list(SERIES_SCHEMA))
        .cast(SERIES_SCHEMA)
        .sort("term", "period_start")
    )
