"""schema.org JSON-LD: pyld expands it offline (the context is inline; no document is fetched)."""

from __future__ import annotations

from typing import Any

import pytest
from pyld import jsonld as pyld

import summit_events as se
from summit_events.export.jsonld import jsonld_document

S = "https://schema.org/"


def _no_network(url: str, options: dict[str, Any] | None = None) -> Any:
    raise AssertionError(f"pyld tried to fetch {url}")


@pytest.fixture
def expanded(ds: se.Dataset) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = pyld.expand(jsonld_document(ds), {"documentLoader": _no_network})
    return result


def _node(expanded: list[dict[str, Any]], node_id: str) -> dict[str, Any]:
    return next(n for n in expanded if n.get("@id") == node_id)


def test_events_expand_to_schema_org_events(ds: se.Dataset, expanded: list[dict[str, Any]]) -> None:
    events = [n for n in expanded if f"{S}Event" in n.get("@type", [])]
    assert len(events) == len(ds.events())
    call = _node(expanded, "urn:summit-events:event:2025-02-12-trump-putin-call")
    assert call[f"{S}startDate"] == [{"@value": "2025-02-12"}]
    assert call[f"{S}eventStatus"] == [{"@id": f"{S}EventScheduled"}]
    assert {a["@id"] for a in call[f"{S}attendee"]} == {
        "urn:summit-events:person:donald-trump", "urn:summit-events:person:vladimir-putin"}


def test_statuses_map_to_schema_org(ds: se.Dataset, expanded: list[dict[str, Any]]) -> None:
    never = _node(expanded, "urn:summit-events:event:trump-putin-saudi-arabia-meeting")
    assert never[f"{S}eventStatus"] == [{"@id": f"{S}EventCancelled"}]  # never held: schema.org's closest
    assert f"{S}startDate" not in never
    postponed = _node(expanded, "urn:summit-events:event:budapest-summit")
    assert postponed[f"{S}eventStatus"] == [{"@id": f"{S}EventPostponed"}]


def test_meetings_have_a_place_and_people_are_persons(expanded: list[dict[str, Any]]) -> None:
    paris = _node(expanded, "urn:summit-events:event:2025-02-12-paris-foreign-ministers-meeting")
    location = paris[f"{S}location"][0]
    assert location["@type"] == [f"{S}Place"] and location[f"{S}name"] == [{"@value": "Paris"}]
    putin = _node(expanded, "urn:summit-events:person:vladimir-putin")
    assert putin["@type"] == [f"{S}Person"]


def test_dataset_node_carries_version_and_licence(ds: se.Dataset, expanded: list[dict[str, Any]]) -> None:
    about = _node(expanded, "urn:summit-events:dataset")
    assert about[f"{S}version"] == [{"@value": ds.data_version}]
    assert about[f"{S}license"] == [{"@id": "https://creativecommons.org/licenses/by-sa/4.0/"}]
