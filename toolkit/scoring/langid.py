"""Per-post language: keep the export's declared language, detect it where there is none.

``detect_languages(texts)`` returns an ISO 639-1 code per text - ``en``, ``no`` (Norwegian,
bokmål and nynorsk), ``sv``, ``da``, ``de``, ``fr``, ``es``, ``it``, ``nl``, ``pt``, ``fi`` - or
null when the text is too short or matches no profile well enough. It is a small profile
classifier written for this toolkit (no model, no data set), vectorised in Polars:

1. URLs, e-mail addresses, @mentions and #hashtags are removed; the rest is lower-cased.
2. Two kinds of features are pulled out of every distinct text at once: *words*
   (``\\p{L}+`` with an inner apostrophe) and *cues* - letters and letter groups typical of
   some languages (``æ ø å ä ö ü ß é ñ ç ã``, ``kj``/``gj``/``øy``/``-sjon``/``-ene``
   Norwegian, ``øj``/``-hed``/``-erne`` Danish, ``th``/``wh``/``ght`` English, ``sch``,
   ``ij``, ``ção`` ...).
3. Features are joined to a profile table (feature -> weight per language). Each language's
   list holds its ~40-340 most frequent function and everyday words (weight 1); words that
   tell close languages apart get 1.5-2.5 more (Norwegian ``av hva noe mye ble nå meg deg
   ut opp etter igjen takk kanskje`` against Danish ``af hvad noget blev nu mig dig ud op
   efter igen måske``; Swedish ``och inte jag att är``). A word in several lists counts for
   each of them, so shared words ("og", "ikke", "jeg" for no/da) add evidence without
   deciding.
4. Per text and language the weights are summed (plus a tiny ``PRIOR`` that breaks exact
   ties towards Norwegian, then English). The best language wins when its sum is at least
   ``MIN_SCORE`` and the text has at least two words, else null. Danish or Swedish must
   beat Norwegian by ``NORWEGIAN_MARGIN``: a sentence spelled the same in Norwegian and
   Danish ("jeg har ventet i to timer") is called Norwegian - the toolkit's users are
   Norwegian brands, and the Norwegian scorer reads such a sentence correctly anyway.

``resolve_languages(declared, texts)`` keeps a declared language (normalised: ``nb``, ``nn``,
``nob``, ``nno``, ``no-NO``, ``nb_NO``, ``Norwegian``, ``norsk`` -> ``no``; ``en-GB``, ``eng``
-> ``en`` ...) and detects only where the declaration is missing or says nothing (``und``,
``zxx``, ``qme``, ``qht``, ...), as X/Twitter exports do.
"""

from __future__ import annotations

import functools

