"""Who wrote it: every byline, sign-off and name line around the body, as candidates.

Bylines come in many shapes: "Oleh: Nama", "Oleh" and the name on the next line,
"KEMATIAN | Oleh : Nama", "Edisi 66, oleh Nama (Afiliasi)", "(Penulis : Nama, S.Pd)",
"09:31Penulis: Nama.", a column header "Catatan NAMA", a caption "Outlet / Nama -
Penulis adalah ...", a name alone between headline and body, a sign-off "Nama" above
"Afiliasi" or "@akun" under the essay. Each place yields a group of authors with
features; scoring.py weighs them (candidates.py has the headline and the date).
"""
from __future__ import annotations

import re

from .candidates import Candidate, Page, _words, lexicon, share_of
from .dates import find_dates
from .lines import SENTENCE_END, is_title_case, norm, person_credit
from .people import (MARKS, Author, as_printed, core_name, is_name, opens_with_institution, parse_people,
                     starts_as_affiliation)
from .signoffs import paren_signoff, unsigned_words, whole_signoff

#: Lines before the body (and after it) in which a byline is looked for.
REACH = 20
_LABEL = None
_LABEL_ALONE = None
_COLUMN = None
_REPORTER = None
#: Credit rules that describe a byline above the essay ("Nama - outlet.com"), not a
#: sign-off below it (where the same shape is a shop or a partner link).
HEADER_ONLY_CREDITS = {"byline-outlet", "byline-role"}
#: Credit rules that recognise a byline by its shape, without a word such as "Oleh".
SHAPE_ONLY_CREDITS = {"byline-outlet", "byline-role", "signoff-dash"}
_HANDLE = re.compile(r"^@[\w.]{2,30}$")
# A student or staff number under a writer's name ("2021011080", "NIM: 1234567",
# "NIP. 19780101 200501 1 001"): campus and civil-service essays print it there.
_ID_NUMBER = re.compile(r"^\(?(?:(?:NIM|NPM|NIP|NIDN|NRP|NISN)\s*[.:]?\s*)?\d[\d .-]{5,24}\d\)?$", re.IGNORECASE)
# ("Ditulis: Nama (Tendik UII)": the bare verb is no label, "ditulis" with a colon is)
_FORM_NAME = re.compile(r"^(?:nama(?: lengkap| penulis)?|ditulis)\s*:\s*(?P<who>[^\s:].{2,60})$", re.IGNORECASE)
_LONG_LABEL = re.compile(r"^(?i:oleh|penulis|ditulis oleh)\s*:?\s+(?P<who>[A-Z][^.!?]{2,60}?"
                         r"(?:,\s*(?:[A-Z][A-Za-z]{0,4}\.){1,3})*)\.?\s+(?=[A-Z]\w*\s+\w+\s+\w+)")
# "Mari Belajar Oleh : Nama Mahasiswa ...": a byline glued after the headline on one line
# (only "Oleh": "Tentang Penulis: Nama adalah ..." is a bio)
_GLUED_LABEL = re.compile(r"(?<=\S)\s+(?:Oleh|OLEH)\s*:\s*(?P<who>[A-Z].*)$")
_SIGNED_NOTE = re.compile(r"[”\"]\s*(?P<who>[A-Z][\w.'’ -]{2,50}?)\s*(?:/\s*\S+)?$")
_NOTE_BIO = re.compile(r"^\*{0,3}\)?\s*(?P<who>[A-Z][^,.()]{2,50}?)(?:,\s+|\s+(?:adalah|merupakan|ialah)\s+)"
                       r"(?P<aff>[^.]{4,200})\.?$")
_BADGE = re.compile(r"^(?i:penulis)\s+\w+$")
_BIO_CREDIT = re.compile(r"(?:^|[/|]\s*)(?P<who>[^/|]{3,80}?)\s+[-–—]\s+penulis\s+(?:adalah|merupakan)\s+(?P<aff>.+)$",
                         re.IGNORECASE)


