"""Hand-edited payloads in every field a pull request can change (essay front matter
and body, outlet and theme files), built with the strict build and opened in headless
Chromium: nothing runs, nothing loads from elsewhere, no page is blanked, and every
payload is shown as the text it is."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest
import yaml

from browserfix import _QuietHandler
from conftest import ROOT
from sitecheck import SITE_PARTS, build
from test_injection import DOM_CHECK

SLUG = "alone-together-paradoks-hubungan-manusia-modern"


def payload(field: str) -> str:
    """Short enough for every field's length limit; each part attacks another way."""
    return f"{field}<img src=x onerror=alert('{field}')></script><!--<script>"


BODY = ["<script>alert('body')</script>", "<img src=x onerror=alert('body-img')>",
        "[tautan](javascript:alert('body-link'))", "<svg onload=alert('body-svg')>",
        "<iframe srcdoc=\"<script>alert('frame')</script>\"></iframe>", "<!--<script>", "Teks {: onclick=\"alert(1)\" }",
        "## Subjudul <img src=x onerror=alert('heading')>", "<a href=\"jav&#x09;ascript:alert('tab')\">tab</a>"]
FIELDS = ["title", "author", "affiliation", "summary", "section", "tag"]


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory):
    repo = tmp_path_factory.mktemp("hand-edits")
    for part in ("raw", "data", "essays", *SITE_PARTS):
        src = ROOT / part
        if not (repo / part).exists():
            (shutil.copytree if src.is_dir() else shutil.copy)(src, repo / part)
    essay = repo / "essays" / f"{SLUG}.md"
    front, body = essay.read_text(encoding="utf-8")[4:].split("\n---\n", 1)
    meta = yaml.safe_load(front)
    meta["title"] = payload("title")
    meta["authors"][0] = {"name": payload("author"), "affiliation": payload("affiliation")}
    meta["summary"] = payload("summary")
    meta["source"]["section"] = payload("section")
    meta["source"]["url"] = "https://evil.example/asli?<script>alert('url')</script>"
    meta["tags"] = [payload("tag")]
    body = body.replace("\n\nSecara etimologi", "\n\n" + "\n\n".join(BODY) + "\n\nSecara etimologi", 1)
    essay.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                     encoding="utf-8")
    for rel, fields in (("data/sources/kumparan.yml", ("name", "description")), ("data/themes.yml", ())):
        path = repo / rel
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        target = data["themes"][0] if rel.endswith("themes.yml") else data
        for key in fields or ("name", "description"):
            target[key] = payload(f"{path.stem}-{key}")
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = repo / "site"
    res = build(repo, site)
    assert res.returncode == 0, res.stderr
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


PAGES = [f"/esai/{SLUG}/", "/", "/tema/", "/tema/kesepian-keterasingan/", "/sumber/", "/sumber/kumparan/",
         "/penulis/", "/kronologi/", "/kronologi/2025/", "/cari/?kata=alone"]


def test_hand_edited_payloads_never_run(edited_site, browser):
    from urllib.parse import urlsplit
    page = browser.new_page()
    dialogs, hosts, errors = [], set(), []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname))
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in PAGES:
        page.goto(edited_site + path)
        page.wait_for_timeout(600)
        assert page.evaluate(DOM_CHECK) == [], path
        visible = page.evaluate("() => document.body.innerText.length")
        assert visible > 200, (path, visible)        # a comment opener did not blank the page
    page.goto(edited_site + f"/esai/{SLUG}/")
    assert page.locator(".arsip-essay__header h1").inner_text() == payload("title")
    header = page.locator(".arsip-essay__header").text_content()      # the kicker is styled upper-case
    for field in ("author", "affiliation", "section", "tag"):
        assert payload(field) in header, field
    assert payload("kumparan-name") in header
    text = page.locator(".arsip-essay__body").inner_text()
    assert "Secara etimologi" in text and "Subjudul" in text
    page.goto(edited_site + "/tema/")
    assert payload("themes-name") in page.locator("article").inner_text()
    assert payload("themes-description") in page.locator("article").inner_text()
    page.close()
    assert dialogs == []
    assert hosts == {"127.0.0.1"}
    assert errors == []
