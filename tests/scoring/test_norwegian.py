"""Norwegian sentiment scorer: hand-worked cases, word-list loading, and NoReC figures.

Expected scores are worked out by hand from the lexicon ratings and the rules in
toolkit/scoring/norwegian.py: S = sum of (rating x modifiers x negation), then
S / sqrt(S^2 + 15). E.g. "bra" is rated 2.2, so "Dette er bra" scores 2.2 / sqrt(2.2^2 + 15).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import polars as pl
import pytest

from toolkit.scoring.norwegian import (
    BUILTIN_STOPLIST,
    NORWEGIAN_SCORER_NAME,
    NORWEGIAN_THRESHOLDS,
    Thresholds,
    builtin_lexicon,
    load_wordlist_lexicon,
    norwegian_label,
    norwegian_scorer_name,
    score_norwegian,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
NOREC = DATA / "norec_sentence" / "3class"
NORSENTLEX = DATA / "norsentlex" / "Fullform"


def norm(s: float) -> float:
    """VADER's normalisation, as the scorer applies it."""
    return s / math.sqrt(s * s + 15.0)


def score(text: str | None, extra: pl.DataFrame | None = None) -> float | None:
    return score_norwegian(pl.Series("t", [text], dtype=pl.String), extra)[0]


# ---------------------------------------------------------------------------------------
# Hand-worked cases
# ---------------------------------------------------------------------------------------

BRA, DARLIG, FORNOYD = 2.2, -2.5, 2.2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dette er bra", norm(BRA)),
        ("dette er BRA", norm(BRA)),  # case does not matter
        ("Appen er dårlig", norm(DARLIG)),
        # negation: a negated positive word turns clearly negative (x -0.75) ...
        ("ikke bra", norm(BRA * -0.75)),
        ("Jeg er ikke fornøyd", norm(FORNOYD * -0.75)),
        # ... a negated negative word only mildly positive (x -0.3): faint praise
        ("ikke dårlig", norm(DARLIG * -0.3)),
        # negation up to three words back: "ikke særlig god" (særlig is no modifier)
        ("Den var ikke særlig god", norm(1.9 * -0.75)),
        # Norwegian puts the negation after the verb
        ("Jeg anbefaler ikke dette", norm(2.2 * -0.75)),
        ("Anbefaler jeg ikke", norm(2.2 * -0.75)),
        # "ikke noe bra": "noe" after a negator is not a dampener
        ("ikke noe bra", norm(BRA * -0.75)),
        # not a negation: "ikke sant", "ikke bare"
        ("ikke sant, bra", norm(BRA)),
        ("ikke bare bra", norm(BRA)),
        # the clause ends at a comma: "ikke" does not reach "bra"
        ("ikke nå, bra", norm(BRA)),
        # intensifiers and dampeners
        ("veldig bra", norm(BRA * 1.3)),
        ("svært dårlig", norm(DARLIG * 1.3)),
        ("litt bra", norm(BRA * 0.7)),
        ("ganske dårlig", norm(DARLIG * 0.7)),
        ("ikke så bra", norm(BRA * 1.3 * -0.75)),
        # compounds: intensifying prefix, u- prefix, crisis head noun
        ("kjempebra", norm(BRA * 1.3)),
        ("superfornøyd", norm(FORNOYD * 1.3)),
        ("drittdårlig", norm(DARLIG * 1.3)),
        ("uhjelpsom", norm(2.2 * -0.8)),
        ("togforsinkelse igjen", norm(-2.0)),
        # phrases (rated as a whole; their words are not read again)
        ("de svarer ikke", norm(-2.3)),
        ("dobbelt trukket", norm(-2.8)),
        ("aldri igjen", norm(-3.0)),
        ("takk for ingenting", norm(-2.5)),
        ("tusen takk", norm(2.5)),
        ("ikke verst", norm(1.5)),
        # "aldri ... igjen" in one clause
        ("Jeg flyr aldri med dere igjen", norm(-2.5)),
        # "aldri så god" is praise (never so good), not negation
        ("aldri så bra", norm(BRA * 1.3)),
        # "men": before x0.5, after x1.5
        ("bra, men elendig service", norm(BRA * 0.5 - 3.2 * 1.5)),
        # exclamation marks push 0.292 each away from zero (at most 4)
        ("bra!!", norm(BRA + 2 * 0.292)),
        ("bra!!!!!!!", norm(BRA + 4 * 0.292)),
        # emoji and emoticons
        ("😡", norm(-3.0)),
        ("Flyet lander 👍", norm(2.2)),
        ("forsinket igjen :(", norm(-2.0 - 2.0)),
        # inflected and nynorsk forms
        ("dårlige svar", norm(DARLIG)),
        ("Det var dårleg", norm(DARLIG)),
        ("skuffa", norm(-2.3)),
        # crisis vocabulary
        ("Flyet ble kansellert", norm(-2.3)),
        ("Nettet er nede", norm(-2.3)),  # "er nede" is a phrase
        # nothing rated: neutral 0
        ("Flyet lander klokka 12", 0.0),
        ("", 0.0),
    ],
)
def test_hand_worked_scores(text: str, expected: float) -> None:
    assert score(text) == pytest.approx(expected, abs=1e-9)


