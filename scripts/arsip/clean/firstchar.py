"""Where a rule's match can start: cheap checks before the regular expression.

A rule is tried on every raw line, and most rules fail on the first character they
look at. :func:`first_class` reads a compiled pattern's parse tree and writes a
one-character regular expression that matches every character a match can start
with (``[Bb]`` for ``^baca juga``, under the pattern's own flags, so case folding is
exactly the pattern's). It is used twice:

* anchored rules (``^...``) are indexed by the first character of the line: a line
  is only tried with the rules whose class matches its first character
  (:func:`starts`);
* unanchored rules get a lookahead in front (:func:`accelerate`): ``(?=[tbmadv])``
  lets the regex engine skip positions where the pattern cannot start, which makes
  an alternation of phrases searched through a paragraph about three times faster.

Both are exact: they never change what a rule matches. ``None`` means "no shortcut".
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]


class _Unknown(Exception):
    """The first character cannot be bounded."""


_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_WORD: r"\w",
               C.CATEGORY_NOT_WORD: r"\W", C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S"}
_ANCHORS = ((C.AT, C.AT_BEGINNING), (C.AT, C.AT_BEGINNING_STRING))


def anchored(pattern: re.Pattern) -> bool:
    """Whether the pattern can only match at the start of the text (``^...``)."""
    try:
        items = list(P.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001
        return False
    return bool(items) and items[0] in _ANCHORS and not pattern.flags & re.MULTILINE


def first_class(pattern: re.Pattern) -> str | None:
    """A regex matching any one character a match of ``pattern`` can start with."""
    try:
        items = list(P.parse(pattern.pattern, pattern.flags))
        atoms, nullable = _first(items, pattern.flags)
    except Exception:  # noqa: BLE001 - any surprise means "no shortcut"
        return None
    if nullable or not atoms:
        return None
    return "|".join(sorted(set(atoms)))


def starts(pattern: re.Pattern) -> re.Pattern | None:
    """For an anchored pattern: a matcher of the characters a matching text starts with."""
    if not anchored(pattern):
        return None
    cls = first_class(pattern)
    return re.compile(f"(?:{cls})", pattern.flags) if cls else None


def accelerate(pattern: re.Pattern) -> re.Pattern:
    """The same pattern with a first-character lookahead in front, when that helps."""
    if anchored(pattern):
        return pattern
    try:
        first = list(P.parse(pattern.pattern, pattern.flags))[:1]
    except Exception:  # noqa: BLE001
        return pattern
    if first and first[0][0] is C.LITERAL and not pattern.flags & re.IGNORECASE:
        return pattern            # the engine already skips ahead to a literal prefix
    cls = first_class(pattern)
    if cls is None:
        return pattern
    try:
        fast = re.compile(f"(?=(?:{cls}))(?:{pattern.pattern})", pattern.flags)
    except re.error:
        return pattern
    return fast if fast.groupindex == pattern.groupindex and fast.groups == pattern.groups else pattern


def _first(items, flags: int) -> tuple[list[str], bool]:
    """(atoms matching the first character, whether the sequence can match empty)."""
    out: list[str] = []
    for op, av in items:
        atoms, nullable = _first_one(op, av, flags)
        out += atoms
        if not nullable:
            return out, False
    return out, True


def _first_one(op, av, flags: int) -> tuple[list[str], bool]:
    if op is C.LITERAL:
        return [re.escape(chr(av))], False
    if op is C.NOT_LITERAL:
        return [f"[^{re.escape(chr(av))}]"], False
    if op is C.ANY:
        return ["."], False
    if op is C.IN:
        return [_in(av)], False
    if op is C.SUBPATTERN:
        _group, add, remove, sub = av
        if add or remove:
            raise _Unknown        # scoped flags: the class would need them too
        return _first(list(sub), flags)
    if op is C.BRANCH:
        out, nullable = [], False
        for alt in av[1]:
            atoms, n = _first(list(alt), flags)
            out += atoms
            nullable = nullable or n
        return out, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
        lo, _hi, sub = av
        atoms, n = _first(list(sub), flags)
        return atoms, n or lo == 0
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _first(list(av), flags)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return [], True           # ^, $, \b, lookarounds: zero-width; the next item decides
    raise _Unknown                # back-references, conditionals


def _in(items) -> str:
    parts, negate = [], ""
    for op, av in items:
        if op is C.NEGATE:
            negate = "^"
        elif op is C.LITERAL:
            parts.append(_escape_in_class(chr(av)))
        elif op is C.RANGE:
            parts.append(f"{_escape_in_class(chr(av[0]))}-{_escape_in_class(chr(av[1]))}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise _Unknown
    return f"[{negate}{''.join(parts)}]"


def _escape_in_class(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else re.escape(ch)


#: Needles are the first few characters of every way a match can begin.
NEEDLE_CHARS = 4
MAX_NEEDLES = 48
#: What Python's case-insensitive matching equates with an ASCII letter but
#: ``str.lower`` does not map to it (tests/test_firstchar.py checks this against re).
FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """Lower-case text as the needles are: ``needle in fold(line)``."""
    return text.translate(FOLD).lower() if not text.isascii() else text.lower()


def needles(pattern: re.Pattern) -> tuple[str, ...] | None:
    """For an unanchored case-insensitive pattern: strings one of which every match
    starts with, lower-cased (``None`` when there are none worth checking).

    ``any(n in fold(line) for n in needles)`` is then necessary for a match, and a
    few substring tests are cheaper than searching an alternation of phrases
    through a paragraph."""
    if anchored(pattern) or not pattern.flags & re.IGNORECASE:
        return None
    return _needles(pattern, True)


def exact_needles(pattern: re.Pattern) -> tuple[str, ...] | None:
    """For a case-sensitive pattern (anchored or not): strings one of which every
    match starts with, as written. ``any(n in text ...)`` is then necessary for a
    match: an outlet's signatures are searched through whole articles, and a
    substring test skips most of them at C speed."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _needles(pattern, False)


