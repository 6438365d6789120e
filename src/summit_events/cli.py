# PYTHON_ARGCOMPLETE_OK
"""The ``summit-events`` command: argument parsing and printing over the public API.

Printing rules, in one place (:class:`Screen`):

* text from the data never drives the terminal: control characters (C0, C1, and the
  bidirectional overrides) are shown escaped, as ``\\x1b`` or ``\\u202e``;
* human-readable output is written in the stream's own encoding, with ``?`` for what it
  cannot show; data (``export``, ``schema``, ``--json``) is always UTF-8, so a redirect
  to a file gives the same bytes on every machine;
* lines fit the width: ``COLUMNS`` when set, else the terminal's; piped output with no
  ``COLUMNS`` is not cut;
* colour (with the ``cli`` extra, ``rich``) and a pager only when standard output is a
  terminal; ``NO_COLOR`` (set and not empty) turns colour off, ``--no-pager`` the pager.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import unicodedata
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import DATA_VERSION, __version__, load, to_json
from .collection import SECTIONS, TRACK_NAMES, Dataset, track_key
from .errors import DataError, NotFoundError
from .models import (
    Call,
    ChangeOf,
    Document,
    EventBase,
    EventStatus,
    MarketReaction,
    MediaReaction,
    Meeting,
    Occurrence,
    Person,
    Reaction,
    Series,
    Source,
    StatementReaction,
)

__all__ = ["Screen", "escape", "main"]

Segment = tuple[str, str]
"""A piece of a line and its style (a ``rich`` style name, or ``""``)."""

# C0 and C1 controls, DEL, and the characters that reorder text (bidi embeddings, overrides, isolates)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """``text`` with every control character written out (``"\\x1b"``), so it cannot drive a terminal.

    >>> escape("a\\x1b[31mb\\n")
    'a\\\\x1b[31mb\\\\n'
    """
    def one(match: re.Match[str]) -> str:
        code = ord(match.group())
        named = {9: "\\t", 10: "\\n", 13: "\\r"}.get(code)
        return named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return _CONTROL.sub(one, text)


def _cells(text: str) -> int:
    """Terminal columns ``text`` takes (wide East Asian characters take two, combining marks none)."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


class Screen:
    """Lines for a person to read: escaped, fitted to the width, coloured where that is wanted.

    Lines are collected, then :meth:`show` writes them (through a pager when asked and the
    text is longer than the terminal).
    """

    def __init__(self, stream: TextIO, *, width: int | None, colour: bool) -> None:
        self.stream = stream
        self.width = None if width is None else max(width, 30)
        self.colour = colour
        self.lines: list[list[Segment]] = []

    def line(self, *segments: Segment | str) -> None:
        """One line, cut to the width with ``…`` if longer."""
        parts = [(escape(s), "") if isinstance(s, str) else (escape(s[0]), s[1]) for s in segments]
        self.lines.append(self._fit(parts))

    def blank(self) -> None:
        self.lines.append([])

    def wrap(self, text: str, indent: str = "", style: str = "", first: str | None = None) -> None:
        """A paragraph, wrapped at the width (continuation lines indented by ``indent``)."""
        text = escape(text)
        lead = indent if first is None else first
        if self.width is None:
            self.lines.append([(lead + text, style)])
            return
        for row in textwrap.wrap(text, self.width, initial_indent=lead, subsequent_indent=indent) or [lead]:
            self.lines.append([(row, style)])

    def _fit(self, parts: list[Segment]) -> list[Segment]:
        if self.width is None or _cells("".join(text for text, _ in parts)) <= self.width:
            return parts
        room, fitted = self.width - 1, []
        for text, style in parts:
            kept = ""
            for char in text:
                size = _cells(char)
                if size > room:
                    break
                kept += char
                room -= size
            fitted.append((kept, style))
            if len(kept) < len(text):
                break
        return [*fitted, ("…", "")]

    def render(self) -> str:
        """The collected lines as text, with ANSI colour codes when colour is on."""
        if not self.colour:
            return "".join("".join(text for text, _ in line) + "\n" for line in self.lines)
        from rich.console import Console
        from rich.text import Text

        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=True, width=10_000, color_system="standard",
                          highlight=False, markup=False, emoji=False, soft_wrap=True)
        for line in self.lines:
            text = Text()
            for part, style in line:
                text.append(part, style=style or None)
            console.print(text)
        return buffer.getvalue()

    def show(self, *, pager: bool = False) -> None:
        text = self.render()
        if pager and _page(text):
            return
        _write_text(self.stream, text)


