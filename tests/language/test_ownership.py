"""Hand-worked cases for toolkit.language.ownership: every expected value is written out and,
where it is a number, derived in a comment next to it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from toolkit.language import (
    analyse_frame,
    analyse_text,
    detect_language,
    load_lexicon,
    promised_updates,
    split_sentences,
)

OSLO = ZoneInfo("Europe/Oslo")
MONDAY = datetime(2026, 3, 9, 11, 20, tzinfo=OSLO)  # Monday 9 March 2026, 11:20 in Oslo

# --------------------------------------------------------------------------- sentences


def test_split_sentences_keeps_times_decimals_and_abbreviations_together():
    text = (
        "We will update you by 12.00 today. The fix costs 4.50 NOK! Really?\n"
        "Neste oppdatering kl. 14.00 i dag. Innen 9. mars er alt klart"
    )
    assert split_sentences(text) == [
        "We will update you by 12.00 today.",
        "The fix costs 4.50 NOK!",
        "Really?",
        "Neste oppdatering kl. 14.00 i dag.",
        "Innen 9. mars er alt klart",
    ]


def test_split_sentences_of_nothing():
    assert split_sentences("") == []
    assert split_sentences("  \n ") == []


def test_detect_language():
    assert detect_language("Vi beklager feilen og jobber med saken.") == "no"
    assert detect_language("We are sorry and we are working on it.") == "en"
    assert detect_language("Tjenesten er nede på grunn av feil hos leverandøren.") == "no"
    assert detect_language("") == "en"


# --------------------------------------------------------------------------- English


def test_english_statement_blaming_a_supplier():
    a = analyse_text(
        "We are aware of the outage. It was caused by our supplier and was beyond our control."
    )
    assert a.lang == "en"
    # sentence 1 has no marker; sentence 2 blames (scapegoat + excuse): 0 ownership, 1 blame
    assert (a.n_ownership, a.n_blame) == (0, 1)
    assert a.score == -1.0  # (0 - 1) / (0 + 1)
    second = a.sentences[1]
    assert second.categories == ("scapegoat", "excuse")
    assert second.side == "blame"
    assert "caused by our supplier" in second.phrases
    assert a.categories["scapegoat"] == 1
    assert a.categories["apology"] == 0


def test_english_statement_that_apologises_and_dates_the_fix():
    a = analyse_text(
        "We apologise for the billing error. "
        "We will refund every affected customer by Friday 13 March."
    )
    assert a.sentences[0].categories == ("apology",)
    assert a.sentences[1].categories == ("corrective_action", "timeline")
    assert (a.n_ownership, a.n_blame) == (2, 0)
    assert a.score == 1.0  # (2 - 0) / (2 + 0)


def test_mistakes_were_made_is_agentless():
    a = analyse_text("Mistakes were made.")
    assert a.sentences[0].categories == ("agentless",)
    assert a.score == -1.0


def test_not_our_fault_is_denial_not_responsibility():
    a = analyse_text("This was not our fault.")
    assert a.sentences[0].categories == ("denial",)
    assert a.categories["responsibility"] == 0
    assert (a.n_ownership, a.n_blame) == (0, 1)


def test_our_fault_is_responsibility():
    a = analyse_text("This was our fault.")
    assert a.sentences[0].categories == ("responsibility",)


@pytest.mark.parametrize(
    "text", ["We are not sorry.", "We are not sorry for the changes.", "We do not apologise."]
)
def test_negated_apology_is_no_apology(text):
    a = analyse_text(text)
    assert a.categories["apology"] == 0
    assert a.score is None  # no marker at all: 0 / 0 is undefined


def test_timeline_needs_something_that_will_happen():
    assert analyse_text("Monday was a bad day.").categories["timeline"] == 0
    assert analyse_text("We will publish the report on Monday.").categories["timeline"] == 1


def test_mixed_statement_scores_one_third():
    a = analyse_text(
        "We take full responsibility. We have restored service. "
        "Some users are spreading misinformation."
    )
    assert [s.side for s in a.sentences] == ["ownership", "ownership", "blame"]
    assert a.sentences[2].categories == ("attack",)
    assert a.score == pytest.approx(1 / 3)  # (2 - 1) / (2 + 1)


def test_sentence_with_both_sides_counts_on_both():
    a = analyse_text("We apologise, but the delay was caused by our supplier.")
    assert a.sentences[0].side == "both"
    assert (a.n_ownership, a.n_blame) == (1, 1)
    assert a.score == 0.0  # (1 - 1) / (1 + 1)


# --------------------------------------------------------------------------- Norwegian


def test_norwegian_statement_blaming_a_supplier():
    a = analyse_text("Feilen skyldes en feil hos leverandøren vår. Dette var utenfor vår kontroll.")
    assert a.lang == "no"
    assert a.sentences[0].categories == ("scapegoat",)
    assert a.sentences[1].categories == ("excuse",)
    assert (a.n_ownership, a.n_blame) == (0, 2)
    assert a.score == -1.0  # (0 - 2) / (0 + 2)


def test_norwegian_statement_that_apologises_and_dates_the_fix():
    a = analyse_text(
        "Vi beklager feilen. Vi vil refundere alle berørte kunder innen fredag 13. mars."
    )
    assert a.lang == "no"
    assert a.sentences[0].categories == ("apology",)
    assert a.sentences[1].categories == ("corrective_action", "timeline")
    assert a.score == 1.0  # (2 - 0) / (2 + 0)


def test_norwegian_negations():
    denial = analyse_text("Dette var ikke vår feil.")
    assert denial.sentences[0].categories == ("denial",)
    assert denial.categories["responsibility"] == 0
    assert analyse_text("Vi beklager ikke.", lang="no").categories["apology"] == 0
    assert analyse_text("Det ble gjort feil.").sentences[0].categories == ("agentless",)
    owned = analyse_text("Vi tar fullt ansvar. Dette var vår feil.")
    assert [s.categories for s in owned.sentences] == [("responsibility",), ("responsibility",)]


def test_explicit_language_wins_over_the_guess_and_bokmal_codes_map_to_no():
    # told "en", the Norwegian apology is read with the English lexicon: no marker
    assert analyse_text("Vi beklager.", lang="en").categories["apology"] == 0
    nb = analyse_text("Sorry! Vi beklager.", lang="nb")
    assert nb.lang == "no"
    assert nb.categories["apology"] == 1


# --------------------------------------------------------------------------- lexicon


def test_lexicon_can_be_extended_from_the_parameters():
    text = "The delay came from solar flares."
    assert analyse_text(text).categories["excuse"] == 0
    lex = load_lexicon({"en": {"excuse": [r"\bsolar\s+flares?\b"]}})
    a = analyse_text(text, lexicon=lex)
    assert a.sentences[0].categories == ("excuse",)
    assert a.sentences[0].patterns == (r"\bsolar\s+flares?\b",)
    nb = load_lexicon({"nb": {"scapegoat": [r"\bvaktselskapet\b"]}})
    assert analyse_text("Det var vaktselskapet.", "no", nb).sentences[0].side == "blame"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"en": {"excuses": ["x"]}}, "unknown category 'excuses'"),
        ({"en": {"excuse": ["(unclosed"]}}, "does not compile"),
        ({"en": {"excuse": [3]}}, "regex string"),
    ],
)
def test_bad_lexicon_extensions_are_named(extra, message):
    with pytest.raises(ValueError, match=message):
        load_lexicon(extra)


# --------------------------------------------------------------------------- frames


def test_analyse_frame_one_row_per_input_row():
    df = pl.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "text": [
                "We take full responsibility. Mistakes were made.",
                "Vi beklager.",
                None,
                "We take full responsibility. Mistakes were made.",
            ],
            "language": [None, "nb", None, "en"],
        }
    )
    out = analyse_frame(df, lang_col="language")
    assert out.columns == [
        "id",
        "text",
        "language",
        "lang",
        "n_ownership",
        "n_blame",
        "score",
        "categories",
        "matched_sentences",
    ]
    assert out["id"].to_list() == [1, 2, 3, 4]
    assert out["lang"].to_list() == ["en", "no", None, "en"]
    assert out["n_ownership"].to_list() == [1, 1, 0, 1]
    assert out["n_blame"].to_list() == [1, 0, 0, 1]
    assert out["score"].to_list() == [0.0, 1.0, None, 0.0]  # (1-1)/2, (1-0)/1, none, (1-1)/2
    assert out["categories"].to_list() == [
        "responsibility,agentless",
        "apology",
        "",
        "responsibility,agentless",
    ]
    assert out["matched_sentences"].to_list()[0] == [
        "We take full responsibility.",
        "Mistakes were made.",
    ]


def test_analyse_frame_names_a_missing_column():
    with pytest.raises(ValueError, match="'body'"):
        analyse_frame(pl.DataFrame({"text": ["x"]}), text_col="body")


# --------------------------------------------------------------------------- promised updates


def test_update_by_weekday_and_time():
    [p] = promised_updates("We will post an update by Wednesday 12:00.", MONDAY)
    assert p.kind == "update"
    assert p.deadline == datetime(2026, 3, 11, 12, 0, tzinfo=OSLO)  # the next Wednesday
    assert p.deadline_text == "Wednesday 12:00"


def test_update_within_hours_is_counted_from_the_instant():
    [p] = promised_updates("Next update within 2 hours.", MONDAY)
    assert p.deadline == datetime(2026, 3, 9, 13, 20, tzinfo=OSLO)  # 11:20 + 2 h
    # across the spring-forward night (29 March 2026, 02:00 -> 03:00): 01:30 CET is
    # 00:30 UTC; + 2 h = 02:30 UTC = 04:30 CEST, not 03:30 on the wall clock
    night = datetime(2026, 3, 29, 1, 30, tzinfo=OSLO)
    [p] = promised_updates("Next update within 2 hours.", night)
    assert p.deadline.astimezone(UTC) == datetime(2026, 3, 29, 2, 30, tzinfo=UTC)
    assert (p.deadline.hour, p.deadline.minute) == (4, 30)


def test_norwegian_update_today_at_clock_time():
    [p] = promised_updates("Vi gir en ny oppdatering innen kl. 14.00 i dag.", MONDAY)
    assert p.deadline == datetime(2026, 3, 9, 14, 0, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will post an update by 6pm today.", datetime(2026, 3, 9, 18, 0, tzinfo=OSLO)),
        ("vi oppdaterer innen kl. 14", datetime(2026, 3, 9, 14, 0, tzinfo=OSLO)),
        # a time already past today is tomorrow's
        ("We will share an update at 09:00.", datetime(2026, 3, 10, 9, 0, tzinfo=OSLO)),
        # Monday + 5 working days = Monday 16 March, same clock time
        (
            "We will share more information within 5 working days.",
            datetime(2026, 3, 16, 11, 20, tzinfo=OSLO),
        ),
        # end of the week = Friday, end of day
        (
            "We will update you by the end of the week.",
            datetime(2026, 3, 13, 23, 59, tzinfo=OSLO),
        ),
        (
            "Neste oppdatering kommer i morgen kl. 09.00.",
            datetime(2026, 3, 10, 9, 0, tzinfo=OSLO),
        ),
        ("We will post an update on 2026-03-12.", datetime(2026, 3, 12, 23, 59, tzinfo=OSLO)),
        # same weekday, time still ahead: today
        ("Next update Monday 15:00.", datetime(2026, 3, 9, 15, 0, tzinfo=OSLO)),
    ],
)
def test_deadline_forms(text, expected):
    [p] = promised_updates(text, MONDAY)
    assert p.deadline == expected


def test_no_promise_without_a_deadline_or_without_a_promise():
    assert promised_updates("We will keep you posted.", MONDAY) == []
    assert promised_updates("We posted an update at 12:00.", MONDAY) == []


def test_promised_updates_needs_an_aware_time():
    with pytest.raises(ValueError, match="timezone-aware"):
        promised_updates("Next update within 2 hours.", datetime(2026, 3, 9, 11, 20))
