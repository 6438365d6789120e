"""The command line, run as a user runs it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import summit_events as se
from summit_events.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def test_timeline_lists_every_dated_event_in_order() -> None:
    code, out = run("timeline")
    assert code == 0
    lines = [line for line in out.splitlines() if line[:4].isdigit()]
    assert out.startswith("January 2025\n")
    assert lines == sorted(lines, key=lambda line: line[:10])
    assert len(lines) == len([e for e in se.load().events() if e.timing])
    assert "(2025-08-19 in Europe/Moscow)" in out
    assert "February 2025\n2025-02-11" in out


def test_timeline_with_reactions() -> None:
    _, out = run("timeline", "--reactions")
    assert "MOEX Russia Index >+6% to 3210 points" in out


def test_show_event_person_and_json() -> None:
    code, out = run("show", "2025-02-12-trump-putin-call")
    assert code == 0 and "Duration, as claimed:" in out and "Sources:" in out
    code, out = run("show", "Zelensky")
    assert code == 0 and out.startswith("Volodymyr Zelenskyy (volodymyr-zelenskyy)")
    code, out = run("show", "2025-02-12-trump-putin-call", "--json")
    assert se.from_json(out, se.Call) == se.load().event("2025-02-12-trump-putin-call")


def test_unknown_id_is_an_error_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("show", "Puttin")
    assert code == 1
    assert "did you mean 'Vladimir Putin'" in capsys.readouterr().err


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("search", "riyadh")
    assert code == 0 and "2025-02-18-riyadh-talks" in out
    code, _ = run("search", "zzzz")
    assert code == 1 and "nothing matches" in capsys.readouterr().err


def test_export_and_validate_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "data.json"
    assert run("export", "-o", str(target))[0] == 0
    assert target.read_text("utf-8") == se.to_json(se.load())
    code, out = run("validate", str(target))
    assert code == 0 and "valid (" in out
    code, out = run("export")
    assert out == se.to_json(se.load())


def test_validate_reports_paths_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "data_version": "x", "calls": [{}]}', "utf-8")
    code, _ = run("validate", str(bad))
    err = capsys.readouterr().err
    assert code == 1
    assert "$.calls[0].id: missing required field" in err


def test_missing_file_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--data", str(tmp_path / "nope.json"), "timeline")[0] == 2
    assert "No such file" in capsys.readouterr().err


def test_help_everywhere_and_module_entry_point() -> None:
    for argv in ([], ["timeline"], ["show"], ["search"], ["export"], ["validate"]):
        result = subprocess.run([sys.executable, "-m", "summit_events", *argv, "--help"],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0 and "usage: summit-events" in result.stdout
    result = subprocess.run([sys.executable, "-m", "summit_events"], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "required" in result.stderr


def test_info_reports_coverage_counts_and_tracks_as_text_and_json() -> None:
    ds = se.load()
    code, out = run("info", "--json")
    assert code == 0
    about = json.loads(out)
    assert about["data_version"] == ds.data_version
    assert about["latest_source"] == (ds.latest_source_date.isoformat() if ds.latest_source_date else None)
    assert about["counts"]["calls"] == len(ds.calls) and about["counts"]["sources"] == len(ds.sources)
    assert {t["track"]: t["events"] for t in about["tracks"]} == ds.tracks()
    if ds.coverage is None:
        assert about["coverage"] is None
    else:
        assert about["coverage"]["end"] == ds.coverage.end.isoformat()
    code, text = run("info")
    assert code == 0 and f"data {ds.data_version}" in text and "by track" in text


def test_timeline_by_track_name(capsys: pytest.CaptureFixture[str]) -> None:
    ds = se.load()
    code, out = run("timeline", "--track", "US–Russia", "--json")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [e.id for e in ds.events(track="RUS-USA")]
    with pytest.raises(SystemExit) as exit_:
        run("timeline", "--track", "Narnia")
    assert exit_.value.code == 2 and "trilateral" in capsys.readouterr().err
