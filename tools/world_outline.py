"""Rebuild ``src/summit_events/plot/world-110m.json`` from Natural Earth's 1:110m countries.

The source is the ``naturalearth_lowres`` shapefile that pyogrio ships as test data
(Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries; public domain)::

    pip download --no-deps pyogrio==0.13.0 && unzip pyogrio-*.whl 'pyogrio/tests/fixtures/*'
    pip install pyshp
    python tools/world_outline.py pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres

Coordinates are rounded to 0.01 degree; the output lists each country's ISO 3166-1 alpha-3
code (Natural Earth's ``-99`` is replaced for France and Norway, and dropped elsewhere),
its name and its rings.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import shapefile  # pyshp

FIXES = {"France": "FRA", "Norway": "NOR"}
OUT = Path(__file__).resolve().parent.parent / "src" / "summit_events" / "plot" / "world-110m.json"


def main(path: str) -> None:
    reader = shapefile.Reader(path)
    countries = []
    for shape_record in reader.iterShapeRecords():
        record, shape = shape_record.record, shape_record.shape
        code = FIXES.get(record["name"], record["iso_a3"])
        parts = [*shape.parts, len(shape.points)]
        rings = []
        for start, stop in itertools.pairwise(parts):
            ring = [[round(x, 2), round(y, 2)] for x, y in shape.points[start:stop]]
            rings.append([p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]])
        countries.append({"iso_a3": None if code == "-99" else code, "name": record["name"], "rings": rings})
    countries.sort(key=lambda c: c["name"])
    document = {
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain)",
        "countries": countries,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
