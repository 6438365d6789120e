"""PLOVER JSONL: one coded event per line under PLOVER's field names.

Calls, meetings and prisoner exchanges map one to one (a multi-party record stays one line,
never split into dyads); statements with a PLOVER category follow. Category, mode, CAMEO code and scores come
from :mod:`summit_events.coding`. Where host and visitor (or caller and called) can't be told
apart, every party is an ``actor`` and there is no ``recipient``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..coding import Coding, code, has_code, visit_host
from ..collection import Dataset
from ..models import Call, EventBase, Meeting, Person, PersonKind, Role, StatementReaction
from ._common import DATA_LICENSE, PRODUCER, dumps, latest_date

__all__ = ["QUAD_CODES", "plover", "plover_records"]

QUAD_CODES = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}
_ORGANISATIONS = frozenset({"EU", "NATO", "UN"})


def _person(person: Person, side: str) -> dict[str, Any]:
    sector = "CVL" if person.kind is PersonKind.PRIVATE else "GOV"
    entity: dict[str, Any] = {
        "country": side,
        "sector": sector,
        "identifier_text": person.name,
        "actor_id": person.id,
    }
    if person.wikidata:
        entity["identifier_id"] = person.wikidata
    return entity


def _party(party: str) -> dict[str, Any]:
    if party in _ORGANISATIONS:
        return {"sector": "IGO", "identifier_text": party, "actor_id": party}
    return {"country": party, "sector": "GOV", "actor_id": party}


def _sides(ds: Dataset, event: EventBase) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(actor, recipient)``: caller/visitor vs. called/host where the record says, else all actors.

    People the event is about (role ``subject``, e.g. released prisoners) are not actors; a side
    with no acting participant (a party, or the side of a released prisoner) is one entity.
    """
    acting = [p for p in event.participants if p.role is not Role.SUBJECT]
    everyone = [(p.side, p.person, _person(ds.person(p.person), p.side)) for p in acting]
    present = {p.side for p in acting}
    everyone += [(side, side, _party(side)) for side in event.sides if side not in present]
    if isinstance(event, Call) and event.initiator is not None:
        first = event.initiator
        return [e for _, who, e in everyone if who == first], [e for _, who, e in everyone if who != first]
    if isinstance(event, Meeting) and code(event).mode == "visit":
        host = visit_host(event)
        return [e for side, _, e in everyone if side != host], [e for side, _, e in everyone if side == host]
    return [e for _, _, e in everyone], []


def _links(ds: Dataset) -> dict[str, str]:
    """Each event's ``link``: the first event (in time order) of the group its relations connect."""
    order = {event.id: index for index, event in enumerate(ds.events())}
    parent = {event_id: event_id for event_id in order}

    def root(event_id: str) -> str:
        while parent[event_id] != event_id:
            event_id = parent[event_id]
        return event_id

    for event in ds.events():
        for relation in event.related:
            a, b = sorted((root(event.id), root(relation.target)), key=order.__getitem__)
            parent[b] = a
    return {event_id: root(event_id) for event_id in order}


def _scores(coding: Coding) -> dict[str, Any]:
    return {
        "event": [coding.plover] if coding.plover else [],
        "mode": [coding.mode] if coding.mode else [],
        "quad_code": QUAD_CODES.get(coding.quad_class or ""),
        "cameo": coding.cameo,
        "goldstein": coding.goldstein,
        "plover_score": coding.plover_score,
        "context": [coding.context] if coding.context else [],
    }


def _cite(ds: Dataset, source_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"outlet": s.outlet, "title": s.title, "url": s.url} for s in (ds.source(i) for i in source_ids)]


def _event(ds: Dataset, event: EventBase, link: str, coded: str) -> dict[str, Any]:
    actor, recipient = _sides(ds, event)
    timing = event.timing
    record: dict[str, Any] = {
        "id": event.id,
        "date": timing.date.isoformat() if timing else None,
        "actor": actor,
        "recipient": recipient,
        **_scores(code(event)),
        "link": link,
        "event_text": event.title,
        "text": event.summary,
        "cite_info": _cite(ds, event.sources),
        "coder": PRODUCER,
        "coded_date": coded,
        "status": event.status.value,
        "record_kind": event.kind,
    }
    if timing is not None and timing.start is not None:
        record["time"] = timing.start.isoformat()
        if timing.end is not None:
            record["enddate"], record["endtime"] = timing.end.date().isoformat(), timing.end.isoformat()
    if timing is not None and timing.last_date is not None and "enddate" not in record:
        record["enddate"] = timing.last_date.isoformat()
    if isinstance(event, Meeting) and event.place is not None:
        place = event.place
        record["event_loc"] = {
            k: v
            for k, v in (
                ("name", place.name),
                ("city", place.city),
                ("country", place.country),
                ("lat", place.latitude),
                ("lon", place.longitude),
            )
            if v is not None
        }
    if timing is None:
        record["comment"] = "no date: the event was not (yet) held"
    return record


def _statement(ds: Dataset, reaction: StatementReaction, link: str | None, coded: str) -> dict[str, Any]:
    speaker = ds.person(reaction.speaker)
    return {
        "id": reaction.id,
        "date": reaction.date.isoformat() if reaction.date else None,
        "actor": [_person(speaker, speaker.country)],
        "recipient": [],
        **_scores(code(reaction)),
        "link": link,
        "event_text": reaction.gist,
        "text": reaction.quote,
        "cite_info": _cite(ds, reaction.sources),
        "coder": PRODUCER,
        "coded_date": coded,
        "record_kind": "statement",
    }


def plover_records(ds: Dataset) -> Iterator[dict[str, Any]]:
    """Every coded record: calls, meetings and prisoner exchanges, then statements with a PLOVER category."""
    links = _links(ds)
    coded = latest_date(ds).isoformat()
    for event in ds.events():
        if has_code(event):
            yield _event(ds, event, links[event.id], coded)
    for reaction in sorted(ds.reactions, key=lambda r: r.id):
        if isinstance(reaction, StatementReaction) and code(reaction).plover is not None:
            yield _statement(ds, reaction, reaction.event and links[reaction.event], coded)


def plover(ds: Dataset) -> str:
    """PLOVER JSONL text (one event per line); ``data_version`` and ``license`` ride on each line."""
    extra = {"data_version": ds.data_version, "license": DATA_LICENSE}
    return "".join(dumps({**record, **extra}, indent=None) + "\n" for record in plover_records(ds))
