"""Unit tests: dates, bylines, tags, breadcrumbs."""
from __future__ import annotations

import pytest

from arsip.clean.dates import date_line, find_date
from arsip.clean.datelines import dateline_end
from arsip.site.dateformat import format_id
from arsip.clean.metadata import split_breadcrumb, split_tags
from arsip.clean.people import Author, parse_people


@pytest.mark.parametrize("text, tz, iso", [
    ("8 Mei 2025 16:35 WIB", None, "2025-05-08T16:35:00+07:00"),
    ("Selasa, 02 Februari 2021 - 15:10 | 73.66k", "+07:00", "2021-02-02T15:10:00+07:00"),
    ("Selasa, 02 Februari 2021 - 15:10", None, "2021-02-02T15:10"),
    ("29 Juni 2022 | 22:07 WIB", None, "2022-06-29T22:07:00+07:00"),
    ("Kamis, 29 Januari 2026", None, "2026-01-29"),
    ("Jum'at, 3 Nov 2023 08.15 WITA", None, "2023-11-03T08:15:00+08:00"),
    ("17 Agt 2024, 19:00 WIT", None, "2024-08-17T19:00:00+09:00"),
    ("2024-02-29T10:00", None, "2024-02-29T10:00"),
    ("05/06/2024 10:30 WIB", None, "2024-06-05T10:30:00+07:00"),
    ("March 5, 2024", None, "2024-03-05"),
    ("Diterbitkan 12 Desember 2023", None, "2023-12-12"),
    ("2024/06/05 14:22", None, "2024-06-05T14:22"),
    ("Rabu, 5 Juni 2024 / 14.22 WIB", None, "2024-06-05T14:22:00+07:00"),
    ("5 Juni 2024 pukul 14.22 WIB", None, "2024-06-05T14:22:00+07:00"),
    ("Kamis (6/6/2024)", None, "2024-06-06"),
    ("12-06-2018 / 21:11 WIB - Editor: buari", None, "2018-06-12T21:11:00+07:00"),
    ("Selasa | 23.12.25 WIB", None, "2025-12-23"),          # a two-digit year, after a weekday only
    # a blogging platform's stamp, month first, with AM/PM (without them, the day comes first)
    ("1/28/2017 09:40:00 AM Sael 0 Comments", None, "2017-01-28T09:40"),
    ("1/12/2017 9:40 PM", None, "2017-01-12T21:40"),
    ("1/12/2017 09:40", None, "2017-12-01T09:40"),
])
def test_dates(text, tz, iso):
    found = date_line(text, tz)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize("text", [
    "31 Februari 2024",                         # not a calendar date
    "Pada 8 Mei 2025 ia menulis sebuah esai panjang tentang kesepian di kota besar.",  # a sentence
    "Harga naik 5 persen",
    "Versi 1.12.25",                            # a two-digit year without a weekday is no date
])
def test_not_date_lines(text):
    assert date_line(text) is None


def test_find_date_inside_text_and_weekday():
    found = find_date("Kamis, 29 Januari 2026")
    assert found.weekday and not found.has_time


def test_format_id():
    assert format_id("2025-05-08T16:35:00+07:00") == "8 Mei 2025"
    assert format_id("2025-05-08T16:35:00+07:00", with_time=True) == "8 Mei 2025, 16.35 WIB"
    assert format_id("2021-08-17") == "17 Agustus 2021"
    assert format_id(None) == ""


