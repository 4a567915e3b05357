"""Cleaning, step 2: text -> classified lines.

Every raw line gets a :class:`Line`: its words, the first rule that matches it, whether
it is a date line, whether it reads as prose (where the body stands among them is
body.py's).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .datelines import dateline_end
from .dates import FoundDate, date_line
from .firstchar import fold
from .people import opens_with_institution, parse_people, starts_as_affiliation
from .rules import Rule, Source, generic

_BULLET_MARKS = "•·▪◦‣●○■□➢➤►✓✔☑✅-–*+"
# A Symbol-font bullet pasted from a word processor: a private-use character, or read
# as "ο·" (Greek omicron, middle dot).
_SYMBOL_BULLETS = ("ο·", "\uf0b7", "\uf0a7", "\uf0d8", "\uf076")
BULLET = re.compile(r"^\s*([" + re.escape(_BULLET_MARKS) + r"]|" + "|".join(_SYMBOL_BULLETS) + r")\ufe0f?\s+(?=\S)")
# Pictographs (emoji) before a label: "📚 Artikel Terkait", "🔥 Terpopuler".
_PICTOGRAPH = re.compile(r"^[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]+\ufe0f?\s*(?=\w)")
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


#: A headline typed with one word in lower case: at least this many content words, at most
#: HEADLINE_TYPED_WORDS words in all.
HEADLINE_TYPED_CONTENT = 4
HEADLINE_TYPED_WORDS = 15


def headline_typed(text: str) -> bool:
    """'Hiruk Pikuk Hidup di Kota dan Segala Resahnya deh?': every content word
    capitalised but one, as bloggers type headlines (a sentence has most in lower case)."""
    if not text[:1].isupper() or len(text.split()) > HEADLINE_TYPED_WORDS:
        return False
    small = _function_words()
    content = [w for w in WORD.findall(text) if w.lower() not in small and not w.isdigit()]
    return len(content) >= HEADLINE_TYPED_CONTENT and sum(not w[0].isupper() for w in content) == 1


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
        if line.text[:1] >= "\u2600":
            bare = _PICTOGRAPH.sub("", line.text)
            if bare != line.text:
                candidates += (bare,)     # "📚 Artikel Terkait": an icon before a label
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
            line.prose = bool((long_enough or words >= t["prose_words_any"]) and not is_title_case(core)
                              and not _titled(core))
    _menu_runs(lines, t["menu_run"])
    _summaries(lines)
    _repeated_prose(lines)


# "Judul Tulisan Ini - namasitus": the page's <title>, a headline and the site's name
# (looked for in a line's last characters only: every prose line is asked)
SITE_SUFFIX_CHARS = 120
_SITE_SUFFIX = re.compile(r"\s+(?:\||–|—|-{1,2}|»)\s+\S+(?:\s+\S+){0,3}$")


def _titled(text: str) -> bool:
    """A headline with a site's name after a bar or a dash: no prose, whatever its length."""
    tail = text[-SITE_SUFFIX_CHARS:]
    if " |" not in tail and " -" not in tail and " –" not in tail and " —" not in tail and " »" not in tail:
        return False
    m = _SITE_SUFFIX.search(text, max(0, len(text) - SITE_SUFFIX_CHARS))
    return bool(m) and is_title_case(text[:m.start()])


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


_TEASER = Rule("teaser", "A teaser: the headline or lead cut short with '...', the lead printed in full below.",
               "noise", re.compile(""))
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|…)$")
#: words before a teaser's ellipsis that must stand, in that order, in a later line
TEASER_WORDS = 8


def _repeated_prose(lines: list[Line]) -> None:
    """A prose line that repeats an earlier one is noise, and no evidence of the body;
    so is a teaser, a line cut short with '...' whose last words go on in a later line
    or that stands under a 'Baca Juga' label and its headline."""
    seen: set[str] = set()
    keys: dict[int, str] = {}                   # prose line -> its text, compared as a reader would
    teasers: list[tuple[int, str]] = []
    for k, line in enumerate(lines):
        if not line.prose:
            continue
        key = keys[k] = " ".join(line.text.split()).casefold()
        if key in seen:
            line.prose, line.rule = False, _DUPLICATE
        seen.add(key)
        cut = _ELLIPSIS.search(line.text, len(line.text) - 8) if line.text.endswith((".", "…")) else None
        if cut:
            tail = line.text[:cut.start()].split()[-TEASER_WORDS:]
            if len(tail) == TEASER_WORDS:
                teasers.append((k, " ".join(tail).casefold()))
    headed = {}                    # teaser -> the headline right above it
    for k, tail in teasers:
        above = [j for j in range(max(0, k - 4), k) if not lines[j].blank][-2:]
        if above and _headline_shape(lines[above[-1]]):
            headed[k] = above[-1]
        if any(lines[j].effect == "related" for j in above) or \
                any(tail in key for j, key in keys.items() if j > k and lines[j].prose):
            # ("Entri yang Diunggulkan" / headline / teaser: another post's, under its label)
            lines[k].prose, lines[k].rule = False, _TEASER
    # a list of other posts: headline, teaser, headline, teaser ... (two pairs or more)
    pairs = sorted(headed)
    for a, b in zip(pairs, pairs[1:]):
        if b - a <= TEASER_LIST_GAP:
            for j in (a, headed[a], b, headed[b]):
                lines[j].prose, lines[j].rule = False, _TEASER


#: lines from one teaser to the next in a list of other posts
TEASER_LIST_GAP = 8


def _headline_shape(line: Line) -> bool:
    return not line.prose and line.rule is None and 2 <= line.words <= 16 and not SENTENCE_END.search(line.text)
