"""Untrusted text never runs: injection payloads in a raw article and in hand-edited
front matter, cleaned, ingested, built, and opened in headless Chromium."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest
import yaml

from arsip.cli import main

from conftest import ROOT
from sitecheck import SITE_PARTS, build
from browserfix import _QuietHandler

PAYLOADS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=alert('img')>",
    '<iframe src="https://evil.example/frame"></iframe>',
    "<svg onload=alert('svg')>",
    '<a href="javascript:alert(\'js-link\')">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "[tautan markdown](javascript:alert('md-link'))",
    "![gambar](https://evil.example/pixel.png)",
    "![gambar data](data:image/svg+xml,<svg onload=alert('md-img')>)",
    "<!-- komentar HTML -->",
    "{{ config.site_name }} dan {% include 'base.html' %}",
    "<style>body{background:url(https://evil.example/bg.png)}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
]
TITLE = "Judul <script>alert('title')</script> & \"kutip\" {{ x }}"
AUTHOR = "Nama <img src=x onerror=alert('author')>"


def raw_article() -> str:
    lines = ["Judul Esai Tentang Kota dan Kesepian Kita", "", "Oleh: Rina Kartika", ""]
    for i, p in enumerate(PAYLOADS):
        lines += [f"Paragraf ke-{i} dari esai yang cukup panjang untuk dikenali sebagai tulisan utuh: {p} "
                  "dan kalimat ini masih berlanjut dengan beberapa kata lagi.", ""]
    lines += ["---", "", "Penutup esai yang panjang dan berisi kalimat lengkap tentang kesepian di kota besar.", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    repo = tmp_path_factory.mktemp("inject")
    for part in ("raw", "data", "essays", *SITE_PARTS):
        src = ROOT / part
        if not (repo / part).exists():
            (shutil.copytree if src.is_dir() else shutil.copy)(src, repo / part)
    src = repo / "payload.txt"
    src.write_text(raw_article(), encoding="utf-8")
    assert main(["--root", str(repo), "add", str(src), "--source", "kumparan", "--title", TITLE,
                 "--theme", "kesepian-keterasingan"]) == 0
    # a contributor's hand edits: author name with markup, an http(s) URL
    manifest = repo / "raw" / "manifest.yml"
    data = yaml.safe_load(manifest.read_text())
    data["articles"][-1]["overrides"]["authors"] = [{"name": AUTHOR, "affiliation": "<b>Afiliasi</b>"}]
    data["articles"][-1]["url"] = "https://evil.example/asli?<script>"
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert main(["--root", str(repo), "ingest", "--force"]) == 0
    site = repo / "site"
    res = build(repo, site)
    assert res.returncode == 0, res.stderr
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", repo
    httpd.shutdown()


def test_raw_article_text_is_escaped_in_the_essay(hostile_site):
    _, repo = hostile_site
    [essay] = [p for p in (repo / "essays").glob("judul-*.md")]
    text = essay.read_text(encoding="utf-8")
    front, body = text[4:].split("\n---\n", 1)
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "\n---\n" not in body                  # the separator line cannot end the front matter
    assert yaml.safe_load(front)["title"] == TITLE


PAGES = ["/", "/tema/kesepian-keterasingan/", "/penulis/", "/kronologi/", "/cari/?kata=paragraf"]

DOM_CHECK = """() => {
  const bad = []
  const allowed = s => /\\/(assets|pagefind)\\//.test(s)
  for (const s of document.scripts) {
    if (s.src && !allowed(new URL(s.src).pathname)) bad.push('script src ' + s.src)
    if (!s.src && /alert\\(/.test(s.textContent) && s.type !== 'application/ld+json') bad.push('inline script ' + s.textContent.slice(0, 80))
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(el.tagName + ' ' + a.name)
      if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\\s*(javascript|data):/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 40))
    }
  }
  for (const t of ['iframe', 'object', 'embed', 'svg [onload]']) if (document.querySelector('article ' + t)) bad.push(t)
  if (document.querySelector('article img[src="x"]')) bad.push('img src=x')
  return bad
}"""


def test_no_payload_runs_or_loads_in_the_browser(hostile_site, browser):
    from urllib.parse import urlsplit
    base, repo = hostile_site
    [essay] = [p.stem for p in (repo / "essays").glob("judul-*.md")]
    page = browser.new_page()
    dialogs, hosts, errors = [], set(), []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname))
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in [f"/esai/{essay}/", *PAGES]:
        page.goto(base + path)
        page.wait_for_timeout(700)
        assert page.evaluate(DOM_CHECK) == [], path
    page.goto(base + f"/esai/{essay}/")
    h1 = page.locator(".arsip-essay__header h1").inner_text()
    assert h1 == TITLE
    assert AUTHOR in page.locator(".arsip-essay__authors").inner_text()
    body = page.locator(".arsip-essay__body").inner_text()
    for payload in PAYLOADS[:6]:
        assert payload in body
    ld = json.loads(page.locator("script[type='application/ld+json']").text_content())
    assert ld["headline"] == TITLE and ld["author"][0]["name"] == AUTHOR
    # the header search shows the payloads as text too
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("paragraf", delay=15)
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate(DOM_CHECK) == []
    page.close()
    assert dialogs == []
    assert hosts == {"127.0.0.1"}
    assert errors == []
