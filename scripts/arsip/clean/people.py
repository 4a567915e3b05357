"""Authors and their affiliations, from bylines and sign-offs.

"Indah Sari Rahmaini, Mahasiswa Magister Sosiologi Universitas Gadjah Mada." is a
name and an affiliation; "Redaksi" is a desk, not a person; "Oleh karena itu, ..."
is a sentence. The word lists that tell them apart are in ``generic.yml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import generic


# "Nama | Editor: X", "Nama Editor: X": other roles credited on the same line are not authors.
OTHER_ROLES = re.compile(r"\s*[|/,;–—-]?\s*\b(?:editor|penyunting|redaktur|reporter|pewarta|fotografer|foto|"
                         r"ilustrasi|ilustrator|publisher|penerbit)\s*:.*$", re.IGNORECASE)


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "affiliation": self.affiliation}


@lru_cache(maxsize=1)
def _lists():
    p = generic().people
    return (
        {w.lower() for w in p["institutional"]},
        re.compile(r"^(?:" + "|".join(re.escape(w) for w in p["affiliation_words"]) + r")\b", re.IGNORECASE),
        re.compile(r"\b(?:" + "|".join(re.escape(w) for w in p["institution_words"]) + r")\b", re.IGNORECASE),
        re.compile(r"^(?:(?:" + "|".join(p["name_prefixes"]) + r")\s+)+", re.IGNORECASE),
        re.compile(p["name_suffix"]),
        {w.lower() for w in p["name_particles"]},
        {w.lower() for w in p["not_names"]},
        int(p["max_name_words"]),
    )


def is_institutional(name: str) -> bool:
    return name.strip(" .").lower() in _lists()[0]


def is_affiliation(text: str) -> bool:
    """Does this text read as an affiliation ('Mahasiswa ...', '... Universitas X')?"""
    _, aff_start, inst, *_ = _lists()
    text = text.strip()
    if not text or len(text) > 200:
        return False
    return bool(aff_start.search(text) or inst.search(text))


def starts_as_affiliation(text: str) -> bool:
    """A line that is only an affiliation: 'Mahasiswa Ilmu Komunikasi Universitas Andalas'."""
    return bool(_lists()[1].search(text.strip(" *"))) and len(text) <= 200


def clean_name(text: str) -> str:
    _, _, _, prefix, suffix, *_ = _lists()
    text = re.sub(r"\s+", " ", text).strip(" .,;:-–—*()\"'“”")
    text = suffix.sub("", text)
    text = prefix.sub("", text)
    return text.strip(" .,")


def is_name(text: str, single_word_ok: bool = False) -> bool:
    """Is this a person's name: a few capitalised words, no digits, no sentence?"""
    *_, particles, not_names, max_words = _lists()
    words = text.split()
    if not words or len(words) > max_words or len(text) > 60:
        return False
    if len(words) == 1 and not single_word_ok:
        return False
    if words[0].lower().strip(".,") in not_names:
        return False
    for w in words:
        if any(ch.isdigit() for ch in w) or not re.match(r"^[\w'’.-]+$", w):
            return False
        if w.lower() in particles:
            continue
        if not w[0].isupper():
            return False
    return True


def parse_people(who: str, single_word_ok: bool = True) -> list[Author] | None:
    """Split a byline or sign-off into authors, or ``None`` if it names no person.

    Handles 'Nama', 'Nama, Afiliasi', 'A dan B', 'A, B, dan C', 'A & B, Afiliasi'.
    An institutional byline ('Redaksi') gives an empty list.
    """
    who = re.sub(r"\s+", " ", who).strip(" .*()[]\"'“”")
    # "Nama | Editor: X": other roles credited on the same line are not authors.
    who = OTHER_ROLES.sub("", who).strip(" .|/-–—")
    if not who:
        return None
    if is_institutional(who):
        return []
    name_part, affiliation = who, None
    parts = [p.strip() for p in who.split(",")]
    for i in range(1, len(parts)):
        rest = ", ".join(parts[i:])
        if is_affiliation(parts[i]):
            name_part, affiliation = ", ".join(parts[:i]), rest.strip(" .") or None
            break
    else:
        # "Nama - Afiliasi", "Nama (Afiliasi)" or "Nama. Afiliasi."
        m = re.match(r"^(.+?)\s*(?:[-–—|]\s*|\(|\.\s+)(.+?)\)?$", who)
        if m and is_affiliation(m.group(2)):
            name_part, affiliation = m.group(1), m.group(2).strip(" .")
    name_part = _lists()[4].sub("", name_part.strip(" ."))  # "Nama, M.Si." -> "Nama"
    names = [clean_name(n) for n in re.split(r"\s*(?:,\s*dan\s+|\s+dan\s+|\s*&\s*|;\s*|,\s*)\s*", name_part) if n.strip()]
    names = [n for n in names if n]
    if not names:
        return None
    if all(is_institutional(n) for n in names):
        return []
    single_ok = single_word_ok and len(names) == 1
    if not all(is_name(n, single_ok) for n in names if not is_institutional(n)):
        return None
    return [Author(n, affiliation) for n in names if not is_institutional(n)]


def merge(*groups: list[Author]) -> list[Author]:
    """Authors from several places, each once (first affiliation found wins)."""
    out: dict[str, Author] = {}
    for group in groups:
        for a in group:
            key = a.name.casefold()
            if key not in out:
                out[key] = a
            elif out[key].affiliation is None and a.affiliation:
                out[key] = Author(out[key].name, a.affiliation)
    return list(out.values())