def _patterns():
    global _LABEL, _LABEL_ALONE, _COLUMN, _REPORTER
    if _LABEL is None:
        labels = sorted(lexicon()["credit_labels"], key=len, reverse=True)
        alt = "|".join(re.escape(w) for w in labels)
        # a label at the start, after a separator, or glued after a time ("09:31Penulis:")
        # ("Oleh, Nama": a comma after the label, as typed)
        _LABEL = re.compile(rf"(?:^|[|/,(\-–—*]\s*|(?<=\d)\s*)(?:{alt})\s*(?::|,|;|\s)\s*(?P<who>[^\s:,;].*)$",
                            re.IGNORECASE)
        _LABEL_ALONE = re.compile(rf"^\(?\s*(?:{alt})\s*:?\s*\)?$", re.IGNORECASE)
        columns = "|".join(re.escape(w) for w in sorted(lexicon()["column_words"]))
        _COLUMN = re.compile(rf"^(?:{columns})\s*:?\s+(?P<who>\S.*)$", re.IGNORECASE)
        reporters = "|".join(re.escape(w) for w in sorted(lexicon()["reporter_labels"]))
        # (at the start, or after a bar closing a meta row: "Budaya 25 AGUSTUS 2018 | LAPORAN: NAMA")
        _REPORTER = re.compile(rf"(?:^|\s\|\s*)(?:{reporters})\s*:\s*(?P<who>\S.*)$", re.IGNORECASE)
    return _LABEL, _LABEL_ALONE, _COLUMN


def _affiliation_line(text: str) -> bool:
    """'Mahasiswa Ilmu Komunikasi ...' or '(Dosen ...)' under a name; not 'Editor: Nama'
    (another role credited) and not a sentence."""
    # ("(In Bahasa)" under a headline: a parenthesis alone does not make an affiliation)
    return (starts_as_affiliation(text) and not re.match(r"^\(?\s*[\w ]{2,20}:", text)
            and not SENTENCE_END.search(text.rstrip(". )") + "x"))


_AFTER_NAME = re.compile(r"\s*(?:[|·•,–—-]\s*|\s(?:pada|on|at|di)\s+)(?:[\w, ]{0,12}\d.*|\d.*)$", re.IGNORECASE)


def _who(text: str) -> str:
    """The name part of a byline that also carries a date or a count after it:
    'Nama | Kamis, 10 Juli 2025', 'Nama · 5 menit baca', 'Nama pada 12 Mei 2024'."""
    for d in find_dates(text):
        if d.start > 0:
            text = text[:d.start]
            break
        after = re.match(r"\s*(?:WIB|WITA|WIT)?\s*[|·•–—-]\s*(?=[A-Z])", text[d.end:])
        if after:                         # "12 Mei 2024 - Nama": the date before the name
            text = text[d.end + after.end():]
            break
    if "(" not in text:                   # "Nama (Afiliasi, 2004797)" keeps its parentheses
        text = _AFTER_NAME.sub("", text).strip(" |·•,–—-")
    text = re.sub(r"\s+\|\s+\S+(?:\s\S+)?$", "", text)     # "Nama | OUTLET"
    text = re.sub(r"\s*[(<]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>]?$", "", text)   # "Nama nama@mail.com"
    # ("Nama pada hari Senin, 11 Agu 2025": the date was cut at its weekday)
    return re.sub(r"\s+(?:pada|on|at|di|tanggal|tgl\.?|diposting|posted)(?:\s+hari)?\s*$", "", text, flags=re.IGNORECASE)


def _group(people: list[Author] | None) -> tuple[Author, ...] | None:
    if not people:
        return None
    seen, out = set(), []
    for a in people:
        if a.name.casefold() not in seen:
            seen.add(a.name.casefold())
            out.append(a)
    return tuple(out)


