"""The theme taxonomy (``data/themes.yml``) and stem-aware theme suggestions.

Suggestions compare the Sastrawi stems of an essay's words with the stems of each
theme's keywords, so "kesepian" in an essay meets the keyword "sepi" and
"keterhubungan" meets "hubungan".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..boundary import name_problem, read_text, text_problem
from ..errors import DataError
from ..yamlio import load_yaml

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
MAX_THEMES_BYTES = 1 << 20
#: A theme is suggested when its keywords make up at least this share of an essay's words.
MIN_SHARE = 0.004


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str
    keywords: tuple[str, ...]


def _text(value: object, what: str, path: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, f"{what} must be non-empty text")
    problem = text_problem(value)
    if problem:
        raise DataError(path, f"{what} {problem}")
    return value.strip()


def load_themes(path: Path) -> dict[str, Theme]:
    """``data/themes.yml``: each theme's id (a safe name), name, description (plain
    text: shown as written, never as Markdown) and keywords."""
    data = load_yaml(read_text(path, MAX_THEMES_BYTES, "theme list"), path)
    if not isinstance(data, dict) or set(data) != {"themes"} or not isinstance(data["themes"], list):
        raise DataError(path, "expected a mapping with one key, 'themes', a list of themes")
    out: dict[str, Theme] = {}
    for i, t in enumerate(data["themes"]):
        where = f"themes[{i}]"
        if not isinstance(t, dict) or set(t) != {"id", "name", "description", "keywords"}:
            raise DataError(path, f"{where}: needs exactly id, name, description, keywords")
        problem = name_problem(t["id"], "theme id")
        if problem:
            raise DataError(path, f"{where}: {problem}")
        if t["id"] in out:
            raise DataError(path, f"{where}: duplicate id {t['id']!r}")
        where = f"{where} ({t['id']})"
        keywords = t["keywords"]
        if not isinstance(keywords, list) or not keywords:
            raise DataError(path, f"{where}: keywords must be a non-empty list")
        out[t["id"]] = Theme(t["id"], _text(t["name"], f"{where}: name", path),
                             _text(t["description"], f"{where}: description", path),
                             tuple(_text(k, f"{where}: keywords[{k_i}]", path).lower()
                                   for k_i, k in enumerate(keywords)))
    return out


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer().stem(word.lower()) or word.lower()


def stem_sequence(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(text.lower())]


def _count(seq: list[str], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    if n == 1:
        return seq.count(phrase[0])
    return sum(1 for i in range(len(seq) - n + 1) if tuple(seq[i:i + n]) == phrase)


def scores(text: str, themes: dict[str, Theme]) -> list[tuple[float, str]]:
    """(share of the text's words that are the theme's keywords, theme id), best first.

    A keyword of several words ("media sosial") counts only as that phrase.
    """
    seq = stem_sequence(text)
    total = max(1, len(seq))
    out = []
    for theme in themes.values():
        phrases = {tuple(stem(w) for w in WORD.findall(k)) for k in theme.keywords}
        hits = sum(_count(seq, p) * len(p) for p in phrases if p)
        out.append((hits / total, theme.id))
    out.sort(key=lambda s: (-s[0], s[1]))
    return out


def suggest(text: str, themes: dict[str, Theme], limit: int = 3) -> list[str]:
    """Theme ids whose keywords the text uses most: the best one, and others that
    score at least half as well and above ``MIN_SHARE`` (at most ``limit``)."""
    ranked = scores(text, themes)
    if not ranked:
        return []
    top = ranked[0][0]
    chosen = [tid for share, tid in ranked[1:] if share >= MIN_SHARE and share >= top / 2]
    return [ranked[0][1]] + chosen[:limit - 1]
