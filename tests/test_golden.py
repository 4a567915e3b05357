"""Golden files: raw article in, expected output out (reviewed once by a person).

Regenerate with `make golden` and review the diff. The seed essays in essays/ are the
golden outputs of ingest: a fresh ingest must reproduce them byte for byte.
"""
from __future__ import annotations

import json

import pytest

from arsip.archive.ingestion import ingest
from arsip.archive.project import Project

from conftest import FIXTURES, ROOT, tree_bytes
from regen_golden import golden

GENERIC = sorted((FIXTURES / "generic").glob("*.txt"))


def test_ingest_reproduces_committed_essays(archive):
    for md in (archive / "essays").glob("*.md"):
        md.unlink()
    (archive / "essays" / ".ingest-state.json").unlink()
    report = ingest(Project(archive), [])
    assert len(report.planned) == 5
    assert tree_bytes(archive / "essays") == tree_bytes(ROOT / "essays")


def test_committed_essays_are_up_to_date_with_the_rules(archive):
    report = ingest(Project(archive), [], check=True)
    assert [p.path.name for p in report.changed] == []


@pytest.mark.parametrize("raw", GENERIC, ids=[p.stem for p in GENERIC])
def test_generic_page_matches_golden(raw):
    body, meta = golden(raw)
    assert body == raw.with_suffix(".expected.md").read_text(encoding="utf-8")
    assert json.loads(meta) == json.loads(raw.with_suffix(".expected.json").read_text(encoding="utf-8"))
