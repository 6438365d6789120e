"""Exports of a :class:`~summit_events.collection.Dataset` for other tools.

:data:`FORMATS` maps a format name to a pure function of a dataset that returns text, or
``{filename: text}`` for formats made of several files (``csv``, ``datapackage``), or
``{filename: bytes}`` for ``parquet`` (which needs the ``parquet`` extra, pyarrow).
``to_frame`` (pandas) lives in :mod:`summit_events.export.frame`. Nothing here is imported by
``import summit_events``.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping

from ..codec import to_json
from ..collection import Dataset
from .datapackage import datapackage
from .frame import to_frame
from .geojson import geojson
from .ical import ical
from .jsonl import jsonl
from .jsonld import jsonld
from .parquet import parquet_tables
from .plover import plover
from .schema import json_schema, schema_text
from .tables import csv_tables

__all__ = ["FORMATS", "export", "json_schema", "to_frame"]

FORMATS: Mapping[str, Callable[[Dataset], str | dict[str, str] | dict[str, bytes]]] = types.MappingProxyType({
    "json": to_json,
    "schema": schema_text,
    "jsonl": jsonl,
    "csv": csv_tables,
    "ics": ical,
    "geojson": geojson,
    "jsonld": jsonld,
    "datapackage": datapackage,
    "plover": plover,
    "parquet": parquet_tables,
})
"""Every export by name: ``FORMATS["ics"](ds)`` is the iCalendar text of ``ds`` (read-only)."""


def export(ds: Dataset, format: str) -> str | dict[str, str] | dict[str, bytes]:
    """``FORMATS[format](ds)``, with a clear error for an unknown format."""
    try:
        function = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown export format {format!r}; expected one of {', '.join(FORMATS)}") from None
    return function(ds)
