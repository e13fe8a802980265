"""`crisis eval-sentiment`: the built-in scorer next to plain VADER on labelled texts."""

from __future__ import annotations

import json

import polars as pl

from toolkit.cli import main


def test_eval_sentiment_prints_both_scorers(tmp_path, capsys):
    src = tmp_path / "labelled.csv"
    pl.DataFrame(
        {
            "id": [str(i) for i in range(6)],
            "tweet": [
                "@FjordAir flight delayed 3 hours and still no update. Unacceptable.",
                "@FjordAir thanks, the crew was wonderful today!",
                "@FjordAir what time does boarding start?",
                "@FjordAir lost my bag again, nobody answers the phone",
                "@FjordAir great, another cancelled flight. thanks for nothing",
                "@FjordAir love the new app, check-in took a minute",
            ],
            "gold": ["negative", "positive", "neutral", "negative", "negative", "positive"],
        }
    ).write_csv(src)
    assert main(["eval-sentiment", str(src), "--text", "tweet", "--label", "gold"]) == 0
    out = capsys.readouterr().out
    assert "built-in: accuracy" in out and "plain VADER: accuracy" in out
    built_in = float(out.split("built-in: accuracy ")[1].split(",")[0])
    assert built_in >= 5 / 6  # at most the question may land elsewhere


def test_eval_sentiment_reads_norec_style_json_and_names_bad_columns(tmp_path, capsys):
    src = tmp_path / "s.json"
    src.write_text(
        json.dumps(
            [
                {"sent_id": "1", "text": "Dette er en elendig tjeneste .", "label": "Negative"},
                {"sent_id": "2", "text": "Fantastisk god service !", "label": "Positive"},
            ]
        )
    )
    assert (
        main(["eval-sentiment", str(src), "--text", "text", "--label", "label", "--lang", "no"])
        == 0
    )
    assert "built-in: accuracy 1.0000" in capsys.readouterr().out
    assert main(["eval-sentiment", str(src), "--text", "body", "--label", "label"]) == 2
    assert "`body`" in capsys.readouterr().err
