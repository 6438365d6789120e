"""Check the built sdist and wheel (run by ``nox -s build``): ``python tests/check_dist.py DIST``.

* The sdist holds everything the test suite needs: the package, every tracked file under
  ``tests/``, ``docs/`` and ``benchmarks/``, and the files at the root the tests read; and no virtual
  environment, build output or cache.
* The wheel holds the package and its metadata only (no tests, no docs), with the packaged
  data identical to the source tree's, the ``summit-events`` command, the runtime
  dependencies attrs and cattrs and nothing else, and the Pythons that CI tests.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# files at the root that the tests read (README, CHANGELOG and CONTRIBUTING examples, the CI script, the runner)
ROOT_FILES = ["pyproject.toml", "README.md", "CHANGELOG.md", "CONTRIBUTING.md", "LICENSE", "LICENSE-DATA",
              "noxfile.py", ".ci/run"]
FOLDERS = ["src", "tests", "docs", "benchmarks"]
NEVER = re.compile(r"(^|/)(\.venv[^/]*|\.nox|dist|build|_build|__pycache__|\.pytest_cache|\.hypothesis|\.git)(/|$)")


def tracked(folder: str) -> set[str]:
    """The files git tracks under ``folder`` (all files there, outside a git checkout)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--", folder], cwd=ROOT, capture_output=True, check=True).stdout
        names = {name for name in out.decode("utf-8").split("\0") if name}
    except (OSError, subprocess.CalledProcessError):
        names = set()
    if not names:
        names = {str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*") if p.is_file()}
    return {name for name in names if not NEVER.search(name)}


def supported_pythons() -> list[str]:
    """``PYTHONS`` from the noxfile: the Pythons CI tests."""
    tree = ast.parse((ROOT / "noxfile.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PYTHONS" for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(v) for v in value]
    raise AssertionError("noxfile.py defines no PYTHONS")


def check_sdist(path: Path) -> list[str]:
    with tarfile.open(path) as archive:
        top = archive.getnames()[0].split("/")[0]
        names = {name.removeprefix(f"{top}/") for name in archive.getnames() if "/" in name}
    problems = [f"sdist: {name} should not be shipped" for name in sorted(names) if NEVER.search(name)]
    needed = set(ROOT_FILES) | {name for folder in FOLDERS for name in tracked(folder)}
    problems += [f"sdist: missing {name}, which the tests need" for name in sorted(needed - names)]
    return problems


def check_wheel(path: Path) -> list[str]:
    problems: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(info).decode("utf-8")
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode("utf-8")
        packaged = archive.read("summit_events/data/summit_events.json")
    dist_info = info.rsplit("/", 2)[0] + "/"
    problems += [f"wheel: {name} is not part of the package" for name in sorted(names)
                 if not name.startswith(("summit_events/", dist_info))]
    package = {f"summit_events/{p.relative_to(ROOT / 'src' / 'summit_events')}"
               for p in (ROOT / "src" / "summit_events").rglob("*")
               if p.is_file() and not NEVER.search(str(p.relative_to(ROOT))) and p.suffix != ".pyc"}
    problems += [f"wheel: missing {name}" for name in sorted(package - names)]
    if packaged != (ROOT / "src" / "summit_events" / "data" / "summit_events.json").read_bytes():
        problems.append("wheel: the packaged data differs from src/summit_events/data/summit_events.json")
    if "summit-events = summit_events.cli:main" not in entry_points:
        problems.append("wheel: no summit-events command")
    required = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    runtime = sorted(re.split(r"[<>=!~ ;\[]", r, maxsplit=1)[0] for r in required if "extra ==" not in r)
    if runtime != ["attrs", "cattrs"]:
        problems.append(f"wheel: the runtime dependencies are {runtime}, not attrs and cattrs")
    classified = re.findall(r"^Classifier: Programming Language :: Python :: (3\.\d+)$", metadata, re.MULTILINE)
    pythons = supported_pythons()
    if classified != pythons:
        problems.append(f"wheel: classifiers name Pythons {classified}, CI tests {pythons}")
    requires = re.search(r"^Requires-Python: (.+)$", metadata, re.MULTILINE)
    if requires is None or requires.group(1).strip() != f">={pythons[0]}":
        problems.append(f"wheel: Requires-Python should be >={pythons[0]}")
    return problems


def main(dist: Path) -> int:
    sdists, wheels = sorted(dist.glob("*.tar.gz")), sorted(dist.glob("*.whl"))
    if len(sdists) != 1 or len(wheels) != 1:
        print(f"expected one sdist and one wheel in {dist}, found {[p.name for p in dist.iterdir()]}")
        return 1
    problems = check_sdist(sdists[0]) + check_wheel(wheels[0])
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{sdists[0].name}: holds what the tests need; {wheels[0].name}: the package only")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