def test_negation_shapes() -> None:
    """The shapes the brief asks for, independent of exact ratings."""
    s = dict(
        zip(
            ["bra", "ikke bra", "ikke dårlig", "dårlig", "veldig bra", "litt bra"],
            score_norwegian(
                pl.Series(["bra", "ikke bra", "ikke dårlig", "dårlig", "veldig bra", "litt bra"])
            ).to_list(),
            strict=True,
        )
    )
    assert s["ikke bra"] < -0.05  # "not good" is negative
    assert 0 < s["ikke dårlig"] < s["bra"] / 2  # "not bad" is faint praise
    assert s["dårlig"] < s["ikke bra"] < 0
    assert s["veldig bra"] > s["bra"] > s["litt bra"] > 0


def test_labels_of_examples() -> None:
    texts = pl.Series(
        [
            "Tusen takk for rask hjelp!",
            "Elendig kundeservice, jeg har ventet i to timer",
            "Dere svarer ikke på meldinger 😡",
            "Ble dobbelt trukket for billetten",
            "Appen er nede igjen",
            "Jeg vil ha refusjon nå",
            "Toget går klokka åtte",
            "Superfornøyd med løsningen 😍",
            "Skandale! Aldri mer",
            "Ikke dårlig, men kunne vært bedre",
        ]
    )
    labels = norwegian_label(score_norwegian(texts)).to_list()
    assert labels == [
        "positive",
        "negative",
        "negative",
        "negative",
        "negative",
        "negative",
        "neutral",
        "positive",
        "negative",
        "positive",
    ]


def test_null_empty_order_name_and_duplicates() -> None:
    texts = pl.Series("body", ["bra", None, "dårlig", "bra", "", None, "bra"])
    out = score_norwegian(texts)
    assert out.name == "body"
    assert out.dtype == pl.Float64
    assert out.len() == texts.len()
    v = out.to_list()
    assert v[1] is None and v[5] is None
    assert v[0] == v[3] == v[6] == pytest.approx(norm(BRA))
    assert v[2] == pytest.approx(norm(DARLIG))
    assert v[4] == 0.0
    assert out.drop_nulls().is_between(-1.0, 1.0).all()
    assert score_norwegian(pl.Series("e", [], dtype=pl.String)).len() == 0
    assert score_norwegian(pl.Series("n", [None, None], dtype=pl.String)).null_count() == 2


def test_scores_stay_in_range_for_extreme_texts() -> None:
    texts = pl.Series(["elendig " * 200, "fantastisk " * 200 + "!!!!!!", "😡" * 50])
    out = score_norwegian(texts)
    assert out.is_between(-1.0, 1.0).all()
    assert out[0] < -0.99 and out[1] > 0.99