def _write_text(stream: TextIO, text: str) -> None:
    """Human text in the stream's encoding; what it cannot encode (or a lone surrogate) shows as ``?``."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "replace").decode(encoding))


def utf8(text: str) -> bytes:
    """Data as UTF-8 bytes. A lone surrogate (which UTF-8 cannot hold) is written as ``\\udc80``:
    in JSON that escape reads back as the same string."""
    return text.encode("utf-8", "backslashreplace")


def _write_data(stream: TextIO, text: str) -> None:
    """Data (JSON, CSV, …) as UTF-8 whatever the stream's encoding: a redirect gives a UTF-8 file."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(utf8(text))
    buffer.flush()


def _page(text: str) -> bool:
    """Show ``text`` through ``$PAGER`` (default ``less``) if it is longer than the terminal; ``True`` if paged."""
    if text.count("\n") < _terminal_size()[1] - 1:
        return False
    command = shlex.split(os.environ.get("PAGER") or "less")
    if not command:
        return False
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert pager.stdin is not None
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        pager.stdin.write(text.encode(encoding, "replace"))
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit early
        pass
    pager.wait()
    return True


def _terminal_size() -> tuple[int, int]:
    """Columns and lines (``COLUMNS``/``LINES`` first); a terminal that reports 0 counts as 80 × 24."""
    columns, lines = shutil.get_terminal_size()
    return columns or 80, lines or 24


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _width(stream: TextIO) -> int | None:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return _terminal_size()[0] if _is_terminal(stream) else None


def _colour(stream: TextIO) -> bool:
    if not _is_terminal(stream) or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------- record lines

_KIND_WIDTH = 10
_NO_DATE = "no date"


def _names(ds: Dataset, event: EventBase) -> str:
    people = [ds.person(p).name for p in event.person_ids]
    return " – ".join(people) if people else ", ".join(event.parties)


def _duration(event: EventBase) -> str:
    span = event.duration_range()
    if span is None:
        return ""
    low, high = span
    return f" · {low} min" if low == high else f" · {low}–{high} min (claims differ)"


def _status(status: EventStatus) -> str:
    return status.value.replace("_", " ")


def event_text(ds: Dataset, event: EventBase) -> str:
    """An event in a few words: title, status, dates elsewhere, people, place, duration."""
    elsewhere = ""
    if event.timing is not None:
        others = [f"{d.date} in {d.zone}" for d in event.timing.local_dates if d.date != event.timing.date]
        elsewhere = f" ({', '.join(others)})" if others else ""
    status = "" if event.status is EventStatus.HELD else f" [{_status(event.status)}]"
    extra = f" · {event.place.name}" if isinstance(event, Meeting) and event.place is not None else ""
    return f"{event.title}{status}{elsewhere} — {_names(ds, event)}{extra}{_duration(event)}"


def reaction_text(ds: Dataset, reaction: Reaction) -> str:
    """A reaction in a few words: the market move, or who said what."""
    if isinstance(reaction, MarketReaction):
        sign = "+" if reaction.change_percent >= 0 else ""
        qual = {"more_than": ">", "about": "~", "nearly": "<~", "less_than": "<"}.get(reaction.qualifier.value, "")
        level = f" to {reaction.level:g} {reaction.unit or ''}".rstrip() if reaction.level is not None else ""
        return f"{reaction.instrument} {qual}{sign}{reaction.change_percent:g}%{level}"
    if isinstance(reaction, StatementReaction):
        return f"{ds.person(reaction.speaker).name} ({reaction.stance.value}): {reaction.gist}"
    assert isinstance(reaction, MediaReaction)
    return f"{reaction.outlet}: {reaction.gist}"


def label(ds: Dataset, record: Person | EventBase | Reaction | Source | Series | Document) -> str:
    """What a record is called: a name, a title, or a reaction in a few words."""
    if isinstance(record, Person):
        return record.name
    if isinstance(record, Source):
        return f"{record.outlet}: {record.title}"
    if isinstance(record, (EventBase, Series, Document)):
        return record.title
    return reaction_text(ds, record)


def event_line(ds: Dataset, event: EventBase, id_width: int = 0) -> list[Segment]:
    """One timeline row for an event: date, kind, id, then :func:`event_text`."""
    when = event.date.isoformat() if event.date is not None else _NO_DATE
    return [(f"{when:<10}  ", "cyan"), (f"{event.kind:<{_KIND_WIDTH}} ", "magenta"),
            (f"{event.id:<{id_width}}  ", "green"), (event_text(ds, event), "")]


def reaction_line(ds: Dataset, reaction: Reaction, id_width: int = 0) -> list[Segment]:
    """One timeline row for a reaction: date, kind, id, then :func:`reaction_text`."""
    when = reaction.date.isoformat() if reaction.date is not None else _NO_DATE
    return [(f"{when:<10}  ", "cyan"), (f"{reaction.kind:<{_KIND_WIDTH}} ", "magenta"),
            (f"{reaction.id:<{id_width}}  ", "green"), (reaction_text(ds, reaction), "dim")]


