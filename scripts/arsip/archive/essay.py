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

import yaml
from jsonschema import Draft202012Validator

from ..errors import DataError
from ..yamlio import SAFE_DUMPER, SAFE_LOADER

#: libyaml's safe loader when PyYAML has it (same data, ten times faster), else PyYAML's.
FIELDS = ("title", "authors", "date", "source", "retrieved", "themes", "tags",
          "language", "summary", "reading_time", "raw")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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


def _where(error) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in error.absolute_path]
    return ".".join(parts).replace(".[", "[") or "front matter"


def validate(meta: Any, path: object, themes: set[str] | None = None, sources: set[str] | None = None) -> None:
    """Raise DataError naming the file and the field when ``meta`` breaks the schema."""
    if not isinstance(meta, dict):
        raise DataError(path, "front matter must be a YAML mapping")
    errors = sorted(_validator().iter_errors(meta), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        e = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise DataError(path, f"{_where(e)}: {e.message}{more}")
    for key in ("date", "retrieved"):
        value = meta.get(key)
        if value:
            try:
                (dt.datetime if "T" in value else dt.date).fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                raise DataError(path, f"{key}: {value!r} is not a real calendar date") from None
    if themes is not None:
        unknown = [t for t in meta["themes"] if t not in themes]
        if unknown:
            raise DataError(path, f"themes: unknown theme id(s) {', '.join(unknown)}")
    if sources is not None and meta["source"]["id"] not in sources:
        raise DataError(path, f"source.id: unknown source {meta['source']['id']!r}")


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
    try:
        meta = yaml.load(text[4:end], Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark else ""
        raise DataError(path, f"{where}invalid YAML in front matter: {getattr(e, 'problem', e)}") from None
    body = text[end + 5:]
    return _plain(meta), body.lstrip("\n"), text[:end + 5].count("\n") + 1


def parse(text: str, path: Path, themes: set[str] | None = None, sources: set[str] | None = None) -> Essay:
    meta, body, _ = split_front_matter(text, path)
    validate(meta, path, themes, sources)
    slug = Path(path).stem
    if not SLUG.match(slug):
        raise DataError(path, "file name must be a slug: lower-case ASCII letters, digits and '-'")
    return Essay(slug, meta, body)


def load(path: Path, themes: set[str] | None = None, sources: set[str] | None = None) -> Essay:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(path, "is not valid UTF-8") from None
    except OSError as e:
        raise DataError(path, f"cannot read: {e.strerror or e}") from None
    return parse(text, path, themes, sources)
