"""Weighing the metadata candidates: a small multinomial logistic model.

For each field (title, authors, date) a candidate's score is the weighted sum of its
features; "none of them" has a score of its own. A softmax over the page's
candidates and "none" gives each a probability: the most probable is chosen, and
its probability is the field's confidence. The weights are data
(``clean/data/weights.yml``), fitted on the development set of real pages by
``make train`` (scripts/train_metadata.py); the same file says below which
confidence a field is flagged for a curator to confirm.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..yamlio import load_yaml
from .candidates import Candidate

FIELDS = ("title", "authors", "date")


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    none: float                   # the score of choosing no candidate
    flag_below: float             # confidence under which a choice is flagged


@dataclass
class Choice:
    """The chosen candidate (None: no candidate), its confidence, the runner-up."""
    field: str
    chosen: Candidate | None
    confidence: float
    runner_up: Candidate | None
    none_probability: float
    flag_below: float

    @property
    def flagged(self) -> bool:
        return self.confidence < self.flag_below


@lru_cache(maxsize=1)
def models() -> dict[str, Model]:
    path = Path(str(resources.files("arsip.clean") / "data" / "weights.yml"))
    data = load_yaml(path.read_text(encoding="utf-8"), path)
    return {f: Model({k: float(v) for k, v in data[f]["weights"].items()}, float(data[f]["none"]),
                     float(data[f]["flag_below"])) for f in FIELDS}


def score(candidate: Candidate, model: Model) -> float:
    w = model.weights
    return w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in candidate.features.items() if v)


def value_key(candidate: Candidate):
    """Candidates that give the same answer (a headline printed twice, a byline and a
    sign-off naming the same writer) share their probability."""
    if candidate.field == "authors":
        return tuple(sorted(" ".join(a.name.split()).casefold() for a in candidate.value))
    if candidate.field == "date":
        return candidate.value.iso
    return " ".join(str(candidate.value).split()).casefold()


def choose(field: str, candidates: list[Candidate], model: Model | None = None) -> Choice:
    """The answer with the highest probability (its candidates' probabilities summed),
    or none; the confidence is that probability."""
    model = model or models()[field]
    scores = [score(c, model) for c in candidates]
    top = max([model.none, *scores])
    exps = [math.exp(s - top) for s in scores]
    none_exp = math.exp(model.none - top)
    total = sum(exps) + none_exp
    answers: dict = {}
    for c, s, e in zip(candidates, scores, exps):
        c.score, c.probability = s, e / total
        answers.setdefault(value_key(c), []).append(c)
    ranked = sorted(answers.values(), key=lambda cs: -sum(c.probability for c in cs))
    none_p = none_exp / total

    def best_of(cs):
        return max(cs, key=lambda c: c.probability)

    top_p = sum(c.probability for c in ranked[0]) if ranked else 0.0
    if not ranked or top_p <= none_p:
        return Choice(field, None, none_p, best_of(ranked[0]) if ranked else None, none_p, model.flag_below)
    runner = best_of(ranked[1]) if len(ranked) > 1 else None
    return Choice(field, best_of(ranked[0]), top_p, runner, none_p, model.flag_below)
