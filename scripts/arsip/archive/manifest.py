"""``raw/manifest.yml``: what the curator knows about each raw article.

The cleaner reads the text; the manifest adds what the text cannot tell (the URL it
came from, when it was retrieved, the themes) and the curator's corrections
(``overrides``). Unknown is null: a URL or date is never invented.

The manifest is untrusted input like every content file: every field is checked for
its type and form, a raw path must stay inside ``raw/``, a slug must be a safe name,
and a problem is one :class:`DataError` naming the file, the line and the field.
It is changed only as data (:func:`append_entry`): loaded, extended, written back
atomically, with the curator's comments kept.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..boundary import inside, name_problem, read_text, relpath_problem, text_problem, url_problem
from ..errors import DataError
from ..yamlio import SAFE_LOADER, load_yaml
from .files import write_atomic

ENTRY_KEYS = {"raw", "source", "url", "retrieved", "themes", "overrides"}
OVERRIDE_KEYS = {"title", "authors", "date", "section", "tags", "slug", "confirmed"}
#: Metadata fields a curator can confirm as the cleaner found them (see ``confirmed``).
CONFIRMABLE = ("title", "authors", "date")
#: 10,000 entries take about 2 MB.
MAX_MANIFEST_BYTES = 32 * 1024 * 1024
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?")
HEADER = """# Raw articles of the archive, exactly as scraped, one entry each.
#
#   raw:        the file, raw/<source-id>/<name>.txt
#   source:     outlet id (data/sources/<id>.yml)
#   url:        the original address, or null when unknown (never guessed)
#   retrieved:  when it was scraped (YYYY-MM-DD), or null when unknown
#   themes:     1-3 theme ids (data/themes.yml); empty lets ingest suggest them
#   overrides:  the curator's corrections of what the cleaner found
#               (title, authors, date, section, tags, slug, confirmed)
"""


@dataclass
class Entry:
    raw: str                      # path relative to the archive root: raw/<source>/<name>.txt
    source: str
    url: str | None = None
    retrieved: str | None = None
    themes: list[str] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)


def date_value(value: object, with_time: bool = True) -> str | None:
    """A date the YAML parser made an object, or an ISO string, as a checked ISO string;
    None when it is not a real date (or has a time where none is allowed)."""
    if isinstance(value, dt.datetime):
        return value.isoformat() if with_time else None
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not ISO_DATETIME.fullmatch(value) or ("T" in value and not with_time):
        return None
    try:
        (dt.datetime if "T" in value else dt.date).fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _entry_lines(text: str) -> list[int]:
    """The line where each entry of ``articles`` starts, in order (from the YAML nodes)."""
    root = yaml.compose(text, Loader=SAFE_LOADER)
    articles = next((v for k, v in root.value if k.value == "articles"), None)
    return [item.start_mark.line + 1 for item in articles.value]


def _one_line(value: object, what: str, allow_none: bool = False) -> str | None:
    if value is None and allow_none:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be {'text or null' if allow_none else 'non-empty text'}")
    problem = text_problem(value)
    if problem:
        raise ValueError(f"{what} {problem}")
    return value


def _authors(value: object) -> list:
    if not isinstance(value, list):
        raise ValueError("overrides.authors must be a list, e.g. ['Nama Penulis'] or "
                         "[{name: Nama Penulis, affiliation: Universitas X}]")
    out = []
    for k, a in enumerate(value):
        where = f"overrides.authors[{k}]"
        if isinstance(a, dict):
            if set(a) - {"name", "affiliation"} or "name" not in a:
                raise ValueError(f"{where} must have a name and may have an affiliation")
            out.append({"name": _one_line(a["name"], f"{where}.name"),
                        "affiliation": _one_line(a.get("affiliation"), f"{where}.affiliation", allow_none=True)})
        else:
            out.append(_one_line(a, where))
    return out


def _overrides(value: object) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("overrides must be a mapping")
    unknown = set(value) - OVERRIDE_KEYS
    if unknown:
        raise ValueError(f"overrides may only set {', '.join(sorted(OVERRIDE_KEYS))} (not {', '.join(map(str, unknown))})")
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key == "title":
            out[key] = _one_line(v, "overrides.title")
        elif key == "section":
            out[key] = _one_line(v, "overrides.section", allow_none=True)
        elif key == "authors":
            out[key] = _authors(v)
        elif key == "date":
            if v is not None and date_value(v) is None:
                raise ValueError(f"overrides.date {v!r} is not a real date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
            out[key] = date_value(v) if v is not None else None
        elif key == "tags":
            if not isinstance(v, list):
                raise ValueError("overrides.tags must be a list")
            out[key] = [_one_line(t, f"overrides.tags[{k}]") for k, t in enumerate(v)]
        elif key == "slug":
            problem = name_problem(v, "slug")
            if problem:
                raise ValueError(f"overrides.slug: {problem}")
            out[key] = v
        elif key == "confirmed":
            if not isinstance(v, list) or any(c not in CONFIRMABLE for c in v):
                raise ValueError(f"overrides.confirmed must be a list of {', '.join(CONFIRMABLE)}")
            out[key] = list(dict.fromkeys(v))
    return out


def parse_entry(item: object, raw_dir: Path, path: object, sources: set[str], themes: set[str]) -> Entry:
    """One manifest entry, checked; ValueError says what is wrong with it."""
    if not isinstance(item, dict):
        raise ValueError("expected a mapping with raw, source, url, retrieved, themes")
    unknown = set(item) - ENTRY_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    raw = item.get("raw")
    problem = relpath_problem(raw) if isinstance(raw, str) else "is required"
    if problem is None and not raw.startswith("raw/"):
        problem = f"{raw!r} must be a path inside raw/"
    if problem:
        raise ValueError(f"raw {problem}")
    try:
        inside(raw_dir, raw[len("raw/"):], path, "raw")
    except DataError as e:
        raise ValueError(e.message) from None
    source = item.get("source")
    if not isinstance(source, str):
        raise ValueError("'source' is required: an outlet id")
    if source not in sources:
        raise ValueError(f"unknown source {source!r}; add data/sources/{source}.yml")
    url = item.get("url")
    if url is not None and url_problem(url):
        raise ValueError(f"url {url_problem(url)}")
    retrieved = item.get("retrieved")
    if retrieved is not None:
        retrieved = date_value(retrieved, with_time=False)
        if retrieved is None:
            raise ValueError(f"retrieved {item['retrieved']!r} is not a real date YYYY-MM-DD")
    item_themes = item.get("themes")
    item_themes = [] if item_themes is None else item_themes
    if not isinstance(item_themes, list) or len(item_themes) > 3 or not all(isinstance(t, str) for t in item_themes):
        raise ValueError("themes must be a list of at most 3 theme ids")
    bad = [t for t in item_themes if t not in themes]
    if bad:
        raise ValueError(f"unknown theme(s) {', '.join(bad)}; see data/themes.yml")
    return Entry(raw, source, url, retrieved, list(item_themes), _overrides(item.get("overrides")))


def read_manifest(path: Path) -> tuple[str, Any]:
    """The manifest's text and its data (None when there is no manifest)."""
    if not Path(path).exists() and not Path(path).is_symlink():
        return "", None
    text = read_text(path, MAX_MANIFEST_BYTES, "manifest")
    return text, load_yaml(text, path)