@pytest.mark.parametrize("who, expected", [
    ("Indah Sari Rahmaini, Mahasiswa Magister Sosiologi Universitas Gadjah Mada.",
     [Author("Indah Sari Rahmaini", "Mahasiswa Magister Sosiologi Universitas Gadjah Mada")]),
    ("Jenia", [Author("Jenia")]),
    ("Redaksi", []),
    ("Tim Redaksi", []),
    ("Budi Santoso dan Ani Wijaya", [Author("Budi Santoso"), Author("Ani Wijaya")]),
    ("Budi Santoso, Ani Wijaya, dan Citra Lestari", [Author("Budi Santoso"), Author("Ani Wijaya"), Author("Citra Lestari")]),
    # names as printed: titles and degrees stay, the affiliation goes
    ("Dr. Ahmad Fauzi, M.Si., Dosen Universitas Andalas", [Author("Dr. Ahmad Fauzi, M.Si.", "Dosen Universitas Andalas")]),
    ("Indah Sari Rahmaini, S.Sos., M.A.", [Author("Indah Sari Rahmaini, S.Sos., M.A.")]),
    ("Teuku Syarafi, S.H,M.H", [Author("Teuku Syarafi, S.H,M.H")]),
    ("Hamdani SE., MSM.*)", [Author("Hamdani SE., MSM.")]),
    ("Pinnur Selalau.", [Author("Pinnur Selalau")]),
    ("Yudika Phareta Simorangkir / Salsabila Sagala", [Author("Yudika Phareta Simorangkir"), Author("Salsabila Sagala")]),
    ("Joko Waluyo, S.Pd.I. (Penyuluh Agama Islam)", [Author("Joko Waluyo, S.Pd.I.", "Penyuluh Agama Islam")]),
    ("Editorial Team", []),
    ("Rina Kartika | Editor: Dimas Prakoso", [Author("Rina Kartika")]),
    ("Fajar Nugraha (Mahasiswa Universitas Nusa Bangsa)", [Author("Fajar Nugraha", "Mahasiswa Universitas Nusa Bangsa")]),
    ("Muhammad bin Abdullah", [Author("Muhammad bin Abdullah")]),
    # one word is a name with a title or degree around it; "Drs." is a title, not "Dr" + "s."
    ("Drs. NURSIDIK, M.H.", [Author("Drs. NURSIDIK, M.H.")]),
    ("Yulfi Alfikri Noer S. IP., M. AP", [Author("Yulfi Alfikri Noer S. IP., M. AP")]),   # degrees typed with spaces
    ("Erina Hastuti, S.S M.Pd", [Author("Erina Hastuti, S.S M.Pd")]),
    ("Muhammad Khairul Afdhol [Mahasiswa Magister Teknik Kimia Universitas Indonesia]",
     [Author("Muhammad Khairul Afdhol", "Mahasiswa Magister Teknik Kimia Universitas Indonesia")]),
    ("Elkana Lengkong/ Wartawan", [Author("Elkana Lengkong", "Wartawan")]),
    ("Nada Andini (Mg), Randa Bima Asra (Mg)", [Author("Nada Andini"), Author("Randa Bima Asra")]),  # interns
    # several writers, then what they are, after a semicolon; the last of three may be one word
    ("Meta Rikandi, Asmeri Lamona, Weni; Dosen Politeknik Aisyiyah Sumatera Barat",
     [Author("Meta Rikandi", "Dosen Politeknik Aisyiyah Sumatera Barat"),
      Author("Asmeri Lamona", "Dosen Politeknik Aisyiyah Sumatera Barat"),
      Author("Weni", "Dosen Politeknik Aisyiyah Sumatera Barat")]),
    ("Budi Santoso; Andi Wijaya", [Author("Budi Santoso"), Author("Andi Wijaya")]),
    # a surname that is also an office ("hakim": a judge) is no affiliation
    ("BUDI RAHMAN HAKIM", [Author("BUDI RAHMAN HAKIM")]),
    # a degree typed with a comma for its first dot stays with the name
    ("Desy Arsianty, S,Pd. M.A", [Author("Desy Arsianty, S,Pd. M.A")]),
    # a name in capitals with its affiliation glued after it, behind a bullet
    ("●NUR HAYATI Mahasiswi Fakultas Dakwah, Universitas Walisongo",
     [Author("NUR HAYATI", "Mahasiswi Fakultas Dakwah, Universitas Walisongo")]),
    # an ain written as a closing quote is part of the name; quotes around a name are not
    ("Muhammad Nafi'", [Author("Muhammad Nafi'")]),
    ("'Ahmad Syafi'i'", [Author("Ahmad Syafi'i")]),
    ("\"Rina Kartika\"", [Author("Rina Kartika")]),
    # a certified teacher's "Gr." (typed after the degree without a space) and a pharmacist's "Apt."
    ("Eduardus Jemahu, S.Pd.,Gr", [Author("Eduardus Jemahu, S.Pd.,Gr")]),
    ("Siti Rahma, S.Farm., Apt", [Author("Siti Rahma, S.Farm., Apt")]),
    # the outlet's address after the name is no second name
    ("Yuswardi A. Suud, Atjehpost.com", [Author("Yuswardi A. Suud", "Atjehpost.com")]),
    ("Sica Harum- www.Konde.co", [Author("Sica Harum", "www.Konde.co")]),
    # the name in brackets
    ("[Nadia Putri], Mahasiswa Universitas Andalas", [Author("Nadia Putri", "Mahasiswa Universitas Andalas")]),
])
def test_bylines(who, expected):
    assert parse_people(who) == expected


