"""The dataset as flat tables: one spec per table, shared by CSV, the Data Package and pandas.

Each :class:`Table` names its columns with a type (``string``, ``integer``, ``number``, ``date``,
``datetime``), an enum where the column takes a vocabulary, its primary key and its foreign
keys. Records refer to each other by id columns (``event_id``, ``person_id``, ``source_id``),
so tables join on them; lists become child tables (``participants``, ``event_sources``, …).
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from ..collection import Dataset
from ..models import (
    Attributed,
    Call,
    CallMedium,
    ChangeOf,
    Claim,
    CoordinatePrecision,
    CountClaim,
    DurationClaim,
    EventBase,
    EventStatus,
    ExchangeClaim,
    MarketReaction,
    MediaReaction,
    Meeting,
    MeetingFormat,
    Occurrence,
    OccurrenceKind,
    PersonKind,
    Qualifier,
    RelationKind,
    Role,
    Stance,
    StatementReaction,
)

__all__ = ["TABLES", "Column", "Table", "cell", "csv_tables", "rows"]

Row = tuple[Any, ...]


@attrs.frozen
class Column:
    """One column: its name, Table Schema type, vocabulary and whether it is always filled."""

    name: str
    kind: str = "string"  #: Table Schema type: string, integer, number, boolean, date, datetime
    vocabulary: type[enum.Enum] | None = None
    required: bool = False


@attrs.frozen
class Table:
    """One table: columns, keys and the function that lists its rows (Python values, ``None`` if empty)."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Dataset], Iterable[Row]]
    #: (column, referenced table, referenced column)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    @property
    def filename(self) -> str:
        """The CSV file name, e.g. ``calls.csv``."""
        return f"{self.name}.csv"


def _req(name: str, type_: str = "string", vocabulary: type[enum.Enum] | None = None) -> Column:
    return Column(name, type_, vocabulary, required=True)


def _opt(name: str, type_: str = "string", vocabulary: type[enum.Enum] | None = None) -> Column:
    return Column(name, type_, vocabulary)


# ---------------------------------------------------------------------- events

_EVENT_COLUMNS = (
    _req("id"),
    _req("title"),
    _req("summary"),
    _req("status", vocabulary=EventStatus),
    _opt("date", "date"),
    _opt("zone"),
    _opt("start", "datetime"),
    _opt("end", "datetime"),
    _opt("last_date", "date"),
    _opt("series_id"),
    _opt("round", "integer"),
)


def _event_cells(event: EventBase) -> Row:
    timing = event.timing
    return (
        event.id,
        event.title,
        event.summary,
        event.status,
        timing and timing.date,
        timing and timing.zone,
        timing and timing.start,
        timing and timing.end,
        timing and timing.last_date,
        event.series,
        event.round,
    )


def _events(ds: Dataset) -> Iterator[Row]:
    for event in ds.events():
        yield event.id, event.kind, event.title, event.status, event.date, event.track or None


def _calls(ds: Dataset) -> Iterator[Row]:
    for call in ds.events(kind=Call):
        assert isinstance(call, Call)
        yield (*_event_cells(call), call.medium, call.initiator)


def _meetings(ds: Dataset) -> Iterator[Row]:
    for meeting in ds.events(kind=Meeting):
        assert isinstance(meeting, Meeting)
        place = meeting.place
        where = (
            (None,) * 7
            if place is None
            else (
                place.name,
                place.city,
                place.country,
                place.latitude,
                place.longitude,
                place.precision,
                place.zone,
            )
        )
        yield (*_event_cells(meeting), meeting.format, meeting.host, *where)


def _occurrences(ds: Dataset) -> Iterator[Row]:
    for occurrence in ds.events(kind=Occurrence):
        assert isinstance(occurrence, Occurrence)
        yield (*_event_cells(occurrence), occurrence.category)


def _per_event(items: Callable[[EventBase], Iterable[Row]]) -> Callable[[Dataset], Iterator[Row]]:
    """Rows of a child table of events: ``(event_id, *item)`` for every item of every event."""

    def rows(ds: Dataset) -> Iterator[Row]:
        for event in ds.events():
            for item in items(event):
                yield (event.id, *item)

    return rows


def _claims(event: EventBase) -> Iterator[tuple[str, str, Attributed]]:
    for field in ("outcomes", "accounts", "status_claims"):
        for index, claim in enumerate(getattr(event, field)):
            yield f"{event.id}/{field}/{index}", field, claim


