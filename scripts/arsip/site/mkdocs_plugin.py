"""The `arsip` MkDocs plugin: a thin adapter from the library to MkDocs.

It loads and validates ``essays/*.md`` (beside ``docs/``), builds the Catalog, adds
every essay at ``/esai/<slug>/`` and every index page as files generated in memory
(``File.generated`` in ``on_files``), appends the latest essays to the home page,
gives ``essay.html`` what it shows, and makes ``mkdocs serve`` watch the essays and
the data files. Essays are not in the nav: at 1,000 essays every page would carry
the whole list.
"""
from __future__ import annotations

import json
import logging
import posixpath
import subprocess
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..archive import escape_raw_html, load_themes
from ..clean import load_sources
from ..errors import ArsipError
from .cards import CardMaker
from .catalog import Catalog, build_catalog
from .cite import bibtex, citation, ris
from .feeds import atom, feeds
from .related import related
from .sanitize import sanitize
from .search import finish_pagefind, start_pagefind, write_root_files
from .sitepages import (archive_url, card_of, essay_page, essay_view, fill_listings, home_sections,
                        index_pages)

log = logging.getLogger("mkdocs.plugins.arsip")

#: Markdown extensions the generated pages rely on.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html")
#: Material's lunr search would build a second index; search here is Pagefind's.
CONFLICTING_PLUGINS = ("search", "material/search")


class ArsipConfig(base.Config):
    essays_dir = c.Type(str, default="essays")
    data_dir = c.Type(str, default="data")
    #: e.g. https://github.com/ORG/REPO/edit/main/essays/{slug}.md; default from repo_url
    edit_url = c.Optional(c.Type(str))
    #: Pagefind search with Indonesian roots. Off only to compare with Material's
    #: own (lunr) search plugin on the same site.
    search = c.Type(bool, default=True)


