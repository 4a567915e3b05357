"""The trust boundary, one test per row of issue 13: what a hostile or careless pull
request (or a mistaken command) puts in the repository never escapes a folder, loses
an entry, runs script, hangs, or ends in a traceback.

Each test edits a throw-away copy of the repository the way a contributor would and
runs the real commands (`arsip check`, `ingest`, `add`, the strict build)."""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import ROOT, arsip, tree_bytes
from sitecheck import SITE_PARTS, build, page, soup

sys.path.insert(0, str(ROOT / "benchmarks"))

ESSAY = "essays/alone-together-paradoks-hubungan-manusia-modern.md"
RAW = "raw/kumparan/000_0edb4e42af27e81c.txt"
NEW = ROOT / "tests" / "fixtures" / "generic" / "kolom_portal.txt"


@pytest.fixture
def repo(tmp_path):
    for part in ("raw", "data", "essays", *SITE_PARTS):
        src = ROOT / part
        if not (tmp_path / part).exists():
            (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / part)
    return tmp_path


def run(repo, *args, stdin=None):
    res = arsip("--root", str(repo), *args, stdin=stdin)
    return res.returncode, res.stdout.decode(), res.stderr.decode()


def one_line(err: str, *parts: str) -> None:
    """Exactly one line, `arsip: error: FILE: problem`, holding every part."""
    assert err.count("\n") == 1 and err.startswith("arsip: error: ") and "Traceback" not in err, err
    for part in parts:
        assert part in err, (part, err)


def edit(repo, rel, old, new):
    p = repo / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_manifest(repo, index, **changes):
    path = repo / "raw" / "manifest.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["articles"][index].update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_fails(repo, tmp_path, *parts):
    res = build(repo, tmp_path / "site-out")
    assert res.returncode != 0 and "Traceback" not in res.stderr, res.stderr[-2000:]
    line = next((ln for ln in res.stderr.splitlines() if "arsip: " in ln), "")
    for part in parts:
        assert part in line, (part, res.stderr[-2000:])


def check_reports(repo, code, *parts):
    rc, out, err = run(repo, "check")
    assert rc == 1 and "Traceback" not in err, err
    lines = [ln for ln in out.splitlines() if ln.endswith(f"[{code}]")]
    assert lines and all(any(p in ln for ln in lines) for p in parts), out
    assert all(re.match(r"^[^:]+:\d+: .+ \[[a-z-]+\]$", ln) for ln in out.splitlines()), out


# --- 1. a path climbs out of its folder ----------------------------------------------

@pytest.mark.parametrize("slug", ["../../../../tmp/arsip-x", "/tmp/arsip-x", "Judul Baru", "index", ["a"]])
def test_row01_a_manifest_slug_never_leaves_essays(repo, slug):
    set_manifest(repo, 0, overrides={"slug": slug})
    before = tree_bytes(repo)
    rc, _, err = run(repo, "ingest")
    one_line(err, "manifest.yml:", "articles[0]: overrides.slug")
    assert rc == 2 and tree_bytes(repo) == before and not os.path.exists("/tmp/arsip-x.md")
    check_reports(repo, "data-file", "overrides.slug")


@pytest.mark.parametrize("slug", ["../docs/index", "../README", "index"])
def test_row01_an_ingest_state_slug_never_leaves_essays(repo, slug):
    state = repo / "essays" / ".ingest-state.json"
    data = json.loads(state.read_text())
    data[RAW]["slug"] = slug
    state.write_text(json.dumps(data))
    before = tree_bytes(repo)
    rc, _, err = run(repo, "ingest", "--force")          # what `make golden` runs
    one_line(err, ".ingest-state.json", f"entry '{RAW}'")
    assert rc == 2 and tree_bytes(repo) == before
    check_reports(repo, "data-file", ".ingest-state.json")


# --- 2. parallel adds lose entries (see test_concurrency.py for 20 pairs) -------------

