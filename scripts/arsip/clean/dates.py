"""Dates as Indonesian outlets print them, parsed to ISO 8601.

Month and weekday names come from the CLDR data that Babel ships (Indonesian and
English), plus the aliases in ``generic.yml`` (``Agt``, ``Nopember``...). The date
formats themselves are regular expressions in that file.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from .linear import Linear, compile_linear
from .rules import generic

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line: ISO value and how much of the line it covers."""
    iso: str                # 2025-05-08T16:35:00+07:00, 2025-05-08T16:35 or 2025-05-08
    date: dt.date
    has_time: bool
    start: int
    end: int
    weekday: bool           # the line names the weekday ("Kamis, 29 Januari 2026")

    @property
    def year(self) -> int:
        return self.date.year


@lru_cache(maxsize=1)
def _tables():
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    for loc in ("id", "en"):
        locale = Locale(loc)
        for width in ("wide", "abbreviated"):
            for num, name in locale.months["format"][width].items():
                months[name.lower().rstrip(".")] = num
            for name in locale.days["format"][width].values():
                weekdays.add(name.lower().rstrip("."))
    data = generic().dates
    months.update({k.lower(): int(v) for k, v in data["month_aliases"].items()})
    weekdays.update({"jum'at", "jumat", "ahad"})
    month_alt = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    weekday_alt = "(?:" + "|".join(sorted((re.escape(w) for w in weekdays), key=len, reverse=True)) + ")"
    formats = tuple(_fill(f, month_alt, weekday_alt) for f in data["formats"])
    tz = {k.upper(): v for k, v in data["timezones"].items()}
    return months, formats, tz, re.compile(r"\b" + weekday_alt + r"\b", re.IGNORECASE), month_alt, weekday_alt


def _fill(fmt: str, month_alt: str, weekday_alt: str) -> re.Pattern:
    return re.compile(fmt.replace("{month}", month_alt).replace("{weekday}", weekday_alt), re.IGNORECASE)


@lru_cache(maxsize=64)
def _extra(formats: tuple[str, ...]) -> tuple[Linear, ...]:
    """An outlet profile's own formats: from a file a contributor edits, so run by RE2."""
    *_, month_alt, weekday_alt = _tables()
    return tuple(compile_linear(f.replace("{month}", month_alt).replace("{weekday}", weekday_alt), re.IGNORECASE,
                                "outlet file", f"date_formats[{i}]") for i, f in enumerate(formats))


def find_date(text: str, default_tz: str | None = None, extra: tuple[str, ...] = ()) -> FoundDate | None:
    """The first date in ``text``; ``default_tz`` applies to times printed without a zone;
    ``extra`` are an outlet profile's own formats, tried first."""
    found = find_dates(text, default_tz, extra)
    return found[0] if found else None


def _build(m: re.Match, months, tzs, default_tz, weekday_re) -> FoundDate | None:
    g = m.groupdict()
    try:
        month = int(g["mon"]) if g.get("mon") else months[g["month"].lower().rstrip(".")]
        year = int(g["year"]) if g.get("year") else 2000 + int(g["yy"])     # "23.12.25"
        day = dt.date(year, month, int(g["day"]))
    except (KeyError, ValueError, TypeError):
        return None
    iso, has_time = day.isoformat(), False
    if g.get("hour") is not None and g.get("minute") is not None:
        hour, minute = int(g["hour"]), int(g["minute"])
        ampm = (g.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour < 24:
            has_time = True
            iso = f"{iso}T{hour:02d}:{minute:02d}"
            zone = _zone(g.get("tz"), tzs) or default_tz
            if zone:
                iso += ":00" + zone
    weekday = bool(weekday_re.search(m.group(0)))
    return FoundDate(iso, day, has_time, m.start(), m.end(), weekday)


def _zone(raw: str | None, tzs: dict[str, str]) -> str | None:
    if not raw:
        return None
    raw = raw.upper().replace(" ", "")
    if raw in tzs:
        return tzs[raw]
    m = re.match(r"(?:GMT|UTC)\+(\d)", raw)
    return f"+0{m.group(1)}:00" if m else None


@lru_cache(maxsize=1 << 16)
def find_dates(text: str, default_tz: str | None = None, extra: tuple[str, ...] = ()) -> tuple[FoundDate, ...]:
    """Every date in ``text``, left to right, none overlapping another ("Selasa, 25
    November 2025, 22:06 WIB Last Updated 2025-11-25T15:06" holds two)."""
    if not _DIGIT.search(text):
        return ()
    months, formats, tz_table, weekday_re, *_ = _tables()
    found = []
    for fmt in _extra(extra) + formats:
        for m in fmt.finditer(text):
            d = _build(m, months, tz_table, default_tz, weekday_re)
            if d:
                found.append(d)
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[FoundDate] = []
    for d in found:
        if not out or d.start >= out[-1].end:
            out.append(d)
    return tuple(out)


def date_line(text: str, default_tz: str | None = None, extra: tuple[str, ...] = ()) -> FoundDate | None:
    """A date that is what the line is about, not a date inside a sentence."""
    if not _DIGIT.search(text):
        return None          # every date format has digits
    found = find_date(text, default_tz, extra)
    if not found:
        return None
    rest = text[:found.start] + " " + text[found.end:]
    if len(WORD.findall(rest)) > generic().dates["max_other_words"]:
        return None
    return found


@lru_cache(maxsize=1 << 16)
def date_kind(text: str) -> str:
    """'published', 'other' (updated, accessed) or '' from the words around a date."""
    words = {w.lower() for w in WORD.findall(text)}
    d = generic().dates
    if words & set(d["other_words"]):
        return "other"
    if words & set(d["published_words"]):
        return "published"
    return ""
