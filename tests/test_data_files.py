"""Rules, outlet profiles and themes are data files, validated when loaded."""
from __future__ import annotations

import pytest

from arsip.errors import DataError
from arsip.clean.rules import generic, load_source, load_sources, recognise
from arsip.archive.themes import load_themes, suggest

from conftest import ROOT

SEEDS = {
    "kumparan": "raw/kumparan/000_0edb4e42af27e81c.txt",
    "timesindonesia": "raw/timesindonesia/001_b943d5ab6f8cf309.txt",
    "depokpos": "raw/depokpos/002_d28bb8059df8ea10.txt",
    "wayahsinau": "raw/wayahsinau/003_7d83615ebe757490.txt",
    "gentaandalas": "raw/gentaandalas/004_d8c22d1e4a8e0c7d.txt",
}


def test_generic_rules_have_names_and_reasons():
    rules = generic().rules
    assert len(rules) >= 25
    assert all(r.name and len(r.reason) > 10 for r in rules)
    assert len({r.name for r in rules}) == len(rules)


def test_the_five_outlets_are_registered_and_recognised_from_text():
    sources = load_sources(ROOT / "data" / "sources")
    assert set(sources) == set(SEEDS)
    for sid, raw in SEEDS.items():
        text = (ROOT / raw).read_text(encoding="utf-8")
        assert recognise(text, sources).id == sid
        assert sources[sid].kind and sources[sid].description


@pytest.mark.parametrize("body, message", [
    ("id: x\nname: X\nkind: blog\ndescription: d\ncolour: red\n", "unknown key(s) colour"),
    ("id: x\nname: X\nkind: koran\ndescription: d\n", "kind: 'koran' is not one of"),
    ("id: y\nname: X\nkind: blog\ndescription: d\n", "does not match the file name"),
    ("id: x\nname: X\nkind: blog\ndescription: d\nhomepage: javascript:x\n", "homepage"),
    ("id: x\nname: X\nkind: blog\ndescription: d\nprofile:\n  rules:\n    - {name: a, reason: r, effect: drop, pattern: x}\n",
     "effect must be one of"),
    ("id: x\nname: X\nkind: blog\ndescription: d\nprofile:\n  rules:\n    - {name: a, reason: r, effect: noise, pattern: '(x'}\n",
     "invalid regular expression"),
    ("id: x\nname: X\nkind: blog\ndescription: d\nprofile:\n  rules:\n    - {name: a, reason: r, effect: credit, pattern: 'x'}\n",
     "needs a named group (?P<who>"),
    ("id: x\nname: [unclosed\n", "invalid YAML"),
])
def test_invalid_source_file_names_file_and_problem(tmp_path, body, message):
    path = tmp_path / "x.yml"
    path.write_text(body)
    with pytest.raises(DataError) as e:
        load_source(path)
    assert str(e.value).startswith(str(path)) and message in str(e.value)


def test_themes_file():
    themes = load_themes(ROOT / "data" / "themes.yml")
    assert 4 <= len(themes) <= 6
    for t in themes.values():
        assert t.name and t.description and t.keywords


def test_theme_suggestion_is_stem_aware():
    themes = load_themes(ROOT / "data" / "themes.yml")
    # "kesepian", "kesendirian", "terasingkan" only meet the keywords through their stems
    text = "Ia merasakan kesepian dan kesendirian yang panjang, terasingkan dari teman-temannya. " * 3
    assert suggest(text, themes)[0] == "kesepian-keterasingan"
    text = "Gerakan berdonasi dan kepedulian warga tumbuh; solidaritas terasa nyata. " * 3
    assert suggest(text, themes)[0] == "solidaritas-digital"


def test_bad_theme_file(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text("themes:\n  - {id: A B, name: x, description: y, keywords: [z]}\n")
    with pytest.raises(DataError, match="themes\\[0\\]: theme id 'A B' must be"):
        load_themes(path)
