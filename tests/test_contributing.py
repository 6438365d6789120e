"""CONTRIBUTING.md is executed: the walkthrough runs step by step, the other commands are checked.

Every fenced ``sh`` block in the guide follows a marker comment:

* ``<!-- walkthrough -->``: run, in order with the other walkthrough steps, in one scratch
  folder (``sh`` with bash, ``python`` with this interpreter); ``<!-- walkthrough: exit N -->``
  expects that exit status; ``<!-- walkthrough: file NAME -->`` before any block writes it as
  the file NAME; ``<!-- output -->`` before a ``text`` block lists lines the step before must
  print, in order (``...`` stands for any text).
* ``<!-- checked -->``: not run (they run the whole suite, or change the checkout), but every
  ``nox`` session, ``summit-events`` command line, and file or folder they name must exist.

The guide's architecture table is checked against the imports in the source.
"""

from __future__ import annotations

import ast
import itertools
import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "CONTRIBUTING.md"
PACKAGE = ROOT / "src" / "summit_events"
FENCE = re.compile(r"^(?P<indent>[ ]*)```(?P<lang>\w*)[ ]*$")
MARKER = re.compile(r"^[ ]*<!-- (?P<marker>.+?) -->[ ]*$")


class Block:
    def __init__(self, marker: str | None, lang: str, code: str, line: int) -> None:
        self.marker, self.lang, self.code, self.line = marker, lang, code, line

    def __repr__(self) -> str:
        return f"CONTRIBUTING.md line {self.line} ({self.lang}, {self.marker})"


def blocks() -> list[Block]:
    """Every fenced block of the guide, with the marker comment right before it (blank lines aside)."""
    lines = GUIDE.read_text("utf-8").splitlines()
    found: list[Block] = []
    marker: str | None = None
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if fence is None:
            match = MARKER.match(lines[i])
            if match is not None:
                marker = match.group("marker")
            elif lines[i].strip():
                marker = None
            i += 1
            continue
        start, indent = i, fence.group("indent")
        i += 1
        body: list[str] = []
        while not lines[i].startswith(f"{indent}```"):
            body.append(lines[i])
            i += 1
        found.append(Block(marker, fence.group("lang"), textwrap.dedent("\n".join(body)) + "\n", start + 1))
        marker = None
        i += 1
    return found


BLOCKS = blocks()


def test_every_shell_block_is_run_or_checked() -> None:
    shell = [b for b in BLOCKS if b.lang == "sh"]
    assert shell
    for block in shell:
        assert block.marker is not None and re.fullmatch(r"walkthrough(: exit \d+)?|checked", block.marker), block


# ---------------------------------------------------------------------- the walkthrough


def _shims(folder: Path) -> dict[str, str]:
    """An environment whose ``python`` and ``summit-events`` are this interpreter and its package."""
    folder.mkdir()
    for name, command in (("python", ""), ("summit-events", " -m summit_events")):
        shim = folder / name
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}"{command} "$@"\n', "utf-8")
        shim.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}", "PYTHONIOENCODING": "utf-8"}


def _expect_lines(expected: str, output: str, block: Block) -> None:
    lines = output.splitlines()
    at = 0
    for want in expected.splitlines():
        pattern = re.compile(".*".join(re.escape(part) for part in want.split("...")))
        while at < len(lines) and not pattern.fullmatch(lines[at]):
            at += 1
        assert at < len(lines), f"{block}: the guide shows {want!r}, which the step did not print:\n{output}"
        at += 1


@pytest.mark.skipif(os.name == "nt", reason="the walkthrough's shell steps need a POSIX shell")
def test_the_walkthrough_runs_as_written(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = _shims(tmp_path / "bin")
    steps = 0
    output: str | None = None
    last: Block | None = None
    for block in BLOCKS:
        marker = block.marker or ""
        if marker == "output":
            assert output is not None and last is not None, f"{block} shows output of no walkthrough step"
            _expect_lines(block.code, output, last)
            continue
        if not marker.startswith("walkthrough"):
            continue
        file = re.fullmatch(r"walkthrough: file (\S+)", marker)
        if file is not None:
            (work / file.group(1)).write_text(block.code, "utf-8")
            output = None
            continue
        status = re.fullmatch(r"walkthrough(?:: exit (\d+))?", marker)
        assert status is not None, block
        command = ["bash", "-e", "-o", "pipefail", "-c", block.code] if block.lang == "sh" else [
            sys.executable, "-c", block.code]
        assert block.lang in ("sh", "python"), block
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, encoding="utf-8",
                              check=False, timeout=300)
        output = done.stdout + done.stderr
        assert done.returncode == int(status.group(1) or 0), f"{block} exited {done.returncode}:\n{output}"
        last = block
        steps += 1
    assert steps >= 4
    # the walkthrough really added a sourced event, and the packaged data is untouched
    import summit_events as se

    mine = se.load(work / "mine.json")
    added = mine.event("2099-01-01-trump-putin-practice-call")
    assert added.sources and all(mine.source(s).url.startswith("https://") for s in added.sources)
    assert len(se.diff(se.load(), mine)) == 3
    assert not any(e.id == added.id for e in se.load().events())


# ---------------------------------------------------------------------- the checked commands


