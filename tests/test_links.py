"""Every link a dataset holds is checked: one broken link of each kind, on both decoding paths.

The dataset's link checks look at whole sections at once and walk record by record only when
something is wrong, so each kind of link is broken here on its own, in the packaged data, and
the error must name exactly that link, with the same problems on the fast and reference paths.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

import summit_events as se
from summit_events import codec

Document = dict[str, Any]
EVENT_GROUPS = ("calls", "meetings", "occurrences")


def _first(doc: Document, groups: tuple[str, ...], test: Callable[[dict[str, Any]], bool]) -> tuple[str, dict[str, Any]]:
    """The path and body of the first record of ``groups`` that passes ``test``."""
    for group in groups:
        for index, record in enumerate(doc.get(group, ())):
            if test(record):
                return f"$.{group}[{index}]", record
    raise AssertionError(f"the packaged data has no such record in {groups}")


def _unknown_source(groups: tuple[str, ...], field: str | None = None) -> Callable[[Document], tuple[str, str]]:
    def mutate(doc: Document) -> tuple[str, str]:
        if field is None:
            path, record = _first(doc, groups, lambda r: bool(r.get("sources")))
            record["sources"][-1] = "no-such-source"
            return f"{path}.sources[{len(record['sources']) - 1}]", "unknown source id 'no-such-source'"
        path, record = _first(doc, groups, lambda r: any(item.get("sources") for item in r.get(field, ())))
        j = next(j for j, item in enumerate(record[field]) if item.get("sources"))
        record[field][j]["sources"][0] = "no-such-source"
        return f"{path}.{field}[{j}].sources[0]", "unknown source id 'no-such-source'"

    return mutate


def _unknown_person(groups: tuple[str, ...], field: str, key: str = "person") -> Callable[[Document], tuple[str, str]]:
    def mutate(doc: Document) -> tuple[str, str]:
        path, record = _first(doc, groups, lambda r: bool(r.get(field)))
        record[field][0][key] = "nobody"
        return f"{path}.{field}[0].{key}", "unknown person id 'nobody'"

    return mutate


def _set(groups: tuple[str, ...], test: Callable[[dict[str, Any]], bool], key: str, value: Any,
         message: Callable[[dict[str, Any]], str], at: str | None = None) -> Callable[[Document], tuple[str, str]]:
    def mutate(doc: Document) -> tuple[str, str]:
        path, record = _first(doc, groups, test)
        expected = message(record)
        record[key] = value if not callable(value) else value(record)
        return f"{path}.{at or key}", expected

    return mutate


def _related_to(target: Callable[[dict[str, Any]], str], message: Callable[[dict[str, Any]], str]) -> Callable[[Document], tuple[str, str]]:
    def mutate(doc: Document) -> tuple[str, str]:
        path, record = _first(doc, EVENT_GROUPS, lambda r: bool(r.get("related")))
        expected = message(record)
        record["related"][0]["target"] = target(record)
        return f"{path}.related[0].target", expected

    return mutate


def _market_without_event(doc: Document) -> tuple[str, str]:
    path, record = _first(doc, ("reactions",), lambda r: r["kind"] == "market")
    del record["event"]
    return f"{path}.event", "a market move must name the event it reacts to"


EVENTS_CLAIMS = ("durations", "outcomes", "accounts", "status_claims")
BREAKS: dict[str, Callable[[Document], tuple[str, str]]] = {
    "person source": _unknown_source(("people",)),
    "office source": _unknown_source(("people",), "offices"),
    "event source": _unknown_source(EVENT_GROUPS),
    **{f"event {field} source": _unknown_source(EVENT_GROUPS, field) for field in (*EVENTS_CLAIMS, "exchanged")},
    **{f"event {field} person": _unknown_person(EVENT_GROUPS, field) for field in ("participants", "outcomes")},
    "exchange claim person": _unknown_person(("occurrences",), "exchanged"),
    "event series": _set(EVENT_GROUPS, lambda r: "series" in r, "series", "no-such-series",
                         lambda r: "unknown series id 'no-such-series'"),
    "related event": _related_to(lambda r: "no-such-event", lambda r: "unknown event id 'no-such-event'"),
    "event related to itself": _related_to(lambda r: r["id"], lambda r: "an event cannot relate to itself"),
    "series source": _unknown_source(("series",)),
    "document source": _unknown_source(("documents",)),
    "document drafting source": _unknown_source(("documents",), "drafting"),
    "document point count person": _unknown_person(("documents",), "points"),
    "document revises itself": _set(("documents",), lambda r: "revises" in r, "revises", lambda r: r["id"],
                                    lambda r: "a document cannot revise itself"),
    "document discussed at": _set(("documents",), lambda r: bool(r.get("discussed_at")), "discussed_at",
                                  ["no-such-event"], lambda r: "unknown event id 'no-such-event'", "discussed_at[0]"),
    "reaction source": _unknown_source(("reactions",)),
    "reaction event": _set(("reactions",), lambda r: "event" in r, "event", "no-such-event",
                           lambda r: "unknown event id 'no-such-event'"),
    "statement speaker": _set(("reactions",), lambda r: r["kind"] == "statement", "speaker", "nobody",
                              lambda r: "unknown person id 'nobody'"),
    "speaker claim source": _unknown_source(("reactions",), "speaker_claims"),
    "speaker claim speaker": _unknown_person(("reactions",), "speaker_claims", "speaker"),
    "market move without event": _market_without_event,
}


@pytest.mark.parametrize("kind", list(BREAKS))
def test_each_kind_of_broken_link_is_named_by_both_paths(kind: str) -> None:
    doc = copy.deepcopy(se.to_dict(se.load()))
    path, message = BREAKS[kind](doc)
    text = json.dumps(doc)
    with pytest.raises(se.DataError) as fast:
        se.from_json(text, se.Dataset)
    with pytest.raises(se.DataError) as reference:
        codec.reference_from_json(text, se.Dataset)
    assert fast.value.problems == reference.value.problems
    assert (path, message) in fast.value.problems


def test_the_packaged_data_has_no_broken_link() -> None:
    # the whole-section checks pass on the packaged data, so a failure above is the break's own
    se.from_json(json.dumps(se.to_dict(se.load())), se.Dataset)
