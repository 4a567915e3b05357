"""Share cards drawn in worker processes beside the page rendering, cached by what
they show (``Card.key``) and linked into the site (the drawing is cards.py's). The
same workers write a full build's own files (generated.py, ``start_writes``).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .cards import Card, render


#: Cards drawn by one task of a worker.
CARDS_PER_TASK = 32
#: fewer cards to draw or link than this are done in this process (no worker started)
WORKER_MIN = 9


def _render_all(todo: list[tuple[Card | None, str, list[str]]]) -> None:
    """Draw each card given (None: it is in the cache) and link it to its places."""
    for card, path, places in todo:
        if card is not None:
            _render_to(card, path)
        for dest in places:
            _place(path, dest)


def _place(src: str, dest: str) -> None:
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if os.path.lexists(dest):
        os.unlink(dest)                     # never write through a link into the cache
    try:
        os.link(src, dest)
    except OSError:
        with open(src, "rb") as f, open(dest, "wb") as out:
            out.write(f.read())


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
        self.pending: list[Future] = []
        self.drawn = 0
        self.placed = False                     # the workers put the cards into the site

    def start(self, cards: dict[str, Card], site_dir: Path | None = None) -> None:
        """Begin drawing every card not in the cache. ``cards``: site path -> card.
        With ``site_dir`` (a full build) the workers also link every card into the site."""
        self.cards, self.placed = cards, site_dir is not None
        firsts: dict[str, Card] = {}                  # a card per key (essays may share one)
        places: dict[str, list[str]] = {}
        for rel, card in cards.items():
            firsts.setdefault(card.key, card)
            places.setdefault(card.key, []).extend([os.path.join(site_dir, rel)] if self.placed else [])
        missing = {key for key in places if not (self.cache_dir / f"{key}.png").exists()}
        todo = [(firsts[key] if key in missing else None, str(self.cache_dir / f"{key}.png"), dests)
                for key, dests in places.items() if key in missing or dests]
        if len(todo) >= WORKER_MIN:
            workers = self.workers or self.own or CardWorkers()
            if workers is not self.workers:
                self.own = workers
            # in batches: passing 1,000 one-card tasks kept a thread of the build busy
            # for over half a second (py-spy), holding the lock the page rendering needs
            for k in range(0, len(todo), CARDS_PER_TASK):
                self.pending.append(workers.pool.submit(_render_all, todo[k:k + CARDS_PER_TASK]))
        else:
            _render_all(todo)
        self.drawn = len(missing)

    def abandon(self) -> None:
        """The build failed: stop drawing."""
        for fut in self.pending:
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
            for fut in self.pending:
                fut.result()
        finally:
            self._close_own()
        for rel, card in [] if self.placed else self.cards.items():
            if only is None or rel in only:
                _place(str(self.cache_dir / f"{card.key}.png"), os.path.join(site_dir, rel))
        return self.drawn
