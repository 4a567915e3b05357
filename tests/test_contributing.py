"""Contributors: `arsip source add`, `arsip add`, `arsip check`, end to end in a
temporary copy of the repository."""
from __future__ import annotations

import re
import shutil

import pytest

from arsip.archive.checks import PROBLEMS

from conftest import FIXTURES, ROOT, arsip, tree_bytes
from sitecheck import build, page, soup

NEW_ARTICLE = FIXTURES / "generic" / "pers_kampus.txt"
TITLE = "Gotong Royong Daring: Dari Grup Kelas ke Gerakan Nyata"
ESSAY = "essays/alone-together-paradoks-hubungan-manusia-modern.md"


@pytest.fixture
def repo(tmp_path):
    for part in ("raw", "data", "essays", "docs", "overrides", "mkdocs.yml"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / part)
    return tmp_path


def run(repo, *args, stdin=None):
    res = arsip("--root", str(repo), *args, stdin=stdin)
    return res.returncode, res.stdout.decode(), res.stderr.decode()


def register(repo):
    rc, out, _ = run(repo, "source", "add", "suarakampus", "--name", "LPM Suara Kampus", "--kind", "pers mahasiswa",
                     "--description", "Lembaga pers mahasiswa Universitas Nusa Bangsa.")
    assert rc == 0 and "registered suarakampus: data/sources/suarakampus.yml" in out


def test_new_outlet_end_to_end(repo, tmp_path_factory):
    rc, _, err = run(repo, "add", str(NEW_ARTICLE))
    assert rc == 2 and "cannot tell which outlet this is" in err and "arsip source add ID" in err
    register(repo)
    # the headline stands under the byline, a place where a headline is rare on real
    # pages: the metadata model (refitted as the development set grows) either takes it
    # or says "no headline found ...; give it with --title", and the curator gives it
    rc, out, err = run(repo, "add", str(NEW_ARTICLE), "--theme", "solidaritas-digital", "--retrieved", "2024-06-06")
    if rc:
        assert "give it with --title" in err, err
        rc, out, err = run(repo, "add", str(NEW_ARTICLE), "--theme", "solidaritas-digital",
                           "--retrieved", "2024-06-06", "--title", TITLE)
    assert rc == 0, err
    assert "essay: essays/gotong-royong-daring-dari-grup-kelas-ke-gerakan-nyata.md (new)" in out
    assert "arsip clean raw/suarakampus/" in out and "--explain" in out
    for line in out.splitlines():                  # what the curator does after reading the page
        if line.startswith("UNSURE "):
            assert run(repo, *line.split("if right: arsip ")[1].split())[0] == 0, line
    rc, _, err = run(repo, "check")
    assert rc == 0, err
    site = tmp_path_factory.mktemp("e2e-site")
    res = build(repo, site)
    assert res.returncode == 0, res.stderr
    for url in ("tema/solidaritas-digital/", "sumber/suarakampus/", "penulis/fajar-nugraha/", "kronologi/"):
        assert TITLE in soup(page(site, url)).get_text(), url
    kronologi = soup(page(site, "kronologi/")).get_text()
    assert kronologi.index("2024") < kronologi.index(TITLE)
    essay = soup(page(site, "esai/gotong-royong-daring-dari-grup-kelas-ke-gerakan-nyata/"))
    assert "Diambil 6 Juni 2024" in essay.select_one(".arsip-provenance").get_text(" ", strip=True)


def test_same_article_twice_and_near_duplicates_are_refused(repo):
    register(repo)
    assert run(repo, "add", str(NEW_ARTICLE), "--title", TITLE)[0] == 0
    rc, _, err = run(repo, "add", str(NEW_ARTICLE))
    assert rc == 2 and "already in the archive: raw/suarakampus/" in err and "(same bytes)" in err
    edited = NEW_ARTICLE.read_text(encoding="utf-8").replace("LPM Suara Kampus\nBeranda", "LPM Suara Kampus\nMenu")
    rc, _, err = run(repo, "add", "-", "--source", "suarakampus", "--title", TITLE, stdin=edited.encode())
    assert rc == 2 and "already in the archive: essays/gotong-royong-daring" in err and "the same text" in err


def test_failed_add_leaves_nothing_behind(repo):
    before_raw, before_essays = tree_bytes(repo / "raw"), tree_bytes(repo / "essays")
    headless = (ROOT / "raw" / "depokpos" / "002_d28bb8059df8ea10.txt").read_text(encoding="utf-8")
    text = headless.replace("Era digital telah", "Zaman digital telah")   # not a byte-identical copy
    text = "\n".join(ln for i, ln in enumerate(text.splitlines()) if i % 3 != 1)  # nor a near-duplicate
    rc, _, err = run(repo, "add", "-", "--source", "depokpos", stdin=text.encode())
    assert rc == 2 and "no headline found" in err
    assert tree_bytes(repo / "raw") == before_raw and tree_bytes(repo / "essays") == before_essays