# ---------------------------------------------------------------------- timeline


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _track_arg(text: str) -> str:
    try:
        return track_key(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _select(ds: Dataset, args: argparse.Namespace) -> list[EventBase | Reaction]:
    """The records ``timeline`` lists: filtered events, then (``--reactions``) their reactions, by date."""
    events = ds.events(participant=args.person, kind=args.kind, since=args.since, until=args.until,
                       status=args.status, country=args.country, track=args.track)
    chosen: list[EventBase | Reaction] = list(events)
    if args.reactions:
        # reactions to the events the filters other than dates pick, dated within the dates
        narrowed = any(v is not None for v in (args.person, args.kind, args.status, args.country, args.track))
        ids = {e.id for e in ds.events(participant=args.person, kind=args.kind, status=args.status,
                                       country=args.country, track=args.track)}
        for reaction in ds.reactions:
            if reaction.date is None or (args.since and reaction.date < args.since) or (
                args.until and reaction.date > args.until
            ):
                continue
            if reaction.event in ids or (reaction.event is None and not narrowed):
                chosen.append(reaction)
    # events come from ds.events() in time order: keep it among events of one date
    dated = sorted(
        (((r.date, 0, i, "") if isinstance(r, EventBase) else (r.date, 1, 0, r.id)), r)
        for i, r in enumerate(chosen) if r.date is not None
    )
    return [*(r for _, r in dated), *(r for r in chosen if r.date is None)]


def _timeline(ds: Dataset, args: argparse.Namespace, screen: Screen) -> int:
    records = _select(ds, args)
    if not records:
        sys.stderr.write("summit-events: no event matches these filters\n")
        return 1
    if args.json:
        from .export._common import dumps, record_dict

        _write_data(screen.stream, "".join(
            dumps({"type": "reaction" if not isinstance(r, EventBase) else r.kind, **record_dict(r)}, indent=None)
            + "\n" for r in records
        ))
        return 0
    id_width = max((len(r.id) for r in records), default=0)
    month = ""
    for record in records:
        if record.date is not None and record.date.strftime("%B %Y") != month:
            if month:
                screen.blank()
            month = record.date.strftime("%B %Y")
            screen.line((month, "bold"))
        elif record.date is None and month != _NO_DATE:
            if month:
                screen.blank()
            month = _NO_DATE
            screen.line(("Not (yet) held, no date:", "bold"))
        row = event_line(ds, record, id_width) if isinstance(record, EventBase) else reaction_line(ds, record, id_width)
        if screen.width is not None and screen.width - _cells("".join(text for text, _ in row[:3])) < 30:
            # too narrow for the text beside the id: the text goes below it, wrapped
            screen.line(*row[:2], (row[2][0].rstrip(), row[2][1]))
            screen.wrap(row[3][0], indent=" " * 12, style=row[3][1])
        else:
            screen.line(*row)
    return 0


# ---------------------------------------------------------------------- show


def _field(screen: Screen, name: str, value: str) -> None:
    screen.wrap(value, indent=" " * 14, first=f"  {name:<11} ")


def _clock(moment: dt.datetime, zone: str) -> str:
    from . import _checks

    info = _checks.zone_info(zone)
    local = moment.astimezone(info)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()} {zone}"


def _show_times(screen: Screen, event: EventBase) -> None:
    timing = event.timing
    if timing is None:
        _field(screen, "date", "none (not held)")
        return
    _field(screen, "date", f"{timing.date} in {timing.zone}")
    sides = event.dates_by_side()
    if sides:
        _field(screen, "by side", " · ".join(
            f"{side} {low}" if low == high else f"{side} {low} or {high}" for side, (low, high) in sides.items()
        ))
    if timing.start is None:
        _field(screen, "time", "not given by the sources")
        return
    zones = {timing.zone: "the event's zone"}
    from .models import CAPITAL_ZONES

    for participant in event.participants:
        if participant.zone is not None:
            zones.setdefault(participant.zone, f"where {participant.side} was")
    for participant in event.participants:
        capital = CAPITAL_ZONES.get(participant.side)
        if capital is not None:
            zones.setdefault(capital, f"{participant.side} capital")
    for index, (zone, why) in enumerate(zones.items()):
        span = _clock(timing.start, zone)
        if timing.end is not None:
            span += f" to {_clock(timing.end, zone)}"
        _field(screen, "time" if index == 0 else "", f"{span}, {why}")


