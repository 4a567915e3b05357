"""A synthetic archive of N essays, for benchmarks (deterministic: seeded).

Front matter like real essays (1-3 authors from a pool, 1-3 themes, one of the five
outlets, a date in 2015-2025 or none); bodies sampled from the seed essays'
paragraphs and subheadings, so the text is real Indonesian.

    python benchmarks/generate.py N OUT_DIR [--seed 1]

OUT_DIR becomes a buildable archive: mkdocs.yml, docs/, overrides/ and data/ are
copied from this repository and essays/ holds the N synthetic essays.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from arsip.archive.essay import Essay, dump, load  # noqa: E402
from arsip.archive.ingestion import reading_time, summary  # noqa: E402
from arsip.clean.rules import load_sources  # noqa: E402
from arsip.clean.structure import Block  # noqa: E402
from arsip.archive.themes import load_themes  # noqa: E402

FIRST = ["Adi", "Ayu", "Bagus", "Citra", "Dewi", "Dimas", "Eka", "Fajar", "Gita", "Hana", "Indra", "Joko",
         "Kartika", "Lestari", "Maya", "Nanda", "Putri", "Rizki", "Sari", "Teguh", "Utami", "Wahyu", "Yoga", "Zahra"]
LAST = ["Pratama", "Wijaya", "Saputra", "Lestari", "Nugroho", "Rahmawati", "Santoso", "Hidayat", "Kurniawan",
        "Permata", "Siregar", "Nasution", "Harahap", "Putri", "Setiawan", "Wulandari", "Gunawan", "Handayani"]
AFFILIATIONS = ["Mahasiswa Ilmu Komunikasi Universitas Andalas", "Dosen Sosiologi Universitas Gadjah Mada",
                "Peneliti Pusat Kajian Masyarakat Digital", "Mahasiswa Universitas Pamulang", None, None]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "data")


def seed_material() -> tuple[list[str], list[str], list[str]]:
    paragraphs, headings, words = [], [], []
    for path in sorted((ROOT / "essays").glob("*.md")):
        essay = load(path)
        for block in essay.body.split("\n\n"):
            block = block.strip()
            if block.startswith("#"):
                headings.append(block.lstrip("# ").strip())
            elif block and not block.startswith("-"):
                paragraphs.append(block)
        words += [w for w in essay.meta["title"].split() if w.isalpha()]
    return paragraphs, headings, words


def generate(n: int, out: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src, dst = ROOT / part, out / part
        if dst.exists():
            shutil.rmtree(dst) if dst.is_dir() else dst.unlink()
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    essays_dir = out / "essays"
    if essays_dir.exists():
        shutil.rmtree(essays_dir)
    essays_dir.mkdir(parents=True)
    themes = list(load_themes(out / "data" / "themes.yml"))
    sources = load_sources(out / "data" / "sources")
    paragraphs, headings, title_words = seed_material()
    authors = [(f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}", rng.choice(AFFILIATIONS))
               for _ in range(max(10, n // 4))]
    for i in range(n):
        title = " ".join(rng.sample(title_words, rng.randint(4, 8))).capitalize() + f" {i + 1}"
        body_parts = []
        for j in range(rng.randint(5, 12)):
            if j and rng.random() < 0.2:
                body_parts.append("## " + rng.choice(headings))
            body_parts.append(rng.choice(paragraphs))
        body = "\n\n".join(body_parts) + "\n"
        source = rng.choice(sorted(sources))
        date = None if rng.random() < 0.1 else \
            f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+07:00"
        slug = f"esai-sintetis-{i + 1:05d}"
        meta = {
            "title": title,
            "authors": [{"name": a, "affiliation": aff} for a, aff in rng.sample(authors, rng.choice([1, 1, 1, 2, 3]))],
            "date": date,
            "source": {"id": source, "name": sources[source].name, "section": None, "url": None},
            "retrieved": None,
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "tags": [],
            "language": "id",
            "summary": summary([Block("para", body_parts[0])]),
            "reading_time": reading_time(body),
            "raw": {"path": f"raw/{source}/{slug}.txt", "sha256": hashlib.sha256(body.encode()).hexdigest()},
        }
        (essays_dir / f"{slug}.md").write_text(dump(Essay(slug, meta, body)), encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.n, args.out, args.seed)
    print(f"{args.n} essays in {args.out / 'essays'}")


if __name__ == "__main__":
    main()
