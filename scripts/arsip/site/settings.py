"""The `arsip` plugin's options in mkdocs.yml, and what it needs of the rest of it."""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from .search import SHARD_SIZE

#: Markdown extensions the generated pages rely on.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html")
#: Material's lunr search would build a second index; search here is Pagefind's.
CONFLICTING_PLUGINS = ("search", "material/search")


class ArsipConfig(base.Config):
    essays_dir = c.Type(str, default="essays")
    data_dir = c.Type(str, default="data")
    #: e.g. https://github.com/ORG/REPO/edit/main/essays/{slug}.md; default from repo_url
    edit_url = c.Optional(c.Type(str))
    #: Pagefind search with Indonesian roots. Off only to compare with Material's
    #: own (lunr) search plugin on the same site.
    search = c.Type(bool, default=True)
    #: essays per Pagefind index; a bigger archive is indexed in shards of this size
    search_shard_size = c.Type(int, default=SHARD_SIZE)
    #: `mkdocs build` renders generated pages in a second process too (parallel.py).
    #: Off by default: on two cores the share cards and Pagefind already keep the
    #: second core busy, and the forked helper made builds slower and bigger there
    #: (README, performance); it may pay on a machine with more cores.
    render_helper = c.Type(bool, default=False)


def check_config(options: ArsipConfig, config) -> None:
    """Refuse a mkdocs.yml the site cannot be built from, with one line saying what to
    change; the edit link defaults to GitHub's editor when ``repo_url`` is there."""
    missing = [ext for ext in REQUIRED_EXTENSIONS if ext not in config.markdown_extensions]
    if missing:
        raise PluginError(f"arsip: add {', '.join(missing)} to markdown_extensions in mkdocs.yml")
    clash = [p for p in CONFLICTING_PLUGINS if p in config.plugins]
    if clash and options.search:
        raise PluginError(f"arsip: remove the '{clash[0]}' plugin from mkdocs.yml; arsip provides search with Pagefind")
    if options.search_shard_size < 1:
        raise PluginError("arsip: search_shard_size must be at least 1")
    if options.edit_url is None and config.repo_url and "github.com" in config.repo_url:
        options.edit_url = config.repo_url.rstrip("/") + "/edit/main/essays/{slug}.md"
