"""The ``crisis`` command.

Exit status (documented in the README, relied on by CI jobs):
0 = report written; 2 = parameters or inputs invalid (nothing was run);
1 = the run failed (the partly executed notebook is kept, its path printed);
3 = another run is writing the same output folder (nothing was touched).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.loaders import InputError, preflight
from toolkit.params import ParamsError, load_params
from toolkit.playbook import load_playbook

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_BUSY = 0, 1, 2, 3


def _review(args: argparse.Namespace) -> int:
    params_path = Path(args.params).resolve()
    try:
        params = load_params(params_path)
        if params.playbook is not None:
            load_playbook(params.playbook)
        preflight(params, base=params_path.parent)
    except ParamsError as exc:
        print(f"crisis: invalid parameters\n{exc}", file=sys.stderr)
        return EXIT_INVALID
    except InputError as exc:
        print(f"crisis: invalid input: {exc}", file=sys.stderr)
        return EXIT_INVALID
    dest = Path(args.output) if args.output else Path("outputs") / params.incident.slug
    from toolkit.report import RunBusy, RunFailed, run_review  # heavy imports: only to run

    print(f"crisis: running the post-mortem of '{params.incident.name}' -> {dest}")
    try:
        result = run_review(params, params_path, dest, timeout_s=args.timeout)
    except RunBusy as exc:
        print(f"crisis: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except RunFailed as exc:
        print(
            f"crisis: run failed: {exc}\n  partly executed notebook kept in: "
            f"{exc.kept / 'report.ipynb'}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"crisis: report written in {result.seconds:.1f} s: {result.report}")
    return EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    from toolkit.ingest import ingest, ingest_params, summary_table

    accounts: dict[str, list[str]] = {}
    for item in args.account or []:
        platform, _, handle = item.partition(":")
        if not handle:
            print(
                f"crisis: --account {item!r}: write it as PLATFORM:HANDLE, e.g. twitter:BrandHelp",
                file=sys.stderr,
            )
            return EXIT_INVALID
        accounts.setdefault(platform, []).append(handle)
    files = [Path(f) for f in args.files]
    try:
        params = ingest_params(files, args.format, accounts, args.platform)
        preflight(params)
        summaries = ingest(params, Path(args.db))
    except ParamsError as exc:
        print(f"crisis: invalid arguments\n{exc}", file=sys.stderr)
        return EXIT_INVALID
    except InputError as exc:
        print(f"crisis: invalid input: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(summary_table(summaries))
    print(f"crisis: loaded into {args.db} (tables mentions, rejected)")
    return EXIT_OK


def _read_labelled(path: Path):
    """A CSV, or a JSON array of records (NoReC's layout), as a frame of strings."""
    import polars as pl

    if path.suffix.lower() == ".json":
        return pl.read_json(path, infer_schema_length=None).cast(pl.String)
    return pl.read_csv(path, infer_schema=False)


def _eval_sentiment(args: argparse.Namespace) -> int:
    """Accuracy, macro-F1 and confusion of the built-in scorer next to plain VADER."""
    import polars as pl

    from toolkit.scoring import (
        english_label,
        score_english,
        vader_reference,
    )
    from toolkit.scoring.evaluate import evaluate, split
    from toolkit.scoring.langid import detect_languages
    from toolkit.scoring.norwegian import (
        load_wordlist_lexicon,
        norwegian_label,
        score_norwegian,
    )

    path = Path(args.file)
    if not path.is_file():
        print(f"crisis: file not found: {path}", file=sys.stderr)
        return EXIT_INVALID
    try:
        df = _read_labelled(path)
    except (pl.exceptions.PolarsError, UnicodeDecodeError, ValueError) as exc:
        print(f"crisis: {path}: could not be read ({exc})", file=sys.stderr)
        return EXIT_INVALID
    for col in (args.text, args.label, args.key):
        if col and col not in df.columns:
            print(
                f"crisis: {path}, field `{col}`: no such column "
                f"(the file has: {', '.join(df.columns)})",
                file=sys.stderr,
            )
            return EXIT_INVALID
    if args.part != "all":
        if not args.key:
            print("crisis: --part needs --key (the id column the split hashes)", file=sys.stderr)
            return EXIT_INVALID
        df = split(df, args.key, args.part)
    lexicon = None
    if args.norwegian_lexicon:
        lexicon = load_wordlist_lexicon(
            Path(args.norwegian_lexicon[0]), Path(args.norwegian_lexicon[1])
        )
    lang = args.lang

    def builtin(texts: pl.Series) -> pl.Series:
        langs = pl.Series([lang] * texts.len()) if lang else detect_languages(texts)
        en = english_label(score_english(pl.select(pl.when(langs != "no").then(texts)).to_series()))
        no = norwegian_label(
            score_norwegian(pl.select(pl.when(langs == "no").then(texts)).to_series(), lexicon)
        )
        return pl.select(pl.when(langs == "no").then(no).otherwise(en)).to_series()

    def vader(texts: pl.Series) -> pl.Series:
        scores = vader_reference(texts)
        return pl.select(
            pl.when(scores >= 0.05)
            .then(pl.lit("positive"))
            .when(scores <= -0.05)
            .then(pl.lit("negative"))
            .otherwise(pl.lit("neutral"))
        ).to_series()

    result = evaluate(df, args.text, args.label, {"built-in": builtin, "plain VADER": vader})
    print(
        f"crisis: {path.name}"
        + (f" ({args.part} part, split on {args.key})" if args.part != "all" else "")
    )
    print(result)
    return EXIT_OK


def _eval_language(args: argparse.Namespace) -> int:
    """Score a CSV column with the ownership/blame and reply-kind analysis, per text."""
    import polars as pl

    from toolkit.language import analyse_frame, load_lexicon, reply_kinds

    path = Path(args.file)
    if not path.is_file():
        print(f"crisis: file not found: {path}", file=sys.stderr)
        return EXIT_INVALID
    try:
        df = pl.read_csv(path, infer_schema=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError) as exc:
        print(f"crisis: {path}: could not be read as CSV ({exc})", file=sys.stderr)
        return EXIT_INVALID
    for col in (args.text, args.lang_column):
        if col and col not in df.columns:
            print(
                f"crisis: {path}, field `{col}`: no such column "
                f"(the file has: {', '.join(df.columns)})",
                file=sys.stderr,
            )
            return EXIT_INVALID
    df = df.with_columns(pl.col(args.text).fill_null(""))
    if args.lang:
        df = df.with_columns(_lang=pl.lit(args.lang))
    lang_col = "_lang" if args.lang else args.lang_column
    out = analyse_frame(df, text_col=args.text, lang_col=lang_col, lexicon=load_lexicon(None))
    out = reply_kinds(out, text_col=args.text, lang_col=lang_col).with_columns(
        pl.col("matched_sentences").list.join(" | ")
    )
    out = out.drop("_lang", strict=False)
    target = Path(args.output) if args.output else path.with_suffix(".language.csv")
    out.write_csv(target)
    scored = out.filter(pl.col("score").is_not_null())
    print(f"crisis: {out.height} texts analysed -> {target}")
    print(
        f"  with ownership markers: {(out['n_ownership'] > 0).sum()}, "
        f"with blame markers: {(out['n_blame'] > 0).sum()}, "
        f"mean score {scored['score'].mean() if scored.height else float('nan'):.2f} "
        f"over {scored.height} texts with a marker"
    )
    counts = out["reply_kind"].value_counts().sort("reply_kind")
    print("  reply kinds: " + ", ".join(f"{k} {n}" for k, n in counts.iter_rows()))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisis", description="Post-mortem analytics for social-media crises."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    review = sub.add_parser("review", help="run the post-mortem report for one incident")
    review.add_argument("params", help="parameters YAML file (see parameters/)")
    review.add_argument("--output", "-o", help="output folder (default: outputs/<incident>)")
    review.add_argument(
        "--timeout",
        type=int,
        default=1800,
        help="seconds one notebook cell may run before the run fails",
    )
    review.set_defaults(func=_review)
    ing = sub.add_parser("ingest", help="load export files into a DuckDB file and summarise")
    ing.add_argument("files", nargs="+", help="export files")
    ing.add_argument("--format", default="auto", help="format of all files (default: detect)")
    ing.add_argument("--platform", help="platform of all files (default: the format's)")
    ing.add_argument(
        "--account",
        action="append",
        metavar="PLATFORM:HANDLE",
        help="a brand account (repeatable), e.g. twitter:BrandHelp",
    )
    ing.add_argument("--db", default="ingest.duckdb", help="DuckDB file to write (replaced)")
    ing.set_defaults(func=_ingest)
    es = sub.add_parser(
        "eval-sentiment",
        help="accuracy, macro-F1 and confusion of the sentiment scorer against human labels",
    )
    es.add_argument("file", help="CSV (or JSON array of records) with texts and labels")
    es.add_argument("--text", required=True, help="column holding the texts")
    es.add_argument("--label", required=True, help="column holding positive/negative/neutral")
    es.add_argument(
        "--lang",
        choices=["en", "no"],
        help="language of all texts (default: "
        "detected per text; Norwegian texts go to the Norwegian scorer)",
    )
    es.add_argument("--key", help="id column for the deterministic tune/held-out split")
    es.add_argument(
        "--part",
        choices=["all", "tune", "heldout"],
        default="all",
        help="evaluate on one half only (the scorer was tuned on 'tune')",
    )
    es.add_argument(
        "--norwegian-lexicon",
        nargs=2,
        metavar=("POSITIVE", "NEGATIVE"),
        help="word lists (one word per line), e.g. NorSentLex full forms",
    )
    es.set_defaults(func=_eval_sentiment)
    ev = sub.add_parser(
        "eval-language",
        help="score texts of a CSV column for ownership/blame and acknowledgement/substance",
    )
    ev.add_argument("file", help="CSV file")
    ev.add_argument("--text", required=True, help="column holding the texts")
    ev.add_argument(
        "--lang", choices=["en", "no"], help="language of all texts (default: detected per text)"
    )
    ev.add_argument("--lang-column", help="column holding each text's language (en/no)")
    ev.add_argument("--output", "-o", help="output CSV (default: FILE.language.csv)")
    ev.set_defaults(func=_eval_language)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
