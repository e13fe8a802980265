"""Gates (CI thresholds): parsing what an analyst writes, and judging hand-made scorecards."""

from __future__ import annotations

import json

import pytest

from toolkit.gates import Gate, GateRecorder, Limit, evaluate, problems
from toolkit.params import ParamsError, validate_params

BASE = {
    "incident": {"name": "T", "brand": "B", "accounts": {"twitter": ["BHelp"]}},
    "inputs": {"mentions": [{"path": "x.csv", "format": "twcs"}]},
}


def _gates(*raw: dict) -> list[Gate]:
    return list(validate_params({**BASE, "gates": list(raw)}, check_files=False).gates)


def _m(mid: str, value, unit: str, group: dict | None = None, **kw) -> dict:
    status = "ok" if value is not None else "not_assessable"
    return {
        "id": mid,
        "label": kw.get("label", mid),
        "value": value,
        "unit": unit,
        "status": status,
        "reason": kw.get("reason"),
        "group": group or {},
    }


CARD = {
    "measures": [
        _m("frt.median", 4440.0, "seconds", label="Median first response time"),
        _m(
            "frt.median",
            600.0,
            "seconds",
            {"platform": "twitter"},
            label="Median first response time",
        ),
        _m("frt.p90", None, "seconds", reason="fewer than 10 % answered"),
        _m("response_rate.ever", 0.72, "share", {"unit": "episode"}, label="Response rate (ever)"),
        _m("response_rate.ever", 0.90, "share", {"unit": "author"}, label="Response rate (ever)"),
        _m("response_rate.within_1h", 0.38, "share", {"unit": "episode"}),
        _m("volume.mentions", 1200, "count", label="Mentions loaded"),
        _m("recovery.recovered", False, "boolean", label="Recovered to baseline"),
    ],
    "tips": [
        {"tip": 1, "title": "Have a social media policy", "verdict": "met"},
        {"tip": 2, "title": "Have an escalation plan", "verdict": "partly met"},
        {"tip": 3, "title": "Plan for the worst", "verdict": "not assessable"},
        {"tip": 4, "title": "React quickly", "verdict": "missed"},
        {"tip": 5, "title": "Don't blame others", "verdict": "met"},
    ],
}


@pytest.mark.parametrize(
    ("written", "kind", "value"),
    [
        ("45 s", "duration", 45),
        ("60 min", "duration", 3600),
        ("60min", "duration", 3600),
        ("2 h", "duration", 7200),
        ("1.5 hours", "duration", 5400),
        ("1 d", "duration", 86400),
        ("80%", "share", 0.8),
        ("12.5 %", "share", 0.125),
        (0.8, "number", 0.8),
        (10, "number", 10),
        ("10", "number", 10),
    ],
)
def test_limits_parse_durations_shares_and_numbers(written, kind, value):
    limit = Limit.parse(written)
    assert limit.kind == kind
    assert limit.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("gate", "field", "words"),
    [
        ({"measure": "frt.median", "max": "60 minutes please"}, "gates.0.max", "45 s"),
        ({"measure": "frt.median", "max": "2 fortnights"}, "gates.0.max", "unknown time unit"),
        ({"measure": "frt.median", "min": "120%"}, "gates.0.min", "more than 100%"),
        ({"measure": "frt.median", "max": True}, "gates.0.max", "is not a limit"),
        ({"measure": "frt.median"}, "gates.0", "give `max:`"),
        ({"mesure": "frt.median", "max": "1 h"}, "gates.0.mesure", "unknown field"),
        ({"measure": "frt median", "max": "1 h"}, "gates.0.measure", "not a measure id"),
        ({"tips": [7]}, "gates.0.tips", "numbered 1 to 5"),
        ({"tips": "never"}, "gates.0.tips", "tips: not missed"),
        ({"tips": "not missed", "max": "1 h"}, "gates.0", "a tips gate takes"),
        ({"measure": "frt.median", "tips": "not missed", "max": 1}, "gates.0", "not both"),
        ({}, "gates.0", "a gate needs `measure:`"),
        ({"measure": "x.y", "min": "2 h", "max": "1 h"}, "gates.0", "min is above max"),
        (
            {"measure": "x.y", "max": "1 h", "if_not_assessable": "ok"},
            "gates.0.if_not_assessable",
            "'breach'",
        ),
    ],
)
def test_bad_gates_name_the_field_and_what_is_allowed(gate, field, words):
    with pytest.raises(ParamsError) as info:
        _gates(gate)
    text = str(info.value)
    assert f"field `{field}`" in text, text
    assert words in text, text


