"""Generic rules alone (no outlet profile) on made-up pages: the metadata found around
the body, for headline, byline and sign-off shapes of outlets never seen before (the
body's rules are in test_generic_rules.py)."""
from __future__ import annotations

import pytest

from arsip.clean.cleaner import clean_text


@pytest.mark.parametrize("byline, authors", [
    ("Penulis : Nadia Putri (Mahasiswa Universitas X)", [("Nadia Putri", "Mahasiswa Universitas X")]),
    ("Ditulis oleh: Nadia Putri", [("Nadia Putri", None)]),
    ("By Nadia Putri", [("Nadia Putri", None)]),
    ("Nadia Putri | Kontributor", [("Nadia Putri", None)]),
    ("Nadia Putri\nKontributor", [("Nadia Putri", "Kontributor")]),
    ("Nadia Putri - detikNews", [("Nadia Putri", None)]),
    ("oleh Redaksi", []),
    # degrees typed without dots, in capitals
    ("Oleh: Nadia Putri, SAg, MSI, pimred Cahaya Keluarga", [("Nadia Putri, SAg, MSI", "pimred Cahaya Keluarga")]),
    # after a label, a surname typed in lower case; a student's form; a footnote mark
    ("Oleh : Nadia putri", [("Nadia putri", None)]),
    ("Nama : NADIA PUTRI\nNPM : 2110631050097", [("NADIA PUTRI", None)]),
    ("CATATAN Nadia PUTRI *)", [("Nadia PUTRI", None)]),
    # a byline, then a sentence about the essay on the same line
    ("Ditulis oleh Nadia Putri, M.Pd. Tulisan ini menjadi artikel terbaik dalam lomba menulis",
     [("Nadia Putri, M.Pd.", None)]),
    # a semicolon after the label; "Ditulis:"; a one-word name with an affiliation after a column word
    ("(Oleh; Nadia Putri, Lc, M.H)", [("Nadia Putri, Lc, M.H", None)]),
    ("Ditulis: Nadia Putri (Tendik UII)", [("Nadia Putri", "Tendik UII")]),
    ("Catatan: Yusnadi – Anggota DPRD Fraksi Damai Lampung", [("Yusnadi", "Anggota DPRD Fraksi Damai Lampung")]),
    # an organisation's office as the affiliation; an affiliation glued to the name after a label
    ("Oleh Nadia Putri, Wasekjen PB PGRI", [("Nadia Putri", "Wasekjen PB PGRI")]),
    ("Oleh : Nadia Putri Mahasiswa STIA-NUSA KERINCI", [("Nadia Putri", "Mahasiswa STIA-NUSA KERINCI")]),
    ("Penulis : Nadia Putri dan Budi Santoso, UPN veteran Yogyakarta",
     [("Nadia Putri", "UPN veteran Yogyakarta"), ("Budi Santoso", "UPN veteran Yogyakarta")]),
    # degrees printed without dots that are no word ("MHPE", "MPH"), a priest's "Pr"
    ("Oleh: Nadia Putri, MHPE*", [("Nadia Putri, MHPE", None)]),
    ("Oleh: dr. Nadia Putri, MPH", [("dr. Nadia Putri, MPH", None)]),
    ("Oleh: Romo Nadia Putri, Pr", [("Romo Nadia Putri, Pr", None)]),
    # one word after a reporter's label is a name, as after "Oleh"; a news agency is no one
    ("Reporter : Nadia", [("Nadia", None)]),
    ("Pewarta: Antara", []),
    # a report's writer after a bar closing the meta row
    ("Budaya | LAPORAN: NADIA PUTRI", [("NADIA PUTRI", None)]),
    ("Laporan Nadia Putri (Wartawan Utama)", [("Nadia Putri", None)]),
    ("Peliput : Nadia Putri", [("Nadia Putri", None)]),
    # a school's name glued after the name, after a label
    ("Oleh Nadia Putri SMPIT Al Uswah Magetan", [("Nadia Putri", "SMPIT Al Uswah Magetan")]),
    # a parenthesis, then more of the affiliation after a comma
    ("Oleh: Nadia Putri (Ilmu Ekonomi Islam 2020), Staf Departemen Kajian IBEC FEB UI 2021",
     [("Nadia Putri", "Ilmu Ekonomi Islam 2020, Staf Departemen Kajian IBEC FEB UI 2021")]),
])
def test_byline_shapes_above_the_essay(byline, authors):
    prose = "Kalimat esai yang panjang dan bermakna tentang kota dan warganya hari ini. " * 3
    r = clean_text("Judul Esai Tentang Kota Kita\n" + byline + "\n5 Juni 2024\n\n" + prose + "\n")
    assert r.title == "Judul Esai Tentang Kota Kita"
    assert [(a.name, a.affiliation) for a in r.authors] == authors
    assert r.date == "2024-06-05"


