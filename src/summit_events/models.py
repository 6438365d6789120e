"""The record types: frozen, slotted, keyword-only attrs classes with no I/O.

Records refer to each other by id (a participant names a person id, a reaction names an
event id, every record names source ids); :class:`~summit_events.collection.Dataset` checks
that those ids exist. Everything here checks its own fields when it is built and raises
:class:`~summit_events.errors.DataError` naming the field.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import types
from collections.abc import Mapping
from typing import ClassVar, Literal

import attrs

from . import _checks as check
from .errors import DataError

__all__ = [
    "Attributed",
    "CAPITAL_ZONES",
    "Call",
    "CallMedium",
    "ChangeOf",
    "Claim",
    "CoordinatePrecision",
    "CountClaim",
    "Coverage",
    "Document",
    "DurationClaim",
    "EventBase",
    "EventStatus",
    "ExchangeClaim",
    "LocalDate",
    "MarketReaction",
    "MediaReaction",
    "Meeting",
    "MeetingFormat",
    "Occurrence",
    "OccurrenceKind",
    "Office",
    "Participant",
    "Person",
    "PersonKind",
    "Place",
    "Qualifier",
    "ReactionBase",
    "Relation",
    "RelationKind",
    "Role",
    "Series",
    "Source",
    "SpeakerClaim",
    "Stance",
    "StatementReaction",
    "StatusClaim",
    "Timing",
    "Event",
    "Reaction",
    "EVENT_TYPES",
    "REACTION_TYPES",
]

frozen = attrs.frozen(kw_only=True, slots=True, cache_hash=False)


# --------------------------------------------------------------------------- vocabularies


class PersonKind(str, enum.Enum):
    """Why a person is in the data."""

    LEADER = "leader"  #: head of state or government (or elected to be one)
    OFFICIAL = "official"  #: minister, envoy, adviser, spokesperson, diplomat
    PRIVATE = "private"  #: a private person the events involve (e.g. a released prisoner)


class EventStatus(str, enum.Enum):
    """Whether an event happened."""

    HELD = "held"
    REPORTED_UNCONFIRMED = "reported_unconfirmed"  #: reported, not confirmed by the parties
    PLANNED = "planned"  #: announced and still to come, as of the data version
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    #: announced or expected, and it did not take place, without being formally postponed or
    #: cancelled (e.g. a meeting "probably" in Saudi Arabia that was overtaken by another)
    NEVER_HELD = "never_held"

    @property
    def took_place(self) -> bool:
        """Whether the event happened (``held``), or is reported to have (``reported_unconfirmed``)."""
        return self in (EventStatus.HELD, EventStatus.REPORTED_UNCONFIRMED)


class CallMedium(str, enum.Enum):
    """How a call was held."""

    PHONE = "phone"
    VIDEO = "video"


class MeetingFormat(str, enum.Enum):
    """What kind of in-person meeting."""

    BILATERAL_SUMMIT = "bilateral_summit"  #: leaders of two countries
    DELEGATION_TALKS = "delegation_talks"  #: ministers or envoys, not the leaders
    ENVOY_VISIT = "envoy_visit"  #: an envoy received by a leader or official abroad
    MULTILATERAL = "multilateral"  #: three or more parties


class OccurrenceKind(str, enum.Enum):
    """Dated events that are neither calls nor meetings."""

    INAUGURATION = "inauguration"
    PRISONER_EXCHANGE = "prisoner_exchange"
    REPATRIATION = "repatriation"  #: a handover of the bodies of the dead
    ANNOUNCEMENT = "announcement"
    SANCTIONS = "sanctions"


class Role(str, enum.Enum):
    """The part a person plays in an event."""

    PRINCIPAL = "principal"  #: a leader or head of a delegation
    DELEGATE = "delegate"  #: a member of a delegation
    HOST = "host"  #: represents the host of talks between others
    SUBJECT = "subject"  #: the event is about them (e.g. a released prisoner)


class Qualifier(str, enum.Enum):
    """How exact a reported figure is."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    NEARLY = "nearly"  #: "nearly", "almost": a little less than the figure
    LESS_THAN = "less_than"


class Stance(str, enum.Enum):
    """A statement's attitude to the event or process it comments on."""

    SUPPORTIVE = "supportive"
    CRITICAL = "critical"
    NEUTRAL = "neutral"
    MIXED = "mixed"


