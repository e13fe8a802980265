"""Mention exports of social-listening tools: Brandwatch, Talkwalker, Meltwater, Sprout Social.

The four tools export the same thing — one row per mention found on some network — in
four layouts, so one reader serves them all; a ``Layout`` says which columns of each
export hold which canonical field. Column names are matched case-insensitively and a few
aliases are accepted for each field (tools rename columns between releases and by the
language of the account); for a field with several candidate columns the first non-empty
value of the record wins. Everything is read as text by DuckDB and mapped in SQL.

Expected columns (the first name is the tool's usual one; aliases in parentheses):

* ``brandwatch`` — Brandwatch Consumer Research "Mentions" CSV. Several metadata lines
  (report name, query, date range, ...) sit above the header row; the header is found by
  content (the first line with ``Date``, ``Url`` and ``Full Text``/``Snippet``). Columns:
  Query Id, Query Name, Date, Title, Url, Domain, Sentiment, Page Type, Language,
  Author, Full Name, Full Text, Thread Id, Thread Entry Type, Reach (new) / Reach,
  Impressions, Mentioned Authors, Twitter Reply to, Twitter Retweet of, Twitter Followers,
  Twitter Likes, Twitter Retweets, Twitter Replies, Facebook Likes/Comments/Shares,
  Instagram Likes/Comments, Resource Id. Dates are local wall-clock time.
* ``talkwalker`` — Talkwalker CSV export (API field names): published (epoch ms or a
  date-time), url, title, content, lang, sentiment (a number from -5 to 5), reach,
  engagement, author_name, author_nickname, source_type (``SOCIALMEDIA_TWITTER``,
  ``BLOG``, ``FORUM``, ``ONLINENEWS``, ...), post_type, parent_url, domain_url.
* ``meltwater`` — Meltwater Explore/Monitor CSV, usually UTF-16 with a BOM and
  tab-separated (UTF-8 with commas is read too): Date (``09-Mar-2026 07:40AM``) and Time,
  Headline, URL, Opening Text, Hit Sentence, Source, Influencer, Country, Language
  (``English``), Reach, Engagement, Sentiment, Tweet Id, Twitter Screen Name,
  Twitter Followers, Document ID, Source Type, Parent URL.
* ``sprout`` — Sprout Social Smart Inbox message export: Date (``03/09/2026 07:40 AM``,
  month first), Network, Message Type (``Twitter Mention``, ``Facebook Comment``,
  ``Twitter Direct Message``, ...), Profile (the brand profile the message belongs to),
  From, Name, Message, Sentiment, Link, Message ID, Language, Parent Link.

Mapping, the same for the four:

* mention_id — the tool's id column (Brandwatch ``Resource Id``, Meltwater ``Tweet Id`` or
  ``Document ID``, Talkwalker ``id``, Sprout ``Message ID``) when it holds a value, **else
  the mention's URL** (Brandwatch and Talkwalker CSVs often carry no id at all);
* parent_id — from the reply-to column (``Twitter Reply to``, ``parent_url``,
  ``Parent Link``): a URL is looked up among the URLs of the file (http/https, ``www.``,
  ``x.com``/``twitter.com`` and ``statuses``/``status`` made alike) and the parent's
  mention_id used; a parent outside the file keeps its URL (it becomes the thread root, so
  siblings stay together). A bare number is taken as an id; a handle (``@name``) is a
  person, not a post, and is ignored. conversation_id is left to the store (from parents);
* kind — ``share`` for a retweet/repost (``Twitter Retweet of`` filled, a type column
  saying retweet/share, or an X post starting ``RT @name:``), ``reply`` for a
  comment/reply type, ``internal_note`` for a note; otherwise from the parent link;
* author_id — the handle (``Author``, ``author_nickname``, ``Twitter Screen Name``/
  ``Influencer``, ``From``) without its ``@``; when the export names no author (news and
  blog items often have none) the display name, then the site (``Domain``, ``Source``,
  the URL's host) stands in. author_name — the display name;
* platform — NOT one platform per file: each record's network column (``Page Type``,
  ``source_type``, ``Source Type``/``Source``, ``Network``), or the URL's host when that
  says nothing, becomes ``twitter`` (X too), ``facebook``, ``youtube``, ``reddit``,
  ``instagram``, ``forum`` (forums, message boards and blogs) or ``other`` (news, reviews,
  LinkedIn, TikTok, ...). It is written to an extra stage column ``platform``
  (``finish_stage`` uses it per record). A ``platform`` named in the parameters overrides
  it for the whole file;
* sentiment — the export's own: labels positive/negative/neutral/mixed as they are
  (``Not Rated``, ``Unclassified`` and the like become NULL); Talkwalker's number from -5 to
  5 is divided by 5 onto [-1, 1] here (unless ``sentiment_range`` is set in the
  parameters: then the number is passed on and that range applies);
* reach — the reach column, else the author's followers; engagement — the engagement
  column, else the sum of the like/comment/share counts present; ``1,234`` is read as
  1234 and ``N/A``/``-`` as empty;
* lang — ISO 639-1: ``en``/``en-GB`` -> ``en``; language names (``English``, ``Norwegian``,
  ...) are mapped for the common ones, others become NULL;
* created_at — ISO and the formats ``common.timestamp_sql`` knows, plus the tools' own:
  ``09-Mar-2026 07:40AM``, ``03/09/2026 07:40 AM`` (month first), ``Mar 9, 2026 07:40 PM``,
  a date in one column and the time in ``Time``; read in the input's ``timezone``.
  When ``timestamp_format`` is given it alone applies, to the value as exported;
* Sprout only: a message whose sender is the Profile it was received on is the brand's
  own (is_brand); a direct message is directed at the brand.

Left out on purpose: Brandwatch ``Thread Id`` (its ids are not mention ids, so it could not
name the thread root); categories/tags, locations, gender, AVE, impressions (exposure, not
reach of the author), ``Mentioned Authors`` (the store finds @handles in the text).

Reading: a UTF-16 file (with or without BOM) is transcoded to UTF-8 into the work folder
chunk by chunk, and bare carriage returns inside fields are blanked on the way (also
streamed, for any file that has them), so a large export is never held in memory. DuckDB's
CSV reader then reads it with the delimiter and the number of lines to skip found from the
file's first bytes; a record it cannot split is rejected with its record number and the
physical line it starts on, the rest loads.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from toolkit.loaders.common import InputError, LoadStats, read_csv_records, sql_str
from toolkit.loaders.registry import Adapter, head, register
from toolkit.params import MentionsInput

CHUNK = 1 << 20
HEADER_SCAN_LINES = 60  # metadata lines above a header: Brandwatch writes about 6-10

# --------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Layout:
    """Which columns of one tool's export hold what (lower-case names, first found wins)."""

    name: str
    title: str
    header: tuple[tuple[str, ...], ...]  # sniffing: each group needs one of its names
    metadata_lines: bool = False  # lines above the header row are expected
    id: tuple[str, ...] = ()
    url: tuple[str, ...] = ("url",)
    date: tuple[str, ...] = ("date",)
    time: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    author_name: tuple[str, ...] = ()
    site: tuple[str, ...] = ()
    network: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    parent: tuple[str, ...] = ()
    share_of: tuple[str, ...] = ()
    lang: tuple[str, ...] = ("language", "lang")
    reach: tuple[str, ...] = ("reach",)
    engagement: tuple[str, ...] = ("engagement",)
    engagement_parts: tuple[str, ...] = ()
    sentiment: tuple[str, ...] = ("sentiment",)
    sentiment_scale: float | None = None  # numeric sentiment in [-scale, scale]
    profile: tuple[str, ...] = ()  # Sprout: the brand profile a message belongs to
    digit_ids: tuple[str, ...] = ()  # id columns that hold digits only (shape check)
    direct_message_types: bool = False  # Sprout: DMs are directed at the brand


