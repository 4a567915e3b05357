"""Every file a pull request can touch, mutated at random (Hypothesis): wrong types,
control characters, impossible dates, non-UTF-8 bytes, YAML aliases and duplicate
keys, directories, symlinks and FIFOs where files belong. After each mutation
`arsip check`, `arsip ingest --check` and the site's generation (what the MkDocs plugin
calls: catalog, pages, essay views, JSON-LD, feeds, citations) either succeed, with
well-formed output, or stop with one clear line naming a file. Nothing else: no
traceback, no hang, no script that could run.

Full `mkdocs build --strict` runs of the hand-written cases are in
test_trust_boundary.py; here the generation runs in-process so Hypothesis can try
hundreds of files."""
from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arsip.archive import Project, check, ingest, load_themes
from arsip.clean import load_sources
from arsip.errors import ArsipError
from arsip.site import build_catalog
from arsip.site.cite import bibtex, citation, ris
from arsip.site.feeds import atom, feeds
from arsip.site.sitepages import essay_page, essay_view, home_sections, index_pages

from conftest import ROOT

EXAMPLES = settings(max_examples=int(os.environ.get("ARSIP_MUTATIONS", "120")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ESSAY = "essays/alone-together-paradoks-hubungan-manusia-modern.md"
SOURCE = "data/sources/kumparan.yml"
HOSTILE = ["", " ", "\n", "index", "con", "../x", "/etc/passwd", "raw/../../etc/passwd", "2025-02-30",
           "2025-13-45T25:61", "<script>alert(1)</script>", "<!--<script>", "\x00", "\x0b", "\ufffe", "\u2028",
           "a" * 5000, "javascript:alert(1)", "https://", "https://x.example/\n", "None", "null", "*a", "&a",
           "{{ x }}", "# Judul", "- butir", "[a](javascript:x)", "(a|aa)+$", "(?<=x)y", "kesepian-keterasingan"]
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
              st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), st.sampled_from(HOSTILE)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)
SNIPPETS = ["x: &a [*a]\n", "a: &a [1, 2]\nb: [*a, *a]\n", "date: 2025-02-30\n", "\t- tab\n", "k: 1\nk: 2\n",
            "!!python/object/apply:os.system ['true']\n", "? [a]\n: b\n", "[" * 300 + "\n", "x: " + "9" * 5000 + "\n",
            "<<: {a: 1}\n", "---\n", "...\n", "%YAML 1.1\n", "x: !!binary aGVsbG8=\n", "'unclosed\n"]
BYTES = [b"\xff", b"\xc3", b"\x00", b"\xef\xbb\xbf", b"\r", b"\xe2\x80\xa8"]


def fresh() -> Path:
    root = Path(tempfile.mkdtemp(prefix="arsip-mut-"))
    for part in ("raw", "data", "essays"):
        shutil.copytree(ROOT / part, root / part)
    return root


def _set(data, path, value):
    """Replace the value at ``path`` (keys and indexes) in nested data, or add a key."""
    for key in path[:-1]:
        data = data[key]
    if isinstance(data, list):
        data[path[-1] % len(data)] = value
    else:
        data[path[-1]] = value


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


def mutate_yaml_value(text: str, draw, header=""):
    data = yaml.safe_load(text)
    paths = [p for p in _paths(data) if p]
    where = draw(st.sampled_from(paths + [("kunci-baru",)]))
    _set(data, where, draw(values))
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def mutate_text(text: bytes, draw) -> bytes:
    lines = text.split(b"\n")
    at = draw(st.integers(0, len(lines)))
    insert = draw(st.one_of(st.sampled_from(SNIPPETS).map(str.encode), st.sampled_from(BYTES)))
    return b"\n".join(lines[:at] + [insert.rstrip(b"\n")] + lines[at:])


def replace_with_node(path: Path, kind: str) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling":
        os.symlink("tidak-ada", path)
    elif kind == "loop":
        os.symlink(path.name, path)
    elif kind == "outside":
        os.symlink("/etc/passwd", path)
    elif kind == "empty":
        path.write_bytes(b"")


def one_line(e: BaseException) -> None:
    assert isinstance(e, ArsipError), repr(e)
    assert "\n" not in str(e) and ": " in str(e) and "Traceback" not in str(e), str(e)


