"""Shared fixtures. Tests pin time zone and locale so results do not depend on the machine."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ["TZ"] = "UTC"
os.environ["LC_ALL"] = "C.UTF-8"

pytest_plugins = ["browserfix"]

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A throw-away copy of the archive's data (raw, sources, themes, essays)."""
    for name in ("raw", "data", "essays"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def arsip(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
          env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI as a user would, in a subprocess."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | (env_extra or {})
    return subprocess.run([sys.executable, "-m", "arsip", *args], cwd=cwd or ROOT, input=stdin,
                          capture_output=True, timeout=120, env=env)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, but the (empty) lock file that writing commands create."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".arsip.lock"}


def page_of(raw: bytes | str):
    """A raw article as the metadata candidates see it: decoded, split into lines,
    classified by the generic rules, with its body found (clean/metadata.py's Page)."""
    from arsip.clean.candidates import Page
    from arsip.clean.decoding import decode
    from arsip.clean.body import find_body
    from arsip.clean.lines import classify, split
    lines = split(decode(raw.encode("utf-8") if isinstance(raw, str) else raw))
    classify(lines, None)
    start, end = find_body(lines)
    return Page(lines, start, end, None)