BRANDWATCH = Layout(
    name="brandwatch",
    title="a Brandwatch mentions export",
    header=(
        ("date",),
        ("url",),
        ("full text", "snippet"),
        ("page type", "query id", "query name", "resource id", "thread id"),
    ),
    metadata_lines=True,
    id=("mention id", "resource id", "guid"),
    url=("url", "original url"),
    date=("date",),
    text=("full text", "snippet", "title"),
    author=("author", "twitter screen name", "username"),
    author_name=("full name", "name"),
    site=("domain",),
    network=("page type", "content source", "domain"),
    kind=("thread entry type", "engagement type"),
    parent=("twitter reply to", "reply to", "in reply to", "parent url"),
    share_of=("twitter retweet of", "retweet of"),
    reach=(
        "reach (new)",
        "reach",
        "potential audience",
        "twitter followers",
        "instagram followers",
    ),
    engagement=("engagement score", "total engagement"),
    engagement_parts=(
        "twitter likes",
        "twitter retweets",
        "twitter replies",
        "twitter reply count",
        "facebook likes",
        "facebook comments",
        "facebook shares",
        "instagram likes",
        "instagram comments",
        "reddit comments",
        "reddit score",
    ),
)

TALKWALKER = Layout(
    name="talkwalker",
    title="a Talkwalker CSV export",
    header=(
        ("published",),
        ("url",),
        ("content", "title"),
        ("source_type", "author_nickname", "matched_profile", "post_type"),
    ),
    id=("id", "document_id", "article_id", "tweet_id", "external_id"),
    url=("url", "article_url"),
    date=("published", "published_date", "date"),
    text=("content", "content_snippet", "title", "title_snippet"),
    author=("author_nickname", "author_handle", "author_name"),
    author_name=("author_name", "author_fullname"),
    site=("domain_url", "host_url", "root_url", "source_name"),
    network=("source_type", "media_type", "host_url", "domain_url"),
    kind=("post_type", "article_type", "type"),
    parent=("parent_url", "parent_id"),
    reach=("reach", "twitter_followers", "followers"),
    engagement_parts=("likes", "comments", "shares", "retweets", "replies"),
    sentiment_scale=5.0,
)

