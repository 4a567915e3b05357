"""Running a command for the benchmarks: wall time and peak memory, of its largest
process and of all its processes together (bench.py, preview.py, growth.py)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
BIN = Path(sys.executable).parent


@dataclass
class Run:
    seconds: float
    peak_mb: float
    log: str = ""


# A forked child starts with its parent's peak memory as its own, so the benchmark
# process (hundreds of MB after the cleaning runs) would hide a small build's peak.
# Commands run under this small launcher instead, which reports its children's peak.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[1:])\n"
    "print(f'\\nARSIP_PEAK_KB={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', flush=True)\n"
    "sys.exit(rc)\n"
)


def tree_memory_mb(pid: int) -> float:
    """Memory of a process and all its descendants (Linux /proc), in MB: the sum of
    their proportional set sizes (PSS: a page shared by n processes counts 1/n in
    each, so the share-card workers forked from mkdocs are not counted twice); the
    resident set size where PSS cannot be read."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        child = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(child)
        rss[child] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024     # kB
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1))
        except (OSError, AttributeError):
            total += rss.get(p, 0)
    return total / 1024


def run(cmd: list[str], cwd: Path) -> Run:
    """Run a command; wall time and peak resident memory: of its largest process
    (``peak_mb``; the launcher's own ~10 MB is the floor) and of all its processes
    together, sampled every 50 ms (``tree_mb``, proportional set sizes: mkdocs,
    Pagefind and the share-card workers run side by side)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, *cmd], cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    peak_tree = [0.0]

    def sample():
        while proc.poll() is None:
            peak_tree[0] = max(peak_tree[0], tree_memory_mb(proc.pid))
            time.sleep(0.05)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    out, _, peak = stdout.rpartition("ARSIP_PEAK_KB=")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{out[-3000:]}")
    res = Run(seconds, int(peak.strip()) / 1024, out)
    res.tree_mb = max(peak_tree[0], res.peak_mb)
    return res