def test_a_headline_in_capitals_over_three_lines_is_one_candidate():
    raw = ("ANALISIS LATAR PADA CERPEN\n\nMISTERI KOTA NINGI\n\nKARYA SENO GUMIRA AJIDARMA\n\n"
           "Oleh: Pekik Nursasongko\n\n"
           + "Membaca tulisan Seno Gumira Ajidarma seperti diajak berkelana lintas dunia yang "
             "tak pernah kita bayangkan sebelumnya, penuh kejutan dan ironi di setiap halamannya.\n\n" * 3)
    from arsip.clean.headlines import title_candidates
    from conftest import page_of
    found = {c.value: c.features for c in title_candidates(page_of(raw))}
    # the whole headline is a candidate (the model weighs it against its lines)
    assert found["ANALISIS LATAR PADA CERPEN MISTERI KOTA NINGI KARYA SENO GUMIRA AJIDARMA"]["wrapped"] == 1.0
    assert "OLEH: PEKIK NURSASONGKO" not in " ".join(found).upper()


def test_a_headline_printed_alone_and_with_a_site_name_after_a_bar():
    """The page's <title> ('Judul | SITUS') above the headline printed alone: the site
    name after the bar is no part of the title, whichever line is taken."""
    prose = "Kalimat esai yang panjang dan bermakna tentang sungai dan warganya hari ini. " * 3
    text = ("Respon Warga Terhadap Rencana Tambang di Hulu Sungai | WARGA\n\n"
            "Respon Warga Terhadap Rencana Tambang di Hulu Sungai\n\nUnduh dokumen disini.\n\n"
            + prose + "\n\n" + prose + "\n")
    r = clean_text(text)
    assert r.title == "Respon Warga Terhadap Rencana Tambang di Hulu Sungai"
    from arsip.clean.headlines import title_candidates
    from conftest import page_of
    found = [c.value for c in title_candidates(page_of(text))]
    assert "Respon Warga Terhadap Rencana Tambang di Hulu Sungai" in found
    assert not [v for v in found if "WARGA" in v], found


@pytest.mark.parametrize("byline", [
    "Oleh Nadia Putri Lestari, S.H. pada hari Senin, 11 Agu 2025 - 13:39:13 WIB",
    "By Nadia Putri Lestari, S.H. | 11/08/2025 13:39",
])
def test_a_long_byline_with_the_date_after_it_is_no_paragraph(byline):
    prose = "Delapan puluh tahun merdeka, generasi muda kita menanggung harapan dan kecemasan sekaligus. " * 3
    r = clean_text(byline + "\nBagikan Berita ini :\n\nDelapan Puluh Tahun Merdeka, Generasi Emas atau Cemas\n\n"
                   + prose + "\n\n" + prose + "\n")
    assert r.title == "Delapan Puluh Tahun Merdeka, Generasi Emas atau Cemas"
    assert [a.name for a in r.authors] == ["Nadia Putri Lestari, S.H."]
    assert r.date.startswith("2025-08-11T13:39") and "Oleh" not in r.body and "By" not in r.body


@pytest.mark.parametrize("line", ["Umat sedharma ,", "Banner Uhamka"])
def test_a_greeting_or_a_banner_above_the_essay_is_no_writer(line):
    prose = "Kalimat esai yang panjang dan bermakna tentang kota dan warganya hari ini. " * 3
    r = clean_text("Judul Esai Tentang Kota Kita\n\n" + line + "\n\n" + prose + "\n\n" + prose + "\n")
    assert r.authors == []


