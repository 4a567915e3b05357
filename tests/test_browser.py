"""What a reader sees, in headless Chromium (the system's, driven by Playwright).

The built site is served on 127.0.0.1; the test walks from the home page to a
theme page to an essay, and fails on any console error or any request that leaves
127.0.0.1. Fixtures: browserfix.py.
"""
from __future__ import annotations

from pathlib import Path


def test_home_to_theme_to_essay(reader, server):
    reader.goto(server + "/")
    assert reader.locator("h1").first.inner_text().rstrip("¶") == "Arsip Esai"
    assert reader.locator(".arsip-entry").count() == 5
    reader.locator("nav.md-tabs").get_by_role("link", name="Tema").click()
    reader.wait_for_url("**/tema/")
    reader.locator(".arsip-group__title a", has_text="Kesepian dan Keterasingan").click()
    reader.wait_for_url("**/tema/kesepian-keterasingan/")
    titles = reader.locator(".arsip-entry__title").all_inner_texts()
    assert titles == ["Alone Together: Paradoks Hubungan Manusia Modern",
                      "Media Sosial Twitter: Tempat Ternyaman Menyurahkan Keluh Kesah",
                      "Mengapa Koneksi Sosial Penting untuk Perkembangan Diri di Era Digital"]
    reader.get_by_role("link", name="Alone Together: Paradoks Hubungan Manusia Modern").click()
    reader.wait_for_url("**/esai/alone-together-paradoks-hubungan-manusia-modern/")
    header = reader.locator(".arsip-essay__header")
    assert header.locator("h1").inner_text() == "Alone Together: Paradoks Hubungan Manusia Modern"
    assert "Muhammad Adil" in header.inner_text() and "8 Mei 2025" in header.inner_text()
    assert reader.locator(".arsip-essay__body p").count() == 7
    assert reader.errors == []
    assert reader.hosts == {"127.0.0.1"}


def test_author_link_and_dark_mode_toggle(reader, server):
    reader.goto(server + "/esai/bentuk-solidaritas-baru-masyarakat-digital/")
    scheme = reader.locator("body").get_attribute("data-md-color-scheme")
    reader.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert reader.locator("body").get_attribute("data-md-color-scheme") != scheme
    reader.locator(".arsip-essay__authors a").click()
    reader.wait_for_url("**/penulis/indah-sari-rahmaini/")
    assert reader.locator("h1").first.inner_text().rstrip("¶") == "Indah Sari Rahmaini"
    assert reader.errors == [] and reader.hosts == {"127.0.0.1"}


def test_copy_citation_and_follow_the_theme(reader, server):
    """'Salin kutipan' puts the citation, with this page's full address, on the
    clipboard; the theme navigation and related essays lead to other essays."""
    reader.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    url = server + "/esai/alone-together-paradoks-hubungan-manusia-modern/"
    reader.goto(url)
    cite = reader.locator("#arsip-kutipan")
    assert cite.inner_text().startswith("Adil, M. (2025, 8 Mei). Alone Together: Paradoks Hubungan Manusia Modern.")
    assert cite.inner_text().endswith(f"Diarsipkan di Arsip Esai: {url}.")
    reader.get_by_role("button", name="Salin kutipan").click()
    reader.locator(".arsip-cite__status", has_text="Kutipan tersalin.").wait_for()
    assert reader.evaluate("navigator.clipboard.readText()") == " ".join(cite.inner_text().split())
    with reader.expect_download() as download:
        reader.get_by_role("link", name="Unduh BibTeX").click()
    assert download.value.suggested_filename == "alone-together-paradoks-hubungan-manusia-modern.bib"
    assert "@online{adil2025alone," in Path(download.value.path()).read_text(encoding="utf-8")
    reader.locator("nav.arsip-theme-nav a[rel=next]").click()
    reader.wait_for_url("**/esai/media-sosial-twitter-tempat-ternyaman-menyurahkan-keluh-kesah/")
    assert reader.locator(".arsip-related li").count() >= 1
    assert reader.errors == [] and reader.hosts == {"127.0.0.1"}
