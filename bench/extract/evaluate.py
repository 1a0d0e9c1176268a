"""Evaluate ``habeas.extract`` on the hand-written cases and measure its speed.

Usage (from the repository root):

    .venv/bin/python bench/extract/evaluate.py [--split dev|heldout|…|heldout41|all|each]
        [--speed] [--show ID|errors]

``heldout`` … ``heldout41`` were each held out once, scored once, and are development sets
now (``KNOWN_SPLITS``); ``all``, ``each`` and ``--speed`` read the known splits and nothing
else, so a later held-out set (named in ``UNSEEN_SPLITS`` while it is written) is read only
when named, and only once its files are put in ``cases/``.

Prints precision, recall and F1 per field, per split, and (with ``--speed``) texts per
second on ~500-word texts built from the cases, using one process per core.

A predicted person is paired with an expected one by a lenient name match (a case ending or a
letter apart), and the pair's facts (articles, term, …) are compared. ``defendant_name`` asks
more: the name as written must be the expected one (order, case, «ё» and a patronymic on one
side aside), so «Евгения Тарасова» for «Евгений Тарасов» is a wrong name. ``defendant_found``
counts the lenient pairs, as ``defendant_name`` did up to round 15.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import tomllib
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from habeas.extract import extract_text

CASES = Path(__file__).parent / "cases"
FIELDS = [
    "defendant_name", "defendant_found", "other_roles", "articles", "term", "regime", "fine", "suspended",
    "in_absentia", "court", "judge", "facility", "detained", "verdict", "appeal", "changes",
]  # fmt: skip


# The splits the rules have been developed on. ``all`` and the speed benchmark read only
# these: any other set of cases (a new held-out set) is read only when named, so that nobody
# working on the rules sees its texts or errors by accident.
KNOWN_SPLITS = (
    "dev",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
    "heldout20",
    "heldout21",
    "heldout22",
    "heldout23",
    "heldout24",
    "heldout25",
    "heldout26",
    "heldout27",
    "heldout28",
    "heldout29",
    "heldout30",
    "heldout31",
    "heldout32",
    "heldout33",
    "heldout34",
    "heldout35",
    "heldout36",
    "heldout37",
    "heldout38",
    "heldout39",
    "heldout40",
    "heldout41",
    "heldout42",
    "heldout43",
    "heldout44",
    "heldout45",
    "heldout46",
    "heldout47",
    "heldout48",
    "heldout49",
)
#: Held-out sets not yet used to change the rules: read only when named, never by ``all``.
UNSEEN_SPLITS: tuple[str, ...] = ()


def load_cases(split: str) -> list[dict[str, Any]]:
    """Cases from ``cases/<split>_*.toml`` (``all`` = the ``KNOWN_SPLITS``)."""
    out = []
    for path in sorted(CASES.glob("*.toml")):
        stem = path.stem.rsplit("_", 1)[0]
        if (split == "all" and stem not in KNOWN_SPLITS) or (split != "all" and stem != split):
            continue
        for case in tomllib.loads(path.read_text("utf-8"))["case"]:
            case["split"] = path.stem
            out.append(case)
    return out


def norm(name: str) -> str:
    return " ".join(sorted(re.sub(r"[^\w. ]", " ", name.lower().replace("ё", "е")).split()))


def same_name(a: str, b: str) -> bool:
    """The lenient match that pairs a predicted person with an expected one (a case ending
    or one letter apart, or a patronymic on one side only), so that their other facts are
    compared."""
    return exact_name(a, b) or fuzz.token_sort_ratio(norm(a), norm(b)) >= 90


# A patronymic («Андреевич», «Ринатовна», "Sergeyevich"): the sets write it for some names and
# not others, so a name with it and the same name without it are the same name.
_PATRONYMIC = re.compile(r"(?:ич|вна|ична|ich|vna|ichna)$")


def exact_name(expected: str, predicted: str) -> bool:
    """The name as a documenter would enter it: the same words (order, case and ё aside),
    or the same words but for a patronymic on one side. A case ending, a gender or a letter
    off is a wrong name («Евгения Тарасова» for «Евгений Тарасов»)."""
    a, b = set(norm(expected).split()), set(norm(predicted).split())
    if a == b:
        return True
    extra = a ^ b
    return (
        (a < b or b < a)
        and len(a & b) >= 2
        and len(extra) == 1
        and bool(_PATRONYMIC.search(extra.pop()))
    )


def keys(text: str | None) -> set[str]:
    """Significant tokens, cut to 4 letters (so «Торжке» ~ «Торжок»)."""
    if not text:
        return set()
    words = re.findall(r"[\w-]+", text.lower().replace("ё", "е"))
    return {w[:4] for w in words if len(w) >= 3 or any(c.isdigit() for c in w)}


def covers(expected: str, predicted: str | None) -> bool:
    return bool(predicted) and keys(expected) <= keys(predicted)


def tuples(persons: list[dict[str, Any]], case_id: str) -> dict[str, set[tuple[Any, ...]]]:
    """Field → set of facts, each keyed by case and (canonical) person name."""
    out: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for p in persons:
        name, role = p["name"], p.get("role")
        k = (case_id, norm(name))
        if role == "defendant":
            out["defendant_found"].add(k)
            written = p.get("written", name)
            out["defendant_name"].add(k if exact_name(name, written) else (case_id, norm(written)))
        elif role:
            out["other_roles"].add((*k, role))
        if role != "defendant":
            continue
        for art in p.get("articles", []):
            out["articles"].add((*k, art))
        years, months = p.get("years"), p.get("months")
        if years or months:
            out["term"].add((*k, years or 0, months or 0))
        for f in ("regime", "fine"):
            if p.get(f):
                out[f].add((*k, p[f]))
        for f in ("suspended", "in_absentia"):
            if p.get(f):
                out[f].add(k)
        for f in ("court", "judge", "facility"):
            if p.get(f):
                out[f].add((*k, p[f]))
        for f in ("detained", "verdict", "appeal"):
            if p.get(f):
                out[f].add((*k, p[f]))
        for c in p.get("changes", []):
            out["changes"].add((*k, c))
    return out


def flatten(result: dict[str, Any], expected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Predicted persons in the expected layout, named as the expected person they match."""
    out = []
    for p in result["persons"]:
        match = next((e["name"] for e in expected if same_name(e["name"], p["name"])), p["name"])
        s = p["sentence"]
        out.append(
            {
                "name": match, "written": p["name"], "role": p["role"], "articles": p["articles"],
                "years": s["years"], "months": s["months"], "regime": s["regime"],
                "fine": s["fine"], "suspended": s["suspended"], "in_absentia": s["in_absentia"],
                "court": p["court"], "judge": p["judge"], "facility": p["facility"],
                **p["dates"], "changes": [c["kind"] for c in p["changes"]],
            }
        )  # fmt: skip
    return out