def _sessions() -> set[str]:
    """The nox sessions the noxfile defines, with their per-Python names (``tests-3.12``)."""
    tree = ast.parse((ROOT / "noxfile.py").read_text("utf-8"))
    pythons: list[str] = []
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PYTHONS" for t in node.targets):
            pythons = ast.literal_eval(node.value)
        if isinstance(node, ast.FunctionDef) and any("session" in ast.unparse(d) for d in node.decorator_list):
            names.add(node.name)
            if any("PYTHONS" in ast.unparse(d) for d in node.decorator_list):
                names |= {f"{node.name}-{version}" for version in pythons}
    return names


def _commands(block: Block) -> list[list[str]]:
    """The block's commands as words: comments dropped, ``&&`` chains split."""
    commands = []
    for line in block.code.splitlines():
        words = shlex.split(line, comments=True)
        while words:
            if "&&" in words:
                cut = words.index("&&")
                commands.append(words[:cut])
                words = words[cut + 1:]
            else:
                commands.append(words)
                words = []
    return [c for c in commands if c]


CHECKED = [b for b in BLOCKS if b.marker == "checked"]


@pytest.mark.parametrize("block", CHECKED, ids=[f"line-{b.line}" for b in CHECKED])
def test_checked_commands_name_what_exists(block: Block) -> None:
    from summit_events.cli import _parser

    sessions = _sessions()
    for words in _commands(block):
        while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):  # VAR=value before a command
            words = words[1:]
        if not words:
            continue
        if words[0] == "nox" and "-s" in words:
            named = list(itertools.takewhile(lambda w: not w.startswith("-"), words[words.index("-s") + 1:]))
            assert named and set(named) <= sessions, (block, named, sessions)
        if words[0] == "summit-events":
            try:
                _parser().parse_args(words[1:])
            except SystemExit as error:
                pytest.fail(f"{block}: {shlex.join(words)} is not a valid command line ({error})")
        if words[:3] == ["python", "-m", "pytest"]:
            for word in words[3:]:
                if not word.startswith("-"):
                    assert (ROOT / word.split("::")[0]).exists(), (block, word)
        for word in words:
            if "/" in word and re.fullmatch(r"[\w.\-/]+", word) and not word.startswith((".venv", "dist/")):
                assert (ROOT / word).exists(), f"{block} names {word}, which does not exist"


def test_the_session_table_lists_every_session() -> None:
    text = GUIDE.read_text("utf-8")
    listed = set(re.findall(r"^\| `nox -s (\w+)` \|", text, re.MULTILINE))
    defined = {name for name in _sessions() if "-" not in name}
    assert listed == defined


def test_the_files_and_tests_the_guide_names_exist() -> None:
    text = GUIDE.read_text("utf-8")
    tests = "".join(p.read_text("utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    for name in set(re.findall(r"`(test_\w+)`", text)):
        assert re.search(rf"^def {name}\(", tests, re.MULTILINE), f"CONTRIBUTING.md names {name}, which no test defines"
    for path in set(re.findall(r"`((?:src|tests|docs|benchmarks|\.ci)/[\w./-]*)`", text)):
        future = path == "docs/conf.py"  # the docs site, once there is one
        assert future or (ROOT / path).exists(), f"CONTRIBUTING.md names {path}, which does not exist"
    for path in set(re.findall(r"\]\(([\w./-]+)\)", text)):
        assert (ROOT / path).exists(), f"CONTRIBUTING.md links to {path}, which does not exist"


# ---------------------------------------------------------------------- the architecture


def _layers() -> dict[str, int]:
    text = GUIDE.read_text("utf-8")
    rows = re.findall(r"^\| (\d+) \| ((?:`\w+`(?:, )?)+) \|", text, re.MULTILINE)
    return {name: int(layer) for layer, names in rows for name in re.findall(r"`(\w+)`", names)}


PACKAGES = ("export", "plot")
"""The sub-packages: each is one row of the layer table."""


def _imports(path: Path) -> set[str]:
    """The modules of the package that a module imports (at import time or inside a function).

    Imports under ``if TYPE_CHECKING:`` are left out: they name types for the type checker and
    never run, so they make no dependency.
    """
    tree = ast.parse(path.read_text("utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    in_package = path.parent.name in PACKAGES
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("summit_events."):
                found.add(node.module.split(".")[1])  # type: ignore[union-attr]
            continue
        if in_package and node.level == 1:
            continue  # within the sub-package
        if node.module:
            found.add(node.module.split(".")[0])
        else:  # from . import X: a module, or a name of the package's public face
            found |= {alias.name for alias in node.names}
    modules = {p.stem for p in PACKAGE.glob("*.py")} | set(PACKAGES)
    return found & modules - {"__init__"}


def test_imports_go_one_way() -> None:
    layers = _layers()
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"} | set(PACKAGES)
    assert set(layers) == modules, "every module has a row in CONTRIBUTING.md's layer table"
    for path in [*PACKAGE.glob("*.py"), *(f for package in PACKAGES for f in (PACKAGE / package).glob("*.py"))]:
        module = path.parent.name if path.parent.name in PACKAGES else path.stem
        if module == "__init__":
            continue
        for target in _imports(path):
            assert layers[target] < layers[module], f"{path.name} imports {target}: against the layers"


def test_the_package_face_imports_only_errors_at_import_time() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))
    top = {node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.level == 1}
    assert top == {"errors"}