class RelationKind(str, enum.Enum):
    """How one event relates to another."""

    FOLLOWS = "follows"  #: a follow-up to the target
    PREPARES = "prepares"  #: preparation for the target
    PART_OF = "part_of"  #: a component of the target
    CONTEXT = "context"  #: background that the target was reported against
    AGREED_AT = "agreed_at"  #: agreed at the target talks (an exchange, a next round)


class ChangeOf(str, enum.Enum):
    """What a market reaction's ``change_percent`` measures: the sign convention."""

    #: the quoted ``level`` in its ``unit``: positive means the figure rose (index points, a price)
    LEVEL = "level"
    #: the value of the instrument itself: for a currency, what it buys of the other one.
    #: Positive means it strengthened, so a level quoted as units of it per other currency
    #: (``RUB per USD``) fell.
    VALUE = "value"


class CoordinatePrecision(str, enum.Enum):
    """What a place's coordinates point at."""

    SITE = "site"  #: the building, base or compound itself
    CITY = "city"  #: the city centre: the exact site is not pinned down


# --------------------------------------------------------------------------- sources


@frozen
class Source:
    """A published page that records cite by ``id``, described as it was found.

    ``url`` and ``title`` are the page's address and headline exactly as found (never built or
    completed); ``outlet`` is who published that page. When the page reprints, relays or
    quotes someone else's text, ``reprints`` says whose, and ``aggregator`` marks a publisher
    that republishes others' reporting, so a fact that only an aggregator carries shows as such.
    """

    id: str = attrs.field(validator=check.slug)
    outlet: str = attrs.field(validator=check.text)  #: who published the page, e.g. "Kyiv Independent"
    title: str = attrs.field(validator=check.text)  #: the headline as the page shows it
    url: str = attrs.field(validator=check.url)  #: the page's address, exactly as found
    published: dt.date | None = attrs.field(default=None, validator=check.optional(check.day))
    #: the section of the article cited, when the source is the Wikipedia article
    section: str | None = attrs.field(default=None, validator=check.optional(check.text))
    #: another address of the same text, exactly as found: the original that ``url`` reprints,
    #: or the copy that was read where ``url`` is the original's own address
    via: str | None = attrs.field(default=None, validator=check.optional(check.url))
    #: whose text the page reprints, relays or quotes at length ("TASS", "the Kremlin readout")
    reprints: str | None = attrs.field(default=None, validator=check.optional(check.text))
    #: the publisher is an aggregator or reprint site, not the outlet that reported the fact
    aggregator: bool = attrs.field(default=False, validator=check.instance(bool))


# --------------------------------------------------------------------------- claims


@frozen
class Attributed:
    """Who asserts something, and where that is reported (the base of every claim)."""

    by: str = attrs.field(validator=check.text)  #: "Kremlin", "Yuri Ushakov", "NPR"
    #: the id of the person asserting, when ``by`` is a person in the data
    person: str | None = attrs.field(default=None, validator=check.optional(check.slug))
    #: a short verbatim quote, as the source gives it
    quote: str | None = attrs.field(default=None, validator=check.optional(check.text))
    sources: tuple[str, ...] = attrs.field(validator=check.sources)


@frozen
class Claim(Attributed):
    """Something asserted by someone: an outcome, a position, an account of events."""

    text: str = attrs.field(validator=check.text)  #: what is claimed, in our words


def _positive_count(unit: str) -> check.Validator:
    """A whole number from 1 to 2**53 - 1; ``unit`` names what is counted in the error."""

    def positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
        check.instance(int)(_, attribute, value)
        if value <= 0:
            raise check.fail(attribute, f"must be a positive number of {unit}")
        if value > check.MAX_INT:
            raise check.fail(attribute, f"must be at most {check.MAX_INT} (2**53 - 1, what every JSON reader can hold)")

    return check.describe(positive, minimum=1, maximum=check.MAX_INT)


_positive = _positive_count("minutes")


@frozen
class DurationClaim(Attributed):
    """A length of an event as one party or outlet gives it."""

    minutes: int = attrs.field(validator=_positive)
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, validator=check.instance(Qualifier))
    #: the day the figure covers, for talks held over several days (``None``: the whole event)
    day: dt.date | None = attrs.field(default=None, validator=check.optional(check.day))


@frozen
class CountClaim(Attributed):
    """A number as one party or outlet gives it, e.g. the points of a plan."""

    count: int = attrs.field(validator=_positive_count("items"))
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, validator=check.instance(Qualifier))


