"""The plugin's generated pages converted from Markdown by one converter per build.

MkDocs makes a new ``markdown.Markdown`` for every page it renders, with its
extensions, parser and processors (``Page.render``): a quarter of a millisecond a page,
0.3 s of a build at 1,000 essays and 3 s at 10,000. The pages the plugin generates
(essays and index pages) are converted here by one instance, ``reset()`` between pages
as Python-Markdown allows, with MkDocs' own per-page processors (raw HTML anchors,
links made relative, anchors and the title extracted) registered afresh for each page;
the page gets the same content, table of contents, title and anchors as from MkDocs.
tests/test_site.py builds with and without it and compares every page. Set
``ARSIP_MARKDOWN_REUSE=0`` to let MkDocs convert every page itself; where MkDocs no
longer has these processors (a later version) it does so anyway.
"""
from __future__ import annotations

import logging
import os

import markdown

try:
    from mkdocs.structure.pages import (_ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor,
                                        _RawHTMLPreprocessor, _RelativePathTreeprocessor)
    from mkdocs.structure.toc import get_toc
except ImportError:                         # pragma: no cover - another MkDocs
    get_toc = None

log = logging.getLogger("mkdocs.structure.pages")       # whose level Page.render consults


def enabled() -> bool:
    return get_toc is not None and os.environ.get("ARSIP_MARKDOWN_REUSE") != "0"


class Converter:
    """One build's Markdown converter (the config's extensions and their settings)."""

    def __init__(self, config):
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})

    def render(self, page, config, files) -> None:
        """What ``Page.render`` does, with this converter."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self.md
        md.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = _RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
