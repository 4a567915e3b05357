"""Quality gate on real pages: the development set in tests/fixtures/real/ (pages from
outlets the archive has no profile for, labelled by reading them before the cleaner
ran), scored with the shared acceptance scorer, per half and per field.

The floors only rise. Raising one is a commit of its own; lowering one is a visible
edit of FLOORS, never silent. `tuned/` is what the metadata model learned from;
`held/` was held back at random and never tuned on: it is the honest figure.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from arsip.clean import clean_bytes

from conftest import FIXTURES, SHARED

SCORER = SHARED / "acceptance" / "score.py"
REAL = FIXTURES / "real"
#: per half: pages right (title, authors, date), mean body F1, residue lines (at most)
#: The tuned date floor was lowered 643 -> 642, the held title floor 179 -> 178 and the
#: held date floor 319 -> 317 when `make train` refitted the model on the 672 tuned pages
#: of the fourteenth batch with a new rule for the L2 penalty: between penalties with as
#: many cross-validated right answers, the larger (before: the better calibrated, which
#: for titles chose 0.003 over 0.01 at 603/668 each, and that fit missed the headlines of
#: two made-up pages in test_generic_*, and 13 of the 2,000 generated articles). Dates
#: are right as often at every penalty from 0.01 to 1.0 (647/666): 1.0 is taken. The rule
#: was not chosen on held.
#: (re-based when the fourteenth batch grew the set to 672 + 333 pages; the 645 + 320
#: pages the previous floors were set on score as before. The new pages alone, before
#: any change: tuned 10/6/25 of 13/10/27, F1 0.9623, residue 4; held 8/5/13 of 8/7/13,
#: F1 0.9928, residue 1. The tuned mean F1 floor falls from 0.984 to 0.983 with them.)
#: The tuned title floor was lowered 347 -> 342 when `make train` refitted the model on
#: the 645 tuned pages of the thirteenth batch and the rules they prompted (cross-validated:
#: titles 580/641, authors 599/617, dates 621/640; the penalty chosen for titles fell from
#: 0.01 to 0.003): the fit is chosen on cross-validation, not on its own training pages.
#: (re-based when the thirteenth batch grew the set to 645 + 320 pages; the 606 + 300
#: pages the previous floors were set on score as before. The new pages alone, before
#: any change: tuned 20/24/36 of 24/35/39, F1 0.9904, residue 12; held 12/10/18 of
#: 12/15/20, F1 0.9903, residue 2.)
#: The tuned title floor was lowered 330 -> 327 when `make train` refitted the model on
#: the 606 tuned pages of the twelfth batch and the rules they prompted (cross-validated:
#: titles 548/603, authors 567/585, dates 585/603; with the rules as at eaa2dd0, 545/603,
#: 568/584, 584/602): the fit is chosen on cross-validation, not on its own training pages.
#: (re-based when the twelfth batch grew the set to 606 + 300 pages; the 567 + 281 pages
#: the previous floors were set on score as before. The new pages alone, before any
#: change: tuned 18/23/33 of 23/35/39, F1 0.970, residue 6; held 13/11/19 of 13/17/19,
#: F1 0.9877, residue 2. The tuned mean F1 floor falls from 0.984 to 0.983 with them.)
#: The held title floor was lowered 145 -> 143 and the held residue floor raised (made
#: looser) 75 -> 76 when `make train` refitted the model on the 567 tuned pages of the
#: eleventh batch (cross-validated on tuned pages and seeds: titles 520/565, authors
#: 537/553, dates 551/566; on the 528 before, with the same rules: 483/526, 500/514,
#: 513/527). The refit is the documented procedure, not chosen on held.
#: (re-based when the eleventh batch grew the set to 567 + 281 pages: each floor is the
#: previous one plus what the new pages alone scored before any change they prompted:
#: tuned 19/17/38 of 21/17/39, F1 0.985, residue 3; held 7/6/19 of 8/7/20, F1 0.9924,
#: residue 4. They were scored after 77abcf5..b5cf168, rules found on the older tuned
#: pages before this batch was looked at.)
#: The held title floor was lowered 138 -> 137 when `make train` refitted the model on the
#: 528 tuned pages of the tenth batch with the rubric-colon title variant (58cdd7c). The
#: variant was kept on cross-validation over tuned pages (titles 479/523 with it, 477/522
#: without); fitted without it, held titles were 136.
#: (re-based when the tenth batch grew the set to 528 + 261 pages; the 497 + 246 pages
#: the previous floors were set on score as before. The new pages alone, before any
#: change: tuned 12/5/31 of 14/9/31, F1 0.9956, residue 3; held 5/5/13 of 6/7/15, F1
#: 0.9394, residue 4. The held mean F1 floor falls from 0.986 to 0.983 with them.)
#: (re-based when the ninth batch grew the set to 497 + 246 pages; the 465 + 230 pages
#: the previous floors were set on score as before. The new pages alone, before any
#: change: tuned 12/13/28 of 16/16/32, F1 0.9858, residue 4; held 4/6/16 of 5/7/16, F1
#: 0.9926, residue 1.)
#: (re-based again when the eighth batch's late labeller added 10 + 5 pages, scored
#: before any change: tuned 4/2/10 of 4/4/10, F1 0.9895, residue 3; held 2/1/5 of
#: 2/1/5, F1 1.0, residue 0.)
#: (re-based when the eighth batch grew the set to 455 + 225 pages; the 427 + 211 pages
#: the previous floors were set on score as before: tuned 247/194/415, F1 0.9815,
#: residue 41; held 120/66/200, F1 0.9852, residue 66. The new pages alone, before any
#: change: tuned 8/3/23 of 9/4/28, F1 0.9524, residue 20; held 6/6/14 of 6/6/14, F1
#: 0.9955, residue 2. The tuned mean F1 floor falls from 0.981 to 0.979 with them.)
#: (re-based when the seventh batch grew the set to 427 + 211 pages; the 367 + 181
#: pages the previous floors were set on score as before: tuned 214/162/356, F1 0.9805,
#: residue 33; held 98/55/171, F1 0.9830, residue 66. The new pages alone, before any
#: change: tuned 31/18/58 of 39/30/60, F1 0.9809, residue 27; held 19/10/29 of 20/12/30,
#: F1 0.9968, residue 4.
#: Re-based when the sixth batch grew the set to 367 + 181 pages; the 306 + 152 pages
#: the previous floors were set on score as before: tuned 177/142/295, F1 0.9806,
#: residue 33; held 85/45/144, F1 0.9818, residue 55. The new pages alone, before any
#: change: tuned 30/13/60 of 36/20/61, F1 0.9757, residue 6; held 12/8/28 of 14/8/29,
#: F1 0.9891, residue 11. The tuned mean F1 floor falls from 0.980 to 0.979 with them.
#: Re-based when the fifth batch grew the set to 306 + 152 pages; the 247 + 121 pages
#: the previous floors were set on score as before: tuned 146/126/239, F1 0.982,
#: residue 21; held 66/40/115, F1 0.984, residue 46. The new pages alone, before any
#: change: tuned 28/15/55, F1 0.9725, residue 20; held 16/5/27, F1 0.9745, residue 12.
#: When the fourth batch grew it to 247 + 121, the 194 + 94 pages before it lost one
#: title and one date on each half.)
#: The held residue floor was raised to 65 and lowered back to 66 within the hour: the
#: rule dropping a byline that opens the body was narrowed to keep cleaning idempotent
#: (a heading it left first became a header when the output was cleaned again).
#: The tuned title floor was lowered 249 -> 247 and the held authors floor 67 -> 66 when
#: `make train` refitted the model on all 427 tuned pages and the seeds (it had been
#: fitted on the first 367): weights.yml is again what training gives. Cross-validated on
#: those pages: titles 387/424, authors 400/415, dates 419/429. The refit was made
#: because the documented procedure gives it, not chosen on held (which gained two titles).
#: The held date floor was lowered once, 172 -> 171, when the model was refitted on
#: all 367 tuned pages with the headline feature overlap_count (cross-validated titles
#: 329 -> 333 of 363); the refit is `make train` as documented, not chosen on held.
FLOORS = {
    "tuned": {"title": 359, "authors": 302, "date": 642, "f1_mean": 0.985, "residue": 48},
    "held": {"title": 178, "authors": 117, "date": 317, "f1_mean": 0.985, "residue": 80},
}

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/acceptance is not beside this checkout")


def score_half(half: str) -> dict:
    sys.path.insert(0, str(SCORER.parent))
    import score
    cases = []
    for gold_path in sorted((REAL / half).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold.setdefault("id", gold_path.stem)
        raw = gold_path.with_suffix(".txt").read_bytes()
        out = clean_bytes(raw, gold_path.name).as_json()
        cases.append(score.score_case(gold, out, raw.decode("utf-8")))
    right = {f: sum(1 for c in cases if c.get(f"{f}_ok") is True) for f in ("title", "authors", "date")}
    asked = {f: sum(1 for c in cases if f"{f}_ok" in c) for f in ("title", "authors", "date")}
    return {"cases": cases, "right": right, "asked": asked,
            "f1_mean": sum(c["f1"] for c in cases) / len(cases), "residue": sum(c["residue"] for c in cases)}


@pytest.mark.parametrize("half", sorted(FLOORS))
def test_real_pages_stay_above_their_floors(half):
    res = score_half(half)
    floor = FLOORS[half]
    report = {f: f"{res['right'][f]}/{res['asked'][f]}" for f in ("title", "authors", "date")}
    report.update(f1_mean=round(res["f1_mean"], 4), residue=res["residue"])
    for field in ("title", "authors", "date"):
        assert res["right"][field] >= floor[field], (half, field, report)
    assert res["f1_mean"] >= floor["f1_mean"], (half, report)
    assert res["residue"] <= floor["residue"], (half, report)


def test_the_development_set_is_what_the_readme_says():
    pages = {half: sorted(p.stem for p in (REAL / half).glob("*.json")) for half in FLOORS}
    assert len(pages["tuned"]) + len(pages["held"]) >= 60
    assert not set(pages["tuned"]) & set(pages["held"])
    outlets = set()
    for half in FLOORS:
        for stem in pages[half]:
            gold = json.loads((REAL / half / f"{stem}.json").read_text(encoding="utf-8"))
            assert gold["url"].startswith("http") and (REAL / half / f"{stem}.txt").exists()
            assert set(gold) >= {"title", "authors", "date", "body", "notes"}
            outlets.add(gold["url"].split("/")[2].removeprefix("www."))
    assert len(outlets) >= 40
    table = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    assert all(stem in table for half in FLOORS for stem in pages[half])


def test_weights_name_only_features_the_cleaner_computes():
    """weights.yml is written by `make train`; a weight for a feature no candidate has
    any more (renamed, removed) would silently count for nothing."""
    import yaml
    from arsip.clean.bylines import author_candidates
    from arsip.clean.headlines import title_candidates
    from arsip.clean.pubdates import date_candidates
    from conftest import page_of

    seen: dict[str, set] = {"title": set(), "authors": set(), "date": set()}
    for path in sorted((REAL / "tuned").glob("*.txt")) + sorted((REAL.parents[2] / "raw").rglob("*.txt")):
        page = page_of(path.read_bytes())
        for field, make in (("title", title_candidates), ("authors", author_candidates), ("date", date_candidates)):
            for c in make(page):
                seen[field] |= set(c.features)
    weights = yaml.safe_load((Path(__file__).parents[1] / "scripts" / "arsip" / "clean" / "data" /
                              "weights.yml").read_text(encoding="utf-8"))
    for field, names in seen.items():
        assert set(weights[field]["weights"]) - {"bias"} <= names, field
