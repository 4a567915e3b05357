"""Related essays kept up to date across rebuilds equal those computed from scratch."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from arsip.site.catalog import catalog_of
from arsip.site.related import KEEP, RelatedIndex, related

from test_reader import GROUPS, synthetic_catalog

WORDS = " ".join(GROUPS.values()).split() + "hujan sekolah pasar sawah kota desa nelayan".split()


def essays_of(cat):
    return [(e.essay, e.path) for e in cat.entries]


def edited(essay, rng, themes):
    """The essay with some words added or removed, and sometimes other themes."""
    words = essay.body.split()
    if rng.random() < 0.5:
        words += rng.sample(WORDS, rng.randint(1, 6))
    else:
        for _ in range(rng.randint(1, 8)):
            if len(words) > 5:
                words.pop(rng.randrange(len(words)))
    meta = dict(essay.meta)
    if rng.random() < 0.3:
        meta["themes"] = rng.sample(themes, rng.randint(1, 2))
    return replace(essay, meta=meta, body=" ".join(words) + "\n")


def slugs(result):
    return {k: [e.slug for e in v] for k, v in result.items()}


@pytest.mark.parametrize("seed", range(6))
def test_updates_equal_a_fresh_computation(seed):
    rng = random.Random(seed)
    cat = synthetic_catalog(n_per_group=12 if seed % 2 else 40)
    themes, sources = cat.themes, cat.sources
    index = RelatedIndex()
    assert slugs(index.update(cat)) == slugs(related(cat))
    essays = essays_of(cat)
    partial = 0
    for _ in range(25):
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            k = rng.randrange(len(essays))
            essays[k] = (edited(essays[k][0], rng, list(themes)), essays[k][1])
        cat = catalog_of(essays, themes, sources)
        got = index.update(cat)
        partial += index.rows_computed < len(essays)
        assert slugs(got) == slugs(related(cat))
    assert partial > 0                  # most updates did not recompute every essay


def test_an_unchanged_catalog_computes_nothing():
    cat = synthetic_catalog()
    index = RelatedIndex()
    first = slugs(index.update(cat))
    again = catalog_of(essays_of(cat), cat.themes, cat.sources)
    assert slugs(index.update(again)) == first and index.rows_computed == 0


def test_adding_an_essay_recomputes_everything():
    cat = synthetic_catalog(n_per_group=10)
    index = RelatedIndex()
    index.update(cat)
    essays = essays_of(cat)
    extra = replace(essays[0][0], slug="tambahan", meta={**essays[0][0].meta, "title": "Esai Tambahan"})
    cat2 = catalog_of(essays + [(extra, essays[0][1].with_name("tambahan.md"))], cat.themes, cat.sources)
    assert slugs(index.update(cat2)) == slugs(related(cat2)) and index.full_runs == 2


def test_keep_is_more_than_shown():
    assert KEEP > 3
