"""The command transcripts in the docs (``$ summit-events ...`` and the lines after it) are what the command prints.

After a data release, ``SUMMIT_EVENTS_REGENERATE=1 python -m pytest tests/test_cli_transcripts.py``
rewrites them; review the diff like any other change.
"""

from __future__ import annotations

import io
import os
import re
import shlex
from pathlib import Path

import pytest

from summit_events.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "docs" / "cli.md", ROOT / "README.md"]


def transcripts() -> list[tuple[str, str, str]]:
    """``(doc, command line, expected output)`` for every indented ``$ summit-events`` block."""
    found = []
    for doc in DOCS:
        lines = doc.read_text("utf-8").splitlines()
        for index, line in enumerate(lines):
            if line.startswith("    $ summit-events "):
                output = []
                for after in lines[index + 1:]:
                    if not after.startswith("    ") or after.startswith("    $ "):
                        break
                    output.append(after[4:])
                found.append((doc.name, line[len("    $ "):], "\n".join(output)))
    return found


TRANSCRIPTS = transcripts()


def test_the_docs_have_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 4


@pytest.mark.parametrize(("doc", "command", "expected"), TRANSCRIPTS, ids=[t[1] for t in TRANSCRIPTS])
def test_transcript_is_what_the_command_prints(
    doc: str, command: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = shlex.split(command)[1:]
    files = [a for a in argv if re.search(r"\.(json|jsonl)$", a)]
    if files:
        pytest.skip(f"{doc}: needs the reader's own file {files[0]}")
    out = io.StringIO()
    main(["--no-pager", *argv], out)
    printed = (out.getvalue() + capsys.readouterr().err).rstrip("\n")
    if os.environ.get("SUMMIT_EVENTS_REGENERATE") and printed != expected:
        path = ROOT / ("docs/cli.md" if doc == "cli.md" else doc)
        indent = lambda text: "\n".join("    " + line for line in text.split("\n"))  # noqa: E731
        path.write_text(
            path.read_text("utf-8").replace(f"    $ {command}\n{indent(expected)}\n", f"    $ {command}\n{indent(printed)}\n", 1),
            "utf-8",
        )
        return
    assert printed == expected, f"{doc}: update the transcript of `{command}`"
