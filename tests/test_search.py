"""Search as a reader uses it, in headless Chromium: Material's header box backed by
Pagefind with Indonesian roots, and the /cari/ page with facets."""
from __future__ import annotations

import re

import pytest

from searchcheck import header_search, query_set, recall_at


@pytest.fixture(scope="module")
def sharded_server(tmp_path_factory):
    """The seed archive indexed in three shards (``search_shard_size: 2``), as a big
    archive is in shards of 3,500: the browser merges them with ``mergeIndex``."""
    import functools
    import http.server
    import shutil
    import threading

    from browserfix import _QuietHandler
    from conftest import ROOT
    from sitecheck import SITE_PARTS, build

    project = tmp_path_factory.mktemp("sharded")
    for part in (*SITE_PARTS, "essays"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / part)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "plugins:\n  - arsip\n" in text
    config.write_text(text.replace("plugins:\n  - arsip\n", "plugins:\n  - arsip:\n      search_shard_size: 2\n"),
                      encoding="utf-8")
    site = project / "site"
    res = build(project, site)
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in site.glob("pagefind*")) == ["pagefind", "pagefind-2", "pagefind-3"]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(params=["one index", "three shards"])
def any_server(request):
    return request.getfixturevalue("server" if request.param == "one index" else "sharded_server")


def test_query_set_recall_at_5_is_complete(reader, any_server):
    server = any_server
    reader.goto(server + "/")
    queries, names = query_set()
    assert len(queries) >= 20
    recall, misses = recall_at(queries, names, lambda q: header_search(reader, q))
    assert misses == [] and recall == 1.0
    assert reader.errors == [] and reader.hosts == {"127.0.0.1"}


@pytest.mark.parametrize("variants, essays", [
    (["keterhubungan", "terhubung", "hubungan"], 4),
    (["kesepian", "sepi"], 3),
    (["berdonasi", "donasi"], 1),
])
def test_morphological_variants_find_the_same_essays(reader, server, variants, essays):
    reader.goto(server + "/")
    found = [set(header_search(reader, v)) for v in variants]
    assert all(f == found[0] for f in found) and len(found[0]) == essays


def test_snowball_false_friends_do_not_match(reader, server):
    # Snowball stems "empati" to "empat" (four); roots keep them apart
    reader.goto(server + "/")
    assert header_search(reader, "empati") == ["alone-together-paradoks-hubungan-manusia-modern"]


def test_result_shows_highlighted_excerpt_and_opens_essay_highlighted(reader, server):
    reader.goto(server + "/")
    reader.keyboard.press("/")
    reader.locator(".md-search__input").press_sequentially("filantropi", delay=15)
    first = reader.locator(".md-search-result__item").first
    first.wait_for()
    assert first.locator("mark").first.inner_text().lower() == "filantropi"
    first.locator("a").first.click()
    reader.wait_for_url(re.compile(r".*/esai/bentuk-solidaritas-baru-masyarakat-digital/\?h=filantropi"))
    # Material marks the terms once its search worker is ready, after the page loads
    reader.locator(".arsip-essay__body mark").first.wait_for(timeout=15_000)
    assert reader.locator(".arsip-essay__body mark").count() >= 2
    assert reader.errors == []


def wait_status(page):
    page.wait_for_function("() => { const s = document.querySelector('[data-status]');"
                           " return s && s.textContent && !s.textContent.startsWith('Mencari') }")
    return page.locator("[data-status]").inner_text()


def titles(page):
    return page.locator(".arsip-cari__results .arsip-entry__title").all_inner_texts()


def test_search_page_facets_narrow_and_count(reader, any_server):
    server = any_server
    reader.goto(server + "/cari/")
    assert wait_status(reader) == "Menampilkan semua 5 esai."
    reader.locator("#arsip-q").press_sequentially("solidaritas", delay=15)
    reader.wait_for_function("() => document.querySelector('[data-status]').textContent === '2 esai ditemukan.'")
    label = reader.locator("label", has_text="TIMES Indonesia")
    assert label.inner_text().endswith("(1)")
    label.click()
    reader.wait_for_function("() => document.querySelector('[data-status]').textContent === '1 esai ditemukan.'")
    assert titles(reader) == ["Bentuk Solidaritas Baru Masyarakat Digital"]
    assert "kata=solidaritas" in reader.url and "sumber=TIMES+Indonesia" in reader.url
    assert reader.errors == [] and reader.hosts == {"127.0.0.1"}


