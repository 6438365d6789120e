"""How decode time grows with the size of one record: ``python -m benchmarks.growth``.

One event with 10k, 20k, 40k and 80k participants (and as many people), decoded on both
paths. Every check is linear, so doubling the participants should about double the time
(a ratio near 2); a quadratic check shows as a ratio near 4. The tests count operations
instead (tests/test_hostile.py); this shows the whole decode.
"""

from __future__ import annotations

import json
import time

import summit_events as se
from summit_events import codec


def document(n: int) -> bytes:
    people = [{"id": f"p{i}", "name": f"P {i}", "country": "USA", "kind": "official", "sources": ["s"]}
              for i in range(n)]
    event = {
        "id": "e", "title": "T", "summary": "S", "category": "announcement", "sources": ["s"],
        "timing": {"date": "2025-01-01", "zone": "UTC"},
        "participants": [{"person": f"p{i}", "side": "USA"} for i in range(n)],
    }
    return json.dumps({
        "schema_version": 1, "data_version": "x", "people": people, "occurrences": [event],
        "sources": [{"id": "s", "outlet": "O", "title": "T", "url": "https://example.org"}],
    }).encode()


def seconds(func: object, data: bytes) -> float:
    begin = time.perf_counter()
    func(data, se.Dataset)  # type: ignore[operator]
    return time.perf_counter() - begin


def main() -> None:
    previous: dict[str, float] = {}
    print(f"{'participants':>12} {'fast s':>8} {'ratio':>6} {'reference s':>12} {'ratio':>6}")
    for n in (10_000, 20_000, 40_000, 80_000):
        data = document(n)
        row = {"fast": seconds(se.from_json, data), "reference": seconds(codec.reference_from_json, data)}
        ratios = {k: (v / previous[k] if k in previous else float("nan")) for k, v in row.items()}
        fast, reference = row["fast"], row["reference"]
        print(f"{n:>12} {fast:>8.3f} {ratios['fast']:>6.2f} {reference:>12.3f} {ratios['reference']:>6.2f}")
        previous = row


if __name__ == "__main__":
    main()