def _found(page: Page, i: int) -> list[tuple[tuple[Author, ...], tuple[int, ...], str, dict[str, float]]]:
    """The author groups line ``i`` holds, with how they were found."""
    label, label_alone, column = _patterns()
    lines = page.lines
    ln = lines[i]
    if ln.effect in ("breadcrumb", "section", "related", "tags"):
        return []                         # "Home Gentainment Karya Calon Anggota": a trail, not a byline
    text = ln.raw.strip() if ln.bullet else ln.text
    out = []
    nxt = page.next_nonblank(i)
    # "Oleh" alone, the name on the next line (and an affiliation after it)
    if label_alone.match(text) and nxt is not None:
        who = lines[nxt].text
        after = page.next_nonblank(nxt)
        if after is not None and _affiliation_line(lines[after].text):
            who = f"{who} ({lines[after].text.strip('() ')})"
        people = _group(parse_people(who, lenient=True))
        if people:
            out.append((people, (i, nxt), f"{text} / {lines[nxt].text}", {"label": 1.0, "label_above": 1.0}))
        return out
    m = label.search(text) if len(text.split()) <= 30 else None
    # "Nama : Nama Penulis" above "NIM : ...": a student's assignment form; "Ditulis oleh
    # Nama, M.Pd. Tulisan ini ...": a byline and, after it, a sentence about the essay
    if m and _BADGE.match(text):
        m = None                          # "Penulis Indonesiana", "Penulis Tamu": a platform's badge
    glued = _GLUED_LABEL.search(text) if not m and len(text.split()) <= 30 else None
    for m in (m, _FORM_NAME.match(text), _LONG_LABEL.match(text), glued):
        if not m or (m.start() > 0 and SENTENCE_END.search(text[:m.start()]) and len(text[:m.start()].split()) > 6):
            continue
        who = _who(m.group("who"))
        people = _group(parse_people(who, lenient=True))
        if people is None and nxt is not None and _affiliation_line(lines[nxt].text):
            people = _group(parse_people(who, lenient=True, single_word_ok=True))
        if people:
            aff_next = nxt is not None and _affiliation_line(lines[nxt].text)
            if aff_next and all(a.affiliation is None for a in people):
                aff = lines[nxt].text.strip("() .")
                people = tuple(Author(a.name, aff) for a in people)
            out.append((people, (i,), text, {"label": 1.0, "label_mid": 1.0 if m.start() > 0 else 0.0,
                                             "affiliation_next": 1.0 if aff_next else 0.0}))
            return out
    m = _REPORTER.search(text)
    if m:
        # "Pewarta: A & B": a report's writers, unless someone else is credited (the model weighs it)
        # ("Reporter : Anisa": one capitalised word after the label is a name, as after "Oleh")
        people = _group(parse_people(_who(m.group("who")), single_word_ok=True))
        if people:
            out.append((people, (i,), text, {"reporter_label": 1.0}))
        return out
    lex = lexicon()
    first_word = (_words(text) or [""])[0]
    if norm(text) in lex["rubric_words"] or first_word in lex["caption_words"]:
        return out                        # "CATATAN AKHIR PEKAN", "Dok. Pribadi": no one's name
    m = column.match(text)
    if m and is_name(MARKS.sub("", m.group("who")).strip(), lenient=True) and norm(m.group("who")) not in lex["rubric_words"]:
        people = _group(parse_people(m.group("who"), single_word_ok=False))
        if people:
            out.append((people, (i,), text, {"column": 1.0}))
    elif m:
        # "Catatan: Yusnadi – Anggota DPRD ...": one word is a name with an affiliation after it
        people = _group(parse_people(m.group("who"), single_word_ok=True))
        if people and len(people) == 1 and people[0].affiliation:
            out.append((people, (i,), text, {"column": 1.0}))
    m = _BIO_CREDIT.search(text)
    if m:
        people = _group(parse_people(m.group("who"), single_word_ok=False))
        if people:
            aff = m.group("aff").strip(" .")
            out.append((tuple(Author(a.name, a.affiliation or aff) for a in people), (i,), text, {"bio_credit": 1.0}))
    m = _NOTE_BIO.match(text) if not out and i > page.end and page.gap(page.end, i) <= 3 else None
    if m and is_name(m.group("who")) and (starts_as_affiliation(m.group("aff")) or opens_with_institution(m.group("aff"))):
        # "*) Nama, guru SMPN 1 Padang", "Nama adalah dosen ...": the writer's note under the essay
        out.append(((Author(as_printed(m.group("who")), m.group("aff").strip(" .")),), (i,), text, {"bio_credit": 1.0}))
    m = _SIGNED_NOTE.search(text) if ln.rule is not None and ln.rule.name == "assignment-note" else None
    if m:
        # "“Tulisan ini adalah bagian dari tugas ...” Nama /KELAS": the note signed by its writer
        people = _group(parse_people(m.group("who"), single_word_ok=False))
        if people:
            out.append((people, (i,), text, {"rule_credit": 1.0}))
    header_only = ln.rule is not None and ln.rule.name in HEADER_ONLY_CREDITS and i > page.end
    if ln.effect == "credit" and ln.match is not None and not header_only and not _BADGE.match(text):
        # one word is a name only after "Oleh", "Penulis:", "ditulis oleh": not after a dash
        people = _group(parse_people(ln.match.group("who"), single_word_ok=ln.rule.name not in SHAPE_ONLY_CREDITS))
        if people:
            out.append((people, (i,), text, {"rule_credit": 1.0}))
    ruled = ln.rule is not None and ln.rule.name != "menu-run" and ln.effect != "credit"
    # "Nama, Mahasiswa ... Foto: Dokumentasi Pribadi": the writer's portrait and who it is
    # (only as a name with its affiliation: "Suasana diskusi mahasiswa ..." is no one)
    portrait = ln.rule is not None and ln.rule.name == "caption-credit-sentence" and ln.match is not None
    if portrait:
        text, ruled = text[:ln.match.start() + 1].rstrip(". "), False
    # a name alone is a byline only next to the essay, or with an affiliation or an account under it
    near = (i < page.start and page.gap(i, page.start) <= 3) or (i > page.end and page.gap(page.end, i) <= 3)
    follow = lines[nxt].text if nxt is not None else ""
    # ... or above the essay with the date of publication under it ("Nama" / "Rabu, 24 Sep 2025 10:01";
    # below the essay the same shape is a related article and its date)
    backed = bool(_HANDLE.match(follow) or _affiliation_line(follow) or (i < page.start and _ID_NUMBER.match(follow))
                  or (i < page.start and nxt is not None and lines[nxt].date is not None and lines[nxt].words <= 8))
    if not out and ";" not in text and not ruled and ln.words <= 40 and near and person_credit(text):
        # "Nama, Mahasiswa ... Universitas X" under or just above the essay, however long
        people = _group(parse_people(text, single_word_ok=False))
        if people:
            out.append((people, (i,), text, {"name_affiliation": 1.0}))
    bare = _who(text)
    # "Umat sedharma ,": a greeting ends with a comma, a byline does not
    if not out and len(bare.split()) <= 8 and ";" not in text and not ruled and (near or backed) \
            and not text.endswith(",") and not portrait:
        people = _group(parse_people(bare, single_word_ok=False))
        lenient = False
        if people is None and nxt == page.start:       # a name alone right above the essay
            people, lenient = _group(parse_people(bare, single_word_ok=False, lenient=True)), True
            if people and any(len(a.name.split()) < 3 and not is_name(a.name) for a in people):
                people = None             # "Suasana diskusi" (mahasiswa ...): two words, one in lower case, is no name
        # ("Koran Harian Analisa Medan, 24 Maret 2021.": a print-edition note, not a name)
        furniture = lex["ui_words"] | lex["rubric_words"] | lex["caption_words"] | lex["print_words"]
        if people and all(is_name(a.name, single_word_ok=len(people) >= 3 and k == len(people) - 1, lenient=lenient)
                          and not set(_words(a.name)) & furniture for k, a in enumerate(people)):
            aff = None
            extra: dict[str, float] = {"standalone": 1.0, "lenient": 1.0 if lenient else 0.0}
            if nxt is not None and nxt != page.start:
                follow = lines[nxt].text
                if _HANDLE.match(follow):
                    extra["handle_next"] = 1.0
                elif _ID_NUMBER.match(follow):
                    extra["id_next"] = 1.0
                elif _affiliation_line(follow):
                    aff = follow.strip("() .")
                    extra["affiliation_next"] = 1.0
            if aff and all(a.affiliation is None for a in people):
                people = tuple(Author(a.name, aff) for a in people)
            if bare != text:
                extra["date_on_line"] = 1.0
            out.append((people, (i,) + ((nxt,) if aff else ()), text, extra))
        elif people and len(people) == 1 and people[0].affiliation:
            out.append((people, (i,), text, {"name_affiliation": 1.0}))
    return out


