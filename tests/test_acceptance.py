"""Quality gate: the shared acceptance scorer on the five seeds, through the CLI.

Floors only go up. The scorer and its answers live in ../shared (beside every clone,
in CI too); the seeds' raw files are the ones in raw/.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

SCORE = SHARED / "acceptance" / "score.py"
FLOOR = {"f1_min": 0.99, "residue": 0}

pytestmark = pytest.mark.skipif(not SCORE.exists(), reason="../shared/acceptance is not beside this checkout")


def run_score(cwd):
    cmd = f"{sys.executable} -m arsip clean {{path}} --json"
    out = subprocess.run([sys.executable, str(SCORE), "--json", "--cmd", cmd, "--cwd", str(cwd)],
                         capture_output=True, text=True, timeout=300, check=True)
    return json.loads(out.stdout)["seeds"]


@pytest.mark.parametrize("where", ["archive", "generic-only"])
def test_seed_scores(where, tmp_path):
    res = run_score(ROOT if where == "archive" else tmp_path)
    agg = res["aggregate"]
    assert agg["f1_min"] >= FLOOR["f1_min"], res
    assert agg["residue"] <= FLOOR["residue"], res
    if where == "archive":
        for key in ("title_ok", "authors_ok", "date_ok"):
            ok, total = agg[key].split("/")
            assert ok == total, (key, res)
        for case in res["cases"]:
            for key in ("headings", "lists"):
                if key in case:
                    found, expected = case[key].split("/")
                    assert found == expected, (case["id"], key)


def test_seed_raw_files_are_the_shared_ones():
    for raw in (ROOT / "raw").rglob("*.txt"):
        assert raw.read_bytes() == (SHARED / "seeds" / raw.name).read_bytes()
