"""Errors the pipeline reports to its users.

Every error that is the input's fault carries the file it is about, so the CLI can
print one line (``path: problem``) and exit with code 2 without a traceback.
"""
from __future__ import annotations


class ArsipError(Exception):
    """A problem with the user's input or data files, reported as one line."""

    def __init__(self, path: object, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message

    def __reduce__(self):  # so that an error raised in a worker process reaches the CLI intact
        return (self.__class__, (self.path, self.message))


class InputError(ArsipError):
    """A raw article that cannot be read or holds no essay."""


class DataError(ArsipError):
    """A data file (source profile, theme list, manifest, essay) that is invalid."""
