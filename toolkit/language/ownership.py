"""Ownership vs blame in brand statements and replies (tip 5, "don't blame others").

Definitions (quoted by the report):

* A text is split into **sentences** (:func:`split_sentences`); each sentence is matched
  against the marker lexicons of its language (:mod:`toolkit.language.lexicon`).
* **Ownership** markers: ``apology``, ``responsibility``, ``corrective_action``, ``timeline``.
  **Blame** markers: ``scapegoat``, ``denial``, ``excuse``, ``attack``, ``agentless``.
* An ownership marker does not count when a negation stands before it in the same clause
  (at most three words back: "we are *not* sorry for", "this was *not* our fault"), or, in
  Norwegian, right after it ("vi beklager *ikke*"). "Not our fault" is a denial.
* A ``timeline`` (a concrete when: "by Wednesday 12:00", "innen 5 virkedager") counts only in
  a sentence that also says what will happen - a commitment verb (will/shall/vil/skal) or a
  corrective action - so "Monday was a bad day" is not a timeline.
* ``n_ownership`` / ``n_blame`` count *sentences* with at least one marker of the side (a
  sentence with both counts on both sides). **Score** = (n_ownership - n_blame) /
  (n_ownership + n_blame), in [-1, 1]; undefined (``None``) when both are 0.
* The language is given by the caller or guessed per text (:func:`detect_language`:
  Norwegian when æ/ø/å and Norwegian function words outweigh English ones).

:func:`promised_updates` finds promises of a next update with a concrete deadline and
resolves the deadline against the publication time, so the report can check whether the
promised update came on time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

import polars as pl

from toolkit.language.lexicon import (
    BLAME_CATEGORIES,
    FUNCTION_WORDS,
    OWNERSHIP_CATEGORIES,
    Hit,
    Lexicon,
    clean_text,
    load_lexicon,
    normalise_lang,
)

Side = Literal["ownership", "blame", "both"]
MARKER_CATEGORIES: tuple[str, ...] = OWNERSHIP_CATEGORIES + BLAME_CATEGORIES

# --------------------------------------------------------------------------- sentences

# fmt: off
_ABBREVIATIONS = frozenset({
    "kl", "ca", "nr", "tlf", "pga", "mr", "mrs", "ms", "dr", "st", "vs", "no", "e.g", "i.e",
    "f.eks", "bl.a", "dvs", "jf", "inkl", "evt", "ev", "mv", "osv", "etc", "approx", "tel", "ref",
})
# fmt: on
_DAY_TOKEN = re.compile(r"^\d{1,2}(?:\.\d{1,2})?$")  # "9." in "9. mars", "11.03." before "at"
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n")


def split_sentences(text: str) -> list[str]:
    """Split on ``.``, ``!``, ``?``, ``…`` followed by white space, and on line breaks.

    Not split: decimals and times (``12.00``, ``12:00``: no space after the point),
    abbreviations such as ``kl.``, ``ca.``, ``nr.``, ``e.g.``, ``f.eks.``, and Norwegian
    ordinal dates and short dates (``innen 9. mars``, ``on 11.03. at 9:30``: a one- or
    two-digit number, or d.m, followed by a lower-case word). Empty pieces are dropped;
    each sentence is stripped.
    """
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0) != "\n":
            before = text[start : m.start()].rsplit(None, 1)
            last = before[-1].lower() if before else ""
            if m.group(0).startswith(".") and len(m.group(0)) == 1:
                if last.rstrip(".") in _ABBREVIATIONS:
                    continue
                following = text[m.end() :].lstrip()
                if _DAY_TOKEN.match(last) and following[:1].islower():
                    continue
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


# --------------------------------------------------------------------------- language

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def detect_language(text: str) -> str:
    """``"no"`` or ``"en"``: a cheap guess from function words and the letters æ, ø, å.

    Each Norwegian function word (og, ikke, det, vi, på, ...) and each word with æ/ø/å scores
    for Norwegian; each English function word (the, and, is, we, ...) for English. Ties and
    texts without any such word are English.
    """
    words = [w.lower() for w in _WORD.findall(clean_text(text or ""))]
    no = sum(1 for w in words if w in FUNCTION_WORDS["no"] or any(c in w for c in "æøå"))
    en = sum(1 for w in words if w in FUNCTION_WORDS["en"])
    return "no" if no > en else "en"


def resolve_lang(lang: str | None, text: str, lexicon: Lexicon) -> str:
    """The caller's language when the lexicon has it (``nb``/``nn`` -> ``no``), else a guess."""
    code = normalise_lang(lang)
    if code is not None and code in lexicon.patterns:
        return code
    return detect_language(text)