def test_unknown_outlet_and_bad_options(repo):
    rc, _, err = run(repo, "add", str(NEW_ARTICLE), "--source", "entah")
    assert rc == 2 and "arsip source add entah" in err
    register(repo)
    assert "--retrieved must be a date" in run(repo, "add", str(NEW_ARTICLE), "--retrieved", "kemarin")[2]
    assert "unknown theme(s)" in run(repo, "add", str(NEW_ARTICLE), "--theme", "entah")[2]
    assert "--url 'javascript:x' is not an http(s) address" in run(repo, "add", str(NEW_ARTICLE), "--url", "javascript:x")[2]
    assert "already registered" in run(repo, "source", "add", "suarakampus", "--name", "X", "--kind", "blog",
                                        "--description", "x")[2]


def test_curator_edit_survives_ingest(repo):
    path = repo / ESSAY
    path.write_text(path.read_text(encoding="utf-8").replace("Era modern", "Zaman modern"), encoding="utf-8")
    rc, out, _ = run(repo, "ingest")
    assert rc == 1 and "REFUSED" in out and "Zaman modern" in path.read_text(encoding="utf-8")


# --- arsip check: one test per problem ----------------------------------------

def edit(repo, rel, old, new):
    p = repo / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def duplicate_essay(repo):
    shutil.copy(repo / ESSAY, repo / "essays" / "salinan.md")


def drop_essays_of(repo, source, theme=None):
    for p in (repo / "essays").glob("*.md"):
        text = p.read_text(encoding="utf-8")
        if f"id: {source}" in text:
            p.unlink()


BREAKAGES = {
    "front-matter": lambda r: (r / "essays" / "rusak.md").write_text("tanpa front matter\n"),
    "schema": lambda r: edit(r, ESSAY, "reading_time: 3", "reading_time: tiga"),
    "date": lambda r: edit(r, ESSAY, "date: '2025-05-08T16:35:00+07:00'", "date: '2025-02-30T16:35:00+07:00'"),
    "unknown-theme": lambda r: edit(r, ESSAY, "- relasi-koneksi-sosial", "- tema-entah"),
    "unknown-source": lambda r: edit(r, ESSAY, "id: kumparan", "id: entah"),
    "slug": lambda r: shutil.copy(r / ESSAY, r / "essays" / "Judul Besar.md"),
    "empty-body": lambda r: (r / ESSAY).write_text((r / ESSAY).read_text().split("\n---\n")[0] + "\n---\n\n"),
    "duplicate-title": duplicate_essay,
    "duplicate-raw": duplicate_essay,
    "near-duplicate": duplicate_essay,
    "boilerplate": lambda r: edit(r, ESSAY, "\n\nSecara etimologi", "\n\nADVERTISEMENT\n\nSecara etimologi"),
    "raw-missing": lambda r: (r / "raw/kumparan/000_0edb4e42af27e81c.txt").unlink(),
    "raw-changed": lambda r: edit(r, "raw/kumparan/000_0edb4e42af27e81c.txt", "Era modern", "Era  modern"),
    "not-ingested": lambda r: (r / ESSAY).unlink(),
    "unused-theme": lambda r: edit(r, "essays/media-sosial-twitter-tempat-ternyaman-menyurahkan-keluh-kesah.md",
                                   "- media-sosial-ekspresi-diri\n", ""),
    "unused-source": lambda r: drop_essays_of(r, "depokpos"),
    "unreadable": lambda r: (r / "essays" / "folder.md").mkdir(),
    "text": lambda r: edit(r, ESSAY, "- name: Muhammad Adil", '- name: "Muhammad\\x0bAdil"'),
    "raw-path": lambda r: edit(r, ESSAY, "path: raw/kumparan/000_0edb4e42af27e81c.txt",
                               "path: raw/../../../../etc/passwd"),
    "raw-html": lambda r: edit(r, ESSAY, "\n\nSecara etimologi", "\n\n<script>alert(1)</script>\n\nSecara etimologi"),
    "unsafe-link": lambda r: edit(r, ESSAY, "\n\nSecara etimologi", "\n\n[klik](javascript:alert(1))\n\nSecara etimologi"),
    "orphan-raw": lambda r: (r / "raw" / "kumparan" / "yatim.txt").write_text("Esai yang tak tercatat.\n"),
    "temp-file": lambda r: (r / "essays" / ".esai.md.k3j9x_2a.tmp").write_text("setengah"),
    "data-file": lambda r: edit(r, "data/themes.yml", "themes:", "themes:\nthemes:"),
    "unconfirmed": lambda r: edit(r, ESSAY, "tags: []", "tags: []\nreview: [title]"),
}
WHERE = {
    "front-matter": "essays/rusak.md:1:", "schema": f"{ESSAY}:20: reading_time", "date": f"{ESSAY}:6: date",
    "unknown-theme": f"{ESSAY}:13: themes", "unknown-source": f"{ESSAY}:7: source.id",
    "slug": "essays/Judul Besar.md:1:", "empty-body": f"{ESSAY}:", "duplicate-title": "essays/salinan.md:2: title",
    "duplicate-raw": "raw.path", "near-duplicate": "100% the same as", "boilerplate": "'ADVERTISEMENT'",
    "raw-missing": f"{ESSAY}:21: raw.path", "raw-changed": f"{ESSAY}:21: raw.sha256",
    "not-ingested": "raw/manifest.yml:", "unused-theme": "data/themes.yml:", "unused-source": "data/sources/depokpos.yml:1:",
    "unreadable": "essays/folder.md:1: is a directory", "text": f"{ESSAY}:3: authors[0].name: holds the control",
    "raw-path": f"{ESSAY}:21: raw.path: 'raw/../../../../etc/passwd' must be a plain relative path",
    "raw-html": f"{ESSAY}:27: raw HTML '<script>", "unsafe-link": f"{ESSAY}:27: link to 'javascript:alert(1",
    "orphan-raw": "raw/kumparan/yatim.txt:1: is in no manifest entry",
    "temp-file": "essays/.esai.md.k3j9x_2a.tmp:1: left by an interrupted write",
    "unconfirmed": f"{ESSAY}:2: title: the cleaner is unsure of it",
    "data-file": "data/themes.yml:5: invalid YAML: key 'themes' is given twice",
}


