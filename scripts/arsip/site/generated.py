"""What the site plugin hands MkDocs besides its pages, and how it keeps it between
the rebuilds of `mkdocs serve --dirty`.

* :func:`files_beside`: the files next to an essay's page (citations, the text search
  excerpts are cut from) with their signatures, made once per parsed essay;
* :class:`GeneratedFiles`: MkDocs ``File`` objects of generated pages, reused while a
  page's content and the site's config are unchanged. Making 12,800 of them again
  (``File.generated``, then MkDocs working out whether each is excluded or not in the
  nav) was a second of every rebuild at 10,000 essays, and making their 12,800 ``Page``
  objects again (each works out its build date and canonical URL) a third of one.
"""
from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from .catalog import Entry
from .cite import bibtex, citation, ris
from .incremental import digest
from .search import excerpt_text
from .sitepages import archive_url


def files_beside(entry: Entry, site_url: str | None, search: bool) -> tuple[dict[str, bytes], dict[str, str]]:
    """An essay's citation (BibTeX, RIS) and, with search, its plain text for excerpts,
    by site path, and their signatures. Kept on the essay, which the plugin reuses
    across rebuilds while its file is unchanged."""
    key = ("_files_beside", site_url, search)
    found = entry.essay.__dict__.get(key)
    if found is None:
        c = citation(entry, archive_url(entry, site_url))
        made = {f"esai/{entry.slug}/kutip.bib": bibtex(c).encode("utf-8"),
                f"esai/{entry.slug}/kutip.ris": ris(c).encode("utf-8")}
        if search:
            made[f"esai/{entry.slug}/teks.gz"] = excerpt_text(entry)
        found = entry.essay.__dict__[key] = (made, {path: digest(data) for path, data in made.items()})
    return found


class GeneratedFiles:
    """The ``File`` of each generated page of the last build, with its content."""

    def __init__(self):
        self._known: dict[str, tuple[str | bytes, File]] = {}

    def files(self, config, generated: dict[str, str | bytes], reuse: bool) -> list[File]:
        """A ``File`` for each generated page. With ``reuse`` (an incremental rebuild
        under the same config) a page whose content is what it was keeps its ``File``:
        its paths and its inclusion (set by MkDocs from ``mkdocs.yml``) still hold, and
        so does its ``Page``, set back to what MkDocs makes (see :func:`_as_new`).
        Without, every ``File`` is new."""
        known, self._known = self._known, {}
        out = []
        today = get_build_date()
        for uri, content in generated.items():
            found = known.get(uri) if reuse else None
            if found is not None and (found[0] is content or found[0] == content):
                file = found[1]
                if file.page is not None:
                    _as_new(file.page, today)
            else:
                file = File.generated(config, uri, content=content)
            out.append(file)
            self._known[uri] = (content, file)
        return out


def _as_new(page: Page, build_date: str) -> None:
    """Set a kept ``Page`` back to what ``Page.__init__`` makes for the same file and
    config (MkDocs 1.6): its URLs hold; what a build fills in is cleared (a page the
    rebuild skips is then exactly a new one: no Markdown, HTML, table of contents or
    metadata) and its date is this build's, as in a new one."""
    page.children = None
    page.previous_page = None
    page.next_page = None
    page.active = False
    page.update_date = build_date
    page.markdown = None
    page._title_from_render = None
    page.content = None
    page.toc = []
    page.meta = {}
