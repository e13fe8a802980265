"""The built-in demo incident: Fjordnett's outage and double charges of March 2026.

Why a generated incident at all: the toolkit has to run end to end on a fresh machine
without anybody's real customer data, and the report it renders needs a story that a
reader (and a test) can check by eye. So this module writes a fictional but realistic
crisis in the *real* export formats the loaders read, and hands back the ground truth.

The story, in the order a post-mortem would tell it:

* **Baseline (2–8 March).** Fjordnett, a Norwegian broadband and mobile provider, gets
  about 40 customer posts a day on X and Facebook: questions, some praise, a few mild
  complaints. Support answers most of them within 15–90 minutes during business hours
  (08–20 Oslo) and the next morning otherwise.
* **Trigger (Mon 9 March 06:40 UTC).** A core-network software update kills mobile data
  nationwide and the same update re-runs billing, so many customers are charged twice
  for March. Negative posts ramp within the hour and peak at 10–12 UTC.
* **Silence, then acknowledgement.** Support holds all replies while the lead finds out
  what is going on (level 1 at 07:30); the first public word is a holding tweet from
  @FjordnettHelp at 07:55. Escalation to level 2 at 08:45 and to the crisis team at 10:10.
* **Official statement.** Published on the brand's blog at 11:20 (owned channel first),
  then on X and Facebook at 11:35 with a link. Apology, ownership, refunds "within 5
  working days", and a promise: an update by Wednesday 12:00 (Oslo).
* **Overrun.** At the peak the team answers a fraction of what comes in; waits stretch
  to hours, a large share is never answered, and copy-paste templates dominate. A few
  agents shift the blame to "our supplier" or the payment provider (tip 5's bad
  example); the page deletes a few critical-but-civil comments citing no rule (tip 1's).
* **Restoration and invoices.** Data is back at 16:00; on Tuesday the invoice e-mails
  arrive and a second, smaller wave of billing complaints follows.
* **Update and recovery.** The promised update comes on Wednesday before 12:00 Oslo;
  refunds land during the week; sentiment recovers gradually and is back near the
  baseline around 18–20 March.

The X and Facebook parts are written twice: in the demo's original files (twcs CSV, flat
JSON Lines) and in the platforms' own export formats (X API v2 pages as twarc2 saves them, a
Graph API page feed), which load to the same rows. Two sources exist only in platform
formats and make the crisis multi-platform: comments under Fjordnett's YouTube video
(commentThreads.list responses) and forum and blog mentions from a Brandwatch export. See
the section "platform formats" below.

Everything is drawn from ``random.Random(seed)`` and no clock is read, so the same seed
gives byte-identical files. Files are written atomically (temp name, then replace), so a
reader never sees half a demo.
"""

from __future__ import annotations

import csv
import hashlib
import heapq
import html
import io
import json
import math
import os
import random
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from toolkit.loaders.twcs import COLUMNS as TWCS_COLUMNS

__all__ = ["DEMO_BRAND", "DemoBrand", "DemoFiles", "ensure", "generate"]

OSLO = ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class DemoBrand:
    """Who the demo brand is, so parameters and tests name its accounts the same way."""

    name: str = "Fjordnett"
    x_support_handle: str = "FjordnettHelp"
    x_corporate_handle: str = "Fjordnett"
    facebook_page_id: str = "104958372615"
    facebook_page_name: str = "Fjordnett"
    website: str = "https://fjordnett.example"
    blog_url: str = "https://fjordnett.example/blog/2026-03-09-mobile-data-outage"
    update_blog_url: str = "https://fjordnett.example/blog/2026-03-11-outage-update"
    timezone: str = "Europe/Oslo"
    x_support_followers: int = 18_420
    x_corporate_followers: int = 52_870
    facebook_page_followers: int = 61_340
    # Numeric X user ids (the API names authors by id; the handles above are the usernames).
    x_support_user_id: str = "2874159306"
    x_corporate_user_id: str = "331906478"
    youtube_channel_id: str = "UCFjordnettNorge0q7XkT2w"
    youtube_handle: str = "Fjordnett"
    youtube_video_id: str = "kQ7vFjN3t0A"
    youtube_video_title: str = "How we keep Norway connected"

    @property
    def x_handles(self) -> tuple[str, str]:
        return (self.x_support_handle, self.x_corporate_handle)


DEMO_BRAND = DemoBrand()

# Policy rules the demo's moderators cite; the playbook's community policy should define
# the same ids for tip 1 to match them.
MODERATION_RULES = {
    "R2": "spam and advertising",
    "R3": "abuse, harassment and threats",
    "R4": "personal data posted in public",
}

X_DUPLICATE_ROWS = 24
FACEBOOK_DUPLICATE_ROWS = 8
X_API_DUPLICATE_TWEETS = 5  # tweets on two pages of x_api_v2.jsonl (a resumed pull overlaps)
X_STATEMENT_RETWEETS = 18  # retweets of the statement tweet, only in x_api_v2.jsonl
BRANDWATCH_DUPLICATE_ROWS = 6  # mentions matched by both Brandwatch queries
TOTAL_MENTIONS_RANGE = (8_000, 12_000)


@dataclass(frozen=True)
class DemoFiles:
    """Where the demo was written, and the ground truth a test or a reader checks against.

    ``story`` holds only timezone-aware UTC datetimes (the key moments); ``facts`` holds
    the ids, counts and lists that make those moments checkable row by row.
    """

    dest: Path
    x_mentions: Path
    x_authors: Path
    facebook_comments: Path
    statements: Path
    moderation: Path
    escalations: Path
    # The same incident in the platforms' own export formats (see ``_real_formats``).
    x_api_v2: Path
    facebook_feed: Path
    facebook_authors: Path
    youtube_comment_threads: Path
    brandwatch_mentions: Path
    story: dict[str, datetime] = field(compare=False)
    facts: dict[str, Any] = field(compare=False)

    @property
    def paths(self) -> tuple[Path, ...]:
        return (
            self.x_mentions,
            self.x_authors,
            self.facebook_comments,
            self.statements,
            self.moderation,
            self.escalations,
            self.x_api_v2,
            self.facebook_feed,
            self.facebook_authors,
            self.youtube_comment_threads,
            self.brandwatch_mentions,
        )


# --------------------------------------------------------------------------- time

_T0 = int(datetime(2026, 3, 2, tzinfo=UTC).timestamp())
_HOUR = 3600
_MIN = 60
_DAY = 86_400


def _ts(day: int, hour: int, minute: int = 0, second: int = 0) -> int:
    """Epoch seconds of a March-2026 UTC wall-clock time (the whole story is in March)."""
    return int(datetime(2026, 3, day, hour, minute, second, tzinfo=UTC).timestamp())


def _dt(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)


PERIOD_START = _ts(2, 0)
PERIOD_END = _ts(22, 23, 59, 59)
TRIGGER = _ts(9, 6, 40)
ESC_1 = _ts(9, 7, 30)
ACK = _ts(9, 7, 55, 12)
HOLD_END = _ts(9, 7, 56)  # support held every reply until the holding line was public
ESC_2 = _ts(9, 8, 45)
ACK_THREAD_1 = _ts(9, 9, 32, 5)
ESC_3 = _ts(9, 10, 10)
PEAK_HOUR = _ts(9, 11)
BLOG = _ts(9, 11, 20)
STATEMENT_X = _ts(9, 11, 35, 4)
STATEMENT_FB = _ts(9, 11, 35, 50)
STATEMENT_X_THREAD = _ts(9, 11, 36, 40)
RESTORED = _ts(9, 16, 0)
RESTORED_X = _ts(9, 16, 4, 30)
RESTORED_FB = _ts(9, 16, 6, 10)
INVOICE_X = _ts(10, 6, 55, 30)
INVOICE_FB = _ts(10, 6, 57, 0)
INVOICE_PEAK_HOUR = _ts(10, 9)
DEESCALATE_2 = _ts(10, 20, 0)
UPDATE_BLOG = _ts(11, 10, 40)
UPDATE_X = _ts(11, 10, 50, 20)
UPDATE_FB = _ts(11, 10, 52, 5)
UPDATE_PROMISED_BY = _ts(11, 11, 0)  # "by Wednesday 12:00" in Oslo (CET, UTC+1)
DEESCALATE_1 = _ts(12, 8, 0)
REFUND_STATUS = _ts(13, 11, 0)
REFUNDS_COMPLETED = _ts(16, 13, 30)
REFUNDS_DUE = _ts(16, 23, 0)  # end of Monday 16 March in Oslo: 5 working days after 9 March
CLOSED = _ts(17, 9, 0)
RECOVERY_EXPECTED = _ts(19, 0)
CRISIS_QUEUE_END = _ts(10, 12)  # until then agents skip posts older than 6 h


def _oslo_hour(ts: int) -> tuple[int, int]:
    """(weekday, hour) in Oslo: business hours and the diurnal rhythm are local."""
    local = _dt(ts).astimezone(OSLO)
    return local.weekday(), local.hour


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _x_time(ts: int) -> str:
    """twcs ``created_at``; names spelled out so no locale can change the bytes."""
    d = _dt(ts)
    day = f"{_WEEKDAYS[d.weekday()]} {_MONTHS[d.month - 1]} {d.day:02d}"
    return f"{day} {d:%H:%M:%S} +0000 {d.year}"


def _fb_time(ts: int) -> str:
    return f"{_dt(ts):%Y-%m-%dT%H:%M:%S}+0000"


def _oslo_iso(ts: int) -> str:
    return _dt(ts).astimezone(OSLO).isoformat(timespec="seconds")


def _utc_iso(ts: int) -> str:
    return f"{_dt(ts):%Y-%m-%dT%H:%M:%S}Z"


# --------------------------------------------------------------------------- text banks

_TOWNS = (
    "Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Bodø", "Kristiansand", "Drammen",
    "Fredrikstad", "Ålesund", "Lillehammer", "Hamar", "Molde", "Alta", "Hammerfest", "Narvik",
    "Harstad", "Sandnes", "Haugesund", "Arendal", "Larvik", "Tønsberg", "Sarpsborg", "Gjøvik",
    "Kongsberg", "Steinkjer", "Levanger", "Førde", "Voss", "Svolvær", "Kirkenes", "Mo i Rana",
    "Sogndal", "Halden", "Moss", "Skien", "Porsgrunn", "Florø", "Namsos", "Elverum",
)  # fmt: skip

_FIRST_NAMES = (
    "Kari", "Ola", "Ingrid", "Lars", "Nora", "Jonas", "Emma", "Henrik", "Sofie", "Magnus",
    "Ida", "Sindre", "Marit", "Eirik", "Silje", "Håkon", "Thea", "Anders", "Hanne", "Ragnhild",
    "Bjørn", "Tone", "Per", "Astrid", "Vegard", "Mona", "Øyvind", "Camilla", "Kristian",
    "Linnea", "Amir", "Fatima", "Piotr", "Aleksander", "Maja", "Jørgen", "Line", "Espen",
    "Siri", "Trond", "Anne", "Geir", "Sara", "Mohammed", "Elin", "Stian", "Hege", "Rune",
)  # fmt: skip

_LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Moen", "Gundersen", "Iversen", "Strand", "Svendsen", "Knutsen",
    "Martinsen", "Paulsen", "Bakken", "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen",
    "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke", "Kowalski", "Haugland",
)  # fmt: skip

# (first name, initials) of the support agents who sign replies.
_AGENTS_CORE = (("Marte", "MH"), ("Jonas", "JS"), ("Ingrid", "IK"), ("Aisha", "AL"))
_AGENTS_SURGE = (
    *_AGENTS_CORE, ("Erik", "EN"), ("Sunniva", "SR"), ("Kasper", "KV"), ("Petter", "PA"),
    ("Camilla", "CF"), ("Thomas", "TB"),
)  # fmt: skip

_SINCE_EARLY = ("since this morning", "since I woke up", "for the last half hour", "since 07:40")

_CONSEQUENCES = (
    ("Couldn't work from home all morning.", "couldn't work from home"),
    ("Missed a call from the hospital because the app needs data.", "missed the hospital's call"),
    ("Got a parking ticket because the parking app wouldn't load.", "got a parking ticket"),
    ("My daughter couldn't reach me after school.", "couldn't reach your daughter"),
    ("Couldn't check in for my flight at Gardermoen.", "couldn't check in for your flight"),
    ("Missed a client meeting on Teams.", "missed your client meeting"),
    ("Can't log in to the bank without BankID on my phone.", "couldn't use BankID"),
    ("Couldn't pay at the shop, Vipps just spins.", "couldn't pay with Vipps"),
    ("Got fined on the train because the ticket app wouldn't open.", "got fined on the train"),
    ("My shop's card terminal runs on your 4G, no sales since opening.", "lost sales at your shop"),
    (
        "My mum's safety alarm is on your network and I'm worried sick.",
        "had to worry about your mum's alarm",
    ),
    ("Couldn't hand in my exam on time.", "couldn't hand in your exam"),
    ("Lost half a day of work as a delivery driver.", "lost half a day of work"),
    ("Maps died on the E6, had to navigate by road signs.", "were stuck without maps on the E6"),
    ("I'm a nurse on home visits and can't open patient notes.", "couldn't open patient notes"),
    ("Couldn't order a taxi for my elderly father.", "couldn't get a taxi for your father"),
    ("The school sends everything through an app. Missed it all.", "missed the school messages"),
    ("Missed my job interview call on Teams.", "missed your interview call"),
    ("Lost a whole day of sales at the market stall.", "lost a day of sales"),
    ("Couldn't get my e-prescription at the pharmacy.", "couldn't get your prescription"),
)

_OUTAGE_CORE = (
    "No mobile data at all in {town} {since}.",
    "Mobile data completely dead in {town} {since}.",
    "Phone shows full bars but nothing loads. {town} here, {since}.",
    "4G and 5G both dead in {town} {since}. Calls work, data doesn't.",
    "Zero internet on my phone in {town} {since}. Restarted twice, still broken.",
    "Is mobile data down everywhere? Nothing in {town} {since}.",
    "Whole office in {town} without mobile data {since}.",
    "Data has been dead {since}. {town}.",
    "No data, no Vipps, no BankID. {town}, {since}.",
    "The entire family is offline in {town} {since}.",
    "Mobile network broken in {town} {since}, nothing loads at all.",
    "Your mobile data is down in {town} and has been {since}.",
)

_NEG_OPENERS = (
    "", "", "", "Seriously?", "Unbelievable.", "Are you kidding me?", "Hei.", "Hello?",
    "What is going on?", "Come on.", "Helt håpløst.", "Again?!",
)  # fmt: skip

_NEG_CLOSERS = (
    "Fix it!", "Not good enough, terrible service.", "Who's paying for this? Unacceptable.",
    "I want compensation for this mess.", "Absolutely useless.", "Terrible.",
    "Seriously thinking about switching to Telia. Awful.", "Not a word from you. Pathetic.",
    "Any ETA?? So frustrating.", "This is a disgrace.", "Worst provider in Norway, no question.",
    "How hard is it to post an update? Useless.", "Pathetic.", "Ridiculous.",
    "I pay 549 kr a month for this? Horrible.", "So angry right now.", "Total chaos.",
    "Really disappointed in you.", "Shameful.", "This is a nightmare, and a bad one.",
    "Incompetent.", "I hate this company today.", "Worst morning ever.",
)  # fmt: skip

_NEG_EMOJI = ("", "", "", "", "😡", "🤬", "😤", "🙄", "📵", "👎", "😩", "😡😡")

_AMOUNTS = ("349", "399", "449", "499", "549", "599", "649", "749", "899", "1 099", "1 249")

_BILLING_CORE = (
    "I've been charged twice for March! {amount} kr taken two times.",
    "You took {amount} kr from my account TWICE this morning.",
    "Double charge on my March invoice, {amount} kr x2.",
    "AvtaleGiro pulled my invoice twice. {amount} kr gone.",
    "Just got my invoice: charged twice for the same month?!",
    "My bank app shows two payments of {amount} kr to Fjordnett.",
    "Why is my March bill on my card twice? {amount} kr each.",
    "Charged twice for March and nobody answers the phone.",
)

_BILLING_HURT = (
    "", "Now my account is overdrawn.", "Rent is due tomorrow.",
    "That was my food money for the week.", "I'm a student, I can't afford this.",
    "My bank charged me an overdraft fee.", "Pensioner here, this hurts.",
    "Now my other bills bounced.",
)  # fmt: skip

_BILLING_DEMAND = (
    "I want my money back today. Unacceptable.", "Refund me now, this is theft.",
    "When do I get it back? Terrible.", "Who pays the overdraft fee? Not me.",
    "This is a scam, plain and simple.", "Fix it and pay the fees. Disgraceful.",
    "Unacceptable.", "Absolutely furious.", "Awful way to treat customers.",
)  # fmt: skip

_QUESTIONS_CRISIS = (
    "Is there an outage? Mobile data not working in {town}.",
    "Is the data problem nationwide or just in {town}?",
    "Any ETA on the mobile data fix?",
    "Should I restart my phone or is it on your side?",
    "Is the double charge on the March invoice a mistake? Will it be refunded automatically?",
    "Do I need to do anything about the double payment or will you fix it?",
    "Does the outage affect home broadband too or just mobile?",
    "Is there a status page somewhere? Can't find any info.",
    "Do calls and SMS still work? Need to reach my parents in {town}.",
)

_STATEMENT_NEG = (
    "Five hours to say sorry? Far too slow.",
    "A blog post doesn't pay my overdraft fee. Awful.",
    "Nice words. Now give people their money back today, not in 5 working days.",
    "Sorry means nothing if it happens again. Terrible handling.",
    "People in {town} lost a whole day and all we got was a blog post. Useless.",
    "I had to find out from the news, not from you. Shameful.",
    "5 working days to return money you took by mistake? Ridiculous.",
    "Too little, too late. Disappointed.",
)

_STATEMENT_POS = (
    "Thanks for the honest statement, that's how it's done.",
    "Appreciate the apology and the clear timeline. Good.",
    "Fair enough, mistakes happen. Thanks for owning it.",
    "Good to finally get a proper explanation. Thanks.",
)

_RESTORED_POS = (
    "Data is back in {town} 🙏 thanks to whoever fixed it.",
    "Finally working again in {town}. Good job getting it fixed.",
    "Mobile data back in {town}, thanks for the update.",
    "It's back! Thanks to the engineers who sorted it 👍",
)

_RESTORED_MIXED = (
    "Data back in {town}. Now sort out the refund, I'm still angry.",
    "Working again, but nine hours without data is not ok.",
    "Back online in {town}. Still charged twice though. Not great.",
)

_STRAGGLER = (
    "Still no data in {town}!? You say it's fixed. Useless.",
    "Your update says restored, my phone in {town} disagrees. Still broken.",
)

_AFTER_NEG = (
    "Still waiting for my refund. Day {n}. Frustrating.",
    "5 working days my foot, still nothing. Terrible.",
    "Switched to Telenor today after Monday's mess. Bye.",
    "Got the update but my overdraft fee is still not refunded. Annoyed.",
    "Still angry about Monday, honestly. Worst service.",
    "Where is my refund? Charged twice and no money back yet. Awful.",
    "Monday's outage cost me a day of work and nobody has apologised to me. Disappointed.",
    "Data has been unstable in {town} since the outage. Still bad.",
)

_AFTER_POS = (
    "Refund received today, thanks for sorting it.",
    "Got the money back and the free month of data. Fair enough 👍",
    "Credit where it's due: refund came quickly and the update was clear. Thanks.",
    "Good update today, thanks for keeping us posted.",
    "Refund arrived. Apology accepted 🙂",
    "Money is back on my account. Thanks for the quick fix.",
    "Thanks for the honest update on what went wrong. Appreciated.",
)

