"""Catalog -> the site's pages as Markdown, and what an essay page shows.

Index pages are Markdown rendered from Jinja templates in ``arsip/site/templates``; their
links point at the other pages' source files (``../esai/<slug>.md``) so that MkDocs
resolves them and a strict build fails on a broken one. Listings of essays (the bulk
of every index page) are HTML instead, put in after MkDocs has rendered the page,
with links MkDocs resolves too. Everything taken from an essay is escaped for
Markdown or HTML.
"""
from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache

import jinja2
import yaml
from slugify import slugify

from ..clean import escape
from ..yamlio import SAFE_DUMPER
from .cards import Card
from .catalog import UNDATED, Catalog, Entry
from .cite import Citation, apa, apa_parts, citation, highwire
from .dateformat import format_id
from .incremental import digest

LATEST = 5
#: The kronologi page shows this many essays of each year, each year's own page all of them
#: (a single page of 10,000 essays would be 10 MB).
KRONOLOGI_PER_YEAR = 20
#: Essays on one page of a theme, an outlet or an author (then: page 2, 3, ...).
PER_PAGE = 50


@lru_cache(maxsize=65536)
def link(here: str, target: str) -> str:
    """Relative link from the page whose source is ``here`` to the source ``target``."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def _yaml_scalar(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def page_text(value: str) -> str:
    """Text for a page's title or description. Material puts ``page.title`` and
    ``page.meta.description`` into the HTML as they are, so they are escaped here."""
    return html.escape(value, quote=True)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("arsip.site", "templates"), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = escape
    env.filters["yaml"] = lambda v: _yaml_scalar(page_text(v))
    env.filters["slug"] = lambda s: slugify(str(s))
    env.globals["link"] = link
    return env


@dataclass
class Generated:
    """A generated page: its Markdown, and the listings of essays its placeholders
    stand for (see :func:`fill_listings`)."""
    markdown: str
    listings: list[tuple[list[Entry], int]] = field(default_factory=list)


def _placeholder(n: int) -> str:
    return f"§§arsip-entries-{n}§§"


def _render(template: str, here: str, **kw) -> Generated:
    listings: list[tuple[list[Entry], int]] = []

    def listing(entries: list[Entry], level: int) -> str:
        listings.append((list(entries), level))
        return _placeholder(len(listings) - 1)

    return Generated(_env().get_template(template).render(here=here, listing=listing, **kw), listings)


def entry_html(e: Entry, level: int, url) -> str:
    """One essay in a listing: title, authors, date, outlet, themes, summary."""
    esc = html.escape
    people = ", ".join(f'<a href="{esc(url(f"penulis/{a.slug}.md"))}">{esc(a.name)}</a>' for a, _ in e.authors)
    meta = (f"{people} · " if people else "") + \
        (f'<time datetime="{esc(e.date[:10])}">{esc(e.date_id)}</time> · ' if e.date else "") + \
        f'<a href="{esc(url(f"sumber/{e.source.id}.md"))}">{esc(e.source.name)}</a>'
    chips = " ".join(f'<a class="arsip-chip" href="{esc(url(f"tema/{t.id}.md"))}">{esc(t.name)}</a>' for t in e.themes)
    return (f'<article class="arsip-entry">\n'
            f'<p class="arsip-entry__title" role="heading" aria-level="{level}">'
            f'<a href="{esc(url(f"esai/{e.slug}.md"))}">{esc(e.title)}</a></p>\n'
            f'<p class="arsip-entry__meta">{meta}</p>\n'
            f'<p class="arsip-entry__themes">{chips}</p>\n'
            f'<p class="arsip-entry__summary">{esc(e.meta["summary"])}</p>\n'
            f'</article>')


def fill_listings(html_text: str, listings: list[tuple[list[Entry], int]], url,
                  cache: dict | None = None, where: str = "") -> str:
    """Put each listing's entries, as HTML, where its placeholder paragraph stands.

    ``url(src)`` gives the link from this page to the page whose source is ``src``
    (e.g. ``esai/<slug>.md``): MkDocs knows where every page ends up. An essay is
    listed on several pages; with a ``cache`` kept for a build, its HTML is rendered
    once per ``where``: a key shared by pages from which the same relative links
    reach the same pages."""
    cache = {} if cache is None else cache

    def one(e: Entry, level: int) -> str:
        key = (e.slug, level, where)
        found = cache.get(key)
        if found is None:
            found = cache[key] = entry_html(e, level, url)
        return found

    for n, (entries, level) in enumerate(listings):
        rendered = "\n".join(one(e, level) for e in entries)
        marker = f"<p>{_placeholder(n)}</p>"
        if marker not in html_text:
            raise ValueError(f"listing {n} has no placeholder in the rendered page")
        html_text = html_text.replace(marker, rendered, 1)
    return html_text


@dataclass
class PageSpec:
    """A generated index page before it is rendered: ``key`` says everything the
    rendered page depends on (equal keys, equal pages), so a rebuild can reuse it."""
    template: str
    uri: str
    kw: dict
    key: tuple | None                   # None: a page over the whole catalog, rendered every time

    def render(self) -> Generated:
        return _render(self.template, self.uri, **self.kw)


def listing_key(e: Entry) -> str:
    """A fingerprint of what a listing shows of an essay (entry_html): equal keys, equal
    HTML. Kept on the essay (the plugin drops every essay when a theme or outlet name
    changes); short, because a listing page's key holds one per essay it lists."""
    found = e.essay.__dict__.get("_listing_key")
    if found is None:
        found = e.essay.__dict__["_listing_key"] = digest(
            e.slug, e.title, tuple((a.slug, a.name) for a, _ in e.authors), e.date, e.source.id, e.source.name,
            tuple((t.id, t.name) for t in e.themes), e.meta["summary"])
    return found