def _show_event(ds: Dataset, event: EventBase, screen: Screen) -> None:
    screen.line((event.title, "bold"))
    _field(screen, "id", event.id)
    detail = event.kind
    if isinstance(event, Call):
        detail += f" ({event.medium.value})"
    elif isinstance(event, Meeting):
        detail += f" ({event.format.value.replace('_', ' ')})"
    elif isinstance(event, Occurrence):
        detail += f" ({event.category.value.replace('_', ' ')})"
    _field(screen, "kind", detail)
    _field(screen, "status", _status(event.status))
    _show_times(screen, event)
    people = [f"{ds.person(p.person).name} ({p.side}, {p.role.value}{', in ' + p.location if p.location else ''})"
              for p in event.participants]
    if people:
        _field(screen, "who", "; ".join(people))
    if event.parties:
        _field(screen, "parties", ", ".join(event.parties))
    if isinstance(event, Call) and event.initiator:
        _field(screen, "initiated by", ds.person(event.initiator).name)
    if isinstance(event, Meeting):
        if event.place is not None:
            place = event.place
            where = ", ".join(filter(None, (place.name, place.city, place.country)))
            if place.latitude is not None and place.precision is not None:
                where += f" ({place.latitude}, {place.longitude}; {place.precision.value})"
            _field(screen, "place", where)
        if event.host:
            _field(screen, "host", event.host)
    if event.topics:
        _field(screen, "topics", "; ".join(event.topics))
    _show_coding(screen, event)
    screen.blank()
    screen.wrap(event.summary)
    if event.status_claims:
        screen.blank()
        screen.line(("Status, as claimed:", "bold"))
        for status_claim in event.status_claims:
            text = f": {status_claim.text}" if status_claim.text else ""
            quote = f' "{status_claim.quote}"' if status_claim.quote else ""
            screen.wrap(f"{_status(status_claim.status)} according to {status_claim.by}{text}{quote}",
                        indent="    ", first="  - ")
    if event.durations:
        screen.blank()
        screen.line(("Duration, as claimed:", "bold"))
        for d in event.durations:
            quote = f' "{d.quote}"' if d.quote else ""
            screen.wrap(f"{d.qualifier.value.replace('_', ' ')} {d.minutes} min: {d.by}{quote}",
                        indent="    ", first="  - ")
    for heading, claims in (("Outcomes", event.outcomes), ("Accounts", event.accounts)):
        if claims:
            screen.blank()
            screen.line((f"{heading}:", "bold"))
            for claim in claims:
                quote = f' "{claim.quote}"' if claim.quote else ""
                screen.wrap(f"{claim.text} (according to {claim.by}){quote}", indent="    ", first="  - ")
    links = ds.related(event)
    if links:
        screen.blank()
        screen.line(("Related:", "bold"))
        for relation, source, target in links:
            if source.id == event.id:
                text = f"{relation.kind.value.replace('_', ' ')} {target.id}: {target.title}"
            else:
                text = f"{source.id} {relation.kind.value.replace('_', ' ')} this: {source.title}"
            screen.wrap(text + (f" ({relation.note})" if relation.note else ""), indent="    ", first="  - ")
    _rows(ds, screen, "Reactions", ds.reactions_to(event))
    _show_sources(ds, event.sources, screen)


def _show_coding(screen: Screen, record: EventBase | Reaction) -> None:
    """The PLOVER/CAMEO coding line, for the records the coding table covers."""
    from .coding import code

    try:
        coding = code(record)
    except (KeyError, ValueError):
        return
    parts = [f"PLOVER {coding.plover}{'/' + coding.mode if coding.mode else ''}" if coding.plover else "",
             f"CAMEO {coding.cameo}", f"Goldstein {coding.goldstein:g}"]
    _field(screen, "coding", " · ".join(p for p in parts if p))


def _rows(ds: Dataset, screen: Screen, heading: str, records: Sequence[EventBase | Reaction]) -> None:
    """A headed list of events or reactions, one timeline row each, ids aligned (nothing if empty)."""
    if not records:
        return
    screen.blank()
    screen.line((f"{heading}:", "bold"))
    width = max(len(r.id) for r in records)
    for record in records:
        if isinstance(record, EventBase):
            screen.line("  ", *event_line(ds, record, width))
        else:
            screen.line("  ", *reaction_line(ds, record, width))


def _show_sources(ds: Dataset, ids: Sequence[str], screen: Screen) -> None:
    screen.blank()
    screen.line(("Sources:", "bold"))
    for source_id in ids:
        source = ds.source(source_id)
        section = f" (section: {source.section})" if source.section else ""
        screen.wrap(f"{source.outlet}: {source.title}{section} <{source.url}> [{source.id}]",
                    indent="    ", first="  - ")


