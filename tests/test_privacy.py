"""`privacy: pseudonymise` — keyed pseudonyms everywhere, brand readable, figures unchanged.

Unit cases are hand-made (the expected pseudonym is recomputed here from its stated
definition); the end-to-end case runs the real notebook on the demo incident and
searches every output file — Parquet and DuckDB through their readers as well as the raw
bytes — for every customer's original id and handle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml

from toolkit import findings, postmortem, privacy
from toolkit.cli import main
from toolkit.loaders import load_inputs
from toolkit.params import ParamsError, validate_params
from toolkit.store import finalize_mentions, open_store

ROOT = Path(__file__).resolve().parent.parent
KEY = b"test-key-0123456789abcdef"


def expected(platform: str, author_id: str, key: bytes = KEY) -> str:
    salt = key.hex() + "\x1f"
    digest = hashlib.sha256(f"{salt}{platform}\x1f{author_id}".encode()).hexdigest()
    return "user-" + digest[:12]


def _store(rows: list[tuple]) -> duckdb.DuckDBPyConnection:
    con = open_store()
    t0 = dt.datetime(2026, 3, 9, 8, 0)
    for i, (platform, mid, parent, author_id, name, is_brand, text) in enumerate(rows):
        con.execute(
            "INSERT INTO _loaded VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL,"
            " NULL, 'f.csv', ?, NULL, NULL)",
            [
                platform,
                mid,
                parent,
                author_id,
                name,
                is_brand,
                "post" if parent is None else "reply",
                t0 + dt.timedelta(minutes=i),
                text,
                i + 1,
            ],
        )
    finalize_mentions(con, {"twitter": ["BrandHelp"], "facebook": ["999"]})
    return con


ROWS = [
    ("twitter", "1", None, "501", "kari_n93", False, "@BrandHelp my line is dead\nagain 📵"),
    ("twitter", "2", "1", "BrandHelp", "BrandHelp", True, "@kari_n93 Hi Kari, sorry! /Ola"),
    ("twitter", "3", "1", "502", "bob", False, "@kari_n93 same here @bobby @bob. mail a@b.no"),
    ("twitter", "4", None, "503", "bobby", False, "@BRANDHELP why? Kari is not in this thread"),
    ("facebook", "f1", None, "7001", "Kari Nordmann", False, "Where is my refund?"),
    ("facebook", "f2", "f1", "999", "Brand", True, "Hi Kari! Refunds on the way. Kari Nordmann"),
]


def _texts(con) -> dict[str, str]:
    return dict(con.execute("SELECT mention_id, text FROM mentions").fetchall())


def test_ids_names_and_handles_are_replaced_exactly_brand_stays() -> None:
    con = _store(ROWS)
    counts = privacy.pseudonymise(con, {"twitter": ["BrandHelp"], "facebook": ["999"]}, KEY)
    kari, bob, bobby = (expected("twitter", i) for i in ("501", "502", "503"))
    fb_kari = expected("facebook", "7001")
    authors = dict(con.execute("SELECT mention_id, author_id FROM mentions").fetchall())
    names = dict(con.execute("SELECT mention_id, author_name FROM mentions").fetchall())
    assert authors == {"1": kari, "2": "BrandHelp", "3": bob, "4": bobby, "f1": fb_kari,
                       "f2": "999"}  # fmt: skip
    assert names["1"] == kari and names["2"] == "BrandHelp" and names["f2"] == "Brand"
    texts = _texts(con)
    # newlines and emoji survive; the brand's handle is not touched, in any case
    assert texts["1"] == "@BrandHelp my line is dead\nagain 📵"
    # "Kari" is the customer's name in her own thread: replaced; the staff signature stays
    assert texts["2"] == f"@{kari} Hi {kari}, sorry! /Ola"
    # @bob and @bobby are different people; the trailing full stop stays; an e-mail's
    # domain is a handle-shaped token with no author: pseudonymised as a handle
    handle_b = "user-" + hashlib.sha256(f"{KEY.hex()}\x1fhandle\x1fb.no".encode()).hexdigest()[:12]
    assert texts["3"] == f"@{kari} same here @{bobby} @{bob}. mail a@{handle_b}"
    # outside Kari's conversation, the word "Kari" is anybody: kept
    assert texts["4"] == "@BRANDHELP why? Kari is not in this thread"
    assert texts["f2"] == f"Hi {fb_kari}! Refunds on the way. {fb_kari}"
    assert counts == {"authors": 4, "handles": 4}  # @kari_n93 @bobby @bob @b.no


def test_same_key_same_pseudonyms_other_key_others() -> None:
    a, b, c = _store(ROWS), _store(ROWS), _store(ROWS)
    privacy.pseudonymise(a, {"twitter": ["BrandHelp"]}, KEY)
    privacy.pseudonymise(b, {"twitter": ["BrandHelp"]}, KEY)
    privacy.pseudonymise(c, {"twitter": ["BrandHelp"]}, b"another-key-0123456789")
    q = "SELECT mention_id, author_id, text FROM mentions ORDER BY mention_id"
    assert a.execute(q).fetchall() == b.execute(q).fetchall()
    assert dict((r[0], r[1]) for r in c.execute(q).fetchall())["1"] != expected("twitter", "501")


def test_rejected_raw_is_withheld_and_reasons_scrubbed() -> None:
    con = _store(ROWS)
    con.execute(
        "INSERT INTO rejected VALUES ('f.csv', 7, 8, 'created_at', "
        "'created_at|not a recognised date-time: @kari_n93 hello', '7,@kari_n93,hello')"
    )
    privacy.pseudonymise(con, {"twitter": ["BrandHelp"]}, KEY)
    ((reason, raw),) = con.execute("SELECT reason, raw FROM rejected").fetchall()
    assert raw == privacy.WITHHELD
    assert reason == f"created_at|not a recognised date-time: @{expected('twitter', '501')} hello"


def test_tokens_partition_any_text() -> None:
    """With nothing to replace, the token pass gives back every text unchanged."""
    texts = pl.DataFrame(
        {
            "platform": ["x"] * 5,
            "conversation_id": ["c"] * 5,
            "text": ["", "@", "a@@b\r\n\t@_ x", "שלום @עדי 👋🏽 ", "é\u0000ü..@-"],
        }
    )
    empty = pl.DataFrame(schema={"token": pl.String, "replacement": pl.String})
    no_names = pl.DataFrame(schema={"author_name": pl.String, "pseudonym": pl.String})
    no_parts = pl.DataFrame(
        schema=dict.fromkeys(("platform", "conversation_id", "_key", "_part"), pl.String)
    )
    out = privacy.scrub_texts(texts, empty, no_names, no_parts)
    assert out.to_list() == texts["text"].to_list()


def test_missing_key_is_a_parameters_error(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("CRISIS_PSEUDONYM_KEY", raising=False)
    data = yaml.safe_load((ROOT / "parameters" / "demo.yaml").read_text())
    data["privacy"] = "pseudonymise"
    with pytest.raises(ParamsError) as err:
        validate_params(data, base_dir=ROOT / "parameters", check_files=False)
    assert "field `privacy`" in str(err.value) and "CRISIS_PSEUDONYM_KEY" in str(err.value)
    key_file = tmp_path / "key"
    key_file.write_text("short")
    data["privacy"] = {"mode": "pseudonymise", "key_file": str(key_file)}
    with pytest.raises(ParamsError, match="at least 16 characters in the key file"):
        validate_params(data, base_dir=ROOT / "parameters", check_files=False)
    data["privacy"] = {"mode": "hide"}
    with pytest.raises(ParamsError, match=r"privacy\.mode"):
        validate_params(data, base_dir=ROOT / "parameters", check_files=False)


# --- the demo incident, end to end --------------------------------------------------------


def _demo_params(folder: Path, extra: bool) -> Path:
    """The demo's parameters with privacy on and absolute paths (optionally one more file)."""
    data = yaml.safe_load((ROOT / "parameters" / "demo.yaml").read_text())
    data["privacy"] = "pseudonymise"
    for m in data["inputs"]["mentions"]:
        m["path"] = str((ROOT / "parameters" / m["path"]).resolve())
    for k, v in data["inputs"]["events"].items():
        data["inputs"]["events"][k] = str((ROOT / "parameters" / v).resolve())
    data["playbook"] = str(ROOT / "parameters" / data["playbook"])
    data["demo_data"] = str((ROOT / "parameters" / data["demo_data"]).resolve())
    # one more export with a good and a broken record, both naming a customer
    if not extra:
        path = folder / "private.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True))
        return path
    extra_file = folder / "extra_x.csv"
    extra_file.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "900001,secretcustomer1,True,Mon Mar 09 10:00:00 +0000 2026,"
        "@FjordnettHelp no signal here @secret_handle_zz,,\n"
        "900002,secretcustomer1,True,yesterday-ish,@secret_handle_zz agreed,,\n"
    )
    data["inputs"]["mentions"].append(
        {"path": str(extra_file), "format": "twcs", "platform": "twitter"}
    )
    path = folder / "private_extra.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


