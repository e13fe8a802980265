"""outputs/index.html: newest first, every value escaped, a bad folder listed, not fatal."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from toolkit.site_index import build_index

HOSTILE = 'Evil <script>alert("x")</script> & <img src=x onerror=alert(1)>'


def _run(
    root: Path,
    folder: str,
    finished: str,
    name: str = "Incident",
    kind: str | None = None,
    gates: dict | None = None,
    tips: bool = True,
) -> Path:
    d = root / folder
    d.mkdir(parents=True)
    card: dict = {
        "schema_version": 1,
        "incident": {"name": name, "brand": "B", "slug": folder},
        "period": {
            "start": "2026-03-02T00:03:11Z",
            "end": "2026-03-22T23:41:09Z",
            "report_timezone": "Europe/Oslo",
        },
        "measures": [
            {"id": "volume.mentions", "group": {}, "value": 10237, "status": "ok"},
            {"id": "frt.median", "group": {}, "value": 11825.0, "status": "ok"},
            {"id": "response_rate.ever", "group": {"unit": "episode"}, "value": 0.709},
            {"id": "sentiment.net_overall", "group": {}, "value": -0.62},
        ],
    }
    if tips:
        card["tips"] = [
            {"tip": i, "title": f"Tip {i}", "verdict": v}
            for i, v in enumerate(["met", "partly met", "missed", "not assessable", "met"], 1)
        ]
    if kind:
        card["kind"] = kind
    if gates:
        card["gates"] = gates
    (d / "scorecard.json").write_text(json.dumps(card))
    (d / "run.json").write_text(json.dumps({"finished_at": finished}))
    (d / "report.html").write_text("<html></html>")
    return d


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _parse(html: str) -> list[tuple[str, dict]]:
    p = _Collect()
    p.feed(html)
    return p.tags


def test_newest_first_with_figures_verdicts_and_links(tmp_path):
    _run(tmp_path, "older", "2026-03-01T10:00:00+00:00", name="Older outage")
    _run(
        tmp_path,
        "newer",
        "2026-04-01T10:00:00+00:00",
        name="Newer outage",
        gates={
            "status": "breach",
            "results": [{"outcome": "breach", "detail": "median first response time 3.3 h"}],
        },
    )
    q2 = _run(tmp_path, "q2", "2026-03-15T10:00:00+00:00", kind="quarterly", tips=False)
    card = json.loads((q2 / "scorecard.json").read_text())
    del card["incident"]
    card["quarter"] = {
        "name": "Q2 2026",
        "title": "B report, Q2 2026",
        "start": "2026-04-01",
        "end": "2026-06-30",
    }
    (q2 / "scorecard.json").write_text(json.dumps(card))
    html = build_index(tmp_path).read_text()
    assert html.index("Newer outage") < html.index("B report, Q2 2026") < html.index("Older")
    assert "2026-04-01 – 2026-06-30" in html  # a quarter's own dates
    links = [a["href"] for t, a in _parse(html) if t == "a"]
    assert links == ["newer/report.html", "q2/report.html", "older/report.html"]
    assert "2026-03-02 – 2026-03-23" in html  # Oslo dates of the period (end is past midnight)
    assert "10 237" in html and "3.3 h" in html and "71%" in html and "-0.62" in html
    assert "3: missed" in html and "2: partly met" in html
    assert "quarterly" in html
    assert 'class="breach"' in html and "median first response time 3.3 h" in html
    assert "no gates" in html  # the runs without gates say so


def test_every_value_is_escaped_and_nothing_remote_or_scripted(tmp_path):
    d = _run(tmp_path, "evil", "2026-04-01T10:00:00+00:00", name=HOSTILE)
    card = json.loads((d / "scorecard.json").read_text())
    card["tips"][0]["title"] = '"><script>alert(2)</script>'
    card["gates"] = {"status": "breach", "results": [{"outcome": "breach", "detail": HOSTILE}]}
    (d / "scorecard.json").write_text(json.dumps(card))
    html = build_index(tmp_path).read_text()
    tags = [t for t, _ in _parse(html)]
    assert "script" not in tags and "img" not in tags
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html)
    csp = [a for t, a in _parse(html) if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_unreadable_scorecard_is_listed_not_fatal(tmp_path):
    _run(tmp_path, "good", "2026-04-01T10:00:00+00:00", name="Good one")
    bad = tmp_path / "broken"
    bad.mkdir()
    (bad / "scorecard.json").write_text("{half a file")
    (bad / "report.html").write_text("<html></html>")
    missing = tmp_path / "no-card"
    missing.mkdir()
    (missing / "run.json").write_text(json.dumps({"finished_at": "2026-01-01T00:00:00Z"}))
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "scorecard.json").write_text(json.dumps({"measures": "nope", "tips": {"a": 1}}))
    html = build_index(tmp_path).read_text()
    assert "Good one" in html
    assert html.count("unreadable:") == 2
    assert "scorecard.json cannot be read" in html and "scorecard.json is missing" in html


def test_hidden_temp_scratch_and_failed_folders(tmp_path):
    _run(tmp_path, "good", "2026-04-01T10:00:00+00:00", name="Good one")
    _run(tmp_path, ".good.tmp-123", "2026-05-01T10:00:00+00:00", name="Half written")
    (tmp_path / "scratch").mkdir()  # not a report folder at all
    failed = tmp_path / "good.failed-20260401T100000Z"
    failed.mkdir()
    (failed / "report.ipynb").write_text("{}")
    html = build_index(tmp_path).read_text()
    assert "Half written" not in html and "scratch" not in html
    assert "Failed runs" in html and 'href="good.failed-20260401T100000Z/report.ipynb"' in html
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".index")] == []


def test_empty_outputs_folder_gets_an_index(tmp_path):
    html = build_index(tmp_path / "outputs").read_text()
    assert "No reports yet" in html
