"""``arsip check``: the whole archive validated as CI does, one line per problem.

Every problem names a file and a line (``path:line: message``) and has a code;
``PROBLEMS`` lists the codes with what each means. Nothing here writes. A broken data
file (themes, an outlet, the manifest, the ingest state) is a problem like any other:
check reports it and goes on with what it could read.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..boundary import is_inside, name_problem, read_bytes, read_text
from ..clean import MAX_RAW_BYTES, boilerplate_lines
from ..errors import DataError, one_line
from .essay import field_problems, read_essay, split_front_matter
from .files import TEMP_FILE, sha256_bytes
from .manifest import load_manifest
from .markup import markup_problems
from .project import Project
from .similarity import near_duplicates
from .state import load_state
from .themes import load_themes

#: Codes of the problems `arsip check` finds, and what each means.
PROBLEMS = {
    "unreadable": "an essay file is not a regular UTF-8 file within the size limit (a symlink, a directory...)",
    "front-matter": "the file has no readable YAML front matter",
    "schema": "a front matter field is missing, of the wrong type or malformed",
    "date": "a date is not a real calendar date",
    "text": "a front matter value holds a line break, a control character or a non-character",
    "raw-path": "a raw path is not a plain path inside raw/, or the raw file is not a regular file",
    "unknown-theme": "a theme id is not in data/themes.yml",
    "unknown-source": "a source id has no data/sources/<id>.yml",
    "slug": "the file name is not a slug (lower-case ASCII letters, digits, '-') or is a reserved name",
    "empty-body": "the essay has no text",
    "raw-html": "the body holds raw HTML, which the site removes",
    "unsafe-link": "a link in the body uses a scheme other than http, https or mailto",
    "duplicate-title": "two essays have the same title",
    "duplicate-raw": "two essays come from the same raw file",
    "near-duplicate": "two essays' texts are at least 80% the same (5-word shingles)",
    "boilerplate": "a line of the body is boilerplate by a generic rule",
    "raw-missing": "the raw file recorded in the front matter does not exist",
    "raw-changed": "the raw file's SHA-256 differs from the one recorded",
    "not-ingested": "a raw file in the manifest has no essay",
    "orphan-raw": "a raw file is in no manifest entry (an interrupted `arsip add`)",
    "temp-file": "a temporary file left by an interrupted write",
    "data-file": "data/themes.yml, an outlet file, the manifest or the ingest state is invalid",
    "unused-theme": "a theme has no essays",
    "unused-source": "an outlet has no essays",
    "unconfirmed": "the cleaner is unsure of a title, authors or date and no curator has confirmed or set it",
}
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_LINE = re.compile(r"^line (\d+): ")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str

    def __post_init__(self):
        # a message quotes contributors' values: it stays one line whatever they hold
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "path", one_line(self.path))

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


def _from_error(project: Project, e: DataError, code: str) -> Problem:
    """A DataError as a problem: 'path:LINE' or a message starting 'line N: ' gives the line."""
    path, line, message = e.path, 1, e.message
    m = re.match(r"^(.*):(\d+)$", path)
    if m:
        path, line = m.group(1), int(m.group(2))
    m = _LINE.match(message)
    if m:
        line, message = int(m.group(1)), message[m.end():]
    return Problem(project.rel(Path(path)), line, code, message)


def _load(project: Project, problems: list[Problem]) -> list[_Essay]:
    out = []
    folder = project.essays_dir
    names = sorted(os.listdir(folder)) if folder.is_dir() else []
    for name in names:
        if not name.endswith(".md"):
            continue
        path = folder / name
        rel = project.rel(path)
        bad_name = name_problem(name[:-len(".md")], "slug")
        if bad_name:
            problems.append(Problem(rel, 1, "slug", f"file name: {bad_name}"))
        try:
            text = read_essay(path)
        except DataError as e:
            problems.append(_from_error(project, e, "unreadable"))
            continue
        try:
            meta, body, body_line = split_front_matter(text, rel)
        except DataError as e:
            problems.append(_from_error(project, e, "front-matter"))
            continue
        if not isinstance(meta, dict):
            problems.append(Problem(rel, 1, "front-matter", "front matter must be a YAML mapping"))
            continue
        out.append(_Essay(rel, meta, body, body_line, text))
    return out


def _fields(e: _Essay, themes: set[str] | None, sources: set[str] | None, problems: list[Problem]) -> bool:
    """Report the essay's field problems; True when its front matter is valid."""
    found = field_problems(e.meta, themes, sources)
    for p in found:
        problems.append(Problem(e.rel, _key_line(e.text, p.key) if p.key else 1, p.code, f"{p.where}: {p.message}"))
    if not e.body.strip():
        problems.append(Problem(e.rel, e.body_line, "empty-body", "the essay has no text"))
    for no, code, message in markup_problems(e.body):
        problems.append(Problem(e.rel, e.body_line + no - 1, code, message))
    return not any(p.code in ("schema", "text", "raw-path") for p in found)


def _boilerplate(e: _Essay, problems: list[Problem]) -> None:
    for flag in boilerplate_lines(_UNESCAPE.sub(r"\1", e.body)):
        problems.append(Problem(e.rel, e.body_line + flag.no - 1, "boilerplate",
                                f"body line looks like boilerplate ({flag.rule}: {flag.reason}): {flag.text[:60]!r}"))


