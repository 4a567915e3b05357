"""Search measurements: recall@5 of the query set, bytes for a first query, index time.

    python benchmarks/search.py [N ...]        (default: 1000 10000)

For the five seed essays, the query set (tests/fixtures/search_queries.yml) is typed
into the header search of two builds of the same site: ours (Pagefind + Sastrawi
roots) and Material's own search plugin (lunr). For each synthetic archive of N
essays (benchmarks/generate.py) it builds both, types one single-word query in the
header box in Chromium, and counts the bytes of every search request (index,
runtime, worker, word -> root shard, fragments) from page load to the results.
Writes benchmarks/results/search.md.
"""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import PROJECT_PARTS, generate  # noqa: E402
from searchcheck import header_search, query_set, recall_at  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
# every Pagefind bundle (a big archive has pagefind-2/, ...), the word -> root map,
# the scripts, and the essays' texts that excerpts are cut from
SEARCH_PATHS = re.compile(r"^/(pagefind(-\d+)?|akar|search)/|^/assets/javascripts/(arsip|workers|lunr)/|/teks\.(?:txt|gz)$")


def material_variant(project: Path) -> None:
    """Switch a project copy to Material's own search (lunr), our search off."""
    cfg = project / "mkdocs.yml"
    text = cfg.read_text()
    text = text.replace("plugins:\n  - arsip\n", "plugins:\n  - search\n  - arsip:\n      search: false\n")
    cfg.write_text(text)


def build(project: Path) -> tuple[float, float | None]:
    start = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                          "-d", str(project / "site")], capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    total = time.perf_counter() - start
    if res.returncode != 0:
        raise SystemExit(res.stderr[-2000:])
    m = re.search(r"search index written by Pagefind in ([\d.]+) s", res.stderr)
    return total, float(m.group(1)) if m else None


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def first_query_bytes(browser, base: str, query: str) -> tuple[int, int, float]:
    """Bytes of search requests from page load to the first results, the number of
    results, and the seconds from load to results."""
    page = browser.new_page()
    sizes: dict[str, int] = {}

    def done(request):
        path = urlsplit(request.url).path
        if SEARCH_PATHS.search(path):
            sizes[path] = request.sizes()["responseBodySize"]
    page.on("requestfinished", done)
    start = time.perf_counter()
    page.goto(base + "/")
    results = header_search(page, query, timeout_ms=180_000)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(500)
    page.close()
    return sum(sizes.values()), len(results), seconds


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def copy_project(dst: Path, essays: Path) -> Path:
    dst.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst / part)
    shutil.copytree(essays, dst / "essays")
    return dst


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    from playwright.sync_api import sync_playwright
    lines = ["# Search measurements", "", f"Machine: {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores; "
             f"date: {time.strftime('%Y-%m-%d')}; command: `python benchmarks/search.py {' '.join(map(str, sizes))}`", ""]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        tmp = Path(tmp)
        # recall on the seeds, both engines
        queries, names = query_set()
        lines += ["## Recall@5 on the seed essays", "",
                  f"{len(queries)} queries, {sum(len(q['expect']) for q in queries)} expected essays.", "",
                  "| engine | recall@5 | misses |", "|---|---|---|"]
        for engine in ("pagefind", "material"):
            proj = copy_project(tmp / f"seeds-{engine}", ROOT / "essays")
            if engine == "material":
                material_variant(proj)
            build(proj)
            httpd, base = serve(proj / "site")
            page = browser.new_page()
            page.goto(base + "/")
            recall, misses = recall_at(queries, names, lambda q: header_search(page, q))
            page.close()
            httpd.shutdown()
            label = "Pagefind + Sastrawi roots (ours)" if engine == "pagefind" else "Material search (lunr)"
            lines.append(f"| {label} | {recall:.3f} | {'; '.join(misses) or '-'} |")
            print(lines[-1], flush=True)
        lines += ["", "## First single-word query ('kesepian') and index cost", "",
                  "Bytes: every search request from page load to the first results (runtime, worker, "
                  "index and meta, chunks, fragments, word -> root shard), as served (Pagefind's files "
                  "are compressed by Pagefind; JSON and JS uncompressed).", "",
                  "| N | engine | first-query bytes | load to first results | index on disk | build | of which search indexing |",
                  "|---|---|---|---|---|---|---|"]
        for n in sizes:
            gen = generate(n, tmp / f"gen-{n}")
            for engine in ("pagefind", "material"):
                proj = copy_project(tmp / f"{engine}-{n}", gen / "essays")
                if engine == "material":
                    material_variant(proj)
                total, indexing = build(proj)
                site = proj / "site"
                httpd, base = serve(site)
                nbytes, nresults, seconds = first_query_bytes(browser, base, "kesepian")
                httpd.shutdown()
                disk = dir_size(site / "pagefind") + dir_size(site / "akar") if engine == "pagefind" \
                    else dir_size(site / "search")
                share = f"{indexing:.1f} s ({indexing / total:.0%})" if indexing else "-"
                label = "Pagefind + roots" if engine == "pagefind" else "Material (lunr)"
                lines.append(f"| {n:,} | {label} | {nbytes / 1024:,.0f} KB | {seconds:.1f} s | {disk / 1024 / 1024:,.1f} MB | "
                             f"{total:.1f} s | {share} |")
                print(lines[-1], f"({nresults} results)", flush=True)
                shutil.rmtree(proj)
        browser.close()
    out = ROOT / "benchmarks" / "results" / "search.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
