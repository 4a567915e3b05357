"""Search that understands Indonesian morphology, on top of Pagefind.

Pagefind's own Indonesian stemmer (Snowball) is weak on derivation: "keterhubungan"
stems to "terhubung" but "terhubung" to "hubung". So what Pagefind indexes of an
essay is the Sastrawi root of each of its words, written with a marker
(``qzhubung``); the browser looks the query's words up in the same word -> root map
(``akar/*.json``, sharded so a query loads one small file) and searches the marked
roots. Words the archive does not contain are stemmed in the browser by the same
algorithm (vendored sastrawijs) against the archive's roots (``akar/kamus.json``).

Essays go to Pagefind as records (its service mode, ``pagefind_service.py``), built
from the catalog rather than from the written pages: indexing runs beside the
page rendering, the pages carry no hidden copy of their words, and a big archive
is indexed in shards of bounded memory.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import tempfile
import shutil
import threading
import time
from collections import Counter
from operator import itemgetter
from pathlib import Path
from sys import intern

from ..archive import stem
from .catalog import UNDATED, Catalog, Entry
from .pagefind_service import Index, PagefindError

#: Prefix of a root token in the hidden block; no Indonesian or English word starts so.
MARK = "qz"
#: A root is repeated at most this often in an essay's block (term frequency saturates).
MAX_REPEAT = 3
#: Target number of words per shard of the word -> root map.
SHARD_WORDS = 400
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def fnv1a(word: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; the browser computes the same (arsip/pencarian.mjs)."""
    h = 0x811C9DC5
    for b in word.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``, interned: the word counts kept for every essay
    share one string per word (at 10,000 essays 120 MB less than a copy per essay)."""
    return [intern(w.lower()) for w in WORD.findall(text)]


def indexed_text(entry: Entry) -> str:
    """Everything of an essay that search matches: title, people, outlet, themes, body."""
    m = entry.meta
    parts = [m["title"], entry.source.name, m["source"]["section"] or "", " ".join(m["tags"]),
             " ".join(t.name for t in entry.themes), entry.essay.body]
    parts += [f"{a['name']} {a.get('affiliation') or ''}" for a in m["authors"]]
    return "\n".join(parts)


def _word_counts(entry: Entry) -> Counter:
    """How often each word occurs in what search matches of an essay. Kept on the
    essay itself, which the site plugin reuses across the rebuilds of `mkdocs serve`
    while its file is unchanged (and drops when the outlets or themes change)."""
    found = entry.essay.__dict__.get("_word_counts")
    if found is None:
        found = entry.essay.__dict__["_word_counts"] = Counter(words(indexed_text(entry)))
    return found


def root_counts(entry: Entry) -> Counter:
    """How often each Sastrawi root occurs in what search matches of an essay
    (computed once per essay: the root block and related essays both use it)."""
    found = entry.essay.__dict__.get("_root_counts")
    if found is None:
        # words are counted first: an essay uses each a few times, and stemming a
        # word (even from the cache) costs more than counting it
        # (into a dict: Counter's += on a new key calls its __missing__ in Python)
        roots: dict[str, int] = {}
        get = roots.get
        for w, n in _word_counts(entry).items():
            if len(w) > 1:
                root = stem(w)
                roots[root] = get(root, 0) + n
        found = entry.essay.__dict__["_root_counts"] = Counter(roots)
    return found


def root_block(entry: Entry) -> str:
    """What Pagefind indexes of an essay: its words' roots, marked, most frequent first
    (ties in alphabetical order)."""
    counts = root_counts(entry)
    ordered = sorted(sorted(counts.items()), key=itemgetter(1), reverse=True)     # stable: ties stay sorted
    return " ".join(" ".join([MARK + root] * min(n, MAX_REPEAT)) for root, n in ordered)


def root_files(catalog: Catalog, indexes: int = 1) -> dict[str, bytes]:
    """``akar/index.json`` (the map's shards, the marker, the Pagefind bundles to
    search), ``akar/<n>.json`` (word -> root, '' when the word is a root) and
    ``akar/kamus.json`` (all roots, for stemming words the archive lacks)."""
    return _root_files(sorted({w for e in catalog.entries for w in _word_counts(e)}), indexes)


class Vocabulary:
    """The archive's words across the rebuilds of `mkdocs serve`: how many essays hold
    each, moved only by the essays that changed (an unchanged essay keeps its parsed
    object and so its word counts), and :func:`root_files` made again only when a
    word came or went. Equal to ``root_files(catalog, indexes)`` after every update."""

    def __init__(self):
        self.counts: dict[str, Counter] = {}       # slug -> the essay's word counts
        self.df: Counter = Counter()               # word -> how many essays hold it
        self.words: set[str] = set()               # the words the files were made of
        self.files: dict[str, bytes] | None = None
        self.indexes = 0

    def root_files(self, catalog: Catalog, indexes: int = 1) -> dict[str, bytes]:
        counts = {e.slug: _word_counts(e) for e in catalog.entries}
        for slug, old in self.counts.items():
            if counts.get(slug) is not old:
                self.df.subtract(old.keys())
        for slug, new in counts.items():
            if self.counts.get(slug) is not new:
                self.df.update(new.keys())
        self.counts = counts
        for w in [w for w, n in self.df.items() if n <= 0]:
            del self.df[w]
        if self.files is None or indexes != self.indexes or self.words != self.df.keys():
            self.files, self.indexes, self.words = _root_files(sorted(self.df), indexes), indexes, set(self.df)
        return self.files


def _root_files(vocabulary: list[str], indexes: int) -> dict[str, bytes]:
    mapping = {w: stem(w) for w in vocabulary}
    shards = 1
    while len(vocabulary) / shards > SHARD_WORDS:
        shards *= 2
    parts: list[dict[str, str]] = [{} for _ in range(shards)]
    for w, root in mapping.items():
        parts[fnv1a(w) % shards][w] = "" if root == w else root
    out = {"akar/index.json": _json({"shards": shards, "mark": MARK, "words": len(vocabulary),
                                     "indexes": [bundle(k) + "/" for k in range(indexes)]})}
    for i, part in enumerate(parts):
        out[f"akar/{i}.json"] = _json(part)
    out["akar/kamus.json"] = _json(sorted(set(mapping.values())))
    return out


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


#: Essays in one Pagefind index. A bigger archive is indexed in shards, one after
#: another (Pagefind keeps a whole index in memory until it writes it), which the
#: browser merges (``mergeIndex``); each essay's shard follows from its slug.
SHARD_SIZE = 3500
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s?)|[*_`]+|\\(?=[\\`*_{}\[\]()#+\-.!<>])",
                       re.MULTILINE)


def plain_text(markdown: str) -> str:
    """An essay's Markdown as the text a reader sees (for search excerpts): no heading,
    list or emphasis marks, a link's text without its address."""
    text = _MD_MARKS.sub("", _MD_LINK.sub(r"\1", markdown))
    return re.sub(r"[ \t]*\n[ \t]*\n\s*", "\n", text).strip()