# --------------------------------------------------------------------------- matching

_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|og|men)\b", re.I)
_NO_NOT_ONLY = re.compile(r"^\s*(?:ikke|ikkje)\s+(?:bare|berre|kun)\b", re.I)


def _negated(sentence: str, hit: Hit, lang: str, lexicon: Lexicon) -> bool:
    """A negation up to three words before the hit in its clause (or, NO, right after it)."""
    before = sentence[: hit.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    window = " ".join(before.split()[-3:])
    if window and lexicon.has(lang, "negation", window):
        return True
    if lang == "no":
        after = " ".join(sentence[hit.end :].split()[:2])
        if after and lexicon.has(lang, "negation", after) and not _NO_NOT_ONLY.match(after):
            return True
    return False


def sentence_hits(
    sentence: str,
    lang: str,
    lexicon: Lexicon,
    categories: tuple[str, ...] = MARKER_CATEGORIES,
) -> dict[str, list[Hit]]:
    """Hits per category in one (cleaned) sentence, with the ownership rules applied.

    Ownership hits preceded by a negation are dropped; ``timeline`` is kept only when the
    sentence also has a ``commitment`` or a (non-negated) ``corrective_action``. Categories
    without hits are left out.
    """
    out: dict[str, list[Hit]] = {}
    wanted = set(categories)
    if "timeline" in wanted:
        wanted.add("corrective_action")
    for cat in (*OWNERSHIP_CATEGORIES, *BLAME_CATEGORIES, *categories):
        if cat not in wanted or cat in out:
            continue
        hits = lexicon.find(lang, cat, sentence)
        if cat in OWNERSHIP_CATEGORIES:
            hits = [h for h in hits if not _negated(sentence, h, lang, lexicon)]
        if hits:
            out[cat] = hits
    if "timeline" in out and not (
        "corrective_action" in out or lexicon.has(lang, "commitment", sentence)
    ):
        del out["timeline"]
    if "corrective_action" in out and "corrective_action" not in categories:
        del out["corrective_action"]
    return out


@dataclass(frozen=True)
class SentenceMatch:
    """One sentence and the markers found in it.

    ``patterns`` are the regex sources that matched and ``phrases`` the matched text (same
    order), so a reader can see why the sentence counted.
    """

    sentence: str
    categories: tuple[str, ...]
    side: Side | None
    patterns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextAnalysis:
    """Ownership vs blame in one text; ``sentences`` lists every sentence, matched or not."""

    lang: str
    sentences: list[SentenceMatch]
    n_ownership: int
    n_blame: int
    score: float | None
    categories: dict[str, int]

    @property
    def evidence(self) -> list[SentenceMatch]:
        """The sentences with at least one marker."""
        return [s for s in self.sentences if s.side is not None]


def _side(cats: tuple[str, ...]) -> Side | None:
    own = any(c in OWNERSHIP_CATEGORIES for c in cats)
    blame = any(c in BLAME_CATEGORIES for c in cats)
    if own and blame:
        return "both"
    if own:
        return "ownership"
    if blame:
        return "blame"
    return None


def ownership_score(n_ownership: int, n_blame: int) -> float | None:
    """(ownership - blame) / (ownership + blame); ``None`` when both are 0."""
    total = n_ownership + n_blame
    return None if total == 0 else (n_ownership - n_blame) / total


def analyse_text(
    text: str, lang: str | None = None, lexicon: Lexicon | None = None
) -> TextAnalysis:
    """Ownership and blame markers in ``text``, sentence by sentence (see module docstring)."""
    lex = lexicon or load_lexicon()
    cleaned = clean_text(text or "")
    code = resolve_lang(lang, cleaned, lex)
    counts = dict.fromkeys(MARKER_CATEGORIES, 0)
    matches: list[SentenceMatch] = []
    n_own = n_blame = 0
    for sentence in split_sentences(cleaned):
        hits = sentence_hits(sentence, code, lex)
        cats = tuple(c for c in MARKER_CATEGORIES if c in hits)
        flat = [h for c in cats for h in hits[c]]
        side = _side(cats)
        matches.append(
            SentenceMatch(
                sentence=sentence,
                categories=cats,
                side=side,
                patterns=tuple(h.pattern for h in flat),
                phrases=tuple(h.text for h in flat),
            )
        )
        for c in cats:
            counts[c] += 1
        n_own += side in ("ownership", "both")
        n_blame += side in ("blame", "both")
    return TextAnalysis(
        lang=code,
        sentences=matches,
        n_ownership=n_own,
        n_blame=n_blame,
        score=ownership_score(n_own, n_blame),
        categories=counts,
    )


ANALYSIS_SCHEMA = {
    "lang": pl.String,
    "n_ownership": pl.Int32,
    "n_blame": pl.Int32,
    "score": pl.Float64,
    "categories": pl.String,
    "matched_sentences": pl.List(pl.String),
}


def analyse_frame(
    df: pl.DataFrame,
    text_col: str = "text",
    lang_col: str | None = None,
    lexicon: Lexicon | None = None,
) -> pl.DataFrame:
    """One row per input row: the input columns plus the analysis of ``text_col``.

    Added columns (replacing input columns of the same name): ``lang``, ``n_ownership``,
    ``n_blame``, ``score`` (null when no marker), ``categories`` (comma-separated categories
    found in the text, in lexicon order; empty string when none) and ``matched_sentences``
    (the sentences with a marker). ``lang_col`` gives a per-row language hint; a null or
    unknown hint falls back to the guess. Each distinct (text, hint) is analysed once. A null
    text gives null ``lang`` and ``score``, zero counts and no sentences.
    """
    if text_col not in df.columns:
        raise ValueError(f"analyse_frame: no column {text_col!r} (columns: {df.columns})")
    if lang_col is not None and lang_col not in df.columns:
        raise ValueError(f"analyse_frame: no column {lang_col!r} (columns: {df.columns})")
    lex = lexicon or load_lexicon()
    texts = df.get_column(text_col).cast(pl.String).to_list()
    hints = df.get_column(lang_col).cast(pl.String).to_list() if lang_col else [None] * len(texts)
    cache: dict[tuple[str | None, str | None], tuple] = {}
    rows = []
    for text, hint in zip(texts, hints, strict=True):
        key = (text, hint)
        row = cache.get(key)
        if row is None:
            if text is None:
                row = (None, 0, 0, None, "", [])
            else:
                a = analyse_text(text, hint, lex)
                row = (
                    a.lang,
                    a.n_ownership,
                    a.n_blame,
                    a.score,
                    ",".join(c for c in MARKER_CATEGORIES if a.categories[c]),
                    [s.sentence for s in a.evidence],
                )
            cache[key] = row
        rows.append(row)
    added = pl.DataFrame(rows, schema=ANALYSIS_SCHEMA, orient="row")
    return df.with_columns(added.get_columns())


# --------------------------------------------------------------------------- promised updates


@dataclass(frozen=True)
class Promise:
    """A promise of a next update: the sentence, its deadline (aware) and the deadline words.

    ``deadline`` is ``None`` when the sentence names a time that could not be resolved.
    """

    sentence: str
    deadline: datetime | None
    kind: str = "update"
    deadline_text: str | None = None


# fmt: off
_DAY_NAMES = (
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    ("måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"),
)
_MONTH_NAMES_BY_LANG = (
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"),
    ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "desember"),
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sept", "okt", "nov", "des"),
)
# fmt: on
_WEEKDAYS = {name: i for names in _DAY_NAMES for i, name in enumerate(names)}
_MONTHS = {name: i + 1 for names in _MONTH_NAMES_BY_LANG for i, name in enumerate(names)}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "en": 1, "ei": 1, "ett": 1,
    "ein": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7,
    "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "tolv": 12, "the": 1, "half an": 0.5,
    "en halv": 0.5, "ei halv": 0.5, "a couple of": 2, "et par": 2, "eit par": 2,
}  # fmt: skip
_NUM = (
    r"\d+(?:[.,]\d+)?|half\s+an|en\s+halv|ei\s+halv|a\s+couple\s+of|et\s+par|eit\s+par|"
    + "|".join(sorted((k for k in _NUMBER_WORDS if " " not in k), key=len, reverse=True))
)
_REL = re.compile(
    r"\b(?:within|in|over|innen|innan|om|i\s+løpet\s+av)(?:\s+(?:the|de|dei)\s+(?:next|neste))?"
    r"(?:\s+(?P<n>" + _NUM + r"))?\s*"
    r"(?P<unit>working\s+days?|business\s+days?|hours?|hrs?|h|minutes?|mins?|days?|weeks?"
    r"|virkedag(?:er|ar)?|arbeidsdag(?:er|ar)?|timer|timar|time|minutt(?:er)?|dager|dagar"
    r"|dag|døgn|uker|uke|veker|veke)\b",
    re.I,
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOT_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?!\d)")
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(" + _MONTH_NAMES + r")\b\.?(?:,?\s+(\d{4}))?",
    re.I,
)
_MONTH_DAY = re.compile(
    r"\b(" + _MONTH_NAMES + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I
)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")(?:en)?\b", re.I)
_TODAY = re.compile(
    r"\b(?:today|later\s+today|i\s+dag|in\s+the\s+course\s+of\s+the\s+day|i\s+løpet\s+av\s+dagen"
    r"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+)?day|close\s+of\s+business"
    r"|(?:utgangen|slutten)\s+av\s+dagen)\b",
    re.I,
)
_TONIGHT = re.compile(r"\b(?:tonight|this\s+evening|i\s+kveld)\b", re.I)
_MORNING = re.compile(r"\b(?:this\s+morning|i\s+formiddag)\b", re.I)
_AFTERNOON = re.compile(r"\b(?:this\s+afternoon|i\s+ettermiddag)\b", re.I)
_TOMORROW = re.compile(r"\b(?:tomorrow|i\s+morgen|i\s+morgon)\b", re.I)
_END_OF_WEEK = re.compile(
    r"\b(?:(?:the\s+)?end\s+of\s+(?:the|this)\s+week|this\s+week|before\s+the\s+weekend"
    r"|(?:utgangen|slutten)\s+av\s+(?:uken|uka|veka)|denne\s+(?:uken|uka|veka)|før\s+helgen"
    r"|før\s+helga|i\s+løpet\s+av\s+(?:uken|uka|veka))\b",
    re.I,
)
_NEXT_WEEK = re.compile(r"\b(?:next\s+week|neste\s+(?:uke|uka|veke|veka))\b", re.I)
_KL_TIME = re.compile(r"\bkl(?:\.|okken|okka)?\s*(\d{1,2})(?:[:.](\d{2}))?(?!\d)", re.I)
_COLON_TIME = re.compile(r"\b(\d{1,2}):(\d{2})(?!\d)\s*(am|pm|a\.m\.|p\.m\.)?", re.I)
_DOT_TIME = re.compile(r"\b(\d{1,2})\.(\d{2})(?![\d])\s*(am|pm|a\.m\.|p\.m\.)?", re.I)
_AMPM_TIME = re.compile(r"\b(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)(?!\w)", re.I)
_NOON = re.compile(r"\b(?:noon|midday|lunsj|lunch)\b", re.I)
_AFTER_KL = re.compile(r"\bkl(?:\.|okken|okka)?\s*$", re.I)
_MIDNIGHT = re.compile(r"\b(?:midnight|midnatt)\b", re.I)

