"""The cleaner: raw article text -> essay body (Markdown) and metadata.

    raw bytes --decode--> text --lines.classify--> Lines --body.find_body--> body span
      body span --metadata.extract--> title, authors, date, section, tags
      body lines --structure.blocks--> Blocks --structure.render--> Markdown

Every raw line ends up kept or dropped with a reason, so ``--explain`` can show the
whole decision and ``removed`` lists what was taken out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from . import lines as L
from .body import find_body
from .signoffs import strip_paren_signoff
from .datelines import dateline_end
from .decoding import decode, normalise
from .metadata import extract
from .people import Author, merge, parse_people
from .rules import Credit, Source, recognise
from .structure import Block, blocks, render

#: Lines not kept get one of these reasons when no rule named them.
REASONS = {
    "header": "Above the essay body: site header, menus, headline block.",
    "trailer": "Below the essay body: sign-offs, related articles, footer.",
    "title": "The headline (kept as the title, not repeated in the body).",
    "publication-date": "The publication date (kept in the metadata).",
    "visit-date": "The site header's date of the visit, not the publication date.",
    "byline": "A byline or sign-off naming the author (kept in the metadata).",
    "affiliation": "The author's affiliation (kept in the metadata).",
    "section": "The outlet's section or rubric (kept in the metadata).",
    "date-line": "A date on a line of its own inside the body (related articles, captions).",
    "image-alt-text": "The alt text of an image, right above its caption.",
    "related-headline": "The headline after a 'Baca Juga' label.",
    "repeats-title": "Repeats the headline inside the body.",
    "duplicate": "Repeats an earlier line of the body.",
    "caption-twice": "A short line printed twice in a row inside the body: a photo caption or pull quote.",
    "blank": "",
}


@dataclass
class Cleaned:
    title: str | None
    authors: list[Author]
    date: str | None
    source: Source | None
    section: str | None
    tags: list[str]
    body: str
    blocks: list[Block]
    lines: list[L.Line]
    byline: str | None = None
    retrieved: str | None = None
    #: field -> how title, authors and date were chosen (see scoring.Choice)
    choices: dict = field(default_factory=dict)

    @property
    def confidence(self) -> dict[str, float]:
        """How sure the cleaner is of each metadata field, from 0 to 1."""
        return {f: round(c.confidence, 3) for f, c in self.choices.items()}

    @property
    def unsure(self) -> list[str]:
        """The fields whose confidence is below the model's flag: a curator should look."""
        return [f for f, c in self.choices.items() if c.flagged]

    def removed(self) -> list[dict]:
        return [{"line": ln.no, "text": ln.text, "reason": ln.reason}
                for ln in self.lines if not ln.keep and not ln.blank]

    def as_json(self) -> dict:
        src = self.source
        return {
            "title": self.title,
            "authors": [a.as_dict() for a in self.authors],
            "date": self.date,
            "source": {"id": src.id if src else None, "name": src.name if src else None,
                       "section": self.section},
            "tags": self.tags,
            "byline": self.byline,
            "retrieved": self.retrieved,
            "confidence": self.confidence,
            "review": self.unsure,
            "body": self.body,
            "removed": self.removed(),
        }


def clean_bytes(data: bytes, name: object = "<input>", source: Source | None = None,
                sources: dict[str, Source] | None = None) -> Cleaned:
    return _clean(decode(data, name), name, source, sources)


def clean_text(text: str, name: object = "<input>", source: Source | None = None,
               sources: dict[str, Source] | None = None) -> Cleaned:
    """Clean one article. Without ``source``, the outlet is recognised from ``sources``."""
    return _clean(normalise(text), name, source, sources)


def _clean(text: str, name: object, source: Source | None, sources: dict[str, Source] | None) -> Cleaned:
    if source is None and sources:
        source = recognise(text, sources)
    lines = L.split(text)
    L.classify(lines, source)
    span = find_body(lines)
    if span is None:
        raise InputError(name, "no essay text found (only boilerplate, menus or short lines)")
    start, end = span
    meta = extract(lines, start, end, source)
    again = _after_title_repeat(lines, start, end, meta.title)
    if again is not None:
        start = again
        meta = extract(lines, start, end, source)
    body_lines = _select_body(lines, start, end, meta.title)
    byline = meta.choices["authors"].chosen if meta.choices else None
    if byline is not None and byline.lines[0] == start and byline.features.get("label") \
            and not byline.features.get("label_mid") and len(body_lines) > 1 and body_lines[1].prose:
        # "Ditulis oleh Nama, M.Pd. Tulisan ini menjadi artikel terbaik ...": a byline that
        # opens the body with a note on the essay after it is the byline's line, not the essay's
        # (when a paragraph follows: a heading left first would be a header when cleaned again)
        body_lines = [ln for ln in body_lines if ln.no - 1 != start]
        lines[start].reason = "byline"
    credits = _profile_credits(body_lines, source)
    if not credits and not meta.authors and meta.byline:
        # The byline names a desk ("Redaksi"); outlets that do this often credit the
        # writer in parentheses at the end of an opening paragraph.
        credits = _credits_in(body_lines, (_DESK_CREDIT,))
    if credits:
        meta.authors = merge(meta.authors, credits)
    chosen = meta.choices["authors"].chosen if meta.choices else None
    if chosen is not None and chosen.features.get("paren_signoff") and len(body_lines) > 1 \
            and body_lines[-1].no - 1 == end:
        # "... kalimat terakhir. (Nama Penulis)": the writer's name goes to the front
        # matter, not into the last paragraph
        body_lines[-1].text = strip_paren_signoff(body_lines[-1].text)
        if not body_lines[-1].text:                    # "(Nama. Jabatan ...)": a line of its own
            body_lines.pop().reason = "byline"
    _strip_dateline(body_lines, source, meta.title)
    if not body_lines:
        raise InputError(name, "no essay text found (only boilerplate, menus or short lines)")
    blks = blocks(body_lines)
    for ln in body_lines:
        ln.keep = True
    kinds = {n: b.kind for b in blks for n in b.lines}
    for ln in lines:
        if ln.keep:
            ln.reason = kinds.get(ln.no, "para")
        elif not ln.reason:
            if ln.blank:
                ln.reason = "blank"
            elif ln.rule is not None:
                ln.reason = ln.rule.name
            else:
                ln.reason = "header" if ln.no - 1 < start else "trailer"
    return Cleaned(
        title=meta.title, authors=meta.authors, date=meta.date, source=source,
        section=meta.section, tags=meta.tags, body=render(blks), blocks=blks, lines=lines,
        byline=meta.byline, retrieved=meta.retrieved, choices=meta.choices,
    )


