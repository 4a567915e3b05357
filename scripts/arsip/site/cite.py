"""Citing an essay: an APA-style reference in Indonesian, BibTeX, RIS, Highwire tags.

All four are built from the same :class:`Citation`, so they cannot disagree with
each other or with the page's JSON-LD (``sitepages.jsonld`` uses it too).

APA 7 adapted to Indonesian conventions: ``(t.t.)`` ("tanpa tahun") for an undated
essay, month names in Indonesian, "Diakses" with the date the archive took the text
from its outlet, and the archive copy named after the original address:

    Adil, M. (2025, 8 Mei). Alone Together: Paradoks Hubungan Manusia Modern.
    kumparan. https://... Diakses 9 Mei 2025. Diarsipkan di Arsip Esai: https://...
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .catalog import Entry
from .dateformat import format_id

ARCHIVE_NAME = "Arsip Esai"


@dataclass(frozen=True)
class Person:
    name: str
    affiliation: str | None

    @property
    def parts(self) -> tuple[str, list[str]]:
        """(family name, given names). Many Indonesian names have no family name; the
        last word stands in for it, as Indonesian libraries index them."""
        words = self.name.split()
        return (words[-1], words[:-1]) if len(words) > 1 else (self.name, [])

    def apa(self) -> str:
        family, given = self.parts
        initials = " ".join(_initial(g) for g in given)
        return f"{family}, {initials}" if initials else family

    def bibtex(self) -> str:
        family, given = self.parts
        return f"{_bib_escape(family)}, {_bib_escape(' '.join(given))}" if given else "{" + _bib_escape(family) + "}"

    def ris(self) -> str:
        family, given = self.parts
        return f"{family}, {' '.join(given)}" if given else family


@dataclass(frozen=True)
class Citation:
    key: str
    title: str
    authors: tuple[Person, ...]
    date: str | None              # ISO date (YYYY-MM-DD), or None
    outlet: str
    section: str | None
    original_url: str | None
    archive_url: str
    retrieved: str | None         # ISO date the archive retrieved the text
    themes: tuple[str, ...]
    summary: str

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


def citation(entry: Entry, archive_url: str) -> Citation:
    m = entry.meta
    return Citation(
        key=_key(entry),
        title=entry.title,
        authors=tuple(Person(a.name, aff) for a, aff in entry.authors),
        date=m["date"][:10] if m["date"] else None,
        outlet=entry.source.name,
        section=m["source"]["section"],
        original_url=m["source"]["url"],
        archive_url=archive_url,
        retrieved=m["retrieved"][:10] if m["retrieved"] else None,
        themes=tuple(t.name for t in entry.themes),
        summary=m["summary"],
    )


def _key(entry: Entry) -> str:
    """A BibTeX key: first author's family name, year, first title word ('adil2025alone')."""
    family = Person(entry.authors[0][0].name, None).parts[0] if entry.authors else "anonim"
    year = entry.date[:4] if entry.date else "tt"
    word = next((w for w in re.findall(r"[^\W_]+", entry.title.lower()) if len(w) > 3), "esai")
    raw = f"{family}{year}{word}".lower()
    return re.sub(r"[^a-z0-9]", "", _ascii(raw)) or entry.slug.replace("-", "")


