"""Train the article-attachment model of ``habeas.extract.attachment`` on the evaluation set.

Every (defendant, article) pair of the rules' output (``extract_text(review=False)``) whose
defendant matches an expected defendant is an example: positive when the article is among
that defendant's expected articles. The model is a logistic regression with a light L2
penalty, fitted by Newton's method in pure Python (19 features, a few thousand examples), so
the result is the same on every machine. It does not see whether the rules attached the
pair: its features describe only where the article and the person are named.

    python bench/extract/train_attachment.py                    # train on the known splits
    python bench/extract/train_attachment.py --hold heldout38 heldout39 --check
                                                                # train without some splits
                                                                # and show what the model
                                                                # would drop in them
    python bench/extract/train_attachment.py --write            # store the trained model
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from evaluate import KNOWN_SPLITS, load_cases, same_name  # noqa: E402

from habeas.extract import extract_text  # noqa: E402
from habeas.extract.attachment import MODEL_PATH, ArticleModel, candidate_pairs  # noqa: E402

Example = tuple[str, str, str, bool, dict[str, float], bool]


def examples(splits: list[str]) -> list[Example]:
    """(case id, person, article, attached by the rules, features, expected) per pair the
    review may score (not those the rules attached by reference)."""
    out: list[Example] = []
    for split in splits:
        for case in load_cases(split):
            published = date.fromisoformat(case["published"]) if case.get("published") else None
            result = extract_text(case["text"], published=published, review=False)
            expected = [p for p in case.get("person", []) if p.get("role") == "defendant"]
            for pair in candidate_pairs(result):
                if pair.by_reference:
                    continue  # never reviewed
                gold = next((e for e in expected if same_name(e["name"], pair.person.name)), None)
                if gold is None:
                    continue
                label = pair.article in gold.get("articles", [])
                out.append(
                    (
                        case["id"],
                        pair.person.name,
                        pair.article,
                        pair.attached,
                        pair.features,
                        label,
                    )
                )
    return out


def fit(data: list[Example], l2: float = 0.01, rounds: int = 25) -> tuple[list[float], float]:
    """Logistic regression weights and bias by Newton's method (L2 on the weights only)."""
    names = list(data[0][4])
    rows = [[1.0, *(ex[4][k] for k in names)] for ex in data]
    labels = [1.0 if ex[5] else 0.0 for ex in data]
    n, d = len(rows), len(names) + 1
    beta = [0.0] * d
    for _ in range(rounds):
        grad = [l2 * n * b if i else 0.0 for i, b in enumerate(beta)]
        hess = [[(l2 * n if i == j and i else 0.0) for j in range(d)] for i in range(d)]
        for x, y in zip(rows, labels, strict=True):
            p = 1.0 / (
                1.0
                + math.exp(-max(-30.0, min(30.0, sum(b * v for b, v in zip(beta, x, strict=True)))))
            )
            w = p * (1.0 - p)
            for i in range(d):
                grad[i] += (p - y) * x[i]
                if x[i]:
                    row = hess[i]
                    for j in range(d):
                        row[j] += w * x[i] * x[j]
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return beta[1:], beta[0]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a·x = b (Gaussian elimination with partial pivoting; a is small and dense)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col]:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def check(model: ArticleModel, data: list[Example]) -> None:
    """Print what the model would drop among the rules' pairs, and the count it gets right."""
    kept_true = kept_false = dropped_true = dropped_false = 0
    for case_id, person, article, attached, features, label in data:
        if not attached:
            continue
        p = model.probability(features)
        if p >= model.threshold:
            kept_true += label
            kept_false += not label
        else:
            dropped_true += label
            dropped_false += not label
            verdict = "an error of the rules" if not label else "a correct article"
            print(f"  drop {case_id} {person} {article} (p={p:.2f}): {verdict}")
    print(
        f"rules' pairs: kept {kept_true} right and {kept_false} wrong; "
        f"dropped {dropped_false} wrong and {dropped_true} right"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hold", nargs="*", default=[], help="splits left out of training")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--check", action="store_true", help="show the drops in --hold")
    parser.add_argument("--write", action="store_true", help=f"store the model ({MODEL_PATH})")
    args = parser.parse_args(argv)
    train_splits = [s for s in KNOWN_SPLITS if s not in args.hold]
    data = examples(train_splits)
    weights, bias = fit(data, args.l2)
    names = list(data[0][4])
    model = ArticleModel(tuple(names), tuple(weights), bias, args.threshold)
    print(f"{len(data)} pairs from {len(train_splits)} splits, {sum(e[5] for e in data)} positive")
    for name, w in zip(names, weights, strict=True):
        print(f"  {name:<30}{w:+.3f}")
    print(f"  {'bias':<30}{bias:+.3f}")
    print("training splits:")
    check(model, data)
    if args.check and args.hold:
        print("held-out splits:")
        check(model, examples(args.hold))
    if args.write:
        MODEL_PATH.write_text(json.dumps(_stored(model, train_splits, data, args), indent=1) + "\n")
        print(f"written {MODEL_PATH}")
    return 0


def _stored(
    model: ArticleModel, splits: list[str], data: list[Example], args: argparse.Namespace
) -> dict[str, Any]:
    return {
        "about": (
            "Logistic model of habeas.extract.attachment: the probability that an article the "
            "rules attached to a defendant is theirs. Trained by bench/extract/train_attachment.py "
            "on the annotated texts of bench/extract/cases."
        ),
        "trained_on": {
            "splits": splits,
            "pairs": len(data),
            "positive": sum(e[5] for e in data),
            "l2": args.l2,
            "command": "python bench/extract/train_attachment.py --write",
        },
        "threshold": model.threshold,
        "bias": round(model.bias, 6),
        "weights": {k: round(w, 6) for k, w in zip(model.features, model.weights, strict=True)},
    }


if __name__ == "__main__":
    raise SystemExit(main())
