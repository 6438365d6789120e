"""GeoJSON (RFC 7946): a FeatureCollection of the meetings whose place has coordinates."""

from __future__ import annotations

from typing import Any

from ..collection import Dataset
from ..models import Meeting
from ._common import ATTRIBUTION, DATA_LICENSE, dumps

__all__ = ["feature_collection", "geojson"]


def _feature(meeting: Meeting) -> dict[str, Any] | None:
    place = meeting.place
    if place is None or place.latitude is None or place.longitude is None or place.precision is None:
        return None
    return {
        "type": "Feature",
        "id": meeting.id,
        "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
        "properties": {
            "id": meeting.id,
            "title": meeting.title,
            "date": meeting.date.isoformat() if meeting.date is not None else None,
            "status": meeting.status.value,
            "precision": place.precision.value,
            "place": place.name,
        },
    }


def feature_collection(ds: Dataset) -> dict[str, Any]:
    """The FeatureCollection as builtins ([longitude, latitude] order, WGS 84)."""
    features = [
        f for m in ds.events(kind=Meeting) if isinstance(m, Meeting) and (f := _feature(m)) is not None
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "data_version": ds.data_version,
        "license": DATA_LICENSE,
        "attribution": ATTRIBUTION,
    }


def geojson(ds: Dataset) -> str:
    """The FeatureCollection as JSON text."""
    return dumps(feature_collection(ds))
