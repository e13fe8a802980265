"""Scoring sentiment scorers against human labels: accuracy, macro-F1, per-class precision /
recall / F1 and the confusion matrix, plus a deterministic tune / held-out split.

A *scorer* is any callable taking a ``pl.Series`` of texts and returning a ``pl.Series`` of
labels (``positive`` / ``negative`` / ``neutral``) of the same length, e.g.
``lambda t: english_label(score_english(t))``.

Definitions (the usual ones, as in scikit-learn with ``zero_division=0``):

* accuracy = correct / n, over the rows with a usable gold label and a text;
* per class c: precision = tp / (tp + fp), recall = tp / (tp + fn),
  F1 = 2·P·R / (P + R); a ratio whose denominator is 0 counts as 0;
* macro-F1 = unweighted mean of the per-class F1 over the classes that occur in the gold
  labels or in the predictions.

Gold labels are normalised case-insensitively with surrounding blanks removed, so
``Positive`` / ``NEGATIVE`` / `` neutral`` (NoReC writes them capitalised) all work; other
spellings can be mapped with ``label_map`` (e.g. ``{"pos": "positive", "-1": "negative"}``).
Rows whose label is still not one of the three, or whose text is null, are left out and
counted in ``n_excluded``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

LABELS: tuple[str, ...] = ("negative", "neutral", "positive")

Scorer = Callable[[pl.Series], pl.Series]


@dataclass(frozen=True)
class ScorerResult:
    """One scorer's figures on the evaluated rows."""

    name: str
    n: int
    accuracy: float
    macro_f1: float
    per_class: pl.DataFrame  # label, precision, recall, f1, support (gold), predicted
    confusion: pl.DataFrame  # gold label per row, one column per predicted label

    def confusion_counts(self) -> dict[tuple[str, str], int]:
        """{(gold, predicted): count} for every pair of labels."""
        out: dict[tuple[str, str], int] = {}
        for row in self.confusion.iter_rows(named=True):
            for label in LABELS:
                out[(row["gold"], label)] = int(row[label])
        return out


@dataclass(frozen=True)
class EvalResult:
    """Figures per scorer on the same rows."""

    n: int
    n_excluded: int
    gold_counts: dict[str, int]
    scorers: dict[str, ScorerResult] = field(default_factory=dict)

    def __getitem__(self, name: str) -> ScorerResult:
        return self.scorers[name]

    def summary(self) -> pl.DataFrame:
        """One row per scorer: n, accuracy, macro-F1 and the per-class F1."""
        rows = []
        for r in self.scorers.values():
            row = {"scorer": r.name, "n": r.n, "accuracy": r.accuracy, "macro_f1": r.macro_f1}
            for rec in r.per_class.iter_rows(named=True):
                row[f"f1_{rec['label']}"] = rec["f1"]
            rows.append(row)
        return pl.DataFrame(rows)

    def __str__(self) -> str:
        lines = [f"n={self.n} (excluded {self.n_excluded}); gold {self.gold_counts}"]
        for r in self.scorers.values():
            lines.append(f"{r.name}: accuracy {r.accuracy:.4f}, macro-F1 {r.macro_f1:.4f}")
            for row in r.confusion.iter_rows(named=True):
                counts = "/".join(str(row[label]) for label in LABELS)
                lines.append(f"  gold {row['gold']:<8} -> neg/neu/pos {counts}")
        return "\n".join(lines)


def normalise_labels(labels: pl.Series, label_map: Mapping[str, str] | None = None) -> pl.Series:
    """Lower-case, stripped labels; ``label_map`` (matched the same way) applied first;
    anything that is then not positive / negative / neutral becomes null."""
    s = labels.cast(pl.String).str.strip_chars().str.to_lowercase()
    if label_map:
        mapping = {str(k).strip().lower(): str(v).strip().lower() for k, v in label_map.items()}
        s = s.replace(list(mapping), list(mapping.values()))
    return pl.select(pl.when(s.is_in(LABELS)).then(s)).to_series().rename(labels.name)


