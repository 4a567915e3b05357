"""Markup in an essay body that a reviewer should see: raw HTML and unsafe links.

The cleaner escapes everything Markdown or HTML would interpret, so an ingested body
holds neither. A body edited by hand can: ``<script>``, ``<img onerror=...>``,
``<!--`` without its end, ``[x](javascript:...)``. The site never renders it: raw HTML
is escaped before Markdown sees it (:func:`escape_raw_html`: shown as the text it is,
so an unclosed ``<!--`` or ``<script>`` cannot swallow the rest of the essay) and an
allow-list sanitizer runs over the result. ``arsip check`` names each such line, so the
reviewer of a pull request sees what was typed.
"""
from __future__ import annotations

import re

#: Schemes a link in an essay may use; relative links and #anchors need none.
SAFE_SCHEMES = ("http", "https", "mailto")
_CODE_SPAN = re.compile(r"(`+).+?\1")
# An HTML tag, closing tag, comment, processing instruction or declaration, as
# Markdown passes it through: '<' then a letter, '/', '!' or '?'. Escaped ('\<') is text.
_TAG = re.compile(r"(?<!\\)<(?=[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|/[A-Za-z]|!--|![A-Za-z\[]|\?)")
# The destination of an inline link or image, a reference definition, or an autolink.
_DEST = re.compile(r"\]\(\s*<?\s*(?P<a>[^\s)>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(?P<b>\S+)|(?<!\\)<(?P<c>[A-Za-z][A-Za-z0-9+.-]*:[^\s>]*)>")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);?")


def _scheme(dest: str) -> str | None:
    # Browsers ignore tabs, newlines and entities inside a scheme ("java&#x09;script:")
    plain = _ENTITY.sub("", dest).replace("\t", "").strip()
    m = _SCHEME.match(plain)
    return m.group(1).lower() if m else None


def markup_problems(body: str) -> list[tuple[int, str, str]]:
    """(line number in the body, code, message) for raw HTML and unsafe links."""
    out = []
    fenced = False
    for no, line in enumerate(body.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue        # a fenced code block: shown as text, never interpreted
        text = _CODE_SPAN.sub("", line)
        tag = _TAG.search(text)
        if tag:
            out.append((no, "raw-html", f"raw HTML {text[tag.start():tag.start() + 40]!r}: the site shows it as "
                                        "text, not markup; write Markdown instead"))
        for m in _DEST.finditer(text):
            dest = m.group("a") or m.group("b") or m.group("c")
            scheme = _scheme(dest)
            if scheme and scheme not in SAFE_SCHEMES:
                out.append((no, "unsafe-link", f"link to {dest[:60]!r}: only http, https and mailto links "
                                               "are kept; the site removes this one"))
    return out


def escape_raw_html(body: str) -> str:
    """``body`` with every raw HTML tag, comment or declaration opener written as
    ``&lt;`` (outside fenced code blocks and code spans), so Markdown renders it as
    text; autolinks such as ``<https://...>`` stay links."""
    out = []
    fenced = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and "<" in line:      # indented lines too: in a list they are not code
            line = _rejoin(line)
        out.append(line)
    return "\n".join(out)


def _rejoin(line: str) -> str:
    """Escape tag openers in the parts of a line that are not code spans."""
    pieces, last = [], 0
    for m in _CODE_SPAN.finditer(line):
        pieces.append(_TAG.sub("&lt;", line[last:m.start()]))
        pieces.append(m.group())
        last = m.end()
    pieces.append(_TAG.sub("&lt;", line[last:]))
    return "".join(pieces)