@pytest.fixture(scope="module")
def private_params(tmp_path_factory) -> Path:
    return _demo_params(tmp_path_factory.mktemp("private"), extra=True)


@pytest.fixture(scope="module")
def key_env():
    mp = pytest.MonkeyPatch()
    mp.setenv("CRISIS_PSEUDONYM_KEY", KEY.decode())
    yield
    mp.undo()


def _customers(params_path: Path) -> tuple[set[str], set[str]]:
    """Every customer id and name in the original inputs; the brand's staff names (reply
    signatures, escalation owners, moderators), which stay readable by design."""
    data = yaml.safe_load(params_path.read_text())
    data.pop("privacy")
    params = validate_params(data, base_dir=params_path.parent)
    con = open_store()
    load_inputs(con, params, base=params_path.parent)
    finalize_mentions(con, params.incident.accounts)
    ids = con.execute("SELECT DISTINCT author_id, author_name FROM mentions WHERE NOT is_brand")
    needles = {v for row in ids.fetchall() for v in row if v and len(v) >= 4}
    brand_texts = [t for (t,) in con.execute("SELECT text FROM mentions WHERE is_brand").fetchall()]
    staff = {m for t in brand_texts for m in re.findall(r"/(\w+)\s*$", t)}
    staff_rows = con.execute(
        "SELECT owner FROM escalations UNION ALL SELECT moderator FROM moderation"
    ).fetchall()
    staff |= {w for (who,) in staff_rows if who for w in re.findall(r"\w+", who)}
    return needles, staff


