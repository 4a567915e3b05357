"""A full build writes over the last site and removes what it did not write
(scripts/arsip/site/sitedir.py): the result is the site a build into an empty folder
makes, and nothing outside the site is touched."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import sitediff  # noqa: E402
from generate import generate  # noqa: E402

from arsip.site.sitedir import PREFIX, SiteReuse


def old_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "esai" / "lama").mkdir(parents=True)
    (site / "esai" / "lama" / "index.html").write_text("old essay")
    (site / "esai" / "tetap").mkdir()
    (site / "esai" / "tetap" / "index.html").write_text("old text of an essay still there")
    (site / "index.html").write_text("old home")
    (site / "stale.xml").write_text("stale")
    (site / ".nojekyll").write_text("")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref")
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's")
    (site / "esai" / "link").symlink_to(outside)
    (site / "esai" / "dirlink").symlink_to(tmp_path)
    time.sleep(0.02)              # the old files are older than the build, even on a coarse clock
    return site


def test_a_rebuild_keeps_what_it_wrote_and_removes_the_rest(tmp_path):
    site = old_site(tmp_path)
    reuse = SiteReuse(site)
    assert reuse.set_aside() and not site.exists()      # MkDocs finds nothing to empty
    reuse.put_back()
    (site / "esai" / "tetap" / "index.html").write_text("new text")    # written over
    (site / "index.html").write_text("new home")
    (site / "esai" / "baru").mkdir()
    (site / "esai" / "baru" / "index.html").write_text("a new essay")
    removed = reuse.remove_stale()
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert files == [".git", ".git/HEAD", ".nojekyll", "esai", "esai/baru", "esai/baru/index.html",
                     "esai/tetap", "esai/tetap/index.html", "index.html"]
    assert removed == 4           # lama/index.html, stale.xml and the two links (lama/ went empty)
    assert (tmp_path / "outside.txt").read_text() == "not the site's"
    assert (site / "esai" / "tetap" / "index.html").read_text() == "new text"
    assert not list(tmp_path.glob(f"{PREFIX}*"))


def test_a_hard_link_is_kept_only_when_this_build_made_it(tmp_path):
    """A cached card linked to an essay's new place makes its old place look new."""
    site = old_site(tmp_path)
    cached = tmp_path / "kartu-cache.png"
    cached.write_bytes(b"card")
    os.link(cached, site / "esai" / "lama" / "kartu.png")
    reuse = SiteReuse(site)
    reuse.set_aside()
    reuse.put_back()
    (site / "esai" / "baru").mkdir()
    os.link(cached, site / "esai" / "baru" / "kartu.png")
    reuse.remove_stale(linked={"esai/baru/kartu.png"})
    assert (site / "esai" / "baru" / "kartu.png").read_bytes() == b"card"
    assert not (site / "esai" / "lama").exists()
    assert cached.read_bytes() == b"card"


def test_a_site_made_again_meanwhile_is_left_to_the_build(tmp_path):
    site = old_site(tmp_path)
    reuse = SiteReuse(site)
    assert reuse.set_aside()
    site.mkdir()
    (site / "index.html").write_text("new")
    reuse.put_back()
    assert reuse.remove_stale() is None
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert not list(tmp_path.glob(f"{PREFIX}*"))


def test_when_the_clock_went_back_nothing_is_removed(tmp_path, monkeypatch):
    site = old_site(tmp_path)
    reuse = SiteReuse(site)
    reuse.set_aside()
    reuse.put_back()
    monkeypatch.setattr(reuse, "_stamp", lambda: 0)
    assert reuse.remove_stale() is None
    assert (site / "stale.xml").exists()


def test_a_symlinked_or_missing_site_is_left_to_mkdocs(tmp_path):
    real = old_site(tmp_path)
    link = tmp_path / "site-link"
    link.symlink_to(real)
    assert not SiteReuse(link).set_aside()
    assert not SiteReuse(tmp_path / "nothing").set_aside()
    assert (real / "stale.xml").exists()


def test_a_failed_build_and_a_killed_one_leave_nothing_behind(tmp_path):
    site = old_site(tmp_path)
    reuse = SiteReuse(site)
    reuse.set_aside()
    reuse.abandon()                                  # on_build_error before on_files
    assert not site.exists() and not list(tmp_path.glob(f"{PREFIX}*"))
    site = old_site(tmp_path / "again")
    SiteReuse(site).set_aside()                      # killed before putting it back
    assert list(site.parent.glob(f"{PREFIX}*"))
    SiteReuse(site).set_aside()                      # the next build
    assert not list(site.parent.glob(f"{PREFIX}*"))


def build(project: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(project / "mkdocs.yml"),
                    "-d", str(site)], check=True, env=env, cwd=project)


def test_a_rebuild_in_place_equals_a_build_into_an_empty_folder(tmp_path):
    project = generate(40, tmp_path / "arsip", seed=3)
    site = project / "site"
    build(project, site)
    first = sorted(p.name for p in (project / "essays").glob("*.md"))
    (project / "essays" / first[0]).unlink()                              # an essay deleted
    (project / "essays" / first[1]).rename(project / "essays" / "nama-baru.md")   # one renamed
    (site / "sisa.html").write_text("left by someone")
    (site / ".nojekyll").write_text("")
    inode = (site / "index.html").stat().st_ino
    build(project, site)
    fresh = tmp_path / "fresh"
    build(project, fresh)
    assert sitediff.differences(site, fresh) == ["only in preview: .nojekyll"]     # kept, as MkDocs keeps it
    assert not (site / "sisa.html").exists() and (site / ".nojekyll").exists()
    assert not (site / "esai" / Path(first[0]).stem).exists()
    assert (site / "index.html").stat().st_ino == inode                    # written over, not made again
    assert not list(project.glob(f"{PREFIX}*"))
    shutil.rmtree(fresh)
