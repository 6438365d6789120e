"""The reference cattrs path: strict converters and path-precise error messages.

:mod:`summit_events.codec` imports this module on first need, so that a process that only
reads the packaged dataset through the msgspec path (the ``fast`` extra) never imports
cattrs. A fast converter runs first; only when it rejects the input is the document
structured again with cattrs' detailed validation, which collects every problem with its
path. Both converters share the same strict hooks, so they accept exactly the same input.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast, get_args

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from . import models
from .errors import DataError, Problem
from .models import REACTION_TYPES, Reaction

T = TypeVar("T")
V = TypeVar("V")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3}|\.\d{6})?)?(Z|[+-]\d{2}:\d{2})?")
_JSON_NAMES = {dict: "an object", list: "an array", str: "a string", int: "an integer",
               float: "a number", bool: "a boolean", type(None): "null"}


def _json_type(value: object) -> str:
    return _JSON_NAMES.get(type(value), type(value).__name__)


class _Invalid(ValueError):
    """A value rejected by a hook; the message is shown to the user as is."""


def _expect(value: object, kind: type[V], what: str) -> V:
    """``value`` if it is exactly of ``kind`` (no subclasses: ``True`` is not an integer)."""
    if type(value) is not kind:
        raise _Invalid(f"expected {what}, got {_json_type(value)}")
    return value


# ---------------------------------------------------------------------- strict scalar hooks


def _structure_str(value: object, _: type) -> str:
    return _expect(value, str, "a string")


def _structure_int(value: object, _: type) -> int:
    return _expect(value, int, "an integer")


def _structure_bool(value: object, _: type) -> bool:
    return _expect(value, bool, "a boolean")


def _structure_float(value: object, _: type) -> float:
    if type(value) is not float and type(value) is not int:
        raise _Invalid(f"expected a number, got {_json_type(value)}")
    return float(cast(float, value))


def _structure_date(value: object, _: type) -> dt.date:
    text = _expect(value, str, "a date string (YYYY-MM-DD)")
    if _DATE.fullmatch(text) is None:
        raise _Invalid(f"{value!r} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise _Invalid(f"{value!r} is not a valid date ({error})") from None


def _structure_datetime(value: object, _: type) -> dt.datetime:
    text = _expect(value, str, "a datetime string (YYYY-MM-DDTHH:MM:SS+HH:MM)")
    if _DATETIME.fullmatch(text) is None:
        raise _Invalid(f"{value!r} is not an ISO 8601 datetime such as 2025-03-18T10:00:00-04:00")
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise _Invalid(f"{value!r} is not a valid datetime ({error})") from None
    if parsed.utcoffset() is None:
        raise _Invalid("datetime needs a UTC offset (add one, e.g. +03:00 or Z)")
    return parsed


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    members = {member.value: member for member in cls}
    expected = ", ".join(repr(v) for v in members)

    def structure(value: object, _: type) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise _Invalid(f"unknown value {value!r}; expected one of {expected}") from None

    return structure


# ---------------------------------------------------------------------- converters

_ENUMS = [
    value
    for value in vars(models).values()
    if isinstance(value, type) and issubclass(value, enum.Enum) and value.__module__ == models.__name__
]
_SCALARS: dict[type, Callable[[object, type], object]] = {
    str: _structure_str,
    int: _structure_int,
    bool: _structure_bool,
    float: _structure_float,
    dt.date: _structure_date,
    dt.datetime: _structure_datetime,
}


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[object, type], tuple[Any, ...]]]:
    def factory(type_: Any) -> Callable[[object, type], tuple[Any, ...]]:
        (member, _ellipsis) = get_args(type_)
        handler = converter.get_structure_hook(member)
        detailed = converter.detailed_validation

        def structure(value: object, _: type) -> tuple[Any, ...]:
            array: list[Any] = _expect(value, list, "an array")
            if not detailed:
                return tuple([handler(item, member) for item in array])
            items: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(array):
                try:
                    items.append(handler(item, member))
                except Exception as error:  # noqa: BLE001 - collected and re-raised below
                    _add_note(error, IterableValidationNote(f"Structuring {type_} @ index {index}", index, member))
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {type_}", errors, type_)
            return tuple(items)

        return structure

    return factory


def _add_note(error: BaseException, note: str) -> None:
    """``error.add_note(note)``, also on Python 3.10 (where cattrs reads ``__notes__`` the same way)."""
    setattr(error, "__notes__", [*getattr(error, "__notes__", []), note])  # noqa: B010


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return getattr(type_, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis


def _class_hook(converter: cattrs.Converter) -> Callable[[type], Callable[[object, type], Any]]:
    def factory(cls: type) -> Callable[[object, type], Any]:
        inner: Callable[[dict[str, Any], type], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True
        )

        def structure(value: object, _: type) -> Any:
            return inner(_expect(value, dict, "an object"), cls)

        return structure

    return factory


def _reaction_hooks(converter: cattrs.Converter) -> None:
    """Reactions are a union tagged by ``"kind"``: each class checks its tag, the union dispatches on it."""
    kinds = ", ".join(repr(k) for k in REACTION_TYPES)

    def tag(value: object) -> object:
        fields: dict[str, Any] = _expect(value, dict, "an object")
        if "kind" not in fields:
            raise DataError([("$.kind", f"missing reaction kind; expected one of {kinds}")])
        return fields["kind"]

    for kind, cls in REACTION_TYPES.items():
        inner = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)

        def structure_one(value: object, _: type, _inner: Any = inner, _kind: str = kind, _cls: type = cls) -> Any:
            found = tag(value)
            if found != _kind:
                raise DataError([("$.kind", f"expected {_kind!r} for a {_cls.__name__}, got {found!r}")])
            return _inner({k: v for k, v in value.items() if k != "kind"}, _cls)  # type: ignore[attr-defined]

        converter.register_structure_hook(cls, structure_one)
        plain = make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True)

        def unstructure(obj: Any, _plain: Callable[[Any], dict[str, Any]] = plain, _kind: str = kind) -> dict[str, Any]:
            return {"kind": _kind, **_plain(obj)}

        converter.register_unstructure_hook(cls, unstructure)

    hooks = {kind: converter.get_structure_hook(cls) for kind, cls in REACTION_TYPES.items()}

    def structure(value: object, _: type) -> Reaction:
        kind = tag(value)
        hook = hooks.get(kind) if isinstance(kind, str) else None
        if hook is None or not isinstance(kind, str):
            raise DataError([("$.kind", f"unknown reaction kind {kind!r}; expected one of {kinds}")])
        return hook(value, REACTION_TYPES[kind])  # type: ignore[no-any-return]

    converter.register_structure_hook(Reaction, structure)


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    converter = cattrs.Converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=detailed
    )
    for kind, hook in _SCALARS.items():
        converter.register_structure_hook(kind, hook)
    # The vocabularies are ``str`` enums: each needs its own hook, or the ``str`` one catches it.
    for vocabulary in _ENUMS:
        converter.register_structure_hook(vocabulary, _enum_hook(vocabulary))
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook(converter))
    converter.register_structure_hook_factory(attrs.has, _class_hook(converter))
    _reaction_hooks(converter)
    return converter


FAST = _make_converter(detailed=False)
_detailed: cattrs.Converter | None = None


def _detailed_converter() -> cattrs.Converter:
    """The detailed-validation converter, built on the first invalid input (valid input never needs it)."""
    global _detailed
    if _detailed is None:
        _detailed = _make_converter(detailed=True)
    return _detailed


# ---------------------------------------------------------------------- error paths


def _message(error: BaseException) -> str:
    if isinstance(error, _Invalid):
        return str(error)
    if isinstance(error, KeyError):
        return "missing required field"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return f"{type(error).__name__}: {error}" if not isinstance(error, ValueError) else str(error)


def _problems(error: BaseException, path: str = "$") -> Iterator[Problem]:
    """Flatten cattrs' exception groups (and our own ``DataError``) into path-tagged problems."""
    if isinstance(error, DataError):
        for inner_path, message in error.problems:
            yield path + inner_path[1:], message
    elif isinstance(error, ClassValidationError):
        for inner, note in error.group_exceptions()[0]:
            if isinstance(inner, KeyError):
                yield f"{path}.{note.name}", "missing required field"
            else:
                yield from _problems(inner, f"{path}.{note.name}")
        for inner in error.group_exceptions()[1]:
            yield from _problems(inner, path)
    elif isinstance(error, IterableValidationError):
        for inner, inote in error.group_exceptions()[0]:
            yield from _problems(inner, f"{path}[{inote.index}]")
        for inner in error.group_exceptions()[1]:
            yield from _problems(inner, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield f"{path}.{key}", "unknown field"
    else:
        yield path, _message(error)


def structure(data: object, cls: type[T]) -> T:
    """``data`` (JSON-ready builtins, without ``schema_version``) as a ``cls``, or :class:`DataError`."""
    try:
        return FAST.structure(data, cls)
    except RecursionError:
        raise DataError([("$", "nested too deeply")]) from None
    except Exception:  # noqa: BLE001 - re-run with detailed validation for paths
        pass
    try:
        result = _detailed_converter().structure(data, cls)
    except RecursionError:
        raise DataError([("$", "nested too deeply")]) from None
    except Exception as error:  # noqa: BLE001 - every failure becomes a DataError
        problems = list(dict.fromkeys(_problems(error)))
        raise DataError(problems) from None
    return result  # the fast path failed where the detailed one did not: trust the latter
