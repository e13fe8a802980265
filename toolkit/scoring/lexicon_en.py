"""Hand-written customer-care / crisis layer of the English scorer (docs/sentiment.md).

Every entry below was written by hand for this toolkit; no weight, word or rule was learned
from labelled data. Valences use VADER's scale (about -4 .. +4; "bad" is -2.5, "good"
+1.9). The layer is deliberately *specific*: it adds what a general lexicon cannot know
about people complaining to a brand and leaves ordinary language to VADER; several parts
act only in a post *addressed to an account* (one that contains an @handle).

``WORDS``
    single words, matched on the lower-case token with surrounding punctuation removed.
    A number overrides (or adds to) VADER's lexicon - "delayed" is a mild -0.9 in VADER and
    a bitter -1.8 to an airline's customer; ``None`` silences a VADER word. The words then
    take part in VADER's rules (negation, boosters, ALL CAPS, "but").

``PHRASE_PATTERNS`` / ``ADDRESSED_PATTERNS`` (expanded by :func:`phrases`)
    multi-word n-grams (2-5 words): "on hold", "still waiting", "lost my bag", "thanks for
    nothing". The longest phrase ending at a token wins; its valence is put on its last
    word, its other words fall silent (unless they end a phrase of their own), and VADER's
    negation / booster look-back starts before the phrase ("not on hold" is negated, "never
    again" is not negated by its own "never"). ``{a|b|}`` lists alternatives, an empty one
    meaning "word left out"; ``<num>`` matches a number (digits, "2hrs", two..fifty, "few",
    "several", "couple"); ``<name>`` an @handle. A phrase with valence 0 neutralises its
    words ("customer care", "credit card", "please help"). ``ADDRESSED_PATTERNS`` are
    complaints only when said *to* a brand ("why is ...", "I was told", "how hard is it"):
    in a post addressed to nobody they do not exist.

``CAPITALISED_NAMES``
    lexicon words that are names when capitalised ("United" the airline, "United States"):
    silenced unless written in lower case.

Handles (``@name``) and links are never sentiment words: VADER reads "@united" as the word
"united" (+1.8), which alone made thousands of complaints to @united look positive.

``HASHTAG_NEGATIVE`` / ``HASHTAG_POSITIVE``
    a hashtag that is not a lexicon word itself but contains a complaint ("#unitedfail",
    "#neveragain", "#badcustomerservice") or a compliment ("#lovejetblue", "#kudos") gets
    the valence given.

``REQUEST_WORDS``
    in an addressed post, politeness and request words ("please", "help", "hope", "want",
    "like", "yes") are the form of the request, not a feeling: their *positive* valence is
    dropped. A negated one ("no help") keeps its negative value.

``POLITE_IN_QUESTIONS``
    in an addressed post that asks a question ("?"), closing thanks are politeness too.

``SARCASM_CARRIERS`` / ``SARCASM_FACTOR`` / ``SARCASM_CUE``
    praise in a complaint is usually bitter ("thanks for the 3 hour delay", "great job
    losing my bag"): in a complaint the positive valence of these words is multiplied by
    ``SARCASM_FACTOR``. A complaint is a negative phrase or hashtag anywhere, or a negative
    ``WORDS`` entry in an addressed post, whose valence after negation is at most
    ``SARCASM_CUE``.
"""

from __future__ import annotations

import functools
import itertools
import re

# --------------------------------------------------------------------------- words