#: What a line gives, by the line and what stands around it: bylines, menus and footers
#: repeat across an outlet's pages (bounded, like lines._DECIDED).
_FOUND: dict[tuple, list] = {}
FOUND_MAX = 50_000


def _found_cached(page: Page, i: int) -> list[tuple[tuple[Author, ...], tuple[int, ...], str, dict[str, float]]]:
    lines = page.lines
    k = page.order[i]
    around = tuple((lines[j].text, lines[j].effect, j == page.start)
                   for j in page.nonblank[k:k + 3])
    ln = lines[i]
    key = (around, ln.bullet, ln.raw.strip() if ln.bullet else "", i > page.end,
           (i < page.start and page.gap(i, page.start) <= 3) or (i > page.end and page.gap(page.end, i) <= 3))
    found = _FOUND.get(key)
    if found is None:
        if len(_FOUND) >= FOUND_MAX:
            _FOUND.clear()
        found = _FOUND[key] = [(people, tuple(page.order[u] - k for u in used), text, how)
                               for people, used, text, how in _found(page, i)]
    return [(people, tuple(page.nonblank[k + r] for r in rel), text, dict(how)) for people, rel, text, how in found]


def author_candidates(page: Page) -> list[Candidate]:
    lex = lexicon()
    lines = page.lines
    order = page.order
    body_at = order.get(page.start, len(page.nonblank))
    end_at = order.get(page.end, body_at)
    label = _patterns()[0]
    # the lines around the body; inside it only lines that name a writer by a label
    spots = page.nonblank[max(0, body_at - REACH):body_at + 1] + page.nonblank[end_at + 1:end_at + 1 + REACH]
    spots += [i for i in page.nonblank[body_at + 1:end_at + 1]
              if not lines[i].prose and (lines[i].effect == "credit" or label.search(lines[i].text))]
    groups: dict[tuple[str, ...], Candidate] = {}
    spots = set(spots)
    for i in sorted(spots | ({page.end} if 0 <= page.end < len(lines) else set())):
        ln = lines[i]
        found = _found_cached(page, i) if i in spots else []
        if not found and i < page.start and i in spots:
            found = _after_headline(page, i)
        if i == page.end:
            signoff = paren_signoff(ln.text) or whole_signoff(ln.text)
            if signoff:
                found = found + [(signoff, (i,), ln.text, {"paren_signoff": 1.0})]
        for people, used, text, how in found:
            # (a sign-off's own name is no evidence that the name recurs in the essay)
            pool = unsigned_words(page) if "paren_signoff" in how else page.body_words
            header, trailer = i < page.start, i > page.end
            dist = page.gap(i, page.start) if header else page.gap(page.end, i) if trailer else 0
            words = _words(text)
            prev = page.prev_nonblank(i)
            nxt = page.next_nonblank(used[-1])
            feats = {
                "header": 1.0 if header else 0.0,
                "trailer": 1.0 if trailer else 0.0,
                "in_body": 1.0 if not header and not trailer else 0.0,
                "dist": 1.0 / (1 + dist),
                "top": 1.0 if page.order.get(i, 99) < 4 else 0.0,
                "names": min(len(people), 4) / 4,
                "single_word": 1.0 if any(len(a.name.split()) == 1 for a in people) else 0.0,
                "all_caps": 1.0 if all(a.name.isupper() for a in people) else 0.0,
                "degree": 1.0 if any("," in a.name or "." in a.name for a in people) else 0.0,
                "strict_name": 1.0 if all(is_name(a.name) for a in people) else 0.0,
                "with_affiliation": 1.0 if any(a.affiliation for a in people) else 0.0,
                "role_words": 1.0 if set(words) & lex["role_words"] else 0.0,
                "ui": share_of(words, lex["ui_words"]),
                "caption": 1.0 if ln.effect == "caption" or (words and words[0] in lex["caption_words"]) else 0.0,
                "bullet": 1.0 if ln.bullet else 0.0,
                "title_like": 1.0 if ln.words >= 6 and is_title_case(ln.text) and "label" not in how else 0.0,
                "date_next": 1.0 if nxt is not None and lines[nxt].date is not None else 0.0,
                "date_on_line": 1.0 if ln.date is not None or re.search(r"\b(?:19|20)\d\d\b", text) else 0.0,
                "body_next": 1.0 if nxt == page.start else 0.0,
                "after_body": 1.0 if trailer and prev is not None and prev <= page.end else 0.0,
                "in_body_text": 1.0 if any(all(w in pool for w in _words(a.name) if len(w) > 2)
                                           for a in people) else 0.0,
                "words_in_body": share_of([w for a in people for w in _words(a.name) if len(w) > 2], pool),
                "common_words": share_of([w for a in people for w in core_name(a.name).split() if len(w) > 2],
                                         page.common_words),
                "first_line": 1.0 if page.nonblank and i == page.nonblank[0] else 0.0,
                **how,
            }
            key = tuple(sorted(a.name.casefold() for a in people))
            found = groups.get(key)
            if found is None:
                groups[key] = Candidate("authors", people, used, text, feats)
            else:
                found.features["repeated"] = 1.0
                for k, v in feats.items():
                    found.features[k] = max(found.features.get(k, 0.0), v)
                # the same writers named twice: keep the affiliations either place gives
                given = {a.name.casefold(): a.affiliation for a in people if a.affiliation}
                found.value = tuple(a if a.affiliation else Author(a.name, given.get(a.name.casefold()))
                                    for a in found.value)
    out = list(groups.values())
    return out + _stacked(page, out)


