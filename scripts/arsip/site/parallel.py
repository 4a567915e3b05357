"""Pages rendered by a second process beside MkDocs' own loop (`mkdocs build`).

MkDocs 1.x renders pages one after another in one process: at 1,000 essays that was
most of a build. Here, once the navigation is known (``on_nav``), the build forks a
helper that renders the generated pages outside the nav (essays, then the listings
of themes, outlets, authors and years: Markdown, then the theme's template, with
every plugin's page events) from the last one backwards, and sends each page's HTML
back. MkDocs' loop still goes through every page, from the front: it reads such a
page as empty (:func:`stand_in`), and at the page's turn takes the helper's HTML if
it has come, or else renders the page itself and tells the helper to stop before it.
The two meet wherever their speeds have them meet: a helper starved of CPU by the
share cards and Pagefind costs the build nothing but the pages it did.

Every page is then written by MkDocs (one-line template, ``on_post_page`` events), so
the site, its sitemap and every plugin's view of the pages are what a build without
the helper makes (a test compares the two trees). Nav pages are always read by the
build itself: their titles are in every page's nav.

The helper is forked before the share-card and search threads start; the card
workers' idle pool thread is the only other thread then, and the helper never
touches the pool (it leaves with ``os._exit``). Warnings the helper logs are sent
back and logged by the build, so ``mkdocs build --strict`` counts them. Under
``mkdocs serve`` nothing is forked: a preview renders a handful of pages.
"""
from __future__ import annotations

import logging
import os
import signal
import warnings
from multiprocessing.connection import Connection, Pipe
from multiprocessing.sharedctypes import RawValue
from typing import Callable

from mkdocs.commands.build import get_context
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

#: The template a page rendered by the helper is written with: its HTML as is.
TEMPLATE = "arsip-rendered-elsewhere.html"
TEMPLATE_SOURCE = "{{ page.content }}"


def stand_in(page) -> None:
    """Make ``page`` cheap for MkDocs' reading loop: its source reads as empty and its
    Markdown renders to nothing; its HTML comes at its turn and is written with
    ``TEMPLATE``. :func:`restore` undoes it (the page is then rendered here)."""

    def read_source(config) -> None:
        page.markdown, page.meta = "", {"template": TEMPLATE}

    def render(config, files) -> None:
        page.content, page.toc, page._title_from_render = "", get_toc([]), None
        page.present_anchor_ids, page.links_to_anchors = set(), {}

    page.read_source, page.render = read_source, render


def populate(page, config, files) -> None:
    """What MkDocs does to read a page (``_populate_page``), with every plugin's events."""
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)


def render_page(uri: str, nav, config, files, env, doc_pages) -> str:
    """A page's HTML as MkDocs renders it (``_build_page``), before on_post_page: in the
    helper, or in the build for a page the helper has not reached."""
    file = files.get_file_from_path(uri)
    page = file.page if file.page is not None else Page(None, file, config)
    current, config._current_page = config._current_page, page
    try:
        restore(page)
        populate(page, config, files)
        page.active = True
        context = get_context(nav, doc_pages, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return template.render(context)
    finally:
        page.active = False
        config._current_page = current


def set_up(nav, config, files):
    """In the helper: the nav pages read (their titles are in every page's nav); a
    Jinja environment as MkDocs makes it, with every plugin's on_env."""
    for page in nav.pages:
        populate(page, config, files)
    return config.plugins.on_env(config.theme.get_env(), config=config, files=files)


def restore(page) -> None:
    page.__dict__.pop("read_source", None)
    page.__dict__.pop("render", None)


class _Captured(logging.Handler):
    """In the helper: warnings and errors kept to be sent with the next page."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            record.msg = record.getMessage()
        except Exception:                       # a bad format string: keep what there is
            record.msg = str(record.msg)
        record.args, record.exc_info, record.exc_text = None, None, None
        self.records.append(record)


class PageHelper:
    """A forked process rendering ``uris[i]`` with ``render(uri) -> html`` for i from
    the last down, until it reaches a page the build has taken for itself."""

    def __init__(self, uris: list[str], render: Callable[[str], str], setup: Callable[[], None]):
        self.uris = list(uris)
        self.index = {uri: i for i, uri in enumerate(self.uris)}
        self.here: str | None = None              # the page the build renders itself now
        self.done: dict[str, str] = {}
        self.taken = 0                            # of those, pages the build used
        self.front = RawValue("l", -1)            # shared: the helper stops at or before this index
        reader, writer = Pipe(duplex=False)
        with warnings.catch_warnings():
            # Python 3.12 warns about fork in a process with threads; see the module docstring
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:                               # the helper
            reader.close()
            _helper(writer, self.uris, self.front, render, setup)     # never returns
        writer.close()
        self.pid: int | None = pid
        self.reader: Connection | None = reader

    def _receive(self, block: bool = False) -> bool:
        """Read what the helper sent; False when it has ended."""
        while self.reader is not None and (block or self.reader.poll()):
            try:
                uri, html, records = self.reader.recv()
            except (EOFError, OSError):
                self.reader.close()
                self.reader = None
                return False
            for record in records:
                logging.getLogger(record.name).handle(record)
            if html is not None:
                self.done[uri] = html
            block = False
        return self.reader is not None

    def stood_in(self, uri: str) -> bool:
        """A page read as empty by the build, its HTML taken at its turn (not the one the
        build is rendering itself right now)."""
        return uri in self.index and uri != self.here

    def page_html(self, uri: str, render_here: Callable[[], str]) -> str:
        """The helper's HTML of ``uri``, or else ``render_here()``'s."""
        html = self.take(uri)
        if html is None:
            self.here = uri
            try:
                html = render_here()
            finally:
                self.here = None
        return html

    def take(self, uri: str) -> str | None:
        """The helper's HTML of ``uri``, or None: then the build renders it, and the
        helper stops before it (a page it is rendering right now is left unused)."""
        self._receive()
        html = self.done.pop(uri, None)
        if html is not None:
            self.taken += 1
            return html
        self.front.value = max(self.front.value, self.index.get(uri, -1))
        return None

    def finish(self) -> None:
        """Stop the helper and wait for it to end."""
        if self.pid is None:
            return
        self.front.value = len(self.uris)
        while self._receive(block=True):
            pass
        pid, self.pid = self.pid, None
        os.waitpid(pid, 0)
        self.done.clear()

    def stop(self) -> None:
        """The build failed: end the helper now."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        if self.reader is not None:
            self.reader.close()
            self.reader = None


def _helper(writer: Connection, uris: list[str], front, render, setup) -> None:
    """The helper's whole life. A page it cannot render ends it: the build renders
    that page (and the rest) itself, and reports any error as MkDocs would."""
    try:
        captured = _Captured()
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)      # nothing printed twice: the build logs them
        logging.getLogger("mkdocs").addHandler(captured)
        setup()
        for i in range(len(uris) - 1, -1, -1):
            if i <= front.value:
                break
            html = render(uris[i])
            records, captured.records = captured.records, []
            writer.send((uris[i], html, records))
    except BaseException:
        pass
    finally:
        os._exit(0)
