"""attrs validators (and the one converter) shared by the models: one place for every field-level rule.

Each validator raises :class:`~summit_events.errors.DataError` with the path ``$.<field>``, so
a model built by hand and a model read from JSON report problems the same way (the codec
prefixes the path of the object in the document).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import zoneinfo
from collections.abc import Callable
from typing import Any

import attrs

from .errors import DataError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COUNTRY = re.compile(r"[A-Z]{3}")
PARTY = re.compile(r"[A-Z]{3}|EU|NATO|UN")
WIKIDATA = re.compile(r"Q[1-9][0-9]*")
URL = re.compile(r"https?://[^\s/$.?#][^\s]*")

_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "a boolean"}


def describe(validator: Validator, **facts: Any) -> Validator:
    """Attach ``facts`` (e.g. ``pattern``, ``inner``) to ``validator`` for the JSON Schema export."""
    vars(validator)["schema_facts"] = {**getattr(validator, "schema_facts", {}), **facts}
    return validator


def facts(validator: object) -> dict[str, Any]:
    """The facts :func:`describe` attached to ``validator`` (empty if none)."""
    found = getattr(validator, "schema_facts", {})
    return dict(found) if isinstance(found, dict) else {}


def fail(attribute: attrs.Attribute[Any], message: str) -> DataError:
    """The error for one bad field: ``$.<field>: <message>``."""
    return DataError([(f"$.{attribute.name}", message)])


def _describe(value: object) -> str:
    return f"{type(value).__name__} {value!r}" if not isinstance(value, tuple) else "a tuple"


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string with no leading or trailing white space."""
    if type(value) is not str:
        raise fail(attribute, f"expected a string, got {_describe(value)}")
    if not value or value != value.strip():
        raise fail(attribute, "must be non-empty text without leading or trailing spaces")


describe(text, pattern=r"^\S(?:[\s\S]*\S)?$", what="non-empty text without leading or trailing spaces")


def optional(validator: Validator) -> Validator:
    """``validator`` unless the value is ``None``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return describe(check, optional=validator)


def matches(pattern: re.Pattern[str], what: str) -> Validator:
    """A string matching ``pattern`` in full; ``what`` names the form in the error."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise fail(attribute, f"expected a string, got {_describe(value)}")
        if pattern.fullmatch(value) is None:
            raise fail(attribute, f"{value!r} is not {what}")

    return describe(check, pattern=f"^(?:{pattern.pattern})$", what=what)


slug = matches(SLUG, "an id (lowercase letters, digits and single hyphens, e.g. 'vladimir-putin')")
country = matches(COUNTRY, "an ISO 3166-1 alpha-3 country code such as 'USA' or 'RUS'")
party = matches(PARTY, "an ISO 3166-1 alpha-3 country code or one of 'EU', 'NATO', 'UN'")
wikidata = matches(WIKIDATA, "a Wikidata item id such as 'Q7747'")
url = matches(URL, "an http(s) URL")


def instance(kind: type) -> Validator:
    """Exactly an instance of ``kind`` (``bool`` is not accepted as ``int``)."""
    name = _TYPE_NAMES.get(kind) or (
        f"a {kind.__name__} member" if issubclass(kind, enum.Enum) else f"a {kind.__name__}"
    )

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise fail(attribute, f"expected {name}, got {_describe(value)}")

    return check