def _needles(pattern: re.Pattern, fold_case: bool) -> tuple[str, ...] | None:
    try:
        found = _prefixes(list(P.parse(pattern.pattern, pattern.flags)), {("", False)}, fold_case)
    except Exception:  # noqa: BLE001
        return None
    out = {p for p, _closed in found}
    if "" in out or len(out) > MAX_NEEDLES:
        return None
    # a needle that contains a shorter one is implied by it
    return tuple(sorted(n for n in out if not any(m != n and m in n for m in out)))


def _prefixes(items, paths: set[tuple[str, bool]], fold_case: bool) -> set[tuple[str, bool]]:
    """Extend each open path (prefix, closed) by the sequence ``items`` (lower-cased
    with ``fold_case``)."""
    for op, av in items:
        if all(closed or len(p) >= NEEDLE_CHARS for p, closed in paths):
            break
        paths = _extend(op, av, paths, fold_case)
        if len(paths) > MAX_NEEDLES:
            raise _Unknown
    return paths


def _close(paths):
    return {(p, True) for p, _ in paths}


def _extend(op, av, paths, fold_case: bool):
    done = {(p, c) for p, c in paths if c or len(p) >= NEEDLE_CHARS}
    open_ = {(p, c) for p, c in paths if (p, c) not in done}
    if op is C.LITERAL:
        ch = chr(av).lower() if fold_case else chr(av)
        if fold_case and not ch.isascii() and not ch == ch.upper():
            raise _Unknown        # a non-ASCII letter: its case forms are not worth the risk
        return done | {(p + ch, False) for p, _ in open_}
    if op is C.IN and len(av) <= 4 and all(o is C.LITERAL and (chr(a).isascii() or not fold_case) for o, a in av):
        return done | {(p + (chr(a).lower() if fold_case else chr(a)), False) for p, _ in open_ for _o, a in av}
    if op is C.SUBPATTERN:
        _group, add, remove, sub = av
        if add or remove:
            raise _Unknown
        return done | _prefixes(list(sub), open_, fold_case)
    if op is C.BRANCH:
        out = set(done)
        for alt in av[1]:
            out |= _prefixes(list(alt), open_, fold_case)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        if lo == 0 and hi == 1:
            return done | open_ | _prefixes(list(sub), open_, fold_case)
        if lo >= 1:
            return done | _close(_prefixes(list(sub), open_, fold_case))
        return done | _close(open_)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return paths
    return done | _close(open_)  # a class, \w, . ...: the needle ends here