WORDS: dict[str, float | None] = {
    # disruption of the service itself
    "delayed": -1.8,
    "delay": -1.6,
    "delays": -1.6,
    "cancelled": -2.0,
    "canceled": -2.0,
    "cancellation": -1.8,
    "cancellations": -1.8,
    "cancelling": -1.5,
    "canceling": -1.5,
    "stranded": -2.3,
    "stuck": -1.8,
    "diverted": -1.0,
    "overbooked": -2.0,
    "oversold": -1.8,
    "misconnect": -1.8,
    "misconnected": -1.8,
    "outage": -2.0,
    "outages": -2.0,
    "downtime": -1.5,
    "glitch": -1.5,
    "glitches": -1.5,
    "glitchy": -1.5,
    "buggy": -1.5,
    "crashed": -1.6,
    "crashing": -1.6,
    "crashes": -1.6,
    "unreachable": -1.6,
    # how the customer was treated
    "unhelpful": -2.2,
    "unresponsive": -2.0,
    "unprofessional": -2.3,
    "incompetent": -2.3,
    "clueless": -1.8,
    "disorganized": -1.8,
    "disorganised": -1.8,
    "understaffed": -1.8,
    "overpriced": -1.8,
    "overcharged": -2.2,
    "ripoff": -2.4,
    "rip-off": -2.4,
    "mishandled": -2.0,
    "misplaced": -1.5,
    "lost": -1.8,
    "missing": -1.5,
    "missed": -1.5,
    "nightmare": -2.5,
    "ridiculous": -2.2,
    "unacceptable": -2.5,
    "inexcusable": -2.5,
    "hassle": -1.5,
    "inconvenienced": -1.5,
    "abysmal": -2.8,
    "atrocious": -2.8,
    "subpar": -1.8,
    "mediocre": -1.2,
    "sloppy": -1.6,
    "filthy": -2.2,
    "cramped": -1.2,
    "smelly": -1.5,
    "fml": -2.0,
    "wth": -2.0,
    "disconnected": -1.5,
    "inept": -2.2,
    "refund": -0.8,
    "compensation": -0.5,
    # customer-care praise VADER does not know
    "rockstar": 2.3,
    "rockstars": 2.3,
    "shoutout": 1.5,
    "lifesaver": 2.8,
    "professional": 1.2,
}

#: Lexicon words that are names when capitalised (matched on the lower-case form).
CAPITALISED_NAMES: list[str] = ["united"]

# Hashtags: searched inside the hashtag's text (lower case, without "#").
HASHTAG_NEGATIVE = (
    r"fail|sucks|worst|never_?again|never\w*again|^bad(?:service|customerservice|experience|"
    r"airline|company|support|day)|^poor(?:service|customerservice|experience|support)?$|"
    r"nocustomerservice|noservice|terrible|horrible|awful|disappoint|frustrat|notimpressed|"
    r"nothappy|unhappy|angry|annoyed|furious|ripoff|scam|stranded|stuck|delayed|cancel|"
    r"lostluggage|lostbag|smh|wtf|fml|shame|joke|ridiculous|unacceptable|incompetent|rude|"
    r"getittogether|nolove|unfriendly|boycott|noanswer|noresponse|nohelp|nobags|stillno|"
    r"waiting|onhold|tiredof|whatstheholdup|sorrynotsorry|broken|worse|hate|punished|filthy|"
    r"dirty|sickof|useless|pathetic|disgust|insult|robbed|hostage|nightmare|^hell$|^help$"
)
HASHTAG_NEGATIVE_VALENCE = -2.0
HASHTAG_POSITIVE = (
    r"^(?:love|thank|great|awesome|best|amazing|happy|excellent|kudos|impressed|wonderful|"
    r"fantastic|favorite|favourite|yay|grateful|rocks)|(?:rocks|love|kudos|thanks|thankyou|"
    r"ftw)$"
)
HASHTAG_POSITIVE_VALENCE = 1.5

# --------------------------------------------------------------------------- request / sarcasm

#: Words whose positive valence is dropped in a post addressed to an account.
REQUEST_WORDS: list[str] = [
    "please",
    "pls",
    "plz",
    "help",
    "helping",
    "hope",
    "hoping",
    "hopefully",
    "want",
    "like",
    "yes",
    "yeah",
    "sure",
    "ok",
    "okay",
    "number",
    "credit",
    "chance",
    "reach",
    "matter",
    "allow",
    "care",
    "free",
    "fine",
    "true",
    "giving",
    "kind",
]

#: Praise words that turn bitter inside a complaint.
SARCASM_CARRIERS: list[str] = [
    "thanks",
    "thank",
    "thx",
    "ty",
    "great",
    "love",
    "loving",
    "awesome",
    "nice",
    "good",
    "best",
    "wonderful",
    "fantastic",
    "brilliant",
    "amazing",
    "perfect",
    "appreciate",
    "glad",
    "happy",
    "fun",
    "lovely",
    "super",
    "cool",
    "wow",
    "lol",
    "haha",
    "yay",
    "impressive",
    "excellent",
    "funny",
    "joke",
    "kidding",
    "unbelievable",
]
SARCASM_FACTOR = 0.0
#: A complaint cue must carry at least this much negative valence (after negation) to count;
#: mild narrative hints ("I was told") do not silence praise.
SARCASM_CUE = -1.0

#: Thanks that only close a question ("Is my flight on time? Thanks") are politeness: their
#: positive valence is dropped in an addressed post that asks a question ("?").
POLITE_IN_QUESTIONS: list[str] = ["thanks", "thank", "thx", "ty", "tnx", "appreciate"]

