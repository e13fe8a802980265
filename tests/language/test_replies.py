"""Hand-worked cases for toolkit.language.replies: reply kinds, personal signals, templates
and similarity. Similarities are counted by hand in the comments (word 3-grams)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from toolkit.language import (
    normalise,
    personal_signals,
    reply_kind,
    reply_kinds,
    similarity,
    template_groups,
    template_ratio,
)

# --------------------------------------------------------------------------- reply kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sorry to hear that! Please DM us your account number", "acknowledgement"),
        ("Service was restored at 16:00, refunds within 5 working days", "substantive"),
        ("We have explained what happened here: https://example.com/statement", "substantive"),
        ("Thanks for your patience, we're looking into it.", "acknowledgement"),
        ("We are working on a fix.", "acknowledgement"),  # in progress: no fact, no remedy
        ("The outage was due to a power failure in our data centre.", "substantive"),
        ("Please see our statement on the blog.", "substantive"),
        ("Glad to help!", "other"),
        ("", "other"),
        (
            "Så leit å høre! Send oss en melding med kundenummeret ditt, så ser vi på saken.",
            "acknowledgement",
        ),
        (
            "Tjenesten er nå oppe igjen, og refusjonen blir utbetalt innen 5 virkedager.",
            "substantive",
        ),
        ("Takk for tålmodigheten!", "acknowledgement"),
        ("Les mer på nettsiden vår.", "substantive"),
    ],
)
def test_reply_kind(text, kind):
    assert reply_kind(text) == kind


def test_substantive_wins_when_a_reply_is_both():
    text = "So sorry about this! Please DM us. The app has been fixed since 14:00."
    assert reply_kind(text) == "substantive"


def test_reply_kinds_adds_a_column():
    df = pl.DataFrame(
        {
            "text": ["Sorry to hear that!", "Vi har rettet feilen.", "Sorry to hear that!", None],
            "lang": ["en", "nb", "en", None],
        }
    )
    out = reply_kinds(df, lang_col="lang")
    assert out.columns == ["text", "lang", "reply_kind"]
    assert out["reply_kind"].to_list() == [
        "acknowledgement",
        "substantive",
        "acknowledgement",
        "other",
    ]


# --------------------------------------------------------------------------- personalisation

PARENT = "my invoice for Bergen is double"


def test_personal_reply_addresses_signs_and_is_specific():
    s = personal_signals(
        "@123 Hi Kari, sorry about the invoice for Bergen. ^MH", "Kari Nordmann", PARENT
    )
    assert (s.addresses_person, s.signed, s.specific, s.is_personal) == (True, True, True, True)


def test_generic_reply_shows_no_signal():
    s = personal_signals("@123 We're sorry for the trouble. Please DM us.", "Kari Nordmann", PARENT)
    assert (s.addresses_person, s.signed, s.specific, s.is_personal) == (
        False,
        False,
        False,
        False,
    )


def test_the_leading_mention_is_not_addressing():
    # the handle @kari is the automatic mention; "Hi there" names nobody
    s = personal_signals("@kari Hi there, we are sorry. Please DM us.", "Kari", None)
    assert s.addresses_person is False
    assert personal_signals("@kari Thanks, Kari!", "Kari", None).addresses_person is True
    assert personal_signals("@x Hei Ola! Takk for beskjed.", None, None).addresses_person is True


@pytest.mark.parametrize(
    "ending",
    ["^AK", "/Kari", "- Kari", "Mvh Kari", "Hilsen Ola", "— Tom from support", "*JohnWard"],
)
def test_signatures(ending):
    assert personal_signals(f"@1 We are on it. {ending}", None, None).signed is True


def test_signature_before_a_trailing_link_or_counter():
    assert personal_signals("@1 Read more: https://t.co/abc ^AK https://t.co/x", None, None).signed
    assert personal_signals("@1 Please DM us the order number. 1/2", None, None).signed is False


def test_specific_by_number_or_place_but_not_by_stop_words_or_brand():
    assert personal_signals("@1 Order 48213 ships today.", None, "Where is #48213?").specific
    assert personal_signals("@1 We have staff in Oslo now.", None, "Queue in Oslo again").specific
    assert not personal_signals("@1 Sorry, please DM us.", None, "sorry, please help").specific
    assert not personal_signals(
        "@1 Telenor is here for you.", None, "Telenor network down", brand="Telenor"
    ).specific


# --------------------------------------------------------------------------- templates

TEMPLATE = (
    "We are sorry for the trouble with your order. Our team is looking into the delay right "
    "now and we will send you a full update in a direct message as soon as we can."
)
# normalised: 35 words -> 33 distinct word 3-grams
SIGNATURES = ["", " ^AK", " /Kari", " - Tom from support", "\n\nMvh Ola"]
DISTINCT = [
    "Thanks for flying with us today!",
    "Your refund was issued this morning.",
    "The Bergen store opens at nine on Sundays.",
    "Could you tell us which app version you use?",
    "Glad the new card arrived safely.",
    "Our opening hours changed in January.",
    "You can change the delivery address in the app.",
    "Happy birthday from all of us!",
    "The outage in Trondheim is over.",
    "We have passed your feedback to the kitchen.",
]


def frame(texts: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"mention_id": [f"m{i}" for i in range(len(texts))], "text": texts})


def replies_with_template() -> list[str]:
    copies = [f"@user{i} {TEMPLATE}{SIGNATURES[i % 5]}" for i in range(40)]
    return copies + [f"@other{i} {t}" for i, t in enumerate(DISTINCT)]


def test_normalisation_strips_mentions_signatures_urls_numbers_and_greeting_names():
    assert normalise(["@a @b Hi Kari, case 123 is fixed: https://x.no/s ^AK"]) == [
        "hi case is fixed"
    ]
    assert len(set(normalise([f"@user{i} {TEMPLATE}{SIGNATURES[i % 5]}" for i in range(5)]))) == 1


@pytest.mark.parametrize("exact_limit", [300, 0])  # 0 forces the MinHash-LSH path
def test_forty_copies_of_a_template_form_one_group(exact_limit):
    out = template_groups(frame(replies_with_template()), exact_limit=exact_limit)
    assert out.columns == ["mention_id", "text", "template_id", "template_size"]
    assert out["template_size"].to_list() == [40] * 40 + [1] * 10
    assert out["template_id"].to_list() == ["m0"] * 40 + [None] * 10
    assert template_ratio(out) == 0.8  # 40 of 50 replies are in a group of >= 3


@pytest.mark.parametrize("exact_limit", [300, 0])
def test_a_near_duplicate_with_one_word_changed_joins_the_group(exact_limit):
    # "delay" -> "problem" changes the 3 shingles that contain it:
    # Jaccard = 30 / (33 + 3) = 0.833 >= 0.8
    texts = [*replies_with_template(), "@late " + TEMPLATE.replace("delay", "problem")]
    out = template_groups(frame(texts), exact_limit=exact_limit)
    assert out["template_size"][-1] == 41
    assert out["template_id"][-1] == "m0"
    assert template_ratio(out) == pytest.approx(41 / 51)


def test_two_word_replies_group_only_when_identical():
    out = template_groups(frame(["@a Thanks!", "@b thanks", "@c Thanks a lot", "@d"]))
    assert out["template_size"].to_list() == [2, 2, 1, 1]
    assert out["template_id"].to_list() == ["m0", "m0", None, None]


def test_template_ratio_of_nothing_is_nan():
    assert math.isnan(template_ratio(template_groups(frame([]))))


def test_template_groups_names_a_missing_column():
    with pytest.raises(ValueError, match="'mention_id'"):
        template_groups(pl.DataFrame({"text": ["a"]}))


# --------------------------------------------------------------------------- similarity

HOLDING = (
    "We are aware of a problem with card payments and are working to fix it. "
    "We will post an update on our website within the hour."
)  # normalised: 26 words -> 24 distinct 3-grams


def test_similarity_of_a_lightly_edited_holding_statement():
    edited = HOLDING.replace("the hour", "two hours")
    # "the hour" -> "two hours" changes the 2 last 3-grams: 22 shared, union 24 + 2 = 26
    assert similarity(HOLDING, edited) == pytest.approx(22 / 26)
    assert similarity(HOLDING, edited) > 0.6


def test_similarity_of_unrelated_texts():
    assert similarity(HOLDING, "Congratulations to the winners of our summer photo contest!") < 0.2


def test_similarity_of_short_texts_uses_words():
    assert similarity("Thanks!", "@x thanks") == 1.0
    assert similarity("Thanks a lot", "thanks") == pytest.approx(1 / 3)  # {thanks} / {thanks,a,lot}
    assert similarity("", "") == 0.0
