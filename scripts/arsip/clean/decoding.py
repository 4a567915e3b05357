"""Cleaning, step 1: raw bytes -> normalised text.

Scraped files arrive in any encoding: UTF-8 with or without a BOM, UTF-16 from
Windows tools, legacy 8-bit code pages, or UTF-8 that was once decoded as
Windows-1252 ("mojibake": ``â€œ`` for ``“``). charset-normalizer guesses the
encoding when UTF-8 fails and ftfy repairs mojibake; this module only decides
when to call them and what counts as "not a text file".
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import ftfy
from ftfy.badness import is_bad
from charset_normalizer import from_bytes

from ..boundary import read_bytes
from ..errors import DataError, InputError

#: Raw articles larger than this are refused. A long essay page, menus and all, is
#: well under 1 MiB; anything far larger is a wrong file (a dump, a binary).
MAX_RAW_BYTES = 5 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Spaces that scraped pages use for layout; all become a plain space.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# The same but the non-breaking space, whose UTF-8 bytes mojibake turns into "Â\u00a0":
# these become plain spaces before mojibake is judged, so that it is judged on the
# text as the cleaner will see it ("Â\t0" is "Â 0" to the next reader).
_LAYOUT_SPACES = re.compile("[\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# A non-breaking space not after "Â" is a space to ftfy too: before it, ftfy reads
# "\u00a0Ø¯" as one broken UTF-8 sequence and leaves it, while " Ø¯" becomes "د".
_LONE_NBSP = re.compile("(?<!\u00c2)\u00a0")
# Invisible characters that only get in the way of matching.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# C0/C1 controls other than newline: their presence in quantity means binary data.
# Non-characters and lone surrogates go with them: no text holds them, and none may
# reach a title, a feed or a YAML file.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# The C0 ones go before mojibake is judged (the C1 ones are mojibake's own evidence).
_C0_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters that mojibake produces; text without them needs no ftfy pass. UTF-8 read
# as Windows-1252 or Latin-1 always shows a lead byte as one of Â-ô; read as Mac Roman
# it shows Ä, ‚, „, †, •, ‰ and the like. Curly quotes and the ellipsis alone, as
# authors type them, are not evidence (they are on most pages).
_MOJIBAKE_HINT = re.compile("[\u0080-\u017f\u02c6-\u02dc\u201a\u201e\u2020-\u2022\u2030\u2039\u203a\u20ac\u2122]")
# The lines that hold one: ftfy only needs to judge those (judging a whole article
# costs a millisecond).
_HINT_LINES = re.compile("^.*" + _MOJIBAKE_HINT.pattern + ".*$", re.MULTILINE)
# A bullet ("•", "·") is a hint only beside another sign of mojibake: menus and
# breadcrumbs use them by the dozen. Read as Windows-1252, UTF-8 always shows a lead
# byte (Â-ô, all hints); read as Mac Roman, the lead byte of "å" is "√", of other
# letters "ƒ", "≈", "∆" and the like, which are not in the hint class.
_STRONG_HINT = re.compile("(?![\u2022\u00b7])" + _MOJIBAKE_HINT.pattern +
                          "|[\u221a\u0192\u2248\u2206\u2026\u2260\u221e\u2264\u2265\u2202\u2211\u220f\u03c0\u222b\u03a9]")
# Everything the first steps of a repair change; a page without any of them (most
# pages) skips those steps.
_TOUCHED = re.compile("|".join(p.pattern for p in (_C0_CONTROL, _SPACES, _INVISIBLE)))
# "Â" at the end of a line: a non-breaking space (``&nbsp;`` ending a line, or a line
# of its own) whose UTF-8 bytes were read as Windows-1252 and whose space a scraper
# trimmed. Removed; left alone, it is glued to the next line as "Â text", which ftfy
# repairs only when the text is cleaned a second time. (No Indonesian word ends in Â.)
_TRIMMED_NBSP_MOJIBAKE = re.compile("\u00c2[ \t\u00a0]*$", re.MULTILINE)
# "Ã" at the end of a line: an "à" (bytes C3 A0) whose second byte, read as a non-breaking
# space, was trimmed the same way. Made "à" again, as ftfy makes it once the line is
# glued to the next ("Ã a" -> "à a"): the text cleaned a second time must not change.
_TRIMMED_A_GRAVE_MOJIBAKE = re.compile("\u00c3[ \t\u00a0]*$", re.MULTILINE)


#: How many times mojibake is repaired at most: removing an invisible character can join
#: what it split into a sequence ftfy repairs; the text cleaned again must not change.
REPAIR_ROUNDS = 3


def read_raw(path: str | Path) -> bytes:
    """Read a raw article, refusing what cannot be an article: a missing file, a
    directory, a symlink, a FIFO or device, a file over MAX_RAW_BYTES (read no further,
    so ``/dev/zero`` or a growing file costs nothing)."""
    try:
        return read_bytes(Path(path), MAX_RAW_BYTES, "raw article")
    except DataError as e:
        raise InputError(path, e.message) from None


def decode(data: bytes, name: object = "<input>") -> str:
    """Decode raw bytes into text with ``\\n`` line ends and plain spaces.

    Raises :class:`InputError` naming ``name`` for empty, binary or undecodable input.
    """
    if len(data) > MAX_RAW_BYTES:
        raise InputError(name, f"input is {len(data):,} bytes; raw articles are limited to {MAX_RAW_BYTES:,} bytes")
    if not data:
        raise InputError(name, "file is empty")
    text = _decode_bytes(data, name)
    controls = _CONTROL.search(text)
    if controls and len(_CONTROL.findall(text)) > max(8, len(text) // 200):
        raise InputError(name, "looks like a binary file (control characters), not text")
    text, fixed = _repaired(text)
    if controls or fixed:
        text = _CONTROL.sub("", text)
    if not text.strip():
        raise InputError(name, "file holds only whitespace")
    return text


def _decode_bytes(data: bytes, name: object) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(name, f"starts with a {encoding} byte-order mark but is not valid {encoding}") from None
    if data.startswith(b"\x89PNG") or data[:4] in (b"%PDF", b"PK\x03\x04", b"GIF8") or data[:3] == b"\xff\xd8\xff":
        raise InputError(name, "is a binary file (image, PDF or archive), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data[:200_000]).best()
    if guess is None or guess.encoding is None:
        raise InputError(name, "cannot be decoded as text in any known encoding (binary file?)")
    if "\x00" in data.decode("latin-1") and not guess.encoding.startswith("utf_16"):
        raise InputError(name, "is a binary file (contains NUL bytes), not text")
    try:
        return data.decode(guess.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(name, f"cannot be decoded as {guess.encoding}") from None


def _repair(text: str) -> str:
    return _repaired(text)[0]


def _repaired(text: str) -> tuple[str, bool]:
    """The text repaired, and whether ftfy changed it (it may bring back controls).

    Most pages hold none of the characters the steps act on; a cheap search for any
    of them first keeps the regular expressions for the pages that do (the same
    result either way)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    touched = _TOUCHED.search(text) is not None
    if touched:
        text = _C0_CONTROL.sub("", text)          # before the next line: "Â\x1f" ends a line too
        text = _LAYOUT_SPACES.sub(" ", text)
        text = _LONE_NBSP.sub(" ", text) if "\u00c2" in text else text.replace("\u00a0", " ")
    if "\u00c2" in text:
        text = _TRIMMED_NBSP_MOJIBAKE.sub("", text)
    if "\u00c3" in text:
        text = _TRIMMED_A_GRAVE_MOJIBAKE.sub("\u00e0", text)
    fixed = False
    for _ in range(REPAIR_ROUNDS):
        if not _MOJIBAKE_HINT.search(text):
            break
        suspects = [ln for ln in _HINT_LINES.findall(text) if _STRONG_HINT.search(ln)]
        if not (suspects and is_bad("\n".join(suspects))):
            break
        # Keep typographic quotes and full-width forms as the author wrote them;
        # only undo encoding damage.
        repaired = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False,
                                 fix_latin_ligatures=False, normalization="NFC")
        repaired = _SPACES.sub(" ", _INVISIBLE.sub("", repaired))
        fixed = touched = True
        if repaired == text:
            break
        # a soft hyphen inside "Â\x80" hid it from ftfy; without it, it is mojibake again
        text = repaired
    if touched:
        text = _INVISIBLE.sub("", text)
        text = _SPACES.sub(" ", text)
    return text, fixed


def normalise(text: str) -> str:
    """Text given as a string (not bytes) made what :func:`decode` returns: line ends,
    spaces, mojibake and invisible characters as there, control characters removed."""
    return _CONTROL.sub("", _repair(text))
