"""schema.org JSON-LD: events as ``Event`` with attendees (``Person``) and ``location`` (``Place``).

The ``@context`` is inline (``{"@vocab": "https://schema.org/"}``), so JSON-LD processors expand
it offline, without fetching schema.org's published context.
"""

from __future__ import annotations

from typing import Any

from ..collection import Dataset
from ..models import Call, EventBase, EventStatus, Meeting, Person, Place
from ._common import ARTICLE_TITLE, ARTICLE_URL, DATA_LICENSE_URL, dumps

__all__ = ["CONTEXT", "jsonld", "jsonld_document"]

CONTEXT = {"@vocab": "https://schema.org/"}
_SCHEMA = "https://schema.org/"
_STATUS = {
    EventStatus.HELD: "EventScheduled",
    EventStatus.PLANNED: "EventScheduled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.NEVER_HELD: "EventCancelled",  # the closest schema.org status: it did not take place
}
"""schema.org's event statuses; a reported but unconfirmed event gets none."""


def node_id(kind: str, record_id: str) -> str:
    """The IRI of a record, e.g. ``urn:summit-events:person:vladimir-putin``."""
    return f"urn:summit-events:{kind}:{record_id}"


def _person(person: Person) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": node_id("person", person.id),
        "@type": "Person",
        "name": person.name,
        "nationality": {"@type": "Country", "name": person.country},
    }
    if person.aliases:
        node["alternateName"] = list(person.aliases)
    if person.wikidata:
        node["sameAs"] = {"@id": f"https://www.wikidata.org/wiki/{person.wikidata}"}
    return node


def _place(place: Place) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Place",
        "name": place.name,
        "address": {"@type": "PostalAddress", "addressCountry": place.country},
    }
    if place.city:
        node["address"]["addressLocality"] = place.city
    if place.latitude is not None:
        node["geo"] = {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}
    return node


def _event(ds: Dataset, event: EventBase) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": node_id("event", event.id),
        "@type": "Event",
        "identifier": event.id,
        "name": event.title,
        "description": event.summary,
        "attendee": [{"@id": node_id("person", p)} for p in event.person_ids],
        "subjectOf": [
            {"@type": "CreativeWork", "name": s.title, "url": {"@id": s.url}} for s in ds.sources_of(event)
        ],
    }
    status = _STATUS.get(event.status)
    if status is not None:
        node["eventStatus"] = {"@id": _SCHEMA + status}
    if event.timing is not None:
        timing = event.timing
        node["startDate"] = (timing.start or timing.date).isoformat()
        if timing.end is not None:
            node["endDate"] = timing.end.isoformat()
        elif timing.last_date is not None:
            node["endDate"] = timing.last_date.isoformat()
    if isinstance(event, Meeting):
        node["eventAttendanceMode"] = {"@id": _SCHEMA + "OfflineEventAttendanceMode"}
        if event.place is not None:
            node["location"] = _place(event.place)
    elif isinstance(event, Call):
        node["eventAttendanceMode"] = {"@id": _SCHEMA + "OnlineEventAttendanceMode"}
        node["location"] = {"@type": "VirtualLocation", "name": f"{event.medium.value} call"}
    return node


def jsonld_document(ds: Dataset) -> dict[str, Any]:
    """The JSON-LD document as builtins: a ``Dataset`` node, then people and events in ``@graph``."""
    about = {
        "@id": "urn:summit-events:dataset",
        "@type": "Dataset",
        "name": "summit-events",
        "version": ds.data_version,
        "license": {"@id": DATA_LICENSE_URL},
        "isBasedOn": {"@type": "CreativeWork", "name": ARTICLE_TITLE, "url": {"@id": ARTICLE_URL}},
        "creditText": f'Adapted from the Wikipedia article "{ARTICLE_TITLE}"',
    }
    people = [_person(p) for p in sorted(ds.people, key=lambda p: p.id)]
    events = [_event(ds, e) for e in ds.events()]
    return {"@context": CONTEXT, "@graph": [about, *people, *events]}


def jsonld(ds: Dataset) -> str:
    """The JSON-LD document as JSON text."""
    return dumps(jsonld_document(ds))