MELTWATER = Layout(
    name="meltwater",
    title="a Meltwater export",
    header=(("date",), ("url",), ("hit sentence", "opening text"), ("headline", "influencer")),
    id=("tweet id", "document id", "document_id", "id"),
    digit_ids=("tweet id",),
    url=("url", "link"),
    date=("date", "published date"),
    time=("time",),
    text=("opening text", "hit sentence", "headline", "body", "content"),
    author=("twitter screen name", "author handle", "influencer", "author"),
    author_name=("influencer", "author name", "author"),
    site=("source", "source name"),
    network=("source type", "media type", "document type", "content type", "source"),
    kind=("post type", "type", "document type"),
    parent=("parent url", "in reply to", "reply to", "parent id"),
    reach=("reach", "twitter followers", "followers"),
    engagement_parts=("likes", "comments", "shares", "replies", "retweets", "reposts"),
)

SPROUT = Layout(
    name="sprout",
    title="a Sprout Social message export",
    header=(("date", "timestamp"), ("network",), ("message",), ("message type", "profile")),
    id=("message id", "message_id", "guid", "native id", "id"),
    url=("link", "permalink", "url", "message link"),
    date=("date", "timestamp", "created time", "sent date", "received date"),
    time=("time",),
    text=("message", "text", "content"),
    author=("from", "from handle", "from username", "sender", "author"),
    author_name=("name", "from name", "sender name", "author name"),
    network=("network", "source", "platform"),
    kind=("message type", "type"),
    parent=("parent link", "in reply to", "reply to", "parent id", "in reply to id"),
    reach=("reach", "audience", "potential reach", "followers"),
    engagement=("engagements", "engagement"),
    engagement_parts=("likes", "comments", "shares", "replies", "retweets", "reactions"),
    profile=("profile", "profile name", "brand profile"),
    direct_message_types=True,
)

LAYOUTS = (BRANDWATCH, TALKWALKER, MELTWATER, SPROUT)

# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Header:
    skip: int  # lines above the header row
    delim: str
    columns: list[str]
    encoding: str | None  # a UTF-16 codec when the file must be transcoded first


def _encoding(first: bytes) -> str | None:
    """UTF-16 by its BOM or by the NUL bytes of ASCII text; None for UTF-8 and the like."""
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = first[:200]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return "utf-16-le"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return "utf-16-be"
    return None


def _head_lines(first: bytes) -> tuple[list[str], str | None]:
    enc = _encoding(first)
    if enc:
        cut = len(first) - len(first) % 2
        text = first[:cut].decode(enc, "replace")
    else:
        text = first.decode("utf-8", "replace")
    return text.lstrip("\ufeff").split("\n")[:HEADER_SCAN_LINES], enc