def test_every_problem_kind_has_a_test():
    assert set(BREAKAGES) == set(PROBLEMS) == set(WHERE)


def test_current_archive_is_clean():
    res = arsip("check")
    assert res.returncode == 0 and res.stdout == b"" and b"archive is clean" in res.stderr


@pytest.mark.parametrize("code", sorted(BREAKAGES))
def test_check_finds(repo, code):
    BREAKAGES[code](repo)
    rc, out, _ = run(repo, "check")
    assert rc == 1
    lines = [ln for ln in out.splitlines() if ln.endswith(f"[{code}]")]
    assert lines, out
    assert any(WHERE[code] in ln for ln in lines), lines
    assert all(re.match(r"^[^:]+:\d+: .+ \[[a-z-]+\]$", ln) for ln in out.splitlines())


def test_github_annotations(repo):
    BREAKAGES["date"](repo)
    res = arsip("--root", str(repo), "check", env_extra={"GITHUB_ACTIONS": "true"})
    line = res.stdout.decode().splitlines()[0]
    assert line.startswith(f"::error file={ESSAY},line=6,title=arsip check (date)::date: ")


# --- fields the cleaner is unsure of ---------------------------------------------------

# Two headline-shaped lines above the essay: the model cannot be sure which is the title
# (if a refitted model becomes sure, the first assertion says so: pick another page).
#: A real page (from the development set) whose headline the model takes, but unsure
#: of it: the site's name and a blog's headline compete above the essay.
UNSURE = FIXTURES / "real" / "tuned" / "blog_kesepian_nadiisdaughter.txt"


def test_an_unsure_title_is_flagged_until_a_curator_confirms_it(repo, tmp_path):
    page = tmp_path / "halte.txt"
    page.write_bytes(UNSURE.read_bytes())
    rc, out, err = run(repo, "add", str(page), "--source", "kumparan", "--theme", "kesepian-keterasingan")
    assert rc == 0, err
    raw = out.split("added ")[1].split("\n")[0]
    assert "UNSURE title (confidence 0." in out, "the model is sure of this page's title now: " + out
    assert f"if right: arsip confirm {raw} title" in out
    essay = repo / out.split("essay: ")[1].split(" ")[0]
    assert "review:\n- title\n" in essay.read_text(encoding="utf-8")
    rc, out, _ = run(repo, "check")
    assert rc == 1 and f"arsip confirm {raw} title" in out and "[unconfirmed]" in out
    rc, out, err = run(repo, "confirm", raw, "title")
    assert rc == 0, err
    assert "review:" not in essay.read_text(encoding="utf-8")
    assert run(repo, "check")[0] == 0
    import yaml
    entries = yaml.safe_load((repo / "raw" / "manifest.yml").read_text(encoding="utf-8"))["articles"]
    assert [e for e in entries if e["raw"] == raw][0]["overrides"] == {"confirmed": ["title"]}
    assert run(repo, "ingest", "--check")[0] == 0          # reproducible: nothing would change


