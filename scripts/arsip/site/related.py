"""Related essays: shared themes first, then how alike the texts are.

Each essay becomes a TF-IDF vector over its words' Sastrawi roots (the same stems
search uses; Sastrawi handles Indonesian affixes better than Snowball), with
sublinear term frequency and without roots that nearly every essay uses. Only an
essay's ``TOP_TERMS`` heaviest roots are kept: similar essays share their
characteristic words, and short vectors keep the comparison fast at 10,000 essays.

The score of a candidate is its cosine similarity plus ``THEME_WEIGHT`` for every
theme it shares; ties go to the newer essay, then the title (catalog order), so the
result does not depend on the order essays were loaded in. Scores are rounded to
12 decimals before the tie-break, so the order in which floating-point sums were
added never decides.

Similarities are computed a block of essays at a time, as a product of sparse
matrices (scipy), with no Python loop per root. :class:`RelatedIndex` keeps the
vectors and each essay's ``KEEP`` best candidates between the rebuilds of `mkdocs
serve`, and after an edit recomputes only the essays whose vector changed, and
those whose kept candidates no longer decide their list; its results are always
those of :func:`related` on the same catalog (tests/test_related.py).
"""
from __future__ import annotations

import math
from collections import Counter
from operator import itemgetter

import numpy as np
from scipy import sparse

from .catalog import Catalog, Entry
from .search import root_counts

LIMIT = 3
TOP_TERMS = 40
#: a root in more than this share of essays says nothing about what an essay is about
MAX_DF = 0.5
THEME_WEIGHT = 0.35
#: shorter roots ("di", "ke") are particles, not topics
MIN_ROOT = 3
#: candidates kept per essay between rebuilds (enough that an edit rarely needs more)
KEEP = 12
#: essays whose similarities are computed together (a block is BLOCK x N floats)
BLOCK = 256
#: vectors of at most this many cells (essays x distinct roots) are multiplied dense
DENSE_CELLS = 40_000_000


def _counts(entry: Entry) -> Counter:
    """The essay's root counts, as search counts them (the same object: at 10,000
    essays a filtered copy of each took 100 MB); roots shorter than ``MIN_ROOT`` get
    no weight (:func:`idf`)."""
    return root_counts(entry)


def idf(df: Counter, n: int) -> dict[str, float]:
    """Inverse document frequency of the roots that say something (not in nearly every essay)."""
    limit = max(2, MAX_DF * n)
    return {t: math.log(n / k) for t, k in df.items() if k <= limit and k < n and len(t) >= MIN_ROOT}


_LOG = [0.0] + [1 + math.log(k) for k in range(1, 256)]


