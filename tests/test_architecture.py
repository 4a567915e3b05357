"""The package's shape: three stages (clean -> archive -> site) under the CLI, imports
only downwards and only through a stage's ``__init__`` (import-linter contracts in
pyproject.toml), and no module too long to read in one sitting."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "arsip"
MAX_LINES = 400


def lint_imports(package_parent: Path, config: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONPATH": str(package_parent)}
    return subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--config", str(config)],
                          capture_output=True, text=True, env=env, cwd=package_parent, timeout=120)


def test_contracts_are_kept():
    out = lint_imports(ROOT / "scripts", ROOT / "pyproject.toml")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "4 kept, 0 broken" in out.stdout


def _copy_with(tmp_path: Path, module: str, line: str) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "arsip", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "arsip" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return tmp_path


def test_an_upward_import_breaks_the_layers(tmp_path):
    # the cleaner reaching into the site: the kind of shortcut the contract exists to stop
    parent = _copy_with(tmp_path, "clean/cleaner.py", "from ..site import catalog as _catalog  # noqa")
    out = lint_imports(parent, ROOT / "pyproject.toml")
    assert out.returncode == 1, out.stdout
    assert "arsip.clean.cleaner -> arsip.site" in out.stdout


def test_reaching_past_a_public_face_is_refused(tmp_path):
    parent = _copy_with(tmp_path, "site/feeds.py", "from ..clean.lines import norm as _norm  # noqa")
    out = lint_imports(parent, ROOT / "pyproject.toml")
    assert out.returncode == 1, out.stdout
    assert "arsip.site.feeds -> arsip.clean.lines" in out.stdout


def test_no_module_is_too_long():
    long = {p.relative_to(PACKAGE).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these by responsibility: {long}"
