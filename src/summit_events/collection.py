"""The :class:`Dataset`: every record, checked as a whole, with query methods.

A dataset is a frozen attrs object like the records it holds. Building one checks the
links between records (unique ids, references to people, events and sources that exist);
the indexes behind the queries are built on first use and cached on the instance.
"""

from __future__ import annotations

import bisect
import contextvars
import datetime as dt
import functools
import itertools
import operator
import re
import types
import warnings
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from . import _checks as check
from ._text import normalize
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

__all__ = ["SECTIONS", "TRACK_NAMES", "Dataset", "RecordsReplaced", "collisions", "merge", "normalize", "track_key"]

TRACK_NAMES: Mapping[str, str] = types.MappingProxyType({
    "us-russia": "RUS-USA",
    "us-ukraine": "UKR-USA",
    "russia-ukraine": "RUS-UKR",
    "trilateral": "RUS-UKR-USA",
})
"""Names a track can be asked for by, and the track each stands for (read-only).

Matched in any case, with ``-``, ``–``, ``—``, ``/`` or a space between the countries and
either country first: ``"US–Ukraine"``, ``"ukraine us"``. ``"trilateral"`` is the
US–Russia–Ukraine track. Any other track is given by its codes (``"DEU-FRA-UKR-USA"``).
"""

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


_check_links = contextvars.ContextVar("summit_events_check_links", default=True)
"""Off only while :mod:`summit_events.merging` reads a file of additions to another dataset."""


