"""JSON Schema (draft 2020-12) of the dataset format, generated from the attrs models.

Walks ``attrs.fields`` and the type hints of :class:`~summit_events.collection.Dataset` and every
record class it reaches; field rules (patterns, ranges, non-empty lists) come from the facts the
validators in ``_checks`` carry, so the schema follows the code. The shipped copy lives in
``summit_events/data/schema.json``; a test fails when it differs from :func:`json_schema`.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs

from .. import _checks as check
from .. import models
from ..codec import SCHEMA_VERSION
from ..collection import Dataset
from ._common import ATTRIBUTION, dumps

__all__ = ["SCHEMA_ID", "json_schema", "schema_text"]

SCHEMA_ID = f"https://summit-events.invalid/schema/v{SCHEMA_VERSION}.json"
_SCALARS: dict[object, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string"},
    dt.datetime: {"type": "string"},
}
_UNIONS = {models.Reaction: "Reaction", models.Event: "Event"}


class _Builder:
    """Collects ``$defs`` while walking the models."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, hint: Any) -> dict[str, Any]:
        """The schema of a Python type (without field rules)."""
        if hint in _UNIONS:
            return self.union(_UNIONS[hint], typing.get_args(hint))
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            inner = self.type_schema(options[0]) if len(options) == 1 else self.union_of(options)
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            if hint.__name__ not in self.defs:
                self.defs[hint.__name__] = {
                    "type": "string",
                    "enum": [member.value for member in hint],
                    "description": _doc(hint),
                }
            return self.ref(hint.__name__)
        if attrs.has(hint):
            if hint.__name__ not in self.defs:
                self.defs[hint.__name__] = {}  # placeholder against recursion
                self.defs[hint.__name__] = self.record(hint)
            return self.ref(hint.__name__)
        return dict(_SCALARS[hint])

    def union_of(self, options: list[Any]) -> dict[str, Any]:
        return {"anyOf": [self.type_schema(option) for option in options]}

    def union(self, name: str, members: tuple[Any, ...]) -> dict[str, Any]:
        """A union of record classes tagged by ``kind``: ``oneOf`` with a ``const`` per member."""
        if name not in self.defs:
            self.defs[name] = {
                "description": f'Any {name.lower()}, told apart by its "kind".',
                "oneOf": [self.type_schema(member) for member in members],
            }
        return self.ref(name)

    def record(self, cls: type) -> dict[str, Any]:
        """The object schema of one attrs class."""
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        tag = getattr(cls, "kind", None)
        if isinstance(tag, str) and cls in typing.get_args(models.Reaction):
            properties["kind"] = {"const": tag}
            required.append("kind")
        for field in attrs.fields(cls):
            schema = self.type_schema(hints[field.name])
            _apply(schema, check.facts(field.validator))
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        if cls is Dataset:
            properties = {"schema_version": {"const": SCHEMA_VERSION}, **properties}
            required.insert(0, "schema_version")
        return {
            "type": "object",
            "description": _doc(cls),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def _doc(cls: type) -> str:
    return (cls.__doc__ or cls.__name__).strip().splitlines()[0]


def _target(schema: dict[str, Any]) -> dict[str, Any]:
    """Where rules for a value go: inside ``anyOf[0]`` of an optional value."""
    if "anyOf" in schema and schema["anyOf"][-1] == {"type": "null"}:
        return _target(schema["anyOf"][0])
    return schema


def _apply(schema: dict[str, Any], facts: dict[str, Any]) -> None:
    """Copy a validator's facts (pattern, range, list rules) onto ``schema``."""
    if "optional" in facts:
        _apply(schema, check.facts(facts["optional"]))
        return
    here = _target(schema)
    if "member" in facts:
        if facts["nonempty"]:
            here["minItems"] = 1
        if facts["unique"]:
            here["uniqueItems"] = True
        _apply(here["items"], check.facts(facts["member"]))
        return
    if "$ref" in here:
        return
    for name in ("pattern", "format", "minimum", "maximum"):
        if name in facts:
            here[name] = facts[name]
    if "max_length" in facts:
        here["maxLength"] = facts["max_length"]
    if "what" in facts:
        here["description"] = facts["what"]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a dataset document, as JSON-ready builtins."""
    builder = _Builder()
    root = builder.record(Dataset)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "summit-events dataset",
        "$comment": ATTRIBUTION,
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema_text(_: Dataset | None = None) -> str:
    """:func:`json_schema` as canonical JSON text (the dataset argument is ignored)."""
    return dumps(json_schema())
