"""The essay body as HTML a reader's browser can safely show.

Essays are edited by hand in pull requests, and a reviewer can miss a ``<script>``,
an ``onerror=`` or a ``javascript:`` link typed into a body (``arsip check`` names
them, see archive/markup.py). So every rendered essay body passes through an
allow-list sanitizer, nh3 (the Python binding of Ammonia): only the elements and
attributes Markdown itself produces for prose survive, links keep only http, https,
mailto and in-page targets, and everything else (scripts, styles, event handlers,
iframes, forms, images from other hosts) is removed.
"""
from __future__ import annotations

import nh3

TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "em", "strong",
        "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "q", "cite", "abbr", "code", "pre",
        "a", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"},
              **{f"h{n}": {"id"} for n in range(1, 7)}}
#: The only class kept: the permalink MkDocs' toc extension puts after a heading.
CLASSES = {"a": {"headerlink"}}
SCHEMES = {"http", "https", "mailto"}
#: Links in an essay are the contributor's, not the archive's recommendation.
LINK_REL = "noopener nofollow ugc"


# One cleaner, configured once: nh3.clean builds its allow-lists from these sets again
# on every call, half of its time on an essay.
_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, allowed_classes=CLASSES, url_schemes=SCHEMES,
                       link_rel=LINK_REL, strip_comments=True)


def sanitize(html: str) -> str:
    """``html`` with only the allowed elements, attributes and link schemes."""
    return _CLEANER.clean(html)
