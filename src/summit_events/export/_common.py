"""Helpers every export shares: canonical JSON text, licence and attribution, stable ordering."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..collection import Dataset
from ..models import Event, Person, Reaction

__all__ = [
    "ARTICLE_TITLE",
    "ARTICLE_URL",
    "ATTRIBUTION",
    "CODE_LICENSE",
    "DATA_LICENSE",
    "DATA_LICENSE_URL",
    "PRODUCER",
    "dumps",
    "latest_date",
    "record_dict",
    "stamp",
]

CODE_LICENSE = "MIT"
DATA_LICENSE = "CC-BY-SA-4.0"
DATA_LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
ARTICLE_TITLE = "February 2025 Putin\u2013Trump phone call"
ARTICLE_URL = "https://en.wikipedia.org/wiki/February_2025_Putin%E2%80%93Trump_phone_call"
ATTRIBUTION = (
    f"summit-events contributors and Wikipedia contributors: adapted from the Wikipedia article "
    f'"{ARTICLE_TITLE}" ({ARTICLE_URL}) and the sources each record cites; licensed {DATA_LICENSE}.'
)
PRODUCER = "summit-events"


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """Canonical JSON text: sorted keys, UTF-8 characters kept; a trailing newline when indented."""
    if indent is None:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent) + "\n"


def record_dict(record: Person | Event | Reaction | Any) -> dict[str, Any]:
    """A record's canonical JSON object, without the document-level ``schema_version``."""
    from ..codec import to_dict

    data = to_dict(record)
    del data["schema_version"]
    return data


def latest_date(ds: Dataset) -> dt.date:
    """The latest date the data mentions (events, reactions, sources); 1970-01-01 for empty data."""
    dates = [e.timing.date for e in ds.events() if e.timing is not None]
    dates += [r.date for r in ds.reactions if r.date is not None]
    dates += [s.published for s in ds.sources if s.published is not None]
    return max(dates, default=dt.date(1970, 1, 1))


def stamp(ds: Dataset) -> dt.datetime:
    """A deterministic "produced at" instant for this data release: midnight UTC of :func:`latest_date`.

    Exports never read the clock, so the same data gives the same bytes.
    """
    return dt.datetime.combine(latest_date(ds), dt.time(), dt.timezone.utc)


def require(module: str, *, feature: str, extra: str) -> Any:
    """``import module`` for an optional feature, or an :class:`ImportError` that says which extra to install."""
    from importlib import import_module

    try:
        return import_module(module)
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(f"{feature} needs {module.split('.')[0]}: install it with  pip install "
                          f"'summit-events[{extra}]'") from error