_END_OF_DAY = time(23, 59)


def _local(d: date, t: time, tz: tzinfo) -> datetime:
    """``d`` at wall-clock ``t`` in ``tz``, normalised (a time skipped by DST moves forward)."""
    return datetime.combine(d, t).replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def _ampm(hour: int, marker: str | None) -> int:
    if not marker:
        return hour
    pm = marker.lower().startswith("p")
    if pm and hour < 12:
        return hour + 12
    if not pm and hour == 12:
        return 0
    return hour


def _find_time(s: str, taken: list[tuple[int, int]]) -> tuple[time | None, int, str | None]:
    """The first clock time in ``s`` outside the ``taken`` spans: (time, position, text)."""

    def free(m: re.Match[str]) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    found: list[tuple[int, time, str]] = []
    for rx, kind in (
        (_KL_TIME, "kl"),
        (_COLON_TIME, "colon"),
        (_DOT_TIME, "dot"),
        (_AMPM_TIME, "ampm"),
    ):
        for m in rx.finditer(s):
            if not free(m):
                continue
            hour = int(m.group(1))
            minute = int(m.group(2)) if kind != "ampm" and m.group(2) else 0
            marker = (
                m.group(3) if kind in ("colon", "dot") else m.group(2) if kind == "ampm" else None
            )
            hour = _ampm(hour, marker)
            if hour == 24 and minute == 0:
                hour, minute = 23, 59
            if 0 <= hour <= 23 and 0 <= minute <= 59:
                found.append((m.start(), time(hour, minute), m.group(0)))
                taken.append((m.start(), m.end()))
    for m in _NOON.finditer(s):
        if free(m):
            found.append((m.start(), time(12, 0), m.group(0)))
    if not found:
        return None, -1, None
    pos, t, txt = min(found, key=lambda f: f[0])
    return t, pos, txt


