"""Datelines: what a news page puts before the first sentence of an essay.

"TIMESINDONESIA, YOGYAKARTA – ", "JAKARTA, KOMPAS.com - ", "bimus.ac.id – ",
"KBRN, Jakarta: ", "(ANTARA) ", "Manado (13/2) – ": the outlet, a place, sometimes a
date, then a dash or a colon. They are taken off the first paragraph (and lines are
judged without them). An outlet profile may describe its own; the generic shapes
are here.
"""
from __future__ import annotations

import re

from .rules import Source, generic

# What a sentence starts with: a letter or digit, an opening quote or parenthesis.
SENTENCE_START = re.compile(r"[^\W_]|[\"“‘'(]")
_GENERIC_DATELINE = re.compile(r"^(?P<prefix>[^\s–—-][^–—-]{0,60}?)\s*[–—-]{1,2}\s+(?=\S)")


# "bimus.ac.id – ", "Intipnews.com:", "TANGERANGNEWS.com-", "balitribune.co.id | ", "Outlet.com ~ ",
# "Outlet.com, KOTA -- ", "OUTLET.COM, Kota---", "Outlet.com - Kota,- ", "outlet.com | Kota – ", "Upos.id, ":
# a web address opening the first paragraph.
# "Jakarta, Pilihan-Rakyat.com – " (a place before it; "JAKARTA, OUTLET.COM-Kebijakan": the dash glued), "BandungBergerak.idPersiapan ..."
# (the first word glued to it).
_DOMAIN_DATELINE = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:co\.id|ac\.id|sch\.id|or\.id|go\.id|"
                              r"web\.id|my\.id|com|id|net|org|co|info|news|tv)"
                              r"(?:(?:,\s*|\s*[-–—|]\s*)[A-Za-z][A-Za-z .]{1,30}?)?"
                              r"(?:\s*,?\s*(?:[–—|:.~]|-{1,3})\s*|,\s+)(?=\S)", re.IGNORECASE)
_PLACE_DOMAIN_DATELINE = re.compile(r"^[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2},\s+(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                                    r"\.(?:co\.id|ac\.id|or\.id|go\.id|com|id|net|org|co|news)\s*(?:[–—|:]|-{1,2})"
                                    r"(?:\s+(?=\S)|(?-i:(?=[A-Z][a-z])))",
                                    re.IGNORECASE)
