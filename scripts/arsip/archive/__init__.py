"""The archive stage: the repository of essays.

``raw/manifest.yml`` and ``raw/`` (what was scraped, and what the curator knows of it),
``data/themes.yml`` and ``data/sources/`` (taxonomy and outlets), ``essays/<slug>.md``
(the cleaned essays: YAML front matter checked against one schema, Markdown body),
and the commands that change or check them: ingest, add, source add, check. This
module is the stage's public face: the site and the CLI import only what it names.
"""
from .intake import Added, add, add_source
from .checks import PROBLEMS, Problem, check
from .essay import Essay, dump, load, parse, split_front_matter, validate
from .ingestion import Report, ingest
from .manifest import Entry, load_manifest
from .markup import escape_raw_html
from .project import Project
from .review import confirm
from .themes import Theme, load_themes, stem, suggest

__all__ = [
    "Added", "Entry", "Essay", "PROBLEMS", "Problem", "Project", "Report", "Theme", "add", "add_source",
    "check", "confirm", "dump", "escape_raw_html", "ingest", "load", "load_manifest", "load_themes", "parse", "split_front_matter",
    "stem", "suggest", "validate",
]
