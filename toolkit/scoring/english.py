"""Vectorised English sentiment scorer: VADER's algorithm as Polars operations, plus the
hand-written customer-care / crisis layer of :mod:`toolkit.scoring.lexicon_en`.

Why not call vaderSentiment per text? It is pure Python (about 33,000 texts/s per core) and a
brand's crisis week is millions of posts. Here every step runs over all texts at once and
nothing is called per text:

1. the distinct texts are found by a dictionary encoding (each distinct text is scored once);
   emoji are replaced by VADER's own descriptions (``str.replace_many`` over the
   one-character keys of ``emoji_utf8_lexicon.txt``), white space is normalised;
2. texts are split and exploded to one row per token (``id``, ``pos``, ``n``);
3. the *distinct* token spellings get their features once (punctuation stripped as VADER
   does, lower case, ALL CAPS, lexicon valence, booster, negator, rule-word id, phrase-word
   id) and are gathered back to the token rows by their dictionary code;
4. look-backs and look-aheads (negation, boosters, "no", "least", idioms, phrases) are
   global ``shift`` s masked by the token position, so they never reach into the
   neighbouring text; per-text quantities (ALL-CAPS differential, first "but") are running
   sums read at the text's first and last token;
5. only the lexicon tokens carry a valence, so the VADER rules run on those rows only, the
   token valences are summed per text (``group_by``) and turned into the compound
   ``s / sqrt(s² + 15)`` after the exclamation / question-mark emphasis.

The VADER lexicon, emoji lexicon and VADER's rule constants (negators, boosters, idioms,
scalars) are read at run time from the installed ``vaderSentiment`` package, not copied.
With ``domain=False`` the result is plain VADER (compound rounded to 4 decimals as VADER
rounds it); docs/sentiment.md gives the measured agreement with ``SentimentIntensityAnalyzer``
and the few known differences.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import polars as pl
from vaderSentiment import vaderSentiment as _vs

from toolkit.scoring import lexicon_en as dom

N_SCALAR: float = _vs.N_SCALAR  # -0.74: a negated word keeps 74 % of its valence, sign flipped
C_INCR: float = _vs.C_INCR  # 0.733: ALL-CAPS emphasis in mixed-case text
B_INCR: float = _vs.B_INCR  # 0.293: booster ("very"); dampeners ("slightly") are -0.293
B_DECR: float = _vs.B_DECR
ALPHA = 15.0  # compound = s / sqrt(s² + ALPHA)
EP_STEP, EP_MAX = 0.292, 4  # each "!" adds 0.292 (at most 4 count)
QM_STEP, QM_CAP = 0.18, 0.96  # 2-3 "?" add 0.18 each, more add 0.96
DISTANCE_SCALE = (1.0, 0.95, 0.9)  # a booster 1, 2 or 3 tokens back

_PUNCT = string.punctuation

# Words VADER's rules name (lower-case VADER token) get small ids; the words of VADER's
# special-case idioms and multi-word boosters follow. 6 bits.
_RULE_WORDS = ("no", "but", "kind", "of", "or", "nor", "never", "so", "this", "without", "doubt")
_RULE_WORDS += ("least", "at", "very")  # ids 1..14
W = {w: i + 1 for i, w in enumerate(_RULE_WORDS)}

# Packed per-token feature word (Int32): rule-word id | negator | ALL CAPS | lexicon | booster
_WID_MASK = 63
_NEG_BIT, _UPPER_BIT, _LEX_BIT, _BOOST_SHIFT = 1 << 6, 1 << 7, 1 << 8, 9  # booster: 2 bits
_OUT_BACK = _LEX_BIT  # "no token there" looking back: acts like a lexicon word (no modifier)
_OUT_AHEAD = 0  # "no token there" looking ahead: not a lexicon word

#: Distinct texts scored together; larger inputs are scored in batches of this size.
BATCH_TEXTS = 250_000

# Domain phrase words: 12-bit ids, up to 5 packed in one Int64 key.
_ID_BITS = 12
_MAX_PHRASE = 5


# --------------------------------------------------------------------------- resources


@dataclass(frozen=True)
class _Resources:
    lex_words: pl.Series
    lex_values: pl.Series
    emoji_keys: list[str]
    emoji_descriptions: list[str]
    boosters: dict[str, int]  # word -> 1 (B_INCR) or 2 (B_DECR)
    negators: list[str]
    word_ids: dict[str, int]  # rule words + idiom words -> 6-bit id
    specials: dict[str, float]  # VADER's special-case idioms (multi-word ones)
    booster_ngrams: dict[str, float]  # "kind of", "sort of", "just enough"
    dom_values: dict[str, float]  # domain words with a valence
    dom_removed: list[str]  # lexicon words the domain layer silences
    phrase_ids: dict[str, int]  # domain phrase words -> 12-bit id
    phrase_tables: dict[int, dict[int, float]]  # n -> {packed key: valence}
    addressed_keys: dict[int, list[int]]  # n -> packed keys of the addressed-only phrases


def _read_package_text(name: str) -> str:
    return resources.files("vaderSentiment").joinpath(name).read_text(encoding="utf-8")


def _pack(ids: Sequence[int], bits: int) -> int:
    key = 0
    for i in ids:
        key = (key << bits) | i
    return key


@functools.cache
def _resources() -> _Resources:
    lex: dict[str, float] = {}
    for line in _read_package_text("vader_lexicon.txt").rstrip("\n").split("\n"):
        if line:
            word, measure = line.strip().split("\t")[0:2]
            lex[word] = float(measure)
    emojis: dict[str, str] = {}
    for line in _read_package_text("emoji_utf8_lexicon.txt").rstrip("\n").split("\n"):
        key, description = line.strip().split("\t")[0:2]
        # VADER replaces character by character, so only one-character keys can ever match
        if len(key) == 1:
            emojis[key] = description
    boosters = {}
    for word, value in _vs.BOOSTER_DICT.items():
        if " " not in word:
            if value not in (B_INCR, B_DECR):  # pragma: no cover - guards the 2-bit packing
                raise ValueError(f"unexpected booster value {word}={value}")
            boosters[word] = 1 if value == B_INCR else 2
    specials = {k: float(v) for k, v in _vs.SPECIAL_CASES.items() if " " in k}
    booster_ngrams = {k: float(v) for k, v in _vs.BOOSTER_DICT.items() if " " in k}
    word_ids = dict(W)
    for phrase in [*specials, *booster_ngrams]:
        for w in phrase.split():
            word_ids.setdefault(w, len(word_ids) + 1)
    if len(word_ids) > _WID_MASK:  # pragma: no cover - guards the 6-bit packing
        raise ValueError("too many rule words")

    phrase_ids: dict[str, int] = {}
    tables: dict[int, dict[int, float]] = {}
    addressed: dict[int, list[int]] = {}
    addressed_only = dom.addressed_phrases()
    for phrase, value in dom.phrases().items():
        words = phrase.split()
        if not 2 <= len(words) <= _MAX_PHRASE:
            raise ValueError(f"domain phrase must have 2-{_MAX_PHRASE} words: {phrase!r}")
        for w in words:
            phrase_ids.setdefault(w, len(phrase_ids) + 1)
        key = _pack([phrase_ids[w] for w in words], _ID_BITS)
        tables.setdefault(len(words), {})[key] = float(value)
        if phrase in addressed_only:
            addressed.setdefault(len(words), []).append(key)
    if len(phrase_ids) >= 1 << _ID_BITS:  # pragma: no cover - guards the 12-bit packing
        raise ValueError("too many domain phrase words")
    return _Resources(
        lex_words=pl.Series(list(lex), dtype=pl.String),
        lex_values=pl.Series(list(lex.values()), dtype=pl.Float64),
        emoji_keys=list(emojis),
        # VADER writes a space before the description (white space is normalised later)
        emoji_descriptions=[" " + d for d in emojis.values()],
        boosters=boosters,
        negators=list(_vs.NEGATE),
        word_ids=word_ids,
        specials=specials,
        booster_ngrams=booster_ngrams,
        dom_values={k: float(v) for k, v in dom.WORDS.items() if v is not None},
        dom_removed=[k for k, v in dom.WORDS.items() if v is None],
        phrase_ids=phrase_ids,
        phrase_tables=tables,
        addressed_keys=addressed,
    )


# --------------------------------------------------------------------------- helpers


def _dictionary_encode(values: pl.Series) -> tuple[pl.Series, pl.Series]:
    """(codes, distinct values) with ``distinct[codes] == values``; nulls keep null codes.

    A categorical cast with a fresh, private category mapping does the hashing once; the
    mapping is freed with the series. Falls back to ``unique`` + ``replace_strict``.
    """
    try:
        cats = pl.Categories.random()
        encoded = values.cast(pl.Categorical(cats))  # keeps the mapping alive meanwhile
        distinct = cats.to_series()
        codes = encoded.to_physical()
        top = codes.max()
        if (-1 if top is None else int(top)) + 1 != distinct.len():  # type: ignore[arg-type]
            raise TypeError("category mapping was not private")
        return codes, distinct
    except (AttributeError, TypeError, pl.exceptions.PolarsError):  # pragma: no cover
        distinct = values.drop_nulls().unique()
        codes = values.replace_strict(
            distinct,
            pl.int_range(0, distinct.len(), dtype=pl.UInt32, eager=True),
            default=None,
            return_dtype=pl.UInt32,
        )
        return codes, distinct


def _prev(e: pl.Expr, k: int) -> pl.Expr:
    """The value k tokens back in the same text (null before the first token)."""
    return pl.when(pl.col("pos") >= k).then(e.shift(k))


def _next(e: pl.Expr, k: int) -> pl.Expr:
    """The value k tokens ahead in the same text (null after the last token)."""
    return pl.when(pl.col("pos") + k < pl.col("n")).then(e.shift(-k))


def _text_total(e: pl.Expr) -> pl.Expr:
    """Sum of an integer token expression over the token's whole text, on every token.

    Rows are ordered by (text, position): the text's sum is the running sum at its last
    token minus the running sum before its first token, both spread over the text's rows
    by forward / backward fills (no group-by, no join).
    """
    cs = e.cum_sum()
    start = pl.when(pl.col("pos") == 0).then(cs - e).forward_fill()
    end = pl.when(pl.col("pos") == pl.col("n") - 1).then(cs).backward_fill()
    return end - start


def _count_before(e: pl.Expr) -> pl.Expr:
    """How many earlier tokens of the same text have the integer expression at 1."""
    cs = e.cum_sum() - e
    start = pl.when(pl.col("pos") == 0).then(cs).forward_fill()
    return cs - start


def _wid(f: pl.Expr) -> pl.Expr:
    return f.and_(_WID_MASK)


def _bit(f: pl.Expr, bit: int) -> pl.Expr:
    return f.and_(bit) != 0


def _boost(f: pl.Expr) -> pl.Expr:
    kind = f.floordiv(1 << _BOOST_SHIFT).and_(3)
    return pl.when(kind == 1).then(B_INCR).when(kind == 2).then(B_DECR).otherwise(0.0)


# --------------------------------------------------------------------------- features


# Python's str.split() separators (VADER splits with it); all become a plain space
_WHITESPACE = [
    "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\xa0",
    "\u1680", *(chr(c) for c in range(0x2000, 0x200B)), "\u2028", "\u2029", "\u202f",
    "\u205f", "\u3000",
]  # fmt: skip
_CURLY = ["\u2018", "\u2019", "\u02bc"]


def _clean_texts(domain: bool) -> pl.Expr:
    """Emoji -> VADER's descriptions, white space -> " " (literal multi-pattern replaces)."""
    r = _resources()
    keys, values = list(r.emoji_keys), list(r.emoji_descriptions)
    if domain:  # curly apostrophes would hide "don’t" from the negators
        keys += _CURLY
        values += ["'"] * len(_CURLY)
    t = pl.col("text").str.replace_many(keys, values)
    return t.str.replace_many(_WHITESPACE, [" "] * len(_WHITESPACE))


