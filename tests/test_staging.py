"""Staged records (``staging/*.json``) stay valid against the current model and packaged data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import summit_events as se

STAGING = Path(__file__).resolve().parent.parent / "staging"
FILES = sorted(STAGING.glob("*.json")) if STAGING.is_dir() else []
SECTIONS = ("people", "sources", "calls", "meetings", "occurrences", "reactions", "series", "documents")


def merged(additions: dict[str, Any]) -> dict[str, Any]:
    """The packaged document with the staged records appended and the staged updates applied."""
    document: dict[str, Any] = json.loads(se.to_json_bytes(se.load()))
    for section in SECTIONS:
        document[section] = [*document.get(section, []), *additions.get(section, [])]
    events = {e["id"]: e for section in ("calls", "meetings", "occurrences") for e in document[section]}
    for update in additions.get("updates", []):
        events[update["id"]].update(update["set"])
    return document


@pytest.mark.skipif(not FILES, reason="nothing staged")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_staged_records_build_a_valid_dataset(path: Path) -> None:
    additions = json.loads(path.read_text("utf-8"))
    assert set(additions) <= {*SECTIONS, "updates"}
    ds = se.from_dict(merged(additions), se.Dataset)
    packaged = se.load()
    assert len(ds.events()) == len(packaged.events()) + sum(
        len(additions.get(s, [])) for s in ("calls", "meetings", "occurrences")
    )