def excerpt_text(entry: Entry) -> bytes:
    """``esai/<slug>/teks.gz``: the essay as plain text, gzip-compressed (a third of
    its size: the browser fetches ten of them for a first query), which the browser
    cuts search excerpts from. Not a Pagefind metadata field: Pagefind indexes
    metadata too, and the text there doubled its time and memory. Compressed here,
    not by the server: static hosts serve ``.txt`` uncompressed more often than not;
    ``mtime=0`` keeps the bytes the same from build to build."""
    text = f"{entry.title}\n{plain_text(entry.essay.body)}\n".encode("utf-8")
    return gzip.compress(text, compresslevel=9, mtime=0)


def record(entry: Entry, shard: int | None = None) -> dict:
    """What search knows of an essay: the marked roots it matches (``content``), what a
    result shows (``meta``; the excerpt is cut from :func:`excerpt_text`), the facets
    and the date to sort by; with ``shard``, the ``indeks`` filter naming it (a sorted
    search asks each shard on its own, see pencarian.mjs). Made when it is sent to
    Pagefind and not kept: 10,000 records are a few hundred MB."""
    r = _record(entry)
    if shard is not None:
        r["filters"][SHARD_FILTER] = [str(shard + 1)]
    return r


def record_digest(entry: Entry) -> str:
    """A fingerprint of :func:`record`, kept on the essay (which the plugin reuses
    across the rebuilds of `mkdocs serve` while its file is unchanged)."""
    found = entry.essay.__dict__.get("_record_digest")
    if found is None:
        found = entry.essay.__dict__["_record_digest"] = hashlib.blake2b(
            json.dumps(_record(entry), ensure_ascii=False, sort_keys=True).encode("utf-8"),
            digest_size=16).hexdigest()
    return found


