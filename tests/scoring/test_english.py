"""English scorer: VADER's rules re-implemented in Polars, plus the customer-care layer.

Expected compounds are worked out by hand with VADER's formula: the token valences (VADER
lexicon unless said otherwise) are adjusted by the rules, summed to s, and
compound = s / sqrt(s² + 15), rounded to 4 decimals. E.g. "good" is 1.9 in VADER's lexicon:
1.9 / sqrt(1.9² + 15) = 1.9 / 4.3139 = 0.4404.
"""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest

import toolkit.scoring.english as english
from toolkit.scoring import (
    ENGLISH_SCORER_NAME,
    ENGLISH_THRESHOLDS,
    VADER_THRESHOLDS,
    english_label,
    explain,
    lexicon_en,
    score_english,
    score_vader_vectorised,
    vader_reference,
)
from toolkit.scoring.evaluate import evaluate, split

TWEETS = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "airline_sentiment" / "Tweets.csv"
)


def compound(s: float) -> float:
    return round(s / math.sqrt(s * s + 15), 4)


def one(text: str) -> float:
    return score_english(pl.Series([text])).item()


def plain(text: str) -> float:
    return score_vader_vectorised(pl.Series([text])).item()


# --------------------------------------------------------------------------- VADER's rules


@pytest.mark.parametrize(
    ("text", "s"),
    [
        ("The movie was good.", 1.9),
        # negation one word back: 1.9 * -0.74
        ("The movie was not good.", 1.9 * -0.74),
        # "isn't" counts as a negator through its n't, two words back
        ("The movie isn't very good.", (1.9 + 0.293) * -0.74),
        # booster right before: +0.293
        ("The movie was very good.", 1.9 + 0.293),
        # dampener: -0.293
        ("The movie was slightly good.", 1.9 - 0.293),
        # booster before a negative word pushes it further down
        ("The movie was very bad.", -2.5 - 0.293),
        # "but": before x0.5, after x1.5
        ("The food was good but the service was bad.", 1.9 * 0.5 - 2.5 * 1.5),
        # ALL CAPS in mixed-case text: +0.733
        ("The movie was GOOD.", 1.9 + 0.733),
        # ALL CAPS everywhere is no emphasis
        ("THE MOVIE WAS GOOD.", 1.9),
        # two exclamation points: +0.292 each, away from zero
        ("The movie was good!!", 1.9 + 2 * 0.292),
        ("The movie was bad!!", -2.5 - 2 * 0.292),
        # at most four count
        ("good!!!!!!!!", 1.9 + 4 * 0.292),
        # 2-3 question marks: +0.18 each
        ("good??", 1.9 + 2 * 0.18),
        # emoji: VADER's description "grinning face"; "grinning" is 1.5
        ("😀", 1.5),
        # "kind of": "kind" (2.4) is not praise here, and the dampener hits "good"
        ("It is kind of good", 1.9 - 0.293),
        # "no" before a lexicon word negates it and is silent itself
        ("no good", 1.9 * -0.74),
        # nothing in the lexicon
        ("The train leaves at nine.", 0.0),
    ],
)
def test_vader_rules_by_hand(text: str, s: float) -> None:
    assert plain(text) == pytest.approx(compound(s), abs=1e-4)
    assert vader_reference(pl.Series([text])).item() == pytest.approx(compound(s), abs=1e-4)


TRICKY = [
    "VADER is smart, handsome, and funny.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",
    "On the other hand, VADER is quite bad ass",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "yeah right, as if that was a good idea",
    "It is sort of nice, I suppose",
    "no no no, not happy at all",
    "He was not so happy",
    "I really like this beautiful place",
    "",
    "   ",
]


def test_vectorised_vader_matches_the_real_one() -> None:
    texts = pl.Series([*TRICKY, *(t for t, _ in GENERAL)])
    mine = score_vader_vectorised(texts)
    real = vader_reference(texts)
    assert ((mine - real).abs() <= 1e-4).all(), pl.DataFrame({"t": texts, "m": mine, "r": real})


