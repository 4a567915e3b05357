"""Errors the pipeline reports to its users.

Every error that is the input's fault carries the file it is about, so the CLI can
print one line (``path: problem``) and exit with code 2 without a traceback.
"""
from __future__ import annotations

import re

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters written as escapes (``\\n``):
    a message quoting a contributor's value stays one line on any terminal."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class ArsipError(Exception):
    """A problem with the user's input or data files, reported as one line."""

    def __init__(self, path: object, message: str):
        self.path = one_line(str(path))
        self.message = one_line(message)
        super().__init__(f"{self.path}: {self.message}")

    def __reduce__(self):  # so that an error raised in a worker process reaches the CLI intact
        return (self.__class__, (self.path, self.message))


class InputError(ArsipError):
    """A raw article that cannot be read or holds no essay."""


class DataError(ArsipError):
    """A data file (source profile, theme list, manifest, essay) that is invalid."""
