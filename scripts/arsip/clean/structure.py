"""Cleaning, step 4: kept body lines -> blocks -> Markdown.

A block is a heading, a paragraph or a list item. Subheadings are short lines with
no closing punctuation that introduce text; bullet lines and runs of "Label: text"
lines are list items. Everything the essay says is escaped so that Markdown shows it
as text: no raw HTML, no links or emphasis the author did not write as such.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import CLOSING, SENTENCE_END, Line
from .rules import generic

LABEL = re.compile(r"^(?P<label>[^:.!?,;]{2,60}?)\s*:\s+(?P<rest>\S.*)$")
NUMBERED = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<rest>\S.*)$")


@dataclass
class Block:
    kind: str                  # heading | para | item | ordered | label
    text: str
    lines: list[int] = field(default_factory=list)   # raw line numbers
    label: str = ""
    num: str = ""
    level: int = 2


def _heading_like(text: str) -> bool:
    t = generic().text
    if not text or len(text) > t["heading_max_chars"] or len(text.split()) > t["heading_max_words"]:
        return False
    if text.endswith((".", ",", ";", ":", "…")) and not text.endswith("..."):
        return False
    first = text[0]
    return first.isupper() or first.isdigit()


def _label(text: str) -> re.Match | None:
    m = LABEL.match(text)
    if not m:
        return None
    label = m.group("label")
    if len(label.split()) > 7 or not label[0].isupper() or len(m.group("rest").split()) < 3:
        return None
    return m


def blocks(body: list[Line]) -> list[Block]:
    """Group kept lines into blocks (one line each, hard-wrapped lines joined)."""
    out: list[Block] = []
    prev: Line | None = None
    for line in body:
        joinable = (prev is not None and out and out[-1].kind == "para" and not line.bullet
                    and line.no == prev.no + 1 and not prev.text.endswith(CLOSING)
                    and line.text[:1].islower())
        if joinable:
            out[-1].text += " " + line.text
            out[-1].lines.append(line.no)
        else:
            out.append(Block("item" if line.bullet else "para", line.text, [line.no]))
        prev = line
    _shape(out)
    return out


def _shape(out: list[Block]) -> None:
    for i, b in enumerate(out):
        if b.kind != "para":
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        num = NUMBERED.match(b.text)
        nxt_numbered = nxt is not None and nxt.kind == "para" and NUMBERED.match(nxt.text)
        nxt_text = NUMBERED.sub(r"\g<rest>", nxt.text) if nxt is not None else ""
        nxt_is_heading = nxt is not None and nxt.kind == "para" and _heading_like(nxt_text) and not SENTENCE_END.search(nxt_text)
        # A heading introduces content, or a numbered subheading ("Tiga pelajaran" / "1. ...").
        introduces = nxt is not None and (not nxt_is_heading or (nxt_numbered and not num))
        if _heading_like(b.text) and introduces and not _label(b.text):
            b.kind = "heading"
        elif num:
            b.kind, b.num, b.text = "ordered", num.group("num"), num.group("rest")
    _nest_numbered(out)
    # Runs of two or more "Label: text" paragraphs are a list.
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].kind == "para" and _label(out[j].text):
            j += 1
        if j - i >= 2:
            for b in out[i:j]:
                m = _label(b.text)
                b.kind, b.label, b.text = "label", m.group("label"), m.group("rest")
        i = max(j, i + 1)


def _nest_numbered(out: list[Block]) -> None:
    """Numbered subheadings right under a plain heading sit one level below it."""
    parent = False
    for i, b in enumerate(out):
        if b.kind != "heading":
            continue
        numbered = bool(NUMBERED.match(b.text))
        if not numbered:
            nxt = out[i + 1] if i + 1 < len(out) else None
            parent = nxt is not None and nxt.kind == "heading" and bool(NUMBERED.match(nxt.text))
        elif parent:
            b.level = 3


# --- Markdown ---------------------------------------------------------------------

_INLINE = re.compile(r"([\\`*_\[\]{}<>])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape(text: str) -> str:
    """Text -> Markdown that renders as exactly that text."""
    text = _ENTITY.sub("&amp;", text)
    text = _INLINE.sub(lambda m: "&lt;" if m.group(1) == "<" else "&gt;" if m.group(1) == ">" else "\\" + m.group(1), text)
    return text


def escape_block(text: str) -> str:
    """Escape a paragraph, including what would start a heading, list or quote."""
    text = escape(text)
    text = re.sub(r"^([#+\-=])", r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)
    return text


def render(blocks_: list[Block]) -> str:
    parts: list[str] = []
    prev_kind = None
    for b in blocks_:
        if b.kind == "heading":
            line = "#" * b.level + " " + escape(b.text)
        elif b.kind == "item":
            line = "- " + escape(b.text)
        elif b.kind == "label":
            line = f"- **{escape(b.label)}**: {escape(b.text)}"
        elif b.kind == "ordered":
            line = f"{b.num}. {escape(b.text)}"
        else:
            line = escape_block(b.text)
        in_list = b.kind in ("item", "label", "ordered")
        if parts:
            same_list = in_list and prev_kind in ("item", "label", "ordered") and (
                (b.kind == "ordered") == (prev_kind == "ordered"))
            parts.append("\n" if same_list else "\n\n")
        parts.append(line)
        prev_kind = b.kind
    return "".join(parts) + "\n" if parts else ""