def _token_features(distinct: pl.Series, domain: bool) -> pl.DataFrame:
    """Features of each distinct token spelling, in dictionary-code order."""
    r = _resources()
    raw = pl.col("tok")
    stripped = raw.str.strip_chars(_PUNCT)
    df = (
        distinct.rename("tok")
        .to_frame()
        .with_columns(
            # VADER keeps the raw token when stripping leaves two characters or fewer (emoticons)
            low=pl.when(stripped.str.len_chars() <= 2)
            .then(raw)
            .otherwise(stripped)
            .str.to_lowercase(),
            bare=stripped.str.to_lowercase(),
            # str.isupper(): some cased character and no lower-case one; punctuation is uncased
            upper=raw.str.contains(r"\p{Lu}") & ~raw.str.contains(r"[\p{Ll}\p{Lt}]"),
        )
    )
    low, bare = pl.col("low"), pl.col("bare")
    lex = low.replace_strict(r.lex_words, r.lex_values, default=None, return_dtype=pl.Float64)
    negator = low.is_in(r.negators) | low.str.contains("n't", literal=True)
    boost = low.replace_strict(
        list(r.boosters), list(r.boosters.values()), default=0, return_dtype=pl.Int32
    )
    wid = low.replace_strict(
        list(r.word_ids), list(r.word_ids.values()), default=0, return_dtype=pl.Int32
    )
    feat = (
        wid
        + pl.when(negator).then(_NEG_BIT).otherwise(0)
        + pl.when(pl.col("upper")).then(_UPPER_BIT).otherwise(0)
        + boost * (1 << _BOOST_SHIFT)
    ).cast(pl.Int32)
    cols: dict[str, pl.Expr] = {"lex": lex, "feat": feat}
    if domain:
        is_name = raw.str.starts_with("@") | raw.str.contains("://", literal=True)
        is_tag = raw.str.starts_with("#")
        dom_val = bare.replace_strict(
            list(r.dom_values), list(r.dom_values.values()), default=None, return_dtype=pl.Float64
        )
        tag_val = (
            pl.when(is_tag & bare.str.contains(dom.HASHTAG_NEGATIVE))
            .then(pl.lit(dom.HASHTAG_NEGATIVE_VALENCE))
            .when(is_tag & bare.str.contains(dom.HASHTAG_POSITIVE))
            .then(pl.lit(dom.HASHTAG_POSITIVE_VALENCE))
        )
        as_name = bare.is_in(dom.CAPITALISED_NAMES) & stripped.str.contains(r"^\p{Lu}")
        cols["lex"] = (
            pl.when(is_name | as_name | bare.is_in(r.dom_removed))
            .then(None)
            .otherwise(pl.coalesce(dom_val, lex, tag_val))
        )
        number = bare.str.contains(dom.NUMBER_PATTERN) | bare.is_in(dom.NUMBER_WORDS)
        phrase_word = (
            pl.when(number)
            .then(pl.lit("<num>"))
            .when(is_name)
            .then(pl.lit("<name>"))
            .otherwise(bare)
        )
        cols["did"] = phrase_word.replace_strict(
            list(r.phrase_ids), list(r.phrase_ids.values()), default=0, return_dtype=pl.Int64
        )
        cols["carrier"] = bare.is_in(dom.SARCASM_CARRIERS)
        cols["request"] = bare.is_in(dom.REQUEST_WORDS)
        cols["polite"] = bare.is_in(dom.POLITE_IN_QUESTIONS)
        cols["is_name"] = raw.str.starts_with("@")
        # complaint cues: a negative domain word counts in a post addressed to an account,
        # a negative hashtag (and, below, a negative phrase) anywhere
        cols["cue"] = dom_val.fill_null(0.0) < 0
        cols["strong_cue"] = is_tag & (pl.coalesce(dom_val, lex, tag_val).fill_null(0.0) < 0)
    return df.select(**cols)