def test_search_page_url_restores_the_search(reader, any_server):
    server = any_server
    reader.goto(server + "/cari/?kata=kesepian&tema=Relasi+dan+Koneksi+Sosial&urut=terbaru")
    assert wait_status(reader) == "2 esai ditemukan."
    assert reader.locator("#arsip-q").input_value() == "kesepian"
    assert reader.locator("#arsip-urut").input_value() == "terbaru"
    assert reader.get_by_label(re.compile("^Relasi dan Koneksi Sosial")).is_checked()
    # newest first; the undated essay comes last
    assert titles(reader) == ["Alone Together: Paradoks Hubungan Manusia Modern",
                              "Mengapa Koneksi Sosial Penting untuk Perkembangan Diri di Era Digital"]
    assert reader.locator(".arsip-cari__results mark").count() >= 1
    assert reader.errors == []


def test_search_page_is_keyboard_usable(reader, server):
    reader.goto(server + "/cari/")
    wait_status(reader)
    reader.locator("#arsip-q").focus()
    reader.keyboard.type("twitter")
    reader.keyboard.press("Enter")
    reader.wait_for_function("() => document.querySelector('[data-status]').textContent === '2 esai ditemukan.'")
    reader.keyboard.press("Tab")      # to the order select
    reader.keyboard.press("Tab")      # to the button
    reader.keyboard.press("Tab")      # to the first facet checkbox
    reader.keyboard.press("Space")
    assert reader.locator(".arsip-cari__facet input:checked").count() == 1


def test_browser_roots_agree_with_the_build(reader, server):
    """The browser finds archive words in the sharded map (same FNV-1a hash as the
    build), so it never needs the fallback stemmer for them; and the fallback stems
    words the archive lacks against the archive's roots."""
    from arsip.archive.themes import stem
    words = ["kesepian", "keterhubungan", "terhubung", "kepedulian", "berinteraksi", "mencurahkan"]
    reader.goto(server + "/")
    requested = []
    reader.on("request", lambda r: requested.append(r.url))
    got = reader.evaluate("""async words => {
        const e = await import("/assets/javascripts/arsip/pencarian.mjs")
        await e.setup(location.origin + "/")
        return Promise.all(words.map(w => e.root(w)))
    }""", words)
    assert got == [stem(w) for w in words]
    assert not any(u.endswith("/akar/kamus.json") for u in requested)
    unseen = reader.evaluate("""async () => (await import("/assets/javascripts/arsip/pencarian.mjs")).root("menghubungkan")""")
    assert unseen == "hubung"
    assert any(u.endswith("/akar/kamus.json") for u in requested)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A small archive whose essay text and title carry HTML and script."""
    import functools
    import http.server
    import shutil
    import threading

    from arsip.archive.essay import dump
    from conftest import ROOT
    from sitecheck import SITE_PARTS, build
    from browserfix import _QuietHandler
    from test_site import _essay

    project = tmp_path_factory.mktemp("hostile")
    for part in SITE_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / part)
    (project / "essays").mkdir()
    essay = _essay("racun", "Judul <img src=x onerror=alert(1)>", "2024-01-02", [("Ani Wijaya", None)])
    essay.body = ("Paragraf tentang kesepian \\<script\\>alert(2)\\</script\\> dan &lt;img src=x "
                  "onerror=alert(3)&gt; yang harus tampil sebagai teks.\n")
    (project / "essays" / "racun.md").write_text(dump(essay), encoding="utf-8")
    site = project / "site"
    assert build(project, site).returncode == 0
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_html_in_essays_stays_text_in_search_results(reader, hostile_server):
    dialogs = []
    reader.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    reader.goto(hostile_server + "/")
    reader.keyboard.press("/")
    reader.locator(".md-search__input").press_sequentially("kesepian", delay=15)
    item = reader.locator(".md-search-result__item").first
    item.wait_for()
    assert "<img src=x onerror=alert(1)>" in item.inner_text()
    assert reader.locator(".md-search-result img").count() == 0
    reader.goto(hostile_server + "/cari/?kata=kesepian")
    reader.wait_for_function("() => document.querySelector('[data-status]').textContent === '1 esai ditemukan.'")
    assert reader.locator(".arsip-cari__results img, .arsip-cari__results script").count() == 0
    assert "alert(2)" in reader.locator(".arsip-cari__results").inner_text()
    assert dialogs == [] and reader.errors == []