def _ascii(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _initial(given: str) -> str:
    """'Muhammad' -> 'M.', 'Al-Farabi' -> 'A.-F.'"""
    return "-".join(p[0].upper() + "." for p in given.split("-") if p)


# --- APA -------------------------------------------------------------------------

def _apa_authors(c: Citation) -> str:
    names = [p.apa() for p in c.authors]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", . . . " + names[-1]


def _apa_date(c: Citation) -> str:
    if not c.date:
        return "(t.t.)"
    day, month, year = format_id(c.date).split(" ")
    return f"({year}, {day} {month})"


def _end(text: str) -> str:
    """Text ending a reference element: a full stop unless it already ends in one."""
    return text if text.endswith((".", "?", "!")) else text + "."


def apa_parts(c: Citation) -> list[tuple[str, bool]]:
    """The reference as (text, italic) runs; :func:`apa` and the page both use them."""
    authors = _apa_authors(c)
    head = f"{_end(authors)} {_apa_date(c)}." if authors else f"{_end(c.title)} {_apa_date(c)}."
    runs: list[tuple[str, bool]] = [(head + " ", False)]
    if authors:
        runs.append((_end(c.title) + " ", False))
    runs.append((c.outlet, True))
    tail = "."
    if c.original_url:
        tail += f" {c.original_url}"
    if c.retrieved:                   # when the text was taken from its outlet
        tail += f" Diakses {format_id(c.retrieved)}."
    tail += f" Diarsipkan di {ARCHIVE_NAME}: {c.archive_url}"
    runs.append((tail + ".", False))
    return runs


def apa(c: Citation) -> str:
    """'Adil, M. (2025, 8 Mei). Alone together: .... kumparan. URL Diarsipkan di ...'"""
    return "".join(text for text, _ in apa_parts(c))


# --- BibTeX ----------------------------------------------------------------------

_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib_escape(text: str) -> str:
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in text)


def _bib_url(url: str) -> str:
    # URLs go verbatim (biblatex/hyperref read them raw); only braces would break the entry
    return url.replace("{", "%7B").replace("}", "%7D")


def bibtex(c: Citation) -> str:
    """A biblatex @online entry (BibTeX and Zotero read it too)."""
    fields: list[tuple[str, str]] = []
    if c.authors:
        fields.append(("author", " and ".join(p.bibtex() for p in c.authors)))
    else:
        fields.append(("author", "{" + _bib_escape(c.outlet) + "}"))
    fields.append(("title", "{" + _bib_escape(c.title) + "}"))
    if c.date:
        fields += [("date", c.date), ("year", c.year)]
    fields.append(("organization", _bib_escape(c.outlet)))
    fields.append(("journaltitle", _bib_escape(c.outlet)))
    if c.original_url:
        fields.append(("url", _bib_url(c.original_url)))
    else:
        fields.append(("url", _bib_url(c.archive_url)))
    if c.retrieved:
        fields.append(("urldate", c.retrieved))
    fields.append(("langid", "indonesian"))
    if c.themes:
        fields.append(("keywords", _bib_escape(", ".join(c.themes))))
    note = f"Diarsipkan di {ARCHIVE_NAME}: \\url{{{_bib_url(c.archive_url)}}}"
    fields.append(("note", note))
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@online{{{c.key},\n{body}\n}}\n"


# --- RIS -------------------------------------------------------------------------

def ris(c: Citation) -> str:
    """An RIS record (type ELEC: a web page), CRLF line ends as the format asks."""
    lines = [("TY", "ELEC")]
    lines += [("AU", p.ris()) for p in c.authors]
    lines.append(("TI", c.title))
    lines.append(("T2", c.outlet))
    lines.append(("PB", c.outlet))
    if c.date:
        y, mo, d = c.date.split("-")
        lines += [("PY", y), ("DA", f"{y}/{mo}/{d}")]
    lines.append(("UR", c.original_url or c.archive_url))
    if c.retrieved:
        lines.append(("Y2", c.retrieved.replace("-", "/")))
    lines.append(("LA", "id"))
    lines += [("KW", t) for t in c.themes]
    lines.append(("AB", c.summary))
    lines.append(("N1", f"Diarsipkan di {ARCHIVE_NAME}: {c.archive_url}"))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


# --- Highwire Press tags ---------------------------------------------------------

def highwire(c: Citation) -> list[tuple[str, str]]:
    """(name, content) of the citation_* meta tags Zotero and Google Scholar read."""
    tags = [("citation_title", c.title)]
    for p in c.authors:
        tags.append(("citation_author", p.name))
        if p.affiliation:
            tags.append(("citation_author_institution", p.affiliation))
    if c.date:
        tags.append(("citation_publication_date", c.date.replace("-", "/")))
    tags += [("citation_journal_title", c.outlet), ("citation_publisher", c.outlet), ("citation_language", "id")]
    if c.archive_url.startswith(("https://", "http://")):   # only an absolute address is of use
        tags.append(("citation_fulltext_html_url", c.archive_url))
    if c.themes:
        tags.append(("citation_keywords", "; ".join(c.themes)))
    return tags
