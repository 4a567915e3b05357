"""Running queries through the search UIs in Chromium, for tests and benchmarks."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

QUERIES = Path(__file__).resolve().parent / "fixtures" / "search_queries.yml"


def query_set() -> tuple[list[dict], dict[str, str]]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    names = {k: v for k, v in data.items() if k != "queries"}
    return data["queries"], names


def header_search(page, query: str, timeout_ms: int = 10_000) -> list[str]:
    """Type ``query`` into Material's header search box as a reader would (the
    keyboard shortcut "/" opens it) and return the result paths, best first."""
    page.keyboard.press("/")
    box = page.locator(".md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=15)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /ditemukan|Tidak ada dokumen/.test(m.textContent)"
        "   && document.querySelector('.md-search__input').value === q }",
        arg=query, timeout=timeout_ms)
    # A result for a partly typed query may be on screen; wait until the list is
    # the same on two reads 0.5 s apart (the worker answers 0.18 s after the last key).
    read = lambda: page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(  # noqa: E731
        "links => links.map(a => a.href)")
    hrefs, waited = read(), 0
    while waited < timeout_ms:
        page.wait_for_timeout(500)
        waited += 500
        again = read()
        if again == hrefs:
            break
        hrefs = again
    page.keyboard.press("Escape")
    return [urlsplit(h).path.strip("/").removeprefix("esai/").strip("/") for h in hrefs] if meta.count() else []


def recall_at(queries: list[dict], names: dict[str, str], run, k: int = 5) -> tuple[float, list[str]]:
    """Share of expected essays found in the first ``k`` results; and the misses."""
    found = wanted = 0
    misses = []
    for item in queries:
        got = run(item["q"])[:k]
        for name in item["expect"]:
            wanted += 1
            if names[name] in got:
                found += 1
            else:
                misses.append(f"{item['q']!r} did not return {name}")
    return found / wanted, misses
