from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from toolkit.measures import sentiment as sm
from toolkit.model import mentions_frame

OSLO = ZoneInfo("Europe/Oslo")


class CountingAnalyzer:
    """Stands in for VADER: compound = len(text) / 100, and counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def polarity_scores(self, text: str) -> dict[str, float]:
        self.calls.append(text)
        return {"compound": len(text) / 100}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> CountingAnalyzer:
    analyzer = CountingAnalyzer()
    monkeypatch.setattr(sm, "_analyzer", lambda: analyzer)
    return analyzer


def with_sentiment(rows: list[dict], scores: list[float | None]) -> pl.DataFrame:
    return mentions_frame(rows).with_columns(pl.Series("sentiment", scores, dtype=pl.Float64))


def test_vader_signs_on_obvious_texts() -> None:
    out = sm.vader_scores(
        pl.Series(["I love this, it is great!", "This is terrible and awful.", None])
    )
    assert out.dtype == pl.Float64
    assert out[0] > 0.05
    assert out[1] < -0.05
    assert out[2] is None


def test_vader_scores_each_distinct_text_once(fake: CountingAnalyzer) -> None:
    out = sm.vader_scores(pl.Series("t", ["abcd", "ab", "abcd", None, "abcd"]))
    # 2 distinct non-null texts -> 2 calls, mapped back to all 5 rows.
    assert sorted(fake.calls) == ["ab", "abcd"]
    assert out.to_list() == [0.04, 0.02, 0.04, None, 0.04]
    assert out.name == "t"


def _three_rows() -> pl.DataFrame:
    return mentions_frame(
        [
            {
                "mention_id": "1",
                "author_id": "a",
                "created_at": datetime(2024, 1, 1),
                "text": "abcde",
                "sentiment_export": -0.5,
            },
            {
                "mention_id": "2",
                "author_id": "b",
                "created_at": datetime(2024, 1, 1),
                "text": "abc",
            },
            {
                "mention_id": "3",
                "author_id": "c",
                "created_at": datetime(2024, 1, 1),
                "text": "abc",
            },
        ]
    )


def _languages() -> pl.DataFrame:
    texts = [
        ("1", "whatever the text", -0.5),  # the export's own score wins
        ("2", "@FjordAir my flight is delayed again and nobody answers. Worst airline.", None),
        ("3", "Mobilnettet er nede igjen og kundeservice svarer ikke. Elendig!", None),
        ("4", "El servicio es terrible y nadie responde a mis mensajes.", None),
        ("5", "ok", None),
    ]
    return mentions_frame(
        [
            {
                "mention_id": i,
                "author_id": "a",
                "created_at": datetime(2024, 1, 1),
                "text": t,
                "sentiment_export": e,
            }
            for i, t, e in texts
        ]
    )


def test_auto_uses_export_then_the_scorer_of_each_language(fake: CountingAnalyzer) -> None:
    out, info = sm.assign_sentiment(_languages(), "auto")
    assert out["sentiment_source"].to_list() == ["export", "builtin-en", "builtin-no", None, None]
    assert out["sentiment_lang"].to_list()[1:4] == ["en", "no", "es"]
    s = out["sentiment"].to_list()
    assert s[0] == -0.5 and s[1] <= -0.05 and s[2] <= -0.05  # two bitter complaints
    assert s[3] is None and s[4] is None  # Spanish and a too-short post: not scored
    assert fake.calls == []  # plain VADER is only the baseline mode
    assert (info.n_from_export, info.n_builtin_en, info.n_builtin_no, info.n_unscored) == (
        1,
        1,
        1,
        2,
    )
    assert info.unscored_by_language == {"es": 1, "unknown": 1}
    assert "crisis-en" in info.scorer and "Norwegian" in info.scorer


def test_builtin_ignores_the_export() -> None:
    out, info = sm.assign_sentiment(_languages(), "builtin")
    assert out["sentiment_source"][0] == "builtin-en"  # English text, export ignored
    assert out["sentiment"][0] != -0.5
    assert info.n_from_export == 0


def test_export_mode_leaves_rows_without_export_unscored(fake: CountingAnalyzer) -> None:
    out, info = sm.assign_sentiment(_three_rows().lazy(), "export")
    assert out["sentiment"].to_list() == [-0.5, None, None]
    assert out["sentiment_source"].to_list() == ["export", None, None]
    assert fake.calls == []
    assert (info.n_from_export, info.n_vader, info.n_unscored) == (1, 0, 2)


def test_vader_mode_ignores_export(fake: CountingAnalyzer) -> None:
    out, info = sm.assign_sentiment(_three_rows(), "vader")
    assert out["sentiment"].to_list() == [0.05, 0.03, 0.03]
    assert (info.n_from_export, info.n_vader, info.n_unscored) == (0, 3, 0)
    assert info.scorer.startswith("VADER 3.3.2 compound")


def test_unknown_scorer_is_rejected() -> None:
    with pytest.raises(ValueError, match="scorer"):
        sm.assign_sentiment(_three_rows(), "magic")  # type: ignore[arg-type]


def test_label_expr_boundaries() -> None:
    df = pl.DataFrame({"sentiment": [0.05, 0.0499, -0.05, -0.0499, None]})
    got = df.select(sm.label_expr())["sentiment_label"].to_list()
    assert got == ["positive", "neutral", "negative", "neutral", None]


def test_net_sentiment_empty_period_and_zero_denominator() -> None:
    d1, d3 = datetime(2024, 1, 1, 9), datetime(2024, 1, 3, 9)
    rows = [
        {"mention_id": "1", "author_id": "a", "created_at": d1},
        {"mention_id": "2", "author_id": "a", "created_at": d1},
        {"mention_id": "3", "author_id": "a", "created_at": d1},
        {"mention_id": "4", "author_id": "a", "created_at": d1},
        {"mention_id": "5", "author_id": "a", "created_at": d1},
        # not customer voice: a brand post and a share, both negative
        {"mention_id": "6", "author_id": "x", "created_at": d1, "is_brand": True},
        {"mention_id": "7", "author_id": "a", "created_at": d1, "kind": "share"},
        # day 2: nothing; day 3: two neutral posts
        {"mention_id": "8", "author_id": "a", "created_at": d3},
        {"mention_id": "9", "author_id": "a", "created_at": d3},
    ]
    scores = [0.6, 0.2, -0.7, 0.0, None, -0.9, -0.9, 0.01, -0.01]
    out = sm.net_sentiment(with_sentiment(rows, scores))
    assert out["period_start"].to_list() == [
        datetime(2024, 1, 1, tzinfo=ZoneInfo("UTC")),
        datetime(2024, 1, 2, tzinfo=ZoneInfo("UTC")),
        datetime(2024, 1, 3, tzinfo=ZoneInfo("UTC")),
    ]
    # Day 1: 5 customer posts (one unscored), 2 positive, 1 negative, 1 neutral
    # -> net = (2 - 1) / (2 + 1) = 1/3.  Day 2 empty.  Day 3: 0 polar posts -> null.
    assert out["n_posts"].to_list() == [5, 0, 2]
    assert out["n_positive"].to_list() == [2, 0, 0]
    assert out["n_negative"].to_list() == [1, 0, 0]
    assert out["n_neutral"].to_list() == [1, 0, 2]
    assert out["net"][0] == pytest.approx(1 / 3)
    assert out["net"][1] is None
    assert out["net"][2] is None


def test_net_sentiment_oslo_days_cross_utc_midnight() -> None:
    rows = [
        # 22:30 UTC = 23:30 CET on 10 January
        {"mention_id": "1", "author_id": "a", "created_at": datetime(2024, 1, 10, 22, 30)},
        # 23:30 UTC = 00:30 CET on 11 January: the next local day
        {"mention_id": "2", "author_id": "a", "created_at": datetime(2024, 1, 10, 23, 30)},
    ]
    out = sm.net_sentiment(with_sentiment(rows, [0.5, -0.5]), tz="Europe/Oslo")
    assert out.schema["period_start"] == pl.Datetime("us", "Europe/Oslo")
    assert out["period_start"].to_list() == [
        datetime(2024, 1, 10, tzinfo=OSLO),
        datetime(2024, 1, 11, tzinfo=OSLO),
    ]
    assert out["n_positive"].to_list() == [1, 0]
    assert out["n_negative"].to_list() == [0, 1]
    assert out["net"].to_list() == [1.0, -1.0]


def test_net_sentiment_start_end_extend_the_grid() -> None:
    rows = [{"mention_id": "1", "author_id": "a", "created_at": datetime(2024, 1, 2, 12)}]
    out = sm.net_sentiment(
        with_sentiment(rows, [-0.5]),
        start=datetime(2024, 1, 1, 5),
        end=datetime(2024, 1, 3, 5),
    )
    # 1, 2 and 3 January; only the 2nd has a post.
    assert out["n_posts"].to_list() == [0, 1, 0]
    assert out["net"].to_list() == [None, -1.0, None]


def test_net_sentiment_of_nothing_is_an_empty_frame() -> None:
    out = sm.net_sentiment(with_sentiment([], []))
    assert out.height == 0
    assert out.columns == [
        "period_start",
        "n_posts",
        "n_positive",
        "n_negative",
        "n_neutral",
        "net",
    ]
