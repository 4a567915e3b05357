"""Property tests (Hypothesis), 2,000 examples each: for arbitrary text the cleaner
never raises anything but a clear input error, the front matter it leads to parses
back to the same data, and cleaning its own output again changes nothing."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from arsip.clean.cleaner import clean_text
from arsip.errors import InputError
from arsip.archive.essay import Essay, dump, parse
from arsip.archive.ingestion import reading_time, summary

EXAMPLES = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["kesepian", "digital", "media", "sosial", "Kita", "yang", "dan", "hubungan", "Oleh", "Tag:", "Baca",
         "Juga", "ADVERTISEMENT", "<script>", "*", "#", "-", "1.", "[x](y)", "—", "Mei", "2025", "WIB", "|"]
BOILERPLATE = ["ADVERTISEMENT", "Baca Juga: Judul Lain", "Bagikan", "0", "waktu baca 3 menit", "Tag: A, B",
               "Editor: Nama", "© 2025 Situs", "Home > Opini", "8 Mei 2025 16:35 WIB", "oleh Redaksi",
               "  • Menu", "(Foto/Nama)", "TERPOPULER", "*) Oleh: Nama, Mahasiswa Universitas X", "---"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join).map(lambda s: s + ".")
prose = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
line = st.one_of(st.text(max_size=120), st.sampled_from(BOILERPLATE), sentence, prose, st.just(""))
page = st.lists(line, max_size=40).map("\n".join)


def cleaned_or_none(text):
    try:
        return clean_text(text, "<hypothesis>")
    except InputError:
        return None


@EXAMPLES
@given(page)
def test_cleaner_never_raises(text):
    cleaned_or_none(text)


@EXAMPLES
@given(page)
def test_front_matter_round_trips(text):
    r = cleaned_or_none(text)
    if r is None:
        return
    meta = {
        "title": r.title or "Tanpa judul", "authors": [a.as_dict() for a in r.authors], "date": r.date,
        "source": {"id": "kumparan", "name": "kumparan", "section": r.section, "url": None},
        "retrieved": r.retrieved, "themes": ["kesepian-keterasingan"], "tags": r.tags, "language": "id",
        "summary": summary(r.blocks), "reading_time": reading_time(r.body),
        "raw": {"path": "raw/kumparan/x.txt", "sha256": "0" * 64},
    }
    essay = parse(dump(Essay("x", meta, r.body)), "x.md")
    assert essay.meta == meta
    assert essay.body == (r.body if r.body.endswith("\n") else r.body + "\n")


def plain(blocks) -> str:
    """The cleaned essay as plain text, as a reader would copy it."""
    out = []
    for b in blocks:
        if b.kind == "item":
            out.append("• " + b.text)
        elif b.kind == "label":
            out.append(f"{b.label}: {b.text}")
        elif b.kind == "ordered":
            out.append(f"{b.num}. {b.text}")
        else:
            out.append(b.text)
    return "\n\n".join(out) + "\n"


@EXAMPLES
@example("0 0 0 0 0 0 0 0 . 0\n\u00c2\na 0 0 0 0 0 0 0 . 0")   # '\u00c2' ending a line: mojibake of a
@example("0 0 0 0 0 0 0 0 . 0\n!\u00c2\na 0 0 0 0 0 0 0 . 0")  # trimmed non-breaking space
@example("0 0 0 0 0 0 0 0 . 1\n\u00c2\x1f\n0 0 0 0 0 0 0 0 . 0")
@example("0 0 0 0 0 0 0 0 . 1\n\u00c2\t0\n0 0 0 0 0 0 0 0 . 0")
@example(". 0 0 0 0 0 0 0 0 0\n\xa0\u00d8\u00af\n0 0 0 0 0 0 0 0 . 0")
@example("0 0 0 0 @\n- a 0 0 0 0 0 0 0 . 0")    # a line above a list item does not flow into it
@example("0 0 0 0 0 0 0 0 . 0\nA\n- a 0 0 0 0")      # nor does a short line start a wrapped paragraph there
@example("A 0 0 0 0\na 0 0 0 0 0 0 0 . 0\nA\na 0 0 0 0")   # nor into a line the body drops as a duplicate
@example("0 0 0 0 0 0 0 0 . 0\n\xad\u00c2\x80\na 0 0 0 0")   # a soft hyphen hiding mojibake from ftfy
@example("OLEH B AA A 0 0 0 0 . b\nA\n0 0 0 0 0 0 0 0 . 0")  # a byline opening the body, a heading after it
@example("0 0 0 0 0 @\na 0 0 0 0 0 0 0 . 0\nA\n0 0 0 0 0 @")   # a subheading over a line dropped as a repeat
@example("0 0 0 0 0 0 0 0 . 0\n\u00c3\na 0 0 0 0")   # an "à" whose second byte was trimmed ending a line
@given(page)
def test_cleaning_is_idempotent_on_its_own_output(text):
    first = cleaned_or_none(text)
    if first is None:
        return
    second = clean_text(plain(first.blocks), "<again>")
    assert second.body == first.body