def _data(project: Project, problems: list[Problem], load, default):
    try:
        return load()
    except DataError as e:
        problems.append(_from_error(project, e, "data-file"))
        return default


def _raw_file(project: Project, e: _Essay, problems: list[Problem]) -> None:
    raw = e.meta["raw"]["path"]
    line = _key_line(e.text, "raw")
    path = project.root / raw
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(e.rel, line, "raw-missing", f"raw.path: {raw} does not exist"))
        return
    try:
        if not is_inside(path, project.raw_dir):
            raise DataError(raw, "leads outside raw/")
        data = read_bytes(path, MAX_RAW_BYTES, "raw article")
    except DataError as err:
        problems.append(Problem(e.rel, line, "raw-path", f"raw.path: {raw} {err.message}"))
        return
    if sha256_bytes(data) != e.meta["raw"]["sha256"]:
        problems.append(Problem(e.rel, line, "raw-changed",
                                f"raw.sha256: {raw} changed since it was ingested (re-ingest or restore it)"))


def _leftovers(project: Project, listed: set[str], sources: dict, problems: list[Problem]) -> None:
    """Raw files no manifest entry lists, symlinks in raw/, temporary files of killed writes."""
    for folder in (project.raw_dir, project.essays_dir, project.sources_dir, project.themes_path.parent):
        if not folder.is_dir():
            continue
        for here, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(here, d))]:
                path = Path(here) / name
                rel = project.rel(path)
                if TEMP_FILE.match(name):
                    problems.append(Problem(rel, 1, "temp-file", f"left by an interrupted write; delete it: rm '{rel}'"))
                elif folder == project.raw_dir and rel != project.rel(project.manifest_path):
                    if path.is_symlink():
                        problems.append(Problem(rel, 1, "raw-path", "is a symlink; a raw article must be a regular file"))
                    elif rel not in listed:
                        sid = Path(rel).parts[1] if len(Path(rel).parts) > 2 else None
                        fix = f"arsip add {rel} --source {sid}" if sid in sources else f"arsip add {rel} --source ID"
                        problems.append(Problem(rel, 1, "orphan-raw", f"is in no manifest entry (an interrupted "
                                                                      f"`arsip add`?); finish it: {fix}, or delete it"))
            if folder != project.raw_dir:
                break       # the other folders hold no subfolders of ours


def check(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    themes = _data(project, problems, lambda: load_themes(project.themes_path), None)
    sources = _data(project, problems, lambda: project.sources, None)
    essays = _load(project, problems)
    theme_ids = set(themes) if themes is not None else None
    source_ids = set(sources) if sources is not None else None
    valid = [e for e in essays if _fields(e, theme_ids, source_ids, problems)]

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
        _raw_file(project, e, problems)
        _boilerplate(e, problems)
        for field in e.meta.get("review", []):
            flag = {"title": "--title 'Judul'", "authors": "--author 'Nama; Afiliasi'",
                    "date": "--date YYYY-MM-DD or --no-date"}[field]
            problems.append(Problem(e.rel, _key_line(e.text, field), "unconfirmed",
                                    f"{field}: the cleaner is unsure of it; read the page, then confirm it "
                                    f"(arsip confirm {raw} {field}) or set overrides.{field} in raw/manifest.yml "
                                    f"(as arsip add {flag} would)"))

    by_rel = {e.rel: e for e in valid}
    for a, b, jaccard in near_duplicates({e.rel: e.body for e in valid}):
        problems.append(Problem(b, by_rel[b].body_line, "near-duplicate",
                                f"text is {jaccard:.0%} the same as {a}"))

    entries = None
    if themes is not None and sources is not None:
        entries = _data(project, problems, lambda: load_manifest(project.manifest_path, source_ids, theme_ids), None)
    _data(project, problems, lambda: load_state(project.state_path), {})
    manifest_text = project.manifest_path.read_text(encoding="utf-8", errors="replace") if entries else ""
    for entry in entries or []:
        if entry.raw not in raws:
            i = manifest_text.find(entry.raw)
            problems.append(Problem(project.rel(project.manifest_path), manifest_text[:i].count("\n") + 1 if i >= 0 else 1,
                                    "not-ingested", f"{entry.raw} has no essay; run `arsip ingest {entry.raw}`"))
    if entries is not None:       # without a readable manifest every raw file would look orphaned
        _leftovers(project, {e.raw for e in entries}, sources, problems)

    if themes is not None:
        used_themes = {t for e in valid for t in e.meta["themes"]}
        themes_text = read_text(project.themes_path, 1 << 20).splitlines()
        for tid in themes:
            if tid not in used_themes:
                line = next((i for i, ln in enumerate(themes_text, 1) if re.search(rf"id:\s*{re.escape(tid)}\s*$", ln)), 1)
                problems.append(Problem(project.rel(project.themes_path), line, "unused-theme",
                                        f"theme {tid!r} has no essays"))
    if sources is not None:
        used_sources = {e.meta["source"]["id"] for e in valid}
        for sid, src in sources.items():
            if sid not in used_sources:
                problems.append(Problem(project.rel(Path(src.path)), 1, "unused-source", f"outlet {sid!r} has no essays"))
    return sorted(problems, key=lambda p: (p.path, p.line, p.code))