def _show_person(ds: Dataset, person: Person, screen: Screen) -> None:
    screen.line((f"{person.name} ({person.id})", "bold"), f" · {person.country} · {person.kind.value}")
    if person.aliases:
        _field(screen, "also", ", ".join(person.aliases))
    if person.wikidata:
        _field(screen, "wikidata", person.wikidata)
    for office in person.offices:
        span = f"{office.start or '?'} – {office.end or ''}"
        screen.line(f"  {office.title} ({office.country}) {span}")
    events = ds.events(participant=person)
    width = max((len(e.id) for e in events), default=0)
    for event in events:
        screen.line("  ", *event_line(ds, event, width))
    # every statement given to them, disputed ones too (each says so in its own view)
    _rows(ds, screen, "Statements", ds.statements_by(person))


def _show_reaction(ds: Dataset, reaction: Reaction, screen: Screen) -> None:
    screen.line((reaction_text(ds, reaction), "bold"))
    _field(screen, "id", reaction.id)
    _field(screen, "kind", f"{reaction.kind} reaction")
    _field(screen, "date", str(reaction.date or "not given"))
    if reaction.event is not None:
        target = ds.event(reaction.event)
        _field(screen, "reacts to", f"{target.id}: {target.title}")
    if isinstance(reaction, MarketReaction):
        _field(screen, "instrument", reaction.instrument)
        basis = "the instrument's own value" if reaction.change_of is ChangeOf.VALUE else "the level"
        qualifier = reaction.qualifier.value.replace("_", " ")
        _field(screen, "change", f"{qualifier} {reaction.change_percent:g} % (of {basis})")
        if reaction.level is not None:
            _field(screen, "level", f"{reaction.level:g} {reaction.unit or ''}".rstrip())
    else:
        if isinstance(reaction, StatementReaction):
            _field(screen, "speaker", f"{ds.person(reaction.speaker).name} ({reaction.speaker})"
                   + (" · disputed" if reaction.disputed else ""))
            for claim in reaction.speaker_claims:
                _field(screen, "given to", f"{ds.person(claim.speaker).name}, by {claim.by}")
            _field(screen, "stance", reaction.stance.value)
            if reaction.context:
                _field(screen, "context", reaction.context)
            _show_coding(screen, reaction)
        else:
            _field(screen, "outlet", reaction.outlet)
        screen.blank()
        screen.wrap(reaction.gist)
        if reaction.quote:
            screen.blank()
            screen.wrap(f'"{reaction.quote}"', indent="  ", style="italic")
    _show_sources(ds, reaction.sources, screen)


def _citing(ds: Dataset, source_id: str) -> Iterator[Person | EventBase | Reaction]:
    for person in ds.people:
        if source_id in person.sources or any(source_id in o.sources for o in person.offices):
            yield person
    for event in ds.events():
        claims = (*event.durations, *event.outcomes, *event.accounts, *event.status_claims)
        if source_id in event.sources or any(source_id in c.sources for c in claims):
            yield event
    for reaction in ds.reactions:
        if source_id in reaction.sources:
            yield reaction


def _show_source(ds: Dataset, source: Source, screen: Screen) -> None:
    screen.line((source.title, "bold"))
    _field(screen, "id", source.id)
    _field(screen, "outlet", source.outlet)
    _field(screen, "url", source.url)
    for name in ("published", "section", "via", "reprints"):
        value = getattr(source, name)
        if value is not None:
            _field(screen, name, str(value))
    if source.aggregator:
        _field(screen, "aggregator", "yes: the publisher republishes others' reporting")
    cited = list(_citing(ds, source.id))
    if cited:
        screen.blank()
        screen.line(("Cited by:", "bold"))
        from .search import kind_of

        width = max(len(r.id) for r in cited)
        for record in cited:
            screen.line("  ", (f"{kind_of(record):<{_KIND_WIDTH}} ", "magenta"), (f"{record.id:<{width}}  ", "green"),
                        label(ds, record))


def _show(ds: Dataset, args: argparse.Namespace, screen: Screen) -> int:
    record = ds.get(args.id)
    if args.json:
        _write_data(screen.stream, to_json(record))
        return 0
    if isinstance(record, Person):
        _show_person(ds, record, screen)
    elif isinstance(record, EventBase):
        _show_event(ds, record, screen)
    elif isinstance(record, Source):
        _show_source(ds, record, screen)
    elif isinstance(record, Series):
        _show_series(ds, record, screen)
    elif isinstance(record, Document):
        _show_document(ds, record, screen)
    else:
        _show_reaction(ds, record, screen)
    return 0


def _show_series(ds: Dataset, series: Series, screen: Screen) -> None:
    screen.line((series.title, "bold"))
    _field(screen, "id", series.id)
    _field(screen, "kind", "series of talks")
    screen.wrap(series.summary, indent="  ", first="  ")
    _rows(ds, screen, "Rounds", ds.rounds(series))
    _show_sources(ds, series.sources, screen)


