"""Progress of a long run, from inside the notebook's kernel to the terminal running it.

The notebook runs in a separate kernel process, so its stages cannot print to the CLI.
Each stage appends a line to ``progress.log`` in the run's folder; while Papermill runs,
the CLI follows that file and prints each line as it arrives (plain lines, readable in
a CI log, no terminal animation). The file is removed before the run is published.
"""

from __future__ import annotations

import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

FILE = "progress.log"
Sink = Callable[[str], None]
_sink: Sink | None = None


def set_sink(sink: Sink | None) -> None:
    """Where followed progress lines go (the CLI sets stderr; None = nowhere)."""
    global _sink
    _sink = sink


def say(line: str) -> None:
    """A line from the CLI side itself (e.g. the HTML export after the notebook)."""
    if _sink is not None:
        _sink(line)


def note(folder: Path, line: str) -> None:
    """Append one progress line (the kernel side). Never fails the run."""
    try:
        with (folder / FILE).open("a", encoding="utf-8") as fh:
            fh.write(line.replace("\n", " ") + "\n")
    except OSError:
        pass


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (a running maximum)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1 << 20 if sys.platform == "darwin" else 1 << 10), 1)  # bytes / kB


@contextmanager
def stage(
    folder: Path, name: str, timings: dict[str, float], peaks: dict[str, float] | None = None
) -> Iterator[None]:
    """Time a stage into ``timings`` and report its start and end.

    ``peaks`` gets the process's peak memory after the stage: a running maximum, so the
    stage where it jumps is the one that needed the memory (what a CI runner's limit
    has to allow for).
    """
    note(folder, f"{name} ...")
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - start
        timings[name] = round(timings.get(name, 0) + seconds, 4)
        peak = peak_rss_mb()
        if peaks is not None:
            peaks[name] = peak
        note(folder, f"{name} done in {seconds:.1f} s (peak memory {peak / 1024:.1f} GB)")


@contextmanager
def follow(folder: Path, poll_s: float = 0.5) -> Iterator[None]:
    """While the block runs, pass every new line of ``folder/progress.log`` to the sink."""
    if _sink is None:
        yield
        return
    sink = _sink
    path = folder / FILE
    stop = threading.Event()
    started = time.perf_counter()

    def pump() -> None:
        offset = 0
        while True:
            finished = stop.wait(poll_s)
            if path.exists():
                with path.open("r", encoding="utf-8") as fh:
                    fh.seek(offset)
                    chunk = fh.read()
                    # only whole lines; a half-written one waits for the next poll
                    whole = chunk[: chunk.rfind("\n") + 1]
                    offset += len(whole.encode("utf-8"))
                for line in whole.splitlines():
                    sink(f"[{time.perf_counter() - started:6.1f} s] {line}")
            if finished:
                return

    thread = threading.Thread(target=pump, name="crisis-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
