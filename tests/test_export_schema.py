"""The JSON Schema export: generated from the models, shipped as a resource, checked by jsonschema."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from jsonschema import Draft202012Validator
from tests.strategies import datasets

import summit_events as se
from summit_events.export.schema import json_schema, schema_text

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_shipped_schema_is_the_generated_one() -> None:
    shipped = files("summit_events.data").joinpath("schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "regenerate: summit-events schema > src/summit_events/data/schema.json"


def test_packaged_dataset_is_valid(validator: Draft202012Validator) -> None:
    errors = list(validator.iter_errors(se.to_dict(se.load())))
    assert errors == []


@given(datasets())
def test_any_dataset_the_codec_writes_is_valid(validator: Draft202012Validator, dataset: se.Dataset) -> None:
    assert list(validator.iter_errors(json.loads(se.to_json(dataset)))) == []


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


BROKEN: dict[str, Callable[[Doc], None]] = {
    "missing schema_version": _drop(("schema_version",)),
    "wrong schema_version": _set(("schema_version",), 2),
    "missing data_version": _drop(("data_version",)),
    "unknown top-level key": _set(("extra",), 1),
    "missing call title": _drop(("calls", 0, "title")),
    "unknown status": _set(("calls", 0, "status"), "rumoured"),
    "id not a slug": _set(("calls", 0, "id"), "Not A Slug"),
    "country not alpha-3": _set(("calls", 0, "participants", 0, "side"), "us"),
    "empty sources": _set(("calls", 0, "sources"), []),
    "text with trailing space": _set(("calls", 0, "title"), "Title "),
    "date not ISO": _set(("calls", 0, "timing", "date"), "12/02/2025"),
    "datetime without offset": _set(("calls", 0, "timing", "start"), "2025-02-12T10:00:00"),
    "unknown reaction kind": _set(("reactions", 0, "kind"), "tweet"),
    "reaction without kind": _drop(("reactions", 0, "kind")),
    "statement field on a media reaction": _set(("reactions", -1, "speaker"), "donald-trump"),
    "duration not positive": _set(("calls", 0, "durations", 0, "minutes"), 0),
    "latitude out of range": _set(("meetings", 0, "place", "latitude"), 91.0),
    "number as string": _set(("reactions", 0, "change_percent"), "2.5"),
}


@pytest.mark.parametrize("breakage", BROKEN, ids=list(BROKEN))
def test_broken_documents_are_rejected(validator: Draft202012Validator, breakage: str) -> None:
    doc = copy.deepcopy(se.to_dict(se.load()))
    order = {"market": 0, "statement": 1, "media": 2}
    doc["reactions"].sort(key=lambda r: order[r["kind"]])  # a market move first, a media reaction last
    BROKEN[breakage](doc)
    assert not validator.is_valid(doc)


def test_reactions_are_a_tagged_union() -> None:
    union = json_schema()["$defs"]["Reaction"]["oneOf"]
    kinds = {json_schema()["$defs"][ref["$ref"].rsplit("/", 1)[1]]["properties"]["kind"]["const"] for ref in union}
    assert kinds == {"media", "statement", "market"}
