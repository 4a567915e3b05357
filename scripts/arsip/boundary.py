"""The trust boundary: reading files and names that a pull request controls.

Contributors change the archive by pull request, so every content file (essays, the
manifest, the ingest state, themes, outlet files, raw articles) and every name taken
from one (a slug, a theme or outlet id, a raw path) is untrusted. Everything of that
kind is read and checked here, in one place:

- :func:`read_bytes` reads a regular file, never a symlink, FIFO, device or
  directory, and at most ``limit`` bytes: ``/dev/zero`` or a growing file is refused
  in constant memory, a FIFO without blocking;
- :func:`read_text` also requires UTF-8 and names the line of the first bad byte;
- :func:`name_problem` says what is wrong with a slug or an id: the characters, the
  length, a name the site itself uses (``index``) or Windows refuses (``con``);
- :func:`inside` resolves a relative path and refuses one that leaves its folder.

Refuse, never repair: a bad name is an error naming the file, not a name quietly
changed into another.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from .errors import DataError

#: Lower-case ASCII letters and digits in words joined by single hyphens.
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Longest name of each kind.
MAX_NAME = {"slug": 80, "theme id": 60, "source id": 40}
#: Names a generated page or file already uses in every folder (``tema/index.md`` is
#: the list of themes), and names Windows refuses whatever the extension.
RESERVED = frozenset({"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                      *(f"lpt{i}" for i in range(10))})
#: Characters no text field may hold: C0 and C1 controls (tab and newline included:
#: a title or a name is one line), DEL, lone surrogates, and the code points XML 1.0
#: and Unicode call non-characters. They break feeds, YAML and the HTML of a page.
FORBIDDEN_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
#: An http(s) address with a host: what a URL in the manifest or an outlet file must be.
URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d{1,5})?(?:[/?#][^\s\x00-\x1f\x7f]*)?")
_CHUNK = 1 << 16


def url_problem(value: object) -> str | None:
    """Why ``value`` is not an http(s) address with a host, or None."""
    if not isinstance(value, str) or not URL.fullmatch(value):
        return f"{value!r} is not an http(s) address with a host (https://example.com/...)"
    return None


def name_problem(value: object, kind: str = "slug") -> str | None:
    """Why ``value`` cannot be a name of this kind (slug, theme id, source id), or None."""
    if not isinstance(value, str):
        return f"{kind} must be a string, not {type(value).__name__}"
    if not NAME.fullmatch(value):
        return (f"{kind} {value!r} must be lower-case ASCII letters and digits, in words joined "
                "by single hyphens (e.g. kota-dan-kesepian)")
    if len(value) > MAX_NAME[kind]:
        return f"{kind} {value!r} is longer than {MAX_NAME[kind]} characters"
    if value in RESERVED:
        return f"{kind} {value!r} is a reserved name (the site or Windows uses it)"
    return None


def check_name(value: object, kind: str, path: object) -> str:
    """``value`` if it is a good name of this kind, else :class:`DataError` naming ``path``."""
    problem = name_problem(value, kind)
    if problem:
        raise DataError(path, problem)
    return value  # type: ignore[return-value]


def text_problem(value: str) -> str | None:
    """Why a one-line text value (a title, a name) cannot be shown, or None."""
    m = FORBIDDEN_CHARS.search(value)
    if m is None:
        return None
    if m.group() in "\n\r\x85\u2028\u2029":
        return "holds a line break; write it on one line"
    return f"holds the control character or non-character U+{ord(m.group()):04X}"


def relpath_problem(rel: object) -> str | None:
    """Why ``rel`` is not a plain relative path ('raw/x/y.txt'), or None."""
    if not isinstance(rel, str) or not rel:
        return "must be a non-empty string"
    parts = rel.split("/")
    if rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        return f"{rel!r} must be a plain relative path (no '..', no leading '/')"
    if FORBIDDEN_CHARS.search(rel) or any(c.isspace() for c in rel):
        return f"{rel!r} holds a space or a control character"
    return None


def inside(folder: Path, rel: str, path: object, what: str = "path") -> Path:
    """``folder / rel`` resolved, refused if it is absolute, climbs out with ``..``
    or leads outside ``folder`` through a symlink."""
    problem = relpath_problem(rel)
    if problem:
        raise DataError(path, f"{what} {problem}")
    base = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(base / rel))      # realpath: a symlink loop is no exception
    if not target.is_relative_to(base):
        raise DataError(path, f"{what} {rel!r} leads outside {Path(folder).name}/")
    return target


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, its symlinks followed, lies inside ``folder``."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see the module docstring)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise DataError(path, f"is a symlink to a missing file; a {what} must be a regular file") from None
        raise DataError(path, "no such file") from None
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.EMLINK):
            raise DataError(path, f"is a symlink; a {what} must be a regular file in the repository") from None
        if e.errno == errno.EISDIR:
            raise DataError(path, f"is a directory, not a {what}") from None
        if e.errno == errno.EACCES:
            raise DataError(path, "is not readable (permission denied)") from None
        raise DataError(path, f"cannot read: {e.strerror or e}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else \
                "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) \
                else "not a regular file"
            raise DataError(path, f"is {kind}, not a {what}")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise DataError(path, f"is larger than {limit:,} bytes: a {what} is limited to {limit:,} bytes")
        return b"".join(chunks)
    except OSError as e:
        raise DataError(path, f"cannot read: {e.strerror or e}") from None
    finally:
        os.close(fd)


def decode_utf8(data: bytes, path: object) -> str:
    """UTF-8 text (a leading BOM dropped); an error names the line of the first bad byte."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise DataError(path, f"line {line}: is not valid UTF-8 (byte 0x{data[e.start]:02x})") from None


def read_text(path: Path, limit: int, what: str = "file") -> str:
    return decode_utf8(read_bytes(path, limit, what), path)


def read_stream(stream, limit: int, name: str, what: str = "file") -> bytes:
    """At most ``limit`` bytes of an open binary stream (standard input)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DataError(name, f"is larger than {limit:,} bytes: a {what} is limited to {limit:,} bytes")
    return data