def _show_document(ds: Dataset, document: Document, screen: Screen) -> None:
    screen.line((document.title, "bold"))
    _field(screen, "id", document.id)
    _field(screen, "kind", "document")
    if document.known is not None:
        _field(screen, "known", f"first reported {document.known}")
    if document.revises is not None:
        _field(screen, "revises", f"{document.revises}: {ds.document(document.revises).title}")
    screen.wrap(document.summary, indent="  ", first="  ")
    lists = (
        ("Drafted by, according to", [(c.text, c.by) for c in document.drafting]),
        ("Points, according to", [(f"{c.count} ({c.qualifier.value})", c.by) for c in document.points]),
    )
    for heading, claims in lists:
        if claims:
            screen.blank()
            screen.line((f"{heading}:", "bold"))
            for what, by in claims:
                screen.wrap(f"{what}: {by}", indent="    ", first="  - ")
    _rows(ds, screen, "Discussed at", [ds.event(i) for i in document.discussed_at])
    _show_sources(ds, document.sources, screen)


# ---------------------------------------------------------------------- search


def _search(ds: Dataset, args: argparse.Namespace, screen: Screen) -> int:
    from .search import search

    query = " ".join(args.query)
    hits = search(ds, query, kinds=tuple(args.kind) if args.kind else None)[: args.limit or None]
    if args.json:
        from .export._common import dumps

        _write_data(screen.stream, "".join(
            dumps({"kind": h.kind, "id": h.id, "score": h.score, "field": h.field,
                   "label": label(ds, h.record)}, indent=None) + "\n" for h in hits
        ))
    else:
        width = max((len(h.id) for h in hits), default=0)
        for hit in hits:
            screen.line((f"{hit.score:.2f}  ", "dim"), (f"{hit.kind:<{_KIND_WIDTH}} ", "magenta"),
                        (f"{hit.id:<{width}}  ", "green"), label(ds, hit.record), (f"  [{hit.field}]", "dim"))
    if not hits:
        sys.stderr.write(f"summit-events: nothing matches {escape(query)!r}\n")
        return 1
    return 0


# ---------------------------------------------------------------------- files


def _write(result: str | bytes | dict[str, str] | dict[str, bytes], output: str | None, stream: TextIO) -> int:
    """Print data, or write it to ``output``; a multi-file result needs ``output`` as a folder."""
    if isinstance(result, dict):
        if output in (None, "-"):
            sys.stderr.write("summit-events: this format is several files: give -o DIR\n")
            return 2
        folder = Path(str(output))
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in result.items():
            (folder / name).write_bytes(content if isinstance(content, bytes) else utf8(content))
        return 0
    data = utf8(result) if isinstance(result, str) else result
    if output in (None, "-"):
        if isinstance(result, str):
            _write_data(stream, result)
        else:
            stream.flush()
            stream.buffer.write(data)
    else:
        Path(str(output)).write_bytes(data)
    return 0


def _export(ds: Dataset, args: argparse.Namespace, screen: Screen) -> int:
    from .export import export

    return _write(export(ds, args.format), args.output, screen.stream)


def _schema(_: Dataset | None, args: argparse.Namespace, screen: Screen) -> int:
    from .export.schema import schema_text

    return _write(schema_text(), args.output, screen.stream)


def _about(ds: Dataset) -> dict[str, Any]:
    """What ``info`` reports, as plain data: versions, coverage, counts by kind, track and series."""
    coverage = ds.coverage
    latest = ds.latest_source_date
    names = {track: name for name, track in TRACK_NAMES.items()}
    return {
        "version": __version__,
        "data_version": ds.data_version,
        "coverage": None if coverage is None else {
            "start": coverage.start.isoformat(), "end": coverage.end.isoformat(), "scope": coverage.scope,
        },
        "latest_source": None if latest is None else latest.isoformat(),
        "counts": {name: len(getattr(ds, name)) for name in SECTIONS},
        "tracks": [{"track": t, "name": names.get(t), "events": n} for t, n in ds.tracks().items()],
        "series": [{"id": s.id, "title": s.title, "events": len(ds.rounds(s))} for s in ds.series],
    }


def _info(ds: Dataset, args: argparse.Namespace, screen: Screen) -> int:
    about = _about(ds)
    if args.json:
        import json

        _write_data(screen.stream, json.dumps(about, ensure_ascii=False, indent=2) + "\n")
        return 0
    screen.line(f"summit-events {about['version']}, data {about['data_version']}")
    coverage = about["coverage"]
    if coverage is None:
        _field(screen, "covers", "not stated by this dataset")
    else:
        _field(screen, "covers", f"{coverage['start']} to {coverage['end']}")
        _field(screen, "scope", coverage["scope"])
    _field(screen, "latest page", about["latest_source"] or "no cited page is dated")
    _field(screen, "records", _counts(ds))
    tracks = [f"{t['track']}{' (' + t['name'] + ')' if t['name'] else ''} {t['events']}" for t in about["tracks"]]
    _field(screen, "by track", "; ".join(tracks) or "no event has sides recorded")
    for series in about["series"]:
        _field(screen, "series", f"{series['title']}: {series['events']} events ({series['id']})")
    return 0