# --------------------------------------------------------------------------- numbers

NUMBER_PATTERN = r"^(?:\d+(?:[.,:/]\d+)*\+?|\d+(?:st|nd|rd|th|h|hr|hrs|min|mins|m)?)$"
NUMBER_WORDS: list[str] = [  # "one" is not here: phrases need "no one"
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "few",
    "several",
    "couple",
    "multiple",
]

# --------------------------------------------------------------------------- phrases

_MY = "{my|our|his|her|their|the|your|}"
_BAG = "{bag|bags|luggage|baggage|suitcase|suitcases|stroller|carseat|car seat}"
_HOURS = "{hours|hour|hrs|hr|days|day|nights|night}"
_N = "{<num>|a|an|one|many}"
_WAITED = "{waited|waiting|wait|stuck|sat|sitting|hold|delayed|stranded|standing|been}"
_AUX = (
    "{is|was|are|were|did|does|do|would|can't|cant|cannot|won't|wont|didn't|didnt|isn't|"
    "isnt|wasn't|wasnt|haven't|havent|hasn't|hasnt|aren't|arent|don't|dont|doesn't|doesnt|"
    "couldn't|couldnt|should|has|have|no}"
)

PHRASE_PATTERNS: list[tuple[str, float]] = [
    # waiting and being ignored
    ("on hold", -1.8),
    ("hold time", -1.5),
    ("hold times", -1.5),
    ("still waiting", -2.0),
    (
        "{running|arrived|arriving|arrive|landed|departed|leaving|left|was|is|were|are|be|been|"
        "so|too|very|always|again|hours|hour|hrs|mins|minutes|days|still} late",
        -1.5,
    ),
    ("late {again|flight|flights|arrival|departure|departing|arriving|plane|crew|bags}", -1.5),
    ("still {no|not|haven't|havent|hasn't|hasnt|didn't|didnt|don't|dont|can't|cant}", -1.5),
    ("been waiting", -1.5),
    ("keep waiting", -1.5),
    ("waiting {for|on} " + _N + " " + _HOURS, -2.0),
    ("waited {for|} " + _N + " " + _HOURS, -2.0),
    ("{wait|waiting|waited} {forever|ages}", -2.0),
    (_WAITED + " for " + _N + " " + _HOURS, -1.5),
    (_N + " " + _HOURS + " {late|delay|delayed|wait|waiting|later}", -2.0),
    ("{hours|hrs|hour} on the {tarmac|plane|runway}", -1.5),
    ("<num> {hours|hour|hrs|hr} {and|amp} counting", -2.0),
    (_WAITED + " over {an|<num>} {hour|hours|hrs}", -1.5),
    (_WAITED + " all {day|night|morning}", -1.5),
    ("{long|longer} {line|lines|wait|waits|delay|delays|queue|queues}", -1.5),
    (
        "{sitting|sat|stuck|waiting|still} {at|on|in} the {gate|tarmac|plane|runway|ground|"
        "airport|terminal}",
        -1.2,
    ),
    ("{do|did|does|done} nothing {to|about|for}", -1.5),
    ("{can't|cant|couldn't|couldnt|won't|wont} do anything", -1.5),
    ("{locate|locating|find|finding|track|tracking|trace} " + _MY + " " + _BAG, -1.5),
    ("wait time", -1.2),
    ("wait times", -1.2),
    (
        "no {response|reply|replies|answer|answers|callback|call|calls|update|updates|info|"
        "information|explanation|communication|email|word|notice|notification|"
        "compensation|apology|hotel|food|seats|wifi|power|service|signal|internet|"
        "flights|refund|luggage|bags|bag|agents|staff|reason|options|help}",
        -1.8,
    ),
    ("no call back", -1.8),
    (
        "{no one|noone|nobody} {answers|answered|answering|picks|picked|responds|responded|"
        "replied|replies|helped|helps|came|cares|called|available|at|there|to}",
        -1.6,
    ),
    (
        "never {received|got|get|heard|called|arrived|showed|responded|replied|answered|"
        "came|delivered|refunded}",
        -2.0,
    ),
    ("{hung|hangs} up", -2.0),
    (
        "{can't|cant|cannot|couldn't|couldnt} get {through|thru|ahold|hold|anyone|someone|a|an}",
        -1.8,
    ),
    (
        "{can't|cant|cannot|couldn't|couldnt} {reach|contact|find|log|login|connect|access}",
        -1.5,
    ),
    (
        "{isn't|isnt|aren't|arent|stop|stops|stopped|doesn't|doesnt|won't|wont} "
        "{working|work|load|loading}",
        -1.8,
    ),
    (
        "{site|app|website|system|systems|network|server|servers|service|internet|wifi|phones|"
        "lines} {is|are|was|were|went|been|still|} down",
        -1.6,
    ),
    ("down again", -1.8),
    # the complaint narrative: told, tried, never got
    (
        "{didn't|didnt|haven't|havent|hasn't|hasnt|did not|have not|has not} {receive|received|"
        "get|got|hear|heard|arrive|arrived|show|showed|come|came|respond|responded|call|called|"
        "answer|answered}",
        -1.5,
    ),
    (
        "{not|didn't|didnt|can't|cant|couldn't|couldnt|won't|wont|doesn't|doesnt|don't|dont|"
        "wasn't|wasnt} even",
        -1.0,
    ),
    ("{yet|happened|happening} again", -1.2),
    ("again and again", -1.2),
    ("extra {fee|fees|charge|charges}", -1.0),
    (_WAITED + " for " + _N + " {minutes|mins|min}", -1.0),
    (_N + " {minutes|mins|min} {late|delay|delayed|wait|waiting|later}", -1.5),
    # bags, connections, money
    ("{lost|lose|losing|misplaced|damaged|broke|broken|destroyed} " + _MY + " " + _BAG, -2.5),
    ("{missing|delayed|damaged|broken} " + _BAG, -2.2),
    ("{where is|where's|wheres|where are} " + _MY + " " + _BAG, -2.0),
    (
        "{missed|miss|missing} " + _MY + " {connection|connecting|connections|flight|meeting|"
        "wedding|funeral}",
        -2.2,
    ),
    ("charged {me|us|} twice", -2.2),
    ("double {charged|charge|billed}", -2.2),
    ("hidden {fees|fee|charges}", -1.8),
    ("{want|need|demand} {a|my|our} refund", -1.8),
    ("my money back", -1.8),
    # outright verdicts
    ("{thanks|thank you|thx} for nothing", -2.8),
    ("never again", -2.5),
    (
        "{never|not} {fly|flying|flew|use|using|book|booking|choose|buy|travel} "
        + "{with|on|} {you|again|your}",
        -2.5,
    ),
    ("never {fly|flying|book|booking|use|using|travel|choose} {with|on|again}", -2.5),
    ("{what a|such a|is a|biggest|absolute|total|complete} joke", -2.0),
    ("joke of {a|an}", -2.0),
    ("{you|u} {kidding|joking}", -2.0),
    ("kidding me", -2.0),
    ("{get|got} {it|your act|your shit|ur act|your stuff} together", -1.8),
    ("{please|pls|plz} {fix|sort}", -1.2),
    ("fix {your|ur} {app|site|website|system|service|wifi|planes|mess|customer}", -1.2),
    ("waste of {time|money}", -2.2),
    ("too {long|slow}", -1.5),
    ("{so|very|painfully} slow", -1.5),
    ("{taking|takes|took} {so|too} long", -1.2),
    ("{taking|takes|took} forever", -1.2),
    ("no way to", -1.2),
    # complaint questions
    ("{what's|whats|what is} the point", -1.8),
    ("{what|wth} the {hell|heck|f}", -2.0),
    ("too much to ask", -1.8),
    # neutral service vocabulary that VADER reads as praise
    ("customer care", 0.0),
    ("{credit|debit} {card|cards}", 0.0),
    ("{flight|travel|future|trip} credit", 0.0),
    ("{phone|confirmation|flight|reference|record|ticket|case|reservation|account} number", 0.0),
    ("{take|taking|took} care of", 0.0),
    ("please {help|advise|respond|reply|dm|call|send|let|check|fix|look|confirm}", 0.0),
    ("{can|could|will|would} {you|someone|anyone|u} {please|pls|plz|} help", 0.0),
    ("{need|needs|any} help", 0.0),
    ("help {me|us|with|please|pls|plz}", 0.0),
    ("{would|i'd|id|we'd} like", 0.0),
    ("{looks|look|looked|seems|seem|feel|feels|felt|sounds} like", 0.0),
    # emoji whose VADER description carries no valence (or the wrong one)
    ("thumbs down", -2.0),
    ("thumbs up", 2.0),
    ("pouting face", -2.5),
    ("face with steam from nose", -2.0),
    ("face with symbols on mouth", -3.0),
    ("face with rolling eyes", -1.5),
    ("unamused face", -1.5),
    ("{person|man|woman} facepalming", -1.8),
    ("middle finger", -3.0),
    ("{face vomiting|nauseated face}", -2.2),
    ("pile of poo", -1.5),
    ("broken heart", -2.5),
    # thanks for a fix, a recovered bag
    ("{got|found|received|delivered|returned} " + _MY + " " + _BAG, 1.8),
    ("on time", 1.2),
    ("{arrived|landed} early", 1.2),
    ("above and beyond", 2.8),
    ("{quick|fast|prompt|speedy} {response|reply|service|help|answer|resolution|action}", 2.0),
    ("{made it|got home|home safe|safe and sound}", 1.2),
    ("problem solved", 2.0),
    ("shout out", 1.5),
]