def test_row02_two_adds_at_once_both_land(repo, tmp_path):
    import rawgen
    arts = [a for a in rawgen.articles(12, seed=3) if a.title][:2]
    paths = []
    for i, a in enumerate(arts):
        paths.append(tmp_path / f"baru-{i}.txt")
        paths[-1].write_text(a.text, encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, "-m", "arsip", "--root", str(repo), "add", str(p), "--source", a.source],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p, a in zip(paths, arts)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0], [p.stderr.read() for p in procs]
    entries = yaml.safe_load((repo / "raw" / "manifest.yml").read_text())["articles"]
    assert len(entries) == 7
    assert run(repo, "check")[0] == 0


# --- 3. script typed into an essay body ----------------------------------------------

BODY_PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "[x](javascript:alert(3))",
                 "<a href=\"jav&#x09;ascript:alert(4)\">y</a>", "<svg onload=alert(5)>", "Teks biasa{: onclick=\"alert(6)\" }"]


def test_row03_script_in_an_essay_body_is_reported_and_removed(repo, tmp_path):
    edit(repo, ESSAY, "\n\nSecara etimologi", "\n\n" + "\n\n".join(BODY_PAYLOADS) + "\n\nSecara etimologi")
    rc, out, _ = run(repo, "check")
    assert rc == 1 and out.count("[raw-html]") >= 4 and "javascript:alert(3" in out and "[unsafe-link]" in out, out
    site = tmp_path / "site"
    res = build(repo, site)
    assert res.returncode == 0, res.stderr
    body = soup(page(site, "esai/alone-together-paradoks-hubungan-manusia-modern/")).select_one(".arsip-essay__body")
    html = str(body)
    assert "Secara etimologi" in body.get_text()
    assert not body.find_all(["script", "img", "svg", "iframe"]), html
    assert not [a for tag in body.find_all(True) for a in tag.attrs if a.startswith("on")], html
    assert not [a for a in body.find_all("a") if "script" in a.get("href", "").lower()], html


# --- 4. `<!--<script>` in a metadata field -------------------------------------------

COMMENT = "Judul <!--<script> sisa"


@pytest.mark.parametrize("field", ["title", "author", "summary", "section", "outlet"])
def test_row04_a_comment_opener_in_metadata_cannot_blank_the_page(repo, tmp_path, field):
    where = {"title": ("title: 'Alone Together: Paradoks Hubungan Manusia Modern'", f"title: '{COMMENT}'"),
             "author": ("- name: Muhammad Adil", f"- name: '{COMMENT}'"),
             "summary": ("summary: Era modern", f"summary: {COMMENT} Era modern"),
             "section": ("section: Konten dari Pengguna", f"section: '{COMMENT}'")}
    if field == "outlet":
        edit(repo, "data/sources/kumparan.yml", "name: kumparan", f"name: '{COMMENT}'")
    else:
        edit(repo, ESSAY, *where[field])
    site = tmp_path / "site"
    assert build(repo, site).returncode == 0
    doc = soup(page(site, "esai/alone-together-paradoks-hubungan-manusia-modern/"))
    [ld] = doc.select("script[type='application/ld+json']")
    assert "<" not in ld.string and COMMENT in json.dumps(json.loads(ld.string), ensure_ascii=False)
    assert doc.select_one(".arsip-essay__header h1").get_text().strip()
    assert "Secara etimologi" in doc.select_one(".arsip-essay__body").get_text()


def test_row04_a_scraped_headline_with_a_comment_opener(repo, tmp_path):
    src = tmp_path / "komentar.txt"
    src.write_text(NEW.read_text(encoding="utf-8").replace("Ketika Gotong Royong Pindah", "Ketika <!--<script> Gotong "
                                                                                    "Royong Pindah"), encoding="utf-8")
    rc, out, err = run(repo, "add", str(src), "--source", "kumparan")
    assert rc == 0, err
    site = tmp_path / "site"
    assert build(repo, site).returncode == 0
    slug = out.split("essay: essays/")[1].split(".md")[0]
    doc = soup(page(site, f"esai/{slug}/"))
    assert "<!--" in doc.select_one(".arsip-essay__header h1").get_text()
    assert "<" not in doc.select_one("script[type='application/ld+json']").string


# --- 5. Markdown in a description ------------------------------------------------------

