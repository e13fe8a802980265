r"""Marker lexicons for brand language: regular expressions per category, English and Norwegian.

The lexicons are plain data (``EN`` and ``NO`` below: ``{category: [regex, ...]}``) written for
this toolkit; they are matched case-insensitively, sentence by sentence, after curly quotes are
straightened (``’`` -> ``'``). Norwegian is bokmål, with nynorsk spellings where they cost one
alternative (``vi|me``, ``ikke|ikkje``, ``beklager|beklagar``, ``løst|løyst`` ...).

Categories
----------

Ownership (tip 5, "don't blame others" - what the brand takes on itself):

* ``apology`` - "we apologise", "we are sorry", "I'm sorry", "sorry for the delay",
  "beklager", "vi ber om unnskyldning", "vi er lei oss".
* ``responsibility`` - "we take full responsibility", "this was our mistake", "we got this
  wrong", "we own this", "we let you down", "vi tar fullt ansvar", "dette var vår feil",
  "vi har gjort en feil".
* ``corrective_action`` - what was or will be done: "we have fixed", "we are putting in
  place", "we will refund", "service has been restored", "vi har rettet", "vi vil
  refundere", "vi har satt inn tiltak", "tjenesten er nå oppe igjen".
* ``timeline`` - a concrete when: "by Wednesday 12:00", "within 5 working days", "by the end
  of the week", "tomorrow", "innen fredag", "innen 5 virkedager", "kl. 14", dates. The
  analysis counts a timeline only in a sentence that also says what will happen
  (``commitment`` or ``corrective_action``), so "Monday was a bad day" is no timeline.

Blame (shifting the problem away):

* ``scapegoat`` - a supplier, partner, vendor, subcontractor, platform or the customer:
  "caused by our supplier", "a third-party provider", "due to a fault at our partner",
  "user error", "leverandøren vår", "en underleverandør", "skyldes en feil hos".
* ``denial`` - "we did nothing wrong", "there is no problem", "this is not our fault",
  "vi har ikke gjort noe galt", "det er ingen feil", "dette var ikke vår feil".
* ``excuse`` - "beyond our control", "unforeseeable", "unprecedented demand", "utenfor vår
  kontroll", "uforutsett", "rekordhøy pågang".
* ``attack`` - attacking the accuser: "spreading misinformation", "these claims are false",
  "some users are trolling", "feilinformasjon", "påstandene er feil".
* ``agentless`` - passive without an agent: "mistakes were made", "errors occurred", "it was
  decided", "det ble gjort feil", "feil har skjedd", "noe gikk galt".

Reply kinds (acknowledgement vs substantive, see :mod:`toolkit.language.replies`):

* ``empathy``, ``thanks``, ``investigating`` ("we're looking into it"), ``request_details``
  ("please send us your account number"), ``move_to_dm`` - acknowledgement markers.
* ``explanation`` ("this was caused by", "skyldes"), ``statement_link`` (any http(s) URL,
  "see our blog/website/statement", "se nettsiden vår") - substantive markers, together
  with ``corrective_action`` and ``timeline`` above.

Helpers:

* ``commitment`` - says something will happen ("will", "shall", "we'll", "vil", "skal",
  "kommer til å", Norwegian present-for-future "vi sender"). Gates ``timeline``.
* ``negation`` - "not", "n't", "never", "no", "ikke", "ikkje", "aldri", "ingen". An ownership
  marker preceded by a negation in the same clause (up to three words back: "we are not
  sorry for", "this was not our fault"), or in Norwegian directly followed by one ("vi
  beklager ikke"), does not count.
* ``update_promise`` - a forward-looking promise of news: "we will post an update", "next
  update", "keep you posted", "neste oppdatering", "vi oppdaterer".

Extending
---------

``load_lexicon({"en": {"scapegoat": [r"\bthe contractor\b"]}, "no": {...}})`` returns a
:class:`Lexicon` with the user's patterns appended to the built-in ones (``nb``/``nn``/
``nob``/``nno`` count as ``no``). A pattern that does not compile, or a category that does not
exist, is a ``ValueError`` naming the language, category and pattern. A language without a
built-in lexicon (say ``sv``) starts empty and holds only the patterns given.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

OWNERSHIP_CATEGORIES: tuple[str, ...] = (
    "apology",
    "responsibility",
    "corrective_action",
    "timeline",
)
BLAME_CATEGORIES: tuple[str, ...] = ("scapegoat", "denial", "excuse", "attack", "agentless")
REPLY_CATEGORIES: tuple[str, ...] = (
    "empathy",
    "thanks",
    "investigating",
    "request_details",
    "move_to_dm",
    "explanation",
    "statement_link",
)
HELPER_CATEGORIES: tuple[str, ...] = ("commitment", "negation", "update_promise")
CATEGORIES: tuple[str, ...] = (
    OWNERSHIP_CATEGORIES + BLAME_CATEGORIES + REPLY_CATEGORIES + HELPER_CATEGORIES
)

FLAGS = re.IGNORECASE

# --------------------------------------------------------------------------- shared fragments

_URL = r"https?://\S+|\bwww\.\S+|\b(?:t\.co|bit\.ly|ow\.ly|buff\.ly|lnkd\.in)/\S+"

_EN_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_EN_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_EN_NUM = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a\s+few|a\s+couple\s+of"
_EN_ADV = r"(?:\s+(?:so|very|truly|deeply|really|sincerely|genuinely|extremely|terribly|incredibly|awfully|profoundly))*"  # noqa: E501
_EN_DONE = (
    r"fixed|resolved|restored|corrected|repaired|patched|rolled\s+back|reverted|removed|replaced"
    r"|recalled|refunded|reimbursed|compensated|credited|reinstated|introduced|implemented"
    r"|deployed|put\s+in\s+place|strengthened|tightened|changed|upgraded|suspended|withdrawn"
    r"|paused|stopped|contacted|reached\s+out\s+to|added|increased|doubled|brought\s+in|set\s+up"
    r"|extended|waived|cancelled|reversed|retrained|reviewed|halted"
)
_EN_DO = (
    r"fix|restore|resolve|correct|repair|refund|reimburse|compensate|credit|replace|recall"
    r"|reinstate|introduce|implement|deploy|put\s+in\s+place|strengthen|tighten|change|review"
    r"|waive|reverse|retrain|roll\s+out|roll\s+back|improve|add|increase"
    r"|extend|make\s+sure|ensure|cover|pay|return|halt|stop|remove"
)
_EN_ING = (
    r"fixing|restoring|resolving|correcting|repairing|refunding|reimbursing|compensating|crediting"
    r"|replacing|recalling|reinstating|introducing|implementing|deploying|putting\s+in\s+place"
    r"|strengthening|tightening|changing|reviewing|waiving"
    r"|reversing|retraining|rolling\s+out|rolling\s+back|improving|adding|increasing|extending"
    r"|working\s+(?:hard\s+)?(?:to|on)\s+(?:fix|restore|resolve|correct|repair|a\s+fix|a\s+solution)"
)
_EN_PARTY = (
    r"suppliers?|vendors?|partners?|subcontractors?|sub-contractors?|contractors?|providers?"
    r"|third[- ]part(?:y|ies)|platforms?|couriers?|carriers?|delivery\s+company|manufacturers?"
    r"|banks?|payment\s+processors?|hosting\s+(?:company|provider)|data\s+cent(?:er|re)"
    r"|cloud\s+provider|agency|franchisees?|customers?|users?|consumers?"
)
_EN_BIG_TECH = (
    r"aws|amazon\s+web\s+services|azure|google\s+cloud|cloudflare|microsoft|meta|facebook"
    r"|twitter|instagram|apple|google|vipps|bankid"
)

_NO_DAYS = r"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tysdag|laurdag|sundag"
_NO_MONTHS = (
    r"januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|des"
)
_NO_NUM = (
    r"\d+|en|ei|ett|ein|eitt|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|tolv|et\s+par|eit\s+par"
    r"|noen|nokre|få"
)
_NO_WE = r"(?:vi|me|jeg|eg)"
_NO_DONE = (
    r"rettet|retta|fikset|fiksa|løst|løyst|gjenopprettet|gjenoppretta|korrigert|reparert"
    r"|innført|satt\s+inn|sett\s+inn|iverksatt|sett\s+i\s+verk|satt\s+i\s+gang|endret|endra"
    r"|erstattet|erstatta|refundert|tilbakebetalt|betalt\s+tilbake|kompensert|fjernet|fjerna"
    r"|stanset|stansa|stoppet|stoppa|trukket\s+tilbake|tilbakekalt|styrket|styrka|skjerpet"
    r"|skjerpa|økt|auka|kontaktet|kontakta|lagt\s+om|rullet\s+tilbake|oppgradert|utbedret"
    r"|utbetra|tatt\s+grep|gjennomgått|forlenget|frafalt"
)
_NO_PRET = (
    r"rettet|retta|fikset|fiksa|løste|løyste|gjenopprettet|korrigerte|reparerte|innførte"
    r"|satte\s+inn|iverksatte|endret|erstattet|refunderte|tilbakebetalte|fjernet|stanset"
    r"|stoppet|trakk\s+tilbake|kontaktet|styrket|skjerpet|økte|auka|utbedret"
)
_NO_DO = (
    r"rette|fikse|løse|løyse|gjenopprette|korrigere|reparere|innføre|sette\s+inn|iverksette"
    r"|sette\s+i\s+verk|setje\s+i\s+verk|endre|erstatte|refundere|refundera|tilbakebetale"
    r"|betale\s+tilbake|kompensere|kompensera|fjerne|stanse|stoppe|trekke\s+tilbake|styrke"
    r"|skjerpe|øke|auke|gjennomgå|gå\s+gjennom|sørge\s+for|sikre|utbedre|forbedre"
    r"|betale|dekke|ordne|gi\s+(?:dere\s+|deg\s+|alle\s+|kundene\s+)?(?:kompensasjon|refusjon"
    r"|erstatning|pengene\s+tilbake)"
)
_NO_PRES = (
    r"retter|fikser|løser|løyser|gjenoppretter|korrigerer|innfører|setter\s+inn|set\s+inn"
    r"|iverksetter|endrer|erstatter|refunderer|refunderar|tilbakebetaler|kompenserer|fjerner"
    r"|stanser|stopper|styrker|skjerper|øker|aukar|gjennomgår|sørger\s+for|utbedrer"
    r"|betaler|dekker"
)
_NO_PARTY = (
    r"leverandør(?:en|er|ene|ar|ane)?|underleverandør(?:en|er|ene|ar|ane)?"
    r"|samarbeidspartner(?:en|e|ar|ne)?|partner(?:en|e|ar|ne)?|tredjepart(?:en|er)?"
    r"|tredjepartsleverandør(?:en|er)?|entreprenør(?:en|er|ene)?|underentreprenør(?:en|er|ene)?"
    r"|plattform(?:en|a)?|transportør(?:en|er)?|speditør(?:en)?|budfirma(?:et)?|posten"
    r"|banken|bankene|produsent(?:en|er)?|kunde(?:n|ne|r)?|bruker(?:en|ne|e)?|brukar(?:en|ane)?"
    r"|driftsleverandør(?:en)?|it-leverandør(?:en)?|skyleverandør(?:en)?"
)

# --------------------------------------------------------------------------- English

EN: dict[str, list[str]] = {
    "apology": [
        rf"\b(?:we|i)(?:'re|'m|\s+are|\s+am|\s+were|\s+was){_EN_ADV}\s+sorry\b"
        r"(?!\s+to\s+(?:hear|see|read|learn)\b)",
        r"\b(?:we|i)(?:\s+(?:sincerely|truly|deeply|unreservedly|wholeheartedly|fully|again"
        r"|would\s+like\s+to|want\s+to|wish\s+to|must))*\s+apologi[sz]e\b",
        r"\b(?:we|i)\s+(?:offer|extend|owe)\s+(?:you\s+|our\s+customers\s+)?(?:an?\s+|our\s+|my\s+)?"
        r"(?:(?:sincere|deepest|heartfelt|unreserved|full)\s+)*apolog(?:y|ies)\b",
        r"\b(?:our|my)\s+(?:(?:sincere|sincerest|deepest|heartfelt|unreserved)\s+)*apologies\b",
        r"\bplease\s+accept\s+(?:our|my)\s+(?:(?:sincere|deepest)\s+)*apolog",
        r"^\W*(?:so\s+|very\s+|truly\s+|really\s+)?sorry\b(?!\s+to\s+(?:hear|see|read|learn)\b)",
        r"\bsorry\s+(?:for|about)\s+(?:the|any|this|all|our|that|these|those)\b",
        r"\bapologi[sz]e\s+(?:for|to)\b",
        r"\bapologies\s+(?:for|to)\b",
        r"\b(?:we|i)\s+(?:(?:deeply|sincerely|truly)\s+)?regret\b(?!\s+to\s+inform)",
        r"\bcan(?:no|')t\s+apologi[sz]e\s+enough\b",
    ],
    "responsibility": [
        r"\b(?:we|i)(?:\s+(?:fully|completely|wholly|unreservedly))?\s+(?:take|accept|bear"
        r"|acknowledge|own)\s+(?:(?:full|complete|total|all|the|our|sole)\s+)*(?:responsibility"
        r"|accountability|blame)\b",
        r"\b(?:this|it|that|the\s+(?:error|mistake|outage|failure|problem|fault))\s+(?:was|is|were)"
        r"\s+(?:(?:entirely|completely|totally|all|wholly|solely)\s+)?(?:our|my)\s+(?:own\s+)?"
        r"(?:fault|mistake|error|failure|doing|responsibility)\b",
        r"\b(?:our|my)\s+(?:own\s+)?(?:fault|mistake)\b",
        r"\bthe\s+(?:fault|mistake|error|responsibility|blame)\s+(?:is|was|lies|lay|rests)\s+"
        r"(?:(?:entirely|solely|squarely)\s+)?(?:with\s+us|ours|on\s+us|with\s+me|mine)\b",
        r"\b(?:we|i)(?:'ve|\s+have)?\s+got\s+(?:this|it|that|things)\s+(?:badly\s+)?wrong\b",
        r"\b(?:we|i)\s+own\s+(?:this|it|that|our\s+mistake|the\s+mistake|up\s+to)\b",
        r"\b(?:we|i)(?:'ve|\s+have)?\s+made\s+(?:(?:a|an|some|serious|big|bad|grave)\s+)*"
        r"(?:mistakes?|errors?|misjudge?ments?)\b",
        r"\b(?:we|i)\s+(?:messed|screwed)\s+up\b",
        r"\b(?:we|i)(?:\s+have)?\s+(?:fell|fallen)\s+short\b",
        r"\b(?:we|i)(?:'ve|\s+have)?\s+let\s+(?:you|our\s+\w+|people|everyone)\s+down\b",
        r"\b(?:we|i)\s+should(?:'ve|\s+have)\s+\w+",
        r"\b(?:we|i)\s+could(?:'ve|\s+have)\s+(?:done|handled|communicated|acted)\s+"
        r"(?:this\s+|that\s+|it\s+|things\s+)?(?:much\s+|far\s+)?better\b",
        r"\b(?:we|i)\s+failed\s+(?:to|you|our)\b",
        r"\bwe\s+(?:are|hold\s+ourselves)\s+(?:fully\s+)?accountable\b",
        r"\b(?:this|that|it)(?:'s|\s+is|\s+was)\s+(?:all\s+)?on\s+us\b",
    ],
    "corrective_action": [
        rf"\b(?:we|i)(?:'ve|\s+have|\s+has)?(?:\s+(?:now|already|since|just|today|immediately"
        rf"|quickly))*\s+(?:{_EN_DONE})\b",
        rf"\b(?:we|i)(?:'ll|\s+will|\s+shall|\s+are\s+going\s+to|\s+intend\s+to|\s+plan\s+to"
        rf"|\s+commit\s+to|\s+promise\s+to)(?:\s+(?:now|also|immediately|quickly|personally"
        rf"|fully|of\s+course))*\s+(?:{_EN_DO})\b",
        rf"\b(?:we|i)(?:'ll|\s+will|\s+shall)\s+be\s+(?:{_EN_ING})\b",
        r"\b(?:we|i)(?:'ll|\s+will|\s+shall)\s+(?:work|do\s+(?:everything|all)|make\s+every"
        r"\s+effort)\b[^.!?]{0,40}?\bto\s+(?:fix|restore|resolve|correct|repair|refund"
        r"|compensate|reimburse|replace)\b",
        rf"\b(?:we|i)(?:'re|'m|\s+are|\s+am)(?:\s+(?:now|already|currently|actively|also"
        rf"|urgently))*\s+(?:{_EN_ING})\b",
        r"\b(?:full\s+)?(?:refunds?|compensation|reimbursements?|replacements?|credits?)\s+"
        r"(?:will\s+be|(?:has|have)\s+been|(?:is|are)\s+being|(?:is|are)\s+on\s+(?:its|their)"
        r"\s+way|within|are\s+(?:now\s+)?available)\b",
        r"\b(?:issue|issued|process|processed|offer|offered|give|given|send|sent)\s+(?:you\s+)?"
        r"(?:(?:a|an|your|the|full)\s+)*(?:refund|compensation|credit|voucher|replacement)s?\b",
        r"\b(?:service|access|the\s+(?:service|app|site|website|system|network|platform|feature"
        r"|connection|payments?)|everything|all\s+systems)\s+(?:has|have|is|are|was|were)"
        r"(?:\s+(?:now|since|been|fully|again))*\s+(?:fully\s+|completely\s+)?(?:restored"
        r"|back(?:\s+(?:up|online|to\s+normal))?|fixed|resolved|up\s+and\s+running"
        r"|working\s+(?:again|normally)|operational|online)\b",
        r"\b(?:has|have|was|were)\s+(?:now\s+)?(?:since\s+)?been\s+(?:fully\s+)?(?:fixed|resolved"
        r"|restored|corrected|repaired|patched|rolled\s+back|reverted|replaced|recalled|refunded"
        r"|reimbursed|reinstated|deployed|implemented)\b",
        r"\b(?:a|the)\s+fix\s+(?:has\s+been|was|is\s+being|will\s+be)\s+(?:deployed|rolled\s+out"
        r"|released|applied|implemented|in\s+place|live)\b",
        r"\b(?:get|receive|be\s+given)\s+(?:their|your|the|a\s+full|a|all\s+their)\s+"
        r"(?:money\s+back|refund|compensation|credit)\b",
        rf"\b(?:our\s+|the\s+)?(?:engineers|team|teams|technicians|staff|developers|crews?)\s+"
        rf"(?:have|has|had)(?:\s+(?:now|already|since))*\s+(?:{_EN_DONE})\b",
        r"\b(?:new|additional|extra|stricter|improved)\s+(?:routines|procedures|checks|safeguards"
        r"|controls|measures|staff|capacity|monitoring|processes|quality\s+checks)\b",
    ],
    "timeline": [
        rf"\b(?:{_EN_DAYS})\b",
        rf"\b(?:within|in\s+the\s+next|in|over\s+the\s+next|for\s+the\s+next)\s+(?:{_EN_NUM}"
        r"|the)\s*(?:working\s+|business\s+|calendar\s+)?(?:minutes?|mins?|hours?|hrs?|days?"
        r"|weeks?|months?|h)\b",
        r"\b\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?(?!\d)",
        r"\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)",
        r"\b(?:noon|midday|midnight)\b",
        r"\b(?:today|tonight|tomorrow|later\s+today|this\s+(?:morning|afternoon|evening|week"
        r"|weekend|month)|next\s+(?:week|month)|end\s+of\s+(?:the\s+)?(?:day|week|month|business"
        r"|quarter)|close\s+of\s+business)\b",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_EN_MONTHS})\b",
        rf"\b(?:{_EN_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
        r"\b\d{4}-\d{2}-\d{2}\b",
        r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b",
    ],
    "scapegoat": [
        r"\b(?:made|done|pushed|sent|caused)\s+by\s+(?:our\s+|the\s+|a\s+)?(?:[\w-]+\s+){0,2}"
        r"(?:provider|vendor|supplier|partner|bank|contractor)s?\b",
        r"\b(?:vendor|provider|supplier|partner)(?:'s|s')\s+(?:software|equipment|system|update|"
        r"hardware|fault|error|mistake)\b",
        r",\s*not\s+us\b",
        rf"\b(?:caused|triggered|created|introduced)\s+by\s+(?:a\s+|an\s+|the\s+|our\s+|their\s+"
        rf"|one\s+of\s+our\s+|some\s+)?(?:[\w-]+\s+){{0,2}}(?:{_EN_PARTY})\b",
        rf"\b(?:due|owing|attributable|down|traced(?:\s+back)?)\s+to\s+(?:a\s+|an\s+|the\s+"
        rf"|our\s+|one\s+of\s+our\s+)?(?:[\w-]+\s+){{0,3}}(?:{_EN_PARTY})\b",
        rf"\b(?:fault|error|failure|problem|issue|outage|mistake|bug|breach|incident)s?\s+"
        rf"(?:at|with|by|from|on\s+the\s+side\s+of|on\s+the\s+part\s+of)\s+(?:a\s+|an\s+|the\s+"
        rf"|our\s+|one\s+of\s+our\s+)?(?:external\s+)?(?:[\w-]+\s+)?(?:{_EN_PARTY})\b",
        r"\bthird[- ]party\s+(?:provider|vendor|supplier|service|system|software|partner|company"
        r"|contractor)s?\b",
        r"\b(?:our|an?|the)\s+(?:(?:external|outside|it|software|payment|logistics)\s+)?"
        r"(?:supplier|vendor|subcontractor|sub-contractor|contractor)s?\b",
        r"\b(?:user|customer|operator)\s+error\b",
        r"\b(?:users?|customers?)\s+(?:who\s+|that\s+)?(?:did\s+not|didn't|failed\s+to"
        r"|forgot\s+to|neglected\s+to|chose\s+not\s+to|ignored)\b",
        r"\b(?:incorrect|improper|wrong|careless)\s+(?:use|usage|handling|installation)\b",
        r"\bmisuse\b",
        r"\b(?:responsibility|fault|blame)\s+(?:lies|lay|rests|is)\s+(?:with|on)\s+"
        r"(?:the|our|a|an|their)\s+",
        rf"\b(?:{_EN_BIG_TECH})(?:'s)?\s+(?:outage|error|fault|failure|bug|algorithm|moderation"
        r"|problems?|issues?|downtime)\b",
        rf"\b(?:outage|failure|error|fault|problems?|issues?|downtime)\s+(?:at|with|in)\s+"
        rf"(?:{_EN_BIG_TECH})\b",
    ],
    "denial": [
        r"\bnot\s+(?:as|that|so)\s+bad\s+as\b",
        r"\b(?:being\s+)?made\s+out\s+to\s+be\b",
        r"\bblown\s+out\s+of\s+(?:all\s+)?proportion\b",
        r"\b(?:only|just)\s+(?:affected|impacted)\s+for\s+a\s+(?:few|couple)\b",
        r"\b(?:we|i)(?:'ve|\s+have|\s+did)?\s+(?:done\s+)?nothing\s+wrong\b",
        r"\b(?:there\s+(?:is|was|are|were|has\s+been|have\s+been)|there's|we\s+(?:see|found"
        r"|find|have\s+found))\s+(?:no|not\s+any|absolutely\s+no)\s+(?:problem|issue|error|fault"
        r"|outage|evidence|wrongdoing|breach|leak|indication|defect)s?\b",
        r"(?:\bnot|n't)\s+(?:\w+\s+)?(?:our|my|the\s+company's)\s+(?:fault|mistake|responsibility"
        r"|doing|problem|error)\b",
        r"\b(?:do\s+not|don't|cannot|can't|won't|will\s+not)\s+(?:take|accept|bear)\s+(?:any\s+)?"
        r"(?:responsibility|liability|blame)\b",
        r"\b(?:we|i)\s+(?:deny|reject|dispute|refute)\s+(?:any|all|these|the|this|that|those)\b",
        r"\bno\s+(?:one|customers?|users?|data)\s+(?:was|were|has\s+been|have\s+been)\s+"
        r"(?:affected|harmed|impacted|exposed|at\s+risk)\b",
        r"\b(?:working|functioning|operating)\s+as\s+(?:intended|designed)\b",
        r"\bwe\s+stand\s+by\s+(?:our|the|this|that)\b",
        r"\b(?:we|i)(?:\s+have)?\s+(?:followed|complied\s+with)\s+(?:all|every)\b",
        r"\b(?:there\s+is\s+)?nothing\s+(?:is\s+|was\s+)?wrong\s+with\s+(?:our|the)\b",
    ],
    "excuse": [
        r"\bout\s+of\s+(?:our|my)\s+hands\b",
        r"\b(?:beyond|outside(?:\s+of)?)\s+(?:our|my|anyone's|the\s+company's)\s+(?:\w+\s+)?"
        r"control\b",
        r"\bunforese(?:e|ea)able\b",
        r"\bunforeseen\b",
        r"\b(?:could\s+not|couldn't|cannot|can't)\s+(?:have\s+)?(?:been\s+)?(?:foreseen|predicted"
        r"|anticipated|prevented|expected)\b",
        r"\b(?:no\s+one|nobody)\s+could\s+have\b",
        r"\b(?:unprecedented|unusually\s+high|exceptionally\s+high|extraordinary|record"
        r"|unexpected(?:ly\s+high)?|extreme|massive)\s+(?:demand|volumes?|traffic|load|weather"
        r"|levels|interest|circumstances|number\s+of\s+\w+)\b",
        r"\bforce\s+majeure\b",
        r"\bact\s+of\s+god\b",
        r"\b(?:an\s+)?isolated\s+(?:incident|case|event)\b",
        r"\b(?:industry[- ]wide|across\s+the\s+industry|like\s+(?:many|all)\s+other\s+"
        r"(?:companies|brands|providers))\b",
        r"\bhuman\s+error\b",
        r"\b(?:circumstances|factors)\s+(?:beyond|outside)\b",
    ],
    "attack": [
        r"\bif\s+you\s+had\s+(?:checked|read|looked\s+at|followed|bothered)\b",
        r"\byou\s+should\s+have\s+(?:checked|read|known|looked)\b",
        r"\b(?:spread(?:s|ing)?|circulat(?:e|es|ing)|push(?:es|ing)?|peddl(?:e|es|ing))\s+"
        r"(?:of\s+)?(?:misinformation|disinformation|false\s+(?:information|rumou?rs|claims"
        r"|stories)|lies|rumou?rs|fake\s+news|falsehoods)\b",
        r"\b(?:mis|dis)information\b",
        r"\bfake\s+news\b",
        r"\b(?:claims|allegations|accusations|reports|rumou?rs|stories|posts|statements)\b"
        r"[^.!?]{0,60}?\b(?:are|were|is|was)\s+(?:(?:simply|completely|totally|entirely"
        r"|patently)\s+)?(?:false|untrue|baseless"
        r"|unfounded|misleading|incorrect|wrong|fabricated|inaccurate|lies|nonsense"
        r"|exaggerated)\b",
        r"\btroll(?:s|ing|ed)?\b",
        r"\b(?:some|a\s+few|certain|a\s+small\s+number\s+of)\s+(?:users|people|individuals"
        r"|customers|accounts|critics)\s+(?:are|have\s+been|were)\s+(?:\w+\s+)?(?:trying"
        r"|deliberately|trolling|exaggerating|lying|attacking|spreading|misrepresenting|twisting"
        r"|stirring)\b",
        r"\b(?:smear|hate|coordinated|orchestrated)\s+campaign\b",
        r"\bmalicious(?:ly)?\b",
        r"\b(?:vocal|small|loud|noisy)\s+minority\b",
        r"\bbad\s+faith\b",
        r"\bhidden\s+agenda\b",
        r"\b(?:hysteria|hysterical|overreact(?:ion|ing|ed)?)\b",
        r"\b(?:twist(?:s|ing|ed)?|misrepresent(?:s|ing|ed)?|distort(?:s|ing|ed)?)\s+"
        r"(?:the\s+|our\s+)?(?:facts|words|statement|story|truth)\b",
        r"\bexaggerat(?:e|ed|es|ing|ion)\b",
    ],
    "agentless": [
        r"\bmistakes\s+(?:were|have\s+been|had\s+been)\s+made\b",
        r"\b(?:errors?|mistakes?)\s+(?:was|were|has|have|had)\s+(?:been\s+)?(?:made|committed)\b",
        r"\b(?:errors?|problems?|issues?|incidents?|failures?|faults?|mistakes?)\s+"
        r"(?:(?:has|have|had)\s+)?occurred\b",
        r"\bit\s+was\s+(?:decided|determined|agreed|felt)\b",
        r"\b(?:a|the)\s+decision\s+(?:was|has\s+been)\s+(?:made|taken)\b",
        r"\b(?:things|something|it)\s+(?:went|has\s+gone|have\s+gone|had\s+gone)\s+wrong\b",
        r"\bthere\s+(?:was|were|has\s+been|have\s+been)\s+(?:an?\s+|some\s+)?(?:error|errors"
        r"|mistake|mistakes|oversight|miscommunication|misunderstanding|lapse)\b",
        r"\b(?:was|were|has\s+been|have\s+been)\s+(?:mishandled|overlooked|not\s+followed"
        r"|not\s+communicated)\b",
        r"\bit\s+is\s+regrettable\b",
    ],
    "empathy": [
        r"\bsorry\b",
        r"\bapologi[sz]e\b|\bapologies\b",
        r"\b(?:we|i)\s+(?:completely\s+|totally\s+|fully\s+)?understand\b",
        r"\bunderstandabl[ey]\b",
        r"\bfrustrat\w*",
        r"\bnot\s+(?:the\s+experience|what\s+we\s+(?:want|expect|like))\b",
        r"\bwe\s+hear\s+you\b",
        r"\b(?:sad|disappointed|unhappy|upset|concerned|sorry)\s+to\s+(?:hear|see|read|learn)\b",
        r"\bthat(?:'s|\s+is)\s+(?:not\s+(?:good|great|ideal|right|okay|ok)|annoying"
        r"|disappointing)\b",
        r"\bi\s+can\s+(?:imagine|understand)\b",
        r"\bregret\b",
        r"\bunfortunately\b",
    ],
    "thanks": [
        r"\bthank(?:s|\s+you)\b",
        r"\bthx\b|\bty\b",
        r"\bappreciated?\b",
        r"\bgrateful\b",
        r"\bfor\s+(?:your\s+)?(?:patience|understanding)\b",
        r"\bfor\s+(?:reaching\s+out|letting\s+us\s+know|flagging|bringing\s+this)\b",
    ],
    "investigating": [
        r"\blook(?:ing)?\s+into\b",
        r"\binvestigat(?:e|es|ing|ion)\b",
        r"\bcheck(?:ing)?\s+(?:this|it|that|on|into|with|for\s+you)\b",
        r"\b(?:we|i)(?:'re|'m|\s+are|\s+am)\s+(?:aware|on\s+it)\b",
        r"\bworking\s+(?:hard\s+)?(?:on|to)\s+(?:it|this|a\s+fix|a\s+solution|fix|restore"
        r"|resolve|getting)\b",
        r"\b(?:have|'ve)\s+(?:escalated|passed|forwarded|flagged|raised)\b",
        r"\bescalat(?:e|ed|ing)\b",
        r"\b(?:get|come)\s+back\s+to\s+you\b",
        r"\bfind\s+out\s+(?:more|what|why)\b",
        r"\b(?:team|engineers|technicians)\s+(?:is|are)\s+(?:on\s+it|working|investigating)\b",
    ],
    "request_details": [
        r"\b(?:send|share|provide|give|tell|confirm|pass|forward)\s+(?:us|me)\b",
        r"\b(?:can|could|would)\s+you\s+(?:please\s+)?(?:send|share|provide|tell|confirm|give"
        r"|let\s+us\s+know|check|describe|clarify|dm|drop|follow|try)\b",
        r"\b(?:what|which)\s+(?:is|was|are)\s+your\b",
        r"\b(?:account|order|booking|reference|ticket|case|tracking|membership|customer|phone"
        r"|flight|invoice|serial|confirmation)\s+(?:number|no|nr|id|reference|details)\b",
        r"\b(?:email|e-mail|postal)\s+address\b",
        r"\b(?:more|some|further|a\s+few|a\s+bit\s+more)\s+(?:details|information|info)\b",
        r"\blet\s+us\s+know\b",
        r"\bfill\s+(?:in|out)\b",
        r"\b(?:get\s+in\s+touch|contact\s+us|call\s+us|reach\s+out\s+to\s+us)\b",
    ],
    "move_to_dm": [
        r"\b(?:dm|pm)(?:s|'s|ed)?\b",
        r"\b(?:direct|private)\s+message\b",
        r"\bsend\s+us\s+a\s+(?:message|note)\b",
        r"\binbox\b",
        r"\bprivately\b|\bin\s+private\b",
        r"\bmessage\s+us\b",
    ],
    "explanation": [
        r"\bcaused\s+by\b",
        r"\btriggered\s+by\b",
        r"\bdue\s+to\b(?!\s+be\b)",
        r"\bowing\s+to\b",
        r"\bbecause\s+(?:of|a|an|the|our|we|it|there|this)\b",
        r"\bthe\s+(?:root\s+)?(?:cause|reason)\s+(?:was|is|for|of)\b",
        r"\bresult(?:ed)?\s+(?:of|from)\b",
        r"\bas\s+a\s+result\s+of\b",
        r"\bhappened\s+(?:because|when|after)\b",
        r"\bstemmed\s+from\b",
        r"\bwhat\s+happened\s+(?:was|is)\b",
    ],
    "statement_link": [
        _URL,
        r"\b(?:see|read|check|visit|find)\s+(?:out\s+)?(?:our|the)\s+(?:(?:full|latest|official"
        r"|public)\s+)?(?:blog|website|site|web\s+site|statement|status\s+page|update|updates|post"
        r"|press\s+release|faq|news\s+page)\b",
        r"\b(?:on|at)\s+our\s+(?:blog|website|site|status\s+page|news\s+page|homepage"
        r"|home\s+page)\b",
        r"\blink\s+(?:below|above|in\s+(?:our\s+)?bio)\b",
    ],
    "commitment": [
        r"\b(?:will|shall|won't|going\s+to|expect\s+to|plan\s+to|aim\s+to|intend\s+to"
        r"|promise\s+to|commit\s+to|scheduled\s+to|expected\s+to)\b",
        r"'ll\b",
        r"\bdue\s+to\s+be\b",
    ],
    "negation": [
        r"\b(?:not|never|no|nothing|neither|nor|nobody|none|without|hardly)\b",
        r"n't\b",
    ],
    "update_promise": [
        r"\bnext\s+update\b",
        r"(?:\b(?:will|shall|going\s+to|plan\s+to|expect\s+to|aim\s+to|promise\s+to)|'ll)\b"
        r"[^.!?]{0,40}?\b(?:updates?|updated|information|news|details)\b",
        r"\bkeep\s+(?:you|everyone|customers|all\s+of\s+you)\s+(?:posted|updated|informed)\b",
        r"(?:\bwill|'ll)\s+(?:get|come|report)\s+back\b",
        r"\bupdates?\s+(?:to\s+follow|coming|expected|will\s+follow)\b",
        r"\bmore\s+(?:information\s+)?to\s+follow\b",
        r"\bexpect\s+(?:an?\s+|further\s+|more\s+)?updates?\b",
    ],
}

# --------------------------------------------------------------------------- Norwegian

NO: dict[str, list[str]] = {
    "apology": [
        r"\bbeklag(?:er|ar)\b",
        rf"\b{_NO_WE}\s+(?:vil\s+)?(?:be|ber|bed)\s+om\s+(?:unnskyldning|orsaking|tilgivelse)\b",
        r"\bbe(?:r|d)?\s+om\s+(?:unnskyldning|orsaking)\b",
        r"\bunnskyld\b",
        r"\borsak(?:a|ing)\b",
        r"\b(?:er|e)\s+(?:(?:så|veldig|oppriktig|svært|utrolig|virkelig|djupt|dypt)\s+)*"
        r"lei\s+(?:oss|meg)\b",
        r"\blei\s+(?:oss|meg)\s+for\b",
        r"\b(?:vår|mi|min)\s+(?:oppriktige\s+)?(?:unnskyldning|beklagelse|orsaking)\b",
    ],
    "responsibility": [
        rf"\b{_NO_WE}\s+(?:tar|tek|påtar\s+oss|påtek\s+oss|tar\s+på\s+oss)\s+(?:det\s+)?"
        r"(?:(?:full|fullt|fulle|hele|heile|all|alt|et|eit)\s+)?ansvar(?:et)?\b",
        r"\b(?:dette|det|feilen|det\s+som\s+skjedde)\s+(?:var|er|va)\s+(?:(?:helt|heilt"
        r"|utelukkende|fullt\s+og\s+helt)\s+)?(?:vår|min|våre)\s+(?:egen\s+|eigen\s+)?"
        r"(?:feil|skyld|ansvar)\b",
        r"\b(?:vår|min)\s+(?:egen\s+|eigen\s+)?(?:feil|skyld)\b",
        rf"\b{_NO_WE}(?:\s+har)?\s+(?:gjort|gjorde|begått|begikk)(?:\s+(?:en|ein|noen|nokre"
        r"|flere|fleire|stor|store|alvorlig|alvorlige|alvorleg|alvorlege|grov|grove))*\s+"
        r"(?:feil|tabbe|tabber|bommert|feilvurdering|feilvurderinger)\b",
        rf"\b{_NO_WE}\s+(?:tok\s+feil|bommet|bomma|trådte\s+feil|tråkket\s+feil|trakka\s+feil)\b",
        rf"\b{_NO_WE}\s+(?:burde|skulle|skulla)\s+(?:ha|hatt)\b",
        rf"\b{_NO_WE}(?:\s+har)?\s+(?:sviktet|svikta|skuffet|skuffa)\b",
        r"\bfeilen\s+(?:er|var|ligger|ligg|låg|lå)\s+(?:hos\s+oss|hjå\s+oss|vår)\b",
        r"\bansvaret\s+(?:er|var|ligger|ligg)\s+(?:hos\s+oss|hjå\s+oss|vårt)\b",
        r"\b(?:vi|me)\s+(?:er|står)\s+(?:fullt\s+|helt\s+)?ansvarl(?:i|e)ge?\b",
        rf"\b{_NO_WE}(?:\s+har)?\s+(?:rotet|rota|dreit\s+oss\s+ut)\b",
    ],
    "corrective_action": [
        rf"\b{_NO_WE}\s+(?:har|hadde)(?:\s+(?:nå|no|allerede|alt|i\s+dag|straks|raskt|nettopp"
        rf"|også|og))*\s+(?:{_NO_DONE})\b",
        rf"\b{_NO_WE}\s+(?:{_NO_PRET})\b",
        rf"\b{_NO_WE}\s+(?:vil|skal|kommer\s+til\s+å|kjem\s+til\s+å|jobber\s+med\s+å"
        r"|arbeider\s+med\s+å|held\s+på\s+å|holder\s+på\s+å|er\s+i\s+gang\s+med\s+å"
        r"|tar\s+sikte\s+på\s+å)(?:\s+(?:nå|no|også|og|straks|umiddelbart|raskt|snarest"
        rf"|selvfølgelig|sjølvsagt|personlig))*\s+(?:{_NO_DO})\b",
        rf"\b(?:vi|me)\s+(?:{_NO_PRES})\b",
        r"\b(?:tjenesten|tjenestene|tenesta|tenestene|systemet|systemene|appen|nettsiden"
        r"|nettsida|nettbanken|nettet|strømmen|driften|tilgangen|alt|betalingen|betalingene"
        r"|betalingsløsningen)\s+(?:er|var|har\s+vært|skal\s+være|vil\s+være|skal\s+vere)\s+"
        r"(?:(?:nå|no|igjen|helt|heilt)\s+)*(?:oppe|tilbake|gjenopprettet|gjenoppretta|i\s+drift"
        r"|i\s+orden|normal|stabil|som\s+normalt)\b",
        r"\b(?:er|ble|blei|vart|har\s+blitt|har\s+vorte|vil\s+bli|skal\s+bli|blir)\s+(?:nå\s+|no\s+)?"
        r"(?:rettet|retta|fikset|fiksa|løst|løyst|gjenopprettet|gjenoppretta|korrigert|reparert"
        r"|refundert|tilbakebetalt|kompensert|erstattet|utbetalt|betalt\s+tilbake)\b",
        r"\b(?:refusjon|refusjonen|refusjonene|kompensasjon|kompensasjonen|erstatning"
        r"|tilbakebetaling|tilbakebetalingen|pengene)\s+(?:vil|skal|blir|kommer|er\s+på\s+vei"
        r"|utbetales|betales|innen|innan)\b",
        r"\bfår\s+(?:pengene(?:\s+sine)?\s+tilbake|(?:full\s+)?refusjon|kompensasjon|erstatning"
        r"|tilbakebetalt|refundert)\b",
        r"\b(?:nye|ekstra|strengere|skjerpede|flere|fleire)\s+(?:rutiner|kontroller|tiltak"
        r"|sikkerhetstiltak|folk|ressurser|mannskap|kapasitet|prosedyrer)\b",
        r"\btiltak\s+(?:er|blir|vil\s+bli|har\s+blitt)\s+(?:satt\s+inn|iverksatt|innført"
        r"|sett\s+i\s+verk)\b",
    ],
    "timeline": [
        rf"\b(?:{_NO_DAYS})(?:en)?\b",
        rf"\b(?:innen|innan|før|fra|frå|til|i\s+løpet\s+av(?:\s+(?:de|dei)\s+neste)?"
        rf"|(?:de|dei)\s+neste|om)\s+(?:{_NO_NUM})\s+(?:virkedager|virkedagar|virkedag"
        r"|arbeidsdager|arbeidsdagar|dager|dagar|døgn|timer|timar|time|minutter|minutt|uker|uke"
        r"|veker|veke|måneder|månader)\b",
        r"\b(?:innen|innan|før)\s+(?:utgangen|slutten|enden)\s+av\s+\w+",
        r"\bkl(?:\.|okken|okka)?\s*\d{1,2}(?:[:.]\d{2})?\b",
        r"\b\d{1,2}[:.]\d{2}(?!\d)",
        r"\bi\s+(?:dag|morgen|morgon|kveld|ettermiddag|formiddag|natt)\b",
        r"\bi\s+løpet\s+av\s+(?:dagen|kvelden|uken|uka|helgen|helga|veka|natta|natten"
        r"|formiddagen|ettermiddagen)\b",
        r"\b(?:neste|denne|kommende|komande)\s+(?:uke|uka|veke|veka|måned|månad|helg)\b",
        rf"\b\d{{1,2}}\.\s*(?:{_NO_MONTHS})\b",
        r"\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?",
        r"\b\d{4}-\d{2}-\d{2}\b",
    ],
    "scapegoat": [
        r"\b(?:betalings|nett|it-)?leverandøren(?:s)?\b",
        r",\s*ikke\s+oss\b",
        rf"\b(?:skyldes|skyldtes|skuldast|forårsaket\s+av|forårsaka\s+av|på\s+grunn\s+av"
        rf"|grunnet|som\s+følge\s+av|utløst\s+av)\s+(?:[\w-]+\s+){{0,3}}?(?:hos|hjå|fra|frå"
        rf"|ved)\s+(?:(?:en|ein|vår|vårt|våre|den|det|ekstern)\s+)*(?:[\w-]+\s+)?(?:{_NO_PARTY})\b",
        rf"\b(?:skyldes|skyldtes|skuldast|forårsaket\s+av|forårsaka\s+av)\s+(?:(?:en|ein|vår"
        rf"|våre|ekstern)\s+)*(?:[\w-]+\s+)?(?:{_NO_PARTY})\b",
        r"\b(?:skyldes|skyldtes|skuldast)\s+(?:en\s+|ein\s+)?(?:feil|svikt|problemer|problem"
        r"|brudd|brot)\s+(?:hos|hjå)\b",
        rf"\b(?:feil|feilen|svikt|svikten|problem|problemer|problemet|brudd|brot|utfall)\s+"
        rf"(?:hos|hjå)\s+(?:(?:en|ein|vår|våre|den|ekstern)\s+)*(?:{_NO_PARTY})\b",
        r"\b(?:leverandøren|underleverandøren|samarbeidspartneren|partneren|tredjeparten)\s+"
        r"(?:vår|vårt|våre)\b",
        r"\b(?:vår|våre|en|ein|ekstern|eksterne)\s+(?:it-)?(?:underleverandør|leverandør"
        r"|samarbeidspartner|tredjepartsleverandør|underentreprenør)(?:er|ar)?\b",
        r"\bunderleverandør\w*",
        r"\btredjepart\w*",
        r"\b(?:bruker|brukar|kunde|operatør)feil\w*",
        r"\bfeil\s+(?:bruk|håndtering|montering|installasjon)\b",
        r"\b(?:kunden|kundene|brukeren|brukerne|brukarane)\s+(?:har|hadde)\s+(?:selv\s+"
        r"|sjølv\s+)?(?:ikke|ikkje|glemt|unnlatt|unnlate)\b",
        r"\bansvaret\s+(?:ligger|ligg|er|var)\s+(?:hos|på)\s+(?:leverandør|partner|tredjepart"
        r"|banken|plattform|kunde|bruker)\w*",
    ],
    "denial": [
        r"\bikke\s+så\s+(?:ille|galt)\s+som\b",
        r"\bblåst\s+ut\s+av\s+proporsjoner\b",
        r"\b(?:ikke|ikkje)\s+(?:\w+\s+)?(?:gjort|gjorde|gjer)\s+(?:noe|noko|noen|nokon)\s+"
        r"(?:galt|gale|feil)\b",
        r"\bdet\s+(?:er|var|finnes|fins|finst)\s+(?:ingen|ikke\s+noen|ikkje\s+nokon|inga)\s+"
        r"(?:feil|problem|problemer|svikt|brudd|lekkasje|grunn\s+til\s+bekymring|fare)\b",
        rf"\b{_NO_WE}\s+(?:har\s+)?(?:ikke\s+|ikkje\s+)?(?:funnet|funne|fant|fann|ser)\s+"
        r"(?:ingen|noen|nokon|inga)\s+(?:feil|tegn|bevis|problemer)\b",
        r"\b(?:ikke|ikkje)\s+(?:\w+\s+)?(?:vår|min|vårt)\s+(?:feil|skyld|ansvar|problem)\b",
        r"\b(?:vi|me)\s+(?:avviser|tilbakeviser|bestrider|benekter|nekter\s+for)\b",
        r"\b(?:tar|tek|kan)\s+(?:ikke|ikkje)\s+(?:(?:noe|noko|noen|nokon|på\s+oss)\s+)?ansvar",
        r"\bingen\s+(?:kunder|brukere|brukarar|data|personopplysninger)\s+(?:er|ble|har\s+blitt"
        r"|vart)\s+(?:rammet|ramma|berørt|påvirket|eksponert|lekket)\b",
        r"\b(?:vi|me)\s+står\s+(?:fast\s+)?(?:ved|inne\s+for)\b",
        r"\b(?:vi|me)\s+har\s+fulgt\s+(?:alle|gjeldende)\b",
    ],
    "excuse": [
        r"\bute\s+av\s+(?:våre|mine)\s+hender\b",
        r"\b(?:utenfor|utanfor|utover)\s+(?:vår|min|noens|nokons)\s+kontroll\b",
        r"\buforutsett\w*",
        r"\buføresett\w*",
        r"\buforutsigbar\w*",
        r"\bkunne\s+(?:ikke|ikkje)\s+(?:ha\s+)?(?:vært\s+|vore\s+)?(?:forutse|forutsett|forutsjå"
        r"|føresjå|forhindre|forhindret|forhindra|unngå|unngått|forventes|forventet)\b",
        r"\b(?:ingen|ingen\s+kunne)\s+(?:kunne\s+)?(?:ha\s+)?(?:forutsett|forutse|forutsjå)\b",
        r"\b(?:rekordhøy|rekordstor|ekstraordinær|ekstraordinært|ekstrem|ekstremt|enorm|voldsom"
        r"|uvanlig\s+(?:stor|høy)|usedvanlig\s+(?:stor|høy)|uventet\s+(?:stor|høy)"
        r"|unormalt\s+(?:stor|høy))\s+(?:pågang|etterspørsel|etterspurnad|trafikk|belastning"
        r"|interesse|vær|uvær)\b",
        r"\bekstraordinær\w*\s+(?:situasjon|omstendigheter|forhold|hendelse)\b",
        r"\bforce\s+majeure\b",
        r"\b(?:isolert|enkeltstående)\s+(?:hendelse|tilfelle|episode)\b",
        r"\benkelttilfelle\w*",
        r"\bmenneskel(?:i|e)g\s+svikt\b",
        r"\b(?:hele|heile)\s+bransjen\b",
        r"\bekstremvær\w*",
    ],
    "attack": [
        r"\bhvis\s+du\s+hadde\s+(?:sjekket|lest|fulgt\s+med)\b",
        r"\b(?:feil|des)informasjon\w*",
        r"\b(?:påstandene|påstander|påstanden|ryktene|rykter|beskyldningene|beskyldninger"
        r"|anklagene|anklager|innleggene|oppslaget|oppslagene)\b[^.!?]{0,60}?\b(?:er|var)\s+"
        r"(?:(?:helt"
        r"|fullstendig|totalt|heilt|rett\s+og\s+slett)\s+)?(?:feil|usanne|usann|grunnløse"
        r"|grunnlause|uriktige|uriktig|falske|falsk|løgn|løgner|tøv|tull|oppspinn|overdrevne"
        r"|misvisende|villedende|udokumenterte)\b",
        r"\b(?:sprer|spreier|spre)\s+(?:feilinformasjon|desinformasjon|rykter|løgner|usannheter"
        r"|falske|feilaktig)\w*",
        r"\btroll(?:ing|er|a|ene|ar)?\b",
        r"\bfalske\s+nyheter\b",
        r"\b(?:hets|sverte|svertings|smøre)kampanje\w*",
        r"\bondsinnet\w*|\bvondsinna\w*",
        r"\ben\s+liten\s+(?:men\s+)?(?:høylytt|bråkete|støyende)\s+(?:gruppe|minoritet)\b",
        r"\b(?:hysteri|hysterisk|overreager\w*)\b",
        r"\b(?:vri|vrir|vridd|fordreier|fordreie|forvrenger)\s+(?:på\s+)?(?:fakta|sannheten"
        r"|ordene|saken)\b",
        r"\boverdr(?:iv|ev)\w*",
    ],
    "agentless": [
        r"\bdet\s+(?:ble|blei|vart|har\s+blitt|har\s+vorte)\s+(?:gjort|begått)\s+(?:\w+\s+)?"
        r"(?:feil|tabber|feilvurderinger)\b",
        r"\b(?:en\s+|ein\s+)?feil(?:en)?\s+(?:har\s+|hadde\s+)?(?:skjedd|skjedde|oppstått"
        r"|oppsto|oppstod|hendt|blitt\s+gjort|blitt\s+begått|vorte\s+gjort)\b",
        r"\bdet\s+(?:har|hadde)\s+(?:skjedd|oppstått|vært|vore)\s+(?:(?:en|ein|noen|nokre)\s+)?"
        r"(?:feil|svikt|misforståelse|glipp)\b",
        r"\bdet\s+(?:skjedde|oppsto|oppstod)\s+(?:en|ein)\s+(?:feil|svikt|glipp)\b",
        r"\bdet\s+(?:ble|blei|vart)\s+(?:besluttet|bestemt|avgjort|vedtatt|vedteke)\b",
        r"\bno(?:e|ko)\s+(?:har\s+)?(?:gikk|gjekk|gått)\s+gal(?:t|e)\b",
        r"\b(?:det|dette)\s+er\s+beklagel(?:i|e)g\b",
        r"\b(?:rutinene|prosedyrene|retningslinjene)\s+(?:ble|blei|vart)\s+(?:ikke|ikkje)\s+"
        r"fulgt\b",
        r"\b(?:ble|blei|vart)\s+(?:dessverre\s+)?(?:oversett|glemt|feilhåndtert)\b",
    ],
    "empathy": [
        r"\bbeklag(?:er|ar)\b",
        r"\bunnskyld\w*",
        r"\b(?:leit|trist|kjipt|dumt|synd)\s+(?:å|at)\b",
        r"\b(?:vi|jeg|eg|me)\s+(?:(?:godt|fullt|veldig\s+godt)\s+)?forstår\b",
        r"\bforståel(?:i|e)g\b",
        r"\bkjipt\b",
        r"\bfrustrer\w*",
        r"\bikke\s+(?:bra|greit|slik\s+det\s+skal\s+være|optimalt)\b",
        r"\blei\s+(?:oss|meg)\b",
        r"\bdessverre\b",
    ],
    "thanks": [
        r"\btakk\b",
        r"\bsett(?:er|ar)\s+(?:stor\s+)?pris\s+på\b",
        r"\btålmodighet\w*|\btolmod\w*",
    ],
    "investigating": [
        r"\bser\s+(?:nærmere\s+)?på\s+(?:saken|det|dette|problemet|feilen|henvendelsen)\b",
        r"\bsjekke(?:r|t)?\b",
        r"\bundersøk\w*",
        r"\b(?:jobber|arbeider|jobbar)\s+(?:med|for)\s+(?:saken|det|dette|å\s+finne|en\s+løsning"
        r"|ei\s+løysing|å\s+løse|å\s+løyse|å\s+rette|feilen|å\s+gjenopprette)\b",
        r"\b(?:kjent\s+med|klar\s+over)\b",
        r"\b(?:kommer|kjem)\s+tilbake\b",
        r"\b(?:sendt|videresendt|eskalert|meldt)\s+(?:saken|det|dette|den)?\s*(?:videre|inn)\b",
        r"\beskaler\w*",
        r"\bfinne\s+ut\s+av\b",
        r"\bse\s+nærmere\s+på\b",
    ],
    "request_details": [
        r"\bsend\s+(?:oss|meg)\b",
        r"\bkan\s+du\s+(?:sende|gi|oppgi|fortelle|bekrefte|sjekke|beskrive|ta\s+kontakt"
        r"|kontakte)\b",
        r"\b(?:kundenummer|ordrenummer|ordrenr|bestillingsnummer|referansenummer|saksnummer"
        r"|kontonummer|telefonnummer|mobilnummer|e-postadresse|epostadresse|fakturanummer"
        r"|avtalenummer|sporingsnummer)\w*",
        r"\b(?:mer|litt\s+mer|flere|fleire|nærmere)\s+(?:informasjon|info|detaljer|opplysninger)\b",
        r"\bgi\s+oss\s+beskjed\b",
        r"\b(?:ta\s+kontakt|kontakt\s+oss|ring\s+oss)\b",
    ],
    "move_to_dm": [
        r"\b(?:dm|pm)\b",
        r"\bprivat\s*melding\w*",
        r"\bdirektemelding\w*",
        r"\binnboks\w*",
        r"\b(?:melding|meldingar|meldinger)\s+til\s+oss\b",
        r"\bsend\s+oss\s+(?:en|ei|ein)\s+melding\b",
        r"\bmessenger\b",
        r"\bprivat\b",
    ],
    "explanation": [
        r"\bskyld(?:es|tes)\b",
        r"\bskuldast\b",
        r"\bpå\s+grunn\s+av\b",
        r"\bgrunnet\b",
        r"\bfordi\b",
        r"\b(?:årsaken|grunnen|årsaka)\s+(?:er|var|til)\b",
        r"\b(?:forårsaket|forårsaka|utløst)\s+av\b",
        r"\bsom\s+følge\s+av\b",
        r"\bdet\s+som\s+skjedde\s+(?:var|er)\b",
    ],
    "statement_link": [
        _URL,
        r"\b(?:se|les|sjekk|besøk)\s+(?:mer\s+(?:på|i)\s+)?(?:vår|våre|vårt|bloggen|nettsiden"
        r"|nettsidene|nettsida|hjemmesiden|heimesida|uttalelsen|pressemeldingen|driftsmeldingen"
        r"|driftsmeldinger|statussiden|oppdateringen|artikkelen|innlegget)\b",
        r"\bpå\s+(?:vår|våre)\s+(?:nettside|nettsider|nettsted|blogg|hjemmeside|heimeside"
        r"|statusside)\w*",
        r"\bpå\s+(?:nettsiden|nettsidene|nettsida|bloggen|hjemmesiden)\s+(?:vår|våre)\b",
        r"\bles\s+mer\b",
    ],
    "commitment": [
        r"\b(?:vil|skal|kommer\s+til\s+å|kjem\s+til\s+å|regner\s+med\s+å|tar\s+sikte\s+på|lover"
        r"|lovar|forventer\s+å|planlegger\s+å|blir|vert)\b",
        r"\b(?:vi|me)\s+(?:gir|sender|kommer|publiserer|legger\s+ut|oppdaterer|informerer|melder"
        r"|ringer|kontakter|svarer)\b",
    ],
    "negation": [
        r"\b(?:ikke|ikkje|aldri|ingen|inga|intet|ingenting|inkje)\b",
    ],
    "update_promise": [
        r"\b(?:neste|ny|nye)\s+oppdatering(?:er|ar)?\b",
        r"\boppdaterer\b",
        r"\b(?:vil|skal|kommer\s+til\s+å|kjem\s+til\s+å)\b[^.!?]{0,40}?\b(?:oppdater\w*"
        r"|informasjon|informere|nytt)\b",
        r"\bhold(?:e|er)?\s+(?:dere|deg|alle)\s+(?:oppdatert|orientert)e?\b",
        r"\b(?:kommer|kjem)\s+(?:med\s+)?(?:mer|ny|nye)\s+(?:informasjon|oppdatering\w*)\b",
        r"\bmer\s+informasjon\s+(?:kommer|følger)\b",
        r"\boppdatering\s+(?:kommer|følger|kjem)\b",
    ],
}

BUILTIN: dict[str, dict[str, list[str]]] = {"en": EN, "no": NO}

# Function words used by the language guess: each set holds only words that are not also
# words of the other language (so no "i", "at", "for", "by", "en", "no", "men"), plus a few
# frequent, unambiguous words of customer care.
# fmt: off
_EN_FUNCTION_WORDS = frozenset({
    "the", "and", "is", "are", "was", "were", "we", "you", "your", "our", "to", "of", "in",
    "it", "its", "that", "this", "with", "on", "not", "be", "been", "have", "has", "had",
    "will", "would", "can", "could", "should", "please", "thanks", "thank", "sorry", "they",
    "their", "what", "why", "when", "where", "which", "there", "here", "from", "about", "just",
    "any", "all", "get", "got", "do", "does", "did", "don't", "can't", "won't", "we're",
    "we'll", "we've", "i'm", "it's", "you're", "hi", "hello", "hey", "out", "up", "if", "or",
    "so", "us", "my", "me", "also", "more", "than", "then", "some", "into", "as", "an",
})
_NO_FUNCTION_WORDS = frozenset({
    "og", "ikke", "ikkje", "det", "er", "var", "vi", "jeg", "eg", "du", "deg", "dere", "oss",
    "vår", "våre", "vårt", "meg", "seg", "som", "på", "til", "med", "har", "hadde", "kan",
    "vil", "skal", "fra", "frå", "hos", "eller", "nå", "så", "noe", "noko", "ingen", "hva",
    "kva", "hvor", "kor", "hvorfor", "kvifor", "hei", "takk", "beklager", "beklagar", "dette",
    "disse", "denne", "også", "etter", "være", "vere", "blir", "ble", "vart", "bare", "berre",
    "ein", "eit", "ei", "kl", "innen", "dessverre", "kunne", "skulle", "om", "mye", "mykje",
    "litt", "deres", "dykk", "dei", "ho", "hun", "han", "gjerne", "får", "fikk",
    # frequent, unambiguous words of Norwegian customer-care and crisis texts
    "neste", "ny", "nye", "oppdatering", "dag", "uke", "uka", "kveld", "morgen", "kunder",
    "kundene", "tjenesten", "hilsen", "mvh", "feilen", "saken",
})
# fmt: on
FUNCTION_WORDS: dict[str, frozenset[str]] = {"en": _EN_FUNCTION_WORDS, "no": _NO_FUNCTION_WORDS}

# Words of five or more letters that say nothing specific about a customer's post: a
# reply sharing only these with the post is not "specific". Lower-case.
# fmt: off
STOPWORDS: frozenset[str] = frozenset({
    "about", "above", "after", "again", "against", "along", "among", "another", "anything",
    "around", "because", "before", "being", "below", "between", "could", "doing", "during",
    "every", "first", "further", "having", "hello", "other", "others", "please", "really",
    "should", "since", "sorry", "still", "thank", "thanks", "their", "theirs", "there", "these",
    "thing", "things", "those", "through", "today", "under", "until", "where", "which", "while",
    "would", "yours", "yourself", "ourselves", "apologies", "apologise", "apologize", "apology",
    "trouble", "inconvenience", "issue", "issues", "problem", "problems", "experience",
    "understand", "frustrating", "frustration", "looking", "check", "checking", "information",
    "assist", "assistance", "happy", "great", "help", "helps", "helping", "support", "service",
    "customer", "customers", "message", "messages", "details", "right", "welcome", "anyway",
    "already", "always", "maybe", "perhaps", "little", "touch", "contact", "reply", "answer",
    "question", "questions", "number", "account", "team", "everyone", "something", "someone",
    "sounds", "seems", "getting", "going", "doesn't", "isn't", "aren't", "wasn't", "can't",
    "won't", "hallo", "heisann", "takk", "mange", "ikke", "ikkje", "etter", "denne", "dette",
    "disse", "eller", "hvordan", "korleis", "hvorfor", "kvifor", "hvilke", "kunne", "skulle",
    "mellom", "siden", "sidan", "fordi", "bare", "berre", "allerede", "allereie", "problemet",
    "problemer", "problema", "saken", "melding", "meldingen", "informasjon", "hjelpe", "hjelp",
    "hører", "gjerne", "veldig", "dessverre", "ulempe", "ulempen", "ulempene", "kundeservice",
    "kunde", "kunden", "beklager", "beklagar", "beklageleg", "beklagelig", "forstår",
    "opplever", "opplevd", "henvendelse", "henvendelsen", "svaret", "spørsmål", "spørsmålet",
    "noen", "nokon", "noe", "noko", "ingen", "akkurat", "igjen", "derfor", "likevel", "uansett",
    "nettopp",
})
# fmt: on

# --------------------------------------------------------------------------- the dataclass

_LANG_ALIASES = {
    "nb": "no",
    "nn": "no",
    "nob": "no",
    "nno": "no",
    "nor": "no",
    "no": "no",
    "norwegian": "no",
    "en": "en",
    "eng": "en",
    "english": "en",
}


def normalise_lang(lang: str | None) -> str | None:
    """``"nb"``, ``"nn"``, ``"nb-NO"``, ``"Norwegian"`` -> ``"no"``; ``"en-GB"`` -> ``"en"``.

    Other codes are returned lower-cased without their region; ``None``/empty -> ``None``.
    """
    if lang is None:
        return None
    code = str(lang).strip().lower().replace("_", "-")
    if not code:
        return None
    base = code.split("-", 1)[0]
    return _LANG_ALIASES.get(code, _LANG_ALIASES.get(base, base))


def clean_text(text: str) -> str:
    """Straighten curly quotes and non-breaking spaces so one pattern fits all spellings."""
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u02bc", "'")
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
    )


@dataclass(frozen=True)
class Hit:
    """One pattern matching in a text: the category, the pattern's source and the span."""

    category: str
    pattern: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Regex patterns per language and category, compiled once (case-insensitive).

    ``patterns[lang][category]`` is a tuple of pattern sources. Build one with
    :func:`load_lexicon`; instances are immutable and safe to share between threads.
    """

    patterns: Mapping[str, Mapping[str, tuple[str, ...]]]
    _compiled: dict[tuple[str, str], tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]] = (
        field(default_factory=dict, init=False, repr=False)
    )

    def __post_init__(self) -> None:
        for lang, cats in self.patterns.items():
            for cat, sources in cats.items():
                singles = []
                for src in sources:
                    try:
                        singles.append(re.compile(src, FLAGS))
                    except re.error as exc:
                        raise ValueError(
                            f"lexicon {lang}/{cat}: pattern {src!r} does not compile: {exc}"
                        ) from exc
                try:
                    combined = (
                        re.compile("|".join(f"(?:{s})" for s in sources), FLAGS)
                        if sources
                        else None
                    )
                except re.error:  # e.g. duplicate group names across user patterns
                    combined = None
                self._compiled[(lang, cat)] = (combined, tuple(singles))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.patterns)

    def get(self, lang: str, category: str) -> tuple[str, ...]:
        """The pattern sources of one category (empty when the language lacks it)."""
        return tuple(self.patterns.get(lang, {}).get(category, ()))

    def has(self, lang: str, category: str, text: str) -> bool:
        """Whether any pattern of the category matches ``text``."""
        combined, singles = self._compiled.get((lang, category), (None, ()))
        if combined is not None:
            return combined.search(text) is not None
        return any(p.search(text) for p in singles)

    def find(self, lang: str, category: str, text: str) -> list[Hit]:
        """Patterns of the category that match ``text`` (first match of each; one hit per span)."""
        combined, singles = self._compiled.get((lang, category), (None, ()))
        if combined is not None and combined.search(text) is None:
            return []
        hits, seen = [], set()
        for p in singles:
            m = p.search(text)
            if m is not None and m.span() not in seen:
                seen.add(m.span())
                hits.append(Hit(category, p.pattern, m.group(0), m.start(), m.end()))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits


def _as_patterns(value: object, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable):
        raise ValueError(f"lexicon {where}: expected a list of regex strings, got {value!r}")
    out = []
    for item in value:
        if not isinstance(item, str) or not item:
            raise ValueError(f"lexicon {where}: expected a non-empty regex string, got {item!r}")
        out.append(item)
    return out


def load_lexicon(extra: dict[str, dict[str, list[str]]] | None = None) -> Lexicon:
    """The built-in lexicons, with ``extra = {lang: {category: [regex, ...]}}`` appended.

    Languages are normalised (``nb``/``nn`` -> ``no``); categories must be among
    :data:`CATEGORIES`; every pattern must compile. Errors are ``ValueError`` naming the
    language, category and pattern. Without ``extra`` the same cached instance is returned.
    """
    if not extra:
        return _builtin_lexicon()
    merged: dict[str, dict[str, list[str]]] = {
        lang: {cat: list(pats) for cat, pats in cats.items()} for lang, cats in BUILTIN.items()
    }
    for raw_lang, cats in extra.items():
        lang = normalise_lang(raw_lang)
        if not lang:
            raise ValueError(f"lexicon: empty language code {raw_lang!r}")
        if not isinstance(cats, Mapping):
            raise ValueError(f"lexicon {raw_lang}: expected {{category: [regex, ...]}}")
        target = merged.setdefault(lang, {})
        for cat, pats in cats.items():
            if cat not in CATEGORIES:
                raise ValueError(
                    f"lexicon {raw_lang}: unknown category {cat!r} (known: {', '.join(CATEGORIES)})"
                )
            target.setdefault(cat, []).extend(_as_patterns(pats, f"{raw_lang}/{cat}"))
    return Lexicon({lang: {c: tuple(p) for c, p in cats.items()} for lang, cats in merged.items()})


@functools.cache
def _builtin_lexicon() -> Lexicon:
    return Lexicon({lang: {c: tuple(p) for c, p in cats.items()} for lang, cats in BUILTIN.items()})