def _plausible_duration(m: re.Match[str]) -> bool:
    """ "within 2 hours", "within the hour", "in the next hour" - not "in time" or "in the day"."""
    n = (m.group("n") or "").lower()
    hourish = m.group("unit").lower() in ("hour", "time")
    if not n:
        return hourish and re.search(r"next|neste", m.group(0), re.I) is not None
    return n != "the" or hourish


def _resolve_date(y: int | None, mo: int, d: int, today: date) -> date | None:
    """A day-month (year optional: the next such date on or after ``today``)."""
    try:
        if y is not None:
            return date(y + 2000 if y < 100 else y, mo, d)
        cand = date(today.year, mo, d)
        return cand if cand >= today else date(today.year + 1, mo, d)
    except ValueError:
        return None


def resolve_deadline(sentence: str, published_at: datetime) -> tuple[datetime | None, str | None]:
    """The deadline a sentence names, relative to ``published_at`` (aware), and its words.

    Rules: "within/in/innen/om N minutes|hours" is added to the instant; "N days|weeks" to
    the calendar day at the same wall-clock time; "N working days/virkedager" skips
    Saturdays and Sundays (not holidays). A weekday name is the next such day (today when
    the deadline is still ahead); "today/i dag", "tomorrow/i morgen", "end of the week"
    (Friday), "next week" (Friday of next week), ISO dates, ``d.m.(yyyy)`` and "11 March" /
    "11. mars" / "March 11" dates. Times: ``hh:mm``, ``hh.mm``, ``kl. 14``, ``6pm``, noon,
    midnight. A day without a time ends at 23:59 ("this morning" 12:00, "this afternoon"
    18:00); a time without a day is today, or tomorrow when already past. When both a
    relative and an absolute deadline appear, the one mentioned first wins.
    """
    if published_at.tzinfo is None or published_at.utcoffset() is None:
        raise ValueError("resolve_deadline: published_at must be timezone-aware")
    tz = published_at.tzinfo
    s = clean_text(sentence)
    today = published_at.date()
    candidates: list[tuple[int, datetime, str]] = []

    rel = next((m for m in _REL.finditer(s) if _plausible_duration(m)), None)
    if rel:
        raw = re.sub(r"\s+", " ", (rel.group("n") or "1").lower()).replace(",", ".")
        n = float(raw) if raw[0].isdigit() else float(_NUMBER_WORDS.get(raw, 0))
        unit = rel.group("unit").lower()
        if n > 0:
            if unit.startswith(("min",)):
                dl = (published_at.astimezone(UTC) + timedelta(minutes=n)).astimezone(tz)
            elif unit.startswith(("hour", "hr", "tim")) or unit in ("h", "time"):
                dl = (published_at.astimezone(UTC) + timedelta(hours=n)).astimezone(tz)
            elif unit.startswith(("working", "business", "virke", "arbeids")):
                d, left = today, int(n)
                while left > 0:
                    d += timedelta(days=1)
                    left -= d.weekday() < 5
                dl = _local(d, published_at.time(), tz)
            elif unit.startswith(("week", "uke", "veke", "veker", "uker")):
                dl = _local(
                    today + timedelta(days=round(7 * n)),
                    published_at.time(),
                    tz,
                )
            else:  # days, døgn
                dl = _local(
                    today + timedelta(days=round(n)),
                    published_at.time(),
                    tz,
                )
            candidates.append((rel.start(), dl, rel.group(0)))

    taken: list[tuple[int, int]] = [rel.span()] if rel else []
    day: date | None = None
    day_pos, day_txt = -1, None
    default_time = _END_OF_DAY
    weekday: int | None = None

    for rx in (_ISO_DATE, _DOT_DATE, _DAY_MONTH, _MONTH_DAY):
        m = rx.search(s)
        if not m or any(not (m.end() <= a or m.start() >= b) for a, b in taken):
            continue
        if rx is _ISO_DATE:
            day = _resolve_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), today)
        elif rx is _DOT_DATE:
            # d.m. / d.m.yyyy is a date ("14.30" has no second point and is left to the
            # times); "12.00." (month 0) or one after "kl." is a time at a sentence end
            mo = int(m.group(2))
            if not 1 <= mo <= 12 or _AFTER_KL.search(s[: m.start()]):
                continue
            y = int(m.group(3)) if m.group(3) else None
            day = _resolve_date(y, mo, int(m.group(1)), today)
        elif rx is _DAY_MONTH:
            y = int(m.group(3)) if m.group(3) else None
            day = _resolve_date(y, _MONTHS[m.group(2).lower()], int(m.group(1)), today)
        else:
            y = int(m.group(3)) if m.group(3) else None
            day = _resolve_date(y, _MONTHS[m.group(1).lower()], int(m.group(2)), today)
        if day is not None:
            day_pos, day_txt = m.start(), m.group(0)
            taken.append(m.span())
            break

    if day is None:
        for rx, offset, t in (
            (_TOMORROW, 1, _END_OF_DAY),
            (_TONIGHT, 0, _END_OF_DAY),
            (_MORNING, 0, time(12, 0)),
            (_AFTERNOON, 0, time(18, 0)),
            (_TODAY, 0, _END_OF_DAY),
        ):
            m = rx.search(s)
            if m:
                day, day_pos, day_txt, default_time = (
                    today + timedelta(days=offset),
                    m.start(),
                    m.group(0),
                    t,
                )
                taken.append(m.span())
                break
    if day is None:
        m = _WEEKDAY.search(s)
        if m:
            weekday = _WEEKDAYS[m.group(1).lower()]
            day_pos, day_txt = m.start(), m.group(0)
            taken.append(m.span())
    if day is None and weekday is None:
        m = _END_OF_WEEK.search(s)
        if m:
            day = today + timedelta(days=(4 - today.weekday()) % 7)
            day_pos, day_txt = m.start(), m.group(0)
        else:
            m = _NEXT_WEEK.search(s)
            if m:
                day = today + timedelta(days=7 - today.weekday() + 4)
                day_pos, day_txt = m.start(), m.group(0)

    t, t_pos, t_txt = _find_time(s, taken)
    midnight = _MIDNIGHT.search(s)

    absolute: datetime | None = None
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7
        absolute = _local(today + timedelta(days=ahead), t or default_time, tz)
        if absolute <= published_at:
            absolute = _local(today + timedelta(days=ahead + 7), t or default_time, tz)
    elif day is not None:
        if midnight and t is None:
            absolute = _local(day + timedelta(days=1), time(0, 0), tz)
        else:
            absolute = _local(day, t or default_time, tz)
    elif t is not None:
        absolute = _local(today, t, tz)
        if absolute <= published_at:
            absolute = _local(today + timedelta(days=1), t, tz)
    elif midnight:
        absolute = _local(today + timedelta(days=1), time(0, 0), tz)
        t_pos, t_txt = midnight.start(), midnight.group(0)

    if absolute is not None:
        positions = [p for p in (day_pos, t_pos) if p >= 0]
        words = " ".join(w for w in (day_txt, t_txt) if w)
        candidates.append((min(positions) if positions else 0, absolute, words))
    if not candidates:
        return None, None
    _, deadline, words = min(candidates, key=lambda c: c[0])
    return deadline, words


