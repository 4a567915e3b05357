"""Where an archive keeps its files.

An archive is a folder with ``raw/`` (scraped articles and ``raw/manifest.yml``),
``data/sources/`` (one file per outlet), ``data/themes.yml`` and ``essays/``.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..clean import Source, load_sources
from ..errors import DataError


@dataclass
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The archive containing ``start`` (default: the working directory)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "data" / "sources").is_dir() and (folder / "raw").is_dir():
                return cls(folder)
        raise DataError(here, "not inside an archive (no data/sources/ and raw/ here or above); use --root")

    @property
    def raw_dir(self) -> Path:
        return self.root / "raw"

    @property
    def manifest_path(self) -> Path:
        return self.raw_dir / "manifest.yml"

    @property
    def sources_dir(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def themes_path(self) -> Path:
        return self.root / "data" / "themes.yml"

    @property
    def essays_dir(self) -> Path:
        return self.root / "essays"

    @property
    def state_path(self) -> Path:
        """What ingest last wrote, so that a curator's later edit is never overwritten."""
        return self.essays_dir / ".ingest-state.json"

    @cached_property
    def sources(self) -> dict[str, Source]:
        return load_sources(self.sources_dir)

    def rel(self, path: Path) -> str:
        """A path as written in the manifest and front matter: relative, with '/'.
        A symlink is named as itself, not as what it points to."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return Path(path).as_posix()

    @cached_property
    def _lock(self):
        from filelock import FileLock
        # one lock object per Project: re-entrant, so `add` can call `ingest` while holding it
        return FileLock(self.root / ".arsip.lock")

    @contextmanager
    def lock(self):
        """The archive's write lock: one ``add``, ``ingest`` or ``source add`` at a time.
        The operating system releases it when its process ends, killed or not."""
        from filelock import Timeout
        timeout = float(os.environ.get("ARSIP_LOCK_TIMEOUT", "300"))
        try:
            with self._lock.acquire(timeout=timeout):
                yield
        except Timeout:
            raise DataError(self.root / ".arsip.lock", "another arsip command is still changing this archive "
                                                       f"after {timeout:.0f} s; try again when it ends") from None