def _cells(line: str) -> tuple[list[str], str]:
    """One header line split by the delimiter that gives the most cells (tab, comma, ;)."""
    best: tuple[list[str], str] = ([], ",")
    for delim in ("\t", ",", ";"):
        try:
            cells = next(csv.reader([line.rstrip("\r")], delimiter=delim))
        except (csv.Error, StopIteration):
            continue
        if len(cells) > len(best[0]):
            best = (cells, delim)
    return best


def _names(cells: list[str]) -> set[str]:
    return {c.strip().strip('"').lower() for c in cells}


def _header_ok(names: set[str], layout: Layout, strict: bool) -> bool:
    """Strict: the tool's own column set (for sniffing); lenient: the fields a load needs."""
    if strict:
        return all(any(n in names for n in group) for group in layout.header)
    needs = (layout.date, layout.text, layout.id + layout.url)
    return all(any(n in names for n in group) for group in needs)


def find_header(first: bytes, layout: Layout, strict: bool) -> Header | None:
    """The header row among the first lines: its position, delimiter and columns."""
    lines, enc = _head_lines(first)
    scan = lines if layout.metadata_lines or not strict else lines[:1]
    for i, line in enumerate(scan):
        if not line.strip():
            continue
        cells, delim = _cells(line)
        if len(cells) >= 3 and _header_ok(_names(cells), layout, strict):
            return Header(i, delim, [c.strip() for c in cells], enc)
    return None


def _header_or_fail(path: Path, label: str, layout: Layout) -> Header:
    first = head(path)
    if not first.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise InputError(label, "the file is empty")
    found = find_header(first, layout, strict=False)
    if found is None:
        lines, _ = _head_lines(first)
        shown = next((ln.strip()[:120] for ln in lines if ln.strip()), "")
        raise InputError(
            label,
            f"does not look like {layout.title}: no header row with a date "
            f"({'/'.join(layout.date)}), a text ({'/'.join(layout.text)}) and an id or URL "
            f"column in the first {HEADER_SCAN_LINES} lines (first line: {shown!r})",
            field="format",
        )
    return found


def _needs_copy(path: Path) -> bool:
    """Whether a UTF-8 file holds a bare carriage return (scanned chunk by chunk)."""
    bare = re.compile(rb"\r(?!\n)")
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            block = tail + chunk
            # a CR at the very end may be the first half of a CRLF: judge it with the next chunk
            if bare.search(block[:-1] if block.endswith(b"\r") else block):
                return True
            tail = block[-1:]
    return tail == b"\r"


def _prepare(path: Path, workdir: Path, enc: str | None, stats: LoadStats) -> Path:
    """A UTF-8 copy without bare carriage returns, streamed; the file itself if it needs none.

    UTF-16 exports (Meltwater) are decoded chunk by chunk, never read whole. Bare ``\\r``
    inside fields stop DuckDB's reader (see ``common.normalise_newlines``); they become
    spaces on the way.
    """
    if enc is None and not _needs_copy(path):
        return path
    out = workdir / f"{path.stem}.{stats.format}.utf8.csv"
    bare = re.compile(r"\r(?!\n)")
    broken = [0]

    def replace_counted(exc: UnicodeError) -> tuple[str, int]:
        broken[0] += 1
        return "\ufffd", exc.end  # type: ignore[attr-defined]

    codecs.register_error("crisis_replace_counted", replace_counted)
    decoder = codecs.getincrementaldecoder(enc or "utf-8")("crisis_replace_counted")
    fixed, carry, first = 0, "", True
    with path.open("rb") as src, out.open("w", encoding="utf-8", newline="") as dst:
        while True:
            chunk = src.read(CHUNK)
            text = carry + decoder.decode(chunk, final=not chunk)
            carry = ""
            if chunk and text.endswith("\r"):  # maybe half of a CRLF split across chunks
                text, carry = text[:-1], "\r"
            if first:
                text, first = text.lstrip("\ufeff"), False
            text, n = bare.subn(" ", text)
            fixed += n
            dst.write(text)
            if not chunk:
                break
    if enc:
        stats.notes.append(f"transcoded from {enc.upper()} to UTF-8")
    if broken[0]:
        stats.notes.append(
            f"{broken[0]} byte sequence(s) not valid {(enc or 'utf-8').upper()} replaced by "
            "\ufffd; the records holding them show it (or are rejected if a field broke)"
        )
    if fixed:
        stats.repaired += fixed
        stats.notes.append(f"{fixed} bare carriage return(s) inside fields replaced by spaces")
    return out


