"""``arsip add`` and ``arsip source add``: a new essay or outlet in one step.

``add`` copies a raw article into ``raw/<source>/``, records it in the manifest and
ingests it. It refuses an article already in the archive (same raw bytes, or a text
80% the same as an essay's), and an outlet it does not know, saying how to register
it. One writer at a time: ``add``, ``source add`` and ``ingest`` hold the archive's
lock (``.arsip.lock``), so two adds at once both land. If a step fails, ``add`` puts
back only what it changed itself. If it was killed, running it again finishes the
job: a raw file already copied but not recorded (an orphan, which ``arsip check``
reports) is taken as it is, an entry recorded but not ingested is ingested.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..boundary import check_name, text_problem, url_problem
from ..clean import SOURCE_KINDS, Cleaned, clean_bytes, decode, load_source, recognise
from ..errors import DataError, InputError
from .essay import load
from .files import sha256_bytes, write_atomic
from .ingestion import Planned, ingest
from .manifest import append_entry, load_manifest, parse_entry, read_manifest, set_overrides
from .project import Project
from .similarity import NEAR_DUPLICATE, near_duplicates
from .slugs import make_slug
from .themes import load_themes

#: Shortest outlet name that may serve as its signature (see rules.MIN_SIGNATURE_LITERAL).
MIN_NAME_SIGNATURE = 4


@dataclass
class Added:
    planned: Planned
    cleaned: Cleaned
    raw: str
    note: str = ""              # how an interrupted add was finished, if it was
    given: str = "FILE"         # the file as the curator named it

    def report(self) -> list[str]:
        essay = self.planned.essay
        out = [f"added {self.raw}" + (f" ({self.note})" if self.note else ""),
               f"essay: essays/{essay.slug}.md ({self.planned.status})",
               f"lines removed as boilerplate: {len(self.cleaned.removed())}"]
        missing = [name for name, value in (("title", self.cleaned.title), ("authors", self.cleaned.authors),
                                            ("date", self.cleaned.date), ("section", self.cleaned.section))
                   if not value]
        if missing:
            out.append("not found in the text (set them in raw/manifest.yml overrides if known): "
                       + ", ".join(missing))
        fixes = {"title": "--title 'Judul'", "authors": "--author 'Nama; Afiliasi' (repeat for several)",
                 "date": "--date YYYY-MM-DD or --no-date"}
        for field in essay.meta.get("review", []):
            value = essay.meta[field]
            shown = ", ".join(a["name"] for a in value) if field == "authors" else value
            why = (f"confidence {self.cleaned.confidence[field]:.2f}" if field in self.cleaned.unsure
                   else "the day the page was saved: it may be the site's date of the visit")
            out.append(f"UNSURE {field} ({why}): {shown or '-'!r}; "
                       f"if wrong: arsip add {self.given} {fixes[field]}; if right: arsip confirm {self.raw} {field}")
        out.append(f"themes: {', '.join(essay.meta['themes'])}")
        out.append(f"review the cleaning: arsip clean {self.raw} --explain")
        out.append("then: arsip check && make build")
        return out


def _signatures(name: str, homepage: str | None) -> list[str]:
    """Signatures for a new outlet: its domain, and its name as a line of its own."""
    out = []
    if homepage:
        host = re.sub(r"^www\.", "", re.split(r"[/:?#]", homepage.split("://", 1)[1])[0])
        out.append(re.escape(host))
    if len(name) >= MIN_NAME_SIGNATURE:
        out.append(f"^{re.escape(name)}$")
    return out


def add_source(project: Project, sid: str, name: str, kind: str, description: str,
               homepage: str | None = None, signatures: list[str] | None = None) -> Path:
    """Write ``data/sources/<sid>.yml`` after validating it like any outlet file."""
    check_name(sid, "source id", sid)
    path = project.sources_dir / f"{sid}.yml"
    if path.exists() or path.is_symlink():
        raise DataError(project.rel(path), "this outlet is already registered")
    for what, value in (("--name", name), ("--description", description)):
        problem = "is empty" if not value.strip() else text_problem(value)
        if problem:
            raise DataError(sid, f"{what} {problem}")
    if kind not in SOURCE_KINDS:
        raise DataError(sid, f"kind must be one of: {', '.join(sorted(SOURCE_KINDS))}")
    if homepage is not None and url_problem(homepage):
        raise DataError(sid, f"--homepage {url_problem(homepage)}")
    signatures = signatures or _signatures(name.strip(), homepage)
    if not signatures:
        raise DataError(sid, f"the name {name!r} is too short to recognise the outlet's pages by; "
                             "give --homepage or --signature REGEX")
    data = {"id": sid, "name": name.strip(), "homepage": homepage, "kind": kind, "description": description.strip(),
            "profile": {"signatures": signatures}}
    text = ("# Registered with `arsip source add`. Add cleaning rules under `profile` if the\n"
            "# generic rules miss something of this outlet (see the other files here).\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    with project.lock():
        if path.exists() or path.is_symlink():
            raise DataError(project.rel(path), "this outlet is already registered")
        write_atomic(path, text)
        try:
            load_source(path)
        except BaseException:
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


def _same_bytes(project: Project, digest: str) -> str | None:
    """The raw file (relative path) holding exactly these bytes, if any."""
    for raw in sorted(project.raw_dir.rglob("*.txt")):
        if raw.is_file() and not raw.is_symlink() and sha256_bytes(raw.read_bytes()) == digest:
            return project.rel(raw)
    return None


def _near_duplicate(project: Project, body: str) -> str | None:
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


def _as_entry(entry) -> dict:
    return {"raw": entry.raw, "source": entry.source, "url": entry.url, "retrieved": entry.retrieved,
            "themes": entry.themes}


def _has_essay(project: Project, raw: str) -> bool:
    from .ingestion import existing_slugs
    return raw in existing_slugs(project)


def add(project: Project, data: bytes, name: str, source_id: str | None = None, url: str | None = None,
        retrieved: str | None = None, title: str | None = None, themes: list[str] | None = None,
        overrides: dict[str, Any] | None = None) -> Added:
    """Add one raw article (``overrides``: the curator's corrections, as in the manifest)."""
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
    if url is not None and url_problem(url):
        raise DataError(url, f"--url {url_problem(url)}")
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
    overrides = dict(overrides or {})
    if title:
        overrides["title"] = title

    cleaned = clean_bytes(data, name, source=sources[source_id])
    with project.lock():
        return _add_locked(project, data, name, source_id, cleaned, url, retrieved, themes or [], overrides,
                           set(sources), set(known_themes))


def _add_locked(project: Project, data: bytes, name: str, source_id: str, cleaned: Cleaned, url, retrieved,
                themes: list[str], overrides: dict, sources: set[str], known_themes: set[str]) -> Added:
    entries = {e.raw: e for e in load_manifest(project.manifest_path, sources, known_themes)}
    existing = _same_bytes(project, sha256_bytes(data))
    if existing and existing in entries:
        if _has_essay(project, existing):
            if not overrides:
                raise InputError(name, f"already in the archive: {existing} (same bytes)")
            # the same article with the curator's corrections (--title, --author, --date):
            # record them on its entry and ingest it again
            try:
                parse_entry({**_as_entry(entries[existing]), "overrides": {**entries[existing].overrides, **overrides}},
                            project.raw_dir, project.manifest_path, sources, known_themes)
            except ValueError as e:
                raise DataError(name, str(e)) from None
            set_overrides(project.manifest_path, existing, overrides)
            report = ingest(project, [project.root / existing])
            return Added(report.planned[0], cleaned, existing, "already in the archive: overrides updated", name)
        report = ingest(project, [project.root / existing])    # an add killed before its ingest
        return Added(report.planned[0], cleaned, existing, "finished an interrupted add: ingested", name)
    if not existing:
        duplicate = _near_duplicate(project, cleaned.body)
        if duplicate:
            raise InputError(name, f"already in the archive: {duplicate}")
    # (after the duplicate checks: an article already in the archive is said to be so)
    if not (overrides.get("title") or cleaned.title):
        raise InputError(name, "no headline found in the text; give it with --title")

    if existing:                             # a raw file an interrupted add copied: take it as it is
        raw_path, created, note = project.root / existing, False, "finished an interrupted add: recorded"
    else:
        folder = project.raw_dir / source_id
        raw_path = folder / _raw_name(overrides.get("title") or cleaned.title,
                                      Path(name).stem if name != "<stdin>" else None, folder)
        created, note = True, ""
    raw_rel = project.rel(raw_path)
    entry = {"raw": raw_rel, "source": source_id, "url": url, "retrieved": retrieved, "themes": themes}
    if overrides:
        entry["overrides"] = overrides
    try:
        parse_entry(entry, project.raw_dir, project.manifest_path, sources, known_themes)
    except ValueError as e:
        raise DataError(name, str(e)) from None
    read_manifest(project.manifest_path)     # refuse a broken manifest before copying anything
    if created:
        raw_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(raw_path, data)
    before = False
    try:
        before = append_entry(project.manifest_path, entry)
        report = ingest(project, [raw_path])
    except BaseException:
        if before is not False:              # the manifest was changed: put back what this command changed
            if before is None:
                project.manifest_path.unlink(missing_ok=True)
            else:
                write_atomic(project.manifest_path, before)
        if created:
            raw_path.unlink(missing_ok=True)
        raise
    return Added(report.planned[0], cleaned, raw_rel, note, name)