PLAIN = [  # no customer-care word, handle, hashtag or phrase: the domain layer must not act
    "The movie was good.",
    "I hate Mondays.",
    "The view from the hill is absolutely beautiful!",
    "This is the worst coffee I have ever tasted.",
    "The room was nice but the bed was terrible.",
    "What a TERRIBLE idea.",
    "I am not happy with the result.",
    "The concert was great, I loved it 😍",
    "She is reading a book in the kitchen.",
    "Not bad at all, I actually enjoyed it.",
]


def test_domain_layer_leaves_plain_sentences_alone() -> None:
    texts = pl.Series(PLAIN)
    assert (score_english(texts) - vader_reference(texts)).abs().max() <= 1e-4


# --------------------------------------------------------------------------- domain layer


@pytest.mark.parametrize(
    ("text", "s", "vader_s"),
    [
        # a handle is a name: VADER reads "@united" as "united" (+1.8); "delayed" is -1.8 here
        ("@united my flight was delayed", -1.8, 1.8 - 0.9),
        # "cancelled" (-2.0) and its US spelling, unknown to VADER
        ("@AmericanAir flight canceled again", -2.0, 0.0),
        # phrase "on hold" (-1.8); "hold for an hour" is a second phrase ending at "hour"
        ("@airline on hold for an hour", -1.8 - 1.5, 0.0),
        # negation looks back from before the phrase: "not" negates "on hold"
        ("@airline I am not on hold", -1.8 * -0.74, 0.0),
        # "lost my bag" (-2.5) replaces "lost" (-1.3 in VADER)
        ("@airline you lost my bag", -2.5, -1.3),
        # "thanks for nothing": -2.8, "thanks" silent
        ("@airline thanks for nothing", -2.8, 1.9),
        # sarcasm: praise in a complaint ("3 hour delay" -2.0) counts 0
        ("@airline thanks for the 3 hour delay", -2.0, 1.9 - 1.3),
        ("@airline great job losing my luggage", -2.5, 3.1 - 1.6),
        # request words are the form of a request in an addressed post: "please help" 0
        ("@airline please help me with my booking", 0.0, 1.3 + 1.7),
        # ...but a negated one keeps its negative value: "no help" is a complaint phrase
        ("@airline no help at all", -1.8, 1.7 * -0.74),
        # closing thanks of a question are politeness; "on time" is +1.2
        ("@airline is flight 123 on time? thanks", 1.2, 1.9),
        # hashtags: a complaint inside a compound hashtag
        ("@airline #neveragain", -2.0, 0.0),
        ("@airline #unitedfail", -2.0, 0.0),
        ("#lovejetblue", 1.5, 0.0),
        # "United" with a capital is a name, "united" an adjective
        ("I flew United today", 0.0, 1.8),
        ("We stand united", 1.8, 1.8),
        # complaint questions count only when said to a brand
        ("@airline why is my bag not here", -1.0, 0.0),
        ("Why is the sky blue?", 0.0, 0.0),
        # curly apostrophes: "don’t" negates like "don't"
        ("I don’t like it", 1.5 * -0.74, 1.5),
        # emoji VADER's descriptions leave at 0: "thumbs down", "pouting face"
        ("👎", -2.0, 0.0),
        ("😡", -2.5, 0.0),
    ],
)
def test_domain_cases_by_hand(text: str, s: float, vader_s: float) -> None:
    assert one(text) == pytest.approx(compound(s), abs=1e-4), explain(text)
    assert plain(text) == pytest.approx(compound(vader_s), abs=1e-4)


def test_sarcasm_needs_a_complaint() -> None:
    # praise without a complaint cue is praise
    assert one("@airline great job, thanks!") > ENGLISH_THRESHOLDS.positive
    # a complaint word outside an addressed post does not silence praise
    assert one("I lost weight this year and feel great!") > ENGLISH_THRESHOLDS.positive


def test_explain_lists_the_valences() -> None:
    rows = explain("@airline thanks for the 3 hour delay")
    assert rows["token"].to_list() == ["thanks", "delay"]
    assert rows["sent"].to_list() == [1.9, -2.0]
    assert rows["contrib"].to_list() == [0.0, -2.0]


