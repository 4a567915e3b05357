"""Publication date candidates: every date printed around the body.

A site header's date of the visit, a "Last Updated" stamp, a related article's date,
a print-edition note ("dimuat Harian X edisi Rabu, 9 Juni 2021") and the byline's
date all look alike; the features say where each stands and what words it follows,
and scoring.py picks one, or none.
"""
from __future__ import annotations

import re

from .candidates import Candidate, Page, _words, lexicon, share_of
from .dates import FoundDate, date_kind, find_dates
from .lines import is_title_case

#: Lines after the body in which a publication date is looked for ("Diterbitkan: ...").
DATE_TRAILER = 30
_DIGIT = re.compile(r"\d")
_PRINTED = re.compile(r"(?i)\b(?:dimuat|terbit|diterbitkan|edisi|surat kabar)\b")


#: Where the essay's own page has ended below the body: readers' comments and lists of
#: other articles, whose dates are theirs, never the essay's.
AFTER_THE_ESSAY = {"comments-block", "related-block", "more-in-section"}


def date_candidates(page: Page) -> list[Candidate]:
    lex = lexicon()
    lines = page.lines
    tz = page.source.timezone if page.source else None
    formats = page.source.date_formats if page.source else ()
    found: list[tuple[int, FoundDate, str]] = []
    body_at = page.order.get(page.start, len(page.nonblank))
    end_at = page.order.get(page.end, body_at)
    for i in page.nonblank[:end_at + 1 + DATE_TRAILER]:
        ln = lines[i]
        if i > page.end and ln.rule is not None and ln.rule.name in AFTER_THE_ESSAY:
            break             # "Komentar (3)", "Baca juga": the dates below are readers' and other pages'
        scan = ln.text
        if page.start <= i <= page.end and (ln.prose or ln.words > 12) and not _PRINTED.search(ln.text):
            # dates of events in the essay's own sentences; but "Jakarta, 18 Juni 2025 – "
            # opening the first paragraph is a news dateline, dated as the page is
            scan = ln.text[:len(ln.text) - len(ln.core)] if i == page.start and ln.core else ""
        elif ln.words > 60:
            continue
        if not _DIGIT.search(scan):
            continue
        prv = page.prev_nonblank(i)
        prev_kind = date_kind(lines[prv].text) if prv is not None and lines[prv].words <= 4 else ""
        end = 0
        for d in find_dates(scan, tz, formats):
            context, end = ln.text[end:d.start], d.end
            kind = date_kind(context) or ("" if context.strip() else prev_kind)
            if kind != "other":        # "Diperbarui", "Last Updated", "Bergabung sejak": not the publication
                found.append((i, d, context))
    if not found:
        return []
    newest = max(d.date for _, d, _ in found)
    days: dict = {}
    for _, d, _ in found:
        days[d.date] = days.get(d.date, 0) + 1
    first = page.nonblank[0] if page.nonblank else 0
    out = []
    for k, (i, d, context) in enumerate(found):
        ln = lines[i]
        before = ln.text[:d.start]
        prev_end = d.start - len(context)
        kind = date_kind(context) or date_kind(before)
        words = _words(context)
        prv = page.prev_nonblank(i)
        prev_kind = date_kind(lines[prv].text) if prv is not None and lines[prv].words <= 4 else ""
        other = len(_words(ln.text[:d.start] + " " + ln.text[d.end:]))
        header = i < page.start
        trailer = i > page.end
        dist = page.gap(i, page.start) if header else page.gap(i, page.end) if trailer else 0
        nxt = page.next_nonblank(i)
        feats = {
            "prev_published": 1.0 if prev_kind == "published" else 0.0,
            "header": 1.0 if header else 0.0,
            "trailer": 1.0 if trailer else 0.0,
            "in_body": 1.0 if not header and not trailer else 0.0,
            "dist": 1.0 / (1 + dist),
            "pure": 1.0 if other <= 3 else 0.0,
            "many_words": min(other, 20) / 20,
            "has_time": 1.0 if d.has_time else 0.0,
            "weekday": 1.0 if d.weekday else 0.0,
            "visit_like": 1.0 if d.weekday and not d.has_time and page.order.get(i, 99) < 3 else 0.0,
            "first_line": 1.0 if i == first else 0.0,
            "published": 1.0 if kind == "published" else 0.0,
            "print_edition": 1.0 if set(_words(before)) & lex["print_words"] else 0.0,
            "newest": 1.0 if d.date == newest else 0.0,
            "years_old": min((newest - d.date).days / 365.0, 5) / 5,
            "repeated": 1.0 if days[d.date] > 1 else 0.0,
            "bullet": 1.0 if ln.bullet or ln.effect in ("related", "end") else 0.0,
            "related_next": 1.0 if nxt is not None and lines[nxt].words >= 5 and is_title_case(lines[nxt].text)
            and nxt < page.start and k + 1 < len(found) else 0.0,
            "credit_line": 1.0 if set(_words(ln.text)) & lex["credit_labels"] or ln.effect == "credit" else 0.0,
            "ui": share_of(_words(ln.text), lex["ui_words"]),
            "count": min(len(found), 10) / 10,
            "second_on_line": 1.0 if prev_end else 0.0,
            "words_before": min(len(words), 10) / 10,
            "dateline": 1.0 if i == page.start and d.end <= len(ln.text) - len(ln.core) else 0.0,
        }
        out.append(Candidate("date", d, (i,), ln.text, feats))
    return out
