"""Tests for habeas.extract: the seed article, each trap kind, formats, dates, robustness."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from habeas.extract import Role, extract_text, read_document
from habeas.extract.dates import resolve_weekday

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_c2d59bb06eccc941.txt"


def person(result, name):
    return next(p for p in result.persons if p.name == name)


def test_seed_article_kagarlitsky() -> None:
    assert SEED.exists(), (
        f"seed article missing: {SEED} (the suite runs with ../shared beside the repository)"
    )
    doc = read_document(SEED)
    result = extract_text(doc.text)
    assert result.lang == "en"
    kag = person(result, "Boris Kagarlitsky")
    assert kag.role is Role.DEFENDANT
    assert "205.2" in kag.articles
    assert kag.facility and "Torzhok" in kag.facility
    start, end = kag.name_span
    assert result.text[start:end] == "Boris Kagarlitsky"


def test_russian_verdict_with_judge_and_lawyer_in_oblique_cases() -> None:
    text = (
        "Ленинский районный суд Самары приговорил Глеба Ракитина к шести годам колонии "
        "общего режима по делу о «фейках» об армии. Приговор огласила судья Инна Белоглазова. "
        "Адвокат Тимур Хайруллин сообщил, что защита обжалует решение."
    )
    r = extract_text(text)
    d = person(r, "Глеб Ракитин")
    assert d.role is Role.DEFENDANT
    assert d.articles == ["207.3"]
    assert (d.sentence.years, d.sentence.regime) == (6, "general")
    assert d.court == "Ленинский районный суд Самары"
    assert d.judge == "Инна Белоглазова"
    assert person(r, "Инна Белоглазова").role is Role.JUDGE
    assert person(r, "Тимур Хайруллин").role is Role.LAWYER


def test_verdict_without_named_defendant_gives_no_defendant() -> None:
    text = (
        "A military court has jailed a 22-year-old man for 14 years for treason. "
        "His lawyer, Oleg Zimin, said they would appeal."
    )
    r = extract_text(text)
    assert not r.defendants()
    assert person(r, "Oleg Zimin").role is Role.LAWYER


def test_fine_only_and_admin_fine_is_not_criminal() -> None:
    r = extract_text(
        "Суд оштрафовал пенсионерку Валентину Крылову на 800 тысяч рублей по ст. 280.3 УК."
    )
    d = person(r, "Валентина Крылова")
    assert d.sentence.fine == 800_000 and d.sentence.years is None
    r = extract_text(
        "Жительницу Вологды Ксению Бурову оштрафовали на 30 тысяч рублей по административной "
        "статье о дискредитации армии."
    )
    assert all(p.sentence.fine is None and not p.articles for p in r.persons)


def test_suspended_sentence_and_probation_is_not_the_term() -> None:
    r = extract_text(
        "Дарью Онищенко приговорили к двум годам условно с испытательным сроком в три года."
    )
    d = person(r, "Дарья Онищенко")
    assert d.sentence.years == 2 and d.sentence.suspended


def test_in_absentia() -> None:
    r = extract_text(
        "Moscow's Basmanny District Court has sentenced journalist Arkady Vetlugin in absentia "
        "to eight years for spreading false information about the Russian army."
    )
    d = person(r, "Arkady Vetlugin")
    assert d.sentence.in_absentia and d.sentence.years == 8 and d.articles == ["207.3"]


def test_reduction_on_appeal_keeps_first_term_and_records_change() -> None:
    r = extract_text(
        "В декабре суд назначил Степану Куликову семь лет колонии строгого режима по статье о "
        "призывах к терроризму. Апелляция сократила срок до шести лет."
    )
    d = person(r, "Степан Куликов")
    assert d.sentence.years == 7
    assert [(c.kind.value, c.years) for c in d.changes] == [("reduced_on_appeal", 6)]


def test_several_defendants_each_get_their_own_term() -> None:
    r = extract_text(
        "The Southern District Military Court sentenced Rustam Gareev to 12 years in a "
        "strict-regime colony and Ildar Nasibullin to nine years for participation in a "
        "terrorist organisation."
    )
    assert person(r, "Rustam Gareev").sentence.years == 12
    assert person(r, "Ildar Nasibullin").sentence.years == 9


def test_name_misspelt_once_is_one_person() -> None:
    r = extract_text(
        "Artist Alyona Zvyagintseva was sentenced to five years. Zvyagintseva, 29, spoke in "
        "court. Supporters of Zvyagintsova gathered outside."
    )
    assert [p.name for p in r.defendants()] == ["Alyona Zvyagintseva"]
    assert len(r.defendants()[0].spans["name"]) == 3


def test_prosecutor_request_is_not_the_sentence() -> None:
    r = extract_text(
        "Прокурор Антон Лещенко запросил для блогера Виталия Сухова девять лет. "
        "Суд приговорил Сухова к семи годам колонии общего режима."
    )
    assert person(r, "Виталий Сухов").sentence.years == 7
    assert person(r, "Антон Лещенко").role is Role.OFFICIAL


def test_relative_dates_resolve_against_publication() -> None:
    published = date(2024, 3, 1)  # a Friday
    assert resolve_weekday(1, published) == date(2024, 2, 27)
    r = extract_text(
        "On Tuesday the Moscow City Court upheld the sentence of Anatoly Zorin, jailed for "
        "six years for spreading fakes about the army.",
        published=published,
    )
    d = person(r, "Anatoly Zorin")
    assert d.dates["appeal"] == date(2024, 2, 27)
    r = extract_text(
        "Вчера в Екатеринбурге задержали учителя Бориса Гладышева.", published=published
    )
    assert person(r, "Борис Гладышев").dates["detained"] == date(2024, 2, 29)


def test_html_input_spans_point_into_plain_text() -> None:
    html = (
        "<html><head><title>Verdict</title><style>p{}</style></head><body><h1>Verdict</h1>"
        "<p>A court in Samara sentenced <b>Gleb Rakitin</b> to six years.</p></body></html>"
    )
    r = extract_text(html)
    d = person(r, "Gleb Rakitin")
    assert r.text[d.name_span[0] : d.name_span[1]] == "Gleb Rakitin"
    assert "<" not in r.text


def test_markdown_input_and_read_document(tmp_path: Path) -> None:
    md = "# Приговор\n\nСуд приговорил **Ивана Петрова** к [шести годам](https://x) колонии.\n"
    path = tmp_path / "news.md"
    path.write_text(md, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "markdown" and doc.title == "Приговор"
    r = extract_text(doc.text)
    d = person(r, "Иван Петров")
    assert r.text[d.name_span[0] : d.name_span[1]] == "Ивана Петрова"
    assert d.sentence.years == 6


def test_to_dict_shape() -> None:
    r = extract_text("Суд приговорил Ивана Петрова к 6 годам колонии общего режима.")
    p = r.to_dict()["persons"][0]
    assert set(p) >= {"name", "name_span", "role", "articles", "sentence", "court", "judge",
                      "facility", "dates", "spans"}  # fmt: skip
    assert set(p["sentence"]) == {"years", "months", "regime", "in_absentia", "suspended", "fine"}
    assert set(p["dates"]) == {"detained", "verdict", "appeal"}


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["auto", "ru", "en"]))
def test_never_crashes_on_arbitrary_text(text: str, lang: str) -> None:
    result = extract_text(text, lang=lang, published=date(2024, 1, 5))
    for p in result.persons:
        s, e = p.name_span
        assert 0 <= s < e <= len(result.text)
