"""What a rebuild of `mkdocs serve --dirty` has to redo, and nothing more.

MkDocs keeps a plugin that defines ``on_startup`` for the whole of one `mkdocs serve`;
the site plugin keeps one :class:`Incremental` there. Between two builds it holds

* the parsed essays (:class:`EssayStore`), keyed by each file's size, change time and
  inode: an unchanged file is not read, parsed or validated again;
* a signature of every page and file the last build wrote: what its rendered form
  depends on (an essay page: its text and metadata, its related essays, its newer and
  older neighbours; a listing: the entries it lists and their order; a citation or a
  feed: its bytes). A page is rendered again when its signature changed, and only then;
* the site-wide inputs (``mkdocs.yml``, ``overrides/``, the themes and outlets): when
  one of them changes, every page is rendered again, as in a full build;
* the files the last build wrote, so that what a build no longer makes (a deleted or
  renamed essay, a listing page that is no longer needed) is removed from the site.

Nothing here trusts what MkDocs remembers of a page it skipped. The library is pure:
the plugin decides when a build counts as incremental (``mkdocs serve --dirty``).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import Essay, Theme, load
from ..clean import Source


def digest(*parts) -> str:
    """A short, stable fingerprint of plain data (strings, numbers, tuples, lists, dicts).

    Made from ``repr``, which is the same for equal plain values; not from pickle,
    whose bytes depend on which equal strings happen to be one object."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, str):
            part = part.encode("utf-8", "surrogatepass")
        elif not isinstance(part, bytes):
            part = repr(part).encode("utf-8", "surrogatepass")
            if b" object at 0x" in part:
                raise TypeError(f"digest of an object without a stable repr: {part[:120]!r}")
        h.update(part)
        h.update(b"\x00")
    return h.hexdigest()


def tree_stamp(*roots: Path) -> str:
    """A fingerprint of every file under ``roots`` (path, size, modification time):
    changes when a file is added, removed or saved."""
    rows = []
    for root in roots:
        root = Path(root)
        if root.is_file():
            st = root.stat()
            rows.append((str(root), st.st_size, st.st_mtime_ns))
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                rows.append((path, st.st_size, st.st_mtime_ns))
    return digest(rows)


class EssayStore:
    """Parsed essays kept between builds; a file is read again only when it changed."""

    def __init__(self):
        self._known: dict[str, tuple[tuple, Essay, Path]] = {}     # by file name
        self._vocabulary: tuple | None = None
        self._dir: Path | None = None
        self.parsed = 0                   # how many files the last load read and parsed

    def load(self, essays_dir: Path, themes: dict[str, Theme], sources: dict[str, Source]) -> list[tuple[Essay, Path]]:
        """Every ``essays/*.md``, validated against the schema and the given themes and
        outlets. Essays are parsed again when the themes or outlets changed (what is
        valid, and what derived data holds, depends on them)."""
        vocabulary = (tuple(sorted((t.id, t.name) for t in themes.values())),
                      tuple(sorted((s.id, s.name) for s in sources.values())))
        essays_dir = Path(essays_dir)
        if vocabulary != self._vocabulary or essays_dir != self._dir:
            self._known.clear()
            self._vocabulary, self._dir = vocabulary, essays_dir
        known: dict[str, tuple[tuple, Essay, Path]] = {}
        out = []
        self.parsed = 0
        try:
            with os.scandir(essays_dir) as listing:
                found_files = sorted((e.name, e) for e in listing
                                     if e.name.endswith(".md") and not e.name.startswith("."))
        except OSError:
            found_files = []
        for name, dir_entry in found_files:
            try:
                st = dir_entry.stat()             # follows a symlink, as load() would
                stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            except OSError:
                stamp = None
            found = self._known.get(name)
            if found is not None and stamp is not None and found[0] == stamp:
                essay, path = found[1], found[2]
            else:
                path = essays_dir / name
                essay = load(path, set(themes), set(sources))      # raises DataError naming the file
                self.parsed += 1
            if stamp is not None:
                known[name] = (stamp, essay, path)
            out.append((essay, path))
        self._known = known
        return out


@dataclass
class Incremental:
    """The memory of one `mkdocs serve` (see the module docstring)."""
    essays: EssayStore = field(default_factory=EssayStore)
    #: site-wide inputs of the last build; None: no build yet (everything is new)
    site_inputs: str | None = None
    #: site path -> signature, of the last successful build
    signatures: dict[str, str] = field(default_factory=dict)
    #: site paths the last successful build wrote
    outputs: set[str] = field(default_factory=set)

    def plan(self, site_inputs: str, signatures: dict[str, str]) -> "Plan":
        """What this build must write: every path whose signature is new or changed
        (every path when the site-wide inputs changed)."""
        everything = site_inputs != self.site_inputs
        changed = {p for p, sig in signatures.items() if everything or self.signatures.get(p) != sig}
        return Plan(site_inputs, signatures, changed, everything)

    def done(self, plan: "Plan", outputs: set[str]) -> set[str]:
        """The build succeeded: remember it; the paths the previous build wrote and
        this one did not, which the caller removes from the site."""
        gone = self.outputs - outputs
        self.site_inputs, self.signatures, self.outputs = plan.site_inputs, plan.signatures, outputs
        return gone

    def forget(self) -> None:
        """A build failed half way: the next one starts from nothing."""
        self.site_inputs = None
        self.signatures = {}


@dataclass
class Plan:
    site_inputs: str
    signatures: dict[str, str]
    changed: set[str]
    everything: bool


def remove_outputs(site_dir: Path, paths: set[str]) -> int:
    """Delete these files (site paths) and the folders they leave empty; how many."""
    site_dir = Path(site_dir)
    removed = 0
    for rel in sorted(paths):
        path = site_dir / rel
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        parent = path.parent
        while parent != site_dir:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
    return removed


def file_stamp(path) -> tuple:
    """A file's path, size and modification time (its path alone when it cannot be read)."""
    try:
        st = Path(path).stat()
        return (str(path), st.st_size, st.st_mtime_ns)
    except (OSError, TypeError):
        return (str(path),)


def site_inputs(config, plugin_config, data_dir: Path) -> str:
    """What every page depends on: the configuration (MkDocs' and the plugin's), the
    theme and its overrides, the themes and outlets, the MkDocs and Material versions,
    and the pages the nav names without a title (their heading is in every nav)."""
    from importlib.metadata import version

    from .templating import untitled_nav_pages
    parts = [tree_stamp(Path(config.config_file_path)) if config.config_file_path else "",
             tree_stamp(data_dir), repr(sorted(plugin_config.items())), config.site_url or "",
             version("mkdocs"), version("mkdocs-material")]
    if config.theme.custom_dir:
        parts.append(tree_stamp(Path(config.theme.custom_dir)))
    parts += [file_stamp(Path(config.docs_dir) / path) for path in untitled_nav_pages(config.nav)]
    return digest(parts)
