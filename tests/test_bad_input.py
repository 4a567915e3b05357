"""Bad input: exit code 2, one line on stderr naming the file, nothing written."""
from __future__ import annotations

import codecs

import pytest

from conftest import arsip, tree_bytes

CASES = {
    "empty.txt": (b"", "file is empty"),
    "whitespace_only.txt": (b"  \n\t\n   \r\n", "only whitespace"),
    "binary_nul.txt": (bytes(range(256)) * 20, "binary"),
    "image.png": (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    "only_boilerplate.txt": ("ADVERTISEMENT\nBagikan\nTweet\n0\nBaca Juga\nTERPOPULER\n© 2025 Situs\n".encode(), "no essay text"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_clean_refuses_bad_input(tmp_path, name):
    data, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    res = arsip("clean", str(path), "--json")
    err = res.stderr.decode()
    assert res.returncode == 2
    assert res.stdout == b""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and message in err


def test_missing_path_and_directory(tmp_path):
    res = arsip("clean", str(tmp_path / "nope.txt"))
    assert res.returncode == 2 and b"no such file" in res.stderr
    res = arsip("clean", str(tmp_path))
    assert res.returncode == 2 and b"is a directory" in res.stderr


def test_unreadable(tmp_path, monkeypatch, capsys):
    # CI runs as root, who can read any file: simulate the permission error instead.
    from pathlib import Path

    from arsip.cli import main
    path = tmp_path / "secret.txt"
    path.write_text("x")

    import os
    real_open = os.open

    def denied(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)
    monkeypatch.setattr(os, "open", denied)
    assert main(["clean", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"arsip: error: {path}: is not readable (permission denied)\n"


ESSAY = ("Judul Esai Tentang Kota\n\n" + "Kalimat pertama esai ini cukup panjang dan berisi gagasan yang utuh. " * 3
         + "\n\n" + "Paragraf kedua esai ini juga panjang dan berisi kalimat yang utuh serta jelas. " * 3 + "\n")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "latin-1"])
def test_encodings_decode_to_the_same_essay(tmp_path, encoding):
    text = ESSAY.replace("Kota", "Kota Café")
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    res = arsip("clean", str(path), "--json")
    assert res.returncode == 0, res.stderr
    import json
    out = json.loads(res.stdout)
    assert out["title"] == "Judul Esai Tentang Kota Café"
    assert "Kalimat pertama esai ini" in out["body"]


def test_mojibake_and_line_endings_are_repaired(tmp_path):
    text = ESSAY.replace("gagasan", "‘gagasan’ — ide").replace("\n", "\r\n")
    mojibake = text.encode("utf-8").decode("cp1252").encode("utf-8")   # ‘ -> â€˜
    assert "â€˜".encode() in mojibake
    path = tmp_path / "moji.txt"
    path.write_bytes(mojibake.replace(b"\r\n", b"\r"))
    import json
    out = json.loads(arsip("clean", str(path), "--json").stdout)
    assert "‘gagasan’ — ide" in out["body"] and "â€" not in out["body"] and "\r" not in out["body"]


def test_nbsp_becomes_space(tmp_path):
    path = tmp_path / "nbsp.txt"
    path.write_text(ESSAY.replace("cukup panjang", "cukup\u00a0panjang"), encoding="utf-8")
    assert b"cukup panjang" in arsip("clean", str(path)).stdout


def test_stdin(tmp_path):
    res = arsip("clean", "-", stdin=ESSAY.encode())
    assert res.returncode == 0 and b"Kalimat pertama" in res.stdout
    res = arsip("clean", "-", stdin=b"")
    assert res.returncode == 2 and res.stderr.decode().startswith("arsip: error: <stdin>: file is empty")


@pytest.mark.parametrize("name", ["empty.txt", "binary_nul.txt", "only_boilerplate.txt"])
def test_ingest_of_bad_raw_writes_nothing(archive, name):
    data, message = CASES[name]
    raw = archive / "raw" / "kumparan" / "000_0edb4e42af27e81c.txt"
    raw.write_bytes(data)
    before = tree_bytes(archive / "essays")
    res = arsip("--root", str(archive), "ingest")
    assert res.returncode == 2
    err = res.stderr.decode()
    assert err.count("\n") == 1 and "raw/kumparan/000_0edb4e42af27e81c.txt" in err and message in err
    assert tree_bytes(archive / "essays") == before