# --------------------------------------------------------------------------- token rules


def _match_phrases(tokens: pl.DataFrame) -> pl.DataFrame:
    """Adds ``phrase_val``, ``plen`` and ``care_only``: the longest domain phrase ending at
    each token, its length, and whether it exists only in a post addressed to an account.

    The ids of the last five words are packed into one Int64 (``ctx``); the n-gram ending
    here is ``ctx``'s low n*12 bits, looked up in an integer hash table per length. Only rows
    whose word and previous word both occur in some phrase can end one, so the look-ups run
    on those rows and the results are scattered back.
    """
    r = _resources()
    did = pl.col("did")
    ctx: pl.Expr = did
    for k in range(1, _MAX_PHRASE):  # unmasked shifts; a match is valid only if pos >= n-1
        ctx = ctx + did.shift(k, fill_value=0) * (1 << (_ID_BITS * k))
    candidate = (did != 0) & (did.shift(1, fill_value=0) != 0) & (pl.col("pos") >= 1)
    cand = tokens.select(
        idx=pl.int_range(pl.len(), dtype=pl.UInt32), ctx=ctx, pos=pl.col("pos")
    ).filter(tokens.select(candidate).to_series())
    hits = {}
    for n, table in r.phrase_tables.items():
        key = pl.col("ctx").and_((1 << (_ID_BITS * n)) - 1)
        hit = key.replace_strict(
            pl.Series(list(table), dtype=pl.Int64),
            pl.Series(list(table.values()), dtype=pl.Float64),
            default=None,
            return_dtype=pl.Float64,
        )
        hits[n] = pl.when(pl.col("pos") >= n - 1).then(hit)
    ns = sorted(hits, reverse=True)  # longest first
    care: pl.Expr = pl.lit(False)
    for n in sorted(ns):
        is_care = pl.col("ctx").and_((1 << (_ID_BITS * n)) - 1).is_in(r.addressed_keys.get(n, []))
        care = pl.when(pl.col(f"hit{n}").is_not_null()).then(is_care).otherwise(care)
    plen: pl.Expr = pl.lit(1, dtype=pl.Int32)
    for n in sorted(ns):
        plen = (
            pl.when(pl.col(f"hit{n}").is_not_null()).then(pl.lit(n, dtype=pl.Int32)).otherwise(plen)
        )
    found = (
        cand.lazy()
        .with_columns(**{f"hit{n}": e for n, e in hits.items()})
        .select(
            "idx",
            phrase_val=pl.coalesce([pl.col(f"hit{n}") for n in ns]) if ns else pl.lit(None),
            plen=plen,
            care_only=care,
        )
        .collect()
    )
    height = tokens.height
    phrase_val = pl.repeat(None, height, dtype=pl.Float64, eager=True).alias("phrase_val")
    plens = pl.repeat(1, height, dtype=pl.Int32, eager=True).alias("plen")
    care_only = pl.repeat(False, height, dtype=pl.Boolean, eager=True).alias("care_only")
    if found.height:
        phrase_val = phrase_val.scatter(found["idx"], found["phrase_val"])
        plens = plens.scatter(found["idx"], found["plen"])
        care_only = care_only.scatter(found["idx"], found["care_only"])
    return tokens.with_columns(phrase_val, plens, care_only)


