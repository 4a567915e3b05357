"""Ingest: nothing lost, nothing half-written, curator edits never silently overwritten."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from arsip.archive import files as fsutil
from arsip.errors import DataError
from arsip.archive.ingestion import ingest, reading_time, summary
from arsip.archive.project import Project
from arsip.archive.slugs import MAX_SLUG, make_slug
from arsip.clean.structure import Block

from conftest import arsip, tree_bytes

ESSAY = "essays/alone-together-paradoks-hubungan-manusia-modern.md"


def test_rerun_is_a_no_op(archive):
    before = tree_bytes(archive / "essays")
    report = ingest(Project(archive), [])
    assert {p.status for p in report.planned} == {"unchanged"}
    assert tree_bytes(archive / "essays") == before


def test_curator_edit_is_refused_then_forced(archive):
    path = archive / ESSAY
    edited = path.read_text(encoding="utf-8").replace("Era modern", "Zaman modern")
    path.write_text(edited, encoding="utf-8")
    res = arsip("--root", str(archive), "ingest")
    assert res.returncode == 1
    assert b"REFUSED: edited by a curator" in res.stdout
    assert path.read_text(encoding="utf-8") == edited
    check = arsip("--root", str(archive), "ingest", "--check")
    assert check.returncode == 1 and b"would change (edited by a curator)" in check.stdout
    assert path.read_text(encoding="utf-8") == edited
    forced = arsip("--root", str(archive), "ingest", "--force")
    assert forced.returncode == 0
    assert "Era modern" in path.read_text(encoding="utf-8")


def test_without_state_an_edited_essay_is_still_protected(archive):
    (archive / "essays" / ".ingest-state.json").unlink()
    path = archive / ESSAY
    edited = path.read_text(encoding="utf-8").replace("Era modern", "Zaman modern")
    path.write_text(edited, encoding="utf-8")
    report = ingest(Project(archive), [])
    assert [p.status for p in report.planned if p.path.name in ESSAY] == ["edited"]
    assert path.read_text(encoding="utf-8") == edited


def test_a_foreign_file_at_the_slug_is_left_alone(archive):
    (archive / "essays" / ".ingest-state.json").unlink()
    (archive / ESSAY).write_text("hand made\n", encoding="utf-8")
    report = ingest(Project(archive), [])
    assert (archive / ESSAY).read_text() == "hand made\n"
    assert report.planned[0].path.name == "alone-together-paradoks-hubungan-manusia-modern-2.md"


def test_check_mode_reports_rule_changes_without_writing(archive):
    before = tree_bytes(archive / "essays")
    manifest = archive / "raw" / "manifest.yml"
    data = yaml.safe_load(manifest.read_text())
    data["articles"][0]["themes"] = ["solidaritas-digital"]
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True))
    res = arsip("--root", str(archive), "ingest", "--check")
    assert res.returncode == 1 and b"would update" in res.stdout
    assert tree_bytes(archive / "essays") == before


def test_interrupted_write_leaves_every_essay_intact(archive, monkeypatch):
    manifest = archive / "raw" / "manifest.yml"
    data = yaml.safe_load(manifest.read_text())
    for a in data["articles"]:
        a["themes"] = ["teknologi-perubahan-sosial"]
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True))
    before = tree_bytes(archive / "essays")
    calls = []

    def crash(tmp, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full (simulated)")
    monkeypatch.setattr(fsutil, "_before_rename", crash)
    with pytest.raises(OSError):
        ingest(Project(archive), [])
    after = tree_bytes(archive / "essays")
    # the first essay was replaced whole; the rest are byte-identical; no temp file left
    changed = [k for k in before if before[k] != after[k]]
    assert len(changed) == 1
    assert set(after) == set(before)


def test_only_the_named_raw_file_is_ingested(archive):
    res = arsip("--root", str(archive), "ingest", str(archive / "raw/depokpos/002_d28bb8059df8ea10.txt"))
    assert res.returncode == 0 and res.stdout.decode().strip().endswith("1 unchanged")
    res = arsip("--root", str(archive), "ingest", str(archive / "raw/elsewhere.txt"))
    assert res.returncode == 2 and b"is not listed in raw/manifest.yml" in res.stderr


@pytest.mark.parametrize("change, message", [
    ({"source": "nope"}, "unknown source 'nope'"),
    ({"themes": ["nope"]}, "unknown theme(s) nope"),
    ({"url": "ftp://x"}, "url 'ftp://x' is not an http(s) address"),
    ({"raw": "../etc/passwd"}, "raw '../etc/passwd' must be a plain relative path"),
    ({"colour": "red"}, "unknown key(s) colour"),
])
def test_manifest_errors_name_the_entry(archive, change, message):
    manifest = archive / "raw" / "manifest.yml"
    data = yaml.safe_load(manifest.read_text())
    data["articles"][1].update(change)
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(DataError) as e:
        ingest(Project(archive), [])
    assert re.search(r"manifest\.yml:\d+: articles\[1\]", str(e.value)) and message in str(e.value)


def test_missing_title_asks_for_an_override(archive):
    manifest = archive / "raw" / "manifest.yml"
    data = yaml.safe_load(manifest.read_text())
    del data["articles"][2]["overrides"]
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(DataError, match="no headline found .* set overrides.title"):
        ingest(Project(archive), [])


def test_suggested_themes_when_curator_set_none(archive):
    manifest = archive / "raw" / "manifest.yml"
    data = yaml.safe_load(manifest.read_text())
    data["articles"][4]["themes"] = []
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True))
    report = ingest(Project(archive), [], force=True)
    assert report.planned[4].essay.meta["themes"][0] == "media-sosial-ekspresi-diri"


@pytest.mark.parametrize("title", [
    "../../etc/passwd", "a/b\\c", "nul\x00byte", "CON", "aux", "!!!???", "Солидарность", "团结",
    "x" * 1000, "Judul " * 200, "",
])
def test_slugs_are_safe(title):
    slug = make_slug(title, set())
    assert slug and len(slug.encode()) <= MAX_SLUG and slug.isascii()
    assert all(c.isalnum() or c == "-" for c in slug) and slug not in {"con", "aux", "nul"}


def test_slugs_are_unique():
    taken = set()
    for _ in range(3):
        taken.add(make_slug("Judul Sama", taken))
    assert taken == {"judul-sama", "judul-sama-2", "judul-sama-3"}


def test_summary_and_reading_time():
    long = "kata " * 100
    s = summary([Block("heading", "Judul"), Block("para", long.strip())])
    assert len(s) <= 200 and s.endswith("…") and not s.startswith("Judul")
    assert summary([Block("para", "Pendek saja.")]) == "Pendek saja."
    assert reading_time("kata " * 10) == 1
    assert reading_time("kata " * 401) == 3


def test_parallel_ingest_writes_what_one_process_writes(tmp_path):
    """`--jobs 2` cleans in worker processes; the essays and the state are byte for
    byte those of `--jobs 1`, and an error in a worker names its file."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import rawgen

    results = {}
    for jobs in (1, 2):
        project = rawgen.write_project(150, tmp_path / f"jobs{jobs}", seed=3)
        res = arsip("--root", str(project), "ingest", "--jobs", str(jobs))
        assert res.returncode == 0, res.stderr
        assert b"150 new" in res.stdout
        results[jobs] = tree_bytes(project / "essays")
    assert results[1] == results[2] and len(results[1]) == 151   # 150 essays and the state file

    broken = tmp_path / "jobs2" / "raw" / "kumparan"
    victim = sorted(broken.glob("*.txt"))[3]
    victim.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    before = tree_bytes(tmp_path / "jobs2" / "essays")
    res = arsip("--root", str(tmp_path / "jobs2"), "ingest", "--jobs", "2", "--force")
    assert res.returncode == 2
    assert f"raw/kumparan/{victim.name}: is a binary file".encode() in res.stderr
    assert tree_bytes(tmp_path / "jobs2" / "essays") == before


def test_jobs_must_be_a_count(archive):
    res = arsip("--root", str(archive), "ingest", "--jobs", "-1")
    assert res.returncode == 2 and b"not a number of processes" in res.stderr
