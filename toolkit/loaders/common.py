"""What every loader shares: the staging contract, timestamp parsing, rejection rules.

A loader's only job is to turn its file into a *stage*: a DuckDB table of strings, one
row per record, with ``source_record``, ``raw`` and the canonical field names listed in
``STAGE_FIELDS``. ``finish_stage`` then parses and checks every field the same way for
all formats, so a bad date is rejected with the same words whether it came from a
tweet export or a forum dump, and nothing is dropped without a row in ``rejected``.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from toolkit.model import KINDS
from toolkit.params import MAPPABLE_FIELDS

STAGE_FIELDS = MAPPABLE_FIELDS  # a stage holds every field a mapping can name

# Formats tried in order. Offsets first; a trailing "Z" is rewritten to +0000 before.
AWARE_FORMATS = [
    "%a %b %d %H:%M:%S %z %Y",  # X/Twitter v1.1 and the twcs CSV
    "%Y-%m-%dT%H:%M:%S%z",  # ISO 8601 (Graph API: 2017-04-10T21:15:05+0000)
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M:%S %z",  # airline tweets: 2015-02-24 11:35:52 -0800
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S.%f%z",
]
NAIVE_FORMATS = [
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d.%m.%Y %H:%M:%S",  # Norwegian tools
    "%d.%m.%Y %H:%M",
]

# A post dated before its platform existed is a broken timestamp (an epoch 0, a wrong
# format guess), not history; forums and other sources get 1990 as the floor.
PLATFORM_LAUNCH = {
    "twitter": "2006-03-21",
    "facebook": "2004-02-04",
    "youtube": "2005-02-14",
    "reddit": "2005-06-23",
    "instagram": "2010-10-06",
}

KIND_SYNONYMS = {
    "comment": "reply",
    "retweet": "share",
    "repost": "share",
    "quote": "post",
    "auto": "auto_reply",
    "autoreply": "auto_reply",
    "note": "internal_note",
    "like": "reaction",
}


def sql_str(value: str) -> str:
    """Quote a Python string as a SQL literal (paths, zones: never user text in bulk)."""
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: list[str]) -> str:
    return "[" + ", ".join(sql_str(v) for v in values) + "]"


def timestamp_sql(col: str, zone: str, fmt: str | None = None, likely: str | None = None) -> str:
    """SQL turning a text timestamp into naive UTC; NULL when it cannot be read.

    Epoch seconds (10 digits) and milliseconds (13 digits) are recognised by shape;
    timestamps without an offset are read in ``zone``. ``likely`` is the format most of
    the column uses (see ``likely_format``): tried first on the value as it is, it
    settles nearly every row with one parse instead of a trim, three regular
    expressions and a list of formats (0.2 s instead of 1.0 s for 5 M rows); the rows it
    does not read fall through to the full rules, so the result is the same.
    """
    x = f"regexp_replace(trim({col}), 'Z$', '+0000')"
    if fmt:
        has_zone = "%z" in fmt or "%Z" in fmt
        parsed = f"try_strptime({x}, {sql_str(fmt)})"
        local = parsed if has_zone else f"timezone({sql_str(zone)}, {parsed})"
        return f"timezone('UTC', {local})"
    full = (
        f"CASE WHEN regexp_full_match(trim({col}), '\\d{{9,10}}(\\.\\d+)?') "
        f"THEN make_timestamp(CAST(CAST(trim({col}) AS DOUBLE) * 1000000 AS BIGINT)) "
        f"WHEN regexp_full_match(trim({col}), '\\d{{12,13}}') "
        f"THEN make_timestamp(CAST(trim({col}) AS BIGINT) * 1000) "
        f"ELSE coalesce("
        f"timezone('UTC', try_strptime({x}, {sql_list(AWARE_FORMATS)})), "
        f"timezone('UTC', timezone({sql_str(zone)}, try_strptime({x}, {sql_list(NAIVE_FORMATS)})))"
        f") END"
    )
    if likely in AWARE_FORMATS:
        # an instant: its epoch is the naive UTC value (no time-zone library per row)
        fast = f"make_timestamp(epoch_us(try_strptime({col}, {sql_str(likely)})))"
    elif likely in NAIVE_FORMATS and zone == "UTC":
        fast = f"try_strptime({col}, {sql_str(likely)})"
    elif likely in NAIVE_FORMATS:
        fast = f"timezone('UTC', timezone({sql_str(zone)}, try_strptime({col}, {sql_str(likely)})))"
    else:
        return full
    return f"coalesce({fast}, {full})"


def likely_format(con: duckdb.DuckDBPyConnection, relation: str, col: str) -> str | None:
    """The first known format that reads every one of the first 1,000 values of ``col``.

    Only a hint for ``timestamp_sql``: a wrong guess costs speed, never correctness.
    """
    sample = f"(SELECT {col} AS v FROM {relation} WHERE {col} IS NOT NULL LIMIT 1000)"
    checks = ", ".join(
        f"count(*) FILTER (WHERE try_strptime(v, {sql_str(f)}) IS NOT NULL)"
        for f in AWARE_FORMATS + NAIVE_FORMATS
    )
    row = con.execute(f"SELECT count(*), {checks} FROM {sample}").fetchall()[0]
    total, hits = int(row[0]), row[1:]
    if not total:
        return None
    for f, n in zip(AWARE_FORMATS + NAIVE_FORMATS, hits, strict=True):
        if int(n) == total:
            return f
    return None


def trim_sql(col: str) -> str:
    """``trim(col)``, but the value itself when it has no edge spaces (trim copies every
    string: 0.2 s per column at 5 M rows, and almost nothing needs it)."""
    edge = f"starts_with({col}, ' ') OR ends_with({col}, ' ')"
    return f"CASE WHEN {edge} THEN trim({col}) ELSE {col} END"


def id_sql(col: str) -> str:
    """Ids as clean strings: pandas writes integer ids as floats ('3.0'); undo only that.

    A value without spaces that does not end in ``.0`` is already clean (nearly all of
    them): it is taken as it is, without the trim and the regular expressions.
    """
    return (
        f"CASE WHEN regexp_full_match({col}, '[^ ]+') AND NOT ends_with({col}, '.0') THEN {col} "
        f"ELSE nullif(CASE WHEN regexp_full_match(trim({col}), '\\d+\\.0') "
        f"THEN regexp_replace(trim({col}), '\\.0$', '') ELSE trim({col}) END, '') END"
    )


@dataclass
class LoadStats:
    """What happened to one input file; the report prints these counts."""

    file: str
    format: str
    platform: str
    read: int = 0
    loaded: int = 0
    duplicates: int = 0
    rejected: int = 0
    repaired: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.read == self.loaded + self.duplicates + self.rejected


class InputError(Exception):
    """An input file that cannot be read at all (missing column, not a CSV, ...)."""

    def __init__(self, file: str, problem: str, field: str | None = None):
        self.file, self.problem, self.field = file, problem, field
        where = f", field `{field}`" if field else ""
        super().__init__(f"{file}{where}: {problem}")


def _blocks(path: Path, size: int = 1 << 24):
    """Whole lines in blocks of about ``size`` bytes (the last block may lack a newline)."""
    with path.open("rb") as src:
        pending = b""
        for chunk in iter(lambda: src.read(size), b""):
            data = pending + chunk
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                pending = data
                continue
            yield data[:cut]
            pending = data[cut:]
        if pending:
            yield pending


def _has_carriage_return(path: Path) -> bool:
    """Whether the file holds a carriage return at all: a byte search (memchr) over raw
    reads, so a file without one is ruled out at disk-cache speed (0.1 s at 800 MB,
    against 0.7 s for the pattern over line-aligned blocks)."""
    with path.open("rb") as src:
        return any(b"\r" in chunk for chunk in iter(lambda: src.read(1 << 24), b""))


def normalise_newlines(path: Path, workdir: Path) -> tuple[Path, int]:
    """Copy a text file with bare carriage returns replaced by spaces.

    Real exports (the Customer-Support-on-Twitter file among them) hold lone ``\\r``
    inside unquoted fields, which stops DuckDB's CSV reader and makes pandas invent a
    row. CRLF line ends are kept. Streamed in blocks of whole lines; the copy is made
    only when there is something to fix. Returns the path to read and how many were
    replaced.
    """
    bare = re.compile(rb"\r(?!\n)")
    if not _has_carriage_return(path) or not any(
        b"\r" in block and bare.search(block) for block in _blocks(path)
    ):
        return path, 0
    n = 0
    with tempfile.NamedTemporaryFile(dir=workdir, suffix=path.suffix, delete=False) as tmp:
        for block in _blocks(path):
            fixed, k = bare.subn(b" ", block)
            n += k
            tmp.write(fixed)
    return Path(tmp.name), n


def csv_columns(con: duckdb.DuckDBPyConnection, path: Path, label: str) -> list[str]:
    """Header of a CSV as DuckDB sniffs it; a clear InputError when it is not a table.

    The sniffer reads the head of the file only, with bare carriage returns blanked
    (see ``normalise_newlines``), so checking a large file stays cheap.
    """
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    if not head.strip():
        raise InputError(label, "the file is empty")
    cut = head.rfind(b"\n")
    head = re.sub(rb"\r(?!\n)", b" ", head[: cut + 1] if cut > 0 else head)
    with tempfile.NamedTemporaryFile(suffix=".csv") as tmp:
        tmp.write(head)
        tmp.flush()
        try:
            rel = con.sql(
                f"SELECT * FROM read_csv({sql_str(tmp.name)}, all_varchar=true, header=true, "
                "ignore_errors=true) LIMIT 0"
            )
            return list(rel.columns)
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            raise InputError(label, f"could not be read as CSV ({first})") from None


def _physical_lines(path: Path, positions: list[int]) -> dict[int, int]:
    """1-based physical line of each byte offset, counting newlines block by block."""
    lines: dict[int, int] = {}
    count, offset = 1, 0
    with path.open("rb") as fh:
        for pos in sorted(set(positions)):
            while offset < pos:
                chunk = fh.read(min(1 << 24, pos - offset))
                if not chunk:
                    break
                count += chunk.count(b"\n")
                offset += len(chunk)
            lines[pos] = count
    return lines


def drop_relation(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a temporary table or view called ``name``, whichever it is.

    Stages are views where nothing needs materialising and tables where something does;
    the next file's stage may be the other kind under the same name.
    """
    kinds = con.execute(
        "SELECT 'VIEW' FROM duckdb_views() WHERE view_name = $n AND temporary "
        "UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE table_name = $n AND temporary",
        {"n": name},
    ).fetchall()
    for (kind,) in kinds:
        con.execute(f"DROP {kind} {name}")