def load_manifest(path: Path, sources: set[str], themes: set[str]) -> list[Entry]:
    text, data = read_manifest(path)
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"articles"} or not isinstance(data.get("articles", []), list):
        raise DataError(path, "expected a mapping with one key, 'articles', a list of entries")
    out, seen = [], set()
    lines = None
    for i, item in enumerate(data.get("articles") or []):
        where = path
        try:
            entry = parse_entry(item, Path(path).parent, path, sources, themes)
            if entry.raw in seen:
                raise ValueError(f"{entry.raw} is listed twice")
        except ValueError as e:
            lines = lines or _entry_lines(text)          # only when there is an error to place
            where = f"{path}:{lines[i]}" if i < len(lines) else path
            raise DataError(where, f"articles[{i}]: {e}") from None
        seen.add(entry.raw)
        out.append(entry)
    return out


def _round_trip(path: Path, edit, expected) -> bytes | None:
    """Change the manifest as data, keeping the curator's comments and layout (a
    ruamel.yaml round trip), and write it atomically. ``edit(doc)`` changes the loaded
    document; ``expected(articles)`` gives the entries it must then hold, checked by
    parsing the result again. Returns the bytes before (None: there was no manifest),
    so a failed command can put back what it changed."""
    p = Path(path)
    old_text, old = read_manifest(p)
    before = old_text.encode("utf-8") if p.exists() else None
    from ruamel.yaml import YAML   # round trip only here: loading stays on libyaml

    rt = YAML()
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 4096
    rt.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    doc = rt.load(old_text if old is not None else HEADER + "articles: []\n")
    edit(doc)
    buf = io.StringIO()
    rt.dump(doc, buf)
    new_text = buf.getvalue()
    new = load_yaml(new_text, path)
    if new.get("articles") != expected((old or {}).get("articles") or []):
        raise DataError(path, "could not change the manifest as data (the result would differ); nothing was written")
    write_atomic(p, new_text)
    return before


def append_entry(path: Path, entry: dict[str, Any]) -> bytes | None:
    """Add ``entry`` at the end of the manifest's ``articles`` (see :func:`_round_trip`)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def edit(doc):
        if doc.get("articles") is None:
            doc["articles"] = CommentedSeq()
        doc["articles"].fa.set_block_style()
        item = CommentedMap(entry)
        if isinstance(item.get("themes"), list):
            item["themes"] = CommentedSeq(item["themes"])
            item["themes"].fa.set_flow_style()
        doc["articles"].append(item)

    return _round_trip(path, edit, lambda articles: [*articles, entry])


def set_overrides(path: Path, raw: str, changes: dict[str, Any]) -> bytes | None:
    """Set ``overrides`` keys of the entry of ``raw`` (see :func:`_round_trip`)."""
    from ruamel.yaml.comments import CommentedMap

    def edit(doc):
        for item in doc.get("articles") or []:
            if item.get("raw") == raw:
                if item.get("overrides") is None:
                    item["overrides"] = CommentedMap()
                item["overrides"].update(changes)
                return
        raise DataError(path, f"{raw} is not listed in the manifest")

    def expected(articles):
        return [dict(a, overrides={**(a.get("overrides") or {}), **changes}) if a.get("raw") == raw else a
                for a in articles]

    return _round_trip(path, edit, expected)
