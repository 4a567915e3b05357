"""The built site, inspected: pages, listings, essay metadata, links, hosts, size."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from arsip.site.catalog import build_catalog
from arsip.archive.essay import Essay, dump
from arsip.clean.rules import load_sources
from arsip.archive.themes import load_themes

from conftest import ROOT
from sitecheck import SITE_PARTS, broken_links, build, external_assets, html_files, page, soup


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    res = build(ROOT, out)
    assert res.returncode == 0, res.stderr
    assert "WARNING" not in res.stderr, res.stderr
    return out


@pytest.fixture(scope="module")
def catalog():
    return build_catalog(ROOT / "essays", load_themes(ROOT / "data" / "themes.yml"),
                         load_sources(ROOT / "data" / "sources"))


def heading(el) -> str:
    """A heading's text without its permalink."""
    for link in el.select(".headerlink"):
        link.extract()
    return el.get_text(strip=True)


def titles(path):
    return [p.get_text(strip=True) for p in soup(path).select(".arsip-entry__title")]


def test_every_index_and_essay_page_exists(site, catalog):
    urls = ["", "tema/", "sumber/", "penulis/", "kronologi/", "tentang/", "kontribusi/"]
    urls += [f"tema/{t}/" for t in catalog.themes] + [f"sumber/{s}/" for s in catalog.sources]
    urls += [f"penulis/{a}/" for a in catalog.authors] + [e.url for e in catalog.entries]
    for url in urls:
        assert page(site, url).exists(), url
    assert len(catalog.entries) == 5 and len(catalog.authors) == 5


def test_listings_have_the_right_essays_newest_first(site, catalog):
    for tid, entries in catalog.by_theme.items():
        assert titles(page(site, f"tema/{tid}/")) == [e.title for e in entries]
    dated = [e for e in catalog.entries if e.date]
    assert [e.date for e in dated] == sorted((e.date for e in dated), reverse=True)
    kesepian = titles(page(site, "tema/kesepian-keterasingan/"))
    assert kesepian == ["Alone Together: Paradoks Hubungan Manusia Modern",
                        "Media Sosial Twitter: Tempat Ternyaman Menyurahkan Keluh Kesah",
                        "Mengapa Koneksi Sosial Penting untuk Perkembangan Diri di Era Digital"]
    assert titles(page(site, "sumber/depokpos/")) == ["Membangun Solidaritas Sosial di Era Digital"]


def test_index_pages_show_counts_and_descriptions(site, catalog):
    tema = soup(page(site, "tema/"))
    groups = {heading(g.select_one(".arsip-group__title")): g for g in tema.select(".arsip-group")}
    assert len(groups) == 5
    assert groups["Kesepian dan Keterasingan"].select_one(".arsip-group__meta").get_text() == "3 esai"
    sumber = soup(page(site, "sumber/")).get_text(" ", strip=True)
    assert "Pers mahasiswa · 1 esai" in sumber and "Lembaga pers mahasiswa Universitas Andalas" in sumber
    penulis = soup(page(site, "penulis/")).get_text(" ", strip=True)
    assert "Mahasiswa Magister Sosiologi Universitas Gadjah Mada · 1 esai" in penulis


def test_kronologi_groups_by_year_newest_first_undated_last(site):
    doc = soup(page(site, "kronologi/"))
    years = [heading(h) for h in doc.select("article h2")]
    assert years == ["2025", "2022", "2021", "Tanpa tanggal"]


def test_listing_entry_shows_title_authors_date_outlet_themes_summary(site):
    doc = soup(page(site, "tema/solidaritas-digital/"))
    entry = doc.select(".arsip-entry")[0]
    text = entry.get_text(" ", strip=True)
    assert "Bentuk Solidaritas Baru Masyarakat Digital" in text
    assert "Indah Sari Rahmaini · 2 Februari 2021 · TIMES Indonesia" in text
    assert [a.get_text() for a in entry.select(".arsip-chip")] == ["Solidaritas Digital", "Teknologi dan Perubahan Sosial"]
    assert entry.select_one(".arsip-entry__summary").get_text().startswith("Derasnya arus penetrasi digitalisasi")


