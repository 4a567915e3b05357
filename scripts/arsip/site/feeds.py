"""Atom feeds (RFC 4287): the whole archive, each theme, each outlet.

Newest first, at most ``LIMIT`` entries each, every entry with its title, authors,
publication date, summary, link, and its themes and outlet as categories (with the
theme and outlet index pages as their schemes). Essays without a publication date are
left out: a feed lists what is new, and an undated essay has no place in that
order. Feeds sit at the site root: Material fetches ``sitemap.xml`` beside every
``<link rel="alternate">`` of a page, and there is one only at the root. Entry ids
are ``tag:`` URIs built from the slug, so they stay the same
wherever the site is published; links are absolute when ``site_url`` is set and
relative to the feed otherwise.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .catalog import Catalog, Entry

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
TAG_AUTHORITY = "arsip-esai"


@dataclass(frozen=True)
class Feed:
    path: str                     # in the site, e.g. feed-tema-kesepian-keterasingan.xml
    page: str                     # the page it belongs to, e.g. tema/kesepian-keterasingan/
    title: str
    subtitle: str
    entries: tuple[Entry, ...]


def feeds(catalog: Catalog, site_name: str) -> list[Feed]:
    """The archive's feeds: everything, then each theme, then each outlet."""
    out = [Feed("feed.xml", "", site_name, "Esai terbaru di arsip", _dated(catalog.entries))]
    for tid, theme in catalog.themes.items():
        out.append(Feed(f"feed-tema-{tid}.xml", f"tema/{tid}/", f"{theme.name} · {site_name}",
                        f"Esai terbaru bertema {theme.name}", _dated(catalog.by_theme[tid])))
    for sid, source in catalog.sources.items():
        out.append(Feed(f"feed-sumber-{sid}.xml", f"sumber/{sid}/", f"{source.name} · {site_name}",
                        f"Esai terbaru dari {source.name}", _dated(catalog.by_source[sid])))
    return out


def _dated(entries: list[Entry]) -> tuple[Entry, ...]:
    return tuple(e for e in entries if e.date)[:LIMIT]      # catalog order: newest first


def _timestamp(iso: str) -> str:
    """An RFC 3339 timestamp from an ISO date or date-time."""
    if "T" not in iso:
        return f"{iso}T00:00:00Z"
    return iso if iso[-6] in "+-" or iso.endswith("Z") else iso + "Z"


#: Characters XML 1.0 does not allow in a document (a feed reader rejects the whole
#: feed for one): C0 controls but tab and line ends, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (the front matter check refuses
    them in metadata; a feed must stay well-formed whatever an essay holds)."""
    return _NOT_XML.sub("", value)


def _tag(year: str, specific: str) -> str:
    return f"tag:{TAG_AUTHORITY},{year}:{specific}"


def feed_key(feed: Feed, site_url: str | None, epoch: str) -> tuple:
    """Everything :func:`atom` reads: equal keys, equal bytes."""
    return (feed.path, feed.page, feed.title, feed.subtitle, site_url, epoch if not feed.entries else None,
            tuple((e.slug, e.title, e.date, e.url, e.meta["source"]["url"], e.meta["summary"], e.source.name,
                   tuple((a.name, a.slug) for a, _ in e.authors), tuple((t.id, t.name) for t in e.themes))
                  for e in feed.entries))


def atom(feed: Feed, site_url: str | None, epoch: str) -> bytes:
    """The feed as XML. ``epoch`` (an ISO date) stands in for ``updated`` when the
    feed has no entries."""
    def href(path: str) -> str:
        if site_url:
            return site_url.rstrip("/") + "/" + path
        rel = posixpath.relpath(path or ".", posixpath.dirname(feed.path) or ".")
        if rel == ".":
            return "./"
        return rel + "/" if path.endswith("/") else rel

    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})

    def sub(parent, name, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{name}", {k: xml_text(v) for k, v in attrs.items() if v is not None})
        if text is not None:
            el.text = xml_text(text)
        return el

    updated = _timestamp(feed.entries[0].date) if feed.entries else _timestamp(epoch)
    sub(root, "id", _tag("2026", f"feed/{feed.path}"))
    sub(root, "title", feed.title)
    sub(root, "subtitle", feed.subtitle)
    sub(root, "updated", updated)
    sub(root, "link", rel="self", type="application/atom+xml", href=href(feed.path))
    sub(root, "link", rel="alternate", type="text/html", href=href(feed.page))
    sub(root, "generator", "Arsip Esai")
    for e in feed.entries:
        item = sub(root, "entry")
        sub(item, "id", _tag(e.date[:4], f"esai/{e.slug}"))
        sub(item, "title", e.title)
        sub(item, "link", rel="alternate", type="text/html", href=href(e.url))
        if e.meta["source"]["url"]:
            sub(item, "link", rel="via", href=e.meta["source"]["url"])
        stamp = _timestamp(e.date)
        sub(item, "published", stamp)
        sub(item, "updated", stamp)
        for a, aff in e.authors:
            person = sub(item, "author")
            sub(person, "name", a.name)
            sub(person, "uri", href(f"penulis/{a.slug}/"))
        if not e.authors:
            sub(sub(item, "author"), "name", e.source.name)
        sub(item, "summary", e.meta["summary"], type="text")
        for t in e.themes:
            sub(item, "category", term=t.id, label=t.name, scheme=href("tema/"))
        sub(item, "category", term=e.source.id, label=e.source.name, scheme=href("sumber/"))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
