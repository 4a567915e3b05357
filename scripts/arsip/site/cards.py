"""Share cards: the Open Graph image of each essay (1200 x 630 PNG, 16 colours).

Drawn with Pillow in the archive's colours: the archive's name, the outlet, the
title (as large as fits in four lines), the authors. No network: the typeface is
Source Sans Pro from the PyPI package ``font-source-sans-pro`` (SIL OFL). Cards are
cached by what they show, so a rebuild draws only new or changed ones, and drawn in
worker processes alongside the rest of the build.
"""
from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (250, 246, 241)       # the page background of the light scheme
INK = (38, 24, 15)
PRIMARY = (122, 62, 29)            # --md-primary-fg-color
MUTED = (110, 88, 72)
#: bump when the design changes, so cached cards are redrawn
DESIGN = "2"
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


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _fit(draw, text: str, style: str, sizes, width: int, max_lines: int):
    """The largest size at which ``text`` fits in ``max_lines``; cut with '…' at the smallest."""
    for size in sizes:
        font = _font(style, size)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines and all(draw.textlength(ln, font=font) <= width for ln in lines):
            return font, lines
    font = _font(style, sizes[-1])
    lines = _wrap(draw, text, font, width)[:max_lines]
    while lines and draw.textlength(lines[-1] + "…", font=font) > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return font, lines


def render(card: Card) -> bytes:
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(img)
    inner = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, 18, HEIGHT), fill=PRIMARY)
    head = _font("Bold", 30)
    draw.text((MARGIN, MARGIN - 10), card.site_name.upper(), font=head, fill=PRIMARY)
    outlet_font, outlet = _fit(draw, card.outlet, "Semibold", (32, 28), inner, 1)
    draw.text((MARGIN, MARGIN + 34), outlet[0], font=outlet_font, fill=MUTED)
    font, lines = _fit(draw, card.title, "Bold", TITLE_SIZES, inner, TITLE_LINES)
    step = int(font.size * 1.17)
    # the title sits in the band between the outlet (y 150) and the rule (y 520)
    top = 178 + max(0, (TITLE_BAND - len(lines) * step) // 2)
    for i, line in enumerate(lines):
        draw.text((MARGIN, top + i * step), line, font=font, fill=INK)
    draw.line((MARGIN, 528, MARGIN + 160, 528), fill=PRIMARY, width=6)
    if card.authors:
        by_font, by = _fit(draw, card.authors, "Regular", (32, 28, 24), inner, 1)
        draw.text((MARGIN, 546), by[0], font=by_font, fill=MUTED)
    out = io.BytesIO()
    # Four colours and their blends: mapped onto a fixed 16-colour palette, a card is
    # a 4-bit PNG of about 20 KB (a JPEG of the same card is 100 KB: 1 GB for 10,000
    # essays), and the mapping is fast because the palette is known beforehand.
    img.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG", compress_level=3, bits=4)
    return out.getvalue()


@lru_cache(maxsize=1)
def _palette() -> Image.Image:
    def mix(a, b, t):
        return tuple(round(x + (y - x) * t) for x, y in zip(a, b))
    colours = [BACKGROUND, INK, PRIMARY, MUTED]
    colours += [mix(BACKGROUND, INK, t) for t in (0.15, 0.3, 0.45, 0.6, 0.75, 0.9)]
    colours += [mix(BACKGROUND, PRIMARY, t) for t in (0.25, 0.5, 0.75)]
    colours += [mix(BACKGROUND, MUTED, t) for t in (0.25, 0.5, 0.75)]
    pal = Image.new("P", (1, 1))
    flat = [v for c in colours for v in c]
    pal.putpalette(flat + [0] * (768 - len(flat)))
    return pal


def _render_to(card: Card, path: str) -> str:
    data = render(card)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return path


def _die_with_parent(parent: int) -> None:
    """In a worker: end when the build process ends, however it ends. A forked
    worker holds its own end of the task pipe, so a parent stopped by SIGTERM
    (``kill``, a process manager) would leave it waiting for work for ever: Linux is
    asked to send it SIGTERM when its parent dies (PR_SET_PDEATHSIG). Linux sends it
    when the thread that forked the worker ends: the pool is made, and its workers
    forked, in MkDocs' main thread (on_config, or on_files for a one-off maker)."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)      # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return                                # not Linux: a terminal's Ctrl-C still reaches the whole group
    if os.getppid() != parent:                # the parent died before the request was made
        os._exit(0)


class CardWorkers:
    """The processes that draw cards, started (forked) while the build process is
    still small: a fork of a big mkdocs process copies every page that Python touches
    in it (reference counts, the garbage collector), so a worker forked late grew
    towards the size of its parent. Spawned workers would not need that, but they
    import the calling script again, which breaks any script that builds the site
    without an ``if __name__ == "__main__"`` guard."""

    def __init__(self, jobs: int = 0):
        # one core is left to MkDocs, which renders the pages meanwhile
        self.jobs = jobs or max(1, (os.cpu_count() or 1) - 1)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=_die_with_parent,
                                        initargs=(os.getpid(),))
        self.pids = {fut.result() for fut in [self.pool.submit(os.getpid) for _ in range(self.jobs)]}

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class CardMaker:
    """Draws the cards a build needs into ``cache_dir`` (in worker processes) and
    copies them into the site when the build is written."""

    def __init__(self, cache_dir: Path, workers: CardWorkers | None = None):
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.workers = workers
        self.own: CardWorkers | None = None        # started here when none were given
        self.pending: dict[str, Future | None] = {}
        self.drawn = 0

    def start(self, cards: dict[str, Card]) -> None:
        """Begin drawing every card not in the cache. ``cards``: site path -> card."""
        self.cards = cards
        missing = {c.key: c for c in cards.values() if not (self.cache_dir / f"{c.key}.png").exists()}
        if len(missing) > 8:
            workers = self.workers or self.own or CardWorkers()
            if workers is not self.workers:
                self.own = workers
            for key, card in missing.items():
                self.pending[key] = workers.pool.submit(_render_to, card, str(self.cache_dir / f"{key}.png"))
        else:
            for key, card in missing.items():
                _render_to(card, str(self.cache_dir / f"{key}.png"))
        self.drawn = len(missing)

    def abandon(self) -> None:
        """The build failed: stop drawing."""
        for fut in self.pending.values():
            fut.cancel()
        self._close_own()

    def _close_own(self) -> None:
        if self.own is not None:
            self.own.close()
            self.own = None

    def finish(self, site_dir: Path, only: set[str] | None = None) -> int:
        """Wait for the drawing, copy each card (or the site paths in ``only``) to its
        place in the site; how many were drawn."""
        try:
            for fut in self.pending.values():
                fut.result()
        finally:
            self._close_own()
        for rel, card in self.cards.items():
            if only is not None and rel not in only:
                continue
            dest = Path(site_dir) / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            src = self.cache_dir / f"{card.key}.png"
            dest.unlink(missing_ok=True)        # never write through a link into the cache
            try:
                os.link(src, dest)
            except OSError:
                dest.write_bytes(src.read_bytes())
        return self.drawn
