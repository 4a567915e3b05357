"""Cleaning, step 3: metadata from the lines around the body.

The header (lines above the body) holds the headline, the byline and the
publication date, often below a site header with today's date and a menu; the
trailer (lines below) holds sign-offs, tags and related articles with their own
dates. Title, authors and date are each the best of their candidates, scored by
features learned from real pages (see candidates.py and scoring.py); what was chosen,
the runner-up and the confidence stay in ``Meta.choices``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bylines import author_candidates
from .candidates import Page
from .headlines import title_candidates
from .lines import Line, norm
from .people import Author, core_name, parse_people
from .rules import Source
from .pubdates import date_candidates
from .scoring import Choice, choose

MAX_TAG_CHARS = 80
CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass
class Meta:
    title: str | None = None
    authors: list[Author] = field(default_factory=list)
    byline: str | None = None
    date: str | None = None
    retrieved: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    #: field -> how its value was chosen (candidates, confidence), for --explain and review
    choices: dict[str, Choice] = field(default_factory=dict)


def extract(lines: list[Line], start: int, end: int, source: Source | None) -> Meta:
    """Title, authors and date as the best of their scored candidates (candidates.py,
    bylines.py, scoring.py); section, tags and the visit date by rule."""
    meta = Meta()
    page = Page(lines, start, end, source)
    title_cands = title_candidates(page)
    title = choose("title", title_cands)
    date = choose("date", date_candidates(page))
    author_cands = author_candidates(page)
    authors = choose("authors", author_cands)
    title, authors = _one_role(title, title_cands, authors, author_cands)
    meta.choices = {"title": title, "authors": authors, "date": date}

    title_at = None
    if title.chosen is not None:
        title_at = title.chosen.lines[0]
        meta.title = title.chosen.value
        lines[title_at].reason = "title"
        key = norm(lines[title_at].text)
        for i in page.nonblank:
            if i >= start:
                break
            if i != title_at and len(lines[i].text) == len(lines[title_at].text) and norm(lines[i].text) == key:
                lines[i].reason = "title"
    if date.chosen is not None:
        pub = date.chosen.lines[0]
        meta.date = date.chosen.value.iso
        lines[pub].reason = lines[pub].reason or "publication-date"
        top = title_at if title_at is not None and title_at < pub else pub
        for i in range(0, top):
            d = lines[i].date
            if d and d.weekday and not d.has_time and lines[i].rule is None and i != pub:
                meta.retrieved = d.date.isoformat()
                lines[i].reason = "visit-date"
                break
    if authors.chosen is not None:
        meta.authors = _with_affiliations(list(authors.chosen.value), author_cands)
        for k, i in enumerate(authors.chosen.lines):
            if not lines[i].reason:
                lines[i].reason = "byline" if k == 0 else "affiliation"
    # the rest is by rule: only the lines a rule matched outside the body matter
    ruled = [i for i in page.nonblank if (i < start or i > end) and lines[i].rule is not None]
    for i in ruled:
        _desk(lines, i, meta)
    meta.section = _section(lines, [i for i in page.nonblank if i < start], ruled, source, meta.title)
    for i in ruled:
        if lines[i].effect == "tags" and lines[i].match.group("tags"):
            meta.tags = split_tags(lines[i].match.group("tags"))
            break
    return meta


def _one_role(title, title_cands, authors, author_cands):
    """A line is the headline or the byline, not both ("Abdi Mulia Lubis" above "4 min
    read"): the field less sure of it chooses again without it; a name alone wins the
    line only with something under it that marks a byline (a date, an account, an
    affiliation), else "Life After Merried" would lose its headline to a name's shape."""
    t, a = title.chosen, authors.chosen
    if t is None or a is None or t.lines[0] != a.lines[0] or \
            norm(str(t.value)) not in {norm(p.name) for p in a.value}:
        return title, authors         # ("Mari Belajar Oleh : Nama": a headline with its byline glued)
    backed = any(v and k.endswith("_next") for k, v in a.features.items())
    if title.confidence >= authors.confidence or not backed:
        return title, choose("authors", [c for c in author_cands if c.lines[0] != t.lines[0]])
    return choose("title", [c for c in title_cands if c.lines[0] != a.lines[0]]), authors


def _with_affiliations(chosen: list[Author], candidates) -> list[Author]:
    """A byline without the affiliation that a sign-off of the same writer gives
    ("Penulis: Nama" above, "Nama, Peneliti ..." below) takes it from there."""
    found = {}
    for c in candidates:
        for a in c.value:
            if a.affiliation:
                found.setdefault(core_name(a.name), a.affiliation)
    return [a if a.affiliation else Author(a.name, found.get(core_name(a.name))) for a in chosen]


def _desk(lines: list[Line], i: int, meta: Meta) -> None:
    """A byline that names a desk ("Redaksi"): outlets that print one often credit the
    writer in parentheses after the lead (see the cleaner)."""
    line = lines[i]
    if line.effect == "credit" and meta.byline is None and parse_people(line.match.group("who")) == []:
        meta.byline = line.match.group("who").strip()
        line.reason = line.reason or "byline"


def _section(lines: list[Line], header: list[int], ruled: list[int], source: Source | None,
             title: str | None) -> str | None:
    """The outlet's section: a profile's section name in the header, a 'Kategori:' line,
    or the trail of a breadcrumb (``ruled``: the lines a rule matched around the body)."""
    if source and source.sections:
        for i in header:
            if lines[i].text in source.sections and lines[i].rule is None:
                lines[i].reason = "section"
                return lines[i].text
    for i in ruled:
        if lines[i].effect == "section":
            return lines[i].match.group("section").strip()
    for i in ruled:
        if i < len(lines) and lines[i].effect == "breadcrumb" and (not header or i <= header[-1]):
            crumbs = split_breadcrumb(lines[i].match.group("trail"), lines)
            crumbs = [c for c in crumbs if not title or norm(c) != norm(title)]
            if crumbs:
                return " / ".join(crumbs)
    return None


def split_breadcrumb(trail: str, lines: list[Line]) -> list[str]:
    """'Gentainment Karya Calon Anggota' -> ['Gentainment', 'Karya Calon Anggota'].

    With separators (> » / |) the trail splits on them; without, it is split into
    the page's own menu items (short lines elsewhere on the page), longest first.
    """
    parts = [p.strip() for p in re.split(r"\s*[>»/|›]\s*", trail) if p.strip()]
    if len(parts) > 1:
        return parts
    items = {ln.text.casefold() for ln in lines if 1 <= ln.words <= 5 and ln.text != trail}
    words = trail.split()
    out, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            if " ".join(words[i:j]).casefold() in items:
                out.append(" ".join(words[i:j]))
                i = j
                break
        else:
            return [trail.strip()]
    return out


def split_tags(raw: str) -> list[str]:
    """'KonsultasiMedia SosialTwitter' -> ['Konsultasi', 'Media Sosial', 'Twitter']."""
    raw = raw.strip()
    if re.search(r"[,#|·•;]", raw):
        parts = re.split(r"\s*[,#|·•;]\s*", raw)
    else:
        parts = CAMEL.split(raw)
    seen, out = set(), []
    for p in parts:
        p = p.strip(" .")
        if len(p) > MAX_TAG_CHARS:
            continue  # a run of text, not a tag
        if p and p.casefold() not in seen:
            seen.add(p.casefold())
            out.append(p)
    return out
