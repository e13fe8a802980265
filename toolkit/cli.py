"""The ``crisis`` command.

Exit status of ``crisis review`` and ``crisis quarterly`` (documented in the README and
docs/scheduled.md, relied on by CI jobs):
0 = report written (and every gate in ``gates:`` passed, or there are none);
1 = the run failed (the partly executed notebook is kept, its path printed);
2 = parameters or inputs invalid (nothing was run);
3 = another run is writing the same output folder (nothing was touched);
4 = report written, but a threshold in ``gates:`` was breached (listed on stderr and in
    scorecard.json under "gates").

``crisis run PARAMS_DIR_OR_FILES...`` runs every report in turn, continuing past
failures, prints a summary table and exits 1 if any report failed, was invalid or busy;
else 4 if any breached a gate; else 0 (2 when no parameters file was given at all).

Every command that writes a report rebuilds ``index.html`` in the parent of the output
folder (``outputs/index.html`` by default) when that folder holds reports only (or already
has an index); ``--output`` beside unrelated files writes no index there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.loaders import InputError, preflight
from toolkit.params import ParamsError, load_params
from toolkit.playbook import load_playbook

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_BUSY, EXIT_BREACHED = 0, 1, 2, 3, 4


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
    from toolkit.batch import rebuild_index
    from toolkit.gates import GateRecorder
    from toolkit.report import RunBusy, RunFailed, run_review  # heavy imports: only to run

    print(f"crisis: running the post-mortem of '{params.incident.name}' -> {dest}")
    recorder = GateRecorder(params.gates)
    try:
        result = run_review(
            params, params_path, dest, timeout_s=args.timeout, before_publish=recorder
        )
    except RunBusy as exc:
        print(f"crisis: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except RunFailed as exc:
        print(
            f"crisis: run failed: {exc}\n  partly executed notebook kept in: "
            f"{exc.kept / 'report.ipynb'}",
            file=sys.stderr,
        )
        _index(rebuild_index, dest)
        return EXIT_FAILED
    print(f"crisis: report written in {result.seconds:.1f} s: {result.report}")
    _index(rebuild_index, dest)
    return _gate_exit(recorder.evaluation)


def _is_reports_folder(root: Path) -> bool:
    """Whether ``root`` holds reports only (or already an index), so an index belongs there.

    ``--output ~/Desktop/report`` must not drop an index.html among someone's files; the
    default ``outputs/`` and a folder of report folders get one.
    """
    if root == Path("outputs").resolve() or (root / "index.html").exists():
        return True
    for entry in root.iterdir():
        if entry.name.startswith("."):
            continue  # locks and temporary run folders
        is_report = entry.is_dir() and (
            (entry / "scorecard.json").exists() or ".failed-" in entry.name
        )
        if not is_report:
            return False
    return True


def _index(rebuild, dest: Path) -> None:
    root = Path(dest).resolve().parent
    if not _is_reports_folder(root):
        return
    path = rebuild(root, warn=lambda m: print(m, file=sys.stderr))
    if path is not None:
        print(f"crisis: index of all reports: {path}")


def _gate_exit(evaluation: dict | None) -> int:
    """Print the gates' outcome; 4 when one breached (or could not be checked)."""
    from toolkit.gates import problems

    if not evaluation:
        return EXIT_OK
    failing = problems(evaluation)
    if not failing:
        print(f"crisis: all {len(evaluation['results'])} gate(s) passed")
        return EXIT_OK
    print(
        f"crisis: {len(failing)} gate(s) breached (exit status {EXIT_BREACHED}):\n"
        + "\n".join(f"  - {d}" for d in failing),
        file=sys.stderr,
    )
    return EXIT_BREACHED


def _run(args: argparse.Namespace) -> int:
    from toolkit import batch

    paths = batch.expand(args.params)
    if not paths:
        print("crisis: no parameters files given", file=sys.stderr)
        return EXIT_INVALID
    outcomes = batch.run_all(args.params, Path(args.outputs), timeout_s=args.timeout)
    print()
    print(batch.summary_table(outcomes))
    index = Path(args.outputs).resolve() / "index.html"
    if index.exists():
        print(f"crisis: index of all reports: {index}")
    batch.write_step_summary(outcomes)
    return batch.exit_code(outcomes)


