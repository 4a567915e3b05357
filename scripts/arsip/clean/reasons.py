"""Why lines are dropped: ``arsip clean --explain`` (every raw line, kept or dropped,
with its rule) and the boilerplate lines ``arsip check`` finds in an essay body."""
from __future__ import annotations

from dataclasses import dataclass

from .cleaner import REASONS, Cleaned
from .lines import classify, split
from .rules import ENDING_EFFECTS, generic


def explain(result: Cleaned) -> str:
    reasons = {r.name: r.reason for r in generic().rules}
    if result.source:
        reasons.update({r.name: r.reason for r in result.source.rules})
    reasons["menu-run"] = "A run of many short lines in a row with no blank between: a menu."
    reasons["duplicate"] = "Repeats an earlier paragraph word for word (a lead or teaser shown twice)."
    out = [f"# source: {result.source.id if result.source else 'none (generic rules only)'}",
           f"# title: {result.title}", f"# authors: {', '.join(a.name for a in result.authors) or '-'}",
           f"# date: {result.date}", ""]
    width = max(len(ln.reason) for ln in result.lines) if result.lines else 10
    used: dict[str, str] = {}
    for ln in result.lines:
        if ln.blank:
            continue
        mark = "KEEP" if ln.keep else "drop"
        out.append(f"{ln.no:5d} {mark} {ln.reason:<{width}} | {ln.text[:100]}")
        if not ln.keep:
            used[ln.reason] = reasons.get(ln.reason) or REASONS.get(ln.reason, "")
    out.append("")
    out.append("# why lines were dropped:")
    for name, why in sorted(used.items()):
        out.append(f"#   {name}: {why}")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Flagged:
    """A line of an essay that a generic rule calls boilerplate."""
    no: int                 # 1-based line number in the text
    rule: str
    reason: str
    text: str


def boilerplate_lines(text: str) -> list[Flagged]:
    """Lines of an essay's Markdown body that the generic rules would drop as noise,
    captions, related links or article endings (what `arsip check` reports)."""
    lines = split(text)
    classify(lines, None)
    out = []
    for ln in lines:
        rule = ln.rule
        if rule is None or rule.name == "menu-run" or ln.text.startswith("#"):
            continue
        if rule.effect in ("noise", "caption", "related") or rule.effect in ENDING_EFFECTS:
            out.append(Flagged(ln.no, rule.name, rule.reason, ln.text))
    return out
