"""Frictionless Data Package: ``datapackage.json`` describing the CSV tables, with licences and sources."""

from __future__ import annotations

from typing import Any

from ..collection import Dataset
from ._common import ARTICLE_TITLE, ARTICLE_URL, ATTRIBUTION, DATA_LICENSE, DATA_LICENSE_URL, dumps
from .tables import TABLES, Column, Table, csv_tables

__all__ = ["datapackage", "descriptor"]


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.kind}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.vocabulary is not None:
        constraints["enum"] = [member.value for member in column.vocabulary]
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(column) for column in table.columns],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": target, "fields": [target_column]}}
            for column, target, target_column in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.filename,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def descriptor(ds: Dataset) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor as builtins."""
    resources = [_resource(table) for table in TABLES]
    return {
        "name": "summit-events",
        "title": "summit-events: leader-level diplomacy as sourced data",
        "version": ds.data_version,
        "profile": "tabular-data-package",
        "description": ATTRIBUTION,
        "licenses": [
            {
                "name": DATA_LICENSE,
                "path": DATA_LICENSE_URL,
                "title": "Creative Commons Attribution-ShareAlike 4.0 (the data)",
            },
            {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License (the code)"},
        ],
        "sources": [{"title": f"Wikipedia: {ARTICLE_TITLE}", "path": ARTICLE_URL}],
        "resources": resources,
    }


def datapackage(ds: Dataset) -> dict[str, str]:
    """``{"datapackage.json": ..., "calls.csv": ..., ...}``: write them all to one folder."""
    return {"datapackage.json": dumps(descriptor(ds)), **csv_tables(ds)}
