"""Share cards: the Open Graph image of each essay (1200 x 630 PNG, 16 colours).

Drawn with Pillow in the archive's colours: the archive's name, the outlet, the
title (as large as fits in four lines), the authors. No network: the typeface is
Source Sans Pro from the PyPI package ``font-source-sans-pro`` (SIL OFL). Cards are
cached by what they show, so a rebuild draws only new or changed ones, and drawn in
worker processes alongside the rest of the build (cardmaker.py).
"""
from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy
from PIL import Image, ImageDraw, ImageFont

try:                                  # ISA-L's deflate: a card's PNG in a tenth of zlib's time
    from isal import isal_zlib as _deflate
except ImportError:                   # pragma: no cover - a platform without its wheels
    _deflate = zlib

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (250, 246, 241)       # the page background of the light scheme
INK = (38, 24, 15)
PRIMARY = (122, 62, 29)            # --md-primary-fg-color
MUTED = (110, 88, 72)
#: bump when the design changes, so cached cards are redrawn
DESIGN = "5"
TITLE_SIZES = (68, 60, 52, 46, 40)
TITLE_LINES = 4
TITLE_BAND = 330


@dataclass(frozen=True)
class Card:
    title: str
    authors: str
    outlet: str
    site_name: str

    @property
    def key(self) -> str:
        raw = "\x1f".join((DESIGN, self.title, self.authors, self.outlet, self.site_name))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


@lru_cache(maxsize=None)
def _font(style: str, size: int) -> ImageFont.FreeTypeFont:
    import font_source_sans_pro
    path = Path(font_source_sans_pro.font_directory) / f"SourceSansPro-{style}.ttf"
    return ImageFont.truetype(str(path), size)