def read_table(
    con: duckdb.DuckDBPyConnection,
    src: Path,
    table: str,
    stats: LoadStats,
    skip: int,
    delim: str,
) -> list[str]:
    """``common.read_csv_records`` with the lines above the header skipped and a fixed
    delimiter, which exports with metadata lines or tabs need; returns the columns."""
    opts = f"skip={int(skip)}, delim={sql_str(delim)}, quote='\"', escape='\"'"
    source = sql_str(str(src))
    try:
        cols = list(
            con.sql(
                f"SELECT * FROM read_csv({source}, all_varchar=true, header=true, {opts}, "
                "ignore_errors=true) LIMIT 0"
            ).columns
        )
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise InputError(stats.file, f"could not be read as CSV ({first})") from None
    read_csv_records(con, src, table, stats, cols, options=opts, skip=skip)
    return cols


# --------------------------------------------------------------------------- SQL pieces


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _present(cols: dict[str, str], aliases: tuple[str, ...]) -> list[str]:
    return [cols[a] for a in aliases if a in cols]


def _first(cols: dict[str, str], aliases: tuple[str, ...]) -> str:
    """The first non-blank value among the columns present (as exported), else NULL."""
    found = _present(cols, aliases)
    if not found:
        return "NULL::VARCHAR"
    parts = [f"CASE WHEN trim({_q(c)}) <> '' THEN {_q(c)} END" for c in found]
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


BLANKS = "('', '-', '--', 'n/a', 'na', 'null', 'none', 'nan')"


def _number(expr: str) -> str:
    """Counts as text: ``1,234`` -> ``1234``, placeholders (``N/A``, ``-``) -> NULL."""
    x = f"trim({expr})"
    return (
        f"CASE WHEN lower({x}) IN {BLANKS} THEN NULL "
        f"WHEN regexp_full_match({x}, '-?\\d{{1,3}}(,\\d{{3}})+(\\.\\d+)?') "
        f"THEN replace({x}, ',', '') ELSE {x} END"
    )


def _host(url: str) -> str:
    return (
        f"nullif(regexp_extract(lower(trim({url})), "
        f"'^[a-z][a-z0-9+.-]*://(www\\.|m\\.|mobile\\.)?([^/:?#]+)', 2), '')"
    )


def url_key(url: str) -> str:
    """A URL made comparable: scheme, ``www.``, trailing ``/`` dropped; X status URLs by id."""
    u = f"lower(trim({url}))"
    status = f"regexp_extract({u}, '(twitter\\.com|x\\.com)/.*/status(es)?/(\\d+)', 3)"
    plain = (
        f"regexp_replace(regexp_replace({u}, '^[a-z][a-z0-9+.-]*://(www\\.|m\\.|mobile\\.)?', ''),"
        " '/+$', '')"
    )
    return f"CASE WHEN {status} <> '' THEN 'twitter.com/status/' || {status} ELSE {plain} END"


# (platform, pattern on the export's network value, pattern on the URL's host)
PLATFORM_RULES = (
    ("twitter", r"twitter|tweet|^x$|^x[ _(/-]|x\.com", r"(^|\.)(twitter\.com|x\.com|t\.co)$"),
    ("facebook", r"facebook|^fb$", r"(^|\.)(facebook\.com|fb\.com|fb\.watch)$"),
    ("youtube", r"youtube", r"(^|\.)(youtube\.com|youtu\.be)$"),
    ("reddit", r"reddit", r"(^|\.)(reddit\.com|redd\.it)$"),
    ("instagram", r"instagram", r"(^|\.)instagram\.com$"),
    (
        "forum",
        r"forum|blog|message ?board|discussion|tumblr|bulletin",
        r"(^|\.)(forum|forums|community|boards|discuss)\.|(blogspot|wordpress|tumblr|medium)\.com$",
    ),
)


def platform_sql(network: str, url: str) -> str:
    """The canonical platform of a record: its network column first, its URL's host next."""
    v = f"lower(trim(coalesce({network}, '')))"
    h = f"coalesce({_host(url)}, '')"
    by_value = " ".join(
        f"WHEN regexp_matches({v}, {sql_str(p)}) THEN '{n}'" for n, p, _ in PLATFORM_RULES
    )
    by_host = " ".join(
        f"WHEN regexp_matches({h}, {sql_str(p)}) THEN '{n}'" for n, _, p in PLATFORM_RULES
    )
    return f"CASE {by_value} {by_host} ELSE 'other' END"


