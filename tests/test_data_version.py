"""No silent edits: the packaged data can only change together with its version and changelog.

``tests/golden/data-versions.json`` records the SHA-256 of the packaged file for every data
version, oldest first; ``tests/golden/data/<version>.json`` keeps the previous release, the
base that ``summit-events diff`` compares the current data with. The CHANGELOG's entry for
the current version must name every record the diff finds added, removed or changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

import summit_events as se
from summit_events.changes import changelog

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
VERSIONS: dict[str, str] = json.loads((GOLDEN / "data-versions.json").read_text("utf-8"))
HOW = (
    "Every data change needs a new data version: (1) copy the last released file to "
    "tests/golden/data/<old version>.json, (2) bump DATA_VERSION in src/summit_events/__init__.py and "
    "data_version in the data file, (3) add the new version and the digest {digest} to "
    "tests/golden/data-versions.json, (4) write the CHANGELOG Data entry for it from "
    "`summit-events diff tests/golden/data/<old version>.json packaged --changelog`."
)


def _packaged() -> bytes:
    return files("summit_events.data").joinpath("summit_events.json").read_bytes()


def _digest() -> str:
    return hashlib.sha256(_packaged()).hexdigest()


def _changelog_section(version: str) -> str:
    """The CHANGELOG text under the ``#### <version>`` heading of a Data section (up to the next heading)."""
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    match = re.search(rf"^#### {re.escape(version)}\b.*?$(.*?)(?=^#{{2,4}} )", text, re.MULTILINE | re.DOTALL)
    assert match is not None, (
        f"CHANGELOG.md has no '#### {version}' entry under a Data heading. " + HOW.format(digest=_digest())
    )
    return match.group(1)


def test_the_file_and_the_code_agree_on_the_data_version() -> None:
    assert json.loads(_packaged())["data_version"] == se.DATA_VERSION == se.load().data_version


def test_packaged_data_matches_the_digest_recorded_for_its_version() -> None:
    digest = _digest()
    recorded = VERSIONS.get(se.DATA_VERSION)
    assert recorded is not None, f"data version {se.DATA_VERSION} has no recorded digest. " + HOW.format(digest=digest)
    assert recorded == digest, (
        f"the packaged data changed, but DATA_VERSION is still {se.DATA_VERSION}, whose recorded digest is "
        f"{recorded}. " + HOW.format(digest=digest)
    )


def test_the_current_version_is_the_newest_recorded() -> None:
    assert list(VERSIONS)[-1] == se.DATA_VERSION


def test_every_earlier_version_keeps_its_release_file() -> None:
    for version, digest in list(VERSIONS.items())[:-1]:
        kept = GOLDEN / "data" / f"{version}.json"
        assert kept.is_file(), f"keep the release file of data {version} as {kept.relative_to(ROOT)}"
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == digest, f"{kept.name} is not the file of data {version}"


@pytest.mark.skipif(len(VERSIONS) < 2, reason="no earlier data version recorded")
def test_changelog_entry_names_every_record_the_diff_finds() -> None:
    previous = list(VERSIONS)[-2]
    changes = se.diff(se.load(GOLDEN / "data" / f"{previous}.json"), se.load())
    section = _changelog_section(se.DATA_VERSION)
    expected = changelog(changes)
    missing = [line for line in expected.splitlines() if line not in section]
    assert not missing, (
        f"the CHANGELOG entry for data {se.DATA_VERSION} does not list what changed since {previous}; "
        f"paste the output of `summit-events diff tests/golden/data/{previous}.json packaged --changelog`:\n"
        + "\n".join(missing)
    )
