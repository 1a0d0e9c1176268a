"""Would a learned defendant-role classifier generalise better than the rules? A
leave-one-split-out estimate.

    .venv/bin/python bench/extract/role_cv.py

For every case of the known splits the extractor runs as usual, and every person it
clusters whose role is a defendant or none (other roles come from role words and are not in
question) becomes one example: features of the person's mentions and their context, and the
label "is a defendant in the case's gold facts". A logistic regression (pure Python, no
numpy or sklearn: neither is installed) is trained on all splits but one and tested on that
one; a person is a defendant when the model's probability is at least 0.5. The script prints
the defendant-name F1 of the rules and of the model on each held-out split, and of the model
used only as a veto on the rules' defendants.

This is an experiment, not part of the extractor: it was run for round 7 and the model was
not kept (see RESULTS.md, round 7).
"""

from __future__ import annotations

import math
import random
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evaluate  # noqa: E402  (the cases and name matching of the evaluation)

from habeas.extract import pipeline  # noqa: E402
from habeas.extract.known import builtin_index  # noqa: E402
from habeas.extract.lexicon import patterns  # noqa: E402
from habeas.extract.model import Role  # noqa: E402

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _capture() -> Callable[[], dict[str, Any]]:
    """Wrap ``pipeline._known_context`` to keep the persons and sentences of the last run."""
    seen: dict[str, Any] = {}
    original = pipeline._known_context

    def spy(text, persons, sentences, by_sentence, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(text=text, persons=persons, sentences=sentences, by_sentence=by_sentence)
        seen["before"] = {id(p): p.role for p in persons}
        return original(text, persons, sentences, by_sentence, *args, **kwargs)

    pipeline._known_context = spy  # type: ignore[assignment]
    return lambda: seen


def _features(
    seen: dict[str, Any], person: Any, lang: str, published: date | None, n_defs: int
) -> list[float]:
    text: str = seen["text"]
    sentences = seen["sentences"]
    where = {id(m): i for i, g in enumerate(seen["by_sentence"]) for m in g}
    cues = patterns(lang).cues
    mentions = person.mentions
    cued = [m for m in mentions if m.defendant_cue or m.role_cue is Role.DEFENDANT]
    first = min(m.start for m in mentions)
    sent_ids = {where[id(m)] for m in mentions if id(m) in where}
    cue_sents = [text[slice(*sentences[where[id(m)]])] for m in cued if id(m) in where]
    old_year = any(
        published is not None and any(int(y) < published.year for y in _YEAR.findall(s))
        for s in cue_sents
    )
    full = [m for m in mentions if not m.lone]
    known = builtin_index().lookup(
        person.best.surname, [m.given for m in full if m.given], not full
    )
    verdict_near = any(cues["verdict"].search(s) for s in cue_sents)
    return [
        1.0,
        float(seen["before"].get(id(person)) is Role.DEFENDANT),  # the rules' role
        float(person.role is Role.DEFENDANT),  # after the known-case rule
        math.log1p(len(mentions)),
        math.log1p(len(cued)),
        float(bool(cued)),
        float(any(m.passing for m in mentions)),
        float(all(m.passing for m in cued) if cued else 0.0),
        float(any(m.relative for m in mentions)),
        float(any(m.kin_of for m in mentions)),
        float(any(m.speaker for m in mentions)),
        first / max(1, len(text)),
        float(0 in sent_ids),
        math.log1p(len(sent_ids)),
        float(old_year),
        float(known is not None),
        float(verdict_near),
        math.log1p(n_defs),
    ]


def collect() -> dict[str, list[tuple[list[float], int, bool, str, str]]]:
    """Per split: (features, label, rules' decision, case id, name) for every candidate."""
    get = _capture()
    out: dict[str, list[tuple[list[float], int, bool, str, str]]] = {}
    for split in evaluate.KNOWN_SPLITS:
        rows: list[tuple[list[float], int, bool, str, str]] = []
        for case in evaluate.load_cases(split):
            published = date.fromisoformat(case["published"]) if case.get("published") else None
            result = pipeline.extract_text(case["text"], published=published)
            seen = get()
            if "persons" not in seen:
                continue
            gold = [p["name"] for p in case.get("person", []) if p.get("role") == "defendant"]
            persons = [p for p in seen["persons"] if p.role in (None, Role.DEFENDANT)]
            n_defs = sum(1 for p in persons if p.role is Role.DEFENDANT)
            for p in persons:
                name = p.name()
                label = int(any(evaluate.same_name(g, name) for g in gold))
                x = _features(seen, p, result.lang, published, n_defs)
                rows.append((x, label, p.role is Role.DEFENDANT, case["id"], name))
            seen.clear()
        out[split] = rows
    return out


def train(rows: list[tuple[list[float], int]], epochs: int = 300, rate: float = 0.1) -> list[float]:
    """Logistic regression by batch gradient descent with a small L2 penalty."""
    w = [0.0] * len(rows[0][0])
    for _ in range(epochs):
        grad = [0.0] * len(w)
        for x, y in rows:
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x, strict=True))))
            for k, v in enumerate(x):
                grad[k] += (p - y) * v
        w = [wk - rate * (g / len(rows) + 0.001 * wk) for wk, g in zip(w, grad, strict=True)]
    return w


def _no_rules(x: list[float]) -> list[float]:
    """The features without the rules' two role decisions."""
    return [x[0], *x[3:]]


def prob(w: list[float], x: list[float]) -> float:
    return 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x, strict=True))))


def _key(gold: set[tuple[str, str]], case_id: str, name: str) -> tuple[str, str]:
    """A predicted name as (case, gold name it matches, else its own normalised form)."""
    match = next(
        (g for c, g in gold if c == case_id and evaluate.same_name(g, name)),
        evaluate.norm(name),
    )
    return (case_id, match)


def f1(pred: set[tuple[str, str]], gold: set[tuple[str, str]]) -> float:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    random.seed(0)
    data = collect()
    gold_by_split = {
        split: {
            (c["id"], evaluate.norm(p["name"]))
            for c in evaluate.load_cases(split)
            for p in c.get("person", [])
            if p.get("role") == "defendant"
        }
        for split in data
    }
    print(
        f"{'held out':<10}{'rules':>8}{'model':>8}{'veto':>8}{'context':>9}"
        "   (defendant-name F1; context: the model without the rules' two role features)"
    )
    for split, rows in data.items():
        train_rows = [(x, y) for s, r in data.items() if s != split for x, y, *_ in r]
        w = train(train_rows)
        w_ctx = train([(_no_rules(x), y) for x, y in train_rows])
        gold = gold_by_split[split]

        rules = {_key(gold, c, n) for x, y, d, c, n in rows if d}
        model = {_key(gold, c, n) for x, y, d, c, n in rows if prob(w, x) >= 0.5}
        veto = {_key(gold, c, n) for x, y, d, c, n in rows if d and prob(w, x) >= 0.5}
        ctx = {_key(gold, c, n) for x, y, d, c, n in rows if prob(w_ctx, _no_rules(x)) >= 0.5}
        print(
            f"{split:<10}{f1(rules, gold):8.3f}{f1(model, gold):8.3f}{f1(veto, gold):8.3f}"
            f"{f1(ctx, gold):9.3f}"
        )


if __name__ == "__main__":
    main()
