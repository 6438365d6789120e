"""The :class:`Dataset`: every record, checked as a whole, with query methods.

A dataset is a frozen attrs object like the records it holds. Building one checks the
links between records (unique ids, references to people, events and sources that exist);
the indexes behind the queries are built on first use and cached on the instance.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import functools
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

import attrs

from . import _checks as check
from .errors import DataError, NotFoundError, Problem
from .models import (
    EVENT_TYPES,
    REACTION_TYPES,
    Attributed,
    Call,
    Coverage,
    Document,
    Event,
    EventBase,
    EventStatus,
    MarketReaction,
    MediaReaction,
    Meeting,
    Occurrence,
    Office,
    Participant,
    Person,
    PersonKind,
    Reaction,
    Relation,
    RelationKind,
    Series,
    Source,
    StatementReaction,
)

__all__ = ["Dataset", "normalize"]

_NOT_WORD = re.compile(r"[\W_]+")


def normalize(name: str) -> str:
    """Fold case, accents and punctuation: ``"Zelenskyy"`` and ``"ZELENSKYY"`` match.

    >>> normalize("  Volodymyr  Zelens'kyy ")
    'volodymyr zelenskyy'
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("'", "").replace("’", "")
    return _NOT_WORD.sub(" ", plain).strip()


def _tuple_of(kind: type | tuple[type, ...]) -> check.Validator:
    return check.tuple_of(check.instance(kind) if isinstance(kind, type) else _any_of(kind))


def _any_of(kinds: tuple[type, ...]) -> check.Validator:
    names = " or ".join(k.__name__ for k in kinds)

    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kinds):
            raise check.fail(attribute, f"expected {names}, got {type(value).__name__}")

    return validate


def _event_key(event: EventBase) -> tuple[dt.date, dt.datetime, str]:
    assert event.timing is not None
    return event.timing.date, event.timing.sort_key, event.id