def promised_updates(
    text: str,
    published_at: datetime,
    lang: str | None = None,
    lexicon: Lexicon | None = None,
) -> list[Promise]:
    """Promises of a next update with a concrete deadline, in order of appearance.

    A sentence qualifies when it promises news (lexicon category ``update_promise``: "we will
    post an update", "next update", "neste oppdatering", "vi oppdaterer") and names a when
    (``timeline``, or anything :func:`resolve_deadline` can read). ``published_at`` must be
    timezone-aware, in the zone whose wall clock the text speaks of (e.g. Europe/Oslo); the
    deadline is returned in that zone, or ``None`` when it could not be resolved. Without
    ``lang``, a promise in any lexicon language counts (short sentences are hard to guess).
    """
    if published_at.tzinfo is None or published_at.utcoffset() is None:
        raise ValueError("promised_updates: published_at must be timezone-aware")
    lex = lexicon or load_lexicon()
    cleaned = clean_text(text or "")
    code = resolve_lang(lang, cleaned, lex)
    out = []
    # with a guessed language, a promise in either language counts (short texts guess badly)
    promise_langs = (code,) if normalise_lang(lang) in lex.patterns else lex.languages
    for sentence in split_sentences(cleaned):
        if not any(lex.has(c, "update_promise", sentence) for c in promise_langs):
            continue
        deadline, words = resolve_deadline(sentence, published_at)
        if deadline is None and not any(lex.has(c, "timeline", sentence) for c in promise_langs):
            continue
        out.append(Promise(sentence=sentence, deadline=deadline, deadline_text=words))
    return out
