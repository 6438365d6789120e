"""JSON for every model object: the one module that knows JSON.

Policy, in one place:

* strict: a number is not a string, a string is not a list, unknown keys and unknown enum
  values are errors, datetimes must carry a UTC offset, dates are ``YYYY-MM-DD``;
* canonical output: UTF-8, sorted keys, two-space indent, trailing newline; fields equal
  to their default are left out, so a record says only what is known;
* every top-level document carries ``"schema_version"``;
* every failure is a :class:`~summit_events.errors.DataError` listing each problem with
  its JSON path (``$.calls[3].timing.start: …``).

The cattrs converters (the reference path) live in :mod:`summit_events._reference`,
imported on first need. A whole dataset is read and written by msgspec when it is
installed (the ``fast`` extra, :mod:`summit_events._fast`), which builds the same objects
and writes the same bytes, and leaves every input it does not vouch for to the reference
path, so errors and output read the same either way.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any, TypeVar, cast

import attrs

from ._checks import MAX_DIGITS, LongInteger, shown
from .collection import Dataset
from .errors import DataError

__all__ = ["SCHEMA_VERSION", "from_dict", "from_json", "to_dict", "to_json", "to_json_bytes"]

SCHEMA_VERSION = 1
"""The version of the JSON format; a document with another ``schema_version`` is refused."""

T = TypeVar("T")


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once.

    Decoding allocates hundreds of thousands of acyclic containers; without the pause the
    collector walks them again and again (a third of the decode time at 100k events).
    It is switched back on, if it was on, however the block ends.

    When the block succeeds, everything the collector tracks is moved to its oldest
    generation (``gc.freeze()`` then ``gc.unfreeze()``: no object is visited). Otherwise the
    first allocation after the pause would start a young collection that walks every record
    just built (a tenth of the decode time), and later collections would walk them again
    before they reach the oldest generation, where a long-lived dataset belongs. Besides
    the records, only what the young generations held when the block began moves early
    (at most a few thousand objects, by the collector's thresholds). Nothing is moved if
    the program has frozen objects of its own (``gc.freeze()``), which ``unfreeze`` would
    release.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    done = False
    try:
        yield
        done = True
    finally:
        if was_enabled:
            if done and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


# ---------------------------------------------------------------------- public functions


def to_dict(obj: Any) -> dict[str, Any]:
    """A model object (or :class:`Dataset`) as JSON-ready builtins, with ``schema_version``.

    >>> from summit_events import Source, to_dict
    >>> to_dict(Source(id="s", outlet="BBC", title="T", url="https://bbc.co.uk"))
    {'schema_version': 1, 'id': 's', 'outlet': 'BBC', 'title': 'T', 'url': 'https://bbc.co.uk'}
    """
    if not attrs.has(type(obj)):
        raise TypeError(f"expected a summit_events model object, got {type(obj).__name__}")
    from ._reference import FAST

    return {"schema_version": SCHEMA_VERSION, **FAST.unstructure(obj)}


def from_dict(data: object, cls: type[T]) -> T:
    """Build ``cls`` from JSON-ready builtins; :class:`DataError` lists every problem."""
    return _from_builtins(data, cls)


def _from_builtins(data: object, cls: type[T], *, invalid: bool = False) -> T:
    if not isinstance(cls, type) or not attrs.has(cls):
        raise TypeError(f"expected a summit_events model class, got {cls!r}")
    if type(data) is not dict:
        raise DataError([("$", f"expected an object, got {_json_type(data)}")])
    body = dict(data)
    if "schema_version" not in body:
        raise DataError([("$.schema_version", f'missing; add "schema_version": {SCHEMA_VERSION}')])
    version = body.pop("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise DataError([(
            "$.schema_version",
            f"unsupported version {shown(version)}; this release reads version {SCHEMA_VERSION} "
            "(upgrade summit-events to read newer files)",
        )])
    from ._reference import structure

    with _gc_paused():
        return structure(body, cast(type[T], cls), invalid=invalid)


def to_json(obj: Any) -> str:
    """Canonical JSON text for a model object: sorted keys, 2-space indent, trailing newline."""
    fast = _fast_encoding(obj, text=True)
    return reference_to_json(obj) if fast is None else cast(str, fast)


def to_json_bytes(obj: Any) -> bytes:
    """:func:`to_json` as UTF-8 bytes, ready to write to a file (for a big dataset, faster than ``str``)."""
    fast = _fast_encoding(obj, text=False)
    return reference_to_json(obj).encode("utf-8") if fast is None else cast(bytes, fast)


def _fast_encoding(obj: Any, *, text: bool) -> str | bytes | None:
    """A whole :class:`Dataset` written by msgspec when it is installed (the ``fast`` extra), else ``None``.

    That path writes the same text as :func:`reference_to_json` (as ``str`` if ``text``, else
    UTF-8 bytes), or declines (``None``).
    """
    if type(obj) is not Dataset:
        return None
    fast = _fast_module_or_none()
    if fast is None:
        return None
    try:
        with _gc_paused():
            return cast("str | bytes", (fast.encode_dataset_text if text else fast.encode_dataset)(obj))
    except fast.Rejected:
        return None


def reference_to_json(obj: Any) -> str:
    """:func:`to_json` without the msgspec path: the reference the fast path is tested against."""
    import json  # not imported by the msgspec path: a fresh load() does without it

    return json.dumps(to_dict(obj), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class _Invalid(ValueError):
    """A problem found while parsing; the message is shown to the user as is."""


def _json_type(value: object) -> str:
    return _JSON_NAMES.get(type(value), type(value).__name__)


_JSON_NAMES = {dict: "an object", list: "an array", str: "a string", int: "an integer",
               float: "a number", bool: "a boolean", type(None): "null", LongInteger: "an integer"}


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise _Invalid(f"duplicate key {shown(repeated)} in a JSON object")
    return result


def parse_json(text: str | bytes) -> object:
    """Parse JSON text (``str`` or UTF-8 ``bytes``) strictly, raising :class:`DataError`."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise DataError([("$", f"not UTF-8 text: invalid byte at offset {error.start}")]) from None
    if not isinstance(text, str):
        raise TypeError(f"expected str or bytes, got {type(text).__name__}")
    import json  # not imported by the msgspec path: a fresh load() does without it

    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise DataError([("$", f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}")]) from None
    except _Invalid as error:
        raise DataError([("$", str(error))]) from None
    except RecursionError:
        raise DataError([("$", "nested too deeply")]) from None


def _integer(digits: str) -> int | LongInteger:
    """A JSON integer, or a :class:`LongInteger` (reported with its path) if it is too long to read."""
    if len(digits) > MAX_DIGITS:
        return LongInteger(len(digits.lstrip("-")))
    return int(digits)


def _no_constant(name: str) -> object:
    raise _Invalid(f"{name} is not valid JSON")


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Build ``cls`` from JSON text; :class:`DataError` lists every problem with its path.

    A whole :class:`Dataset` is decoded by msgspec when it is installed (the ``fast``
    extra): that path builds the same objects, and gives way to the reference path below
    on any input it does not vouch for, so errors are the reference path's own.

    >>> from summit_events import Dataset, from_json
    >>> from_json('{"schema_version": 1, "data_version": "x"}', Dataset).data_version
    'x'
    """
    with _gc_paused():
        if cls is Dataset and isinstance(text, (str, bytes)):
            fast = _fast_module_or_none()
            if fast is not None:
                try:
                    return cast(T, fast.decode_dataset(text))
                except fast.Rejected as rejected:
                    # refused by the schema: only the detailed reference walk is left to run
                    return _from_builtins(parse_json(text), cls, invalid=rejected.invalid)
        return reference_from_json(text, cls)


def reference_from_json(text: str | bytes, cls: type[T]) -> T:
    """:func:`from_json` without the msgspec path: the reference the fast path is tested against."""
    with _gc_paused():
        return from_dict(parse_json(text), cls)


_fast_module: Any = None


def _fast_module_or_none() -> Any:
    """The ``_fast`` module if msgspec can be imported, else ``None`` (looked up once)."""
    global _fast_module
    if _fast_module is None:
        try:
            from . import _fast
        except ImportError:
            _fast_module = False
        else:
            _fast_module = _fast
    return _fast_module or None


def load_dataset(data: bytes) -> Dataset:
    """The :class:`Dataset` in a file's bytes."""
    return from_json(data, Dataset)