def test_norwegian_label_thresholds() -> None:
    scores = pl.Series("s", [0.5, 0.05, 0.0499, -0.0499, -0.05, -0.5, None])
    assert Thresholds(negative=-0.05, positive=0.05) == NORWEGIAN_THRESHOLDS
    assert norwegian_label(scores).to_list() == [
        "positive",
        "positive",
        "neutral",
        "neutral",
        "negative",
        "negative",
        None,
    ]
    wide = Thresholds(negative=-0.3, positive=0.3)
    assert norwegian_label(scores, wide).to_list()[:2] == ["positive", "neutral"]
    assert norwegian_label(scores).name == "s"


def test_builtin_lexicon_shape() -> None:
    lex = builtin_lexicon()
    assert lex.columns == ["term", "valence", "source"]
    assert lex["term"].n_unique() == lex.height
    assert lex["valence"].is_between(-4.0, 4.0).all()
    assert lex.height > 1000  # a few hundred entries, with their inflected forms
    terms = set(lex["term"].to_list())
    for required in [
        "bra",
        "dårlig",
        "elendig",
        "fantastisk",
        "skuffet",
        "sint",
        "forsinket",
        "kansellert",
        "nede",
        "brudd",
        "feil",
        "dobbelt trukket",
        "refusjon",
        "ventet",
        "svarer ikke",
        "kundeservice",
        "beklager",
        "takk",
        "utmerket",
        "anbefaler",
        "aldri igjen",
        "skandale",
        "latterlig",
        "😡",
    ]:
        assert required in terms, required
    # modifiers and negators carry no rating of their own
    for modifier in ["ikke", "veldig", "litt", "ganske", "aldri", "ingen"]:
        assert modifier not in terms
    assert "built-in Norwegian lexicon" in NORWEGIAN_SCORER_NAME


# ---------------------------------------------------------------------------------------
# User word lists
# ---------------------------------------------------------------------------------------


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_wordlist_lexicon(tmp_path: Path) -> None:
    pos = _write(tmp_path / "pos.txt", ["# positive", "Nydelig", "  smaskens ", "", "hei", "få"])
    neg = _write(tmp_path / "neg.txt", ["nedlatende", "seg", "så", "smaskens", "elendig service"])
    lex = load_wordlist_lexicon(pos, neg)
    got = dict(zip(lex["term"].to_list(), lex["valence"].to_list(), strict=True))
    # comments and blanks skipped, lower-cased and stripped; the stop-list drops "hei",
    # "få", "seg", "så"; "smaskens" is in both lists and cancels; phrases are kept
    assert got == {"nydelig": 0.5, "nedlatende": -0.5, "elendig service": -0.5}
    assert lex["source"].unique().to_list() == ["pos.txt + neg.txt"]
    assert not lex["override"].any()
    assert {"seg", "så", "man", "far", "få", "mot", "hei"} <= BUILTIN_STOPLIST

    # no stop-list: the homographs stay
    raw = load_wordlist_lexicon(pos, neg, stoplist=())
    assert {"hei", "få", "seg", "så"} <= set(raw["term"].to_list())
    # custom valences
    strong = load_wordlist_lexicon(pos, neg, positive_valence=2.0, negative_valence=-3.0)
    assert dict(zip(strong["term"], strong["valence"], strict=True))["nedlatende"] == -3.0


def test_stoplist_keeps_homographs_from_scoring(tmp_path: Path) -> None:
    pos = _write(tmp_path / "p.txt", ["få", "mot", "hei"])
    neg = _write(tmp_path / "n.txt", ["seg", "så", "man", "far"])
    text = "Hei, så man får se hva far gjør mot seg"
    assert score(text, load_wordlist_lexicon(pos, neg)) == 0.0
    unfiltered = load_wordlist_lexicon(pos, neg, stoplist=())
    assert score(text, unfiltered) != 0.0