def test_adding_again_with_the_right_value_corrects_the_entry(repo, tmp_path):
    page = tmp_path / "halte.txt"
    page.write_bytes(UNSURE.read_bytes())
    run(repo, "add", str(page), "--source", "kumparan")
    rc, out, err = run(repo, "add", str(page), "--source", "kumparan", "--title", "Sore yang Panjang di Halte Kota",
                       "--author", "Rina Kartika; Universitas Nusa Bangsa", "--author", "Dimas Prakoso",
                       "--date", "2024-05-01")
    assert rc == 0 and "overrides updated" in out, err
    essay = repo / out.split("essay: ")[1].split(" ")[0]
    front = essay.read_text(encoding="utf-8")
    assert "title: Sore yang Panjang di Halte Kota" in front and "review:" not in front
    assert "- name: Rina Kartika\n  affiliation: Universitas Nusa Bangsa\n- name: Dimas Prakoso\n" in front
    assert "date: '2024-05-01'" in front
    rc, out, _ = run(repo, "add", str(page), "--source", "kumparan", "--no-date")
    assert rc == 0 and "date: null" in essay.read_text(encoding="utf-8")
    assert run(repo, "check")[0] == 0


@pytest.mark.parametrize("args, message", [
    (["--author", " ; Afiliasi"], "give a name"),
    (["--date", "2024-02-30"], "overrides.date '2024-02-30' is not a real date"),
    (["--date", "kemarin"], "overrides.date 'kemarin' is not a real date"),
    (["--date", "2024-05-01", "--no-date"], "not allowed with argument"),
    (["--author", "Nama\nBaris"], "holds a line break"),
])
def test_curator_flags_are_checked(repo, tmp_path, args, message):
    page = tmp_path / "halte.txt"
    page.write_bytes(UNSURE.read_bytes())
    before = tree_bytes(repo)
    rc, _, err = run(repo, "add", str(page), "--source", "kumparan", *args)
    assert rc == 2 and message in err and "Traceback" not in err, err
    assert tree_bytes(repo) == before


def test_confirm_refuses_what_it_cannot_confirm(repo):
    rc, _, err = run(repo, "confirm", "raw/kumparan/000_0edb4e42af27e81c.txt", "judul")
    assert rc == 2 and "give one or more of: title, authors, date" in err
    rc, _, err = run(repo, "confirm", "raw/kumparan/tidak-ada.txt", "title")
    assert rc == 2 and "is not listed in raw/manifest.yml" in err


def _dated_column(path, title, sentence):
    """A page whose top line is a date ("Senin, 12 Mei 2025") above a headline and a byline."""
    path.write_text(f"Senin, 12 Mei 2025\n\n{title}\n\nOleh Nadia Putri\n\n" + (sentence * 3 + "\n\n") * 3,
                    encoding="utf-8")
    return path


def test_a_date_of_the_day_the_page_was_saved_is_flagged(repo, tmp_path):
    """A site's top bar prints the day of the visit, like a publication date: when the
    date found is the retrieval date, a curator is asked, however sure the model is."""
    page = _dated_column(tmp_path / "kolom.txt", "Guru Desa Berkarya di Tengah Keterbatasan",
                         "Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid. ")
    rc, out, err = run(repo, "add", str(page), "--source", "kumparan", "--retrieved", "2025-05-12")
    assert rc == 0, err
    assert "UNSURE date (the day the page was saved: it may be the site's date of the visit): '2025-05-12'" in out
    essay = repo / out.split("essay: ")[1].split(" ")[0]
    assert "review:\n- date\n" in essay.read_text(encoding="utf-8")
    other = _dated_column(tmp_path / "kolom-lain.txt", "Perpustakaan Kecil di Ujung Kampung",
                          "Setiap sore anak-anak datang meminjam buku cerita dan pulang sebelum magrib tiba. ")
    rc, out, err = run(repo, "add", str(other), "--source", "kumparan", "--retrieved", "2025-05-20")
    assert rc == 0, err
    assert "UNSURE date" not in out
    assert "review:" not in (repo / out.split("essay: ")[1].split(" ")[0]).read_text(encoding="utf-8")
