"""``raw/manifest.yml``: what the curator knows about each raw article.

The cleaner reads the text; the manifest adds what the text cannot tell (the URL it
came from, when it was retrieved, the themes) and the curator's corrections
(``overrides``). Unknown is null: a URL or date is never invented.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError
from ..yamlio import SAFE_LOADER

ENTRY_KEYS = {"raw", "source", "url", "retrieved", "themes", "overrides"}
OVERRIDE_KEYS = {"title", "authors", "date", "section", "tags", "slug"}


@dataclass
class Entry:
    raw: str                      # path relative to the archive root: raw/<source>/<name>.txt
    source: str
    url: str | None = None
    retrieved: str | None = None
    themes: list[str] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def load_manifest(path: Path, sources: set[str], themes: set[str]) -> list[Entry]:
    if not path.exists():
        return []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        raise DataError(path, f"invalid YAML: {e}".replace("\n", " ")) from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise DataError(path, "expected a mapping with an 'articles' list")
    out, seen = [], set()
    for i, item in enumerate(data["articles"]):
        where = f"articles[{i}]"
        if not isinstance(item, dict):
            raise DataError(path, f"{where}: expected a mapping")
        unknown = set(item) - ENTRY_KEYS
        if unknown:
            raise DataError(path, f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        for key in ("raw", "source"):
            if not isinstance(item.get(key), str):
                raise DataError(path, f"{where}: '{key}' is required")
        raw = item["raw"]
        if not raw.startswith("raw/") or ".." in Path(raw).parts:
            raise DataError(path, f"{where}: raw must be a path inside raw/, got {raw!r}")
        if raw in seen:
            raise DataError(path, f"{where}: {raw} is listed twice")
        seen.add(raw)
        if item["source"] not in sources:
            raise DataError(path, f"{where}: unknown source {item['source']!r}; add data/sources/{item['source']}.yml")
        url = item.get("url")
        if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
            raise DataError(path, f"{where}: url must be an http(s) URL or null")
        retrieved = _iso(item.get("retrieved"))
        if retrieved is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(retrieved)):
            raise DataError(path, f"{where}: retrieved must be a date YYYY-MM-DD or null")
        item_themes = item.get("themes") or []
        if not isinstance(item_themes, list) or len(item_themes) > 3:
            raise DataError(path, f"{where}: themes must be a list of at most 3 theme ids")
        bad = [t for t in item_themes if t not in themes]
        if bad:
            raise DataError(path, f"{where}: unknown theme(s) {', '.join(map(str, bad))}; see data/themes.yml")
        overrides = item.get("overrides") or {}
        if not isinstance(overrides, dict) or set(overrides) - OVERRIDE_KEYS:
            raise DataError(path, f"{where}: overrides may only set {', '.join(sorted(OVERRIDE_KEYS))}")
        out.append(Entry(raw, item["source"], url, retrieved, list(item_themes),
                         {k: _iso(v) for k, v in overrides.items()}))
    return out
