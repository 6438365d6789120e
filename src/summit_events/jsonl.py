"""Reading JSON Lines back: the format ``summit-events export --format jsonl`` writes.

The first line is the header (``{"type": "dataset", "data_version": …, "schema_version": 1, …}``),
then one record per line, tagged with its ``type`` (``person``, ``source``, ``call``,
``meeting``, ``occurrence`` or ``reaction``). Problems are reported with the line they are
on: ``line 3 $.timing.start: …``. Records come in file order (the export sorts them by id).

>>> import summit_events as se
>>> from summit_events.export import FORMATS
>>> back = se.from_jsonl(FORMATS["jsonl"](se.load()))
>>> back.get("2025-02-13-moex-index") == se.load().get("2025-02-13-moex-index")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .codec import from_dict, parse_json
from .collection import Dataset
from .errors import DataError, Problem

__all__ = ["SECTIONS", "from_jsonl"]

SECTIONS = {"person": "people", "source": "sources", "call": "calls", "meeting": "meetings",
            "occurrence": "occurrences", "reaction": "reactions", "series": "series", "document": "documents"}
"""The dataset section each record ``type`` goes to."""

_PATH = re.compile(r"^\$\.(people|calls|meetings|occurrences|reactions|sources|series|documents)\[(\d+)\]")
_HEADER_KEYS = {"type", "data_version", "schema_version", "license", "attribution", "coverage"}


def from_jsonl(text: str | bytes) -> Dataset:
    """The :class:`Dataset` in JSON Lines text; :class:`DataError` names the line of each problem."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise DataError([("$", f"not UTF-8 text: invalid byte at offset {error.start}")]) from None
    problems: list[Problem] = []
    header: dict[str, object] | None = None
    header_line = 1
    sections: dict[str, list[object]] = {section: [] for section in SECTIONS.values()}
    lines: dict[str, list[int]] = {section: [] for section in SECTIONS.values()}
    # split on "\n" only: a JSON string may hold U+2028, which str.splitlines() would split on
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = parse_json(line)
        except DataError as error:
            problems += [(f"line {number}", message) for _, message in error.problems]
            continue
        if type(value) is not dict:
            problems.append((f"line {number}", "expected a JSON object"))
            continue
        tag = value.pop("type", None)
        if tag == "dataset":
            if header is not None or any(sections.values()):
                problems.append((f"line {number} $.type", "the dataset header must be the first line, once"))
            header, header_line = value, number
            extra = sorted(set(value) - _HEADER_KEYS)
            if extra:
                problems.append((f"line {number} $.{extra[0]}", "unknown key in the dataset header"))
        elif isinstance(tag, str) and tag in SECTIONS:
            sections[SECTIONS[tag]].append(value)
            lines[SECTIONS[tag]].append(number)
        else:
            expected = ", ".join(repr(t) for t in ("dataset", *SECTIONS))
            problems.append((f"line {number} $.type", f"unknown record type {tag!r}; expected one of {expected}"))
    if header is None:
        problems.insert(0, ("line 1", 'the first line must be the dataset header: {"type": "dataset", ...}'))
    if problems:
        raise DataError(problems)
    assert header is not None
    document: dict[str, object] = {
        key: header[key] for key in ("schema_version", "data_version", "coverage") if key in header
    }
    document.update(sections)
    try:
        return from_dict(document, Dataset)
    except DataError as error:
        raise DataError(_on_lines(error.problems, lines, header_line)) from None


def _on_lines(problems: tuple[Problem, ...], lines: dict[str, list[int]], header: int) -> Iterator[Problem]:
    for path, message in problems:
        found = _PATH.match(path)
        if found is not None and int(found.group(2)) < len(lines[found.group(1)]):
            yield f"line {lines[found.group(1)][int(found.group(2))]} ${path[found.end():]}", message
        elif path.startswith(("$.schema_version", "$.data_version", "$.coverage")) or path == "$":
            yield f"line {header} {path}", message
        else:
            yield path, message
