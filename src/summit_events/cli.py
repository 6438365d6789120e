"""The ``summit-events`` command: argument parsing and printing over the public API."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import DATA_VERSION, __version__, load, to_json
from .collection import Dataset
from .errors import DataError, NotFoundError
from .models import (
    Call,
    EventBase,
    MarketReaction,
    MediaReaction,
    Meeting,
    Person,
    Reaction,
    StatementReaction,
)

__all__ = ["main"]


def _names(ds: Dataset, event: EventBase) -> str:
    people = [ds.person(p).name for p in event.person_ids]
    return " – ".join(people) if people else ", ".join(event.parties)


def _duration(event: EventBase) -> str:
    span = event.duration_range()
    if span is None:
        return ""
    low, high = span
    return f" · {low} min" if low == high else f" · {low}–{high} min (claims differ)"


def event_line(ds: Dataset, event: EventBase) -> str:
    """One line for an event: date, kind, title, people, duration, status."""
    when = event.date.isoformat() if event.date is not None else "(no date)"
    elsewhere = ""
    if event.timing is not None:
        others = [f"{d.date} in {d.zone}" for d in event.timing.local_dates if d.date != event.timing.date]
        elsewhere = f" ({', '.join(others)})" if others else ""
    status = "" if event.status.value == "held" else f" [{event.status.value.replace('_', ' ')}]"
    extra = ""
    if isinstance(event, Meeting) and event.place is not None:
        extra = f" · {event.place.name}"
    return f"{when}  {event.kind:<10} {event.title}{status}{elsewhere} — {_names(ds, event)}{extra}{_duration(event)}"


def reaction_line(ds: Dataset, reaction: Reaction) -> str:
    """One line for a dated reaction."""
    when = reaction.date.isoformat() if reaction.date is not None else "(no date)"
    if isinstance(reaction, MarketReaction):
        sign = "+" if reaction.change_percent >= 0 else ""
        qual = {"more_than": ">", "about": "~", "nearly": "<~", "less_than": "<"}.get(reaction.qualifier.value, "")
        level = f" to {reaction.level:g} {reaction.unit or ''}".rstrip() if reaction.level is not None else ""
        text = f"{reaction.instrument} {qual}{sign}{reaction.change_percent:g}%{level}"
    elif isinstance(reaction, StatementReaction):
        text = f"{ds.person(reaction.speaker).name} ({reaction.stance.value}): {reaction.gist}"
    else:
        assert isinstance(reaction, MediaReaction)
        text = f"{reaction.outlet}: {reaction.gist}"
    return f"{when}  {reaction.kind:<10} {text}"


def _timeline(ds: Dataset, args: argparse.Namespace, out: TextIO) -> int:
    month, written = "", False
    for record in ds.timeline():
        if not isinstance(record, EventBase) and not args.reactions:
            continue
        day = record.date
        assert day is not None  # the timeline holds dated records only
        if day.strftime("%B %Y") != month:
            month = day.strftime("%B %Y")
            out.write(f"\n{month}\n" if written else f"{month}\n")
            written = True
        if isinstance(record, EventBase):
            out.write(event_line(ds, record) + "\n")
        else:
            out.write(reaction_line(ds, record) + "\n")
    undated = [e for e in ds.events() if e.timing is None]
    if undated:
        out.write("\nNot (yet) held, no date:\n")
        for event in undated:
            out.write(event_line(ds, event) + "\n")
    return 0


def _show(ds: Dataset, args: argparse.Namespace, out: TextIO) -> int:
    try:
        record: Person | EventBase = ds.event(args.id)
    except NotFoundError:
        record = ds.person(args.id)
    if args.json:
        out.write(to_json(record))
        return 0
    if isinstance(record, Person):
        out.write(f"{record.name} ({record.id}) · {record.country} · {record.kind.value}\n")
        for office in record.offices:
            span = f"{office.start or '?'} – {office.end or ''}"
            out.write(f"  {office.title} ({office.country}) {span}\n")
        for event in ds.events(participant=record):
            out.write("  " + event_line(ds, event) + "\n")
        return 0
    out.write(event_line(ds, record) + "\n\n" + record.summary + "\n")
    if isinstance(record, Call) and record.initiator:
        out.write(f"\nInitiated by: {ds.person(record.initiator).name}\n")
    for label, claims in (("Outcomes", record.outcomes), ("Accounts", record.accounts)):
        if claims:
            out.write(f"\n{label}:\n")
            for claim in claims:
                out.write(f"  - {claim.text} (according to {claim.by})\n")
    if record.durations:
        out.write("\nDuration, as claimed:\n")
        for d in record.durations:
            quote = f' "{d.quote}"' if d.quote else ""
            out.write(f"  - {d.qualifier.value.replace('_', ' ')} {d.minutes} min: {d.by}{quote}\n")
    reactions = ds.reactions_to(record)
    if reactions:
        out.write("\nReactions:\n")
        for reaction in reactions:
            out.write("  " + reaction_line(ds, reaction) + "\n")
    out.write("\nSources:\n")
    for source in ds.sources_of(record):
        section = f" (section: {source.section})" if source.section else ""
        out.write(f"  - {source.outlet}: {source.title}{section} <{source.url}>\n")
    return 0


def _search(ds: Dataset, args: argparse.Namespace, out: TextIO) -> int:
    found = ds.search(args.query)
    for record in found:
        if isinstance(record, Person):
            out.write(f"person     {record.id:<40} {record.name}\n")
        else:
            out.write(f"{record.kind:<10} {record.id:<40} {record.title}\n")
    if not found:
        sys.stderr.write(f"summit-events: nothing matches {args.query!r}\n")
        return 1
    return 0


def _write(result: str | dict[str, str], output: str | None, out: TextIO) -> int:
    """Print text, or write it to ``output``; a multi-file result needs ``output`` as a folder."""
    if isinstance(result, dict):
        if output in (None, "-"):
            sys.stderr.write("summit-events: this format is several files: give -o DIR\n")
            return 2
        folder = Path(str(output))
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in result.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        return 0
    if output in (None, "-"):
        out.write(result)
    else:
        Path(str(output)).write_text(result, encoding="utf-8", newline="")
    return 0


def _export(ds: Dataset, args: argparse.Namespace, out: TextIO) -> int:
    from .export import export

    return _write(export(ds, args.format), args.output, out)


def _schema(_: Dataset | None, args: argparse.Namespace, out: TextIO) -> int:
    from .export.schema import schema_text

    return _write(schema_text(), args.output, out)


def _validate(_: Dataset | None, args: argparse.Namespace, out: TextIO) -> int:
    try:
        ds = load(args.file)
    except DataError as error:
        sys.stderr.write(f"{args.file}: invalid\n")
        for path, message in error.problems:
            sys.stderr.write(f"  {path}: {message}\n")
        return 1
    counts = ", ".join(
        f"{len(getattr(ds, name))} {name}"
        for name in ("people", "calls", "meetings", "occurrences", "reactions", "sources")
    )
    out.write(f"{args.file}: valid ({counts})\n")
    if args.strict:
        from ._lint import lint

        warnings = lint(ds)
        for warning in warnings:
            sys.stderr.write(f"  warning: {warning}\n")
        if warnings:
            sys.stderr.write(f"{args.file}: {len(warnings)} warning(s) (--strict)\n")
            return 1
    return 0


def _side(name: str) -> Dataset:
    """``packaged`` or a dataset file, for ``diff``; a bad file names which side it was."""
    if name == "packaged":
        return load()
    try:
        return load(name)
    except DataError as error:
        raise DataError([(f"{name}: {path}", message) for path, message in error.problems]) from None


def _diff(_: Dataset | None, args: argparse.Namespace, out: TextIO) -> int:
    import json

    from .changes import changelog, diff

    old, new = _side(args.old), _side(args.new)
    changes = diff(old, new)
    if args.json:
        document = {"old": old.data_version, "new": new.data_version, "changes": [c.to_json() for c in changes]}
        out.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        return 0
    if args.changelog:
        text = changelog(changes)
        out.write(f"{text}\n" if text else "")
        return 0
    out.write(f"{args.old} (data {old.data_version}) -> {args.new} (data {new.data_version})\n")
    if not changes:
        out.write("no differences\n")
        return 0
    mark = {"added": "+", "removed": "-", "changed": "~"}
    last = None
    for change in changes:
        if change.change != "changed" or change.path == "$":
            out.write(f"{mark[change.change]} {change.record} {change.id}\n")
            continue
        if (change.record, change.id) != last:
            out.write(f"~ {change.record} {change.id}\n")
            last = change.record, change.id
        out.write(f"    {change.path}: {_short(change.old)} -> {_short(change.new)}\n")
    records = [c for c in changes if c.record != "dataset"]
    counts = {what: len({(c.record, c.id) for c in records if c.change == what}) for what in mark}
    out.write(f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed\n")
    return 0


def _short(value: object, limit: int = 100) -> str:
    import json

    text = "(absent)" if value is None else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summit-events",
        description="Leader-level diplomacy as typed, sourced data: browse, search, export and validate.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__} (data {DATA_VERSION})")
    parser.add_argument("--data", metavar="FILE", help="use this dataset file instead of the packaged data")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    timeline = commands.add_parser("timeline", help="every dated event, in time order")
    timeline.add_argument("--reactions", action="store_true", help="also list dated reactions")
    timeline.set_defaults(run=_timeline)

    show = commands.add_parser("show", help="one event or person, with claims, reactions and sources")
    show.add_argument("id", help="an event id, or a person's id or name")
    show.add_argument("--json", action="store_true", help="print the record as JSON")
    show.set_defaults(run=_show)

    search = commands.add_parser("search", help="people and events matching every word of QUERY")
    search.add_argument("query")
    search.set_defaults(run=_search)

    from .export import FORMATS

    export = commands.add_parser("export", help="the dataset as JSON (default) or another format")
    export.add_argument("--format", default="json", choices=list(FORMATS), help="the export format (default: json)")
    export.add_argument(
        "-o", "--output", metavar="FILE_OR_DIR", help="write to FILE (or DIR for csv, datapackage) instead of stdout"
    )
    export.set_defaults(run=_export)

    schema = commands.add_parser("schema", help="the JSON Schema (2020-12) of the dataset format")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    schema.set_defaults(run=_schema, own_data=True)

    compare = commands.add_parser("diff", help="what changed between two datasets, record by record")
    compare.add_argument("old", metavar="OLD", help="a dataset file, or 'packaged'")
    compare.add_argument("new", metavar="NEW", help="a dataset file, or 'packaged'")
    formats = compare.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print the changes as one JSON document")
    formats.add_argument(
        "--changelog", action="store_true", help="print the ids added, removed and changed as CHANGELOG bullets"
    )
    compare.set_defaults(run=_diff, own_data=True)

    validate = commands.add_parser("validate", help="check a dataset file; exit 1 with every problem")
    validate.add_argument("file")
    validate.add_argument("--strict", action="store_true", help="also exit 1 on warnings about unlikely data")
    validate.set_defaults(run=_validate, own_data=True)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    try:
        ds = None if getattr(args, "own_data", False) else load(args.data)
        return int(args.run(ds, args, stream))
    except NotFoundError as error:
        sys.stderr.write(f"summit-events: {error}\n")
        return 1
    except DataError as error:
        sys.stderr.write(f"summit-events: invalid data in {args.data}:\n{error}\n")
        return 1
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
    except OSError as error:
        sys.stderr.write(f"summit-events: {error.strerror or error}: {error.filename or ''}\n")
        return 2