# "Jakarta (faktahukumntt.com), Dalam rangka ...": a place, the outlet's address in parentheses
_PLACE_PAREN_DOMAIN_DATELINE = re.compile(r"^[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2}\s*\((?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                                          r"\.(?:co\.id|com|id|net|org|news)\)\s*[,:–—-]?\s+(?=[A-Z\"“])")
_GLUED_DOMAIN_DATELINE = re.compile(r"^[A-Za-z0-9-]{3,}\.(?:co\.id|ac\.id|or\.id|com|id|net|org)(?=[A-Z][a-z]{2})")
# "|| Kadang kita lupa ...": a separator left from a header opening the text.
_SEPARATOR_DATELINE = re.compile(r"^(?:\|{1,2}|•|·)\s*(?=[A-Z\"“])")
# "TANYAFAKTA.CO Industri ...": an outlet's address in capitals, then the first sentence.
_CAPITAL_DOMAIN_DATELINE = re.compile(r"^[A-Z0-9-]{3,}\.(?:CO\.ID|COM|CO|ID|NET|ORG|NEWS)\s+(?=[A-Z])")
# "(Beritadaerah-Kolom) ", "(ANTARA) ": an outlet in parentheses opening the text;
# "Minggu, (06/02/2022) – ", "Manado (13/2) – ": a place or a day and a short date;
# "Jakarta, 18 Juni 2025 - ", "Bandung, Senin (3/3/2025) – ": a place and a date ("DUMAI,
# 21 mei 2025 – ": the month as typed).
_BRACKET_DATELINE = re.compile(r"^\((?:[A-Z][\w.]*(?:[ /-][A-Z][\w.]*){0,3})\)\s+(?=[A-Z\"“])")
_MONTHS = ("Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|"
           "Desember|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Ags|Sep|Sept|Okt|Nov|Des")
_DATED_DATELINE = re.compile(r"^[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}(?:,?\s*\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)"
                             rf"|,\s*\d{{1,2}}\s(?i:{_MONTHS})\.?\s\d{{4}})\s*[–—-]{{1,2}}\s+(?=\S)")
_PLACE_RE: re.Pattern | None = None


def _PLACE_DATELINE() -> re.Pattern:
    """'KBRN, Jakarta: ', 'Pijar, Medan. ': an outlet and a known place before the text;
    'Jakarta: ': a known place and a colon."""
    global _PLACE_RE
    if _PLACE_RE is None:
        places = "|".join(sorted((re.escape(p) for p in generic().dates["dateline_places"]), key=len, reverse=True))
        _PLACE_RE = re.compile(rf"^(?:[A-Z][\w!]*(?:\s[A-Z][\w!]*){{0,2}},\s+(?:{places})\s*[.:–—-]{{1,2}}\s+(?=\S)"
                               rf"|(?:{places})\s*:\s+(?=(?-i:[A-Z\"“])))", re.IGNORECASE)
    return _PLACE_RE


_RUBRIC_RE: re.Pattern | None = None


def _RUBRIC_DATELINE() -> re.Pattern:
    """'OPINI : ', 'Opini, ' (a rubric's name, in capitals or with a colon) before the text."""
    global _RUBRIC_RE
    if _RUBRIC_RE is None:
        from .candidates import lexicon          # candidates imports lines, which imports this module
        words = "|".join(sorted((re.escape(w) for w in lexicon()["rubric_words"]), key=len, reverse=True))
        _RUBRIC_RE = re.compile(rf"^(?i:{words})\s*:\s+(?=[A-Z])")
    return _RUBRIC_RE


_SHAPES_RE: re.Pattern | None = None


def _shapes() -> re.Pattern:
    """The dateline shapes above as one pattern, tried in this order (the first shape
    that matches wins, as with one match after another, but in a single call: every
    line of every page is tried)."""
    global _SHAPES_RE
    if _SHAPES_RE is None:
        shapes = (_DOMAIN_DATELINE, _PLACE_DOMAIN_DATELINE, _PLACE_PAREN_DOMAIN_DATELINE, _GLUED_DOMAIN_DATELINE,
                  _SEPARATOR_DATELINE, _CAPITAL_DOMAIN_DATELINE, _PLACE_DATELINE(), _BRACKET_DATELINE, _DATED_DATELINE, _RUBRIC_DATELINE())
        parts = []
        for pat in shapes:
            assert not pat.groupindex, "a shape with named groups would clash in the union"
            parts.append(f"(?i:{pat.pattern})" if pat.flags & re.IGNORECASE else f"(?:{pat.pattern})")
        _SHAPES_RE = re.compile("|".join(parts))
    return _SHAPES_RE


def dateline_end(text: str, source: Source | None) -> int:
    """Where the text starts after a dateline ('TIMESINDONESIA, YOGYAKARTA – ',
    'JAKARTA, KOMPAS.com - ', 'Wayah Sinau - '), or 0 when it has none.

    Only one dateline is removed, and only when what follows does not start with
    another: removing it again must change nothing."""
    end = _dateline_at(text, source)
    if end and (_dateline_at(text[end:], source) or not SENTENCE_START.match(text[end:])):
        return 0
    return end


def _dateline_at(text: str, source: Source | None) -> int:
    for pat in source.datelines if source else ():
        m = pat.match(text)
        if m:
            return m.end()
    m = _shapes().match(text)
    # ("Namun, ..." opens a sentence; "Kamis, 11 Januari 2007 - " is a date before the text)
    if m and SENTENCE_START.match(text[m.end():]) and (text.split(",")[0].lower() not in generic().people["not_names"]
                                                       or _DATED_DATELINE.match(text)):
        return m.end()
    m = _GENERIC_DATELINE.match(text)
    if m and _looks_like_dateline(m.group("prefix"), text[m.end():], source):
        return m.end()
    return 0


def _looks_like_dateline(prefix: str, rest: str, source: Source | None) -> bool:
    """'JAKARTA, KOMPAS.com', 'TIMESINDONESIA, YOGYAKARTA', 'Wayah Sinau' before a dash."""
    tokens = [t for t in re.split(r"[\s,|]+", prefix.strip()) if t]     # "SURABAYA | ARTIK.ID"
    if not tokens or len(tokens) > 6:
        return False
    if len(tokens) == 2 and prefix.count(",") == 1 and tokens[0].lower() in generic().dates["dateline_places"] \
            and tokens[1].isalnum() and tokens[1].lower() not in generic().text["title_function_words"] \
            and rest[:1].isupper():
        return True  # "Yogyakarta, opinijogja – ": a known place and the outlet's name as typed
    if not all(t[0].isupper() or t[0] == "(" for t in tokens):
        return False
    if len(tokens) <= 3 and all(t.isalpha() for t in tokens) and rest[:1].isupper():
        return True  # an outlet name before the first sentence
    if "," in prefix and len(tokens) <= 6 and rest[:1].isupper():
        return True  # "Tulang Bawang Barat, Kemenag (Humas) – ": a place and an outlet
    low = prefix.lower()
    if source and source.name.lower() in low:
        return True
    if re.search(r"\.(?:com|id|co\.id)\b", low):
        return True
    return any(sum(c.isupper() for c in t) >= 3 and t.strip("().").isupper() for t in tokens)


