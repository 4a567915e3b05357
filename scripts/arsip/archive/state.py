"""``essays/.ingest-state.json``: what ingest last wrote for each raw file.

Each entry maps a raw path to the essay's slug and the SHA-256 of the bytes ingest
wrote, so that an essay a curator edited since is recognised (and not overwritten
without ``--force``) and an essay keeps its address when the cleaner improves. The
file is in the repository, so a pull request can change it: every entry is checked
(a raw path inside ``raw/``, a slug that is a safe name, a SHA-256), and a bad one is
an error naming the file, never a path ingest would write to.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..boundary import name_problem, read_text, relpath_problem
from ..errors import DataError
from .files import write_atomic

MAX_STATE_BYTES = 16 * 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")


def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key!r} is given twice")
        out[key] = value
    return out


def load_state(path: Path) -> dict[str, dict[str, str]]:
    """raw path -> {"slug": ..., "sha256": ...}; {} when there is no state file yet."""
    if not path.exists() and not path.is_symlink():
        return {}
    text = read_text(path, MAX_STATE_BYTES, "ingest state file")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        raise DataError(f"{path}:{e.lineno}", f"invalid JSON: {e.msg}") from None
    except (ValueError, RecursionError) as e:
        raise DataError(path, f"invalid JSON: {str(e)[:120] or 'nested too deeply'}") from None
    if not isinstance(data, dict):
        raise DataError(path, "must be a JSON object: raw path -> {slug, sha256}")
    for raw, rec in data.items():
        problem = relpath_problem(raw) or (None if raw.startswith("raw/") else f"{raw!r} is not a path inside raw/")
        if problem:
            raise DataError(path, f"entry {raw!r}: {problem}")
        if not isinstance(rec, dict) or set(rec) - {"slug", "sha256"} or "slug" not in rec:
            raise DataError(path, f"entry {raw!r}: must be an object with a slug and a sha256")
        problem = name_problem(rec["slug"], "slug")
        if problem:
            raise DataError(path, f"entry {raw!r}: {problem}")
        if "sha256" in rec and not (isinstance(rec["sha256"], str) and SHA256.fullmatch(rec["sha256"])):
            raise DataError(path, f"entry {raw!r}: sha256 must be 64 hexadecimal digits")
    return data


def save_state(path: Path, state: dict) -> None:
    write_atomic(path, json.dumps(dict(sorted(state.items())), indent=1, ensure_ascii=False) + "\n")
