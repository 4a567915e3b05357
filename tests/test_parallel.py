"""`mkdocs build` renders generated pages in a second process (site/parallel.py): the site
is byte for byte what one process makes, whatever the helper did or failed to do,
and a warning raised while the helper renders a page still fails a --strict build."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import sitediff  # noqa: E402
from generate import generate  # noqa: E402

from arsip.site import mkdocs_plugin  # noqa: E402

ESSAYS = 100
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2,
                                reason="the helper is forked, on a machine with two cores or more")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    assert ESSAYS >= mkdocs_plugin.HELPER_MIN_ESSAYS
    project = generate(ESSAYS, tmp_path_factory.mktemp("parallel") / "arsip", seed=11)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - arsip\n" in text
    # the helper is off by default: mkdocs.yml turns it on, the other file leaves it off
    (project / "mkdocs-one-process.yml").write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        text.replace("\n  - arsip\n", "\n  - arsip:\n      render_helper: true\n"), encoding="utf-8")
    return project


def mkdocs_build(project: Path, site: str, config: str = "mkdocs.yml", *extra: str) -> subprocess.CompletedProcess:
    shutil.rmtree(project / site, ignore_errors=True)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / config),
                           "-d", str(project / site), *extra], env=ENV, cwd=project, capture_output=True, text=True)


@pytest.fixture(scope="module")
def one_process(project) -> Path:
    done = mkdocs_build(project, "site-one", "mkdocs-one-process.yml")
    assert done.returncode == 0, done.stderr
    assert "rendered by a second process" not in done.stderr
    return project / "site-one"


def test_the_site_is_the_same_with_the_helper(project, one_process):
    done = mkdocs_build(project, "site-two")
    assert done.returncode == 0, done.stderr
    assert "generated pages rendered by a second process" in done.stderr
    assert sitediff.differences(project / "site-two", one_process) == []


def test_a_helper_that_dies_costs_only_time(project, one_process, monkeypatch):
    """The helper ends abruptly after a few pages: the build renders the rest itself."""
    parent, calls = os.getpid(), []
    render = mkdocs_plugin.ArsipPlugin._render_page

    def dying(self, uri, *args):
        if os.getpid() != parent:
            calls.append(uri)
            if len(calls) > 5:
                os._exit(3)
        return render(self, uri, *args)

    monkeypatch.setattr(mkdocs_plugin.ArsipPlugin, "_render_page", dying)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    shutil.rmtree(project / "site-dying", ignore_errors=True)
    cwd = os.getcwd()
    os.chdir(project)
    try:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site-dying")))
    finally:
        os.chdir(cwd)
    assert sitediff.differences(project / "site-dying", one_process) == []


def test_a_warning_from_a_page_the_helper_renders_fails_a_strict_build(project):
    """The last essay is the helper's first page; a broken link in it is a warning,
    which the build logs again so that --strict counts it."""
    from arsip.archive import load_themes
    from arsip.clean import load_sources
    from arsip.site.catalog import build_catalog
    catalog = build_catalog(project / "essays", load_themes(project / "data" / "themes.yml"),
                            load_sources(project / "data" / "sources"))
    last = catalog.entries[-1].path           # the essays are the last pages, in catalog order
    kept = last.read_text(encoding="utf-8")
    try:
        last.write_text(kept.rstrip("\n") + "\n\nLihat [halaman ini](tidak-ada.md).\n", encoding="utf-8")
        loose = mkdocs_build(project, "site-loose")
        assert loose.returncode == 0, loose.stderr
        warned = [ln for ln in loose.stderr.splitlines() if "tidak-ada.md" in ln]
        assert len(warned) == 1 and warned[0].startswith("WARNING"), loose.stderr      # logged once
        strict = mkdocs_build(project, "site-strict", "mkdocs.yml", "--strict")
        assert strict.returncode != 0 and "tidak-ada.md" in strict.stderr
    finally:
        last.write_text(kept, encoding="utf-8")
