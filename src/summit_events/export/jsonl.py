"""JSON Lines: one record per line, tagged with its ``type``; the first line describes the dataset."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..codec import SCHEMA_VERSION
from ..collection import Dataset
from ._common import ATTRIBUTION, DATA_LICENSE, dumps, record_dict

__all__ = ["RECORD_TYPES", "jsonl"]

RECORD_TYPES = ("person", "source", "call", "meeting", "occurrence", "reaction", "series", "document")
"""The ``type`` tags of record lines (the header line has ``"type": "dataset"``)."""


def _lines(ds: Dataset) -> Iterator[dict[str, Any]]:
    yield {
        "type": "dataset",
        "data_version": ds.data_version,
        "schema_version": SCHEMA_VERSION,
        "license": DATA_LICENSE,
        "attribution": ATTRIBUTION,
        **({"coverage": record_dict(ds.coverage)} if ds.coverage is not None else {}),
    }
    groups: dict[str, Any] = {
        "person": ds.people,
        "source": ds.sources,
        "call": ds.calls,
        "meeting": ds.meetings,
        "occurrence": ds.occurrences,
        "reaction": ds.reactions,
        "series": ds.series,
        "document": ds.documents,
    }
    for tag in RECORD_TYPES:
        for record in sorted(groups[tag], key=lambda r: r.id):
            yield {"type": tag, **record_dict(record)}


def jsonl(ds: Dataset) -> str:
    """The dataset as JSON Lines: a ``dataset`` header line, then one line per record."""
    return "".join(dumps(line, indent=None) + "\n" for line in _lines(ds))