@frozen
class ExchangeClaim(Attributed):
    """How many people (or, in a repatriation, bodies) one side handed over, as one party or outlet gives it."""

    released_by: str = attrs.field(validator=check.country)  #: the side that handed them over (alpha-3)
    count: int = attrs.field(validator=_positive_count("people"))
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, validator=check.instance(Qualifier))
    #: who they were, as the source says ("prisoners of war", "bodies of fallen soldiers")
    what: str | None = attrs.field(default=None, validator=check.optional(check.text))
    #: the day of the handover, for an exchange over several days
    day: dt.date | None = attrs.field(default=None, validator=check.optional(check.day))


@frozen
class SpeakerClaim(Attributed):
    """One source's account of who said a statement, where sources disagree on the speaker."""

    speaker: str = attrs.field(validator=check.slug)  #: the person id the words are given to


@frozen
class StatusClaim(Attributed):
    """One party's account of whether an event happened, or happens."""

    status: EventStatus = attrs.field(validator=check.instance(EventStatus))
    text: str | None = attrs.field(default=None, validator=check.optional(check.text))


_CLAIM_KEY = operator.attrgetter("by", "sources")


def _refuse_repeated_claims(record: object, fields: tuple[str, ...]) -> None:
    """The same claim twice in one tuple (a page counted twice) is refused, at the repeat's path.

    Two equal claims have the same ``by`` and ``sources``: claims that differ there (the common
    case) are told apart without hashing each whole claim.
    """
    for field in fields:
        claims = getattr(record, field)
        if len(claims) > 1 and len(set(map(_CLAIM_KEY, claims))) != len(claims) and len(set(claims)) != len(claims):
            index = check.first_repeat(claims)
            raise DataError([(f"$.{field}[{index}]", "repeats an earlier claim word for word")])


# --------------------------------------------------------------------------- people


@frozen
class Office:
    """An office a person held; ``start``/``end`` are ``None`` where no source gives them."""

    title: str = attrs.field(validator=check.text)  #: "Secretary of State"
    country: str = attrs.field(validator=check.country)
    #: the first day of the continuous tenure (not of the current term)
    start: dt.date | None = attrs.field(default=None, validator=check.optional(check.day))
    end: dt.date | None = attrs.field(default=None, validator=check.optional(check.day))
    #: the first day of each term within the tenure, in order, where sources give them
    #: (optional; when given, the first is ``start``)
    terms: tuple[dt.date, ...] = attrs.field(default=(), validator=check.tuple_of(check.day))
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.tuple_of(check.slug, unique=True))

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise DataError([("$.end", f"{self.end} is before start {self.start}")])
        if self.terms:
            if any(later <= earlier for earlier, later in zip(self.terms, self.terms[1:], strict=False)):
                raise DataError([("$.terms", "term starts must be in order, each after the one before")])
            if self.start is None:
                raise DataError([("$.start", "give the start of the tenure when terms are given")])
            if self.terms[0] != self.start:
                raise DataError([("$.terms[0]", f"the first term starts the tenure: expected {self.start}")])
            if self.end is not None and self.terms[-1] > self.end:
                raise DataError([(f"$.terms[{len(self.terms) - 1}]", f"{self.terms[-1]} is after end {self.end}")])

    def held_on(self, day: dt.date) -> bool:
        """Whether the office was held on ``day`` as far as the data knows.

        An unknown start counts as "not known to be held" (``False``); an unknown end
        means the office is still held as of the data version.
        """
        return (
            self.start is not None
            and self.start <= day
            and (self.end is None or day <= self.end)
        )


@frozen
class Person:
    """Someone the events involve: a leader, an official or a private person."""

    id: str = attrs.field(validator=check.slug)  #: e.g. "vladimir-putin"
    name: str = attrs.field(validator=check.text)  #: the usual English form
    #: other spellings and short forms that lookups accept ("Zelensky", "Putin")
    aliases: tuple[str, ...] = attrs.field(default=(), validator=check.tuple_of(check.text, unique=True))
    country: str = attrs.field(validator=check.country)  #: ISO 3166-1 alpha-3
    kind: PersonKind = attrs.field(validator=check.instance(PersonKind))
    offices: tuple[Office, ...] = attrs.field(default=(), validator=check.tuple_of(check.instance(Office)))
    #: Wikidata item id, only when verified
    wikidata: str | None = attrs.field(default=None, validator=check.optional(check.wikidata))
    sources: tuple[str, ...] = attrs.field(validator=check.sources)

    def offices_on(self, day: dt.date) -> tuple[Office, ...]:
        """The offices held on ``day`` (see :meth:`Office.held_on`)."""
        return tuple(office for office in self.offices if office.held_on(day))


