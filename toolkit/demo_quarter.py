"""Two quarters of demo data for the quarterly reputation report (``crisis quarterly``).

The same fictional brand as :mod:`toolkit.demo` — Fjordnett, a Norwegian broadband and
mobile provider — over Q2 and Q3 2026: the quiet everyday traffic of a support team (a
daily and weekly rhythm, a summer-holiday dip in July, questions, complaints and praise,
replies that take longer out of hours) plus three incidents: an app login failure in May
(Q2) and, in Q3, a fibre outage in August and a backlash against a price increase in
September. The August outage is deeper than the September backlash, so even a
post-mortem that looks for the trough over the rest of the quarter finds each incident's
own.

Files, one per quarter and platform, in real export formats read by the existing adapters:

* ``x_2026q2.csv``, ``x_2026q3.csv`` — X in the Customer-Support-on-Twitter layout (twcs);
* ``facebook_2026q2.jsonl``, ``facebook_2026q3.jsonl`` — Facebook page posts and comments
  as JSON Lines (the generic loader with the mapping of parameters/demo.yaml);
* ``competitor_nordlink_x.csv``, ``competitor_vikanet_facebook.jsonl`` — the mentions of two
  fictional competitors over both quarters (X/twcs and Facebook JSON Lines, customers only:
  no replies by the competitors), for the share of voice. Nordlink had a mobile outage in
  July; one Nordlink record has no timestamp (rejected, as real exports have a few). They
  are drawn from generators of their own, so the brand's files are the same bytes with or
  without them.

Everything is drawn from seeded generators, so the same seed gives byte-identical files;
:func:`ensure` (called by ``load_quarterly_params`` and ``load_params`` through the
parameters' ``demo_data:``) writes only what is missing or stale.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from toolkit.demo import (
    _AGENTS_CORE,
    _FIRST_NAMES,
    _FOLLOW_NEG,
    _FOLLOW_THANKS,
    _LAST_NAMES,
    _MILD,
    _PRAISE,
    _Q_WRAP,
    _QA,
    _TOWNS,
    DEMO_BRAND,
    OSLO,
    _csv_text,
    _fb_time,
    _write_atomic,
    _x_time,
)
from toolkit.loaders.twcs import COLUMNS as TWCS_COLUMNS

__all__ = ["INCIDENTS", "QUARTERS", "QuarterDemo", "ensure", "generate"]

QUARTERS = {
    "q2": ("Q2 2026", date(2026, 4, 1), date(2026, 6, 30)),
    "q3": ("Q3 2026", date(2026, 7, 1), date(2026, 9, 30)),
}


@dataclass(frozen=True)
class IncidentStory:
    """One incident of the demo: when it was triggered and how loud it got."""

    key: str
    name: str
    quarter: str
    trigger: datetime  # Oslo wall-clock time, aware
    size: int  # extra customer posts in the acute phase
    hours: float  # e-folding time of the acute phase after its peak
    aftermath_days: int
    aftermath_per_day: int
    negative_share: float
    answer_rate: float
    median_reply_min: float
    texts: tuple[str, ...]
    replies: tuple[str, ...]


_FIBRE = (
    "No fibre internet in {town} since this morning. Working from home is impossible.",
    "Fibre down in {town} again?! Nothing works, not even the TV. Useless.",
    "Whole street in {town} without internet for hours. What is going on, Fjordnett?",
    "Is there an outage in {town}? Router blinking red and no internet at all. Terrible.",
    "Three hours without internet in {town} and not a word from you. Awful service.",
    "My kids can't do anything, internet dead in {town}. Really frustrating.",
    "When will the fibre be back in {town}? I'm losing a day of work here. Unacceptable.",
    "Paying for fibre that doesn't work. Down all day in {town}. Disappointed.",
)
_FIBRE_REPLY = (
    "Sorry, {name}! A damaged fibre cable near Bergen has cut the connection in parts of "
    "Western Norway. Our technicians are on site and we'll update here. ^{sig}",
    "We're sorry, {name}. There is a fibre outage in your area; the cable is being spliced "
    "now and we expect service back this evening. ^{sig}",
)
_PRICE = (
    "A 20 % price increase from October? After the outage in August? No thanks, I'm leaving.",
    "Just got the email about the new prices. Greedy and disappointing, Fjordnett.",
    "Why should loyal customers in {town} pay more for the same slow internet? Ridiculous.",
    "The price hike is outrageous. Switching to Telia as soon as my contract ends.",
    "Price up 90 kr a month and nothing better. Not happy at all.",
    "You raise prices again without any improvement. Terrible way to treat customers.",
)
_PRICE_REPLY = (
    "Hi {name}, we understand the frustration. The new prices follow higher network costs; "
    "you can cancel free of charge before 1 October. ^{sig}",
    "Sorry to hear that, {name}. You can keep your current price until December if you "
    "bind for 12 months; DM us and we'll sort it. ^{sig}",
)
_LOGIN = (
    "Can't log in to the Fjordnett app or Min Side at all. Error every time. Annoying.",
    "App says 'something went wrong' since this morning, can't pay my invoice. Frustrating.",
    "BankID login to Min Side broken? Been trying for an hour. Useless.",
    "Your app is down again, can't see my data usage. Not good enough.",
)
_LOGIN_REPLY = (
    "Sorry, {name}! Logging in to the app and Min Side fails right now; we're working on a "
    "fix. Invoices due today can be paid tomorrow without a fee. ^{sig}",
)

INCIDENTS = (
    IncidentStory(
        key="login",
        name="Fjordnett app and Min Side login failure, May 2026",
        quarter="q2",
        trigger=datetime(2026, 5, 19, 8, 5, tzinfo=OSLO),
        size=520,
        hours=4.0,
        aftermath_days=3,
        aftermath_per_day=11,
        negative_share=0.85,
        answer_rate=0.86,
        median_reply_min=95,
        texts=_LOGIN,
        replies=_LOGIN_REPLY,
    ),
    IncidentStory(
        key="fibre",
        name="Fjordnett fibre outage in Western Norway, August 2026",
        quarter="q3",
        trigger=datetime(2026, 8, 11, 7, 20, tzinfo=OSLO),
        size=1900,
        hours=7.0,
        aftermath_days=6,
        aftermath_per_day=26,
        negative_share=0.93,
        answer_rate=0.8,
        median_reply_min=170,
        texts=_FIBRE,
        replies=_FIBRE_REPLY,
    ),
    IncidentStory(
        key="price",
        name="Fjordnett price increase backlash, September 2026",
        quarter="q3",
        trigger=datetime(2026, 9, 15, 9, 10, tzinfo=OSLO),
        size=820,
        hours=6.0,
        aftermath_days=5,
        aftermath_per_day=16,
        negative_share=0.88,
        answer_rate=0.84,
        median_reply_min=120,
        texts=_PRICE,
        replies=_PRICE_REPLY,
    ),
)

# Customer posts per day in the quiet weeks (before the weekly and seasonal factors).
_BASE_PER_DAY = {"q2": 88, "q3": 96}
# Quiet-time service per quarter: the team hired in June, so Q3 answers faster.
_ANSWER_RATE = {"q2": 0.94, "q3": 0.955}
_REPLY_MEDIAN_MIN = {"q2": 34, "q3": 22}
# Share of posts by local hour (Oslo): quiet nights, a morning rise, an evening bump.
_DIURNAL = (
    0.4, 0.2, 0.1, 0.1, 0.1, 0.3, 0.9, 2.2, 3.6, 4.4, 4.6, 4.5,
    4.4, 4.3, 4.2, 4.1, 4.2, 4.6, 5.0, 5.1, 4.6, 3.6, 2.2, 1.1,
)  # fmt: skip
_WEEKDAY = (1.0, 1.05, 1.0, 1.0, 0.95, 0.7, 0.65)
# Opening hours of the social team (Oslo): weekdays 08-20, weekends 10-16.
_OPEN = {0: (8, 20), 1: (8, 20), 2: (8, 20), 3: (8, 20), 4: (8, 20), 5: (10, 16), 6: (10, 16)}

FILE_NAMES = {
    "x_q2": "x_2026q2.csv",
    "x_q3": "x_2026q3.csv",
    "facebook_q2": "facebook_2026q2.jsonl",
    "facebook_q3": "facebook_2026q3.jsonl",
    "nordlink": "competitor_nordlink_x.csv",
    "vikanet": "competitor_vikanet_facebook.jsonl",
}
_X_ID_BASE = 1_940_000_000_000_000_000
_FB_BASE = 2_990_000_000_000_000


@dataclass
class _Post:
    platform: str  # "x" or "facebook"
    created: int  # epoch seconds, UTC
    author_id: str
    author_name: str
    text: str
    is_brand: bool = False
    parent: _Post | None = None
    kind: str = "post"
    followers: int = 0
    id: str = ""
    root: _Post | None = None
    replies: list[_Post] = field(default_factory=list)


@dataclass(frozen=True)
class QuarterDemo:
    """Where the files are, and the ground truth a test can compare the report with."""

    dest: Path
    files: dict[str, Path]
    incidents: tuple[IncidentStory, ...]
    counts: dict[str, int]


def _season(day: date) -> float:
    if day.month == 7:  # fellesferie: Norway is on holiday
        return 0.72
    if day.month == 6 and day.day >= 20:
        return 0.85
    return 1.0


def _poisson(rng: random.Random, lam: float) -> int:
    if lam > 50:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _ts(local: datetime) -> int:
    return int(local.astimezone(UTC).timestamp())


def _next_open(ts: int) -> int:
    """The instant ``ts`` if the team is at work then, else the next opening time."""
    local = datetime.fromtimestamp(ts, UTC).astimezone(OSLO)
    for _ in range(8):
        lo, hi = _OPEN[local.weekday()]
        start = local.replace(hour=lo, minute=0, second=0)
        end = local.replace(hour=hi, minute=0, second=0)
        if local < start:
            return _ts(start)
        if local < end:
            return _ts(local)
        local = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0)
    return ts


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(f"fjordnett-quarter/{seed}")
        self.posts: list[_Post] = []
        self._authors: dict[str, list[tuple[str, str, int]]] = {"x": [], "facebook": []}
        for platform in ("x", "facebook"):
            for i in range(9000):
                first = self.rng.choice(_FIRST_NAMES)
                last = self.rng.choice(_LAST_NAMES)
                uid = (
                    str(10_000 + self.rng.randrange(10**9))
                    if platform == "x"
                    else str(7_000_000_000_000_000 + i * 7919 + self.rng.randrange(7919))
                )
                followers = int(self.rng.lognormvariate(4.2, 1.3))
                self._authors[platform].append((uid, f"{first} {last}", followers))

    def author(self, platform: str) -> tuple[str, str, int]:
        # A few hundred regulars write often; everyone else now and then.
        pool = self._authors[platform]
        if self.rng.random() < 0.2:
            return pool[self.rng.randrange(300)]
        return pool[self.rng.randrange(len(pool))]

    def customer(self, platform: str, ts: int, text: str) -> _Post:
        uid, name, followers = self.author(platform)
        if platform == "x":
            text = f"@{DEMO_BRAND.x_support_handle} {text}"
        post = _Post(platform, ts, uid, name, text, followers=followers)
        post.root = post
        self.posts.append(post)
        return post

    def reply(self, parent: _Post, ts: int, text: str, brand: bool, kind: str = "reply") -> _Post:
        root = parent.root or parent
        if brand:
            if parent.platform == "x":
                text = f"@{parent.author_id} {text}"
                uid, name, fol = DEMO_BRAND.x_support_handle, DEMO_BRAND.x_support_handle, 18_420
            else:
                uid, name, fol = DEMO_BRAND.facebook_page_id, DEMO_BRAND.facebook_page_name, 61_340
        else:
            uid, name, fol = parent.root.author_id, parent.root.author_name, parent.root.followers  # type: ignore[union-attr]
            if parent.platform == "x":
                text = f"@{DEMO_BRAND.x_support_handle} {text}"
        post = _Post(parent.platform, ts, uid, name, text, brand, parent, kind, fol, root=root)
        parent.replies.append(post)
        self.posts.append(post)
        return post

    def delay(self, ts: int, median_min: float, spread: float = 0.9) -> int:
        start = _next_open(ts)
        wait = self.rng.lognormvariate(math.log(median_min * 60), spread)
        return start + max(45, int(wait))

    # ------------------------------------------------------------------ quiet days
    def quiet_day(self, quarter: str, day: date) -> None:
        rng = self.rng
        lam = _BASE_PER_DAY[quarter] * _WEEKDAY[day.weekday()] * _season(day)
        for _ in range(_poisson(rng, lam)):
            hour = rng.choices(range(24), weights=_DIURNAL)[0]
            local = datetime(day.year, day.month, day.day, hour, tzinfo=OSLO)
            ts = _ts(local) + rng.randrange(3600)
            platform = "x" if rng.random() < 0.58 else "facebook"
            r = rng.random()
            town = rng.choice(_TOWNS)
            if r < 0.46:
                q, answer = rng.choice(_QA)
                text = rng.choice(_Q_WRAP).format(q=q.format(town=town))
                answer = "Hi! " + answer.format(town=town)
            elif r < 0.68:
                text = rng.choice(_MILD).format(town=town)
                answer = "Sorry about that! Could you DM us your account number so we can look "
                answer += "into it?"
            elif r < 0.84:
                text = rng.choice(_PRAISE).format(town=town, agent=rng.choice(_AGENTS_CORE)[0])
                answer = "Thanks for the kind words! 😊"
            else:
                text = f"Hei, noen som vet om det er planlagt vedlikehold i {town}?"
                answer = "Hei! Ingen planlagt arbeid i ditt område nå. Send oss gjerne en DM."
            post = self.customer(platform, ts, text)
            if rng.random() < _ANSWER_RATE[quarter]:
                self.answer(post, answer, _REPLY_MEDIAN_MIN[quarter])
            elif platform == "facebook" and not (8 <= local.hour < 20):
                self.reply(post, ts + rng.randrange(5, 40), _AUTO, True, kind="auto_reply")

    def answer(self, post: _Post, text: str, median_min: float) -> None:
        rng = self.rng
        agent = rng.choice(_AGENTS_CORE)
        at = self.delay(post.created, median_min)
        first = post.author_name.split()[0]
        body = text.replace("Hi! ", f"Hi {first}! ") if rng.random() < 0.5 else text
        brand = self.reply(post, at, f"{body} ^{agent[1]}", True)
        if rng.random() < 0.28:
            late = at - post.created > 4 * 3600
            pool = _FOLLOW_NEG if late and rng.random() < 0.6 else _FOLLOW_THANKS
            follow = rng.choice(pool).format(n="hours", town=rng.choice(_TOWNS), agent=agent[0])
            self.reply(brand, at + rng.randrange(120, 3 * 3600), follow, False)

    # ------------------------------------------------------------------ incidents
    def incident(self, story: IncidentStory) -> None:
        rng = self.rng
        t0 = _ts(story.trigger)
        # Acute phase: a fast rise (about an hour) then an exponential decay.
        for _ in range(story.size):
            if rng.random() < 0.2:
                offset = rng.random() * 3600
            else:
                offset = 3600 + rng.expovariate(1 / (story.hours * 3600))
            self.incident_post(story, t0 + int(offset))
        # Aftermath: fewer and fewer angry posts over the following days.
        for d in range(1, story.aftermath_days + 1):
            n = _poisson(rng, story.aftermath_per_day * (0.72 ** (d - 1)))
            for _ in range(n):
                local = (story.trigger + timedelta(days=d)).replace(
                    hour=rng.choices(range(24), weights=_DIURNAL)[0], minute=0
                )
                self.incident_post(story, _ts(local) + rng.randrange(3600))

    def incident_post(self, story: IncidentStory, ts: int) -> None:
        rng = self.rng
        platform = "x" if rng.random() < 0.62 else "facebook"
        town = rng.choice(_TOWNS[:12])
        if rng.random() < story.negative_share:
            text = rng.choice(story.texts).format(town=town)
        else:
            text = rng.choice(_INCIDENT_NEUTRAL).format(town=town)
        post = self.customer(platform, ts, text)
        if rng.random() < story.answer_rate:
            agent = rng.choice(_AGENTS_CORE)
            at = self.delay(ts, story.median_reply_min, 1.0)
            name = post.author_name.split()[0]
            body = rng.choice(story.replies).format(name=name, sig=agent[1])
            brand = self.reply(post, at, body, True)
            if rng.random() < 0.3:
                pool = _FOLLOW_NEG if rng.random() < 0.7 else _FOLLOW_THANKS
                follow = rng.choice(pool).format(n="hours", town=town, agent=agent[0])
                self.reply(brand, at + rng.randrange(120, 2 * 3600), follow, False)


_AUTO = (
    "Hi! Thanks for your message. Our customer service team is available weekdays 08–20 "
    "and weekends 10–16 and will answer as soon as we can."
)
_INCIDENT_NEUTRAL = (
    "Is the outage only in {town} or everywhere?",
    "Any update on when it will be fixed?",
    "Do you know how long this will take?",
    "Will we get a discount for this?",
)


def _quarter_of(ts: int) -> str:
    day = datetime.fromtimestamp(ts, UTC).astimezone(OSLO).date()
    for key, (_, start, end) in QUARTERS.items():
        if start <= day <= end:
            return key
    return ""


_COMPETITOR_TEXTS = {
    "negative": (
        "Slow mobile data in {town} again tonight, {name}. Getting really annoying.",
        "Third dropped call today near {town}. {name}, your coverage is terrible.",
        "Waited 40 minutes in the {name} phone queue. Not acceptable.",
        "My {name} bill went up again without any notice. Disappointed.",
        "{name} router keeps restarting every evening. Frustrating.",
    ),
    "neutral": (
        "Does {name} have 5G in {town} yet?",
        "How do I order an eSIM from {name}?",
        "Anyone know if {name} covers the cabin area near {town}?",
        "Thinking about switching to {name}, what are the prices like?",
    ),
    "positive": (
        "Great coverage with {name} all the way up to {town}, impressed.",
        "Quick help from {name} support today, thanks!",
        "Switched to {name} last month and very happy so far 😊",
    ),
}
_NORDLINK_OUTAGE = (
    "{name} mobile network down in {town}? No signal at all since this morning. Useless.",
    "No mobile data and no calls with {name} in {town}. Terrible outage.",
    "{name} outage again! Can't call anyone from {town}. Awful.",
)


@dataclass(frozen=True)
class _Competitor:
    key: str
    name: str
    handle: str  # X handle (@-mentioned) or Facebook page id
    platform: str  # "x" or "facebook"
    per_day: float
    shares: tuple[float, float]  # negative, neutral (the rest is positive)
    outage: datetime | None = None  # Oslo wall-clock time of a burst of complaints
    outage_size: int = 0


_COMPETITORS = (
    _Competitor(
        "nordlink",
        "Nordlink",
        "NordlinkHjelp",
        "x",
        44,
        (0.32, 0.38),
        datetime(2026, 7, 8, 9, 30, tzinfo=OSLO),
        420,
    ),
    _Competitor("vikanet", "Vikanet", "207733491650", "facebook", 26, (0.24, 0.4)),
)


def _competitor_rows(c: _Competitor, seed: int) -> list[tuple[int, str, str, int, str]]:
    """(epoch s, author id, author name, followers, text), sorted; its own generator."""
    rng = random.Random(f"{c.key}-quarter/{seed}")
    authors = [
        (
            str(20_000 + rng.randrange(10**9)),
            f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}",
            int(rng.lognormvariate(4.2, 1.3)),
        )
        for _ in range(4000)
    ]
    out = []

    def add(ts: int, text: str) -> None:
        uid, name, followers = authors[rng.randrange(len(authors))]
        if c.platform == "x":
            text = f"@{c.handle} {text}"
        out.append((ts, uid, name, followers, text))

    for _, start, end in QUARTERS.values():
        day = start
        while day <= end:
            lam = c.per_day * _WEEKDAY[day.weekday()] * _season(day)
            for _ in range(_poisson(rng, lam)):
                hour = rng.choices(range(24), weights=_DIURNAL)[0]
                ts = _ts(datetime(day.year, day.month, day.day, hour, tzinfo=OSLO))
                r = rng.random()
                kind = (
                    "negative"
                    if r < c.shares[0]
                    else "neutral"
                    if r < c.shares[0] + c.shares[1]
                    else "positive"
                )
                text = rng.choice(_COMPETITOR_TEXTS[kind])
                add(ts + rng.randrange(3600), text.format(name=c.name, town=rng.choice(_TOWNS)))
            day += timedelta(days=1)
    if c.outage is not None:
        t0 = _ts(c.outage)
        for _ in range(c.outage_size):
            offset = (
                rng.random() * 3600 if rng.random() < 0.2 else 3600 + rng.expovariate(1 / 18000)
            )
            text = rng.choice(_NORDLINK_OUTAGE).format(name=c.name, town=rng.choice(_TOWNS))
            add(t0 + int(offset), text)
    last = _ts(datetime(2026, 10, 1, tzinfo=OSLO))
    return sorted((r for r in out if r[0] < last), key=lambda r: (r[0], r[1], r[4]))


def _render_competitor(c: _Competitor, seed: int) -> tuple[str, int]:
    rows = _competitor_rows(c, seed)
    if c.platform == "x":
        base = 1_950_000_000_000_000_000
        lines = [
            [str(base + ts * 4096 + i % 4096), uid, "True", _x_time(ts), text, "", ""]
            for i, (ts, uid, _, _, text) in enumerate(rows)
        ]
        # A broken record, as real exports have: no timestamp (rejected, and counted).
        lines.insert(len(lines) // 2, [str(base + 7), "20007", "True", "", "@x test", "", ""])
        return _csv_text(list(TWCS_COLUMNS), lines), len(lines)
    base = 3_110_000_000_000_000
    fb = []
    for i, (ts, uid, name, followers, text) in enumerate(rows):
        pid = f"{c.handle}_{base + ts * 100 + i % 100}"
        fb.append(
            json.dumps(
                {
                    "id": pid,
                    "post_id": pid,
                    "parent_id": None,
                    "from_id": uid,
                    "from_name": name,
                    "created_time": _fb_time(ts),
                    "message": text,
                    "kind": "post",
                    "reactions": followers % 7,
                    "followers": followers,
                },
                ensure_ascii=False,
            )
        )
    return "\n".join(fb) + "\n", len(fb)


def _render(seed: int) -> tuple[dict[str, str], dict[str, int]]:
    b = _Builder(seed)
    for quarter, (_, start, end) in QUARTERS.items():
        day = start
        while day <= end:
            b.quiet_day(quarter, day)
            day += timedelta(days=1)
    for story in INCIDENTS:
        b.incident(story)
    # Each quarter's export holds what was posted in it (a reply to a post of the previous
    # quarter finds its parent missing, as in a real time-window export), and nothing
    # after the last day: the export is pulled at the end of the quarter.
    last = _ts(datetime(2026, 10, 1, tzinfo=OSLO))
    posts = sorted(
        (p for p in b.posts if p.created < last),
        key=lambda p: (p.created, p.platform, p.author_id, p.text),
    )
    kept = {id(p) for p in posts}
    for p in posts:
        p.replies = [r for r in p.replies if id(r) in kept]
    n_x = n_fb = 0
    for p in posts:
        if p.platform == "x":
            n_x += 1
            p.id = str(_X_ID_BASE + p.created * 4096 + n_x % 4096)
        else:
            n_fb += 1
            num = _FB_BASE + p.created * 100 + n_fb % 100
            p.id = (
                f"{DEMO_BRAND.facebook_page_id}_{num}"
                if p.parent is None
                else f"{(p.root or p).id.split('_')[-1]}_{num}"
            )
    contents: dict[str, str] = {}
    counts: dict[str, int] = {}
    for quarter in QUARTERS:
        in_q = [p for p in posts if _quarter_of(p.created) == quarter]
        x_rows = [
            [
                p.id,
                p.author_id,
                "False" if p.is_brand else "True",
                _x_time(p.created),
                p.text,
                ",".join(r.id for r in p.replies),
                p.parent.id if p.parent is not None else "",
            ]
            for p in in_q
            if p.platform == "x"
        ]
        contents[f"x_{quarter}"] = _csv_text(list(TWCS_COLUMNS), x_rows)
        fb_lines = [
            json.dumps(
                {
                    "id": p.id,
                    "post_id": (p.root or p).id,
                    "parent_id": p.parent.id if p.parent is not None else None,
                    "from_id": p.author_id,
                    "from_name": p.author_name,
                    "created_time": _fb_time(p.created),
                    "message": p.text,
                    "kind": p.kind,
                    "reactions": 0 if p.is_brand else p.followers % 7,
                    "followers": p.followers,
                },
                ensure_ascii=False,
            )
            for p in in_q
            if p.platform == "facebook"
        ]
        contents[f"facebook_{quarter}"] = "\n".join(fb_lines) + "\n"
        counts[f"x_{quarter}"] = len(x_rows)
        counts[f"facebook_{quarter}"] = len(fb_lines)
    for c in _COMPETITORS:  # after the brand's: its own generators, the brand's bytes unchanged
        contents[c.key], counts[c.key] = _render_competitor(c, seed)
    return contents, counts


def generate(dest: Path, seed: int = 2026) -> QuarterDemo:
    """Write the two demo quarters into ``dest`` (always rewriting) and return the truth."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    contents, counts = _render(seed)
    for key, name in FILE_NAMES.items():
        _write_atomic(dest / name, contents[key])
    return QuarterDemo(dest, {k: dest / n for k, n in FILE_NAMES.items()}, INCIDENTS, counts)


def ensure(dest: Path, seed: int = 2026) -> QuarterDemo:
    """Make sure ``dest`` holds the current demo quarters, writing only what is stale."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    contents, counts = _render(seed)
    for key, name in FILE_NAMES.items():
        path = dest / name
        data = contents[key].encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            _write_atomic(path, contents[key])
    return QuarterDemo(dest, {k: dest / n for k, n in FILE_NAMES.items()}, INCIDENTS, counts)


if __name__ == "__main__":  # python -m toolkit.demo_quarter [FOLDER]
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/demo_quarter")
    demo = ensure(folder)
    print(f"demo quarters in {demo.dest}: {sum(demo.counts.values()):,} records")
