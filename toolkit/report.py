"""Run a report notebook with Papermill and publish its folder atomically.

Both reports share this machinery: the post-mortem (``run_review``,
notebooks/post_mortem.ipynb) and the quarterly review (``toolkit.quarterly.run_quarterly``,
notebooks/quarterly_review.ipynb, through :func:`run_notebook`).

A run is written into a temporary folder beside its destination and moved into place
only when it is complete, so a crash or a kill leaves the previous report intact. A
failed run keeps its partly executed notebook (Papermill writes it with the error
marked) in a ``*.failed-<time>`` folder and says where.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import importlib.metadata as md
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import papermill as pm
from nbclient.exceptions import DeadKernelError
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from toolkit import progress
from toolkit.params import Params

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "post_mortem.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "templates"
PACKAGES = (
    "crisis-toolkit",
    "duckdb",
    "polars",
    "pyarrow",
    "altair",
    "vl-convert-python",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "pydantic",
    "vaderSentiment",
)


class RunBusy(Exception):
    """Another run is writing the same output folder right now."""


@contextmanager
def output_lock(dest: Path) -> Iterator[None]:
    """One run per output folder at a time: a second run refuses instead of interleaving.

    An advisory ``flock`` on a lock file beside the folder; the kernel releases it when the
    process dies, so a killed run never leaves a stale lock behind.
    """
    lock_path = dest.with_name(f".{dest.name}.lock")
    with lock_path.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunBusy(
                f"another run is writing {dest} right now (lock {lock_path}); wait for it "
                "to finish or choose another --output"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class RunFailed(Exception):
    """The notebook failed; ``kept`` is the folder holding the partial notebook.

    ``kernel_died`` is true when the kernel process itself went away (killed, most often by
    the out-of-memory killer) rather than a cell raising an error; ``cell`` is the 1-based
    number of the code cell that was running, when it can be known.
    """

    def __init__(
        self, message: str, kept: Path, kernel_died: bool = False, cell: int | None = None
    ):
        self.kept = kept
        self.kernel_died = kernel_died
        self.cell = cell
        super().__init__(message)


@dataclass(frozen=True)
class RunResult:
    output_dir: Path
    report: Path
    seconds: float


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def input_files(params: Params) -> list[Path]:
    files = [m.path for m in params.inputs.mentions]
    files += [m.authors_file for m in params.inputs.mentions if m.authors_file]
    ev = params.inputs.events
    files += [p for p in (ev.statements, ev.moderation, ev.escalations) if p]
    return files


def versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0], "platform": platform.platform()}
    for name in PACKAGES:
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            out[name] = "not installed"
    return out


def export_html(notebook: Path, target: Path) -> None:
    """Code-free, offline HTML: inputs and the parameter cells removed."""
    nb = nbformat.read(notebook, as_version=4)
    exporter = HTMLExporter(
        template_name="crisis_report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        anchor_link_text="",
    )
    remover = TagRemovePreprocessor(
        remove_cell_tags={"parameters", "injected-parameters", "notebook-only"}, enabled=True
    )
    exporter.register_preprocessor(remover, enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    target.write_text(body, encoding="utf-8")


def _move_into_place(tmp: Path, dest: Path) -> None:
    """Swap the finished folder in; the old one is removed only after the swap."""
    old = None
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
        os.replace(dest, old)
    os.replace(tmp, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


BeforePublish = Callable[[Path], None]


def run_review(
    params: Params,
    params_path: Path,
    dest: Path,
    timeout_s: int = 1800,
    kernel_name: str = "python3",
    before_publish: BeforePublish | None = None,
) -> RunResult:
    """Execute the post-mortem notebook for ``params`` and publish ``dest`` (replacing an old run).

    ``before_publish`` is called with the finished temporary folder (report.html and
    run.json written) just before it is swapped into place; if it raises, the run counts
    as failed and the previous report stays.
    """
    return run_notebook(
        NOTEBOOK,
        kind="post-mortem",
        parameters_json=params.to_jsonable(),
        inputs=input_files(params),
        params_path=params_path,
        dest=dest,
        timeout_s=timeout_s,
        kernel_name=kernel_name,
        before_publish=before_publish,
    )


def run_notebook(
    notebook: Path,
    *,
    kind: str,
    parameters_json: dict[str, Any],
    inputs: list[Path],
    params_path: Path,
    dest: Path,
    timeout_s: int = 1800,
    kernel_name: str = "python3",
    before_publish: BeforePublish | None = None,
) -> RunResult:
    """Run ``notebook`` (parameters ``params_path``, ``output_dir``) and publish ``dest``.

    One run per output folder at a time (:class:`RunBusy`); the run is written to a
    temporary folder and swapped in only when complete; a failure raises
    :class:`RunFailed` and keeps the partly executed notebook.
    """
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(dest):
        return _run_locked(
            Path(notebook),
            kind,
            parameters_json,
            inputs,
            Path(params_path),
            dest,
            timeout_s,
            kernel_name,
            before_publish,
        )


def _running_cell(executed: Path) -> int | None:
    """1-based number of the code cell Papermill marked as running in a partial notebook."""
    try:
        nb = nbformat.read(executed, as_version=4)
    except Exception:  # the notebook may be missing or half-written
        return None
    code = [c for c in nb.cells if c.cell_type == "code"]
    running = None
    for i, cell in enumerate(code, 1):
        meta = cell.get("metadata", {}).get("papermill", {})
        # A cell still marked running, or (after a dead kernel, which Papermill marks
        # completed) the last cell that was started at all.
        if meta.get("status") == "running":
            return i
        if meta.get("start_time"):
            running = i
    return running


def _failure(exc: BaseException, executed: Path) -> tuple[str, bool, int | None]:
    """(message, kernel_died, cell) for a failed notebook run."""
    cell = _running_cell(executed)
    if isinstance(exc, pm.PapermillExecutionError):
        return f"the notebook failed: {exc.ename}: {exc.evalue}", False, cell
    if isinstance(exc, DeadKernelError):
        where = f" while running cell {cell} of the notebook" if cell else ""
        return (
            "the notebook's kernel died (the process was killed — most often because it ran "
            f"out of memory){where}; {type(exc).__name__}: {exc}",
            True,
            cell,
        )
    return f"the notebook failed: {type(exc).__name__}: {exc}", False, cell


def _execute(
    notebook: Path, executed: Path, params_path: Path, tmp: Path, kernel_name: str, timeout_s: int
) -> None:
    """Papermill: parameters injected after the tagged cell, executed into ``executed``."""
    pm.execute_notebook(
        str(notebook),
        str(executed),
        parameters={"params_path": str(params_path), "output_dir": str(tmp)},
        kernel_name=kernel_name,
        cwd=str(notebook.parent),
        execution_timeout=timeout_s,
        progress_bar=False,
        log_output=False,
    )


def _run_locked(
    notebook: Path,
    kind: str,
    parameters_json: dict[str, Any],
    inputs: list[Path],
    params_path: Path,
    dest: Path,
    timeout_s: int,
    kernel_name: str,
    before_publish: BeforePublish | None,
) -> RunResult:
    started = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    # Holding the lock, any temp or old folder of this output is a killed run's leftover.
    for stale in (
        *dest.parent.glob(f".{dest.name}.tmp-*"),
        *dest.parent.glob(f".{dest.name}.old-*"),
    ):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    executed = tmp / "report.ipynb"
    timings: dict[str, float] = {}

    def keep() -> Path:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = dest.with_name(f"{dest.name}.failed-{stamp}")
        if tmp.exists():
            if kept.exists():  # two failures within the same second
                kept = dest.with_name(f"{dest.name}.failed-{stamp}-{os.getpid()}")
            os.replace(tmp, kept)
        return kept

    try:
        t = time.perf_counter()
        progress.say(f"starting the notebook {notebook.name} ...")
        with progress.follow(tmp):
            _execute(notebook, executed, params_path, tmp, kernel_name, timeout_s)
        timings["notebook"] = round(time.perf_counter() - t, 3)
    except BaseException as exc:
        message, died, cell = _failure(exc, executed)
        kept = keep()
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise RunFailed(message, kept, kernel_died=died, cell=cell) from exc
    try:
        t = time.perf_counter()
        (tmp / progress.FILE).unlink(missing_ok=True)
        progress.say("exporting the HTML report ...")
        export_html(executed, tmp / "report.html")
        timings["html_export"] = round(time.perf_counter() - t, 3)
        stages_file, memory_file = tmp / "timings.json", tmp / "memory.json"
        stages = json.loads(stages_file.read_text()) if stages_file.exists() else {}
        memory = json.loads(memory_file.read_text()) if memory_file.exists() else {}
        stages_file.unlink(missing_ok=True)
        memory_file.unlink(missing_ok=True)
        try:
            notebook_name = str(notebook.resolve().relative_to(ROOT))
        except ValueError:
            notebook_name = str(notebook)
        record = {
            "toolkit": "crisis-toolkit",
            "kind": kind,
            "parameters_file": str(params_path),
            "parameters": parameters_json,
            "inputs": [
                {"path": str(p), "bytes": p.stat().st_size, "sha256": sha256(p)} for p in inputs
            ],
            "versions": versions(),
            "started_at": started.isoformat(),
            "finished_at": dt.datetime.now(dt.UTC).isoformat(),
            "seconds": round(time.perf_counter() - t0, 3),
            "stage_seconds": {**stages, **timings},
            # the notebook kernel's peak memory (MB) after each stage: a running maximum
            "stage_peak_rss_mb": memory,
            "notebook": notebook_name,
        }
        (tmp / "run.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        if before_publish is not None:
            before_publish(tmp)
    except BaseException as exc:
        kept = keep()
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise RunFailed(
            f"the run failed after the notebook: {type(exc).__name__}: {exc}", kept
        ) from exc
    _move_into_place(tmp, dest)
    return RunResult(dest, dest / "report.html", record["seconds"])