@pytest.mark.parametrize("description", ["# Judul Besar", "- butir daftar", "**tebal** dan [tautan](https://x.example)"])
def test_row05_descriptions_are_plain_text(repo, tmp_path, description):
    for rel in ("data/themes.yml", "data/sources/kumparan.yml"):
        path = repo / rel
        path.write_text(re.sub(r"description: .*", f"description: '{description}'", path.read_text(encoding="utf-8"),
                               count=1), encoding="utf-8")
    site = tmp_path / "site"
    assert build(repo, site).returncode == 0
    for url in ("tema/", "tema/kesepian-keterasingan/", "sumber/", "sumber/kumparan/"):
        doc = soup(page(site, url))
        article = doc.select_one("article")
        assert description in article.get_text(), url
        assert len(article.find_all("h1")) == 1 and not article.select("ul li:-soup-contains('butir daftar')")
        assert not article.find("a", href="https://x.example")


# --- 6. control characters break every feed ---------------------------------------------

@pytest.mark.parametrize("char", ["\x0b", "\x01", "\x00", "\ufffe"])
def test_row06_control_characters_are_refused_in_front_matter(repo, tmp_path, char):
    escaped = json.dumps(char)[1:-1]
    edit(repo, ESSAY, "title: 'Alone Together: Paradoks Hubungan Manusia Modern'",
         f'title: "Alone Together{escaped}: Paradoks"')
    check_reports(repo, "text", f"{ESSAY}:2: title: holds the control character or non-character")
    build_fails(repo, tmp_path, "alone-together-paradoks-hubungan-manusia-modern.md: title: holds")


def test_row06_every_feed_stays_well_formed_whatever_an_essay_holds():
    from arsip.site.feeds import xml_text
    text = "".join(chr(c) for c in range(0x20)) + "\ud800\ufffe\uffff teks"
    root = ET.fromstring(f"<a>{xml_text(text)}</a>".encode("utf-8", "surrogatepass"))
    assert root.text.endswith(" teks") and "\x00" not in root.text


def test_row06_feeds_of_the_archive_parse(tmp_path):
    site = tmp_path / "site"
    assert build(ROOT, site).returncode == 0
    feeds = sorted(site.glob("feed*.xml"))
    assert len(feeds) > 5
    for feed in feeds:
        ET.parse(feed)


# --- 7. a YAML alias bomb -------------------------------------------------------------

def bomb(levels: int = 9) -> str:
    out = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        out.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(out) + "\n"


def test_row07_an_alias_bomb_is_refused_at_once(repo, tmp_path):
    text = (repo / ESSAY).read_text(encoding="utf-8")
    (repo / ESSAY).write_text(text.replace("tags: []\n", "tags: []\n" + bomb()), encoding="utf-8")
    assert len(bomb()) < 1000      # 9 levels of 9 aliases: 387 million strings if expanded
    start = time.perf_counter()
    check_reports(repo, "front-matter", f"{ESSAY}:17: invalid YAML: aliases (*name) are not allowed")
    build_fails(repo, tmp_path, "aliases (*name) are not allowed")
    assert time.perf_counter() - start < 30


def test_row07_self_referencing_tags(repo, tmp_path):
    edit(repo, ESSAY, "tags: []", "tags: &a [*a]")
    check_reports(repo, "front-matter", "aliases (*name) are not allowed")
    edit(repo, "data/themes.yml", "themes:", "x: &t [1]\ny: *t\nthemes:")
    rc, _, err = run(repo, "ingest")
    one_line(err, "themes.yml: line", "aliases")


# --- 8. an endless input ----------------------------------------------------------------

