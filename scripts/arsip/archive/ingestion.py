"""Ingest: manifest entries -> ``essays/<slug>.md``.

Ingest cleans every raw article first and writes only when all of them cleaned, so a
bad raw file stops the run before anything changes. Each essay is written
atomically. ``essays/.ingest-state.json`` records what ingest last wrote for each
raw file (its slug and the essay's SHA-256): an essay whose bytes differ from that
record was edited by a curator and is not overwritten without ``--force``. The slug
recorded there is reused, so an essay's URL does not move when the cleaner improves.
"""
from __future__ import annotations

import math
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..boundary import name_problem, read_bytes
from ..clean import Author, Block, Source, clean_bytes, parse_people, read_raw
from ..errors import DataError
from .essay import MAX_ESSAY_BYTES, Essay, dump, read_essay, split_front_matter, validate
from .files import sha256_bytes, write_atomic
from .manifest import Entry, load_manifest
from .project import Project
from .slugs import make_slug
from .state import load_state, save_state
from .themes import load_themes, suggest

SUMMARY_CHARS = 200
WORDS_PER_MINUTE = 200
WORD = re.compile(r"\w+", re.UNICODE)
#: Raw articles handed to a worker process at a time.
PER_TASK = 16


@dataclass
class Planned:
    entry: Entry
    slug: str
    text: str
    path: Path
    status: str = ""            # new | updated | unchanged | edited

    @property
    def essay(self) -> Essay:
        meta, body, _ = split_front_matter(self.text, self.path)
        return Essay(self.slug, meta, body)


@dataclass
class Report:
    planned: list[Planned] = field(default_factory=list)
    check: bool = False

    @property
    def changed(self) -> list[Planned]:
        return [p for p in self.planned if p.status in ("new", "updated", "edited")]

    @property
    def refused(self) -> list[Planned]:
        return [p for p in self.planned if p.status == "edited"]

    def lines(self) -> list[str]:
        out = []
        verb = {"new": "would create" if self.check else "created",
                "updated": "would update" if self.check else "updated",
                "unchanged": "unchanged",
                "edited": "would change (edited by a curator)" if self.check else
                          "REFUSED: edited by a curator since the last ingest; review, then use --force"}
        for p in self.planned:
            out.append(f"{p.path.relative_to(p.path.parents[1]).as_posix()}: {verb[p.status]} ({p.entry.raw})")
        counts = {s: sum(1 for p in self.planned if p.status == s) for s in verb}
        out.append("; ".join(f"{n} {s}" for s, n in counts.items() if n) or "nothing to ingest")
        return out


def summary(blocks: list[Block], limit: int = SUMMARY_CHARS) -> str:
    """The first paragraph, cut at a word boundary to at most ``limit`` characters."""
    text = next((b.text for b in blocks if b.kind == "para"), blocks[0].text if blocks else "")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:–—- ")
    return cut + "…"


def reading_time(body: str) -> int:
    return max(1, math.ceil(len(WORD.findall(body)) / WORDS_PER_MINUTE))


def _authors(found: list[Author], override) -> list[dict]:
    if override is None:
        return [a.as_dict() for a in found]
    out = []
    for a in override:
        if isinstance(a, str):
            people = parse_people(a) or [Author(a.strip())]
            out.extend(p.as_dict() for p in people)
        elif isinstance(a, dict) and isinstance(a.get("name"), str):
            out.append({"name": a["name"], "affiliation": a.get("affiliation")})
    return out


def existing_slugs(project: Project) -> dict[str, str]:
    """raw path -> slug of the essays already in essays/ (whatever wrote them)."""
    out = {}
    for path in sorted(project.essays_dir.glob("*.md")):
        try:
            meta, _, _ = split_front_matter(read_essay(path), path)
            raw = meta["raw"]["path"]
        except (DataError, KeyError, TypeError):
            continue  # not ours to interpret; `arsip check` reports broken essays
        if isinstance(raw, str) and not name_problem(path.stem, "slug"):
            out.setdefault(raw, path.stem)
    return out


@dataclass
class Prepared:
    """One raw article, cleaned and turned into front matter and text: everything
    but the slug, which depends on the essays before it. Picklable: it crosses
    from the worker processes."""
    raw: str
    title: str
    text: str                     # the essay file's content