@attrs.frozen(kw_only=True, slots=True, repr=False)
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
        problems = list(_link_problems(self)) if _check_links.get() else []
        if problems:
            raise DataError(problems)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, name))} {name}" for name in SECTIONS)
        return f"<Dataset {self.data_version}: {counts}>"

    # ------------------------------------------------------------------ indexes (lazy)

    @functools.cached_property
    def _people_by_id(self) -> Mapping[str, Person]:
        return types.MappingProxyType({person.id: person for person in self.people})

    @functools.cached_property
    def _events_by_id(self) -> Mapping[str, Event]:
        return types.MappingProxyType({event.id: event for event in self._all_events})

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
    def _by_person(self) -> Mapping[str, _Ordered]:
        lists: dict[str, list[Event]] = {}
        for event in self._all_events:
            for person in event.person_ids:
                lists.setdefault(person, []).append(event)
        return types.MappingProxyType({person: _Ordered(events) for person, events in lists.items()})

    @functools.cached_property
    def _by_kind_status(self) -> Mapping[tuple[str | None, EventStatus | None], _Ordered]:
        lists: dict[tuple[str | None, EventStatus | None], list[Event]] = {}
        for event in self._all_events:
            for key in ((event.kind, None), (None, event.status), (event.kind, event.status)):
                lists.setdefault(key, []).append(event)
        return types.MappingProxyType({key: _Ordered(events) for key, events in lists.items()})

    @functools.cached_property
    def _calls_by_pair(self) -> Mapping[tuple[str, str], tuple[Call, ...]]:
        # only calls of a few people: a call of n people has n(n-1)/2 pairs (see calls_between)
        lists: dict[tuple[str, str], list[Call]] = {}
        for event in self._all_events:
            if isinstance(event, Call) and len(event.participants) <= _PAIRED:
                people = sorted(event.person_ids)
                for i, first in enumerate(people):
                    for second in people[i + 1:]:
                        lists.setdefault((first, second), []).append(event)
        return types.MappingProxyType({pair: tuple(calls) for pair, calls in lists.items()})

    @functools.cached_property
    def _crowded_calls(self) -> tuple[tuple[Call, frozenset[str]], ...]:
        """The calls left out of the pair index, with their people, in time order."""
        return tuple(
            (event, frozenset(event.person_ids)) for event in self._all_events
            if isinstance(event, Call) and len(event.participants) > _PAIRED
        )

    @functools.cached_property
    def _reactions_by_event(self) -> Mapping[str | None, tuple[Reaction, ...]]:
        lists: dict[str | None, list[Reaction]] = {}
        for reaction in self.reactions:
            lists.setdefault(reaction.event, []).append(reaction)
        return types.MappingProxyType({
            event: tuple(sorted(items, key=lambda r: (r.date or dt.date.max, r.id)))
            for event, items in lists.items()
        })

    @functools.cached_property
    def _person_keys(self) -> Mapping[str, tuple[str, ...]]:
        keys: dict[str, list[str]] = {}
        for person in self.people:
            names = {normalize(n) for n in (person.id, person.name, *person.aliases)}
            forms = names | {name.split()[-1] for name in names if name}
            for form in forms:
                keys.setdefault(form, []).append(person.id)
        return types.MappingProxyType({key: tuple(ids) for key, ids in keys.items()})

    @functools.cached_property
    def _links(self) -> Mapping[str, tuple[tuple[Relation, Event, Event], ...]]:
        links: dict[str, list[tuple[Relation, Event, Event]]] = {}
        for event in self._all_events:
            for relation in event.related:
                link = (relation, event, self._events_by_id[relation.target])
                links.setdefault(event.id, []).append(link)
                links.setdefault(relation.target, []).append(link)
        return types.MappingProxyType({event_id: tuple(items) for event_id, items in links.items()})

    @functools.cached_property
    def _sources_by_id(self) -> Mapping[str, Source]:
        return types.MappingProxyType({source.id: source for source in self.sources})

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
        if type(query) is not str:
            raise TypeError(f"expected a person id, name or Person, got {type(query).__name__}")
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
        import difflib  # only when a lookup fails: not imported by a fresh load() and query

        close = difflib.get_close_matches(normalize(query), list(self._person_keys), n=5, cutoff=0.6)
        names = dict.fromkeys(self._people_by_id[i].name for key in close for i in self._person_keys[key])
        raise NotFoundError("person", query, list(names)[:3])

    def event(self, event_id: str) -> Event:
        """The call, meeting or occurrence with this id; :class:`NotFoundError` if none."""
        if type(event_id) is not str:
            raise TypeError(f"expected an event id, got {type(event_id).__name__}")
        return _by_id(self._events_by_id, "event", event_id)

    def _event_id(self, event: str | EventBase) -> str:
        """The id of ``event``, given by id or as an event of this dataset (:class:`NotFoundError` if not)."""
        if isinstance(event, EventBase):
            if self._events_by_id.get(event.id) != event:
                raise NotFoundError("event of this dataset", event.id)
            return event.id
        return self.event(event).id

    def source(self, source_id: str) -> Source:
        """The source with this id; :class:`NotFoundError` if none."""
        if type(source_id) is not str:
            raise TypeError(f"expected a source id, got {type(source_id).__name__}")
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
        ``since`` and ``until`` must be ``datetime.date`` objects: a ``datetime`` is refused
        (:class:`TypeError`), since which calendar date it falls on depends on the zone;
        convert it first (``moment.astimezone(ZoneInfo("Europe/Moscow")).date()`` with
        ``zone="Europe/Moscow"``).
        Undated events (never held) only appear when no date bound is given.
        ``country`` (alpha-3) matches a participant's side or a listed party.
        ``track`` matches the sides present exactly (:attr:`EventBase.track`), given by name
        (``"US–Ukraine"``, ``"US-Russia"``, ``"Russia–Ukraine"``, ``"trilateral"``: see
        :data:`TRACK_NAMES`), as ``"UKR-USA"`` (any order, ``-`` or ``–``) or as codes:
        ``{"RUS", "UKR", "USA"}`` is the trilateral track.
        """
        wanted_track = None if track is None else track_key(track)
        wanted_kind = _event_kind(kind)
        wanted_status = None if status is None else EventStatus(status)
        for name, bound in (("since", since), ("until", until)):
            if bound is not None and type(bound) is not dt.date:
                hint = " (convert it to a date in the zone you mean)" if isinstance(bound, dt.datetime) else ""
                raise TypeError(f"{name} must be a datetime.date, got {type(bound).__name__}{hint}")
        if zone is not None and type(zone) is not str:
            raise TypeError(f"zone must be a string such as 'Europe/Moscow', got {type(zone).__name__}")
        if country is not None and type(country) is not str:
            raise TypeError(f"country must be a string such as 'RUS', got {type(country).__name__}")
        if zone is not None and check.zone_info(zone) is None:
            raise ValueError(f"{check.shown(zone)} is not an IANA time zone such as 'Europe/Moscow'")
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
        paired = self._calls_by_pair.get((a, b) if a < b else (b, a), ())
        crowded = [call for call, people in self._crowded_calls if a in people and b in people]
        if not crowded:
            return paired
        order = {event.id: index for index, event in enumerate(self._all_events)}
        return tuple(sorted((*paired, *crowded), key=lambda call: order[call.id]))

    def reactions_to(self, event: str | EventBase, kind: str | None = None) -> tuple[Reaction, ...]:
        """Reactions to an event (by object or id), by date; ``kind`` is media, statement or market.

        An event object must be one of this dataset's (else :class:`NotFoundError`).
        """
        event_id = self._event_id(event)
        if kind is not None and kind not in REACTION_TYPES:
            raise ValueError(f"unknown reaction kind {kind!r}; expected one of {', '.join(REACTION_TYPES)}")
        found = self._reactions_by_event.get(event_id, ())
        return found if kind is None else tuple(r for r in found if r.kind == kind)

    def tracks(self) -> dict[str, int]:
        """How many events each track has (:attr:`EventBase.track`), most first, then by name.

        Events with no side recorded are left out.

        >>> import summit_events as se
        >>> counts = se.load().tracks()
        >>> sum(counts.values()) <= len(se.load().events())
        True
        """
        counts: dict[str, int] = {}
        for event in self._all_events:
            if event.track:
                counts[event.track] = counts.get(event.track, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

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
        event_id = self._event_id(event)
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
        start = self._event_id(event)
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

    def search(self, text: str) -> tuple[Person | Event | Reaction | Source | Series | Document, ...]:
        """Every record matching each word of ``text`` in any text field, best match first.

        Typos are tolerated (``"Putn"`` finds Putin); see :func:`summit_events.search.search`
        for the scores and the field each hit was found in.
        """
        from .search import search

        return tuple(hit.record for hit in search(self, text))

    # ------------------------------------------------------------------ any record by id

    def reaction(self, reaction_id: str) -> Reaction:
        """The reaction with this id; :class:`NotFoundError` if none."""
        return _by_id(self._reactions_by_id, "reaction", reaction_id)

    def get(self, record_id: str) -> Person | Event | Reaction | Source | Series | Document:
        """The person, event, reaction, source, series or document with this id (a person also by name or alias).

        A miss raises :class:`NotFoundError` naming the kinds searched, with close ids and names.
        Records of different kinds may share an id: then the first of person, event, reaction
        source, series and document is returned (:meth:`event`, :meth:`reaction`, … look in one kind).

        >>> import summit_events as se
        >>> se.load().get("2025-02-13-moex-index").instrument
        'MOEX Russia Index'
        """
        indexes: tuple[Mapping[str, Person | Event | Reaction | Source | Series | Document], ...] = (
            self._people_by_id, self._events_by_id, self._reactions_by_id, self._sources_by_id,
            self._series_by_id, self._documents_by_id,
        )
        for index in indexes:
            found = index.get(record_id)
            if found is not None:
                return found
        ids = self._person_keys.get(normalize(record_id), ())
        if len(ids) == 1:
            return self._people_by_id[ids[0]]
        if ids:
            raise NotFoundError("single person", record_id, [self._people_by_id[i].name for i in ids])
        raise NotFoundError("person, event, reaction, source, series or document", record_id, self.suggest(record_id))

    def suggest(self, text: str, n: int = 3) -> tuple[str, ...]:
        """Names and ids close to ``text`` (typos allowed), best first: what a failed lookup suggests."""
        import difflib

        keys = difflib.get_close_matches(normalize(text), list(self._person_keys), n=n, cutoff=0.6)
        found = [self._people_by_id[i].name for key in keys for i in self._person_keys[key]]
        found += difflib.get_close_matches(text, list(self._all_ids), n=n, cutoff=0.5)
        if len(found) < n:
            from .search import search

            found += [hit.id for hit in search(self, text)[:n]]
        people = self._people_by_id
        return tuple(dict.fromkeys(people[f].name if f in people else f for f in found))[:n]

    def merge(self, other: Dataset, *, replace: bool = False) -> Dataset:
        """This dataset with ``other``'s records added: see :func:`summit_events.merging.merge`."""
        return merge(self, other, replace=replace, _stacklevel=3)

    @functools.cached_property
    def _reactions_by_id(self) -> dict[str, Reaction]:
        return {reaction.id: reaction for reaction in self.reactions}

    @functools.cached_property
    def _search_index(self) -> Any:
        from .search import build_index

        return build_index(self)

    @functools.cached_property
    def _all_ids(self) -> tuple[str, ...]:
        return (*self._people_by_id, *self._events_by_id, *self._reactions_by_id, *self._sources_by_id,
                *self._series_by_id, *self._documents_by_id)