import polars as pl


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a block of text (word lists are written as text)."""
    return text.split()


__all__ = [
    "LANGUAGES",
    "MIN_SCORE",
    "NORWEGIAN_MARGIN",
    "detect_languages",
    "normalise_language_codes",
    "resolve_languages",
]

LANGUAGES: tuple[str, ...] = ("no", "da", "sv", "en", "de", "fr", "es", "it", "nl", "pt", "fi")

MIN_SCORE = 2.0
MIN_SCORE_ONE_WORD = 3.0  # a one-word text needs a distinctive word ("takk", "tack")
NORWEGIAN_MARGIN = 1.0
PRIOR: dict[str, float] = {"no": 0.2, "en": 0.1}

# Everyday words per language, weight 1 each (a word may be in several lists).
_COMMON: dict[str, str] = {
    "no": """
        og i det er som en på til med har ikke jeg at for de av den om var et vi kan men så
        seg hun han meg deg oss dere dem ble blir bli når skal vil hva noe noen mye mer også
        bare etter nå ut opp inn ned fra hos hvor hvorfor hvordan fordi hvis enn eller alle
        alt sin sitt sine min mitt mine din ditt dine vår vårt våre deres hennes hans her der
        denne dette disse da jo nok får fikk fått gjør gjøre gjort ha hadde sier sa kom kommer
        gikk går tar tok igjen takk hei veldig kanskje aldri ingen ingenting alltid tilbake
        sammen selv sånn helt litt må måtte kunne skulle ville burde være vært blitt enda
        ennå siden først nye uke dag dager timer time penger kunde kundeservice svar
        ikkje eg dei kva korleis kvifor berre frå ein eit noko nokon mykje heilt òg
        vere vore ho dykk sjølv ja nei se mange første andre godt bedre gang år tid mest
        ny gammel stor liten hele samme både mellom uten under over mot rundt gjennom
        siste slik mens likevel faktisk nesten ganske derfor dessuten heller bort fram frem
        tross blant hverandre hvem hvilken hvilke boken filmen spillet historien måte
        måter gir ser vet synes tror finnes virker føles står ligger handler spiller bruker
        viser lager lar hjemme kjøpe kjøpt mat bok språk kveld jente gutt barn kvinne mann
        verden livet reise vei hjelp hjelpe arbeid lese si tenke tenker sette legge flott
        deilig unnskyld feil avgang avlyst nettet strømmen toget flyet appen regningen
        kun lille meget mere ved stadig tog aften dit man kul lite ett rolig ska
        bra dårlig elendig fantastisk fint greit skuffet sint forsinket kansellert nede
        svarer kundeservice tusen
    """,
    "da": """
        og i det er som en på til med har ikke jeg at for de af den om var et vi kan men så
        sig hun han mig dig os jer dem blev bliver blive når skal vil hvad noget nogen meget
        mere også bare efter nu ud op ind ned fra hos hvor hvorfor hvordan fordi hvis end
        eller alle alt sin sit sine min mit mine din dit dine vores deres hendes hans her der
        denne dette disse da jo nok får fik fået gør gøre gjort have havde siger sagde kom
        kommer gik går tager tog igen tak hej måske aldrig ingen intet altid tilbage sammen
        selv sådan helt lidt må måtte kunne skulle ville burde være været blevet endnu siden
        først nye uge dag dage timer time penge kunde kundeservice svar rigtig lige synes
        godt stadig kun hele ja nej se mange første anden andre bedre gang år tid mest ny
        gammel stor lille samme både mellem uden under over mod rundt gennem sidste sådan
        mens alligevel faktisk næsten ganske derfor desuden heller væk frem trods blandt
        hinanden hvem hvilken hvilke bogen filmen spillet historien måde måder giver ser
        ved synes tror findes virker føles står ligger handler spiller bruger viser laver
        lader hjemme købe købt mad bog sprog aften pige dreng børn kvinde mand verden livet
        rejse vej hjælp hjælpe arbejde læse sige tænke tænker sætte lægge flot dejlig
        undskyld fejl afgang aflyst hvornår nettet toget flyet appen regningen
        dårlig elendig fantastisk fint skuffet sur forsinket nede svarer tusind
    """,
    "sv": """
        och i det är som en på till med har inte jag att för de av den om var ett vi kan men
        så sig hon han mig dig oss er dem blev blir bli när ska skall vill vad något någon
        mycket mer också bara efter nu ut upp in ner från hos var varför hur eftersom om än
        eller alla allt sin sitt sina min mitt mina din ditt dina vår vårt våra deras hennes
        hans här där denna detta dessa då ju nog får fick fått gör göra gjort ha hade säger
        sa kom kommer gick går tar tog igen tack hej kanske aldrig ingen inget ingenting
        alltid tillbaka tillsammans själv sån helt lite måste kunde skulle ville borde vara
        varit blivit ännu sedan först nya vecka dag dagar timmar timme pengar kund
        kundtjänst svar väldigt riktigt dom idag ja nej se många första andra bättre gång
        år tid mest ny gammal stor hela samma både mellan utan under över mot runt genom
        sista sådan medan ändå faktiskt nästan ganska därför dessutom hellre bort fram
        trots bland varandra vem vilken vilka boken filmen spelet historien sätt ger ser
        vet tycker tror finns verkar känns står ligger handlar spelar använder visar låter
        hemma köpa köpt mat bok språk kväll tjej kille barn kvinna man värld livet resa väg
        hjälp hjälpa arbete läsa säga tänka sätta lägga snygg kul rolig dålig förlåt fel
        beställning paket leverans försenad inställd avgång tåget flyget appen
        bra fantastisk nere svarar
    """,
    "en": """
        the and to of a in is it you that for on with this was are have be not i my me we
        your they at but so just can will no do what all from an or get if our about been
        has had how when there out up one would like more time now thanks thank please why
        still who any them their he she his her us am were did does don't can't i'm it's
        you're won't didn't doesn't isn't i've i'll we're that's there's wasn't back never
        again after today day days hours hour help service customer flight over really
        going want need got know very well here some other than then into only make could
        should as which about above against airline airport almost also always amazing
        another answer anyone anything around arrived ask asked available away awesome bad
        bags baggage because before being best better between big book booked booking both
        boarding buy call called came cancel cancelled canceled cannot care change changed
        charge charged check checked claim come coming crew customers delay delayed
        different doing done during each early easy email enough even ever every
        everything experience fail family fee few find first fix flights flying found free
        friend friendly gate gave gets getting give go going gone good great guys happy
        having hear hey him hold home hope hotel however info issue keep kind last late
        later least leave left less let line little long look looking lost love made many
        may maybe minutes miss missed money most much must nobody nothing number off once
        online other own paid pass people phone plane point problem rather reason refund
        right said same say see seat seats seems someone something soon sorry stuck such
        sure system take taking team these thing things think those though through times
        told tomorrow too took travel trip trying two until upgrade use wait waiting wanted
        way week where while without work working worst year years yes yet sucks thx pls
        lol ridiculous terrible horrible awful excellent appreciate appreciated
    """,
    "de": """
        der die das und ist nicht ich sie es zu den mit ein eine auf für von dem im sich
        auch als wie war noch nach bei aus wenn nur aber so oder schon wir was man habe
        hat sind kann mein meine sehr danke bitte heute wieder immer keine kein mir mich
        dich dir uns euch ihr haben wird werden wurde seit über bis hier jetzt warum wo
        weil dass ja nein gut schlecht
    """,
    "fr": """
        le la les et est pas je vous il elle de du des un une que qui pour dans sur avec ce
        cette mais ou où ne se au aux nous mon ma mes ton ta très merci bonjour c'est j'ai
        n'est qu'il il y a ça sont été avoir être fait plus tout tous depuis encore
        toujours jamais rien aujourd'hui pourquoi comment quand parce si bien
    """,
    "es": """
        el la los las y es no de que en un una por para con del al se lo le su mi muy pero
        más como está están gracias hola también porque hay todo ya yo tu nos desde hasta
        cuando donde qué cómo nunca siempre hoy sin sobre este esta eso ser estar fue han
        he tengo tiene
    """,
    "it": """
        il lo la gli le e è di che non un una per con sono mi ti ci si anche ma come più
        molto grazie questo questa della del nel alla perché ancora sempre mai oggi cosa
        ho ha hanno essere stato dopo
    """,
    "nl": """
        de het een en is niet ik je van dat die in op te met voor zijn maar ook er aan als
        bij wat nog heb heeft dank bedankt wel geen hebben naar kan zo jullie ons mijn
        weer al nu dit deze waarom hoe wanneer altijd nooit vandaag
    """,
    "pt": """
        o a os as e é não de que em um uma para com do da por se mais muito obrigado
        obrigada mas como está você eu isso no na dos das foi ser ter tem hoje sempre nunca
        porque quando onde ainda já
    """,
    "fi": """
        ja on ei se että oli ole mutta kun niin mitä tämä kiitos minä sinä hän me te he
        vielä myös jo olen olet ovat oli miksi missä milloin aina koskaan tänään nyt
        eikä kukaan mitään taas kaikki toimii toimi hyvä huono
        kanssa tai jos
    """,
}

# Words that tell close languages apart, with their extra weight (added to the above).
_DISTINCTIVE: dict[str, dict[str, float]] = {
    "no": {
        w: 2.0
        for w in _words("""
            av hva noe noen mye ble blir nå meg deg seg ut opp etter igjen takk kanskje enn
            dere blitt fått gått sånn hadde sier fikk gjøre gjør tilbake aldri ingenting
            veldig vært ennå uke penger ikkje eg dei kva korleis kvifor berre frå noko
            nokon mykje heilt òg vere dykk sjølv hei nei er mellom uten mot gjennom siste slik
            likevel nesten dessuten tross blant hverandre boken måte måter gir vet finnes
            bruker lager lar kjøpe kjøpt bok språk kveld jente gutt kvinne mann reise vei
            hjelp hjelpe arbeid lese tenke tenker sette legge flott deilig unnskyld feil
            avgang avlyst
        """)
    },
    "da": {
        w: 2.0
        for w in _words("""
            af hvad noget nogen blev bliver nu mig dig sig ud op efter igen måske altid
            jer blevet fået gået sådan havde siger fik gøre gør tilbage aldrig intet lidt
            været endnu uge penge rigtig lige hej os vores nej er anden dage mit sit gik
            sagde tager hendes ind
            mellem uden mod gennem sidste alligevel næsten desuden væk trods blandt hinanden
            bogen måde måder giver findes bruger laver lader købe købt mad bog sprog aften
            pige dreng børn kvinde mand rejse vej hjælp hjælpe arbejde læse sige tænke
            tænker sætte lægge flot dejlig undskyld fejl afgang aflyst hvornår
        """)
    },
    "sv": {
        w: 2.5
        for w in _words("""
            och inte jag att är för hon från när ska skall vad något någon mycket också
            bara upp varför hur eftersom än här där då gör göra säger tack kanske aldrig
            inget tillbaka själv måste kunde vara varit blivit ännu vecka timmar pengar
            kundtjänst väldigt dom idag många första andra bättre gång gammal hela samma
            mellan utan över runt genom sista sådan medan ändå faktiskt nästan ganska därför
            dessutom hellre bland varandra vem vilken vilka spelet sätt ger tycker finns
            verkar känns handlar spelar använder visar hemma köpa köpt kväll
            tjej kille kvinna värld resa väg hjälp hjälpa arbete läsa säga tänka sätta lägga
            snygg dålig förlåt fel beställning leverans försenad inställd avgång tåget
            flyget
        """)
    },
    "en": {
        w: 1.5
        for w in _words("""
            the and you that with this was are have not my your they but just will what
            from get if our about been has how when there out would thanks thank please
            why who them their she his were did does don't can't i'm it's you're won't
            didn't doesn't isn't i've i'll we're that's there's wasn't
        """)
    },
    "de": {
        w: 2.0
        for w in _words("""
            und ist nicht ich sie zu auf für von sich auch noch nach bei aus wenn nur
            aber oder schon wir sehr danke bitte heute immer keine kein mir mich dich
            uns euch haben wird werden wurde seit über jetzt warum weil dass
        """)
    },
    "fr": {
        w: 2.0
        for w in _words("""
            le les est pas je vous il elle des une que qui pour dans avec ce cette mais
            où nous mon très merci bonjour c'est j'ai n'est qu'il ça sont été avoir être
            fait plus tout depuis encore toujours jamais rien pourquoi comment
        """)
    },
    "es": {
        w: 2.0
        for w in _words("""
            el los las y es que una por para con del lo su muy pero más como está están
            gracias hola también porque hay todo ya yo desde hasta cuando donde qué cómo
            nunca siempre hoy
        """)
    },
    "it": {
        w: 2.0
        for w in _words("""
            il gli è di che non sono mi ci anche ma più molto grazie questo questa della
            nel alla perché ancora sempre oggi cosa hanno
        """)
    },
    "nl": {
        w: 2.0
        for w in _words("""
            het een niet ik je van dat die op te met voor zijn maar ook aan bij wat nog
            heb heeft dank bedankt wel geen hebben naar jullie ons mijn weer waarom hoe
            altijd nooit vandaag
        """)
    },
    "pt": {
        w: 2.0
        for w in _words("""
            é não em um uma com mais muito obrigado obrigada você eu isso na dos das foi
            ter tem hoje sempre nunca ainda já
        """)
    },
    "fi": {
        w: 2.5
        for w in _words("""
            että oli ole mutta kun niin mitä tämä kiitos minä sinä hän vielä myös olen
            olet ovat miksi missä aina koskaan tänään nyt kanssa tai jos
        """)
    },
}

# Letters and letter groups: (regex, {language: weight per occurrence}). A regex that ends
# with \b counts only at the end of a word. Longer groups are tried first.
_CUES: list[tuple[str, dict[str, float]]] = [
    ("sjon", {"no": 1.5}),
    ("sjonen", {"no": 1.5}),
    ("tion", {"en": 0.6, "fr": 0.6, "da": 0.6, "sv": 0.6, "de": 0.6}),
    ("ción", {"es": 2.0}),
    ("ção", {"pt": 2.0}),
    ("ções", {"pt": 2.0}),
    ("zione", {"it": 2.0}),
    ("ght", {"en": 1.0}),
    ("sch", {"de": 1.0, "nl": 0.5}),
    ("eau", {"fr": 1.0}),
    ("kj", {"no": 1.0}),
    ("gj", {"no": 1.0}),
    ("øy", {"no": 1.5}),
    ("øj", {"da": 1.5}),
    ("ej", {"da": 0.5}),
    ("th", {"en": 0.5}),
    ("wh", {"en": 0.8}),
    ("ij", {"nl": 1.0}),
    ("ää", {"fi": 1.0}),
    ("yy", {"fi": 1.0}),
    ("hed\\b", {"da": 1.0}),
    ("ene\\b", {"no": 0.8}),
    ("erne\\b", {"da": 0.6}),
    ("arna\\b", {"sv": 1.0}),
    ("orna\\b", {"sv": 1.0}),
    ("æ", {"no": 1.0, "da": 1.0}),
    ("ø", {"no": 1.0, "da": 1.0}),
    ("å", {"no": 0.8, "da": 0.8, "sv": 0.8}),
    ("ä", {"sv": 1.0, "de": 0.8, "fi": 1.0}),
    ("ö", {"sv": 1.0, "de": 0.8, "fi": 1.0}),
    ("ü", {"de": 1.0}),
    ("ß", {"de": 1.5}),
    ("é", {"fr": 0.6, "es": 0.4, "pt": 0.4, "it": 0.2}),
    ("è", {"fr": 0.8, "it": 0.5}),
    ("ê", {"fr": 0.8, "pt": 0.5}),
    ("à", {"fr": 0.6, "it": 0.4, "pt": 0.4}),
    ("ç", {"fr": 0.8, "pt": 0.8}),
    ("œ", {"fr": 1.0}),
    ("ñ", {"es": 1.5}),
    ("[¿¡]", {"es": 1.5}),
    ("á", {"es": 0.5, "pt": 0.5}),
    ("í", {"es": 0.6, "pt": 0.4}),
    ("ó", {"es": 0.6, "pt": 0.4}),
    ("ú", {"es": 0.5, "pt": 0.3}),
    ("ã", {"pt": 1.5}),
    ("õ", {"pt": 1.5}),
    ("ì", {"it": 1.0}),
    ("ò", {"it": 1.0}),
]

_STRIP = r"https?://\S+|www\.\S+|\S+@\S+\.\w+|[@#][\p{L}\p{N}_]+"
_WORD = r"\p{L}+(?:'\p{L}+)?"
_CUE_PATTERN = "|".join(
    pat for pat, _ in sorted(_CUES, key=lambda c: len(c[0].replace("\\b", "")), reverse=True)
)


@functools.cache
def _profiles() -> pl.DataFrame:
    """Feature -> weight per language (wide: one Float64 column per language)."""
    weights: dict[str, dict[str, float]] = {}
    for lang, text in _COMMON.items():
        for w in text.split():
            weights.setdefault(w, {}).setdefault(lang, 1.0)
    for lang, words in _DISTINCTIVE.items():
        for w, extra in words.items():
            weights.setdefault(w, {})
            weights[w][lang] = weights[w].get(lang, 0.0) + extra
    for pat, langs in _CUES:
        key = "~" + pat.replace("\\b", "").replace("[¿¡]", "¿")
        weights[key] = dict(langs)
        if pat == "[¿¡]":
            weights["~¡"] = dict(langs)
    feats = list(weights)
    data: dict[str, object] = {"feat": feats}
    for lang in LANGUAGES:
        data[lang] = pl.Series([weights[f].get(lang, 0.0) for f in feats], dtype=pl.Float32)
    return pl.DataFrame(data)


def _detect_unique(texts: pl.Series) -> pl.Series:
    n = texts.len()
    if n == 0:
        return pl.Series([], dtype=pl.String)
    clean = texts.str.replace_all(_STRIP, " ").str.replace_all("’", "'").str.to_lowercase()
    tid = pl.int_range(n, dtype=pl.UInt32, eager=True)
    words = pl.DataFrame({"tid": tid, "feat": clean.str.extract_all(_WORD)}).explode("feat")
    n_words = words.lazy().group_by("tid").agg(n_words=pl.col("feat").drop_nulls().len())
    cues = (
        pl.DataFrame({"tid": tid, "feat": clean.str.extract_all(_CUE_PATTERN)})
        .explode("feat")
        .with_columns(pl.concat_str(pl.lit("~"), pl.col("feat")).alias("feat"))
    )
    prof = _profiles()
    scores = (
        pl.concat([words.lazy(), cues.lazy()])
        .join(prof.lazy(), on="feat", how="inner")
        .group_by("tid")
        .agg(pl.col(lang).sum() + PRIOR.get(lang, 0.0) for lang in LANGUAGES)
    )
    ranked = (
        pl.LazyFrame({"tid": tid})
        .join(scores, on="tid", how="left", maintain_order="left")
        .join(n_words, on="tid", how="left", maintain_order="left")
        .select(
            "n_words",
            sc=pl.concat_list([pl.col(lang).fill_null(0.0) for lang in LANGUAGES]),
        )
        .select(
            "n_words",
            best=pl.col("sc").list.arg_max(),
            top=pl.col("sc").list.max(),
            no=pl.col("sc").list.get(0),
        )
        .select(
            pl.when(
                (pl.col("top") >= MIN_SCORE)
                & ((pl.col("n_words").fill_null(0) >= 2) | (pl.col("top") >= MIN_SCORE_ONE_WORD))
            )
            .then(
                # Danish or Swedish must beat Norwegian by NORWEGIAN_MARGIN
                pl.when(
                    pl.col("best").is_in([1, 2])
                    & (pl.col("top") - pl.col("no") < NORWEGIAN_MARGIN)
                    & (pl.col("no") >= MIN_SCORE)
                )
                .then(0)
                .otherwise(pl.col("best"))
            )
            .replace_strict(list(range(len(LANGUAGES))), list(LANGUAGES), return_dtype=pl.String)
            .alias("lang")
        )
        .collect()
    )
    return ranked["lang"]


def detect_languages(texts: pl.Series) -> pl.Series:
    """ISO 639-1 code per text (``no`` for bokmål and nynorsk), or null when the text is
    null, too short (fewer than two words once links and @mentions are gone) or no profile
    fits well enough. Each distinct text is examined once."""
    texts = texts.cast(pl.String)
    uniq = texts.drop_nulls().unique()
    langs = _detect_unique(uniq)
    return texts.replace_strict(uniq, langs, default=None, return_dtype=pl.String).rename(
        texts.name
    )


# Declared codes -----------------------------------------------------------------------

_ALIASES: dict[str, str] = {
    # Norwegian: macrolanguage, bokmål, nynorsk, ISO 639-2/3, names
    "no": "no",
    "nb": "no",
    "nn": "no",
    "nor": "no",
    "nob": "no",
    "nno": "no",
    "norwegian": "no",
    "norsk": "no",
    "bokmål": "no",
    "bokmal": "no",
    "nynorsk": "no",
    "en": "en",
    "eng": "en",
    "english": "en",
    "engelsk": "en",
    "sv": "sv",
    "swe": "sv",
    "swedish": "sv",
    "svenska": "sv",
    "svensk": "sv",
    "da": "da",
    "dan": "da",
    "danish": "da",
    "dansk": "da",
    "de": "de",
    "deu": "de",
    "ger": "de",
    "german": "de",
    "deutsch": "de",
    "fr": "fr",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "es": "es",
    "spa": "es",
    "spanish": "es",
    "it": "it",
    "ita": "it",
    "italian": "it",
    "nl": "nl",
    "nld": "nl",
    "dut": "nl",
    "dutch": "nl",
    "pt": "pt",
    "por": "pt",
    "portuguese": "pt",
    "fi": "fi",
    "fin": "fi",
    "finnish": "fi",
    "se": "se",  # Northern Sami (not Swedish)
    "sme": "se",
}
#: Declarations that say nothing about the language (X/Twitter, ISO 639-2 specials).
UNDETERMINED: frozenset[str] = frozenset(
    _words("und zxx mul mis qme qht qam qct qst art unknown none null")
)


def normalise_language_codes(declared: pl.Series) -> pl.Series:
    """Declared language tags -> the codes ``detect_languages`` uses.

    The primary subtag is kept (``en-GB`` -> ``en``, ``nb_NO`` -> ``no``), Norwegian variants
    become ``no``, three-letter and English/native names map to two-letter codes, other
    well-formed two/three-letter codes are kept lower-cased, and empty or undetermined
    declarations (``und``, ``zxx``, ``qme`` ...) become null."""
    primary = (
        declared.cast(pl.String)
        .str.strip_chars()
        .str.to_lowercase()
        .str.split_exact("-", 1)
        .struct.field("field_0")
        .str.split_exact("_", 1)
        .struct.field("field_0")
    )
    known = primary.replace_strict(
        list(_ALIASES), list(_ALIASES.values()), default=None, return_dtype=pl.String
    )
    other_ok = primary.str.contains(r"^[a-z]{2,3}$") & ~primary.is_in(list(UNDETERMINED))
    return (
        pl.DataFrame({"k": known, "p": primary, "ok": other_ok})
        .select(pl.coalesce("k", pl.when(pl.col("ok")).then(pl.col("p"))).alias(declared.name))
        .to_series()
    )


def resolve_languages(declared: pl.Series, texts: pl.Series) -> pl.Series:
    """The declared language where the export has a usable one, else the detected one."""
    if declared.len() != texts.len():
        raise ValueError(f"declared ({declared.len()}) and texts ({texts.len()}) differ in length")
    norm = normalise_language_codes(declared)
    missing = norm.is_null()
    if not missing.any():
        return norm.rename("lang")
    detected = detect_languages(texts.filter(missing))
    out = norm.scatter(missing.arg_true(), detected)
    return out.rename("lang")
