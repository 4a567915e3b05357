"""Reader features: citations (APA text, BibTeX, RIS, Highwire tags, JSON-LD), Atom
feeds, related essays, share cards, previous/next within a theme."""
from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import urllib.request
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from arsip.site.cardmaker import CardMaker, CardWorkers
from arsip.site.cards import Card, render
from arsip.site.catalog import Entry, build_catalog, catalog_of
from arsip.site.cite import Citation, Person, apa, bibtex, highwire, ris
from arsip.archive.essay import Essay
from arsip.site.related import related
from arsip.clean.rules import load_sources
from arsip.archive.themes import load_themes

from conftest import ROOT
from regen_cite import BASE, expected
from sitecheck import build, page, soup

FIXTURES = ROOT / "tests" / "fixtures" / "cite"


@pytest.fixture(scope="module")
def catalog():
    return build_catalog(ROOT / "essays", load_themes(ROOT / "data" / "themes.yml"),
                         load_sources(ROOT / "data" / "sources"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The archive built as the deploy workflow builds it: with its public address."""
    out = tmp_path_factory.mktemp("site")
    res = build(ROOT, out, ARSIP_SITE_URL=BASE)
    assert res.returncode == 0, res.stderr
    return out


# --- citations -------------------------------------------------------------------

def test_citations_of_the_seeds_match_the_hand_checked_files():
    files = expected()
    assert len(files) == 15
    for name, data in files.items():
        assert (FIXTURES / name).read_bytes() == data, f"{name} changed: review it, then run tests/regen_cite.py"


def cite(**kw) -> Citation:
    base = dict(key="k", title="Judul", authors=(Person("Muhammad Adil", None),), date="2025-05-08",
                outlet="kumparan", section=None, original_url=None, archive_url="https://a.example/esai/x/",
                retrieved=None, themes=(), summary="Ringkasan.")
    return Citation(**{**base, **kw})


def test_apa_lists_authors_and_dates_as_apa_does():
    three = (Person("Ayu Lestari", None), Person("Budi", None), Person("Citra Dewi Putri", None))
    text = apa(cite(authors=three, date=None, original_url="https://kumparan.com/x", retrieved="2026-01-29"))
    assert text.startswith("Lestari, A., Budi, & Putri, C. D. (t.t.). Judul. kumparan. https://kumparan.com/x "
                           "Diakses 29 Januari 2026. Diarsipkan di Arsip Esai: https://a.example/esai/x/.")
    assert apa(cite(authors=(), title="Tanpa Penulis")).startswith("Tanpa Penulis. (2025, 8 Mei). kumparan.")


def test_bibtex_escapes_what_latex_would_read_as_commands():
    text = bibtex(cite(title="50% & {lebih} #1 $x_y", authors=(Person("Ségolène d'Arc", None),)))
    assert r"title        = {{50\% \& \{lebih\} \#1 \$x\_y}}" in text
    assert "author       = {d'Arc, Ségolène}" in text
    assert text.count("{") == text.count("}") + text.count(r"\}") - text.count(r"\{")


def test_ris_is_one_record_with_crlf_lines():
    text = ris(cite(authors=(Person("Ayu Lestari", None), Person("Jenia", None)), retrieved="2026-01-29"))
    lines = text.split("\r\n")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    assert "AU  - Lestari, Ayu" in lines and "AU  - Jenia" in lines and "Y2  - 2026/01/29" in lines
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", ln) for ln in lines[:-1])


def test_every_essay_page_offers_the_citation_bibtex_and_ris(site, catalog):
    files = expected()
    for e in catalog.entries:
        html = soup(page(site, e.url))
        block = html.select_one("section.arsip-cite")
        assert block is not None and block.select_one("h2").get_text(strip=True) == "Kutip esai ini"
        shown = " ".join(block.select_one("#arsip-kutipan").get_text().split())
        assert shown == files[f"{e.slug}.txt"].decode().strip()
        assert block.select_one("em").get_text() == e.source.name       # the outlet in italics
        links = {a["href"]: a for a in block.select("a[download]")}
        assert set(links) == {"kutip.bib", "kutip.ris"}
        assert (site / e.url / "kutip.bib").read_bytes() == files[f"{e.slug}.bib"]
        assert (site / e.url / "kutip.ris").read_bytes() == files[f"{e.slug}.ris"]
        assert block.select_one("button[data-arsip-copy]") is not None


def test_highwire_tags_and_json_ld_agree(site, catalog):
    for e in catalog.entries:
        html = soup(page(site, e.url))
        tags: dict[str, list[str]] = {}
        for m in html.select("meta[name^=citation_]"):
            tags.setdefault(m["name"], []).append(m["content"])
        assert tags["citation_title"] == [e.title]
        assert tags["citation_author"] == [a.name for a, _ in e.authors]
        assert tags["citation_journal_title"] == [e.source.name]
        assert tags["citation_fulltext_html_url"] == [f"{BASE}{e.url}"]
        data = json.loads(html.select_one('script[type="application/ld+json"]').string)
        assert data["name"] == tags["citation_title"][0]
        assert [a["name"] for a in data["author"]] == tags["citation_author"]
        assert data["publisher"]["name"] == tags["citation_journal_title"][0]
        if e.date:
            assert tags["citation_publication_date"] == [e.date[:10].replace("-", "/")]
            assert data["datePublished"][:10] == e.date[:10]
        else:
            assert "citation_publication_date" not in tags and "datePublished" not in data


def test_highwire_leaves_out_a_relative_address():
    assert "citation_fulltext_html_url" not in dict(highwire(cite(archive_url="esai/x/")))


# --- feeds -----------------------------------------------------------------------

def serve(folder: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def feed_paths(catalog) -> list[str]:
    return (["feed.xml"] + [f"feed-tema-{t}.xml" for t in catalog.themes]
            + [f"feed-sumber-{s}.xml" for s in catalog.sources])


def test_feeds_are_valid_atom_newest_first(site, catalog):
    paths = feed_paths(catalog)
    assert len(paths) == 1 + len(catalog.themes) + len(catalog.sources)
    for path in paths:
        d = feedparser.parse((site / path).read_bytes())
        assert not d.bozo, (path, d.get("bozo_exception"))
        assert d.version == "atom10" and d.feed.title and d.feed.updated
        kind, _, key = path.removesuffix(".xml").removeprefix("feed-").partition("-")
        dated = [e for e in (catalog.entries if path == "feed.xml" else
                             catalog.by_theme[key] if kind == "tema" else catalog.by_source[key]) if e.date]
        assert [x.title for x in d.entries] == [e.title for e in dated]
        stamps = [x.published_parsed for x in d.entries]
        assert stamps == sorted(stamps, reverse=True)
        for x, e in zip(d.entries, dated):
            assert x.link == f"{BASE}{e.url}"
            assert [a.name for a in x.authors] == [a.name for a, _ in e.authors]
            assert x.summary == e.meta["summary"]
            assert {t.term for t in x.tags} >= {t.id for t in e.themes}
            assert x.id == f"tag:arsip-esai,{e.date[:4]}:esai/{e.slug}"


def test_pages_advertise_their_feed(site, catalog):
    from urllib.parse import urljoin

    def alternates(url):
        links = soup(page(site, url)).select('link[rel=alternate][type="application/atom+xml"]')
        return [urljoin(BASE + url, link["href"]) for link in links]
    assert alternates("") == [f"{BASE}feed.xml"]
    for tid in catalog.themes:
        assert alternates(f"tema/{tid}/") == [f"{BASE}feed.xml", f"{BASE}feed-tema-{tid}.xml"]
    for sid in catalog.sources:
        assert alternates(f"sumber/{sid}/") == [f"{BASE}feed.xml", f"{BASE}feed-sumber-{sid}.xml"]
    assert alternates(catalog.entries[0].url) == [f"{BASE}feed.xml"]    # an essay: the archive's feed


def test_a_feed_reader_follows_a_local_build(tmp_path, catalog):
    """Without a public address the feed's links are relative; a reader fetching the
    feed resolves them and reaches the essays."""
    out = tmp_path / "site"
    assert build(ROOT, out).returncode == 0
    httpd, base = serve(out)
    try:
        d = feedparser.parse(f"{base}/feed-tema-kesepian-keterasingan.xml")
        assert not d.bozo and d.entries
        for x in d.entries:
            assert x.link.startswith(base + "/esai/")
            with urllib.request.urlopen(x.link) as r:
                assert r.status == 200 and x.title.encode() in r.read()
    finally:
        httpd.shutdown()


# --- related essays --------------------------------------------------------------

def test_each_seed_first_related_essay_shares_a_theme(catalog):
    rel = related(catalog)
    for e in catalog.entries:
        assert 1 <= len(rel[e.slug]) <= 3 and e not in rel[e.slug]
        assert {t.id for t in rel[e.slug][0].themes} & {t.id for t in e.themes}, e.slug


GROUPS = {
    "kesepian-keterasingan": "kesepian sunyi terasing menyendiri hampa rindu sepi kamar malam",
    "solidaritas-digital": "donasi galang dana gotong royong relawan bantuan bencana solidaritas warga",
    "media-sosial-ekspresi-diri": "unggahan swafoto pengikut algoritma linimasa konten viral influencer",
}


def synthetic_catalog(n_per_group: int = 30):
    themes = load_themes(ROOT / "data" / "themes.yml")
    sources = load_sources(ROOT / "data" / "sources")
    essays = []
    filler = "ini adalah sebuah esai tentang kehidupan sehari-hari di kota yang ramai dan sibuk".split()
    for g, (tid, vocab) in enumerate(GROUPS.items()):
        words = vocab.split()
        for i in range(n_per_group):
            body = " ".join(words[(i + k) % len(words)] for k in range(40)) + " " + " ".join(filler * 3)
            slug = f"g{g}-e{i:03d}"
            other = list(GROUPS)[(g + 1) % 3]
            meta = {"title": f"Esai {slug}", "authors": [{"name": "Penulis Uji", "affiliation": None}],
                    "date": f"2024-01-{i % 28 + 1:02d}", "source": {"id": "kumparan", "name": "kumparan",
                                                                      "section": None, "url": None},
                    "retrieved": None, "themes": [tid] if i % 2 else [tid, other], "tags": [], "language": "id",
                    "summary": "Ringkasan.", "reading_time": 1, "raw": {"path": f"raw/x/{slug}.txt", "sha256": "0" * 64}}
            essays.append((Essay(slug, meta, body + "\n"), Path(f"{slug}.md")))
    return catalog_of(essays, themes, sources)


def test_related_essays_come_from_the_same_kind_of_text():
    cat = synthetic_catalog()
    rel = related(cat)
    for e in cat.entries:
        group = e.slug[:2]
        assert len(rel[e.slug]) == 3
        assert all(r.slug[:2] == group for r in rel[e.slug]), (e.slug, [r.slug for r in rel[e.slug]])
    assert related(cat) == rel                                    # deterministic


def test_related_essays_are_on_the_page(site, catalog):
    rel = related(catalog)
    for e in catalog.entries:
        links = [a["href"] for a in soup(page(site, e.url)).select("section.arsip-related a")]
        assert [h.rstrip("/").rsplit("/", 1)[-1] for h in links] == [r.slug for r in rel[e.slug]]


# --- share cards -----------------------------------------------------------------

def test_every_essay_has_its_share_card(site, catalog):
    for e in catalog.entries:
        card = site / e.url / "kartu.png"
        with Image.open(card) as img:
            assert img.format == "PNG" and img.size == (1200, 630)
        html = soup(page(site, e.url))
        assert html.select_one('meta[property="og:image"]')["content"] == f"{BASE}{e.url}kartu.png"
        assert html.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


def test_cards_fit_any_title_and_are_drawn_once(tmp_path):
    long = Card("Sangat " * 80 + "panjang", "Nama Penulis yang Juga Sangat Panjang " * 5, "Outlet " * 20, "Arsip Esai")
    with Image.open(__import__("io").BytesIO(render(long))) as img:
        assert img.size == (1200, 630)
    cards = {f"esai/e{i}/kartu.png": Card(f"Judul {i}", "A", "B", "Arsip Esai") for i in range(12)}
    workers = CardWorkers(jobs=2)
    try:
        first = CardMaker(tmp_path / "cache", workers)
        first.start(cards)
        assert first.finish(tmp_path / "site") == 12
        again = CardMaker(tmp_path / "cache", workers)
        again.start(cards)
        assert again.finish(tmp_path / "site2") == 0
        # without workers given, a maker starts its own and stops them when done
        alone = CardMaker(tmp_path / "cache-2")
        alone.start(cards)
        assert alone.finish(tmp_path / "site3") == 12 and alone.own is None
    finally:
        workers.close()
    assert (tmp_path / "site2" / "esai" / "e3" / "kartu.png").read_bytes() == \
        (tmp_path / "site" / "esai" / "e3" / "kartu.png").read_bytes()


def test_a_card_png_holds_the_pixels_it_was_drawn_with(monkeypatch):
    """cards.png writes the PNG itself (ISA-L's deflate, zlib where it is missing):
    any PNG reader gets back the very pixels and palette, whichever deflate wrote it."""
    import io
    import zlib
    import numpy
    from arsip.site import cards
    img = cards._blank("Arsip Esai").copy()
    cards._line(img, (72, 200), "Judul Esai tentang Kota dan Warganya", "Bold", 68, cards.INK)
    for deflate in (cards._deflate, zlib):
        monkeypatch.setattr(cards, "_deflate", deflate)
        with Image.open(io.BytesIO(cards.png(img))) as back:
            back.load()
            assert back.mode == "P" and back.size == (1200, 630)
            assert numpy.array_equal(numpy.asarray(back), numpy.asarray(img))
            assert back.getpalette()[:48] == img.getpalette()[:48]


# --- previous / next within a theme ---------------------------------------------

def test_previous_and_next_follow_the_first_theme(site, catalog):
    for e in catalog.entries:
        nav = soup(page(site, e.url)).select_one("nav.arsip-theme-nav")
        members: list[Entry] = catalog.by_theme[e.themes[0].id]
        i = members.index(e)
        newer = members[i - 1] if i > 0 else None
        older = members[i + 1] if i + 1 < len(members) else None
        if newer is None and older is None:
            assert nav is None
            continue
        got_newer = nav.select_one("a[rel=prev]")
        got_older = nav.select_one("a[rel=next]")
        assert (got_newer["href"].rstrip("/").rsplit("/", 1)[-1] if got_newer else None) == (newer.slug if newer else None)
        assert (got_older["href"].rstrip("/").rsplit("/", 1)[-1] if got_older else None) == (older.slug if older else None)