def _counts(ds: Dataset) -> str:
    return ", ".join(f"{len(getattr(ds, name))} {name}" for name in SECTIONS)


def _validate(_: Dataset | None, args: argparse.Namespace, screen: Screen) -> int:
    base = _base(args)
    try:
        ds = _load(args.file, base, args.replace)
    except DataError as error:
        sys.stderr.write(f"{escape(args.file)}: invalid\n")
        for path, message in error.problems:
            sys.stderr.write(f"  {escape(path)}: {escape(message)}\n")
        return 1
    if base is None:
        screen.line(f"{args.file}: valid ({_counts(ds)})")
    else:
        screen.line(f"{args.file}: valid additions to data {base.data_version} (together: {_counts(ds)})")
    if args.strict:
        from ._lint import lint

        found = lint(ds)
        for warning in found:
            sys.stderr.write(f"  warning: {escape(str(warning))}\n")
        if found:
            sys.stderr.write(f"{escape(args.file)}: {len(found)} warning(s) (--strict)\n")
            return 1
    return 0


def _base(args: argparse.Namespace) -> Dataset | None:
    if args.base is None:
        return None
    return load() if args.base == "packaged" else load(args.base)


def _load(path: str | None, base: Dataset | None, replace: bool) -> Dataset:
    """``load(path, base=…)``, printing each replacement of a base record to standard error."""
    if path is None:
        if base is not None:
            raise _Usage("--base needs --data FILE (the file of additions)")
        return load()
    from .merging import RecordsReplaced

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RecordsReplaced)
        ds = load(path, base=base, replace=replace)
    for warning in caught:
        if isinstance(warning.message, RecordsReplaced):
            sys.stderr.write(f"summit-events: {escape(str(warning.message))}\n")
        else:  # pragma: no cover - no other warning is expected
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return ds


class _Usage(Exception):
    """A mistake in the command line that argparse cannot see."""


# ---------------------------------------------------------------------- parser


