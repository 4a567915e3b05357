"""How a full build grows with the archive: time and peak memory at each size.

    python benchmarks/growth.py [--sizes 1000 5000 10000 20000 40000] [--out FILE]

Each size is a synthetic archive (benchmarks/generate.py) built once with
`mkdocs build`, as on a fresh clone (no share cards drawn before). Peak memory is
that of all the build's processes together (proportional set sizes, sampled every
50 ms; see bench.py). Writes benchmarks/results/growth.md.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench  # noqa: E402
import generate  # noqa: E402


def measure(n: int, work: Path) -> dict:
    project = generate.generate(n, work / f"growth-{n}", seed=1)
    res = bench.build(project)
    sizes = bench.site_sizes(project / "site")
    shards = len(list((project / "site").glob("pagefind*/pagefind-entry.json")))
    m = re.search(r"(\d+) generated pages", res.log)
    out = {"n": n, "seconds": res.seconds, "tree_mb": res.tree_mb, "largest_mb": res.peak_mb,
           "pagefind": res.pagefind, "related": res.related, "pages": int(m.group(1)) if m else None,
           "shards": shards, "site_mb": sizes["site_mb"]}
    shutil.rmtree(project)
    return out


def report(rows: list[dict]) -> str:
    first = rows[0]
    out = ["# Growth of a full build", "",
           f"Written by `python benchmarks/growth.py` on {time.strftime('%Y-%m-%d %H:%M %Z')}.", *bench.machine(), "",
           "One `mkdocs build` per size of a synthetic archive, as on a fresh clone (every share card "
           "drawn). Peak memory: all the build's processes together (mkdocs, the Pagefind process "
           "indexing a shard, the share-card worker), proportional set sizes sampled every 50 ms; "
           "*largest*: the largest single process.", "",
           "| essays | generated pages | build | per essay | vs first size | peak memory | largest process |"
           " Pagefind shards | search indexed after | related essays | site size |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['n']:,} | {r['pages']:,} | {r['seconds']:.0f} s | {1000 * r['seconds'] / r['n']:.1f} ms | "
                   f"{r['seconds'] / first['seconds']:.1f}x for {r['n'] / first['n']:.0f}x | {r['tree_mb']:,.0f} MB | "
                   f"{r['largest_mb']:,.0f} MB | {r['shards']} | "
                   f"{r['pagefind']:.0f} s | {r['related']:.1f} s | {r['site_mb']:,.0f} MB |")
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 20000, 40000])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "growth.md")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="arsip-growth-") as tmp:
        for n in args.sizes:
            print(f"N={n} ...", flush=True)
            rows.append(measure(n, Path(tmp)))
            print(json.dumps(rows[-1]), flush=True)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(report(rows), encoding="utf-8")     # written as it grows
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