# --------------------------------------------------------------------------- time and place


@frozen
class LocalDate:
    """The date of an event in another time zone, where a source gives it without a clock time."""

    date: dt.date = attrs.field(validator=check.day)
    zone: str = attrs.field(validator=check.zone)


_DAY = dt.timedelta(days=1)


@frozen
class Timing:
    """When an event happened: a date in a named IANA zone, with clock times only when sourced.

    ``date`` is the calendar date in ``zone`` (the zone the sources date it in). ``start`` and
    ``end`` are aware datetimes and present only when a source gives the clock time; they are
    kept with a fixed UTC offset, as JSON writes them (a ``ZoneInfo`` time is converted, same
    instant and wall time), so a timing equals itself read back.
    ``local_dates`` records the date in other zones where sources give it but no clock time
    (a call on the evening of 18 August in Washington is 19 August in Moscow).
    ``last_date`` is the last day, in ``zone``, of talks held over several days (Berlin,
    14–15 December: ``date`` 14 December, ``last_date`` 15 December).
    """

    date: dt.date = attrs.field(validator=check.day)
    zone: str = attrs.field(validator=check.zone)
    start: dt.datetime | None = attrs.field(
        default=None, converter=check.fixed_offset, validator=check.optional(check.aware)
    )
    end: dt.datetime | None = attrs.field(
        default=None, converter=check.fixed_offset, validator=check.optional(check.aware)
    )
    local_dates: tuple[LocalDate, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.instance(LocalDate))
    )
    last_date: dt.date | None = attrs.field(default=None, validator=check.optional(check.day))

    def __attrs_post_init__(self) -> None:
        problems = []
        if self.last_date is not None and self.last_date <= self.date:
            problems.append(("$.last_date", f"{self.last_date} is not after date {self.date}"))
        elif self.last_date is not None and self.end is not None and self._in(self.end, self.zone) != self.last_date:
            problems.append(("$.end", f"{self.end.isoformat()} is not on last_date {self.last_date} in {self.zone}"))
        if self.start is not None and self._in(self.start, self.zone) != self.date:
            problems.append(("$.start", f"{self.start.isoformat()} is not on {self.date} in {self.zone}"))
        if self.start is not None and self.end is not None and self.end < self.start:
            problems.append(("$.end", f"{self.end.isoformat()} is before start {self.start.isoformat()}"))
        zones = {self.zone}
        for index, local in enumerate(self.local_dates):
            path = f"$.local_dates[{index}]"
            if local.zone in zones:
                problems.append((path, f"a second date for zone {local.zone}"))
            zones.add(local.zone)
            low, high = self._span(local.zone, ignore_local=True)
            if not low <= local.date <= high:
                problems.append((path, f"{local.date} in {local.zone} cannot be {self.date} in {self.zone}"))
        if problems:
            raise DataError(problems)

    @staticmethod
    def _in(moment: dt.datetime, zone: str) -> dt.date:
        info = check.zone_info(zone)
        assert info is not None  # checked by the field validator
        return moment.astimezone(info).date()

    def _span(self, zone: str, *, ignore_local: bool = False) -> tuple[dt.date, dt.date]:
        if self.start is not None and (self.end is not None or self.last_date is None):
            first = self._in(self.start, zone)
            return first, self._in(self.end, zone) if self.end is not None else first
        if zone == self.zone:
            return self.date, self.last_date or self.date
        if not ignore_local and self.last_date is None:
            for local in self.local_dates:
                if local.zone == zone:
                    return local.date, local.date
        info, here = check.zone_info(zone), check.zone_info(self.zone)
        begin = self.start or dt.datetime.combine(self.date, dt.time(), here)
        last = dt.datetime.combine(self.last_date or self.date, dt.time(), here) + _DAY - dt.timedelta(microseconds=1)
        return begin.astimezone(info).date(), last.astimezone(info).date()

    @property
    def days(self) -> int:
        """How many calendar days the event spans in its own zone (1 for a one-day event)."""
        low, high = self._span(self.zone)
        return (high - low).days + 1

    def dates_in(self, zone: str) -> tuple[dt.date, dt.date]:
        """The earliest and latest date the event can have in ``zone`` (equal when known).

        >>> Timing(date=dt.date(2025, 8, 18), zone="America/New_York").dates_in("Europe/Moscow")
        (datetime.date(2025, 8, 18), datetime.date(2025, 8, 19))
        """
        if check.zone_info(zone) is None:
            raise DataError([("$", f"{check.shown(zone)} is not an IANA time zone such as 'Europe/Moscow'")])
        return self._span(zone)

    def date_in(self, zone: str) -> dt.date | None:
        """The date in ``zone`` if the data pins it down, else ``None``."""
        low, high = self.dates_in(zone)
        return low if low == high else None

    @property
    def sort_key(self) -> dt.datetime:
        """A UTC instant for ordering: ``start`` when known, else the start of ``date`` in ``zone``."""
        if self.start is not None:
            return self.start.astimezone(dt.timezone.utc)
        return dt.datetime.combine(self.date, dt.time(), check.zone_info(self.zone)).astimezone(dt.timezone.utc)