SECTIONS = ("people", "calls", "meetings", "occurrences", "reactions", "sources", "series", "documents")
"""The record sections of a dataset, in the order counts and merges list them."""

# ---------------------------------------------------------------------- merging (see summit_events.merging)

_MERGE_KIND = {"people": "person", "calls": "call", "meetings": "meeting", "occurrences": "occurrence",
         "reactions": "reaction", "sources": "source", "series": "series", "documents": "document"}
_MERGE_PATH = re.compile(r"^\$\.(people|calls|meetings|occurrences|reactions|sources|series|documents)\[(\d+)\]")


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
    for section in SECTIONS:
        taken.setdefault(_group(section), set()).update(r.id for r in getattr(base, section))
    return tuple(
        (section, record.id, index)
        for section in SECTIONS
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
        for section in SECTIONS
    }
    version = base.data_version if additions.data_version == base.data_version else (
        f"{base.data_version}+{additions.data_version}"
    )
    try:
        merged = Dataset(
            data_version=version,
            coverage=base.coverage if base.coverage is not None else additions.coverage,
            **{section: kept[section] + getattr(additions, section) for section in SECTIONS},
        )
    except DataError as error:
        raise DataError(_relocate(error.problems, {s: len(kept[s]) for s in SECTIONS})) from None
    if clashes:
        warnings.warn(
            RecordsReplaced(tuple((_MERGE_KIND[section], record_id) for section, record_id, _ in clashes)),
            stacklevel=_stacklevel,
        )
    return merged


