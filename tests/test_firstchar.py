"""The cleaner's rule shortcuts (firstchar.py) never change what a rule matches.

Each rule is tried on thousands of lines two ways: the plain regular expression
from the data file, and the way the cleaner tries it (first-character index for
anchored rules, needles and a lookahead for unanchored ones). The decisions and
the matched spans must be the same.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import arsip
from arsip.clean.firstchar import FOLD, accelerate, first_class, fold, needles, starts
from arsip.clean.rules import generic, load_sources

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def plain_rules() -> list[tuple[str, re.Pattern]]:
    """(name, pattern compiled straight from the data file) for every rule."""
    out = []
    files = [Path(arsip.__file__).parent / "clean" / "data" / "generic.yml", *sorted((ROOT / "data" / "sources").glob("*.yml"))]
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("rules") or []:
            flags = 0 if item.get("case") == "sensitive" else re.IGNORECASE
            out.append((item["name"], re.compile(item["pattern"], flags)))
    return out


PLAIN = plain_rules()
FAST = {r.name: r for r in generic().rules}
for _src in load_sources(ROOT / "data" / "sources").values():
    FAST.update({r.name: r for r in _src.rules})


def fast_search(name: str, line: str):
    rule = FAST[name]
    if rule.starts is not None and line and not rule.starts.match(line[0]):
        return None
    if rule.needles is not None and not any(n in fold(line) for n in rule.needles):
        return None
    return rule.pattern.search(line)


def same(line: str) -> None:
    for name, plain in PLAIN:
        a, b = plain.search(line), fast_search(name, line)
        assert (a is None) == (b is None), (name, line)
        if a is not None:
            assert a.span() == b.span() and a.groupdict() == b.groupdict(), (name, line)


def corpus_lines() -> list[str]:
    import rawgen
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "generic").glob("*.txt"))]
    texts += [a.text for a in rawgen.articles(40, seed=7)]
    return sorted({ln.strip() for t in texts for ln in t.splitlines() if ln.strip()})


def test_every_rule_has_a_shortcut_or_says_why_not():
    """Most rules get one; a rule without is only slower, never wrong."""
    with_shortcut = [n for n, r in FAST.items() if r.starts is not None or r.needles is not None]
    assert len(with_shortcut) >= 0.8 * len(FAST), sorted(set(FAST) - set(with_shortcut))


def test_real_lines_are_decided_the_same():
    lines = corpus_lines()
    assert len(lines) > 400
    for line in lines:
        same(line)


# Lines built from the rules' own words, odd case forms and characters that Python's
# case-insensitive matching treats specially.
WORDS = sorted({w for _, p in PLAIN for w in re.findall(r"[a-z]{2,}", p.pattern)})
PIECES = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS).map(str.upper),
                   st.sampled_from(WORDS).map(str.title),
                   st.sampled_from(list(" .,:;!?()[]|/-–—*©»«>#@0123456789\u0130\u0131\u017f\u212a\u00e9\u00c9")),
                   st.text(max_size=4))


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=12).map(lambda parts: " ".join(parts).strip()))
def test_generated_lines_are_decided_the_same(line):
    same(line)


def test_fold_lists_every_special_case_of_re():
    """Non-ASCII characters that re.IGNORECASE equates with an ASCII letter but that
    str.lower() does not turn into it: FOLD must hold each of them."""
    special = set()
    for code in range(0x80, 0x10000):
        ch = chr(code)
        if re.fullmatch("[a-z]", ch, re.IGNORECASE) and not (ch.lower().isascii() and len(ch.lower()) == 1):
            special.add(ch)
    assert special <= {chr(c) for c in FOLD}


@pytest.mark.parametrize("pattern, expected", [
    (r"^(?:baca juga|lihat)", "b l"),
    (r"^\d+ menit", "0 9"),
    (r"(?:©|\(c\))", "( ©"),
])
def test_first_class_examples(pattern, expected):
    p = re.compile(pattern, re.IGNORECASE)
    cls = re.compile(first_class(p), re.IGNORECASE)
    for ch in expected.split():
        assert cls.fullmatch(ch) and cls.fullmatch(ch.upper())
    assert not cls.fullmatch("x")


def test_shortcuts_are_refused_where_they_would_be_unsafe():
    assert starts(re.compile(r"foo")) is None                  # not anchored
    assert starts(re.compile(r"^\s*")) is None                 # can match empty
    fast = accelerate(re.compile(r"(?P<x>a)(b)\2"))               # groups keep their numbers and names
    assert fast.search("xabb").group("x", 2) == ("a", "b")
    assert needles(re.compile(r"\w+ juga", re.IGNORECASE)) is None  # starts with a class
    assert needles(re.compile(r"baca juga")) is None            # case-sensitive: not folded


def test_signature_needles_never_hide_a_signature():
    """Outlet signatures are skipped when none of their needles is in the text."""
    import rawgen
    from arsip.clean.firstchar import exact_needles
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "generic").glob("*.txt"))]
    texts += [a.text for a in rawgen.articles(25, seed=5)]
    sigs = [s for src in load_sources(ROOT / "data" / "sources").values() for s in src.signatures]
    assert all(exact_needles(s) for s in sigs)
    hits = 0
    for text in texts:
        for sig in sigs:
            found = sig.search(text) is not None
            assert not found or any(n in text for n in exact_needles(sig)), (sig.pattern, text[:80])
            hits += found
    assert hits >= 5
    assert exact_needles(re.compile("(?i)abc")) is None and exact_needles(re.compile(r"\w+")) is None
