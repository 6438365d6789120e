"""Frictionless Data Package: `frictionless` validates the descriptor and every CSV resource."""

from __future__ import annotations

import json
from pathlib import Path

import frictionless

import summit_events as se
from summit_events.export.datapackage import datapackage


def _write(files: dict[str, str], folder: Path) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return folder / "datapackage.json"


def test_frictionless_validates_the_package(ds: se.Dataset, tmp_path: Path) -> None:
    report = frictionless.validate(_write(datapackage(ds), tmp_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_frictionless_catches_a_broken_reference(ds: se.Dataset, tmp_path: Path) -> None:
    files = datapackage(ds)
    files["participants.csv"] += "2025-02-12-trump-putin-call,nobody,USA,principal,,\r\n"
    report = frictionless.validate(_write(files, tmp_path))
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_descriptor_carries_version_licences_and_attribution(ds: se.Dataset) -> None:
    descriptor = json.loads(datapackage(ds)["datapackage.json"])
    assert descriptor["version"] == ds.data_version
    assert {lic["name"] for lic in descriptor["licenses"]} == {"MIT", "CC-BY-SA-4.0"}
    assert "February 2025 Putin\u2013Trump phone call" in descriptor["sources"][0]["title"]
