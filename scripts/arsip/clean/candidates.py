"""Metadata as scored candidates: what a candidate is, and the page it is judged on.

A candidate is a value (a headline, a group of authors, a date) with where it came
from and a dict of numeric features: its position relative to the body and to other
lines, its shape (length, casing, punctuation), the words it holds (page furniture,
captions, credits, rubrics, dates), how much of it the body repeats. scoring.py weighs
the features with weights learned from real pages (``clean/data/weights.yml``) and
picks the best candidate, or none. The candidates themselves come from headlines.py,
bylines.py and pubdates.py; the word lists from ``clean/data/metadata.yml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..yamlio import load_yaml
from .lines import WORD, Line, norm
from .rules import Source, generic

#: Non-blank lines above the body within which a headline is looked for, besides the
#: first TOP lines of the page (a headline printed once at the top, far above the body).
TITLE_REACH = 20
TOP = 5
#: Paragraphs of the body whose words the features compare with a candidate's.
BODY_PARAGRAPHS = 4
#: Longest line that can be a headline.
TITLE_MAX_WORDS = 40


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    path = Path(str(resources.files("arsip.clean") / "data" / "metadata.yml"))
    data = load_yaml(path.read_text(encoding="utf-8"), path)
    return {k: frozenset(str(w).lower() for w in v) for k, v in data.items()}


@dataclass
class Candidate:
    field: str                    # title | authors | date
    value: Any                    # str | tuple[Author, ...] | FoundDate
    lines: tuple[int, ...]        # indexes of the lines it was read from
    text: str                     # the line(s) as printed, for --explain
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0            # filled in by scoring.py
    probability: float = 0.0


#: The body's words, as quickly as Python finds them (candidates use the finer WORD).
_TOKEN = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


@dataclass
class Page:
    """What the candidates of one article are judged against."""
    lines: list[Line]
    start: int                    # first line of the body
    end: int                      # last line of the body
    source: Source | None

    @cached_property
    def nonblank(self) -> list[int]:
        return [i for i, ln in enumerate(self.lines) if not ln.blank]

    @cached_property
    def order(self) -> dict[int, int]:
        """Line index -> its rank among non-blank lines."""
        return {i: k for k, i in enumerate(self.nonblank)}

    def gap(self, a: int, b: int) -> int:
        """Non-blank lines strictly between lines a and b."""
        lo, hi = sorted((a, b))
        return max(0, self.order.get(hi, 0) - self.order.get(lo, 0) - 1) if hi in self.order and lo in self.order \
            else sum(1 for ln in self.lines[lo + 1:hi] if not ln.blank)

    @cached_property
    def _prose_printed(self) -> list[str]:
        """The body's first paragraphs as printed: where a headline's and a byline's words recur."""
        out = []
        for ln in self.lines[self.start:self.end + 1]:
            if ln.prose:
                out.append(ln.text)
                if len(out) == BODY_PARAGRAPHS:
                    break
        return out

    @cached_property
    def _prose(self) -> list[str]:
        return [text.lower() for text in self._prose_printed]

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Words the body's first paragraphs write in lower case: common words, which a
        name is not made of ("Refleksi Diri", "Pendapat Anda" are no one)."""
        return frozenset(w for text in self._prose_printed for w in _TOKEN.findall(text) if w.islower())

    @cached_property
    def _prose_words(self) -> list[list[str]]:
        return [_TOKEN.findall(text) for text in self._prose]

    @cached_property
    def body_words(self) -> frozenset[str]:
        return frozenset(w for words in self._prose_words for w in words)

    @cached_property
    def lead_words(self) -> frozenset[str]:
        return frozenset(w for words in self._prose_words[:2] for w in words)

    @cached_property
    def header_texts(self) -> list[str]:
        return [norm(ln.text) for ln in self.lines[:self.start]]

    @cached_property
    def function_words(self) -> frozenset[str]:
        return frozenset(generic().text["title_function_words"])

    def next_nonblank(self, i: int) -> int | None:
        k = self.order.get(i)
        if k is None or k + 1 >= len(self.nonblank):
            return None
        return self.nonblank[k + 1]

    def prev_nonblank(self, i: int) -> int | None:
        k = self.order.get(i)
        return self.nonblank[k - 1] if k else None


def overlap(words: list[str], pool: frozenset[str], skip: frozenset[str]) -> float:
    content = [w for w in words if w not in skip and not w.isdigit()]
    return sum(w in pool for w in content) / len(content) if content else 0.0


#: How many of a headline's words found in the body count as full evidence: a share
#: alone rates one word found ("Olahraga", a section name) like a whole headline.
OVERLAP_WORDS = 5


def overlap_count(words: list[str], pool: frozenset[str], skip: frozenset[str]) -> float:
    found = {w for w in words if w not in skip and not w.isdigit() and w in pool}
    return min(len(found), OVERLAP_WORDS) / OVERLAP_WORDS


def share_of(words: list[str], lexicon_words: frozenset[str]) -> float:
    return sum(w in lexicon_words for w in words) / len(words) if words else 0.0

