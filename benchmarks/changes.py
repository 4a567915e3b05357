"""The kinds of change a maintainer makes while previewing, applied to an archive
made by benchmarks/generate.py: tests/test_incremental.py checks that the preview
ends in the site a full build makes after each; benchmarks/bench.py times them."""
from __future__ import annotations

from pathlib import Path


def essay(project: Path, n: int) -> Path:
    return sorted((project / "essays").glob("*.md"))[n]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def change_essay_text(p: Path):
    path = essay(p, 10)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip() + "\n\nParagraf tambahan tentang solidaritas warga desa dan gotong royong.\n",
                    encoding="utf-8")


def change_essay_title(p: Path):
    path = essay(p, 20)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[i] = "title: Judul yang Diubah oleh Kurator\n"
    path.write_text("".join(lines), encoding="utf-8")


def add_essay(p: Path):
    lines = essay(p, 30).read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[i] = "title: Esai Baru di Arsip\n"
    (p / "essays" / "esai-baru-di-arsip.md").write_text("".join(lines), encoding="utf-8")


def delete_essay(p: Path):
    essay(p, 40).unlink()


def rename_essay(p: Path):
    path = essay(p, 50)
    path.rename(path.with_name("nama-berkas-baru.md"))


def change_themes(p: Path):
    path = p / "data" / "themes.yml"
    text = path.read_text(encoding="utf-8")
    i = text.index("description:")
    j = text.index("\n", i)
    path.write_text(text[:i] + "description: Deskripsi tema yang ditulis ulang." + text[j:], encoding="utf-8")


def change_source(p: Path):
    path = sorted((p / "data" / "sources").glob("*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    i = text.index("name:")
    j = text.index("\n", i)
    path.write_text(text[:i] + "name: Nama Media Baru" + text[j:], encoding="utf-8")


def change_docs(p: Path):
    path = p / "docs" / "tentang.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nKalimat baru di halaman tentang.\n", encoding="utf-8")


def change_overrides(p: Path):
    edit(p / "overrides" / "essay.html", "{% block content %}", "{% block content %}<!-- diubah -->")


#: in the order they are applied (each leaves the archive buildable)
CHANGES = [change_essay_text, change_essay_title, add_essay, delete_essay, rename_essay,
           change_themes, change_source, change_docs, change_overrides]




DESCRIPTIONS = {
    "change_essay_text": "edit an essay's text",
    "change_essay_title": "retitle an essay",
    "add_essay": "add an essay",
    "delete_essay": "delete an essay",
    "rename_essay": "rename an essay's file",
    "change_themes": "edit data/themes.yml",
    "change_source": "edit an outlet's data/sources file",
    "change_docs": "edit a docs/ page",
    "change_overrides": "edit a template in overrides/",
}
