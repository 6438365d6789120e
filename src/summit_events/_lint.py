"""Warnings about data that is valid but unlikely: :func:`lint`.

A :class:`~summit_events.errors.DataError` is for what cannot be true (a fall of more than
100 %, an event that follows a later one). What is only unlikely is accepted, and
:func:`lint` lists it, so that a reviewer can look twice; ``summit-events validate --strict``
fails on any warning. The packaged dataset has none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, NamedTuple, cast

import attrs

from ._text import normalize
from .collection import Dataset
from .models import EventStatus, MarketReaction

__all__ = ["LINT_RULES", "LintWarning", "lint"]

LINT_RULES = {
    "long-duration": "a duration claim of more than 24 hours",
    "large-market-move": "a market move of more than 50 % either way",
    "reaction-before-event": "a reaction dated more than a day before the held event it reacts to",
    "distant-date": "an event or reaction dated before 1900 or after 2100",
    "user-assigned-country": "a country code from the ISO 3166-1 user-assigned ranges (AAA-AAZ, QMA-QZZ, XAA-XZZ, "
                             "ZZA-ZZZ), e.g. XKX, which some use for Kosovo",
    "bidi-control": "text holding a Unicode bidirectional control, which can make text display in another order",
    "same-name": "two people sharing a name or alias (ignoring case, accents and punctuation): perhaps one "
                 "person entered twice under two ids",
}
"""Each rule :func:`lint` applies, by name, with what it warns about."""

LONGEST_MINUTES = 24 * 60
LARGEST_MOVE = 50.0
FIRST_LIKELY = dt.date(1900, 1, 1)
LAST_LIKELY = dt.date(2100, 12, 31)
_USER_ASSIGNED = re.compile(r"AA[A-Z]|Q[M-Z][A-Z]|X[A-Z]{2}|ZZ[A-Z]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_HAPPENED = frozenset({EventStatus.HELD, EventStatus.REPORTED_UNCONFIRMED})
_COUNTRY_FIELDS = frozenset({"country", "side", "host"})


class LintWarning(NamedTuple):
    """One unlikely thing in a dataset: where (a JSON path), which rule (see :data:`LINT_RULES`), and what."""

    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"


def lint(ds: Dataset) -> tuple[LintWarning, ...]:
    """Every warning for ``ds``, in document order within each rule.

    >>> import summit_events as se
    >>> se.lint(se.load())
    ()
    """
    if not isinstance(ds, Dataset):
        raise TypeError(f"expected a Dataset, got {type(ds).__name__}")
    return tuple(_warnings(ds))


def _warnings(ds: Dataset) -> Iterator[LintWarning]:
    events = {event.id: event for event in (*ds.calls, *ds.meetings, *ds.occurrences)}
    for group in ("calls", "meetings", "occurrences"):
        for i, event in enumerate(getattr(ds, group)):
            path = f"$.{group}[{i}]"
            for j, claim in enumerate(event.durations):
                if claim.minutes > LONGEST_MINUTES:
                    yield LintWarning(f"{path}.durations[{j}].minutes", "long-duration",
                                      f"{claim.minutes} minutes is more than 24 hours")
            if event.timing is not None and not FIRST_LIKELY <= event.timing.date <= LAST_LIKELY:
                yield LintWarning(f"{path}.timing.date", "distant-date", f"{event.timing.date} is far from today")
    for i, reaction in enumerate(ds.reactions):
        path = f"$.reactions[{i}]"
        if isinstance(reaction, MarketReaction) and abs(reaction.change_percent) > LARGEST_MOVE:
            yield LintWarning(f"{path}.change_percent", "large-market-move",
                              f"a move of {reaction.change_percent:g} % is more than {LARGEST_MOVE:g} %")
        if reaction.date is None:
            continue
        if not FIRST_LIKELY <= reaction.date <= LAST_LIKELY:
            yield LintWarning(f"{path}.date", "distant-date", f"{reaction.date} is far from today")
        target = events.get(reaction.event) if reaction.event is not None else None
        if (
            target is not None and target.timing is not None and target.status in _HAPPENED
            and reaction.date < target.timing.date - dt.timedelta(days=1)
        ):
            yield LintWarning(f"{path}.date", "reaction-before-event",
                              f"{reaction.date} is before the event it reacts to ({target.timing.date})")
    owners: dict[str, str] = {}
    for i, person in enumerate(ds.people):
        for name in dict.fromkeys(normalize(n) for n in (person.name, *person.aliases)):
            other = owners.setdefault(name, person.id)
            if other != person.id:
                yield LintWarning(f"$.people[{i}]", "same-name",
                                  f"{person.id!r} and {other!r} share the name {name!r}")
    for path, name, value in _strings(ds, "$"):
        if name in _COUNTRY_FIELDS or name == "parties":
            if _USER_ASSIGNED.fullmatch(value):
                yield LintWarning(path, "user-assigned-country", f"{value!r} is not an assigned ISO 3166-1 code")
        elif _BIDI.search(value):
            yield LintWarning(path, "bidi-control", "holds a bidirectional control character")


def _strings(record: object, path: str, name: str = "") -> Iterator[tuple[str, str, str]]:
    """Every string in ``record`` with its JSON path and the name of its field."""
    if isinstance(record, str):
        yield path, name, record
    elif isinstance(record, tuple):
        for index, item in enumerate(record):
            yield from _strings(item, f"{path}[{index}]", name)
    elif attrs.has(type(record)):
        for field in attrs.fields(cast(Any, type(record))):
            yield from _strings(getattr(record, field.name), f"{path}.{field.name}", field.name)