@pytest.mark.parametrize("who", [
    "Pesan Untuk Kamu, Siapapun Itu",                 # a headline, not two people
    "Mahasiswa Departemen Ilmu Komunikasi Universitas Andalas",
    "karena itu, penting untuk membangun hubungan",
    "sebab itu kita harus berhati-hati",
    "2 orang mahasiswa",
    "",
    # headlines in capitals with an institution in them are not a name and an affiliation
    "INTEGRASI KEADILAN MORAL, KEADILAN HUKUM, DAN KEADILAN SOSIAL DALAM PUTUSAN PENGADILAN",
    "QUO VADIS KETENTUAN ELECTRONIC COURT (E-COURT) DALAM MEWUJUDKAN ASAS PADA PENGADILAN AGAMA",
    "Asosiasi Konsultan SLI Wilayah Salatiga",         # an organisation
    "Empat Tahun PTN-BH",                             # a headline of another article
    "Jakarta, Bandung",                               # places: one-word names only as the last of three
    "UNIVERSITAS INDONESIA Jakarta",                  # capitals, then no affiliation
    "Kisah Inspiratif Guru Honorer di Pelosok",       # a headline in title case, not a guru's name
])
def test_not_bylines(who):
    assert parse_people(who) is None


@pytest.mark.parametrize("raw, tags", [
    ("KonsultasiMedia SosialTwitter", ["Konsultasi", "Media Sosial", "Twitter"]),
    ("kesepian, media sosial, remaja", ["kesepian", "media sosial", "remaja"]),
    ("#kesepian #remaja #media sosial", ["kesepian", "remaja", "media sosial"]),
    ("Opini | Esai | Opini", ["Opini", "Esai"]),
    ("Solidaritas", ["Solidaritas"]),
])
def test_tags(raw, tags):
    assert split_tags(raw) == tags


def test_breadcrumb_with_and_without_separators():
    from arsip.clean.lines import split as split_lines
    lines = split_lines("Gentainment\nKarya Calon Anggota\nBerita\n")
    assert split_breadcrumb("Gentainment Karya Calon Anggota", lines) == ["Gentainment", "Karya Calon Anggota"]
    assert split_breadcrumb("Opini > Kolom", lines) == ["Opini", "Kolom"]
    assert split_breadcrumb("Sesuatu Tak Dikenal", lines) == ["Sesuatu Tak Dikenal"]


@pytest.mark.parametrize("text, rest", [
    ("TIMESINDONESIA, YOGYAKARTA – Kesepian itu nyata.", "Kesepian itu nyata."),
    ("bimus.ac.id – Mahasiswa kini", "Mahasiswa kini"),
    ("Liputan-NTT.Com - Flores,- Natal tidak hadir semata", "Natal tidak hadir semata"),
    ("Upos.id, Berkurangnya profesi nelayan", "Berkurangnya profesi nelayan"),
    ("TANYAFAKTA.CO Industri kelapa sawit", "Industri kelapa sawit"),
    ("OPINI : Kabupaten Konawe Utara", "Kabupaten Konawe Utara"),
    ("Manado (13/2) – Warga", "Warga"),
    ("Jakarta, 18 Juni 2025 - Perubahan iklim bukan", "Perubahan iklim bukan"),
    ("Pada 18 Juni 2025 - tepat setahun", "Pada 18 Juni 2025 - tepat setahun"),
    ("Jakarta, Pilihan-Rakyat.com – Lembaga Bantuan Hukum", "Lembaga Bantuan Hukum"),
    ("BandungBergerak.idPersiapan Pendaftaran", "Persiapan Pendaftaran"),
    ("|| Kadang kita lupa", "Kadang kita lupa"),
    # the first sentence's own words stay after the outlet's dateline
    ("JAKARTA, SUARANUSANTARA.ID - Setiap malam, jutaan remaja", "Setiap malam, jutaan remaja"),
    ("JAKARTA, SUARANUSANTARA.COM-Kebijakan impor beras", "Kebijakan impor beras"),   # the dash glued
    ("Kamis, 11 Januari 2007 - Ga kerasa sudah hari ke-80", "Ga kerasa sudah hari ke-80"),    # a day's date
    ("Namun, 11 orang - kata mereka", "Namun, 11 orang - kata mereka"),
    ("DUMAI, 21 mei 2025 – Tanggal 21 Mei 1998 menjadi", "Tanggal 21 Mei 1998 menjadi"),   # the month as typed
    ("SURABAYA | ARTIK.ID - Apa sih kata serapan itu?", "Apa sih kata serapan itu?"),
    ("Namun | kita semua - tahu", "Namun | kita semua - tahu"),
    ("beritaku.com | Pematangsiantar – Pemerintahan yang efektif", "Pemerintahan yang efektif"),
    ("BERITAKU.COM, Surabaya---Provinsi Jawa Timur", "Provinsi Jawa Timur"),   # three hyphens for a dash
    ("Jakarta (beritaku.com), Dalam rangka HUT ke-70", "Dalam rangka HUT ke-70"),   # the address in parentheses
    ("Yogyakarta, kabarkita – Modernisasi kerap dipuja", "Modernisasi kerap dipuja"),   # a known place, the outlet
    ("Yogyakarta, katanya – modernisasi", "Yogyakarta, katanya – modernisasi"),
    # no dateline: the sentence starts at once
    ("Kompas.com adalah situs berita", "Kompas.com adalah situs berita"),
    ("Opini: tentang apa saja", "Opini: tentang apa saja"),
    ("Oleh karena itu - kita", "Oleh karena itu - kita"),
])
def test_datelines(text, rest):
    assert text[dateline_end(text, None):] == rest


