"""GeoJSON: meetings with coordinates, [lon, lat], valid per the geojson and shapely libraries."""

from __future__ import annotations

import attrs
import geojson as geojson_lib
import shapely.geometry

import summit_events as se
from summit_events.export.geojson import geojson


def test_meetings_with_coordinates_become_valid_points(rich_ds: se.Dataset) -> None:
    collection = geojson_lib.loads(geojson(rich_ds))
    assert collection.is_valid, collection.errors()
    assert [f["id"] for f in collection["features"]] == ["2025-08-15-alaska-summit"]
    feature = collection["features"][0]
    point = shapely.geometry.shape(feature["geometry"])
    assert point.is_valid and (point.x, point.y) == (-149.8, 61.25)  # longitude first
    assert feature["properties"] == {**feature["properties"], "date": "2025-08-15", "status": "held",
                                     "precision": "site"}
    assert collection["data_version"] == rich_ds.data_version


def test_meetings_without_coordinates_are_left_out(ds: se.Dataset) -> None:
    bare = attrs.evolve(ds, meetings=tuple(attrs.evolve(m, place=None) for m in ds.meetings))
    collection = geojson_lib.loads(geojson(bare))
    assert collection.is_valid and collection["features"] == []