def _claim_rows(ds: Dataset) -> Iterator[Row]:
    for event in ds.events():
        for claim_id, field, claim in _claims(event):
            status = getattr(claim, "status", None)
            yield (
                claim_id,
                event.id,
                field,
                claim.by,
                claim.person,
                claim.quote,
                getattr(claim, "text", None),
                status,
            )


def _durations(event: EventBase) -> Iterator[tuple[str, DurationClaim]]:
    for index, claim in enumerate(event.durations):
        yield f"{event.id}/durations/{index}", claim


def _duration_rows(ds: Dataset) -> Iterator[Row]:
    for event in ds.events():
        for duration_id, claim in _durations(event):
            yield duration_id, event.id, claim.by, claim.person, claim.quote, claim.minutes, claim.qualifier, claim.day


def _exchanges(event: EventBase) -> Iterator[tuple[str, ExchangeClaim]]:
    for index, claim in enumerate(getattr(event, "exchanged", ())):
        yield f"{event.id}/exchanged/{index}", claim


def _exchange_rows(ds: Dataset) -> Iterator[Row]:
    for event in ds.events(kind=Occurrence):
        for claim_id, c in _exchanges(event):
            yield claim_id, event.id, c.released_by, c.count, c.qualifier, c.what, c.day, c.by, c.person, c.quote


# ---------------------------------------------------------------------- series and documents


def _series(ds: Dataset) -> Iterator[Row]:
    for item in sorted(ds.series, key=lambda s: s.id):
        yield item.id, item.title, item.summary


def _documents(ds: Dataset) -> Iterator[Row]:
    for d in sorted(ds.documents, key=lambda d: d.id):
        yield d.id, d.title, d.summary, d.known, d.revises


def _document_claims(ds: Dataset) -> Iterator[tuple[str, str, str, Claim | CountClaim]]:
    for d in sorted(ds.documents, key=lambda d: d.id):
        for field in ("drafting", "points"):
            for index, claim in enumerate(getattr(d, field)):
                yield f"{d.id}/{field}/{index}", d.id, field, claim


def _document_claim_rows(ds: Dataset) -> Iterator[Row]:
    for claim_id, document_id, field, c in _document_claims(ds):
        count, qualifier = (c.count, c.qualifier) if isinstance(c, CountClaim) else (None, None)
        text = c.text if isinstance(c, Claim) else None
        yield claim_id, document_id, field, c.by, c.person, c.quote, text, count, qualifier


def _document_events(ds: Dataset) -> Iterator[Row]:
    for d in sorted(ds.documents, key=lambda d: d.id):
        for event_id in d.discussed_at:
            yield d.id, event_id


# ---------------------------------------------------------------------- people, reactions, sources


def _people(ds: Dataset) -> Iterator[Row]:
    for person in sorted(ds.people, key=lambda p: p.id):
        yield person.id, person.name, person.country, person.kind, person.wikidata


def _aliases(ds: Dataset) -> Iterator[Row]:
    for person in sorted(ds.people, key=lambda p: p.id):
        for alias in person.aliases:
            yield person.id, alias


def _offices(ds: Dataset) -> Iterator[Row]:
    for person in sorted(ds.people, key=lambda p: p.id):
        for index, office in enumerate(person.offices):
            yield (
                f"{person.id}/offices/{index}",
                person.id,
                office.title,
                office.country,
                office.start,
                office.end,
            )


def _office_terms(ds: Dataset) -> Iterator[Row]:
    for person in sorted(ds.people, key=lambda p: p.id):
        for index, office in enumerate(person.offices):
            for start in office.terms:
                yield f"{person.id}/offices/{index}", start


def _sources(ds: Dataset) -> Iterator[Row]:
    for s in sorted(ds.sources, key=lambda s: s.id):
        yield s.id, s.outlet, s.title, s.url, s.published, s.section, s.via, s.reprints, s.aggregator


def _speaker_claims(ds: Dataset) -> Iterator[tuple[str, StatementReaction, int]]:
    for r in sorted(ds.reactions, key=lambda r: r.id):
        if isinstance(r, StatementReaction):
            for index in range(len(r.speaker_claims)):
                yield f"{r.id}/speaker_claims/{index}", r, index


def _speaker_claim_rows(ds: Dataset) -> Iterator[Row]:
    for claim_id, statement, index in _speaker_claims(ds):
        claim = statement.speaker_claims[index]
        yield claim_id, statement.id, claim.speaker, claim.by, claim.person, claim.quote