def test_reporter_credit_is_a_candidate_the_model_weighs():
    from arsip.clean import clean_bytes
    raw = ("Siswa Kami Juara Lomba Menulis Esai\n\nPewarta: Angel F. Ellys & Hasan Irsyad\n\n"
           + "SMP Negeri 2 berhasil membawa pulang satu piala dari festival literasi siswa tingkat kabupaten tahun ini. " * 3
           + "\n\nPara siswa menulis tentang lingkungan sekolah mereka dengan sungguh-sungguh dan penuh semangat. " * 2)
    out = clean_bytes(raw.encode(), "x.txt").as_json()
    assert [a["name"] for a in out["authors"]] == ["Angel F. Ellys", "Hasan Irsyad"]


@pytest.mark.parametrize("text, who", [
    ("Karena tidak bisa maksimal mencontohnya. (Endang Sunaryati)", "Endang Sunaryati"),
    ("Ini lantaran menganggap sang pemimpin tidak pernah ada. Wassalam (bukhori muzammil)", "bukhori muzammil"),
    ("masih ditemukan perawat yang tersandung masalah hukum.” (nurul jamilah/hei)", "nurul jamilah"),
    # a closing parenthesis that names no writer
    ("Data itu dirilis Badan Pusat Statistik (BPS)", None),
    ("seperti dicatat Sulzby (1986).", None),
    ("Hal itu diatur dalam undang-undang (lihat Pasal 5 ayat 2)", None),
    ("disebut juga hak asasi (human rights)", None),
    ("Ia menulis tentang banyak hal (Nama Saya Budi)", None),        # no sentence ends before it
])
def test_a_writer_named_in_parentheses_at_the_end(text, who):
    from arsip.clean.signoffs import paren_signoff as _paren_signoff, strip_paren_signoff
    found = _paren_signoff(text)
    assert (found[0].name if found else None) == who
    if who:
        assert strip_paren_signoff(text) == text[:text.rindex("(")].rstrip()


def test_a_sign_off_is_looked_for_only_at_the_end_of_a_long_paragraph():
    import time
    from arsip.clean.signoffs import paren_signoff as _paren_signoff
    long = "Kalimat yang panjang sekali. " * 40_000
    assert _paren_signoff(long + "(Endang Sunaryati)")[0].name == "Endang Sunaryati"
    start = time.perf_counter()
    assert _paren_signoff("(" * 500_000 + "a" * 500_000 + ")") is None      # hostile: no backtracking blow-up
    assert time.perf_counter() - start < 0.5


def _author_candidates(text: str) -> list[list[str]]:
    from arsip.clean.bylines import author_candidates
    from conftest import page_of
    return [[a.name for a in c.value] for c in author_candidates(page_of(text))]


BODY = ("Pemilu yang jujur menuntut pengawasan dari banyak pihak, termasuk mahasiswa yang kritis dan peduli. " * 3
        + "\n\n" + "Kampus dapat menjadi mitra pengawas dengan membuka ruang diskusi yang sehat bagi semua. " * 3)