@frozen
class Place:
    """Where a meeting was (or was to be) held.

    Coordinates are WGS 84 degrees, present only where the place is unambiguous, with
    ``precision`` saying whether they mark the site itself or only the city.
    """

    name: str = attrs.field(validator=check.text)
    city: str | None = attrs.field(default=None, validator=check.optional(check.text))
    country: str = attrs.field(validator=check.country)
    latitude: float | None = attrs.field(
        default=None, converter=check.to_float, validator=check.optional(check.between(-90, 90))
    )
    longitude: float | None = attrs.field(
        default=None, converter=check.to_float, validator=check.optional(check.between(-180, 180))
    )
    precision: CoordinatePrecision | None = attrs.field(
        default=None, validator=check.optional(check.instance(CoordinatePrecision))
    )
    zone: str | None = attrs.field(default=None, validator=check.optional(check.zone))

    def __attrs_post_init__(self) -> None:
        has = (self.latitude is not None, self.longitude is not None, self.precision is not None)
        if any(has) and not all(has):
            raise DataError([("$", "latitude, longitude and precision go together: give all three or none")])


# --------------------------------------------------------------------------- events


@frozen
class Participant:
    """A person taking part in an event, on one side."""

    person: str = attrs.field(validator=check.slug)  #: a person id
    side: str = attrs.field(validator=check.country)  #: the country they represent (alpha-3)
    role: Role = attrs.field(default=Role.PRINCIPAL, validator=check.instance(Role))
    #: where they were, when a source says (e.g. "Sochi")
    location: str | None = attrs.field(default=None, validator=check.optional(check.text))
    #: the IANA zone they were in, when known
    zone: str | None = attrs.field(default=None, validator=check.optional(check.zone))


@frozen
class Relation:
    """A link from one event to another."""

    kind: RelationKind = attrs.field(validator=check.instance(RelationKind))
    target: str = attrs.field(validator=check.slug)  #: an event id
    note: str | None = attrs.field(default=None, validator=check.optional(check.text))


CAPITAL_ZONES: Mapping[str, str] = types.MappingProxyType({
    "USA": "America/New_York",
    "RUS": "Europe/Moscow",
    "UKR": "Europe/Kyiv",
    "SAU": "Asia/Riyadh",
    "HUN": "Europe/Budapest",
    "FRA": "Europe/Paris",
    "DEU": "Europe/Berlin",
    "GBR": "Europe/London",
    "ITA": "Europe/Rome",
    "ESP": "Europe/Madrid",
    "POL": "Europe/Warsaw",
    "FIN": "Europe/Helsinki",
    "NLD": "Europe/Amsterdam",
    "TUR": "Europe/Istanbul",
    "BLR": "Europe/Minsk",
})
"""The time zone of each country's capital: the clock a side's date is read on by default (read-only)."""

_NEEDS_TIMING = frozenset({EventStatus.HELD, EventStatus.REPORTED_UNCONFIRMED})