def _existing_kind(base: Dataset, section: str, record_id: str) -> str:
    if _group(section) == "events":
        event: EventBase = base.event(record_id)
        return event.kind
    return _MERGE_KIND[section]


def _relocate(problems: tuple[Problem, ...], offsets: dict[str, int]) -> Iterator[Problem]:
    """Paths in the merged dataset as paths in the additions (or in the base, so marked)."""
    for path, message in problems:
        found = _MERGE_PATH.match(path)
        if found is None:
            yield path, message
            continue
        section, index = found.group(1), int(found.group(2))
        rest = path[found.end():]
        if index >= offsets[section]:
            yield f"$.{section}[{index - offsets[section]}]{rest}", message
        else:
            yield f"base $.{section}[{index}]{rest}", message



R = TypeVar("R")


def _by_id(index: Mapping[str, R], what: str, record_id: str) -> R:
    """``index[record_id]``, or :class:`NotFoundError` with the closest ids."""
    found = index.get(record_id)
    if found is None:
        import difflib

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
_PAIRED = 16
"""Calls of up to this many participants are indexed by pair of people (the rest are scanned)."""
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


def track_key(track: str | Iterable[str]) -> str:
    """The key of a track (:attr:`EventBase.track`) given as a name (``"US–Ukraine"``, ``"trilateral"``) or codes.

    :class:`ValueError` names the tracks to use when ``track`` is none.
    """
    if isinstance(track, str):
        parts = [p for p in re.split(r"\s*[-–—/ ]\s*", track.strip().lower().replace("u.s.", "us")) if p]
        named = TRACK_NAMES.get("-".join(parts)) or TRACK_NAMES.get("-".join(reversed(parts)))
        if named is not None:
            return named
        codes = [p.upper() for p in parts]
    else:
        codes = list(track)
    if not codes or not all(isinstance(c, str) and check.PARTY.fullmatch(c) for c in codes):
        names = ", ".join(repr(n) for n in TRACK_NAMES)
        raise ValueError(
            f"{track!r} is not a track: give one of {names}, or codes such as 'UKR-USA' "
            "(alpha-3, or EU, NATO, UN)"
        )
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


