"""A full build rewrites the site in place and then removes what it did not write.

``mkdocs build`` first deletes everything the last build wrote in ``site/`` and then
creates every file again. On ext4 without a journal (this project's build machine)
creating thousands of files just after deleting thousands is slow: for each new
file the inode allocator walks past every inode freed in the last minutes
(``recently_deleted()`` in ``fs/ext4/ialloc.c``). With 1,000 essays the site has
6,500 files, and a rebuild spent 3 to 4 s of system time in that walk (``perf``:
``recently_deleted``, ``find_get_block_common``, ``find_inode_bit``). Writing over
the old files instead reuses their inodes: on any file system it is two system calls
fewer per file.

So a full build (not ``mkdocs serve``, not ``--dirty``) moves the old site aside just
before MkDocs would empty it (:meth:`SiteReuse.set_aside`, in ``on_pre_build``) and
puts it back just after (:meth:`SiteReuse.put_back`, in ``on_files``); the build
writes over it; at its end (:meth:`SiteReuse.remove_stale`) every file it did not
write, which is every file whose inode changed (``st_ctime``) before the build began
(for hard links, see :meth:`SiteReuse.remove_stale`), is removed with the
directories left empty: the same site as a clean build. The
moment the build began is read from a file created on the same file system, so
timestamps are compared with timestamps of the same clock and resolution. Hidden
entries at the top (``.git``, ``.nojekyll``) are kept, as MkDocs keeps them. If the
clock went back during the build nothing is removed (a warning says so). Where the
site directory cannot be moved (a symlink, a mount point, read-only), MkDocs empties
it as before.
"""
from __future__ import annotations

import logging
import os
import secrets
import shutil
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.arsip")

#: What an old site set aside is called, beside the site directory.
PREFIX = ".arsip-old-"


class SiteReuse:
    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        self.aside: Path | None = None
        self.began: int | None = None            # st_ctime_ns of a file made as the build began

    def _stamp(self) -> int:
        """The file system's time now, read from a file made and removed beside the site."""
        path = self.site_dir.with_name(f"{PREFIX}{self.site_dir.name}-stamp-{secrets.token_hex(4)}")
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            return os.fstat(fd).st_ctime_ns
        finally:
            os.close(fd)
            os.unlink(path)

    def set_aside(self) -> bool:
        """Move the old site aside so that MkDocs finds nothing to empty; whether it was."""
        self._forget_leftovers()
        site = self.site_dir
        try:
            if site.is_symlink() or not site.is_dir() or os.path.ismount(site):
                return False
            aside = site.with_name(f"{PREFIX}{site.name}-{secrets.token_hex(4)}")
            os.rename(site, aside)
        except OSError:
            return False
        self.aside = aside
        return True

    def put_back(self) -> None:
        """Put the old site back to be written over; note when the build began."""
        if self.aside is None:
            return
        aside, self.aside = self.aside, None
        try:
            os.rename(aside, self.site_dir)          # fails if something made the folder meanwhile
            self.began = self._stamp()
        except OSError:
            self.began = None
            shutil.rmtree(aside, ignore_errors=True)

    def remove_stale(self, linked: set[str] = frozenset()) -> int | None:
        """Remove what this build did not write; how many files, or None when nothing
        was checked (no old site, or the clock went back).

        ``linked``: the site paths (``esai/x/kartu.png``) this build made as hard links.
        A hard-linked file shares its change time with its other names (linking the
        cached card of a renamed essay to its new place makes the old place look new
        too), so a file with more than one name is kept only when it is one of these."""
        began, self.began = self.began, None
        if began is None:
            return None
        try:
            went_back = self._stamp() < began
        except OSError as e:
            log.warning("arsip: files this build did not write were left in %s (%s)", self.site_dir, e)
            return None
        if went_back:
            log.warning("arsip: the clock went back during the build: files it did not write were left in %s; "
                        "build again to remove them", self.site_dir)
            return None
        removed = 0
        site = str(self.site_dir)

        def stale(path: str) -> bool:
            st = os.lstat(path)
            if st.st_nlink > 1 and not os.path.islink(path):
                return os.path.relpath(path, site).replace(os.sep, "/") not in linked
            return st.st_ctime_ns < began

        for top in os.scandir(self.site_dir):
            if top.name.startswith("."):
                continue                               # kept, as MkDocs keeps them
            if top.is_dir(follow_symlinks=False):
                removed += _remove_stale(Path(top.path), stale)
            elif stale(top.path):
                os.unlink(top.path)
                removed += 1
        return removed

    def abandon(self) -> None:
        """A failed build: what was set aside goes, as MkDocs would have emptied it."""
        if self.aside is not None:
            shutil.rmtree(self.aside, ignore_errors=True)
            self.aside = None
        self.began = None

    def _forget_leftovers(self) -> None:
        """Old sites a build killed between set_aside and put_back left behind."""
        try:
            found = [p for p in self.site_dir.parent.iterdir()
                     if p.name.startswith(f"{PREFIX}{self.site_dir.name}-") and p.is_dir() and not p.is_symlink()]
        except OSError:
            return
        for p in found:
            shutil.rmtree(p, ignore_errors=True)


def _remove_stale(folder: Path, stale) -> int:
    """Remove the stale files under ``folder`` (never following links), then the
    folders left empty; how many files."""
    removed = 0
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            path = os.path.join(root, name)
            if stale(path):
                os.unlink(path)
                removed += 1
        for name in dirs:
            path = os.path.join(root, name)
            if os.path.islink(path):
                if stale(path):
                    os.unlink(path)
                    removed += 1
            elif not os.listdir(path):
                os.rmdir(path)
    if not os.listdir(folder):
        os.rmdir(folder)
    return removed
