"""Cleaning, step 3: metadata from the lines around the body.

The header (lines above the body) holds the headline, the byline and the
publication date, often below a site header with today's date and a menu; the
trailer (lines below) holds sign-offs, tags and related articles with their own
dates. Which date is the publication date and which line is the headline is decided
by position relative to the body, not by outlet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import date_kind
from .lines import SENTENCE_END, Line, is_title_case, norm, person_credit
from .people import Author, is_name, merge, parse_people, starts_as_affiliation
from .rules import Source

# Lines between a date line and the body beyond which that date is not the article's.
DATE_REACH = 15
# Lines above the anchor (date or body) in which the headline is looked for.
TITLE_REACH = 8
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


def _nonblank_between(lines: list[Line], a: int, b: int) -> int:
    lo, hi = sorted((a, b))
    return sum(1 for ln in lines[lo + 1:hi] if not ln.blank)


def extract(lines: list[Line], start: int, end: int, source: Source | None) -> Meta:
    meta = Meta()
    header = range(0, start)
    trailer = range(end + 1, len(lines))

    pub = _publication_date(lines, start, end)
    anchor = pub if pub is not None else start
    title_at = _title(lines, anchor, start, source)
    if title_at is not None:
        meta.title = _strip_site_suffix(lines[title_at].text, source,
                                        {norm(lines[i].text) for i in header if i != title_at})
        lines[title_at].reason = "title"
        for i in header:
            if i != title_at and norm(lines[i].text) == norm(lines[title_at].text):
                lines[i].reason = "title"
    if pub is not None:
        meta.date = lines[pub].date.iso
        lines[pub].reason = "publication-date"
        top = title_at if title_at is not None else pub
        for i in range(0, min(top, pub)):
            d = lines[i].date
            if d and d.weekday and not d.has_time and lines[i].rule is None:
                meta.retrieved = d.date.isoformat()
                lines[i].reason = "visit-date"
                break

    head_people, trail_people = [], []
    for i in header:
        _credit(lines, i, head_people, meta)
    # a byline block may stand just above the headline (name, then affiliation) or below it
    first = max(-1, (title_at if title_at is not None else anchor) - TITLE_REACH)
    for people in _pairs(lines, header, after=first, limit=2 * TITLE_REACH):
        head_people.extend(people)
    for i in trailer:
        _credit(lines, i, trail_people, meta, bylines=False)
    for i in _pairs(lines, trailer, after=end, limit=4):
        trail_people.extend(i)
    meta.authors = merge(head_people, trail_people)

    meta.section = _section(lines, header, trailer, source, meta.title)
    for i in list(header) + list(trailer):
        if lines[i].effect == "tags" and lines[i].match.group("tags"):
            meta.tags = split_tags(lines[i].match.group("tags"))
            break
    return meta


def _publication_date(lines: list[Line], start: int, end: int) -> int | None:
    for i in range(start - 1, -1, -1):
        d = lines[i].date
        if d is None or date_kind(lines[i].text[:d.start]) == "other":
            continue
        if _nonblank_between(lines, i, start) <= DATE_REACH:
            return i
        break
    # "Diterbitkan: 8 Mei 2025" under the essay
    for i in range(end + 1, len(lines)):
        if lines[i].date and date_kind(lines[i].text[:lines[i].date.start]) == "published":
            return i
    return None


def _title_candidate(line: Line, source: Source | None) -> bool:
    text = line.text
    if line.blank or line.rule is not None or line.date is not None or line.bullet or line.prose:
        return False
    if not (2 <= line.words <= 30) or len(text) > 250:
        return False
    if text.endswith((".", ",", ":", ";")) and not text.endswith("..."):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘"):
        return False
    if source and text in source.sections:
        return False
    if starts_as_affiliation(text) or person_credit(text):
        return False
    return True


def _title(lines: list[Line], anchor: int, start: int, source: Source | None) -> int | None:
    texts = [norm(ln.text) for ln in lines[:start]]
    best, best_score = None, None
    for i in range(start - 1, -1, -1):
        line = lines[i]
        if i < anchor and _nonblank_between(lines, i, anchor) > TITLE_REACH:
            break
        if not _title_candidate(line, source):
            continue
        nxt = _next_nonblank(lines, i)
        if (nxt is not None and nxt < start and lines[nxt].rule is None and is_name(line.text)
                and starts_as_affiliation(lines[nxt].text)):
            continue  # a byline "Nama" above "Mahasiswa ..."
        dist = _nonblank_between(lines, i, anchor)
        score = min(line.words, 8) / 2 - dist
        score += 2 if texts.count(norm(line.text)) > 1 else 0
        score += 1 if (is_title_case(line.text) or line.text.endswith(("?", "!"))) else 0
        score += 1 if i <= anchor else 0
        if best_score is None or score > best_score:
            best, best_score = i, score
    return best


def _next_nonblank(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if not lines[j].blank:
            return j
    return None


def _strip_site_suffix(title: str, source: Source | None, header: set[str] = frozenset()) -> str:
    """'Judul Esai | Nama Situs' -> 'Judul Esai' when the suffix is the site: the outlet's
    name, a web address, or a line that also stands alone in the page header."""
    m = re.match(r"^(.{8,}?)\s+[|–—-]\s+([^|–—-]{2,40})$", title)
    if m:
        suffix = m.group(2).lower()
        if ((source and source.name.lower() in suffix) or re.search(r"\.(?:com|id|net|org)\b", suffix)
                or norm(m.group(2)) in header):
            return m.group(1).strip()
    return title


#: Credit rules that describe a byline above the essay, not a sign-off below it.
HEADER_ONLY_CREDITS = {"byline-outlet", "byline-role"}


def _credit(lines: list[Line], i: int, people: list[Author], meta: Meta, bylines: bool = True) -> None:
    line = lines[i]
    if line.effect != "credit" or (not bylines and line.rule.name in HEADER_ONLY_CREDITS):
        return
    who = line.match.group("who")
    found = parse_people(who) or []
    if found:
        people.extend(found)
        line.reason = "byline"
    elif meta.byline is None:
        meta.byline = who.strip()
        line.reason = "byline"


def _pairs(lines: list[Line], span: range, after: int, limit: int = 6):
    """'Nama' above 'Afiliasi', or 'Nama, Afiliasi', in a few lines after ``after``."""
    seen = 0
    for i in span:
        # a name can close a run of short menu lines: "menu-run" is too weak a rule to hide it
        ruled = lines[i].rule is not None and lines[i].rule.name != "menu-run"
        if i <= after or lines[i].blank or ruled or lines[i].date is not None:
            continue
        seen += 1
        if seen > limit:
            return
        line = lines[i]
        if person_credit(line.text):
            people = parse_people(line.text, single_word_ok=False)
            line.reason = "byline"
            yield people
            continue
        nxt = _next_nonblank(lines, i)
        if (nxt is not None and nxt in span and is_name(line.text)
                and lines[nxt].rule is None and starts_as_affiliation(lines[nxt].text)
                and not SENTENCE_END.search(lines[nxt].text.rstrip(". ") + "x")):
            line.reason = "byline"
            lines[nxt].reason = "affiliation"
            yield [Author(line.text.strip(), lines[nxt].text.strip(" ."))]


def _section(lines: list[Line], header: range, trailer: range, source: Source | None,
             title: str | None) -> str | None:
    if source:
        for i in header:
            if lines[i].text in source.sections and lines[i].rule is None:
                lines[i].reason = "section"
                return lines[i].text
    for i in (*header, *trailer):
        if lines[i].effect == "section":
            return lines[i].match.group("section").strip()
    for i in header:
        if lines[i].effect == "breadcrumb":
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
