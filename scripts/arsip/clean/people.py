"""Authors and their affiliations, from bylines and sign-offs.

"Indah Sari Rahmaini, Mahasiswa Magister Sosiologi Universitas Gadjah Mada." is a
name and an affiliation; "Redaksi" is a desk, not a person; "Oleh karena itu, ..."
is a sentence. The word lists that tell them apart are in ``generic.yml``.

A name is kept as printed: academic and honorific titles stay ("Dr. Siti Aminah,
M.Pd.", "H. Syahrir Nasution"), only the byline's label ("Oleh", "Penulis:"), the
affiliation, footnote marks (``*)``) and a sentence's closing full stop go.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import generic

# "Nama | Editor: X", "Nama Editor: X": other roles credited on the same line are not authors.
OTHER_ROLES = re.compile(r"\s*[|/,;–—-]?\s*\b(?:editor|penyunting|redaktur|reporter|pewarta|fotografer|foto|"
                         r"ilustrasi|ilustrator|publisher|penerbit|uploader|diunggah)\s*:.*$", re.IGNORECASE)
# Footnote marks after a name: "Nama*)", "Nama **", "Nama (*)", "Nama [1]", and a
# desk's short code: "Nama (Mg)" (magang, an intern), "Nama (rls)".
MARKS = re.compile(r"(?:\s*(?:\*+\)?|\(\*+\)|\[\d+\]|(?<![\w,])\d\)|\([A-Z]?[a-z]{1,3}\)))+\s*$")
# "Nama, Atjehpost.com", "Nama- www.Konde.co": the outlet's address after a writer's name.
_WEB = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:co\.id|com|co|id|net|org|info|news|tv)", re.IGNORECASE)
#: At most this many words of a name before an affiliation glued to it.
MAX_GLUED_NAME = 5
# Between several authors: "A dan B", "A & B", "A; B", "A / B", "A, B".
NAME_SEPARATORS = re.compile(r"\s*(?:,\s*dan\s+|\s+dan\s+|\s+and\s+|\s*&\s*|;\s*|\s+/\s+)\s*")


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
        # each title a whole word: "Drs." is not "Dr" and "s."
        re.compile(r"^(?:(?:" + "|".join(f"(?:{t})(?!\\w)" for t in p["name_prefixes"]) + r")\s*)+",
                   re.IGNORECASE),
        re.compile(p["degree"]),
        {w.lower() for w in p["name_particles"]},
        {w.lower() for w in p["not_names"]},
        int(p["max_name_words"]),
    )


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in generic().text["title_function_words"])


def is_institutional(name: str) -> bool:
    """A desk or a platform: 'Redaksi', 'Tim Redaksi', 'Editorial Team', 'Admin Web'."""
    words = [w.lower() for w in re.findall(r"[\w'’]+", name)]
    institutional = _lists()[0]
    return bool(words) and (" ".join(words) in institutional or words[0] in institutional
                            or words[-1] in institutional)


def is_affiliation(text: str) -> bool:
    """Does this text read as an affiliation ('Mahasiswa ...', '... Universitas X')?"""
    _, aff_start, inst, *_ = _lists()
    text = text.strip()
    if not text or len(text) > 200:
        return False
    first = text.split()[0].lower()
    if first in _function_words() and first not in ("di", "pada", "the"):
        return False                  # "DAN KEADILAN SOSIAL DALAM PUTUSAN PENGADILAN": a headline's tail
    return bool(aff_start.search(text) or inst.search(text))


def opens_with_institution(text: str) -> bool:
    """'Universitas Andalas', 'SMA Negeri 1 ...': an institution's name first."""
    return bool(_lists()[2].match(text.strip(" *(")))


@lru_cache(maxsize=1 << 16)
def starts_as_affiliation(text: str) -> bool:
    """A line that is only an affiliation: 'Mahasiswa Ilmu Komunikasi Universitas Andalas'."""
    return bool(_lists()[1].search(text.strip(" *(").lstrip())) and len(text) <= 200


