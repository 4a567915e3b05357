"""Cleaning, step 3: where the essay body stands among the classified lines.

The body is the densest run of prose lines (menus, related-article lists and footers
have little prose), extended over the short lines that continue it, and cut at lines
that end an article (tags, share rows, credits, footers).
"""
from __future__ import annotations

import re

from .lines import CLOSING, ENDS_SENTENCE, Line, headline_typed, is_sentence_like, is_title_case, norm, person_line
from .rules import ENDING_EFFECTS, generic

# Prose lines separated by more than this many unexplained lines are separate runs.
MAX_GAP = 5
#: A subheading between two parts of the essay has at most this many words.
SUBHEADING_WORDS = 12


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
        # a subheading with the essay going on under it: a paragraph of prose follows
        nxt = next((k for k in range(j + 1, min(len(lines), j + 3)) if not lines[k].blank), None)
        heading = (line.words <= SUBHEADING_WORDS and nxt is not None and lines[nxt].rule is None
                   and lines[nxt].date is None and is_sentence_like(lines[nxt]) and not repeats_earlier(nxt)
                   and not line.text.endswith(CLOSING) and not person_line(line.text))
        if is_sentence_like(line) or flows_on or wraps or heading or (line.bullet and list_context) \
                or REFERENCES.match(line.text):
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
        if headline_typed(text) and not line.prose:
            break     # "Hiruk Pikuk Hidup di Kota dan Segala Resahnya deh?": a headline, not a short sentence
        # a whole sentence, or a hard-wrapped line that flows into the next one (a
        # list item starts a line of its own: nothing flows into it)
        flows_on = (j + 1 == start and lines[start].text[:1].islower() and not lines[start].bullet
                    and not text.endswith(CLOSING))
        if is_sentence_like(line, 5) and (ENDS_SENTENCE.search(text) or flows_on):
            start = j
            continue
        break
    return start
