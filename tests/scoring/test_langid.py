"""Language identification: a hand-written multilingual set, NoReC and airline tweets.

The hand-written set below (written for this test, customer-care posts in eleven languages,
with Danish and Swedish near-twins of the Norwegian ones) checks the profiles; the real-data
tests check that Norwegian review sentences come out as ``no`` and English tweets as ``en``.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from toolkit.scoring.langid import (
    LANGUAGES,
    detect_languages,
    normalise_language_codes,
    resolve_languages,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

# (language, text), written by hand
CASES = [
    # Norwegian bokmål
    ("no", "Jeg har ventet i to timer og ingen svarer på chatten"),
    ("no", "Hvorfor er appen nede igjen? Dette er tredje gang denne uka"),
    ("no", "Takk for rask hjelp, nå fungerer alt som det skal"),
    ("no", "Dere har trukket meg dobbelt for samme regning, hva skjer?"),
    ("no", "Toget er forsinket igjen og ingen informasjon på perrongen"),
    ("no", "Kundeservice legger bare på når jeg ringer, helt uakseptabelt"),
    ("no", "Når får jeg pengene tilbake for den kansellerte flyvningen?"),
    ("no", "Nettet har vært nede siden i går kveld her i Bergen"),
    ("no", "Veldig fornøyd med oppfølgingen, tusen takk til Kari"),
    ("no", "Kan dere ikke bare svare på meldingen min?"),
    ("no", "Jeg kommer aldri til å bruke dette selskapet igjen"),
    ("no", "Strømmen gikk for en time siden, vet dere noe om hvor lenge det varer?"),
    ("no", "Det er ikke greit å vente en hel uke på svar fra dere"),
    ("no", "Har dere en oversikt over hvilke områder som er rammet av bruddet?"),
    ("no", "Beklager, men dette var ikke godt nok. Jeg vil ha refusjon"),
    ("no", "Bestillingen min har ikke kommet, og sporingen sier ingenting"),
    ("no", "Hei! Er det mulig å endre avgangen til i morgen tidlig?"),
    ("no", "Informasjonen på nettsiden stemmer ikke med det dere sa på telefon"),
    # Norwegian nynorsk
    ("no", "Eg har venta i tre dagar og ingen har svart meg"),
    ("no", "Kvifor fungerer ikkje appen når eg treng han?"),
    ("no", "Det er berre dårleg informasjon frå dykk heile tida"),
    ("no", "Kva skjer med straumen her i bygda? Han har vore borte sidan i går"),
    # Danish
    ("da", "Hvad sker der med jeres app, den virker ikke igen"),
    ("da", "Jeg har ventet på svar i over en uge nu, det er for dårligt"),
    ("da", "Tak for hjælpen, nu fungerer det hele igen"),
    ("da", "Hvorfor bliver mit fly aflyst uden at I giver besked?"),
    ("da", "Jeg vil gerne have mine penge tilbage hurtigst muligt"),
    ("da", "Kundeservice svarer aldrig, og der er ingen information på hjemmesiden"),
    ("da", "Det er meget skuffende at toget altid er forsinket"),
    ("da", "Kan I fortælle mig hvornår internettet kommer op at køre igen?"),
    ("da", "Jeg blev trukket to gange for den samme ordre af jer"),
    ("da", "Super god service i dag, mange tak til medarbejderen"),
    ("da", "Det har været nede hele dagen, og I siger ingenting"),
    ("da", "Min pakke er stadig ikke kommet, hvad skal jeg gøre?"),
    # Swedish
    ("sv", "Varför svarar ni inte på mina mejl?"),
    ("sv", "Jag har väntat i två timmar och ingen hjälper mig"),
    ("sv", "Tack för snabb hjälp, nu fungerar allt igen"),
    ("sv", "Mitt flyg blev inställt och jag har inte fått några pengar tillbaka"),
    ("sv", "Appen har legat nere hela dagen, vad händer?"),
    ("sv", "Det är helt oacceptabelt att tåget är försenat igen"),
    ("sv", "Kundtjänst är värdelös, jag kommer aldrig att handla här igen"),
    ("sv", "Jag blev debiterad två gånger för samma beställning"),
    ("sv", "Väldigt nöjd med bemötandet, tack så mycket"),
    ("sv", "När kommer internet tillbaka i Göteborg?"),
    ("sv", "Ni måste bli bättre på att informera era kunder"),
    ("sv", "Mitt paket har fortfarande inte kommit fram"),
    # English
    ("en", "My flight was cancelled and nobody answers the phone"),
    ("en", "Thanks for the quick help, everything works again"),
    ("en", "Still waiting for my refund after three weeks"),
    ("en", "Why is the app down again? This is ridiculous"),
    ("en", "I was charged twice for the same order, please fix this"),
    ("en", "Worst customer service I have ever experienced"),
    ("en", "Can you tell me when the internet will be back in my area?"),
    ("en", "The train was late again and there was no information"),
    ("en", "Great job by the support team today, really appreciated"),
    ("en", "I have been on hold for over an hour"),
    ("en", "You lost my bag and nobody seems to care"),
    ("en", "Is there an update on the outage?"),
    # German
    ("de", "Wo ist mein Koffer? Seit drei Tagen keine Antwort"),
    ("de", "Ich warte seit zwei Stunden in der Warteschleife"),
    ("de", "Danke für die schnelle Hilfe, jetzt funktioniert alles wieder"),
    ("de", "Warum ist die App schon wieder nicht erreichbar?"),
    ("de", "Mein Flug wurde gestrichen und ich bekomme kein Geld zurück"),
    ("de", "Der Kundenservice ist eine Katastrophe"),
    # French
    ("fr", "Mon vol a été annulé et personne ne répond au téléphone"),
    ("fr", "Merci pour votre aide rapide, tout fonctionne maintenant"),
    ("fr", "J'attends toujours mon remboursement depuis trois semaines"),
    ("fr", "Pourquoi l'application est encore en panne ?"),
    ("fr", "Le service client est vraiment nul"),
    ("fr", "C'est la deuxième fois que mon train est en retard cette semaine"),
    # Spanish
    ("es", "Mi vuelo fue cancelado y nadie contesta el teléfono"),
    ("es", "Gracias por la ayuda rápida, ya funciona todo"),
    ("es", "¿Dónde está mi maleta? Llevo tres días esperando"),
    ("es", "Sigo esperando el reembolso desde hace un mes"),
    ("es", "El servicio de atención al cliente es pésimo"),
    ("es", "Me cobraron dos veces por el mismo pedido"),
    # Italian, Dutch, Portuguese, Finnish
    ("it", "Il mio volo è stato cancellato e nessuno risponde"),
    ("it", "Grazie per l'aiuto, adesso funziona tutto"),
    ("it", "Perché l'applicazione non funziona ancora?"),
    ("nl", "Mijn vlucht is geannuleerd en niemand neemt de telefoon op"),
    ("nl", "Bedankt voor de snelle hulp, alles werkt weer"),
    ("nl", "Waarom is de app weer niet bereikbaar?"),
    ("pt", "O meu voo foi cancelado e ninguém atende o telefone"),
    ("pt", "Obrigado pela ajuda, agora está tudo a funcionar"),
    ("pt", "Ainda estou à espera do reembolso"),
    ("fi", "Lentoni peruttiin eikä kukaan vastaa puhelimeen"),
    ("fi", "Kiitos nopeasta avusta, nyt kaikki toimii taas"),
    ("fi", "Miksi sovellus ei taaskaan toimi?"),
]


def test_hand_written_set_accuracy() -> None:
    assert len(CASES) >= 60
    texts = pl.Series("text", [t for _, t in CASES])
    got = detect_languages(texts).to_list()
    gold = [lang for lang, _ in CASES]
    wrong = [(g, p, t) for g, p, (_, t) in zip(gold, got, CASES, strict=True) if g != p]
    accuracy = 1 - len(wrong) / len(CASES)
    print(
        f"\nhand-written set: {len(CASES) - len(wrong)}/{len(CASES)} = {accuracy:.3f}; "
        f"wrong: {wrong}"
    )
    assert accuracy >= 0.95, wrong
    for lang in ("no", "da", "sv", "en"):
        idx = [i for i, g in enumerate(gold) if g == lang]
        hits = sum(got[i] == lang for i in idx)
        assert hits / len(idx) >= 0.9, (lang, hits, len(idx))
    assert set(got) - {None} <= set(LANGUAGES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Norwegian vs Danish: av/af, hva/hvad, noe/noget, meg/mig, igjen/igen
        ("Hva skjer med appen, jeg har ikke fått noe svar", "no"),
        ("Hvad sker der med appen, jeg har ikke fået noget svar", "da"),
        ("Dere har ikke svart meg på en uke", "no"),
        ("I har ikke svaret mig i en uge", "da"),
        # Swedish: och, inte, jag, ä/ö
        ("Jag har inte fått något svar än", "sv"),
        # spelled the same in Norwegian and Danish: Norwegian wins the tie
        ("Jeg har ventet i to timer og ingen svarer", "no"),
        # @mentions, links and hashtags are ignored
        ("@FjordNett #nedetid https://example.com/status nettet er nede igjen", "no"),
        ("@united thanks for nothing, still stuck at the gate", "en"),
    ],
)
def test_close_pairs(text: str, expected: str) -> None:
    assert detect_languages(pl.Series([text]))[0] == expected


def test_too_short_or_unknown_is_null() -> None:
    texts = pl.Series(
        "t",
        [
            None,
            "",
            "ok",
            "Tak!",  # one word, and not distinctive enough (Danish "tak" is also a noun)
            "kjempebra 👍",
            "😡😡😡",
            "12:45 14.03",
            "https://t.co/x",
            "これは日本語の文です",
            "Это русский текст",
        ],
    )
    out = detect_languages(texts)
    assert out.name == "t"
    assert out.dtype == pl.String
    assert out.to_list() == [None] * texts.len()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # short posts: two words are enough when they are common words of the language
        ("Ikke bra", "no"),
        ("Helt elendig", "no"),
        ("Thanks a lot", "en"),
        # one word only when it is distinctive
        ("Takk!", "no"),
        ("Tack!", "sv"),
    ],
)
def test_short_posts(text: str, expected: str) -> None:
    assert detect_languages(pl.Series([text]))[0] == expected


def test_each_distinct_text_once_and_order_kept() -> None:
    texts = pl.Series(
        ["Jeg har ikke fått noe svar", None, "Where is my bag?", "Jeg har ikke fått noe svar"]
    )
    assert detect_languages(texts).to_list() == ["no", None, "en", "no"]
    assert detect_languages(pl.Series([], dtype=pl.String)).len() == 0


def test_normalise_declared_codes() -> None:
    declared = pl.Series(
        "lang",
        [
            "nb",
            "nn",
            "no",
            "nob",
            "nno",
            "nor",
            "no-NO",
            "nb_NO",
            "NB-no",
            " Norwegian ",
            "norsk",
            "en-GB",
            "en_US",
            "EN",
            "eng",
            "sv-SE",
            "swe",
            "da-DK",
            "dan",
            "de-AT",
            "fra",
            "es-419",
            "ja",
            "und",
            "zxx",
            "qme",
            "",
            None,
            "x",
            "english",
        ],
    )
    assert normalise_language_codes(declared).to_list() == [
        "no",
        "no",
        "no",
        "no",
        "no",
        "no",
        "no",
        "no",
        "no",
        "no",
        "no",
        "en",
        "en",
        "en",
        "en",
        "sv",
        "sv",
        "da",
        "da",
        "de",
        "fr",
        "es",
        "ja",
        None,
        None,
        None,
        None,
        None,
        None,
        "en",
    ]


def test_resolve_keeps_declared_and_detects_the_rest() -> None:
    declared = pl.Series(["nb", "en-GB", "und", None, "", "da", "und"])
    texts = pl.Series(
        [
            "This text is English but declared Norwegian",
            "Dette er norsk, men merket engelsk",
            "Jeg har ikke fått noe svar fra dere",
            "Where is my refund? Still waiting",
            "Varför svarar ni inte?",
            "whatever",
            "ok",
        ]
    )
    assert resolve_languages(declared, texts).to_list() == [
        "no",
        "en",
        "no",
        "en",
        "sv",
        "da",
        None,
    ]
    # all declared: nothing to detect
    assert resolve_languages(pl.Series(["nn", "en"]), pl.Series(["a", "b"])).to_list() == [
        "no",
        "en",
    ]
    with pytest.raises(ValueError, match="length"):
        resolve_languages(pl.Series(["nb"]), pl.Series(["a", "b"]))


# ---------------------------------------------------------------------------------------
# Real data
# ---------------------------------------------------------------------------------------


def _require(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"real data file {path} is absent (it lives beside the project only)")
    return path


@pytest.mark.realdata
def test_norec_sentences_are_norwegian() -> None:
    rows = json.loads(_require(DATA / "norec_sentence" / "3class" / "test.json").read_text())
    df = pl.DataFrame({"text": [r["text"] for r in rows]}).with_columns(
        lang=detect_languages(pl.Series([r["text"] for r in rows])),
        n_words=pl.col("text").str.count_matches(r"\p{L}+"),
    )
    everything = (df["lang"] == "no").fill_null(False).mean()
    sentences = df.filter(pl.col("n_words") >= 5)
    share = (sentences["lang"] == "no").fill_null(False).mean()
    print(
        f"\nNoReC test: 'no' for {share:.3f} of {sentences.height} sentences of >= 5 words, "
        f"{everything:.3f} of all {df.height} (headings such as 'Regi :' are too short); "
        f"others: {Counter(sentences['lang'].to_list()).most_common(6)}"
    )
    assert share >= 0.95
    assert everything >= 0.80


@pytest.mark.realdata
def test_airline_tweets_are_english() -> None:
    path = _require(DATA / "airline_sentiment" / "Tweets.csv")
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    got = detect_languages(pl.Series(texts))
    share = (got == "en").fill_null(False).mean()
    print(
        f"\nairline tweets: 'en' for {share:.3f} of {len(texts)}; "
        f"{Counter(got.to_list()).most_common(5)}"
    )
    assert share >= 0.90
    assert (got == "no").sum() < 0.005 * len(texts)
