"""The clean stage: a raw scraped article -> the essay's Markdown body and metadata.

    raw bytes --decode--> text --lines--> classified lines, body span
       --metadata--> title, authors, date, section, tags
       --structure--> blocks --> Markdown          (cleaner ties them together)

Outlet profiles (``data/sources/<id>.yml``) and the generic rules
(``clean/data/generic.yml``) are loaded and validated by ``rules``. This module is
the stage's public face: the archive and the site import only what it names.
"""
from .cleaner import Cleaned, clean_bytes, clean_text
from .decoding import MAX_RAW_BYTES, decode, read_raw
from .reasons import Flagged, boilerplate_lines, explain
from .people import Author, parse_people
from .rules import SOURCE_KINDS, Source, load_source, load_sources, recognise
from .structure import Block, escape

__all__ = [
    "Author", "Block", "Cleaned", "Flagged", "MAX_RAW_BYTES", "SOURCE_KINDS", "Source",
    "boilerplate_lines", "clean_bytes", "clean_text", "decode", "escape", "explain", "load_source",
    "load_sources", "parse_people", "read_raw", "recognise",
]