class ArsipPlugin(BasePlugin[ArsipConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.catalog: Catalog | None = None
        self.root = Path(".")
        #: source path -> the listings of essays its placeholders stand for
        self.listings: dict[str, list] = {}
        self.listing_cache: dict = {}
        self.url_cache: dict[tuple[str, str], str] = {}
        self.serving = False
        self.related: dict[str, list] = {}
        self.cards: CardMaker | None = None
        #: `mkdocs serve`: the Pagefind process indexing the last build
        self.background: subprocess.Popen | None = None

    def on_config(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        missing = [ext for ext in REQUIRED_EXTENSIONS if ext not in config.markdown_extensions]
        if missing:
            raise PluginError(f"arsip: add {', '.join(missing)} to markdown_extensions in mkdocs.yml")
        clash = [p for p in CONFLICTING_PLUGINS if p in config.plugins]
        if clash and self.config.search:
            raise PluginError(f"arsip: remove the '{clash[0]}' plugin from mkdocs.yml; arsip provides search with Pagefind")
        if self.config.edit_url is None and config.repo_url and "github.com" in config.repo_url:
            self.config.edit_url = config.repo_url.rstrip("/") + "/edit/main/essays/{slug}.md"
        return config

    @property
    def essays_dir(self) -> Path:
        return self.root / self.config.essays_dir

    @property
    def data_dir(self) -> Path:
        return self.root / self.config.data_dir

    def on_files(self, files: Files, config) -> Files:
        try:
            themes = load_themes(self.data_dir / "themes.yml")
            sources = load_sources(self.data_dir / "sources")
            self.catalog = build_catalog(self.essays_dir, themes, sources)
        except ArsipError as e:
            raise PluginError(f"arsip: {e}") from None
        self.listings, self.listing_cache, self.url_cache = {}, {}, {}
        generated = {}
        for uri, page in index_pages(self.catalog).items():
            generated[uri] = page.markdown
            self.listings[uri] = page.listings
        for entry in self.catalog.entries:
            generated[f"esai/{entry.slug}.md"] = essay_page(entry)
        pages = len(generated)
        # reader features: citations (BibTeX, RIS), feeds, related essays, share cards
        start = time.perf_counter()
        self.related = related(self.catalog)
        log.info("arsip: related essays in %.2f s", time.perf_counter() - start)
        for entry in self.catalog.entries:
            c = citation(entry, archive_url(entry, config.site_url))
            generated[f"esai/{entry.slug}/kutip.bib"] = bibtex(c)
            generated[f"esai/{entry.slug}/kutip.ris"] = ris(c)
        epoch = next((e.date[:10] for e in self.catalog.entries if e.date), "1970-01-01")
        for feed in feeds(self.catalog, config.site_name):
            generated[feed.path] = atom(feed, config.site_url, epoch)
        self.cards = CardMaker(self.root / ".cache" / "arsip" / "kartu")
        self.cards.start({f"esai/{e.slug}/kartu.png": card_of(e, config.site_name) for e in self.catalog.entries})
        for uri, content in generated.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                raise PluginError(f"arsip: docs/{uri} would hide the generated file {uri}; remove it")
            files.append(File.generated(config, uri, content=content))
        log.info("arsip: %d essays, %d generated pages, %d other generated files",
                 len(self.catalog.entries), pages, len(generated) - pages)
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        uri = page.file.src_uri
        if uri.startswith("esai/") and uri.count("/") == 1:
            return escape_raw_html(markdown)     # hand-typed HTML is shown as text, never markup
        if uri == "index.md" and self.catalog is not None:
            home = home_sections(self.catalog)
            self.listings["index.md"] = home.listings
            return markdown.rstrip() + "\n\n" + home.markdown
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        uri = page.file.src_uri
        if uri.startswith("esai/") and uri.count("/") == 1:
            return sanitize(html)        # an essay body: contributor content, allow-list only
        listings = self.listings.get(uri)
        if not listings:
            return html

        # pages one level below the same folder (penulis/a/, penulis/b/) reach every
        # other page by the same relative links
        where = f"{posixpath.dirname(page.url.rstrip('/'))}:{page.url.count('/')}"

        def url(src: str) -> str:
            key = (where, src)
            found = self.url_cache.get(key)
            if found is None:
                target = files.get_file_from_path(src)
                if target is None:
                    raise PluginError(f"arsip: {page.file.src_uri} links to {src}, which is not in the site")
                found = self.url_cache[key] = get_relative_url(target.url, page.url)
            return found

        return fill_listings(html, listings, url, self.listing_cache, where)

    def on_page_context(self, context, page, config, nav):
        uri = page.file.src_uri
        if uri.startswith("esai/") and self.catalog is not None:
            entry = self.catalog.entry(uri[len("esai/"):-len(".md")])
            context["essay"] = essay_view(entry, config.site_url, self.config.edit_url,
                                          related=self.related.get(entry.slug, []), catalog=self.catalog)
        return context

    def on_post_build(self, config):
        """The Pagefind index and the word -> root map; share cards into the site
        while Pagefind works."""
        site = Path(config.site_dir)
        pagefind = None
        if self.catalog is not None and self.config.search:
            write_root_files(self.catalog, site)
            # Material's search UI reads its configuration from here; the documents
            # come from Pagefind, so none are listed (no lunr index is built).
            stub = {"config": {"lang": ["id"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []}
            (site / "search").mkdir(exist_ok=True)
            (site / "search" / "search_index.json").write_text(json.dumps(stub), encoding="utf-8")
            if self.serving:
                # a preview: do not hold the reload back for the index
                self._stop_background()
                self.background = start_pagefind(site, quiet=True)
                log.info("arsip: Pagefind is indexing in the background; search catches up in a few seconds")
            else:
                pagefind = start_pagefind(site)
        if self.cards is not None:
            cards, self.cards = self.cards, None
            start = time.perf_counter()
            drawn = cards.finish(site)
            log.info("arsip: share cards: %d drawn, %d from the cache (waited %.2f s)",
                     drawn, len(cards.cards) - drawn, time.perf_counter() - start)
        if pagefind is not None:
            try:
                seconds = finish_pagefind(pagefind)
            except RuntimeError as e:
                raise PluginError(f"arsip: {e}") from None
            log.info("arsip: search index written by Pagefind in %.2f s", seconds)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_pre_build(self, config):
        self._stop_background()

    def on_build_error(self, error):
        if self.cards is not None:
            self.cards.abandon()
            self.cards = None

    def on_shutdown(self):
        self._stop_background()

    def _stop_background(self):
        """Stop a background Pagefind still indexing the previous build's pages."""
        if self.background is not None and self.background.poll() is None:
            self.background.terminate()
            self.background.wait()
        self.background = None

    def on_serve(self, server, config, builder):
        server.watch(str(self.essays_dir))
        server.watch(str(self.data_dir))
        if config.theme.custom_dir:   # overrides/: MkDocs watches it only with --watch-theme
            server.watch(config.theme.custom_dir)
        return server
