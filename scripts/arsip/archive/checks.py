"""``arsip check``: the whole archive validated as CI does, one line per problem.

Every problem names a file and a line (``path:line: message``) and has a code;
``PROBLEMS`` lists the codes with what each means. Nothing here writes.
"""
from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..clean import boilerplate_lines
from ..errors import ArsipError
from .essay import SLUG, _validator, split_front_matter
from .files import sha256_file
from .manifest import load_manifest
from .project import Project
from .themes import load_themes

#: Codes of the problems `arsip check` finds, and what each means.
PROBLEMS = {
    "front-matter": "the file has no readable YAML front matter",
    "schema": "a front matter field is missing, of the wrong type or malformed",
    "date": "a date is not a real calendar date",
    "unknown-theme": "a theme id is not in data/themes.yml",
    "unknown-source": "a source id has no data/sources/<id>.yml",
    "slug": "the file name is not a slug (lower-case ASCII letters, digits, '-')",
    "empty-body": "the essay has no text",
    "duplicate-title": "two essays have the same title",
    "duplicate-raw": "two essays come from the same raw file",
    "near-duplicate": "two essays' texts are at least 80% the same (5-word shingles)",
    "boilerplate": "a line of the body is boilerplate by a generic rule",
    "raw-missing": "the raw file recorded in the front matter does not exist",
    "raw-changed": "the raw file's SHA-256 differs from the one recorded",
    "not-ingested": "a raw file in the manifest has no essay",
    "unused-theme": "a theme has no essays",
    "unused-source": "an outlet has no essays",
}
NEAR_DUPLICATE = 0.8
SHINGLE = 5
_MINHASHES = 24
_BANDS = 8
_MASKS = [zlib.crc32(f"arsip-{i}".encode()) * 2654435761 % (1 << 32) for i in range(_MINHASHES)]
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} [{self.code}]"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions annotation."""
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},title=arsip check ({self.code})::{msg}"


@dataclass
class _Essay:
    rel: str
    meta: dict
    body: str
    body_line: int
    text: str


def _key_line(text: str, key: str) -> int:
    m = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[:m.start()].count("\n") + 1 if m else 1


def _load(project: Project, problems: list[Problem]) -> list[_Essay]:
    out = []
    for path in sorted(project.essays_dir.glob("*.md")):
        rel = project.rel(path)
        if not SLUG.match(path.stem):
            problems.append(Problem(rel, 1, "slug", f"file name {path.name!r} is not a slug"))
        try:
            text = path.read_text(encoding="utf-8")
            meta, body, body_line = split_front_matter(text, rel)
        except (ArsipError, UnicodeDecodeError) as e:
            problems.append(Problem(rel, 1, "front-matter", getattr(e, "message", str(e))))
            continue
        if not isinstance(meta, dict):
            problems.append(Problem(rel, 1, "front-matter", "front matter must be a YAML mapping"))
            continue
        out.append(_Essay(rel, meta, body, body_line, text))
    return out


def _fields(e: _Essay, themes: set[str], sources: set[str], problems: list[Problem]) -> bool:
    ok = True
    for err in sorted(_validator().iter_errors(e.meta), key=lambda x: list(map(str, x.absolute_path))):
        where = ".".join(str(p) for p in err.absolute_path) or "front matter"
        key = str(err.absolute_path[0]) if err.absolute_path else ""
        problems.append(Problem(e.rel, _key_line(e.text, key) if key else 1, "schema", f"{where}: {err.message}"))
        ok = False
    for key in ("date", "retrieved"):
        value = e.meta.get(key)
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            try:
                (dt.datetime if "T" in value else dt.date).fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                problems.append(Problem(e.rel, _key_line(e.text, key), "date",
                                        f"{key}: {value!r} is not a real calendar date"))
    for t in e.meta.get("themes") or []:
        if isinstance(t, str) and t not in themes:
            problems.append(Problem(e.rel, _key_line(e.text, "themes"), "unknown-theme",
                                    f"themes: unknown theme {t!r} (see data/themes.yml)"))
    source = (e.meta.get("source") or {}).get("id") if isinstance(e.meta.get("source"), dict) else None
    if isinstance(source, str) and source not in sources:
        problems.append(Problem(e.rel, _key_line(e.text, "source"), "unknown-source",
                                f"source.id: unknown source {source!r} (add data/sources/{source}.yml)"))
    if not e.body.strip():
        problems.append(Problem(e.rel, e.body_line, "empty-body", "the essay has no text"))
    return ok