def test_phrases_are_well_formed() -> None:
    phrases = lexicon_en.phrases()
    assert len(phrases) > 1000
    assert all(2 <= len(p.split()) <= 5 for p in phrases)
    assert lexicon_en.addressed_phrases() <= phrases.keys()
    assert lexicon_en.expand("a {b|c|} d") == ["a b d", "a c d", "a d"]
    assert ENGLISH_SCORER_NAME.startswith("crisis-en ")


# --------------------------------------------------------------------------- the series API


def test_nulls_order_name_and_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = english._score_distinct

    def counting(distinct: pl.Series, domain: bool) -> pl.Series:
        seen.append(distinct.len())
        return real(distinct, domain)

    monkeypatch.setattr(english, "_score_distinct", counting)
    texts = pl.Series("body", [None, "good", "bad", None, "good", "", "good"])
    out = score_english(texts)
    assert seen == [3]  # "good", "bad", "" - each distinct text once
    assert out.name == "body"
    assert out.dtype == pl.Float64
    assert out.to_list() == [None, 0.4404, -0.5423, None, 0.4404, 0.0, 0.4404]


def test_batches_give_the_same_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = pl.Series([t for t, _ in GENERAL] + [None, "@airline still waiting"])
    whole = score_english(texts)
    monkeypatch.setattr(english, "BATCH_TEXTS", 7)
    assert score_english(texts).equals(whole)


def test_empty_and_all_null() -> None:
    assert score_english(pl.Series("t", [], dtype=pl.String)).to_list() == []
    assert score_english(pl.Series("t", [None, None], dtype=pl.String)).to_list() == [None, None]


def test_scores_stay_in_range() -> None:
    texts = pl.Series(["GREAT " * 40 + "!!!!", "terrible awful " * 40, "no " * 30])
    out = score_english(texts)
    assert out.min() >= -1.0
    assert out.max() <= 1.0


def test_labels() -> None:
    scores = pl.Series("s", [0.9, 0.35, 0.3, 0.0, -0.05, -0.04, None])
    assert english_label(scores).to_list() == [
        "positive",
        "positive",
        "neutral",
        "neutral",
        "negative",
        "neutral",
        None,
    ]
    assert english_label(scores, VADER_THRESHOLDS).to_list()[2] == "positive"


# --------------------------------------------------------------------------- general text

