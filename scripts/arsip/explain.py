"""``arsip clean --explain``: every raw line, kept or dropped, and why."""
from __future__ import annotations

from .clean import REASONS, Cleaned
from .rules import generic


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