#: Phrases that are complaints only when said *to* a brand: they count only in a post
#: addressed to an account (one with an @handle). "Why is the sky blue?" stays neutral.
ADDRESSED_PATTERNS: list[tuple[str, float]] = [
    ("still {sitting|parked|stuck|standing|here|there|waiting}", -1.5),
    ("{have|has} yet to", -1.2),
    ("{been|keep|kept} trying", -1.2),
    ("{tried|trying} {calling|to call|to reach|to get}", -1.0),
    ("{was|were|been|being} told", -0.8),
    ("told {me|us}", -0.8),
    ("{charged|charge|pay|paid|paying|cost} extra", -1.0),
    ("been " + _N + " {hours|hour|hrs|days|minutes|mins}", -1.5),
    (
        "{talk|speak|speaking|talking} to {a|an|someone|anyone} {human|person|supervisor|manager|"
        "agent|real}",
        -1.0,
    ),
    ("had to {pay|rebook|wait|sleep}", -1.2),
    ("why " + _AUX, -1.0),
    ("how come", -1.0),
    ("what {happened|gives}", -1.2),
    ("{what's|whats|what is} going on", -1.2),
    ("not {working|work|load|loading}", -1.8),
    ("extra {night|nights|day|days}", -1.0),
    ("do better", -1.5),
    ("{deserve|deserved|expect|expected|expecting} better", -1.5),
    ("step {it|your game} up", -1.5),
    ("how can you", -1.5),
    ("how many {more|times}", -1.5),
    ("how much longer", -1.8),
    ("how {hard|difficult} {is|can|was}", -1.8),
    ("how {is|was} {this|that|it} {acceptable|possible|ok|okay|fair}", -2.2),
]