def _sentiment_stages(domain: bool) -> list[dict[str, pl.Expr]]:
    """``with_columns`` stages over the lexicon-token rows, ending with column ``sent``."""
    r = _resources()
    pos, lexv, f0 = pl.col("pos"), pl.col("lex"), pl.col("f0")
    fm = {k: pl.col(f"fm{k}") for k in (1, 2, 3)}
    wm = {k: _wid(fm[k]) for k in (1, 2, 3)}
    gl = pl.col("plen") if domain else pl.lit(1)

    def gate(d: int) -> pl.Expr:
        # the word d back is in the text, not a lexicon word, and not part of this phrase
        return ~_bit(fm[d], _LEX_BIT) & (gl <= d)

    # "no" before a lexicon word negates it instead of counting itself
    v = (
        pl.when((_wid(f0) == W["no"]) & _bit(pl.col("fp1"), _LEX_BIT))
        .then(pl.lit(0.0))
        .otherwise(lexv)
    )
    no_before = (
        ((wm[1] == W["no"]) & (gl <= 1))
        | ((wm[2] == W["no"]) & (gl <= 2))
        | ((wm[3] == W["no"]) & wm[1].is_in([W["or"], W["nor"]]) & (gl <= 3))
    )
    v = pl.when(no_before).then(lexv * N_SCALAR).otherwise(v)
    caps = _bit(f0, _UPPER_BIT) & pl.col("capdiff")
    v = pl.when(caps).then(pl.when(v > 0).then(v + C_INCR).otherwise(v - C_INCR)).otherwise(v)
    stages: list[dict[str, pl.Expr]] = [{"v": v}]

    so_this = [W["so"], W["this"]]
    for d in (1, 2, 3):
        vv = pl.col("v")
        b = _boost(fm[d])
        s = pl.when(vv < 0).then(-b).otherwise(b)
        b_caps = _bit(fm[d], _UPPER_BIT) & pl.col("capdiff") & (b != 0)
        s = s + pl.when(b_caps).then(pl.when(vv > 0).then(C_INCR).otherwise(-C_INCR)).otherwise(0)
        boosted = vv + s * DISTANCE_SCALE[d - 1]
        negated = _bit(fm[d], _NEG_BIT)
        if d == 1:
            factor = pl.when(negated).then(N_SCALAR).otherwise(1.0)
        elif d == 2:
            factor = (
                pl.when((wm[2] == W["never"]) & wm[1].is_in(so_this))
                .then(1.25)
                .when((wm[2] == W["without"]) & (wm[1] == W["doubt"]))
                .then(1.0)
                .when(negated)
                .then(N_SCALAR)
                .otherwise(1.0)
            )
        else:
            factor = (
                pl.when(((wm[3] == W["never"]) & wm[2].is_in(so_this)) | wm[1].is_in(so_this))
                .then(1.25)
                .when((wm[3] == W["without"]) & ((wm[2] == W["doubt"]) | (wm[1] == W["doubt"])))
                .then(1.0)
                .when(negated)
                .then(N_SCALAR)
                .otherwise(1.0)
            )
        new = boosted * factor
        if d == 3:
            new = _special_idioms(new, r)
        stages.append({"v": pl.when(gate(d)).then(new).otherwise(vv)})

    vv = pl.col("v")
    least1 = (wm[1] == W["least"]) & ~_bit(fm[1], _LEX_BIT)
    least = least1 & ((pos == 1) | ~wm[2].is_in([W["at"], W["very"]]))
    vv = pl.when(least).then(vv * N_SCALAR).otherwise(vv)
    kind_of = (_wid(f0) == W["kind"]) & (_wid(pl.col("fp1")) == W["of"])
    sent = pl.when(kind_of).then(pl.lit(0.0)).otherwise(vv)
    # contrastive "but": halve what comes before the first one, weigh what follows by 1.5
    sent = (
        pl.when(pl.col("buts_before") > 0)
        .then(sent * 1.5)
        .when(pl.col("buts_in_text") > 0)
        .then(sent * 0.5)
        .otherwise(sent)
    )
    stages.append({"sent": sent})
    return stages


