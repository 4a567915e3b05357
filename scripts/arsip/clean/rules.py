"""Cleaning rules and outlet profiles, loaded from data files and validated.

Generic rules live in ``arsip/clean/data/generic.yml`` (shipped with the library); each
outlet is one file ``data/sources/<id>.yml`` in the archive. Loading compiles every
pattern once and rejects unknown keys, so a typo in a rule file is an error that
names the file, not a rule that silently never fires.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError
from ..yamlio import SAFE_LOADER
from .firstchar import accelerate, exact_needles, needles, starts

EFFECTS = {"noise", "end", "caption", "related", "credit", "tags", "section", "breadcrumb"}
#: Effects after which nothing more of the essay body follows.
ENDING_EFFECTS = {"end", "credit", "tags"}
SOURCE_KINDS = {"portal berita", "pers mahasiswa", "blog", "majalah", "jurnal", "platform menulis",
                "media komunitas", "lembaga", "lainnya"}


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    effect: str
    pattern: re.Pattern
    max_words: int | None = None
    #: for an anchored pattern, what a matching line starts with (None: anything); see firstchar.py
    starts: re.Pattern | None = None
    #: for an unanchored pattern, lower-case strings every match starts with (None: no check)
    needles: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Credit:
    """An outlet-specific writer credit inside the body, e.g. '(Nama)' after the lead."""
    pattern: re.Pattern
    paragraphs: int


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    homepage: str | None
    kind: str
    description: str
    signatures: tuple[re.Pattern, ...] = ()
    sections: tuple[str, ...] = ()
    datelines: tuple[re.Pattern, ...] = ()
    date_formats: tuple[str, ...] = ()
    timezone: str | None = None
    rules: tuple[Rule, ...] = ()
    credits: tuple[Credit, ...] = ()
    path: str = ""

    @cached_property
    def signature_needles(self) -> tuple[tuple[str, ...] | None, ...]:
        """For each signature, strings one of which each match contains (None: no shortcut)."""
        return tuple(exact_needles(sig) for sig in self.signatures)

    def recognises(self, text: str) -> int:
        """How many of this outlet's signatures the text carries."""
        hits = 0
        for sig, required in zip(self.signatures, self.signature_needles):
            if required and not any(n in text for n in required):
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


def _compile(path: object, where: str, pattern: Any, flags: int = re.IGNORECASE) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise DataError(path, f"{where}: pattern must be a non-empty string")
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise DataError(path, f"{where}: invalid regular expression: {e}") from None