LANGUAGE_NAMES = {
    "english": "en",
    "norwegian": "no",
    "norwegian bokmål": "nb",
    "norwegian bokmal": "nb",
    "norwegian nynorsk": "nn",
    "swedish": "sv",
    "danish": "da",
    "finnish": "fi",
    "icelandic": "is",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "portuguese": "pt",
    "italian": "it",
    "dutch": "nl",
    "polish": "pl",
    "russian": "ru",
    "ukrainian": "uk",
    "turkish": "tr",
    "arabic": "ar",
    "hindi": "hi",
    "japanese": "ja",
    "korean": "ko",
    "chinese": "zh",
    "indonesian": "id",
}


def lang_sql(expr: str) -> str:
    x = f"lower(trim({expr}))"
    names = " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in LANGUAGE_NAMES.items())
    return (
        f"CASE WHEN regexp_full_match({x}, '[a-z]{{2}}([-_][a-z0-9]+)?') THEN left({x}, 2) "
        f"ELSE CASE {x} {names} END END"
    )


NO_SENTIMENT = (
    "('', '-', 'n/a', 'na', 'none', 'null', 'not rated', 'unrated', 'unclassified', "
    "'unknown', 'not set', 'undefined', 'unscored')"
)


def sentiment_sql(expr: str, scale: float | None) -> str:
    """The export's sentiment for ``finish_stage``: labels as they are, placeholders NULL.

    With a ``scale`` (Talkwalker: -5..5) a number is divided onto [-1, 1]; a number out of
    the scale is left as NULL here and flagged by ``sentiment_problem``.
    """
    x = f"trim({expr})"
    label = f"CASE WHEN lower({x}) IN {NO_SENTIMENT} THEN NULL ELSE {x} END"
    if scale is None:
        return label
    n = f"TRY_CAST({x} AS DOUBLE)"
    return (
        f"CASE WHEN {n} IS NULL THEN {label} "
        f"WHEN {n} BETWEEN -{scale} AND {scale} THEN CAST({n} / {scale} AS VARCHAR) END"
    )


def kind_sql(kind: str, share_of: str, text: str, platform: str) -> str:
    v = f"lower(trim(coalesce({kind}, '')))"
    return (
        f"CASE WHEN trim(coalesce({share_of}, '')) <> '' THEN 'share' "
        f"WHEN regexp_matches({v}, 'quote') THEN NULL "
        f"WHEN regexp_matches({v}, 'retweet|repost|reshare|share') THEN 'share' "
        f"WHEN regexp_matches({v}, 'note') THEN 'internal_note' "
        f"WHEN regexp_matches({v}, 'repl|comment|answer') THEN 'reply' "
        f"WHEN {v} = '' AND {platform} = 'twitter' "
        f"AND regexp_matches(coalesce({text}, ''), '^RT @\\w+:') THEN 'share' END"
    )


# Date-times as the tools print them; all local wall-clock time (no offset).
TOOL_FORMATS = [
    "%d-%b-%Y %I:%M%p",
    "%d-%b-%Y %I:%M %p",
    "%d-%b-%Y %H:%M",
    "%d-%b-%Y %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M%p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y %H:%M",
    "%B %d, %Y %I:%M %p",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %I:%M:%S %p",
]


def when_sql(date: str, time: str, normalise: bool) -> str:
    """The date-time as text for ``finish_stage``; the tools' own formats rewritten to ISO.

    A value no format reads is passed on as exported, so the rejection shows it.
    """
    d, t = f"trim({date})", f"trim({time})"
    joined = (
        f"CASE WHEN coalesce({t}, '') <> '' AND {d} NOT LIKE '%:%' THEN {d} || ' ' || {t} "
        f"ELSE {d} END"
    )
    if not normalise:
        return joined
    fmts = "[" + ", ".join(sql_str(f) for f in TOOL_FORMATS) + "]"
    return f"coalesce(strftime(try_strptime({joined}, {fmts}), '%Y-%m-%d %H:%M:%S'), {joined})"


# --------------------------------------------------------------------------- the adapter