def _special_idioms(v: pl.Expr, r: _Resources) -> pl.Expr:
    """VADER's special-case idioms ("yeah right", "kiss of death"...) and its multi-word
    dampeners ("kind of", "sort of"), at the relative positions VADER checks them."""
    wids = {
        -3: _wid(pl.col("fm3")),
        -2: _wid(pl.col("fm2")),
        -1: _wid(pl.col("fm1")),
        0: _wid(pl.col("f0")),
        1: _wid(pl.col("fp1")),
        2: _wid(pl.col("fp2")),
    }

    def match(offsets: Sequence[int], table: dict[str, float]) -> pl.Expr:
        out: pl.Expr = pl.lit(None, pl.Float64)
        for phrase, value in reversed(list(table.items())):  # first entry wins
            words = phrase.split()
            if len(words) != len(offsets):
                continue
            cond = pl.lit(True)
            for off, w in zip(offsets, words, strict=True):
                cond = cond & (wids[off] == r.word_ids[w])
            out = pl.when(cond).then(pl.lit(value)).otherwise(out)
        return out

    # backward sequences in VADER's order: onezero, twoonezero, twoone, threetwoone, threetwo
    seqs = [[-1, 0], [-2, -1, 0], [-2, -1], [-3, -2, -1], [-3, -2]]
    out = pl.coalesce([*(match(s, r.specials) for s in seqs), v])
    for fwd in ([0, 1], [0, 1, 2]):  # then the forward ones override
        out = pl.coalesce(match(fwd, r.specials), out)
    for seq in ([-3, -2, -1], [-3, -2], [-2, -1]):
        out = out + match(seq, r.booster_ngrams).fill_null(0.0)
    return out