# (question, answer): baseline questions get matching, specific answers.
_QA = (
    ("How do I activate eSIM on my new phone?",
     "You can activate eSIM in the Fjordnett app under Mobile > SIM > Order eSIM. "
     "It takes about 5 minutes."),
    ("Is 5G coming to {town} this year?",
     "5G is planned for {town} in the second half of the year. The coverage map on our "
     "site shows the rollout."),
    ("Can I add extra data while I'm in Spain?",
     "Yes! Open the app, go to Mobile > Data packs and pick an EU pack. It's active within "
     "minutes."),
    ("How long does it take to port my number from Telia?",
     "Porting usually takes 1–3 working days. We'll text you when it's done."),
    ("What's the difference between Fri and Fri+?",
     "Fri+ has unlimited data in Norway and 25 GB in the EU, Fri has 20 GB. You can switch "
     "monthly."),
    ("Router keeps dropping wifi in the evenings in {town}. Anything I can do?",
     "Sorry about that! Try moving the router off the floor and use the 5 GHz band. If it "
     "keeps happening, DM us and we'll test the line."),
    ("Do you have a student discount?",
     "We do: 20% off Fri and Fri+ with a valid student ID. Show it in any store or send it "
     "by DM."),
    ("Moving to {town} next month, can I take my fibre subscription with me?",
     "Yes, if we have fibre at your new address in {town}. Check it on our site and we'll "
     "move it free of charge."),
    ("Where do I find my PUK code?",
     "You'll find your PUK in the app under Mobile > SIM, or on Min Side."),
    ("Any planned maintenance in {town} tonight? Internet is slow.",
     "No planned work in {town} tonight. Could you DM us your address so we can check the "
     "line?"),
    ("Can I pause my subscription while I'm abroad for three months?",
     "You can pause for up to 6 months for 49 kr/month. Just DM us the dates."),
    ("Is there a way to get a paper invoice?",
     "Yes, paper invoices cost 39 kr each. You can switch under Invoices on Min Side."),
    ("How do I set up parental controls on my kid's SIM?",
     "In the app go to Family > Settings > Content filter. You can set time limits there "
     "too."),
    ("I was in Sweden for a day and got a roaming charge?",
     "Roaming in the EU/EEA is included, so that shouldn't happen. DM us your number and "
     "we'll check it."),
    ("Does the TV box work with the new fibre router?",
     "Yes, plug the TV box into port 2 on the router and restart it. It pairs by itself."),
    ("Can I get a second SIM for my smartwatch?",
     "Yes, a watch SIM is 49 kr/month on Fri+. Order it in the app under Mobile > Extra SIM."),
)  # fmt: skip

_Q_WRAP = ("{q}", "Hi, {q}", "Hei! {q}", "{q} Thanks!", "Quick question: {q}", "{q} Takk!")

_PRAISE = (
    "Big thanks to {agent} in your chat, fixed my eSIM in five minutes 👏",
    "Fibre installed in {town} today, super smooth. Great job!",
    "Honestly the best customer service I've had from a telco.",
    "Great coverage all the way up to {town} on the road trip, impressed.",
    "Thanks for the quick help with my router yesterday!",
    "Switched from Telenor last month and no regrets so far 😊",
    "Love the new app update, much easier to top up data.",
    "The technician who came to {town} today was brilliant. Thank you!",
)

_MILD = (
    "Slow internet in {town} tonight again, getting annoying.",
    "Waited 25 minutes in the phone queue today. Not great.",
    "Why did my price go up 30 kr this month without notice?",
    "The app logs me out every day, pretty annoying.",
    "Dropped calls on the train near {town} again. Bad coverage there.",
    "Still waiting for the technician who was supposed to come yesterday.",
    "Your chat bot is useless, I just want to talk to a person.",
    "Wifi keeps dropping in {town} in the evenings. Frustrating.",
)

_FOLLOW_NEG = (
    "That's not good enough. It's been {n}.",
    "Copy-paste answers won't fix this. Useless.",
    "Still nothing here in {town}. Terrible, honestly.",
    "Ok, and who pays for my overdraft fee? Not me.",
    "You said that hours ago and it's still broken. Awful.",
    "This doesn't answer my question at all. Frustrating.",
    "A template reply after {n} of waiting. Really disappointing.",
)
_FOLLOW_DM = (
    "DM sent with my account number. Please look at it today.",
    "Sent you a DM with my account number and address.",
    "Done, check your DMs. Customer number is in there.",
)
_FOLLOW_THANKS = (
    "Thanks, it's working now! Appreciate the help.",
    "Appreciate the quick answer 🙏 all good now.",
    "Great, thanks {agent}! That sorted it.",
    "Thanks for the honest answer, that helps.",
    "Ok, thanks for explaining. Fingers crossed it holds.",
)
_SELF_FOLLOW = (
    "Hello?? Still waiting for an answer, {n} now.",
    "Anyone there? No reply and still no data.",
    "Still nothing. Not even an automatic reply. Awful.",
    "Bumping this. No answer from you at all.",
)

_T_ACK = (
    "We're sorry for the trouble. We're aware of an issue affecting mobile data and our "
    "engineers are working on it. We'll update as soon as we know more."
)
_T_DM = "We're sorry for the trouble. Please DM us your account number."
_T_BILL = (
    "Sorry about the double charge on your March invoice. It's our mistake and it will be "
    "refunded automatically within 5 working days."
)
_T_STATEMENT = "We're very sorry. Here's what happened and what we're doing about it: " + (
    DEMO_BRAND.blog_url
)
_T_RESTORED = (
    "Mobile data is working again. If your phone still has no data, please restart it and "
    "DM us if that doesn't help. Sorry again for today."
)
_T_REFUND = (
    "Refunds for the double charge are paid automatically within 5 working days, by Monday "
    "16 March at the latest. Sorry for the trouble."
)
_T_THANKS = "Thanks for the kind words! 😊"
_T_AUTO = (
    "Hi! Thanks for your message. Our customer service team is available every day 08–20 "
    "and will answer as soon as we can. Operational status: fjordnett.example/status"
)

_BLAME = (
    "This was caused by our supplier's equipment, not us. We're waiting for them to fix it.",
    "The fault is in our network vendor's software, so unfortunately it's out of our hands "
    "right now.",
    "The double charge was made by our payment provider, not Fjordnett. Please contact your "
    "bank about it.",
    "To be fair, most customers were only affected for a few hours. It's not as bad as it's "
    "being made out to be.",
    "If you had checked our status page you would have seen that we're working on it.",
    "Our supplier pushed a faulty update to the core network. We've asked them for an explanation.",
)

_SPAM = (
    "Earn 5 000 kr a day from home!! 💰 Message me to learn how, limited spots",
    "FREE iPhone 17 giveaway 🎁 click the link in my profile before it's gone!!",
    "Lost money on crypto? Our recovery experts get it back fast. DM me today",
    "Cheap followers and likes, 1000 for 49 kr, send me a message now",
    "Switch to my reseller deal, 10 GB for 99 kr, link in bio 😉 best price in Norway",
    "Bitcoin trading signals with 98% accuracy, join my channel today and get rich",
)
_ABUSE = (
    "Whoever runs this page is a useless idiot. I hope every one of you gets fired today.",
    "You are a bunch of lying thieves and morons.",
    "Shut up with your corporate garbage, you pathetic clowns.",
    "I know where your Bergen office is. Someone should pay you a visit.",
    "Stupid incompetent idiots, all of you, every single one.",
    "Hope your CEO chokes on that apology, you worthless crooks.",
)
_PERSONAL_DATA = (
    "My account number is 8800 14 52311 and my phone is 912 34 567, just fix it!!",
    "Kundenummer 4471 2290, address Strandgata 14, Tromsø. Charged twice. Refund me.",
    "Here's my invoice: customer 5520931, born 12.04.1961, charged 649 kr twice.",
)
_CIVIL_DELETED = (
    "I've been a loyal customer for 14 years. Charging me twice and then staying silent for "
    "five hours is not acceptable. I expect a proper explanation.",
    "Respectfully, the statement doesn't say how many customers were affected or why billing "
    "was tied to a network update. Please answer that.",
    "My mother's overdraft fee is 250 kr because of your double charge. Will you actually "
    "cover it? A clear answer, please.",
)
_CIVIL_HIDDEN_RESTORED = (
    "Calls work but data doesn't, and your website says nothing. Could you at least update "
    "the status page?"
)

# --------------------------------------------------------------------------- statements

_STATEMENT_BLOG = """Mobile data outage and double charges on March invoices: what happened and what we are doing

This morning at 07:40 a software update to our core network failed. Since then, customers across Norway have had no mobile data, and the same update started a second billing run that charged many of you twice for your March invoice. We are sorry. This is our responsibility: we planned the update, we chose to run it on a Monday morning, and we did not tell you quickly enough what was going on.

What we are doing now: our network engineers are rolling back the update, and we expect mobile data to return during the afternoon. Calls and SMS work as normal. We have stopped the billing run, and every double charge will be refunded automatically within 5 working days, by Monday 16 March at the latest. If your bank has charged you a fee because of the double charge, we will cover it: send us the receipt.

We will post an update here by Wednesday 11 March at 12:00, with the cause, the status of the refunds and what we will change so that this does not happen again.

Hilde Strand, CEO, Fjordnett"""  # noqa: E501

_STATEMENT_X = (
    "We let you down today. A failed update stopped mobile data across Norway and charged "
    "many of you twice for March. We're sorry, and it's our responsibility. What happened "
    "and what we're doing: " + DEMO_BRAND.blog_url
)
_STATEMENT_X_THREAD = (
    "Double charges are refunded automatically within 5 working days, you don't need to do "
    "anything, and we'll cover bank fees. We'll post an update by Wednesday 12:00. (2/2)"
)
_STATEMENT_FB = (
    "We let you down today, and we are sorry.\n\n"
    "A software update to our core network failed at 07:40 this morning. Since then there "
    "has been no mobile data across Norway, and the same update charged many of you twice "
    "for your March invoice. This is our responsibility.\n\n"
    "Our engineers are rolling back the update and we expect mobile data to return this "
    "afternoon. Calls and SMS work as normal. Every double charge will be refunded "
    "automatically within 5 working days, and we will cover bank fees caused by it.\n\n"
    "We will post an update by Wednesday 12:00. Full statement: " + DEMO_BRAND.blog_url
)

_UPDATE_BLOG = """Update on Monday's outage and the double charges

As promised on Monday, here is our update. Mobile data has worked normally since 17:00 on Monday 9 March. The cause was a software update to our core network that we rolled out without testing it against the billing system. That was our mistake.

Refunds: we have started paying back the double charges. Most of you will have the money by Friday, and everyone by Monday 16 March. Fees from your bank will be covered: send the receipt to us by DM or to refusjon@fjordnett.example.

What we are changing: updates to the core network will no longer run on weekday mornings, and every billing run will be checked automatically before any money is collected. All affected customers also get one month of free extra data.

We are sorry, and we thank everyone who has been patient with our support team this week.

Hilde Strand, CEO, Fjordnett"""  # noqa: E501

_UPDATE_X = (
    "Update on Monday's outage: refunds for the double charges have started, everyone will "
    "have their money back by Monday 16 March, and bank fees are on us. The cause and what "
    "we're changing: " + DEMO_BRAND.update_blog_url
)
_UPDATE_FB = (
    "As promised, an update on Monday's outage and the double charges.\n\n"
    "The cause was a core-network update we rolled out without testing it against billing. "
    "That was our mistake. Refunds have started and everyone will have their money back by "
    "Monday 16 March; bank fees are on us. From now on network updates will not run on "
    "weekday mornings, and billing runs are checked before money is collected. All affected "
    "customers get a month of free extra data.\n\nRead more: " + DEMO_BRAND.update_blog_url
)


# --------------------------------------------------------------------------- model


@dataclass(eq=False)
class _Author:
    platform: str  # "x" | "facebook"
    id: str
    name: str | None
    followers: int | None
    role: str = "customer"  # customer | journalist | influencer | brand
    first: str | None = None


@dataclass(eq=False)
class _Post:
    platform: str
    created: int
    author: _Author
    text: str
    kind: str  # post | reply | auto_reply
    parent: _Post | None = None
    cat: str = ""
    slots: dict[str, str] = field(default_factory=dict)
    reactions: int = 0
    ms: int = 0
    id: str = ""
    tag: str = ""
    orphan_parent_id: str | None = None
    replies: list[_Post] = field(default_factory=list)

    @property
    def is_brand(self) -> bool:
        return self.author.role == "brand"

    @property
    def root(self) -> _Post:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


@dataclass(eq=False)
class _Item:
    """A customer post waiting in the support queue."""

    post: _Post
    priority: bool = False


# Hourly customer volume the crisis adds on top of the baseline (UTC hour -> posts).
_DAY1 = {
    6: 25, 7: 80, 8: 125, 9: 165, 10: 195, 11: 200, 12: 180, 13: 150, 14: 130, 15: 115,
    16: 95, 17: 70, 18: 60, 19: 55, 20: 48, 21: 38, 22: 26, 23: 16,
}  # fmt: skip
_DAY2 = {
    0: 11, 1: 7, 2: 4, 3: 4, 4: 6, 5: 13, 6: 38, 7: 77, 8: 104, 9: 110, 10: 99, 11: 88,
    12: 77, 13: 68, 14: 60, 15: 55, 16: 50, 17: 46, 18: 44, 19: 40, 20: 33, 21: 24, 22: 16,
    23: 11,
}  # fmt: skip
# Day of March -> crisis-related posts that day, and the share of them that are positive.
_AFTER = {
    11: (480, 0.10), 12: (300, 0.15), 13: (200, 0.20), 14: (130, 0.25), 15: (95, 0.28),
    16: (75, 0.30), 17: (60, 0.35), 18: (38, 0.50), 19: (16, 0.62), 20: (9, 0.65),
    21: (5, 0.7), 22: (4, 0.7),
}  # fmt: skip

# Oslo-hour weights of everyday traffic (people post in the evening, not at 4 am).
_DIURNAL = (
    0.30, 0.15, 0.10, 0.08, 0.08, 0.15, 0.40, 0.80, 1.20, 1.40, 1.40, 1.40,
    1.50, 1.40, 1.30, 1.30, 1.30, 1.30, 1.40, 1.50, 1.50, 1.30, 1.00, 0.60,
)  # fmt: skip
_DIURNAL_SUM = sum(_DIURNAL)

# Replies per hour the support team can send (both platforms) during the surge. Zero until
# the holding line is public (the lead held every reply), then each escalation level adds
# agents; a night shift and an all-hands Tuesday for the invoices; extra weekend staff for
# the refund questions. Outside these windows: 14/h on weekdays 08-20 Oslo, 8/h at weekends.
_SURGE = (
    (TRIGGER, HOLD_END, 0.0),
    (HOLD_END, ESC_2, 14.0),
    (ESC_2, ESC_3, 30.0),
    (ESC_3, _ts(9, 11), 45.0),
    (_ts(9, 11), _ts(9, 22), 75.0),
    (_ts(9, 22), _ts(10, 0), 40.0),
    (_ts(10, 0), _ts(10, 6), 20.0),
    (_ts(10, 6), _ts(10, 22), 80.0),
    (_ts(10, 22), _ts(11, 6), 15.0),
    (_ts(11, 6), _ts(11, 20), 60.0),
    (_ts(12, 7), _ts(12, 19), 40.0),
    (_ts(13, 7), _ts(13, 19), 30.0),
    (_ts(14, 7), _ts(14, 19), 14.0),
    (_ts(15, 7), _ts(15, 19), 12.0),
)


def _capacity(ts: int) -> float:
    for start, end, rate in _SURGE:
        if start <= ts < end:
            return rate
    weekday, hour = _oslo_hour(ts)
    if weekday >= 5:
        return 8.0 if 10 <= hour < 18 else 0.0
    return 14.0 if 8 <= hour < 20 else 0.0


def _hours(n: int) -> str:
    return "an hour" if n <= 1 else f"{n} hours"


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam < 30:
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                return k
            k += 1
    return max(0, round(rng.gauss(lam, math.sqrt(lam))))


def _fit(parts: list[str], limit: int, filler: tuple[str, ...], rng: random.Random) -> str:
    """Join sentence parts into a post of 40..limit characters.

    Real posts vary in length; the optional parts are dropped from the end until the post
    fits, and a short post gets one more closing remark.
    """
    parts = [p for p in parts if p]
    text = " ".join(parts)
    while len(text) > limit and len(parts) > 1:
        parts.pop(-1 if len(parts) > 2 else 0)
        text = " ".join(parts)
    text = text[:limit].rstrip()
    extra = list(filler)
    while len(text) < 40 and extra:
        text = f"{text} {extra.pop(rng.randrange(len(extra)))}".strip()
    return text[:limit].rstrip()


# --------------------------------------------------------------------------- builder