def test_a_gate_that_is_not_a_mapping_says_how_to_write_one():
    with pytest.raises(ParamsError, match=r"field `gates.0`: 'frt.median < 60 min': a gate is"):
        _gates("frt.median < 60 min")  # type: ignore[arg-type]


def test_gates_round_trip_through_run_json_as_written():
    raw = [
        {"measure": "frt.median", "max": "60 min", "if_not_assessable": "breach"},
        {"measure": "response_rate.within_1h", "group": {"unit": "episode"}, "min": "80%"},
        {"tips": "not missed"},
        {"tips": [4, 5], "at_least": "met"},
    ]
    params = validate_params({**BASE, "gates": raw}, check_files=False)
    dumped = params.to_jsonable()["gates"]
    assert dumped == raw
    again = validate_params({**BASE, "gates": json.loads(json.dumps(dumped))}, check_files=False)
    assert again.gates == params.gates


def test_no_gates_is_the_default():
    assert validate_params(BASE, check_files=False).gates == []


def _one(gate: dict, card: dict = CARD) -> dict:
    result = evaluate(_gates(gate), card)
    assert len(result["results"]) == 1
    return result["results"][0]


def test_duration_breach_reads_as_a_sentence():
    r = _one({"measure": "frt.median", "max": "60 min"})
    assert r["outcome"] == "breach"
    assert r["detail"] == "median first response time 74 min is above the limit of 60 min"
    assert r["value"] == 4440.0 and r["limit"] == {"max": 3600.0}
    assert r["gate"] == {"measure": "frt.median", "max": "60 min"} and r["group"] == {}


def test_pass_within_limit_and_group_selects_the_slice():
    r = _one({"measure": "frt.median", "group": {"platform": "twitter"}, "max": "15 min"})
    assert r["outcome"] == "pass", r
    assert r["value"] == 600.0 and r["group"] == {"platform": "twitter"}
    assert "10 min" in r["detail"] and "platform twitter" in r["detail"]


def test_limit_is_inclusive():
    assert _one({"measure": "frt.median", "max": "74 min"})["outcome"] == "pass"
    assert _one({"measure": "volume.mentions", "min": 1200})["outcome"] == "pass"


def test_share_gates_accept_percent_and_fraction():
    assert _one({"measure": "response_rate.ever", "min": "70%"})["outcome"] == "pass"
    r = _one({"measure": "response_rate.ever", "min": 0.8})
    assert r["outcome"] == "breach"
    assert "72% is below the minimum of 80%" in r["detail"]


def test_response_rates_default_to_the_episode_unit_and_window_aliases_work():
    r = _one({"measure": "response_rate.ever", "min": "50%"})
    assert r["group"] == {"unit": "episode"} and r["value"] == 0.72
    r = _one({"measure": "response_rate.within_60m", "min": "50%"})
    assert r["measure"] == "response_rate.within_1h"
    assert r["outcome"] == "breach"
    author = _one({"measure": "response_rate.ever", "group": {"unit": "author"}, "min": "85%"})
    assert author["outcome"] == "pass" and author["value"] == 0.9


def test_not_assessable_is_not_a_breach_unless_asked():
    r = _one({"measure": "frt.p90", "max": "2 h"})
    assert r["outcome"] == "not assessable"
    assert "fewer than 10 % answered" in r["detail"]
    result = evaluate(_gates({"measure": "frt.p90", "max": "2 h"}), CARD)
    assert result["status"] == "pass" and problems(result) == []
    strict = _one({"measure": "frt.p90", "max": "2 h", "if_not_assessable": "breach"})
    assert strict["outcome"] == "breach"


