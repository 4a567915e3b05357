"""Regenerate tests/fixtures/cite/ (APA text, BibTeX, RIS of the seed essays).
Review every change with `git diff` by hand before committing: these are the
hand-checked expected citations."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from arsip.site.catalog import build_catalog  # noqa: E402
from arsip.site.cite import apa, bibtex, citation, ris  # noqa: E402
from arsip.clean.rules import load_sources  # noqa: E402
from arsip.archive.themes import load_themes  # noqa: E402

BASE = "https://arsip.example/"


def expected() -> dict[str, bytes]:
    catalog = build_catalog(ROOT / "essays", load_themes(ROOT / "data" / "themes.yml"),
                            load_sources(ROOT / "data" / "sources"))
    out = {}
    for e in catalog.entries:
        c = citation(e, f"{BASE}{e.url}")
        out[f"{e.slug}.txt"] = (apa(c) + "\n").encode("utf-8")
        out[f"{e.slug}.bib"] = bibtex(c).encode("utf-8")
        out[f"{e.slug}.ris"] = ris(c).encode("utf-8")
    return out


if __name__ == "__main__":
    folder = ROOT / "tests" / "fixtures" / "cite"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in expected().items():
        (folder / name).write_bytes(data)
    print(f"wrote {folder}")
