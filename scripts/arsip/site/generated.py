"""What the site plugin hands MkDocs besides its pages, and how it keeps it between
the rebuilds of `mkdocs serve --dirty`.

* :func:`index_pages_kept`, :func:`essay_outputs`, :func:`feeds_kept`: the generated
  pages, files and feeds of a build with their signatures (what the incremental
  preview compares), reusing what the last build made when its key is unchanged;
* :func:`files_beside`: the files next to an essay's page (citations, the text search
  excerpts are cut from) with their signatures, made once per parsed essay;
* :class:`GeneratedFiles`: MkDocs ``File`` objects of generated pages, reused while a
  page's content and the site's config are unchanged. Making 12,800 of them again
  (``File.generated``, then MkDocs working out whether each is excluded or not in the
  nav) was a second of every rebuild at 10,000 essays, and making their 12,800 ``Page``
  objects again (each works out its build date and canonical URL) a third of one.
"""
from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date, get_relative_url

from .catalog import Catalog, Entry
from .cite import bibtex, citation, ris
from .feeds import atom, feed_key, feeds
from .incremental import digest, file_stamp
from .search import excerpt_text
from .sitepages import archive_url, card_of, essay_key, essay_page, fill_listings, index_page_specs, listing_key


def index_pages_kept(catalog: Catalog, previous: dict, generated: dict, signatures: dict) -> tuple[dict, dict]:
    """Every index page's Markdown into ``generated`` and its signature into
    ``signatures``; a page whose key is the one in ``previous`` (the last build's
    ``rendered``) is not rendered again. Returns (rendered, listings by page)."""
    rendered, listings = {}, {}
    for uri, spec in index_page_specs(catalog).items():
        key = digest(spec.template, spec.key) if spec.key is not None else None
        found = previous.get(uri)
        if key is not None and found is not None and found[0] == key:
            markdown, lists = found[1], [([catalog.entry(s) for s in slugs], level) for slugs, level in found[2]]
        else:
            page = spec.render()
            markdown, lists = page.markdown, page.listings
        rendered[uri] = (key, markdown, [([e.slug for e in es], level) for es, level in lists])
        generated[uri] = markdown
        listings[uri] = lists
        signatures[uri] = key or digest(markdown, [(tuple(map(listing_key, es)), level) for es, level in lists])
    return rendered, listings


def fill_page_listings(html: str, page, listings, files, url_cache: dict, listing_cache: dict) -> str:
    """A listing page's HTML with its placeholders filled (sitepages.fill_listings).

    Pages one level below the same folder (penulis/a/, penulis/b/) reach every other
    page by the same relative links, computed from a stand-in sibling ('penulis/~/'):
    a page links to itself as '../a/' whichever page of the group was rendered first,
    so an incremental build writes what a full one does. LookupError: a listed page
    is not in the site."""
    folder = posixpath.dirname(page.url.rstrip("/"))
    where = f"{folder}:{page.url.count('/')}"
    base = page.url if page.url.count("/") == 0 else posixpath.join(folder, "~") + "/"

    def url(src: str) -> str:
        key = (where, src)
        found = url_cache.get(key)
        if found is None:
            target = files.get_file_from_path(src)
            if target is None:
                raise LookupError(f"{page.file.src_uri} links to {src}, which is not in the site")
            found = url_cache[key] = get_relative_url(target.url, base)
        return found

    return fill_listings(html, listings, url, listing_cache, where)


def essay_outputs(catalog: Catalog, related: dict, config, search: bool, generated: dict,
                  signatures: dict) -> dict[str, bytes]:
    """Each essay's page into ``generated``; its citations and search text (returned,
    by site path); all their signatures (the share cards: :func:`all_cards`)."""
    static = {}
    for entry in catalog.entries:
        uri = f"esai/{entry.slug}.md"
        generated[uri] = essay_page(entry)
        signatures[uri] = digest(essay_key(entry, related[entry.slug], catalog))
        essay_files, essay_digests = files_beside(entry, config.site_url, search)
        static.update(essay_files)
        signatures.update(essay_digests)
    return static


def all_cards(catalog: Catalog, site_name: str) -> dict:
    """Every essay's share card, by site path."""
    return {f"esai/{entry.slug}/kartu.png": card_of(entry, site_name) for entry in catalog.entries}


def feeds_kept(catalog: Catalog, config, previous: dict[str, bytes], generated: dict, signatures: dict) -> dict:
    """Every feed's XML into ``generated`` (pages link the feeds: MkDocs must know them,
    and writes them), made again only when its key is not in ``previous``; returns
    key -> XML, the next build's ``previous``."""
    epoch = next((e.date[:10] for e in catalog.entries if e.date), "1970-01-01")
    feed_xml = {}
    for feed in feeds(catalog, config.site_name):
        key = digest(feed_key(feed, config.site_url, epoch))
        feed_xml[key] = generated[feed.path] = previous.get(key) or atom(feed, config.site_url, epoch)
        signatures[feed.path] = key
    return feed_xml