def _readable_text(path: Path) -> str:
    """What a person could read out of the file: strings through the file's own reader."""
    if path.suffix == ".parquet":
        df = pl.read_parquet(path).select(pl.col(pl.String))
        return "\n".join(v for c in df.columns for v in df[c].drop_nulls().to_list())
    if path.suffix == ".duckdb":
        con = duckdb.connect(str(path), read_only=True)
        parts = []
        tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        for (table,) in tables:
            df = con.sql(f'SELECT * FROM "{table}"').pl().select(pl.col(pl.String))
            parts += [v for c in df.columns for v in df[c].drop_nulls().to_list()]
        con.close()
        return "\n".join(parts) + path.read_bytes().decode("utf-8", "replace")
    text = html.unescape(path.read_bytes().decode("utf-8", "replace"))
    # Run times are not data: Papermill stamps every cell with start/end times and a
    # duration, run.json its start and end, to the microsecond. A six-digit customer id
    # matched "...T19:03:21.240515Z" in about one run in eight (a false leak).
    text = re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+(?:Z|[+-]\d{2}:?\d{2})?", " ", text)
    return re.sub(r'"duration": [0-9.e-]+', " ", text)


def test_no_customer_id_or_handle_in_any_output(private_params, key_env, tmp_path) -> None:
    out = tmp_path / "report"
    assert main(["review", str(private_params), "-o", str(out)]) == 0
    needles, staff = _customers(private_params)
    assert {"secretcustomer1", "secret_handle_zz"} <= needles | {"secret_handle_zz"}
    needles.add("secret_handle_zz")  # written in posts only, never an author
    assert len(needles) > 1000  # the demo's customers: the search has something to find
    leaks: dict[str, list[str]] = {}
    files = [f for f in out.rglob("*") if f.is_file()]
    assert {"report.html", "report.ipynb", "scorecard.json", "incident.duckdb", "rejected.csv"} <= {
        f.name for f in files
    }
    for f in files:
        text = _readable_text(f)
        words = set(re.findall(r"[\w-]+", text))
        for n in needles - staff:
            hit = (n in text) if re.search(r"[^\w-]", n) else (n in words)
            if hit:
                leaks.setdefault(str(f.relative_to(out)), []).append(n)
    assert leaks == {}
    report = (out / "report.html").read_text()
    assert "Customers are pseudonymised" in report and "user-" in report
    assert "FjordnettHelp" in report  # the brand stays readable
    rejected = pl.read_csv(out / "rejected.csv")
    assert rejected.height == 1 and set(rejected["raw"].drop_nulls()) == {privacy.WITHHELD}