# --------------------------------------------------------------------------- scoring


def _token_rows(distinct: pl.Series, domain: bool) -> tuple[pl.DataFrame, pl.LazyFrame]:
    """(per-text frame, lazy frame of the lexicon-token rows with their sentiment ``sent``)."""
    docs = (
        distinct.rename("text")
        .to_frame()
        .lazy()
        .with_row_index("id")
        .select(
            "id",
            tok=_clean_texts(domain).str.split(" "),
            n_ep=pl.col("text").str.count_matches("!", literal=True),
            n_qm=pl.col("text").str.count_matches("?", literal=True),
        )
        .collect()
    )
    # one row per token; runs of spaces leave empty strings, which are no tokens
    tokens = (
        docs.lazy()
        .select("id", "n_qm", tok=pl.col("tok").list.eval(pl.element().filter(pl.element() != "")))
        .with_columns(n=pl.col("tok").list.len().cast(pl.Int32))
        .filter(pl.col("n") > 0)
        .with_columns(pos=pl.int_ranges(0, pl.col("n"), dtype=pl.Int32))
        .explode("tok", "pos")
        .collect()
    )
    codes, spellings = _dictionary_encode(tokens["tok"])
    vocab = _token_features(spellings, domain)
    tokens = pl.concat(
        [tokens.select("id", "n", "pos", "n_qm"), vocab.select(pl.all().gather(codes))],
        how="horizontal",
    )
    if domain:
        tokens = _match_phrases(tokens)
    lf = tokens.lazy()
    if domain:
        # an addressed-only phrase in a post addressed to nobody is no phrase at all
        addressed = _text_total(pl.col("is_name").cast(pl.Int32)) > 0
        void = pl.col("care_only") & ~pl.col("addressed")
        lf = lf.with_columns(addressed=addressed).with_columns(
            phrase_val=pl.when(void).then(None).otherwise(pl.col("phrase_val")),
            plen=pl.when(void).then(1).otherwise(pl.col("plen")),
        )
        plen = pl.col("plen")
        # a word inside a longer phrase falls silent, unless it ends a phrase of its own
        # ("on hold" inside "hold for an hour" keeps its valence)
        member = pl.lit(False)
        for k in range(1, _MAX_PHRASE):
            member = member | (_next(plen, k).fill_null(0) > k)
        member = member & pl.col("phrase_val").is_null()
        lf = lf.with_columns(
            lex=pl.when(pl.col("phrase_val").is_not_null())
            .then(pl.col("phrase_val"))
            .when(member)
            .then(None)
            .otherwise(pl.col("lex")),
            cue=pl.col("cue") & pl.col("phrase_val").is_null() & ~member,
            strong_cue=(pl.col("strong_cue") & ~member) | (pl.col("phrase_val").fill_null(0.0) < 0),
        )
    f = pl.col("feat") + pl.when(pl.col("lex").is_not_null()).then(_LEX_BIT).otherwise(0)
    is_but = (pl.col("feat").and_(_WID_MASK) == W["but"]).cast(pl.Int32)
    n_upper = _text_total(_bit(pl.col("feat"), _UPPER_BIT).cast(pl.Int32))
    lf = lf.with_columns(f0=f.cast(pl.Int32)).with_columns(
        fm1=_prev(pl.col("f0"), 1).fill_null(_OUT_BACK),
        fm2=_prev(pl.col("f0"), 2).fill_null(_OUT_BACK),
        fm3=_prev(pl.col("f0"), 3).fill_null(_OUT_BACK),
        fp1=_next(pl.col("f0"), 1).fill_null(_OUT_AHEAD),
        fp2=_next(pl.col("f0"), 2).fill_null(_OUT_AHEAD),
        capdiff=(n_upper > 0) & (n_upper < pl.col("n")),
        buts_before=_count_before(is_but),
        buts_in_text=_text_total(is_but),
    )
    # only lexicon words carry a valence; boosters never do (VADER skips them)
    lf = lf.filter(pl.col("lex").is_not_null() & (pl.col("feat").and_(3 << _BOOST_SHIFT) == 0))
    for stage in _sentiment_stages(domain):
        lf = lf.with_columns(**stage)
    return docs, lf.with_columns(contrib=_text_rules() if domain else pl.col("sent"))


