"""What the plugin adds to MkDocs' template rendering: compiled templates kept
across the rebuilds of one `mkdocs serve`, fragments rendered once for a group of
pages, and which nav entries show their page's own heading."""
from __future__ import annotations

import posixpath

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja templates kept in memory, by template name and source checksum."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self):
        self.store.clear()


class FragmentCache:
    """``arsip_once(name, group)`` in the templates: what a ``{% call %}`` block renders,
    once per name and group in a build (a group of None: every time)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.store: dict[tuple[str, str], str] = {}

    def __call__(self, name: str, group, caller):
        if group is None or not self.enabled:
            return caller()
        key = (name, group)
        found = self.store.get(key)
        if found is None:
            found = self.store[key] = caller()
        return found


def untitled_nav_pages(nav) -> list[str]:
    """The pages ``nav`` names without a title of their own (their heading is shown)."""
    found = []
    for item in nav or []:
        if isinstance(item, str):
            if "://" not in item:
                found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    found += untitled_nav_pages(value)
    return found


def fragment_group(page, nav_pages: set[str], nav_urls: list[str]) -> str | None:
    """Pages outside the nav in one folder (esai/a/, esai/b/) reach every nav page by
    the same relative links, so they share their tabs, nav, footer and config
    (main.html renders those once per group). None: the page renders its own."""
    if page.file.src_uri in nav_pages or not page.url.endswith("/"):
        return None
    if any(url.startswith(page.url) for url in nav_urls):   # a nav page below this one
        return None
    return "folder " + posixpath.dirname(page.url.rstrip("/"))