def expand(pattern: str) -> list[str]:
    """All word sequences of a pattern with ``{a|b|}`` alternatives (empty = left out)."""
    parts = re.split(r"(\{[^}]*\})", pattern)
    choices: list[list[str]] = []
    for part in parts:
        if part.startswith("{"):
            choices.append(part[1:-1].split("|"))
        elif part.strip():
            choices.append([part.strip()])
    out = []
    for combo in itertools.product(*choices):
        words = " ".join(c for c in combo if c).split()
        if words:
            out.append(" ".join(words))
    return out


def _expand_all(patterns: list[tuple[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for pattern, valence in patterns:
        for phrase in expand(pattern):
            if " " not in phrase:
                raise ValueError(f"{pattern!r} gives the one-word phrase {phrase!r}")
            for word in phrase.split():
                if word != "<num>" and (word in NUMBER_WORDS or re.match(NUMBER_PATTERN, word)):
                    raise ValueError(f"{phrase!r}: write numbers as <num>, not {word!r}")
            out.setdefault(phrase, valence)
    return out


@functools.cache
def phrases() -> dict[str, float]:
    """Every phrase of :data:`PHRASE_PATTERNS` and :data:`ADDRESSED_PATTERNS` expanded:
    {"w1 w2 ...": valence}.

    A pattern must give phrases of 2-5 words (single words belong in :data:`WORDS`); a
    phrase listed twice keeps its first valence, :data:`PHRASE_PATTERNS` first.
    """
    return {**_expand_all(ADDRESSED_PATTERNS), **_expand_all(PHRASE_PATTERNS)}


@functools.cache
def addressed_phrases() -> frozenset[str]:
    """The phrases that count only in a post addressed to an account."""
    general = _expand_all(PHRASE_PATTERNS)
    return frozenset(p for p in _expand_all(ADDRESSED_PATTERNS) if p not in general)
