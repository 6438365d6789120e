"""The documentation site: built warning-free, then every page opened in headless Chromium.

The site is built with ``sphinx -W`` (or taken from ``SUMMIT_EVENTS_SITE`` when CI has just
built it), served on localhost and opened page by page in the system Chromium, driven by
Playwright (which downloads no browser). A page fails on a console error, a request that
fails or leaves the machine, an image that does not load, a link to a page or anchor of
the site that does not exist, or a missing main heading. Screenshots of the index and the
gallery are saved under ``docs/_build/screenshots/``.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

import summit_events as se

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "_build" / "screenshots"
SCREENSHOT_PAGES = ("index.html", "gallery.html", "data.html", "api.html")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("sphinx", "myst_parser", "furo", "matplotlib"):
        pytest.importorskip(module, reason=f"{module} is not installed: pip install 'summit-events[docs]'")
    built = os.environ.get("SUMMIT_EVENTS_SITE")
    if built:
        return Path(built)
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, f"the site does not build warning-free:\n{result.stderr}"
    return out


def pages(site: Path) -> list[Path]:
    skip = {"_static", "_sources", "_images", "_generated", ".doctrees"}
    return sorted(p for p in site.rglob("*.html") if not skip & set(p.relative_to(site).parts))


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_every_public_name_is_in_the_api_reference(site: Path) -> None:
    from sphinx.util.inventory import InventoryFile

    with (site / "objects.inv").open("rb") as handle:
        inventory = InventoryFile.load(handle, "", lambda base, uri: uri)
    groups = inventory.data.values() if hasattr(inventory, "data") else inventory.values()
    documented = {name for group in groups for name in group}
    import summit_events.coding
    import summit_events.export
    import summit_events.plot

    modules = [se, summit_events.export, summit_events.coding, summit_events.plot]
    missing = [f"{m.__name__}.{name}" for m in modules for name in m.__all__ if f"{m.__name__}.{name}" not in documented]
    assert missing == []


def test_the_data_pages_list_every_event(site: Path) -> None:
    text = html.unescape((site / "data.html").read_text("utf-8"))
    ds = se.load()
    for event in ds.events():
        assert event.id in text
    assert f"Data version {ds.data_version}" in re.sub(r"<[^>]+>", "", text)
    gallery = (site / "gallery.html").read_text("utf-8")
    markets = {r.event for r in ds.reactions if r.kind == "market" and r.event}
    assert len(re.findall(r"<img [^>]*_images/", gallery)) == 4 + len(markets)


def _ids(path: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', path.read_text("utf-8")))


def test_every_page_opens_cleanly_in_chromium(site: Path, server: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: "
                                   "pip install 'summit-events[docs]'")
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package (apt-get install chromium)")
    problems: list[str] = []
    checked_links = 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = context.new_page()

            def outside(route: object) -> None:
                url = route.request.url  # type: ignore[attr-defined]
                if url.startswith(server) or url.startswith(("data:", "blob:", "about:")):
                    route.continue_()  # type: ignore[attr-defined]
                else:
                    problems.append(f"{page.url}: asks the network for {url}")
                    route.abort()  # type: ignore[attr-defined]

            page.route("**/*", outside)
            current: list[str] = [""]
            page.on("console", lambda m: problems.append(f"{current[0]}: console {m.type}: {m.text}")
                    if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"{current[0]}: script error: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"{current[0]}: request failed: {r.url}"))
            page.on("response", lambda r: problems.append(f"{current[0]}: HTTP {r.status} for {r.url}")
                    if r.status >= 400 else None)
            for path in pages(site):
                name = path.relative_to(site).as_posix()
                current[0] = name
                page.goto(f"{server}/{name}", wait_until="load")
                broken = page.evaluate("""async () => {
                    const images = Array.from(document.images);
                    images.forEach(i => { i.loading = "eager"; });
                    await Promise.all(images.map(i => i.decode().catch(() => null)));
                    return images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
                }""")
                problems.extend(f"{name}: image does not load: {src}" for src in broken)
                heading = page.locator("article h1, main h1").first
                if page.locator("article h1, main h1").count() == 0 or not heading.inner_text().strip():
                    problems.append(f"{name}: no main heading")
                for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                    if not href.startswith(server):
                        continue
                    checked_links += 1
                    target, fragment = urldefrag(href)
                    local = unquote(urlsplit(target).path).lstrip("/") or "index.html"
                    file = site / local
                    if file.is_dir():
                        file = file / "index.html"
                    if not file.is_file():
                        problems.append(f"{name}: broken link {href}")
                    elif fragment and file.suffix == ".html" and unquote(fragment) not in _ids(file):
                        problems.append(f"{name}: link to a missing anchor {href}")
                if name in SCREENSHOT_PAGES:
                    page.screenshot(path=str(SCREENSHOTS / name.replace(".html", ".png")), full_page=True)
            current[0] = "search.html?q=Budapest"
            page.goto(f"{server}/search.html?q=Budapest", wait_until="load")
            try:
                page.wait_for_selector("#search-results li", timeout=15_000)
            except sync_api.TimeoutError:
                problems.append("search.html: a search for Budapest finds nothing")
        finally:
            context.close()
    assert not problems, "\n".join(problems)
    assert checked_links > 50  # the pages link to one another and to their own sections
    assert (SCREENSHOTS / "index.png").is_file() and (SCREENSHOTS / "gallery.png").is_file()
