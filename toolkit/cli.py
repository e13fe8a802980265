"""The ``crisis`` command.

Exit status (documented in the README, relied on by CI jobs):
0 = report written; 2 = parameters or inputs invalid (nothing was run);
1 = the run failed (the partly executed notebook is kept, its path printed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.loaders import InputError, preflight
from toolkit.params import ParamsError, load_params
from toolkit.playbook import load_playbook

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


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
    from toolkit.report import RunFailed, run_review  # heavy imports only when running

    print(f"crisis: running the post-mortem of '{params.incident.name}' -> {dest}")
    try:
        result = run_review(params, params_path, dest, timeout_s=args.timeout)
    except RunFailed as exc:
        print(
            f"crisis: run failed: {exc}\n  partly executed notebook kept in: "
            f"{exc.kept / 'report.ipynb'}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"crisis: report written in {result.seconds:.1f} s: {result.report}")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
