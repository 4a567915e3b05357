"""``arsip add`` and ``arsip source add``: a new essay or outlet in one step.

``add`` copies a raw article into ``raw/<source>/``, records it in the manifest and
ingests it. It refuses an article already in the archive (same raw bytes, or a text
80% the same as an essay's), and an outlet it does not know, saying how to register
it. If any step fails, the raw copy and the manifest are put back as they were.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..clean import Cleaned, SOURCE_ID, SOURCE_KINDS, clean_bytes, decode, load_source, recognise
from ..errors import DataError, InputError
from .checks import NEAR_DUPLICATE, near_duplicates
from .essay import load
from .files import sha256_bytes, sha256_file, write_atomic
from .ingestion import Planned, ingest
from .project import Project
from .slugs import make_slug
from .themes import load_themes


@dataclass
class Added:
    planned: Planned
    cleaned: Cleaned
    raw: str

    def report(self) -> list[str]:
        essay = self.planned.essay
        out = [f"added {self.raw}", f"essay: essays/{essay.slug}.md ({self.planned.status})",
               f"lines removed as boilerplate: {len(self.cleaned.removed())}"]
        missing = [name for name, value in (("title", self.cleaned.title), ("authors", self.cleaned.authors),
                                            ("date", self.cleaned.date), ("section", self.cleaned.section))
                   if not value]
        if missing:
            out.append("not found in the text (set them in raw/manifest.yml overrides if known): "
                       + ", ".join(missing))
        out.append(f"themes: {', '.join(essay.meta['themes'])}")
        out.append(f"review the cleaning: arsip clean {self.raw} --explain")
        out.append("then: arsip check && make build")
        return out


def add_source(project: Project, sid: str, name: str, kind: str, description: str,
               homepage: str | None = None, signatures: list[str] | None = None) -> Path:
    """Write ``data/sources/<sid>.yml`` after validating it like any outlet file."""
    if not SOURCE_ID.match(sid):
        raise DataError(sid, "source id must be lower-case letters, digits and '-' (at most 40)")
    path = project.sources_dir / f"{sid}.yml"
    if path.exists():
        raise DataError(project.rel(path), "this outlet is already registered")
    if kind not in SOURCE_KINDS:
        raise DataError(sid, f"kind must be one of: {', '.join(sorted(SOURCE_KINDS))}")
    data = {"id": sid, "name": name, "homepage": homepage, "kind": kind, "description": description,
            "profile": {"signatures": signatures or [re.escape(name)]}}
    text = ("# Registered with `arsip source add`. Add cleaning rules under `profile` if the\n"
            "# generic rules miss something of this outlet (see the other files here).\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    write_atomic(path, text)
    try:
        load_source(path)
    except DataError:
        path.unlink()
        raise
    return path


def _raw_name(title: str | None, given: str | None, folder: Path) -> str:
    stem = make_slug(title or given or "esai", set())[:60]
    taken = {p.stem for p in folder.glob("*.txt")}
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}-{n}", n + 1
    return f"{name}.txt"


def _duplicate_of(project: Project, data: bytes, body: str) -> str | None:
    digest = sha256_bytes(data)
    for raw in project.raw_dir.rglob("*.txt"):
        if sha256_file(raw) == digest:
            return f"{project.rel(raw)} (same bytes)"
    bodies = {"<new>": body}
    for path in project.essays_dir.glob("*.md"):
        try:
            bodies[f"essays/{path.name}"] = load(path).body
        except DataError:
            continue
    for a, b, jaccard in near_duplicates(bodies, NEAR_DUPLICATE):
        if "<new>" in (a, b):
            return f"{b if a == '<new>' else a} ({jaccard:.0%} the same text)"
    return None


def add(project: Project, data: bytes, name: str, source_id: str | None = None, url: str | None = None,
        retrieved: str | None = None, title: str | None = None, themes: list[str] | None = None) -> Added:
    decode(data, name)                       # a clear error for empty or binary input, before anything else
    sources = project.sources
    if source_id is None:
        found = recognise(decode(data, name), sources)
        if found is None:
            raise InputError(name, "cannot tell which outlet this is; register it first: "
                                   "arsip source add ID --name 'Nama Media' --kind 'portal berita' "
                                   "--description 'Satu kalimat.' [--homepage URL], "
                                   f"then: arsip add {name} --source ID")
        source_id = found.id
    if source_id not in sources:
        raise DataError(source_id, "unknown outlet; register it with: arsip source add "
                                   f"{source_id} --name 'Nama Media' --kind 'portal berita' --description 'Satu kalimat.'")
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise DataError(url, "--url must be an http(s) URL")
    if retrieved is not None:
        try:
            dt.date.fromisoformat(retrieved)
        except ValueError:
            raise DataError(retrieved, "--retrieved must be a date YYYY-MM-DD") from None
    known_themes = load_themes(project.themes_path)
    unknown = [t for t in themes or [] if t not in known_themes]
    if unknown:
        raise DataError(", ".join(unknown), f"unknown theme(s); known: {', '.join(known_themes)}")
    if themes and len(themes) > 3:
        raise DataError(name, "at most 3 themes")

    cleaned = clean_bytes(data, name, source=sources[source_id])
    if not (title or cleaned.title):
        raise InputError(name, "no headline found in the text; give it with --title")
    duplicate = _duplicate_of(project, data, cleaned.body)
    if duplicate:
        raise InputError(name, f"already in the archive: {duplicate}")

    folder = project.raw_dir / source_id
    folder.mkdir(parents=True, exist_ok=True)
    raw_path = folder / _raw_name(title or cleaned.title, Path(name).stem if name != "<stdin>" else None, folder)
    raw_rel = project.rel(raw_path)
    entry = {"raw": raw_rel, "source": source_id, "url": url, "retrieved": retrieved, "themes": themes or []}
    if title:
        entry["overrides"] = {"title": title}
    manifest = project.manifest_path
    before = manifest.read_text(encoding="utf-8") if manifest.exists() else "articles:\n"
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False)
    after = before.rstrip("\n") + "\n" + "".join("  " + ln if ln else ln for ln in block.splitlines(True))
    write_atomic(raw_path, data)
    try:
        write_atomic(manifest, after)
        report = ingest(project, [raw_path])
    except BaseException:
        raw_path.unlink(missing_ok=True)
        write_atomic(manifest, before)
        raise
    return Added(report.planned[0], cleaned, raw_rel)
