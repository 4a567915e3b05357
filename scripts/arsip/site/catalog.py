"""essays/*.md -> Catalog (by theme, source, author, year).

Pure library code: the MkDocs plugin turns a Catalog into pages, tests use it
directly. Every essay is validated against the one schema when loaded; an invalid
essay is an error naming the file and the field.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from slugify import slugify

from ..archive import Essay, Theme, load
from ..boundary import RESERVED
from ..clean import Source
from ..errors import DataError
from .dateformat import format_id

UNDATED = "Tanpa tanggal"


@dataclass
class Author:
    slug: str
    name: str
    affiliations: list[str] = field(default_factory=list)
    essays: list["Entry"] = field(default_factory=list)


@dataclass
class Entry:
    """One essay as the site shows it."""
    essay: Essay
    path: Path
    source: Source
    themes: list[Theme]
    authors: list[tuple[Author, str | None]]          # (author, affiliation on this essay)

    @property
    def slug(self) -> str:
        return self.essay.slug

    @property
    def meta(self) -> dict:
        return self.essay.meta

    @property
    def title(self) -> str:
        return self.essay.meta["title"]

    @property
    def date(self) -> str | None:
        return self.essay.meta["date"]

    @property
    def day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.date[:10]) if self.date else None

    @property
    def year(self) -> int | None:
        return self.day.year if self.day else None

    @property
    def date_id(self) -> str:
        """'8 Mei 2025', or '' when undated (kept on the essay, which the plugin reuses
        across the rebuilds of `mkdocs serve` while its file is unchanged)."""
        found = self.essay.__dict__.get("_date_id")
        if found is None:
            found = self.essay.__dict__["_date_id"] = format_id(self.date)
        return found

    @property
    def url(self) -> str:
        return f"esai/{self.slug}/"


@dataclass
class Catalog:
    entries: list[Entry]                           # newest first, undated last
    themes: dict[str, Theme]
    sources: dict[str, Source]
    authors: dict[str, Author]                     # by slug, ordered by name
    by_theme: dict[str, list[Entry]]
    by_source: dict[str, list[Entry]]
    by_year: list[tuple[str, list[Entry]]]         # ("2025", [...]) newest first; UNDATED last

    @cached_property
    def by_slug(self) -> dict[str, Entry]:
        return {e.slug: e for e in self.entries}

    @cached_property
    def theme_positions(self) -> dict[str, dict[str, int]]:
        """theme id -> slug -> position in ``by_theme[theme id]``."""
        return {tid: {e.slug: i for i, e in enumerate(es)} for tid, es in self.by_theme.items()}

    def entry(self, slug: str) -> Entry:
        return self.by_slug[slug]


def _sort_key(e: Entry):
    # newest first; undated essays after dated ones; ties by title (kept on the essay)
    found = e.essay.__dict__.get("_sort_key")
    if found is None:
        found = e.essay.__dict__["_sort_key"] = (e.date is None, "" if e.date is None else _neg(e.date[:16]),
                                                 e.title.casefold())
    return found


def _neg(iso: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in iso)


@lru_cache(maxsize=65536)
def author_slug(name: str) -> str:
    """The author's page, ``penulis/<slug>/``; never a name the site uses itself (an
    author called "Index" would replace the list of authors)."""
    slug = slugify(name, max_length=60, word_boundary=True) or "penulis"
    return f"penulis-{slug}" if slug in RESERVED else slug


def build_catalog(essays_dir: Path, themes: dict[str, Theme], sources: dict[str, Source]) -> Catalog:
    essays: list[tuple[Essay, Path]] = []
    for path in sorted(Path(essays_dir).glob("*.md")):
        essays.append((load(path, set(themes), set(sources)), path))
    return catalog_of(essays, themes, sources)


def catalog_of(essays: list[tuple[Essay, Path]], themes: dict[str, Theme], sources: dict[str, Source]) -> Catalog:
    authors: dict[str, Author] = {}
    entries: list[Entry] = []
    titles: dict[str, Path] = {}
    for essay, path in essays:
        key = essay.meta["title"].casefold()
        if key in titles:
            raise DataError(path, f"title: same title as {titles[key].name}")
        titles[key] = path
        by_name = []
        for a in essay.meta["authors"]:
            slug = author_slug(a["name"])
            author = authors.setdefault(slug, Author(slug, a["name"]))
            if a.get("affiliation") and a["affiliation"] not in author.affiliations:
                author.affiliations.append(a["affiliation"])
            by_name.append((author, a.get("affiliation")))
        entry = Entry(essay, path, sources[essay.meta["source"]["id"]],
                      [themes[t] for t in essay.meta["themes"]], by_name)
        for author, _ in by_name:
            author.essays.append(entry)
        entries.append(entry)
    entries.sort(key=_sort_key)
    for author in authors.values():
        author.essays.sort(key=_sort_key)
    by_theme = {tid: [e for e in entries if tid in e.meta["themes"]] for tid in themes}
    by_source = {sid: [e for e in entries if e.source.id == sid] for sid in sources}
    years: dict[str, list[Entry]] = {}
    for e in entries:
        years.setdefault(str(e.year) if e.year else UNDATED, []).append(e)
    by_year = sorted(((y, es) for y, es in years.items() if y != UNDATED), key=lambda t: t[0], reverse=True)
    if UNDATED in years:
        by_year.append((UNDATED, years[UNDATED]))
    return Catalog(entries, themes, sources,
                   dict(sorted(authors.items(), key=lambda kv: kv[1].name.casefold())),
                   by_theme, by_source, by_year)


def _shape(essay: Essay) -> tuple:
    """What the catalog's structure depends on of an essay: its place in every list,
    its author pages, its outlet and themes (not its text, summary or other fields)."""
    m = essay.meta
    return (m["title"], m["date"], m["source"]["id"], tuple(m["themes"]),
            tuple((a["name"], a.get("affiliation")) for a in m["authors"]))


def updated_catalog(catalog: Catalog | None, essays: list[tuple[Essay, Path]], themes: dict[str, Theme],
                    sources: dict[str, Source]) -> Catalog:
    """The catalog of ``essays``: ``catalog`` itself, its entries pointing at the new
    essays, when the same files are there and none changed its title, date, outlet,
    themes or authors (an edited text, the common case of a preview); else a new one."""
    if catalog is None or len(essays) != len(catalog.entries) or catalog.themes != themes \
            or catalog.sources != sources:
        return catalog_of(essays, themes, sources)
    by_path = catalog.__dict__.get("_by_path")
    if by_path is None:
        by_path = catalog.__dict__["_by_path"] = {e.path: e for e in catalog.entries}
    swaps = []
    for essay, path in essays:
        entry = by_path.get(path)
        if entry is None:
            return catalog_of(essays, themes, sources)
        if entry.essay is not essay:
            if _shape(entry.essay) != _shape(essay):            # (same path: same slug)
                return catalog_of(essays, themes, sources)
            swaps.append((entry, essay))
    for entry, essay in swaps:
        entry.essay = essay
    return catalog
