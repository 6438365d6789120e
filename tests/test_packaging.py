"""The package's metadata and the supported Pythons: what `pip show` and the index display, stated once."""

from __future__ import annotations

import ast
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


def _wheel(path: Path, extra: dict[str, str]) -> Path:
    """A wheel as ``python -m build`` makes it from this checkout, plus ``extra`` files."""
    import zipfile

    from tests.check_dist import NEVER, supported_pythons

    package = ROOT / "src" / "summit_events"
    classifiers = "".join(f"Classifier: Programming Language :: Python :: {v}\n" for v in supported_pythons())
    with zipfile.ZipFile(path, "w") as archive:
        for file in package.rglob("*"):
            if file.is_file() and not NEVER.search(str(file.relative_to(ROOT))) and file.suffix != ".pyc":
                archive.write(file, f"summit_events/{file.relative_to(package)}")
        info = "summit_events-0.1.0.dist-info"
        archive.writestr(f"{info}/METADATA", f"Requires-Python: >={supported_pythons()[0]}\n{classifiers}"
                         "Requires-Dist: attrs>=23.2\nRequires-Dist: cattrs>=24.1\n"
                         "Requires-Dist: pandas>=2.0; extra == 'pandas'\n")
        archive.writestr(f"{info}/entry_points.txt", "[console_scripts]\nsummit-events = summit_events.cli:main\n")
        for name, text in extra.items():
            archive.writestr(name, text)
    return path


def test_the_wheel_check_passes_the_package_and_refuses_anything_else(tmp_path: Path) -> None:
    from tests.check_dist import check_wheel

    assert check_wheel(_wheel(tmp_path / "good.whl", {})) == []
    assert check_wheel(_wheel(tmp_path / "bad.whl", {"tests/test_x.py": ""})) == [
        "wheel: tests/test_x.py is not part of the package"
    ]


def test_the_sdist_check_names_a_missing_file_the_tests_need(tmp_path: Path) -> None:
    import io
    import tarfile

    from tests.check_dist import ROOT_FILES, check_sdist

    sdist = tmp_path / "summit_events-0.1.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for name in ROOT_FILES:
            if name != ".ci/run":
                archive.addfile(tarfile.TarInfo(f"summit_events-0.1.0/{name}"), io.BytesIO(b""))
    problems = check_sdist(sdist)
    assert "sdist: missing .ci/run, which the tests need" in problems
    assert "sdist: missing tests/test_packaging.py, which the tests need" in problems
