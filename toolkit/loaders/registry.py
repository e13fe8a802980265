"""The adapter contract and the registry of export formats.

An adapter turns one export file into a *stage*: a DuckDB table (conventionally
``_stage``) with one row per record and the columns

* ``source_record`` BIGINT — 1-based number of the record in the file (for JSON exports:
  the object's position in file order, posts before their comments), and ``raw`` VARCHAR —
  the record as read, cut to 500 characters (shown next to a rejection);
* every name in ``common.STAGE_FIELDS`` as VARCHAR (NULL when the format lacks it);
* optionally ``_problem`` VARCHAR, ``"field|reason"`` for a record the adapter already knows
  is unusable (shape checks); ``finish_stage`` rejects it with that reason.

The adapter adds the records it read to ``stats.read`` and, when it rejects records
itself (a line that is not JSON, a CSV line the reader cannot split), inserts them into
``rejected`` and adds them to ``stats.rejected``. Everything else — timestamp parsing,
id clean-up, brand detection, de-duplication — is ``common.finish_stage``'s job, the same
for every format. Adapters use DuckDB readers and SQL (``read_json``, ``read_csv``,
``unnest``), never a Python loop over records, so a 1 GB export is streamed.

``sniff`` lets ``format: auto`` pick the adapter from the file's first bytes (and name);
``check`` is the cheap pre-run check behind exit status 2.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from toolkit.loaders.common import InputError, LoadStats
from toolkit.params import FORMATS, MentionsInput

StageFn = Callable[[duckdb.DuckDBPyConnection, Path, LoadStats, Path, MentionsInput], str]
SniffFn = Callable[[bytes, Path], bool]
CheckFn = Callable[[duckdb.DuckDBPyConnection, Path, str, MentionsInput], None]

HEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class Adapter:
    name: str  # the value of `format` in the parameters
    description: str
    platform: str  # where such exports come from (the parameters may say otherwise)
    stage: StageFn
    sniff: SniffFn | None = None
    check: CheckFn | None = None


_ADAPTERS: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    if adapter.name not in FORMATS:
        raise ValueError(f"adapter {adapter.name!r} is not listed in params.FORMATS")
    _ADAPTERS[adapter.name] = adapter
    return adapter


def adapters() -> dict[str, Adapter]:
    return dict(_ADAPTERS)


def head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(HEAD_BYTES)


def detect(path: Path, label: str) -> Adapter:
    """The adapter whose sniffer accepts the file; an error listing the known formats."""
    first = head(path)
    if not first.strip():
        raise InputError(label, "the file is empty")
    hits = [a for a in _ADAPTERS.values() if a.sniff is not None and a.sniff(first, path)]
    if len(hits) == 1:
        return hits[0]
    known = ", ".join(sorted(_ADAPTERS))
    if not hits:
        raise InputError(
            label,
            f"format not recognised; name it with `format:` (known formats: {known})",
            field="format",
        )
    names = ", ".join(a.name for a in hits)
    raise InputError(
        label,
        f"the file looks like several formats ({names}); name one with `format:`",
        field="format",
    )


def resolve(spec: MentionsInput, label: str) -> Adapter:
    if spec.format == "auto":
        return detect(spec.path, label)
    try:
        return _ADAPTERS[spec.format]
    except KeyError:
        known = ", ".join(sorted(_ADAPTERS))
        raise InputError(
            label, f"no adapter for format {spec.format!r} (known: {known})", field="format"
        ) from None