@frozen
class EventBase:
    """The fields every event has; see :class:`Call`, :class:`Meeting`, :class:`Occurrence`."""

    kind: ClassVar[str]
    #: the tuples of claims, where the same claim twice is refused (a page counted twice)
    _claim_fields: ClassVar[tuple[str, ...]] = ("durations", "outcomes", "accounts", "status_claims")

    id: str = attrs.field(validator=check.slug)
    title: str = attrs.field(validator=check.text)  #: a short headline
    summary: str = attrs.field(validator=check.text)  #: what happened, in our words
    status: EventStatus = attrs.field(default=EventStatus.HELD, validator=check.instance(EventStatus))
    #: ``None`` only for events that did not take place and had no date
    timing: Timing | None = attrs.field(default=None, validator=check.optional(check.instance(Timing)))
    participants: tuple[Participant, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.instance(Participant))
    )
    #: countries (alpha-3) or organisations (``EU``, ``NATO``, ``UN``) taking part, where the
    #: data names no individual for them
    parties: tuple[str, ...] = attrs.field(default=(), validator=check.tuple_of(check.party, unique=True))
    topics: tuple[str, ...] = attrs.field(default=(), validator=check.tuple_of(check.text, unique=True))
    durations: tuple[DurationClaim, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.instance(DurationClaim))
    )
    #: what came of the event (agreements, announcements, instructions), each with who says so
    outcomes: tuple[Claim, ...] = attrs.field(default=(), validator=check.tuple_of(check.instance(Claim)))
    #: accounts of what was said or how it went, each with who gives it
    accounts: tuple[Claim, ...] = attrs.field(default=(), validator=check.tuple_of(check.instance(Claim)))
    #: differing accounts of whether the event happened (``status`` is the data's verdict)
    status_claims: tuple[StatusClaim, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.instance(StatusClaim))
    )
    related: tuple[Relation, ...] = attrs.field(default=(), validator=check.tuple_of(check.instance(Relation)))
    sources: tuple[str, ...] = attrs.field(validator=check.sources)
    #: the id of the :class:`Series` of talks this event is a round of
    series: str | None = attrs.field(default=None, validator=check.optional(check.slug))
    #: the round's number within its series, as the sources number it
    round: int | None = attrs.field(default=None, validator=check.optional(_positive_count("rounds")))

    def __attrs_post_init__(self) -> None:
        if self.timing is None and self.status in _NEEDS_TIMING:
            raise DataError([("$.timing", f"an event with status {self.status.value!r} needs a timing")])
        people = [p.person for p in self.participants]
        if len(set(people)) != len(people):  # one set: linear however many take part
            index = check.first_repeat(people)
            raise DataError([(f"$.participants[{index}].person", f"{people[index]!r} is listed twice")])
        _refuse_repeated_claims(self, self._claim_fields)

    @property
    def date(self) -> dt.date | None:
        """The event's date in its own zone (``None`` if it has none)."""
        return None if self.timing is None else self.timing.date

    @property
    def person_ids(self) -> tuple[str, ...]:
        """The ids of all participants, in order."""
        return tuple(p.person for p in self.participants)

    @property
    def sides(self) -> tuple[str, ...]:
        """The countries and organisations taking part, sorted; hosts of others' talks are left out.

        Derived from the participants' sides and ``parties``, never typed in by hand.
        """
        return tuple(sorted({p.side for p in self.participants if p.role is not Role.HOST} | set(self.parties)))

    @property
    def track(self) -> str:
        """The sides as one key: ``"RUS-USA"``, ``"UKR-USA"``, ``"RUS-UKR-USA"`` (empty if none)."""
        return "-".join(self.sides)

    def dates_by_side(self) -> dict[str, tuple[dt.date, dt.date]]:
        """For each side (alpha-3), the earliest and latest date the event can have there.

        A side's zone is where its participant was, when the data says so, else the time of
        its capital (:data:`CAPITAL_ZONES`); sides with neither are left out.

        >>> import summit_events as se
        >>> se.load().event("2025-08-18-trump-putin-call").dates_by_side()["RUS"]
        (datetime.date(2025, 8, 19), datetime.date(2025, 8, 19))
        """
        if self.timing is None:
            return {}
        result: dict[str, tuple[dt.date, dt.date]] = {}
        for participant in self.participants:
            zone = participant.zone or CAPITAL_ZONES.get(participant.side)
            if zone is not None and participant.side not in result:
                result[participant.side] = self.timing.dates_in(zone)
        return result

    def duration_range(self) -> tuple[int, int] | None:
        """The shortest and longest duration claimed, in minutes (``None`` if none is).

        Each claim stays available in :attr:`durations` with who made it.
        """
        if not self.durations:
            return None
        minutes = [claim.minutes for claim in self.durations]
        return min(minutes), max(minutes)


@frozen
class Call(EventBase):
    """A leader-level phone or video call."""

    kind: ClassVar[str] = "call"

    medium: CallMedium = attrs.field(default=CallMedium.PHONE, validator=check.instance(CallMedium))
    #: the id of the person who placed the call, when a source says
    initiator: str | None = attrs.field(default=None, validator=check.optional(check.slug))

    def __attrs_post_init__(self) -> None:
        EventBase.__attrs_post_init__(self)
        if self.timing is None:
            raise DataError([("$.timing", "a call needs a timing")])
        if self.initiator is not None and self.initiator not in self.person_ids:
            raise DataError([("$.initiator", f"{self.initiator!r} is not a participant")])


