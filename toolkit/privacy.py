"""Keyed pseudonyms for customers' identities, for reports that leave the team.

Applied to the run's database right after loading, before any measure runs, so every
output downstream — tables, scorecard evidence, the notebook, the HTML, the DuckDB file
— only ever sees pseudonyms; nothing has to be scrubbed afterwards except the rejected
records, whose raw text is withheld (it is whatever the export held, in any layout).

A pseudonym is ``user-`` + the first 12 hex digits of SHA-256 over the secret key and the
identity, so the same customer gets the same pseudonym in every run with the same key
(threads and repeat complainers stay recognisable) while nobody without the key can test
a list of known handles against it. 48 bits: a collision is unlikely below ~10 million
authors (birthday bound ≈ n²/2⁴⁹).

Brand accounts (the parameters' ``incident.accounts`` and every row marked ``is_brand``)
stay readable: the report is about what the brand did.
"""

from __future__ import annotations

import duckdb
import polars as pl

PREFIX = "user-"
HEX_DIGITS = 12
# A handle as it is written in a post: @ then word characters, dots and dashes, ending in
# a word character ("@kari_n." keeps its full stop). Rust regex: \w is Unicode-aware.
HANDLE = r"@[\w.\-]*\w"
WITHHELD = "(withheld: privacy pseudonymise)"


def _norm(handle: str) -> str:
    return handle.strip().lstrip("@").lower()


def pseudonymise(
    con: duckdb.DuckDBPyConnection, accounts: dict[str, list[str]], key: bytes
) -> dict[str, int]:
    """Replace customer ids, names and @handles in ``mentions``; withhold rejected raw text.

    Returns counts for the report's method section (authors, handles in text replaced).
    """
    brand = {_norm(h) for hs in accounts.values() for h in hs}
    brand |= {
        _norm(v)
        for (v,) in con.execute(
            "SELECT DISTINCT x FROM (SELECT author_id AS x FROM mentions WHERE is_brand "
            "UNION SELECT author_name FROM mentions WHERE is_brand) WHERE x IS NOT NULL"
        ).fetchall()
    }
    con.execute("CREATE OR REPLACE TEMP TABLE _brand(h VARCHAR)")
    con.executemany("INSERT INTO _brand VALUES (?)", [[h] for h in sorted(brand)])
    salt = key.hex() + "\x1f"
    # One pseudonym per customer (platform, author_id); hashed by DuckDB, vectorised.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _authors AS
        SELECT platform, author_id, any_value(author_name ORDER BY created_at) AS author_name,
               '{PREFIX}' || left(sha256($salt || platform || chr(31) || author_id),
                                  {HEX_DIGITS}) AS pseudonym
        FROM mentions WHERE NOT is_brand GROUP BY platform, author_id""",
        {"salt": salt},
    )
    n_authors = con.execute("SELECT count(*) FROM _authors").fetchall()[0][0]
    # Every @handle written in a post that is not the brand's: the author's own pseudonym
    # when the handle is a known author's name or id, else a pseudonym of the handle.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _handles AS
        WITH tokens AS (
            SELECT DISTINCT unnest(regexp_extract_all(text, '{HANDLE}')) AS token FROM mentions
        ), known AS (
            SELECT lower(ltrim(x, '@')) AS h, min(pseudonym) AS pseudonym FROM (
                SELECT author_name AS x, pseudonym FROM _authors WHERE author_name IS NOT NULL
                UNION ALL SELECT author_id, pseudonym FROM _authors
            ) GROUP BY 1
        )
        SELECT t.token, '@' || coalesce(k.pseudonym,
            '{PREFIX}' || left(sha256($salt || 'handle' || chr(31) || lower(ltrim(t.token, '@'))),
                               {HEX_DIGITS})) AS replacement
        FROM tokens t LEFT JOIN known k ON k.h = lower(ltrim(t.token, '@'))
        WHERE lower(ltrim(t.token, '@')) NOT IN (SELECT h FROM _brand)""",
        {"salt": salt},
    )
    handles = con.sql("SELECT token, replacement FROM _handles").pl()
    # Full display names ("Kari Nordmann") anywhere; the parts of a participant's name or
    # handle ("Hi Kari!" to Kari Nordmann or to @kari_n93), written with a capital, only
    # inside that participant's conversations, where they mean that person — elsewhere
    # "Kari" may be anyone (or an ordinary word, for names like "Mark").
    names = con.sql(
        """SELECT author_name, pseudonym FROM _authors
        WHERE author_name LIKE '% %' AND length(author_name) >= 5
          AND lower(author_name) NOT IN (SELECT h FROM _brand)
        ORDER BY length(author_name) DESC, author_name"""
    ).pl()
    parts = con.sql(
        """WITH p AS (
            SELECT DISTINCT m.platform, m.conversation_id, a.pseudonym,
                   lower(unnest(regexp_split_to_array(a.author_name, '[^\\p{L}]+'))) AS part
            FROM mentions m JOIN _authors a USING (platform, author_id)
            WHERE NOT m.is_brand AND a.author_name IS NOT NULL
        ), k AS (
            SELECT platform, conversation_id, pseudonym, part AS _key FROM p
            WHERE length(part) >= 3
            UNION  -- "Hi Trond" to @trondsvendsen9: a handle's leading letters
            SELECT platform, conversation_id, pseudonym, left(part, n) FROM (
                SELECT *, unnest(range(4, length(part))) AS n FROM p WHERE length(part) > 4)
        )
        SELECT platform, conversation_id, _key, min(pseudonym) AS _part FROM k
        WHERE _key NOT IN (SELECT h FROM _brand)
        GROUP BY ALL"""
    ).pl()
    texts = con.sql("SELECT platform, mention_id, conversation_id, text FROM mentions").pl()
    texts = texts.with_columns(scrub_texts(texts, handles, names, parts))
    con.register("_texts", texts)
    try:
        con.execute(
            """UPDATE mentions m SET text = t.text FROM _texts t
            WHERE m.platform = t.platform AND m.mention_id = t.mention_id AND m.text <> t.text"""
        )
    finally:
        con.unregister("_texts")
    con.execute(
        """UPDATE mentions m SET author_id = a.pseudonym, author_name = a.pseudonym
        FROM _authors a WHERE NOT m.is_brand AND m.platform = a.platform
          AND m.author_id = a.author_id"""
    )
    reasons = con.sql("SELECT DISTINCT reason FROM rejected").pl()
    if reasons.height:
        reasons = reasons.with_columns(scrub_text(pl.col("reason"), handles, names).alias("clean"))
        con.register("_reasons", reasons)
        try:
            con.execute(
                "UPDATE rejected r SET reason = x.clean FROM _reasons x WHERE r.reason = x.reason"
            )
        finally:
            con.unregister("_reasons")
    con.execute("UPDATE rejected SET raw = ? WHERE raw IS NOT NULL", [WITHHELD])
    con.execute("DROP TABLE _authors; DROP TABLE _handles; DROP TABLE _brand")
    return {"authors": int(n_authors), "handles": handles.height}


