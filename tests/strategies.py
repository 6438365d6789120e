"""Hypothesis strategies that build valid model objects and whole datasets."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import attrs
from hypothesis import strategies as st

import summit_events as se

ZONES = ("UTC", "America/New_York", "Europe/Moscow", "Asia/Riyadh", "America/Anchorage", "Europe/Kyiv")
slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).map(str.strip).filter(bool)
countries = st.sampled_from(("USA", "RUS", "UKR", "SAU", "HUN", "FRA"))
zones = st.sampled_from(ZONES)
#: (zone, UTC start of the two hours that read the same wall-clock hour there, first in summer time)
REPEATED_HOURS = (
    ("America/New_York", dt.datetime(2024, 11, 3, 5)),
    ("America/Anchorage", dt.datetime(2025, 11, 2, 9)),
    ("Europe/Kyiv", dt.datetime(2025, 10, 26, 0)),
)
dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31))
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
#: a change in per cent: nothing falls by more than 100 %
changes = st.floats(min_value=-100, max_value=1e6, allow_nan=False, allow_infinity=False)


def _ids(strategy: st.SearchStrategy[str], n: int) -> st.SearchStrategy[list[str]]:
    return st.lists(strategy, min_size=n, max_size=n, unique=True)


@st.composite
def timings(draw: st.DrawFn) -> se.Timing:
    zone = draw(zones)
    if draw(st.booleans()):
        # Drawn in UTC and converted: a wall time in a DST gap would not survive a round trip.
        # Sometimes inside the hour that repeats when clocks go back (either side of it).
        instant = draw(st.datetimes(min_value=dt.datetime(2024, 1, 2), max_value=dt.datetime(2026, 12, 30)))
        if draw(st.integers(0, 4)) == 0:
            zone, first = draw(st.sampled_from(REPEATED_HOURS))
            instant = first + dt.timedelta(minutes=draw(st.integers(0, 119)))
        info = zoneinfo.ZoneInfo(zone)
        instant = instant.replace(microsecond=0, tzinfo=dt.timezone.utc)
        start = instant.astimezone(info)
        # mostly hours, sometimes days (a summit over several days); added in UTC, because
        # adding to a ZoneInfo time is wall-clock arithmetic and loses the side of a repeated hour
        minutes = draw(st.integers(0, 600) | st.integers(0, 5 * 24 * 60))
        end = (instant + dt.timedelta(minutes=minutes)).astimezone(info) if draw(st.booleans()) else None
        last = None if end is None or end.date() == start.date() or draw(st.booleans()) else end.date()
        return se.Timing(date=start.date(), zone=zone, start=start, end=end, last_date=last)
    date = draw(dates)
    if draw(st.integers(0, 4)) == 0:  # talks over several days, dates only
        return se.Timing(date=date, zone=zone, last_date=date + dt.timedelta(days=draw(st.integers(1, 4))))
    timing = se.Timing(date=date, zone=zone)
    other = draw(zones)
    if other != zone and draw(st.booleans()):
        low, high = timing.dates_in(other)
        return se.Timing(date=date, zone=zone, local_dates=(se.LocalDate(date=draw(st.sampled_from((low, high))), zone=other),))
    return timing


def attributed(sources: list[str], people: list[str]) -> dict[str, Any]:
    return {
        "by": texts,
        "person": st.none() | st.sampled_from(people),
        "quote": st.none() | texts,
        "sources": st.lists(st.sampled_from(sources), min_size=1, max_size=2, unique=True).map(tuple),
    }


places = st.builds(
    se.Place,
    name=texts,
    city=st.none() | texts,
    country=countries,
    zone=st.none() | zones,
) | st.builds(
    se.Place,
    name=texts,
    country=countries,
    latitude=st.floats(-90, 90),
    longitude=st.floats(-180, 180),
    precision=st.sampled_from(se.CoordinatePrecision),
)


@st.composite
def datasets(draw: st.DrawFn, max_events: int = 4) -> se.Dataset:
    """A valid dataset whose references all resolve."""
    source_ids = draw(_ids(slugs, draw(st.integers(1, 3))))
    sources = tuple(
        se.Source(id=i, outlet=draw(texts), title=draw(texts), url=f"https://example.org/{i}",
                  published=draw(st.none() | dates), section=draw(st.none() | texts),
                  via=draw(st.none() | st.just(f"https://example.net/copy/{i}")),
                  reprints=draw(st.none() | texts), aggregator=draw(st.booleans()))
        for i in source_ids
    )
    cite = st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True).map(tuple)
    person_ids = draw(_ids(slugs, draw(st.integers(2, 4))))
    offices = st.builds(se.Office, title=texts, country=countries, start=st.none() | dates,
                        end=st.none(), sources=st.just(()) | cite) | dates.flatmap(
        lambda start: st.builds(
            se.Office, title=texts, country=countries, start=st.just(start), sources=cite,
            terms=st.sets(dates.filter(lambda d: d > start), max_size=2).map(lambda later: (start, *sorted(later))),
        )
    )
    people = tuple(
        se.Person(id=i, name=draw(texts), aliases=tuple(draw(st.lists(texts, max_size=2, unique=True))),
                  country=draw(countries), kind=draw(st.sampled_from(se.PersonKind)),
                  offices=tuple(draw(st.lists(offices, max_size=2))), sources=draw(cite))
        for i in person_ids
    )
    claim_fields = attributed(source_ids, person_ids)
    claims = st.builds(se.Claim, text=texts, **claim_fields)
    durations = st.builds(se.DurationClaim, minutes=st.integers(1, 600),
                          qualifier=st.sampled_from(se.Qualifier), day=st.none() | dates, **claim_fields)
    exchanged = st.builds(se.ExchangeClaim, released_by=countries, count=st.integers(1, 2000),
                          qualifier=st.sampled_from(se.Qualifier), what=st.none() | texts,
                          day=st.none() | dates, **claim_fields)
    series_ids = draw(_ids(slugs, draw(st.integers(0, 2))))
    series = tuple(se.Series(id=i, title=draw(texts), summary=draw(texts), sources=draw(cite)) for i in series_ids)
    statuses = st.builds(se.StatusClaim, status=st.sampled_from(se.EventStatus), text=st.none() | texts,
                         **claim_fields)
    event_ids = draw(_ids(slugs, draw(st.integers(1, max_events))))

    def participants() -> tuple[se.Participant, ...]:
        chosen = draw(st.lists(st.sampled_from(person_ids), min_size=1, max_size=3, unique=True))
        return tuple(
            se.Participant(person=p, side=draw(countries), role=draw(st.sampled_from(se.Role)),
                           location=draw(st.none() | texts), zone=draw(st.none() | zones))
            for p in chosen
        )

    events: dict[str, list[Any]] = {"calls": [], "meetings": [], "occurrences": []}
    for position, event_id in enumerate(event_ids):
        others = event_ids[:position]  # links point back only: no circles
        common: dict[str, Any] = {
            "id": event_id, "title": draw(texts), "summary": draw(texts),
            "participants": participants(),
            "topics": tuple(draw(st.lists(texts, max_size=3, unique=True))),
            "durations": tuple(draw(st.lists(durations, max_size=2, unique=True))),
            "outcomes": tuple(draw(st.lists(claims, max_size=2, unique=True))),
            "accounts": tuple(draw(st.lists(claims, max_size=1))),
            "status_claims": tuple(draw(st.lists(statuses, max_size=1))),
            "related": tuple(
                se.Relation(kind=draw(st.sampled_from(se.RelationKind)), target=t, note=draw(st.none() | texts))
                for t in draw(st.lists(st.sampled_from(others), max_size=1, unique=True) if others else st.just([]))
            ),
            "sources": draw(cite),
            "series": draw(st.none() | st.sampled_from(series_ids)) if series_ids else None,
            "round": draw(st.none() | st.integers(1, 12)),
        }
        kind = draw(st.sampled_from(("calls", "meetings", "occurrences")))
        if kind == "calls":
            common["initiator"] = draw(st.none() | st.sampled_from([p.person for p in common["participants"]]))
            events[kind].append(se.Call(timing=draw(timings()), status=draw(st.sampled_from(se.EventStatus)),
                                        medium=draw(st.sampled_from(se.CallMedium)), **common))
        else:
            status = draw(st.sampled_from(se.EventStatus))
            needs = status in (se.EventStatus.HELD, se.EventStatus.REPORTED_UNCONFIRMED)
            timing = draw(timings()) if needs or draw(st.booleans()) else None
            if kind == "meetings":
                events[kind].append(se.Meeting(status=status, timing=timing,
                                               format=draw(st.sampled_from(se.MeetingFormat)),
                                               place=draw(st.none() | places),
                                               host=draw(st.none() | countries), **common))
            else:
                category = draw(st.sampled_from(se.OccurrenceKind))
                swapped = tuple(draw(st.lists(exchanged, max_size=2, unique=True))) if category in (se.OccurrenceKind.PRISONER_EXCHANGE, se.OccurrenceKind.REPATRIATION) else ()
                events[kind].append(se.Occurrence(status=status, timing=timing, category=category,
                                                  exchanged=swapped, **common))
    events = _in_order(events)
    reaction_ids = draw(_ids(slugs, draw(st.integers(0, 4))))
    reactions: list[se.Reaction] = []
    for reaction_id in reaction_ids:
        target = draw(st.sampled_from(event_ids))
        base = {"id": reaction_id, "sources": draw(cite), "date": draw(st.none() | dates)}
        kind = draw(st.sampled_from(("media", "statement", "market")))
        if kind == "media":
            reactions.append(se.MediaReaction(event=target, outlet=draw(texts), gist=draw(texts),
                                              quote=draw(st.none() | texts), **base))
        elif kind == "statement":
            speaker = draw(st.sampled_from(person_ids))
            disputed = draw(st.lists(st.sampled_from(person_ids), max_size=2, unique=True))
            speaker_claims = (
                tuple(
                    se.SpeakerClaim(speaker=who, **draw(st.fixed_dictionaries(claim_fields)))
                    for who in dict.fromkeys((speaker, *disputed))
                )
                if set(disputed) - {speaker} else ()
            )
            reactions.append(se.StatementReaction(
                event=draw(st.none() | st.just(target)), speaker=speaker,
                stance=draw(st.sampled_from(se.Stance)), gist=draw(texts), quote=draw(st.none() | texts),
                context=draw(st.none() | texts), speaker_claims=speaker_claims, **base))
        else:
            base["date"] = draw(dates)
            reactions.append(se.MarketReaction(
                event=target, instrument=draw(texts), change_percent=draw(changes),
                qualifier=draw(st.sampled_from(se.Qualifier)), level=draw(st.none() | numbers),
                unit=draw(st.none() | texts), change_of=draw(st.sampled_from(se.ChangeOf)), **base))
    document_ids = draw(_ids(slugs, draw(st.integers(0, 2))))
    documents = tuple(
        se.Document(
            id=i, title=draw(texts), summary=draw(texts), known=draw(st.none() | dates),
            drafting=tuple(draw(st.lists(claims, max_size=2, unique=True))),
            points=tuple(draw(st.lists(st.builds(se.CountClaim, count=st.integers(1, 40),
                                                  qualifier=st.sampled_from(se.Qualifier), **claim_fields),
                                        max_size=2, unique=True))),
            revises=document_ids[0] if n and draw(st.booleans()) else None,
            discussed_at=tuple(draw(st.lists(st.sampled_from(event_ids), max_size=2, unique=True))),
            sources=draw(cite),
        )
        for n, i in enumerate(document_ids)
    )
    coverage = draw(st.none() | dates.flatmap(
        lambda start: st.builds(se.Coverage, start=st.just(start), end=dates.filter(lambda d: d >= start), scope=texts)
    ))
    return se.Dataset(
        series=series, documents=documents, coverage=coverage,
        data_version=draw(texts), people=people, sources=sources, reactions=tuple(reactions),
        calls=tuple(events["calls"]), meetings=tuple(events["meetings"]), occurrences=tuple(events["occurrences"]),
    )


def _in_order(events: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """``events`` with each ``follows``/``prepares`` link whose dates contradict it made a ``context`` link."""
    from summit_events.collection import _order_problem

    by_id = {e.id: e for items in events.values() for e in items}

    def fixed(event: Any) -> Any:
        related = tuple(
            attrs.evolve(r, kind=se.RelationKind.CONTEXT) if _order_problem(r.kind, event, by_id[r.target]) else r
            for r in event.related
        )
        return attrs.evolve(event, related=related) if related != event.related else event

    return {group: [fixed(e) for e in items] for group, items in events.items()}
