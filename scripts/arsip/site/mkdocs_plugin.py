"""The `arsip` MkDocs plugin: a thin adapter from the library to MkDocs.

It loads and validates ``essays/*.md`` (beside ``docs/``), builds the Catalog, adds
every essay at ``/esai/<slug>/`` and every index page as files generated in memory
(``File.generated`` in ``on_files``), appends the latest essays to the home page,
gives ``essay.html`` what it shows, writes the citations, feeds and share cards,
indexes the essays with Pagefind beside the page rendering, and makes `mkdocs serve`
watch the essays and the data files. Essays are not in the nav: at 1,000 essays
every page would carry the whole list.

Under `mkdocs serve --dirty` (what `make serve` runs) the plugin lives for the whole
session (it defines ``on_startup``) and rebuilds incrementally: it decides from its
own signatures (``incremental.py``) which pages changed, tells MkDocs through each
file's ``is_modified``, writes only the changed citations, feeds and cards, removes
what the site no longer has, and lets search catch up in the background.
"""
from __future__ import annotations

import functools
import gc
import logging
import os
import time
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from ..archive import escape_raw_html, load_themes
from ..clean import load_sources
from ..errors import ArsipError
from .cardmaker import CardMaker, CardWorkers
from .templating import FragmentCache, MemoryBytecodeCache, fragment_group
from .sitedir import SiteReuse
from .watching import watch_natively, watch_polling
from .catalog import Catalog, catalog_of, updated_catalog
from .generated import (GeneratedFiles, all_cards, essay_outputs, feeds_kept, fill_page_listings, index_pages_kept,
                        other_signatures, search_files, start_writes, write_static)
from .incremental import Incremental, Plan, remove_outputs, site_inputs
from .related import RelatedIndex
from . import converting, parallel
from .sanitize import sanitize
from .search import PagefindError, SiteSearch, Vocabulary, shard_count
from .settings import ArsipConfig, check_config
from .sitepages import essay_view, home_sections

log = logging.getLogger("mkdocs.plugins.arsip")

#: Fewer essays than this are rendered in the build process alone (forking costs more).
HELPER_MIN_ESSAYS = 64


def _is_essay(uri: str) -> bool:
    return uri.startswith("esai/") and uri.count("/") == 1


