"""Every task of the project as a nox session: ``nox -l`` lists them, ``nox -s NAME`` runs one.

CI (``.ci/run``) runs these same sessions, so a green run here is a green run there.
Each session builds its own virtual environment from ``pyproject.toml``; ``nox -r`` reuses them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nox

ROOT = Path(__file__).parent
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
"""Every supported Python: CI tests each the machine has; ``requires-python`` and the classifiers say the same."""

nox.options.sessions = ["lint", "types", "tests", "docs", "build"]
nox.options.reuse_existing_virtualenvs = False


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite against the installed package (as the README runs it); arguments go to pytest.

    ``nox -s tests`` runs every Python it finds (and skips the others with a warning);
    ``nox -s tests-3.12`` one of them; ``nox -s tests -- tests/test_cli.py -x`` a part.
    """
    session.install(".[test]")
    # the README's test command; -p no:cacheprovider keeps the checkout clean
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python=None)
def lint(session: nox.Session) -> None:
    """ruff over the code, the tests, the benchmarks and this file."""
    session.install("ruff>=0.6")
    folders = [name for name in ("src", "tests", "benchmarks", "tools", "docs") if (ROOT / name).is_dir()]
    session.run("ruff", "check", *folders, "noxfile.py", *session.posargs)


@nox.session(python=None)
def types(session: nox.Session) -> None:
    """mypy --strict over the package (with the test extra for the pandas stubs)."""
    session.install(".[test]", "mypy>=1.10")
    session.run("mypy", "--strict", "src", *session.posargs)


def _browser_tests() -> list[str]:
    """The browser check of the docs site: tests marked ``browser``, or test files named for the site or a browser."""
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    if re.search(r"^\s*['\"]browser\s*:", pyproject, re.MULTILINE):
        return ["-m", "browser"]
    named = {*(ROOT / "tests").glob("test_*browser*.py"), *(ROOT / "tests").glob("test_site*.py")}
    return sorted(str(p.relative_to(ROOT)) for p in named)


@nox.session(python=None)
def docs(session: nox.Session) -> None:
    """Every example in the README, the docs and CONTRIBUTING.md runs; then the docs site, if there is one.

    When ``docs/conf.py`` exists, the site is built with ``sphinx-build -W`` (a warning fails)
    into ``docs/_build/html``, and its browser check then opens that build.
    """
    conf = ROOT / "docs" / "conf.py"
    session.install(".[test,docs]" if conf.exists() else ".[test]")
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_docs.py",
                "tests/test_contributing.py", *session.posargs)
    if not conf.exists():
        session.log("There is no docs site yet (no docs/conf.py): the Markdown docs were checked, no site was built.")
        return
    site = ROOT / "docs" / "_build" / "html"
    session.run("python", "-m", "sphinx", "-E", "-W", "--keep-going", "-q", "-b", "html", "docs", str(site))
    browser = _browser_tests()
    if not browser:
        session.log(f"The site was built in {site.relative_to(ROOT)}; there is no browser check of it yet.")
        return
    # the browser check drives the system Chromium and never downloads one
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *browser,
                env={"SUMMIT_EVENTS_SITE": str(site), "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"})


@nox.session(python=None)
def bench(session: nox.Session) -> None:
    """The benchmarks (docs/benchmarks.md). Arguments go to ``python -m benchmarks``.

    Without arguments a quick run (1k events, few start-up runs, no memory figure) that shows
    the benchmarks still work; ``nox -s bench -- --sizes 1k,10k,100k`` for the published figures.
    """
    session.install("-e", ".[bench]")
    args = session.posargs or ["--sizes", "1k", "--startup-runs", "3", "--memory-runs", "0"]
    session.run("python", "-m", "benchmarks", *args)


@nox.session(python=None)
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel, check them, and smoke-test the wheel in a clean venv with no extras.

    The artefacts land in ``dist/``.
    """
    session.install("build>=1.0", "twine>=5")
    dist = ROOT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(dist), str(ROOT))
    artefacts = sorted(str(p) for p in dist.iterdir())
    session.run("twine", "check", "--strict", *artefacts)
    session.run("python", "tests/check_dist.py", str(dist))

    clean = Path(session.create_tmp()).resolve() / "clean-venv"
    shutil.rmtree(clean, ignore_errors=True)
    session.run("python", "-m", "venv", str(clean))
    python = clean / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    (wheel,) = dist.glob("*.whl")
    session.run(str(python), "-m", "pip", "install", "--quiet", str(wheel), external=True)
    # run from outside the checkout, so only the installed wheel can be imported
    smoke = ROOT / "tests" / "smoke_wheel.py"
    with session.chdir(clean):
        session.run(str(python), "-I", str(smoke), external=True)
