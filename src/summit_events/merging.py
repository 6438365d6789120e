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

from collections.abc import Iterable
from typing import Any

from .collection import SECTIONS as _SECTIONS
from .collection import Dataset, RecordsReplaced, _check_links, collisions, merge
from .models import Call, Document, Meeting, Occurrence, Person, ReactionBase, Series, Source

__all__ = ["RecordsReplaced", "additions", "collisions", "merge", "read_additions"]

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