TOKENS = HANDLE + r"|\w+|[^\w@]+|@"  # a partition of any text: joined back, it is the text


def scrub_texts(
    texts: pl.DataFrame, handles: pl.DataFrame, names: pl.DataFrame, parts: pl.DataFrame
) -> pl.Series:
    """Texts with full names, @handles and participants' name parts replaced.

    Token by token (exact, so @bob never touches @bobby and "Mark" never touches
    "Marked"): explode, join the replacements, join back in order. Vectorised; no Python
    loop over posts.
    """
    text = pl.col("text")
    if names.height:
        text = text.str.replace_many(names["author_name"].to_list(), names["pseudonym"].to_list())
    tokens = (
        texts.lazy()
        .select(
            pl.int_range(pl.len()).alias("_row"),
            "platform",
            "conversation_id",
            text.str.extract_all(TOKENS).alias("token"),
        )
        .explode("token")
        .with_row_index("_pos")
        .join(handles.lazy(), on="token", how="left")
        .with_columns(
            # a name as written in a post starts with a capital ("Hi Kari", from @kari_n)
            pl.when(pl.col("token").str.contains(r"^\p{Lu}"))
            .then(pl.col("token").str.to_lowercase())
            .alias("_key")
        )
        .join(parts.lazy(), on=["platform", "conversation_id", "_key"], how="left")
        .with_columns(pl.coalesce("replacement", "_part", pl.col("token").fill_null("")).alias("t"))
        .group_by("_row")
        # joined in token order explicitly: a parallel engine need not keep row order
        .agg(pl.col("t").sort_by("_pos").str.join(""))
    )
    # An empty text explodes to no token at all: its row comes back through this join.
    whole = texts.lazy().select(pl.int_range(pl.len()).alias("_row"), pl.col("text"))
    joined = whole.join(tokens, on="_row", how="left").sort("_row").collect()
    return joined.select(pl.coalesce("t", "text").alias("text")).to_series()


def scrub_text(text: pl.Expr, handles: pl.DataFrame, names: pl.DataFrame) -> pl.Expr:
    """Free text outside any conversation (rejection reasons): names and @handles only."""
    out = text
    if names.height:
        out = out.str.replace_many(names["author_name"].to_list(), names["pseudonym"].to_list())
    pieces = out.str.extract_all(TOKENS)
    if handles.height:
        mapping = dict(zip(handles["token"], handles["replacement"], strict=True))
        pieces = pieces.list.eval(pl.element().replace(mapping))
    return pieces.list.join("")


def compact(db_path: str) -> None:
    """Rewrite the database file so no replaced value survives in a freed block.

    DuckDB updates in place but leaves the old blocks' bytes in the file until they are
    reused; a report that leaves the team must not carry them. Copying every table into a
    fresh file and swapping it in leaves only live data.
    """
    import os

    fresh = f"{db_path}.compact"
    if os.path.exists(fresh):
        os.remove(fresh)
    con = duckdb.connect(db_path)
    try:
        (current,) = con.execute("SELECT current_database()").fetchall()[0]
        con.execute(f"ATTACH '{fresh}' AS fresh")
        con.execute(f'COPY FROM DATABASE "{current}" TO fresh')
        con.execute("DETACH fresh")
    finally:
        con.close()
    os.replace(fresh, db_path)