def files_beside(entry: Entry, site_url: str | None, search: bool) -> tuple[dict[str, bytes], dict[str, str]]:
    """An essay's citation (BibTeX, RIS) and, with search, its plain text for excerpts,
    by site path, and their signatures. Kept on the essay, which the plugin reuses
    across rebuilds while its file is unchanged."""
    key = ("_files_beside", site_url, search)
    found = entry.essay.__dict__.get(key)
    if found is None:
        c = citation(entry, archive_url(entry, site_url))
        made = {f"esai/{entry.slug}/kutip.bib": bibtex(c).encode("utf-8"),
                f"esai/{entry.slug}/kutip.ris": ris(c).encode("utf-8")}
        if search:
            made[f"esai/{entry.slug}/teks.gz"] = excerpt_text(entry)
        found = entry.essay.__dict__[key] = (made, {path: digest(data) for path, data in made.items()})
    return found


class GeneratedFiles:
    """The ``File`` of each generated page of the last build, with its content."""

    def __init__(self):
        self._known: dict[str, tuple[str | bytes, File]] = {}

    def files(self, config, generated: dict[str, str | bytes], reuse: bool) -> list[File]:
        """A ``File`` for each generated page. With ``reuse`` (an incremental rebuild
        under the same config) a page whose content is what it was keeps its ``File``:
        its paths and its inclusion (set by MkDocs from ``mkdocs.yml``) still hold, and
        so does its ``Page``, set back to what MkDocs makes (see :func:`_as_new`).
        Without, every ``File`` is new."""
        known, self._known = self._known, {}
        out = []
        today = get_build_date()
        for uri, content in generated.items():
            found = known.get(uri) if reuse else None
            if found is not None and (found[0] is content or found[0] == content):
                file = found[1]
                if file.page is not None:
                    _as_new(file.page, today)
            else:
                file = File.generated(config, uri, content=content)
            out.append(file)
            self._known[uri] = (content, file)
        return out


def _as_new(page: Page, build_date: str) -> None:
    """Set a kept ``Page`` back to what ``Page.__init__`` makes for the same file and
    config (MkDocs 1.6): its URLs hold; what a build fills in is cleared (a page the
    rebuild skips is then exactly a new one: no Markdown, HTML, table of contents or
    metadata) and its date is this build's, as in a new one."""
    page.children = None
    page.previous_page = None
    page.next_page = None
    page.active = False
    page.update_date = build_date
    page.markdown = None
    page._title_from_render = None
    page.content = None
    page.toc = []
    page.meta = {}


def search_files(root_files: dict[str, bytes]) -> dict[str, bytes]:
    """The word -> root map, and the configuration Material's search UI reads (the
    documents come from Pagefind, so none are listed: no lunr index is built)."""
    return {**root_files, "search/search_index.json": json.dumps(
        {"config": {"lang": ["id"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []}).encode()}


def other_signatures(static: dict[str, bytes], cards: dict, files, home, signatures: dict) -> None:
    """Signatures of the plugin's own files, the share cards and the docs pages (the
    home page shows the latest essays)."""
    for path, content in static.items():
        if path not in signatures:
            signatures[path] = digest(content)
    for path, card in cards.items():
        signatures[path] = card.key
    for file in files.documentation_pages():
        stamp = file_stamp(file.abs_src_path)
        signatures[file.src_uri] = (digest(stamp, home.markdown,
                                           [(tuple(map(listing_key, es)), lv) for es, lv in home.listings])
                                    if file.src_uri == "index.md" else digest(stamp))


def write_static(site: Path, static: dict[str, bytes], only: set[str] | None) -> None:
    """Write the plugin's own files (those in ``only`` when given) into the site."""
    write_files(str(site), [(path, content) for path, content in static.items() if only is None or path in only])


#: Files one task of a worker writes (:func:`start_writes`).
FILES_PER_TASK = 400


def start_writes(pool, site: Path, static: dict[str, bytes]) -> list:
    """Write the plugin's own files into the site in the share-card worker processes
    (a full build: while MkDocs renders the pages). At 1,000 essays they are 4,000
    files, 0.4 s of opening, writing and closing that would otherwise wait for the
    last page; at 10,000, 4 s. The futures: wait for them before the site is done."""
    items = list(static.items())
    return [pool.submit(write_files, str(site), items[k:k + FILES_PER_TASK])
            for k in range(0, len(items), FILES_PER_TASK)]


def write_files(site: str, items: list[tuple[str, bytes]]) -> int:
    """Write ``(site path, bytes)`` pairs under ``site``, over a file already there
    (sitedir.py: its inode is reused); how many."""
    folders: set[str] = set()
    for path, content in items:
        dest = os.path.join(site, path)
        folder = os.path.dirname(dest)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        with open(dest, "wb") as f:
            f.write(content)
    return len(items)