def _text_rules() -> pl.Expr:
    """A lexicon token's contribution after the domain layer's text-level rules.

    In a post addressed to an account (it has an @handle) request words lose their positive
    valence, and so do closing thanks when the post asks a question; in a complaint (a
    complaint phrase or hashtag anywhere, or a complaint word in an addressed post) praise
    words are scaled by ``SARCASM_FACTOR``.
    """
    sent, addressed = pl.col("sent"), pl.col("addressed")
    cue = sent <= dom.SARCASM_CUE
    complaint = ((pl.col("strong_cue") & cue) | (addressed & pl.col("cue") & cue)).any().over("id")
    question = addressed & (pl.col("n_qm") > 0)
    polite = (pl.col("request") & addressed) | (pl.col("polite") & question)
    return (
        pl.when((sent > 0) & polite)
        .then(0.0)
        .when((sent > 0) & pl.col("carrier") & complaint)
        .then(sent * dom.SARCASM_FACTOR)
        .otherwise(sent)
    )


def _score_distinct(distinct: pl.Series, domain: bool) -> pl.Series:
    """Compound score of each (non-null, distinct) text, same order."""
    docs, lf = _token_rows(distinct, domain)
    per_text = lf.group_by("id").agg(s=pl.col("contrib").sum())
    out = (
        docs.lazy()
        .select("id", "n_ep", "n_qm")
        .join(per_text, on="id", how="left", maintain_order="left")
    )
    s = pl.col("s").fill_null(0.0)
    s = s.round(9)  # a sum that cancels out is 0, not 4e-16
    ep = pl.min_horizontal(pl.col("n_ep"), EP_MAX) * EP_STEP
    qm = (
        pl.when(pl.col("n_qm") <= 1)
        .then(0.0)
        .when(pl.col("n_qm") <= 3)
        .then(pl.col("n_qm") * QM_STEP)
        .otherwise(QM_CAP)
    )
    s = pl.when(s > 0).then(s + ep + qm).when(s < 0).then(s - ep - qm).otherwise(s)
    compound = (s / (s * s + ALPHA).sqrt()).clip(-1.0, 1.0).round(4) + 0.0  # no -0.0
    return out.select(score=compound).collect()["score"]


