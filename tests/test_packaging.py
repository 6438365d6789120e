"""The supported Pythons are stated once and agree everywhere: the noxfile, CI, the package metadata."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pythons() -> list[str]:
    tree = ast.parse((ROOT / "noxfile.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PYTHONS" for t in node.targets):
            return [str(v) for v in ast.literal_eval(node.value)]
    raise AssertionError("noxfile.py defines no PYTHONS")


def test_ci_metadata_and_runner_name_the_same_pythons() -> None:
    pythons = _pythons()
    assert pythons == sorted(pythons, key=lambda v: tuple(map(int, v.split("."))))
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert re.findall(r'"Programming Language :: Python :: (3\.\d+)"', pyproject) == pythons
    assert re.search(r'^requires-python = "(.+)"$', pyproject, re.MULTILINE).group(1) == f">={pythons[0]}"  # type: ignore[union-attr]
    assert re.search(r'target-version = "py(\d+)"', pyproject).group(1) == pythons[0].replace(".", "")  # type: ignore[union-attr]
    assert re.search(r'^python_version = "(.+)"$', pyproject, re.MULTILINE).group(1) == pythons[0]  # type: ignore[union-attr]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert re.search(r"^supported=\((.*)\)$", ci, re.MULTILINE).group(1).split() == pythons  # type: ignore[union-attr]
