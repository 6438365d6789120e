"""What changed between two datasets: records added, removed or changed, field by field.

Records are matched by id within their group (people, sources, events, reactions), never by
position, so reordering a file changes nothing. Values are compared as the codec writes
them (plain JSON values), so a change shows exactly as it would in the file.

>>> import summit_events as se
>>> ds = se.load()
>>> se.diff(ds, ds)
()
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

import attrs

from .collection import Dataset

__all__ = ["Change", "changelog", "diff"]

ChangeKind = Literal["added", "removed", "changed"]
RecordKind = Literal[
    "dataset", "person", "source", "call", "meeting", "occurrence", "reaction", "series", "document"
]

_MISSING: Any = None  # a field absent on one side (its default) shows as None


@attrs.frozen(kw_only=True, slots=True)
class Change:
    """One difference: a record added or removed, or one field of a record changed.

    ``path`` is the JSON path of the field inside the record (``"$"`` for a whole record);
    ``old`` and ``new`` are JSON values (``None`` where the field is absent on that side).
    """

    change: ChangeKind
    record: RecordKind  #: the kind of record; ``"dataset"`` for the document's own fields
    id: str  #: the record id (``"data_version"`` for the dataset's version)
    path: str = "$"
    old: Any = None
    new: Any = None

    def to_json(self) -> dict[str, Any]:
        """This change as a JSON object (for ``summit-events diff --json``)."""
        return {"change": self.change, "record": self.record, "id": self.id, "path": self.path,
                "old": self.old, "new": self.new}


_GROUPS = ("people", "sources", "calls", "meetings", "occurrences", "reactions", "series", "documents")
_RECORD: dict[str, RecordKind] = {
    "people": "person", "sources": "source", "calls": "call", "meetings": "meeting",
    "occurrences": "occurrence", "reactions": "reaction", "series": "series", "documents": "document",
}
_ORDER = {"person": 0, "source": 1, "event": 2, "reaction": 3, "series": 4, "document": 5}
_DOCUMENT_FIELDS = ("data_version", "coverage")  # the dataset's own fields, outside any record


def _records(document: dict[str, Any]) -> dict[tuple[str, str], tuple[RecordKind, dict[str, Any]]]:
    """``(namespace, id) -> (kind, record)``; calls, meetings and occurrences share one namespace."""
    found: dict[tuple[str, str], tuple[RecordKind, dict[str, Any]]] = {}
    for group in _GROUPS:
        kind = _RECORD[group]
        namespace = "event" if group in ("calls", "meetings", "occurrences") else kind
        for record in document.get(group, ()):
            found[(namespace, record["id"])] = kind, record
    return found


def _walk(old: Any, new: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    if old == new and type(old) is type(new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            yield from _walk(old.get(key, _MISSING), new.get(key, _MISSING), f"{path}.{key}")
    elif isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else _MISSING
            after = new[index] if index < len(new) else _MISSING
            yield from _walk(before, after, f"{path}[{index}]")
    else:
        yield path, old, new


def diff(old: Dataset, new: Dataset) -> tuple[Change, ...]:
    """Every difference from ``old`` to ``new``: people, sources, events, then reactions, by id.

    A record whose kind changes (a meeting that becomes an occurrence) is ``changed`` at
    ``$.kind``; every other change to a record names the field's path inside it. The
    dataset's own fields (``data_version``, ``coverage``) are reported as ``record="dataset"``.
    """
    from . import to_json_bytes

    before = json.loads(to_json_bytes(old))
    after = json.loads(to_json_bytes(new))
    changes: list[Change] = []
    for name in _DOCUMENT_FIELDS:
        changes.extend(
            Change(change="changed", record="dataset", id=name, path=path, old=a, new=b)
            for path, a, b in _walk(before.get(name), after.get(name), f"$.{name}")
        )
    old_records, new_records = _records(before), _records(after)
    for key in sorted(old_records.keys() | new_records.keys(), key=lambda k: (_ORDER[k[0]], k[1])):
        if key not in new_records:
            kind, record = old_records[key]
            changes.append(Change(change="removed", record=kind, id=key[1], old=record))
        elif key not in old_records:
            kind, record = new_records[key]
            changes.append(Change(change="added", record=kind, id=key[1], new=record))
        else:
            (old_kind, was), (kind, now) = old_records[key], new_records[key]
            if old_kind != kind:
                changes.append(Change(change="changed", record=kind, id=key[1], path="$.kind", old=old_kind, new=kind))
            changes.extend(
                Change(change="changed", record=kind, id=key[1], path=path, old=a, new=b)
                for path, a, b in _walk(was, now, "$")
            )
    return tuple(changes)


def changelog(changes: tuple[Change, ...]) -> str:
    """The record ids added, removed and changed, as Markdown bullets for a CHANGELOG ``Data`` entry.

    >>> print(changelog((Change(change="added", record="person", id="tammy-bruce"),)))
    - Added (1): person `tammy-bruce`.
    """
    lines = []
    for what in ("added", "removed", "changed"):
        ids = dict.fromkeys(f"{c.record} `{c.id}`" for c in changes if c.change == what and c.record != "dataset")
        if ids:
            lines.append(f"- {what.capitalize()} ({len(ids)}): {', '.join(ids)}.")
    return "\n".join(lines)