class ArsipPlugin(BasePlugin[ArsipConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.catalog: Catalog | None = None
        self.root = Path(".")
        self.reuse: SiteReuse | None = None        # a full build writing over the last one
        self.serving = False
        self.full_collect = True          # not an incremental rebuild: collect after loading
        self.dirty = False
        self.memory = Incremental()               # what the last build of this session wrote
        self.related_index = RelatedIndex()
        self.plan: Plan | None = None
        #: source path -> the listings of essays its placeholders stand for
        self.listings: dict[str, list] = {}
        self.listing_cache: dict = {}
        self.url_cache: dict[tuple[str, str], str] = {}
        self.related: dict[str, list] = {}
        self.home = None
        #: source path -> (render key, Markdown, listings as slugs) of generated index pages
        self.rendered: dict[str, tuple] = {}
        #: site path -> bytes of the files the plugin writes itself (citations, feeds, roots)
        self.static: dict[str, bytes] = {}
        self.cards: CardMaker | None = None
        self.card_workers: CardWorkers | None = None
        self.card_paths: set[str] = set()
        self.search: SiteSearch | None = None
        self.search_later: Catalog | None = None      # a preview's catalog, indexed after its pages
        self.vocabulary = Vocabulary()                # the word -> root map, kept across rebuilds
        self.page_outputs: set[str] = set()
        self.cards_todo: dict = {}
        self.static_writes: list | None = None     # a full build's own files, being written by the workers
        self.generated_pages: set[str] = set()
        self.helper: parallel.PageHelper | None = None     # `mkdocs build`: see parallel.py
        self.env = None                                    # this build's Jinja environment
        self.files: Files | None = None
        self.doc_pages: list = []
        self.generated_files = GeneratedFiles()
        self.watcher = None                       # under `mkdocs serve --dirty`: see watching.py
        self.bytecode = MemoryBytecodeCache()
        self.nav_pages: set[str] = set()
        self.nav_urls: list[str] = []
        self.feed_xml: dict[str, bytes] = {}      # feed key -> its XML, from the last build
        self.converter: converting.Converter | None = None     # this build's Markdown (converting.py)

    # --- configuration -----------------------------------------------------------

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        if self.card_workers is None:
            self.card_workers = CardWorkers()     # now, while this process is small (see cards.py)
        check_config(self.config, config)
        if self.serving and not self.dirty:
            log.info("arsip: every save rebuilds the whole site; `mkdocs serve --dirty` (make serve) rebuilds "
                     "only what changed")
        return config

    @property
    def essays_dir(self) -> Path:
        return self.root / self.config.essays_dir

    @property
    def data_dir(self) -> Path:
        return self.root / self.config.data_dir

    @property
    def incremental(self) -> bool:
        return self.serving and self.dirty

    # --- the pages -----------------------------------------------------------------

    def on_files(self, files: Files, config) -> Files:
        start = time.perf_counter()
        if self.reuse is not None:
            self.reuse.put_back()
        try:
            themes = load_themes(self.data_dir / "themes.yml")
            sources = load_sources(self.data_dir / "sources")
            essays = self.memory.essays.load(self.essays_dir, themes, sources)
            self.catalog = catalog = (updated_catalog(self.catalog, essays, themes, sources) if self.incremental
                                      else catalog_of(essays, themes, sources))
        except ArsipError as e:
            raise PluginError(f"arsip: {e}") from None
        self.listings, self.listing_cache, self.url_cache = {}, {}, {}
        self.cards = CardMaker(self.root / ".cache" / "arsip" / "kartu", self.card_workers)
        self.card_paths = set(cards := all_cards(catalog, config.site_name))
        if early := not self.incremental and not self.config.render_helper:   # a full build: all cards, now
            self.cards.start(cards, config.site_dir)             # (else in on_nav, after the helper's fork)
        generated: dict[str, str | bytes] = {}
        signatures: dict[str, str] = {}

        # index pages: rendered again only when what they show changed
        self.rendered, self.listings = index_pages_kept(catalog, self.rendered, generated, signatures)
        self.home = home_sections(catalog)
        self.listings["index.md"] = self.home.listings

        # essays and what belongs to each: related essays, citations, share cards
        t = time.perf_counter()
        self.related = self.related_index.update(catalog)
        log.info("arsip: related essays in %.2f s (%d essays computed)", time.perf_counter() - t,
                 self.related_index.rows_computed)
        self.static = essay_outputs(catalog, self.related, config, self.config.search, generated, signatures)
        self.feed_xml = feeds_kept(catalog, config, self.feed_xml, generated, signatures)
        if self.config.search:
            shards = shard_count(len(catalog.entries), self.config.search_shard_size)
            self.static.update(search_files(self.vocabulary.root_files(catalog, shards)))
        other_signatures(self.static, cards, files, self.home, signatures)

        self.plan = plan = self.memory.plan(site_inputs(config, self.config, self.data_dir), signatures)
        if not self.incremental:
            plan.changed = set(signatures)            # a full build writes everything
        in_docs = {f.src_uri for f in files}
        if clash := next((uri for uri in generated if uri in in_docs), None):
            raise PluginError(f"arsip: docs/{clash} would hide the generated file {clash}; remove it")
        for file in self.generated_files.files(config, generated, reuse=self.incremental and not plan.everything):
            files.append(file)
        self.page_outputs = {f.dest_uri for f in files}
        self.generated_pages = {uri for uri in generated if uri.endswith(".md")}
        if self.incremental:
            for file in files:
                if file.src_uri in signatures:
                    # MkDocs asks this under --dirty: the plugin's signatures answer, not the file times
                    file.is_modified = (lambda uri=file.src_uri: uri in plan.changed)
        self.cards_todo = None if early else {p: cards[p] for p in cards if p in plan.changed}
        if early and self.card_workers is not None:                 # a full build: written meanwhile
            self.static_writes = start_writes(self.card_workers.pool, Path(config.site_dir), self.static)
        if self.config.search:
            if self.search is None:
                self.search = SiteSearch(self.root / ".cache" / "arsip", self.config.search_shard_size)
            if self.incremental and not plan.everything:
                # a preview's few pages first: the reload does not share the interpreter
                # with the indexing, which starts when they are written (on_post_build)
                self.search_later = catalog
        log.info("arsip: %d essays, %d generated pages; %d pages and files to write (%s) in %.2f s",
                 len(catalog.entries), len(generated), len(plan.changed),
                 "full build" if plan.everything or not self.incremental else "incremental",
                 time.perf_counter() - start)
        if self.full_collect:    # what was loaded (with the cycle collector off) lives to the build's end:
            gc.freeze()          # its full passes skip it (2 s of them at 10,000 essays)
            gc.enable()
        return files

    def on_env(self, env, config, files):
        # MkDocs makes a new Jinja environment for every build; templates compiled by
        # the last one are reused (keyed by name and source checksum) across the
        # rebuilds of one `mkdocs serve`
        env.bytecode_cache = self.bytecode
        env.globals["arsip_once"] = FragmentCache(enabled=os.environ.get("ARSIP_FRAGMENT_CACHE") != "0")
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({parallel.TEMPLATE: parallel.TEMPLATE_SOURCE}),
                                          env.loader])
        self.env, self.files, self.doc_pages = env, files, files.documentation_pages()
        return env

    def on_nav(self, nav, config, files):
        self.nav_pages = {p.file.src_uri for p in nav.pages}
        self.nav_urls = [p.url for p in nav.pages]
        # the helper may render any generated page outside the nav (essays, then listings,
        # from the end of MkDocs' order); nav pages are read here, their titles are in every nav
        pages = [f.src_uri for f in files.documentation_pages()
                 if f.src_uri in self.generated_pages and f.src_uri not in self.nav_pages]
        if (self.config.render_helper and not self.serving and hasattr(os, "fork")
                and (os.cpu_count() or 1) > 1 and sum(map(_is_essay, pages)) >= HELPER_MIN_ESSAYS):
            self.helper = parallel.PageHelper(pages, lambda uri: self._render_page(uri, nav, config, files),
                                              lambda: self._set_up_helper(nav, config, files))
        # the share cards and the index start now: their threads are not in the helper
        if self.cards is not None and self.cards_todo is not None:
            self.cards.start(self.cards_todo)
        if self.search is not None and self.search_later is None:
            self.search.start(self.catalog, everything=True, remember=self.serving)
        return nav

    def _set_up_helper(self, nav, config, files) -> None:
        self.helper = None                         # the helper renders its pages as a build would
        self.env = parallel.set_up(nav, config, files)

    def _render_page(self, uri: str, nav, config, files) -> str:
        return parallel.render_page(uri, nav, config, files, self.env, self.doc_pages)

    def _stood_in(self, uri: str) -> bool:
        """A page the helper may render: read as empty here, its HTML taken at its turn."""
        return self.helper is not None and self.helper.stood_in(uri)

    def on_pre_page(self, page, config, files):
        uri = page.file.src_uri
        if self._stood_in(uri):
            parallel.stand_in(page)           # rendered at its turn (on_page_context)
        elif uri in self.generated_pages and converting.enabled():
            self.converter = self.converter or converting.Converter(config)      # one per build
            page.render = functools.partial(self.converter.render, page)
        return page

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        uri = page.file.src_uri
        if _is_essay(uri):
            return escape_raw_html(markdown)     # hand-typed HTML is shown as text, never markup
        if uri == "index.md" and self.home is not None:
            return markdown.rstrip() + "\n\n" + self.home.markdown
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        uri = page.file.src_uri
        if self._stood_in(uri):
            return html                  # read as empty here (see parallel.py)
        if _is_essay(uri):
            return sanitize(html)        # an essay body: contributor content, allow-list only
        listings = self.listings.get(uri)
        if not listings:
            return html

        try:
            return fill_page_listings(html, page, listings, files, self.url_cache, self.listing_cache)
        except LookupError as e:
            raise PluginError(f"arsip: {e}") from None

    def on_page_context(self, context, page, config, nav):
        uri = page.file.src_uri
        if self._stood_in(uri):                # written with parallel.TEMPLATE
            page.content = self.helper.page_html(uri, lambda: self._render_page(uri, nav, config, self.files))
            return context
        context["arsip_group"] = fragment_group(page, self.nav_pages, self.nav_urls)
        if _is_essay(uri) and self.catalog is not None:
            entry = self.catalog.entry(uri[len("esai/"):-len(".md")])
            context["essay"] = essay_view(entry, config.site_url, self.config.edit_url,
                                          related=self.related.get(entry.slug, []), catalog=self.catalog)
        return context

    # --- writing --------------------------------------------------------------------

    def on_post_build(self, config):
        """The citations, feeds, word -> root map and share cards; the search index;
        what the site no longer has removed."""
        site = Path(config.site_dir)
        plan = self.plan
        if self.helper is not None:
            helper, self.helper = self.helper, None
            helper.finish()
            log.info("arsip: %d of %d generated pages rendered by a second process", helper.taken, len(helper.uris))
        if self.static_writes is not None:
            writes, self.static_writes = self.static_writes, None
            try:
                for fut in writes:
                    fut.result()
            except OSError as e:
                raise PluginError(f"arsip: could not write the site: {e}") from None
        else:
            write_static(site, self.static, None if plan is None else plan.changed)
        if self.cards is not None:
            cards, self.cards = self.cards, None
            start = time.perf_counter()
            changed = {p for p in self.card_paths if plan is None or p in plan.changed}
            drawn = cards.finish(site, only=changed)
            if not self.serving:
                self._close_workers()
            log.info("arsip: share cards: %d written, %d drawn (waited %.2f s)", len(changed), drawn,
                     time.perf_counter() - start)
        if self.search is not None:
            if self.search_later is not None:
                self.search.start(self.search_later, everything=False)
                self.search_later = None
            try:
                self.search.finish(site, background=self.incremental, log=log)
            except PagefindError as e:
                raise PluginError(f"arsip: {e}") from None
        if plan is not None:
            gone = self.memory.done(plan, set(self.static) | self.card_paths | self.page_outputs)
            if self.incremental and gone:
                removed = remove_outputs(site, gone)
                log.info("arsip: removed %d files the site no longer has", removed)
        if self.reuse is not None:
            self.reuse.remove_stale(linked=self.card_paths)
        gc.enable()
        if self.serving:                  # (`mkdocs build` ends here: no last pass over everything)
            gc.unfreeze()

    def on_pre_build(self, config):
        self.converter = None
        self.reuse = None if self.serving or self.dirty else SiteReuse(Path(config.site_dir))
        if self.reuse is not None:
            self.reuse.set_aside()              # MkDocs then finds nothing to empty (see sitedir.py)
        if self.search is not None:
            self.search.stop()        # a new build: the last one's index is out of date
        # a rebuild frees what it drops by reference counts; the cycle collector, which scans
        # every object the session keeps, took a third of it at 10,000 essays (see on_files)
        self.full_collect = not (self.incremental and self.memory.site_inputs is not None)
        gc.disable()

    def on_build_error(self, error):
        gc.enable()
        gc.unfreeze()
        if self.helper is not None:
            self.helper.stop()
            self.helper = None
        self.search_later = None            # the next build finds the shards still to index
        if self.reuse is not None:
            self.reuse.abandon()
        self.memory.forget()
        if not self.serving:
            self._close_workers()
        if self.search is not None:
            self.search.stop()
        if self.cards is not None:
            self.cards.abandon()
            self.cards = None
        for fut in self.static_writes or ():
            fut.cancel()
        self.static_writes = None

    def settle(self) -> None:
        """Wait for what a preview finishes in the background (the search index)."""
        if self.search is not None:
            self.search.settle()

    def _close_workers(self) -> None:
        if self.card_workers is not None:
            self.card_workers.close()
            self.card_workers = None

    def on_shutdown(self):
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        self._close_workers()
        if self.search is not None:
            self.search.stop()

    def on_serve(self, server, config, builder):
        folders = [str(self.essays_dir), str(self.data_dir)] + [config.theme.custom_dir] * bool(config.theme.custom_dir)
        if self.incremental and self.watcher is None:
            self.watcher = watch_natively(server, folders)
        if self.watcher is not None:
            return server
        essays = len(self.catalog.entries) if self.incremental and self.catalog is not None else None
        watch_polling(server, folders, essays)
        return server
