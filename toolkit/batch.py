"""`crisis run`: every report described in a parameters folder, one after another.

Each parameters file is a post-mortem (``toolkit.params``) or, when it has a top-level
``quarter:`` key, a quarterly report (``toolkit.quarterly``). A failing report does not
stop the others; each one ends in exactly one status:

=========  ================================================================  ====
status     meaning                                                           exit
=========  ================================================================  ====
written    the report was written and every gate passed (or there are none)   0
breached   the report was written, but a gate in ``gates:`` breached           4
failed     the run failed; the previous report stays, the partial notebook    1
           is kept in ``<output>.failed-<time>/``
invalid    parameters or inputs invalid; nothing was run                       2
busy       another run was writing the same output folder; nothing touched     3
=========  ================================================================  ====

``crisis run`` exits 1 when any report failed, was invalid or busy; else 4 when any
breached a gate; else 0. ``outputs/index.html`` is rebuilt after every report.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolkit.gates import GateRecorder, problems

WRITTEN, BREACHED, FAILED, INVALID, BUSY = "written", "breached", "failed", "invalid", "busy"
EXIT_OF = {WRITTEN: 0, FAILED: 1, INVALID: 2, BUSY: 3, BREACHED: 4}
POST_MORTEM, QUARTERLY = "post-mortem", "quarterly"
SUFFIXES = (".yaml", ".yml")


@dataclass
class Outcome:
    """What happened to one parameters file."""

    params_file: Path
    kind: str
    name: str
    status: str
    seconds: float
    output: Path | None = None  # the report folder (or the kept folder of a failed run)
    message: str = ""
    gates: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def report(self) -> Path | None:
        if self.output is None:
            return None
        return self.output / (
            "report.html" if self.status in (WRITTEN, BREACHED) else "report.ipynb"
        )


def expand(items: Iterable[str | Path]) -> list[Path]:
    """Folders become their ``*.yaml``/``*.yml`` files (sorted; names starting with ``_``
    or ``.`` skipped); files are kept as given, in order, each once."""
    out: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in SUFFIXES
                and p.is_file()
                and not p.name.startswith(("_", "."))
            )
            out.extend(found or [path])  # an empty folder is reported, not silently skipped
        else:
            out.append(path)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _raw(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def detect_kind(path: Path) -> str:
    raw = _raw(path)
    return QUARTERLY if isinstance(raw, dict) and "quarter" in raw else POST_MORTEM


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _first_problem(exc: Exception) -> str:
    found = getattr(exc, "problems", None)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return f"{found[0]}{more}"
    lines = [ln for ln in str(exc).splitlines() if ln.strip()]
    return lines[0] if lines else type(exc).__name__


def _guess_name(raw: Any, kind: str, path: Path) -> str:
    if isinstance(raw, dict):
        if kind == QUARTERLY:
            q = raw.get("quarter")
            if isinstance(q, dict):
                q = q.get("name") or q.get("label") or q.get("id")
            return _one_line(str(q)) if q else path.stem
        inc = raw.get("incident")
        if isinstance(inc, dict) and inc.get("name"):
            return _one_line(str(inc["name"]))
    return path.stem


def quarterly_dest(params: Any, raw: Any, outputs_root: Path) -> Path:
    """Where a quarterly report goes: its own slug if it has one, else from ``quarter:``."""
    for attr in ("slug", "output_slug"):
        value = getattr(params, attr, None)
        if isinstance(value, str) and value:
            return outputs_root / value
    q = raw.get("quarter") if isinstance(raw, dict) else None
    if isinstance(q, dict):
        q = q.get("name") or q.get("label") or q.get("id")
    brand = raw.get("brand") if isinstance(raw, dict) else None
    if isinstance(brand, dict):
        brand = brand.get("name")
    return outputs_root / (_slug(f"{brand or ''} quarterly {q or ''}") or "quarterly")


def run_one(
    path: Path,
    outputs_root: Path,
    timeout_s: int = 1800,
    dest: Path | None = None,
    taken: dict[Path, Path] | None = None,
    announce: Callable[[str], None] | None = None,
) -> Outcome:
    """Validate and run one parameters file; never raises for a failed report."""
    t0 = time.perf_counter()
    kind = detect_kind(path) if path.is_file() else POST_MORTEM
    raw = _raw(path) if path.is_file() else None
    name = _guess_name(raw, kind, path)

    def done(status: str, message: str = "", output: Path | None = None, gates=None) -> Outcome:
        return Outcome(
            path, kind, name, status, round(time.perf_counter() - t0, 1), output, message, gates
        )

    if path.is_dir():
        return done(INVALID, f"no parameters files (*.yaml, *.yml) in the folder {path}")
    from toolkit.loaders import InputError
    from toolkit.params import ParamsError

    try:
        if kind == QUARTERLY:
            try:
                from toolkit import quarterly
            except ModuleNotFoundError as exc:
                if exc.name not in ("toolkit.quarterly", "toolkit"):
                    raise
                return done(
                    INVALID, "quarterly reports need toolkit.quarterly, which is not installed"
                )
            params: Any = quarterly.load_quarterly_params(path)
            quarterly.preflight_quarterly(params, base=path.resolve().parent)
            target = dest or quarterly_dest(params, raw, outputs_root)
        else:
            from toolkit.loaders import preflight
            from toolkit.params import load_params
            from toolkit.playbook import load_playbook

            params = load_params(path)
            name = _one_line(params.incident.name)
            if params.playbook is not None:
                load_playbook(params.playbook)
            preflight(params, base=path.resolve().parent)
            target = dest or outputs_root / params.incident.slug
    except (ParamsError, InputError) as exc:
        return done(INVALID, _first_problem(exc))
    except Exception as exc:  # a bug or an unreadable file: this report only
        return done(FAILED, f"{type(exc).__name__}: {_first_problem(exc)}")
    name = _one_line(getattr(params, "name", None) or name) if kind == QUARTERLY else name
    target = Path(target).resolve()
    if taken is not None:
        if target in taken:
            return done(
                INVALID,
                f"writes the same output folder as {taken[target].name} ({target}); "
                "give the incident another name",
            )
        taken[target] = path
    if announce:
        announce(f"crisis: running the {kind} report '{name}' ({path.name}) -> {target}")
    recorder = GateRecorder(getattr(params, "gates", None) or [])
    from toolkit.report import RunBusy, RunFailed

    try:
        if kind == QUARTERLY:
            quarterly.run_quarterly(
                params, path.resolve(), target, timeout_s=timeout_s, before_publish=recorder
            )
        else:
            from toolkit.report import run_review

            run_review(params, path.resolve(), target, timeout_s=timeout_s, before_publish=recorder)
    except RunBusy as exc:
        return done(BUSY, _first_problem(exc))
    except RunFailed as exc:
        return done(FAILED, _first_problem(exc), exc.kept)
    except (ParamsError, InputError) as exc:  # found only while running (quarterly inputs)
        return done(INVALID, _first_problem(exc))
    except Exception as exc:
        return done(FAILED, f"{type(exc).__name__}: {_first_problem(exc)}")
    breaches = problems(recorder.evaluation)
    if breaches:
        return done(BREACHED, "; ".join(breaches), target, recorder.evaluation)
    return done(WRITTEN, "", target, recorder.evaluation)


def rebuild_index(outputs_root: Path, warn: Callable[[str], None] | None = None) -> Path | None:
    """Rebuild ``<outputs_root>/index.html``; a problem is a warning, never a failure."""
    from toolkit.site_index import build_index

    try:
        return build_index(outputs_root)
    except Exception as exc:  # the reports themselves are fine; only the index is stale
        if warn:
            warn(f"crisis: warning: could not rebuild {outputs_root / 'index.html'}: {exc}")
        return None


def run_all(
    items: Sequence[str | Path],
    outputs_root: Path,
    timeout_s: int = 1800,
    log: Callable[[str], None] = print,
) -> list[Outcome]:
    """Run every report in ``items`` in turn, rebuilding the index after each one."""
    paths = expand(items)
    taken: dict[Path, Path] = {}
    outcomes = []
    for i, path in enumerate(paths, 1):
        log(f"crisis: [{i}/{len(paths)}] {path}")
        outcome = run_one(path, outputs_root, timeout_s, taken=taken, announce=log)
        outcomes.append(outcome)
        log(
            f"crisis: [{i}/{len(paths)}] {outcome.status} in {outcome.seconds:.1f} s"
            + (f": {outcome.message}" if outcome.message else "")
        )
        if outcome.status in (WRITTEN, BREACHED, FAILED):
            rebuild_index(outputs_root, warn=lambda m: print(m, file=sys.stderr))
    return outcomes


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """1 if any report failed, was invalid or busy; else 4 if any breached; else 0."""
    if not outcomes:
        return 2
    if any(o.status in (FAILED, INVALID, BUSY) for o in outcomes):
        return 1
    if any(o.status == BREACHED for o in outcomes):
        return 4
    return 0


def _shown(path: Path | None) -> str:
    if path is None:
        return "-"
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _counts(outcomes: Sequence[Outcome]) -> str:
    order = (WRITTEN, BREACHED, FAILED, INVALID, BUSY)
    n = {s: sum(o.status == s for o in outcomes) for s in order}
    return ", ".join(f"{n[s]} {s}" for s in order if n[s])


def summary_table(outcomes: Sequence[Outcome]) -> str:
    """Plain, aligned text for a CI log: one row per parameters file."""
    header = ("status", "kind", "parameters", "report", "time", "output", "message")
    rows = [
        (
            o.status,
            o.kind,
            o.params_file.name,
            o.name if len(o.name) <= 40 else o.name[:39] + "…",
            f"{o.seconds:.1f} s",
            _shown(o.report),
            _one_line(o.message) or "-",
        )
        for o in outcomes
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]

    def line(r: Sequence[str]) -> str:
        pairs = zip(r[:-1], widths, strict=True)
        cells = [c.rjust(w) if i == 4 else c.ljust(w) for i, (c, w) in enumerate(pairs)]
        return "  ".join([*cells, r[-1]]).rstrip()

    total = sum(o.seconds for o in outcomes)
    code = exit_code(outcomes)
    title = (
        f"crisis run: {len(outcomes)} report(s) in {total:.1f} s: {_counts(outcomes)} "
        f"(exit status {code})"
    )
    rule = "-" * min(len(line(header)) + 20, 120)
    return "\n".join([title, line(header), rule, *(line(r) for r in rows)])


def markdown_summary(outcomes: Sequence[Outcome]) -> str:
    """The same table in Markdown, for ``$GITHUB_STEP_SUMMARY``."""

    def cell(text: str) -> str:
        return _one_line(text).replace("|", "\\|").replace("<", "&lt;") or "-"

    lines = [
        f"### crisis run: {_counts(outcomes)} (exit status {exit_code(outcomes)})",
        "",
        "| status | kind | parameters | report | time | output | message |",
        "|---|---|---|---|---:|---|---|",
    ]
    for o in outcomes:
        lines.append(
            "| "
            + " | ".join(
                cell(x)
                for x in (
                    o.status,
                    o.kind,
                    o.params_file.name,
                    o.name,
                    f"{o.seconds:.1f} s",
                    _shown(o.report),
                    o.message,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def write_step_summary(outcomes: Sequence[Outcome]) -> None:
    """Append the Markdown summary to GitHub's job summary when running in Actions."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(markdown_summary(outcomes))
    except OSError:
        pass
