"""The search data the build writes: root blocks and the sharded word -> root map."""
from __future__ import annotations

import json

from arsip.site.catalog import build_catalog
from arsip.clean.rules import load_sources
from arsip.site.search import MARK, Vocabulary, fnv1a, root_block, root_files
from arsip.archive.themes import load_themes, stem

from conftest import ROOT


def catalog():
    return build_catalog(ROOT / "essays", load_themes(ROOT / "data" / "themes.yml"),
                         load_sources(ROOT / "data" / "sources"))


def test_fnv1a_known_values():
    # reference values of 32-bit FNV-1a
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_root_block_marks_roots_of_the_whole_essay():
    entry = catalog().entry("alone-together-paradoks-hubungan-manusia-modern")
    block = root_block(entry).split()
    assert all(t.startswith(MARK) for t in block)
    assert {MARK + "sepi", MARK + "hubung", MARK + "muhammad", MARK + "adil"} <= set(block)
    assert max(block.count(t) for t in set(block)) <= 3


def test_root_files_map_every_word_in_its_shard():
    files = root_files(catalog())
    index = json.loads(files["akar/index.json"])
    shards = index["shards"]
    assert shards & (shards - 1) == 0 and index["mark"] == MARK
    for word in ("kesepian", "keterhubungan", "solidaritas", "twitter"):
        shard = json.loads(files[f"akar/{fnv1a(word) % shards}.json"])
        assert (shard[word] or word) == stem(word)
    kamus = json.loads(files["akar/kamus.json"])
    assert "sepi" in kamus and "hubung" in kamus and kamus == sorted(kamus)
    total = sum(len(json.loads(v)) for k, v in files.items() if k.split("/")[1][0].isdigit())
    assert total == index["words"]


def test_the_vocabulary_kept_across_rebuilds_makes_the_same_files(tmp_path):
    """What `mkdocs serve` keeps between rebuilds (word counts of each essay, moved by
    the essays that changed) makes the same word -> root map as a fresh build, after
    an edit that adds a word, one that changes none, a removal and a new essay."""
    import shutil
    from arsip.site.incremental import EssayStore
    shutil.copytree(ROOT / "essays", tmp_path / "essays")
    themes, sources = load_themes(ROOT / "data" / "themes.yml"), load_sources(ROOT / "data" / "sources")
    store, kept = EssayStore(), Vocabulary()
    paths = sorted((tmp_path / "essays").glob("*.md"))

    def check(indexes=1):
        from arsip.site.catalog import catalog_of
        cat = catalog_of(store.load(tmp_path / "essays", themes, sources), themes, sources)
        files = kept.root_files(cat, indexes)
        assert files == root_files(cat, indexes)
        return files

    assert "zzkatabaru" not in json.dumps([v.decode() for v in check().values()])
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\nZzkatabaru muncul di sini.\n", encoding="utf-8")
    assert "zzkatabaru" in json.dumps([v.decode() for v in check().values()])
    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\nSolidaritas.\n", encoding="utf-8")
    check()
    paths[0].unlink()
    assert "zzkatabaru" not in json.dumps([v.decode() for v in check().values()])
    shutil.copy(paths[2], tmp_path / "essays" / "salinan-baru.md")
    text = (tmp_path / "essays" / "salinan-baru.md").read_text(encoding="utf-8")
    title = next(ln for ln in text.splitlines() if ln.startswith("title:"))
    (tmp_path / "essays" / "salinan-baru.md").write_text(text.replace(title, "title: Salinan Baru Zzlain"), encoding="utf-8")
    check(indexes=2)