def test_wordlist_adds_words_and_does_not_override_builtin(tmp_path: Path) -> None:
    pos = _write(tmp_path / "p.txt", ["smaskens"])
    neg = _write(tmp_path / "n.txt", ["nedlatende", "bra"])
    lex = load_wordlist_lexicon(pos, neg)
    assert score("nedlatende svar") == 0.0  # unknown to the built-in lexicon
    assert score("nedlatende svar", lex) == pytest.approx(norm(-0.5))
    assert score("smaskens", lex) == pytest.approx(norm(0.5))
    assert score("ikke smaskens", lex) == pytest.approx(norm(0.5 * -0.75))
    # a word list cannot turn the built-in "bra" around: it only fills gaps
    assert score("bra", lex) == pytest.approx(norm(BRA))
    assert "p.txt + n.txt" in norwegian_scorer_name(lex)
    assert norwegian_scorer_name(None) == NORWEGIAN_SCORER_NAME


def test_explicit_extra_lexicon_overrides_builtin() -> None:
    extra = pl.DataFrame(
        {"term": ["bra", "helt konge", "Nedlatende"], "valence": [-1.0, 3.0, -2.0]}
    )
    assert score("bra", extra) == pytest.approx(norm(-1.0))
    assert score("det er helt konge", extra) == pytest.approx(norm(3.0))
    assert score("nedlatende", extra) == pytest.approx(norm(-2.0))
    with pytest.raises(ValueError, match="valence"):
        score_norwegian(pl.Series(["bra"]), pl.DataFrame({"term": ["bra"]}))


# ---------------------------------------------------------------------------------------
# Real data: NoReC sentence-level test split
# ---------------------------------------------------------------------------------------


def _macro_f1(gold: list[str], pred: list[str]) -> tuple[float, float]:
    labels = ["positive", "negative", "neutral"]
    f1s = []
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    return acc, sum(f1s) / len(f1s)


@pytest.mark.realdata
def test_norec_test_macro_f1() -> None:
    files = [
        NOREC / "test.json",
        NORSENTLEX / "Fullform_Positive_lexicon.txt",
        NORSENTLEX / "Fullform_Negative_lexicon.txt",
    ]
    for f in files:
        if not f.is_file():
            pytest.skip(f"real data file {f} is absent (it lives beside the project only)")
    rows = json.loads(files[0].read_text(encoding="utf-8"))
    texts = pl.Series("text", [r["text"] for r in rows])
    gold = [r["label"].lower() for r in rows]

    builtin = _macro_f1(gold, norwegian_label(score_norwegian(texts)).to_list())
    nsl = load_wordlist_lexicon(files[1], files[2])
    with_nsl = _macro_f1(gold, norwegian_label(score_norwegian(texts, nsl)).to_list())

    # the reference: plain count over NorSentLex full forms, computed in the same run
    pos = set(files[1].read_text(encoding="utf-8").split())
    neg = set(files[2].read_text(encoding="utf-8").split())
    plain_pred = []
    for t in texts:
        s = sum((w in pos) - (w in neg) for w in t.lower().split())
        plain_pred.append("positive" if s > 0 else "negative" if s < 0 else "neutral")
    plain = _macro_f1(gold, plain_pred)

    print(
        f"\nNoReC test (n={len(gold)}): built-in acc {builtin[0]:.3f} macro-F1 {builtin[1]:.3f}; "
        f"+ NorSentLex acc {with_nsl[0]:.3f} macro-F1 {with_nsl[1]:.3f}; "
        f"plain NorSentLex count acc {plain[0]:.3f} macro-F1 {plain[1]:.3f}"
    )
    assert plain[1] == pytest.approx(0.4776, abs=5e-4)  # SOURCE.md's reference figure
    assert plain[0] == pytest.approx(0.5064, abs=5e-4)
    assert with_nsl[1] > 0.50 > plain[1]
    assert builtin[1] > 0.50
