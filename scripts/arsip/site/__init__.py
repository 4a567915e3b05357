"""The site stage: the archive as a MkDocs + Material site.

``essays/*.md`` -> Catalog (by theme, outlet, author, year) -> generated pages
(essays, listings, feeds, citations, share cards) -> MkDocs and Material -> ``site/``
-> Pagefind index with Indonesian roots. ``mkdocs_plugin`` is the thin adapter MkDocs
loads (entry point ``arsip``); everything else is plain functions over a Catalog.
"""
from .catalog import Catalog, Entry, build_catalog, catalog_of

__all__ = ["Catalog", "Entry", "build_catalog", "catalog_of"]
