"""Cleaning rules and outlet profiles, loaded from data files and validated.

Generic rules live in ``arsip/clean/data/generic.yml`` (shipped with the library); each
outlet is one file ``data/sources/<id>.yml`` in the archive. Loading compiles every
pattern once and rejects unknown keys, so a typo in a rule file is an error that
names the file, not a rule that silently never fires.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..boundary import check_name, read_text, text_problem, url_problem
from ..errors import DataError
from ..yamlio import load_yaml
from .firstchar import accelerate, exact_needles, needles, starts
from .linear import Linear, compile_linear

EFFECTS = {"noise", "end", "caption", "related", "credit", "tags", "section", "breadcrumb", "summary"}
#: Effects after which nothing more of the essay body follows.
ENDING_EFFECTS = {"end", "credit", "tags"}
#: An outlet file is a few kilobytes.
MAX_SOURCE_BYTES = 1 << 20
#: The shortest literal a signature must contain: shorter ones ("a") claim any page.
MIN_SIGNATURE_LITERAL = 4
SOURCE_KINDS = {"portal berita", "pers mahasiswa", "blog", "majalah", "jurnal", "platform menulis",
                "media komunitas", "lembaga", "lainnya"}


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    effect: str
    pattern: re.Pattern | Linear
    max_words: int | None = None
    #: for an anchored pattern, what a matching line starts with (None: anything); see firstchar.py
    starts: re.Pattern | None = None
    #: for an unanchored pattern, lower-case strings every match starts with (None: no check)
    needles: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Credit:
    """An outlet-specific writer credit inside the body, e.g. '(Nama)' after the lead."""
    pattern: re.Pattern | Linear
    paragraphs: int


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    homepage: str | None
    kind: str
    description: str
    signatures: tuple[Linear, ...] = ()
    sections: tuple[str, ...] = ()
    datelines: tuple[Linear, ...] = ()
    date_formats: tuple[str, ...] = ()
    timezone: str | None = None
    rules: tuple[Rule, ...] = ()
    credits: tuple[Credit, ...] = ()
    path: str = ""
    #: for each signature, strings one of which each match contains (every signature has some)
    signature_needles: tuple[tuple[str, ...], ...] = ()

    def recognises(self, text: str) -> int:
        """How many of this outlet's signatures the text carries."""
        hits = 0
        for sig, required in zip(self.signatures, self.signature_needles):
            if not any(n in text for n in required):
                continue          # cannot match: skip the regular expression
            hits += bool(sig.search(text))
        return hits


@dataclass(frozen=True)
class Generic:
    rules: tuple[Rule, ...]
    dates: dict[str, Any]
    people: dict[str, Any]
    text: dict[str, Any]
    path: str = field(default="")


def _compile(path: object, where: str, pattern: Any, flags: int = re.IGNORECASE,
             trusted: bool = False) -> re.Pattern | Linear:
    """A rule's pattern: Python's ``re`` for the generic rules shipped with the code
    (``trusted``), RE2 for everything from an outlet file (see linear.py)."""
    if not trusted:
        return compile_linear(pattern, flags, path, where)
    if not isinstance(pattern, str) or not pattern:
        raise DataError(path, f"{where}: pattern must be a non-empty string")
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise DataError(path, f"{where}: invalid regular expression: {e}") from None


