"""A second look at which defendant each article belongs to, by a trained model.

The rules of ``pipeline`` attach an article to the defendants of the sentence it is read in,
or to those in focus. On text they were not written from, about one article in twenty-five
that they attach belongs to someone else: a paragraph about an unnamed person after a named
one, a charge told of another defendant in a round-up, an offence named inside the
description of a post. Those errors have a shape that the rules' own sentence-by-sentence view
does not see: the article is never read in a sentence or paragraph naming the person, another
defendant is nearer, the person already has a numbered charge and this one is only a word.

``review_articles`` scores every (defendant, article) pair the rules made with a logistic
model over such features and drops the pairs it scores below its threshold. The weights are
data (``data/article_attachment.json``), trained by ``bench/extract/train_attachment.py`` on
the annotated evaluation texts; the model never adds an article.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from razdel import sentenize

from habeas.extract.articles import find_articles
from habeas.extract.facts import Fact
from habeas.extract.model import ExtractionResult, PersonCandidate, Role, Span

MODEL_PATH = Path(__file__).parent / "data" / "article_attachment.json"
_DIGIT = re.compile(r"\d")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class ArticleModel:
    """A logistic model over named features: ``P(keep) = σ(bias + Σ weight·feature)``."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """The model's probability that the pair with these features is a true attachment."""
        z = self.bias + sum(
            w * features[k] for k, w in zip(self.features, self.weights, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> ArticleModel:
    """The model stored at ``path`` (the shipped one by default)."""
    data = json.loads(path.read_text("utf-8"))
    weights = data["weights"]
    return ArticleModel(
        features=tuple(weights),
        weights=tuple(float(v) for v in weights.values()),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )


@dataclass(frozen=True)
class ArticlePair:
    """One defendant and one article found in the text, with the pair's features.

    ``by_reference``: the rules gave the person this article through words that name no
    article ("convicted of the same two charges", «по тем же статьям»), which the features
    cannot see; such a pair is not reviewed.
    """

    person: PersonCandidate
    article: str
    attached: bool
    features: dict[str, float]
    by_reference: bool = False


class _Layout:
    """Sentence and paragraph numbers of positions in a text."""

    def __init__(self, text: str) -> None:
        self.sentence_starts: list[int] = []
        for line in re.finditer(r"[^\n]+", text):
            self.sentence_starts.extend(line.start() + s.start for s in sentenize(line.group()))
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]

    def sentence(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def paragraph(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, pos) - 1)


def candidate_pairs(
    result: ExtractionResult, facts: Sequence[Fact] | None = None
) -> list[ArticlePair]:
    """Every defendant paired with every article read in the text or attached to them;
    ``facts`` are the text's article facts when already read (``find_articles``)."""
    text = result.text
    mentions: dict[str, list[Span]] = {}
    for fact in find_articles(text, result.lang) if facts is None else facts:
        mentions.setdefault(fact.value, []).append(fact.span)
    layout = _Layout(text)
    defendants = result.defendants()
    others = [p for p in result.persons if p.role is not Role.DEFENDANT]
    read = {span for spans in mentions.values() for span in spans}
    pairs = []
    for person in defendants:
        referred = any(span not in read for span in person.spans.get("article", []))
        for article in sorted(set(mentions) | set(person.articles)):
            spans = mentions.get(article) or person.spans.get("article", [])[:1] or [(0, 0)]
            features = _features(
                text, layout, person, article, spans, defendants, others, len(mentions)
            )
            attached = article in person.articles
            pairs.append(ArticlePair(person, article, attached, features, attached and referred))
    return pairs


def review_articles(result: ExtractionResult, model: ArticleModel | None = None) -> None:
    """Drop from each defendant the attached articles the model scores below its threshold
    (in place; the evidence spans read only for a dropped article go with it)."""
    model = model or load_model()
    facts = find_articles(result.text, result.lang)
    pairs = [p for p in candidate_pairs(result, facts) if p.attached]
    for pair in pairs:
        if pair.by_reference or model.probability(pair.features) >= model.threshold:
            continue
        person = pair.person
        person.articles.remove(pair.article)
        kept = {p.article for p in pairs if p.person is person and p.article in person.articles}
        _drop_spans(facts, person, pair.article, kept)


def _drop_spans(
    facts: Sequence[Fact], person: PersonCandidate, article: str, kept: set[str]
) -> None:
    """Remove the article spans of ``person`` that read ``article`` and no kept article."""
    values: dict[Span, set[str]] = {}
    for fact in facts:
        values.setdefault(fact.span, set()).add(fact.value)
    spans = person.spans.get("article", [])
    person.spans["article"] = [
        s for s in spans if article not in values.get(s, set()) or values[s] & kept
    ]
    if not person.spans["article"]:
        del person.spans["article"]


def _features(
    text: str,
    layout: _Layout,
    person: PersonCandidate,
    article: str,
    spans: Sequence[Span],
    defendants: Sequence[PersonCandidate],
    others: Sequence[PersonCandidate],
    n_articles: int,
) -> dict[str, float]:
    """The features of one (defendant, article) pair; ``spans`` are where the article is read."""
    names = person.spans.get("name", [person.name_span])
    rivals = [p for p in defendants if p is not person]
    own = {layout.sentence(s) for s, _ in names}
    own_paragraphs = {layout.paragraph(s) for s, _ in names}
    rival_sentences = {layout.sentence(s) for p in rivals for s, _ in p.spans.get("name", [])}
    other_sentences = {layout.sentence(s) for p in others for s, _ in p.spans.get("name", [])}
    at = [layout.sentence(s) for s, _ in spans]
    at_paragraphs = [layout.paragraph(s) for s, _ in spans]
    nearest = [_nearest_before(defendants, s) for s, _ in spans]
    numbered = any(_DIGIT.search(text[s:e]) for s, e in spans)
    attached = set(person.spans.get("article", []))
    other_numbered = any(_DIGIT.search(text[s:e]) for s, e in attached if (s, e) not in set(spans))
    first_name = min(s for s, _ in names)
    distance = min(abs(a - b) for a in at for b in own) if own else 9
    return {
        "same_sentence": float(any(i in own for i in at)),
        "same_paragraph": float(any(i in own_paragraphs for i in at_paragraphs)),
        "only_rival_sentences": float(all(i in rival_sentences and i not in own for i in at)),
        "some_rival_sentence": float(any(i in rival_sentences and i not in own for i in at)),
        "only_non_defendant_sentences": float(
            all(i in other_sentences and i not in own and i not in rival_sentences for i in at)
        ),
        "nobody_named": float(
            all(i not in own and i not in rival_sentences and i not in other_sentences for i in at)
        ),
        "one_defendant": float(len(defendants) == 1),
        "log_defendants": math.log(len(defendants)),
        "log_sentence_distance": math.log1p(distance),
        "nearest_is_person": float(any(p is person for p in nearest)),
        "nearest_is_rival": float(all(p is not None and p is not person for p in nearest)),
        "numbered": float(numbered),
        "words_beside_numbered": float(not numbered and other_numbered),
        "log_mentions": math.log(len(spans)),
        "before_first_name": float(all(e <= first_name for _, e in spans)),
        "log_articles_in_text": math.log1p(n_articles),
        "log_attached": math.log1p(len(person.articles)),
        "rival_has_it": float(any(article in p.articles for p in rivals)),
        "other_paragraphs": float(all(i not in own_paragraphs for i in at_paragraphs)),
    }


def _nearest_before(defendants: Sequence[PersonCandidate], pos: int) -> PersonCandidate | None:
    """The defendant whose name ends closest before ``pos``."""
    best: tuple[int, PersonCandidate] | None = None
    for person in defendants:
        for _, end in person.spans.get("name", []):
            if end <= pos and (best is None or end > best[0]):
                best = (end, person)
    return best[1] if best else None