def score(
    pred: set[tuple[Any, ...]], gold: set[tuple[Any, ...]], field: str
) -> tuple[int, int, int]:
    """True positives, predicted, gold; courts, judges and facilities match by key words."""
    if field in ("court", "facility", "judge"):
        tp = 0
        used: set[tuple[Any, ...]] = set()
        for g in gold:
            hit = next(
                (p for p in pred if p[:2] == g[:2] and p not in used and
                 (covers(g[2], p[2]) if field != "judge" else same_name(g[2], p[2]))),
                None,
            )  # fmt: skip
            if hit:
                used.add(hit)
                tp += 1
        return tp, len(pred), len(gold)
    return len(pred & gold), len(pred), len(gold)


def evaluate(
    cases: list[dict[str, Any]], show: str | None = None
) -> dict[str, tuple[int, int, int]]:
    totals: dict[str, list[int]] = {f: [0, 0, 0] for f in FIELDS}
    for case in cases:
        published = date.fromisoformat(case["published"]) if case.get("published") else None
        result = extract_text(case["text"], published=published).to_dict()
        expected = case.get("person", [])
        gold = tuples(expected, case["id"])
        pred = tuples(flatten(result, expected), case["id"])
        for f in FIELDS:
            tp, np_, ng = score(pred[f], gold[f], f)
            for i, v in enumerate((tp, np_, ng)):
                totals[f][i] += v
            if show in (case["id"], "errors") and (tp != np_ or tp != ng):
                print(
                    f"{case['id']} {f}: predicted {sorted(pred[f], key=str)} expected {sorted(gold[f], key=str)}"
                )
    return {f: (t[0], t[1], t[2]) for f, t in totals.items()}