# "S,Pd.", "M,Sc": a degree typed with a comma for its first dot (judged as "S.Pd.").
_COMMA_TYPED = re.compile(r"(?<![\w.])([A-Z]),(?=[A-Z][A-Za-z]{0,4}\b)")
#: a space typed after a degree's dot: "S. Pd" for "S.Pd"
_SPACED = re.compile(r"(?<=\b[A-Z])\.\s+(?=[A-Z][a-z]{0,3}\b)")


def is_degree(text: str) -> bool:
    """'M.Si', 'S.Pd.I.', 'SE', 'Ph.D.', 'SJ': an academic degree or order after a name
    ('S,Pd.' typed with a comma too)."""
    return bool(_lists()[4].fullmatch(_SPACED.sub(".", _COMMA_TYPED.sub(r"\1.", text.strip()))))


def _degrees(text: str) -> bool:
    """One degree or several typed with spaces only: 'S.S M.Pd', 'S.Pd. M.Pd.'."""
    words = text.split()
    return bool(words) and (is_degree(text) or all(is_degree(w) for w in words))


def _core(name: str) -> str:
    """The name without titles before it and degrees after it: what is_name judges."""
    _, _, _, prefix, *_ = _lists()
    parts = [p.strip() for p in _COMMA_TYPED.sub(r"\1.", name).split(",")]
    while len(parts) > 1 and _degrees(parts[-1]):
        parts.pop()
    core = ", ".join(parts)
    # degrees glued without a comma: "Hamdani SE., MSM." -> "Hamdani"
    words = core.split()
    while len(words) > 1 and is_degree(words[-1].rstrip(",")):
        words.pop()
    return prefix.sub("", " ".join(words)).strip(" .,")


@lru_cache(maxsize=1 << 16)
def is_name(text: str, single_word_ok: bool = False, lenient: bool = False) -> bool:
    """Is this a person's name: a few capitalised words, no digits, no sentence?
    Titles and degrees around it are allowed. ``lenient`` (after "Oleh" or
    "Penulis:") lets one word stand in lower case, as typed: "Tri siswandi Syahputra"."""
    *_, particles, not_names, max_words = _lists()
    core = _core(text)
    words = core.split()
    if not words or len(words) > max_words or len(core) > 60 or len(text) > 120:
        return False
    if len(words) == 1 and not single_word_ok and core == text.strip(" .,"):
        return False                  # one word is a name only with a title or degree: "Drs. NURSIDIK, M.H."
    if any(len(w.strip(".,")) > 1 and w.lower().strip(".,") in not_names for w in words) or starts_as_affiliation(core):
        return False
    if _lists()[2].search(core):
        return False                  # "Universitas Muhammadiyah Malang": an institution
    function = _function_words()
    lower = 0
    for w in words:
        if w.lower() in function and w.lower() not in particles:
            return False              # "Pesan Untuk Kamu", "Amanah Mahasiswa dalam ...": a headline
        if any(ch.isdigit() for ch in w) or not re.match(r"^[\w'’‘`.-]+$", w) or _WEB.fullmatch(w):
            return False
        if w.lower() in particles:
            continue
        if not w.lstrip("'’‘`")[:1].isupper():
            lower += 1
    return lower == 0 or (lenient and lower == 1 and words[0][0].isupper() and len(words) >= 2
                          and len(words[-1]) >= 3)


def _unquote(text: str) -> str:
    """Without single quotes around it; a closing one alone stays, as in "Muhammad Nafi'"
    (an ain, as Arabic names are written in Latin letters)."""
    if text.startswith("'"):
        text = text[1:-1] if text.endswith("'") and len(text) > 1 else text[1:]
    return text.strip()


def as_printed(name: str) -> str:
    """A name as the page prints it, without footnote marks and a sentence's full stop
    ('Pinnur Selalau.' -> 'Pinnur Selalau'; 'Hamdani SE., MSM.' keeps its last dot)."""
    name = _unquote(MARKS.sub("", re.sub(r"\s+", " ", name)).strip(" ,;:*\"“”"))
    if name.endswith("."):
        last = name.split()[-1].rstrip(".").split(",")[-1]
        if not (is_degree(last + ".") or is_degree(last) or "." in last or (last.isupper() and len(last) <= 5)):
            name = name[:-1].rstrip()
    return name