def _columns(names: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in names:
        out.setdefault(c.strip().lower(), c)
    return out


SHIFTED = "' (a field may be shifted by a stray delimiter in the text)'"


def _stage_sql(layout: Layout, cols: dict[str, str], spec: MentionsInput | None) -> str:
    """One SELECT from ``_lraw`` to the stage: the whole mapping in SQL, no loop over rows.

    Parents given as URLs are resolved with a join on the normalised URL (``by_url``), so a
    reply finds its parent's mention_id whatever id space the export uses.
    """
    f = {role: _first(cols, getattr(layout, role)) for role in (
        "id", "url", "date", "time", "text", "author", "author_name", "site", "network",
        "kind", "parent", "share_of", "lang", "reach", "engagement", "sentiment", "profile",
        "digit_ids",
    )}  # fmt: skip
    url = "_url"
    scale = layout.sentiment_scale
    if spec is not None and tuple(spec.sentiment_range) != (-1.0, 1.0):
        scale = None  # the parameters name the range: finish_stage maps the number
    parts = [
        f"TRY_CAST({_number(_q(c))} AS DOUBLE)" for c in _present(cols, layout.engagement_parts)
    ]
    if _present(cols, layout.engagement):
        engagement = _number(f["engagement"])
    elif parts:
        summed = " + ".join(f"coalesce({p}, 0)" for p in parts)
        any_part = " OR ".join(f"{p} IS NOT NULL" for p in parts)
        engagement = f"CASE WHEN {any_part} THEN CAST(CAST({summed} AS BIGINT) AS VARCHAR) END"
    else:
        engagement = "NULL::VARCHAR"
    handle = f"nullif(ltrim(trim({f['author']}), '@'), '')"
    name = f"nullif(trim({f['author_name']}), '')"
    profile = f"lower(ltrim(trim({f['profile']}), '@'))"
    is_brand = (
        f"CASE WHEN {profile} <> '' AND ({profile} = lower({handle}) OR {profile} = lower({name}))"
        " THEN 'true' END"
        if layout.profile
        else "NULL::VARCHAR"
    )
    directed = (
        f"CASE WHEN regexp_matches(lower(coalesce({f['kind']}, '')), "
        "'direct|private message|(^|\\W)dm(\\W|$)') THEN 'true' END"
        if layout.direct_message_types
        else "NULL::VARCHAR"
    )
    parent = "trim(_parent)"
    parent_is_url = (
        f"regexp_matches(lower({parent}), '^(https?://|www\\.)|^[a-z0-9.-]+\\.[a-z]{{2,}}/')"
    )
    parent_is_id = f"regexp_full_match({parent}, '\\d[\\w:-]*')"
    problem_sentiment = (
        f"WHEN TRY_CAST(trim(_sentiment) AS DOUBLE) IS NOT NULL "
        f"AND NOT TRY_CAST(trim(_sentiment) AS DOUBLE) BETWEEN -{scale} AND {scale} "
        f"THEN 'sentiment|{layout.name} sentiment is a number from -{scale:g} to {scale:g}, got ' "
        "|| left(trim(_sentiment), 20)"
        if scale is not None
        else ""
    )
    normalise = spec is None or spec.timestamp_format is None
    platform = (  # a platform named in the parameters holds for the whole file
        sql_str(spec.platform) if spec is not None and spec.platform else "_platform"
    )
    digit_col = next(iter(_present(cols, layout.digit_ids)), "id").replace("'", "''")
    return f"""
        WITH r AS (
            SELECT source_record, raw,
              nullif(trim({f["id"]}), '') AS _id, nullif(trim({f["url"]}), '') AS {url},
              {f["date"]} AS _date, {f["time"]} AS _time, {f["text"]} AS _text,
              {handle} AS _handle, {name} AS _name, nullif(trim({f["site"]}), '') AS _site,
              {f["network"]} AS _network, {f["kind"]} AS _kind, {f["parent"]} AS _parent,
              {f["share_of"]} AS _share_of, {f["lang"]} AS _lang, {f["reach"]} AS _reach,
              {engagement} AS _engagement, {f["sentiment"]} AS _sentiment,
              {is_brand} AS _is_brand, {directed} AS _directed,
              nullif(trim({f["digit_ids"]}), '') AS _digit_id
            FROM _lraw
        ), k AS (
            SELECT *, coalesce(_id, {url}) AS _mid, {_number("_reach")} AS _reach_n,
              CASE WHEN {url} IS NOT NULL THEN {url_key(url)} END AS _key,
              CASE WHEN {parent_is_url} THEN {url_key(parent)} END AS _parent_key,
              {platform_sql("_network", url)} AS _platform
            FROM r
        ), by_url AS (
            SELECT _key, min(_mid) AS _pid FROM k WHERE _key IS NOT NULL GROUP BY _key
        )
        SELECT k.source_record, k.raw,
          k._mid AS mention_id,
          {when_sql("_date", "_time", normalise)} AS created_at,
          _text AS text,
          coalesce(_handle, _name, _site, {_host(url)}) AS author_id,
          _name AS author_name,
          nullif(CASE WHEN _parent_key IS NOT NULL THEN coalesce(p._pid, {parent})
                      WHEN {parent_is_id} THEN {parent} END, k._mid) AS parent_id,
          NULL::VARCHAR AS conversation_id,
          {kind_sql("_kind", "_share_of", "_text", "_platform")} AS kind,
          {lang_sql("_lang")} AS lang,
          _reach_n AS reach,
          _engagement AS engagement,
          {sentiment_sql("_sentiment", scale)} AS sentiment,
          _is_brand AS is_brand,
          _directed AS directed_at_brand,
          {platform} AS platform,
          -- Shape checks: a stray delimiter shifts the later fields (and DuckDB drops
          -- surplus empty fields at the end of a record silently), so say so.
          CASE
            WHEN _digit_id IS NOT NULL AND NOT regexp_full_match(_digit_id, '\\d+')
              THEN '{digit_col}|not a post id: ' || left(_digit_id, 40) || {SHIFTED}
            WHEN {url} IS NOT NULL AND _id IS NULL
                 AND NOT regexp_matches(lower({url}), '^(https?://|www\\.)')
              THEN 'url|not a URL: ' || left({url}, 60) || {SHIFTED}
            WHEN _reach_n IS NOT NULL AND TRY_CAST(_reach_n AS DOUBLE) IS NULL
              THEN 'reach|not a number: ' || left(_reach_n, 40) || {SHIFTED}
            WHEN _engagement IS NOT NULL AND TRY_CAST(_engagement AS DOUBLE) IS NULL
              THEN 'engagement|not a number: ' || left(_engagement, 40) || {SHIFTED}
            {problem_sentiment}
          END AS _problem
        FROM k LEFT JOIN by_url p ON p._key = k._parent_key"""


def _make_stage(layout: Layout) -> Callable[..., str]:
    def stage(
        con: duckdb.DuckDBPyConnection,
        path: Path,
        stats: LoadStats,
        workdir: Path,
        spec: MentionsInput | None = None,
    ) -> str:
        found = _header_or_fail(path, stats.file, layout)
        src = _prepare(path, workdir, found.encoding, stats)
        try:
            names = read_table(con, src, "_lraw", stats, found.skip, found.delim)
        finally:
            if src != path:
                src.unlink(missing_ok=True)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _stage AS {_stage_sql(layout, _columns(names), spec)}"
        )
        return "_stage"

    stage.__doc__ = f"Stage {layout.title} (see the module docstring for the columns)."
    return stage


def _make_check(layout: Layout) -> Callable[..., None]:
    def check(
        con: duckdb.DuckDBPyConnection, path: Path, label: str, spec: MentionsInput | None = None
    ) -> None:
        _header_or_fail(path, label, layout)

    return check


def _make_sniff(layout: Layout) -> Callable[[bytes, Path], bool]:
    def sniff(first: bytes, path: Path) -> bool:
        return find_header(first, layout, strict=True) is not None

    return sniff


DESCRIPTIONS = {
    "brandwatch": "Brandwatch Consumer Research mentions export (CSV with metadata lines)",
    "talkwalker": "Talkwalker mentions export (CSV)",
    "meltwater": "Meltwater mentions export (CSV, often UTF-16 and tab-separated)",
    "sprout": "Sprout Social Smart Inbox message export (CSV)",
}

ADAPTERS = {
    layout.name: register(
        Adapter(
            name=layout.name,
            description=DESCRIPTIONS[layout.name],
            platform="other",  # mixed networks: each record's platform is in the stage
            stage=_make_stage(layout),
            sniff=_make_sniff(layout),
            check=_make_check(layout),
        )
    )
    for layout in LAYOUTS
}