def _wrap(text: str, style: str, size: int, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and _length(f"{lines[-1]} {word}", style, size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _fit(text: str, style: str, sizes, width: int, max_lines: int) -> tuple[int, list[str]]:
    """The largest size at which ``text`` fits in ``max_lines``; cut with '…' at the smallest."""
    for size in sizes:
        lines = _wrap(text, style, size, width)
        if len(lines) <= max_lines and all(_length(ln, style, size) <= width for ln in lines):
            return size, lines
    size = sizes[-1]
    lines = _wrap(text, style, size, width)[:max_lines]
    while lines and _length(lines[-1] + "…", style, size) > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return size, lines


# --- setting text ------------------------------------------------------------------
# FreeType draws a glyph in about 20 microseconds, and Pillow draws every glyph of
# every line again: a card took 9.5 ms, 7 CPU-seconds at 1,000 essays on a fresh
# clone. Here each glyph is drawn once per process and size, and a line is set from
# the cached glyphs at the pen positions of its advances and kerning pairs (what
# Pillow's basic layout does; ligatures are not formed, which these headlines do not
# need). The text is set as coverage (0-255) and turned into the card's palette
# indices directly: no RGB image, no quantizing.

@lru_cache(maxsize=1 << 14)
def _advance(style: str, size: int, ch: str) -> float:
    return _font(style, size).getlength(ch)


@lru_cache(maxsize=1 << 16)
def _kern(style: str, size: int, pair: str) -> float:
    return _font(style, size).getlength(pair) - _advance(style, size, pair[0]) - _advance(style, size, pair[1])


def _length(text: str, style: str, size: int) -> float:
    pen = sum(_advance(style, size, ch) for ch in text)
    return pen + sum(_kern(style, size, text[i:i + 2]) for i in range(len(text) - 1))


@lru_cache(maxsize=1 << 13)          # bounded: a title may hold any character
def _glyph(style: str, size: int, ch: str) -> tuple[Image.Image, int, int] | None:
    """A glyph's coverage and where it stands from the pen (top of the line)."""
    font = _font(style, size)
    x0, y0, x1, y1 = font.getbbox(ch)
    if x1 <= x0 or y1 <= y0:
        return None                                    # a space
    img = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(img).text((-x0, -y0), ch, font=font, fill=255)
    return img, x0, y0


def _set_glyphs(canvas: Image.Image, xy: tuple[float, int], text: str, style: str, size: int) -> None:
    """Add ``text``'s coverage to ``canvas`` (mode L) with the pen at ``xy``, a glyph at a time."""
    pen, y = xy
    for i, ch in enumerate(text):
        if i:
            pen += _kern(style, size, text[i - 1:i + 1])
        g = _glyph(style, size, ch)
        if g is not None:
            img, x0, y0 = g
            canvas.paste(255, (round(pen) + x0, y + y0), img)
        pen += _advance(style, size, ch)


@lru_cache(maxsize=1 << 13)          # bounded, like the glyphs
def _word(style: str, size: int, word: str) -> tuple[Image.Image, int, int] | None:
    """A word's coverage, set once from its glyphs, and where it stands from the pen:
    headlines share their words, and one paste a word is a fifth of one a glyph."""
    pad = size
    img = Image.new("L", (int(_length(word, style, size)) + 2 * pad, 2 * size), 0)
    _set_glyphs(img, (float(pad), pad // 2), word, style, size)
    box = img.getbbox()
    if box is None:
        return None
    return img.crop(box), box[0] - pad, box[1] - pad // 2


def _set(canvas: Image.Image, xy: tuple[int, int], text: str, style: str, size: int) -> None:
    """Add ``text``'s coverage to ``canvas`` (mode L) with the pen at ``xy``, a word at a
    time (the pen moves as it would glyph by glyph: advances and kerning pairs)."""
    pen, y, i, n = float(xy[0]), xy[1], 0, len(text)
    while i < n:
        if i:
            pen += _kern(style, size, text[i - 1:i + 1])
        if text[i] == " ":
            pen += _advance(style, size, " ")
            i += 1
            continue
        j = text.find(" ", i)
        word = text[i:j if j >= 0 else n]
        w = _word(style, size, word)
        if w is not None:
            img, x0, y0 = w
            canvas.paste(255, (round(pen) + x0, y + y0), img)
        pen += _length(word, style, size)
        i += len(word)


@lru_cache(maxsize=1)
def _colours() -> list[tuple[int, int, int]]:
    def mix(a, b, t):
        return tuple(round(x + (y - x) * t) for x, y in zip(a, b))
    colours = [BACKGROUND, INK, PRIMARY, MUTED]
    colours += [mix(BACKGROUND, INK, t) for t in (0.15, 0.3, 0.45, 0.6, 0.75, 0.9)]
    colours += [mix(BACKGROUND, PRIMARY, t) for t in (0.25, 0.5, 0.75)]
    colours += [mix(BACKGROUND, MUTED, t) for t in (0.25, 0.5, 0.75)]
    return colours


@lru_cache(maxsize=None)
def _shades(colour: tuple[int, int, int]) -> list[int]:
    """For each coverage 0-255 of ``colour`` on the background, the nearest colour of
    the palette (the one quantizing the blended pixel would take)."""
    palette = _colours()
    out = []
    for a in range(256):
        px = [b + (c - b) * a / 255 for b, c in zip(BACKGROUND, colour)]
        out.append(min(range(len(palette)), key=lambda i: sum((p - q) ** 2 for p, q in zip(palette[i], px))))
    return out


_INKED = bytes([0] + [255] * 255)   # coverage -> where the text is


@lru_cache(maxsize=None)
def _shade_table(colour: tuple[int, int, int]) -> bytes:
    return bytes(_shades(colour))


def _paint(card: Image.Image, coverage: Image.Image, at: tuple[int, int], colour) -> None:
    """Put ``coverage`` (mode L) onto ``card`` (mode P) at ``at`` in ``colour``
    (bytes.translate maps the coverage: Image.point rounds its table on every call)."""
    box = coverage.getbbox()
    if box is None:
        return
    coverage, at = coverage.crop(box), (at[0] + box[0], at[1] + box[1])
    raw = coverage.tobytes()
    shades = Image.frombytes("P", coverage.size, raw.translate(_shade_table(colour)))
    inked = Image.frombytes("L", coverage.size, raw.translate(_INKED))   # lines may overlap: paste only the text
    card.paste(shades, at, inked)



@lru_cache(maxsize=8)
def _blank(site_name: str) -> Image.Image:
    """What every card of a site shares: background, band, the site's name, the rule."""
    card = Image.new("P", (WIDTH, HEIGHT), 0)
    card.putpalette([v for c in _colours() for v in c] + [0] * (768 - 3 * len(_colours())))
    ImageDraw.Draw(card).rectangle((0, 0, 18, HEIGHT), fill=_colours().index(PRIMARY))
    ImageDraw.Draw(card).line((MARGIN, 528, MARGIN + 160, 528), fill=_colours().index(PRIMARY), width=6)
    head = Image.new("L", (WIDTH - 2 * MARGIN, 50), 0)
    _set(head, (0, 0), site_name.upper(), "Bold", 30)
    _paint(card, head, (MARGIN, MARGIN - 10), PRIMARY)
    return card


def _line(card: Image.Image, xy: tuple[int, int], text: str, style: str, size: int, colour) -> None:
    coverage = Image.new("L", (WIDTH - 2 * MARGIN, int(size * 1.5)), 0)
    _set(coverage, (0, 0), text, style, size)
    _paint(card, coverage, xy, colour)


def render(card: Card) -> bytes:
    img = _blank(card.site_name).copy()
    inner = WIDTH - 2 * MARGIN
    size, outlet = _fit(card.outlet, "Semibold", (32, 28), inner, 1)
    _line(img, (MARGIN, MARGIN + 34), outlet[0], "Semibold", size, MUTED)
    size, lines = _fit(card.title, "Bold", TITLE_SIZES, inner, TITLE_LINES)
    step = int(size * 1.17)
    # the title sits in the band between the outlet (y 150) and the rule (y 520)
    top = 178 + max(0, (TITLE_BAND - len(lines) * step) // 2)
    for i, line in enumerate(lines):
        _line(img, (MARGIN, top + i * step), line, "Bold", size, INK)
    if card.authors:
        size, by = _fit(card.authors, "Regular", (32, 28, 24), inner, 1)
        _line(img, (MARGIN, 546), by[0], "Regular", size, MUTED)
    return png(img)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def png(img: Image.Image) -> bytes:
    """A 16-colour image (mode P) as a 4-bit PNG of about 17 KB (a JPEG of the same
    card is 100 KB: 1 GB for 10,000 essays). Written here rather than by Pillow, whose
    encoder took 1.6 of a card's 2.5 ms: rows packed by Pillow, no filter (as PNG
    advises for palette images), deflated by ISA-L (python-isal) at its fastest level,
    0.1 ms; zlib where ISA-L is not installed."""
    width, height = img.size
    row = (width + 1) // 2
    rows = numpy.frombuffer(img.tobytes("raw", "P;4"), numpy.uint8).reshape(height, row)
    filtered = numpy.zeros((height, row + 1), numpy.uint8)     # filter byte 0: none
    filtered[:, 1:] = rows
    palette = bytes(img.getpalette()[:3 * len(_colours())])
    return b"".join((b"\x89PNG\r\n\x1a\n",
                     _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 4, 3, 0, 0, 0)),
                     _chunk(b"PLTE", palette),
                     _chunk(b"IDAT", _deflate.compress(filtered.tobytes(), 1)),
                     _chunk(b"IEND", b"")))
