"""The preview under `mkdocs serve --dirty` (what `make serve` runs), for bench.py:
seconds from saving each kind of change (changes.py) to the browsers being told to
reload and to the search index catching up, and the files left stale against a
clean build (sitediff.py)."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from measure import BIN, ENV, run

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """`mkdocs serve --dirty` (what `make serve` runs) on a project, its log read as it comes."""

    def __init__(self, project: Path):
        self.project = project
        self.port = free_port()
        before = set(Path(tempfile.gettempdir()).glob("mkdocs_*"))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{self.port}"],
                                     cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=lambda: [self.lines.append((time.perf_counter(), ln)) for ln in self.proc.stdout],
                         daemon=True).start()
        self.first = self.wait_for("Serving on", self.started) - self.started
        self.wait_for("search index updated", self.started)
        # the site directory MkDocs serves from: a fresh mkdtemp of its own
        self.site, = set(Path(tempfile.gettempdir()).glob("mkdocs_*")) - before

    def wait_for(self, text: str, after: float, timeout: float = 900) -> float:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            for t, ln in list(self.lines):
                if t >= after and text in ln:
                    return t
            if self.proc.poll() is not None:
                raise SystemExit("mkdocs serve stopped:\n" + "".join(ln for _, ln in self.lines)[-3000:])
            time.sleep(0.01)
        raise SystemExit(f"mkdocs serve: no {text!r} within {timeout} s:\n" +
                         "".join(ln for _, ln in self.lines)[-3000:])

    def change(self, apply) -> dict:
        """Apply a change; seconds to 'Reloading browsers', to the search index
        catching up, and how many pages and files the plugin wrote."""
        time.sleep(1.0)                  # MkDocs' watcher settles changes for 0.5 s
        saved = time.perf_counter()
        apply(self.project)
        reload = self.wait_for("Reloading browsers", saved) - saved
        written = next(int(m.group(1)) for t, ln in reversed(self.lines) if t >= saved
                       for m in [re.search(r"; (\d+) pages and files to write", ln)] if m)
        search = None
        if any(t >= saved and "indexing" in ln and "in the background" in ln for t, ln in self.lines):
            search = self.wait_for("search index updated", saved) - saved
        return {"reload": reload, "search": search, "written": written}

    def page(self, url: str) -> bytes:
        return urllib.request.urlopen(f"http://127.0.0.1:{self.port}{url}", timeout=60).read()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


def stale(serve: Serve, work: Path) -> list[str]:
    """Files of the served site that differ from a clean build of the same tree
    (same site_url as the server's)."""
    import sitediff
    cfg = serve.project / "mkdocs-compare.yml"
    cfg.write_text(f"INHERIT: mkdocs.yml\nsite_url: http://127.0.0.1:{serve.port}/\n", encoding="utf-8")
    full = work / "full-site"
    shutil.rmtree(full, ignore_errors=True)
    try:
        run([str(BIN / "mkdocs"), "build", "-q", "-f", str(cfg), "-d", str(full)], serve.project)
    finally:
        cfg.unlink()
    found = sitediff.differences(serve.site, full)
    shutil.rmtree(full, ignore_errors=True)
    return found


def bench_preview(project: Path, work: Path, edits: int, compare_each: bool) -> dict:
    """Preview latency per kind of change under `mkdocs serve --dirty`, and the
    pages left stale (against a full build) after each kind, or after all of them."""
    import changes as C
    serve = Serve(project)
    out: dict = {"first": serve.first, "kinds": {}, "stale": {}}
    try:
        essay = C.essay(project, len(list((project / "essays").glob("*.md"))) // 2)
        bodies, shown = [], 0
        for i in range(edits):
            marker = f"Suntingan uji nomor {i} {time.time_ns()}"

            def body(_p, marker=marker):
                essay.write_text(essay.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n",
                                 encoding="utf-8")
            bodies.append(serve.change(body))
            shown += marker.encode() in serve.page(f"/esai/{essay.stem}/")
        out["kinds"]["edit an essay's text"] = bodies
        out["shown"], out["edits"] = shown, edits
        if compare_each:
            out["stale"]["edit an essay's text"] = stale(serve, work)
        for apply in C.CHANGES[1:]:
            name = C.DESCRIPTIONS[apply.__name__]
            out["kinds"][name] = [serve.change(apply)]
            if compare_each:
                out["stale"][name] = stale(serve, work)
        if not compare_each:
            out["stale"]["after all the changes"] = stale(serve, work)
    finally:
        serve.stop()
    return out