#: Written and labelled by hand for this test (not taken from any data set): product and
#: life statements, emoji, negation, "but", ALL CAPS, intensifiers, and everyday uses of
#: words the customer-care layer knows ("late", "hours", "lost", "help", "please", "told").
GENERAL: list[tuple[str, str]] = [
    ("I love my new phone, the battery lasts all day.", "positive"),
    ("The hotel staff were incredibly friendly and helpful.", "positive"),
    ("What a beautiful morning! 😊", "positive"),
    ("This is the best pizza I have ever had.", "positive"),
    ("I'm so happy for you, congratulations!", "positive"),
    ("The movie was really good.", "positive"),
    ("Great service and fair prices, I will come back.", "positive"),
    ("She did an AMAZING job on the presentation.", "positive"),
    ("Not bad at all, I actually enjoyed it.", "positive"),
    ("The food was okay but the dessert was wonderful.", "positive"),
    ("Thanks so much for the lovely gift ❤️", "positive"),
    ("We had a fantastic holiday in Italy.", "positive"),
    ("I can't complain, everything went smoothly.", "positive"),
    ("The new update makes the app much faster 👍", "positive"),
    ("Our team won the championship!!!", "positive"),
    ("My kids had a wonderful time at the zoo.", "positive"),
    ("The concert was absolutely brilliant.", "positive"),
    ("I'm proud of how far I've come this year.", "positive"),
    ("The view from the top was extremely beautiful.", "positive"),
    ("Thanks for the birthday wishes, everyone!", "positive"),
    ("We stayed up late watching movies and laughing.", "positive"),
    ("I lost weight this year and feel great!", "positive"),
    ("I finally got my test results back and everything is fine.", "positive"),
    ("The customer care team solved my problem in minutes. Great job!", "positive"),
    ("My order arrived on time and works perfectly.", "positive"),
    ("😂😂😂 this is hilarious", "positive"),
    ("I am SO excited for the trip!", "positive"),
    ("The price is high, but the quality is excellent.", "positive"),
    ("The product broke after two days.", "negative"),
    ("I hate waiting in traffic every morning.", "negative"),
    ("This is the worst coffee I've ever tasted.", "negative"),
    ("I'm really disappointed with the quality.", "negative"),
    ("He was rude and unhelpful.", "negative"),
    ("The movie was not good at all.", "negative"),
    ("The room was nice but the bed was terrible.", "negative"),
    ("I feel sad and lonely today 😢", "negative"),
    ("What a TERRIBLE idea.", "negative"),
    ("The battery dies way too fast, very annoying.", "negative"),
    ("I lost my keys again, ugh.", "negative"),
    ("My laptop keeps crashing and I lost my work.", "negative"),
    ("I'm so angry right now 😡", "negative"),
    ("That was a complete waste of money.", "negative"),
    ("The sequel was boring and far too long.", "negative"),
    ("I wanted to like it, but it was dull.", "negative"),
    ("The instructions were kind of confusing.", "negative"),
    ("The train was cancelled, so we walked home in the rain.", "negative"),
    ("My computer is broken and I can't fix it.", "negative"),
    ("I waited two hours for the bus and it never came.", "negative"),
    ("Still no word from the landlord about the heating.", "negative"),
    ("Worst. Day. Ever. 😭", "negative"),
    ("I don't like this at all.", "negative"),
    ("The meeting is at 3 pm on Tuesday.", "neutral"),
    ("I bought milk and bread at the store.", "neutral"),
    ("The train leaves from platform four.", "neutral"),
    ("She is reading a book in the kitchen.", "neutral"),
    ("The package will arrive tomorrow.", "neutral"),
    ("He works as an engineer in Oslo.", "neutral"),
    ("The shop opens at nine.", "neutral"),
    ("We are moving to a new apartment next month.", "neutral"),
    ("The report has twelve pages.", "neutral"),
    ("It is raining in London today.", "neutral"),
    ("I am going to the gym later.", "neutral"),
    ("The phone has a six inch screen.", "neutral"),
    ("Please send me the file by Friday.", "neutral"),
    ("The car is parked outside.", "neutral"),
    ("My flight lands at 6 pm.", "neutral"),
    ("The store sells shoes and bags.", "neutral"),
    ("Could you help me move the sofa on Saturday?", "neutral"),
    ("Hold on, I'll be right there.", "neutral"),
    ("The battery lasts for ten hours.", "neutral"),
    ("The show starts late tonight.", "neutral"),
    ("Why is the sky blue?", "neutral"),
    ("What happened at the meeting yesterday?", "neutral"),
    ("I was told the museum opens at ten.", "neutral"),
]


def test_general_set_is_at_least_as_accurate_as_vader() -> None:
    assert len(GENERAL) >= 40
    frame = pl.DataFrame({"text": [t for t, _ in GENERAL], "label": [y for _, y in GENERAL]})
    result = evaluate(
        frame,
        "text",
        "label",
        {
            "english": lambda t: english_label(score_english(t)),
            "vader": lambda t: english_label(vader_reference(t), VADER_THRESHOLDS),
        },
    )
    assert result["english"].accuracy >= result["vader"].accuracy, str(result)
    assert result["english"].macro_f1 >= result["vader"].macro_f1, str(result)


# --------------------------------------------------------------------------- real data


@pytest.mark.realdata
def test_airline_heldout_beats_vader_by_15_points() -> None:
    if not TWEETS.is_file():
        pytest.skip(f"{TWEETS} is absent (the airline tweets live beside the project only)")
    tweets = pl.read_csv(TWEETS, infer_schema_length=0)
    heldout = split(tweets, "tweet_id", "heldout")
    assert 7000 < heldout.height < 7700
    result = evaluate(
        heldout,
        "text",
        "airline_sentiment",
        {
            "english": lambda t: english_label(score_english(t)),
            "vader": lambda t: english_label(vader_reference(t), VADER_THRESHOLDS),
        },
    )
    mine, vader = result["english"], result["vader"]
    assert mine.accuracy >= vader.accuracy + 0.15, str(result)
    assert mine.macro_f1 >= vader.macro_f1 + 0.15, str(result)