def _boilerplate(e: _Essay, problems: list[Problem]) -> None:
    for flag in boilerplate_lines(_UNESCAPE.sub(r"\1", e.body)):
        problems.append(Problem(e.rel, e.body_line + flag.no - 1, "boilerplate",
                                f"body line looks like boilerplate ({flag.rule}: {flag.reason}): {flag.text[:60]!r}"))


def _shingles(body: str) -> set[int]:
    words = re.findall(r"\w+", body.lower())
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(max(0, len(words) - SHINGLE + 1))}


def near_duplicates(bodies: dict[str, str], threshold: float = NEAR_DUPLICATE) -> list[tuple[str, str, float]]:
    """Pairs of texts whose 5-word shingle sets have Jaccard similarity >= threshold.

    MinHash with banded LSH picks candidate pairs (it finds a pair at 0.8 with
    probability > 99%); every candidate is then measured exactly.
    """
    sets = {k: _shingles(v) for k, v in bodies.items()}
    rows = _MINHASHES // _BANDS
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for key, sh in sets.items():
        if not sh:
            continue
        sig = [min(h ^ m for h in sh) for m in _MASKS]
        for b in range(_BANDS):
            buckets[(b, *sig[b * rows:(b + 1) * rows])].append(key)
    pairs = set()
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs.add((a, b) if a < b else (b, a))
    out = []
    for a, b in sorted(pairs):
        sa, sb = sets[a], sets[b]
        jaccard = len(sa & sb) / len(sa | sb)
        if jaccard >= threshold:
            out.append((a, b, jaccard))
    return out


def check(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    themes_path = project.themes_path
    themes = load_themes(themes_path)
    sources = project.sources
    essays = _load(project, problems)
    valid = [e for e in essays if _fields(e, set(themes), set(sources), problems)]

    titles: dict[str, str] = {}
    raws: dict[str, str] = {}
    for e in valid:
        key = e.meta["title"].casefold().strip()
        if key in titles:
            problems.append(Problem(e.rel, _key_line(e.text, "title"), "duplicate-title",
                                    f"title: same title as {titles[key]}"))
        titles.setdefault(key, e.rel)
        raw = e.meta["raw"]["path"]
        if raw in raws:
            problems.append(Problem(e.rel, _key_line(e.text, "raw"), "duplicate-raw",
                                    f"raw.path: {raw} is also the raw file of {raws[raw]}"))
        raws.setdefault(raw, e.rel)
        raw_file = project.root / raw
        if not raw_file.is_file():
            problems.append(Problem(e.rel, _key_line(e.text, "raw"), "raw-missing", f"raw.path: {raw} does not exist"))
        elif sha256_file(raw_file) != e.meta["raw"]["sha256"]:
            problems.append(Problem(e.rel, _key_line(e.text, "raw"), "raw-changed",
                                    f"raw.sha256: {raw} changed since it was ingested (re-ingest or restore it)"))
        _boilerplate(e, problems)

    by_rel = {e.rel: e for e in valid}
    for a, b, jaccard in near_duplicates({e.rel: e.body for e in valid}):
        problems.append(Problem(b, by_rel[b].body_line, "near-duplicate",
                                f"text is {jaccard:.0%} the same as {a}"))

    for entry in load_manifest(project.manifest_path, set(sources), set(themes)):
        if entry.raw not in raws:
            line = _manifest_line(project.manifest_path, entry.raw)
            problems.append(Problem(project.rel(project.manifest_path), line, "not-ingested",
                                    f"{entry.raw} has no essay; run `arsip ingest {entry.raw}`"))

    used_themes = {t for e in valid for t in e.meta["themes"]}
    themes_text = themes_path.read_text(encoding="utf-8")
    for tid in themes:
        if tid not in used_themes:
            problems.append(Problem(project.rel(themes_path), _key_line_value(themes_text, tid), "unused-theme",
                                    f"theme {tid!r} has no essays"))
    used_sources = {e.meta["source"]["id"] for e in valid}
    for sid, src in sources.items():
        if sid not in used_sources:
            problems.append(Problem(project.rel(Path(src.path)), 1, "unused-source", f"outlet {sid!r} has no essays"))
    return sorted(problems, key=lambda p: (p.path, p.line, p.code))


def _manifest_line(path: Path, raw: str) -> int:
    text = path.read_text(encoding="utf-8")
    i = text.find(raw)
    return text[:i].count("\n") + 1 if i >= 0 else 1


def _key_line_value(text: str, value: str) -> int:
    m = re.search(rf"id:\s*{re.escape(value)}\b", text)
    return text[:m.start()].count("\n") + 1 if m else 1