_field = operator.attrgetter
_flat = itertools.chain.from_iterable


def _each(records: Iterable[Any], name: str) -> Iterator[Any]:
    """The items of the tuple field ``name`` of every record, in one pass in C."""
    return _flat(map(_field(name), records))


def _named(records: Iterable[Any], name: str) -> set[Any]:
    """The values of the field ``name`` across ``records``, ``None`` left out."""
    found = set(map(_field(name), records))
    found.discard(None)
    return found


def _claims_ok(claims: list[Any], people: set[str], sources: set[str]) -> bool:
    return sources.issuperset(_each(claims, "sources")) and people.issuperset(_named(claims, "person"))


def _people_links_ok(ds: Dataset, sources: set[str]) -> bool:
    """Whether every person and office cites known sources (checked over the whole section at once)."""
    return sources.issuperset(_each(ds.people, "sources")) and sources.issuperset(
        _each(_each(ds.people, "offices"), "sources")
    )


def _event_links_ok(ds: Dataset, people: set[str], sources: set[str], events: set[str], series: set[str]) -> bool:
    """Whether no event has a broken link: what :func:`_link_problems` walks each event for, over all events at once."""
    all_events = [*ds.calls, *ds.meetings, *ds.occurrences]
    claims = [
        *_each(all_events, "durations"), *_each(all_events, "outcomes"), *_each(all_events, "accounts"),
        *_each(all_events, "status_claims"), *_each(ds.occurrences, "exchanged"),
    ]
    related = [event for event in all_events if event.related]
    return (
        sources.issuperset(_each(all_events, "sources"))
        and people.issuperset(map(_field("person"), _each(all_events, "participants")))
        and _claims_ok(claims, people, sources)
        and events.issuperset(map(_field("target"), _each(related, "related")))
        and all(r.target != event.id for event in related for r in event.related)
        and series.issuperset(_named(all_events, "series"))
    )


def _reaction_links_ok(ds: Dataset, people: set[str], sources: set[str], events: set[str]) -> bool:
    """Whether no reaction has a broken link: what :func:`_link_problems` walks each reaction for, all at once."""
    statements = [r for r in ds.reactions if isinstance(r, StatementReaction)]
    claims = list(_each(statements, "speaker_claims"))
    return (
        sources.issuperset(_each(ds.reactions, "sources"))
        and events.issuperset(_named(ds.reactions, "event"))
        and all(r.event is not None for r in ds.reactions if isinstance(r, MarketReaction))
        and people.issuperset(map(_field("speaker"), statements))
        and people.issuperset(map(_field("speaker"), claims))
        and _claims_ok(claims, people, sources)
    )


