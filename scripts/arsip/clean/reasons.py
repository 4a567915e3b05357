"""Why lines are dropped: ``arsip clean --explain`` (every raw line, kept or dropped,
with its rule) and the boilerplate lines ``arsip check`` finds in an essay body."""
from __future__ import annotations

from dataclasses import dataclass

from .cleaner import REASONS, Cleaned
from .lines import classify, split
from .rules import ENDING_EFFECTS, generic
from .scoring import models


def explain(result: Cleaned) -> str:
    reasons = {r.name: r.reason for r in generic().rules}
    if result.source:
        reasons.update({r.name: r.reason for r in result.source.rules})
    reasons["menu-run"] = "A run of many short lines in a row with no blank between: a menu."
    reasons["duplicate"] = "Repeats an earlier paragraph word for word (a lead or teaser shown twice)."
    out = [f"# source: {result.source.id if result.source else 'none (generic rules only)'}",
           f"# title: {result.title}", f"# authors: {', '.join(a.name for a in result.authors) or '-'}",
           f"# date: {result.date}"]
    for field, choice in result.choices.items():
        out.extend(_choice(field, choice))
    out.append("")
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


def _shown(candidate) -> str:
    value = candidate.value
    if candidate.field == "authors":
        return "; ".join(a.name + (f" ({a.affiliation})" if a.affiliation else "") for a in value)
    return value.iso if candidate.field == "date" else str(value)


def _choice(field: str, choice) -> list[str]:
    """The chosen candidate and the runner-up, with scores and the features that weighed most."""
    weights = models()[field].weights
    flag = "  REVIEW: below the flag" if choice.flagged else ""
    out = [f"# {field}: confidence {choice.confidence:.2f}{flag}"]
    for label, cand in (("chosen", choice.chosen), ("runner-up", choice.runner_up)):
        if cand is None:
            if label == "chosen":
                out.append(f"#   chosen: none of the candidates (p {choice.none_probability:.2f})")
            continue
        parts = sorted(((weights.get(k, 0.0) * v, k) for k, v in cand.features.items() if v),
                       key=lambda t: -abs(t[0]))[:4]
        why = ", ".join(f"{k} {w:+.2f}" for w, k in parts)
        out.append(f"#   {label}: line {cand.lines[0] + 1}, score {cand.score:.2f}, p {cand.probability:.2f}: "
                   f"{_shown(cand)[:70]!r} [{why}]")
    if choice.chosen is not None:
        out.append(f"#   none: p {choice.none_probability:.2f}")
    return out


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
        if rule.effect in ("noise", "caption", "related", "summary") or rule.effect in ENDING_EFFECTS:
            out.append(Flagged(ln.no, rule.name, rule.reason, ln.text))
    return out
