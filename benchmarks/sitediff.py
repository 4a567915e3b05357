"""Two built sites compared file by file: what a preview left stale.

Every file must be in both trees with the same bytes, except Pagefind's filter
files, metadata file and entry file: Pagefind 1.5 writes its filters in hash-map
order, so two runs over the same pages differ there (its fragments and word index
are stable). Those are decoded (CBOR) and compared by what they say.
"""
from __future__ import annotations

import filecmp
import gzip
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


def _pagefind_file(path: Path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])


def unordered(path: Path) -> bool:
    return path.parent.name == "filter" or path.suffix == ".pf_meta" or path.name == "pagefind-entry.json"


def pagefind_meaning(bundle: Path):
    """A Pagefind bundle's metadata and filters, in a canonical order."""
    meta_file, = bundle.glob("*.pf_meta")
    version, pages, chunks, filters, sorts, meta_fields = _pagefind_file(meta_file)
    canonical = {}
    for name, ref in filters:
        fname, values = _pagefind_file(bundle / "filter" / f"{ref}.pf_filter")
        if fname != name:
            raise ValueError(f"{bundle}: filter file {ref} holds {fname!r}, not {name!r}")
        canonical[name] = sorted((value, sorted(ids)) for value, ids in values)
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    for lang in entry["languages"].values():
        lang.pop("hash")
    return version, pages, chunks, sorted(canonical.items()), sorts, meta_fields, entry


def differences(preview: Path, full: Path) -> list[str]:
    """Files only in one tree or with different content, one line each."""
    def tree(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and not unordered(p)}
    a, b = tree(preview), tree(full)
    out = [f"only in preview: {p}" for p in sorted(a - b)] + [f"only in full build: {p}" for p in sorted(b - a)]
    out += [f"differs: {p}" for p in sorted(a & b) if not filecmp.cmp(preview / p, full / p, shallow=False)]
    bundles = sorted({p.parent.name for p in preview.glob("pagefind*/pagefind-entry.json")} |
                     {p.parent.name for p in full.glob("pagefind*/pagefind-entry.json")})
    for name in bundles:
        if not (preview / name / "pagefind-entry.json").is_file() or not (full / name / "pagefind-entry.json").is_file():
            out.append(f"search index {name}: in one site only")
        elif pagefind_meaning(preview / name) != pagefind_meaning(full / name):
            out.append(f"search index {name}: filters or metadata differ")
    return out
