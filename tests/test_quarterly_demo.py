"""The quarterly report of the demo quarter end to end, and its agreement with the
post-mortem of the same incident.

Real Papermill runs: the post-mortem of the August fibre outage
(parameters/quarter_incidents/fibre.yaml, through toolkit.report.run_review), then the
quarterly review of Q3 2026 (parameters/demo_quarter.yaml) linking to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from toolkit import demo_quarter
from toolkit.params import load_params
from toolkit.quarterly import load_quarterly_params, run_quarterly
from toolkit.report import RunFailed, run_review

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "parameters" / "demo_quarter.yaml"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("quarter") / "outputs"


@pytest.fixture(scope="module")
def post_mortem(outputs) -> Path:
    demo_quarter.ensure(ROOT / "data" / "demo_quarter")
    path = ROOT / "parameters" / "quarter_incidents" / "fibre.yaml"
    params = load_params(path)
    dest = outputs / params.incident.slug
    run_review(params, path, dest)
    return dest


@pytest.fixture(scope="module")
def quarterly_params(outputs, post_mortem) -> Path:
    """demo_quarter.yaml with absolute inputs and the post-mortem folders in tmp."""
    data = yaml.safe_load(PARAMS.read_text())
    for m in data["inputs"]["mentions"] + [i for c in data["competitors"] for i in c["inputs"]]:
        m["path"] = str((PARAMS.parent / m["path"]).resolve())
    data["demo_data"] = str((PARAMS.parent / data["demo_data"]).resolve())
    for i in data["incidents"]:
        i["post_mortem"] = str(outputs / Path(i["post_mortem"]).name)
    path = outputs.parent / "quarter.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def run(outputs, quarterly_params) -> Path:
    params = load_quarterly_params(quarterly_params)
    dest = outputs / params.slug
    result = run_quarterly(params, quarterly_params, dest)
    assert result.output_dir == dest
    return dest


@pytest.fixture(scope="module")
def card(run) -> dict:
    return json.loads((run / "scorecard.json").read_text())


def _m(card: dict, id: str, **group) -> dict:
    hits = [m for m in card["measures"] if m["id"] == id and m["group"] == group]
    assert len(hits) == 1, (id, group)
    return hits[0]


def test_the_demo_is_deterministic(tmp_path):
    a = demo_quarter.generate(tmp_path / "a")
    b = demo_quarter.ensure(ROOT / "data" / "demo_quarter")
    for key in demo_quarter.FILE_NAMES:
        assert a.files[key].read_bytes() == b.files[key].read_bytes(), key
    assert 30_000 <= sum(a.counts.values()) <= 80_000
    assert sum(1 for s in a.incidents if s.quarter == "q3") >= 2


def test_the_run_folder(run):
    names = {p.name for p in run.iterdir()}
    assert {"report.html", "report.ipynb", "run.json", "scorecard.json", "quarter.duckdb"} <= names
    record = json.loads((run / "run.json").read_text())
    assert record["kind"] == "quarterly"
    assert record["notebook"] == "notebooks/quarterly_review.ipynb"
    assert len(record["inputs"]) == 6 and all(len(i["sha256"]) == 64 for i in record["inputs"])
    assert (run / "tables" / "weekly_trends.parquet").is_file()
    for table in ("drivers", "voices_current", "share_of_voice_weekly"):
        assert (run / "tables" / f"{table}.parquet").is_file(), table
    charts = {p.name for p in (run / "charts").glob("*.svg")}
    assert {"quarter_drivers.svg", "quarter_voices.svg", "share_of_voice.svg"} <= charts


def test_drivers_voices_and_share_of_voice_in_the_scorecard(card, run):
    # drivers: the quarter against the previous one, with scores and example ids
    comps = {c["id"]: c for c in card["drivers"]["comparisons"]}
    quarter = comps["quarter"]
    assert quarter["status"] == "ok" and quarter["more"] and quarter["less"]
    assert "fibre" in [e["term"] for e in quarter["more"][:5]]
    top = quarter["more"][0]
    assert top["z"] >= 1.96 and top["example_ids"] and "log_odds" in top
    assert _m(card, "drivers.top_term", comparison="quarter", quarter="current")["value"]
    # each incident against its quarter's quiet periods
    tops = {i["name"]: i["drivers"]["top"][0]["term"] for i in card["incidents"]}
    assert tops["Fjordnett fibre outage in Western Norway, August 2026"] == "fibre"
    assert tops["Fjordnett price increase backlash, September 2026"].startswith("price")
    # voices: top authors of each quarter, answered or not
    assert card["voices"]["current"] and card["voices"]["previous"]
    assert {"n_negative", "reach", "replies_drawn", "brand_turns"} <= set(
        card["voices"]["current"][0]
    )
    assert _m(card, "voices.top_decile_answered", quarter="current")["status"] == "ok"
    # share of voice: both quarters, the whole quarter, weekly, competitors apart
    sov = card["share_of_voice"]
    assert sov["status"] == "ok" and sov["competitors"] == ["Nordlink", "Vikanet"]
    for q in ("current", "previous"):
        m = _m(card, "share_of_voice.mentions", quarter=q)
        assert 0.3 < m["value"] < 0.95
        assert _m(card, "share_of_voice.negative", quarter=q)["status"] == "ok"
    cur = _m(card, "share_of_voice.mentions", quarter="current")
    assert _m(card, "share_of_voice.mentions")["value"] == cur["value"]
    brand = _m(card, "volume.mentions", quarter="current")["value"]
    brand -= _m(card, "volume.brand_posts", quarter="current")["value"]
    assert cur["value"] == pytest.approx(brand / cur["denominator"])  # brand ÷ all
    rows = {r["id"]: r for r in card["comparison"]}
    assert rows["share_of_voice.mentions"]["verdict"] in ("higher", "lower")
    # competitor files in the inputs table, their rejected record counted
    comp = [i for i in card["inputs"] if any(n.startswith("competitor") for n in i["notes"])]
    assert len(comp) == 2 and all(
        i["read"] == i["loaded"] + i["duplicates"] + i["rejected"] for i in comp
    )
    assert sum(i["rejected"] for i in comp) == 1
    # ... and never in the brand's mentions
    import duckdb

    con = duckdb.connect(str(run / "quarter.duckdb"), read_only=True)
    try:
        n_brand = con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]
        n_comp = con.execute(
            "SELECT count(DISTINCT competitor), count(*) FROM competitor_mentions"
        ).fetchall()[0]
    finally:
        con.close()
    assert (
        n_brand
        == _m(card, "volume.mentions", quarter="current")["value"]
        + _m(card, "volume.mentions", quarter="previous")["value"]
    )
    assert n_comp == (2, sum(i["loaded"] for i in comp))


def test_scorecard_layout(card):
    assert card["schema_version"] == 1 and card["kind"] == "quarterly"
    assert card["quarter"]["name"] == "Q3 2026" and card["previous"]["name"] == "Q2 2026"
    assert card["period"] == {
        "start": "2026-06-30T22:00:00Z",
        "end": "2026-09-30T22:00:00Z",
        "report_timezone": "Europe/Oslo",
    }
    keys = {
        "id", "label", "value", "unit", "denominator", "denominator_label", "status",
        "reason", "definition", "group", "evidence",
    }  # fmt: skip
    seen = set()
    for m in card["measures"]:
        assert set(m) == keys
        assert (m["value"] is None) == (m["status"] == "not_assessable"), m["id"]
        key = (m["id"], tuple(sorted(m["group"].items())))
        assert key not in seen
        seen.add(key)
    for q in ("current", "previous"):
        assert _m(card, "frt.median", quarter=q)["status"] == "ok"
        assert _m(card, "frt.p90", quarter=q)["status"] == "ok"
        assert _m(card, "response_rate.within_1h", quarter=q, unit="episode")["status"] == "ok"
    # current values also with the post-mortem's groups, so its threshold gates apply
    assert _m(card, "frt.median")["value"] == _m(card, "frt.median", quarter="current")["value"]
    assert _m(card, "response_rate.within_1h", unit="episode")["value"] is not None


def test_both_quarters_compared(card):
    rows = {r["id"]: r for r in card["comparison"]}
    assert {"volume.mentions", "sentiment.net_overall", "frt.median", "frt.p90"} <= set(rows)
    assert {"response_rate.ever", "response_rate.within_target"} <= set(rows)
    for r in rows.values():
        assert r["current"] is not None and r["previous"] is not None, r["id"]
    # Two incidents in Q3 against one in Q2: more negative volume, worse sentiment.
    assert rows["incidents.count"]["current"] == 2 and rows["incidents.count"]["previous"] == 1
    assert rows["sentiment.net_overall"]["verdict"] == "worse"
    assert rows["volume.mentions"]["verdict"] == "higher"
    share = rows["incidents.negative_share"]
    assert 0.3 < share["current"] < 0.9 and share["verdict"] == "worse"


def test_incidents_match_the_post_mortem(card, post_mortem):
    pm = json.loads((post_mortem / "scorecard.json").read_text())

    def pm_value(id):
        return _m(pm, id)["value"]

    current = [i for i in card["incidents"] if i["quarter"] == "current"]
    assert [i["name"] for i in current] == [
        "Fjordnett fibre outage in Western Norway, August 2026",
        "Fjordnett price increase backlash, September 2026",
    ]
    fibre = current[0]
    assert fibre["onset"] == pm_value("timeline.onset")
    assert fibre["peak"] == pm_value("timeline.peak")
    assert fibre["end"] == pm_value("timeline.end")
    assert fibre["peak_negative"] == pm_value("timeline.peak_negative")
    assert fibre["excess_negative"] == pytest.approx(pm_value("timeline.excess_negative"))
    assert fibre["recovery"]["depth"] == pytest.approx(pm_value("recovery.depth"))
    assert fibre["recovery"]["time_from_onset"] == pm_value("recovery.time_from_onset")
    assert fibre["post_mortem"]["exists"] is True
    assert fibre["post_mortem"]["differences"] == []
    assert [(t["tip"], t["verdict"]) for t in fibre["post_mortem"]["tips"]] == [
        (t["tip"], t["verdict"]) for t in pm["tips"]
    ]
    # the second incident's post-mortem was not run
    assert current[1]["post_mortem"]["exists"] is False
    # the previous quarter's incident was found by detection alone
    (may,) = [i for i in card["incidents"] if i["quarter"] == "previous"]
    assert may["source"] == "detected" and may["onset"].startswith("2026-05-19")


def test_the_html(run, card, post_mortem):
    html = (run / "report.html").read_text(encoding="utf-8")
    for heading in (
        "Key figures against the previous quarter",
        "Weekly trends by platform",
        "Incidents",
        "Post-mortems of the quarter",
        "Quiet periods and incidents",
        "Topic drivers",
        "What each incident was about",
        "Voices",
        "Share of voice",
        "Data and method",
    ):
        assert heading in html, heading
    assert "Q3 2026" in html and "Q2 2026" in html
    assert f"{_m(card, 'volume.mentions', quarter='current')['value']:,}" in html
    assert f"{_m(card, 'volume.mentions', quarter='previous')['value']:,}" in html
    assert "Fjordnett fibre outage in Western Norway, August 2026" in html
    link = f'href="../{post_mortem.name}/report.html"'
    assert link in html.replace("'", '"')
    assert "was not run" in html
    pm = json.loads((post_mortem / "scorecard.json").read_text())
    for t in pm["tips"]:
        assert t["title"] in html
    assert html.count("data:image/svg+xml;base64,") >= 8
    assert not re.search(r"<script[^>]*src=.http", html)  # opens offline
    assert "params_path" not in html  # no code, no parameters cell


def test_rerun_gives_the_same_figures_and_a_failed_run_keeps_the_report(
    run, card, quarterly_params
):
    params = load_quarterly_params(quarterly_params)
    seen = []
    run_quarterly(params, quarterly_params, run, before_publish=lambda d: seen.append(d.name))
    assert seen and seen[0].startswith(f".{run.name}.tmp-")
    again = json.loads((run / "scorecard.json").read_text())
    assert again["measures"] == card["measures"]
    assert again["incidents"] == card["incidents"]
    before = (run / "scorecard.json").read_bytes()

    def gate(folder: Path) -> None:
        raise RuntimeError("median first response over 1 h")

    with pytest.raises(RunFailed) as info:
        run_quarterly(params, quarterly_params, run, before_publish=gate)
    assert "median first response over 1 h" in str(info.value)
    assert (run / "scorecard.json").read_bytes() == before
    assert (info.value.kept / "report.ipynb").is_file()


def test_quarterly_report_and_index_in_headless_chromium(run, post_mortem, outputs, chromium):
    from browser import open_offline

    from toolkit.site_index import build_index

    check = open_offline(chromium, run / "report.html", run.parent / "quarterly.png")
    assert check.outside_requests == [] and check.errors == [] and check.dialogs == []
    assert len(check.images) == len(list((run / "charts").glob("*.svg"))) == 8
    assert all(done and width > 200 and alt for done, width, alt in check.images), check.images
    for heading in (
        "Key figures against the previous quarter",
        "Weekly trends by platform",
        "Incidents",
        "Quiet periods and incidents",
        "Topic drivers",
        "Voices",
        "Share of voice",
        "Data and method",
    ):
        assert heading in check.headings, heading
    pm_links = [u for u in check.links if u.endswith(f"/{post_mortem.name}/report.html")]
    assert pm_links and all(Path(u.removeprefix("file://")).is_file() for u in pm_links)

    index = build_index(outputs)
    check = open_offline(chromium, index, outputs.parent / "index.png")
    assert check.outside_requests == [] and check.errors == []
    targets = {Path(u.removeprefix("file://")) for u in check.links}
    assert {run / "report.html", post_mortem / "report.html"} <= targets