def _limited(cmd, stdin=None):
    """Run ``cmd`` with at most 1 GiB of address space, 20 s of CPU."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
    return subprocess.run(cmd, stdin=stdin, capture_output=True, timeout=60, preexec_fn=limit)


def test_row08_dev_zero_is_refused_in_constant_memory(repo):
    cmd = [sys.executable, "-m", "arsip", "--root", str(repo)]
    res = _limited(cmd + ["add", "/dev/zero", "--source", "kumparan"])
    assert res.returncode == 2
    one_line(res.stderr.decode(), "/dev/zero: is a device, not a raw article")
    with open("/dev/zero", "rb") as zero:
        res = _limited(cmd + ["clean", "-"], stdin=zero)
    assert res.returncode == 2
    one_line(res.stderr.decode(), "<stdin>: is larger than 5,242,880 bytes")


def test_row08_a_fifo_is_refused_without_waiting(repo, tmp_path):
    fifo = tmp_path / "antrian.txt"
    os.mkfifo(fifo)
    start = time.perf_counter()
    rc, _, err = run(repo, "add", str(fifo), "--source", "kumparan")
    assert rc == 2 and time.perf_counter() - start < 20
    one_line(err, "antrian.txt: is a FIFO, not a raw article")
    os.mkfifo(repo / "essays" / "pipa.md")
    check_reports(repo, "unreadable", "essays/pipa.md:1: is a FIFO, not a essay")


def test_row08_a_file_growing_past_the_limit_is_refused(repo, tmp_path):
    big = tmp_path / "besar.txt"
    big.write_bytes(b"Kalimat panjang. " * (6 * 1024 * 1024 // 17))
    rc, _, err = run(repo, "add", str(big), "--source", "kumparan")
    assert rc == 2
    one_line(err, "besar.txt: is larger than 5,242,880 bytes")


# --- 9. a catastrophic regular expression -----------------------------------------------

def test_row09_an_outlet_regex_runs_in_linear_time(repo, tmp_path):
    edit(repo, "data/sources/kumparan.yml", "    - 'redaksi kumparan'", "    - 'redaksi kumparan'\n    - '^aaaa(a|aa)+$'")
    edit(repo, "data/sources/kumparan.yml", "pattern: '^Tulisan dari", "pattern: '^(a|aa)+$|^Tulisan dari")
    page_ = tmp_path / "a.txt"
    page_.write_text("Judul Esai yang Cukup Panjang untuk Diuji\n\n" + "a" * 41 + "\n\n" + ("a" * 5000 + "b\n\n") * 3
                     + "Paragraf esai yang panjang dengan kalimat lengkap dan bermakna untuk dibaca. " * 4 + "\n")
    start = time.perf_counter()
    res = arsip("--root", str(repo), "clean", str(page_), "--source", "kumparan")
    assert res.returncode == 0, res.stderr
    res = arsip("--root", str(repo), "clean", str(page_))          # signatures are searched too
    assert res.returncode == 0 and time.perf_counter() - start < 10


@pytest.mark.parametrize("pattern, message", [
    ("'(?<=Oleh )nama'", "RE2, the linear-time engine outlet patterns run on, refuses it"),
    ("'(kumparan)\\1'", "RE2, the linear-time engine outlet patterns run on, refuses it"),
    ("'a'", "too general to recognise an outlet by"),
])
def test_row09_patterns_re2_cannot_run_are_refused(repo, pattern, message):
    edit(repo, "data/sources/kumparan.yml", "    - 'redaksi kumparan'", f"    - {pattern}")
    rc, _, err = run(repo, "ingest")
    one_line(err, "data/sources/kumparan.yml: profile.signatures[0]", message)


# --- 10. one line, never a traceback ----------------------------------------------------

def _symlink(repo, name, target):
    os.symlink(target, repo / "essays" / name)


def _bad_byte(repo, rel):
    p = repo / rel
    p.write_bytes(p.read_bytes().replace(b"\n", b"\n# caf\xe9\n", 1))


ROW10 = {
    "essay date 2025-02-30": (lambda r: edit(r, ESSAY, "date: '2025-05-08T16:35:00+07:00'", "date: 2025-02-30"),
                              ESSAY, "6: invalid YAML: '2025-02-30' is not a real date"),
    "essay date 2025-13-45": (lambda r: edit(r, ESSAY, "date: '2025-05-08T16:35:00+07:00'", "date: 2025-13-45"),
                              ESSAY, "'2025-13-45' is not a real date"),
    "essay time 25:35": (lambda r: edit(r, ESSAY, "date: '2025-05-08T16:35:00+07:00'", "date: 2025-05-08 25:35:00"),
                         ESSAY, "is not a real date or time"),
    "essay offset +99": (lambda r: edit(r, ESSAY, "date: '2025-05-08T16:35:00+07:00'", "date: 2025-05-08T16:35:00+99:00"),
                         ESSAY, "is not a real date or time"),
    "essay retrieved impossible": (lambda r: edit(r, ESSAY, "retrieved: null", "retrieved: 2024-02-30"),
                                   ESSAY, "is not a real date"),
    "essay tags alias": (lambda r: edit(r, ESSAY, "tags: []", "tags: &a [*a]"), ESSAY, "aliases"),
    "essay is a directory": (lambda r: (r / "essays" / "x.md").mkdir(), "essays/x.md", "is a directory"),
    "dangling symlink": (lambda r: _symlink(r, "y.md", "tidak-ada.md"), "essays/y.md", "symlink"),
    "symlink loop": (lambda r: _symlink(r, "z.md", "z.md"), "essays/z.md", "symlink"),
    "themes not UTF-8": (lambda r: _bad_byte(r, "data/themes.yml"), "data/themes.yml", "is not valid UTF-8"),
    "source not UTF-8": (lambda r: _bad_byte(r, "data/sources/kumparan.yml"), "kumparan.yml", "is not valid UTF-8"),
    "manifest not UTF-8": (lambda r: _bad_byte(r, "raw/manifest.yml"), "manifest.yml", "is not valid UTF-8"),
    "manifest retrieved impossible": (lambda r: edit(r, "raw/manifest.yml", "retrieved: null", "retrieved: 2025-02-30"),
                                      "manifest.yml", "is not a real date"),
    "manifest override date": (lambda r: edit(r, "raw/manifest.yml", "title: Membangun", "date: '2025-13-45'\n      title: Membangun"),
                               "manifest.yml", "overrides.date '2025-13-45' is not a real date"),
    "source kind list": (lambda r: edit(r, "data/sources/kumparan.yml", "kind: portal berita", "kind: [portal berita]"),
                         "kumparan.yml", "kind:"),
    "source signatures int": (lambda r: edit(r, "data/sources/kumparan.yml", "  signatures:\n    - 'redaksi kumparan'\n    - '^Konten dari Pengguna$'\n    - '\\bkumparan\\.com\\b'", "  signatures: 5"),
                              "kumparan.yml", "profile.signatures: expected a list"),
    "source sections int": (lambda r: edit(r, "data/sources/kumparan.yml", "sections: ['Konten dari Pengguna', 'Konten Media Partner', 'kumparanNEWS', 'kumparanBISNIS', 'kumparanTECH']", "sections: 7"),
                            "kumparan.yml", "profile.sections: expected a list"),
    "source credits int": (lambda r: edit(r, "data/sources/kumparan.yml", "  timezone:", "  credits: 3\n  timezone:"),
                           "kumparan.yml", "profile.credits: expected a list"),
    "source date_formats int": (lambda r: edit(r, "data/sources/kumparan.yml", "  timezone:", "  date_formats: 3\n  timezone:"),
                                "kumparan.yml", "profile.date_formats: expected a list"),
    "credit paragraphs abc": (lambda r: edit(r, "data/sources/kumparan.yml", "  timezone:", "  credits:\n    - pattern: '\\((?P<who>[A-Z][a-z]+)\\)$'\n      paragraphs: abc\n  timezone:"),
                              "kumparan.yml", "paragraphs: must be a whole number"),
    "rule name list": (lambda r: edit(r, "data/sources/kumparan.yml", "- name: kumparan-user-disclaimer", "- name: [a, b]"),
                       "kumparan.yml", "profile.rules[0].name: must be non-empty text"),
    "rule effect list": (lambda r: edit(r, "data/sources/kumparan.yml", "effect: noise", "effect: [noise]"),
                         "kumparan.yml", "effect must be one of"),
    "manifest themes nested": (lambda r: edit(r, "raw/manifest.yml", "themes: [kesepian-keterasingan, relasi-koneksi-sosial]", "themes: [[x]]"),
                               "manifest.yml", "themes must be a list of at most 3 theme ids"),
    "manifest authors int": (lambda r: edit(r, "raw/manifest.yml", "title: Membangun", "authors: 5\n      title: Membangun"),
                             "manifest.yml", "overrides.authors must be a list"),
    "manifest slug list": (lambda r: edit(r, "raw/manifest.yml", "title: Membangun", "slug: [a]\n      title: Membangun"),
                           "manifest.yml", "overrides.slug: slug must be a string"),
    "state entry string": (lambda r: (r / "essays" / ".ingest-state.json").write_text(json.dumps({RAW: "x"})),
                           ".ingest-state.json", "must be an object with a slug and a sha256"),
}
ESSAY_CASES = {k for k, v in ROW10.items() if v[1].startswith("essays/") and not v[1].endswith(".json")}


@pytest.mark.parametrize("case", sorted(ROW10))
def test_row10_malformed_files_give_one_line(repo, tmp_path, case):
    mutate, file_part, message = ROW10[case]
    mutate(repo)
    rc, out, err = run(repo, "check")
    assert rc == 1 and "Traceback" not in err and err.count("\n") == 1, err
    assert any(file_part in ln and message in ln for ln in out.splitlines()), out
    if case not in ESSAY_CASES:       # ingest does not read essays; data files stop it
        rc, _, err = run(repo, "ingest", "--check")
        assert rc == 2
        one_line(err, file_part, message)
    if file_part.startswith(("manifest", ".ingest")):
        assert build(repo, tmp_path / "site-out").returncode == 0     # the site never reads them
    else:
        build_fails(repo, tmp_path, file_part)


# --- 11. wrong results that pass -----------------------------------------------------------

def test_row11_an_outlet_name_of_spaces_is_refused(repo, tmp_path):
    edit(repo, "data/sources/kumparan.yml", "name: kumparan", "name: ' '")
    check_reports(repo, "data-file", "data/sources/kumparan.yml:1: name: must be non-empty text")
    build_fails(repo, tmp_path, "kumparan.yml: name: must be non-empty text")


def test_row11_reserved_names_cannot_replace_a_listing(repo, tmp_path):
    edit(repo, "data/themes.yml", "- id: kesepian-keterasingan", "- id: index")
    rc, _, err = run(repo, "ingest", "--check")
    one_line(err, "data/themes.yml: themes[0]: theme id 'index' is a reserved name")
    rc, _, err = run(repo, "source", "add", "index", "--name", "Indeks Media", "--kind", "blog", "--description", "X.")
    assert rc == 2
    one_line(err, "index: source id 'index' is a reserved name")
    shutil.copy(repo / ESSAY, repo / "essays" / "index.md")
    check_reports(repo, "slug", "essays/index.md:1: file name: slug 'index' is a reserved name")


def test_row11_an_author_named_index_gets_a_page_of_their_own(repo, tmp_path):
    edit(repo, ESSAY, "- name: Muhammad Adil", "- name: Index")
    site = tmp_path / "site"
    assert build(repo, site).returncode == 0
    listing = soup(page(site, "penulis/")).select_one("article").get_text()
    assert "Muhammad Adil" not in listing and "Index" in listing and "Widya Pangestika" in listing
    assert "Index" in soup(page(site, "penulis/penulis-index/")).select_one("h1").get_text()


@pytest.mark.parametrize("authors, message", [("Budi", "overrides.authors must be a list"),
                                              ([{"nama": "Budi"}], "must have a name")])
def test_row11_manifest_authors_must_be_a_list_of_names(repo, authors, message):
    set_manifest(repo, 1, overrides={"authors": authors})
    rc, _, err = run(repo, "ingest", "--check")
    one_line(err, "manifest.yml:", message)


def test_row11_outlet_ids_and_signatures_are_checked(repo):
    rc, _, err = run(repo, "source", "add", "foo\n", "--name", "Media Foo", "--kind", "blog", "--description", "X.")
    assert rc == 2 and "must be lower-case ASCII letters" in err
    rc, _, err = run(repo, "source", "add", "aaa", "--name", "a", "--kind", "blog", "--description", "X.")
    assert rc == 2
    one_line(err, "the name 'a' is too short to recognise the outlet's pages by")
    assert not (repo / "data" / "sources" / "aaa.yml").exists()


def test_row11_duplicate_keys_are_an_error(repo):
    edit(repo, ESSAY, "tags: []", "tags: []\ntags: [dua]")
    check_reports(repo, "front-matter", f"{ESSAY}:17: invalid YAML: key 'tags' is given twice")
    edit(repo, "raw/manifest.yml", "    url: null\n", "    url: null\n    url: null\n")
    rc, _, err = run(repo, "ingest", "--check")
    one_line(err, "manifest.yml: line", "key 'url' is given twice")


def test_row11_missing_values_never_show_as_none(repo, tmp_path):
    edit(repo, "data/themes.yml", "description: ", "description: null\n    x: ")
    rc, _, err = run(repo, "ingest", "--check")
    assert rc == 2 and "None" not in err
    shutil.rmtree(repo / "data"), shutil.copytree(ROOT / "data", repo / "data")
    edit(repo, ESSAY, "section: Konten dari Pengguna", "section: null")
    edit(repo, ESSAY, "  affiliation: Mahasiswa Ilmu Komunikasi Universitas Andalas", "  affiliation: null")
    site = tmp_path / "site"
    assert build(repo, site).returncode == 0
    for path in site.rglob("*.html"):
        text = soup(path).get_text()
        assert not re.search(r"\bNone\b", text), path
    for path in site.rglob("*.xml"):
        assert ">None<" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("url", ["https://kumparan.com/x\n", "https://", "https://kumparan", "javascript:alert(1)",
                                 "https://kumparan.com/a b"])
def test_row11_urls_must_be_whole_addresses(repo, url):
    set_manifest(repo, 0, url=url)
    rc, _, err = run(repo, "ingest", "--check")
    one_line(err, "manifest.yml:", "articles[0]: url")
    rc, _, err = run(repo, "add", str(NEW), "--source", "kumparan", "--url", url)
    assert rc == 2 and "Traceback" not in err


def test_row11_an_essay_symlinked_from_outside_is_not_published(repo, tmp_path):
    outside = tmp_path / "luar.md"
    shutil.copy(repo / ESSAY, outside)
    (repo / ESSAY).unlink()
    os.symlink(outside, repo / ESSAY)
    check_reports(repo, "unreadable", f"{ESSAY}:1: is a symlink")
    build_fails(repo, tmp_path, "alone-together-paradoks-hubungan-manusia-modern.md: is a symlink")


def test_row11_a_raw_path_cannot_climb_out(repo, tmp_path):
    edit(repo, ESSAY, f"path: {RAW}", "path: raw/../../../../etc/passwd")
    check_reports(repo, "raw-path", "must be a plain relative path")
    rc, out, _ = run(repo, "check")
    assert "etc/passwd changed" not in out and "[raw-changed]" not in out
    build_fails(repo, tmp_path, "raw.path")
    set_manifest(repo, 0, raw="raw/../../etc/passwd")
    rc, _, err = run(repo, "ingest", "--check")
    one_line(err, "manifest.yml:", "must be a plain relative path")
    os.symlink("/etc", repo / "raw" / "etc")
    set_manifest(repo, 0, raw="raw/etc/passwd")
    rc, _, err = run(repo, "ingest", "--check")
    one_line(err, "manifest.yml:", "leads outside raw/")


# --- 12. an interrupted add ----------------------------------------------------------------

def test_row12_an_orphan_raw_file_is_reported_and_adding_it_again_finishes(repo):
    text = NEW.read_bytes()
    orphan = repo / "raw" / "kumparan" / "yatim.txt"
    orphan.write_bytes(text)                                   # killed after the copy
    (repo / "essays" / ".x.md.abcd1234.tmp").write_text("setengah")
    rc, out, _ = run(repo, "check")
    assert "raw/kumparan/yatim.txt:1: is in no manifest entry" in out and "arsip add raw/kumparan/yatim.txt --source kumparan" in out
    assert "[temp-file]" in out and "rm 'essays/.x.md.abcd1234.tmp'" in out
    rc, out, err = run(repo, "add", str(NEW), "--source", "kumparan")
    assert rc == 0 and "finished an interrupted add: recorded" in out and "added raw/kumparan/yatim.txt" in out, err
    rc, out, err = run(repo, "add", str(NEW), "--source", "kumparan")
    assert rc == 2 and "already in the archive: raw/kumparan/yatim.txt (same bytes)" in err


def test_row12_an_entry_without_its_essay_is_ingested_by_adding_again(repo):
    rc, out, _ = run(repo, "add", str(NEW), "--source", "kumparan")
    essay = repo / out.split("essay: ")[1].split(" ")[0]
    essay.unlink()                                              # killed before the essay was written
    rc, out, _ = run(repo, "check")
    assert "[not-ingested]" in out
    rc, out, err = run(repo, "add", str(NEW), "--source", "kumparan")
    assert rc == 0 and "finished an interrupted add: ingested" in out and essay.exists(), err
    assert run(repo, "check")[0] == 0


def test_row12_a_failed_add_puts_back_only_its_own_change(repo):
    before = tree_bytes(repo)
    rc, _, err = run(repo, "add", str(NEW), "--source", "kumparan", "--title", "x" * 301)
    assert rc == 2 and "title" in err
    assert tree_bytes(repo) == before


# --- 13. the manifest is changed as data -------------------------------------------------

MANIFESTS = {
    "empty flow list": "articles: []\n",
    "zero-indented": None,            # the current entries, written with no indentation
    "comments kept": None,
    "no manifest": "",
}


@pytest.mark.parametrize("kind", sorted(MANIFESTS))
def test_row13_add_edits_the_manifest_as_data(repo, kind):
    path = repo / "raw" / "manifest.yml"
    data = yaml.safe_load(path.read_text())
    if kind == "empty flow list":
        path.write_text("articles: []\n")
        shutil.rmtree(repo / "essays"), (repo / "essays").mkdir()
    elif kind == "no manifest":
        path.unlink()
        shutil.rmtree(repo / "essays"), (repo / "essays").mkdir()
    elif kind == "zero-indented":
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, indent=2))
        assert "\n- raw:" in path.read_text()
    kept = path.read_text() if path.exists() else ""
    rc, out, err = run(repo, "add", str(NEW), "--source", "kumparan", "--author", "Rina Kartika; Universitas X")
    assert rc == 0, err
    after = yaml.safe_load(path.read_text())["articles"]
    assert after[:-1] == (data["articles"] if kind in ("zero-indented", "comments kept") else [])
    assert after[-1]["overrides"]["authors"] == [{"name": "Rina Kartika", "affiliation": "Universitas X"}]
    if kind == "comments kept":
        for line in kept.splitlines():
            if line.lstrip().startswith("#"):
                assert line in path.read_text(), line


def test_row13_a_manifest_with_an_unknown_top_level_key_is_refused_cleanly(repo):
    path = repo / "raw" / "manifest.yml"
    path.write_text(path.read_text() + "versi: 2\n")
    before = tree_bytes(repo)
    rc, _, err = run(repo, "add", str(NEW), "--source", "kumparan")
    one_line(err, "manifest.yml", "expected a mapping with one key, 'articles'")
    assert tree_bytes(repo) == before


# --- the two layers that keep essay bodies inert ------------------------------------------

def test_raw_html_is_escaped_before_markdown_and_links_survive():
    from arsip.archive import escape_raw_html
    assert escape_raw_html("a <!--<script> b") == "a &lt;!--&lt;script> b"
    assert escape_raw_html("<img\nsrc=x onerror=y>") == "&lt;img\nsrc=x onerror=y>"
    assert escape_raw_html("<https://x.example> dan <nama@x.example>") == "<https://x.example> dan <nama@x.example>"
    assert escape_raw_html("`<b>` dan <b>") == "`<b>` dan &lt;b>"
    assert escape_raw_html("```\n<b>\n```") == "```\n<b>\n```"
    assert escape_raw_html("3 < 4 dan a<b") == "3 < 4 dan a&lt;b"


def test_the_sanitizer_keeps_prose_and_drops_everything_else():
    from arsip.site.sanitize import sanitize
    html = ('<h2 id="a">Judul<a class="headerlink" href="#a">¶</a></h2><p><em>x</em> <a href="https://x.example">t</a>'
            ' <a href="javascript:alert(1)">j</a> <img src=x onerror=alert(1)></p><script>alert(1)</script>'
            '<p onclick="alert(1)" style="color:red">p</p><iframe src="https://x.example"></iframe>')
    out = sanitize(html)
    assert '<h2 id="a">' in out and 'class="headerlink"' in out and "<em>x</em>" in out
    assert 'href="https://x.example"' in out and "javascript" not in out
    assert not re.search(r"<(script|img|iframe)|onclick|style=", out), out