def _quarterly(args: argparse.Namespace) -> int:
    from toolkit import batch

    path = Path(args.params)
    if batch.detect_kind(path) != batch.QUARTERLY and path.is_file():
        print(
            f"crisis: {path}: not quarterly parameters (no top-level `quarter:`); "
            "use `crisis review` for a post-mortem",
            file=sys.stderr,
        )
        return EXIT_INVALID
    # Validate first, as `crisis review` does, so every problem is listed (the batch runner
    # keeps one line per report for its summary table).
    from toolkit import quarterly

    try:
        params = quarterly.load_quarterly_params(path)
        quarterly.preflight_quarterly(params, base=path.resolve().parent)
    except ParamsError as exc:
        print(f"crisis: invalid parameters\n{exc}", file=sys.stderr)
        return EXIT_INVALID
    except InputError as exc:
        print(f"crisis: invalid input: {exc}", file=sys.stderr)
        return EXIT_INVALID
    dest = Path(args.output) if args.output else None
    outputs_root = dest.resolve().parent if dest else Path("outputs")
    outcome = batch.run_one(path, outputs_root, args.timeout, dest=dest, announce=print)
    if outcome.status in (batch.WRITTEN, batch.BREACHED, batch.FAILED) and _is_reports_folder(
        outputs_root.resolve()
    ):
        batch.rebuild_index(outputs_root, warn=lambda m: print(m, file=sys.stderr))
    if outcome.status in (batch.WRITTEN, batch.BREACHED):
        print(f"crisis: report written in {outcome.seconds:.1f} s: {outcome.report}")
        return _gate_exit(outcome.gates)
    if outcome.status == batch.FAILED and outcome.output is not None:
        print(
            f"crisis: run failed: {outcome.message}\n  partly executed notebook kept in: "
            f"{outcome.report}",
            file=sys.stderr,
        )
    else:
        label = {batch.INVALID: "invalid parameters or input", batch.BUSY: "busy"}.get(
            outcome.status, "run failed"
        )
        print(f"crisis: {label}: {outcome.message}", file=sys.stderr)
    return batch.EXIT_OF[outcome.status]


def _ingest(args: argparse.Namespace) -> int:
    import duckdb

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
        engine = {"memory_limit": args.memory_limit, "threads": args.threads}
        params = ingest_params(files, args.format, accounts, args.platform, engine)
        preflight(params)
        summaries = ingest(params, Path(args.db))
    except ParamsError as exc:
        print(f"crisis: invalid arguments\n{exc}", file=sys.stderr)
        return EXIT_INVALID
    except InputError as exc:
        print(f"crisis: invalid input: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except (MemoryError, duckdb.OutOfMemoryException) as exc:
        print(
            f"crisis: out of memory while loading: {str(exc).splitlines()[0]}\n  raise "
            "--memory-limit (or CRISIS_MEMORY_LIMIT), or use fewer --threads",
            file=sys.stderr,
        )
        return EXIT_FAILED
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


def _run_options(parser: argparse.ArgumentParser) -> None:
    """The options every report-writing command takes."""
    parser.add_argument(
        "--timeout",
        type=int,
        default=1800,
        help="seconds one notebook cell may run before the report fails",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisis", description="Post-mortem analytics for social-media crises."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    review = sub.add_parser("review", help="run the post-mortem report for one incident")
    review.add_argument("params", help="parameters YAML file (see parameters/)")
    review.add_argument("--output", "-o", help="output folder (default: outputs/<incident>)")
    _run_options(review)
    review.set_defaults(func=_review)
    run = sub.add_parser(
        "run",
        help="run every report in parameters folders/files, one after another (CI)",
        description="Run every report described in the given parameters files and folders "
        "(a folder: its *.yaml/*.yml files, sorted, skipping names starting with _ or .), "
        "continuing past failures; print a summary table; rebuild OUTPUTS/index.html. "
        "Exit 1 if any report failed, was invalid or busy; else 4 if any breached a gate; "
        "else 0.",
    )
    run.add_argument("params", nargs="+", help="parameters folders or YAML files")
    run.add_argument(
        "--outputs", default="outputs", help="folder of the report folders (default: outputs)"
    )
    _run_options(run)
    run.set_defaults(func=_run)
    qr = sub.add_parser("quarterly", help="run the quarterly report of several incidents")
    qr.add_argument("params", help="quarterly parameters YAML file (top-level `quarter:`)")
    qr.add_argument("--output", "-o", help="output folder (default: outputs/<quarter>)")
    _run_options(qr)
    qr.set_defaults(func=_quarterly)
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
    ing.add_argument(
        "--memory-limit",
        metavar="AMOUNT",
        help="DuckDB's memory limit, e.g. 1GB (beyond it, it spills to disk)",
    )
    ing.add_argument("--threads", type=int, metavar="N", help="DuckDB threads (default: all)")
    ing.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
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
    from toolkit import progress
    from toolkit.store import check_environment

    if not getattr(args, "quiet", True):
        progress.set_sink(lambda line: print(f"  {line}", file=sys.stderr, flush=True))

    try:
        check_environment()
    except ValueError as exc:
        print(f"crisis: invalid environment: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