def _reactions(ds: Dataset) -> Iterator[Row]:
    for r in sorted(ds.reactions, key=lambda r: r.id):
        outlet = r.outlet if isinstance(r, MediaReaction) else None
        speaker, stance, context = (
            (r.speaker, r.stance, r.context) if isinstance(r, StatementReaction) else (None, None, None)
        )
        gist = r.gist if isinstance(r, (MediaReaction, StatementReaction)) else None
        quote = r.quote if isinstance(r, (MediaReaction, StatementReaction)) else None
        market = (
            (r.instrument, r.change_percent, r.change_of, r.qualifier, r.level, r.unit)
            if isinstance(r, MarketReaction)
            else (None,) * 6
        )
        yield (r.id, r.kind, r.event, r.date, outlet, speaker, stance, gist, quote, context, *market)


def _cited(
    records: Callable[[Dataset], Iterable[tuple[str, Sequence[str]]]],
) -> Callable[[Dataset], Iterator[Row]]:
    """Rows of a citation table: ``(record_id, source_id)`` for each source a record cites."""

    def rows(ds: Dataset) -> Iterator[Row]:
        for record_id, source_ids in records(ds):
            for source_id in source_ids:
                yield record_id, source_id

    return rows


def _citation_table(
    name: str, id_column: str, parent: str, records: Callable[[Dataset], Iterable[tuple[str, Sequence[str]]]]
) -> Table:
    parent_key = "id"
    return Table(
        name,
        f"Which sources each row of {parent}.csv cites.",
        (_req(id_column), _req("source_id")),
        (id_column, "source_id"),
        _cited(records),
        ((id_column, parent, parent_key), ("source_id", "sources", "id")),
    )


_EVENT_FK = (("event_id", "events", "id"),)
_SERIES_FK = ("series_id", "series", "id")

