"""Hostile and broken input: a clear error or a correct essay, nothing lost, nothing
written half, nothing from the content run in a reader's browser."""
from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pytest
import yaml

from arsip.cli import main
from arsip.clean.decoding import MAX_RAW_BYTES

from conftest import ROOT, tree_bytes

ESSAY = ("Judul Esai Tentang Kota Café\n\n"
         + "Kalimat pertama esai ini cukup panjang dan berisi “gagasan” yang utuh. " * 3 + "\n\n"
         + "Paragraf kedua esai ini juga panjang dan berisi kalimat yang utuh serta jelas. " * 3 + "\n")
LINE_1MB = ("Kalimat esai yang cukup panjang dan bermakna tentang kesepian di kota besar. " * 13_500)[:1_000_000]


def _mojibake() -> bytes:
    text = ESSAY.replace("“gagasan”", "‘gagasan’")
    return text.encode("utf-8").decode("cp1252").encode("utf-8")


# name -> (bytes, expected): "essay" = a correct essay; otherwise the error message
CASES = {
    "empty": (b"", "file is empty"),
    "whitespace_only": (b" \n\t\r\n  \n", "holds only whitespace"),
    "only_boilerplate": (b"ADVERTISEMENT\nBagikan\nTweet\n0\nBaca Juga\nTERPOPULER\n\xc2\xa9 2025 Situs\n",
                         "no essay text found"),
    "binary_nul": (bytes(range(256)) * 40, "binary"),
    "png_image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500), "binary"),
    "utf8_bom": (codecs.BOM_UTF8 + ESSAY.encode(), "essay"),
    "utf16_le_bom": (codecs.BOM_UTF16_LE + ESSAY.encode("utf-16-le"), "essay"),
    "utf16_be_bom": (codecs.BOM_UTF16_BE + ESSAY.encode("utf-16-be"), "essay"),
    "windows_1252": (ESSAY.encode("cp1252"), "essay"),
    "latin_1": (ESSAY.replace("“", '"').replace("”", '"').encode("latin-1"), "essay"),
    "mojibake": (_mojibake(), "essay"),
    "crlf": (ESSAY.replace("\n", "\r\n").encode(), "essay"),
    "lone_cr": (ESSAY.replace("\n", "\r").encode(), "essay"),
    "file_20mb": (b"Kalimat panjang. " * (20 * 1024 * 1024 // 17), "limited to"),
    "single_1mb_line": (LINE_1MB.encode(), "essay-no-title"),
}


def essay_ok(text: str) -> bool:
    return "Kalimat pertama esai ini" in text and "Paragraf kedua" in text and "\r" not in text \
        and "â€" not in text


@pytest.fixture
def repo(tmp_path):
    for part in ("raw", "data", "essays"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def one_line_error(capsys, path_part: str, message: str) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("arsip: error: ") and "Traceback" not in err, err
    assert path_part in err and message in err, err


@pytest.mark.parametrize("case", sorted(CASES))
def test_clean(case, tmp_path, capsys):
    data, expected = CASES[case]
    path = tmp_path / f"{case}.txt"
    path.write_bytes(data)
    rc = main(["clean", str(path), "--json"])
    if expected.startswith("essay"):
        assert rc == 0
        out = json.loads(capsys.readouterr().out)
        if expected == "essay":
            assert essay_ok(out["body"]) and out["title"] == "Judul Esai Tentang Kota Café"
        else:
            assert out["title"] is None and len(out["body"]) >= 990_000
    else:
        assert rc == 2
        one_line_error(capsys, str(path), expected)


def _manifest_entry(repo: Path, rel: str, title: str | None = None) -> None:
    manifest = repo / "raw" / "manifest.yml"
    data = yaml.safe_load(manifest.read_text())
    entry = {"raw": rel, "source": "kumparan", "url": None, "retrieved": None, "themes": ["kesepian-keterasingan"]}
    if title:
        entry["overrides"] = {"title": title}
    data["articles"].append(entry)
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize("case", sorted(CASES))
def test_ingest(case, repo, capsys):
    data, expected = CASES[case]
    rel = f"raw/kumparan/{case}.txt"
    (repo / rel).write_bytes(data)
    _manifest_entry(repo, rel)
    before = tree_bytes(repo / "essays")
    rc = main(["--root", str(repo), "ingest", str(repo / rel)])
    if expected == "essay":
        assert rc == 0
        [md] = [p for p in (repo / "essays").glob("*.md") if p.name not in {Path(k).name for k in before}]
        assert essay_ok(md.read_text(encoding="utf-8"))
    else:
        assert rc == 2
        one_line_error(capsys, rel, "no headline found" if expected == "essay-no-title" else expected)
        assert tree_bytes(repo / "essays") == before


@pytest.mark.parametrize("case", sorted(CASES))
def test_add(case, repo, tmp_path, capsys):
    data, expected = CASES[case]
    src = tmp_path / f"{case}.txt"
    src.write_bytes(data)
    before = tree_bytes(repo)
    rc = main(["--root", str(repo), "add", str(src), "--source", "kumparan"])
    if expected == "essay":
        assert rc == 0
        out = capsys.readouterr().out
        md = repo / out.split("essay: ")[1].split(" ")[0]
        assert essay_ok(md.read_text(encoding="utf-8"))
    else:
        assert rc == 2
        one_line_error(capsys, str(src), "no headline found" if expected == "essay-no-title" else expected)
        assert tree_bytes(repo) == before


@pytest.mark.parametrize("command", ["clean", "add"])
def test_missing_directory_unreadable(command, repo, tmp_path, capsys, monkeypatch):
    args = ["--root", str(repo), command] if command == "add" else [command]
    assert main(args + [str(tmp_path / "tidak-ada.txt")]) == 2
    one_line_error(capsys, "tidak-ada.txt", "no such file")
    assert main(args + [str(tmp_path)]) == 2
    one_line_error(capsys, str(tmp_path), "is a directory")
    secret = tmp_path / "rahasia.txt"
    secret.write_text(ESSAY)

    import os
    real_open = os.open

    def denied(name, *a, **kw):
        if Path(name) == secret:
            raise PermissionError(13, "Permission denied")
        return real_open(name, *a, **kw)
    monkeypatch.setattr(os, "open", denied)
    assert main(args + [str(secret)]) == 2
    one_line_error(capsys, "rahasia.txt", "not readable (permission denied)")


def test_size_limit_is_documented():
    assert MAX_RAW_BYTES == 5 * 1024 * 1024
    assert "5 MiB" in (ROOT / "README.md").read_text(encoding="utf-8")


TRICKY = [
    "Judul: dengan titik dua dan 'kutip' serta \"kutip ganda\" # bukan komentar",
    "!penting &jangkar *alias @nama %persen `kode`",
    "Солидарность и одиночество",
    "孤独与团结 在数字时代",
    "Panjang " * 36 + "sekali",
]
NAMES = ["O'Brien: Nama #1", "Ni Luh Ayu & Kadek", "Владимир Петров", "李小龙", "!Nama *Aneh* `x`"]


def test_tricky_titles_and_names_round_trip_through_ingest_and_build(tmp_path):
    from arsip.archive.essay import load
    from sitecheck import SITE_PARTS, build, soup
    repo = tmp_path / "repo"
    repo.mkdir()
    for part in ("raw", "essays", *SITE_PARTS):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, repo / part)
    manifest = repo / "raw" / "manifest.yml"
    data = yaml.safe_load(manifest.read_text())
    for article, title, name in zip(data["articles"], TRICKY, NAMES):
        article["overrides"] = {"title": title, "authors": [{"name": name, "affiliation": title[:40]}]}
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert main(["--root", str(repo), "ingest", "--force"]) == 0
    by_title = {}
    for path in (repo / "essays").glob("*.md"):
        essay = load(path)
        by_title[essay.meta["title"]] = (path.stem, essay.meta["authors"][0]["name"])
        assert len(path.stem.encode()) <= 80 and path.stem.isascii()
    assert set(by_title) == set(TRICKY)
    site = tmp_path / "site"
    res = build(repo, site)
    assert res.returncode == 0, res.stderr
    for title, name in zip(TRICKY, NAMES):
        slug, stored_name = by_title[title]
        assert stored_name == name
        doc = soup(site / "esai" / slug / "index.html")
        assert doc.select_one(".arsip-essay__header h1").get_text() == title
        assert doc.select_one(".arsip-essay__authors a").get_text() == name
        assert json.loads(doc.find("script", type="application/ld+json").string)["headline"] == title[:110]


def test_no_command_writes_outside_the_repository(repo, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    src = outside / "esai.txt"
    src.write_text(ESSAY.replace("Judul Esai Tentang Kota Café", "Esai Lain"), encoding="utf-8")
    before = tree_bytes(outside)
    assert main(["--root", str(repo), "add", str(src), "--source", "kumparan",
                 "--title", "../../../../etc/passwd\x00/CON"]) == 2
    one_line_error(capsys, str(src), "title holds the control character or non-character U+0000")
    assert main(["--root", str(repo), "add", str(src), "--source", "kumparan",
                 "--title", "../../../../etc/passwd/CON"]) == 0
    out = capsys.readouterr().out
    raw = out.split("added ")[1].split("\n")[0]
    essay = out.split("essay: ")[1].split(" ")[0]
    assert raw.startswith("raw/kumparan/") and "/" not in raw[len("raw/kumparan/"):]
    assert essay.startswith("essays/") and "/" not in essay[len("essays/"):]
    assert (repo / raw).is_file() and (repo / essay).is_file()
    assert tree_bytes(outside) == before
