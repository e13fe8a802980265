"""``<outputs>/index.html``: every report generated, newest first.

Built from each ``<outputs>/*/scorecard.json`` and ``run.json``: kind, name, date range,
headline figures, the five tip verdicts, the gates' status and a relative link to the
report. Static HTML (no scripts, no remote resources, a Content-Security-Policy like the
report's), every value escaped, written atomically. A folder whose scorecard cannot be
read is listed as "unreadable"; failed runs (``*.failed-<time>``) are listed apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

INDEX = "index.html"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
VERDICT_CLASS = {
    "met": "met",
    "partly met": "partly",
    "missed": "missed",
    "not assessable": "na",
}


@dataclass
class Entry:
    folder: str
    readable: bool
    finished: dt.datetime | None
    kind: str = ""
    name: str = ""
    period: str = ""
    figures: list[tuple[str, str]] = field(default_factory=list)
    tips: list[tuple[int, str, str]] = field(default_factory=list)  # (tip, title, verdict)
    gates: str = ""  # "pass" | "breach" | "" (no gates)
    gate_problems: list[str] = field(default_factory=list)
    problem: str = ""
    has_report: bool = False


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _href(folder: str, file: str) -> str:
    return _e(f"{quote(folder)}/{quote(file)}")


def _read_json(path: Path) -> tuple[Any, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8")), ""
    except FileNotFoundError:
        return None, f"{path.name} is missing"
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, f"{path.name} cannot be read ({type(exc).__name__})"


def _when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def _period(card: dict[str, Any]) -> str:
    q = card.get("quarter")
    if isinstance(q, dict) and isinstance(q.get("start"), str) and isinstance(q.get("end"), str):
        return f"{q['start'][:10]} – {q['end'][:10]}"  # a quarter's own local dates
    period = card.get("period")
    if not isinstance(period, dict):
        return ""
    zone = ZoneInfo("UTC")
    with contextlib.suppress(Exception):  # an unknown zone in a hand-edited file: UTC
        zone = ZoneInfo(str(period.get("report_timezone") or "UTC"))
    days = []
    for key in ("start", "end"):
        t = _when(period.get(key))
        days.append(t.astimezone(zone).date().isoformat() if t else "?")
    if days == ["?", "?"]:
        return ""
    return days[0] if days[0] == days[1] else f"{days[0]} – {days[1]}"


def _measure(card: dict[str, Any], mid: str, *groups: dict[str, str]) -> dict[str, Any] | None:
    measures = card.get("measures")
    if not isinstance(measures, list):
        return None
    for group in groups or ({},):
        for m in measures:
            if isinstance(m, dict) and m.get("id") == mid and (m.get("group") or {}) == group:
                return m
    return None


def _duration(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def _figures(card: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    specs = (
        ("mentions", "volume.mentions", ({},)),
        ("first response (median)", "frt.median", ({},)),
        ("response rate", "response_rate.ever", ({"unit": "episode"}, {})),
        ("net sentiment", "sentiment.net_overall", ({},)),
    )
    for label, mid, groups in specs:
        m = _measure(card, mid, *groups)
        if m is None:
            continue
        v = m.get("value")
        if v is None or isinstance(v, bool) or not isinstance(v, int | float):
            shown = "not assessable" if m.get("status") == "not_assessable" or v is None else str(v)
        elif mid == "frt.median":
            shown = _duration(float(v))
        elif mid.startswith("response_rate"):
            shown = f"{v * 100:.0f}%"
        elif mid == "sentiment.net_overall":
            shown = f"{v:+.2f}"
        else:
            shown = f"{v:,.0f}".replace(",", " ")
        out.append((label, shown))
    return out


def _tips(card: dict[str, Any]) -> list[tuple[int, str, str]]:
    tips = card.get("tips")
    out = []
    for t in tips if isinstance(tips, list) else []:
        if isinstance(t, dict) and isinstance(t.get("tip"), int):
            out.append((t["tip"], str(t.get("title") or ""), str(t.get("verdict") or "?")))
    return sorted(out)


def _name(card: dict[str, Any], folder: str) -> str:
    inc = card.get("incident")
    if isinstance(inc, dict) and inc.get("name"):
        return str(inc["name"])
    q = card.get("quarter")
    if isinstance(q, dict):
        q = q.get("title") or q.get("name") or q.get("label") or q.get("id")
    if q:
        return str(q)
    return str(card.get("name") or folder)


def _entry(folder: Path) -> Entry | None:
    names = {p.name for p in folder.iterdir()}
    if not names & {"scorecard.json", "run.json", "report.html"}:
        return None  # not a report folder (e.g. a notebook's scratch output)
    run, _ = _read_json(folder / "run.json")
    run = run if isinstance(run, dict) else {}
    finished = _when(run.get("finished_at"))
    if finished is None:
        try:
            finished = dt.datetime.fromtimestamp(
                (folder / "scorecard.json").stat().st_mtime, dt.UTC
            )
        except OSError:
            finished = None
    card, problem = _read_json(folder / "scorecard.json")
    entry = Entry(folder.name, readable=False, finished=finished)
    entry.has_report = "report.html" in names
    if not isinstance(card, dict):
        entry.problem = problem or "scorecard.json is not a JSON object"
        entry.kind = str(run.get("kind") or "")
        return entry
    try:
        entry.kind = str(card.get("kind") or run.get("kind") or "post-mortem")
        entry.name = _name(card, folder.name)
        entry.period = _period(card)
        entry.figures = _figures(card)
        entry.tips = _tips(card)
        gates = card.get("gates")
        if isinstance(gates, dict):
            entry.gates = str(gates.get("status") or "")
            results = gates.get("results") if isinstance(gates.get("results"), list) else []
            entry.gate_problems = [
                f"{r.get('outcome')}: {r.get('detail')}"
                for r in results
                if isinstance(r, dict) and r.get("outcome") != "pass"
            ]
        entry.readable = True
    except Exception as exc:  # an odd but valid JSON file: list it, do not crash
        entry.readable = False
        entry.problem = f"scorecard.json has an unexpected layout ({type(exc).__name__})"
    return entry


def collect(root: Path) -> tuple[list[Entry], list[tuple[str, str, bool]]]:
    """Report folders (newest first) and failed runs' folders (name, time, has notebook)."""
    entries: list[Entry] = []
    failed: list[tuple[str, str, bool]] = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        if ".failed-" in folder.name:
            _, _, stamp = folder.name.rpartition(".failed-")
            failed.append((folder.name, stamp, (folder / "report.ipynb").is_file()))
            continue
        try:
            entry = _entry(folder)
        except OSError:
            entry = Entry(folder.name, readable=False, finished=None, problem="cannot be listed")
        if entry is not None:
            entries.append(entry)
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)
    entries.sort(key=lambda e: (e.finished or floor, e.folder), reverse=True)
    failed.sort(key=lambda f: f[1], reverse=True)
    return entries, failed


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.5rem}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.v{display:inline-block;padding:0 .35rem;border-radius:3px;margin:1px}
.met{background:#d7f0dc}.partly{background:#fff0c2}.missed{background:#f8d0d0}
.na{background:#e8e8e8;color:#555}.breach{color:#a40000;font-weight:600}
.pass{color:#176b2c;font-weight:600}.unreadable{color:#a40000}.small{font-size:.8rem;color:#555}
ul{margin:.2rem 0 0 1rem;padding:0}
"""


def _row(e: Entry) -> str:
    when = e.finished.strftime("%Y-%m-%d %H:%M UTC") if e.finished else "?"
    link = (
        f'<a href="{_href(e.folder, "report.html")}">{_e(e.name or e.folder)}</a>'
        if e.has_report
        else _e(e.name or e.folder)
    )
    if not e.readable:
        return (
            f"<tr><td>{_e(when)}</td><td>{_e(e.kind or '?')}</td><td>{link}"
            f'<div class="small">{_e(e.folder)}/</div></td>'
            f'<td colspan="4" class="unreadable">unreadable: {_e(e.problem)}</td></tr>'
        )
    figures = "<br>".join(f"{_e(k)}: <b>{_e(v)}</b>" for k, v in e.figures) or "–"
    tips = (
        " ".join(
            f'<span class="v {VERDICT_CLASS.get(v, "na")}" title="{_e(title)}">'
            f"{_e(n)}: {_e(v)}</span>"
            for n, title, v in e.tips
        )
        or "–"
    )
    if e.gates:
        gates = (
            f'<span class="{_e("breach" if e.gates == "breach" else "pass")}">{_e(e.gates)}</span>'
        )
        if e.gate_problems:
            gates += "<ul>" + "".join(f"<li>{_e(p)}</li>" for p in e.gate_problems) + "</ul>"
    else:
        gates = '<span class="small">no gates</span>'
    return (
        f"<tr><td>{_e(when)}</td><td>{_e(e.kind)}</td><td>{link}"
        f'<div class="small">{_e(e.folder)}/</div></td><td>{_e(e.period or "–")}</td>'
        f"<td>{figures}</td><td>{tips}</td><td>{gates}</td></tr>"
    )


def render(entries: list[Entry], failed: list[tuple[str, str, bool]]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows = "\n".join(_row(e) for e in entries) or ('<tr><td colspan="7">No reports yet.</td></tr>')
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Crisis reports</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Crisis reports</h1>",
        f'<p class="small">{len(entries)} report(s), newest first; updated {_e(now)}. '
        "Verdicts of the five crisis tips: 1 policy, 2 escalation plan, 3 plan for the worst, "
        "4 react quickly, personally and directly, 5 don't blame others.</p>",
        "<table><thead><tr><th>finished</th><th>kind</th><th>report</th><th>period</th>"
        "<th>headline figures</th><th>tips</th><th>gates</th></tr></thead><tbody>",
        rows,
        "</tbody></table>",
    ]
    if failed:
        parts.append(
            '<h2>Failed runs</h2><p class="small">The partly executed notebook of '
            "each failed run; the previous report of that folder was left in place.</p><ul>"
        )
        for name, stamp, has_nb in failed:
            label = f"{_e(name)} ({_e(stamp)})"
            parts.append(
                f'<li><a href="{_href(name, "report.ipynb")}">{label}</a></li>'
                if has_nb
                else f"<li>{label}</li>"
            )
        parts.append("</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def build_index(root: Path) -> Path:
    """Write ``root/index.html`` atomically (temp file + ``os.replace``); return its path."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    entries, failed = collect(root)
    text = render(entries, failed)
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".index-", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, root / INDEX)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return root / INDEX
