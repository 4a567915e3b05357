"""Generic rules alone (no outlet profile): where the essay's body starts and ends on
pages of outlets never seen before: short and hard-wrapped paragraphs, reader comments,
teasers of other posts, a headline printed again, a subheading between two parts (the
lines' own rules are in test_generic_rules.py)."""
from __future__ import annotations

from arsip.clean.cleaner import clean_bytes, clean_text

from conftest import FIXTURES

GENERIC = FIXTURES / "generic"


def clean(name: str):
    return clean_bytes((GENERIC / name).read_bytes(), name)


def reasons(result) -> dict[str, str]:
    return {ln.text: ln.reason for ln in result.lines if not ln.keep and not ln.blank}


def test_one_sentence_paragraphs_stay_in_the_essay():
    r = clean("short_paragraphs.txt")
    assert r.title == "Rindu yang Tidak Pernah Selesai" and [a.name for a in r.authors] == ["Yusuf Hakim"]
    assert [b.text for b in r.blocks][:3] == [
        "Setiap kali pulang kampung, saya merasa seperti tamu di rumah sendiri yang dulu begitu akrab dan hangat.",
        "Jalanan sudah berubah.", "Warung kopi di ujung gang sudah tutup."]
    assert len(r.blocks) == 9 and "Bagikan" not in r.body


def test_long_reader_comments_do_not_outweigh_the_essay():
    r = clean("reader_comments.txt")
    assert r.title == "Ketika Sekolah Menjadi Tempat Paling Sepi" and [a.name for a in r.authors] == ["Sinta Maharani"]
    assert len(r.blocks) == 3 and r.body.startswith("Sekolah seharusnya menjadi tempat")
    for gone in ("Andi Pratama", "Tulisan yang sangat menyentuh", "Balas", "Komentar"):
        assert gone not in r.body


def test_a_hard_wrapped_essay_is_kept_whole():
    """Text copied from a PDF or a mail: every paragraph broken into lines of about ten
    words, short lines where a sentence ends."""
    raw = ("Tolak Upah Murah\n"
           "Persoalan upah hingga saat ini masih menjadi dinamika yang cukup\n"
           "tajam bagi dunia perburuhan. Tarik ulur kepentingan penetapan besaran\n"
           "upah antara buruh dan pengusaha masih terus terjadi di banyak daerah\n"
           "dan sektor industri yang berbeda-beda hingga hari ini tanpa akhir.\n"
           "Bahkan hukum ekonomi politik menyatakan bahwa konflik kepentingan itu\n"
           "akan terus terjadi hingga salah satu pihak saling menyisihkan dan\n"
           "keuntungan sebesar-besarnya.\n"
           "Faktanya\n"
           "dalam hal penentuan nilai upah selama ini, buruh cenderung inferior\n"
           "terhadap pengusaha karena posisi tawar buruh yang relatif lemah.\n")
    r = clean_bytes(raw.encode(), "wrapped.txt")
    words = " ".join(b.text for b in r.blocks).split()
    assert "sebesar-besarnya." in words and "Faktanya" in words and words[-1] == "lemah."


def test_teasers_cut_short_with_an_ellipsis_are_not_the_essay():
    lead = ("Jakarta, 18 Juni 2025 - Perubahan iklim bukan lagi sekadar isu lingkungan, melainkan ancaman nyata "
            "yang dihadapi oleh seluruh umat manusia di mana pun mereka tinggal.")
    rest = "Generasi muda tumbuh dengan kesadaran yang tinggi terhadap isu lingkungan sejak dini di sekolah. " * 3
    title = "Sudut Pandang Anak Muda Terhadap Isu Perubahan Iklim"
    # the headline and the lead cut short, above the headline and the lead in full
    r = clean_text(f"{title}\n\n{title} {lead[:110]}...\n\n{title}\n\n{lead}\n\n{rest}\n")
    assert r.title == title and r.body.startswith("Perubahan iklim bukan lagi")    # the dateline goes too
    assert r.body.count("Perubahan iklim") == 1
    # another post's headline and teaser under a featured-post label: not this essay's
    other = ("Bagi banyak dosen dan peneliti, memublikasikan artikel di jurnal terindeks itu seperti naik gunung: "
             "butuh persiapan, tenaga, dan tekad yang tidak pernah kecil, apalagi untuk pemula ...")
    essay = "Dulu, menjadi dosen di kampus identik dengan mengajar di kelas dan meneliti dalam tenang. " * 3
    r = clean_text(f"Entri yang Diunggulkan\n\nTips Publikasi di Jurnal Terindeks\n\n{other}\n\n"
                   f"Dosen dan Tantangan Dunia Kampus\n\n{essay}\n\n{rest}\n")
    assert "jurnal terindeks" not in r.body and r.title == "Dosen dan Tantangan Dunia Kampus"
    assert reasons(r)[other] == "teaser"
    # an essay's own paragraph ending in an ellipsis stays
    own = "Kami menunggu kabar dari kota selama berminggu-minggu, dan yang datang hanya sunyi yang panjang ..."
    r = clean_text(f"Menunggu Kabar\n\n{rest}\n\n{own}\n\n{rest[:150]}\n")
    assert own in r.body