#: At most this many writers named one per line above the essay.
STACK_MAX = 4


def _stacked(page: Page, found: list[Candidate]) -> list[Candidate]:
    """'Cahya Aila Khusna' / 'Liya Amelia' / 'Safira Ariani' right above the essay:
    several writers named one per line, each line a name alone, as one candidate."""
    alone = {c.lines[0]: c for c in found if c.features.get("standalone") and len(c.value) == 1
             and len(c.lines) == 1 and c.lines[0] < page.start and not c.features.get("lenient")
             and c.text.strip() == c.value[0].name and 2 <= len(c.value[0].name.split()) <= 4
             and is_name(c.value[0].name)}
    run: list[int] = []
    for i in sorted(alone):
        if run and page.order[i] != page.order[run[-1]] + 1:
            run = []
        run.append(i)
    # the run must reach the essay (its last line right above the body)
    if not 2 <= len(run) <= STACK_MAX or page.next_nonblank(run[-1]) != page.start:
        return []
    last = alone[run[-1]]
    people = tuple(alone[i].value[0] for i in run)
    feats = {**last.features, "names": min(len(people), 4) / 4, "stacked": 1.0}
    return [Candidate("authors", people, tuple(run), " / ".join(page.lines[i].text for i in run), feats)]


def _after_headline(page: Page, i: int) -> list[tuple[tuple[Author, ...], tuple[int, ...], str, dict[str, float]]]:
    """'Judul Esai Nama Penulis, Dosen ...': a line above the essay that repeats a
    headline printed on a line of its own, with the writer and affiliation glued after
    it (a teaser or caption block). The part after the headline is the candidate."""
    lines = page.lines
    text = lines[i].text
    if lines[i].words < 5 or lines[i].words > 60:
        return []
    for j in page.nonblank:
        if j >= page.start:
            break
        head = lines[j].text
        if j == i or not 3 <= lines[j].words <= 25 or not text.startswith(head + " "):
            continue
        rest = text[len(head):].strip()
        if not person_credit(rest):
            continue
        people = _group(parse_people(rest, single_word_ok=False))
        if people:
            return [(people, (i,), rest, {"name_affiliation": 1.0, "after_headline": 1.0})]
    return []
