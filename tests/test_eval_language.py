"""`crisis eval-language`: per-text markers, matched sentences and score for any CSV."""

from __future__ import annotations

import polars as pl

from toolkit.cli import main


def test_eval_language_writes_markers_per_text(tmp_path, capsys):
    src = tmp_path / "statements.csv"
    pl.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "body": [
                "We are sorry. We will refund everyone by Friday.",
                "The outage was caused by our supplier.",
                "Vi beklager. Dette var vår feil.",
                "Thanks for your message!",
            ],
        }
    ).write_csv(src)
    out = tmp_path / "scored.csv"
    assert main(["eval-language", str(src), "--text", "body", "-o", str(out)]) == 0
    df = pl.read_csv(out)
    rows = {r["id"]: r for r in df.iter_rows(named=True)}
    assert (rows["a"]["n_ownership"], rows["a"]["n_blame"], rows["a"]["score"]) == (2, 0, 1.0)
    assert (rows["b"]["n_ownership"], rows["b"]["n_blame"], rows["b"]["score"]) == (0, 1, -1.0)
    assert "scapegoat" in rows["b"]["categories"]
    assert "supplier" in rows["b"]["matched_sentences"]
    assert rows["c"]["lang"] == "no" and rows["c"]["score"] == 1.0
    assert rows["d"]["score"] is None  # no marker: no score, not a zero
    assert rows["b"]["reply_kind"] == "substantive"  # an explanation, whatever its merit
    printed = capsys.readouterr().out
    assert "4 texts analysed" in printed


def test_eval_language_names_a_missing_column(tmp_path, capsys):
    src = tmp_path / "x.csv"
    src.write_text("id,text\n1,hello\n")
    assert main(["eval-language", str(src), "--text", "body"]) == 2
    assert "`body`" in capsys.readouterr().err