@pytest.mark.parametrize("head, title", [
    # a headline under the date that opens with a word an affiliation opens with
    ("Rabu, 17 Februari 2021\n\nGuru Desa, Semangat Berkarya !!!", "Guru Desa, Semangat Berkarya !!!"),
    # a byline glued after the headline
    ("Guru Desa Berkarya Oleh : Nadia Putri Mahasiswa STIA Kerinci", "Guru Desa Berkarya"),
    # a theme's status text before it
    ("You are currently viewing Guru Desa dan Semangat Berkarya", "Guru Desa dan Semangat Berkarya"),
    # a byline glued after a comma, without a colon
    ("“Guru Desa Berkarya”, Oleh Nadia Putri SMPIT Al Uswah Magetan", "“Guru Desa Berkarya”"),
    # a blogging platform's reading time glued after it
    ("Guru Desa dan Semangat Berkarya3 min read", "Guru Desa dan Semangat Berkarya"),
    ("Guru Desa dan Semangat Berkarya · 5 menit baca", "Guru Desa dan Semangat Berkarya"),
])
def test_headline_shapes(head, title):
    prose = ("Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid di sekolah. " * 3
             + "\n\n") * 2
    assert clean_text(head + "\n\n" + prose).title == title


@pytest.mark.parametrize("above, authors", [
    # a byline glued after the headline gives the writer and the affiliation
    ("Guru Desa Berkarya Oleh : Nadia Putri Mahasiswa STIA Kerinci", [("Nadia Putri", "Mahasiswa STIA Kerinci")]),
    # a caption of the writer's portrait, its credit after a full stop
    ("Guru Desa Berkarya\n\nNadia Putri, Mahasiswa Fakultas Hukum Universitas Lampung. Foto: Dokumentasi Pribadi",
     [("Nadia Putri", "Mahasiswa Fakultas Hukum Universitas Lampung")]),
    # a caption's subject with a word an affiliation opens with is no one
    ("Guru Desa Berkarya\n\nSuasana diskusi mahasiswa di halaman kampus", []),
    ("Guru Desa Berkarya\n\nSuasana diskusi mahasiswa di halaman kampus. Foto: Dokumentasi Pribadi", []),
    # a print-edition note above the headline is no name; nor is a platform's badge
    ("Koran Harian Analisa Medan, 24 Maret 2021.\n\nGuru Desa Berkarya", []),
    ("Nadia Putri\n\nPenulis Indonesiana\n\nGuru Desa Berkarya", [("Nadia Putri", "Penulis Indonesiana")]),
    # a name with the writer's e-mail address after it
    ("Guru Desa Berkarya\n\nNadia Putri nadia.putri2003@gmail.com", [("Nadia Putri", None)]),
    # a byline whose date was cut at "pada hari"
    ("Guru Desa Berkarya\n\nOleh Nadia Putri, S.H.,LL. M pada hari Senin, 11 Agu 2025 - 13:39:13 WIB",
     [("Nadia Putri, S.H.,LL. M", None)]),
])
def test_byline_shapes(above, authors):
    prose = ("Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid di sekolah. " * 3
             + "\n\n") * 2
    r = clean_text(above + "\n\n" + prose)
    assert [(a.name, a.affiliation) for a in r.authors] == authors


@pytest.mark.parametrize("last, authors", [
    ("“Tulisan ini adalah bagian dari tugas kelas komunikasi massa. Mohon maaf bila ada kekurangan” Nadia Putri /MMD1",
     ["Nadia Putri"]),
    ("Semoga menjadi penghuni surga. Amin Amin Amin (Nadia Putri).", ["Nadia Putri"]),
])
def test_sign_offs_at_the_end(last, authors):
    prose = ("Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid di sekolah. " * 3
             + "\n\n") * 2
    r = clean_text("Guru Desa Berkarya\n\n" + prose + last + "\n")
    assert [a.name for a in r.authors] == authors
    assert "Nadia" not in r.body


