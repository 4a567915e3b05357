"""The essay file format: written with a YAML library, parsed back to the same data."""
from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from arsip.boundary import text_problem
from arsip.errors import DataError
from arsip.archive.essay import Essay, dump, load, parse, validate

from conftest import ROOT

BASE = {
    "title": "Judul",
    "authors": [{"name": "Nama Penulis", "affiliation": None}],
    "date": "2025-05-08T16:35:00+07:00",
    "source": {"id": "kumparan", "name": "kumparan", "section": None, "url": None},
    "retrieved": None,
    "themes": ["kesepian-keterasingan"],
    "tags": [],
    "language": "id",
    "summary": "Ringkasan.",
    "reading_time": 1,
    "raw": {"path": "raw/kumparan/a.txt", "sha256": "0" * 64},
}

TRICKY = [
    "Alone Together: Paradoks Hubungan Manusia Modern",
    "Judul dengan 'kutip' dan \"kutip ganda\" # bukan komentar",
    "!tag di awal", "&anchor", "*alias", "@mention", "%persen", "`kode`", "- bukan daftar",
    "yes", "null", "2025-05-08", "1e3", "---", "...", "{a: b}", "[x]", "Ω" * 300,
    "Солидарность", "团结", "التضامن", "नमस्ते", "🙂 emoji",
]


@pytest.mark.parametrize("title", TRICKY)
def test_tricky_strings_round_trip(title, tmp_path):
    meta = copy.deepcopy(BASE)
    meta["title"] = title[:300]
    meta["authors"][0]["name"] = title[:120]
    meta["tags"] = [title[:80]]
    text = dump(Essay("judul", meta, "Isi.\n"))
    path = tmp_path / "judul.md"
    path.write_text(text, encoding="utf-8")
    assert load(path).meta == meta


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda s: s.strip() and not text_problem(s)))
def test_any_title_round_trips(title):
    meta = dict(BASE, title=title)
    essay = parse(dump(Essay("x", meta, "Isi.\n")), "x.md")
    assert essay.meta["title"] == title


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda s: s.strip() and text_problem(s)))
def test_a_title_with_a_control_character_is_refused(title):
    """Line breaks, controls and non-characters break feeds and pages: one clear error."""
    with pytest.raises(DataError, match=r"^x\.md: title: holds "):
        parse(dump(Essay("x", dict(BASE, title=title), "Isi.\n")), "x.md")


def test_committed_essays_validate():
    essays = sorted((ROOT / "essays").glob("*.md"))
    assert len(essays) == 5
    for path in essays:
        essay = load(path)
        assert essay.slug == path.stem
        assert essay.body.strip()


@pytest.mark.parametrize("change, field", [
    ({"date": "2025-13-01"}, "date"),
    ({"date": "8 Mei 2025"}, "date"),
    ({"themes": []}, "themes"),
    ({"language": "en"}, "language"),
    ({"reading_time": 0}, "reading_time"),
    ({"source": {"id": "kumparan", "name": "kumparan", "section": None, "url": "javascript:alert(1)"}}, "source.url"),
    ({"extra": 1}, "front matter"),
    ({"title": ""}, "title"),
])
def test_invalid_front_matter_names_the_field(change, field):
    meta = dict(copy.deepcopy(BASE), **change)
    with pytest.raises(DataError) as e:
        validate(meta, "essays/x.md")
    assert str(e.value).startswith("essays/x.md: " + field)


def test_hand_written_unquoted_date_is_accepted():
    text = dump(Essay("x", BASE, "Isi.\n")).replace("date: '2025-05-08T16:35:00+07:00'", "date: 2025-05-08")
    assert parse(text, "x.md").meta["date"] == "2025-05-08"


def test_unknown_theme_and_source():
    with pytest.raises(DataError, match="unknown theme"):
        validate(BASE, "x.md", themes={"lain"})
    with pytest.raises(DataError, match="unknown source"):
        validate(BASE, "x.md", sources={"lain"})


def test_body_with_front_matter_delimiter_stays_in_body():
    essay = parse(dump(Essay("x", BASE, "Baris\n\n\\---\n\nlagi\n")), "x.md")
    assert "\\---" in essay.body


def test_yaml_is_loaded_safely(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\n\nIsi\n")
    with pytest.raises(DataError, match="invalid YAML"):
        load(path)
    assert yaml.safe_load("a: 1") == {"a": 1}


def test_the_fast_schema_check_agrees_with_the_explaining_one():
    """Front matters are checked by jsonschema-rs and explained by jsonschema only
    when rejected: the two must accept exactly the same ones."""
    import copy
    from pathlib import Path
    from arsip.archive.essay import _fast_validator, _validator, split_front_matter
    root = Path(__file__).resolve().parents[1]
    metas = [split_front_matter(p.read_text(encoding="utf-8"), p)[0] for p in sorted((root / "essays").glob("*.md"))]
    cases = list(metas)
    for meta in metas:
        for key in list(meta):
            dropped = copy.deepcopy(meta)
            del dropped[key]
            cases.append(dropped)
            for bad in (None, 5, "", "x" * 5000, [], {}, ["a"], True, 1.5):
                changed = copy.deepcopy(meta)
                changed[key] = bad
                cases.append(changed)
        extra = copy.deepcopy(meta)
        extra["unknown"] = 1
        cases.append(extra)
        if meta.get("authors"):
            for bad in ({"name": ""}, {"name": "A", "x": 1}, {"affiliation": "B"}, "Nama"):
                changed = copy.deepcopy(meta)
                changed["authors"] = [bad]
                cases.append(changed)
    fast, slow = _fast_validator(), _validator()
    verdicts = [(fast.is_valid(m), slow.is_valid(m)) for m in cases]
    assert sum(1 for f, s in verdicts if not s) > 50            # plenty of rejected ones
    assert [i for i, (f, s) in enumerate(verdicts) if f != s] == []