def score_texts(texts: pl.Series, *, domain: bool = True) -> pl.Series:
    """Score per text (same length and order as ``texts``), each distinct text once.

    ``domain=False`` is plain VADER re-implemented; ``domain=True`` adds the
    customer-care / crisis layer. Null text gives a null score.
    """
    texts = texts.cast(pl.String)
    if texts.len() == 0:
        return pl.Series(texts.name, [], dtype=pl.Float64)
    codes, distinct = _dictionary_encode(texts)
    if distinct.len() == 0:
        return pl.Series(texts.name, [None] * texts.len(), dtype=pl.Float64)
    # batches bound the memory of the token frame (about 20 tokens x 25 columns per text)
    scores = pl.concat(
        [
            _score_distinct(distinct.slice(start, BATCH_TEXTS), domain)
            for start in range(0, distinct.len(), BATCH_TEXTS)
        ]
    )
    return scores.gather(codes).rename(texts.name)


def explain(text: str, *, domain: bool = True) -> pl.DataFrame:
    """Why one text got its score: its lexicon tokens with the valence from the lexicon
    (``lex``), after VADER's rules (``sent``) and after the domain layer's text-level rules
    (``contrib``, what is summed). Tokens without a valence are not listed."""
    docs, lf = _token_rows(pl.Series([text], dtype=pl.String), domain)
    words = docs["tok"].explode().filter(docs["tok"].explode() != "")
    out = lf.select("pos", "lex", "sent", "contrib").collect()
    return out.select(
        "pos", token=words.gather(out["pos"]), lex="lex", sent="sent", contrib="contrib"
    )
