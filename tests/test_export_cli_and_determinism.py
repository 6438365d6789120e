"""The export registry and command line: every format is deterministic and carries the data version."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from tests.strategies import datasets

import summit_events as se
from summit_events.cli import main
from summit_events.export import FORMATS, export


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


@pytest.mark.parametrize("name", list(FORMATS))
def test_same_input_gives_the_same_bytes(name: str) -> None:
    first = FORMATS[name](se.load())
    rebuilt = se.from_json(se.to_json(se.load()), se.Dataset)
    assert FORMATS[name](rebuilt) == first


@settings(max_examples=15)
@given(datasets())
def test_every_format_accepts_any_valid_dataset(dataset: se.Dataset) -> None:
    for name, function in FORMATS.items():
        assert function(dataset) == function(dataset), name


# no place for it in schema and csv; parquet keeps it in each file's metadata (test_export_parquet.py)
@pytest.mark.parametrize("name", [n for n in FORMATS if n not in ("schema", "csv", "parquet")])
def test_every_format_carries_the_data_version(name: str) -> None:
    result = FORMATS[name](se.load())
    text = result if isinstance(result, str) else result["datapackage.json"]
    assert se.DATA_VERSION in text


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(se.load(), "xml")


def test_cli_json_stays_the_default() -> None:
    code, text = _run("export")
    assert code == 0 and text == se.to_json(se.load())


def test_cli_writes_a_text_format(tmp_path: Path) -> None:
    target = tmp_path / "calendar.ics"
    assert _run("export", "--format", "ics", "-o", str(target))[0] == 0
    assert target.read_bytes() == FORMATS["ics"](se.load()).encode("utf-8")  # type: ignore[union-attr]


def test_cli_multi_file_format_needs_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("export", "--format", "csv")[0] == 2
    assert "-o DIR" in capsys.readouterr().err
    assert _run("export", "--format", "datapackage", "-o", str(tmp_path / "pkg"))[0] == 0
    assert (tmp_path / "pkg" / "datapackage.json").is_file() and (tmp_path / "pkg" / "calls.csv").is_file()


def test_cli_schema_prints_the_shipped_schema() -> None:
    code, text = _run("schema")
    assert code == 0 and json.loads(text)["$schema"].endswith("2020-12/schema")
