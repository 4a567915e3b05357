"""The incremental preview ends in the same site as a full build.

One `mkdocs serve --dirty` session is played in this process (MkDocs keeps the arsip
plugin across rebuilds because it defines ``on_startup``; ``load_config`` hands the
same instance back each time), on a synthetic archive of 150 essays so that listings
are paged and essays have neighbours and related essays. After each kind of change a
maintainer makes (edit, add, delete and rename an essay; data/themes.yml; a source
file; a docs/ page; a template in overrides/) the preview's site directory is
compared, file by file and byte by byte, with a clean `mkdocs build` of the same
tree, search index included once it has caught up in the background.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import sitediff  # noqa: E402
from changes import CHANGES, essay  # noqa: E402
from generate import generate  # noqa: E402

ESSAYS = 150


def plugin_cache() -> dict:
    option = dict(MkDocsConfig._schema)["plugins"]
    return option.plugin_cache


class Preview:
    """One `mkdocs serve --dirty` session, without the HTTP server."""

    def __init__(self, project: Path):
        self.project = project
        self.site = project / "site-preview"
        plugin_cache().clear()
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = config.plugins["arsip"]
        self.rebuild(config)

    def config(self):
        return load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site))

    def rebuild(self, config=None) -> set[str]:
        """Rebuild as `mkdocs serve --dirty` does after a save; the pages it wrote."""
        config = config or self.config()
        assert config.plugins["arsip"] is self.plugin, "MkDocs did not keep the plugin across rebuilds"
        build(config, dirty=True)
        self.plugin.settle()
        return set(self.plugin.plan.changed)

    def close(self):
        self.plugin.on_shutdown()
        plugin_cache().clear()


def full_build(project: Path) -> Path:
    site = project / "site-full"
    shutil.rmtree(site, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(site)], check=True, env=env, cwd=project)
    return site


def differences(a: Path, b: Path) -> list[str]:
    assert list(a.glob("pagefind*/pagefind-entry.json")), "no search index in the preview"
    return sitediff.differences(a, b)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    project = generate(ESSAYS, tmp_path_factory.mktemp("incremental") / "arsip", seed=7)
    preview = Preview(project)
    yield preview
    preview.close()


def test_starts_equal_to_a_full_build(session):
    assert differences(session.site, full_build(session.project)) == []


def test_nothing_changed_writes_nothing(session):
    assert session.rebuild() == set()
    assert differences(session.site, full_build(session.project)) == []


def edit_one_essay_and_check_what_is_written(session, n: int):
    path = essay(session.project, n)
    slug = path.stem
    before = {k: [e.slug for e in v] for k, v in session.plugin.related.items()}
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip() + "\n\nSatu kalimat lagi di akhir esai.\n", encoding="utf-8")
    written = session.rebuild()
    after = {k: [e.slug for e in v] for k, v in session.plugin.related.items()}
    # the body is in no listing: the essay page changes, and the pages of essays
    # whose related list the new words reorder; nothing else is rendered again
    moved = {f"esai/{k}.md" for k in after if after[k] != before.get(k)}
    pages = {p for p in written if p.endswith(".md")}
    assert pages == {f"esai/{slug}.md"} | moved, sorted(pages)
    assert len(moved) < 10
    # besides pages: the word -> root map and the essay's text for search excerpts
    others = {p for p in written - pages if not p.startswith("akar/")}
    assert others == {f"esai/{slug}/teks.gz"}, sorted(others)
    assert differences(session.site, full_build(session.project)) == []


def test_the_first_edit_after_the_full_build_rewrites_only_what_depends_on_it(session):
    edit_one_essay_and_check_what_is_written(session, 5)


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
def test_after_each_kind_of_change_the_preview_equals_a_full_build(session, change):
    change(session.project)
    written = session.rebuild()
    assert written, "the change was not noticed"
    assert differences(session.site, full_build(session.project)) == []


def test_an_edit_after_every_kind_of_change_rewrites_only_what_depends_on_it(session):
    session.rebuild()
    edit_one_essay_and_check_what_is_written(session, 60)


def test_a_page_in_the_nav_without_a_title_rebuilds_every_nav_when_its_heading_changes(session):
    config = session.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("- Tentang arsip ini: tentang.md", "- tentang.md"),
                      encoding="utf-8")
    session.rebuild()
    page = session.project / "docs" / "tentang.md"
    text = page.read_text(encoding="utf-8")
    assert "\ntitle: Tentang arsip ini\n" in text
    page.write_text(text.replace("\ntitle: Tentang arsip ini\n", "\ntitle: Judul Halaman yang Baru\n", 1),
                    encoding="utf-8")
    written = session.rebuild()
    assert len(written) > ESSAYS, "the heading is in every page's nav"
    assert differences(session.site, full_build(session.project)) == []


def test_the_catalog_is_kept_when_only_an_essay_text_changed(tmp_path):
    """A preview keeps its catalog (entries pointing at the newly parsed essay) when
    an edit leaves every essay's title, date, outlet, themes and authors as they were;
    any of those changed, or a file added or gone, makes a new one."""
    from arsip.archive import load_themes
    from arsip.clean import load_sources
    from arsip.site.catalog import updated_catalog
    from arsip.site.incremental import EssayStore
    shutil.copytree(ROOT / "essays", tmp_path / "essays")
    themes, sources = load_themes(ROOT / "data" / "themes.yml"), load_sources(ROOT / "data" / "sources")
    store = EssayStore()
    first = updated_catalog(None, store.load(tmp_path / "essays", themes, sources), themes, sources)
    path = sorted((tmp_path / "essays").glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\nParagraf baru.\n", encoding="utf-8")
    # each rebuild reads the themes and outlets again, as the plugin does: equal files, equal values
    themes, sources = load_themes(ROOT / "data" / "themes.yml"), load_sources(ROOT / "data" / "sources")
    kept = updated_catalog(first, store.load(tmp_path / "essays", themes, sources), themes, sources)
    assert kept is first and "Paragraf baru." in kept.by_slug[path.stem].essay.body
    text = path.read_text(encoding="utf-8")
    title = next(ln for ln in text.splitlines() if ln.startswith("title:"))
    path.write_text(text.replace(title, "title: Judul yang Lain Sama Sekali", 1), encoding="utf-8")
    renewed = updated_catalog(kept, store.load(tmp_path / "essays", themes, sources), themes, sources)
    assert renewed is not kept and renewed.by_slug[path.stem].title == "Judul yang Lain Sama Sekali"
    (tmp_path / "essays" / path.name).unlink()
    gone = updated_catalog(renewed, store.load(tmp_path / "essays", themes, sources), themes, sources)
    assert gone is not renewed and path.stem not in gone.by_slug
