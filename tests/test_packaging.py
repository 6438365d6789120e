"""The installed package's metadata: what `pip show` and the package index display."""

from __future__ import annotations

import re
from importlib.metadata import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_licence_is_stated_for_tools_to_show() -> None:
    meta = metadata("summit-events")
    assert meta["License-Expression"] == "MIT AND CC-BY-SA-4.0"
    assert {"LICENSE", "LICENSE-DATA"} <= set(meta.get_all("License-File") or [])


def test_optional_extras_are_declared() -> None:
    extras = set(metadata("summit-events").get_all("Provides-Extra") or [])
    assert {"pandas", "parquet", "fast", "cli", "completion", "test"} <= extras


def test_readme_states_the_python_version_the_package_requires() -> None:
    required = metadata("summit-events")["Requires-Python"]
    version = re.search(r">=\s*(3\.\d+)", required or "")
    assert version is not None
    assert f"Python {version.group(1)} or newer" in (ROOT / "README.md").read_text("utf-8")