TABLES: tuple[Table, ...] = (
    Table(
        "events",
        "Every event (call, meeting, occurrence): the table event ids refer to.",
        (
            _req("id"),
            _req("kind"),
            _req("title"),
            _req("status", vocabulary=EventStatus),
            _opt("date", "date"),
            _opt("track"),
        ),
        ("id",),
        _events,
    ),
    Table(
        "calls",
        "Leader-level phone and video calls.",
        (*_EVENT_COLUMNS, _req("medium", vocabulary=CallMedium), _opt("initiator_id")),
        ("id",),
        _calls,
        (("id", "events", "id"), ("initiator_id", "people", "id"), _SERIES_FK),
    ),
    Table(
        "meetings",
        "In-person meetings, with their place.",
        (
            *_EVENT_COLUMNS,
            _req("format", vocabulary=MeetingFormat),
            _opt("host"),
            _opt("place_name"),
            _opt("place_city"),
            _opt("place_country"),
            _opt("latitude", "number"),
            _opt("longitude", "number"),
            _opt("precision", vocabulary=CoordinatePrecision),
            _opt("place_zone"),
        ),
        ("id",),
        _meetings,
        (("id", "events", "id"), _SERIES_FK),
    ),
    Table(
        "occurrences",
        "Other dated events: inaugurations, prisoner exchanges, announcements, sanctions.",
        (*_EVENT_COLUMNS, _req("category", vocabulary=OccurrenceKind)),
        ("id",),
        _occurrences,
        (("id", "events", "id"), _SERIES_FK),
    ),
    Table(
        "participants",
        "Who took part in each event, on which side.",
        (
            _req("event_id"),
            _req("person_id"),
            _req("side"),
            _req("role", vocabulary=Role),
            _opt("location"),
            _opt("zone"),
        ),
        ("event_id", "person_id"),
        _per_event(lambda e: ((p.person, p.side, p.role, p.location, p.zone) for p in e.participants)),
        (*_EVENT_FK, ("person_id", "people", "id")),
    ),
    Table(
        "parties",
        "Countries or organisations taking part where no individual is named.",
        (_req("event_id"), _req("party")),
        ("event_id", "party"),
        _per_event(lambda e: ((party,) for party in e.parties)),
        _EVENT_FK,
    ),
    Table(
        "topics",
        "Topics of each event.",
        (_req("event_id"), _req("topic")),
        ("event_id", "topic"),
        _per_event(lambda e: ((topic,) for topic in e.topics)),
        _EVENT_FK,
    ),
    Table(
        "local_dates",
        "An event's date in other zones, where sources give it without a clock time.",
        (_req("event_id"), _req("zone"), _req("date", "date")),
        ("event_id", "zone"),
        _per_event(lambda e: ((d.zone, d.date) for d in (e.timing.local_dates if e.timing else ()))),
        _EVENT_FK,
    ),
    Table(
        "relations",
        "Links from one event to another.",
        (_req("event_id"), _req("kind", vocabulary=RelationKind), _req("target_id"), _opt("note")),
        ("event_id", "target_id", "kind"),
        _per_event(lambda e: ((r.kind, r.target, r.note) for r in e.related)),
        (*_EVENT_FK, ("target_id", "events", "id")),
    ),
    Table(
        "claims",
        "Outcomes, accounts and status claims about events, each with who asserts it.",
        (
            _req("id"),
            _req("event_id"),
            _req("field"),
            _req("by"),
            _opt("person_id"),
            _opt("quote"),
            _opt("text"),
            _opt("status", vocabulary=EventStatus),
        ),
        ("id",),
        _claim_rows,
        (*_EVENT_FK, ("person_id", "people", "id")),
    ),
    Table(
        "durations",
        "Durations of events as each party or outlet gives them.",
        (
            _req("id"),
            _req("event_id"),
            _req("by"),
            _opt("person_id"),
            _opt("quote"),
            _req("minutes", "integer"),
            _req("qualifier", vocabulary=Qualifier),
            _opt("day", "date"),
        ),
        ("id",),
        _duration_rows,
        (*_EVENT_FK, ("person_id", "people", "id")),
    ),
    Table(
        "exchanges",
        "How many people each side handed over in a prisoner exchange, as each source gives it.",
        (
            _req("id"),
            _req("event_id"),
            _req("released_by"),
            _req("count", "integer"),
            _req("qualifier", vocabulary=Qualifier),
            _opt("what"),
            _opt("day", "date"),
            _req("by"),
            _opt("person_id"),
            _opt("quote"),
        ),
        ("id",),
        _exchange_rows,
        (*_EVENT_FK, ("person_id", "people", "id")),
    ),
    Table(
        "series",
        "Series of talks held in rounds; events name theirs in series_id.",
        (_req("id"), _req("title"), _req("summary")),
        ("id",),
        _series,
    ),
    Table(
        "documents",
        "Plans, frameworks and drafts that talks discussed.",
        (_req("id"), _req("title"), _req("summary"), _opt("known", "date"), _opt("revises_id")),
        ("id",),
        _documents,
        (("revises_id", "documents", "id"),),
    ),
    Table(
        "document_claims",
        "Who drafted each document and how many points it has, each according to whom.",
        (
            _req("id"),
            _req("document_id"),
            _req("field"),
            _req("by"),
            _opt("person_id"),
            _opt("quote"),
            _opt("text"),
            _opt("count", "integer"),
            _opt("qualifier", vocabulary=Qualifier),
        ),
        ("id",),
        _document_claim_rows,
        (("document_id", "documents", "id"), ("person_id", "people", "id")),
    ),
    Table(
        "document_events",
        "Which events discussed each document.",
        (_req("document_id"), _req("event_id")),
        ("document_id", "event_id"),
        _document_events,
        (("document_id", "documents", "id"), *_EVENT_FK),
    ),
    Table(
        "people",
        "Leaders, officials and private people the events involve.",
        (_req("id"), _req("name"), _req("country"), _req("kind", vocabulary=PersonKind), _opt("wikidata")),
        ("id",),
        _people,
    ),
    Table(
        "aliases",
        "Other names of people.",
        (_req("person_id"), _req("alias")),
        ("person_id", "alias"),
        _aliases,
        (("person_id", "people", "id"),),
    ),
    Table(
        "offices",
        "Offices people held.",
        (
            _req("id"),
            _req("person_id"),
            _req("title"),
            _req("country"),
            _opt("start", "date"),
            _opt("end", "date"),
        ),
        ("id",),
        _offices,
        (("person_id", "people", "id"),),
    ),
    Table(
        "office_terms",
        "The first day of each term within an office's continuous tenure, where sources give them.",
        (_req("office_id"), _req("start", "date")),
        ("office_id", "start"),
        _office_terms,
        (("office_id", "offices", "id"),),
    ),
    Table(
        "reactions",
        "Media, statement and market reactions; columns not of a row's kind are empty.",
        (
            _req("id"),
            _req("kind"),
            _opt("event_id"),
            _opt("date", "date"),
            _opt("outlet"),
            _opt("speaker_id"),
            _opt("stance", vocabulary=Stance),
            _opt("gist"),
            _opt("quote"),
            _opt("context"),
            _opt("instrument"),
            _opt("change_percent", "number"),
            _opt("change_of", vocabulary=ChangeOf),
            _opt("qualifier", vocabulary=Qualifier),
            _opt("level", "number"),
            _opt("unit"),
        ),
        ("id",),
        _reactions,
        (*_EVENT_FK, ("speaker_id", "people", "id")),
    ),
    Table(
        "speaker_claims",
        "Who each source says made a statement, where sources disagree on the speaker.",
        (_req("id"), _req("reaction_id"), _req("speaker_id"), _req("by"), _opt("person_id"), _opt("quote")),
        ("id",),
        _speaker_claim_rows,
        (
            ("reaction_id", "reactions", "id"),
            ("speaker_id", "people", "id"),
            ("person_id", "people", "id"),
        ),
    ),
    Table(
        "sources",
        "Published texts that records cite.",
        (
            _req("id"),
            _req("outlet"),
            _req("title"),
            _req("url"),
            _opt("published", "date"),
            _opt("section"),
            _opt("via"),
            _opt("reprints"),
            _req("aggregator", "boolean"),
        ),
        ("id",),
        _sources,
    ),
    _citation_table(
        "event_sources", "event_id", "events", lambda ds: ((e.id, e.sources) for e in ds.events())
    ),
    _citation_table(
        "claim_sources",
        "claim_id",
        "claims",
        lambda ds: ((i, c.sources) for e in ds.events() for i, _, c in _claims(e)),
    ),
    _citation_table(
        "duration_sources",
        "duration_id",
        "durations",
        lambda ds: ((i, c.sources) for e in ds.events() for i, c in _durations(e)),
    ),
    _citation_table(
        "exchange_sources",
        "exchange_id",
        "exchanges",
        lambda ds: ((i, c.sources) for e in ds.events(kind=Occurrence) for i, c in _exchanges(e)),
    ),
    _citation_table(
        "series_sources",
        "series_id",
        "series",
        lambda ds: ((s.id, s.sources) for s in sorted(ds.series, key=lambda s: s.id)),
    ),
    _citation_table(
        "document_sources",
        "document_id",
        "documents",
        lambda ds: ((d.id, d.sources) for d in sorted(ds.documents, key=lambda d: d.id)),
    ),
    _citation_table(
        "document_claim_sources",
        "claim_id",
        "document_claims",
        lambda ds: ((i, c.sources) for i, _, _, c in _document_claims(ds)),
    ),
    _citation_table(
        "person_sources",
        "person_id",
        "people",
        lambda ds: ((p.id, p.sources) for p in sorted(ds.people, key=lambda p: p.id)),
    ),
    _citation_table(
        "office_sources",
        "office_id",
        "offices",
        lambda ds: (
            (f"{p.id}/offices/{i}", o.sources)
            for p in sorted(ds.people, key=lambda p: p.id)
            for i, o in enumerate(p.offices)
        ),
    ),
    _citation_table(
        "speaker_claim_sources",
        "speaker_claim_id",
        "speaker_claims",
        lambda ds: ((i, r.speaker_claims[j].sources) for i, r, j in _speaker_claims(ds)),
    ),
    _citation_table(
        "reaction_sources",
        "reaction_id",
        "reactions",
        lambda ds: ((r.id, r.sources) for r in sorted(ds.reactions, key=lambda r: r.id)),
    ),
)
"""Every table, in the order files are listed."""

TABLES_BY_NAME = {table.name: table for table in TABLES}


def rows(ds: Dataset, table: str | Table) -> list[Row]:
    """The rows of one table as Python values (``None`` for empty cells)."""
    spec = table if isinstance(table, Table) else TABLES_BY_NAME[table]
    return list(spec.rows(ds))


def cell(value: object) -> str:
    """A value as CSV text: ISO 8601 dates, enum values, ``""`` for ``None``."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def table_csv(ds: Dataset, table: Table) -> str:
    """One table as CSV text (RFC 4180: header row, CRLF line ends, quotes where needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    writer.writerows([cell(value) for value in row] for row in table.rows(ds))
    return buffer.getvalue()


def csv_tables(ds: Dataset) -> dict[str, str]:
    """Every table as ``{"calls.csv": text, ...}``."""
    return {table.filename: table_csv(ds, table) for table in TABLES}
