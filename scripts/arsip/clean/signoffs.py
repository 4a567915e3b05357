"""A writer named in parentheses where the essay ends: "... kalimat terakhir. (Nama
Penulis)" after the last sentence, or a last line that is wholly a parenthesised note
on the writer, "(Dr Nama. Direktur ... Universitas X. Artikel ini dimuat di ...)", as
print op-eds close. The name goes to the front matter, not into the last paragraph."""
from __future__ import annotations

import re

from .candidates import _TOKEN, Page, _words, lexicon
from .people import Author, is_affiliation, is_name, parse_people

#: "... akhir paragraf. (Nama Penulis)", "(nurul jamilah/hei)": a writer named in
#: parentheses at the very end of the essay, after its last sentence or a closing word
#: ("Wassalam", metadata.yml) (a desk's code after a slash is not part of the name).
_PAREN_SIGNOFF = None
#: Where the sign-off is looked for: the end of the last paragraph, whatever its length.
SIGNOFF_TAIL = 200


def _signoff_match(text: str):
    global _PAREN_SIGNOFF
    if not text.rstrip(" .").endswith(")"):       # "... Amin (Nama)." as well
        return None
    if _PAREN_SIGNOFF is None:
        closing = "|".join(re.escape(w) for w in sorted(lexicon()["closing_words"]))
        _PAREN_SIGNOFF = re.compile(rf"(?:^|[.!?…”\"'’]|\b(?i:{closing}))\s*\(\s*(?P<who>[^()\d/:;,]{{3,60}}?)"
                                    rf"\s*(?:/\s*[a-z]{{1,6}}\s*)*\)\s*\.?\s*$")
    return _PAREN_SIGNOFF.search(text, max(0, len(text) - SIGNOFF_TAIL))


def paren_signoff(text: str) -> tuple[Author, ...] | None:
    m = _signoff_match(text)
    if not m:
        return None
    who = re.sub(r"\s+", " ", m.group("who")).strip(" .")
    words = who.split()
    if not 2 <= len(words) <= 5 or not all(w.replace("'", "").replace("’", "").replace("-", "").isalpha()
                                          for w in words):
        return None
    # typed in lower case as often as not: judged as a name in title case, kept as printed
    judged = who if any(ch.isupper() for ch in who) else who.title()
    lex = lexicon()
    if not is_name(judged) or not lex["ui_words"].isdisjoint(_words(who)) \
            or not lex["rubric_words"].isdisjoint(_words(who)):
        return None
    return (Author(who),)


def unsigned_words(page: Page) -> frozenset[str]:
    """The body's words without the writer's name in parentheses at its end."""
    return frozenset(w for text in page._prose for w in _TOKEN.findall(strip_paren_signoff(text)))


def strip_paren_signoff(text: str) -> str:
    """The last paragraph without the writer's name in parentheses at its end."""
    if whole_signoff(text):
        return ""
    m = _signoff_match(text)
    if not m:
        return text
    cut = text.rindex("(", 0, m.end())
    return text[:cut].rstrip()


#: "(Nama. Jabatan ... . Catatan ...)": how long such a closing note may be.
WHOLE_MAX = 400


def whole_signoff(text: str) -> tuple[Author, ...] | None:
    """A last line that is wholly "(Name. Affiliation. ...)" or "(Name, Affiliation)"."""
    text = text.strip()
    if not (text.startswith("(") and text.endswith(")")) or len(text) > WHOLE_MAX or text.count("(") != 1:
        return None
    parts = re.split(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])\.\s+|,\s+", text[1:-1].strip(" ."), maxsplit=2)
    if len(parts) < 2 or not is_name(parts[0]) or not is_affiliation(parts[1]):
        return None
    people = parse_people(parts[0], single_word_ok=False)
    return (Author(people[0].name, parts[1].strip(" .")),) if people and len(people) == 1 else None