def prepare(root: Path, entry: Entry, source: Source, themes) -> Prepared:
    """Read and clean one raw article, apply the curator's overrides, validate."""
    data = read_raw(root / entry.raw)
    cleaned = clean_bytes(data, entry.raw, source=source)
    o = entry.overrides
    title = o.get("title") or cleaned.title
    if not title:
        raise DataError(entry.raw, "no headline found in the text; set overrides.title for it in raw/manifest.yml")
    meta = {
        "title": title,
        "authors": _authors(cleaned.authors, o.get("authors")),
        "date": o.get("date", cleaned.date),
        "source": {"id": source.id, "name": source.name,
                   "section": o.get("section", cleaned.section), "url": entry.url},
        "retrieved": entry.retrieved or cleaned.retrieved,
        "themes": entry.themes or suggest(cleaned.body, themes),
        "tags": o.get("tags", cleaned.tags),
        "language": "id",
        "summary": summary(cleaned.blocks),
        "reading_time": reading_time(cleaned.body),
        "raw": {"path": entry.raw, "sha256": sha256_bytes(data)},
    }
    # fields the cleaner is unsure of, that no curator has set or confirmed: `arsip check`
    # shows them until someone does (they are never published silently)
    unsure = list(cleaned.unsure)
    if meta["date"] and meta["retrieved"] and str(meta["date"])[:10] == str(meta["retrieved"])[:10] \
            and "date" not in unsure:
        unsure.append("date")         # a date of the day the page was saved may be the site's date of the visit
    review = [f for f in unsure if f not in o and f not in o.get("confirmed", ())]
    if review:
        meta["review"] = review
    validate(meta, entry.raw, set(themes), {source.id})
    return Prepared(entry.raw, title, dump(Essay("", meta, cleaned.body)))


def prepare_all(project: Project, entries: list[Entry], themes, jobs: int = 0) -> list[Prepared]:
    """:func:`prepare` every entry, in order, over ``jobs`` processes (0: one per core).

    The first bad raw file stops the run with its error, as in one process."""
    jobs = jobs or os.cpu_count() or 1
    tasks = [(project.root, e, project.sources[e.source], themes) for e in entries]
    # a process pool costs ~0.1 s to start: not worth it for a handful of articles
    if jobs == 1 or len(entries) < 4 * PER_TASK:
        return [prepare(*t) for t in tasks]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_prepare_task, tasks, chunksize=PER_TASK))


def _prepare_task(task) -> Prepared:
    return prepare(*task)


def ingest(project: Project, paths: list[Path], force: bool = False, check: bool = False,
           jobs: int = 0) -> Report:
    """Clean the manifest's raw articles (``jobs`` processes, 0: one per core) and
    write the essays that changed; with ``check``, write nothing. Holds the archive's
    lock while it reads and writes, so it never interleaves with ``add``."""
    if check:
        return _ingest(project, paths, force, check, jobs)
    with project.lock():
        return _ingest(project, paths, force, check, jobs)


def _ingest(project: Project, paths: list[Path], force: bool, check: bool, jobs: int) -> Report:
    themes = load_themes(project.themes_path)
    entries = load_manifest(project.manifest_path, set(project.sources), set(themes))
    if paths:
        by_raw = {e.raw: e for e in entries}
        wanted = []
        for p in paths:
            rel = project.rel(p)
            if rel not in by_raw:
                raise DataError(p, "is not listed in raw/manifest.yml")
            wanted.append(by_raw[rel])
        entries = wanted
    state = load_state(project.state_path)
    for raw, slug in existing_slugs(project).items():
        state.setdefault(raw, {"slug": slug})
    taken = {v["slug"] for k, v in state.items() if isinstance(v, dict) and "slug" in v}
    taken |= {p.stem for p in project.essays_dir.glob("*.md")}
    report = Report(check=check)
    for entry, prepared in zip(entries, prepare_all(project, entries, themes, jobs)):
        own = (state.get(entry.raw) or {}).get("slug")
        slug = entry.overrides.get("slug") or own or make_slug(prepared.title, taken - {own})
        taken.add(slug)
        report.planned.append(Planned(entry, slug, prepared.text, project.essays_dir / f"{slug}.md"))

    for p in report.planned:
        old = read_bytes(p.path, MAX_ESSAY_BYTES, "essay") if p.path.exists() or p.path.is_symlink() else None
        new = p.text.encode("utf-8")
        if old is None:
            p.status = "new"
        elif old == new:
            p.status = "unchanged"
        else:
            rec = state.get(p.entry.raw) or {}
            owned = rec.get("slug") == p.slug and rec.get("sha256") == sha256_bytes(old)
            p.status = "updated" if owned or force else "edited"
    if check:
        return report
    for p in report.planned:
        if p.status in ("new", "updated"):
            write_atomic(p.path, p.text)
        if p.status != "edited":
            state[p.entry.raw] = {"slug": p.slug, "sha256": sha256_bytes(p.text.encode("utf-8"))}
    save_state(project.state_path, state)
    return report