def temp_relations(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """The connection's temporary (kind, name) pairs, views and tables."""
    rows = con.execute(
        "SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary "
        "UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary"
    ).fetchall()
    return {(str(k), str(n)) for k, n in rows}


def drop_temp_since(con: duckdb.DuckDBPyConnection, before: set[tuple[str, str]]) -> None:
    """Drop the temporary views and tables made since ``before`` was taken.

    A stage holds a copy of the whole file (and the parse of it another); left in place
    until the run ends, they doubled the memory a large export needs.
    """
    made = temp_relations(con) - before
    for kind in ("VIEW", "TABLE"):
        for k, name in sorted(made):
            if k == kind:
                con.execute(f'DROP {kind} IF EXISTS "{name}"')


def read_csv_records(
    con: duckdb.DuckDBPyConnection,
    src: Path,
    table: str,
    stats: LoadStats,
    cols: list[str],
    options: str = "",
    skip: int = 0,
) -> None:
    """Read a CSV as all-text rows: ``table`` is a view (source_record, raw, columns...).

    The rows are materialised once in ``<table>_rows``; ``raw`` (the record as read, for
    the rejected list) and the record number are expressions of the view, not copies.
    Records the CSV reader cannot split (wrong number of fields, broken quotes) go to
    ``rejected`` once each, with their record number and physical line; the records
    after them keep their true record numbers. ``options`` are extra ``read_csv``
    arguments (a delimiter, ``skip`` for metadata lines above the header). Counts go
    into ``stats``.
    """
    label = stats.file
    rows = f"{table}_rows"
    con.execute("DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans")
    quoted = ['"' + c.replace('"', '""') + '"' for c in cols]
    raw_expr = " || ',' || ".join(f"coalesce({c}, '')" for c in quoted) or "''"
    extra = f", {options}" if options else ""
    drop_relation(con, table)
    # The k-th row read is the table's rowid k-1 (a fresh table, rows kept in file order),
    # so the record number costs nothing; numbering with row_number() OVER () cost 1.2 s
    # of 2.5 s at 5 M rows. A column of the export called "rowid" would hide the
    # pseudo-column: then the rows are numbered explicitly.
    shadowed = any(c.lower() == "rowid" for c in cols)
    number = "row_number() OVER () AS _record, " if shadowed else ""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {rows} AS
        SELECT {number}*
        FROM read_csv({sql_str(str(src))}, all_varchar=true, header=true{extra},
                      store_rejects=true, ignore_errors=true)"""
    )
    position = f"{rows}._record" if shadowed else f"({rows}.rowid + 1)"
    # reject_errors has one row per failing column; "line" counts records after the
    # skipped lines, the header being skip + 1.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _csv_rejects AS
        SELECT CAST(line AS BIGINT) - 1 - {int(skip)} AS record,
               min(line_byte_position) AS pos, any_value(column_name) AS field,
               string_agg(DISTINCT error_type || ': ' || error_message, '; ') AS reason,
               any_value(csv_line) AS raw
        FROM reject_errors GROUP BY line"""
    )
    rejects = con.execute("SELECT record, pos FROM _csv_rejects").fetchall()
    record = position
    if rejects:
        lines = _physical_lines(src, [int(pos) for _, pos in rejects])
        con.execute("ALTER TABLE _csv_rejects ADD COLUMN phys BIGINT")
        con.executemany(
            "UPDATE _csv_rejects SET phys = ? WHERE record = ?",
            [(lines[int(pos)], int(rec)) for rec, pos in rejects],
        )
        # Good record k's true number = k + rejected records that came before it: for each
        # count of good records before a reject, how many rejects had at most that many.
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE {table}_shift AS
            SELECT good_before, max(n) AS n FROM (
                SELECT record - row_number() OVER (ORDER BY record) AS good_before,
                       row_number() OVER (ORDER BY record) AS n
                FROM _csv_rejects) GROUP BY good_before"""
        )
        record = f"{position} + coalesce(_shift.n, 0)"
        con.execute(
            f"""INSERT INTO rejected
            SELECT {sql_str(label)}, record, phys, field,
                   CASE WHEN reason LIKE 'INVALID ENCODING%'
                        THEN 'line is not valid UTF-8 (wrong encoding, e.g. Latin-1?)'
                        ELSE 'unreadable CSV record (' || reason || ')' END,
                   left(raw, 500)
            FROM _csv_rejects"""
        )
    source = (
        f"{rows} ASOF LEFT JOIN {table}_shift _shift ON {position} > _shift.good_before"
        if rejects
        else rows
    )
    # raw (the record as read, for the rejected list) is an expression of the view, so it
    # is only ever built for the records that are rejected.
    con.execute(
        f"CREATE TEMP VIEW {table} AS "
        f"SELECT {record} AS source_record, left({raw_expr}, 500) AS raw, "
        f"{rows}.* {'EXCLUDE (_record) ' if shadowed else ''}FROM {source}"
    )
    n = con.execute(f"SELECT count(*) FROM {rows}").fetchall()[0]
    stats.read += int(n[0]) + len(rejects)
    stats.rejected += len(rejects)


def read_csv_stage(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, stats: LoadStats, workdir: Path
) -> None:
    """Read a plain CSV export (bare carriage returns repaired first) with read_csv_records."""
    src, repaired = normalise_newlines(path, workdir)
    if repaired:
        stats.repaired += repaired
        stats.notes.append(f"{repaired} bare carriage return(s) inside fields replaced by spaces")
    cols = csv_columns(con, src, stats.file)
    read_csv_records(con, src, table, stats, cols)
    if src != path:
        src.unlink(missing_ok=True)


def finish_stage(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    stats: LoadStats,
    zone: str,
    accounts: dict[str, list[str]],
    timestamp_format: str | None = None,
    sentiment_range: tuple[float, float] = (-1.0, 1.0),
) -> None:
    """Parse, check, de-duplicate a stage and append it to ``_loaded`` / ``rejected``.

    The platform of a row is the stage's own ``platform`` column when the format mixes
    networks (listening tools), else ``stats.platform``; brand accounts are looked up for
    that platform.
    """
    lo, hi = sentiment_range
    brand_map = (
        "MAP {"
        + ", ".join(
            f"{sql_str(p)}: {sql_list([a.lower().lstrip('@') for a in accs]) if accs else '[]'}"
            for p, accs in accounts.items()
        )
        + "}"
    )
    accounts_sql = f"coalesce({brand_map}[platform], [])" if accounts else "[]::VARCHAR[]"
    own = [a.lower().lstrip("@") for a in accounts.get(stats.platform, [])]
    kinds = sql_list(list(KINDS))
    synonyms = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in KIND_SYNONYMS.items())
    sent_num = "TRY_CAST(trim(sentiment) AS DOUBLE)"
    launch_map = (
        "MAP {" + ", ".join(f"{sql_str(k)}: DATE '{v}'" for k, v in PLATFORM_LAUNCH.items()) + "}"
    )
    stage_cols = con.sql(f"SELECT * FROM {stage} LIMIT 0").columns
    pre_problem = "_problem" if "_problem" in stage_cols else "NULL::VARCHAR"
    verified = (  # optional: only some exports carry the badge
        "TRY_CAST(trim(author_verified) AS BOOLEAN)"
        if "author_verified" in stage_cols
        else "NULL::BOOLEAN"
    )
    default_platform = sql_str(stats.platform)
    launch = (  # a constant unless the format mixes networks
        f"coalesce({launch_map}[platform], DATE '1990-01-01')"
        if "platform" in stage_cols
        else f"DATE '{PLATFORM_LAUNCH.get(stats.platform, '1990-01-01')}'"
    )
    likely = None if timestamp_format else likely_format(con, stage, "created_at")
    row_platform = (
        f"coalesce(nullif(lower(trim(platform)), ''), {default_platform})"
        if "platform" in stage_cols
        else default_platform
    )
    if "platform" not in stage_cols:  # one platform: its accounts are a constant list
        accounts_sql = sql_list(own) if own else "[]::VARCHAR[]"
    # One pass from the stage to checked rows (parsing is a subquery, not a table of its
    # own); the record as read is fetched back from the stage for rejects only.
    parsed = f"""
        SELECT source_record, {row_platform} AS platform,
          {id_sql("mention_id")} AS mention_id,
          created_at AS created_at_raw,
          {timestamp_sql("created_at", zone, timestamp_format, likely)} AS created_at,
          coalesce(text, '') AS text,
          nullif({trim_sql("author_id")}, '') AS author_id,
          nullif({trim_sql("author_name")}, '') AS author_name,
          {id_sql("parent_id")} AS parent_id,
          {id_sql("conversation_id")} AS conversation_id,
          lower(nullif(trim(kind), '')) AS kind_raw,
          nullif(lower(trim(lang)), '') AS lang,
          reach AS reach_raw, TRY_CAST(TRY_CAST(trim(reach) AS DOUBLE) AS BIGINT) AS reach,
          engagement AS engagement_raw,
          TRY_CAST(TRY_CAST(trim(engagement) AS DOUBLE) AS BIGINT) AS engagement,
          nullif(trim(sentiment), '') AS sentiment_raw,
          CASE lower(trim(sentiment))
            WHEN 'positive' THEN 1.0 WHEN 'negative' THEN -1.0 WHEN 'neutral' THEN 0.0
            WHEN 'mixed' THEN 0.0
            ELSE CASE WHEN {sent_num} BETWEEN {lo} AND {hi}
                      THEN 2 * ({sent_num} - {lo}) / ({hi} - {lo}) - 1 END
          END AS sentiment_export,
          TRY_CAST({trim_sql("is_brand")} AS BOOLEAN) AS is_brand_raw,
          TRY_CAST({trim_sql("directed_at_brand")} AS BOOLEAN) AS directed_raw,
          {pre_problem} AS pre_problem,
          {verified} AS author_verified
        FROM {stage}"""
    checked = f"""
        SELECT platform, mention_id, conversation_id, parent_id, author_id, author_name,
          coalesce(is_brand_raw, false)
            OR list_contains({accounts_sql}, lower(ltrim(author_id, '@')))
            OR list_contains({accounts_sql}, lower(ltrim(coalesce(author_name, ''), '@'))),
          kind, created_at, text, lang, reach, engagement, sentiment_export, directed_raw,
          {sql_str(stats.file)}, source_record, author_verified,
          coalesce(problem, CASE WHEN NOT list_contains({kinds}, kind)
            THEN 'kind|unknown kind ' || kind || ' (allowed: '
                 || array_to_string({kinds}, ', ') || ')' END) AS problem
        FROM (SELECT *,
          CASE
            WHEN pre_problem IS NOT NULL THEN pre_problem
            WHEN mention_id IS NULL THEN 'mention_id|the record has no id'
            WHEN created_at IS NULL AND (created_at_raw IS NULL OR trim(created_at_raw) = '')
              THEN 'created_at|the record has no timestamp'
            WHEN created_at IS NULL
              THEN 'created_at|not a recognised date-time: ' || left(created_at_raw, 60)
            WHEN created_at > now()::TIMESTAMP + INTERVAL 1 DAY
              THEN 'created_at|in the future: ' || strftime(created_at, '%Y-%m-%d %H:%M')
                   || ' UTC (a wrong zone or year in the export?)'
            WHEN created_at < {launch}
              THEN 'created_at|before ' || platform || ' existed ('
                   || strftime(created_at, '%Y-%m-%d') || ')'
            WHEN author_id IS NULL THEN 'author_id|the record has no author'
            WHEN reach_raw IS NOT NULL AND trim(reach_raw) <> '' AND reach IS NULL
              THEN 'reach|not a number: ' || left(reach_raw, 40)
            WHEN engagement_raw IS NOT NULL AND trim(engagement_raw) <> '' AND engagement IS NULL
              THEN 'engagement|not a number: ' || left(engagement_raw, 40)
            WHEN sentiment_raw IS NOT NULL AND sentiment_export IS NULL
              THEN 'sentiment|not a label (positive/negative/neutral) nor a number in '
                   || '[{lo}, {hi}]: ' || left(sentiment_raw, 40)
          END AS problem
          FROM (SELECT *, CASE WHEN kind_raw IS NULL
                                 THEN (CASE WHEN parent_id IS NULL THEN 'post' ELSE 'reply' END)
                               ELSE CASE kind_raw {synonyms} ELSE kind_raw END END AS kind
                FROM ({parsed})))"""
    before = int(con.execute("SELECT count(*) FROM _loaded").fetchall()[0][0])
    # The first file goes straight into _loaded, its rejects and repeated ids deleted
    # after: one copy of the rows instead of two (a table of checked rows, then the good
    # ones copied on: 0.9 s and a copy of the file's memory at 5 M rows). A later file
    # must also be compared with what is already loaded, so it is checked into a table
    # of its own first.
    table = "_loaded" if before == 0 else "_checked"
    if before == 0:
        con.execute(f"INSERT INTO _loaded {checked}")
    else:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _checked AS {checked}")
    counts = con.execute(
        f"""SELECT count(*) FILTER (WHERE problem IS NOT NULL),
                  count(*) FILTER (WHERE problem IS NULL),
                  count(DISTINCT (platform, mention_id)) FILTER (WHERE problem IS NULL)
           FROM {table}"""
    ).fetchall()[0]
    n_rejected, good, distinct = (int(x or 0) for x in counts)
    if n_rejected:
        con.execute(
            f"""INSERT INTO rejected
            SELECT {sql_str(stats.file)}, c.source_record, NULL, split_part(c.problem, '|', 1),
                   split_part(c.problem, '|', 2), s.raw
            FROM (SELECT source_record, problem FROM {table} WHERE problem IS NOT NULL) c
            JOIN (SELECT source_record, raw FROM {stage}) s USING (source_record)
            ORDER BY c.source_record"""
        )
    stats.rejected += n_rejected
    if table == "_loaded":
        if n_rejected:
            con.execute("DELETE FROM _loaded WHERE problem IS NOT NULL")
        if distinct < good:  # a repeated id: its first record stays
            con.execute(
                """DELETE FROM _loaded WHERE rowid IN (
                    SELECT rowid FROM _loaded
                    QUALIFY row_number() OVER (PARTITION BY platform, mention_id
                                               ORDER BY source_record) > 1)"""
            )
        loaded = distinct
    else:
        con.execute(
            """INSERT INTO _loaded
            SELECT * FROM _checked c
            WHERE problem IS NULL
              AND NOT EXISTS (SELECT 1 FROM _loaded l
                              WHERE l.platform = c.platform AND l.mention_id = c.mention_id)
            QUALIFY row_number() OVER (PARTITION BY platform, mention_id
                                       ORDER BY source_record) = 1"""
        )
        con.execute("DROP TABLE _checked")
        loaded = int(con.execute("SELECT count(*) FROM _loaded").fetchall()[0][0]) - before
    stats.loaded += loaded
    stats.duplicates += good - loaded


def reject_non_utf8_lines(
    con: duckdb.DuckDBPyConnection, path: Path, workdir: Path, stats: LoadStats
) -> Path:
    """Lines that are not UTF-8 (a Latin-1 export, a corrupted byte) are rejected and blanked.

    DuckDB's text reader refuses the whole file on one bad byte; an analyst needs the rest
    loaded and the bad line named. The fast path reads the file once in blocks and returns
    it unchanged; only a file with a bad line is copied, with that line left empty so every
    other line keeps its number.
    """
    bad_found = False
    for block in _blocks(path):
        try:
            block.decode("utf-8")
        except UnicodeDecodeError:
            bad_found = True
            break
    if not bad_found:
        return path
    rejected: list[tuple] = []
    line_no = 0
    with tempfile.NamedTemporaryFile(dir=workdir, suffix=path.suffix, delete=False) as out:
        for block in _blocks(path):
            try:
                block.decode("utf-8")
                out.write(block)
                line_no += block.count(b"\n")
                continue
            except UnicodeDecodeError:
                pass
            for raw in block.splitlines(keepends=True):
                line_no += 1
                try:
                    raw.decode("utf-8")
                    out.write(raw)
                except UnicodeDecodeError as exc:
                    out.write(b"\n")
                    rejected.append(
                        (
                            stats.file,
                            line_no,
                            line_no,
                            None,
                            f"line is not valid UTF-8 (byte {exc.start}: wrong encoding, e.g. "
                            "Latin-1?)",
                            raw[:500].decode("utf-8", "replace"),
                        )
                    )
    con.executemany("INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?)", rejected)
    stats.read += len(rejected)
    stats.rejected += len(rejected)
    return Path(out.name)