@attrs.frozen(kw_only=True, slots=True)
class Dataset:
    """Every record of one data release (or of a user's own file in the same format).

    Build it with :func:`summit_events.load` or :func:`summit_events.from_json`; building it
    by hand checks the same rules and raises :class:`DataError` listing every broken link.
    """

    data_version: str = attrs.field(validator=check.text)
    people: tuple[Person, ...] = attrs.field(default=(), validator=_tuple_of(Person))
    calls: tuple[Call, ...] = attrs.field(default=(), validator=_tuple_of(Call))
    meetings: tuple[Meeting, ...] = attrs.field(default=(), validator=_tuple_of(Meeting))
    occurrences: tuple[Occurrence, ...] = attrs.field(default=(), validator=_tuple_of(Occurrence))
    reactions: tuple[Reaction, ...] = attrs.field(
        default=(), validator=_tuple_of((MediaReaction, StatementReaction, MarketReaction))
    )
    sources: tuple[Source, ...] = attrs.field(default=(), validator=_tuple_of(Source))
    #: series of talks held in rounds
    series: tuple[Series, ...] = attrs.field(default=(), validator=_tuple_of(Series))
    #: plans, frameworks and drafts that talks discussed
    documents: tuple[Document, ...] = attrs.field(default=(), validator=_tuple_of(Document))
    #: what the dataset sets out to cover (``None`` for a file that does not say)
    coverage: Coverage | None = attrs.field(default=None, validator=check.optional(check.instance(Coverage)))

    def __attrs_post_init__(self) -> None:
        problems = list(_link_problems(self))
        if problems:
            raise DataError(problems)

    # ------------------------------------------------------------------ indexes (lazy)

    @functools.cached_property
    def _people_by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.people}

    @functools.cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self._all_events}

    @functools.cached_property
    def _all_events(self) -> tuple[Event, ...]:
        events: list[Event] = [*self.calls, *self.meetings, *self.occurrences]
        dated = sorted((e for e in events if e.timing is not None), key=_event_key)
        undated = sorted((e for e in events if e.timing is None), key=lambda e: e.id)
        return (*dated, *undated)

    @functools.cached_property
    def _reach(self) -> int:
        """The most days any event's end lies after its start (rounded up)."""
        return max(
            (
                -(-(t.end - t.start) // _DAY) if t.start is not None and t.end is not None else t.days - 1
                for e in self._all_events
                if (t := e.timing) is not None and (t.end is not None or t.last_date is not None)
            ),
            default=0,
        )

    @functools.cached_property
    def _dated(self) -> _Ordered:
        return _Ordered([e for e in self._all_events if e.timing is not None])

    @functools.cached_property
    def _by_person(self) -> dict[str, _Ordered]:
        lists: dict[str, list[Event]] = {}
        for event in self._all_events:
            for person in event.person_ids:
                lists.setdefault(person, []).append(event)
        return {person: _Ordered(events) for person, events in lists.items()}

    @functools.cached_property
    def _by_kind_status(self) -> dict[tuple[str | None, EventStatus | None], _Ordered]:
        lists: dict[tuple[str | None, EventStatus | None], list[Event]] = {}
        for event in self._all_events:
            for key in ((event.kind, None), (None, event.status), (event.kind, event.status)):
                lists.setdefault(key, []).append(event)
        return {key: _Ordered(events) for key, events in lists.items()}

    @functools.cached_property
    def _calls_by_pair(self) -> dict[tuple[str, str], tuple[Call, ...]]:
        lists: dict[tuple[str, str], list[Call]] = {}
        for event in self._all_events:
            if isinstance(event, Call):
                people = sorted(set(event.person_ids))
                for i, first in enumerate(people):
                    for second in people[i + 1:]:
                        lists.setdefault((first, second), []).append(event)
        return {pair: tuple(calls) for pair, calls in lists.items()}

    @functools.cached_property
    def _reactions_by_event(self) -> dict[str | None, tuple[Reaction, ...]]:
        lists: dict[str | None, list[Reaction]] = {}
        for reaction in self.reactions:
            lists.setdefault(reaction.event, []).append(reaction)
        return {
            event: tuple(sorted(items, key=lambda r: (r.date or dt.date.max, r.id)))
            for event, items in lists.items()
        }

    @functools.cached_property
    def _person_keys(self) -> dict[str, tuple[str, ...]]:
        keys: dict[str, list[str]] = {}
        for person in self.people:
            names = {normalize(n) for n in (person.id, person.name, *person.aliases)}
            forms = names | {name.split()[-1] for name in names if name}
            for form in forms:
                keys.setdefault(form, []).append(person.id)
        return {key: tuple(ids) for key, ids in keys.items()}

    @functools.cached_property
    def _links(self) -> dict[str, tuple[tuple[Relation, Event, Event], ...]]:
        links: dict[str, list[tuple[Relation, Event, Event]]] = {}
        for event in self._all_events:
            for relation in event.related:
                link = (relation, event, self._events_by_id[relation.target])
                links.setdefault(event.id, []).append(link)
                links.setdefault(relation.target, []).append(link)
        return {event_id: tuple(items) for event_id, items in links.items()}

    @functools.cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    # ------------------------------------------------------------------ lookups

    @property
    def leaders(self) -> tuple[Person, ...]:
        """The people whose kind is ``leader``."""
        return tuple(p for p in self.people if p.kind is PersonKind.LEADER)

    def person(self, query: str | Person) -> Person:
        """The person with this id, name or alias (case-, accent- and punctuation-insensitive).

        A surname alone works when only one person has it. Raises :class:`NotFoundError`
        (a :class:`LookupError`) with close matches when nothing matches, or when several do.
        """
        if isinstance(query, Person):
            query = query.id
        found = self._people_by_id.get(query)
        if found is not None:
            return found
        ids = self._person_keys.get(normalize(query), ())
        if len(ids) == 1:
            return self._people_by_id[ids[0]]
        if ids:
            names = [self._people_by_id[i].name for i in ids]
            raise NotFoundError("single person", query, names)
        return self._missing_person(query)

    def _missing_person(self, query: str) -> Person:
        close = difflib.get_close_matches(normalize(query), list(self._person_keys), n=5, cutoff=0.6)
        names = dict.fromkeys(self._people_by_id[i].name for key in close for i in self._person_keys[key])
        raise NotFoundError("person", query, list(names)[:3])

    def event(self, event_id: str) -> Event:
        """The call, meeting or occurrence with this id; :class:`NotFoundError` if none."""
        return _by_id(self._events_by_id, "event", event_id)

    def source(self, source_id: str) -> Source:
        """The source with this id; :class:`NotFoundError` if none."""
        return _by_id(self._sources_by_id, "source", source_id)

    def sources_of(self, record: Person | EventBase | Reaction | Attributed) -> tuple[Source, ...]:
        """The :class:`Source` objects a record cites."""
        return tuple(self.source(source_id) for source_id in record.sources)

    # ------------------------------------------------------------------ queries

    def events(
        self,
        participant: str | Person | None = None,
        kind: str | type[EventBase] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        status: EventStatus | str | None = None,
        country: str | None = None,
        zone: str | None = None,
        track: str | Iterable[str] | None = None,
    ) -> tuple[Event, ...]:
        """Events matching every filter given, in time order.

        ``kind`` is ``"call"``, ``"meeting"`` or ``"occurrence"`` (or the class).
        ``since``/``until`` are inclusive dates; by default they are compared with each event's
        own date (``timing.date``), and with ``zone="Europe/Moscow"`` with its date in that zone
        (an event whose date there is not pinned down matches if any of its possible dates do).
        Undated events (never held) only appear when no date bound is given.
        ``country`` (alpha-3) matches a participant's side or a listed party.
        ``track`` matches the sides present exactly (:attr:`EventBase.track`), given as
        ``"UKR-USA"`` (any order, ``-`` or ``–``) or as codes: ``{"RUS", "UKR", "USA"}`` is the
        trilateral track.
        """
        wanted_track = None if track is None else _track(track)
        wanted_kind = _event_kind(kind)
        wanted_status = None if status is None else EventStatus(status)
        if zone is not None and check.zone_info(zone) is None:
            raise ValueError(f"{zone!r} is not an IANA time zone such as 'Europe/Moscow'")
        ordered: _Ordered | None = None
        if participant is not None:
            ordered = self._by_person.get(self.person(participant).id, _EMPTY)
        elif wanted_kind is not None or wanted_status is not None:
            ordered = self._by_kind_status.get((wanted_kind, wanted_status), _EMPTY)
        elif since is not None or until is not None:
            ordered = self._dated
        if since is None and until is None:
            pool: Sequence[Event] = ordered.events if ordered is not None else self._all_events
        else:
            assert ordered is not None
            # in another zone an event's dates run from a day before its own date to a day after its end
            widen = zone is not None
            pool = ordered.window(since, until, before=1 + self._reach if widen else 0, after=1 if widen else 0)
        if (
            country is None and zone is None and wanted_track is None
            and (participant is None or (wanted_kind is wanted_status is None))
        ):
            return tuple(pool)  # the index chosen above holds exactly the events asked for
        return tuple(
            event
            for event in pool
            if (wanted_kind is None or event.kind == wanted_kind)
            and (wanted_status is None or event.status is wanted_status)
            and (country is None or _has_country(event, country))
            and (zone is None or _in_window(event, zone, since, until))
            and (wanted_track is None or event.track == wanted_track)
        )

    def calls_between(self, first: str | Person, second: str | Person) -> tuple[Call, ...]:
        """The calls in which both people took part, in time order."""
        a, b = self.person(first).id, self.person(second).id
        if a == b:
            return tuple(e for e in self._by_person.get(a, _EMPTY).events if isinstance(e, Call))
        return self._calls_by_pair.get((a, b) if a < b else (b, a), ())

    def reactions_to(self, event: str | EventBase, kind: str | None = None) -> tuple[Reaction, ...]:
        """Reactions to an event (by object or id), by date; ``kind`` is media, statement or market."""
        event_id = event.id if isinstance(event, EventBase) else self.event(event).id
        if kind is not None and kind not in REACTION_TYPES:
            raise ValueError(f"unknown reaction kind {kind!r}; expected one of {', '.join(REACTION_TYPES)}")
        found = self._reactions_by_event.get(event_id, ())
        return found if kind is None else tuple(r for r in found if r.kind == kind)

    def rounds(self, series: str | Series) -> tuple[Event, ...]:
        """The events of a series of talks (by id or object), in time order.

        >>> import summit_events as se
        >>> ds = se.load()
        >>> all(e.series == s.id for s in ds.series for e in ds.rounds(s))
        True
        """
        wanted = series.id if isinstance(series, Series) else _by_id(self._series_by_id, "series", series).id
        return tuple(e for e in self._all_events if e.series == wanted)

    def document(self, document_id: str) -> Document:
        """The plan or draft with this id (:class:`NotFoundError` if there is none)."""
        return _by_id(self._documents_by_id, "document", document_id)

    def documents_discussed_at(self, event: str | EventBase) -> tuple[Document, ...]:
        """The documents that an event (by id or object) discussed."""
        event_id = event.id if isinstance(event, EventBase) else self.event(event).id
        return tuple(d for d in self.documents if event_id in d.discussed_at)

    def delegation(
        self, event: str | EventBase, side: str | None = None
    ) -> tuple[tuple[Participant, Person, tuple[Office, ...]], ...]:
        """Who took part for each side (or for ``side``), with their role and the offices they held that day.

        An undated event has no day to look offices up on: their offices come back empty.
        """
        found = event if isinstance(event, EventBase) else self.event(event)
        return tuple(
            (p, person, person.offices_on(found.date) if found.date is not None else ())
            for p in found.participants
            if side is None or p.side == side
            for person in (self.person(p.person),)
        )

    @property
    def latest_source_date(self) -> dt.date | None:
        """The publication date of the newest dated source: how current the data is."""
        return max((s.published for s in self.sources if s.published is not None), default=None)

    @functools.cached_property
    def _series_by_id(self) -> dict[str, Series]:
        return {s.id: s for s in self.series}

    @functools.cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def statements_by(self, person: str | Person, *, disputed: bool = True) -> tuple[StatementReaction, ...]:
        """Statements attributed to ``person`` (by id, name or alias), by date.

        A statement whose speaker is disputed (:attr:`StatementReaction.speaker_claims`) is found
        under each person it is attributed to; ``disputed=False`` keeps only the statements
        whose ``speaker`` is ``person``.

        >>> import summit_events as se
        >>> [s.id for s in se.load().statements_by("Tammy Bruce")]
        ['2025-02-18-rubio-not-sufficient']
        """
        wanted = self.person(person).id
        return tuple(
            r for r in self._statements
            if r.speaker == wanted or (disputed and wanted in r.speakers)
        )

    @functools.cached_property
    def _statements(self) -> tuple[StatementReaction, ...]:
        statements = [r for r in self.reactions if isinstance(r, StatementReaction)]
        return tuple(sorted(statements, key=lambda r: (r.date is None, r.date or dt.date.min, r.id)))

    def related(
        self, event: str | EventBase, kind: RelationKind | str | None = None
    ) -> tuple[tuple[Relation, Event, Event], ...]:
        """Every relation touching ``event``, either way, as ``(relation, source_event, target_event)``.

        ``source_event`` is the event that states the relation: in ``(follows, B, A)``, B follows A.
        ``kind`` keeps one kind (``"follows"``, ``"prepares"``, ``"part_of"``, ``"context"``).
        """
        event_id = event.id if isinstance(event, EventBase) else self.event(event).id
        wanted = None if kind is None else RelationKind(kind)
        return tuple(
            link for link in self._links.get(event_id, ()) if wanted is None or link[0].kind is wanted
        )

    def thread(self, event: str | EventBase) -> tuple[Event, ...]:
        """Every event linked to ``event`` through any chain of relations, itself included, in time order.

        >>> import summit_events as se
        >>> thread = se.load().thread("budapest-summit")
        >>> thread[0].id, "2025-02-12-trump-putin-call" in [e.id for e in thread]
        ('2025-01-20-trump-second-inauguration', True)
        """
        start = event.id if isinstance(event, EventBase) else self.event(event).id
        seen, todo = {start}, [start]
        while todo:
            for _, source, target in self._links.get(todo.pop(), ()):
                for linked in (source.id, target.id):
                    if linked not in seen:
                        seen.add(linked)
                        todo.append(linked)
        return tuple(e for e in self._all_events if e.id in seen)

    def timeline(self) -> tuple[Event | Reaction, ...]:
        """Every dated record (events and reactions), in time order."""
        def key(record: Event | Reaction) -> tuple[dt.date, int, dt.datetime, str]:
            if isinstance(record, EventBase):
                assert record.timing is not None
                return record.timing.date, 0, record.timing.sort_key, record.id
            assert record.date is not None
            return record.date, 1, dt.datetime.min.replace(tzinfo=dt.timezone.utc), record.id

        dated_reactions = [r for r in self.reactions if r.date is not None]
        return tuple(sorted([*self._dated.events, *dated_reactions], key=key))

    def search(self, text: str) -> tuple[Person | Event, ...]:
        """People and events whose names, titles, summaries or topics contain every word of ``text``."""
        words = normalize(text).split()
        if not words:
            return ()

        def hit(*fields: str) -> bool:
            haystack = normalize(" ".join(fields))
            return all(word in haystack for word in words)

        people = [p for p in self.people if hit(p.id, p.name, *p.aliases)]
        events = [e for e in self._all_events if hit(e.id, e.title, e.summary, *e.topics)]
        return (*people, *events)


R = TypeVar("R")


def _by_id(index: dict[str, R], what: str, record_id: str) -> R:
    """``index[record_id]``, or :class:`NotFoundError` with the closest ids."""
    found = index.get(record_id)
    if found is None:
        close = difflib.get_close_matches(record_id, list(index), n=3, cutoff=0.5)
        raise NotFoundError(what, record_id, close)
    return found


class _Ordered:
    """Events in time order with their dates, for range queries by bisection.

    The dates are kept as day numbers (``date.toordinal()``) in one packed array: a
    bisection then reads a few machine integers instead of date objects spread over memory.
    """

    __slots__ = ("days", "events")

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = tuple(events)
        self.days = array("l", [e.timing.date.toordinal() if e.timing is not None else _UNDATED for e in self.events])

    def window(self, since: dt.date | None, until: dt.date | None, before: int = 0, after: int = 0) -> Sequence[Event]:
        """The events whose own date is from ``since - before`` to ``until + after`` days (inclusive)."""
        low = 0 if since is None else bisect.bisect_left(self.days, since.toordinal() - before)
        high = (bisect.bisect_left(self.days, _UNDATED) if until is None
                else bisect.bisect_right(self.days, until.toordinal() + after))
        return self.events[low:high]


_UNDATED = dt.date.max.toordinal() + 1
_DAY = dt.timedelta(days=1)


_EMPTY = _Ordered(())


def _event_kind(kind: str | type[EventBase] | None) -> str | None:
    if kind is None:
        return None
    if isinstance(kind, type) and issubclass(kind, EventBase):
        return kind.kind
    if kind not in EVENT_TYPES:
        raise ValueError(f"unknown event kind {kind!r}; expected one of {', '.join(EVENT_TYPES)}")
    return str(kind)


def _track(track: str | Iterable[str]) -> str:
    """A track given as text (``"USA–UKR"``) or codes, as :attr:`EventBase.track` spells it."""
    codes = re.split(r"\s*[-–]\s*", track.strip()) if isinstance(track, str) else list(track)
    if not codes or not all(isinstance(c, str) and check.PARTY.fullmatch(c) for c in codes):
        raise ValueError(f"{track!r} is not a track such as 'UKR-USA' (alpha-3 codes, or EU, NATO, UN)")
    return "-".join(sorted(set(codes)))


def _has_country(event: EventBase, country: str) -> bool:
    return country in event.parties or any(p.side == country for p in event.participants)


def _in_window(event: EventBase, zone: str, since: dt.date | None, until: dt.date | None) -> bool:
    if event.timing is None:
        return since is None and until is None
    low, high = event.timing.dates_in(zone)
    return (since is None or high >= since) and (until is None or low <= until)


# ---------------------------------------------------------------------- link checks


def _duplicates(records: Iterable[tuple[str, int, str]]) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for group, index, record_id in records:
        if record_id in seen:
            yield f"$.{group}[{index}].id", f"duplicate id {record_id!r} (first used at {seen[record_id]})"
        else:
            seen[record_id] = f"$.{group}[{index}]"


def _statement_ok(statement: StatementReaction, people: set[str], sources: set[str]) -> bool:
    return statement.speaker in people and all(
        claim.speaker in people
        and (claim.person is None or claim.person in people)
        and sources.issuperset(claim.sources)
        for claim in statement.speaker_claims
    )


def _link_problems(ds: Dataset) -> Iterator[Problem]:
    """Every broken link in ``ds``: repeated ids, unknown people, events or sources.

    Each record is first checked as a whole without building any path (the common case:
    nothing to report); only a record with a problem is walked again to name each one.
    """
    people = {p.id for p in ds.people}
    sources = {s.id for s in ds.sources}
    groups: dict[str, Sequence[EventBase]] = {"calls": ds.calls, "meetings": ds.meetings, "occurrences": ds.occurrences}
    if len(people) != len(ds.people):
        yield from _duplicates(("people", i, p.id) for i, p in enumerate(ds.people))
    if len(sources) != len(ds.sources):
        yield from _duplicates(("sources", i, s.id) for i, s in enumerate(ds.sources))
    if len({r.id for r in ds.reactions}) != len(ds.reactions):
        yield from _duplicates(("reactions", i, r.id) for i, r in enumerate(ds.reactions))
    events = {e.id for items in groups.values() for e in items}
    if len(events) != sum(len(items) for items in groups.values()):
        yield from _duplicates((g, i, e.id) for g, items in groups.items() for i, e in enumerate(items))
    series = {s.id for s in ds.series}
    if len(series) != len(ds.series):
        yield from _duplicates(("series", i, s.id) for i, s in enumerate(ds.series))
    documents = {d.id for d in ds.documents}
    if len(documents) != len(ds.documents):
        yield from _duplicates(("documents", i, d.id) for i, d in enumerate(ds.documents))

    def cited(path: str, ids: Iterable[str]) -> Iterator[Problem]:
        for index, source_id in enumerate(ids):
            if source_id not in sources:
                yield f"{path}.sources[{index}]", f"unknown source id {source_id!r}"

    def known(path: str, person_id: str | None) -> Iterator[Problem]:
        if person_id is not None and person_id not in people:
            yield path, f"unknown person id {person_id!r}"

    def event_ok(event: EventBase) -> bool:
        return (
            sources.issuperset(event.sources)
            and people.issuperset([p.person for p in event.participants])
            and all(
                sources.issuperset(claim.sources) and (claim.person is None or claim.person in people)
                for claims in (event.durations, event.outcomes, event.accounts, event.status_claims)
                for claim in claims
            )
            and all(r.target in events and r.target != event.id for r in event.related)
            and (event.series is None or event.series in series)
            and all(
                sources.issuperset(claim.sources) and (claim.person is None or claim.person in people)
                for claim in getattr(event, "exchanged", ())
            )
        )

    for i, person in enumerate(ds.people):
        if sources.issuperset(person.sources) and all(sources.issuperset(o.sources) for o in person.offices):
            continue
        yield from cited(f"$.people[{i}]", person.sources)
        for j, office in enumerate(person.offices):
            yield from cited(f"$.people[{i}].offices[{j}]", office.sources)
    for group, items in groups.items():
        for i, event in enumerate(items):
            if event_ok(event):
                continue
            path = f"$.{group}[{i}]"
            yield from cited(path, event.sources)
            for j, participant in enumerate(event.participants):
                yield from known(f"{path}.participants[{j}].person", participant.person)
            if event.series is not None and event.series not in series:
                yield f"{path}.series", f"unknown series id {event.series!r}"
            for field in ("durations", "outcomes", "accounts", "status_claims", "exchanged"):
                for j, claim in enumerate(getattr(event, field, ())):
                    yield from cited(f"{path}.{field}[{j}]", claim.sources)
                    yield from known(f"{path}.{field}[{j}].person", claim.person)
            for j, relation in enumerate(event.related):
                if relation.target not in events:
                    yield f"{path}.related[{j}].target", f"unknown event id {relation.target!r}"
                elif relation.target == event.id:
                    yield f"{path}.related[{j}].target", "an event cannot relate to itself"
    for i, item in enumerate(ds.series):
        yield from cited(f"$.series[{i}]", item.sources)
    for i, document in enumerate(ds.documents):
        path = f"$.documents[{i}]"
        yield from cited(path, document.sources)
        for field in ("drafting", "points"):
            for j, claim in enumerate(getattr(document, field)):
                yield from cited(f"{path}.{field}[{j}]", claim.sources)
                yield from known(f"{path}.{field}[{j}].person", claim.person)
        if document.revises == document.id:
            yield f"{path}.revises", "a document cannot revise itself"
        elif document.revises is not None and document.revises not in documents:
            yield f"{path}.revises", f"unknown document id {document.revises!r}"
        for j, event_id in enumerate(document.discussed_at):
            if event_id not in events:
                yield f"{path}.discussed_at[{j}]", f"unknown event id {event_id!r}"
    for i, reaction in enumerate(ds.reactions):
        if (
            sources.issuperset(reaction.sources)
            and (reaction.event in events or (reaction.event is None and not isinstance(reaction, MarketReaction)))
            and (not isinstance(reaction, StatementReaction) or _statement_ok(reaction, people, sources))
        ):
            continue
        path = f"$.reactions[{i}]"
        yield from cited(path, reaction.sources)
        if reaction.event is not None and reaction.event not in events:
            yield f"{path}.event", f"unknown event id {reaction.event!r}"
        if isinstance(reaction, StatementReaction):
            yield from known(f"{path}.speaker", reaction.speaker)
            for j, claim in enumerate(reaction.speaker_claims):
                yield from cited(f"{path}.speaker_claims[{j}]", claim.sources)
                yield from known(f"{path}.speaker_claims[{j}].person", claim.person)
                yield from known(f"{path}.speaker_claims[{j}].speaker", claim.speaker)
        if isinstance(reaction, MarketReaction) and reaction.event is None:
            yield f"{path}.event", "a market move must name the event it reacts to"