def metrics(gold: pl.Series, predicted: pl.Series, name: str = "scorer") -> ScorerResult:
    """Accuracy, macro-F1, per-class figures and confusion of two label series."""
    frame = pl.DataFrame({"gold": gold.cast(pl.String), "pred": predicted.cast(pl.String)})
    n = frame.height
    counts = {
        (g, p): c for g, p, c in frame.group_by("gold", "pred").len().iter_rows() if g is not None
    }
    per_class = []
    present = []
    for label in LABELS:
        tp = counts.get((label, label), 0)
        support = sum(c for (g, _), c in counts.items() if g == label)
        predicted_n = sum(c for (_, p), c in counts.items() if p == label)
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class.append(
            {
                "label": label,
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "support": support,
                "predicted": predicted_n,
            }
        )
        if support or predicted_n:
            present.append(f1)
    correct = sum(counts.get((label, label), 0) for label in LABELS)
    confusion = pl.DataFrame(
        [{"gold": g, **{p: counts.get((g, p), 0) for p in LABELS}} for g in LABELS],
        schema={"gold": pl.String, **dict.fromkeys(LABELS, pl.Int64)},
    )
    return ScorerResult(
        name=name,
        n=n,
        accuracy=correct / n if n else 0.0,
        macro_f1=sum(present) / len(present) if present else 0.0,
        per_class=pl.DataFrame(per_class),
        confusion=confusion,
    )


def evaluate(
    df: pl.DataFrame,
    text_col: str,
    label_col: str,
    scorers: Mapping[str, Scorer],
    label_map: Mapping[str, str] | None = None,
) -> EvalResult:
    """Run every scorer on ``df[text_col]`` and compare with ``df[label_col]``."""
    gold = normalise_labels(df[label_col], label_map)
    keep = gold.is_not_null() & df[text_col].is_not_null()
    rows = df.filter(keep)
    gold = gold.filter(keep)
    texts = rows[text_col].cast(pl.String)
    results = {}
    for name, scorer in scorers.items():
        predicted = scorer(texts)
        if predicted.len() != texts.len():
            raise ValueError(f"scorer {name!r} returned {predicted.len()} labels for {texts.len()}")
        if predicted.dtype != pl.String:
            raise TypeError(
                f"scorer {name!r} must return labels (strings), not {predicted.dtype}; "
                "wrap a score function with its labeller, e.g. english_label(score_english(t))"
            )
        results[name] = metrics(gold, normalise_labels(predicted), name)
    gold_counts = {label: int((gold == label).sum()) for label in LABELS}
    return EvalResult(
        n=rows.height, n_excluded=df.height - rows.height, gold_counts=gold_counts, scorers=results
    )


def split_part(key: object) -> Literal["tune", "heldout"]:
    """The half a key belongs to: the first 8 bytes of sha256(str(key)), even -> tune."""
    digest = hashlib.sha256(str(key).encode("utf-8")).digest()
    return "tune" if int.from_bytes(digest[:8], "big") % 2 == 0 else "heldout"


def split(df: pl.DataFrame, key_col: str, part: Literal["tune", "heldout"]) -> pl.DataFrame:
    """The rows of one half of a deterministic 50/50 split by a hash of ``key_col``.

    The hash is SHA-256 of the key's text, so the split is the same on every machine, Python
    and Polars version, and rows sharing a key (duplicated tweets) fall in the same half.
    """
    if part not in ("tune", "heldout"):
        raise ValueError(f"part must be 'tune' or 'heldout', not {part!r}")
    keys = df[key_col].cast(pl.String)
    distinct = keys.drop_nulls().unique()
    parts = pl.Series([split_part(k) for k in distinct.to_list()], dtype=pl.String)
    which = keys.replace_strict(distinct, parts, default=None, return_dtype=pl.String)
    return df.filter(which == part)  # a null key belongs to neither half


def main(argv: list[str] | None = None) -> int:
    """``python -m toolkit.scoring.evaluate FILE.csv``: the English scorer against VADER on
    both halves of a labelled CSV (defaults fit the airline tweets' Tweets.csv)."""
    import argparse

    from toolkit.scoring import (
        ENGLISH_SCORER_NAME,
        VADER_THRESHOLDS,
        english_label,
        score_english,
        vader_reference,
    )

    ap = argparse.ArgumentParser(
        prog="python -m toolkit.scoring.evaluate", description=main.__doc__
    )
    ap.add_argument("csv")
    ap.add_argument("--text", default="text")
    ap.add_argument("--label", default="airline_sentiment")
    ap.add_argument("--key", default="tweet_id", help="column the 50/50 split hashes")
    args = ap.parse_args(argv)
    df = pl.read_csv(args.csv, infer_schema_length=0)
    scorers: dict[str, Scorer] = {
        "english": lambda t: english_label(score_english(t)),
        "vader": lambda t: english_label(vader_reference(t), VADER_THRESHOLDS),
    }
    print(ENGLISH_SCORER_NAME)
    for part in ("tune", "heldout"):
        result = evaluate(split(df, args.key, part), args.text, args.label, scorers)
        print(f"\n== {part} half ==\n{result}")
        with pl.Config(tbl_hide_dataframe_shape=True, float_precision=4):
            print(result.summary())
            for name, r in result.scorers.items():
                print(name)
                print(r.per_class)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