@frozen
class Meeting(EventBase):
    """An in-person meeting: a summit, delegation talks, an envoy's visit."""

    kind: ClassVar[str] = "meeting"

    format: MeetingFormat = attrs.field(validator=check.instance(MeetingFormat))
    place: Place | None = attrs.field(default=None, validator=check.optional(check.instance(Place)))
    #: the host country: one side's own, or a third country hosting others (``None`` if unknown)
    host: str | None = attrs.field(default=None, validator=check.optional(check.country))


_EXCHANGES = frozenset({OccurrenceKind.PRISONER_EXCHANGE, OccurrenceKind.REPATRIATION})


@frozen
class Occurrence(EventBase):
    """Another dated event in the story: a prisoner exchange, an announcement, sanctions."""

    kind: ClassVar[str] = "occurrence"

    category: OccurrenceKind = attrs.field(validator=check.instance(OccurrenceKind))
    #: for a prisoner exchange or a repatriation: how many people (or bodies) each side handed
    #: over, as each source gives it
    exchanged: tuple[ExchangeClaim, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.instance(ExchangeClaim))
    )

    _claim_fields: ClassVar[tuple[str, ...]] = (*EventBase._claim_fields, "exchanged")

    def __attrs_post_init__(self) -> None:
        EventBase.__attrs_post_init__(self)
        if self.exchanged and self.category not in _EXCHANGES:
            raise DataError([("$.exchanged", "only a prisoner exchange or a repatriation has exchange figures")])


# --------------------------------------------------------------------------- series, documents, coverage


@frozen
class Series:
    """A series of talks held in rounds (the Istanbul rounds, the Abu Dhabi trilaterals).

    Events name their series in :attr:`EventBase.series` and their number in
    :attr:`EventBase.round`; :meth:`~summit_events.collection.Dataset.rounds` lists them.
    """

    id: str = attrs.field(validator=check.slug)
    title: str = attrs.field(validator=check.text)
    summary: str = attrs.field(validator=check.text)  #: what the series is, in our words
    sources: tuple[str, ...] = attrs.field(validator=check.sources)


@frozen
class Document:
    """A plan, framework or draft that talks discussed (the 28-point plan and its revisions).

    Who drafted it and how many points it has are attributed claims, since accounts differ.
    """

    id: str = attrs.field(validator=check.slug)
    title: str = attrs.field(validator=check.text)
    summary: str = attrs.field(validator=check.text)  #: what it says, in our words
    #: when it became publicly known (first reported), where sources say
    known: dt.date | None = attrs.field(default=None, validator=check.optional(check.day))
    #: who drafted it, each according to whom
    drafting: tuple[Claim, ...] = attrs.field(default=(), validator=check.tuple_of(check.instance(Claim)))
    #: how many points it has, each according to whom
    points: tuple[CountClaim, ...] = attrs.field(default=(), validator=check.tuple_of(check.instance(CountClaim)))
    #: the id of the document this one revises
    revises: str | None = attrs.field(default=None, validator=check.optional(check.slug))
    #: ids of the events (talks, calls) that discussed it
    discussed_at: tuple[str, ...] = attrs.field(default=(), validator=check.tuple_of(check.slug, unique=True))
    sources: tuple[str, ...] = attrs.field(validator=check.sources)

    def __attrs_post_init__(self) -> None:
        _refuse_repeated_claims(self, ("drafting", "points"))


@frozen
class Coverage:
    """What a dataset sets out to cover: the period and the scope."""

    start: dt.date = attrs.field(validator=check.day)  #: the first day covered
    end: dt.date = attrs.field(validator=check.day)  #: the last day covered (the latest event on record)
    scope: str = attrs.field(validator=check.text)  #: what is in scope, in a sentence

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise DataError([("$.end", f"{self.end} is before start {self.start}")])


# --------------------------------------------------------------------------- reactions


@frozen
class ReactionBase:
    """The fields every reaction has; see the three kinds below."""

    kind: ClassVar[str]

    id: str = attrs.field(validator=check.slug)
    #: the id of the event reacted to; ``None`` for a statement that sets the scene
    event: str | None = attrs.field(default=None, validator=check.optional(check.slug))
    date: dt.date | None = attrs.field(default=None, validator=check.optional(check.day))
    sources: tuple[str, ...] = attrs.field(validator=check.sources)


