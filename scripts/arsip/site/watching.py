"""Seeing a save at once under `mkdocs serve --dirty`.

MkDocs watches with watchdog's polling observer: every 0.5 s it lists and stats every
file under each watched folder. At 10,000 essays that listing takes tens of
milliseconds of Python each time, holding the interpreter's lock while a rebuild
runs, and a save waits for the next listing. The folders the archive adds (essays/,
data/, overrides/) are watched here with the system's own notifications (inotify on
Linux, FSEvents on macOS; watchdog falls back to polling where there are none), and a
change asks MkDocs' server for a rebuild as its own watches do.
"""
from __future__ import annotations

import logging
import os

log = logging.getLogger("mkdocs.plugins.arsip")


def watch_natively(server, folders: list[str]):
    """Watch ``folders`` for ``server`` (MkDocs' LiveReloadServer); the started
    observer, or None when this MkDocs' server does not have what it needs (the caller
    then uses ``server.watch``)."""
    cond = getattr(server, "_rebuild_cond", None)
    if cond is None or not hasattr(server, "_want_rebuild"):
        return None
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event):
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return
            with cond:
                server._want_rebuild = True
                cond.notify_all()

    observer = Observer()
    watched = [f for f in folders if os.path.isdir(f)]
    for folder in watched:
        observer.schedule(Changed(), folder, recursive=True)
    observer.start()
    log.info("arsip: watching %s for changes (%s)", ", ".join(os.path.relpath(f) for f in watched),
             type(observer).__name__)
    return observer


def watch_polling(server, folders: list[str], essays: int | None) -> None:
    """Without the system's notifications: ``server.watch`` each folder (MkDocs watches
    overrides/ itself only with --watch-theme). MkDocs lists every watched folder every
    0.5 s; under an incremental preview of ``essays`` essays the archive's folders are
    listed every 0.1 s up to 2,000 essays, slower above (the interval applies to
    watches scheduled after it is set)."""
    observer = getattr(server, "observer", None)
    default = getattr(observer, "_timeout", None)
    if essays is not None and isinstance(default, (int, float)):
        observer._timeout = min(default, max(0.1, min(0.5, essays / 20_000)))
    for folder in folders:
        server.watch(folder)
    if isinstance(default, (int, float)):
        observer._timeout = default