def _text(path: object, where: str, value: Any, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise DataError(path, f"{where}: must be {'text' if allow_empty else 'non-empty text'}")
    problem = text_problem(value)
    if problem:
        raise DataError(path, f"{where}: {problem}")
    return value.strip()


def _list(path: object, where: str, value: Any) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(path, f"{where}: expected a list")
    return value


def _check_keys(path: object, where: str, data: Any, required: set[str], optional: set[str]) -> None:
    if not isinstance(data, dict):
        raise DataError(path, f"{where}: expected a mapping")
    missing = required - data.keys()
    if missing:
        raise DataError(path, f"{where}: missing {', '.join(sorted(missing))}")
    unknown = data.keys() - required - optional
    if unknown:
        raise DataError(path, f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def parse_rules(path: object, items: Any, prefix: str = "rules", trusted: bool = False) -> tuple[Rule, ...]:
    rules, names = [], set()
    for i, item in enumerate(_list(path, prefix, items)):
        where = f"{prefix}[{i}]"
        _check_keys(path, where, item, {"name", "reason", "effect", "pattern"}, {"max_words", "case"})
        name = _text(path, f"{where}.name", item["name"])
        reason = _text(path, f"{where} ({name}).reason", item["reason"])
        if name in names:
            raise DataError(path, f"{where}: duplicate rule name {name!r}")
        names.add(name)
        if not isinstance(item["effect"], str) or item["effect"] not in EFFECTS:
            raise DataError(path, f"{where} ({name}): effect must be one of {', '.join(sorted(EFFECTS))}")
        if item.get("case", "insensitive") not in ("sensitive", "insensitive"):
            raise DataError(path, f"{where} ({name}): case must be 'sensitive' or 'insensitive'")
        flags = 0 if item.get("case") == "sensitive" else re.IGNORECASE
        pattern = _compile(path, f"{where} ({name})", item["pattern"], flags, trusted)
        group = {"credit": "who", "tags": "tags", "section": "section", "breadcrumb": "trail"}.get(item["effect"])
        if group and group not in pattern.groupindex:
            raise DataError(path, f"{where} ({name}): effect {item['effect']} needs a named group (?P<{group}>...)")
        max_words = item.get("max_words")
        if max_words is not None and (not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1):
            raise DataError(path, f"{where} ({name}): max_words must be a positive integer")
        fast = accelerate(pattern) if isinstance(pattern, re.Pattern) else pattern
        rules.append(Rule(name, reason, item["effect"], fast, max_words, starts(pattern), needles(pattern)))
    return tuple(rules)


@lru_cache(maxsize=1)
def generic() -> Generic:
    res = resources.files("arsip.clean") / "data" / "generic.yml"
    path = Path(str(res))
    data = load_yaml(path.read_text(encoding="utf-8"), path)
    _check_keys(path, "generic.yml", data, {"rules", "dates", "people", "text"}, set())
    return Generic(parse_rules(path, data["rules"], trusted=True), data["dates"], data["people"], data["text"],
                   str(path))


def _signature(path: object, i: int, value: Any) -> tuple[Linear, tuple[str, ...]]:
    where = f"profile.signatures[{i}]"
    sig = compile_linear(value, re.MULTILINE, path, where)
    required = exact_needles(sig)
    if not required or min(map(len, required)) < MIN_SIGNATURE_LITERAL:
        raise DataError(path, f"{where}: too general to recognise an outlet by: it must contain a literal text of "
                              f"at least {MIN_SIGNATURE_LITERAL} characters (a name, a domain, a dateline)")
    return sig, required


def load_source(path: Path) -> Source:
    data = load_yaml(read_text(path, MAX_SOURCE_BYTES, "outlet file"), path)
    _check_keys(path, "source", data, {"id", "name", "kind", "description"}, {"homepage", "profile"})
    sid = check_name(data["id"], "source id", path)
    if path.stem != sid:
        raise DataError(path, f"id {sid!r} does not match the file name {path.name!r}")
    if not isinstance(data["kind"], str) or data["kind"] not in SOURCE_KINDS:
        raise DataError(path, f"kind: {data['kind']!r} is not one of {', '.join(sorted(SOURCE_KINDS))}")
    homepage = data.get("homepage")
    if homepage is not None and url_problem(homepage):
        raise DataError(path, "homepage: must be an http(s) address with a host, or null")
    profile = data.get("profile")
    profile = {} if profile is None else profile
    _check_keys(path, "profile", profile, set(),
                {"signatures", "sections", "datelines", "date_formats", "timezone", "rules", "credits"})
    tz = profile.get("timezone")
    if tz is not None and not (isinstance(tz, str) and re.fullmatch(r"[+-](?:0\d|1[0-4]):[0-5]\d", tz)):
        raise DataError(path, "profile.timezone: must look like +07:00")
    credits = []
    for i, c in enumerate(_list(path, "profile.credits", profile.get("credits"))):
        _check_keys(path, f"profile.credits[{i}]", c, {"pattern"}, {"paragraphs"})
        pat = compile_linear(c["pattern"], 0, path, f"profile.credits[{i}]")
        if "who" not in pat.groupindex:
            raise DataError(path, f"profile.credits[{i}]: needs a named group (?P<who>...)")
        paragraphs = c.get("paragraphs", 2)
        if not isinstance(paragraphs, int) or isinstance(paragraphs, bool) or not 1 <= paragraphs <= 20:
            raise DataError(path, f"profile.credits[{i}].paragraphs: must be a whole number from 1 to 20")
        credits.append(Credit(pat, paragraphs))
    signatures = [_signature(path, i, s) for i, s in enumerate(_list(path, "profile.signatures", profile.get("signatures")))]
    return Source(
        id=sid, name=_text(path, "name", data["name"]), homepage=homepage, kind=data["kind"],
        description=_text(path, "description", data["description"]),
        signatures=tuple(sig for sig, _ in signatures),
        sections=tuple(_text(path, f"profile.sections[{i}]", s)
                       for i, s in enumerate(_list(path, "profile.sections", profile.get("sections")))),
        datelines=tuple(compile_linear(s, 0, path, f"profile.datelines[{i}]")
                        for i, s in enumerate(_list(path, "profile.datelines", profile.get("datelines")))),
        date_formats=tuple(_date_formats(path, profile.get("date_formats"))),
        timezone=tz,
        rules=parse_rules(path, profile.get("rules"), "profile.rules"),
        credits=tuple(credits),
        path=str(path),
        signature_needles=tuple(required for _, required in signatures),
    )


def _date_formats(path: object, items: Any) -> list[str]:
    """Extra date regexes of a profile; {month} and {weekday} are filled in by dates.py."""
    out = []
    for i, f in enumerate(_list(path, "profile.date_formats", items)):
        if not isinstance(f, str):
            raise DataError(path, f"profile.date_formats[{i}]: must be a pattern (text)")
        probe = f.replace("{month}", "Mei").replace("{weekday}", "Senin")
        pat = compile_linear(probe, re.IGNORECASE, path, f"profile.date_formats[{i}]")
        if not {"day", "year"} <= set(pat.groupindex) or not ({"month", "mon"} & set(pat.groupindex)):
            raise DataError(path, f"profile.date_formats[{i}]: needs named groups day, month (or mon) and year")
        out.append(f)
    return out


def load_sources(folder: Path) -> dict[str, Source]:
    """All outlet files of an archive, by id. Every ``*.yml`` entry must be a regular
    file (a symlink or a folder named ``x.yml`` is refused by ``load_source``)."""
    folder = Path(folder)
    sources = {}
    names = sorted(n for n in os.listdir(folder) if n.endswith(".yml")) if folder.is_dir() else []
    for name in names:
        src = load_source(folder / name)
        sources[src.id] = src
    return sources


def recognise(text: str, sources: dict[str, Source]) -> Source | None:
    """The outlet whose signatures the text carries most, if any."""
    best, best_hits = None, 0
    for src in sources.values():
        hits = src.recognises(text)
        if hits > best_hits:
            best, best_hits = src, hits
    return best
