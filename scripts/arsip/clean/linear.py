"""Regular expressions from files a contributor can edit, run in linear time.

An outlet file (``data/sources/<id>.yml``) comes with a pull request, and its
patterns run on every raw article. Python's ``re`` backtracks: a pattern like
``^(a|aa)+$`` takes seconds on a 40-character line and doubles with each character
more, and a signature is searched over the whole text. So outlet patterns run on
RE2 (``google-re2``), whose time is linear in the text whatever the pattern.

Why RE2 rather than the alternatives: a timeout (the ``regex`` module) makes a
result depend on how loaded the machine is, and a static check for "dangerous"
patterns is either incomplete or refuses harmless ones. RE2 lacks lookarounds and
backreferences; an outlet pattern using them is refused when the file is loaded,
with a message saying so. In RE2, ``\\w``, ``\\d``, ``\\s`` and ``\\b`` are ASCII.

The generic rules (``clean/data/generic.yml``) ship with the code and are reviewed as
code; they keep Python's ``re`` and its first-character shortcuts (firstchar.py).
"""
from __future__ import annotations

import re

import re2

from ..errors import DataError

#: Longest pattern an outlet file may hold: real ones are well under 200 characters.
MAX_PATTERN = 2000


def _options(flags: int) -> "re2.Options":
    options = re2.Options()
    options.log_errors = False            # errors are ours to report, as one line
    options.case_sensitive = not flags & re.IGNORECASE
    options.max_mem = 8 << 20             # a pattern that needs more is refused
    return options


class Linear:
    """A pattern compiled twice: by Python's ``re`` (to check it and let firstchar.py
    read its structure, same ``pattern``, ``flags`` and groups) and by RE2, which
    does the matching (``search``, ``match``, ``finditer`` take and return the same
    things as ``re``'s)."""

    __slots__ = ("pattern", "flags", "groupindex", "groups", "search", "match", "finditer")

    def __init__(self, python: re.Pattern, engine) -> None:
        self.pattern, self.flags = python.pattern, python.flags
        self.groupindex, self.groups = dict(python.groupindex), python.groups
        self.search, self.match, self.finditer = engine.search, engine.match, engine.finditer

    def __repr__(self) -> str:
        return f"Linear({self.pattern!r})"

    # the same pattern read twice is the same rule (as with ``re``'s patterns): outlets
    # loaded again by each rebuild of `mkdocs serve` compare equal when unchanged
    def __eq__(self, other) -> bool:
        if not isinstance(other, Linear):
            return NotImplemented
        return (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))


def compile_linear(pattern: object, flags: int, path: object, where: str) -> Linear:
    """``pattern`` (from ``path``, at ``where``) for RE2; DataError naming both if it
    is not a pattern RE2 runs with the same groups as Python's ``re``."""
    if not isinstance(pattern, str) or not pattern:
        raise DataError(path, f"{where}: pattern must be a non-empty string")
    if len(pattern) > MAX_PATTERN:
        raise DataError(path, f"{where}: pattern is longer than {MAX_PATTERN} characters")
    try:
        python = re.compile(pattern, flags)
    except re.error as e:
        raise DataError(path, f"{where}: invalid regular expression: {e}") from None
    inline = "(?m)" if flags & re.MULTILINE else ""
    try:
        engine = re2.compile(inline + pattern, _options(flags))
    except re2.error as e:
        message = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        raise DataError(path, f"{where}: RE2, the linear-time engine outlet patterns run on, refuses it "
                              f"({message}); lookarounds and backreferences are not available") from None
    if dict(engine.groupindex) != dict(python.groupindex) or engine.groups != python.groups:
        raise DataError(path, f"{where}: its groups read differently in RE2; name groups as (?P<name>...)")
    return Linear(python, engine)