def test_a_byline_opening_the_body_with_a_note_after_it_is_not_a_paragraph():
    prose = ("Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid di sekolah. " * 3
             + "\n\n") * 2
    r = clean_text("Guru Desa Berkarya\n\nDitulis oleh Nadia Putri, M.Pd. Tulisan ini menjadi artikel terbaik dalam "
                   "Lomba Menulis Guru tingkat provinsi tahun ini.\n\n" + prose)
    assert [a.name for a in r.authors] == ["Nadia Putri, M.Pd."]
    assert "Ditulis oleh" not in r.body and r.body.startswith("Sebagai guru desa")


@pytest.mark.parametrize("above, below, authors", [
    ("Opini oleh: Nadia Putri", "", [("Nadia Putri", None)]),
    ("12 Mei 2024 - Nadia Putri", "", [("Nadia Putri", None)]),
    ("12 Mei 2024 - Peringatan Hari Guru Nasional", "", []),
    ("Artikel oleh Nadia Putri", "", [("Nadia Putri", None)]),
    ("", "*) Nadia Putri, guru SMPN 1 Padang", [("Nadia Putri", "guru SMPN 1 Padang")]),
    ("", "Nadia Putri adalah guru SMPN 1 Padang.", [("Nadia Putri", "guru SMPN 1 Padang")]),
    # a note under the essay that is no one's bio
    ("", "*) Kota Padang, ibu kota provinsi yang kami kunjungi", []),
    ("", "Sekolah ini adalah sekolah tertua di Padang.", []),
])
def test_bylines_above_and_notes_below(above, below, authors):
    first = "Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid di sekolah. " * 3
    second = "Murid-murid kami belajar membaca di bawah pohon ketika listrik di sekolah padam lagi sore itu. " * 3
    r = clean_text(f"Guru Desa Berkarya\n\n{above}\n\n{first}\n\n{second}\n\n{below}\n")
    assert [(a.name, a.affiliation) for a in r.authors] == authors
    assert "Nadia" not in r.body


def test_a_rubric_before_a_colon_gives_the_headline_without_it_as_a_candidate():
    """'Opini : Judul': the model weighs the line with and without the rubric's name
    (labellers keep it on some pages); a column's own name before a colon is left alone."""
    from arsip.clean.headlines import title_variants
    found = dict(title_variants("Opini : Guru Desa dan Semangat Berkarya"))
    assert found.keys() == {"Opini : Guru Desa dan Semangat Berkarya", "Guru Desa dan Semangat Berkarya"}
    assert found["Guru Desa dan Semangat Berkarya"]["v_removed_rubric"] == 1.0
    assert [v for v, _ in title_variants("Girik Cik : Guru Desa dan Semangat Berkarya")] == \
        ["Girik Cik : Guru Desa dan Semangat Berkarya"]


def test_a_menu_item_followed_by_another_is_no_headline():
    """Inside a menu only its last line may be a headline (one printed above the essay
    in a menu's markup); "Riset & Survei" before "Aneka Ragam" (which looks like a name,
    as a byline would) is a menu item, however much the essay speaks of research."""
    menu = "\n".join(f"  • {item}" for item in ("Berita", "Aspirasi", "Wawasan", "Riset & Survei",
                                                 "Aneka Ragam", "Sosok", "Digital"))
    prose = ("Riset setidaknya sudah membuktikan bahwa penggunaan media sosial secara berlebihan membawa "
             "dampak negatif. Survei terbaru pun menunjukkan hal yang sama bagi pengguna internet aktif.\n\n"
             "Data dari riset dan survei menunjukkan bahwa sebagian besar pekerjaan diperoleh melalui "
             "jaringan profesional yang saling mendukung.\n\n") * 2
    text = (f"Genta Kampus\n{menu}\nHome Gentainment Karya Calon Anggota\n\nMenyurahkan Untuk Digital Keluh\n\n"
            f"oleh Redaksi\n29 Juni 2022 | 22:07 WIB\n(Ilustrator/Bilqis Ramadhanti)\n\n{prose}")
    assert clean_text(text).title == "Menyurahkan Untuk Digital Keluh"