@pytest.mark.parametrize("header, who", [
    # a name with a student number under it, far above the essay
    ("MAHASISWA DAN PENGAWASAN PEMILU\n\nWidya Pramesti\n\n2021011080\n\nFakultas Psikologi\n\nYogyakarta\n\n"
     "Topik\n\nPemilu\n\n", ["Widya Pramesti"]),
    ("Mahasiswa dan Pengawasan Pemilu\n\nRina Kartika Sari\nNIM: 1234 5678 90\n\nSemarang\n\nTopik\n\nPemilu\n\n",
     ["Rina Kartika Sari"]),
    # the headline repeated with the writer and an affiliation glued after it
    ("Mahasiswa dan Pengawasan Pemilu\n\nRabu, 07 Januari 2026 - 19:30\n"
     "Mahasiswa dan Pengawasan Pemilu Ferry Hamid, Peraih Anugerah Tokoh Pemuda 2024.\n\n", ["Ferry Hamid"]),
])
def test_writer_shapes_above_the_essay(header, who):
    assert who in _author_candidates(header + BODY)


@pytest.mark.parametrize("header", [
    # a number alone is no writer, nor a headline repeated with a teaser after it
    "Mahasiswa dan Pengawasan Pemilu\n\n2021011080\n\n",
    "Mahasiswa dan Pengawasan Pemilu\n\nMahasiswa dan Pengawasan Pemilu Baca selengkapnya di sini ya\n\n",
    # the number under a line that is no name
    "Mahasiswa dan Pengawasan Pemilu\n\nKlik Di Sini\n\n2021011080\n\n",
])
def test_not_writers_above_the_essay(header):
    found = _author_candidates(header + BODY)
    assert not [c for c in found if any(w in " ".join(c) for w in ("2021011080", "Baca", "Klik"))], found


def test_an_affiliation_glued_to_a_name_after_a_label():
    assert parse_people("Feri Hartanto Mahasiswa STIA Kerinci", lenient=True) == \
        [Author("Feri Hartanto", "Mahasiswa STIA Kerinci")]
    assert parse_people("Budi Rahman Hakim", lenient=True) == [Author("Budi Rahman Hakim")]
    # several writers sharing the glued affiliation; a degree typed with a space after its dot
    assert parse_people("Sari Dewi Lestari dan Ayu Putri mahasiswa program studi Antropologi FIS UNIMED",
                        lenient=True) == [Author("Sari Dewi Lestari", "mahasiswa program studi Antropologi FIS UNIMED"),
                                          Author("Ayu Putri", "mahasiswa program studi Antropologi FIS UNIMED")]
    assert parse_people("Rudi Hartono Napu, S. Pd Mahasiswa S2 Hukum", lenient=True) == \
        [Author("Rudi Hartono Napu, S. Pd", "Mahasiswa S2 Hukum")]
    # without a label, words glued after a name are not read as an affiliation
    assert parse_people("Sari Dewi dan Ayu Putri mahasiswa program studi Antropologi") is None


@pytest.mark.parametrize("text, who", [
    ("(Dr Mochamad Syamsiro. Direktur Center for Waste Management Universitas Janabadra Yogyakarta. "
     "Artikel ini tertulis di Surat Kabar Harian Kedaulatan Rakyat, Sabtu 20 Agustus 2016)",
     ("Dr Mochamad Syamsiro", "Direktur Center for Waste Management Universitas Janabadra Yogyakarta")),
    ("(Nadia Putri, Dosen Ilmu Komunikasi Universitas Andalas)", ("Nadia Putri", "Dosen Ilmu Komunikasi Universitas Andalas")),
    ("(Bersambung)", None),
    ("(Foto: Dokumentasi Pribadi. Diambil di Padang)", None),
    ("(Penulis adalah dosen Universitas Andalas)", None),
    ("(Lihat Pasal 5. Undang-Undang Nomor 12 Tahun 2012)", None),
    ("(" + "Nadia Putri. Dosen Universitas Andalas " * 30 + ")", None),          # far too long for a note
])
def test_a_last_line_that_is_wholly_a_note_on_the_writer(text, who):
    from arsip.clean.signoffs import strip_paren_signoff, whole_signoff
    found = whole_signoff(text)
    assert ((found[0].name, found[0].affiliation) if found else None) == who
    if who:
        assert strip_paren_signoff(text) == ""        # the whole line goes to the front matter