def index_page_specs(catalog: Catalog) -> dict[str, PageSpec]:
    """Source path -> every generated index page, not yet rendered."""
    specs = {
        "tema/index.md": PageSpec("tema_index.md.j2", "tema/index.md", {"catalog": catalog}, None),
        "sumber/index.md": PageSpec("sumber_index.md.j2", "sumber/index.md", {"catalog": catalog}, None),
        "penulis/index.md": PageSpec("penulis_index.md.j2", "penulis/index.md", {"catalog": catalog}, None),
        "kronologi/index.md": PageSpec("kronologi.md.j2", "kronologi/index.md",
                                       {"catalog": catalog, "per_year": KRONOLOGI_PER_YEAR, "undated": UNDATED}, None),
    }
    years = [y for y, _ in catalog.by_year]
    for i, (year, list_) in enumerate(catalog.by_year):
        uri = f"kronologi/{slugify(year)}.md"
        newer, older = years[i - 1] if i > 0 else None, years[i + 1] if i + 1 < len(years) else None
        specs[uri] = PageSpec("kronologi_tahun.md.j2", uri, {"year": year, "list": list_, "undated": UNDATED,
                                                             "newer": newer, "older": older},
                              (year, newer, older, tuple(map(listing_key, list_))))
    for tid, theme in catalog.themes.items():
        specs.update(_paged(f"tema/{tid}", "tema_page.md.j2", catalog.by_theme[tid], "theme", theme,
                            (theme.id, theme.name, theme.description)))
    for sid, source in catalog.sources.items():
        specs.update(_paged(f"sumber/{sid}", "sumber_page.md.j2", catalog.by_source[sid], "source", source,
                            (source.id, source.name, source.kind, source.description, source.homepage)))
    for slug, author in catalog.authors.items():
        specs.update(_paged(f"penulis/{slug}", "penulis_page.md.j2", author.essays, "author", author,
                            (author.slug, author.name, tuple(author.affiliations))))
    return specs


def index_pages(catalog: Catalog) -> dict[str, Generated]:
    """Source path -> every generated index page, rendered."""
    return {uri: spec.render() for uri, spec in index_page_specs(catalog).items()}


