"""Lighthouse scores of the built site, served on 127.0.0.1 (run: make lighthouse).

Needs Node.js with npm (Lighthouse is installed into .cache/lighthouse) and the
system Chromium. Text responses are gzipped, as GitHub Pages and other static hosts do. Prints performance, accessibility, best practices and SEO for the
home page, an essay page and a theme page.
"""
from __future__ import annotations

import functools
import gzip
import io
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
LH = ROOT / ".cache" / "lighthouse"
PAGES = ["/", "/esai/alone-together-paradoks-hubungan-manusia-modern/", "/tema/kesepian-keterasingan/",
         "/cari/?kata=kesepian"]
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves site/ quietly, gzipping text as any production static host does."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        text = path.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
        if not (text and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        if path.name == "index.html" and not urlsplit(self.path).path.endswith(("/", ".html")):
            return super().send_head()  # the base class redirects /dir to /dir/
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def main() -> int:
    binary = LH / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(LH), "lighthouse"],
                       check=True)
    site = ROOT / "site"
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    with tempfile.TemporaryDirectory() as tmp:
        for path in PAGES:
            out = Path(tmp) / "report.json"
            subprocess.run([str(binary), base + path, "--quiet", f"--chrome-flags={FLAGS}", "--output=json",
                            f"--output-path={out}",
                            "--only-categories=performance,accessibility,best-practices,seo"],
                           check=True, env=env)
            cats = json.loads(out.read_text())["categories"]
            scores = {k: round(v["score"] * 100) for k, v in cats.items()}
            print(f"{path:60} " + "  ".join(f"{k} {v}" for k, v in scores.items()))
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