def _complete_ids(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Shell completion for ``show``: the ids of every record."""
    try:
        ds = _load(parsed_args.data, _base(parsed_args), parsed_args.replace)
    except (DataError, OSError, _Usage):
        return []
    return [record_id for record_id in ds._all_ids if record_id.startswith(prefix)]


def _side(name: str) -> Dataset:
    """``packaged`` or a dataset file, for ``diff``; a bad file names which side it was."""
    if name == "packaged":
        return load()
    try:
        return load(name)
    except DataError as error:
        raise DataError([(f"{name}: {path}", message) for path, message in error.problems]) from None


def _diff(_: Dataset | None, args: argparse.Namespace, screen: Screen) -> int:
    import json

    from .changes import changelog, diff

    old, new = _side(args.old), _side(args.new)
    changes = diff(old, new)
    if args.json:
        document = {"old": old.data_version, "new": new.data_version, "changes": [c.to_json() for c in changes]}
        _write_data(screen.stream, json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        return 0
    if args.changelog:
        text = changelog(changes)
        _write_data(screen.stream, f"{text}\n" if text else "")
        return 0
    screen.line(f"{args.old} (data {old.data_version}) -> {args.new} (data {new.data_version})")
    if not changes:
        screen.line("no differences")
        return 0
    mark = {"added": "+", "removed": "-", "changed": "~"}
    last = None
    for change in changes:
        if change.change != "changed" or change.path == "$":
            screen.line(f"{mark[change.change]} {change.record} {change.id}")
            continue
        if (change.record, change.id) != last:
            screen.line(f"~ {change.record} {change.id}")
            last = change.record, change.id
        screen.line(f"    {change.path}: {_short(change.old)} -> {_short(change.new)}")
    records = [c for c in changes if c.record != "dataset"]
    counts = {what: len({(c.record, c.id) for c in records if c.change == what}) for what in mark}
    screen.line(f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed")
    return 0


def _short(value: object, limit: int = 100) -> str:
    import json

    text = "(absent)" if value is None else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summit-events",
        description="Leader-level diplomacy as typed, sourced data: browse, search, export and validate.",
        epilog="Colour and a pager when the output is a terminal (colour needs the 'cli' extra); "
               "NO_COLOR=1 turns colour off. Shell completion: see the documentation (the 'completion' extra).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__} (data {DATA_VERSION})")
    parser.add_argument("--data", metavar="FILE", help="use this dataset file (.json or .jsonl) instead of the "
                        "packaged data")
    parser.add_argument("--base", metavar="packaged|FILE",
                        help="--data FILE (or validate FILE) holds additions to this dataset: 'packaged' or a file")
    parser.add_argument("--replace", action="store_true",
                        help="with --base: let the additions replace records with the same id (each is reported)")
    parser.add_argument("--no-pager", action="store_true", help="never page the output")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from .models import EVENT_TYPES

    timeline = commands.add_parser("timeline", help="the events in time order, with ids; filters narrow it")
    timeline.add_argument("--person", metavar="NAME", help="only events this person took part in (id, name or alias)")
    timeline.add_argument("--kind", choices=list(EVENT_TYPES), help="only events of this kind")
    timeline.add_argument("--status", choices=[s.value for s in EventStatus], help="only events with this status")
    timeline.add_argument("--country", metavar="ISO3", help="only events with this country (e.g. RUS) taking part")
    timeline.add_argument("--track", type=_track_arg, metavar="TRACK",
                          help="only events with exactly these sides: a name (us-russia, us-ukraine, "
                               "russia-ukraine, trilateral) or codes such as UKR-USA")
    timeline.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only from this date on")
    timeline.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="only up to this date")
    timeline.add_argument("--reactions", action="store_true", help="also list the reactions to those events")
    timeline.add_argument("--json", action="store_true", help="the same records as JSON Lines")
    timeline.set_defaults(run=_timeline, page=True)

    info = commands.add_parser("info", help="what the data covers: period, scope, latest page, counts by track")
    info.add_argument("--json", action="store_true", help="the same as one JSON document")
    info.set_defaults(run=_info)

    show = commands.add_parser("show", help="any record by id (a person also by name), with every detail")
    show.add_argument("id", help="the id of any record, or a person's name"
                      ).completer = _complete_ids  # type: ignore[attr-defined]
    show.add_argument("--json", action="store_true", help="print the record as JSON")
    show.set_defaults(run=_show, page=True)

    from .search import KINDS

    search = commands.add_parser("search", help="every record kind and text field, typos tolerated, best first")
    search.add_argument("query", nargs="+", help="words to look for (each must match)")
    search.add_argument("--kind", action="append", choices=KINDS, help="only hits of this kind (repeatable)")
    search.add_argument("--limit", type=int, default=0, metavar="N", help="at most N hits")
    search.add_argument("--json", action="store_true", help="hits as JSON Lines (kind, id, score, field, label)")
    search.set_defaults(run=_search, page=True)

    from .export import FORMATS

    export = commands.add_parser("export", help="the dataset as JSON (default) or another format")
    export.add_argument("--format", default="json", choices=list(FORMATS), help="the export format (default: json)")
    export.add_argument(
        "-o", "--output", metavar="FILE_OR_DIR",
        help="write to FILE (or DIR for csv, datapackage, parquet) instead of stdout",
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

    validate = commands.add_parser(
        "validate", help="check a dataset file (.json or .jsonl); exit 1 with every problem",
        description="Check a dataset file. With --base packaged (before or after the file name), the file "
                    "holds additions that may refer to the packaged records by id.",
    )
    validate.add_argument("file")
    validate.add_argument("--base", metavar="packaged|FILE", default=argparse.SUPPRESS,
                          help="FILE holds additions to this dataset: 'packaged' or a file")
    validate.add_argument("--replace", action="store_true", default=argparse.SUPPRESS,
                          help="with --base: allow replacing records with the same id")
    validate.add_argument("--strict", action="store_true", help="also exit 1 on warnings about unlikely data")
    validate.set_defaults(run=_validate, own_data=True)
    return parser


def _completion(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request and exit, when ``argcomplete`` is installed and asked."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    try:
        import argcomplete
    except ImportError:
        return
    argcomplete.autocomplete(parser)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    _completion(parser)
    args = parser.parse_args(argv)
    stream = out if out is not None else sys.stdout
    screen = Screen(stream, width=_width(stream), colour=_colour(stream))
    run: Callable[[Dataset | None, argparse.Namespace, Screen], int] = args.run
    try:
        ds = None if getattr(args, "own_data", False) else _load(args.data, _base(args), args.replace)
        code = int(run(ds, args, screen))
        screen.show(pager=getattr(args, "page", False) and not args.no_pager and _is_terminal(stream))
        return code
    except NotFoundError as error:
        sys.stderr.write(f"summit-events: {escape(str(error))}\n")
        return 1
    except DataError as error:
        where = " + ".join(escape(str(p)) for p in (args.base, args.data) if p) or "the data"
        lines = "\n".join(escape(line) for line in str(error).split("\n"))
        sys.stderr.write(f"summit-events: invalid data in {where}:\n{lines}\n")
        return 1
    except _Usage as error:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"summit-events: error: {error}\n")
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
    except OSError as error:
        sys.stderr.write(f"summit-events: {error.strerror or error}: {escape(str(error.filename or ''))}\n")
        return 2