def _link_problems(ds: Dataset) -> Iterator[Problem]:
    """Every broken link in ``ds``: repeated ids, unknown people, events or sources.

    People, events and reactions are first checked section by section, without building any
    path (the common case: nothing to report); only a section with a problem is walked record
    by record to name each one.
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

    for i, person in enumerate(() if _people_links_ok(ds, sources) else ds.people):
        yield from cited(f"$.people[{i}]", person.sources)
        for j, office in enumerate(person.offices):
            yield from cited(f"$.people[{i}].offices[{j}]", office.sources)
    for group, items in ({} if _event_links_ok(ds, people, sources, events, series) else groups).items():
        for i, event in enumerate(items):
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
    for i, reaction in enumerate(() if _reaction_links_ok(ds, people, sources, events) else ds.reactions):
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
    if any(event.related for items in groups.values() for event in items):
        yield from _relation_problems(groups)


_HAPPENED = frozenset({EventStatus.HELD, EventStatus.REPORTED_UNCONFIRMED})
_ACYCLIC = frozenset({RelationKind.PART_OF, RelationKind.FOLLOWS, RelationKind.PREPARES})
_SHOWN_LOOP = 6


def _relation_problems(groups: dict[str, Sequence[EventBase]]) -> Iterator[Problem]:
    """Relations that cannot be true: ``part_of``, ``follows`` or ``prepares`` links that run in a
    circle, an event that follows a later one, an event that prepares an earlier one (both held)."""
    by_id = {event.id: event for items in groups.values() for event in items}
    graphs: dict[RelationKind, dict[str, list[tuple[str, str]]]] = {}
    for group, items in groups.items():
        for i, event in enumerate(items):
            for j, relation in enumerate(event.related):
                target = by_id.get(relation.target)
                if target is None or target is event or relation.kind not in _ACYCLIC:
                    continue  # a broken link is reported as such; a context link has no rule
                at = f"$.{group}[{i}].related[{j}].target"
                problem = _order_problem(relation.kind, event, target)
                if problem is not None:
                    yield at, problem
                graphs.setdefault(relation.kind, {}).setdefault(event.id, []).append((at, relation.target))
    for kind, graph in graphs.items():
        yield from _cycles(kind, graph)


def _order_problem(kind: RelationKind, source: EventBase, target: EventBase) -> str | None:
    if kind not in (RelationKind.FOLLOWS, RelationKind.PREPARES):
        return None
    first, then = source.timing, target.timing
    if first is None or then is None or source.status not in _HAPPENED or target.status not in _HAPPENED:
        return None
    if kind is RelationKind.FOLLOWS:
        if first.date > then.date + 2 * _DAY:  # no two zones are two days apart: no zone arithmetic needed
            return None
        if first.dates_in(then.zone)[1] < then.date:
            return f"follows {target.id!r}, which is later ({then.date} in {then.zone})"
        return None
    if first.date < then.date - 2 * _DAY:
        return None
    if first.dates_in(then.zone)[0] > then.dates_in(then.zone)[1]:
        return f"prepares {target.id!r}, which is earlier ({then.date} in {then.zone})"
    return None


def _cycles(kind: RelationKind, graph: dict[str, list[tuple[str, str]]]) -> Iterator[Problem]:
    """Each link that closes a circle of ``kind`` links (a depth-first walk: linear in the links)."""
    done: set[str] = set()
    for root in graph:
        if root in done:
            continue
        trail, position = [root], {root: 0}
        stack = [iter(graph.get(root, ()))]
        while stack:
            for at, target in stack[-1]:
                if target in position:
                    loop = trail[position[target]:]
                    names = loop if len(loop) <= _SHOWN_LOOP else [*loop[:_SHOWN_LOOP - 1], "…"]
                    yield at, (f"{kind.value} links run in a circle: " + " → ".join([*names, target])
                               + (f" ({len(loop)} events)" if len(loop) > _SHOWN_LOOP else ""))
                elif target not in done:
                    position[target] = len(trail)
                    trail.append(target)
                    stack.append(iter(graph.get(target, ())))
                    break
            else:
                stack.pop()
                node = trail.pop()
                del position[node]
                done.add(node)
