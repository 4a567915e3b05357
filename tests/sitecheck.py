"""Helpers that look inside a built site: its pages, links, assets and hosts."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "data")


def build(project: Path, out: Path, **env_extra: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of ``project`` into ``out``."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", **env_extra}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True, timeout=600, env=env)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> Path:
    """The file behind a site URL such as 'esai/slug/'."""
    return site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _target(site: Path, html: Path, ref: str) -> tuple[Path, str] | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    base = site if path.startswith("/") else html.parent
    target = (base / path.lstrip("/")).resolve() if path else html.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def broken_links(site: Path) -> list[str]:
    """Internal href/src that point at no file, or at a missing #anchor."""
    broken, ids = [], {}
    for html in html_files(site):
        doc = soup(html)
        for tag in doc.find_all(["a", "link", "script", "img", "source"]):
            ref = tag.get("href") or tag.get("src")
            if not ref:
                continue
            hit = _target(site, html, ref)
            if hit is None:
                continue
            target, fragment = hit
            if not target.exists():
                broken.append(f"{html.relative_to(site)}: {ref}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {t.get("id") for t in soup(target).find_all(id=True)}
                if fragment not in ids[target]:
                    broken.append(f"{html.relative_to(site)}: {ref} (no #{fragment})")
    return broken


EXTERNAL = re.compile(r"""(?:https?:)?//(?!127\.0\.0\.1|localhost)[\w.-]+""")


def external_assets(site: Path) -> list[str]:
    """Scripts, styles, fonts, images or frames a page would load from another host."""
    found = []
    for html in html_files(site):
        doc = soup(html)
        for tag in doc.find_all(["script", "link", "img", "iframe", "source", "video", "audio"]):
            if tag.name == "link" and not set(tag.get("rel") or []) & {"stylesheet", "preload", "preconnect", "icon",
                                                                        "dns-prefetch", "modulepreload", "manifest"}:
                continue
            ref = tag.get("src") or tag.get("href") or ""
            if EXTERNAL.match(ref):
                found.append(f"{html.relative_to(site)}: <{tag.name}> {ref}")
        for style in doc.find_all("style"):
            found += [f"{html.relative_to(site)}: style {u}" for u in re.findall(r"url\(([^)]+)\)", style.text)
                      if EXTERNAL.match(u.strip("'\""))]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for ref in re.findall(r"""(?:url\(|@import\s+)["']?([^"')\s]+)""", text):
            if EXTERNAL.match(ref):
                found.append(f"{css.relative_to(site)}: {ref}")
    return found