def _check_keys(path: object, where: str, data: Any, required: set[str], optional: set[str]) -> None:
    if not isinstance(data, dict):
        raise DataError(path, f"{where}: expected a mapping")
    missing = required - data.keys()
    if missing:
        raise DataError(path, f"{where}: missing {', '.join(sorted(missing))}")
    unknown = data.keys() - required - optional
    if unknown:
        raise DataError(path, f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def parse_rules(path: object, items: Any, prefix: str = "rules") -> tuple[Rule, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise DataError(path, f"{prefix}: expected a list")
    rules, names = [], set()
    for i, item in enumerate(items):
        where = f"{prefix}[{i}]"
        _check_keys(path, where, item, {"name", "reason", "effect", "pattern"}, {"max_words", "case"})
        name = item["name"]
        if name in names:
            raise DataError(path, f"{where}: duplicate rule name {name!r}")
        names.add(name)
        if item["effect"] not in EFFECTS:
            raise DataError(path, f"{where} ({name}): effect must be one of {', '.join(sorted(EFFECTS))}")
        if item.get("case", "insensitive") not in ("sensitive", "insensitive"):
            raise DataError(path, f"{where} ({name}): case must be 'sensitive' or 'insensitive'")
        flags = 0 if item.get("case") == "sensitive" else re.IGNORECASE
        pattern = _compile(path, f"{where} ({name})", item["pattern"], flags)
        group = {"credit": "who", "tags": "tags", "section": "section", "breadcrumb": "trail"}.get(item["effect"])
        if group and group not in pattern.groupindex:
            raise DataError(path, f"{where} ({name}): effect {item['effect']} needs a named group (?P<{group}>...)")
        max_words = item.get("max_words")
        if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
            raise DataError(path, f"{where} ({name}): max_words must be a positive integer")
        rules.append(Rule(name, str(item["reason"]), item["effect"], accelerate(pattern), max_words,
                          starts(pattern), needles(pattern)))
    return tuple(rules)


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        raise DataError(path, f"invalid YAML: {e}".replace("\n", " ")) from None
    except OSError as e:
        raise DataError(path, f"cannot read: {e.strerror or e}") from None


@lru_cache(maxsize=1)
def generic() -> Generic:
    res = resources.files("arsip.clean") / "data" / "generic.yml"
    path = Path(str(res))
    data = _load_yaml(path)
    _check_keys(path, "generic.yml", data, {"rules", "dates", "people", "text"}, set())
    return Generic(parse_rules(path, data["rules"]), data["dates"], data["people"], data["text"], str(path))


SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def load_source(path: Path) -> Source:
    data = _load_yaml(path)
    _check_keys(path, "source", data, {"id", "name", "kind", "description"}, {"homepage", "profile"})
    sid = data["id"]
    if not isinstance(sid, str) or not SOURCE_ID.match(sid):
        raise DataError(path, "id: must be lower-case letters, digits and '-' (at most 40)")
    if path.stem != sid:
        raise DataError(path, f"id {sid!r} does not match the file name {path.name!r}")
    if data["kind"] not in SOURCE_KINDS:
        raise DataError(path, f"kind: {data['kind']!r} is not one of {', '.join(sorted(SOURCE_KINDS))}")
    homepage = data.get("homepage")
    if homepage is not None and not (isinstance(homepage, str) and re.match(r"^https?://", homepage)):
        raise DataError(path, "homepage: must be an http(s) URL or null")
    profile = data.get("profile") or {}
    _check_keys(path, "profile", profile, set(),
                {"signatures", "sections", "datelines", "date_formats", "timezone", "rules", "credits"})
    tz = profile.get("timezone")
    if tz is not None and not re.match(r"^[+-]\d\d:\d\d$", str(tz)):
        raise DataError(path, "profile.timezone: must look like +07:00")
    credits = []
    for i, c in enumerate(profile.get("credits") or []):
        _check_keys(path, f"profile.credits[{i}]", c, {"pattern"}, {"paragraphs"})
        pat = _compile(path, f"profile.credits[{i}]", c["pattern"], 0)
        if "who" not in pat.groupindex:
            raise DataError(path, f"profile.credits[{i}]: needs a named group (?P<who>...)")
        credits.append(Credit(pat, int(c.get("paragraphs", 2))))
    return Source(
        id=sid, name=str(data["name"]), homepage=homepage, kind=data["kind"],
        description=str(data["description"]),
        signatures=tuple(_compile(path, f"profile.signatures[{i}]", s, re.MULTILINE)
                         for i, s in enumerate(profile.get("signatures") or [])),
        sections=tuple(str(s) for s in profile.get("sections") or []),
        datelines=tuple(_compile(path, f"profile.datelines[{i}]", s, 0)
                        for i, s in enumerate(profile.get("datelines") or [])),
        date_formats=tuple(_date_formats(path, profile.get("date_formats"))),
        timezone=tz,
        rules=parse_rules(path, profile.get("rules"), "profile.rules"),
        credits=tuple(credits),
        path=str(path),
    )


def _date_formats(path: object, items: Any) -> list[str]:
    """Extra date regexes of a profile; {month} and {weekday} are filled in by dates.py."""
    out = []
    for i, f in enumerate(items or []):
        probe = str(f).replace("{month}", "Mei").replace("{weekday}", "Senin")
        pat = _compile(path, f"profile.date_formats[{i}]", probe)
        if not {"day", "year"} <= set(pat.groupindex) or not ({"month", "mon"} & set(pat.groupindex)):
            raise DataError(path, f"profile.date_formats[{i}]: needs named groups day, month (or mon) and year")
        out.append(str(f))
    return out


def load_sources(folder: Path) -> dict[str, Source]:
    """All outlet files of an archive, by id."""
    sources = {}
    for path in sorted(Path(folder).glob("*.yml")):
        src = load_source(path)
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
