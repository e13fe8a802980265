"""English and Norwegian stop-words for the topic-driver analysis (toolkit.measures.drivers).

Written for this toolkit (no list was copied): the function words, auxiliaries, pronouns
and filler words of customer-care posts in English and Norwegian (bokmål and the common
nynorsk forms), plus social-media noise ("rt", "amp", "via"). A term that is frequent
everywhere is already scored near zero by the log-odds statistic; removing these words
keeps them from taking up slots in n-grams ("the outage", "on hold for") and makes the
drivers read like topics.

Negations are kept out of the stop-words on purpose: "no signal", "not working",
"ingen dekning" and "ikke svar" are what a complaint is about. They may begin an n-gram
but never stand alone as a driver (see ``NEGATIONS``).

Both lists are applied to every post whatever its language: a post's language is often
unknown (Facebook and YouTube exports do not declare it). The few words that are a
function word in one language and a content word in the other (Norwegian "man" = one,
English "man") are left out of the lists rather than guessed per post.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH = _words(
    """
a about above after again against all almost also although am among an and another any
anybody anyone anything anyway anyways are aren't around as at away
be became because been before being below between both but by
came can can't cannot come comes could couldn't
did didn't do does doesn't doing done don't during
each either else even ever every everybody everyone everything
few for from further
get gets getting got gotten
had hadn't has hasn't have haven't having he he'd he'll her here hers herself him himself
his how however
i i'd i'll i'm i've if in into is isn't it it'd it'll its itself
just
let like
made make makes many may me might mine more most much must mustn't my myself
need needs now
of off oh ok okay on once one only onto or other others our ours ourselves out over own
per please pls plz
quite
rather re really
said same say says see seems shall shan't she she'd she'll should shouldn't since so
some somebody someone something still such sure
than thank thanks that that'll the their theirs them themselves then there these they
they'd they'll they're they've thing things this those though through thru thx to too
toward towards
two three four five six seven eight nine ten
u uh um under until up upon ur us
very via
want wants was wasn't way we we'd we'll we're we've well went were weren't what what's
whatever when where where's whether which while who who's whom whose why will with within
without would wouldn't
ya yeah yes yet you you'd you'll you're you've your yours yourself yourselves
rt amp http https www com
"""
)

NORWEGIAN = _words(
    """
alle allerede alt altså andre annen annet at av
bare begge ble bli blir blitt både
da dei deg dem den denne dere deres det dette di din disse dit ditt du
eg ei ein eit eller en enn er et ett etter
for fordi fra før
ganske gjennom gjorde gjør gjøre går
ha hadde han hans har hele heller her hennar henne hennes hit hjå ho hos hoss hun hva hvem
hver hvilke hvilken hvis hvor hvordan hvorfor
i igjen inn inni
ja jeg jo
kan kanskje kom kommer korleis korso kun kunne kva kvar kvarhelst kven kvi kvifor
lenger litt
mange me med meg meget mellom men mer mest mig min mine mitt mot mye mykje må måtte
na nå når noe noen noko nokon nokor nokre
og også om opp oss over
på
sa samme seg selv si sia sidan siden sin sine sitt sjøl skal skulle slik slike som
somme somt så således
takk tilbake til tusen
um upp ut uten
var vart varte ved vere verte vi vil ville vore vors vort vår være vært
å
"""
)

# Negations: allowed at the start of an n-gram ("no signal", "ikke dekning"), never alone.
NEGATIONS = _words(
    """
no not never nothing nobody none nowhere neither nor cannot can't won't don't doesn't
didn't isn't wasn't aren't weren't haven't hasn't hadn't couldn't wouldn't shouldn't
ikke ikkje ingen ingenting intet aldri inga
"""
)

STOPWORDS = (ENGLISH | NORWEGIAN) - NEGATIONS
