"""The reference cattrs path: strict converters and path-precise error messages.

:mod:`summit_events.codec` imports this module on first need, so that a process that only
reads the packaged dataset through the msgspec path (the ``fast`` extra) never imports
cattrs. A fast converter runs first; only when it rejects the input (or the input is known
to be invalid) is the document walked again by :func:`_detail`, which uses the same strict
hooks and the models' own validators field by field, so it collects every problem of every
record in one pass, each with its path: a record with a missing field and a bad id reports both.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from . import models
from ._checks import MAX_INT, LongInteger, shown
from .errors import DataError, Problem
from .models import REACTION_TYPES, Reaction

T = TypeVar("T")
V = TypeVar("V")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3}|\.\d{6})?)?(Z|[+-]\d{2}:\d{2})?")
_JSON_NAMES = {dict: "an object", list: "an array", str: "a string", int: "an integer",
               float: "a number", bool: "a boolean", type(None): "null", LongInteger: "an integer"}


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


def _out_of_range(value: object) -> _Invalid:
    return _Invalid(f"{shown(value)} is out of range (integers go up to {MAX_INT})")


def _structure_int(value: object, _: type) -> int:
    if type(value) is LongInteger:
        raise _out_of_range(value)
    return _expect(value, int, "an integer")


def _structure_bool(value: object, _: type) -> bool:
    return _expect(value, bool, "a boolean")


def _structure_float(value: object, _: type) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            raise _Invalid(f"{shown(value)} is out of range for a number") from None
    if type(value) is LongInteger:
        raise _Invalid(f"{shown(value)} is out of range for a number")
    raise _Invalid(f"expected a number, got {_json_type(value)}")


def _structure_date(value: object, _: type) -> dt.date:
    text = _expect(value, str, "a date string (YYYY-MM-DD)")
    if _DATE.fullmatch(text) is None:
        raise _Invalid(f"{shown(value)} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise _Invalid(f"{shown(value)} is not a valid date ({error})") from None


def _structure_datetime(value: object, _: type) -> dt.datetime:
    text = _expect(value, str, "a datetime string (YYYY-MM-DDTHH:MM:SS+HH:MM)")
    if _DATETIME.fullmatch(text) is None:
        raise _Invalid(f"{shown(value)} is not an ISO 8601 datetime such as 2025-03-18T10:00:00-04:00")
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise _Invalid(f"{shown(value)} is not a valid datetime ({error})") from None
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
            raise _Invalid(f"unknown value {shown(value)}; expected one of {expected}") from None

    return structure


def _enum_value(member: enum.Enum) -> object:
    return member.value


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

        def structure(value: object, _: type) -> tuple[Any, ...]:
            array: list[Any] = _expect(value, list, "an array")
            return tuple([handler(item, member) for item in array])

        return structure

    return factory


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
                raise DataError([("$.kind", f"expected {_kind!r} for a {_cls.__name__}, got {shown(found)}")])
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
            raise DataError([("$.kind", f"unknown reaction kind {shown(kind)}; expected one of {kinds}")])
        return hook(value, REACTION_TYPES[kind])  # type: ignore[no-any-return]

    converter.register_structure_hook(Reaction, structure)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    for kind, hook in _SCALARS.items():
        converter.register_structure_hook(kind, hook)
    # The vocabularies are ``str`` enums: each needs its own hook, or the ``str`` one catches it.
    for vocabulary in _ENUMS:
        converter.register_structure_hook(vocabulary, _enum_hook(vocabulary))
        converter.register_unstructure_hook(vocabulary, _enum_value)  # plain str for YAML & co.
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook(converter))
    converter.register_structure_hook_factory(attrs.has, _class_hook(converter))
    _reaction_hooks(converter)
    return converter


FAST = _make_converter()


# ---------------------------------------------------------------------- every problem, with its path


def _message(error: BaseException) -> str:
    if isinstance(error, _Invalid):
        return str(error)
    return f"{type(error).__name__}: {error}" if not isinstance(error, ValueError) else str(error)


_FAILED: Any = object()
_KINDS = ", ".join(repr(k) for k in REACTION_TYPES)
_REACTION_CLASSES = frozenset(REACTION_TYPES.values())
_ENUM_HOOKS = {vocabulary: _enum_hook(vocabulary) for vocabulary in _ENUMS}


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))


def _key_path(path: str, key: object) -> str:
    return f"{path}.{key}" if type(key) is str else f"{path}[{shown(key)}]"


def _detail(value: object, type_: Any, path: str, problems: list[Problem]) -> Any:
    """``value`` as a ``type_``, or ``_FAILED`` with every problem found appended to ``problems``."""
    scalar = _SCALARS.get(type_) or _ENUM_HOOKS.get(type_)
    if scalar is not None:
        try:
            return scalar(value, type_)
        except _Invalid as error:
            problems.append((path, str(error)))
            return _FAILED
    origin = get_origin(type_)
    if origin is typing.Union or origin is types.UnionType:
        args = get_args(type_)
        if set(args) == _REACTION_CLASSES:
            return _detail_reaction(value, None, path, problems)
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _detail(value, inner, path, problems)
    if _is_homogeneous_tuple(type_):
        if type(value) is not list:
            problems.append((path, f"expected an array, got {_json_type(value)}"))
            return _FAILED
        member = get_args(type_)[0]
        items = [_detail(item, member, f"{path}[{index}]", problems) for index, item in enumerate(value)]
        return _FAILED if any(item is _FAILED for item in items) else tuple(items)
    if type_ in _REACTION_CLASSES:
        return _detail_reaction(value, type_, path, problems)
    if attrs.has(type_):
        return _detail_class(value, type_, path, problems)
    raise TypeError(f"no structure rule for {type_!r}")  # pragma: no cover - every model type is covered


def _detail_reaction(value: object, cls: type | None, path: str, problems: list[Problem]) -> Any:
    if type(value) is not dict:
        problems.append((path, f"expected an object, got {_json_type(value)}"))
        return _FAILED
    if "kind" not in value:
        problems.append((f"{path}.kind", f"missing reaction kind; expected one of {_KINDS}"))
        return _FAILED
    kind = value["kind"]
    if cls is not None:
        if kind != getattr(cls, "kind", None):
            problems.append((f"{path}.kind", f"expected {getattr(cls, 'kind', None)!r} for a {cls.__name__}, "
                                             f"got {shown(kind)}"))
            return _FAILED
    elif type(kind) is not str or kind not in REACTION_TYPES:
        problems.append((f"{path}.kind", f"unknown reaction kind {shown(kind)}; expected one of {_KINDS}"))
        return _FAILED
    return _detail_class(value, cls or REACTION_TYPES[kind], path, problems, skip="kind")


def _detail_class(value: object, cls: type, path: str, problems: list[Problem], skip: str = "") -> Any:
    """An attrs object: each field structured and checked on its own, so every bad field is reported."""
    if type(value) is not dict:
        problems.append((path, f"expected an object, got {_json_type(value)}"))
        return _FAILED
    hints = _hints(cls)
    before = len(problems)
    fields = attrs.fields(cls)
    kwargs: dict[str, Any] = {}
    for field in fields:
        name = field.name
        where = f"{path}.{name}"
        if name not in value:
            if field.default is attrs.NOTHING:
                problems.append((where, "missing required field"))
            continue
        item = _detail(value[name], hints[name], where, problems)
        if item is _FAILED:
            continue
        try:
            if field.converter is not None:
                item = field.converter(item)
            if field.validator is not None:
                field.validator(None, field, item)
        except DataError as error:
            problems.extend((path + inner[1:], message) for inner, message in error.problems)
        except Exception as error:  # noqa: BLE001 - a rule that fails otherwise is still a problem of this field
            problems.append((where, _message(error)))
        else:
            kwargs[name] = item
    names = {field.name for field in fields}
    extra = [key for key in value if key not in names and key != skip]
    for key in sorted(extra, key=lambda k: (type(k) is not str, str(k))):
        problems.append((_key_path(path, key), "unknown field" if type(key) is str else "a key must be a string"))
    if len(problems) > before:
        return _FAILED
    try:
        return cls(**kwargs)
    except DataError as error:  # the record's cross-field rules (``__attrs_post_init__``)
        problems.extend((path + inner[1:], message) for inner, message in error.problems)
        return _FAILED
    except RecursionError:
        raise
    except Exception as error:  # noqa: BLE001 - never anything but a DataError out of a decode
        problems.append((path, _message(error)))
        return _FAILED


def structure(data: object, cls: type[T], *, invalid: bool = False) -> T:
    """``data`` (JSON-ready builtins, without ``schema_version``) as a ``cls``, or :class:`DataError`.

    The cattrs converter runs first, unless the caller already knows ``data`` is invalid
    (the msgspec path refused it): then only the detailed walk runs, which also builds the
    object if there is no problem after all.
    """
    if not invalid:
        try:
            return FAST.structure(data, cls)
        except RecursionError:
            raise DataError([("$", "nested too deeply")]) from None
        except Exception:  # noqa: BLE001 - walked again below for every problem and its path
            pass
    problems: list[Problem] = []
    try:
        result = _detail(data, cls, "$", problems)
    except RecursionError:
        raise DataError([("$", "nested too deeply")]) from None
    if result is _FAILED:
        raise DataError(dict.fromkeys(problems))
    return result  # type: ignore[no-any-return]
