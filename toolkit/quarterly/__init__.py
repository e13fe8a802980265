"""The quarterly reputation report: the post-mortem's measures over a whole quarter.

``crisis quarterly PARAMS.yaml`` runs notebooks/quarterly_review.ipynb through the same
atomic run machinery as the post-mortem (toolkit.report): one run per output folder, a
temporary folder swapped in when complete, the partial notebook kept when it fails.
Definitions and fields: docs/quarterly.md.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.quarterly.params import (
    QuarterlyParams,
    is_quarterly,
    load_quarterly_params,
    validate_quarterly,
)

__all__ = [
    "NOTEBOOK",
    "QuarterlyParams",
    "input_files",
    "is_quarterly",
    "load_quarterly_params",
    "preflight_quarterly",
    "run_quarterly",
    "validate_quarterly",
]

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "quarterly_review.ipynb"


def preflight_quarterly(params: QuarterlyParams, base: Path | None = None) -> None:
    """Open every export of the brand and of each competitor and check its layout before
    anything runs, so a broken file is exit 2 naming it, not a failed notebook."""
    from toolkit.loaders import preflight

    preflight(params.loading_params(), base=base)
    for competitor in params.competitors:
        preflight(params.competitor_loading_params(competitor), base=base)


def input_files(params: QuarterlyParams) -> list[Path]:
    files = [m.path for m in params.inputs.mentions]
    files += [m.authors_file for m in params.inputs.mentions if m.authors_file]
    for c in params.competitors:
        files += [m.path for m in c.inputs]
        files += [m.authors_file for m in c.inputs if m.authors_file]
    ev = params.inputs.events
    files += [p for p in (ev.statements, ev.moderation, ev.escalations) if p]
    return files


def run_quarterly(
    params: QuarterlyParams,
    params_path: Path,
    dest: Path,
    timeout_s: int = 1800,
    before_publish=None,  # Callable[[Path], None] | None
    kernel_name: str = "python3",
):
    """Run the quarterly notebook for ``params`` and publish ``dest`` atomically.

    Same contract as :func:`toolkit.report.run_review`: raises ``RunBusy`` when another
    run holds the folder, ``RunFailed`` (partial notebook kept) when the notebook fails or
    ``before_publish`` raises; returns a ``toolkit.report.RunResult``.
    """
    from toolkit.report import run_notebook  # heavy imports: only to run

    return run_notebook(
        NOTEBOOK,
        kind="quarterly",
        parameters_json=params.to_jsonable(),
        inputs=input_files(params),
        params_path=Path(params_path),
        dest=Path(dest),
        timeout_s=timeout_s,
        kernel_name=kernel_name,
        before_publish=before_publish,
    )