def test_figures_are_the_same_with_and_without_pseudonyms(key_env, tmp_path):
    def measures(params_path: Path, out: Path) -> dict:
        ctx = postmortem.prepare(params_path, out)
        card = findings.build_scorecard(ctx, postmortem.analyse(ctx)).to_dict()
        ctx.con.close()
        values = {(m["id"], str(sorted(m["group"].items()))): m["value"] for m in card["measures"]}
        verdicts = [(t["tip"], t["verdict"], t["score"]) for t in card["tips"]]
        return {"values": values, "verdicts": verdicts, "privacy": card["incident"]["privacy"]}

    private = measures(_demo_params(tmp_path, extra=False), tmp_path / "a")
    public = measures(ROOT / "parameters" / "demo.yaml", tmp_path / "b")
    assert private["privacy"] == "pseudonymise" and public["privacy"] == "none"
    differing = {
        k: (v, public["values"].get(k)) for k, v in private["values"].items()
        if public["values"].get(k) != v
    }  # fmt: skip
    assert differing == {}
    assert private["verdicts"] == public["verdicts"]


def test_key_from_a_file(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("CRISIS_PSEUDONYM_KEY", raising=False)
    key_file = tmp_path / "pseudonym.key"
    key_file.write_text(KEY.decode() + "\n")
    data = yaml.safe_load((ROOT / "parameters" / "demo.yaml").read_text())
    data["privacy"] = {"mode": "pseudonymise", "key_file": str(key_file)}
    params = validate_params(data, base_dir=ROOT / "parameters", check_files=False)
    assert params.privacy.key() == KEY


def test_quarterly_report_with_competitors_leaks_no_customer(key_env, tmp_path) -> None:
    """The quarterly report pseudonymises too — the brand's customers and the competitors'."""
    from toolkit import demo_quarter
    from toolkit.quarterly.params import validate_quarterly

    params_file = ROOT / "parameters" / "demo_quarter.yaml"
    demo_quarter.ensure(ROOT / "data" / "demo_quarter")
    data = yaml.safe_load(params_file.read_text())
    data.pop("demo_data", None)
    for m in data["inputs"]["mentions"]:
        m["path"] = str((params_file.parent / m["path"]).resolve())
    for c in data.get("competitors", []):
        for m in c["inputs"]:
            m["path"] = str((params_file.parent / m["path"]).resolve())
    for i in data["incidents"]:
        i["post_mortem"] = str(tmp_path / "not-run")
    needles: set[str] = set()
    plain = validate_quarterly(data, base_dir=tmp_path)
    for params in (
        plain.loading_params(),
        *[plain.competitor_loading_params(c) for c in plain.competitors],
    ):
        con = open_store()
        load_inputs(con, params)
        finalize_mentions(con, params.incident.accounts)
        rows = con.execute(
            "SELECT DISTINCT author_id, author_name FROM mentions WHERE NOT is_brand"
        ).fetchall()
        needles |= {v for row in rows for v in row if v and len(v) >= 4}
    assert len(needles) > 5000 and plain.competitors
    data["privacy"] = "pseudonymise"
    path = tmp_path / "quarter.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    out = tmp_path / "q"
    assert main(["quarterly", str(path), "-o", str(out), "-q"]) == 0
    leaks: dict[str, list[str]] = {}
    for f in (f for f in out.rglob("*") if f.is_file()):
        text = _readable_text(f)
        words = set(re.findall(r"[\w-]+", text))
        for n in needles:
            if (n in text) if re.search(r"[^\w-]", n) else (n in words):
                leaks.setdefault(str(f.relative_to(out)), []).append(n)
    assert leaks == {}
    assert "Customers are pseudonymised" in (out / "report.html").read_text()