@frozen
class MediaReaction(ReactionBase):
    """How an outlet read an event."""

    kind: ClassVar[Literal["media"]] = "media"

    outlet: str = attrs.field(validator=check.text)
    gist: str = attrs.field(validator=check.text)  #: our summary of the commentary
    quote: str | None = attrs.field(default=None, validator=check.optional(check.text))


@frozen
class StatementReaction(ReactionBase):
    """A statement by a person in the data."""

    kind: ClassVar[Literal["statement"]] = "statement"

    #: a person id: who said it, or, where sources disagree, whom most of them name
    speaker: str = attrs.field(validator=check.slug)
    stance: Stance = attrs.field(validator=check.instance(Stance))
    gist: str = attrs.field(validator=check.text)  #: our summary of what was said
    quote: str | None = attrs.field(default=None, validator=check.optional(check.text))
    #: the occasion, where it matters ("at the Valdai Discussion Club in Sochi")
    context: str | None = attrs.field(default=None, validator=check.optional(check.text))
    #: where sources disagree on who said it: each source's attribution (``speaker`` among them)
    speaker_claims: tuple[SpeakerClaim, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.instance(SpeakerClaim))
    )

    def __attrs_post_init__(self) -> None:
        _refuse_repeated_claims(self, ("speaker_claims",))
        named = {claim.speaker for claim in self.speaker_claims}
        if named and self.speaker not in named:
            raise DataError([("$.speaker", f"{self.speaker!r} is not named by any of the speaker_claims")])
        if named and len(named) < 2:
            raise DataError([("$.speaker_claims", "list attributions only where sources name different speakers")])

    @property
    def speakers(self) -> tuple[str, ...]:
        """Every person the statement is attributed to: ``speaker`` first, then the disputed ones."""
        others = dict.fromkeys(c.speaker for c in self.speaker_claims if c.speaker != self.speaker)
        return (self.speaker, *others)

    @property
    def disputed(self) -> bool:
        """Whether sources give the statement to different people."""
        return bool(self.speaker_claims)


@frozen
class MarketReaction(ReactionBase):
    """A market move reported as a response to an event."""

    kind: ClassVar[Literal["market"]] = "market"

    instrument: str = attrs.field(validator=check.text)  #: "MOEX Russia Index", "RUB/USD"
    #: a fall of more than 100 % is impossible, so the least is -100
    change_percent: float = attrs.field(converter=check.to_float, validator=check.percent_change)
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, validator=check.instance(Qualifier))
    level: float | None = attrs.field(default=None, converter=check.to_float, validator=check.optional(check.number))
    unit: str | None = attrs.field(default=None, validator=check.optional(check.text))  #: of ``level``
    #: what ``change_percent`` measures (see :class:`ChangeOf`): the sign convention
    change_of: ChangeOf = attrs.field(default=ChangeOf.LEVEL, validator=check.instance(ChangeOf))

    def __attrs_post_init__(self) -> None:
        if self.date is None:
            raise DataError([("$.date", "a market move needs its trading date")])


Event = Call | Meeting | Occurrence
"""Any event: the union of :class:`Call`, :class:`Meeting` and :class:`Occurrence`."""

Reaction = MediaReaction | StatementReaction | MarketReaction
"""Any reaction; its JSON carries ``"kind": "media" | "statement" | "market"``."""

EVENT_TYPES: Mapping[str, type[Call] | type[Meeting] | type[Occurrence]] = types.MappingProxyType({
    cls.kind: cls for cls in (Call, Meeting, Occurrence)
})
"""Each event class by its ``kind`` (read-only)."""
REACTION_TYPES: Mapping[str, type[MediaReaction] | type[StatementReaction] | type[MarketReaction]] = (
    types.MappingProxyType({cls.kind: cls for cls in (MediaReaction, StatementReaction, MarketReaction)})
)
"""Each reaction class by its ``kind`` (read-only)."""


def _event_repr(self: EventBase) -> str:
    """A one-line repr: the full one of a big event runs to thousands of characters."""
    return f"{type(self).__name__}(id={self.id!r}, date={self.date!r}, title={self.title!r}, …)"


for _cls in (Call, Meeting, Occurrence):
    _cls.__repr__ = _event_repr  # type: ignore[method-assign,assignment]