@pytest.mark.parametrize("opening, date", [
    ("DUMAI, 21 mei 2025 – Reformasi telah berjalan", "2025-05-21"),
    ("Minggu, (06/02/2022) – Reformasi telah berjalan", "2022-02-06"),
    # no dateline: a date in the first sentence is an event's
    ("Pada 21 Mei 2025 reformasi telah berjalan", None),
])
def test_a_news_dateline_with_a_date_dates_the_page(opening, date):
    """A dateline opening the first paragraph dates the page when nothing else does
    (on the real pages, every such date was the publication date)."""
    rest = " dua puluh tujuh tahun dan kita masih menunggu janji-janjinya ditepati oleh para pemimpin negeri ini.\n\n"
    prose = ("Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid di sekolah. " * 3
             + "\n\n") * 2
    assert clean_text("Guru Desa Berkarya\n\nOleh: Nadia Putri\n\n" + opening + rest + prose).date == date


def test_a_headline_typed_with_a_word_in_lower_case_is_not_the_first_sentence():
    """'Hiruk Pikuk Hidup di Kota dan Segala Resahnya deh?' over a blog post: every
    content word capitalised but one, as bloggers type headlines. The body does not take
    it as its short first sentence (so it is a headline candidate, wherever it stands);
    a short sentence opening the essay stays the essay's."""
    from arsip.clean.headlines import title_candidates
    from conftest import page_of
    prose = ("Karena sedari kecil sudah jadi anak kota, aku kepingin menulis celoteh tentang resah yang "
             "harus dihadapi mereka yang mengadu nasib di kota besar ini.\n\n") * 3
    head = "Hiruk Pikuk Hidup di Kota dan Segala Resahnya deh?"
    page = page_of(f"Catatan Harian\n\n{head}\n\n{prose}")
    assert page.lines[page.start].text != head
    assert head in {c.value for c in title_candidates(page)}
    opening = "Kota besar selalu punya cara untuk membuat kita resah."
    page = page_of(f"{opening}\n\n{prose}")
    assert page.lines[page.start].text == opening


def test_a_name_made_of_the_essays_common_words_is_marked():
    """'Ibadah Sejati' above an essay that writes "ibadah" and "sejati" in lower case:
    the candidate carries common_words (the model weighs it), a real name does not."""
    from arsip.clean.bylines import author_candidates
    from conftest import page_of
    prose = ("Kita tahu ibadah sejati adalah cara menimbang hari yang lewat dan menata langkah "
             "berikutnya dengan jujur di hadapan sesama.\n\n") * 3
    for name, share in (("Ibadah Sejati", 1.0), ("Nadia Putri", 0.0)):
        found = {c.text: c.features for c in author_candidates(page_of(f"Judul Esai Kita\n\n{name}\n\n{prose}"))}
        assert found[name]["common_words"] == share


def test_writers_named_one_per_line_above_the_essay_are_one_candidate():
    """'Nadia Putri' / 'Budi Santoso' / 'Sari Dewi' right above the essay: one candidate
    with the three (feature stacked); a headline above a name is not stacked with it."""
    from arsip.clean.bylines import author_candidates
    from conftest import page_of
    prose = ("Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid di sekolah. " * 3
             + "\n") * 3
    found = author_candidates(page_of("Guru Desa Berkarya\n\nNadia Putri\nBudi Santoso\nSari Dewi\n" + prose))
    stacked = [c for c in found if c.features.get("stacked")]
    assert [[a.name for a in c.value] for c in stacked] == [["Nadia Putri", "Budi Santoso", "Sari Dewi"]]
    found = author_candidates(page_of("Guru Desa Berkarya Hari Ini\nNadia Putri\n" + prose))
    assert not any(c.features.get("stacked") for c in found)


@pytest.mark.parametrize("byline", ["Oleh: Nadia Putri (Pemenang Lomba Esai IPNU Jateng)", "Oleh: Mahasiswa STITA Sumenep"])
def test_a_byline_is_never_the_headline(byline):
    """A page that prints no headline and a byline the author model may refuse: the
    byline is no headline candidate either."""
    from arsip.clean.headlines import title_candidates
    from conftest import page_of
    prose = ("Sebagai guru desa saya tidak pernah berkecil hati dan terus berkarya bersama murid di sekolah. " * 3
             + "\n\n") * 2
    assert not any(c.lines == (0,) for c in title_candidates(page_of(byline + "\n\n" + prose)))
