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
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import attrs

from .errors import DataError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COUNTRY = re.compile(r"[A-Z]{3}")
PARTY = re.compile(r"[A-Z]{3}|EU|NATO|UN")
WIKIDATA = re.compile(r"Q[1-9][0-9]*")
#: characters no text field may hold: C0 controls but tab and line feed, DEL, C1 controls
#: (escape sequences a terminal would act on), and lone UTF-16 surrogates (not writable as UTF-8)
FORBIDDEN = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff"
_FORBIDDEN = re.compile(f"[{FORBIDDEN}]")
URL = re.compile(rf"https?://[^\s/$.?#{FORBIDDEN}][^\s{FORBIDDEN}]*")
MAX_URL = 2000
MAX_ZONE = 64
#: the dates every field accepts: any time-zone arithmetic (a day either way) stays representable
FIRST_DATE = dt.date(2, 1, 1)
LAST_DATE = dt.date(9998, 12, 31)
#: the largest integer JSON readers agree on (RFC 7493, I-JSON): 2**53 - 1
MAX_INT = 2**53 - 1

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


MAX_DIGITS = 4300
"""The longest integer JSON text is read as a number (Python's own default limit)."""


class LongInteger:
    """An integer in JSON text of more than :data:`MAX_DIGITS` digits, kept only as its length.

    The parser gives one of these instead of raising, so the problem is reported with the
    path of the value (every field refuses it as out of range).
    """

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<an integer of {self.digits} digits>"


SHOWN = 60
"""The most characters of a bad value an error message echoes."""


def shown(value: object) -> str:
    """A short ``repr`` of ``value`` for an error message: long text is cut, huge numbers are sized.

    Never raises: an ``int`` too long for ``repr`` (over 4300 digits) is described, not written.
    """
    if type(value) is int and value.bit_length() > 200:
        return f"<an integer of about {int(value.bit_length() * 0.30103) + 1} digits>"
    if isinstance(value, str) and len(value) > SHOWN:
        return f"{value[:SHOWN - 20]!r}… ({len(value)} characters)"
    if isinstance(value, (list, dict, tuple, set, frozenset)) and len(value) > 3:
        return f"<{type(value).__name__} of {len(value)} items>"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - any object may fail to print itself
        return f"<{type(value).__name__}>"
    return text if len(text) <= SHOWN else f"{text[:SHOWN - 1]}…"


def _describe(value: object) -> str:
    return f"{type(value).__name__} {shown(value)}" if not isinstance(value, tuple) else "a tuple"


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string with no leading or trailing white space."""
    if type(value) is not str:
        raise fail(attribute, f"expected a string, got {_describe(value)}")
    if not value or value != value.strip():
        raise fail(attribute, "must be non-empty text without leading or trailing spaces")
    bad = _FORBIDDEN.search(value)
    if bad is not None:
        raise fail(attribute, f"{_character(bad.group())} at offset {bad.start()} is not allowed in text")


def _character(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X} (not writable as UTF-8)"
    return f"control character U+{code:04X}"


describe(
    text,
    pattern=rf"^[^\s{FORBIDDEN}](?:[^{FORBIDDEN}]*[^\s{FORBIDDEN}])?$",
    what="non-empty text without leading or trailing spaces or control characters",
)


def optional(validator: Validator) -> Validator:
    """``validator`` unless the value is ``None``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return describe(check, optional=validator)


