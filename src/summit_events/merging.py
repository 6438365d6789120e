"""Your own records on top of another dataset (usually the packaged one).

A file of additions has the usual dataset format, but may refer to people, events and
sources of the base by id without repeating them. :func:`read_additions` reads such a file
without checking its links on its own; :func:`merge` adds its records to the base and
checks the whole.

>>> import summit_events as se
>>> mine = se.Dataset(data_version="notes", sources=(
...     se.Source(id="my-notes", outlet="Own notes", title="Call log", url="https://example.org/log"),))
>>> merged = se.merge(se.load(), mine)
>>> merged.source("my-notes").outlet, len(merged.sources) == len(se.load().sources) + 1
('Own notes', True)
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from .collection import Dataset, _check_links
from .errors import DataError, Problem
from .models import Call, Document, EventBase, Meeting, Occurrence, Person, ReactionBase, Series, Source

__all__ = ["RecordsReplaced", "additions", "collisions", "merge", "read_additions"]

_SECTIONS = ("people", "calls", "meetings", "occurrences", "reactions", "sources", "series", "documents")
_KIND = {"people": "person", "calls": "call", "meetings": "meeting", "occurrences": "occurrence",
         "reactions": "reaction", "sources": "source", "series": "series", "documents": "document"}
_PATH = re.compile(r"^\$\.(people|calls|meetings|occurrences|reactions|sources|series|documents)\[(\d+)\]")


class RecordsReplaced(UserWarning):
    """:func:`merge` with ``replace=True`` replaced records of the base; ``replaced`` lists them."""

    replaced: tuple[tuple[str, str], ...]

    def __init__(self, replaced: tuple[tuple[str, str], ...]) -> None:
        self.replaced = replaced
        listed = ", ".join(f"{kind} {record_id!r}" for kind, record_id in replaced)
        super().__init__(f"replaced {len(replaced)} record(s) of the base: {listed}")


def _group(section: str) -> str:
    """Events share one id space: a call may not reuse a meeting's id."""
    return "events" if section in ("calls", "meetings", "occurrences") else section


def collisions(base: Dataset, additions: Dataset) -> tuple[tuple[str, str, int], ...]:
    """``(section, id, index)`` of each record of ``additions`` whose id the base already uses.

    ``index`` is the record's position in its section of ``additions`` (``$.calls[index]``).
    """
    taken: dict[str, set[str]] = {}
    for section in _SECTIONS:
        taken.setdefault(_group(section), set()).update(r.id for r in getattr(base, section))
    return tuple(
        (section, record.id, index)
        for section in _SECTIONS
        for index, record in enumerate(getattr(additions, section))
        if record.id in taken[_group(section)]
    )


def merge(base: Dataset, additions: Dataset, *, replace: bool = False, _stacklevel: int = 2) -> Dataset:
    """One checked dataset: ``base`` with the records of ``additions`` added.

    A record of ``additions`` whose id the base already uses is an error (:class:`DataError`
    naming its path) unless ``replace=True``: then it replaces the base's record and a
    :class:`RecordsReplaced` warning lists every replacement. Broken links are reported with
    the path of the record in ``additions``. The data version is ``"BASE+ADDITIONS"``; the
    coverage is the base's (the additions' where the base states none).
    """
    clashes = collisions(base, additions)
    if clashes and not replace:
        raise DataError([
            (f"$.{section}[{index}].id",
             f"{record_id!r} is already a {_existing_kind(base, section, record_id)} of the base "
             "(to replace it: replace=True, or --replace on the command line)")
            for section, record_id, index in clashes
        ])
    replaced = {(_group(section), record_id) for section, record_id, _ in clashes}
    kept = {
        section: tuple(r for r in getattr(base, section) if (_group(section), r.id) not in replaced)
        for section in _SECTIONS
    }
    version = base.data_version if additions.data_version == base.data_version else (
        f"{base.data_version}+{additions.data_version}"
    )
    try:
        merged = Dataset(
            data_version=version,
            coverage=base.coverage if base.coverage is not None else additions.coverage,
            **{section: kept[section] + getattr(additions, section) for section in _SECTIONS},
        )
    except DataError as error:
        raise DataError(_relocate(error.problems, {s: len(kept[s]) for s in _SECTIONS})) from None
    if clashes:
        warnings.warn(
            RecordsReplaced(tuple((_KIND[section], record_id) for section, record_id, _ in clashes)),
            stacklevel=_stacklevel,
        )
    return merged


def _existing_kind(base: Dataset, section: str, record_id: str) -> str:
    if _group(section) == "events":
        event: EventBase = base.event(record_id)
        return event.kind
    return _KIND[section]


def _relocate(problems: tuple[Problem, ...], offsets: dict[str, int]) -> Iterator[Problem]:
    """Paths in the merged dataset as paths in the additions (or in the base, so marked)."""
    for path, message in problems:
        found = _PATH.match(path)
        if found is None:
            yield path, message
            continue
        section, index = found.group(1), int(found.group(2))
        rest = path[found.end():]
        if index >= offsets[section]:
            yield f"$.{section}[{index - offsets[section]}]{rest}", message
        else:
            yield f"base $.{section}[{index}]{rest}", message


def additions(records: Iterable[Any], *, data_version: str = "additions") -> Dataset:
    """A dataset of your own records, which may refer to a base's people, events and sources.

    Each record is checked as usual; links are checked by :func:`merge` (or by
    ``summit-events --base packaged validate FILE`` once written with :func:`~summit_events.to_json`).
    Such a dataset is for writing to a file and merging: queries that follow its links to
    the base belong on the merged dataset.
    """
    sections: dict[str, list[Any]] = {section: [] for section in _SECTIONS}
    for record in records:
        section = next((s for cls, s in _SECTION_OF if isinstance(record, cls)), None)
        if section is None:
            raise TypeError(
                f"expected a Person, event, reaction, Source, Series or Document, got {type(record).__name__}"
            )
        sections[section].append(record)
    built: dict[str, Any] = {s: tuple(v) for s, v in sections.items()}
    return read_additions(lambda: Dataset(data_version=data_version, **built))


_SECTION_OF = ((Person, "people"), (Call, "calls"), (Meeting, "meetings"), (Occurrence, "occurrences"),
               (ReactionBase, "reactions"), (Source, "sources"), (Series, "series"), (Document, "documents"))


def read_additions(read: Any) -> Dataset:
    """Run ``read()`` (which builds a :class:`Dataset`) without checking its links on their own.

    The records themselves are checked as always; the links are checked by :func:`merge`.
    """
    token = _check_links.set(False)
    try:
        result: Dataset = read()
    finally:
        _check_links.reset(token)
    return result