def _split_names(name_part: str) -> list[str]:
    """'A, S.Pd. dan B' -> ['A, S.Pd.', 'B']: cut at separators between people, not
    at the comma before a degree; each name keeps its own spelling and spacing."""
    cuts = [(m.start(), m.end(), m.group()) for m in re.finditer(r",\s*dan\s+|\s+dan\s+|\s+and\s+|\s*&\s*|;\s*|\s+/\s+|,\s*",
                                                             name_part)
            if not _COMMA_TYPED.match(name_part, max(0, m.start() - 1))]
    out, start = [], 0
    for i, (a, b, sep) in enumerate(cuts):
        nxt = cuts[i + 1][0] if i + 1 < len(cuts) else len(name_part)
        piece = name_part[b:nxt].strip()
        if sep.strip() == "," and (_degrees(piece) or ("." in piece and is_degree(piece + "."))):
            continue                      # "Nama, M.Si": the degree stays with the name
        out.append(name_part[start:a])
        start = b
    out.append(name_part[start:])
    return [n.strip() for n in out if n.strip()]


def parse_people(who: str, single_word_ok: bool = True, lenient: bool = False) -> list[Author] | None:
    """A byline's authors as a new list (see :func:`_parse_people`), or None."""
    found = _parse_people(who, single_word_ok, lenient)
    return None if found is None else list(found)


