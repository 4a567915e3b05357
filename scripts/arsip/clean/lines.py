"""Cleaning, step 2: text -> classified lines, and where the essay body stands among them.

Every raw line gets a :class:`Line`: its words, the first rule that matches it, whether
it is a date line, whether it reads as prose. The body is the densest run of prose
lines (menus, related-article lists and footers have little prose), extended over
the short lines that continue it, and cut at lines that end an article (tags, share
rows, credits, footers).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .datelines import dateline_end
from .dates import FoundDate, date_line
from .firstchar import fold
from .people import opens_with_institution, parse_people, starts_as_affiliation
from .rules import ENDING_EFFECTS, Rule, Source, generic

_BULLET_MARKS = "•·▪◦‣●○■□➢➤►✓✔☑✅-–*+"
# A Symbol-font bullet pasted from a word processor: a private-use character, or read
# as "ο·" (Greek omicron, middle dot).
_SYMBOL_BULLETS = ("ο·", "\uf0b7", "\uf0a7", "\uf0d8", "\uf076")
BULLET = re.compile(r"^\s*([" + re.escape(_BULLET_MARKS) + r"]|" + "|".join(_SYMBOL_BULLETS) + r")\ufe0f?\s+(?=\S)")
_BULLET_FIRST = frozenset(_BULLET_MARKS) | {b[0] for b in _SYMBOL_BULLETS}   # what a bulleted line starts with
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)")
# A line ending in one of these is not continued by the next line (hard wrapping).
CLOSING = ('.', '!', '?', '…', '"', '”', '’', "'", ')', ':', ';', ',')
ENDS_SENTENCE = re.compile(r"[^\W_][.!?…][\"'”’)\]]*$")
# Rules are not tried on longer lines: no boilerplate line is this long, and it keeps
# every rule's regular expression cheap on hostile input (a 1 MB line).
MAX_RULE_CHARS = 1000
# The longest line that can be a date line ("Selasa, 02 Februari 2021 - 15:10 | 73.66k").
DATE_LINE_WORDS = 14
# Prose lines separated by more than this many unexplained lines are separate runs.
MAX_GAP = 5


@dataclass
class Line:
    no: int                       # 1-based line number in the raw text
    raw: str
    text: str                     # stripped, without a leading bullet
    bullet: bool
    words: int
    rule: Rule | None = None
    match: re.Match | None = None
    date: FoundDate | None = None
    prose: bool = False
    keep: bool = False
    reason: str = ""              # why dropped (a rule name or a role), or the block kind kept
    core: str = ""                # the text without a dateline, as it would stand in the essay

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def effect(self) -> str | None:
        return self.rule.effect if self.rule else None


def split(text: str) -> list[Line]:
    out = []
    for no, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        m = BULLET.match(raw) if stripped[:1] in _BULLET_FIRST else None
        body = raw[m.end():].strip() if m else stripped
        out.append(Line(no, raw, body, bool(m), len(body.split())))
    return out


@lru_cache(maxsize=1 << 16)
def is_title_case(text: str) -> bool:
    """'Mengapa Koneksi Sosial Penting untuk Perkembangan Diri': every content word capitalised."""
    small = _function_words()
    content = [w for w in WORD.findall(text) if w.lower() not in small and not w.isdigit()]
    return len(content) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in content)


_FW: frozenset | None = None


def _function_words() -> frozenset:
    global _FW
    if _FW is None:
        _FW = frozenset(generic().text["title_function_words"])
    return _FW


def is_sentence_like(line: Line, min_words: int = 6) -> bool:
    text = line.core or line.text
    return (len(text.split()) >= min_words and not is_title_case(text) and not person_line(text))


def norm(text: str) -> str:
    """Text compared as a reader would: spacing and case ignored."""
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1 << 16)
def person_credit(text: str) -> bool:
    """'Nama, Afiliasi' or 'Nama. Afiliasi.': a name with its affiliation."""
    if len(text) > 200 or not any(sep in text for sep in (",", ". ", " - ", "(")):
        return False
    people = parse_people(text, single_word_ok=False)
    if not people or people[0].affiliation is None:
        return False
    # "JUDUL (Subjudul Tanpa Lembaga)": a parenthesis names an affiliation only with a word of one
    aff = people[0].affiliation
    return "(" not in text or starts_as_affiliation(aff) or opens_with_institution(aff)


def person_line(text: str) -> bool:
    """A credit, not essay text: a name with its affiliation, or an affiliation alone."""
    if starts_as_affiliation(text) and len(text.split()) <= 15 and not SENTENCE_END.search(text.rstrip(".")):
        return True
    return person_credit(text)


def classify(lines: list[Line], source: Source | None) -> None:
    """Match rules, dates and prose on every line, in place."""
    rules = (source.rules if source else ()) + generic().rules
    key = f"{source.id}:{source.path}" if source else ""
    tz = source.timezone if source else None
    formats = source.date_formats if source else ()
    t = generic().text
    for line in lines:
        if line.blank:
            continue
        # judged without a dateline too, as the paragraph will stand in the essay
        line.core = core = line.text[_dateline_end(line.text, line.words, source, key):]
        candidates = ((line.raw.strip(),) if line.bullet else ()) + (line.text,) + ((core,) if core != line.text else ())
        for candidate in candidates:
            if len(candidate) > MAX_RULE_CHARS:
                break
            rule, m = _rule_for(rules, candidate, key)
            if rule:
                line.rule, line.match = rule, m
                break
        # a date line is a date and a few words; longer lines are not worth the regexes
        if line.rule is None and line.words <= DATE_LINE_WORDS:
            line.date = date_line(line.text, tz, formats)
        if line.rule is None and line.date is None:
            words = len(core.split())
            long_enough = words >= t["prose_words"] and SENTENCE_END.search(core)
            line.prose = bool((long_enough or words >= t["prose_words_any"]) and not is_title_case(core))
    _menu_runs(lines, t["menu_run"])
    _summaries(lines)
    _repeated_prose(lines)


_APPLICABLE: dict[tuple[str, int, str], tuple[Rule, ...]] = {}


def _applicable(rules: tuple[Rule, ...], key: str, words: int, first: str) -> tuple[Rule, ...]:
    """The rules that may match a stripped line of this many words starting with
    ``first``: max_words allows it, and an anchored rule can start with that character."""
    words = min(words, 1000)
    found = _APPLICABLE.get((key, words, first))
    if found is None:
        if len(_APPLICABLE) >= 100_000:
            _APPLICABLE.clear()
        found = _APPLICABLE[(key, words, first)] = tuple(
            r for r in rules if (r.max_words is None or words <= r.max_words)
            and (r.starts is None or not first or r.starts.match(first)))
    return found


#: Rule decisions for short lines, per outlet. Menus, share rows and footers repeat
#: word for word on every page of an outlet, so a batch of articles (ingest, check)
#: decides each of them once. Long lines (paragraphs) are not kept.
_DECIDED: dict[tuple[str, str], tuple[Rule | None, re.Match | None]] = {}
DECIDED_WORDS = 8
DECIDED_MAX = 50_000


#: Where a short line's dateline ends, per outlet (the same lines repeat, as above).
_DATELINE_ENDS: dict[tuple[str, str], int] = {}


def _dateline_end(text: str, words: int, source: Source | None, key: str) -> int:
    if words > DECIDED_WORDS:
        return dateline_end(text, source)
    return _remembered(_DATELINE_ENDS, (key, text), lambda: dateline_end(text, source))


def _remembered(memory: dict, key, work):
    """``memory[key]``, worked out once; the memory is emptied when it is full."""
    found = memory.get(key)
    if found is None:
        if len(memory) >= DECIDED_MAX:
            memory.clear()
        found = memory[key] = work()
    return found


def forget_decisions() -> None:
    """Forget the per-outlet decisions on short lines (a benchmark's cold start)."""
    _DECIDED.clear()
    _DATELINE_ENDS.clear()


def _rule_for(rules: tuple[Rule, ...], text: str, key: str) -> tuple[Rule | None, re.Match | None]:
    words = len(text.split())
    if words > DECIDED_WORDS:
        return _first_rule(rules, text, words, key)
    return _remembered(_DECIDED, (key, text), lambda: _first_rule(rules, text, words, key))


def _first_rule(rules: tuple[Rule, ...], text: str, words: int, key: str = "") -> tuple[Rule | None, re.Match | None]:
    low = None
    for rule in _applicable(rules, key, words, text[:1]):
        if rule.needles is not None:
            if low is None:
                low = fold(text)
            if not any(n in low for n in rule.needles):
                continue
        m = rule.pattern.search(text)
        if m is None:
            continue
        if rule.effect == "credit" and parse_people(m.group("who")) is None:
            continue  # "Oleh karena itu, ..." is a sentence, not a byline
        return rule, m
    return None, None


_MENU = Rule("menu-run", "A run of many short lines in a row with no blank between: a menu.", "noise", re.compile(""))


def _menu_runs(lines: list[Line], run: int) -> None:
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and not lines[j].blank and lines[j].words <= 3 and not lines[j].prose:
            j += 1
        if j - i >= run:
            for line in lines[i:j]:
                if line.rule is None:
                    line.rule = _MENU
        i = max(j, i + 1)


def _summaries(lines: list[Line]) -> None:
    """The bullets under a key-points label ('Poin Penting') belong to that summary."""
    rule = None
    for line in lines:
        if line.blank:
            continue
        if line.effect == "summary":
            rule, line.prose = line.rule, False
        elif rule is not None and line.bullet:
            line.rule, line.prose = rule, False
        else:
            rule = None


_DUPLICATE = Rule("duplicate", "Repeats an earlier paragraph word for word (a lead or teaser shown twice).",
                  "noise", re.compile(""))


def _repeated_prose(lines: list[Line]) -> None:
    """A prose line that repeats an earlier one is noise, and no evidence of the body."""
    seen: set[str] = set()
    for line in lines:
        if not line.prose:
            continue
        key = " ".join(line.text.split()).casefold()
        if key in seen:
            line.prose, line.rule = False, _DUPLICATE
        seen.add(key)


def _short_sentence(line: Line) -> bool:
    """'Jalanan sudah berubah.': too short for prose, but a sentence; runs of them are
    an essay's short paragraphs, not a menu (menus and headlines end in no full stop)."""
    text = line.core or line.text
    return (line.date is None and line.words >= 2 and (text[:1].isupper() or text[:1] in "\"“‘'(")
            and bool(ENDS_SENTENCE.search(text)) and not is_title_case(text))


def find_body(lines: list[Line]) -> tuple[int, int] | None:
    """Index range [start, end] of the essay body, or None when there is no prose."""
    runs: list[list[int]] = []
    gap = 0
    for i, line in enumerate(lines):
        if line.prose:
            if runs and gap <= MAX_GAP:
                runs[-1].append(i)
            else:
                runs.append([i])
            gap = 0
        elif line.effect in ENDING_EFFECTS or line.date is not None:
            gap = MAX_GAP + 1     # an article ends here, or a header (dated) begins
        elif not line.blank and (line.rule is None or line.effect in ("section", "breadcrumb")):
            gap += 0 if _short_sentence(line) else 1
    if not runs:
        return None
    best = max(runs, key=lambda r: sum(len(lines[i].text) for i in r))
    start, end = best[0], best[-1]
    return _extend_back(lines, start), _extend_forward(lines, end)


# Headers of a reference list closing an essay; the list belongs to the essay.
REFERENCES = re.compile(r"^(?:referensi|rujukan|daftar (?:pustaka|rujukan|bacaan)|sumber(?: bacaan| rujukan)?|"
                        r"bacaan lanjutan|catatan kaki|references|bibliografi)\s*:?$", re.IGNORECASE)


_BIO: re.Pattern | None = None


def _is_bio(text: str) -> bool:
    """'Bagus Wicaksono adalah peneliti tata kota.' A writer's bio after the essay
    (only looked for there: mid-essay the same shape is an ordinary sentence)."""
    global _BIO
    if _BIO is None:
        words = "|".join(re.escape(w) for w in generic().people["affiliation_words"])
        _BIO = re.compile(r"^(?:penulis|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,4})\s+(?:adalah|merupakan|ialah)\s+"
                          r"(?:seorang\s+|salah satu\s+)?(?:" + words + r")\b", re.IGNORECASE)
    return len(text.split()) <= 40 and bool(_BIO.match(text))


def _extend_forward(lines: list[Line], end: int) -> int:
    last = lines[end]
    repeats_earlier = _repeats(lines)
    for j in range(end + 1, len(lines)):
        line = lines[j]
        if line.blank:
            continue
        if line.rule is not None:
            if line.effect in ("noise", "caption", "summary"):
                continue
            break
        if line.date is not None:
            break
        if _is_bio(line.text):
            break     # "Nama adalah peneliti ...": the writer's bio closes the essay
        list_context = last.text.endswith(":") or last.bullet
        # a hard-wrapped paragraph: the line right under one that stopped mid-sentence,
        # going on in lower case ("... agar dapat mencapai akumulasi" / "keuntungan sebesar-besarnya.")
        # (a line repeating an earlier one flows into nothing: the body drops it as a duplicate)
        flows_on = (j == end + 1 and not (last.core or last.text).endswith(CLOSING)
                    and line.text[:1].islower() and not line.bullet and not repeats_earlier(j))
        # ... and the first line of the next one, short, flowing into a line in lower case
        wraps = (not line.text.endswith(CLOSING) and not line.bullet and j + 1 < len(lines)
                 and lines[j + 1].rule is None and not lines[j + 1].bullet and lines[j + 1].text[:1].islower()
                 and is_sentence_like(lines[j + 1], 5) and not repeats_earlier(j + 1))
        if is_sentence_like(line) or flows_on or wraps or (line.bullet and list_context) or REFERENCES.match(line.text):
            end, last = j, line
            continue
        break
    return end


def _repeats(lines: list[Line]):
    """A test: does line ``k`` repeat an earlier line word for word, as the body's
    duplicates do (cleaner._select_body: three words or more, compared normalised)?
    Each line's first place is worked out once, on the first question."""
    first: dict[str, int] = {}

    def repeats_earlier(k: int) -> bool:
        if lines[k].words < 3:
            return False
        if not first:
            for i, line in enumerate(lines):
                if not line.blank:
                    first.setdefault(norm(line.text), i)
        return first[norm(lines[k].text)] < k
    return repeats_earlier


def _extend_back(lines: list[Line], start: int) -> int:
    crossed = False       # over a caption or a share row: only prose continues the essay there
    for j in range(start - 1, -1, -1):
        line = lines[j]
        if line.blank:
            continue
        if line.rule is not None and line.effect in ("noise", "caption", "summary"):
            crossed = True
            continue
        if line.rule is not None or line.date is not None or (crossed and not line.prose):
            break
        text = line.core or line.text
        # a whole sentence, or a hard-wrapped line that flows into the next one (a
        # list item starts a line of its own: nothing flows into it)
        flows_on = (j + 1 == start and lines[start].text[:1].islower() and not lines[start].bullet
                    and not text.endswith(CLOSING))
        if is_sentence_like(line, 5) and (ENDS_SENTENCE.search(text) or flows_on):
            start = j
            continue
        break
    return start
