"""File-name slugs for essays: ASCII, short, unique, safe on every file system."""
from __future__ import annotations

import hashlib

from slugify import slugify

MAX_SLUG = 72
# Words a cut slug should not end on.
DANGLING = {"di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "pada", "dalam", "the", "of", "and"}
# Names that Windows refuses as file names, whatever the extension.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def make_slug(title: str, taken: set[str]) -> str:
    """A slug for ``title`` not in ``taken``: 'alone-together-paradoks-hubungan-manusia-modern'."""
    base = slugify(title or "", max_length=MAX_SLUG, word_boundary=True, lowercase=True)
    words = base.split("-")
    while len(words) > 1 and words[-1] in DANGLING:
        words.pop()
    base = "-".join(words)
    if not base or base in RESERVED:
        digest = hashlib.sha256((title or "").encode("utf-8")).hexdigest()[:10]
        base = f"esai-{base}-{digest}" if base else f"esai-{digest}"
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = base[:MAX_SLUG - len(suffix)].rstrip("-") + suffix
        n += 1
    return slug
