"""Headline candidates: the lines above the body that could be the essay's title.

Each line near the body (and the first lines of the page) is a candidate, and so are
its variants without what is glued to a headline (a rubric before it, a credit or a
site name after it, a footnote mark). Each carries features (see candidates.py);
scoring.py picks one, or none.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from .candidates import TITLE_MAX_WORDS, TITLE_REACH, TOP, Candidate, Page, _words, lexicon, overlap, overlap_count, share_of
from .dates import find_dates
from .lines import SENTENCE_END, Line, is_title_case, norm, person_credit
from .people import is_name, starts_as_affiliation

_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+(?=\S)")
_BRACKET_PREFIX = re.compile(r"^[\[(](?P<part>[^\])]{2,30})[\])]\s*[:|–—-]?\s*(?=\S)")
_SEPARATED = re.compile(r"(?:\s+(?:\||–|—|-{1,2}|»|::)|;)\s+")
_TRAILING_NOTE = re.compile(r"\s*(?:\[\d{1,3}\]|\*+\)?|\(\*+\)|\((?P<paren>[^()]{2,60})\))\s*$")
_ENUMERATED = re.compile(r"^(?:[A-Z]|[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*)[.)]\s+\S")
_GLUED_CREDIT = re.compile(r"\s+(?i:oleh|penulis|ditulis oleh|by)\s*:\s*(?=\S)|,\s*(?i:oleh)\s+(?=[A-Z])")
# "Oleh: Nama (Afiliasi)", "Penulis : ...", "Oleh Nama": a byline, never a headline
_CREDIT_OPENING = re.compile(r"^(?i:oleh|penulis|ditulis oleh|written by)\s*:\s*\S|^(?i:oleh)\s+[A-Z]")
_COLON = re.compile(r"^(?P<left>[^:]{2,40}?)\s*:\s+(?P<right>\S.{6,})$")
# "Judul3 min read", "Judul · 5 menit baca": a platform's reading time glued after the headline
_READING_TIME = re.compile(r"\s*[·•|–—-]?\s*\d{1,3}\s?(?:min(?:ute)?s?\s+read|menit\s+(?:baca|membaca))\s*$",
                           re.IGNORECASE)


def title_variants(text: str) -> list[tuple[str, dict[str, float]]]:
    """The line as it stands, and the line without what is glued to a headline: a
    Markdown heading mark, a list number, a rubric before it ("[Opini] ...", "Telaah -
    ..."), a credit, a site name, a date or a footnote mark after it. Each variant
    carries what was removed, for the features. When what was glued is certainly not
    headline (a credit, a rubric, a footnote mark, a dated note), the whole line is
    no candidate any more: only the headline part is."""
    out = [(text, {})]
    whole_ok = True
    base = _HEADING_MARK.sub("", text)
    if base != text:
        out.append((base, {"v_mark": 1.0}))
        whole_ok = False
    m = _NUMBERED.match(base)
    if m:
        out.append((base[m.end():], {"v_number": 1.0}))
    m = _BRACKET_PREFIX.match(base)
    if m and _rubric(m.group("part")):
        out.append((base[m.end():], {"v_prefix": 1.0, "v_removed_rubric": 1.0}))
        whole_ok = False
    parts = _SEPARATED.split(base)
    if len(parts) > 1:
        first, rest = parts[0], " ".join(parts[1:])
        removed = _removed(rest)
        if any(removed.values()):
            out.append((first, {"v_suffix": 1.0, **removed}))
            whole_ok = whole_ok and not removed["v_removed_credit"]
        last, before = parts[-1], " ".join(parts[:-1])
        removed = _removed(before)
        if removed["v_removed_rubric"] or removed["v_removed_site"]:
            out.append((last, {"v_prefix": 1.0, **removed}))
            whole_ok = whole_ok and not removed["v_removed_rubric"]
    m = _TRAILING_NOTE.search(base)
    if m and m.group().strip().startswith("*") and base.startswith("*"):
        m = None                          # "*JUDUL*": emphasis marks around it, not a footnote mark
    if m and m.start() > 8:
        note = m.group("paren")
        removed = _removed(note) if note else {}
        if note is None or removed["v_removed_date"] or removed["v_removed_site"] or removed["v_removed_credit"]:
            out.append((base[:m.start()], {"v_note": 1.0, **removed}))
            whole_ok = False
    m = _GLUED_CREDIT.search(base)
    if m and m.start() > 8:
        # "Mari Belajar Oleh : Nama Mahasiswa ...": a byline glued after the headline
        out.append((base[:m.start()], {"v_suffix": 1.0, "v_removed_credit": 1.0}))
        whole_ok = False
    m = _READING_TIME.search(base)
    if m and m.start() > 8:
        out.append((base[:m.start()], {"v_suffix": 1.0}))
        whole_ok = False
    low = base.lower()
    prefix = next((p for p in lexicon()["ui_prefixes"] if low.startswith(p + " ")), None)
    if prefix:
        out.append((base[len(prefix):].strip(), {"v_prefix": 1.0}))
        whole_ok = False
    m = _COLON.match(base)
    if m:
        left = m.group("left")
        if _NUMBERED.match(left) and is_name(_NUMBERED.sub("", left).strip(), lenient=True):
            out.append((m.group("right"), {"v_prefix": 1.0, **_removed(left)}))
        elif _rubric(left):
            # "Opini : Judul": a rubric's name before a colon (the whole line stays a
            # candidate too: some pages print it as part of the headline)
            out.append((m.group("right"), {"v_prefix": 1.0, "v_removed_rubric": 1.0}))
    if not whole_ok:
        out = out[1:]
    seen, unique = set(), []
    for variant, feats in out:
        variant = variant.strip(" |–—-:")
        if len(variant) >= 3 and variant not in seen:
            seen.add(variant)
            unique.append((variant, feats))
    return unique


def _rubric(text: str) -> float:
    return 1.0 if norm(text).strip("[]() ") in lexicon()["rubric_words"] else 0.0


def _removed(text: str) -> dict[str, float]:
    """What kind of thing a removed part was: a site, a credit, a name, a date, a rubric."""
    low = text.lower()
    words = _words(text)
    return {
        "v_removed_site": 1.0 if re.search(r"\.(?:com|id|net|org|co)\b|www\.", low) else 0.0,
        "v_removed_credit": 1.0 if (set(words) & lexicon()["credit_labels"] or set(words) & lexicon()["caption_words"]
                                    or "/" in text) else 0.0,
        "v_removed_name": 1.0 if is_name(re.sub(r"(?i)^(?:oleh|by)\s*:?\s*", "", text).strip(), lenient=True) else 0.0,
        "v_removed_date": 1.0 if find_dates(text) or re.search(r"\b(?:19|20)\d\d\b", text) else 0.0,
        "v_removed_rubric": _rubric(text),
    }


def _near_duplicates(lines: list[Line], eligible: list[int]) -> set[tuple[int, bool]]:
    """(line, True) when a later line nearly repeats it (a typo'd second headline),
    (line, False) when an earlier one does. Only lines of three words or more, of
    lengths within three characters: menus do not need the comparison."""
    keyed = [(i, norm(lines[i].text)) for i in eligible if lines[i].words >= 3]
    out = set()
    for a, (i, ka) in enumerate(keyed):
        for j, kb in keyed[a + 1:]:
            if ka != kb and abs(len(ka) - len(kb)) <= 3:
                m = SequenceMatcher(None, ka, kb)
                if m.real_quick_ratio() >= 0.9 and m.quick_ratio() >= 0.9 and m.ratio() >= 0.9:
                    out.add((i, True))
                    out.add((j, False))
    return out


#: Shape features of a line's headline variants, by the line's text. Site headers,
#: menus and related lists repeat word for word across an outlet's pages, so a batch
#: (ingest, a benchmark) works each of them out once. Bounded, like lines._DECIDED.
_SHAPES: dict[str, list[tuple[str, dict[str, float], list[str]]]] = {}
SHAPES_MAX = 50_000


def _shapes(text: str) -> list[tuple[str, dict[str, float], list[str]]]:
    found = _SHAPES.get(text)
    if found is not None:
        return found
    if len(_SHAPES) >= SHAPES_MAX:
        _SHAPES.clear()
    lex = lexicon()
    found = []
    for variant, vfeats in title_variants(text):
        words = _words(variant)
        n = len(variant.split())
        feats = dict(vfeats)
        feats.update({
            "short": 1.0 if n <= 2 else 0.0,
            "long": 1.0 if n > 16 else 0.0,
            "title_case": 1.0 if is_title_case(variant) else 0.0,
            # "Keterbukaan di Desa Sikasur berkat Jurnalis Warga": a headline in sentence case
            "sentence_case": 1.0 if (3 <= n <= 20 and variant[:1].isupper() and not is_title_case(variant)
                                     and not SENTENCE_END.search(variant)) else 0.0,
            "all_caps": 1.0 if variant.isupper() and n >= 2 else 0.0,
            "question": 1.0 if variant.rstrip()[-1:] in "?!" else 0.0,
            "end_punct": 1.0 if variant.rstrip()[-1:] in ".,;:" and not variant.endswith("...") else 0.0,
            "ui": share_of(words, lex["ui_words"]),
            "credit": 1.0 if set(words) & lex["credit_labels"] else 0.0,
            "name_shape": 1.0 if n <= 5 and is_name(variant, single_word_ok=False) else 0.0,
            "affiliation": 1.0 if starts_as_affiliation(variant) else 0.0,
            "rubric": _rubric(variant),
            "rubric_start": 1.0 if n <= 3 and words and words[0] in lex["rubric_words"] else 0.0,
            "digits": 1.0 if re.search(r"\d", variant) else 0.0,
            "date_words": 1.0 if find_dates(variant) else 0.0,
            "site": 1.0 if re.search(r"\.(?:com|id|net|org|co)\b|www\.", variant.lower()) else 0.0,
            "sentence": 1.0 if SENTENCE_END.search(variant) and n > 8 else 0.0,
            "variant": 1.0 if vfeats else 0.0,
        })
        found.append((variant, feats, words))
    _SHAPES[text] = found
    return found


_META: dict[str, bool] = {}


def _meta_line(line: Line) -> bool:
    """A date, a credit, a name or a name with affiliation: what follows a headline."""
    if line.date is not None or line.effect == "credit":
        return True
    found = _META.get(line.text)
    if found is None:
        if len(_META) >= SHAPES_MAX:
            _META.clear()
        found = _META[line.text] = bool(person_credit(line.text) or is_name(line.text))
    return found


def title_candidates(page: Page) -> list[Candidate]:
    lex = lexicon()
    lines = page.lines
    first = page.nonblank[0] if page.nonblank else 0
    eligible = []
    order = page.order
    body_at = order.get(page.start, len(page.nonblank))
    # the lines just above the body, and the top of the page (a headline printed once there)
    window = sorted(set(page.nonblank[:min(TOP, body_at)]) | set(page.nonblank[max(0, body_at - TITLE_REACH - 1):body_at]))
    for i in window:
        ln = lines[i]
        if ln.words > TITLE_MAX_WORDS or len(ln.text) > 250:
            continue
        if ln.date is not None or (ln.rule is not None and ln.rule.name != "menu-run"):
            continue          # a date, a caption, a share row, a byline: never the headline
        if ln.rule is not None:          # inside a menu: only its last line may be a headline after it
            nxt = page.next_nonblank(i)
            if nxt is None or (nxt != page.start and (lines[nxt].rule is ln.rule or not _meta_line(lines[nxt]))):
                continue
        if person_credit(ln.text) or (page.source and ln.text in page.source.sections) \
                or _CREDIT_OPENING.match(ln.text):
            continue          # "Nama, Mahasiswa ...", "Oleh: ...", the outlet's section name
        prv = page.prev_nonblank(i)
        if prv is not None and lines[prv].effect == "related":
            continue          # under a 'Baca Juga' or featured-post label: another article's headline
        if prv is not None and starts_as_affiliation(ln.text) and _meta_line(lines[prv]) and lines[prv].date is None:
            continue          # the affiliation under "Oleh: Nama" or under a name (not a headline under a date)
        eligible.append(i)
    near = _near_duplicates(lines, eligible)
    positions: dict[str, list[int]] = {lines[i].text: [] for i in eligible}
    for j in page.nonblank[:body_at]:
        found = positions.get(lines[j].text)
        if found is not None:
            found.append(j)
    source_name = norm(page.source.name) if page.source is not None else None
    out = []
    for rank, i in enumerate(reversed(eligible)):
        ln = lines[i]
        repeats = positions[ln.text]
        nxt = page.next_nonblank(i)
        prv = page.prev_nonblank(i)
        prv_line = lines[prv] if prv is not None else None
        base = {
            "dist": 1.0 / (1 + page.gap(i, page.start)),
            "nearest": 1.0 if rank == 0 else 0.0,
            "first_line": 1.0 if i == first else 0.0,
            "top3": 1.0 if page.order.get(i, 99) < 3 else 0.0,
            "repeated": 1.0 if len(repeats) > 1 else 0.0,
            "first_repeat": 1.0 if len(repeats) > 1 and repeats[0] == i else 0.0,
            "near_dup_later": 1.0 if (i, True) in near else 0.0,
            "near_dup_earlier": 1.0 if (i, False) in near else 0.0,
            "menu": 1.0 if ln.rule is not None and ln.rule.name == "menu-run" else 0.0,
            "bullet": 1.0 if ln.bullet else 0.0,
            "next_meta": 1.0 if nxt is not None and _meta_line(lines[nxt]) else 0.0,
            "next_body": 1.0 if nxt == page.start else 0.0,
            "prev_credit": 1.0 if prv_line is not None and (prv_line.effect == "credit" or person_credit(prv_line.text)
                                                           or set(_words(prv_line.text)[:1]) & lex["credit_labels"])
            else 0.0,
            "enumerated": 1.0 if _ENUMERATED.match(ln.text) else 0.0,
            "breadcrumb": 1.0 if re.search(r"\s[»>/›]\s", ln.text) else 0.0,
            "caption": 1.0 if ln.effect == "caption" else 0.0,
        }
        for variant, shape, words in _printed_alone(ln.text, positions) or _shapes(ln.text):
            feats = dict(base)
            feats.update(shape)
            feats["body_overlap"] = overlap(words, page.body_words, page.function_words)
            feats["lead_overlap"] = overlap(words, page.lead_words, page.function_words)
            feats["overlap_count"] = overlap_count(words, page.body_words, page.function_words)
            if words and words[0] in lex["caption_words"]:
                feats["caption"] = 1.0
            if source_name and source_name in norm(variant):
                feats["site"] = 1.0
            out.append(Candidate("title", variant, (i,), ln.text, feats))
    out += _wrapped(page, eligible, {c.lines[0]: c.features for c in out})
    return out


def _printed_alone(text: str, positions: dict[str, list[int]]) -> list[tuple[str, dict[str, float], list[str]]]:
    """'Judul | WALHI' above 'Judul': a headline printed once alone and once with a site
    name after it (the page's <title>). What follows the bar is no part of it."""
    seps = list(_SEPARATED.finditer(text))
    if not seps or len(text[seps[-1].end():].split()) > 4:
        return []
    head = text[:seps[-1].start()]
    if not positions.get(head):
        return []
    return [(variant, {**shape, "v_suffix": 1.0, "v_removed_site": 1.0, "variant": 1.0}, words)
            for variant, shape, words in _shapes(head) if variant == head]


#: A headline set in capitals over two or three lines ("MEMPERKUAT LEGITIMASI DEMOKRASI
#: LOKAL" / "DALAM PILKADA BALI"): each line alone is a piece of it.
WRAP_LINES = 3
WRAP_LINE_WORDS = 8


def _wrapped(page: Page, eligible: list[int], features: dict[int, dict[str, float]]) -> list[Candidate]:
    lines, order = page.lines, page.order
    caps = [i for i in eligible if lines[i].text.isupper() and 1 <= lines[i].words <= WRAP_LINE_WORDS
            and not lines[i].bullet and lines[i].rule is None]
    out = []
    for k, i in enumerate(caps):
        run = [i]
        for j in caps[k + 1:]:
            if order[j] != order[run[-1]] + 1 or len(run) == WRAP_LINES:
                break
            if any(lines[j].text == lines[u].text for u in run):
                break                     # a headline printed twice is not two lines of one
            run.append(j)
            last = run[-1]
            base = {f: v for f, v in features.get(last, {}).items() if f in _POSITION}
            text = " ".join(lines[u].text for u in run)
            for variant, shape, words in _shapes(text):
                feats = dict(base)
                feats.update(shape)
                feats["wrapped"] = 1.0
                feats["body_overlap"] = overlap(words, page.body_words, page.function_words)
                feats["lead_overlap"] = overlap(words, page.lead_words, page.function_words)
                feats["overlap_count"] = overlap_count(words, page.body_words, page.function_words)
                out.append(Candidate("title", variant, tuple(run), text, feats))
    return out


#: What a wrapped headline takes from its last line: where it stands.
_POSITION = {"dist", "nearest", "first_line", "top3", "next_meta", "next_body", "prev_credit"}