def matches(pattern: re.Pattern[str], what: str, limit: int | None = None) -> Validator:
    """A string matching ``pattern`` in full (of at most ``limit`` characters); ``what`` names the form."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str:
            raise fail(attribute, f"expected a string, got {_describe(value)}")
        if pattern.fullmatch(value) is None:
            raise fail(attribute, f"{shown(value)} is not {what}")
        if limit is not None and len(value) > limit:
            raise fail(attribute, f"{shown(value)} is longer than {limit} characters")

    facts: dict[str, Any] = {"pattern": f"^(?:{pattern.pattern})$", "what": what}
    if limit is not None:
        facts["max_length"] = limit
    return describe(check, **facts)


slug = matches(SLUG, "an id (lowercase letters, digits and single hyphens, e.g. 'vladimir-putin')")
country = matches(COUNTRY, "an ISO 3166-1 alpha-3 country code such as 'USA' or 'RUS'")
party = matches(PARTY, "an ISO 3166-1 alpha-3 country code or one of 'EU', 'NATO', 'UN'")
wikidata = matches(WIKIDATA, "a Wikidata item id such as 'Q7747'")
url = matches(URL, "an http(s) URL without spaces or control characters", limit=MAX_URL)


def instance(kind: type) -> Validator:
    """Exactly an instance of ``kind`` (``bool`` is not accepted as ``int``)."""
    name = _TYPE_NAMES.get(kind) or (
        f"a {kind.__name__} member" if issubclass(kind, enum.Enum) else f"a {kind.__name__}"
    )

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise fail(attribute, f"expected {name}, got {_describe(value)}")

    return check


def to_float(value: object) -> object:
    """An ``int`` as the equal ``float`` (one value, one JSON text: ``7`` is written ``7.0``).

    Anything else (and an ``int`` too large for a float) is returned unchanged for :func:`number`.
    """
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return value
    return value


def number(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite float (an int is converted by :func:`to_float` first; a bool is refused)."""
    if type(value) is int:
        raise fail(attribute, f"{shown(value)} is out of range for a number")
    if type(value) is not float:
        raise fail(attribute, f"expected a number, got {_describe(value)}")
    if value != value or value in (float("inf"), float("-inf")):
        raise fail(attribute, "must be a finite number")


def percent_change(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A finite number of per cent, at least -100 (nothing falls by more than all of its value)."""
    number(instance, attribute, value)
    if value < -100:  # type: ignore[operator]
        raise fail(attribute, f"{value} is a fall of more than 100 %, which is impossible")


describe(percent_change, minimum=-100)


def between(low: float, high: float) -> Validator:
    """A finite number from ``low`` to ``high`` inclusive."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        number(instance, attribute, value)
        if not low <= value <= high:  # type: ignore[operator]
            raise fail(attribute, f"{value} is outside {low:g}..{high:g}")

    return describe(check, minimum=low, maximum=high)


def _in_range(attribute: attrs.Attribute[Any], value: dt.date) -> None:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise fail(attribute, f"{value.isoformat()} is outside the dates the data can hold "
                              f"({FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()})")


def day(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar date from :data:`FIRST_DATE` to :data:`LAST_DATE` (a ``datetime`` is refused)."""
    if type(value) is not dt.date:
        raise fail(attribute, f"expected a date, got {_describe(value)}")
    _in_range(attribute, value)


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
    _in_range(attribute, value.date())
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


ZONE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*")
#: keys a zone database may hold that do not name one fixed place's clock: what they mean
#: depends on the machine (``localtime``, ``posixrules``) or on the build (``right/``, ``posix/``)
HOST_KEYS = frozenset({"localtime", "Factory", "posixrules", "posix", "right"})


def zone_info(key: object) -> zoneinfo.ZoneInfo | None:
    """The IANA zone called ``key``, or ``None`` if ``key`` is not a zone every machine reads alike.

    A key is a zone name of at most :data:`MAX_ZONE` characters (letters, digits, ``_+-``
    and ``/``, no dots), not a host-dependent or build-dependent key (:data:`HOST_KEYS`,
    ``right/…``, ``posix/…``), that the zone database holds as a zone (not a folder).
    """
    return _zone_info(key) if type(key) is str else None


@functools.lru_cache(maxsize=512)
def _zone_info(key: str) -> zoneinfo.ZoneInfo | None:
    if len(key) > MAX_ZONE or ZONE_KEY.fullmatch(key) is None or key.split("/", 1)[0] in HOST_KEYS:
        return None
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: e.g. a folder such as "Europe"
        return None


def zone(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An IANA time-zone name such as ``Europe/Moscow`` (see :func:`zone_info`)."""
    if type(value) is not str:
        raise fail(attribute, f"expected a string, got {_describe(value)}")
    if zone_info(value) is None:
        raise fail(attribute, f"{shown(value)} is not an IANA time zone such as 'Europe/Moscow'")


describe(zone, pattern=f"^(?:{ZONE_KEY.pattern})$", max_length=MAX_ZONE, what="an IANA time zone name")


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
            index = first_repeat(value)
            raise fail(attribute, f"repeats {shown(value[index])}")

    return describe(check, member=member, nonempty=nonempty, unique=unique)


def first_repeat(items: Iterable[Hashable]) -> int:
    """The index of the first item equal to an earlier one, or ``-1``: one pass, one set (linear)."""
    seen: set[Hashable] = set()
    for index, item in enumerate(items):
        if item in seen:
            return index
        seen.add(item)
    return -1


sources = tuple_of(slug, nonempty=True, unique=True)
"""At least one source id, no repeats."""