def _record(entry: Entry) -> dict:
    m = entry.meta
    authors = [a.name for a, _ in entry.authors]
    meta = {"title": entry.title, "sumber": entry.source.name, "ringkasan": m["summary"]}
    if authors:
        meta["penulis"] = ", ".join(authors)
    if entry.date:
        meta["tanggal"] = entry.date_id
        meta["urut"] = entry.date[:10]      # the browser merges the sorted results of several shards by it
    return {"url": f"/{entry.url}", "content": root_block(entry), "meta": meta,
            "filters": {"penulis": authors, "sumber": [entry.source.name], "tema": [t.name for t in entry.themes],
                        "tahun": [str(entry.year) if entry.year else UNDATED]},
            "sort": {"tanggal": entry.date[:10]} if entry.date else {}}


#: the filter naming a record's shard (1, 2, ...)
SHARD_FILTER = "indeks"


def shard_count(essays: int, size: int = SHARD_SIZE) -> int:
    return max(1, -(-essays // max(1, size)))


def shard_of(slug: str, shards: int) -> int:
    return fnv1a(slug) % shards


def bundle(k: int) -> str:
    """The folder of shard ``k`` in the site: ``pagefind``, ``pagefind-2``, ..."""
    return "pagefind" if k == 0 else f"pagefind-{k + 1}"


def index_shards(shards: dict[int, list[Entry]], staging: Path, cancelled=lambda: False) -> dict[int, float]:
    """Index each shard's essays into ``staging/<bundle>``, one Pagefind process at a
    time, each record made as it is sent; seconds per shard. Raises :class:`PagefindError`."""
    seconds = {}
    for k, entries in sorted(shards.items()):
        records = (record(e, k) for e in entries)
        if cancelled():
            break
        start = time.perf_counter()
        out = Path(staging) / bundle(k)
        shutil.rmtree(out, ignore_errors=True)
        index = Index("id", cancelled)
        try:
            index.add(records)
            index.write(out)
        finally:
            index.close()
        seconds[k] = time.perf_counter() - start
    return seconds


class SearchJob:
    """Pagefind indexing some shards in a thread of its own, into ``staging``: beside
    the page rendering of a build, or after the reload while `mkdocs serve` runs."""

    def __init__(self, shards: dict[int, list[Entry]], cache_dir: Path):
        self.shards = shards
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix="pagefind-", dir=cache_dir))   # one per job
        self.digests: dict[int, str] = {}
        self.seconds: dict[int, float] = {}
        self.error: Exception | None = None
        self.cancelled = False
        self.started = time.perf_counter()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.seconds = index_shards(self.shards, self.staging, lambda: self.cancelled)
        except Exception as e:                 # reported by wait(); a cancelled job's error is moot
            self.error = e

    def running(self) -> bool:
        return self.thread.is_alive()

    def cancel(self) -> None:
        self.cancelled = True
        self.thread.join()
        shutil.rmtree(self.staging, ignore_errors=True)

    def wait(self) -> float:
        """Wait for the job; its seconds. Raises PagefindError if indexing failed."""
        self.thread.join()
        if self.error is not None and not self.cancelled:
            raise PagefindError(str(self.error))
        return time.perf_counter() - self.started

    def install(self, site_dir: Path, count: int) -> None:
        """Move the finished shards into the site (each bundle replaced whole) and
        remove bundles of shards the archive no longer has."""
        site_dir = Path(site_dir)
        for k in self.seconds:
            new, old = self.staging / bundle(k), site_dir / bundle(k)
            aside = site_dir / f".{bundle(k)}.old"
            shutil.rmtree(aside, ignore_errors=True)
            if old.exists():
                old.rename(aside)
            shutil.move(str(new), str(old))
            shutil.rmtree(aside, ignore_errors=True)
        for extra in site_dir.glob("pagefind-*"):
            k = extra.name.removeprefix("pagefind-")
            if k.isdigit() and int(k) > count:
                shutil.rmtree(extra, ignore_errors=True)
        shutil.rmtree(self.staging, ignore_errors=True)