def test_unknown_measure_is_a_gate_problem_not_a_crash():
    result = evaluate(_gates({"measure": "frt.medain", "max": "1 h"}), CARD)
    r = result["results"][0]
    assert r["outcome"] == "unknown measure"
    assert "did you mean frt.median" in r["detail"]
    assert result["status"] == "breach"  # a gate that cannot be checked must not pass CI
    grp = _one({"measure": "frt.median", "group": {"platform": "tiktok"}, "max": "1 h"})
    assert grp["outcome"] == "unknown measure" and '{"platform": "twitter"}' in grp["detail"]


def test_a_bare_number_on_a_duration_is_a_unit_problem():
    r = _one({"measure": "frt.median", "max": 60})
    assert r["outcome"] == "wrong unit"
    assert "'60 min'" in r["detail"]
    assert _one({"measure": "volume.mentions", "max": "2 h"})["outcome"] == "wrong unit"
    assert _one({"measure": "response_rate.ever", "min": 80})["outcome"] == "wrong unit"


def test_boolean_measures_use_equals():
    r = _one({"measure": "recovery.recovered", "equals": True})
    assert r["outcome"] == "breach" and "recovered to baseline is false" in r["detail"]
    assert _one({"measure": "recovery.recovered", "equals": False})["outcome"] == "pass"


def test_tips_not_missed():
    r = _one({"tips": "not missed"})
    assert r["outcome"] == "breach"
    assert r["detail"].startswith("tip 4 (React quickly) is missed")
    assert r["value"]["4"] == "missed" and r["measure"] == "tips"
    assert _one({"tips": [1, 2, 5]})["outcome"] == "pass"
    assert _one({"tips": [1, 2], "at_least": "met"})["outcome"] == "breach"
    assert _one({"tips": [3]})["outcome"] == "not assessable"
    assert _one({"tips": [3], "if_not_assessable": "breach"})["outcome"] == "breach"


def test_tips_absent_from_the_scorecard_are_not_assessable():
    r = _one({"tips": "not missed"}, {"measures": []})
    assert r["outcome"] == "not assessable"


def test_status_is_breach_when_any_gate_breaches():
    gates = _gates(
        {"measure": "frt.median", "max": "2 h"},
        {"measure": "volume.mentions", "max": 1000},
        {"tips": [1, 5]},
    )
    result = evaluate(gates, CARD)
    assert result["status"] == "breach"
    assert [r["outcome"] for r in result["results"]] == ["pass", "breach", "pass"]
    assert problems(result) == ["mentions loaded 1 200 is above the limit of 1 000"]


def test_the_recorder_writes_gates_into_the_scorecard(tmp_path):
    (tmp_path / "scorecard.json").write_text(json.dumps(CARD))
    recorder = GateRecorder(_gates({"measure": "frt.median", "max": "60 min"}))
    recorder(tmp_path)
    card = json.loads((tmp_path / "scorecard.json").read_text())
    assert card["gates"]["status"] == "breach"
    assert card["gates"] == recorder.evaluation
    assert card["measures"] == CARD["measures"]


def test_the_recorder_leaves_a_scorecard_alone_without_gates(tmp_path):
    (tmp_path / "scorecard.json").write_text("{}")
    recorder = GateRecorder([])
    recorder(tmp_path)
    assert (tmp_path / "scorecard.json").read_text() == "{}"
    assert recorder.evaluation is None


def test_the_recorder_reports_an_unreadable_scorecard_as_a_gate_problem(tmp_path):
    (tmp_path / "scorecard.json").write_text("{not json")
    recorder = GateRecorder(_gates({"measure": "frt.median", "max": "60 min"}))
    recorder(tmp_path)
    assert recorder.evaluation["status"] == "breach"
    assert "could not be read" in recorder.evaluation["results"][0]["detail"]
