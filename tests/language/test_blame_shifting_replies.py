"""Blame-shifting as brand agents really write it in replies (the demo's ten cases)."""

from __future__ import annotations

import pytest

from toolkit.language import analyse_text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The fault is in our network vendor's software, so it's out of our hands.", "scapegoat"),
        ("The fault is in our network vendor's software, so it's out of our hands.", "excuse"),
        ("The double charge was made by our payment provider, not Fjordnett.", "scapegoat"),
        ("This was caused by our supplier's equipment, not us.", "scapegoat"),
        ("It's not as bad as it's being made out to be.", "denial"),
        ("Most customers were only affected for a few hours.", "denial"),
        ("If you had checked our status page you would have seen it.", "attack"),
        ("Feilen ligger hos leverandøren, ikke oss.", "scapegoat"),
        ("Hvis du hadde sjekket statussiden, ville du visst det.", "attack"),
        ("Dette er ute av våre hender.", "excuse"),
        ("Det er ikke så ille som det blir fremstilt.", "denial"),
    ],
)
def test_blame_marker_found(text, category):
    a = analyse_text(text)
    assert a.n_blame == 1 and a.n_ownership == 0, a
    assert a.categories[category] == 1


def test_an_owning_reply_has_no_blame():
    a = analyse_text("We're sorry, this was our mistake. Refunds will be paid by Monday 16 March.")
    # sentence 1: apology + responsibility; sentence 2: corrective action with a timeline
    assert (a.n_ownership, a.n_blame, a.score) == (2, 0, 1.0)