@lru_cache(maxsize=1 << 16)
def _parse_people(who: str, single_word_ok: bool = True, lenient: bool = False) -> tuple[Author, ...] | None:
    """Split a byline or sign-off into authors, or ``None`` if it names no person.

    Handles 'Nama', 'Nama, Afiliasi', 'A dan B', 'A, B, dan C', 'A & B, Afiliasi',
    'A / B', 'Dr. Nama, M.Si., Dosen X'. An institutional byline ('Redaksi') gives an
    empty list. ``lenient``: the text follows an explicit label ("Oleh", "Penulis:").
    """
    # "Nama [Afiliasi]" as "Nama (Afiliasi)"; "[Nama], Afiliasi": the name in brackets
    who = re.sub(r"\s\[([^\[\]\d][^\[\]]{2,})\]\s*$", r" (\1)", who.strip())
    who = re.sub(r"^\[([^\[\]\d]{3,60})\](?=\s*(?:,|$))", r"\1", who)
    who = _unquote(MARKS.sub("", re.sub(r"\s+", " ", who)).strip(" *[]\"“”●•◆■►▪"))
    if who.startswith("(") and who.endswith(")"):
        who = who[1:-1].strip()
    if who.count(")") > who.count("("):
        who = who.rstrip(") ")               # the end of "(Penulis : Nama, S.Pd)"
    # "Nama | Editor: X": other roles credited on the same line are not authors.
    who = OTHER_ROLES.sub("", who).strip(" |/-–—")
    if not who:
        return None
    if is_institutional(who):
        return ()
    name_part, affiliation = who, None
    m = re.match(r"^(?P<names>[^;()]+?)\s*;\s*(?P<aff>[^;]{3,})$", who)
    if m and is_affiliation(m.group("aff")) and not _parse_people(m.group("aff"), False, lenient):
        # "A, B, C; Dosen Politeknik X": the writers, then what they are
        found = _parse_people(m.group("names"), single_word_ok, lenient)
        if found:
            return tuple(Author(a.name, a.affiliation or m.group("aff").strip(" .")) for a in found)
    # "Nama (Afiliasi)", "Nama (Ilmu Ekonomi 2020), Staf Departemen ...": the parenthesis and what follows
    m = re.match(r"^(?P<name>[^()]+?)\s*\((?P<aff>[^()]{3,})\)(?:\s*,\s*(?P<more>[^()]{3,}))?$", who)
    if m and (lenient or is_affiliation(m.group("aff"))) and _parse_people(m.group("name"), single_word_ok, lenient):
        aff = m.group("aff").strip(" .") + (", " + m.group("more").strip(" .") if m.group("more") else "")
        return tuple(Author(a.name, a.affiliation or aff) for a in _parse_people(m.group("name"), single_word_ok, lenient))
    parts = [p.strip() for p in who.split(",")]
    for i in range(1, len(parts)):
        if (is_affiliation(parts[i]) or _WEB.fullmatch(parts[i].split()[0] if parts[i] else "")) \
                and not is_degree(parts[i]):
            name_part, affiliation = ", ".join(parts[:i]), ", ".join(parts[i:]).strip(" .") or None
            # "Nama, S.Pd. Kurator ...": a degree opening the affiliation belongs to the name
            m = re.match(r"^((?:[A-Z][A-Za-z]{0,5}\.){1,4})\s+(?=\S)", affiliation or "")
            if m and is_degree(m.group(1)):
                name_part, affiliation = f"{name_part}, {m.group(1)}", affiliation[m.end():]
            break
    else:
        # "Nama - Afiliasi", "Nama/ Afiliasi", "Nama (Afiliasi)", "Nama. Afiliasi.", "Nama, S.Pd. Afiliasi" or
        # "Nama - Penulis adalah ...": the first place where what follows is an affiliation
        for m in re.finditer(r"\s*(?:[-–—|/]\s*|\(|\.\s+)", who):
            rest = who[m.end():].rstrip(")")
            if m.group().strip() == "(" and ")" in rest:
                continue                  # "COURT (E-COURT) DALAM ...": a parenthesis inside, not an affiliation
            if m.start() and (is_affiliation(rest) or _WEB.fullmatch(rest.strip())
                              or re.match(r"(?i)penulis (?:adalah|merupakan)\s", rest)):
                name_part = who[:m.start()] + ("." if m.group().startswith(".") and is_degree(
                    who[:m.start()].split()[-1].split(",")[-1] + ".") else "")
                affiliation = re.sub(r"(?i)^penulis (?:adalah|merupakan)\s+", "", rest).strip(" .")
                break
    # "Oleh : Feri Hartanto Mahasiswa STIA-NUSA KERINCI", "NAMA PENULIS Mahasiswi Fakultas ...":
    # a name, its affiliation glued after it with no comma or dash; only after a label or
    # in capitals ("Kisah Inspiratif Guru Honorer" is a headline, not a guru's name)
    # ("BUDI RAHMAN HAKIM", "Budi Rahman Hakim": a surname that is also an office; the
    # affiliation is two words or more, and not in capitals after a name in capitals)
    # ("A dan B Mahasiswa ...": several names, each of at most MAX_GLUED_NAME words)
    words = name_part.split()
    for k in range(1, min(len(words) - 2, 2 * MAX_GLUED_NAME + 1) + 1):
        glued = " ".join(words[k:]).strip(" .")
        name = " ".join(words[:k])
        several = _split_names(name)
        # ("Nama SMPIT Al Uswah Magetan": after a label, an institution's name too)
        if (lenient or (name.isupper() and not glued.isupper())) \
                and (starts_as_affiliation(glued) or (lenient and opens_with_institution(glued))) \
                and several and all(len(n.split()) <= MAX_GLUED_NAME and is_name(n, lenient=lenient) for n in several):
            name_part, affiliation = " ".join(words[:k]), f"{glued}, {affiliation}" if affiliation else glued
            break
    names = [as_printed(n) for n in _split_names(name_part.strip()) if n.strip(" .")]
    names = [n for n in names if n]
    if not names:
        return None
    if all(is_institutional(n) for n in names):
        return ()
    single_ok = single_word_ok and len(names) == 1
    # "A B, C D, E F, G": in a list of three or more full names, the last may be one word
    last_ok = len(names) >= 3 and all(len(_core(n).split()) >= 2 for n in names[:-1])
    if not all(is_name(n, single_ok or (last_ok and k == len(names) - 1), lenient)
               for k, n in enumerate(names) if not is_institutional(n)):
        return None
    return tuple(Author(n, affiliation) for n in names if not is_institutional(n))


def core_name(name: str) -> str:
    """The name without titles and degrees, case-folded: how two mentions of one writer match."""
    return " ".join(_core(name).split()).casefold()


def merge(*groups: list[Author]) -> list[Author]:
    """Authors from several places, each once (first affiliation found wins)."""
    out: dict[str, Author] = {}
    for group in groups:
        for a in group:
            key = _core(a.name).casefold()
            if key not in out:
                out[key] = a
            elif out[key].affiliation is None and a.affiliation:
                out[key] = Author(out[key].name, a.affiliation)
    return list(out.values())
