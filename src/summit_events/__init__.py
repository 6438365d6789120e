"""summit-events: leader-level diplomacy as typed, sourced, immutable data.

>>> import summit_events as se
>>> ds = se.load()
>>> ds.person("Zelensky").name
'Volodymyr Zelenskyy'

Importing this package reads no file and does not import attrs or cattrs: the record
classes are created on first use (``se.Call``, ``from summit_events import Call``), and the
packaged dataset is read on first use (:func:`load` or the ``dataset`` attribute) and then
shared, read-only.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import DataError, NotFoundError

if TYPE_CHECKING:
    from .changes import Change, diff
    from .collection import Dataset
    from .models import (
        CAPITAL_ZONES,
        Attributed,
        Call,
        CallMedium,
        ChangeOf,
        Claim,
        CoordinatePrecision,
        CountClaim,
        Coverage,
        Document,
        DurationClaim,
        Event,
        EventBase,
        EventStatus,
        ExchangeClaim,
        LocalDate,
        MarketReaction,
        MediaReaction,
        Meeting,
        MeetingFormat,
        Occurrence,
        OccurrenceKind,
        Office,
        Participant,
        Person,
        PersonKind,
        Place,
        Qualifier,
        Reaction,
        ReactionBase,
        Relation,
        RelationKind,
        Role,
        Series,
        Source,
        SpeakerClaim,
        Stance,
        StatementReaction,
        StatusClaim,
        Timing,
    )

    dataset: Dataset

# The record classes are created on first use (PEP 562), not on import: creating some
# twenty-five attrs classes is most of the cost of importing the package.
_LAZY = {"Dataset": "collection", "Change": "changes", "diff": "changes", **dict.fromkeys((
    "CAPITAL_ZONES",
    "Attributed",
    "Call",
    "CallMedium",
    "ChangeOf",
    "Claim",
    "CoordinatePrecision",
    "CountClaim",
    "Coverage",
    "Document",
    "DurationClaim",
    "Event",
    "EventBase",
    "EventStatus",
    "ExchangeClaim",
    "LocalDate",
    "MarketReaction",
    "MediaReaction",
    "Meeting",
    "MeetingFormat",
    "Occurrence",
    "OccurrenceKind",
    "Office",
    "Participant",
    "Person",
    "PersonKind",
    "Place",
    "Qualifier",
    "Reaction",
    "ReactionBase",
    "Relation",
    "RelationKind",
    "Role",
    "Series",
    "Source",
    "SpeakerClaim",
    "Stance",
    "StatementReaction",
    "StatusClaim",
    "Timing",
), "models")}

__version__ = "0.1.0"
DATA_VERSION = "2025.2"
"""The version of the packaged data, apart from the code version (like tzdata's)."""

__all__ = [
    "CAPITAL_ZONES",
    "DATA_VERSION",
    "Attributed",
    "Call",
    "CallMedium",
    "Change",
    "ChangeOf",
    "Claim",
    "CoordinatePrecision",
    "CountClaim",
    "Coverage",
    "Document",
    "DataError",
    "Dataset",
    "DurationClaim",
    "Event",
    "EventBase",
    "EventStatus",
    "ExchangeClaim",
    "LocalDate",
    "MarketReaction",
    "MediaReaction",
    "Meeting",
    "MeetingFormat",
    "NotFoundError",
    "Occurrence",
    "OccurrenceKind",
    "Office",
    "Participant",
    "Person",
    "PersonKind",
    "Place",
    "Qualifier",
    "Reaction",
    "ReactionBase",
    "Relation",
    "RelationKind",
    "Role",
    "Series",
    "Source",
    "SpeakerClaim",
    "Stance",
    "StatementReaction",
    "StatusClaim",
    "Timing",
    "__version__",
    "dataset",
    "diff",
    "from_dict",
    "from_json",
    "load",
    "to_dict",
    "to_json",
    "to_json_bytes",
]

T = TypeVar("T")

_DATA_PACKAGE = "summit_events.data"
_DATA_FILE = "summit_events.json"
_lock = threading.Lock()
_packaged: Dataset | None = None


def _read_packaged() -> bytes:
    from importlib.resources import files

    return files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_bytes()


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """The packaged dataset (no argument), or the dataset in a JSON file of the same format.

    The packaged dataset is read once and cached: every call returns the same object.
    A user's file is read and validated on every call; problems raise :class:`DataError`
    with the JSON path of each, a missing file raises :class:`FileNotFoundError`.
    """
    global _packaged
    from . import codec

    if path is not None:
        with open(path, "rb") as handle:
            return codec.load_dataset(handle.read())
    if _packaged is None:
        with _lock:
            if _packaged is None:
                _packaged = codec.load_dataset(_read_packaged())
    return _packaged


def to_json(obj: Any) -> str:
    """Canonical JSON text for any model object or :class:`Dataset` (sorted keys, trailing newline)."""
    from . import codec

    return codec.to_json(obj)


def to_json_bytes(obj: Any) -> bytes:
    """:func:`to_json` as UTF-8 bytes, ready to write to a file (faster for a big dataset)."""
    from . import codec

    return codec.to_json_bytes(obj)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Read ``cls`` from JSON text; every problem is reported in one :class:`DataError`."""
    from . import codec

    return codec.from_json(text, cls)


def to_dict(obj: Any) -> dict[str, Any]:
    """Any model object as JSON-ready builtins (with ``schema_version``)."""
    from . import codec

    return codec.to_dict(obj)


def from_dict(data: object, cls: type[T]) -> T:
    """Read ``cls`` from JSON-ready builtins; every problem is reported in one :class:`DataError`."""
    from . import codec

    return codec.from_dict(data, cls)


def __getattr__(name: str) -> Any:
    if name == "dataset":
        return load()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summit_events' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