def test_essay_page_metadata(site):
    doc = soup(page(site, "esai/alone-together-paradoks-hubungan-manusia-modern/"))
    header = doc.select_one(".arsip-essay__header")
    assert header.h1.get_text() == "Alone Together: Paradoks Hubungan Manusia Modern"
    author = header.select_one(".arsip-essay__authors a")
    assert author.get_text() == "Muhammad Adil" and author["href"].endswith("penulis/muhammad-adil/")
    assert "Mahasiswa Ilmu Komunikasi Universitas Andalas" in header.get_text()
    assert header.time["datetime"] == "2025-05-08T16:35:00+07:00" and header.time.get_text() == "8 Mei 2025"
    assert "3 menit membaca" in header.get_text()
    kicker = header.select_one(".arsip-essay__kicker")
    assert kicker.a.get_text() == "kumparan" and kicker.a["href"].endswith("sumber/kumparan/")
    assert "Konten dari Pengguna" in kicker.get_text()
    assert "Baca di sumber asli" not in header.get_text()        # no URL known: no link invented
    prov = doc.select_one(".arsip-provenance").get_text(" ", strip=True)
    assert "raw/kumparan/000_0edb4e42af27e81c.txt" in prov and "Tautan asli Tidak tercatat" in prov
    assert "essays/alone-together-paradoks-hubungan-manusia-modern.md" in prov
    genta = soup(page(site, "esai/media-sosial-twitter-tempat-ternyaman-menyurahkan-keluh-kesah/"))
    assert "Diambil 29 Januari 2026" in genta.select_one(".arsip-provenance").get_text(" ", strip=True)
    assert [t.get_text() for t in genta.select(".arsip-tag")] == ["Konsultasi", "Media Sosial", "Twitter"]


def test_head_has_description_open_graph_and_json_ld(site):
    doc = soup(page(site, "esai/bentuk-solidaritas-baru-masyarakat-digital/"))
    assert doc.find("meta", attrs={"name": "description"})["content"].startswith("Derasnya arus")
    og = {m["property"]: m["content"] for m in doc.find_all("meta", property=True)}
    assert og["og:type"] == "article" and og["article:published_time"] == "2021-02-02T15:10:00+07:00"
    assert og["article:author"] == "Indah Sari Rahmaini" and og["article:section"] == "Kopi TIMES"
    data = json.loads(doc.find("script", type="application/ld+json").string)
    assert data["@type"] == "Article" and data["headline"] == "Bentuk Solidaritas Baru Masyarakat Digital"
    assert data["author"][0]["name"] == "Indah Sari Rahmaini"
    assert data["publisher"]["name"] == "TIMES Indonesia" and data["datePublished"].startswith("2021-02-02")
    assert doc.html["lang"] == "id"


def test_no_broken_internal_links(site):
    assert broken_links(site) == []


def test_no_third_party_hosts(site):
    assert external_assets(site) == []


def test_essays_stay_out_of_the_navigation_and_pages_stay_small(site, catalog):
    home = soup(page(site, ""))
    nav_text = " ".join(n.get_text(" ", strip=True) for n in home.select("nav.md-nav--primary, nav.md-tabs"))
    for e in catalog.entries:
        assert e.title not in nav_text
        assert page(site, e.url).stat().st_size < 40_000


# --- fixture archives ---------------------------------------------------------

def _essay(slug, title, date, authors, source="kumparan", themes=("kesepian-keterasingan",), summary="Ringkasan."):
    meta = {"title": title, "authors": [{"name": n, "affiliation": a} for n, a in authors], "date": date,
            "source": {"id": source, "name": source, "section": None, "url": None}, "retrieved": None,
            "themes": list(themes), "tags": [], "language": "id", "summary": summary, "reading_time": 1,
            "raw": {"path": f"raw/{source}/{slug}.txt", "sha256": "0" * 64}}
    return Essay(slug, meta, "Isi esai yang cukup panjang.\n\n## Bagian\n\nLanjutan isi.\n")


@pytest.fixture
def small_archive(tmp_path):
    for part in SITE_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / part)
    (tmp_path / "essays").mkdir()
    essays = [
        _essay("satu", "Esai Satu", "2024-03-01", [("Ani Wijaya", "Dosen Universitas X"), ("Budi Santoso", None)]),
        _essay("dua", "Esai <script>alert(1)</script> \"Dua\" & [tiga](javascript:x)", "2024-07-15T10:00:00+07:00",
               [("Ani Wijaya", None)], themes=("kesepian-keterasingan", "solidaritas-digital"),
               summary="Ringkasan <img src=x onerror=alert(1)> dengan *bintang*."),
        _essay("tiga", "Esai Tanpa Tanggal", None, [], source="depokpos"),
    ]
    for e in essays:
        (tmp_path / "essays" / f"{e.slug}.md").write_text(dump(e), encoding="utf-8")
    return tmp_path


