"""Browser fixtures (a pytest plugin, registered in conftest.py): the built site served
on 127.0.0.1 and headless Chromium driven by Playwright. Outside CI, tests that need
the browser are skipped when no system Chromium is installed; in CI that is an error.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from sitecheck import build

# The system Chromium; CHROMIUM names another Chromium-based browser (e.g. Google
# Chrome on GitHub's runners).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser-site")
    res = build(ROOT, site)
    assert res.returncode == 0, res.stderr
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            raise RuntimeError("CI needs Chromium: .ci/run installs it with apt-get install chromium")
        pytest.skip("no system Chromium here (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def reader(browser, server):
    """A page that records console errors and every host it requests."""
    context = browser.new_context(locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.errors, page.hosts = [], set()
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.hosts.add(urlsplit(r.url).hostname))
    yield page
    context.close()