def number(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite int or float (not a bool)."""
    if type(value) not in (int, float):
        raise fail(attribute, f"expected a number, got {_describe(value)}")
    if value != value or value in (float("inf"), float("-inf")):
        raise fail(attribute, "must be a finite number")


def between(low: float, high: float) -> Validator:
    """A finite number from ``low`` to ``high`` inclusive."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        number(instance, attribute, value)
        if not low <= value <= high:  # type: ignore[operator]
            raise fail(attribute, f"{value} is outside {low:g}..{high:g}")

    return describe(check, minimum=low, maximum=high)


def day(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar date (a ``datetime`` is refused: it would carry a clock time)."""
    if type(value) is not dt.date:
        raise fail(attribute, f"expected a date, got {_describe(value)}")


describe(day, pattern=r"^\d{4}-\d{2}-\d{2}$", format="date")


_MINUTE = dt.timedelta(minutes=1)


def _offset_text(offset: dt.timedelta) -> str:
    """``+00:19:32`` for an offset of 19 minutes 32 seconds east of UTC."""
    sign = "-" if offset < dt.timedelta(0) else "+"
    seconds = abs(offset).total_seconds()
    rest = f"{seconds % 60:09.6f}".rstrip("0").rstrip(".")
    return f"{sign}{int(seconds // 3600):02d}:{int(seconds % 3600 // 60):02d}:{rest}"


def aware(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A datetime with a UTC offset in whole minutes (what RFC 3339 and the codec can write)."""
    if not isinstance(value, dt.datetime):
        raise fail(attribute, f"expected a datetime, got {_describe(value)}")
    offset = value.utcoffset()
    if offset is None:
        raise fail(attribute, "datetime needs a UTC offset (naive datetimes are ambiguous)")
    if offset % _MINUTE:
        raise fail(
            attribute,
            f"UTC offset {_offset_text(offset)} is not a whole number of minutes, which JSON (RFC 3339) "
            "cannot write; convert the time to UTC or to an offset in minutes",
        )


def fixed_offset(value: dt.datetime | None) -> dt.datetime | None:
    """``value`` with its UTC offset as a fixed ``datetime.timezone`` (what JSON keeps of it).

    A datetime in a zone such as ``ZoneInfo("America/New_York")`` keeps its instant and wall time
    but not the zone object. Without this, a time in the repeated hour when clocks go back would
    never compare equal to itself read back from JSON (:pep:`495`). Anything that is not an aware
    datetime is returned unchanged for :func:`aware` to reject.
    """
    if not isinstance(value, dt.datetime) or (type(value.tzinfo) is dt.timezone and not value.fold):
        return value
    offset = value.utcoffset()
    if offset is None:
        return value
    return value.replace(tzinfo=dt.timezone(offset), fold=0)


describe(
    aware,
    pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3}|\.\d{6})?)?(Z|[+-]\d{2}:\d{2})$",
    format="date-time",
)


@functools.lru_cache(maxsize=512)
def zone_info(key: str) -> zoneinfo.ZoneInfo | None:
    """The IANA zone called ``key``, or ``None`` if there is none."""
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def zone(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An IANA time-zone name such as ``Europe/Moscow``."""
    if type(value) is not str:
        raise fail(attribute, f"expected a string, got {_describe(value)}")
    if zone_info(value) is None:
        raise fail(attribute, f"{value!r} is not an IANA time zone such as 'Europe/Moscow'")


describe(zone, pattern=r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$", what="an IANA time zone name")


def tuple_of(member: Validator, *, nonempty: bool = False, unique: bool = False) -> Validator:
    """A tuple whose every item passes ``member``; optionally non-empty and without repeats."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise fail(attribute, f"expected a tuple, got {type(value).__name__}")
        if nonempty and not value:
            raise fail(attribute, "must not be empty")
        for index, item in enumerate(value):
            try:
                member(instance, attribute, item)
            except DataError as error:
                raise DataError(
                    (path.replace(f"$.{attribute.name}", f"$.{attribute.name}[{index}]", 1), msg)
                    for path, msg in error.problems
                ) from None
        if unique and len(set(value)) != len(value):
            seen: set[object] = set()
            repeats = [v for v in value if v in seen or seen.add(v)]  # type: ignore[func-returns-value]
            raise fail(attribute, f"repeats {repeats[0]!r}")

    return describe(check, member=member, nonempty=nonempty, unique=unique)


sources = tuple_of(slug, nonempty=True, unique=True)
"""At least one source id, no repeats."""
