"""Progress lines travel from the notebook's kernel (a file) to the CLI's stderr."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from toolkit import progress
from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_follow_passes_whole_lines_in_order(tmp_path) -> None:
    got: list[str] = []
    progress.set_sink(got.append)
    try:
        timings: dict[str, float] = {}

        def kernel() -> None:
            for name in ("load", "sentiment"):
                with progress.stage(tmp_path, name, timings):
                    time.sleep(0.05)
            with (tmp_path / progress.FILE).open("a") as fh:
                fh.write("half a li")  # not yet a line: must not be shown

        with progress.follow(tmp_path, poll_s=0.01):
            worker = threading.Thread(target=kernel)
            worker.start()
            worker.join()
    finally:
        progress.set_sink(None)
    shown = [line.split("] ", 1)[1] for line in got]
    assert shown[0] == "load ..." and shown[2] == "sentiment ..."
    assert shown[1].startswith("load done in") and shown[3].startswith("sentiment done in")
    assert len(shown) == 4 and set(timings) == {"load", "sentiment"}


def test_review_shows_its_stages_and_publishes_no_progress_file(tmp_path, capsys) -> None:
    out = tmp_path / "report"
    assert main(["review", str(ROOT / "parameters" / "demo.yaml"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    for expected in ("starting the notebook", "load done in", "tips done in", "exporting the"):
        assert expected in err, err
    assert not (out / progress.FILE).exists()
    progress.set_sink(None)


def test_quiet_shows_nothing(tmp_path, capsys) -> None:
    csv = tmp_path / "x.csv"
    csv.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,a,True,Mon Mar 09 10:00:00 +0000 2026,hello,,\n"
    )
    assert main(["ingest", str(csv), "--db", str(tmp_path / "x.duckdb"), "-q"]) == 0
    assert "reading" not in capsys.readouterr().err
    assert main(["ingest", str(csv), "--db", str(tmp_path / "x.duckdb")]) == 0
    assert "reading x.csv (twcs)" in capsys.readouterr().err
    progress.set_sink(None)
