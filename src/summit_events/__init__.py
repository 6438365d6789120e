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

if TYPE_CHECKING:  # the names of _LAZY_MODULES below: a test checks they agree
    from ._lint import LINT_RULES, LintWarning, lint
    from .changes import Change, diff
    from .collection import TRACK_NAMES, Dataset
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
# This is the one list of lazily imported names, by module: ``_LAZY`` is derived from it, and a
# test checks the ``TYPE_CHECKING`` imports above and ``__all__`` against it (linters and type
# checkers need both written out).
_LAZY_MODULES: dict[str, tuple[str, ...]] = {
    "collection": ("TRACK_NAMES", "Dataset"),
    "changes": ("Change", "diff"),
    "_lint": ("LINT_RULES", "LintWarning", "lint"),
    "models": (
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
    ),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}

__version__ = "0.1.0"
DATA_VERSION = "2026.1"
"""The version of the packaged data, apart from the code version (like tzdata's)."""

# a test checks that this holds every name of _LAZY_MODULES and every name defined here
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
    "TRACK_NAMES",
    "Timing",
    "__version__",
    "dataset",
    "diff",
    "LINT_RULES",
    "LintWarning",
    "MAX_FILE_BYTES",
    "from_dict",
    "from_json",
    "lint",
    "from_jsonl",
    "load",
    "merge",
    "to_dict",
    "to_json",
    "to_json_bytes",
]

T = TypeVar("T")

MAX_FILE_BYTES = 1 << 30
"""The largest file :func:`load` reads (1 GiB); a bigger one is refused before it is read."""

_DATA_PACKAGE = "summit_events.data"
_DATA_FILE = "summit_events.json"
_lock = threading.Lock()
_packaged: Dataset | None = None


def _read_packaged() -> bytes:
    # The package's own loader reads a file next to its modules (from a folder or a zip archive)
    # without importing importlib.resources, which costs a fresh process more than the file does
    get_data = getattr(__spec__.loader, "get_data", None)
    if get_data is not None and __file__:
        try:
            return bytes(get_data(os.path.join(os.path.dirname(__file__), "data", _DATA_FILE)))
        except OSError:
            pass
    from importlib.resources import files

    return files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_bytes()


def load(
    path: str | os.PathLike[str] | None = None, *, base: Dataset | None = None, replace: bool = False
) -> Dataset:
    """The packaged dataset (no argument), or the dataset in a file of the same format.

    The packaged dataset is read once and cached: every call returns the same object.
    A user's file is read and validated on every call; problems raise :class:`DataError`
    with the JSON path of each, a missing file raises :class:`FileNotFoundError`.
    ``path`` must name a regular file (not a device, pipe or folder: :class:`DataError`)
    of at most :data:`MAX_FILE_BYTES`; a file descriptor number is refused (:class:`TypeError`).
    A file whose name ends in ``.jsonl`` or ``.ndjson`` is read as JSON Lines (:func:`from_jsonl`).

    With ``base`` (e.g. ``base=load()``) the file holds additions to that dataset, and may
    refer to its people, events and sources by id: the result is :func:`merge` of the two
    (``replace=True`` lets the file replace records of the base, with a warning).
    """
    global _packaged
    from . import codec

    if path is not None:
        data = _read_file(path)
        if os.fspath(path).lower().endswith((".jsonl", ".ndjson")):
            def read() -> Dataset:
                return from_jsonl(data)
        else:
            def read() -> Dataset:
                return codec.load_dataset(data)
        if base is None:
            return read()
        from .merging import merge, read_additions

        return merge(base, read_additions(read), replace=replace, _stacklevel=3)
    if _packaged is None:
        with _lock:
            if _packaged is None:
                _packaged = codec.load_dataset(_read_packaged())
    return _packaged


def _read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES` (opened without blocking on a pipe)."""
    import stat

    if not isinstance(path, (str, bytes, os.PathLike)):
        raise TypeError(f"expected a file path, got {type(path).__name__}")
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise DataError([("$", "not a regular file (a device, pipe or folder): only data files are read")])
        if info.st_size > MAX_FILE_BYTES:
            raise DataError([("$", f"the file is {info.st_size} bytes, over the {MAX_FILE_BYTES}-byte limit")])
    except BaseException:
        os.close(descriptor)
        raise
    with open(descriptor, "rb", closefd=True) as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # grew while being read
        raise DataError([("$", f"the file is over the {MAX_FILE_BYTES}-byte limit")])
    return data


def from_jsonl(text: str | bytes) -> Dataset:
    """The :class:`Dataset` in JSON Lines text, as ``export --format jsonl`` writes it."""
    from .jsonl import from_jsonl

    return from_jsonl(text)


def merge(base: Dataset, additions: Dataset, *, replace: bool = False) -> Dataset:
    """One checked dataset: ``base`` plus the records of ``additions`` (see :mod:`summit_events.merging`).

    Colliding ids raise :class:`DataError` unless ``replace=True``, which replaces them and
    warns (:class:`~summit_events.merging.RecordsReplaced`) with the list of replacements.
    """
    from .merging import merge

    return merge(base, additions, replace=replace, _stacklevel=3)


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
