"""The essay file: YAML front matter + Markdown body, and its one schema.

``essays/<slug>.md`` is the contract between the cleaner and the site. It is written
with ``yaml.safe_dump`` (never string formatting), read with ``yaml.safe_load``, and
checked against ``schema/essay.schema.json`` by everything that writes or reads it.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml
from jsonschema import Draft202012Validator

from ..boundary import check_name, read_text, relpath_problem, text_problem
from ..errors import DataError
from ..yamlio import SAFE_DUMPER, load_yaml

FIELDS = ("title", "authors", "date", "source", "retrieved", "themes", "tags",
          "language", "summary", "reading_time", "raw", "review")
#: An essay file: its front matter and a body of up to twice the largest raw article.
MAX_ESSAY_BYTES = 10 * 1024 * 1024


@dataclass
class Essay:
    slug: str
    meta: dict[str, Any]
    body: str

    @property
    def title(self) -> str:
        return self.meta["title"]


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads((resources.files("arsip.archive") / "schema" / "essay.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


@lru_cache(maxsize=1)
def _fast_validator():
    """jsonschema-rs (Rust): answers "valid?" about a hundred times faster than the
    Python validator, which then explains only the front matters it rejects. The
    test suite's invalid front matters pass through both (tests/test_frontmatter.py)."""
    return jsonschema_rs.validator_for(schema())


def _schema_errors(meta: Any):
    try:
        if _fast_validator().is_valid(meta):
            return []
    except (ValueError, TypeError, OverflowError):     # a value JSON has no type for: ask the other
        pass
    return _validator().iter_errors(meta)


def _where(error) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in error.absolute_path]
    return ".".join(parts).replace(".[", "[") or "front matter"


@dataclass(frozen=True)
class FieldProblem:
    """One problem of an essay's front matter: where (``authors[0].name``), the
    top-level key it is under (for a line number), a code (see ``arsip check``)."""
    where: str
    key: str
    code: str
    message: str


def _strings(value: Any, where: str):
    """Every string in the front matter, with where it stands."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")


def field_problems(meta: Any, themes: set[str] | None = None,
                   sources: set[str] | None = None) -> list[FieldProblem]:
    """Everything wrong with a front matter, schema first (empty: it is valid)."""
    if not isinstance(meta, dict):
        return [FieldProblem("front matter", "", "front-matter", "front matter must be a YAML mapping")]
    out = []
    for e in sorted(_schema_errors(meta), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        key = str(e.absolute_path[0]) if e.absolute_path else ""
        out.append(FieldProblem(_where(e), key, "schema", e.message))
    for where, value in _strings(meta, ""):
        problem = text_problem(value)
        if problem:
            out.append(FieldProblem(where, where.split(".")[0].split("[")[0], "text", problem))
    for key in ("date", "retrieved"):
        value = meta.get(key)
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            try:
                (dt.datetime if "T" in value else dt.date).fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                out.append(FieldProblem(key, key, "date", f"{value!r} is not a real calendar date"))
    raw = meta.get("raw")
    if isinstance(raw, dict) and isinstance(raw.get("path"), str):
        problem = relpath_problem(raw["path"])
        if problem:
            out.append(FieldProblem("raw.path", "raw", "raw-path", problem))
    if themes is not None and isinstance(meta.get("themes"), list):
        for t in meta["themes"]:
            if isinstance(t, str) and t not in themes:
                out.append(FieldProblem("themes", "themes", "unknown-theme",
                                        f"unknown theme {t!r} (see data/themes.yml)"))
    source = meta.get("source")
    sid = source.get("id") if isinstance(source, dict) else None
    if sources is not None and isinstance(sid, str) and sid not in sources:
        out.append(FieldProblem("source.id", "source", "unknown-source",
                                f"unknown source {sid!r} (add data/sources/{sid}.yml)"))
    return out


def validate(meta: Any, path: object, themes: set[str] | None = None, sources: set[str] | None = None) -> None:
    """Raise DataError naming the file and the field when ``meta`` is not a valid front matter."""
    problems = field_problems(meta, themes, sources)
    if problems:
        p = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(path, f"{p.where}: {p.message}{more}")


class _Dumper(SAFE_DUMPER):
    """safe_dump (with libyaml's emitter when PyYAML has it), but strings holding line-break or control characters that YAML would
    fold or drop (NEL, LS, PS, C0/C1 controls) are written double-quoted and escaped."""


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _str(dumper: yaml.SafeDumper, value: str):
    style = '"' if _UNSAFE.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(essay: Essay) -> str:
    meta = {k: essay.meta[k] for k in FIELDS if k in essay.meta}
    front = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                      default_flow_style=False)
    body = essay.body if essay.body.endswith("\n") else essay.body + "\n"
    return f"---\n{front}---\n\n{body}"


def _plain(value: Any) -> Any:
    """Dates that YAML parsed into objects (a hand-written ``date: 2025-05-08``) back to ISO strings."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def split_front_matter(text: str, path: object) -> tuple[dict, str, int]:
    """(front matter, body, line number where the body starts)."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---\n"):
        raise DataError(path, "does not start with YAML front matter ('---' on the first line)")
    end = text.find("\n---\n", 3)
    if end == -1:
        raise DataError(path, "front matter is not closed by a '---' line")
    meta = load_yaml(text[4:end], path, first_line=2)
    body = text[end + 5:]
    return _plain(meta), body.lstrip("\n"), text[:end + 5].count("\n") + 1


def parse(text: str, path: Path, themes: set[str] | None = None, sources: set[str] | None = None) -> Essay:
    meta, body, _ = split_front_matter(text, path)
    validate(meta, path, themes, sources)
    slug = check_name(Path(path).stem, "slug", path)
    return Essay(slug, meta, body)


def read_essay(path: Path) -> str:
    """The text of ``essays/<slug>.md``: a regular UTF-8 file of at most MAX_ESSAY_BYTES."""
    return read_text(path, MAX_ESSAY_BYTES, "essay")


def load(path: Path, themes: set[str] | None = None, sources: set[str] | None = None) -> Essay:
    return parse(read_essay(path), path, themes, sources)