def _vector(c: Counter, idf: dict[str, float]) -> dict[str, float]:
    weights = {t: (_LOG[k] if k < 256 else 1 + math.log(k)) * idf[t] for t, k in c.items() if t in idf}
    top = sorted(sorted(weights.items()), key=itemgetter(1), reverse=True)[:TOP_TERMS]   # ties by root
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def vectors(entries: list[Entry]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors, truncated to each essay's heaviest roots."""
    counts = [_counts(e) for e in entries]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    weights = idf(df, len(entries))
    return [_vector(c, weights) for c in counts]


def related(catalog: Catalog, limit: int = LIMIT) -> dict[str, list[Entry]]:
    """slug -> up to ``limit`` related essays, best first."""
    index = RelatedIndex(limit)
    return index.update(catalog)


class RelatedIndex:
    """Related essays, kept up to date across rebuilds (see the module docstring)."""

    def __init__(self, limit: int = LIMIT):
        self.limit = limit
        self.slugs: list[str] = []
        self.theme_ids: list[str] = []
        self.n = 0
        self.full_runs = 0              # how many updates recomputed everything
        self.rows_computed = 0          # essays whose similarities the last update computed

    # --- state ---------------------------------------------------------------------

    def _setup(self, catalog: Catalog) -> None:
        entries = catalog.entries
        self.slugs = [e.slug for e in entries]
        self.n = len(entries)
        self.counts = [_counts(e) for e in entries]
        self.df = Counter()
        for c in self.counts:
            self.df.update(c.keys())
        self.theme_ids = list(catalog.themes)
        self.themes = np.zeros((self.n, len(self.theme_ids)), dtype=np.float64)
        col = {tid: k for k, tid in enumerate(self.theme_ids)}
        for i, e in enumerate(entries):
            for t in e.themes:
                self.themes[i, col[t.id]] = 1.0
        self.theme_sets = [tuple(t.id for t in e.themes) for e in entries]
        weights = idf(self.df, self.n)
        self.vecs = [_vector(c, weights) for c in self.counts]
        self._postings()
        self.tiebreak = -np.arange(self.n, dtype=np.float64) * 1e-9

    def _postings(self, changed: set[int] | None = None) -> None:
        """The vectors as a sparse matrix (essays x roots) and its transpose; with
        ``changed``, only those essays' rows, in place, when the matrix is dense and
        their roots all have a column already (else everything again)."""
        if changed is not None and self.dense and all(t in self.terms for i in changed for t in self.vecs[i]):
            for i in changed:
                self.matrix[i] = 0.0
                self.matrix_t[:, i] = 0.0
                for t, w in self.vecs[i].items():
                    c = self.terms[t]
                    self.matrix[i, c] = self.matrix_t[c, i] = w
            return
        self.terms = terms = {}
        rows, cols, weights = [], [], []
        for i, v in enumerate(self.vecs):
            for t, w in v.items():
                rows.append(i)
                cols.append(terms.setdefault(t, len(terms)))
                weights.append(w)
        self.matrix = sparse.csr_matrix((np.asarray(weights, dtype=np.float64),
                                         (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
                                        shape=(self.n, len(terms)))
        # a small vocabulary fits in a dense matrix, and BLAS multiplies it faster
        self.dense = dense = self.n * len(terms) <= DENSE_CELLS
        self.matrix_t = self.matrix.T.toarray() if dense else self.matrix.T.tocsr()
        if dense:
            self.matrix = self.matrix.toarray()

    # --- scoring -------------------------------------------------------------------

    def _scores(self, rows: np.ndarray, tiebreak: bool = True) -> np.ndarray:
        """The candidates' scores for each essay in ``rows``: a dense (len(rows), n)
        block (``tiebreak=False``: without the candidates' tie-break)."""
        scores = self.matrix[rows] @ self.matrix_t
        if sparse.issparse(scores):
            scores = scores.toarray()
        if self.themes.shape[1]:
            scores += THEME_WEIGHT * (self.themes[rows] @ self.themes.T)
        np.round(scores, 12, out=scores)
        if tiebreak:
            scores += self.tiebreak
        scores[np.arange(len(rows)), rows] = -np.inf
        return scores

    def _best(self, rows: np.ndarray) -> None:
        """Compute and keep the best ``KEEP`` candidates of each essay in ``rows``, and
        the bound (``floor``) no candidate left out can exceed."""
        keep = self.kept_idx.shape[1]
        for start in range(0, len(rows), BLOCK):
            block = rows[start:start + BLOCK]
            scores = self._scores(block)
            if keep < self.n - 1:
                idx = np.argpartition(-scores, keep - 1, axis=1)[:, :keep]
            else:
                idx = np.argsort(-scores, axis=1)[:, :keep]
            vals = np.take_along_axis(scores, idx, axis=1)
            order = np.argsort(-vals, axis=1, kind="stable")
            self.kept_idx[block] = np.take_along_axis(idx, order, axis=1)
            self.kept_val[block] = np.take_along_axis(vals, order, axis=1)
            self.floor[block] = self.kept_val[block, -1] if keep < self.n - 1 else -np.inf
            self.rows_computed += len(block)

    def _lists(self, catalog: Catalog) -> dict[str, list[Entry]]:
        entries = catalog.entries
        # each row is sorted by score, best first: the related essays are its first
        # ones scoring above zero (read as Python lists at once: no per-item numpy)
        idx = self.kept_idx[:, :self.limit].tolist()
        above = (self.kept_val[:, :self.limit] > 0).sum(axis=1).tolist()
        return {e.slug: [entries[j] for j in idx[i][:above[i]]] for i, e in enumerate(entries)}

    # --- updates -------------------------------------------------------------------

    def update(self, catalog: Catalog) -> dict[str, list[Entry]]:
        """Related essays of every essay of ``catalog``; recomputes what changed since
        the last call (everything on the first, or when essays were added, removed or
        reordered, the themes changed, or many vectors changed)."""
        self.rows_computed = 0
        entries = catalog.entries
        if ([e.slug for e in entries] != self.slugs or list(catalog.themes) != self.theme_ids
                or self.n < 2):
            return self._full(catalog)
        counts = [_counts(e) for e in entries]
        theme_sets = [tuple(t.id for t in e.themes) for e in entries]
        touched = [i for i in range(self.n) if (counts[i] is not self.counts[i] and counts[i] != self.counts[i])
                   or theme_sets[i] != self.theme_sets[i]]
        self.counts = counts
        if not touched:
            return self._lists(catalog)
        # document frequencies change only for roots that came to or left a touched essay
        came_or_went: set[str] = set()
        for i in touched:
            came_or_went |= self._old_counts(i).keys() ^ counts[i].keys()
        df = self.df                      # kept up to date: only the touched essays' roots move
        for i in touched:
            df.subtract(self._old_counts(i).keys())
            df.update(counts[i].keys())
        for t in came_or_went:
            if df[t] <= 0:
                del df[t]
        changed_set = set(touched)
        if came_or_went := {t for t in came_or_went if len(t) >= MIN_ROOT}:     # weighed roots only
            changed_set.update(i for i, c in enumerate(counts) if not came_or_went.isdisjoint(c))
        if len(changed_set) > min(4 * BLOCK, self.n // 4):
            return self._full(catalog)
        col = {tid: k for k, tid in enumerate(self.theme_ids)}
        for i in touched:
            self.theme_sets[i] = theme_sets[i]
            self.themes[i] = 0.0
            for t in entries[i].themes:
                self.themes[i, col[t.id]] = 1.0
        weights = idf(df, self.n)
        for i in changed_set:
            self.vecs[i] = _vector(counts[i], weights)
        self._postings(changed_set)
        self._remember_counts()
        changed = np.asarray(sorted(changed_set), dtype=np.int64)
        is_changed = np.zeros(self.n, dtype=bool)
        is_changed[changed] = True
        # score(j, a) for every changed a: row a without a's tie-break holds the
        # similarity and shared themes (symmetric); a's own tie-break is added
        fresh = np.empty((self.n, len(changed)))
        for start in range(0, len(changed), BLOCK):
            block = changed[start:start + BLOCK]
            fresh[:, start:start + len(block)] = (self._scores(block, tiebreak=False) + self.tiebreak[block, None]).T
        kept_val = np.where(is_changed[self.kept_idx], -np.inf, self.kept_val)
        cand_val = np.hstack([kept_val, fresh])
        cand_idx = np.hstack([self.kept_idx, np.broadcast_to(changed, (self.n, len(changed)))])
        order = np.argsort(-cand_val, axis=1, kind="stable")
        vals = np.take_along_axis(cand_val, order, axis=1)
        idxs = np.take_along_axis(cand_idx, order, axis=1)
        # a candidate that was not kept scores at most the row's floor: the merged list
        # is certain down to the floor, and the visible list must lie above it
        exact = (vals > self.floor[:, None]).sum(axis=1)
        certain = (self.floor <= 0) | (exact >= self.limit)
        keep = self.kept_idx.shape[1]
        ok = certain & ~is_changed
        rows = np.nonzero(ok)[0]
        new_val = vals[rows, :keep].copy()
        new_idx = idxs[rows, :keep].copy()
        unknown = np.arange(keep)[None, :] >= exact[rows, None]
        new_val[unknown] = -np.inf
        self.kept_val[rows], self.kept_idx[rows] = new_val, new_idx
        dropped = np.where(exact[rows] > keep, vals[rows, min(keep, vals.shape[1] - 1)], -np.inf)
        self.floor[rows] = np.maximum(self.floor[rows], dropped)
        self._best(np.nonzero(~ok)[0])
        return self._lists(catalog)

    def _old_counts(self, i: int) -> Counter:
        return self._counts_before[i]

    def _remember_counts(self) -> None:
        self._counts_before = list(self.counts)

    def _full(self, catalog: Catalog) -> dict[str, list[Entry]]:
        self._setup(catalog)
        self._remember_counts()
        self.full_runs += 1
        keep = max(0, min(KEEP, self.n - 1))
        self.kept_idx = np.zeros((self.n, keep), dtype=np.int64)
        self.kept_val = np.full((self.n, keep), -np.inf)
        self.floor = np.full(self.n, -np.inf)
        if self.n >= 2 and keep:
            self._best(np.arange(self.n, dtype=np.int64))
        return self._lists(catalog)
