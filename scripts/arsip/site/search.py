"""Search that understands Indonesian morphology, on top of Pagefind.

Pagefind's own Indonesian stemmer (Snowball) is weak on derivation: "keterhubungan"
stems to "terhubung" but "terhubung" to "hubung". So every essay page also carries,
in a hidden block, the Sastrawi root of each of its words written with a marker
(``qzhubung``); the browser looks the query's words up in the same word -> root map
(``akar/*.json``, sharded so a query loads one small file) and searches the marked
roots. Words the archive does not contain are stemmed in the browser by the same
algorithm (vendored sastrawijs) against the archive's roots (``akar/kamus.json``).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from ..archive import stem
from .catalog import Catalog, Entry

#: Prefix of a root token in the hidden block; no Indonesian or English word starts so.
MARK = "qz"
#: A root is repeated at most this often in an essay's block (term frequency saturates).
MAX_REPEAT = 3
#: Parts of a page that are not the essay's text: permalinks and the essay header
#: (outlet, authors, date, theme chips), which search reaches through the root block.
EXCLUDE = (".headerlink", ".arsip-essay__kicker", ".arsip-essay__authors", ".arsip-essay__facts",
           ".arsip-chips", ".arsip-essay__tags")
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
    return [w.lower() for w in WORD.findall(text)]


def indexed_text(entry: Entry) -> str:
    """Everything of an essay that search matches: title, people, outlet, themes, body."""
    m = entry.meta
    parts = [m["title"], entry.source.name, m["source"]["section"] or "", " ".join(m["tags"]),
             " ".join(t.name for t in entry.themes), entry.essay.body]
    parts += [f"{a['name']} {a.get('affiliation') or ''}" for a in m["authors"]]
    return "\n".join(parts)


def root_counts(entry: Entry) -> Counter:
    """How often each Sastrawi root occurs in what search matches of an essay
    (computed once per essay: the root block and related essays both use it)."""
    found = entry.__dict__.get("_root_counts")
    if found is None:
        # words are counted first: an essay uses each a few times, and stemming a
        # word (even from the cache) costs more than counting it
        found = Counter()
        for w, n in Counter(words(indexed_text(entry))).items():
            if len(w) > 1:
                found[stem(w)] += n
        entry.__dict__["_root_counts"] = found
    return found


def root_block(entry: Entry) -> str:
    """The hidden block of an essay page: its words' roots, marked, most frequent first."""
    counts = root_counts(entry)
    return " ".join(" ".join([MARK + root] * min(n, MAX_REPEAT))
                    for root, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def root_files(catalog: Catalog) -> dict[str, bytes]:
    """``akar/index.json``, ``akar/<n>.json`` (word -> root, '' when the word is a root)
    and ``akar/kamus.json`` (all roots, for stemming words the archive lacks)."""
    vocabulary = sorted({w for e in catalog.entries for w in words(indexed_text(e))})
    mapping = {w: stem(w) for w in vocabulary}
    shards = 1
    while len(vocabulary) / shards > SHARD_WORDS:
        shards *= 2
    parts: list[dict[str, str]] = [{} for _ in range(shards)]
    for w, root in mapping.items():
        parts[fnv1a(w) % shards][w] = "" if root == w else root
    out = {"akar/index.json": _json({"shards": shards, "mark": MARK, "words": len(vocabulary)})}
    for i, part in enumerate(parts):
        out[f"akar/{i}.json"] = _json(part)
    out["akar/kamus.json"] = _json(sorted(set(mapping.values())))
    return out


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def write_root_files(catalog: Catalog, site_dir: Path) -> None:
    for rel, data in root_files(catalog).items():
        path = Path(site_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def pagefind_command(site_dir: Path) -> list[str]:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "id", "--quiet"]
    for selector in EXCLUDE:
        cmd += ["--exclude-selectors", selector]
    return cmd


def start_pagefind(site_dir: Path, quiet: bool = False) -> subprocess.Popen:
    """Pagefind indexing the built site in a process of its own: the plugin finishes
    the share cards meanwhile, and ``mkdocs serve`` reloads without waiting
    (``quiet``: nobody collects the output)."""
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    proc = subprocess.Popen(pagefind_command(site_dir), stdout=out, stderr=out, text=True)
    proc.started = time.perf_counter()
    return proc


def finish_pagefind(proc: subprocess.Popen) -> float:
    """Wait for :func:`start_pagefind`; the seconds it took. RuntimeError if it failed."""
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"pagefind failed: {(stderr or stdout or '').strip()[-500:]}")
    return time.perf_counter() - proc.started