def test_fixture_archive_builds_with_right_groups(small_archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("small")
    res = build(small_archive, out)
    assert res.returncode == 0, res.stderr
    kesepian = titles(page(out, "tema/kesepian-keterasingan/"))
    assert kesepian[0].startswith("Esai <script>") and kesepian[1:] == ["Esai Satu", "Esai Tanpa Tanggal"]
    years = [heading(h) for h in soup(page(out, "kronologi/")).select("article h2")]
    assert years == ["2024", "Tanpa tanggal"]
    ani = soup(page(out, "penulis/ani-wijaya/"))
    assert titles(page(out, "penulis/ani-wijaya/")) == [kesepian[0], "Esai Satu"]
    assert "Dosen Universitas X" in ani.get_text()
    undated = soup(page(out, "esai/tiga/"))
    assert "Tanggal terbit tidak diketahui" in undated.get_text()
    assert broken_links(out) == []


def test_essay_text_is_shown_as_text_never_run(small_archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("inj")
    assert build(small_archive, out).returncode == 0
    for html in html_files(out):
        doc = soup(html)
        for script in doc.find_all("script"):
            assert "alert(1)" not in (script.string or "") or script.get("type") == "application/ld+json", html
        assert not doc.find("img", src="x")
        assert not doc.find("a", href="javascript:x")
        assert not doc.find(attrs={"onerror": True})
    head = soup(page(out, "esai/dua/")).head
    assert head.title.get_text() == 'Esai <script>alert(1)</script> "Dua" & [tiga](javascript:x) - Arsip Esai'
    assert head.find("meta", attrs={"name": "description"})["content"].startswith("Ringkasan <img src=x")
    assert head.find("meta", property="og:title")["content"].startswith('Esai <script>alert(1)</script> "Dua"')
    essay = soup(page(out, "esai/dua/"))
    assert essay.h1.get_text() == "Esai <script>alert(1)</script> \"Dua\" & [tiga](javascript:x)"
    ld = json.loads(essay.find("script", type="application/ld+json").string)
    assert ld["headline"].startswith("Esai <script>")


def test_invalid_essay_fails_the_strict_build_naming_file_and_field(small_archive, tmp_path_factory):
    bad = small_archive / "essays" / "satu.md"
    bad.write_text(bad.read_text().replace("date: '2024-03-01'", "date: '2024-13-01'"), encoding="utf-8")
    res = build(small_archive, tmp_path_factory.mktemp("bad"))
    assert res.returncode != 0
    assert "essays/satu.md: date" in res.stderr


def test_unknown_theme_fails_the_build(small_archive, tmp_path_factory):
    bad = small_archive / "essays" / "tiga.md"
    bad.write_text(bad.read_text().replace("kesepian-keterasingan", "tema-hilang"), encoding="utf-8")
    res = build(small_archive, tmp_path_factory.mktemp("bad2"))
    assert res.returncode != 0 and "essays/tiga.md: themes: unknown theme 'tema-hilang'" in res.stderr


@pytest.mark.parametrize("dirty", [[], ["--dirty"]], ids=["serve", "serve-dirty"])
def test_serve_rebuilds_essay_page_and_listings_after_an_edit(small_archive, dirty):
    """`mkdocs serve` watches essays/: an edit shows up without a restart, with
    --dirty (`make serve`: only the affected pages rebuilt) and without."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f",
                             str(small_archive / "mkdocs.yml"), "-a", f"127.0.0.1:{port}", *dirty],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**__import__("os").environ,
                                                                                  "NO_MKDOCS_2_WARNING": "1"})

    def fetch(path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                return r.read().decode()
        except OSError:
            return ""

    def wait_for(path, text, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if text in fetch(path):
                return True
            time.sleep(0.5)
        return False

    try:
        assert wait_for("/esai/satu/", "Esai Satu")
        essay = small_archive / "essays" / "satu.md"
        essay.write_text(essay.read_text().replace("title: Esai Satu", "title: Esai Satu yang Diperbarui"),
                         encoding="utf-8")
        assert wait_for("/esai/satu/", "Esai Satu yang Diperbarui")
        assert wait_for("/tema/kesepian-keterasingan/", "Esai Satu yang Diperbarui")
        assert wait_for("/penulis/budi-santoso/", "Esai Satu yang Diperbarui")
        # Pagefind indexes in the background while serving: the index still appears
        assert wait_for("/pagefind/pagefind-entry.json", '"page_count":')
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_kronologi_has_a_page_per_year(site, catalog):
    for year, essays in catalog.by_year:
        slug = "tanpa-tanggal" if year == "Tanpa tanggal" else year
        assert titles(page(site, f"kronologi/{slug}/")) == [e.title for e in essays]
    links = [a["href"] for a in soup(page(site, "kronologi/")).select(".arsip-count a")]
    assert links == ["2025/", "2022/", "2021/", "tanpa-tanggal/"]


def test_kronologi_shows_the_latest_of_a_big_year_and_links_the_rest():
    """A year of 25 essays: the kronologi page lists 20, the year's page all 25."""
    import sys
    from pathlib import Path
    from arsip.site.sitepages import KRONOLOGI_PER_YEAR, index_pages
    sys.path.insert(0, str(Path(__file__).parent))
    from test_reader import synthetic_catalog
    cat = synthetic_catalog(n_per_group=9)                    # 27 essays, all in 2024
    pages = index_pages(cat)
    (shown, _level), = pages["kronologi/index.md"].listings
    assert len(shown) == KRONOLOGI_PER_YEAR == 20
    assert "20 esai terbaru dari 27" in pages["kronologi/index.md"].markdown
    (everything, _), = pages["kronologi/2024.md"].listings
    assert len(everything) == 27 and everything[:20] == shown


def test_long_listings_are_paged(tmp_path):
    """A theme of 90 essays: page 1 and page 2 list 50 and 40, newest first, linked
    both ways (Markdown links between page sources: a strict build fails on a
    broken one)."""
    import sys
    from pathlib import Path
    from arsip.site.sitepages import PER_PAGE, index_pages
    sys.path.insert(0, str(Path(__file__).parent))
    from test_reader import synthetic_catalog
    cat = synthetic_catalog(n_per_group=60)
    pages = index_pages(cat)
    theme = "kesepian-keterasingan"
    first, second = pages[f"tema/{theme}.md"], pages[f"tema/{theme}/2.md"]
    (one, _), = first.listings
    (two, _), = second.listings
    assert len(one) == PER_PAGE == 50 and len(two) == len(cat.by_theme[theme]) - 50 == 40
    assert one + two == cat.by_theme[theme]
    assert f"tema/{theme}/3.md" not in pages
    assert "[Berikutnya →](kesepian-keterasingan/2.md)" in first.markdown and "Halaman 1 dari 2" in first.markdown
    assert "[← Sebelumnya](../kesepian-keterasingan.md)" in second.markdown
    assert "90 esai" in second.markdown and "title: Kesepian dan Keterasingan (halaman 2)" in second.markdown


@pytest.mark.parametrize("switch", ["ARSIP_FRAGMENT_CACHE", "ARSIP_MARKDOWN_REUSE"])
def test_shortcuts_of_the_build_write_what_each_page_renders_without_them(tmp_path, switch):
    """main.html renders the tabs, nav, footer and config once per folder of pages
    outside the nav (ARSIP_FRAGMENT_CACHE); generated pages are converted by one
    Markdown instance per build (ARSIP_MARKDOWN_REUSE, converting.py). A build without
    either must write the same pages, byte for byte (on an archive with paged theme,
    outlet and author listings)."""
    import filecmp
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate
    project = generate(120, tmp_path / "arsip", seed=3)
    cached, plain = tmp_path / "cached", tmp_path / "plain"
    assert build(project, cached).returncode == 0
    assert build(project, plain, **{switch: "0"}).returncode == 0
    pages = sorted(p.relative_to(cached) for p in cached.rglob("*.html"))
    assert len(pages) > 150 and any(p.parts[0] == "tema" and len(p.parts) == 4 for p in pages)   # tema/<id>/2/
    assert sorted(p.relative_to(plain) for p in plain.rglob("*.html")) == pages
    assert [p for p in pages if not filecmp.cmp(cached / p, plain / p, shallow=False)] == []


def test_hostile_essays_converted_by_the_reused_converter_as_by_mkdocs(small_archive, tmp_path):
    """A title full of quotes, brackets, a colon and markup, and a summary with raw HTML:
    the build's one Markdown converter (converting.py) writes the same pages as MkDocs
    converting each page itself (ARSIP_MARKDOWN_REUSE=0)."""
    import filecmp
    ours, mkdocs_own = tmp_path / "ours", tmp_path / "own"
    assert build(small_archive, ours).returncode == 0
    assert build(small_archive, mkdocs_own, ARSIP_MARKDOWN_REUSE="0").returncode == 0
    pages = sorted(p.relative_to(ours) for p in ours.rglob("*.html"))
    assert Path("esai/dua/index.html") in pages
    assert [p for p in pages if not filecmp.cmp(ours / p, mkdocs_own / p, shallow=False)] == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from Linux's /proc")
def test_card_workers_end_with_the_build_process():
    """`mkdocs serve` stopped by SIGTERM (a process manager, `kill`) leaves no card
    worker behind: forked workers would otherwise wait on their task pipe for ever."""
    import signal
    import subprocess
    import sys
    import time

    def running(pid: int) -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in ("Z", "X")

    script = ("import sys, time; sys.path.insert(0, %r)\n"
              "from arsip.site.cardmaker import CardWorkers\n"
              "w = CardWorkers(jobs=2); print(*w.pids, flush=True); time.sleep(60)\n") % str(ROOT / "scripts")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert pids and all(running(p) for p in pids)
    proc.send_signal(signal.SIGTERM)
    proc.wait(10)
    deadline = time.monotonic() + 10
    while any(running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in pids if running(p)], "card workers outlived their build process"