class _Builder:
    """Writes the story into post objects; ids are given out at the end in time order."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.posts: list[_Post] = []
        self.brand_x_help = _Author(
            "x", DEMO_BRAND.x_support_handle, None, DEMO_BRAND.x_support_followers, "brand"
        )
        self.brand_x_corp = _Author(
            "x", DEMO_BRAND.x_corporate_handle, None, DEMO_BRAND.x_corporate_followers, "brand"
        )
        self.brand_fb = _Author(
            "facebook",
            DEMO_BRAND.facebook_page_id,
            DEMO_BRAND.facebook_page_name,
            DEMO_BRAND.facebook_page_followers,
            "brand",
        )
        self.authors: dict[str, list[_Author]] = {"x": [], "facebook": []}
        self.used_ids: set[str] = set()
        self.x_brand_posts: list[_Post] = []
        self.fb_page_posts: list[_Post] = []
        self.facts: dict[str, Any] = {}
        self.blame: list[_Post] = []
        self.drivers: list[_Author] = []
        self.answered: dict[int, int] = {}  # id(post) -> first reply time
        self.scripted: set[int] = set()
        self._backlog = 0

    # ----------------------------------------------------------------- authors

    def _new_id(self, platform: str) -> str:
        while True:
            if platform == "x":
                digits = self.rng.choice((6, 7, 8, 9, 10))
                value = str(self.rng.randrange(10 ** (digits - 1), 10**digits))
            else:
                value = str(self.rng.randrange(10**15, 10**16))
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def _followers(self) -> int:
        """Most customers have 50–500 followers; a thin tail has thousands."""
        rng = self.rng
        if rng.random() < 0.03:
            return int(math.exp(rng.uniform(math.log(1_000), math.log(12_000))))
        return max(3, int(rng.lognormvariate(math.log(170), 0.7)))

    def new_author(
        self,
        platform: str,
        role: str = "customer",
        followers: int | None = None,
        name: str | None = None,
    ) -> _Author:
        rng = self.rng
        first = rng.choice(_FIRST_NAMES)
        if platform == "facebook":
            full = name or f"{first} {rng.choice(_LAST_NAMES)}"
            first = full.split()[0]
            if followers is None and rng.random() < 0.3:
                followers = self._followers()
        else:
            full = None
            if followers is None:
                followers = self._followers()
        author = _Author(platform, self._new_id(platform), full, followers, role, first)
        if role == "customer":
            self.authors[platform].append(author)
        return author

    def author(self, platform: str) -> _Author:
        pool = self.authors[platform]
        if pool and self.rng.random() < 0.22:
            return self.rng.choice(pool)
        return self.new_author(platform)

    # ----------------------------------------------------------------- posts

    def add(self, post: _Post) -> _Post:
        post.ms = self.rng.randrange(1000)
        if post.parent is not None:
            post.parent.replies.append(post)
        self.posts.append(post)
        return post

    def brand_post(
        self,
        platform: str,
        when: int,
        text: str,
        author: _Author | None = None,
        parent: _Post | None = None,
        tag: str = "",
        reactions: int = 0,
    ) -> _Post:
        if author is None:
            author = self.brand_fb if platform == "facebook" else self.brand_x_help
        kind = "post" if parent is None else "reply"
        post = self.add(
            _Post(
                platform,
                when,
                author,
                text,
                kind,
                parent,
                cat="brand",
                tag=tag,
                reactions=reactions,
            )
        )
        if parent is None and platform == "x":
            self.x_brand_posts.append(post)
        if parent is None and platform == "facebook":
            self.fb_page_posts.append(post)
        return post

    def _latest(self, posts: list[_Post], when: int, tags: tuple[str, ...] = ()) -> _Post | None:
        best = None
        for post in posts:
            if (
                post.created <= when - 60
                and (not tags or post.tag in tags)
                and (best is None or post.created > best.created)
            ):
                best = post
        return best

    # ----------------------------------------------------------------- scripted brand

    def script_brand(self) -> None:
        """The brand's own posts: quiet-week marketing, then the crisis communication."""
        x, fb = "x", "facebook"
        corp = self.brand_x_corp
        self.brand_post(
            x,
            _ts(3, 10, 0, 14),
            "5G is now live in Alta and Hammerfest! Check "
            "the coverage map for your address: fjordnett.example/5g",
            corp,
            tag="marketing",
        )
        self.brand_post(
            x,
            _ts(5, 13, 2, 40),
            "Travelling this winter? Roaming in the EU/EEA "
            "is included in all Fri and Fri+ plans. Safe trip! ✈️",
            corp,
            tag="marketing",
        )
        self.brand_post(
            fb,
            _ts(3, 10, 5, 0),
            "New: 5G is live in Alta and Hammerfest! Our "
            "engineers spent the winter up north so you can stream the northern "
            "lights in 4K. Check your address: fjordnett.example/5g",
            tag="marketing",
            reactions=214,
        )
        self.brand_post(
            fb,
            _ts(6, 14, 0, 0),
            "Weekend tip: you can order an eSIM in the "
            "Fjordnett app in five minutes, no store visit needed. Questions? "
            "Ask below 👇",
            tag="marketing",
            reactions=87,
        )

        ack = self.brand_post(
            x,
            ACK,
            "We're aware of an issue affecting mobile data across "
            "Norway, and some customers may see a double charge on their "
            "March invoice. We're looking into it and will update here. "
            "Sorry for the trouble.",
            tag="acknowledgement",
        )
        t1 = self.brand_post(
            x,
            ACK_THREAD_1,
            "Update: our engineers have traced the mobile "
            "data fault to a software update in our core network and are "
            "rolling it back. Calls and SMS work as normal. More as soon as "
            "we know it.",
            parent=ack,
            tag="ack_thread",
        )
        stmt_x = self.brand_post(x, STATEMENT_X, _STATEMENT_X, corp, tag="statement")
        stmt_x_thread = self.brand_post(
            x, STATEMENT_X_THREAD, _STATEMENT_X_THREAD, corp, parent=stmt_x, tag="statement_thread"
        )
        stmt_fb = self.brand_post(fb, STATEMENT_FB, _STATEMENT_FB, tag="statement", reactions=1_847)
        restored_x = self.brand_post(
            x,
            RESTORED_X,
            "Update: mobile data is working again "
            "across Norway as of 17:00. If your phone still has no "
            "data, switch flight mode on and off or restart it. "
            "Refunds are on their way. Sorry again.",
            parent=t1,
            tag="restored",
        )
        restored_fb = self.brand_post(
            fb,
            RESTORED_FB,
            "Update 17:00: mobile data is working "
            "again across Norway. If your phone still has no data, "
            "restart it. Double charges will be refunded "
            "automatically within 5 working days.",
            parent=stmt_fb,
            tag="restored",
            reactions=402,
        )
        self.brand_post(
            x,
            INVOICE_X,
            "Good morning. If your March invoice arrives today it "
            "may show yesterday's double charge. It's our error and it will be "
            "refunded automatically within 5 working days. No need to contact "
            "us about it.",
            tag="invoice",
        )
        self.brand_post(
            fb,
            INVOICE_FB,
            "Good morning. Your March invoice may show "
            "yesterday's double charge. It's our error: it will be refunded "
            "automatically within 5 working days, and we cover any bank fees. "
            "You don't need to do anything.",
            tag="invoice",
            reactions=356,
        )
        upd_x = self.brand_post(x, UPDATE_X, _UPDATE_X, corp, tag="update")
        upd_fb = self.brand_post(fb, UPDATE_FB, _UPDATE_FB, tag="update", reactions=933)
        self.brand_post(
            x,
            REFUND_STATUS,
            "Refund status: most double charges from Monday "
            "have now been paid back. The rest will be with you by Monday 16 "
            "March. Thanks for your patience.",
            corp,
            tag="refunds",
        )
        self.brand_post(
            fb,
            REFUND_STATUS + 95,
            "Refund status: most double charges from "
            "Monday have been paid back, and the rest will be with you by Monday "
            "16 March. Thank you for your patience this week.",
            tag="refunds",
            reactions=288,
        )
        self.brand_post(
            x,
            REFUNDS_COMPLETED,
            "All refunds for last Monday's double charges "
            "have now been paid. If you're still missing yours, please DM us.",
            corp,
            tag="refunds",
        )
        self.brand_post(
            x,
            _ts(19, 11, 0, 30),
            "Easter travel? Roaming in the EU/EEA is "
            "included, and you can add a data pack in the app in seconds 🐣",
            corp,
            tag="marketing",
        )
        self.brand_post(
            fb,
            _ts(19, 11, 2, 0),
            "Travelling at Easter? Roaming in the EU/EEA "
            "is included in Fri and Fri+, and extra data packs are a tap away in "
            "the app 🐣",
            tag="marketing",
            reactions=131,
        )
        self.facts.update(
            acknowledgement_tweet=ack,
            ack_thread_tweet=t1,
            statement_tweet=stmt_x,
            statement_thread_tweet=stmt_x_thread,
            statement_facebook_post=stmt_fb,
            restored_tweet=restored_x,
            restored_facebook_comment=restored_fb,
            update_tweet=upd_x,
            update_facebook_post=upd_fb,
        )

    # ----------------------------------------------------------------- customer texts

    def _since(self, when: int) -> str:
        hours = (when - TRIGGER) // _HOUR
        if hours < 1:
            return self.rng.choice(_SINCE_EARLY)
        if when < RESTORED and self.rng.random() < 0.5:
            return f"for {_hours(hours)} now"
        return self.rng.choice(("all morning", "all day", f"for {_hours(hours)}", "since 07:40"))

    def _negative(self, core: str, extra: str = "") -> list[str]:
        rng = self.rng
        closer = rng.choice(_NEG_CLOSERS) if rng.random() < 0.88 else ""
        return [rng.choice(_NEG_OPENERS), core, extra, closer, rng.choice(_NEG_EMOJI)]

    def customer_text(self, cat: str, when: int, slots: dict[str, str]) -> list[str]:
        """Sentence parts of a customer post; the slots are kept for personal replies."""
        rng = self.rng
        town = rng.choice(_TOWNS)
        slots["town"] = town
        if cat == "outage":
            core = rng.choice(_OUTAGE_CORE).format(town=town, since=self._since(when))
            extra = ""
            if rng.random() < 0.6:
                extra, slots["cons"] = rng.choice(_CONSEQUENCES)
            return self._negative(core, extra)
        if cat == "billing":
            amount = rng.choice(_AMOUNTS)
            slots["amount"] = amount
            core = rng.choice(_BILLING_CORE).format(amount=amount)
            hurt = rng.choice(_BILLING_HURT)
            if hurt:
                slots["hurt"] = hurt
            return [
                rng.choice(_NEG_OPENERS),
                core,
                hurt,
                rng.choice(_BILLING_DEMAND),
                rng.choice(_NEG_EMOJI),
            ]
        if cat == "question":
            return [
                rng.choice(("", "Hi!", "Hei!", "Hello!")),
                rng.choice(_QUESTIONS_CRISIS).format(town=town),
            ]
        if cat == "statement_neg":
            return [rng.choice(_STATEMENT_NEG).format(town=town), rng.choice(_NEG_EMOJI)]
        if cat == "statement_pos":
            return [rng.choice(_STATEMENT_POS)]
        if cat == "restored_pos":
            return [rng.choice(_RESTORED_POS).format(town=town)]
        if cat == "restored_mixed":
            return [rng.choice(_RESTORED_MIXED).format(town=town)]
        if cat == "straggler":
            return self._negative(rng.choice(_STRAGGLER).format(town=town))
        if cat == "after_neg":
            n = str(max(2, (when - TRIGGER) // _DAY + 1))
            return [rng.choice(_AFTER_NEG).format(n=n, town=town), rng.choice(_NEG_EMOJI)]
        if cat == "after_pos":
            return [rng.choice(_AFTER_POS)]
        if cat == "question_base":
            idx = rng.randrange(len(_QA))
            slots["qa"] = str(idx)
            q = _QA[idx][0].format(town=town)
            return [rng.choice(_Q_WRAP).format(q=q)]
        if cat == "praise":
            agent = rng.choice(_AGENTS_CORE)[0]
            return [rng.choice(_PRAISE).format(town=town, agent=agent)]
        if cat == "mild":
            return [rng.choice(_MILD).format(town=town)]
        raise ValueError(cat)

    def _make_text(self, platform: str, prefix: str, parts: list[str]) -> str:
        rng = self.rng
        if platform == "x" and rng.random() < 0.015 and len(parts) > 2:
            # Real tweets carry line breaks; the csv module quotes them.
            parts = [parts[0], parts[1] + "\n\n" + parts[2], *parts[3:]]
        limit = 280 - len(prefix)
        body = _fit(
            parts,
            limit,
            ("Waiting for your answer.", "Please get back to me.", "Any news on this?"),
            rng,
        )
        return prefix + body

    def customer_post(
        self,
        platform: str,
        when: int,
        cat: str,
        author: _Author | None = None,
        target: _Post | None = None,
        text: str | None = None,
        handle: str | None = None,
    ) -> _Post:
        """A customer post, addressed the way each platform addresses a brand."""
        rng = self.rng
        author = author or self.author(platform)
        slots: dict[str, str] = {}
        parts = [text] if text is not None else self.customer_text(cat, when, slots)
        prefix = ""
        if platform == "x":
            if target is not None and target.is_brand:
                prefix = f"@{target.author.id} "
            else:
                if handle is None:
                    handle = (
                        DEMO_BRAND.x_support_handle
                        if rng.random() < 0.7
                        else DEMO_BRAND.x_corporate_handle
                    )
                    if target is None and rng.random() < 0.04:
                        prefix = f"@{DEMO_BRAND.x_support_handle} @{DEMO_BRAND.x_corporate_handle} "
                prefix = prefix or f"@{handle} "
        body = self._make_text(platform, prefix, parts)
        kind = "post" if target is None else "reply"
        reactions = 0
        if platform == "facebook":
            reactions = int(rng.paretovariate(1.6)) - 1
            if cat in ("outage", "billing", "statement_neg") and rng.random() < 0.05:
                reactions += rng.randrange(20, 300)
        if "town" in slots and slots["town"] not in body:
            del slots["town"]  # a personal reply must not invent a town the post never named
        post = _Post(platform, when, author, body, kind, target, cat, slots, reactions)
        return self.add(post)

    # ----------------------------------------------------------------- streams

    def _crisis_cat(self, when: int) -> str:
        rng = self.rng
        if when < _ts(10, 0):
            if when < STATEMENT_X:
                table = (("outage", 62), ("billing", 18), ("question", 20))
            elif when < RESTORED:
                table = (
                    ("outage", 50),
                    ("billing", 20),
                    ("question", 8),
                    ("statement_neg", 17),
                    ("statement_pos", 5),
                )
            else:
                table = (
                    ("restored_pos", 17),
                    ("restored_mixed", 25),
                    ("straggler", 15),
                    ("billing", 28),
                    ("statement_neg", 15),
                )
        elif when < _ts(11, 0):
            table = (("billing", 72), ("question", 8), ("after_neg", 13), ("statement_neg", 7))
        else:
            pos = _AFTER[_dt(when).day][1]
            return "after_pos" if rng.random() < pos else "after_neg"
        total = sum(w for _, w in table)
        pick = rng.uniform(0, total)
        for cat, weight in table:
            pick -= weight
            if pick <= 0:
                return cat
        return table[-1][0]

    def _target(self, platform: str, when: int, crisis: bool) -> _Post | None:
        """Where a customer posts: a new thread, or under one of the brand's posts."""
        rng = self.rng
        if platform == "x":
            if not crisis:
                share, tags = 0.04, ("marketing",)
            elif when < ACK:
                return None
            elif when < STATEMENT_X:
                share, tags = 0.12, ("acknowledgement", "ack_thread")
            elif when < _ts(10, 0):
                share, tags = 0.30, ("statement", "statement_thread", "restored")
            else:
                share, tags = 0.15, ("statement", "invoice", "update", "refunds")
            if rng.random() < share:
                threads = [
                    self.facts[k]
                    for k in ("ack_thread_tweet", "statement_thread_tweet", "restored_tweet")
                ]
                return self._latest([*self.x_brand_posts, *threads], when, tags)
            return None
        if not crisis:
            share = 0.25
        elif when < STATEMENT_FB:
            share = 0.35
        elif when < _ts(10, 0):
            share = 0.6
        else:
            share = 0.5
        if rng.random() < share:
            page_posts = self.fb_page_posts
            if crisis and STATEMENT_FB < when < _ts(11, 0) and rng.random() < 0.5:
                return self.facts["statement_facebook_post"]
            return self._latest(page_posts, when)
        return None

    def _hour_times(self, start: int, n: int, lo: int = 0) -> list[int]:
        return sorted(start + self.rng.randrange(lo, _HOUR) for _ in range(n))

    def streams(self) -> None:
        """Everyday traffic for three weeks, plus the crisis and its long tail."""
        rng = self.rng
        for hour_start in range(PERIOD_START, PERIOD_END, _HOUR):
            weekday, local_hour = _oslo_hour(hour_start)
            lam = 40.0 * _DIURNAL[local_hour] / _DIURNAL_SUM * (0.8 if weekday >= 5 else 1.0)
            for when in self._hour_times(hour_start, _poisson(rng, lam)):
                roll = rng.random()
                cat = "question_base" if roll < 0.58 else "praise" if roll < 0.82 else "mild"
                platform = "x" if rng.random() < 0.55 else "facebook"
                self.customer_post(platform, when, cat, target=self._target(platform, when, False))
            day = _dt(hour_start).day
            hour = _dt(hour_start).hour
            n = 0
            lo = 0
            if day == 9 and hour in _DAY1:
                n = _poisson(rng, _DAY1[hour])
                lo = 40 * _MIN if hour == 6 else 0
            elif day == 10:
                n = _poisson(rng, _DAY2[hour])
            elif day in _AFTER:
                n = _poisson(rng, _AFTER[day][0] * _DIURNAL[local_hour] / _DIURNAL_SUM)
            for when in self._hour_times(hour_start, n, lo):
                platform = "x" if rng.random() < 0.62 else "facebook"
                cat = self._crisis_cat(when)
                target = self._target(platform, when, True)
                self.customer_post(platform, when, cat, target=target)

    # ----------------------------------------------------------------- storm drivers

    def drivers_and_specials(self) -> None:
        """High-reach, very negative authors, and the comments the moderators act on."""
        stmt_x = self.facts["statement_tweet"]
        stmt_fb = self.facts["statement_facebook_post"]
        corp = self.brand_x_corp
        page = self.brand_fb
        personal_after: list[_Author] = []
        two_turns: list[_Author] = []

        def driver(platform: str, role: str, followers: int, name: str | None = None) -> _Author:
            author = self.new_author(platform, role, followers, name)
            self.drivers.append(author)
            return author

        def say(
            author: _Author,
            when: int,
            text: str,
            target: _Post | None = None,
            handle: str = DEMO_BRAND.x_corporate_handle,
        ) -> _Post:
            if text.startswith("@"):
                handle, text = text[1:].split(" ", 1)
            if target is not None and author.platform == "facebook":
                target = _fb_parent(target)
            if len(text) > 280 - len(handle) - 2:
                raise ValueError(f"driver post too long: {text!r}")
            post = self.customer_post(author.platform, when, "driver", author, target, text, handle)
            post.reactions = post.reactions + self.rng.randrange(80, 900)
            self.scripted.add(id(post))
            return post

        def answer(post: _Post, when: int, text: str, account: _Author) -> _Post:
            if post.platform == "x":
                text = f"@{post.author.id} {text}"
            reply = self.brand_post(
                post.platform,
                when,
                text,
                account,
                parent=_fb_parent(post) if post.platform == "facebook" else post,
                tag="driver_reply",
            )
            self.answered.setdefault(id(post), when)
            return reply

        # X: a lifestyle influencer who gets a personal dialogue after the statement.
        a = driver("x", "influencer", 187_400)
        say(
            a,
            _ts(9, 8, 12, 40),
            "@Fjordnett No mobile data for 90 minutes, my whole team is "
            "offline and there is not a single word from you. Is this how you treat "
            "customers? Absolutely pathetic 🤬",
        )
        say(
            a,
            _ts(9, 9, 41, 5),
            "@Fjordnett Three hours. Zero data. And I've now been charged "
            "twice for March on top. Disgraceful. Everyone I know with Fjordnett is furious.",
        )
        p = say(
            a,
            _ts(9, 11, 52, 30),
            "@Fjordnett Five hours to write a blog post while "
            "people can't reach doctors or pay for anything. Sorry is cheap. Terrible, "
            "terrible handling.",
            stmt_x,
        )
        r = answer(
            p,
            _ts(9, 12, 24, 15),
            "You're right, and I'm sorry. We were far too slow "
            "to speak up this morning, and that's on us. Refunds are automatic and bank "
            "fees are covered. If you'd like to talk, DM me and I'll call you today. "
            "– Lars",
            corp,
        )
        f = say(
            a,
            _ts(9, 12, 41, 2),
            "@Fjordnett I appreciate the reply, Lars. I'll DM you. But today was a mess.",
            r,
        )
        answer(
            f,
            _ts(9, 12, 58, 40),
            "Thank you, got your DM and I'll call you within the hour. – Lars",
            corp,
        )
        say(
            a,
            _ts(9, 14, 30, 10),
            "@Fjordnett Still nothing in Oslo for my team. Worst outage "
            "I've ever experienced and the worst communication. Disappointed and angry.",
        )
        say(
            a,
            _ts(10, 8, 31, 0),
            "@Fjordnett And now the invoice email confirms it: charged "
            "twice. Awful. I want the money and the bank fee back.",
        )
        personal_after.append(a)
        two_turns.append(a)

        # X: a tech reporter; press team answers before and after the statement.
        b = driver("x", "journalist", 121_800)
        p = say(
            b,
            _ts(9, 8, 31, 20),
            "@Fjordnett Hi, I'm reporting on today's mobile data "
            "outage for Dagsnytt Nord. Your press line isn't answering. Can someone from "
            "your press team call me?",
        )
        answer(
            p,
            _ts(9, 10, 21, 30),
            "Hi, sorry for the wait. Our press team will call you "
            "within 30 minutes. – Lars Eide, Head of Communications",
            corp,
        )
        say(
            b,
            _ts(9, 10, 4, 45),
            "@Fjordnett Two and a half hours into a nationwide outage "
            "with reports of double charges, and still no statement from Fjordnett. Customers "
            "are left in the dark. Poor crisis handling.",
        )
        p = say(
            b,
            _ts(9, 11, 41, 10),
            "@Fjordnett Thanks for the statement. How many "
            "customers were charged twice, and will you cover overdraft fees?",
            stmt_x,
        )
        answer(
            p,
            _ts(9, 11, 58, 5),
            "About 212,000 customers were charged twice. Yes, we "
            "cover overdraft and bank fees: customers just send us the receipt. – Lars",
            corp,
        )
        personal_after.append(b)
        two_turns.append(b)

        # X: a streamer who only ever gets a copy-paste link.
        c = driver("x", "influencer", 68_300)
        p = say(
            c,
            _ts(9, 9, 8, 30),
            "@FjordnettHelp Stream died mid-tournament because your "
            "mobile data is dead. 2,000 viewers gone. Thanks for nothing, useless.",
            handle=DEMO_BRAND.x_support_handle,
        )
        answer(p, _ts(9, 12, 49, 50), _T_STATEMENT, self.brand_x_help)
        say(
            c,
            _ts(9, 13, 17, 0),
            "@FjordnettHelp Still dead in Trondheim. Not a single "
            "personal reply to me or anyone I know. Horrible.",
            handle=DEMO_BRAND.x_support_handle,
        )
        say(
            c,
            _ts(9, 20, 42, 10),
            "@FjordnettHelp Back online. Lost a day of income, charged "
            "twice, and got a copy-paste answer. Not impressed, really bad.",
            handle=DEMO_BRAND.x_support_handle,
        )

        # X: a consumer journalist on the billing story, answered personally on day two.
        d = driver("x", "journalist", 44_900)
        p = say(
            d,
            _ts(10, 7, 48, 15),
            "@FjordnettHelp Readers tell us they were charged "
            "twice for March and are now overdrawn. Will Fjordnett cover the fees? Awful "
            "situation for many families.",
            handle=DEMO_BRAND.x_support_handle,
        )
        answer(
            p,
            _ts(10, 8, 37, 20),
            "Hi, yes: we cover all bank and overdraft fees caused "
            "by the double charge. Customers can send the receipt by DM or to "
            "refusjon@fjordnett.example. Sorry to everyone affected. ^MH",
            self.brand_x_help,
        )
        say(
            d,
            _ts(10, 12, 5, 0),
            "@Fjordnett Still hearing from pensioners with overdrawn "
            "accounts after your double charge. This is a terrible mess.",
        )
        say(
            d,
            _ts(11, 13, 12, 0),
            "@Fjordnett Your update says bank fees are covered, but "
            "readers say your support told them to contact their own bank. Which is it? "
            "Confusing and frustrating.",
        )
        personal_after.append(d)

        # X: an angry local influencer nobody ever answers.
        e = driver("x", "influencer", 23_600)
        say(
            e,
            _ts(9, 7, 5, 0),
            "@Fjordnett No data anywhere in Bergen. Nothing on your site, "
            "nothing here. Useless company 😡",
        )
        say(
            e,
            _ts(9, 10, 33, 0),
            "@Fjordnett Four hours, no data, no answer. Worst company "
            "in Norway. Cancelling as soon as this is over.",
        )
        say(
            e,
            _ts(9, 15, 20, 0),
            "@Fjordnett Blog post, no personal answer, still no data in Bergen. Pathetic.",
        )
        say(
            e,
            _ts(10, 9, 15, 0),
            "@Fjordnett Charged twice AND no data yesterday. Disgusting "
            "way to treat customers. Leaving.",
        )

        # Facebook: a local politician, answered personally with a second turn.
        f_author = driver("facebook", "influencer", 79_800, "Astrid Vik")
        p = say(
            f_author,
            _ts(9, 11, 48, 0),
            "Five hours of silence while elderly people "
            "worried about their safety alarms. This is a disgrace, Fjordnett. I will "
            "raise this with the municipality.",
            stmt_fb,
        )
        r = answer(
            p,
            _ts(9, 12, 31, 0),
            "Astrid, you're right that we were too slow this "
            "morning, and I'm sorry. Safety alarms use calls and SMS, which kept "
            "working, but we should have said so hours earlier. Can I call you today? "
            "– Lars Eide, Head of Communications",
            page,
        )
        f = say(
            f_author, _ts(9, 12, 52, 0), "Yes, please call me. Thank you for answering, Lars.", r
        )
        answer(
            f, _ts(9, 13, 8, 0), "Thank you, Astrid. I'll call you within the hour. – Lars", page
        )
        say(
            f_author,
            _ts(9, 15, 12, 0),
            "Still hearing from elderly residents in Tromsø who "
            "were terrified. Shameful handling from start to finish, Fjordnett.",
        )
        say(
            f_author,
            _ts(10, 9, 2, 0),
            "And now the invoices arrive with the double charge. "
            "Awful. Families in Tromsø are overdrawn.",
        )
        personal_after.append(f_author)
        two_turns.append(f_author)

        # Facebook: a motoring blogger who gets one template.
        g = driver("facebook", "influencer", 35_200, "Bjørn Tveit")
        say(
            g,
            _ts(9, 9, 20, 0),
            "No data, no navigation, stuck on the E6 with a car full of "
            "kids. Fjordnett, this is beyond terrible.",
        )
        p = say(
            g,
            _ts(9, 13, 40, 0),
            "Terrible. A statement five hours later, and still no data on the E6. Awful.",
            stmt_fb,
        )
        answer(p, _ts(9, 14, 15, 0), _T_DM, page)
        say(g, _ts(10, 10, 30, 0), "Charged twice as well. Useless company, useless support.")

        # Facebook: a parenting blogger who is never answered.
        h = driver("facebook", "influencer", 25_400, "Mona Sæther")
        say(
            h,
            _ts(9, 10, 2, 0),
            "Could not reach my kids' school all morning because "
            "Fjordnett's data is dead. Horrible feeling. Not one word from Fjordnett.",
        )
        say(
            h,
            _ts(9, 14, 45, 0),
            "Still no reply from Fjordnett to anyone I know. Disgraceful treatment of customers.",
            stmt_fb,
        )
        say(h, _ts(10, 8, 10, 0), "Double charged. Overdrawn. Furious. Thanks a lot, Fjordnett.")

        self.facts["personal_after_statement"] = personal_after
        self.facts["two_brand_turns"] = two_turns

        # Comments the page moderates: spam, abuse, personal data, and civil criticism.
        specials: dict[str, list[_Post]] = {}
        plan = (
            (
                "spam",
                _SPAM,
                (
                    _ts(9, 11, 52),
                    _ts(9, 13, 5),
                    _ts(9, 15, 40),
                    _ts(9, 18, 22),
                    _ts(10, 9, 10),
                    _ts(10, 13, 45),
                ),
            ),
            (
                "abuse",
                _ABUSE,
                (
                    _ts(9, 11, 58),
                    _ts(9, 12, 40),
                    _ts(9, 13, 55),
                    _ts(9, 14, 10),
                    _ts(9, 17, 30),
                    _ts(10, 8, 50),
                ),
            ),
            ("personal", _PERSONAL_DATA, (_ts(9, 12, 15), _ts(9, 14, 50), _ts(10, 9, 40))),
            ("civil", _CIVIL_DELETED, (_ts(9, 12, 5), _ts(9, 12, 48), _ts(9, 13, 30))),
            ("civil_hidden", (_CIVIL_HIDDEN_RESTORED,), (_ts(9, 11, 55),)),
        )
        for kind, texts, times in plan:
            specials[kind] = []
            for text, base in zip(texts, times, strict=True):
                when = base + self.rng.randrange(60)
                target = stmt_fb if when < _ts(10, 6) else self._latest(self.fb_page_posts, when)
                post = self.customer_post("facebook", when, kind, target=target, text=text)
                self.scripted.add(id(post))
                specials[kind].append(post)
        self.facts["specials"] = specials

    # ----------------------------------------------------------------- support queue

    def _agent(self, when: int) -> tuple[str, str]:
        surge = TRIGGER <= when < _ts(12, 0)
        return self.rng.choice(_AGENTS_SURGE if surge else _AGENTS_CORE)

    def _needs_reply(self, post: _Post) -> bool:
        rng = self.rng
        p = {
            "question_base": 0.97,
            "praise": 0.55,
            "mild": 0.92,
            "outage": 0.9,
            "billing": 0.95,
            "question": 0.97,
            "statement_neg": 0.6,
            "statement_pos": 0.35,
            "restored_pos": 0.4,
            "restored_mixed": 0.7,
            "straggler": 0.9,
            "after_neg": 0.85,
            "after_pos": 0.5,
        }.get(post.cat, 0.0)
        if post.parent is not None and post.platform == "facebook":
            p *= 0.75  # comments under the page's own posts are answered less often
        return rng.random() < p

    def _reply_text(self, post: _Post, when: int, agent: tuple[str, str], personal: bool) -> str:
        """What support writes back: a pasted template, or a signed reply to the person."""
        rng = self.rng
        cat = post.cat
        slots = post.slots
        town = slots.get("town", "your area")
        name, initials = agent
        sign = f" ^{initials}" if post.platform == "x" else f" /{name}"
        hello = f"Hi {post.author.first}! " if post.platform == "facebook" else "Hi! "
        crisis = TRIGGER <= when < _ts(13, 0)
        if cat == "question_base":
            answer = _QA[int(slots["qa"])][1].format(town=town)
            if not personal:
                return "Thanks for reaching out! Please send us a DM and we'll take a look."
            return hello + answer + sign
        if cat == "praise" or (
            cat in ("restored_pos", "statement_pos", "after_pos") and not personal
        ):
            return (
                _T_THANKS
                if not personal
                else (f"{hello}Thank you, that made our day! We'll pass it on to the team 😊{sign}")
            )
        if cat == "mild" and not crisis:
            if not personal:
                return _T_DM
            return (
                f"{hello}Sorry about that. Could you DM us your account number so we can "
                f"look into it{' in ' + town if 'town' in slots else ''}?{sign}"
            )
        if not personal:
            if cat in ("billing", "after_neg") or (cat == "question" and "charge" in post.text):
                return _T_REFUND if when >= _ts(10, 0) else _T_BILL
            if when < STATEMENT_X:
                return rng.choice((_T_ACK, _T_ACK, _T_DM))
            if when < RESTORED:
                return rng.choice((_T_STATEMENT, _T_STATEMENT, _T_DM))
            if when < _ts(10, 0):
                return rng.choice((_T_RESTORED, _T_DM))
            return rng.choice((_T_REFUND, _T_DM))
        # Personal: addresses the person and the specifics, and is signed.
        if when < STATEMENT_X:
            status = "Our engineers are on it and we'll update you as soon as we know more."
        elif when < RESTORED:
            status = "We've explained what happened and what we're doing here: " + (
                DEMO_BRAND.blog_url
            )
        elif when < _ts(10, 0):
            status = "Data should be back now. If not, restart your phone and let me know."
        else:
            status = "Refunds are automatic and bank fees are on us."
        if cat == "billing" or (cat == "question" and "charge" in post.text):
            amount = slots.get("amount")
            what = f" of {amount} kr" if amount else ""
            fee = (
                " and the overdraft fee"
                if "overdraft" in slots.get("hurt", "") or "fee" in slots.get("hurt", "")
                else ""
            )
            return (
                f"{hello}I'm really sorry about the double charge{what}{fee}. It's our "
                f"mistake and you'll get it back automatically by Monday 16 March at the "
                f"latest.{sign}"
            )
        if cat in ("outage", "straggler", "question"):
            if "cons" in slots:
                lead = f"{hello}So sorry you {slots['cons']} because of the outage. That's on us."
            elif cat == "question":
                lead = (
                    f"{hello}Yes, it's a nationwide fault on our mobile network, not your "
                    f"phone. Sorry!"
                )
            else:
                lead = f"{hello}Sorry about the outage in {town}, that's on us."
            return f"{lead} {status}{sign}"
        if cat in ("statement_neg", "restored_mixed", "after_neg", "mild"):
            return (
                f"{hello}That's fair criticism and I'm sorry. We should have told you "
                f"sooner. {status}{sign}"
            )
        return f"{hello}Thanks for your patience today, it means a lot to us.{sign}"

    def _reply(self, item: _Item, when: int) -> _Post:
        rng = self.rng
        post = item.post
        agent = self._agent(when)
        if item.priority:
            personal = rng.random() < 0.85
        elif TRIGGER <= when < _ts(11, 0):
            personal = rng.random() < (0.25 if self._backlog > 100 else 0.45)
        else:
            personal = rng.random() < 0.65
        text = self._reply_text(post, when, agent, personal)
        if post.platform == "x":
            account = self.brand_x_help
            if post.text.startswith(f"@{DEMO_BRAND.x_corporate_handle} ") and rng.random() < 0.08:
                account = self.brand_x_corp
            text = f"@{post.author.id} {text}"
            if len(text) > 280:
                text = f"@{post.author.id} {_T_DM}"
            reply = self.brand_post("x", when, text, account, parent=post)
        else:
            reply = self.brand_post("facebook", when, text, parent=_fb_parent(post))
        reply.cat = "brand_reply"
        reply.slots = {"personal": "1" if personal else "", "agent": agent[0]}
        self.answered.setdefault(id(post), when)
        return reply

    def _follow_up(self, reply: _Post, target: _Post) -> tuple[_Post, bool] | None:
        """Some customers answer back; a negative or DM answer may get a second brand turn."""
        rng = self.rng
        crisis = TRIGGER <= reply.created < _ts(12, 0)
        if target.cat in ("praise", "restored_pos", "statement_pos", "after_pos"):
            return None
        if rng.random() >= (0.22 if crisis else 0.10):
            return None
        personal = bool(reply.slots.get("personal"))
        roll = rng.random()
        if personal:
            kind = "thanks" if roll < 0.4 else "neg" if roll < 0.75 else "dm"
        else:
            kind = "neg" if roll < 0.55 else "dm" if roll < 0.8 else "thanks"
        if kind == "neg":
            n = _hours((reply.created - TRIGGER) // _HOUR) if crisis else "three hours"
            text = rng.choice(_FOLLOW_NEG).format(n=n, town=target.slots.get("town", "Oslo"))
        elif kind == "dm":
            text = rng.choice(_FOLLOW_DM)
        else:
            text = rng.choice(_FOLLOW_THANKS).format(agent=reply.slots.get("agent", "you"))
        when = reply.created + rng.randrange(3 * _MIN, 90 * _MIN)
        if when >= PERIOD_END:
            return None
        if target.platform == "x":
            handle = reply.author.id
            post = self.customer_post("x", when, "followup", target.author, reply, text, handle)
        else:
            post = self.customer_post(
                "facebook", when, "followup", target.author, _fb_parent(reply), text
            )
        post.slots = dict(target.slots)
        post.slots["follow"] = kind
        post.cat = "followup"
        wants = {"neg": 0.6, "dm": 0.7, "thanks": 0.1}[kind]
        return post, rng.random() < wants

    def _followup_text(self, post: _Post, agent: tuple[str, str]) -> str:
        name, initials = agent
        sign = f" ^{initials}" if post.platform == "x" else f" /{name}"
        kind = post.slots.get("follow")
        if kind == "dm":
            return f"Thanks, we've got your DM and answered there.{sign}"
        if kind == "thanks":
            return f"You're welcome! Let us know if anything else comes up.{sign}"
        return (
            f"I understand, and I'm sorry it's taking this long. I've flagged your case "
            f"and will follow up personally.{sign}"
        )

    def support_queue(self) -> None:
        """Simulate the support desk minute by minute.

        Why a queue and not random delays: the backlog is the evidence for tip 3 ("did
        response capacity hold at the peak?"). Capacity is what the team could send per
        hour; during the surge agents skip posts older than six hours (the statement is
        meant to cover those) and alternate between the oldest and the newest post.
        """
        rng = self.rng
        heap: list[tuple[int, int, _Item]] = []
        seq = 0
        for post in sorted(self.posts, key=lambda p: (p.created, p.ms)):
            if post.is_brand or id(post) in self.scripted or post.cat in ("followup", ""):
                continue
            if not self._needs_reply(post):
                continue
            ready = (
                post.created
                + 15 * _MIN
                + int(min(75.0, rng.lognormvariate(math.log(18), 0.6)) * _MIN)
            )
            heapq.heappush(heap, (ready, seq, _Item(post)))
            seq += 1
        main: deque[_Item] = deque()
        prio: deque[_Item] = deque()
        acc = 0.0
        self._backlog = 0
        for now in range(PERIOD_START, PERIOD_END - _MIN, _MIN):
            while heap and heap[0][0] <= now:
                item = heapq.heappop(heap)[2]
                (prio if item.priority else main).append(item)
            self._backlog = len(main)
            rate = _capacity(now)
            if rate <= 0:
                acc = 0.0
                continue
            acc += rate / 60.0
            while acc >= 1.0 and (prio or main):
                item = self._pick(prio, main, now)
                if item is None:
                    break
                acc -= 1.0
                when = now + rng.randrange(60)
                target = item.post
                if item.priority:
                    agent = self._agent(when)
                    text = self._followup_text(target, agent)
                    if target.platform == "x":
                        reply = self.brand_post(
                            "x",
                            when,
                            f"@{target.author.id} {text}",
                            self.brand_x_help,
                            parent=target,
                        )
                    else:
                        reply = self.brand_post("facebook", when, text, parent=_fb_parent(target))
                    reply.cat = "brand_reply"
                    reply.slots = {"personal": "1", "agent": agent[0]}
                    self.answered.setdefault(id(target), when)
                    continue
                reply = self._reply(item, when)
                follow = self._follow_up(reply, target)
                if follow is not None and follow[1]:
                    fpost = follow[0]
                    ready = fpost.created + rng.randrange(5 * _MIN, 40 * _MIN)
                    heapq.heappush(heap, (ready, seq, _Item(fpost, priority=True)))
                    seq += 1
            if not prio and not main:
                acc = min(acc, 1.0)

    def _pick(self, prio: deque[_Item], main: deque[_Item], now: int) -> _Item | None:
        if prio:
            return prio.popleft()
        surge = TRIGGER <= now < CRISIS_QUEUE_END
        fifo = self.rng.random() < 0.6
        while main:
            item = main.popleft() if fifo else main.pop()
            created = item.post.created
            max_age = 6 * _HOUR if surge and created >= TRIGGER else 48 * _HOUR
            if now - created <= max_age:
                return item
        return None

    # ----------------------------------------------------------------- after the queue

    def self_follow_ups(self) -> None:
        """Customers left waiting bump their own post: part of the same episode."""
        rng = self.rng
        for post in list(self.posts):
            if post.is_brand or post.cat not in ("outage", "billing", "question"):
                continue
            if not TRIGGER <= post.created < _ts(11, 0) or rng.random() >= 0.06:
                continue
            when = post.created + rng.randrange(100 * _MIN, 240 * _MIN)
            first = self.answered.get(id(post))
            if first is not None and first <= when:
                continue
            n = _hours((when - post.created) // _HOUR)
            text = rng.choice(_SELF_FOLLOW).format(n=n)
            handle = DEMO_BRAND.x_support_handle
            if post.platform == "x" and post.text.startswith(f"@{DEMO_BRAND.x_corporate_handle} "):
                handle = DEMO_BRAND.x_corporate_handle
            target = post if post.platform == "x" else _fb_parent(post)
            self.customer_post(post.platform, when, "followup", post.author, target, text, handle)

    def auto_replies(self) -> None:
        """The page's Messenger-style away message answers some visitor posts at night."""
        rng = self.rng
        forced = False
        for post in sorted(self.posts, key=lambda p: (p.created, p.ms)):
            if post.platform != "facebook" or post.is_brand or post.parent is not None:
                continue
            _, hour = _oslo_hour(post.created)
            if 8 <= hour < 20:
                continue
            force = not forced and TRIGGER <= post.created < ACK - 5 * _MIN
            if not force and rng.random() >= 0.1:
                continue
            when = post.created + rng.randrange(4, 40)
            reply = self.brand_post("facebook", when, _T_AUTO, parent=post, tag="auto")
            reply.kind = "auto_reply"
            if force:
                forced = True
                self.facts["auto_reply_before_ack"] = reply
        if not forced:
            raise RuntimeError("demo story broken: no Facebook visitor post before the ack")

    def blame_shifting(self) -> None:
        """A handful of agents blame a supplier or the customer: tip 5's counter-examples."""
        rng = self.rng
        pool = [
            p
            for p in self.posts
            if p.cat == "brand_reply"
            and _ts(9, 8, 30) <= p.created < _ts(10, 18)
            and p.parent is not None
            and p.parent.cat in ("outage", "billing", "straggler")
        ]
        chosen = sorted(rng.sample(pool, 10), key=lambda p: (p.created, p.ms))
        for i, post in enumerate(chosen):
            text = _BLAME[i % len(_BLAME)]
            if "charge" in _BLAME[i % len(_BLAME)] and post.parent.cat != "billing":
                text = _BLAME[0]
            sign = " ^TB" if post.platform == "x" else " /Thomas"
            if post.platform == "x":
                text = f"@{post.parent.author.id} {text}{sign}"
            else:
                text = f"{text}{sign}"
            post.text = text
            post.cat = "brand_blame"
        self.blame = chosen

    def orphans(self) -> list[tuple[_Post, str]]:
        """Two replies to brand tweets from before the export window: real exports cut
        threads at the edge, so loaders must accept a parent that is not in the file."""
        out = []
        for when, text, missing in (
            (
                _ts(2, 0, 4, 31),
                "@FjordnettHelp Thanks, that worked! The router is fine now.",
                "1897664129503311872",  # a brand reply from Sunday 1 March
            ),
            (
                _ts(2, 7, 12, 9),
                "@FjordnettHelp Still not sorted, I did what you said "
                "yesterday and the wifi keeps dropping. Frustrating.",
                "1897725830618202113",
            ),
        ):
            author = self.author("x")
            post = self.add(_Post("x", when, author, text, "reply", None, "orphan"))
            post.orphan_parent_id = missing
            out.append((post, missing))
        return out


def _fb_parent(target: _Post) -> _Post:
    """Facebook nests comments two levels deep: an answer to a reply sits under the
    top-level comment, which is what Graph exports show as ``parent``."""
    if target.parent is None or target.parent.parent is None:
        return target
    return target.parent


_X_ID_BASE = 1_898_000_000_000_000_000
_FB_POST_BASE = 2_871_000_000_000_000
_FB_COMMENT_BASE = 1_093_000_000_000_000


def _assign_ids(posts: list[_Post]) -> None:
    """Ids grow with time, like snowflakes; they do not decode to real Twitter times."""
    ordered = sorted(posts, key=lambda p: (p.created, p.ms, p.platform))
    xi = fi = 0
    for post in ordered:
        if post.platform == "x":
            total_ms = (post.created - PERIOD_START) * 1000 + post.ms
            post.id = str(_X_ID_BASE + (total_ms << 22) + xi)
            xi += 1
        else:
            elapsed = post.created - PERIOD_START
            if post.parent is None:
                post.id = f"{DEMO_BRAND.facebook_page_id}_{_FB_POST_BASE + elapsed * 10_000 + fi}"
            else:
                root_num = post.root.id.split("_", 1)[1]
                post.id = f"{root_num}_{_FB_COMMENT_BASE + elapsed * 10_000 + fi}"
            fi += 1
    if fi >= 10_000 or xi >= 1 << 22:
        raise RuntimeError("demo too large for its id scheme")


# --------------------------------------------------------------------------- writing


def _write_atomic(path: Path, data: str) -> None:
    """Write beside the target, then rename: a reader sees the old file or the new one.

    The temp name carries the pid so two concurrent runs never share a temp file; opening
    it normally (not via mkstemp) keeps the user's umask, so the demo is readable by others.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _with_duplicates(rows: list[Any], picks: list[int], rng: random.Random) -> list[Any]:
    """Repeat some records a few rows later, as overlapping export pages do."""
    later: dict[int, list[Any]] = {}
    for i in picks:
        later.setdefault(min(len(rows) - 1, i + rng.randrange(1, 40)), []).append(rows[i])
    out = []
    for i, row in enumerate(rows):
        out.append(row)
        out.extend(later.get(i, ()))
    return out


FILE_NAMES = {
    "x_mentions": "x_mentions.csv",
    "x_authors": "x_authors.csv",
    "facebook_comments": "facebook_comments.jsonl",
    "statements": "statements.csv",
    "moderation": "moderation.csv",
    "escalations": "escalations.csv",
    "x_api_v2": "x_api_v2.jsonl",
    "facebook_feed": "facebook_feed.json",
    "facebook_authors": "facebook_authors.csv",
    "youtube_comment_threads": "youtube_comment_threads.json",
    "brandwatch_mentions": "brandwatch_mentions.csv",
}


def generate(dest: Path, seed: int = 2026) -> DemoFiles:
    """Write the Fjordnett demo incident into ``dest`` and return its ground truth.

    The same seed always gives byte-identical files, so a report rendered from the demo
    is reproducible and a test can pin its numbers.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    contents, story, facts = _render(seed)
    for field_name, name in FILE_NAMES.items():
        _write_atomic(dest / name, contents[field_name])
    return _demo_files(dest, story, facts)


def ensure(dest: Path, seed: int = 2026) -> DemoFiles:
    """Make sure ``dest`` holds the current demo, writing only what is missing or stale.

    Why not always regenerate: ``load_params`` calls this on every run of the demo
    parameters, and rewriting unchanged files would change their times (and any cache
    keyed on them). Why not only when missing: the folder is the generator's output, not
    the user's data, so files left by an older generator are brought up to date.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    contents, story, facts = _render(seed)
    for field_name, name in FILE_NAMES.items():
        path = dest / name
        data = contents[field_name]
        if not path.is_file() or path.read_bytes() != data.encode("utf-8"):
            _write_atomic(path, data)
    return _demo_files(dest, story, facts)


def _demo_files(dest: Path, story: dict[str, datetime], facts: dict[str, Any]) -> DemoFiles:
    paths = {field_name: dest / name for field_name, name in FILE_NAMES.items()}
    return DemoFiles(dest=dest, story=story, facts=facts, **paths)


def _render(seed: int) -> tuple[dict[str, str], dict[str, datetime], dict[str, Any]]:
    """Build the whole incident in memory: file contents, key moments, and the facts."""
    b = _Builder(seed)
    b.script_brand()
    b.drivers_and_specials()
    b.streams()
    b.support_queue()
    b.self_follow_ups()
    b.auto_replies()
    b.blame_shifting()
    orphans = b.orphans()
    _assign_ids(b.posts)
    rng = b.rng

    ordered = sorted(b.posts, key=lambda p: (p.created, p.ms, p.platform))
    x_posts = [p for p in ordered if p.platform == "x"]
    fb_posts = [p for p in ordered if p.platform == "facebook"]

    # ---- X / twcs
    x_rows = []
    for p in x_posts:
        parent_id = p.parent.id if p.parent is not None else (p.orphan_parent_id or "")
        x_rows.append(
            [
                p.id,
                p.author.id,
                "False" if p.is_brand else "True",
                _x_time(p.created),
                p.text,
                ",".join(r.id for r in p.replies),
                parent_id,
            ]
        )
    x_candidates = [i for i, p in enumerate(x_posts) if not p.is_brand and p.cat != "orphan"]
    x_dupes = sorted(rng.sample(x_candidates, X_DUPLICATE_ROWS))
    x_rows = _with_duplicates(x_rows, x_dupes, rng)
    x_header = list(TWCS_COLUMNS)  # the layout the twcs loader reads

    authors: list[_Author] = [b.brand_x_help, b.brand_x_corp]
    seen: set[str] = {a.id for a in authors}
    for p in x_posts:
        if p.author.id not in seen:
            seen.add(p.author.id)
            authors.append(p.author)
    author_rows = [[a.id, str(a.followers)] for a in authors]

    # ---- Facebook
    fb_lines = []
    for p in fb_posts:
        record = {
            "id": p.id,
            "post_id": p.root.id,
            "parent_id": p.parent.id if p.parent is not None else None,
            "from_id": p.author.id,
            "from_name": p.author.name,
            "created_time": _fb_time(p.created),
            "message": p.text,
            "kind": p.kind,
            "reactions": max(0, p.reactions),
            "followers": p.author.followers,
        }
        fb_lines.append(json.dumps(record, ensure_ascii=False))
    fb_candidates = [i for i, p in enumerate(fb_posts) if not p.is_brand]
    fb_dupes = sorted(rng.sample(fb_candidates, FACEBOOK_DUPLICATE_ROWS))
    fb_lines = _with_duplicates(fb_lines, fb_dupes, rng)

    # ---- statements
    f = b.facts
    st_rows = [
        ["S1-blog", _oslo_iso(BLOG), "blog", DEMO_BRAND.blog_url, _STATEMENT_BLOG],
        [
            "S1-twitter",
            _oslo_iso(STATEMENT_X),
            "twitter",
            f"https://x.com/{DEMO_BRAND.x_corporate_handle}/status/{f['statement_tweet'].id}",
            _STATEMENT_X,
        ],
        [
            "S1-facebook",
            _oslo_iso(STATEMENT_FB),
            "facebook",
            _fb_url(f["statement_facebook_post"]),
            _STATEMENT_FB,
        ],
        ["S2-blog", _oslo_iso(UPDATE_BLOG), "blog", DEMO_BRAND.update_blog_url, _UPDATE_BLOG],
        [
            "S2-twitter",
            _oslo_iso(UPDATE_X),
            "twitter",
            f"https://x.com/{DEMO_BRAND.x_corporate_handle}/status/{f['update_tweet'].id}",
            _UPDATE_X,
        ],
        [
            "S2-facebook",
            _oslo_iso(UPDATE_FB),
            "facebook",
            _fb_url(f["update_facebook_post"]),
            _UPDATE_FB,
        ],
    ]

    # ---- moderation
    sp = f["specials"]
    mod: list[tuple[int, str, _Post, str, str]] = []
    moderators = ("Jonas Solberg", "Marte Haugen", "Ingrid Kvam")
    for i, post in enumerate(sp["spam"]):
        mod.append(
            (
                post.created + rng.randrange(4, 35) * _MIN,
                "hide" if i < 4 else "delete",
                post,
                "R2",
                moderators[i % 3],
            )
        )
    for i, post in enumerate(sp["abuse"]):
        action = "delete" if i in (1, 3, 5) else "hide"
        mod.append(
            (post.created + rng.randrange(3, 30) * _MIN, action, post, "R3", moderators[i % 3])
        )
    for i, post in enumerate(sp["personal"]):
        mod.append(
            (post.created + rng.randrange(5, 40) * _MIN, "hide", post, "R4", moderators[i % 3])
        )
    for post in sp["civil"]:
        mod.append((post.created + rng.randrange(6, 25) * _MIN, "delete", post, "", "Thomas Berg"))
    hidden = sp["civil_hidden"][0]
    mod.append((hidden.created + 9 * _MIN, "hide", hidden, "", "Thomas Berg"))
    mod.append((_ts(9, 14, 32, 10), "restore", hidden, "", "Marte Haugen"))
    mod.sort(key=lambda m: (m[0], m[2].id))
    mod_rows = [
        [_utc_iso(t), "facebook", action, post.id, rule, who] for t, action, post, rule, who in mod
    ]

    # ---- escalations (kept by people in Oslo, so logged in local time)
    esc_rows = [
        [
            _oslo_iso(ESC_1),
            "1",
            "Support lead alerted: no-data mentions spiking on X and "
            "Facebook; holding reply approved",
            "Marte Haugen (support lead)",
        ],
        [
            _oslo_iso(ESC_2),
            "2",
            "Head of Communications and network operations on call; six "
            "agents moved from the phone queue to social",
            "Lars Eide (Head of Communications)",
        ],
        [
            _oslo_iso(ESC_3),
            "3",
            "Crisis team convened and CEO informed; statement drafting started",
            "Hilde Strand (CEO)",
        ],
        [
            _oslo_iso(BLOG),
            "3",
            "Official statement published on the blog",
            "Lars Eide (Head of Communications)",
        ],
        [
            _oslo_iso(_ts(9, 16, 5)),
            "3",
            "Network operations confirm mobile data restored nationwide",
            "Network operations",
        ],
        [
            _oslo_iso(_ts(10, 6, 30)),
            "3",
            "Invoice e-mails going out; refund template briefed to all agents",
            "Marte Haugen (support lead)",
        ],
        [
            _oslo_iso(DEESCALATE_2),
            "2",
            "De-escalated to level 2: negative volume below the crisis trigger for six hours",
            "Lars Eide (Head of Communications)",
        ],
        [
            _oslo_iso(UPDATE_BLOG),
            "2",
            "Update statement published as promised",
            "Lars Eide (Head of Communications)",
        ],
        [
            _oslo_iso(DEESCALATE_1),
            "1",
            "De-escalated to level 1: monitoring by support lead",
            "Marte Haugen (support lead)",
        ],
        [
            _oslo_iso(CLOSED),
            "0",
            "Incident closed; post-mortem scheduled for 24 March",
            "Lars Eide (Head of Communications)",
        ],
    ]

    contents = {
        "x_mentions": _csv_text(x_header, x_rows),
        "x_authors": _csv_text(["author_id", "followers_count"], author_rows),
        "facebook_comments": "".join(line + "\n" for line in fb_lines),
        "statements": _csv_text(
            ["statement_id", "published_at", "channel", "url", "text"], st_rows
        ),
        "moderation": _csv_text(
            ["action_at", "platform", "action", "target_id", "rule_id", "moderator"], mod_rows
        ),
        "escalations": _csv_text(["logged_at", "level", "action", "owner"], esc_rows),
    }

    story = {
        "period_start": _dt(PERIOD_START),
        "period_end": _dt(PERIOD_END),
        "baseline_start": _dt(PERIOD_START),
        "baseline_end": _dt(_ts(9, 0)),
        "trigger": _dt(TRIGGER),
        "auto_reply_before_acknowledgement": _dt(f["auto_reply_before_ack"].created),
        "escalation_level_1": _dt(ESC_1),
        "first_acknowledgement": _dt(ACK),
        "escalation_level_2": _dt(ESC_2),
        "escalation_level_3": _dt(ESC_3),
        "peak_expected": _dt(PEAK_HOUR),
        "official_statement": _dt(BLOG),
        "statement_social_post": _dt(STATEMENT_X),
        "statement_facebook_post": _dt(STATEMENT_FB),
        "service_restored": _dt(RESTORED),
        "restored_post": _dt(RESTORED_X),
        "invoice_bump_peak": _dt(INVOICE_PEAK_HOUR),
        "deescalated_level_2": _dt(DEESCALATE_2),
        "update_statement": _dt(UPDATE_BLOG),
        "update_promised_by": _dt(UPDATE_PROMISED_BY),
        "deescalated_level_1": _dt(DEESCALATE_1),
        "refunds_completed": _dt(REFUNDS_COMPLETED),
        "refunds_due": _dt(REFUNDS_DUE),
        "incident_closed": _dt(CLOSED),
        "recovery_expected": _dt(RECOVERY_EXPECTED),
    }

    def ref(post: _Post) -> tuple[str, str]:
        return ("twitter" if post.platform == "x" else "facebook", post.id)

    facts: dict[str, Any] = {
        "acknowledgement_tweet_id": f["acknowledgement_tweet"].id,
        "brand_thread_continuation_ids": [
            ref(f["ack_thread_tweet"]),
            ref(f["statement_thread_tweet"]),
            ref(f["restored_tweet"]),
            ref(f["restored_facebook_comment"]),
        ],
        "statement_tweet_id": f["statement_tweet"].id,
        "statement_facebook_post_id": f["statement_facebook_post"].id,
        "update_tweet_id": f["update_tweet"].id,
        "update_facebook_post_id": f["update_facebook_post"].id,
        "auto_reply_before_acknowledgement_id": f["auto_reply_before_ack"].id,
        "blog_url": DEMO_BRAND.blog_url,
        "update_blog_url": DEMO_BRAND.update_blog_url,
        "blame_reply_ids": [ref(p) for p in b.blame],
        "high_reach_negative_authors": [
            ("twitter" if a.platform == "x" else "facebook", a.id) for a in b.drivers
        ],
        "personal_reply_after_statement_authors": [
            ("twitter" if a.platform == "x" else "facebook", a.id)
            for a in f["personal_after_statement"]
        ],
        "two_brand_turn_authors": [
            ("twitter" if a.platform == "x" else "facebook", a.id) for a in f["two_brand_turns"]
        ],
        "moderated_civil_deleted_ids": [p.id for p in sp["civil"]],
        "moderated_hidden_then_restored_id": hidden.id,
        "moderation_rules": dict(MODERATION_RULES),
        "x_duplicate_rows": X_DUPLICATE_ROWS,
        "facebook_duplicate_rows": FACEBOOK_DUPLICATE_ROWS,
        "x_orphan_reply_ids": [p.id for p, _ in orphans],
        "x_missing_parent_ids": [m for _, m in orphans],
        "rows": {
            "x_mentions": len(x_rows),
            "x_authors": len(author_rows),
            "facebook_comments": len(fb_lines),
            "statements": len(st_rows),
            "moderation": len(mod_rows),
            "escalations": len(esc_rows),
        },
        "total_mentions": len(x_rows) + len(fb_lines),
    }
    extra, extra_facts = _real_formats(seed, b, x_posts, fb_posts, orphans)
    contents.update(extra)
    facts["rows"].update(extra_facts.pop("rows"))
    facts.update(extra_facts)
    return contents, story, facts


def _fb_url(post: _Post) -> str:
    page, num = post.id.split("_", 1)
    return f"https://www.facebook.com/{page}/posts/{num}"


# --------------------------------------------------------------------------- platform formats
#
# The same incident once more, the way the platforms and a listening tool hand it over, so a
# demo run can go through the real adapters. Every file here draws from a generator of its
# own (``_sub_rng``): adding or changing one never moves a byte of the six files above.


def _sub_rng(seed: int, name: str) -> random.Random:
    """A generator per added file, derived from the demo seed (``random`` hashes a str seed
    with SHA-512, so this is the same on every run and machine)."""
    return random.Random(f"fjordnett-demo/{seed}/{name}")


_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_B64URL = _B62 + "-_"


def _token(alphabet: str, length: int, *parts: object) -> str:
    """An opaque, deterministic token (page cursors, etags): a hash spelled in ``alphabet``."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=64).digest()
    n = int.from_bytes(digest, "big")
    out = []
    for _ in range(length):
        n, r = divmod(n, len(alphabet))
        out.append(alphabet[r])
    return "".join(out)


def _iso_ms(ts: int) -> str:
    """X API v2 ``created_at``: ISO 8601 with milliseconds and Z."""
    return f"{_dt(ts):%Y-%m-%dT%H:%M:%S}.000Z"


def _ascii(text: str) -> str:
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("Æ", "Ae"), ("Ø", "O"), ("Å", "A")):
        text = text.replace(a, b)
    return text


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(title.lower())).strip("-")[:60]


def _real_formats(
    seed: int,
    b: _Builder,
    x_posts: list[_Post],
    fb_posts: list[_Post],
    orphans: list[tuple[_Post, str]],
) -> tuple[dict[str, str], dict[str, Any]]:
    """The platform-format files and their facts (``facts["rows"]`` gets their row counts)."""
    x_text, x_facts = _x_api_v2(seed, x_posts, b.facts["statement_tweet"], orphans)
    fb_text, fb_authors, fb_facts = _facebook_feed(seed, fb_posts)
    yt_text, yt_facts = _youtube_threads(seed)
    bw_text, bw_facts = _brandwatch(seed)
    contents = {
        "x_api_v2": x_text,
        "facebook_feed": fb_text,
        "facebook_authors": fb_authors,
        "youtube_comment_threads": yt_text,
        "brandwatch_mentions": bw_text,
    }
    facts: dict[str, Any] = {"rows": {}}
    for part in (x_facts, fb_facts, yt_facts, bw_facts):
        facts["rows"].update(part.pop("rows"))
        facts.update(part)
    return contents, facts


# --------------------------------------------------------------------------- X API v2 (twarc2)

_X_API_QUERY = "@FjordnettHelp OR @Fjordnett OR from:FjordnettHelp OR from:Fjordnett"
_X_API_FIELDS = {
    "expansions": "author_id,referenced_tweets.id,referenced_tweets.id.author_id,"
    "in_reply_to_user_id,entities.mentions.username",
    "tweet.fields": "author_id,conversation_id,created_at,edit_history_tweet_ids,entities,"
    "in_reply_to_user_id,lang,possibly_sensitive,public_metrics,referenced_tweets,reply_settings",
    "user.fields": "created_at,name,public_metrics,username,verified",
}
X_API_PAGE_SIZE = 100
_X_RT_SEQUENCE = 3_000_000  # low id bits of the added retweets: far above the story's own
_MENTION = re.compile(r"@(\w{1,15})(?=\s)")
_X_ACCOUNTS_FROM = int(datetime(2009, 1, 1, tzinfo=UTC).timestamp())
_X_ACCOUNTS_TO = int(datetime(2025, 12, 1, tzinfo=UTC).timestamp())

# The two orphan replies answer brand replies of 1 March. The API names their thread roots
# (customer tweets from earlier that day), which the twcs file cannot: there the missing
# parent becomes the root. (time of the brand reply, minutes after the root, its text)
_ORPHAN_PARENTS = (
    (
        _ts(1, 23, 38, 10),
        41,
        "Sorry about that! Restart the router and keep it off the floor, that usually sorts "
        "the wifi. ^MH",
    ),
    (
        _ts(1, 18, 22, 40),
        312,
        "Sorry to hear it! Try the 5 GHz band after a restart, and DM us if it keeps dropping. ^JS",
    ),
)


def _x_user_id(handle: str, used: set[str]) -> str:
    """A stable numeric user id per handle: old accounts have short ids, new ones 19 digits."""
    salt = 0
    while True:
        digest = hashlib.blake2b(f"x-user/{handle}/{salt}".encode(), digest_size=8).digest()
        h = int.from_bytes(digest, "big")
        if h % 5 < 2:
            value = str(1_300_000_000_000_000_000 + (h // 5) % 600_000_000_000_000_000)
        else:
            value = str(10_000_000 + (h // 5) % 3_000_000_000)
        if value not in used:
            used.add(value)
            return value
        salt += 1


def _x_api_url(extra: dict[str, str]) -> str:
    params = {
        "query": _X_API_QUERY,
        "start_time": "2026-03-02T00:00:00Z",
        "end_time": "2026-03-23T00:00:00Z",
        "max_results": str(X_API_PAGE_SIZE),
        **_X_API_FIELDS,
        **extra,
    }
    return "https://api.twitter.com/2/tweets/search/all?" + urlencode(params)


def _x_api_v2(
    seed: int, x_posts: list[_Post], statement: _Post, orphans: list[tuple[_Post, str]]
) -> tuple[str, dict[str, Any]]:
    """``x_api_v2.jsonl``: the X part of the incident as twarc2 writes X API v2 pages.

    Every tweet of x_mentions.csv with the same id, time, text and author; the author is a
    numeric user id whose ``includes.users`` entry has the twcs author_id as its username
    (the brand handles for the brand) and the follower count of x_authors.csv. Added here
    only: retweets of the statement tweet (kind share: reach, not a voice) and the real
    thread roots of the two orphan replies (``conversation_id``). Pages come from two runs of
    full-archive search, newest first, 100 tweets a page: the first run broke off, and the
    resumed run (``until_id``) starts five tweets back, so five tweets sit on two pages.

    Texts are the twcs texts as they are. Note that the real API escapes ``&``, ``<`` and
    ``>`` in ``text`` as HTML entities; they are not escaped here, so both files load to the
    same rows with the current twarc2 adapter, which does not decode entities.
    """
    rng = _sub_rng(seed, "x_api_v2")
    brand_ids = {
        DEMO_BRAND.x_support_handle: DEMO_BRAND.x_support_user_id,
        DEMO_BRAND.x_corporate_handle: DEMO_BRAND.x_corporate_user_id,
    }
    brand_meta = {
        DEMO_BRAND.x_support_handle: ("Fjordnett Kundeservice", "2014-09-23T08:12:40.000Z"),
        DEMO_BRAND.x_corporate_handle: ("Fjordnett", "2011-08-02T10:44:03.000Z"),
    }
    used = set(brand_ids.values())
    users: dict[str, dict[str, Any]] = {}  # by username

    def user(handle: str, followers: int | None, first: str | None) -> dict[str, Any]:
        known = users.get(handle)
        if known is not None:
            return known
        followers = followers or 0
        if handle in brand_ids:
            uid = brand_ids[handle]
            name, created = brand_meta[handle]
            verified = True
            following, tweets = rng.randint(150, 900), rng.randint(40_000, 160_000)
        else:
            uid = _x_user_id(handle, used)
            first = first or rng.choice(_FIRST_NAMES)
            last = rng.choice(_LAST_NAMES)
            name = rng.choice(
                (
                    f"{first} {last}",
                    f"{first} {last}",
                    f"{first} {last[0]}.",
                    first,
                    f"{first.lower()}_{_ascii(last).lower()}",
                    f"{first} 🇳🇴",
                )
            )
            created = _iso_ms(rng.randrange(_X_ACCOUNTS_FROM, _X_ACCOUNTS_TO))
            verified = followers > 20_000 and rng.random() < 0.5
            following = max(5, int(rng.lognormvariate(math.log(240), 0.8)))
            tweets = max(12, int(rng.lognormvariate(math.log(2_400), 1.1)))
        users[handle] = {
            "id": uid,
            "username": handle,
            "name": name,
            "verified": verified,
            "created_at": created,
            "public_metrics": {
                "followers_count": followers,
                "following_count": following,
                "tweet_count": tweets,
                "listed_count": followers // 180 + rng.randrange(3),
            },
        }
        return users[handle]

    def of(author: _Author) -> dict[str, Any]:
        return user(author.id, author.followers, author.first)

    help_user = user(DEMO_BRAND.x_support_handle, DEMO_BRAND.x_support_followers, None)
    corp_user = user(DEMO_BRAND.x_corporate_handle, DEMO_BRAND.x_corporate_followers, None)

    # Referenced tweets that are not in the export: the orphans' parents.
    outside: dict[str, dict[str, Any]] = {}
    orphan_root: dict[str, str] = {}
    for (post, missing), (when, minutes, text) in zip(orphans, _ORPHAN_PARENTS, strict=True):
        root = str(int(missing) - ((minutes * 60_000) << 22))
        orphan_root[post.id] = root
        outside[missing] = {
            "id": missing,
            "edit_history_tweet_ids": [missing],
            "text": f"@{post.author.id} {text}",
            "created_at": _iso_ms(when),
            "author_id": help_user["id"],
            "conversation_id": root,
            "in_reply_to_user_id": of(post.author)["id"],
            "lang": "en",
        }

    def metrics(p: _Post, retweets: int) -> dict[str, int]:
        if p.is_brand and p.parent is None:
            likes, quotes = rng.randint(30, 260), rng.randint(0, 6)
        elif p.is_brand:
            likes, quotes = rng.choice((0, 0, 0, 1, 1, 2, 3)), 0
        else:
            likes = p.reactions if p.reactions > 0 else min(60, int(rng.paretovariate(1.7)) - 1)
            quotes = 0
        if p is statement:
            likes, quotes = 412, 23
        reach = p.author.followers or 0
        return {
            "retweet_count": retweets,
            "reply_count": len(p.replies),
            "like_count": likes,
            "quote_count": quotes,
            "bookmark_count": rng.choice((0, 0, 0, 0, 1)),
            "impression_count": int(reach * rng.uniform(0.04, 0.35)) + likes * 12 + 9,
        }

    tweets: list[dict[str, Any]] = []
    for p in x_posts:
        author = of(p.author)
        parent_id = p.parent.id if p.parent is not None else p.orphan_parent_id
        t: dict[str, Any] = {
            "id": p.id,
            "edit_history_tweet_ids": [p.id],
            "text": p.text,
            "created_at": _iso_ms(p.created),
            "author_id": author["id"],
            "conversation_id": orphan_root.get(p.id, p.root.id),
        }
        if parent_id:
            parent_user = of(p.parent.author) if p.parent is not None else help_user
            t["in_reply_to_user_id"] = parent_user["id"]
        t.update(lang="en", possibly_sensitive=False, reply_settings="everyone")
        if parent_id:
            t["referenced_tweets"] = [{"type": "replied_to", "id": parent_id}]
        mentions = []
        pos = 0
        while (m := _MENTION.match(p.text, pos)) is not None:
            if m.group(1) in users:
                mentions.append(
                    {
                        "start": m.start(),
                        "end": m.end(),
                        "username": m.group(1),
                        "id": users[m.group(1)]["id"],
                    }
                )
            pos = m.end() + 1
        if mentions:
            t["entities"] = {"mentions": mentions}
        t["public_metrics"] = metrics(p, X_STATEMENT_RETWEETS if p is statement else 0)
        tweets.append(t)
    by_id = {t["id"]: t for t in tweets}

    # Retweets of the statement: accounts that never wrote to the brand; reach only.
    handles = {p.author.id for p in x_posts}
    rt_text = f"RT @{DEMO_BRAND.x_corporate_handle}: {_STATEMENT_X}"
    if len(rt_text) > 140:  # the API cuts a retweet's text; the original is in includes
        rt_text = rt_text[:139].rstrip() + "…"
    rt_times = sorted(
        min(RESTORED, STATEMENT_X + 20 + int(rng.expovariate(1 / 2_400)))
        for _ in range(X_STATEMENT_RETWEETS)
    )
    retweets = []
    for k, when in enumerate(rt_times):
        while (handle := str(rng.randrange(10**5, 10**10))) in handles or handle in users:
            pass
        followers = max(3, int(rng.lognormvariate(math.log(260), 0.9)))
        u = user(handle, followers, rng.choice(_FIRST_NAMES))
        ms = rng.randrange(1000)
        rid = str(_X_ID_BASE + (((when - PERIOD_START) * 1000 + ms) << 22) + _X_RT_SEQUENCE + k)
        end = 1 + len(DEMO_BRAND.x_corporate_handle)
        retweets.append(
            {
                "id": rid,
                "edit_history_tweet_ids": [rid],
                "text": rt_text,
                "created_at": _iso_ms(when),
                "author_id": u["id"],
                "conversation_id": rid,
                "lang": "en",
                "possibly_sensitive": False,
                "reply_settings": "everyone",
                "referenced_tweets": [{"type": "retweeted", "id": statement.id}],
                "entities": {
                    "mentions": [
                        {
                            "start": 3,
                            "end": 3 + end,
                            "username": DEMO_BRAND.x_corporate_handle,
                            "id": corp_user["id"],
                        }
                    ]
                },
                "public_metrics": dict(by_id[statement.id]["public_metrics"]),
            }
        )
    users_by_id = {u["id"]: u for u in users.values()}

    def page(chunk: list[dict[str, Any]], url: str, retrieved: int, next_token: str | None):
        page_users: dict[str, dict[str, Any]] = {}
        refs: dict[str, None] = {}
        for t in chunk:
            page_users.setdefault(t["author_id"], users_by_id[t["author_id"]])
            if "in_reply_to_user_id" in t:
                uid = t["in_reply_to_user_id"]
                page_users.setdefault(uid, users_by_id[uid])
            for m in t.get("entities", {}).get("mentions", ()):
                page_users.setdefault(m["id"], users_by_id[m["id"]])
            for r in t.get("referenced_tweets", ()):
                refs.setdefault(r["id"])
        included = []
        for ref in refs:
            full = by_id.get(ref) or outside[ref]
            included.append(full)
            page_users.setdefault(full["author_id"], users_by_id[full["author_id"]])
        meta: dict[str, Any] = {
            "newest_id": chunk[0]["id"],
            "oldest_id": chunk[-1]["id"],
            "result_count": len(chunk),
        }
        if next_token:
            meta["next_token"] = next_token
        return {
            "data": chunk,
            "includes": {"users": list(page_users.values()), "tweets": included},
            "meta": meta,
            "__twarc": {
                "url": url,
                "version": "2.14.0",
                "retrieved_at": f"{_dt(retrieved):%Y-%m-%dT%H:%M:%S}+00:00",
            },
        }

    ordered = sorted(tweets + retweets, key=lambda t: int(t["id"]))
    n = len(ordered)
    first_run = n // (2 * X_API_PAGE_SIZE) * X_API_PAGE_SIZE  # full pages before the break
    cut = n - first_run  # oldest tweet of the first run
    resume = ordered[cut + X_API_DUPLICATE_TWEETS]["id"]  # until_id of the resumed run
    runs = (
        (ordered[cut:][::-1], {}, False, _ts(23, 7, 58, 12)),
        (
            ordered[: cut + X_API_DUPLICATE_TWEETS][::-1],
            {"until_id": resume},
            True,
            _ts(23, 8, 21, 47),
        ),
    )
    pages = []
    for run, extra, complete, clock in runs:
        chunks = [run[i : i + X_API_PAGE_SIZE] for i in range(0, len(run), X_API_PAGE_SIZE)]
        token = None
        for i, chunk in enumerate(chunks):
            params = dict(extra)
            if token:
                params["next_token"] = token
            last = i == len(chunks) - 1
            token = None if last and complete else _token(_B36, 45, seed, "x", chunk[-1]["id"])
            pages.append(page(chunk, _x_api_url(params), clock, token))
            clock += rng.randint(1, 3)
    text = "".join(json.dumps(pg) + "\n" for pg in pages)
    facts = {
        "x_brand_user_ids": {h: users[h]["id"] for h in DEMO_BRAND.x_handles},
        "x_statement_retweet_ids": [t["id"] for t in retweets],
        "x_api_duplicate_ids": [t["id"] for t in ordered[cut : cut + X_API_DUPLICATE_TWEETS]],
        "x_orphan_conversation_ids": [orphan_root[p.id] for p, _ in orphans],
        "x_api_pages": len(pages),
        "rows": {"x_api_v2": sum(len(pg["data"]) for pg in pages)},
    }
    return text, facts


# --------------------------------------------------------------------------- Facebook Graph feed

_GRAPH = "https://graph.facebook.com/v21.0"
_GRAPH_FIELDS = (
    "id,message,created_time,from,permalink_url,shares,reactions.summary(true),"
    "comments.summary(true).limit(500){id,message,created_time,from,parent,like_count,"
    "comment_count,comments.limit(100){id,message,created_time,from,parent,like_count,"
    "comment_count}}"
)
FACEBOOK_FEED_PAGE_SIZE = 25


def _facebook_feed(seed: int, fb_posts: list[_Post]) -> tuple[str, str, dict[str, Any]]:
    """``facebook_feed.json`` and ``facebook_authors.csv``: the Facebook part as Graph API
    returns a page feed.

    Every row of facebook_comments.jsonl except its duplicates: page posts and visitor posts
    newest first, 25 a page, each with its comments in ``comments.data`` (oldest first) and
    the replies to a comment nested one level deeper with ``parent {id}``. The comment lists
    are complete (the fields ask for up to 500), so their paging objects carry cursors only.

    Auto-replies stay what Graph API shows: comments by the page. Graph API has no
    auto-reply flag (an away message posted as a comment looks like any page comment), so
    this file loads them as kind ``reply``; facebook_comments.jsonl keeps the flag (kind
    ``auto_reply``). Graph API has no follower counts for people either, so reach comes
    from a side file like x_authors.csv: ``facebook_authors.csv`` (author_id,
    followers_count) names the authors the JSONL gives followers for.
    """
    rng = _sub_rng(seed, "facebook_feed")
    page_id = DEMO_BRAND.facebook_page_id

    def kids(p: _Post) -> list[_Post]:
        return sorted(p.replies, key=lambda c: (c.created, c.ms, c.id))

    def cursors(items: list[_Post]) -> dict[str, Any]:
        return {
            "cursors": {
                "before": _token(_B62, 48, seed, "fb", items[0].id),
                "after": _token(_B62, 48, seed, "fb", items[-1].id),
            }
        }

    def comment(c: _Post, parent: _Post | None = None) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "id": c.id,
            "message": c.text,
            "created_time": _fb_time(c.created),
            "from": {"name": c.author.name, "id": c.author.id},
        }
        replies = kids(c)
        if parent is not None:
            obj["parent"] = {"id": parent.id}
            if replies:
                raise RuntimeError("demo story broken: Facebook nests comments two levels")
        obj["like_count"] = max(0, c.reactions)
        obj["comment_count"] = len(replies)
        if replies:
            obj["comments"] = {"data": [comment(r, c) for r in replies], "paging": cursors(replies)}
        return obj

    def post(p: _Post) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "id": p.id,
            "message": p.text,
            "created_time": _fb_time(p.created),
            "from": {"name": p.author.name, "id": p.author.id},
            "permalink_url": _fb_url(p),
        }
        if p.is_brand:
            obj["shares"] = {"count": int(max(0, p.reactions) * rng.uniform(0.03, 0.18))}
        obj["reactions"] = {
            "data": [],
            "summary": {"total_count": max(0, p.reactions), "viewer_reaction": "NONE"},
        }
        comments = kids(p)
        if comments:
            obj["comments"] = {
                "data": [comment(c) for c in comments],
                "paging": cursors(comments),
                "summary": {
                    "order": "chronological",
                    "total_count": len(comments),
                    "can_comment": True,
                },
            }
        return obj

    roots = [p for p in fb_posts if p.parent is None][::-1]  # a feed is newest first
    base = (
        f"{_GRAPH}/{page_id}/feed?access_token=REDACTED&fields={quote(_GRAPH_FIELDS, safe='')}"
        f"&limit={FACEBOOK_FEED_PAGE_SIZE}"
    )
    pages = []
    size = FACEBOOK_FEED_PAGE_SIZE
    chunks = [roots[i : i + size] for i in range(0, len(roots), size)]
    for i, chunk in enumerate(chunks):
        paging = cursors(chunk)
        if i > 0:
            paging["previous"] = f"{base}&before={paging['cursors']['before']}"
        if i < len(chunks) - 1:
            paging["next"] = f"{base}&after={paging['cursors']['after']}"
        pages.append({"data": [post(p) for p in chunk], "paging": paging})
    text = "[\n" + ",\n".join(json.dumps(pg) for pg in pages) + "\n]\n"

    seen: set[str] = set()
    author_rows = []
    for p in fb_posts:
        if p.author.followers is not None and p.author.id not in seen:
            seen.add(p.author.id)
            author_rows.append([p.author.id, str(p.author.followers)])
    facts = {
        "facebook_feed_pages": len(pages),
        "rows": {"facebook_feed": len(fb_posts), "facebook_authors": len(author_rows)},
    }
    return text, _csv_text(["author_id", "followers_count"], author_rows), facts


# --------------------------------------------------------------------------- YouTube

YOUTUBE_PAGE_SIZE = 100
YOUTUBE_PINNED = _ts(9, 11, 44, 30)  # the social team pins the statement under the video
# Top-level comments per day of March: the video is found through the news on the 9th.
_YT_DAYS = {
    2: 2, 3: 1, 4: 2, 5: 1, 6: 1, 8: 1, 9: 104, 10: 52, 11: 28, 12: 17, 13: 5, 14: 3, 15: 2,
    16: 3, 17: 1, 18: 2, 20: 1,
}  # fmt: skip
# Weights of the UTC hours of the 9th (from 07:05, when the first viewers arrive).
_YT_DAY9 = {
    7: 3, 8: 6, 9: 9, 10: 12, 11: 13, 12: 12, 13: 11, 14: 9, 15: 8, 16: 6, 17: 5, 18: 4,
    19: 3, 20: 3, 21: 2, 22: 1, 23: 1,
}  # fmt: skip

_YT_BASELINE = (
    "Beautiful shots of Lofoten! Proud of the people who build this 👏",
    "The part about the base stations in Finnmark is amazing. Respect to the technicians.",
    "Great video, but when does 5G come to {town}?",
    "Customer for 10 years, never had a real problem. Nice to see the people behind it.",
    "What drone did you use for the mast shots at 2:40? Stunning.",
    "Cool to see the work that goes into keeping the network up in winter.",
    "Good video. More of these please!",
)
_YT_IRONY = (
    '"How we keep Norway connected" – apparently not today. Nothing loads in {town}.',
    "Came here from the news. This video aged like milk 🥛",
    "Nice drone shots. Shame none of those masts deliver any data today. Useless.",
    "Keeping Norway connected? My whole family in {town} is offline. Terrible.",
    "Who else is here because their mobile data is dead? 🙋",
    "Watching this on wifi because your mobile data is dead. The irony.",
    '4:12 "redundancy at every level" 😂 sure. Pathetic.',
    "Maybe make a video about how you charge people twice next time. Disgraceful.",
    "Great video. Now fix the network. Useless company.",
    "Funny how the comments are the only place anyone is talking about the outage. No "
    "statement, nothing. Awful.",
    "Dislike. No data since this morning and not a word from you.",
    "Your network is down and your channel posts nothing. Terrible communication.",
)
_YT_UPDATE = (
    "The update explains it at least. Testing a core update against billing should be "
    "basic though. Amateur hour.",
    "At least they kept the Wednesday promise. Still angry about Monday.",
    "A free month of extra data doesn't pay my overdraft fee. Not good enough.",
    "Honest update, I'll give them that. Good.",
)
_YT_PEER = {
    "outage": (
        "Same here in {town}. Nothing loads.",
        "Calls and SMS still work, it's only mobile data.",
        "Restarting didn't help me either, it's on their side.",
        "It's nationwide, NRK has it on the front page.",
    ),
    "billing": (
        "Check your bank account, I was charged twice too.",
        "Same, {amount} kr twice. Overdrawn now, thanks Fjordnett.",
        "They say it's refunded automatically within 5 working days.",
    ),
    "statement": (
        "They posted an apology on their blog now: " + DEMO_BRAND.blog_url,
        "Five hours to say sorry. Too slow.",
    ),
    "after": (
        "Got my refund today, check yours.",
        "Still waiting for mine. Frustrating.",
        "Honestly every provider has outages. The silence was the problem.",
    ),
}
_YT_FOLLOW = (
    "Thanks for answering at least.",
    "A copy-paste answer. Great.",
    "Ok, thanks. Still not happy about Monday.",
    "Thanks, it's working again now.",
)
_YT_BRAND_PINNED = (
    "📌 We're very sorry for today's mobile data outage and the double charges on March "
    "invoices. What happened and what we're doing about it: " + DEMO_BRAND.blog_url
)
_YT_BRAND_RESTORED = (
    "Update: mobile data is working again across Norway. If your phone still has no data, "
    "restart it. Double charges are refunded automatically within 5 working days."
)
_YT_BRAND_UPDATE = (
    "As promised, our update on the cause, the refunds and what we're changing: "
    + DEMO_BRAND.update_blog_url
)
_YT_PINNED_REPLIES = (
    (_ts(9, 11, 58, 20), "Five hours to say this. Too late."),
    (_ts(9, 12, 31, 5), "Thanks for owning it. Now pay the bank fees too."),
    (_ts(9, 13, 5, 40), "Still no data in Tromsø. Useless."),
)


@dataclass(frozen=True)
class _Viewer:
    handle: str
    channel: str
    first: str


def _yt_display(text: str) -> str:
    """``textDisplay`` as YouTube renders it: HTML-escaped, links, ``<br>`` line breaks."""
    out = html.escape(text, quote=True).replace("&#x27;", "&#39;")
    out = re.sub(r"https?://[^\s<]+", lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', out)
    return out.replace("\n", "<br>")


def _youtube_threads(seed: int) -> tuple[str, dict[str, Any]]:
    """``youtube_comment_threads.json``: comments under Fjordnett's video "How we keep Norway
    connected" as ``commentThreads.list`` responses (``part=snippet,replies``, order=time).

    New content, not in the other files: a handful of quiet-week comments, then viewers who
    find the video through the news on the 9th (mostly angry, Mar 9–12), a pinned statement
    by the brand channel with its two updates as replies, brand replies to some comments
    (never before the statement: YouTube was not watched until then), and viewers answering
    each other. Every thread lists all its replies (at most five, as commentThreads returns
    them), so ``totalReplyCount`` matches.
    """
    rng = _sub_rng(seed, "youtube")
    brand = DEMO_BRAND
    channel, video = brand.youtube_channel_id, brand.youtube_video_id
    brand_viewer = _Viewer(brand.youtube_handle, channel, "Fjordnett")
    viewers: list[_Viewer] = []
    taken: set[str] = {brand.youtube_handle.lower()}

    def viewer() -> _Viewer:
        if viewers and rng.random() < 0.1:
            return rng.choice(viewers)
        first = rng.choice(_FIRST_NAMES)
        while True:
            last = _ascii(rng.choice(_LAST_NAMES)).lower()
            base = _ascii(first).lower()
            handle = rng.choice(
                (
                    f"{base}.{last}",
                    f"{base}{last}{rng.randint(1, 99)}",
                    f"{base}_{_ascii(rng.choice(_TOWNS)).lower().replace(' ', '')}",
                    f"{first}{last.capitalize()}",
                    f"{base}-{rng.randint(1980, 2009)}",
                )
            )
            if handle.lower() not in taken:
                taken.add(handle.lower())
                break
        ch = "UC" + "".join(rng.choice(_B64URL) for _ in range(21)) + rng.choice("AQgw")
        v = _Viewer(handle, ch, _ascii(first))
        viewers.append(v)
        return v

    def cat_at(when: int) -> str:
        if when < TRIGGER:
            return "baseline"
        if when < STATEMENT_X:
            table = (("irony", 45), ("outage", 35), ("billing", 20))
        elif when < RESTORED:
            table = (("irony", 30), ("outage", 25), ("billing", 20), ("statement", 25))
        elif when < _ts(10, 0):
            table = (("restored", 35), ("billing", 35), ("irony", 15), ("statement", 15))
        elif when < _ts(11, 0):
            table = (("billing", 50), ("after_neg", 25), ("irony", 25))
        elif when < _ts(13, 0):
            table = (("after_neg", 50), ("update", 25), ("after_pos", 15), ("irony", 10))
        else:
            table = (("after_pos", 70), ("after_neg", 30))
        return rng.choices([c for c, _ in table], [w for _, w in table])[0]

    def text_for(cat: str, when: int, slots: dict[str, str]) -> str:
        town = slots.setdefault("town", rng.choice(_TOWNS))
        amount = slots.setdefault("amount", rng.choice(_AMOUNTS))
        hours = max(1, (when - TRIGGER) // _HOUR)
        if cat == "baseline":
            return rng.choice(_YT_BASELINE).format(town=town)
        if cat == "irony":
            return rng.choice(_YT_IRONY).format(town=town)
        if cat == "outage":
            since = "since this morning" if hours < 2 else f"for {_hours(hours)} now"
            core = rng.choice(_OUTAGE_CORE).format(town=town, since=since)
            return " ".join(
                x for x in (core, rng.choice(_NEG_CLOSERS), rng.choice(_NEG_EMOJI)) if x
            )
        if cat == "billing":
            core = rng.choice(_BILLING_CORE).format(amount=amount)
            return f"{core} {rng.choice(_BILLING_DEMAND)}"
        if cat == "statement":
            if rng.random() < 0.3:
                return rng.choice(_STATEMENT_POS)
            return rng.choice(_STATEMENT_NEG).format(town=town)
        if cat == "restored":
            bank = _RESTORED_POS if rng.random() < 0.45 else _RESTORED_MIXED
            return rng.choice(bank).format(town=town)
        if cat == "after_neg":
            n = str(max(2, (when - TRIGGER) // _DAY + 1))
            return rng.choice(_AFTER_NEG).format(n=n, town=town)
        if cat == "after_pos":
            return rng.choice(_AFTER_POS)
        return rng.choice(_YT_UPDATE)

    def brand_text(cat: str, when: int, first: str) -> str:
        name = rng.choice(_AGENTS_SURGE)[0]
        if cat == "billing" or when >= _ts(10, 0):
            template, status = _T_REFUND, "Refunds are automatic and bank fees are on us."
        elif when < RESTORED:
            template, status = _T_STATEMENT, "Here's what happened: " + DEMO_BRAND.blog_url
        else:
            template, status = _T_RESTORED, "Data should be back now; restart if it isn't."
        if rng.random() < 0.55:
            return template
        sorry = "that's fair, and we're sorry we left you without answers."
        return f"Hi {first}, {sorry} {status} – {name}"

    # (created, viewer, text, likes, [(created, viewer, text, likes)])
    threads: list[tuple[int, _Viewer, str, int, list[tuple[int, _Viewer, str, int]]]] = []
    times = []
    for day, n in _YT_DAYS.items():
        for _ in range(n):
            if day == 9:
                hour = rng.choices(list(_YT_DAY9), list(_YT_DAY9.values()))[0]
                times.append(
                    _ts(9, hour, rng.randrange(5 if hour == 7 else 0, 60), rng.randrange(60))
                )
            else:
                hour = rng.choices(range(24), [_DIURNAL[(h + 1) % 24] for h in range(24)])[0]
                times.append(_ts(day, hour, rng.randrange(60), rng.randrange(60)))
    for when in sorted(times):
        author = viewer()
        cat = cat_at(when)
        slots: dict[str, str] = {}
        text = text_for(cat, when, slots)
        likes = max(0, int(rng.paretovariate(1.3)) - 1)
        replies: list[tuple[int, _Viewer, str, int]] = []
        crisis = TRIGGER <= when < _ts(13, 0)
        if crisis and rng.random() < 0.15:
            peer_cat = {"irony": "outage", "restored": "outage", "after_neg": "after",
                        "after_pos": "after", "update": "after"}.get(cat, cat)  # fmt: skip
            t = when
            for peer in rng.sample(_YT_PEER[peer_cat], rng.choice((1, 1, 2))):
                t += rng.randrange(4 * _MIN, 3 * _HOUR)
                peer = peer.format(**slots)
                if rng.random() < 0.3:
                    peer = f"@{author.handle} {peer}"
                replies.append((t, viewer(), peer, max(0, int(rng.paretovariate(2.0)) - 1)))
        if crisis and cat != "after_pos" and rng.random() < 0.22:
            delay = min(20 * _HOUR, int(rng.lognormvariate(math.log(2 * _HOUR), 0.7)))
            t = max(when, YOUTUBE_PINNED + rng.randrange(15 * _MIN, 75 * _MIN)) + delay
            replies.append((t, brand_viewer, brand_text(cat, t, author.first), rng.randrange(4)))
            if rng.random() < 0.25:
                t += rng.randrange(10 * _MIN, 4 * _HOUR)
                replies.append((t, author, rng.choice(_YT_FOLLOW), 0))
        replies = sorted((r for r in replies if r[0] < PERIOD_END), key=lambda r: r[0])[:5]
        threads.append((when, author, text, likes, replies))
    pinned_replies = [(t, viewer(), text, rng.randrange(3)) for t, text in _YT_PINNED_REPLIES]
    pinned_replies += [
        (RESTORED + 11 * _MIN + 5, brand_viewer, _YT_BRAND_RESTORED, 41),
        (UPDATE_X + 4 * _MIN + 30, brand_viewer, _YT_BRAND_UPDATE, 27),
    ]
    pinned_replies.sort(key=lambda r: r[0])
    threads.append((YOUTUBE_PINNED, brand_viewer, _YT_BRAND_PINNED, 86, pinned_replies))
    threads.sort(key=lambda th: th[0], reverse=True)  # order=time: newest first

    def snippet(who: _Viewer, text: str, when: int, likes: int, parent: str | None):
        sn: dict[str, Any] = {
            "channelId": channel,
            "videoId": video,
            "textDisplay": _yt_display(text),
            "textOriginal": text,
        }
        if parent is not None:
            sn["parentId"] = parent
        edited = rng.randrange(60, 900) if rng.random() < 0.04 else 0
        sn.update(
            authorDisplayName=f"@{who.handle}",
            authorProfileImageUrl=(
                f"https://yt3.ggpht.com/ytc/{_token(_B64URL, 40, who.channel)}"
                "=s48-c-k-c0x00ffffff-no-rj"
            ),
            authorChannelUrl=f"http://www.youtube.com/@{who.handle}",
            authorChannelId={"value": who.channel},
            canRate=True,
            viewerRating="none",
            likeCount=likes,
            publishedAt=_utc_iso(when),
            updatedAt=_utc_iso(when + edited),
        )
        return sn

    items = []
    n_replies = 0
    brand_replies = sum(r[1] is brand_viewer for th in threads for r in th[4])
    pinned_id = ""
    for when, who, text, likes, replies in threads:
        top_id = "Ug" + rng.choice("wxyz") + "".join(rng.choice(_B64URL) for _ in range(16))
        top_id += "4AaABAg"
        if who is brand_viewer:
            pinned_id = top_id
        thread: dict[str, Any] = {
            "kind": "youtube#commentThread",
            "etag": _token(_B64URL, 27, "thread", top_id),
            "id": top_id,
            "snippet": {
                "channelId": channel,
                "videoId": video,
                "topLevelComment": {
                    "kind": "youtube#comment",
                    "etag": _token(_B64URL, 27, "comment", top_id),
                    "id": top_id,
                    "snippet": snippet(who, text, when, likes, None),
                },
                "canReply": True,
                "totalReplyCount": len(replies),
                "isPublic": True,
            },
        }
        if replies:
            comments = []
            for t, rwho, rtext, rlikes in replies:
                rid = f"{top_id}.{''.join(rng.choice(_B64URL) for _ in range(22))}"
                comments.append(
                    {
                        "kind": "youtube#comment",
                        "etag": _token(_B64URL, 27, "comment", rid),
                        "id": rid,
                        "snippet": snippet(rwho, rtext, t, rlikes, top_id),
                    }
                )
            thread["replies"] = {"comments": comments}
            n_replies += len(comments)
        items.append(thread)
    pages = []
    for i in range(0, len(items), YOUTUBE_PAGE_SIZE):
        chunk = items[i : i + YOUTUBE_PAGE_SIZE]
        response: dict[str, Any] = {
            "kind": "youtube#commentThreadListResponse",
            "etag": _token(_B64URL, 27, "page", chunk[0]["id"]),
        }
        if i + YOUTUBE_PAGE_SIZE < len(items):
            response["nextPageToken"] = _token(_B64URL, 80, "next", chunk[-1]["id"])
        response["pageInfo"] = {"totalResults": len(chunk), "resultsPerPage": YOUTUBE_PAGE_SIZE}
        response["items"] = chunk
        pages.append(response)
    text = json.dumps(pages, ensure_ascii=False, indent=2) + "\n"
    facts = {
        "youtube_channel_id": channel,
        "youtube_video_id": video,
        "youtube_video_title": brand.youtube_video_title,
        "youtube_pinned_comment_id": pinned_id,
        "youtube_top_level_comments": len(items),
        "youtube_replies": n_replies,
        "youtube_brand_replies": brand_replies,
        "youtube_pages": len(pages),
        "rows": {"youtube_comment_threads": len(items) + n_replies},
    }
    return text, facts


# --------------------------------------------------------------------------- Brandwatch

BRANDWATCH_COLUMNS = (
    "Query Id", "Query Name", "Date", "Title", "Url", "Domain", "Sentiment", "Page Type",
    "Language", "Country Code", "Author", "Full Name", "Full Text", "Thread Id",
    "Thread Entry Type", "Twitter Reply to", "Twitter Retweet of", "Twitter Followers",
    "Twitter Likes", "Twitter Retweets", "Twitter Replies", "Reach (new)", "Impressions",
    "Mentioned Authors", "Resource Id",
)  # fmt: skip
_BW_QUERIES = (
    ("2003418876", "Fjordnett - brand mentions"),
    ("2003418901", "Fjordnett - outage keywords"),
)
_BW_END = _ts(22, 22, 59, 59)  # the export's date range ends at 23:59 Oslo time
_BW_FORUMS = (("diskusjon.example", 5), ("mobilprat.example", 3), ("forbrukerforum.example", 2))
# New forum threads per day of March.
_BW_THREADS = {
    2: 1, 3: 1, 5: 1, 6: 1, 8: 1, 9: 11, 10: 7, 11: 4, 12: 3, 13: 2, 14: 1, 16: 2, 17: 1,
    18: 1, 20: 1, 21: 1,
}  # fmt: skip
_BW_USER_WORDS = (
    "bergensgutten", "fjellgeit", "mobilnerd", "tante_sofie", "kaffekopp", "nordlys",
    "tronder", "sykkelpappa", "datanerden", "hyttefolk", "fotballmamma", "gamlegutten",
    "elbilfrik", "sorlending", "tromsovaering", "Kaptein_Sabeltann", "snekker_ola",
    "skiguri", "pendleren", "ikke_fornoyd", "fiberfreak", "stille_leser",
)  # fmt: skip

# topic -> threads (title, first post, sentiment) and replies (text, sentiment), with the
# sentiment label the listening tool gives them.
_BW_TOPICS: dict[str, dict[str, tuple[Any, ...]]] = {
    "baseline": {
        "threads": (
            ("Fjordnett fiber – erfaringer?",
             "Vurderer å bytte til Fjordnett. Noen som har fiber fra dem i {town}? Hvordan er "
             "stabiliteten?", "neutral"),
            ("Fjordnett eller Telia på hytta?",
             "Har hatt Fjordnett i to år nå, og dekningen på hytta i {town} er overraskende god. "
             "Noen som har sammenlignet med Telia?", "positive"),
            ("Prisøkning hos Fjordnett",
             "Fikk beskjed om at prisen går opp 30 kr i måneden. Noen andre som har fått det?",
             "negative"),
            ("Er Fjordnett Fri+ verdt pengene?",
             "Tenker på å oppgradere til Fri+. Er ubegrenset data verdt 100 kr ekstra i "
             "måneden?", "neutral"),
        ),
        "reply": (
            ("Har hatt fiber fra dem i tre år, null problemer.", "positive"),
            ("Kundeservicen deres løste eSIM-problemet mitt på fem minutter.", "positive"),
            ("Dekningen er ok, men prisen har gått opp to ganger i år.", "negative"),
            ("Kommer an på hvor du bor. I {town} er det helt greit.", "neutral"),
            ("Byttet fra Telenor i fjor og er fornøyd så langt.", "positive"),
        ),
    },
    "outage": {
        "threads": (
            ("Fjordnett mobildata nede?",
             "Ingen mobildata her i {town} siden litt før åtte. Full dekning, men ingenting "
             "laster. Noen andre med Fjordnett?", "negative"),
            ("Ingen mobildata hos Fjordnett i dag?",
             "Hele kontoret står uten mobildata. Alle har Fjordnett. Hva skjer?", "negative"),
            ("Fjordnett 4G/5G helt dødt – bare meg?",
             "Er det brudd hos Fjordnett nå? Mobildata virker ikke i {town}, samtaler går "
             "fint.", "neutral"),
            ("Fjordnett-brudd over hele landet",
             "Ser ut som hele Fjordnett-nettet er nede for mobildata. Ingen informasjon fra "
             "dem. Helt utrolig.", "negative"),
        ),
        "reply": (
            ("Samme her i {town}. Full dekning, men ingenting laster.", "negative"),
            ("Helt dødt her også. Samtaler går, data går ikke.", "negative"),
            ("Har restartet telefonen tre ganger. Ingenting.", "negative"),
            ("Fjordnett sier ingenting, verken på nettsiden eller på X. Helt utrolig dårlig.",
             "negative"),
            ("Kollegaene med Telenor har nett, alle vi med Fjordnett er ute.", "negative"),
            ("Kom ikke inn med BankID i dag morges. Dette er ikke greit.", "negative"),
            ("Ringte kundeservice, 45 minutter i kø. Ga opp.", "negative"),
            ("Butikken vår får ikke tatt betalt, terminalen går på 4G fra Fjordnett. "
             "Katastrofe.", "negative"),
            ("Det ser ut til å gjelde hele landet, ikke bare {town}.", "neutral"),
            ("Flymodus av og på hjelper ikke, feilen er hos dem.", "neutral"),
            ("Wifi virker fint, så det er mobilnettet deres.", "neutral"),
            ("NRK melder at det gjelder alle Fjordnett-kunder.", "neutral"),
        ),
    },
    "billing": {
        "threads": (
            ("Dobbelttrekk fra Fjordnett for mars",
             "Ble nettopp trukket to ganger for mars, {amount} kr x2. Noen som vet om det blir "
             "refundert?", "negative"),
            ("Fjordnett trakk fakturaen to ganger",
             "AvtaleGiro trakk Fjordnett-fakturaen to ganger i dag. Hvem dekker gebyret fra "
             "banken?", "negative"),
        ),
        "reply": (
            ("Dobbelttrekk her også, og nå er kontoen overtrukket. Elendig.", "negative"),
            ("Sjekk nettbanken, folkens. Jeg ble trukket to ganger.", "negative"),
            ("{amount} kr to ganger. Det var matpengene for uka.", "negative"),
            ("Moren min er pensjonist og ble trukket dobbelt. Skammelig.", "negative"),
            ("Har noen fått svar fra dem om refusjon?", "neutral"),
            ("De skriver på X at det refunderes automatisk innen 5 virkedager.", "neutral"),
        ),
    },
    "statement": {
        "threads": (
            ("Fjordnett beklager – refusjon innen 5 virkedager",
             "Fjordnett har lagt ut en beklagelse på bloggen sin. Lover refusjon av "
             "dobbelttrekket innen 5 virkedager og at de dekker bankgebyrer.", "neutral"),
            ("Fjordnetts håndtering av bruddet",
             "Fem timer fra bruddet til en ordentlig forklaring. Hva synes dere om måten "
             "Fjordnett har håndtert dette på?", "negative"),
        ),
        "reply": (
            ("Fem timer før de sa et eneste ord. Dårlig håndtert.", "negative"),
            ("Greit at de beklager og tar ansvar, det skal de ha.", "positive"),
            ("Uttalelsen sier ingenting om hvor mange som er rammet.", "negative"),
            ("Fint at de dekker bankgebyrene, men det burde de sagt med en gang.", "mixed"),
            ("Jeg fikk vite det fra NRK, ikke fra Fjordnett. Svakt.", "negative"),
            ("Bra at de lover en oppdatering onsdag. Får se om de holder det.", "neutral"),
        ),
    },
    "restored": {
        "threads": (
            ("Fjordnett oppe igjen?",
             "Mobildata virker igjen her i {town}. Er det oppe for alle nå?", "neutral"),
        ),
        "reply": (
            ("Data er tilbake her i {town} nå.", "neutral"),
            ("Oppe igjen i {town}. Ni timer uten nett er ikke greit.", "negative"),
            ("Endelig! Takk til teknikerne som fikset det.", "positive"),
            ("Fortsatt ingenting her i {town}, selv om de sier det er fikset.", "negative"),
            ("Måtte restarte telefonen, så kom det tilbake.", "neutral"),
        ),
    },
    "refund": {
        "threads": (
            ("Fjordnett-faktura med dobbelttrekk",
             "Fikk fakturaen fra Fjordnett i dag, og dobbelttrekket står der fortsatt. Har "
             "noen fått pengene tilbake?", "negative"),
            ("Fått refusjon fra Fjordnett?",
             "Har noen fått tilbake pengene for dobbelttrekket ennå? Venter fortsatt.",
             "neutral"),
        ),
        "reply": (
            ("Fortsatt ingen refusjon her. Dag {n}.", "negative"),
            ("Har noen fått pengene tilbake ennå?", "neutral"),
            ("Pengene kom tilbake i dag, pluss en måned gratis ekstra data. Greit nok.",
             "positive"),
            ("Refusjonen kom i går. Godt håndtert til slutt.", "positive"),
            ("Bankgebyret er ikke refundert, selv om de lovet det. Irriterende.", "negative"),
            ("Kundeservice ba meg kontakte min egen bank om gebyret. Hva nå?", "negative"),
        ),
    },
    "refunded": {
        "threads": (
            ("Fått pengene tilbake fra Fjordnett",
             "Fjordnett har betalt tilbake dobbelttrekket, og bankgebyret ble dekket. Greit "
             "håndtert til slutt.", "positive"),
        ),
        "reply": (
            ("Pengene er tilbake her også.", "positive"),
            ("Fikk refusjon og gebyret dekket. Ok håndtert til slutt.", "positive"),
            ("Fikk refusjonen, men stoler litt mindre på dem nå.", "neutral"),
            ("Fortsatt ingenting her, har sendt dem melding.", "negative"),
            ("Refusjon og en måned gratis data. Jeg er fornøyd.", "positive"),
        ),
    },
    "switch": {
        "threads": (
            ("Bytte fra Fjordnett etter bruddet – anbefalinger?",
             "Etter mandagens kaos vurderer jeg å bytte. Telia eller Telenor?", "negative"),
        ),
        "reply": (
            ("Bytter til Telia etter dette. Ferdig med Fjordnett.", "negative"),
            ("Jeg blir nok værende, det var første gang på ti år.", "positive"),
            ("Portering til Telenor bestilt i dag.", "negative"),
            ("Alle selskaper har nedetid, men kommunikasjonen var elendig.", "negative"),
            ("Sjekk bindingstiden før du bytter.", "neutral"),
        ),
    },
    "update": {
        "threads": (
            ("Fjordnett forklarer årsaken til bruddet",
             "Fjordnett har lagt ut oppdateringen de lovet: en oppdatering i kjernenettet som "
             "ikke var testet mot faktureringen.", "neutral"),
        ),
        "reply": (
            ("Oppdateringen forklarer faktisk hva som skjedde. Bra.", "positive"),
            ("Så de testet ikke oppdateringen mot faktureringen? Utrolig amatørmessig.",
             "negative"),
            ("De holdt fristen for oppdateringen, det skal de ha.", "positive"),
            ("En måned gratis ekstra data er et plaster på såret.", "neutral"),
        ),
    },
}  # fmt: skip
_BW_EN_COMMENTS = (
    ("Five hours of silence is the real story here.", "negative"),
    ("Good write-up, thanks.", "positive"),
    ("Testing a core update against billing should be standard. Amateurs.", "negative"),
    ("Refund arrived today, for what it's worth.", "positive"),
    ("As a Fjordnett customer: the outage was bad, the silence was worse.", "negative"),
    ("Every operator has outages. How they talk about it is what people remember.", "neutral"),
)
# (time, blog, author handle, full name, title, topic, sentiment, comments (lo, hi), text)
_BW_BLOGS = (
    (_ts(4, 10, 15), "tekblogg.example", "klie", "Kristoffer Lie",
     "Test: Fjordnett Fri+ etter tre måneder", "baseline", "positive", (0, 3),
     "Vi har brukt Fjordnett Fri+ i tre måneder på pendling mellom Drammen og Oslo. Dekningen "
     "har vært stabil, 5G-hastighetene gode, og appen gjør det enkelt å kjøpe ekstra data i "
     "EU.\n\nKonklusjon: et godt abonnement til prisen, men prisøkningen i februar trekker ned."),
    (_ts(9, 7, 48), "tekblogg.example", "klie", "Kristoffer Lie",
     "Fjordnett-brudd: mobildata nede over hele landet", "outage", "negative", (8, 14),
     "Fjordnett-kunder over hele landet har vært uten mobildata siden rundt klokken 07.40 "
     "mandag morgen. Samtaler og SMS ser ut til å fungere. Selskapet har foreløpig ikke "
     "kommentert saken, verken på nettsidene eller i sosiale medier.\n\nVi oppdaterer saken."),
    (_ts(9, 9, 50), "nordictech.example", "esandvik", "Erik Sandvik",
     "Fjordnett outage takes mobile data down across Norway", "outage", "negative", (4, 9),
     "Customers of Norwegian operator Fjordnett have had no mobile data since 07:40 local "
     "time on Monday. Calls and SMS still work. Three hours in, the company has posted a "
     "single holding line on X and nothing on its own website.\n\nReports of double charges "
     "on March invoices are also spreading on social media."),
    (_ts(9, 13, 20), "pengesmart.example", "hannemoe", "Hanne Moe",
     "Dobbelttrukket av Fjordnett? Slik får du pengene tilbake", "billing", "neutral", (6, 12),
     "Mange Fjordnett-kunder ble mandag trukket to ganger for mars-fakturaen. Fjordnett "
     "skriver i en uttalelse at alle dobbelttrekk refunderes automatisk innen 5 virkedager, "
     "og at selskapet dekker gebyrer fra banken.\n\nVårt råd: ta skjermbilde av trekket i "
     "nettbanken, og ta vare på kvitteringen for eventuelle gebyrer."),
    (_ts(10, 7, 30), "tekblogg.example", "klie", "Kristoffer Lie",
     "Fem timer med stillhet: Fjordnetts krisekommunikasjon", "statement", "negative", (6, 12),
     "Det tok Fjordnett over en time å si noe som helst, og nesten fem timer før kundene fikk "
     "en ordentlig forklaring. Imens fylte X og Facebook seg med sinte kunder som ikke fikk "
     "svar.\n\nBeklagelsen, da den kom, var god: tydelig ansvar, konkrete løfter og en frist "
     "for neste oppdatering. Men den kom for sent."),
    (_ts(11, 14, 10), "nordictech.example", "esandvik", "Erik Sandvik",
     "Fjordnett explains: an untested core update hit billing too", "update", "neutral", (2, 6),
     "Fjordnett kept its promise to explain Monday's outage by Wednesday noon. The cause was a "
     "core-network update that had not been tested against the billing system. Refunds have "
     "started, and the operator says every customer will have their money back by Monday "
     "16 March."),
    (_ts(16, 12, 0), "pengesmart.example", "hannemoe", "Hanne Moe",
     "Fjordnett har betalt tilbake – sjekk kontoen", "refund", "positive", (2, 6),
     "Ifølge Fjordnett er alle dobbelttrekk fra 9. mars nå betalt tilbake, og flere lesere "
     "bekrefter at pengene har kommet. Mangler du fortsatt refusjon eller et dekket "
     "bankgebyr, bør du kontakte Fjordnett direkte."),
    (_ts(18, 9, 30), "tekblogg.example", "klie", "Kristoffer Lie",
     "Hva vi kan lære av Fjordnett-bruddet", "update", "neutral", (1, 4),
     "En uke etter bruddet er refusjonene på plass og sinnet i ferd med å legge seg. Teknisk "
     "var feilen kjedelig: en oppdatering uten god nok testing. Det interessante er "
     "kommunikasjonen: stillheten de første timene kostet mer tillit enn selve bruddet."),
)  # fmt: skip


def _bw_topic(rng: random.Random, when: int) -> str:
    """What people write about at a given moment of the story."""
    if when < TRIGGER:
        return "baseline"
    if when < STATEMENT_X:
        table = (("outage", 70), ("billing", 30))
    elif when < RESTORED:
        table = (("statement", 35), ("outage", 35), ("billing", 30))
    elif when < _ts(10, 0):
        table = (("restored", 50), ("billing", 30), ("statement", 20))
    elif when < _ts(11, 0):
        table = (("billing", 40), ("refund", 35), ("switch", 25))
    elif when < _ts(13, 0):
        table = (("update", 40), ("refund", 35), ("switch", 25))
    elif when < REFUNDS_COMPLETED:
        table = (("refund", 60), ("switch", 25), ("update", 15))
    else:
        table = (("refunded", 45), ("baseline", 40), ("switch", 15))
    return rng.choices([t for t, _ in table], [w for _, w in table])[0]


def _brandwatch(seed: int) -> tuple[str, dict[str, Any]]:
    """``brandwatch_mentions.csv``: forum and blog mentions a listening tool found.

    New content: Norwegian forum threads (three invented ``.example`` forums) and blog posts
    with their comments (three blogs, one in English), Mar 2–22, with the spike on Mar 9–10.
    Brandwatch's "Mentions" layout: metadata lines above the header, local Oslo wall-clock
    times (``2026-03-09 08:41:12.0``; load it with ``timezone: Europe/Oslo``), the tool's own
    Sentiment (not always right, as in real exports) and Reach. Mentions matched by both
    queries of the project appear twice (same Resource Id), as Brandwatch exports them.
    """
    rng = _sub_rng(seed, "brandwatch")
    pool: list[str] = []

    def forum_user() -> str:
        if pool and rng.random() < 0.25:
            return rng.choice(pool)
        while True:
            word = rng.choice(_BW_USER_WORDS)
            name = rng.choice(
                (
                    f"{word}{rng.randint(70, 99)}",
                    word,
                    f"{_ascii(rng.choice(_FIRST_NAMES)).lower()}_{rng.randint(1, 999)}",
                    f"{word}_{_ascii(rng.choice(_TOWNS)).lower().replace(' ', '')}",
                )
            )
            if name not in pool:
                pool.append(name)
                return name

    def fill(text: str, when: int) -> str:
        return text.format(
            town=rng.choice(_TOWNS),
            amount=rng.choice(_AMOUNTS),
            n=max(2, (when - TRIGGER) // _DAY + 1),
        )

    def label(sentiment: str) -> str:
        """The tool's classifier misses some: a few negatives and positives come out neutral."""
        if sentiment == "negative" and rng.random() < 0.08:
            return "neutral"
        if sentiment == "positive" and rng.random() < 0.05:
            return "neutral"
        return sentiment

    def reply_times(start: int, n: int, quick: bool) -> list[int]:
        out, t = [], start
        for _ in range(n):
            base = 12 * _MIN if quick else 2 * _HOUR
            t += 60 + int(rng.expovariate(1 / (base + 0.35 * (t - start))))
            if t >= _BW_END:
                break
            out.append(t)
        return out

    # mention: (time, domain, page type, lang, title, url, author, full name, text,
    #           sentiment, thread id, entry type, reach)
    mentions: list[tuple[Any, ...]] = []
    thread_no = 48_200
    post_no = 913_000
    for day, count in _BW_THREADS.items():
        for _ in range(count):
            if day == 9:
                start = TRIGGER + 12 * _MIN + int(rng.expovariate(1 / (3 * _HOUR)))
                start = min(start, _ts(9, 21))
            else:
                start = _ts(day, rng.randint(6, 20), rng.randrange(60), rng.randrange(60))
            topic = _bw_topic(rng, start)
            bank = _BW_TOPICS[topic]
            domain = rng.choices([d for d, _ in _BW_FORUMS], [w for _, w in _BW_FORUMS])[0]
            title, first_text, first_sentiment = rng.choice(bank["threads"])
            thread_no += rng.randint(3, 40)
            slug = _slug(title)
            if day == 9:
                n = rng.randint(7, 18)
            elif day == 10:
                n = rng.randint(4, 11)
            elif day in (11, 12):
                n = rng.randint(2, 7)
            else:
                n = rng.randint(0, 4)
            quick = TRIGGER <= start < _ts(13, 0)
            times = [start, *reply_times(start, n, quick)]
            for k, when in enumerate(times):
                post_no += rng.randint(1, 60)
                if domain == "mobilprat.example":
                    url = f"https://mobilprat.example/t/{slug}/{thread_no}/{k + 1}"
                elif domain == "forbrukerforum.example":
                    url = (
                        f"https://forbrukerforum.example/viewtopic.php?t={thread_no}"
                        f"&p={post_no}#p{post_no}"
                    )
                else:
                    url = f"https://diskusjon.example/threads/{slug}.{thread_no}/post-{post_no}"
                if k == 0:
                    text, sentiment = first_text, first_sentiment
                else:
                    here = topic if rng.random() < 0.55 else _bw_topic(rng, when)
                    text, sentiment = rng.choice(_BW_TOPICS[here]["reply"])
                mentions.append(
                    (
                        when, domain, "forum", "no", title if k == 0 else f"Re: {title}", url,
                        forum_user(), "", fill(text, when), label(sentiment), str(thread_no),
                        "post" if k == 0 else "reply",
                        rng.randint(800, 6_000) if k == 0 else rng.randint(150, 2_500),
                    )
                )  # fmt: skip
    for when, domain, handle, name, title, topic, sentiment, (lo, hi), text in _BW_BLOGS:
        d = _dt(when).astimezone(OSLO)
        url = f"https://{domain}/{d:%Y/%m/%d}/{_slug(title)}/"
        blog_id = str(rng.randint(10_000, 99_999))
        english = domain == "nordictech.example"
        lang = "en" if english else "no"
        reach = rng.randint(2_000, 15_000) if english else rng.randint(4_000, 45_000)
        mentions.append(
            (when, domain, "blog", lang, title, url, handle, name, text, label(sentiment),
             blog_id, "post", reach)
        )  # fmt: skip
        for t in reply_times(when, rng.randint(lo, hi), TRIGGER <= when < _ts(13, 0)):
            if english:
                ctext, csent = rng.choice(_BW_EN_COMMENTS)
            else:
                here = topic if rng.random() < 0.6 else _bw_topic(rng, t)
                ctext, csent = rng.choice(_BW_TOPICS[here]["reply"])
            first = rng.choice(_FIRST_NAMES)
            who = rng.choice((first, f"{first} {rng.choice(_LAST_NAMES)[0]}."))
            cid = rng.randint(1_000, 99_999)
            mentions.append(
                (t, domain, "blog", lang, f"Re: {title}", f"{url}#comment-{cid}", who, "",
                 fill(ctext, t), label(csent), blog_id, "reply", rng.randint(100, 900))
            )  # fmt: skip
    mentions = [m for m in mentions if PERIOD_START <= m[0] <= _BW_END]
    mentions.sort(key=lambda m: (m[0], m[5]))

    rows = []
    resource = 24_018_000_000
    for (
        when,
        domain,
        page_type,
        lang,
        title,
        url,
        author,
        name,
        text,
        sent,
        thread,
        entry,
        reach,
    ) in mentions:
        resource += rng.randint(1_000, 90_000)
        local = _dt(when).astimezone(OSLO)
        rows.append(
            [
                *_BW_QUERIES[0], f"{local:%Y-%m-%d %H:%M:%S}.0", title, url, domain, sent,
                page_type, lang, "NO", author, name, text, thread, entry, "", "", "", "", "",
                "", str(reach), str(int(reach * rng.uniform(1.2, 2.6))), "", str(resource),
            ]
        )  # fmt: skip
    crisis = [i for i, m in enumerate(mentions) if TRIGGER <= m[0] < _ts(11, 0)]
    again = set(rng.sample(crisis, BRANDWATCH_DUPLICATE_ROWS))
    out = []
    for i, row in enumerate(rows):
        out.append(row)
        if i in again:
            out.append([*_BW_QUERIES[1], *row[2:]])
    meta = (
        '"Brandwatch Consumer Research"\n'
        '"Report:","Mentions export"\n'
        '"Project:","Fjordnett - outage March 2026"\n'
        f'"Queries:","{_BW_QUERIES[0][1]}; {_BW_QUERIES[1][1]}"\n'
        '"Date Range:","2026-03-02 00:00 - 2026-03-22 23:59"\n'
        '"Time Zone:","Europe/Oslo"\n'
        '"Page Types:","forum, blog"\n'
        "\n"
    )
    text = "\ufeff" + meta + _csv_text(list(BRANDWATCH_COLUMNS), out)
    facts = {
        "brandwatch_mentions": len(rows),
        "brandwatch_duplicate_rows": BRANDWATCH_DUPLICATE_ROWS,
        "brandwatch_domains": sorted({m[1] for m in mentions}),
        "brandwatch_timezone": "Europe/Oslo",
        "rows": {"brandwatch_mentions": len(out)},
    }
    return text, facts