def everything_holds(root: Path) -> None:
    project = Project(root)
    for p in check(project):
        assert "\n" not in str(p) and p.code, str(p)
    try:
        ingest(project, [], check=True, jobs=1)
    except ArsipError as e:
        one_line(e)
    try:
        themes = load_themes(root / "data" / "themes.yml")
        sources = load_sources(root / "data" / "sources")
        catalog = build_catalog(root / "essays", themes, sources)
    except ArsipError as e:
        one_line(e)
        return
    index_pages(catalog)
    home_sections(catalog)
    for entry in catalog.entries:
        essay_page(entry)
        view = essay_view(entry, "https://arsip.example", None, catalog=catalog)
        assert "<" not in view["jsonld"] and json.loads(view["jsonld"])["name"] == entry.title
        c = citation(entry, "https://arsip.example/" + entry.url)
        bibtex(c), ris(c)
    for feed in feeds(catalog, "Arsip Esai"):
        ET.fromstring(atom(feed, "https://arsip.example", "2026-01-01"))


def _run(mutation) -> None:
    root = fresh()
    try:
        mutation(root)
        everything_holds(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@EXAMPLES
@given(st.data())
def test_essay_front_matter_values(data):
    def mutation(root):
        path = root / ESSAY
        front, _, body = path.read_text(encoding="utf-8")[4:].partition("\n---\n")
        path.write_text("---\n" + mutate_yaml_value(front, data.draw) + "---\n" + body, encoding="utf-8")
    _run(mutation)


@EXAMPLES
@given(st.data())
def test_essay_bytes_and_yaml_syntax(data):
    def mutation(root):
        path = root / ESSAY
        path.write_bytes(mutate_text(path.read_bytes(), data.draw))
    _run(mutation)


@EXAMPLES
@given(st.data())
def test_essay_body(data):
    body = data.draw(st.lists(st.one_of(st.text(max_size=60), st.sampled_from(HOSTILE)), max_size=6).map("\n\n".join))

    def mutation(root):
        path = root / ESSAY
        front, _, _ = path.read_text(encoding="utf-8").partition("\n---\n\n")
        path.write_text(front + "\n---\n\n" + body + "\n", encoding="utf-8", errors="surrogatepass")
    _run(mutation)


@EXAMPLES
@given(st.data())
def test_manifest_entries(data):
    def mutation(root):
        path = root / "raw" / "manifest.yml"
        if data.draw(st.booleans()):
            path.write_text(mutate_yaml_value(path.read_text(encoding="utf-8"), data.draw), encoding="utf-8")
        else:
            path.write_bytes(mutate_text(path.read_bytes(), data.draw))
    _run(mutation)


@EXAMPLES
@given(st.data())
def test_ingest_state(data):
    def mutation(root):
        path = root / "essays" / ".ingest-state.json"
        state = json.loads(path.read_text())
        paths = [p for p in _paths(state) if p]
        _set(state, data.draw(st.sampled_from(paths + [("raw/x.txt",)])), data.draw(values))
        path.write_text(json.dumps(state, allow_nan=True))
    _run(mutation)


@EXAMPLES
@given(st.data())
def test_themes_and_outlet_files(data):
    def mutation(root):
        rel = data.draw(st.sampled_from(["data/themes.yml", SOURCE]))
        path = root / rel
        if data.draw(st.booleans()):
            path.write_text(mutate_yaml_value(path.read_text(encoding="utf-8"), data.draw), encoding="utf-8")
        else:
            path.write_bytes(mutate_text(path.read_bytes(), data.draw))
    _run(mutation)


@EXAMPLES
@given(st.data())
def test_files_replaced_by_directories_symlinks_and_fifos(data):
    def mutation(root):
        rel = data.draw(st.sampled_from([ESSAY, "essays/baru.md", "essays/.ingest-state.json", "raw/manifest.yml",
                                         "raw/kumparan/000_0edb4e42af27e81c.txt", "data/themes.yml", SOURCE,
                                         "data/sources/baru.yml"]))
        replace_with_node(root / rel, data.draw(st.sampled_from(["directory", "fifo", "dangling", "loop",
                                                                 "outside", "empty"])))
    _run(mutation)


def test_the_mutations_reach_every_kind_of_problem():
    """The strategies are not idle: a sample of them makes check report many codes."""
    rng = random.Random(5)
    seen = set()
    for snippet in SNIPPETS:
        root = fresh()
        try:
            path = root / ESSAY
            lines = path.read_bytes().split(b"\n")
            at = rng.randrange(2, 18)
            path.write_bytes(b"\n".join(lines[:at] + [snippet.encode().rstrip(b"\n")] + lines[at:]))
            seen |= {p.code for p in check(Project(root))}
        finally:
            shutil.rmtree(root, ignore_errors=True)
    assert {"front-matter"} <= seen
