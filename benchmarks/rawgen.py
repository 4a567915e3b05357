"""Synthetic raw articles for the cleaner benchmarks (deterministic: seeded).

Each seed raw article in raw/ is split, with the cleaner's own line decisions, into
an outlet *shell* (the lines above and below the essay body: menus, headline block,
bylines, related articles, footer), the boilerplate *inserts* found between its
paragraphs ("Baca Juga" links, captions, ads), and its body paragraphs. A synthetic
article takes one outlet's shell, a new headline, 6-14 paragraphs sampled from every
seed's body, and that outlet's inserts between them; so the text is real Indonesian
in real boilerplate, and the expected body is known.

    python benchmarks/rawgen.py N OUT_DIR [--seed 1] [--project]

writes OUT_DIR/<outlet>/synt-00001.txt ... and OUT_DIR/expected.json; with
--project, OUT_DIR becomes an archive to ingest (data/, raw/ with a manifest, essays/).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from arsip.clean.cleaner import clean_bytes  # noqa: E402
from arsip.clean.decoding import read_raw  # noqa: E402
from arsip.clean.lines import norm  # noqa: E402
from arsip.archive.manifest import load_manifest  # noqa: E402
from arsip.clean.rules import load_sources  # noqa: E402
from arsip.archive.themes import load_themes  # noqa: E402

#: Prose lines shorter than this are not sampled (they may be list items or captions).
MIN_PARAGRAPH_WORDS = 12


@dataclass
class Shell:
    source: str
    head: list[str]               # raw lines above the body, with the headline
    title_at: list[int]           # indexes in head of the headline line(s)
    tail: list[str]               # raw lines below the body
    inserts: list[list[str]]      # boilerplate runs found between paragraphs
    gap: str                      # what separates paragraphs: "\n" or "\n\n"


@dataclass
class Article:
    source: str
    title: str | None             # None when the outlet's pages show no headline
    text: str
    paragraphs: list[str]


def seed_parts(root: Path = ROOT) -> tuple[list[Shell], list[str], list[str]]:
    """Outlet shells, body paragraphs and title words from the seed raw articles."""
    sources = load_sources(root / "data" / "sources")
    entries = load_manifest(root / "raw" / "manifest.yml", set(sources),
                            set(load_themes(root / "data" / "themes.yml")))
    shells, paragraphs, words = [], [], []
    for entry in entries:
        data = read_raw(root / entry.raw)
        result = clean_bytes(data, entry.raw, source=sources[entry.source])
        lines = result.lines
        kept = [i for i, ln in enumerate(lines) if ln.keep]
        first, last = kept[0], kept[-1]
        title_norm = norm(result.title or "")
        head = [ln.raw for ln in lines[:first]]
        title_at = [i for i, ln in enumerate(lines[:first]) if title_norm and norm(ln.text) == title_norm]
        inserts, run = [], []
        for ln in lines[first:last + 1]:
            if ln.keep or ln.blank:
                if run:
                    inserts.append(run)
                    run = []
            else:
                run.append(ln.raw)
        blank_gaps = sum(1 for a, b in zip(kept, kept[1:]) if b - a > 1)
        shells.append(Shell(entry.source, head, title_at, [ln.raw for ln in lines[last + 1:]], inserts,
                            "\n\n" if blank_gaps * 2 >= len(kept) - 1 else "\n"))
        for ln in lines[first:last + 1]:
            # whole prose paragraphs only: not list leads ("berikut ini:") or notes ("*Narasumber ...")
            if ln.keep and ln.reason == "para" and ln.words >= MIN_PARAGRAPH_WORDS and not ln.bullet \
                    and ln.text[-1] in '.!?"”' and ln.text[0].isalnum():
                paragraphs.append(ln.text)
        words += [w for w in (result.title or "").split() if w.isalpha()]
    return shells, list(dict.fromkeys(paragraphs)), words


def articles(n: int, seed: int = 1, root: Path = ROOT) -> list[Article]:
    rng = random.Random(seed)
    shells, paragraphs, words = seed_parts(root)
    out = []
    for i in range(n):
        shell = shells[i % len(shells)]
        # a headline as outlets print them: every word capitalised
        title = " ".join(w.capitalize() for w in rng.sample(words, rng.randint(5, 9)))
        head = list(shell.head)
        for k in shell.title_at:
            head[k] = title
        if not shell.title_at:
            title = None
        body = rng.sample(paragraphs, rng.randint(6, 14))
        parts: list[str] = []
        for j, para in enumerate(body):
            if j and shell.inserts and j % 4 == 0:
                parts.append("\n".join(rng.choice(shell.inserts)))
            parts.append(para)
        text = "\n".join(head) + "\n" + shell.gap.join(parts) + "\n" + "\n".join(shell.tail)
        out.append(Article(shell.source, title, text, body))
    return out


def write(n: int, out: Path, seed: int = 1) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths, expected = [], {}
    for i, art in enumerate(articles(n, seed)):
        path = out / art.source / f"synt-{i + 1:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(art.text, encoding="utf-8")
        paths.append(path)
        expected[path.relative_to(out).as_posix()] = {"title": art.title, "paragraphs": art.paragraphs}
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def write_project(n: int, out: Path, seed: int = 1) -> Path:
    """An archive to ingest: data/ from this repository, N synthetic raw articles in
    raw/<outlet>/ and a manifest listing them (a third without themes, so that ingest
    suggests them), and an empty essays/."""
    rng = random.Random(seed)
    out = Path(out)
    if (out / "data").exists():
        shutil.rmtree(out / "data")
    shutil.copytree(ROOT / "data", out / "data")
    for sub in ("raw", "essays"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    (out / "essays").mkdir(parents=True)
    themes = sorted(load_themes(out / "data" / "themes.yml"))
    write(n, out / "raw", seed)
    expected = json.loads((out / "raw" / "expected.json").read_text(encoding="utf-8"))
    (out / "raw" / "expected.json").unlink()
    entries = []
    sources = load_sources(out / "data" / "sources")
    for path in sorted((out / "raw").rglob("*.txt")):
        entry = {"raw": path.relative_to(out).as_posix(), "source": path.parent.name, "url": None,
                 "retrieved": None, "themes": [] if rng.random() < 1 / 3 else rng.sample(themes, 2)}
        printed = expected[path.relative_to(out / "raw").as_posix()]["title"]
        if printed is None:
            # as a curator does for an outlet whose pages show no headline
            entry["overrides"] = {"title": f"Esai sintetis {path.stem}"}
        elif clean_bytes(path.read_bytes(), path.name, source=sources.get(path.parent.name)).title is None:
            # ... and where the cleaner finds none (`arsip add` asks for --title): the
            # generated headlines are made of random words, which it may doubt
            entry["overrides"] = {"title": printed}
        entries.append(entry)
    (out / "raw" / "manifest.yml").write_text(yaml.safe_dump({"articles": entries}, allow_unicode=True,
                                                             sort_keys=False), encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--project", action="store_true")
    args = ap.parse_args()
    (write_project if args.project else write)(args.n, args.out, args.seed)
    print(f"{args.n} raw articles in {args.out}")


if __name__ == "__main__":
    main()