class SiteSearch:
    """The archive's Pagefind index across the builds of one process: which shards a
    build must index (all of them, or, while serving, those whose essays changed or
    whose last indexing was cut short), and the job indexing them."""

    def __init__(self, cache_dir: Path, shard_size: int = SHARD_SIZE):
        self.cache_dir = Path(cache_dir)
        self.shard_size = shard_size
        self.shards = 1
        self.job: SearchJob | None = None
        self.pending: set[int] = set()
        self.indexed: dict[int, str] = {}          # shard -> digest of its records when last indexed
        self.lock = threading.Lock()
        self.installer: threading.Thread | None = None

    def start(self, catalog: Catalog, everything: bool, remember: bool = True) -> int:
        """Start indexing; how many shards. ``everything``: a full build (all shards).
        ``remember``: keep what was indexed, to index only changed shards next time
        (`mkdocs serve`); a one-off build skips the fingerprints."""
        self.stop()
        self.shards = shard_count(len(catalog.entries), self.shard_size)
        members: dict[int, list] = {k: [] for k in range(self.shards)}
        for entry in catalog.entries:
            members[shard_of(entry.slug, self.shards)].append(entry)
        digests = {k: hashlib.blake2b(repr([(e.slug, record_digest(e)) for e in es]).encode(),
                                      digest_size=16).hexdigest() if remember else None
                   for k, es in members.items()}
        with self.lock:
            if everything or not remember:
                self.pending = set(members)
            else:
                self.pending |= {k for k in members if self.indexed.get(k) != digests[k]}
            todo = {k: members[k] for k in sorted(self.pending)}
        if todo:
            self.job = SearchJob(todo, self.cache_dir)
            self.job.digests = {k: digests[k] for k in todo}
        return len(todo)

    def stop(self) -> None:
        if self.job is not None and self.job.running():
            self.job.cancel()
        self.job = None

    def finish(self, site_dir: Path, background: bool, log) -> None:
        """Put the index into the site: wait for it (a build), or let the job install
        it when done (a preview: the reload does not wait). Raises PagefindError."""
        job = self.job
        if job is None:
            return
        if background:
            self.installer = threading.Thread(target=self._install, args=(job, site_dir, log), daemon=True)
            self.installer.start()
            log.info("arsip: Pagefind is indexing %d shard(s) in the background; search catches up in a few seconds",
                     len(job.shards))
            return
        seconds = job.wait()
        self._done(job, site_dir)
        log.info("arsip: search index written by Pagefind in %.2f s (%d of %d shard(s))", seconds,
                 len(job.shards), self.shards)

    def settle(self) -> None:
        """Wait until the index being built in the background is in the site."""
        if self.installer is not None:
            self.installer.join()

    def _install(self, job: SearchJob, site_dir: Path, log) -> None:
        try:
            job.wait()
        except PagefindError as e:
            log.warning(f"arsip: search index not updated: {e}")
            return
        if not job.cancelled:
            self._done(job, site_dir)
            log.info("arsip: search index updated in the background (%d of %d shard(s), %.2f s after the build)",
                     len(job.shards), self.shards, time.perf_counter() - job.started)

    def _done(self, job: SearchJob, site_dir: Path) -> None:
        with self.lock:
            job.install(site_dir, self.shards)
            for k in job.seconds:
                self.indexed[k] = job.digests.get(k)
                self.pending.discard(k)