def _paged(base: str, template: str, entries: list[Entry], name: str, group, group_key: tuple) -> dict[str, PageSpec]:
    """A group's listing in pages of ``PER_PAGE``: ``<base>.md``, then ``<base>/2.md``, ..."""
    count = max(1, -(-len(entries) // PER_PAGE))
    uris = [f"{base}.md"] + [f"{base}/{k}.md" for k in range(2, count + 1)]
    out = {}
    for k, uri in enumerate(uris, 1):
        paging = {"page": k, "pages": count, "total": len(entries),
                  "prev": link(uri, uris[k - 2]) if k > 1 else None,
                  "next": link(uri, uris[k]) if k < count else None,
                  "first": link(uri, uris[0])}
        page = entries[(k - 1) * PER_PAGE:k * PER_PAGE]
        out[uri] = PageSpec(template, uri, {"list": page, "paging": paging, name: group},
                            (group_key, tuple(sorted(paging.items(), key=lambda kv: kv[0])),
                             tuple(map(listing_key, page))))
    return out


def home_sections(catalog: Catalog) -> Generated:
    """Latest essays, themes and outlets with counts, appended to the home page."""
    return _render("beranda.md.j2", "index.md", catalog=catalog, latest=catalog.entries[:LATEST])


def essay_page(entry: Entry) -> str:
    """The Markdown source MkDocs renders at /esai/<slug>/ (template essay.html)."""
    found = entry.essay.__dict__.get("_page")
    if found is None:
        front = {"title": page_text(entry.title), "description": page_text(entry.meta["summary"]),
                 "template": "essay.html", "hide": ["navigation"]}
        head = yaml.dump(front, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
        found = entry.essay.__dict__["_page"] = f"---\n{head}---\n\n{entry.essay.body}"
    return found


def archive_url(entry: Entry, site_url: str | None) -> str:
    """The essay's address in the archive: absolute with ``site_url``, else relative
    to the site root (the page completes it in the browser, see kutip.js)."""
    return f"{site_url.rstrip('/')}/{entry.url}" if site_url else entry.url


def card_of(entry: Entry, site_name: str) -> Card:
    return Card(entry.title, ", ".join(a.name for a, _ in entry.authors), entry.source.name, site_name)


def brief_key(e: Entry | None) -> str | None:
    """A fingerprint of what an essay page shows of another essay (a related essay, a
    neighbour: see _brief). Kept on the essay: a rebuild parses again only the essays
    that changed, and clears them all when a theme or outlet name changes."""
    if e is None:
        return None
    found = e.essay.__dict__.get("_brief_key")
    if found is None:
        found = e.essay.__dict__["_brief_key"] = digest(e.slug, e.title, tuple(a.name for a, _ in e.authors),
                                                        e.source.name, e.date_id)
    return found


def essay_key(entry: Entry, related: list[Entry], catalog: Catalog) -> tuple:
    """Everything an essay page depends on besides the site-wide settings: its own
    text and metadata, its related essays and its newer and older neighbours."""
    own = entry.essay.__dict__.get("_key")
    if own is None:
        own = entry.essay.__dict__["_key"] = digest(entry.essay.body, repr(sorted(entry.meta.items())))
    around = None
    if entry.themes:
        theme = entry.themes[0]
        newer, older = _neighbours(entry, catalog)
        if newer is not None or older is not None:
            around = (theme.id, theme.name, brief_key(newer), brief_key(older))
    return own, tuple(map(brief_key, related)), around


def _neighbours(entry: Entry, catalog: Catalog) -> tuple[Entry | None, Entry | None]:
    """The newer and older essay in the essay's first theme (catalog order: newest first)."""
    theme = entry.themes[0]
    members = catalog.by_theme[theme.id]
    i = catalog.theme_positions[theme.id][entry.slug]
    return (members[i - 1] if i > 0 else None), (members[i + 1] if i + 1 < len(members) else None)


def _brief(e: Entry) -> dict:
    """An essay as a neighbour shows it (kept on the essay; read only)."""
    found = e.essay.__dict__.get("_brief")
    if found is None:
        found = e.essay.__dict__["_brief"] = {"title": e.title, "url": e.url,
                                              "authors": ", ".join(a.name for a, _ in e.authors),
                                              "source": e.source.name, "date_id": e.date_id}
    return found


def theme_neighbours(entry: Entry, catalog: Catalog) -> dict | None:
    """The newer and older essay in the essay's first theme (catalog order: newest first)."""
    if not entry.themes:
        return None
    theme = entry.themes[0]
    newer, older = _neighbours(entry, catalog)
    if newer is None and older is None:
        return None
    return {"theme": {"name": theme.name, "url": f"tema/{theme.id}/"},
            "newer": _brief(newer) if newer else None, "older": _brief(older) if older else None}


def essay_view(entry: Entry, site_url: str | None, edit_url: str | None,
               related: list[Entry] = (), catalog: Catalog | None = None) -> dict:
    """What essay.html shows: all values plain (the template escapes them)."""
    m = entry.meta
    canonical = f"{site_url.rstrip('/')}/{entry.url}" if site_url else None
    authors = [{"name": a.name, "url": f"penulis/{a.slug}/", "affiliation": aff} for a, aff in entry.authors]
    cite = citation(entry, archive_url(entry, site_url))
    card = f"{entry.url}kartu.png"
    return {
        "slug": entry.slug,
        "title": entry.title,
        "summary": m["summary"],
        "authors": authors,
        "date": m["date"],
        "date_id": format_id(m["date"]),
        "date_time_id": format_id(m["date"], with_time=True),
        "year": entry.year,
        "source": {"id": entry.source.id, "name": entry.source.name, "url": f"sumber/{entry.source.id}/",
                   "section": m["source"]["section"], "original": m["source"]["url"],
                   "homepage": entry.source.homepage, "kind": entry.source.kind},
        "retrieved": m["retrieved"],
        "retrieved_id": format_id(m["retrieved"]),
        "reading_time": m["reading_time"],
        "themes": [{"id": t.id, "name": t.name, "url": f"tema/{t.id}/"} for t in entry.themes],
        "tags": m["tags"],
        "raw": m["raw"],
        "essay_file": f"essays/{entry.slug}.md",
        "edit_url": edit_url.format(slug=entry.slug) if edit_url else None,
        "canonical": canonical,
        "jsonld": script_json(jsonld(entry, canonical, cite)),
        "citation": {"runs": apa_parts(cite), "text": apa(cite), "archive_url": cite.archive_url,
                     "absolute": bool(site_url), "highwire": highwire(cite)},
        "card": {"url": card, "absolute": f"{site_url.rstrip('/')}/{card}" if site_url else None,
                 "alt": f"{entry.title} — {entry.source.name}"},
        "related": [_brief(e) for e in related],
        "theme_nav": theme_neighbours(entry, catalog) if catalog is not None else None,
    }


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data) -> str:
    """JSON to put inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped, so no
    value can close the element or open a comment (``<!--<script>`` would make the
    browser read the rest of the page as script), and the line separators JavaScript
    once refused escaped too. JSON parsers read the escapes as the same characters."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)


def jsonld(entry: Entry, canonical: str | None, cite: Citation | None = None) -> dict:
    """schema.org Article for the essay page, from the same :class:`Citation` as the
    citation_* tags, so the two agree."""
    m = entry.meta
    cite = cite or citation(entry, archive_url(entry, None))
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": cite.title[:110],
        "name": cite.title,
        "description": m["summary"],
        "inLanguage": "id",
        "author": [{"@type": "Person", "name": p.name,
                    **({"affiliation": {"@type": "Organization", "name": p.affiliation}} if p.affiliation else {})}
                   for p in cite.authors],
        "publisher": {"@type": "Organization", "name": cite.outlet,
                      **({"url": entry.source.homepage} if entry.source.homepage else {})},
        "articleSection": m["source"]["section"],
        "keywords": [t.name for t in entry.themes] + list(m["tags"]),
        "wordCount": len(entry.essay.body.split()),
    }
    if m["date"]:
        data["datePublished"] = m["date"]
    if m["source"]["url"]:
        data["isBasedOn"] = m["source"]["url"]
        data["sameAs"] = m["source"]["url"]
    if canonical:
        data["url"] = canonical
        data["mainEntityOfPage"] = canonical
    return {k: v for k, v in data.items() if v not in (None, [], "")}
