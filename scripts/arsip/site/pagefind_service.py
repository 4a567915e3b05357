"""A client of Pagefind's service mode (``pagefind --service``), for whole records.

Pagefind's Python package speaks the same protocol but waits 0.1 s before reading
each reply, so indexing 10,000 records through it takes 17 minutes. Here requests
are written back to back and a thread reads the replies as they come: Pagefind
indexes as fast as it parses.

It runs beside the page rendering, which holds Python's interpreter lock most of the
time; a thread that gives the lock up for every pipe read or write waits for it
again each time (up to the 5 ms switch interval), so at 10,000 records indexing took
five times as long in a build as on its own. Here records are encoded in batches and
written with one call per batch, the replies are read in bulk a few times a second,
and both pipes are widened (Linux) so neither side waits on the other meanwhile.

The protocol: each message is base64-encoded JSON followed by a comma, both ways;
a request is ``{"message_id": n, "payload": {...}}`` and its reply carries the same
id. Records are added with ``AddRecord`` (url, content, language, meta, filters,
sort) and fetched with ``GetFiles``: the same bundle ``pagefind`` writes for HTML.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import subprocess
import threading
import time
from pathlib import Path

#: Records encoded and written to Pagefind with one call.
BATCH = 128
#: Seconds the reply reader sleeps between reads (it reads all that arrived meanwhile).
READ_PAUSE = 0.02
#: Pipe buffer asked for both ways (Linux caps it at /proc/sys/fs/pipe-max-size).
PIPE_BYTES = 1 << 20
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


def _widen(stream) -> None:
    try:
        fcntl.fcntl(stream.fileno(), _F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:
        pass                                # not Linux, or over the system's limit: the default works, slower


def executable() -> Path:
    """The Pagefind binary the ``pagefind`` package installed (pagefind_bin)."""
    from pagefind.service import get_executable
    found = get_executable()
    if found is None:
        raise RuntimeError("the Pagefind binary was not found (pip install 'pagefind[bin]')")
    return found


class PagefindError(RuntimeError):
    pass


class Index:
    """One in-memory Pagefind index in a service process of its own; ``write`` ends it."""

    def __init__(self, language: str, cancelled=lambda: False):
        self.cancelled = cancelled          # polled: a cancelled index stops its service
        self.proc = subprocess.Popen([str(executable()), "--service"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        _widen(self.proc.stdin)
        _widen(self.proc.stdout)
        self.replies: dict[int, dict] = {}      # replies to calls (an added record's reply is only counted)
        self.received = 0
        self.errors: list[str] = []
        self.sent = 0
        self.cond = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        reply = self._call({"type": "NewIndex", "config": {"force_language": language}})
        self.index_id = reply["index_id"]

    def _read(self) -> None:
        buffer = b""
        fd = self.proc.stdout.fileno()
        while True:
            chunk = os.read(fd, PIPE_BYTES)
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for raw in messages:
                try:
                    message = json.loads(base64.b64decode(raw))
                except ValueError:
                    message = None
                with self.cond:
                    if not isinstance(message, dict) or "payload" not in message:
                        self.errors.append(raw[:200].decode("utf-8", "replace"))
                    else:
                        payload = message["payload"]
                        if payload.get("type") == "Error":
                            self.errors.append(str(payload.get("message")))
                        elif payload.get("type") != "IndexedFile":
                            self.replies[message.get("message_id", -1)] = payload
                        self.received += 1
                    self.cond.notify_all()
            if len(chunk) < PIPE_BYTES // 2:
                time.sleep(READ_PAUSE)      # let replies gather: one read for many
        with self.cond:
            self.errors.append("the Pagefind service stopped")
            self.cond.notify_all()

    def _encode(self, payload: dict) -> bytes:
        self.sent += 1
        return base64.b64encode(json.dumps({"message_id": self.sent, "payload": payload}).encode("utf-8")) + b","

    def _write(self, data: bytes) -> None:
        try:
            self.proc.stdin.write(data)
        except (BrokenPipeError, ValueError):
            raise PagefindError("the Pagefind service stopped") from None

    def _send(self, payload: dict) -> int:
        self._write(self._encode(payload))
        return self.sent

    def _wait(self, until) -> None:
        with self.cond:
            while not until() and not self.errors:
                self.cond.wait(timeout=0.2)
                if self.cancelled():
                    raise PagefindError("cancelled")
            if self.errors:
                raise PagefindError(f"pagefind: {self.errors[0]}")

    def _call(self, payload: dict) -> dict:
        n = self._send(payload)
        self.proc.stdin.flush()
        self._wait(lambda: n in self.replies)
        return self.replies.pop(n)

    def add(self, records) -> int:
        """Add records (dicts of url, content, meta, filters, sort); how many."""
        first = self.sent + 1
        batch: list[bytes] = []
        for r in records:
            batch.append(self._encode({"type": "AddRecord", "index_id": self.index_id, "url": r["url"],
                                       "content": r["content"], "language": r.get("language", "id"),
                                       "meta": r.get("meta"), "filters": r.get("filters"), "sort": r.get("sort")}))
            if len(batch) == BATCH:
                if self.cancelled():
                    raise PagefindError("cancelled")
                self._write(b"".join(batch))
                batch = []
        self._write(b"".join(batch))
        self.proc.stdin.flush()
        last = self.sent
        self._wait(lambda: self.received >= last)     # one reply per request, in order
        return last - first + 1

    def write(self, output: Path) -> int:
        """Write the bundle into ``output`` and stop the service; how many files.

        The files are asked for (``GetFiles``) and written here: the service's own
        ``WriteFiles`` may reply before every file is on disk, and a service stopped
        then leaves a file empty."""
        try:
            reply = self._call({"type": "GetFiles", "index_id": self.index_id})
        finally:
            self.close()
        output = Path(output)
        files = reply.get("files") or []
        for f in files:
            rel = Path(str(f["path"]))
            if rel.is_absolute() or ".." in rel.parts:
                raise PagefindError(f"pagefind: unexpected file name {f['path']!r}")
            dest = output / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(base64.b64decode(f["content"]))
        if not files:
            raise PagefindError("pagefind: the service returned no files")
        return len(files)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            self.proc.terminate()
            self.proc.wait()
