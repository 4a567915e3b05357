"""The benchmark suite: `make bench` (full) and `make bench-quick` (under 2 minutes).

    python benchmarks/bench.py [--quick] [--out FILE] [--sizes 100 1000 10000]

Measures, in one run, on synthetic data (benchmarks/rawgen.py, benchmarks/generate.py):

1. cleaning throughput: raw articles per second on one core, through the library as
   `arsip clean` calls it (decode, outlet recognition, cleaning), and through jusText
   on the same articles; plus the share of articles whose body and headline come out
   exactly as generated;
2. `arsip ingest` of N raw articles with one process and with one per core;
3. full `mkdocs build` time and peak memory at each N with the arsip plugin, against
   plain MkDocs + Material (its own search plugin, no overrides) building the same
   essays copied into docs/ (not in the nav), and the same with Pagefind's CLI run
   over its site afterwards (the anchor), alternating them;
4. the preview (preview.py), `mkdocs serve --dirty` as `make serve` runs it: seconds from saving
   each kind of change (benchmarks/changes.py) to the browsers being told to reload
   and to the search index catching up, at N = 1,000 and 10,000, and the files left
   stale against a clean build (benchmarks/sitediff.py);
5. site size, mean essay page size, and the search bytes of a first query (Chromium).

The machine is shared and noisy, so every comparison is a ratio measured in the same
run, and repeated runs are summarised by their median. The quick variant uses small N
and judges nothing: CI runs it to keep the suite working.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402
import preview  # noqa: E402
import rawgen  # noqa: E402
from arsip.clean import lines as L  # noqa: E402
from arsip.clean.cleaner import clean_bytes  # noqa: E402
from arsip.clean.rules import load_sources  # noqa: E402
from measure import BIN, Run, run  # noqa: E402

# --- 1. cleaning -------------------------------------------------------------------

def justext_html(text: str) -> str:
    """A raw article as jusText needs it: one <p> per line."""
    return "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in text.splitlines() if ln.strip()) \
        + "</body></html>"


def bench_clean(n: int, repeats: int) -> dict:
    import justext
    sources = load_sources(ROOT / "data" / "sources")
    articles = rawgen.articles(n, seed=11)
    data = [a.text.encode("utf-8") for a in articles]
    pages = [justext_html(a.text) for a in articles]
    stoplist = justext.get_stoplist("Indonesian")

    exact = 0
    for art, raw in zip(articles, data):
        got = clean_bytes(raw, art.source, sources=sources)
        same_body = [L.norm(b.text) for b in got.blocks] == [L.norm(p) for p in art.paragraphs]
        exact += same_body and L.norm(got.title or "") == L.norm(art.title or "")

    def ours(cold: bool) -> float:
        start = time.process_time()
        for i, raw in enumerate(data):
            if cold:
                L.forget_decisions()
            clean_bytes(raw, i, sources=sources)
        return n / (time.process_time() - start)

    def theirs() -> float:
        start = time.process_time()
        for page in pages:
            justext.justext(page, stoplist)
        return n / (time.process_time() - start)

    ours(False)  # warm up imports and caches
    rates = {"ours": [], "cold": [], "justext": []}
    for _ in range(repeats):
        rates["ours"].append(ours(False))
        rates["cold"].append(ours(True))
        rates["justext"].append(theirs())
    med = {k: statistics.median(v) for k, v in rates.items()}
    return {"n": n, "repeats": repeats, "exact": exact, **med,
            "ratio": statistics.median(o / j for o, j in zip(rates["ours"], rates["justext"]))}


# --- 2. ingest ---------------------------------------------------------------------

def bench_ingest(n: int, work: Path, repeats: int) -> dict:
    project = rawgen.write_project(n, work / f"ingest-{n}", seed=5)
    times: dict[int, list[float]] = {1: [], 0: []}
    for _ in range(repeats):
        for jobs in (1, 0):
            shutil.rmtree(project / "essays")
            (project / "essays").mkdir()
            times[jobs].append(run([str(BIN / "arsip"), "--root", str(project), "ingest", "--jobs", str(jobs)],
                                   project).seconds)
    one, every = statistics.median(times[1]), statistics.median(times[0])
    shutil.rmtree(project)
    return {"n": n, "one": one, "all": every, "cores": os.cpu_count(), "speedup": one / every}


# --- 3. builds ---------------------------------------------------------------------

def plain_material(ours: Path, dst: Path) -> Path:
    """The same site as plain MkDocs + Material: the essays copied into docs/esai/
    (not in the nav), Material's own search plugin, no overrides, no arsip plugin."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(ours / "docs", dst / "docs")
    shutil.copytree(ours / "essays", dst / "docs" / "esai", ignore=shutil.ignore_patterns(".*"))
    from mkdocs.utils.yaml import yaml_load          # resolves mkdocs.yml's !ENV tags
    cfg = yaml_load((ours / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["theme"].pop("custom_dir", None)
    cfg["plugins"] = ["search"]
    (dst / "docs" / "cari.md").unlink()            # the search page of our own layout
    cfg["nav"] = _existing(cfg["nav"], dst / "docs")
    (dst / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dst


def _existing(nav: list, docs: Path) -> list:
    """The nav without entries for pages the plugin would have generated."""
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            value = _existing(value, docs)
            out.append({next(iter(item)): value} if value else None)
        elif (docs / value).exists():
            out.append(item)
    return [x for x in out if x]


def build(project: Path) -> Run:
    # as on a fresh clone (CI, deploy): no share cards drawn by an earlier build
    shutil.rmtree(project / ".cache", ignore_errors=True)
    res = run([str(BIN / "mkdocs"), "build", "--clean"], project)
    m = re.search(r"search index written by Pagefind in ([\d.]+) s", res.log)
    res.pagefind = float(m.group(1)) if m else None
    m = re.search(r"arsip: related essays in ([\d.]+) s", res.log)
    res.related = float(m.group(1)) if m else None
    return res


def site_sizes(site: Path) -> dict:
    pages = [p.stat().st_size for p in (site / "esai").glob("*/index.html")]
    return {"site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
            "page_kb": statistics.mean(pages) / 1024 if pages else 0, "pages": len(pages)}


def pagefind_over(project: Path) -> Run:
    """Pagefind's own CLI over a built site: what a user of plain Material would add
    for a search like ours."""
    return run([str(BIN / "python"), "-m", "pagefind", "--site", "site", "--force-language", "id", "--silent"],
               project)


def bench_build(n: int, work: Path, repeats: int) -> dict:
    ours = generate.generate(n, work / f"ours-{n}", seed=1)
    plain = plain_material(ours, work / f"plain-{n}")
    runs: dict[str, list[Run]] = {"ours": [], "plain": [], "pagefind": []}
    for _ in range(repeats):
        runs["ours"].append(build(ours))
        runs["plain"].append(build(plain))
        runs["pagefind"].append(pagefind_over(plain))
    out = {"n": n, "repeats": repeats}
    for name, rs in runs.items():
        out[name] = statistics.median(r.seconds for r in rs)
        out[f"{name}_peak"] = max(r.peak_mb for r in rs)
        out[f"{name}_tree"] = max(r.tree_mb for r in rs)
    for name in ("ours", "plain"):
        out[f"{name}_sizes"] = site_sizes((ours if name == "ours" else plain) / "site")
    out["anchor"] = statistics.median(p.seconds + f.seconds for p, f in zip(runs["plain"], runs["pagefind"]))
    out["anchor_peak"] = max(max(p.tree_mb, f.tree_mb) for p, f in zip(runs["plain"], runs["pagefind"]))
    out["pagefind_in_build"] = statistics.median(r.pagefind for r in runs["ours"] if r.pagefind is not None)
    out["related"] = statistics.median(r.related for r in runs["ours"] if r.related is not None)
    out["ratio"] = statistics.median(o.seconds / p.seconds for o, p in zip(runs["ours"], runs["plain"]))
    out["ratio_anchor"] = statistics.median(o.seconds / (p.seconds + f.seconds)
                                            for o, p, f in zip(runs["ours"], runs["plain"], runs["pagefind"]))
    return out


# --- 5. search ---------------------------------------------------------------------

def bench_search(site: Path) -> dict | None:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return None
    import search as S
    from playwright.sync_api import sync_playwright
    httpd, base = S.serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=S.ARGS)
            nbytes, nresults, seconds = S.first_query_bytes(browser, base, "kesepian")
            browser.close()
    finally:
        httpd.shutdown()
    return {"bytes": nbytes, "results": nresults, "seconds": seconds}


# --- report ------------------------------------------------------------------------

def machine() -> list[str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else "?"
    mem = next((int(ln.split()[1]) / 2**20 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "-"
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return [f"- date: {time.strftime('%Y-%m-%d %H:%M %Z')}; commit `{commit or '?'}`",
            f"- machine: {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.platform()}",
            f"- Python {platform.python_version()}; mkdocs {version('mkdocs')}, mkdocs-material "
            f"{version('mkdocs-material')}, pagefind {version('pagefind')}, jusText {version('jusText')}, "
            f"PyYAML {version('PyYAML')} (libyaml: {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'})"]


def report(args, res: dict) -> str:
    cmd = "make bench-quick" if args.quick else "make bench"
    out = ["# Benchmarks" + (" (quick run: small sizes, nothing judged)" if args.quick else ""), "",
           f"Written by `{cmd}` (`python benchmarks/bench.py{' --quick' if args.quick else ''}`). "
           "The machine is shared and noisy: compare the ratios, which are measured in the same run; "
           "each figure is the median of the repeats.", "", *machine(), ""]
    c = res["clean"]
    out += ["## 1. Cleaning throughput (one core)", "",
            f"{c['n']:,} synthetic raw articles (seed bodies in the five outlets' boilerplate), "
            f"{c['repeats']} repeats, CPU time of one process. Ours is `clean_bytes` as `arsip clean` calls "
            "it (decode, outlet recognition, cleaning); jusText gets the same lines as `<p>` elements "
            "(built beforehand, not timed) with its Indonesian stoplist.", "",
            "| cleaner | articles/s/core | vs jusText |", "|---|---|---|",
            f"| arsip (batch: menus and footers decided once per outlet) | **{c['ours']:,.0f}** | {c['ratio']:.2f}x |",
            f"| arsip, cold (that cache cleared before every article) | {c['cold']:,.0f} | "
            f"{c['cold'] / c['justext']:.2f}x |",
            f"| jusText {metadata.version('jusText')} | {c['justext']:,.0f} | 1.00x |", "",
            f"Body and headline exactly as generated: {c['exact']:,} of {c['n']:,} articles. "
            f"Target: at least 500 articles/s/core ({'met' if c['ours'] >= 500 else 'NOT met'}).", ""]
    g = res["ingest"]
    out += ["## 2. Ingest", "",
            f"`arsip ingest` of {g['n']:,} raw articles into an empty `essays/` (wall time, whole command).", "",
            "| processes | seconds | speed-up |", "|---|---|---|",
            f"| 1 (`--jobs 1`) | {g['one']:.2f} | 1.00x |",
            f"| {g['cores']} (`--jobs 0`, one per core) | {g['all']:.2f} | {g['speedup']:.2f}x |", ""]
    out += ["## 3. Full build", "",
            "`mkdocs build` of a synthetic archive (benchmarks/generate.py). *Plain Material* builds the same "
            "essays copied into `docs/esai/` (not in the nav) with Material's own search plugin and no "
            "overrides; *+ Pagefind* then runs Pagefind's CLI over that site (`--force-language id`): what a "
            "user would assemble instead, the anchor. *arsip* adds the index pages (themes, outlets, authors, "
            "years), the essay layout, citations (BibTeX, RIS), feeds, related essays, share cards (drawn in "
            "worker processes; every build starts with an empty card cache, as on a fresh clone) and its "
            "Pagefind index (records with Indonesian roots, in shards of 3,500 essays, indexed beside the page "
            "rendering). Peak memory: all the build's processes together (mkdocs, Pagefind, share-card "
            "workers; proportional set sizes, so memory they share counts once), sampled every 50 ms.", "",
            "| N | plain Material | + Pagefind (anchor) | arsip | arsip / anchor | arsip / plain |"
            " of which Pagefind | related essays | peak memory (anchor / arsip) | site size (plain / arsip) |"
            " mean essay page (plain / arsip) |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for b in res["builds"]:
        ps, os_ = b["plain_sizes"], b["ours_sizes"]
        out.append(f"| {b['n']:,} | {b['plain']:.1f} s | {b['anchor']:.1f} s | {b['ours']:.1f} s | "
                   f"**{b['ratio_anchor']:.2f}** | {b['ratio']:.2f} | {b['pagefind_in_build']:.1f} s | "
                   f"{b['related']:.1f} s | {b['anchor_peak']:,.0f} / {b['ours_tree']:,.0f} MB | "
                   f"{ps['site_mb']:,.1f} / {os_['site_mb']:,.1f} MB | {ps['page_kb']:.1f} / {os_['page_kb']:.1f} KB |")
    by_n = {b["n"]: b for b in res["builds"]}
    notes = []
    for n in (1000, 10000):
        if n in by_n:
            r = by_n[n]["ratio_anchor"]
            notes.append(f"N = {n:,}: {r:.2f}x plain Material + Pagefind (target: at most 1.5x, "
                         f"{'met' if r <= 1.5 else 'NOT met'}).")
    if 10000 in by_n:
        notes.append(f"Peak memory at N = 10,000: {by_n[10000]['ours_tree']:,.0f} MB, all processes "
                     f"(target: below 2,048 MB, {'met' if by_n[10000]['ours_tree'] < 2048 else 'NOT met'}).")
    out += ["", *notes, ""]
    out += ["## 4. Preview: `mkdocs serve --dirty` (`make serve`) after each kind of change", "",
            "Seconds from saving a change to MkDocs telling the browsers to reload; the search index is "
            "rebuilt after the reload, in the background, for the shards whose essays changed (*search*: "
            "seconds from the save until it is in place). *Written*: pages and files the plugin decided "
            "to write again. *Stale*: files of the served site that differ from a clean `mkdocs build` of "
            "the same tree (benchmarks/sitediff.py; Pagefind's filter files compared by content).", ""]
    for v in res["previews"]:
        k = v["kinds"]
        body = k["edit an essay's text"]
        med = statistics.median(x["reload"] for x in body)
        target = 1.0 if v["n"] <= 1000 else 2.0
        out += [f"### N = {v['n']:,} (first build {v['first']:.1f} s)", "",
                f"Editing an essay's text, median of {len(body)} edits: **{med:.2f} s** "
                f"({', '.join(format(x['reload'], '.2f') for x in body)} s; "
                f"target at most {target:.0f} s: {'met' if med <= target else 'NOT met'}); the edit was on the "
                f"served page after {v['shown']} of {v['edits']} reloads.", "",
                "| change | reload | search | written |", "|---|---|---|---|"]
        for name, xs in k.items():
            x = xs[len(xs) // 2] if len(xs) > 1 else xs[0]
            srch = f"{x['search']:.1f} s" if x["search"] is not None else "-"
            out.append(f"| {name} | {x['reload']:.2f} s | {srch} | {x['written']:,} |")
        out += [""]
        total = sum(len(d) for d in v["stale"].values())
        out.append(f"Stale files: **{total}** (" + "; ".join(f"{name}: {len(d)}" for name, d in v["stale"].items())
                   + ")." + ("" if not total else " First: " + ", ".join(
                       d[0] for d in v["stale"].values() if d)[:500]))
        out.append("")
    out += ["## 5. Search", ""]
    for q in res["searches"]:
        out += [f"N = {q['n']:,}: a first single-word query ('kesepian') typed into the header search "
                f"in Chromium fetched **{q['bytes'] / 1024:,.0f} KB** of search files (runtime, worker, index "
                f"of every shard, chunks, fragments, word -> root shard) and showed {q['results']} results "
                f"{q['seconds']:.1f} s after the page load began (target: at most 300 KB, "
                f"{'met' if q['bytes'] <= 300 * 1024 else 'NOT met'}).", ""]
    if not res["searches"]:
        out += ["Skipped: no Chromium at /usr/bin/chromium (or $CHROMIUM).", ""]
    out += ["`benchmarks/search.py` compares with Material's own search.", ""]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, one repeat: checks the suite runs")
    ap.add_argument("--sizes", type=int, nargs="+", help="build sizes (default 100 1000 10000; quick: 100)")
    ap.add_argument("--out", type=Path, help="default benchmarks/RESULTS.md (quick: build/bench-quick.md)")
    args = ap.parse_args()
    sizes = args.sizes or ([100] if args.quick else [100, 1000, 10000])
    out = args.out or (ROOT / "build" / "bench-quick.md" if args.quick else ROOT / "benchmarks" / "RESULTS.md")
    search_n = {100} if args.quick else {1000, 10000}
    preview_n = {100} if args.quick else {1000, 10000}
    res: dict = {}
    with tempfile.TemporaryDirectory(prefix="arsip-bench-") as tmp:
        work = Path(tmp)
        print("1. cleaning ...", flush=True)
        res["clean"] = bench_clean(300 if args.quick else 2000, 1 if args.quick else 5)
        print(json.dumps(res["clean"]), flush=True)
        print("2. ingest ...", flush=True)
        res["ingest"] = bench_ingest(200 if args.quick else 1000, work, 1 if args.quick else 3)
        print(json.dumps(res["ingest"]), flush=True)
        res["builds"], res["previews"], res["searches"] = [], [], []
        for n in sizes:
            print(f"3. build N={n} ...", flush=True)
            repeats = 1 if args.quick or n >= 10000 else 3
            res["builds"].append(bench_build(n, work, repeats))
            print(json.dumps(res["builds"][-1]), flush=True)
            if n in search_n:
                print(f"5. search N={n} ...", flush=True)
                found = bench_search(work / f"ours-{n}" / "site")
                if found:
                    res["searches"].append({"n": n, **found})
            if n in preview_n:
                print(f"4. preview N={n} ...", flush=True)
                res["previews"].append({"n": n, **preview.bench_preview(work / f"ours-{n}", work, 1 if args.quick else 5,
                                                                compare_each=n <= 1000)})
                print(json.dumps(res["previews"][-1])[:2000], flush=True)
            shutil.rmtree(work / f"ours-{n}")
            shutil.rmtree(work / f"plain-{n}")
        if not res["previews"]:
            raise SystemExit(f"--sizes must include one of {sorted(preview_n)} (the preview is measured there)")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report(args, res) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
