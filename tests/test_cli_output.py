"""The command line as a daily user meets it: any id, search, timeline filters, safe output on every machine."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import summit_events as se
from summit_events.cli import Screen, escape, main


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COLUMNS", "NO_COLOR", "PAGER"):
        monkeypatch.delenv(name, raising=False)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


def cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "PYTHONIOENCODING")}
    return subprocess.run([sys.executable, "-m", "summit_events", *argv], capture_output=True, check=False,
                          env={**environment, **(env or {})})


# ---------------------------------------------------------------------- show any record


@pytest.mark.parametrize("record_id", ["2025-02-13-moex-index", "2025-02-14-zelenskyy-putin-liar",
                                       "2025-02-cnn-transatlantic-shift", "wikipedia-feb-2025-call-consequences"])
def test_show_finds_reactions_and_sources(record_id: str) -> None:
    code, out = run("show", record_id)
    assert code == 0 and record_id in out and ("Sources:" in out or "Cited by:" in out)


def test_show_a_source_lists_what_cites_it() -> None:
    _, out = run("show", "wikipedia-feb-2025-call-consequences")
    assert "Cited by:" in out and "2025-02-13-moex-index" in out


def test_show_miss_names_the_kinds_and_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("show", "2025-02-13-moex-indx")
    err = capsys.readouterr().err
    assert code == 1
    assert "no person, event, reaction, source, series or document matches '2025-02-13-moex-indx'" in err
    assert "did you mean '2025-02-13-moex-index'" in err


def test_show_event_has_every_structured_field(ds: se.Dataset) -> None:
    _, out = run("show", "budapest-summit")
    summit = ds.event("budapest-summit")
    assert "Status, as claimed:" in out
    assert out.count("according to") >= len(summit.status_claims)
    for claim in summit.status_claims:
        assert f"{claim.status.value} according to {claim.by}" in out
    assert "coding      PLOVER AGREE · CAMEO 036" in out
    assert "follows 2025-10-16-trump-putin-call: Trump–Putin call that set up a Budapest summit" in out
    _, out = run("show", "2025-03-18-trump-putin-call")
    assert "2025-03-18 10:00 EDT America/New_York, the event's zone" in out
    assert "2025-03-18 17:00 MSK Europe/Moscow" in out
    assert "by side     USA 2025-03-18 · RUS 2025-03-18" in out


def test_show_person_lists_events_and_statements() -> None:
    _, out = run("show", "Peskov")
    assert out.startswith("Dmitry Peskov (dmitry-peskov)")
    assert "Statements:" in out and "2025-10-21-peskov-never-scheduled" in out


# ---------------------------------------------------------------------- search


def test_search_every_kind_with_ids_and_kinds() -> None:
    code, out = run("search", "Putn")
    first = out.splitlines()[0].split()
    assert code == 0 and first[1:3] == ["person", "vladimir-putin"]
    _, out = run("search", "MOEX")
    assert out.splitlines()[0].split()[1:3] == ["market", "2025-02-13-moex-index"]
    _, out = run("search", "ruble")
    assert "market     2025-02-13-ruble-usd" in out.splitlines()[0]
    code, out = run("search", "Putin", "--kind", "source", "--limit", "2", "--json")
    hits = [json.loads(line) for line in out.splitlines()]
    assert len(hits) == 2 and {h["kind"] for h in hits} == {"source"}


# ---------------------------------------------------------------------- timeline


def test_timeline_shows_ids_and_lines_up_undated_rows(ds: se.Dataset) -> None:
    _, out = run("timeline")
    rows = [line for line in out.splitlines() if line[:4].isdigit() or line.startswith("no date")]
    assert len(rows) == len(ds.events())
    starts = {line.index(event.id) for line in rows for event in ds.events() if f" {event.id} " in line}
    assert len(starts) == 1  # every id in one column, dated or not
    assert "no date     meeting    budapest-summit" in out


def test_timeline_filters(ds: se.Dataset) -> None:
    _, out = run("timeline", "--person", "Lavrov", "--kind", "call")
    ids = [e.id for e in ds.events(participant="Lavrov", kind="call")]
    assert ids and all(i in out for i in ids) and "2025-02-12-trump-putin-call" not in out
    _, out = run("timeline", "--status", "postponed", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [e.id for e in ds.events(status="postponed")]
    _, out = run("timeline", "--country", "SAU", "--since", "2025-02-01", "--until", "2025-02-28", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["2025-02-18-riyadh-talks"]
    _, out = run("timeline", "--since", "2025-02-13", "--until", "2025-02-13", "--reactions", "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["id"] for line in lines} == {"2025-02-13-moex-index", "2025-02-13-rts-index", "2025-02-13-ruble-usd"}
    assert all(line["type"] == "reaction" for line in lines)


def test_timeline_json_is_the_same_selection(ds: se.Dataset) -> None:
    _, text = run("timeline", "--reactions")
    _, lines = run("timeline", "--reactions", "--json")
    ids = [json.loads(line)["id"] for line in lines.splitlines()]
    listed = [line.split()[3] if line.startswith("no date") else line.split()[2]
              for line in text.splitlines() if line[:4].isdigit() or line.startswith("no date")]
    assert ids == listed
    record = json.loads(lines.splitlines()[0])
    assert se.from_dict({"schema_version": 1, **{k: v for k, v in record.items() if k != "type"}},
                        se.StatementReaction).id == record["id"]


def test_an_empty_selection_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["timeline", "--since", "2030-01-01"], ["timeline", "--since", "2030-01-01", "--json"]):
        assert run(*argv) == (1, "")
        assert "no event matches these filters" in capsys.readouterr().err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run("timeline", "--since", "yesterday")
    assert caught.value.code == 2 and "is not a date" in capsys.readouterr().err


@pytest.mark.parametrize("columns", [40, 60, 100])
def test_lines_fit_a_narrow_terminal(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for argv in (["timeline", "--reactions"], ["show", "budapest-summit"], ["search", "Putin"]):
        _, out = run(*argv)
        assert max(len(line) for line in out.splitlines()) <= columns, argv


def test_piped_output_is_not_cut_without_columns() -> None:
    _, out = run("timeline")
    assert max(len(line) for line in out.splitlines()) > 200


# ---------------------------------------------------------------------- output on every machine


def test_characters_data_may_hold_are_escaped(ds: se.Dataset) -> None:
    """Text may hold tabs, line breaks and bidi controls (a lint warning); no view prints them raw."""
    nasty = "evil\u202eline\tone\nfake line"
    call = attrs.evolve(ds.calls[0], title=nasty, summary=nasty)
    path_ds = attrs.evolve(ds, calls=(call, *ds.calls[1:]))
    for text in _every_view(path_ds, call.id):
        assert "\u202e" not in text and "\t" not in text and "\nfake" not in text
        assert "\\u202e" in text or "fake" not in text


def test_control_characters_in_a_file_are_refused_not_printed(tmp_path: Path, ds: se.Dataset) -> None:
    """Data cannot hold control characters (``$.title``): the file is refused, and the error is escaped."""
    document = se.to_dict(ds)
    document["calls"][0]["title"] = "\x1b]0;owned\x07\x1b[2J"
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = cli("--data", str(path), "timeline")
    assert result.returncode == 1
    assert b"\x1b" not in result.stdout + result.stderr
    assert b"$.calls[0].title" in result.stderr


def _every_view(ds: se.Dataset, event_id: str) -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_bytes(se.to_json_bytes(ds))
        outputs = []
        for argv in (["timeline"], ["show", event_id], ["search", "fake"]):
            out = io.StringIO()
            main(["--data", str(path), *argv], out)
            outputs.append(out.getvalue())
        return outputs


def test_a_lone_surrogate_in_a_file_is_refused_with_its_path(tmp_path: Path, ds: se.Dataset) -> None:
    """UTF-8 cannot hold a lone surrogate, so a file that writes one (``\\udc80``) is refused on the way in."""
    text = se.to_json(ds).replace(ds.calls[0].title, "half \\udc80 a pair", 1)
    source = tmp_path / "data.json"
    source.write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert main(["--data", str(source), "show", ds.calls[0].id], out) == 1
    result = cli("--data", str(source), "show", ds.calls[0].id)
    assert result.returncode == 1 and b"surrogate" in result.stderr and b"title" in result.stderr


def test_escape() -> None:
    assert escape("plain – text") == "plain – text"
    assert escape("a\tb\x00c\x9b\u2066") == "a\\tb\\x00c\\x9b\\u2066"


def test_narrow_stdout_does_not_crash() -> None:
    result = cli("show", "2025-08-15-alaska-summit", env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    assert "Kremlin press service (as reported by Kommersant) \"????????" in result.stdout.decode("cp1252")
    result = cli("timeline", "--reactions", env={"PYTHONIOENCODING": "cp1252", "COLUMNS": "50"})
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.decode("cp1252").splitlines()) <= 50


def test_data_is_written_as_utf8_on_a_narrow_stdout(tmp_path: Path) -> None:
    result = cli("export", env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == se.to_json_bytes(se.load())
    result = cli("show", "2025-08-15-alaska-summit", "--json", env={"PYTHONIOENCODING": "cp1252"})
    assert se.from_json(result.stdout, se.Meeting) == se.load().event("2025-08-15-alaska-summit")
    target = tmp_path / "out.jsonl"
    result = cli("export", "--format", "jsonl", "-o", str(target), env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0 and "примерно" in target.read_text(encoding="utf-8")


def test_capsys_stdout_works(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "2025-08-15-alaska-summit"]) == 0
    assert "примерно 2 часа" in capsys.readouterr().out
    assert main(["export", "--format", "jsonl"]) == 0
    assert capsys.readouterr().out == se.export.FORMATS["jsonl"](se.load())  # type: ignore[attr-defined]


def test_no_colour_when_not_a_terminal() -> None:
    result = cli("timeline")
    assert b"\x1b[" not in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("no_color", "coloured"), [("", True), ("1", False)])
def test_colour_on_a_terminal_unless_no_color(no_color: str, coloured: bool) -> None:
    pytest.importorskip("rich")
    out = _on_a_terminal(["search", "ruble"], {"NO_COLOR": no_color, "TERM": "xterm"})
    assert "2025-02-13-ruble-usd" in out
    assert ("\x1b[" in out) is coloured


def test_pager_on_a_terminal_for_long_output(tmp_path: Path) -> None:
    marker = tmp_path / "paged"
    pager = f"{sys.executable} -c \"import sys, pathlib; pathlib.Path(r'{marker}').write_bytes(sys.stdin.buffer.read())\""
    _on_a_terminal(["timeline", "--reactions"], {"PAGER": pager, "LINES": "10", "NO_COLOR": "1"})
    assert b"2025-02-13-moex-index" in marker.read_bytes()
    marker.unlink()
    out = _on_a_terminal(["--no-pager", "timeline", "--reactions"], {"PAGER": pager, "LINES": "10", "NO_COLOR": "1"})
    assert not marker.exists() and "2025-02-13-moex-index" in out


def _on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run the command with its standard output on a pseudo-terminal; what the terminal got."""
    import fcntl
    import pty
    import struct
    import termios

    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 200, 0, 0))  # 24 lines, 200 columns
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    process = subprocess.Popen([sys.executable, "-m", "summit_events", *argv], stdout=child_fd,
                               stderr=subprocess.PIPE, env={**environment, **env})
    os.close(child_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(main_fd)
    assert process.returncode == 0, process.stderr.read() if process.stderr else b""
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_reporting_no_size_counts_as_80_by_24(monkeypatch: pytest.MonkeyPatch) -> None:
    from summit_events import cli as module

    monkeypatch.setattr(module.shutil, "get_terminal_size", lambda: os.terminal_size((0, 0)))
    assert module._terminal_size() == (80, 24)
    assert module._width(_FakeTerminal()) == 80


def test_screen_cuts_wide_characters_by_cells() -> None:
    screen = Screen(io.StringIO(), width=30, colour=False)
    screen.line("日本語" * 20)
    assert screen.render() == "日本語" * 4 + "日本…\n"


# ---------------------------------------------------------------------- your own records, JSON Lines


def _mine(tmp_path: Path, ds: se.Dataset, suffix: str = ".json") -> Path:
    from summit_events.export import FORMATS
    from summit_events.merging import additions

    source = se.Source(id="my-log", outlet="Own notes", title="Call log", url="https://example.org/log")
    statement = se.StatementReaction(id="my-statement", event="2025-02-12-trump-putin-call",
                                     speaker="vladimir-putin", stance=se.Stance.NEUTRAL, gist="Noted.",
                                     sources=("my-log",))
    mine = additions([source, statement], data_version="mine")
    path = tmp_path / f"mine{suffix}"
    path.write_text(se.to_json(mine) if suffix == ".json" else str(FORMATS["jsonl"](mine)), encoding="utf-8")
    return path


def test_data_with_base_packaged(tmp_path: Path, ds: se.Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    path = _mine(tmp_path, ds)
    code, out = run("--data", str(path), "--base", "packaged", "show", "my-statement")
    assert code == 0 and "Noted." in out
    code, out = run("--base", "packaged", "validate", str(path))
    assert code == 0 and f"valid additions to data {ds.data_version}" in out
    code, out = run("validate", str(path), "--base", "packaged")
    assert code == 0
    code, _ = run("validate", str(path))
    assert code == 1 and "unknown person id 'vladimir-putin'" in capsys.readouterr().err


def test_replacing_needs_replace_and_is_reported(tmp_path: Path, ds: se.Dataset,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from summit_events.merging import additions

    path = tmp_path / "mine.json"
    changed = attrs.evolve(ds.event("budapest-summit"), title="Budapest (our notes)")
    path.write_text(se.to_json(additions([changed])), encoding="utf-8")
    code, _ = run("--data", str(path), "--base", "packaged", "show", "budapest-summit")
    assert code == 1 and "$.meetings[0].id: 'budapest-summit' is already a meeting" in capsys.readouterr().err
    code, out = run("--data", str(path), "--base", "packaged", "--replace", "show", "budapest-summit")
    assert code == 0 and out.startswith("Budapest (our notes)")
    assert "replaced 1 record(s) of the base: meeting 'budapest-summit'" in capsys.readouterr().err


def test_base_needs_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--base", "packaged", "timeline")[0] == 2
    assert "--base needs --data" in capsys.readouterr().err


def test_validate_jsonl(tmp_path: Path, ds: se.Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "all.jsonl"
    assert run("export", "--format", "jsonl", "-o", str(path))[0] == 0
    code, out = run("validate", str(path))
    assert code == 0 and f"{len(ds.reactions)} reactions" in out
    assert run("--base", "packaged", "validate", str(_mine(tmp_path, ds, ".jsonl")))[0] == 0
    path.write_text(path.read_text("utf-8").replace('"type":"call"', '"type":"cal"', 1), encoding="utf-8")
    code, _ = run("validate", str(path))
    assert code == 1 and "$.type: unknown record type 'cal'" in capsys.readouterr().err


# ---------------------------------------------------------------------- completion


def test_shell_completion_of_commands_and_ids(tmp_path: Path) -> None:
    pytest.importorskip("argcomplete")
    answers = tmp_path / "answers"
    for line, expected in (("summit-events ti", "timeline"), ("summit-events show 2025-02-13-mo", "2025-02-13-moex-index")):
        env = {"_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": "\n", "COMP_LINE": line, "COMP_POINT": str(len(line)),
               "_ARGCOMPLETE_STDOUT_FILENAME": str(answers)}
        cli(env=env)
        assert expected in [answer.strip() for answer in answers.read_text("utf-8").split("\n")]


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_fallback_without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    from summit_events import cli as module

    monkeypatch.setenv("TERM", "xterm")
    assert module._colour(_FakeTerminal()) is ("rich" in sys.modules or _has_rich())
    monkeypatch.setitem(sys.modules, "rich", None)  # as if the cli extra were not installed
    assert module._colour(_FakeTerminal()) is False
    monkeypatch.setattr(module, "_page", lambda text: False)
    terminal = _FakeTerminal()
    assert main(["search", "ruble"], terminal) == 0
    assert "2025-02-13-ruble-usd" in terminal.getvalue() and "\x1b[" not in terminal.getvalue()


def _has_rich() -> bool:
    import importlib.util

    return importlib.util.find_spec("rich") is not None
