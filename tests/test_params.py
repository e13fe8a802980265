"""Parameter validation: every problem named by field, in words a user can act on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from toolkit.params import ParamsError, load_params, validate_params
from toolkit.playbook import load_playbook


def _base(tmp_path: Path) -> dict:
    (tmp_path / "x.csv").write_text("a\n1\n")
    return {
        "incident": {"name": "Test incident", "brand": "B", "accounts": {"twitter": ["BHelp"]}},
        "inputs": {"mentions": [{"path": "x.csv", "format": "twcs"}]},
    }


def _problems(data: dict, tmp_path: Path) -> list[str]:
    with pytest.raises(ParamsError) as info:
        validate_params(data, source="p.yaml", base_dir=tmp_path)
    return info.value.problems


def test_minimal_parameters_are_valid_and_paths_resolve(tmp_path):
    p = validate_params(_base(tmp_path), base_dir=tmp_path)
    assert p.inputs.mentions[0].path == (tmp_path / "x.csv").resolve()
    assert p.incident.slug == "test-incident"
    assert p.report.timezone == "UTC"


def test_missing_file_is_named(tmp_path):
    data = _base(tmp_path)
    data["inputs"]["mentions"][0]["path"] = "nope.csv"
    (problem,) = _problems(data, tmp_path)
    assert "inputs.mentions.0.path" in problem and "nope.csv" in problem


def test_unknown_field_is_named(tmp_path):
    data = _base(tmp_path)
    data["timeline"] = {"z_treshold": 3}
    (problem,) = _problems(data, tmp_path)
    assert "timeline.z_treshold" in problem and "unknown field" in problem


def test_wrong_type_and_bad_date_and_bad_zone_are_all_reported_at_once(tmp_path):
    data = _base(tmp_path)
    data["timeline"] = {"min_count": "many", "onset": "last tuesday"}
    data["report"] = {"timezone": "Mars/Olympus"}
    problems = _problems(data, tmp_path)
    joined = "\n".join(problems)
    assert len(problems) == 3, joined
    assert "timeline.min_count" in joined
    assert "'last tuesday' is not a date-time" in joined
    assert "report.timezone" in joined and "Mars/Olympus" in joined


def test_naive_fixed_onset_is_read_in_the_report_zone(tmp_path):
    data = _base(tmp_path)
    data["report"] = {"timezone": "Europe/Oslo"}
    data["timeline"] = {"onset": "2026-03-09T08:00:00", "end": "2026-07-01 12:00"}
    p = validate_params(data, base_dir=tmp_path)
    # Oslo is UTC+1 in March (winter time) and UTC+2 in July (summer time).
    assert p.timeline.onset == dt.datetime(2026, 3, 9, 7, 0, tzinfo=dt.UTC)
    assert p.timeline.end == dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)


def test_end_before_onset_is_refused(tmp_path):
    data = _base(tmp_path)
    data["timeline"] = {"onset": "2026-03-09T08:00:00+00:00", "end": "2026-03-08T08:00:00+00:00"}
    (problem,) = _problems(data, tmp_path)
    assert "end must be after" in problem


def test_generic_format_requires_a_mapping_of_the_core_fields(tmp_path):
    data = _base(tmp_path)
    data["inputs"]["mentions"][0] = {
        "path": "x.csv",
        "format": "generic",
        "mapping": {"mention_id": "id", "text": "body"},
    }
    (problem,) = _problems(data, tmp_path)
    assert "created_at" in problem and "author_id" in problem


def test_mapping_to_unknown_canonical_field_is_refused(tmp_path):
    data = _base(tmp_path)
    data["inputs"]["mentions"][0] = {
        "path": "x.csv",
        "format": "generic",
        "mapping": {
            "mention_id": "id",
            "created_at": "t",
            "text": "x",
            "author_id": "a",
            "likes": "l",
        },
    }
    (problem,) = _problems(data, tmp_path)
    assert "likes" in problem and "allowed" in problem


def test_unknown_platform_in_accounts(tmp_path):
    data = _base(tmp_path)
    data["incident"]["accounts"] = {"myspace": ["x"]}
    (problem,) = _problems(data, tmp_path)
    assert "incident.accounts" in problem and "myspace" in problem


def test_business_hours_span_is_checked(tmp_path):
    data = _base(tmp_path)
    data["measures"] = {
        "business_hours": {"timezone": "Europe/Oslo", "weekly": {"mon": "20:00-08:00"}}
    }
    (problem,) = _problems(data, tmp_path)
    assert "measures.business_hours.weekly" in problem and "20:00-08:00" in problem


def test_load_params_reports_bad_yaml_and_non_mapping(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("incident: [unclosed\n")
    with pytest.raises(ParamsError, match="not valid YAML"):
        load_params(bad)
    listy = tmp_path / "list.yaml"
    listy.write_text("- a\n- b\n")
    with pytest.raises(ParamsError, match="mapping of fields"):
        load_params(listy)
    with pytest.raises(ParamsError, match="not found"):
        load_params(tmp_path / "missing.yaml")


def test_example_parameter_files_validate(tmp_path):
    from toolkit.quarterly import is_quarterly, validate_quarterly

    root = Path(__file__).resolve().parents[1]
    files = sorted([*root.glob("parameters/**/*.yaml"), *root.glob("reports/*.yaml")])
    assert len(files) >= 8
    for path in files:
        if path.name.endswith("_playbook.yaml"):
            load_playbook(path)
            continue
        data = yaml.safe_load(path.read_text())
        if is_quarterly(data):
            validate_quarterly(data, source=str(path), base_dir=path.parent, check_files=False)
        else:
            validate_params(data, source=str(path), base_dir=path.parent, check_files=False)


def test_extra_language_markers_are_checked(tmp_path):
    data = _base(tmp_path)
    data["language"] = {"extra_markers": {"en": {"apology": ["(oops"]}}}
    (problem,) = _problems(data, tmp_path)
    assert "language.extra_markers" in problem and "(oops" in problem
    data["language"] = {"extra_markers": {"no": {"grovelling": ["x"]}}}
    (problem,) = _problems(data, tmp_path)
    assert "grovelling" in problem and "apology" in problem
    data["language"] = {"extra_markers": {"no": {"scapegoat": [r"\bentreprenøren\b"]}}}
    assert validate_params(data, base_dir=tmp_path).language.extra_markers["no"]
