"""The cleaner against two general-purpose extractors on the real pages.

    python benchmarks/baselines.py [--out benchmarks/results/real-pages.md]

For each half of the development set (tests/fixtures/real/tuned, held) every page is
cleaned three ways and scored with the shared acceptance scorer
(../shared/acceptance/score.py): by `arsip clean` (generic rules and the metadata
model: none of these outlets has a profile), by jusText (body only: it finds no
title, author or date) and by trafilatura with its metadata extraction (title,
author, date, body). The two extractors get each raw line as a `<p>` element: the
pages are text as scraped, not HTML, so neither sees markup that we do not.
"""
from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "acceptance"
REAL = ROOT / "tests" / "fixtures" / "real"
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(SHARED))

from arsip.clean import clean_bytes  # noqa: E402


def as_html(text: str) -> str:
    return "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in text.splitlines() if ln.strip()) \
        + "</body></html>"


def empty(paragraphs: list[str]) -> dict:
    """The JSON `arsip clean --json` gives, with only a body (Markdown: blank-line separated)."""
    return {"title": None, "authors": [], "date": None, "source_section": None,
            "body": "\n\n".join(paragraphs), "tags": []}


def by_justext(text: str) -> dict:
    import justext
    paragraphs = justext.justext(as_html(text), justext.get_stoplist("Indonesian"))
    return empty([p.text for p in paragraphs if not p.is_boilerplate])


def by_trafilatura(text: str) -> dict:
    import trafilatura
    found = trafilatura.bare_extraction(as_html(text), with_metadata=True)
    doc = found.as_dict() if found is not None else {}
    out = empty([ln for ln in (doc.get("text") or "").splitlines() if ln.strip()])
    out["title"] = doc.get("title")
    out["authors"] = [{"name": a.strip(), "affiliation": None} for a in (doc.get("author") or "").split(";") if a.strip()]
    out["date"] = doc.get("date")
    return out


def by_arsip(raw: bytes, name: str) -> dict:
    return clean_bytes(raw, name).as_json()


def score_half(half: str) -> dict[str, dict]:
    import score
    cases: dict[str, list] = {"arsip": [], "jusText": [], "trafilatura": []}
    printed: list[bool] = []             # per page: does it print a publication date?
    flagged: list[set] = []              # per page: the fields the cleaner asks a curator to look at
    unprinted = {"title": [0, 0], "authors": [0, 0]}   # pages printing none: how many, and given one anyway
    for gold_path in sorted((REAL / half).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold.setdefault("id", gold_path.stem)
        raw = gold_path.with_suffix(".txt").read_bytes()
        text = raw.decode("utf-8")
        printed.append(gold.get("date") is not None)
        ours = by_arsip(raw, gold_path.name)
        flagged.append(set(ours.get("review") or ()))
        for field in unprinted:
            if not gold.get(field):
                unprinted[field][0] += 1
                unprinted[field][1] += bool(ours.get(field))
        for name, out in (("arsip", ours), ("jusText", by_justext(text)),
                          ("trafilatura", by_trafilatura(text))):
            cases[name].append(score.score_case(gold, out, text))
    table = {}
    for name, found in cases.items():
        row = {"pages": len(found), "f1_mean": sum(c["f1"] for c in found) / len(found),
               "residue": sum(c["residue"] for c in found)}
        for field in ("title", "authors", "date"):
            asked = [c for c in found if f"{field}_ok" in c]
            row[field] = (sum(1 for c in asked if c[f"{field}_ok"] is True), len(asked))
        dated = [c for c, p in zip(found, printed) if p]
        row["dated"] = (sum(1 for c in dated if c.get("date_ok") is True), len(dated))
        table[name] = row
    # of the fields flagged for review, how many were wrong; of the wrong ones, how many flagged
    table["arsip"]["flags"] = {
        field: (sum(1 for c, f in zip(cases["arsip"], flagged) if field in f),
                sum(1 for c, f in zip(cases["arsip"], flagged) if field in f and c.get(f"{field}_ok") is False),
                sum(1 for c in cases["arsip"] if c.get(f"{field}_ok") is False))
        for field in ("title", "authors", "date")}
    table["arsip"]["unprinted"] = unprinted
    return table


def markdown(results: dict[str, dict[str, dict]]) -> str:
    lines = ["| half | cleaner | pages | title | authors | date | date, where printed | body F1 (mean) | residue lines |",
             "|---|---|---|---|---|---|---|---|---|"]
    for half, table in results.items():
        for name, r in table.items():
            cells = [f"{r[f][0]}/{r[f][1]}" for f in ("title", "authors", "date", "dated")]
            lines.append(f"| {half} | {name} | {r['pages']} | {' | '.join(cells)} | {r['f1_mean']:.4f} | {r['residue']} |")
    lines += ["", "Fields the cleaner flags for review (`arsip clean --json`: `review`): how many, how many of "
              "them were wrong, and how many of the wrong answers were flagged.", "",
              "| half | field | flagged | of them wrong | wrong answers flagged |", "|---|---|---|---|---|"]
    for half, table in results.items():
        for field, (flags, bad, wrong) in table["arsip"]["flags"].items():
            lines.append(f"| {half} | {field} | {flags} | {bad} | {bad}/{wrong} |")
    lines += ["", "Pages that print no headline or no writer (the scorer does not ask those fields there), "
              "and on how many of them the cleaner gives one anyway: a wrong title or author it publishes.", "",
              "| half | field | pages printing none | given one |", "|---|---|---|---|"]
    for half, table in results.items():
        for field, (pages, given) in table["arsip"]["unprinted"].items():
            lines.append(f"| {half} | {field} | {pages} | {given} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="also write the table to this Markdown file")
    args = ap.parse_args()
    if not (SHARED / "score.py").exists():
        print(f"baselines: {SHARED / 'score.py'} not found (../shared beside this checkout)", file=sys.stderr)
        return 2
    results = {half: score_half(half) for half in ("tuned", "held")}
    text = markdown(results)
    print(text, end="")
    if args.out:
        # what follows the table (## sections: the figures of earlier batches) is kept
        kept = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        kept = kept[kept.index("\n## ") :] if "\n## " in kept else ""
        args.out.write_text("# The cleaner against jusText and trafilatura on the real pages\n\n"
                            "Written by `python benchmarks/baselines.py --out benchmarks/results/real-pages.md`. "
                            "jusText finds no title, author or date: it is a body extractor. Title and authors are "
                            "asked only where the page prints them; date on every page (no date printed: the "
                            "right answer is none), and again where one is printed.\n\n" + text + kept,
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
