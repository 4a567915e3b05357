"""``arsip confirm``: a curator vouches for a field the cleaner was unsure of.

Ingest writes ``review: [title, ...]`` into an essay's front matter for each field
whose confidence is below the model's flag and that no curator has set or confirmed;
``arsip check`` reports them, so a wrong title, author or date never reaches the site
unseen. Confirming records ``overrides.confirmed`` in the manifest (as data, so
``make ingest`` stays reproducible) and ingests the essay again.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from .essay import load
from .ingestion import Report, ingest
from .manifest import CONFIRMABLE, load_manifest, set_overrides
from .project import Project
from .themes import load_themes


def confirm(project: Project, path: Path, fields: list[str]) -> Report:
    """Confirm ``fields`` of the essay of ``path`` (its raw file or its essay file)."""
    bad = [f for f in fields if f not in CONFIRMABLE]
    if bad or not fields:
        raise DataError(", ".join(bad) or "(none)", f"give one or more of: {', '.join(CONFIRMABLE)}")
    rel = project.rel(path)
    if rel.startswith("essays/"):
        rel = load(Path(path)).meta["raw"]["path"]
    with project.lock():
        entries = {e.raw: e for e in load_manifest(project.manifest_path, set(project.sources),
                                                    set(load_themes(project.themes_path)))}
        entry = entries.get(rel)
        if entry is None:
            raise DataError(path, "is not listed in raw/manifest.yml")
        done = list(entry.overrides.get("confirmed", []))
        confirmed = done + [f for f in fields if f not in done]
        if confirmed != done:
            set_overrides(project.manifest_path, rel, {"confirmed": confirmed})
        return ingest(project, [project.root / rel])