#: the headline printed again among this many first lines of the body
REPEAT_REACH = 3


def _after_title_repeat(lines: list[L.Line], start: int, end: int, title: str | None) -> int | None:
    """Where the body starts when the headline is printed again among its first lines
    (under a standfirst and a byline, over the image): the essay starts after it."""
    if not title:
        return None
    top = [i for i in range(start, end + 1) if not lines[i].blank][:REPEAT_REACH + 1]
    for k, i in enumerate(top[1:], 1):
        if L.norm(lines[i].text) == L.norm(title):
            # (over a caption under the image: the essay is the prose after it)
            nxt = next((j for j in range(i + 1, end + 1)
                        if not lines[j].blank and lines[j].effect not in ("caption", "noise")), None)
            return nxt if nxt is not None and lines[nxt].prose else None
    return None


def _select_body(lines: list[L.Line], start: int, end: int, title: str | None) -> list[L.Line]:
    """The lines of the body span that are the essay's own, in order."""
    span = lines[start:end + 1]
    seen: dict[str, L.Line] = {}
    title_norm = L.norm(title) if title else None
    out: list[L.Line] = []
    skip_next = False
    for k, ln in enumerate(span):
        if ln.blank:
            continue
        if ln.rule is not None:
            ln.reason = ln.rule.name
            if ln.effect == "caption":
                _drop_alt_text(span, k, out)
            skip_next = ln.effect == "related"
            continue
        if skip_next:
            skip_next = False
            if ln.words <= 25 and not ln.text.endswith("."):
                ln.reason = "related-headline"
                # "Baca Juga :" over two headlines, one per line with no blank between
                skip_next = k + 1 < len(span) and not span[k + 1].blank
                continue
        if ln.date is not None:
            ln.reason = "date-line"
            continue
        key = L.norm(ln.text)
        if title_norm and key == title_norm:
            ln.reason = "repeats-title"
            continue
        if ln.words >= 3 and key in seen:
            first = seen[key]
            if first.bullet and not ln.bullet and first in out:
                # a table of contents entry repeating a subheading: keep the subheading
                out.remove(first)
                first.reason = "duplicate"
            else:
                ln.reason = "duplicate"
                if first is out[-1] and ln.no - first.no <= 2 and ln.words <= 15 and not first.bullet \
                        and not L.SENTENCE_END.search(ln.text) and len(out) > 1:
                    # printed twice in a row, short and without a full stop: a caption or a
                    # pull quote set under its image, not a paragraph shown twice
                    out.pop()
                    first.reason = ln.reason = "caption-twice"
                continue
        seen[key] = ln
        out.append(ln)
    return out


def _drop_alt_text(span: list[L.Line], k: int, out: list[L.Line]) -> None:
    """A short line right above a caption (no blank between) is the image's alt text."""
    if k == 0 or not out:
        return
    above = span[k - 1]
    if above is out[-1] and above.words <= 8 and not L.SENTENCE_END.search(above.text) and not above.bullet:
        out.pop()
        above.reason = "image-alt-text"


_DESK_CREDIT = Credit(re.compile(r"\s*\((?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,5})\)$"), 3)


def _profile_credits(body: list[L.Line], source: Source | None) -> list[Author]:
    """Outlet-specific writer credits inside the opening paragraphs, removed from the text."""
    return _credits_in(body, source.credits) if source else []


def _credits_in(body: list[L.Line], credits) -> list[Author]:
    found: list[Author] = []
    for credit in credits:
        for ln in body[:credit.paragraphs]:
            m = credit.pattern.search(ln.text)
            if not m:
                continue
            people = parse_people(m.group("who"), single_word_ok=False)
            if people:
                found.extend(people)
                ln.text = ln.text[:m.start()].rstrip()
    return found


def _strip_dateline(body: list[L.Line], source: Source | None, title: str | None = None) -> None:
    """Remove 'TIMESINDONESIA, YOGYAKARTA – ' and the like from the first paragraph, and
    the headline when the page glued it to the first sentence."""
    if body:
        text = body[0].text
        rest = text[len(title):].lstrip() if title else ""
        if (title and L.norm(text[:len(title)]) == L.norm(title) and text[len(title):len(title) + 1] == " "
                and not title.endswith(".") and rest[:1].isupper() and len(rest.split()) >= 8):
            text = rest
        body[0].text = text[dateline_end(text, source):]
