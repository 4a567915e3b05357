"""Related essays: shared themes first, then how alike the texts are.

Each essay becomes a TF-IDF vector over its words' Sastrawi roots (the same stems
search uses; Sastrawi handles Indonesian affixes better than Snowball), with
sublinear term frequency and without roots that nearly every essay uses. Only an
essay's ``TOP_TERMS`` heaviest roots are kept: similar essays share their
characteristic words, and short vectors keep the comparison fast at 10,000 essays.
Cosine similarity goes through an inverted index with numpy (one vectorised update
per root), so an essay is compared only with the essays that share one of its roots.

The score of a candidate is its cosine similarity plus ``THEME_WEIGHT`` for every
theme it shares; ties go to the newer essay, then the title, so the result does not
depend on the order essays were loaded in.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from .catalog import Catalog, Entry
from .search import root_counts

LIMIT = 3
TOP_TERMS = 40
#: a root in more than this share of essays says nothing about what an essay is about
MAX_DF = 0.5
THEME_WEIGHT = 0.35
#: shorter roots ("di", "ke") are particles, not topics
MIN_ROOT = 3


def vectors(entries: list[Entry]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors, truncated to each essay's heaviest roots."""
    counts = [Counter({t: k for t, k in root_counts(e).items() if len(t) >= MIN_ROOT}) for e in entries]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(entries)
    limit = max(2, MAX_DF * n)
    out = []
    for c in counts:
        weights = {t: (1 + math.log(k)) * math.log(n / df[t]) for t, k in c.items() if df[t] <= limit and df[t] < n}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        out.append({t: w / norm for t, w in top})
    return out


def related(catalog: Catalog, limit: int = LIMIT) -> dict[str, list[Entry]]:
    """slug -> up to ``limit`` related essays, best first."""
    entries = catalog.entries
    n = len(entries)
    if n < 2:
        return {e.slug: [] for e in entries}
    vecs = vectors(entries)
    postings: dict[str, tuple[list[int], list[float]]] = {}
    for i, v in enumerate(vecs):
        for t, w in v.items():
            docs, ws = postings.setdefault(t, ([], []))
            docs.append(i)
            ws.append(w)
    index = {t: (np.asarray(d, dtype=np.int64), np.asarray(w, dtype=np.float64)) for t, (d, w) in postings.items()}
    themes = np.zeros((n, len(catalog.themes)), dtype=np.float64)
    col = {tid: k for k, tid in enumerate(catalog.themes)}
    for i, e in enumerate(entries):
        for t in e.themes:
            themes[i, col[t.id]] = 1.0
    # catalog order is newest first: a smaller position wins a tie
    tiebreak = -np.arange(n, dtype=np.float64) * 1e-9
    out: dict[str, list[Entry]] = {}
    scores = np.zeros(n, dtype=np.float64)
    for i, v in enumerate(vecs):
        scores[:] = 0.0
        for t, w in v.items():
            docs, ws = index[t]
            scores[docs] += w * ws
        scores += THEME_WEIGHT * (themes @ themes[i]) + tiebreak
        scores[i] = -np.inf
        k = min(limit, n - 1)
        best = np.argpartition(-scores, k - 1)[:k] if k < n - 1 else np.arange(n)
        best = sorted((int(j) for j in best if j != i and scores[j] > 0), key=lambda j: -scores[j])[:limit]
        out[entries[i].slug] = [entries[j] for j in best]
    return out