def test_a_list_of_other_posts_with_teasers_is_not_the_essay():
    """The writer's other posts above the essay, each a headline and its lead cut short."""
    posts = "".join(f"{head}\n\n{lead} ...\n\n" for head, lead in (
        ("Pandemi Dapat Melemahkan Populis", "Masa awal pandemi diwarnai dengan perdebatan mengenai tipe rezim mana "
                                             "yang paling efektif dalam menghadapi wabah. Namun memasuki kuartal ketiga"),
        ("Elegi Timnas dan Teriakan Suporter", "Dari tribun atas stadion, saya berkali-kali menggeleng kepala. "
                                               "Terlebih setelah lawan mencetak gol lebih dulu. Keterlaluan. Empat hari")))
    essay = "Sains atau biasa disebut pengetahuan alam merupakan hasil perpaduan panca indera dan akal manusia. " * 3
    r = clean_text(f"Ihwal Sains Populer di Indonesia\n\n{posts}{essay}\n\n{essay[:120]}\n")
    assert r.title == "Ihwal Sains Populer di Indonesia" and r.body.startswith("Sains atau biasa")
    for gone in ("Pandemi", "Elegi", "tribun"):
        assert gone not in r.body
    # one headline and its teaser alone: no list, nothing to say it is not the essay's
    one = "Tanah Air Kita\n\nKami berjalan jauh menyusuri pematang sawah yang basah setelah hujan reda sore itu ...\n\n"
    r = clean_text(f"Tanah Air Kita\n\n{one}{essay}\n")
    assert "menyusuri pematang" in r.body


def test_a_headline_printed_again_at_the_top_of_the_body_starts_the_essay():
    """Headline, standfirst, byline, the headline again over the image: the essay starts after it."""
    title = "Pokdarwis: salah satu aktor kunci dalam pariwisata berkelanjutan"
    dek = ("Kelompok Sadar Wisata menjadi salah satu aktor kunci dalam pengembangan potensi wisata desa "
           "yang berkelanjutan di banyak daerah.")
    essay = "Pasar bulanan di desa itu dikelola Pokdarwis bersama warga sebagai aktor kunci pariwisata. " * 3
    r = clean_text(f"Desa\n\n{title}\n\n{dek}\n\nMuhammad Nafi'\n{title}\n\n{essay}\n\n{essay[:140]}\n")
    assert r.title == title and r.body.startswith("Pasar bulanan")
    assert [a.name for a in r.authors] == ["Muhammad Nafi'"] and "Kelompok Sadar" not in r.body
    caption = "Pasar bulanan di desa itu dikelola bersama warga. Kanal Desa / Kanal Desa"     # under the image
    r = clean_text(f"Desa\n\n{title}\n\n{dek}\n\nMuhammad Nafi'\n{title}\n{caption}\n\n{essay}\n\n{essay[:140]}\n")
    assert r.body.startswith("Pasar bulanan di desa itu dikelola Pokdarwis") and "Kanal Desa" not in r.body
    assert [a.name for a in r.authors] == ["Muhammad Nafi'"]


def test_a_subheading_with_the_essay_going_on_under_it_stays_in_the_essay():
    """'Fungsi Inspektorat dalam Pengelolaan Dana Desa' between two parts of the essay:
    the body goes on over it to the paragraphs below; a writer's note is no subheading,
    and a numbered list of reader comments ends the essay."""
    para = "Kalimat esai yang panjang dan bermakna tentang desa dan warganya hari ini. " * 3
    text = (f"Judul Esai yang Cukup Panjang\n\n{para}\n\n{para}\n\n"
            "Fungsi Inspektorat dalam Pengelolaan Dana Desa\n"
            "Secara normatif dan praktik, Inspektorat memiliki empat peran utama dalam pengelolaan dana:\n"
            "1. Pengawasan dan Pemeriksaan\n"
            "Inspektorat melakukan pemeriksaan rutin atas penggunaan dana desa, meliputi:\n"
            "Administrasi keuangan\nPengadaan barang\nBukti transaksi\nKesesuaian laporan\n"
            "Pengawasan tidak boleh berhenti pada laporan yang rapi dan tertib.\n\n"
            "2 Komen\n  1. Vitalis berkata\n\n    Guru di kampung dulu adalah sumber dari segala sumber pengetahuan kami.\n")
    r = clean_text(text)
    assert "Fungsi Inspektorat" in r.body and "pemeriksaan rutin" in r.body
    assert "Vitalis" not in r.body and "Guru di kampung" not in r.body
    note = clean_text(f"Judul Esai yang Cukup Panjang\n\n{para}\n\n{para}\n\n"
                      "Penulis, Mahasiswa KPI UIN SGD Bandung\n\n"
                      "\"Tulisan pernah dimuat di Media Indonesia Tanggal 14 Sept 2019 Dengan beberapa perubahan\"\n")
    assert "Penulis, Mahasiswa" not in note.body
