"""Metrics of toolkit.scoring.evaluate on a tiny confusion matrix worked out by hand.

Ten texts, gold vs predicted:

    gold      pos pos pos neg neg neu neu neu neg pos
    predicted pos neg pos neg neu neu pos neu neg neu

Confusion (rows gold, columns predicted neg / neu / pos):

    negative   2  1  0    support 3
    neutral    0  2  1    support 3
    positive   1  1  2    support 4
    predicted  3  4  3

accuracy = (2 + 2 + 2) / 10 = 0.6
negative: P = 2/3, R = 2/3, F1 = 2/3
neutral:  P = 2/4, R = 2/3, F1 = 2·(1/2)(2/3) / (1/2 + 2/3) = 4/7
positive: P = 2/3, R = 2/4, F1 = 2·(2/3)(1/2) / (2/3 + 1/2) = 4/7
macro-F1 = (2/3 + 4/7 + 4/7) / 3 = 38/63
"""

from __future__ import annotations

import polars as pl
import pytest

from toolkit.scoring.evaluate import evaluate, metrics, normalise_labels, split, split_part

GOLD = ["positive", "positive", "positive", "negative", "negative"]
GOLD += ["neutral", "neutral", "neutral", "negative", "positive"]
PRED = ["positive", "negative", "positive", "negative", "neutral"]
PRED += ["neutral", "positive", "neutral", "negative", "neutral"]


def test_metrics_by_hand() -> None:
    r = metrics(pl.Series(GOLD), pl.Series(PRED), "toy")
    assert r.n == 10
    assert r.accuracy == pytest.approx(0.6)
    assert r.macro_f1 == pytest.approx(38 / 63)
    per = {row["label"]: row for row in r.per_class.iter_rows(named=True)}
    assert per["negative"]["precision"] == pytest.approx(2 / 3)
    assert per["negative"]["recall"] == pytest.approx(2 / 3)
    assert per["negative"]["f1"] == pytest.approx(2 / 3)
    assert per["neutral"]["precision"] == pytest.approx(1 / 2)
    assert per["neutral"]["recall"] == pytest.approx(2 / 3)
    assert per["neutral"]["f1"] == pytest.approx(4 / 7)
    assert per["positive"]["precision"] == pytest.approx(2 / 3)
    assert per["positive"]["recall"] == pytest.approx(1 / 2)
    assert per["positive"]["f1"] == pytest.approx(4 / 7)
    assert [per[c]["support"] for c in ("negative", "neutral", "positive")] == [3, 3, 4]
    assert [per[c]["predicted"] for c in ("negative", "neutral", "positive")] == [3, 4, 3]
    assert r.confusion.rows() == [
        ("negative", 2, 1, 0),
        ("neutral", 0, 2, 1),
        ("positive", 1, 1, 2),
    ]
    assert r.confusion_counts()[("positive", "negative")] == 1


def test_a_class_never_predicted_has_precision_zero() -> None:
    r = metrics(pl.Series(["positive", "negative"]), pl.Series(["negative", "negative"]))
    per = {row["label"]: row for row in r.per_class.iter_rows(named=True)}
    assert per["positive"]["precision"] == 0.0
    assert per["positive"]["f1"] == 0.0
    assert per["negative"]["precision"] == 0.5
    assert per["negative"]["f1"] == pytest.approx(2 / 3)  # P 1/2, R 1
    # neutral occurs nowhere, so the macro-F1 averages two classes
    assert r.macro_f1 == pytest.approx((0 + 2 / 3) / 2)


def test_label_normalisation() -> None:
    raw = pl.Series("l", ["Positive", " NEGATIVE ", "Neutral", "neutral", "mixed", None, "pos"])
    assert normalise_labels(raw).to_list() == [
        "positive",
        "negative",
        "neutral",
        "neutral",
        None,
        None,
        None,
    ]
    mapped = normalise_labels(raw, {"POS": "Positive", "mixed": "neutral"})
    assert mapped.to_list()[-3:] == ["neutral", None, "positive"]


def test_evaluate_runs_every_scorer_on_the_same_rows() -> None:
    df = pl.DataFrame(
        {
            "text": [f"t{i}" for i in range(10)] + [None, "t11"],
            "label": [g.capitalize() for g in GOLD] + ["Positive", "unknown"],
        }
    )
    lookup = dict(zip([f"t{i}" for i in range(10)], PRED, strict=True))
    result = evaluate(
        df,
        "text",
        "label",
        {
            "toy": lambda t: t.replace_strict(lookup, return_dtype=pl.String),
            "all_negative": lambda t: pl.Series(["negative"] * t.len()),
        },
    )
    assert result.n == 10
    assert result.n_excluded == 2  # the null text and the unknown label
    assert result.gold_counts == {"negative": 3, "neutral": 3, "positive": 4}
    assert result["toy"].accuracy == pytest.approx(0.6)
    assert result["all_negative"].accuracy == pytest.approx(0.3)
    summary = result.summary()
    assert summary["scorer"].to_list() == ["toy", "all_negative"]
    assert "macro-F1" in str(result)


def test_evaluate_wants_labels_not_scores() -> None:
    df = pl.DataFrame({"text": ["a"], "label": ["positive"]})
    with pytest.raises(TypeError, match="labels"):
        evaluate(df, "text", "label", {"raw": lambda t: pl.Series([0.5])})


def test_split_is_deterministic_disjoint_and_balanced() -> None:
    keys = [str(570306133677760513 + 7919 * i) for i in range(2000)] + ["dup", "dup", None]
    df = pl.DataFrame({"key": keys, "row": range(len(keys))})
    tune, held = split(df, "key", "tune"), split(df, "key", "heldout")
    assert tune.height + held.height == len(keys) - 1  # the null key is in neither half
    assert set(tune["row"]).isdisjoint(held["row"])
    assert 900 < tune.height < 1100
    # duplicated keys fall in the same half
    dup_part = split_part("dup")
    assert (tune if dup_part == "tune" else held).filter(pl.col("key") == "dup").height == 2
    # the same on every run and machine: SHA-256 of the key text (values fixed once, here)
    assert split_part("570306133677760513") == split_part(570306133677760513) == "tune"
    assert split_part("570301083672813571") == "heldout"
    assert split(df, "key", "tune").equals(tune)
    with pytest.raises(ValueError, match="part"):
        split(df, "key", "train")  # type: ignore[arg-type]