def report(title: str, totals: dict[str, tuple[int, int, int]]) -> None:
    print(f"\n{title}\n{'field':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}")
    for f, (tp, np_, ng) in totals.items():
        p = tp / np_ if np_ else 1.0
        r = tp / ng if ng else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{f:<16}{p:7.3f}{r:7.3f}{f1:7.3f}{tp:6d}{np_:6d}{ng:6d}")


def _work(texts: list[str]) -> tuple[int, float]:
    """Extract from ``texts``; the count and the CPU seconds this process spent."""
    cpu = time.process_time()
    for t in texts:
        extract_text(t)
    return len(texts), time.process_time() - cpu


def speed(cases: list[dict[str, Any]], n_texts: int = 400, workers: int = 2) -> None:
    """Texts/s on ~500-word texts (cases of one language joined), ``workers`` processes."""
    pools: dict[str, list[str]] = defaultdict(list)
    for c in cases:
        pools["ru" if re.search("[а-я]", c["text"]) else "en"].append(c["text"].strip())
    texts: list[str] = []
    i = 0
    while len(texts) < n_texts:
        pool = pools[("ru", "en")[len(texts) % 2]]
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < 500:
            parts.append(pool[i % len(pool)])
            i += 1
        texts.append("\n\n".join(parts))
    words = sum(len(t.split()) for t in texts) / len(texts)
    chunks = [texts[k::workers] for k in range(workers)]
    with ProcessPoolExecutor(workers) as ex:
        list(ex.map(_work, [c[:5] for c in chunks]))  # warm up: load dictionaries
        t0 = time.perf_counter()
        results = list(ex.map(_work, chunks))
        elapsed = time.perf_counter() - t0
    done = sum(n for n, _ in results)
    cpu = max(c for _, c in results)  # the slower worker's CPU time
    load = os.getloadavg()[0]
    print(f"\nspeed: {done} texts of {words:.0f} words on average, {workers} processes, "
          f"{elapsed:.2f} s wall -> {done / elapsed:.1f} texts/s; CPU time of the slower "
          f"worker {cpu:.2f} s -> {done / cpu:.1f} texts/s on {workers} free cores "
          f"({os.cpu_count()} CPUs, load average {load:.1f})")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--split",
        default="each",
        choices=[*KNOWN_SPLITS, *UNSEEN_SPLITS, "all", "each"],
        help="each (default): the known splits (dev, heldout, heldout2 … heldout11) one by "
        "one; all: those together; an unseen split only when named",
    )
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--show", help="print mismatches for one case id, or 'errors' for all")
    args = ap.parse_args(argv)
    splits = list(KNOWN_SPLITS) if args.split == "each" else [args.split]
    for split in splits:
        cases = load_cases(split)
        if not cases:
            continue
        for lang in ("ru", "en"):
            sub = [c for c in cases if f"-{lang}-" in c["id"]]
            report(f"{split} / {lang}: {len(sub)} cases", evaluate(sub, args.show))
        report(f"{split} / all: {len(cases)} cases", evaluate(cases))
    if args.speed:
        speed(load_cases("all"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
