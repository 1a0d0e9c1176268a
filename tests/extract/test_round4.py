"""The round-4 rules, each on an invented text (not taken from the evaluation cases).

Expected values are written by hand from reading the text as a documenter would.
"""

from __future__ import annotations

from datetime import date

import pytest

from habeas.extract import Role, extract_text
from habeas.extract.articles import find_offence_names
from habeas.extract.dates import classify_dates
from habeas.extract.terms import find_terms
from tests.extract.helpers import person


def names(result, role=Role.DEFENDANT):
    return sorted(p.name for p in result.persons if p.role is role)


def articles(text: str, lang: str = "en") -> list[str]:
    return sorted({f.value for f in find_offence_names(text, lang)})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fined for offending the religious feelings of believers", ["148"]),
        ("was accused of insulting believers in a video", ["148"]),
        ("charged with illegally crossing the state border", ["322"]),
        ("convicted of illegal border crossing", ["322"]),
        ("for crossing the border illegally near Pskov", ["322"]),
        ('for "repeatedly discrediting" the army', ["280.3"]),
        ('for spreading "fakes" about the army and "discrediting" it', ["207.3", "280.3"]),
        ("for spreading false information about Russia's armed forces", ["207.3"]),
        ("for spreading fake news about the coronavirus", ["207.1"]),
        (
            'for taking part in the activity of a banned "extremist organisation"',
            ["282.2"],
        ),
        ("for continuing the activities of a banned religious organisation", ["282.2"]),
        ("for desecrating the state flag", ["329"]),
        ("for calls to violate Russia's territorial integrity", ["280.1"]),
        ("for inciting ethnic hatred", ["282"]),
        ("for incitement to hatred", ["282"]),
        ("for assisting sabotage on the railway", ["281.1"]),
        ("for sabotage on the railway", ["281"]),
        ("for mercenary activity in Syria", ["359"]),
        ("for disclosure of state secrets", ["283"]),
        ("for desecrating symbols of Russia's military glory", ["354.1"]),
        ("for illegal possession of firearms", ["222"]),
        ("for illegal storage of explosives", ["222.1"]),
        ("for an act of international terrorism", ["361"]),
        ("for organising a terrorist community", ["205.4"]),
    ],
)
def test_english_offence_wordings(text: str, expected: list[str]) -> None:
    assert articles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("за незаконное пересечение государственной границы", ["322"]),
        ("за надругательство над государственным флагом", ["329"]),
        ("по «дадинской статье»", ["212.1"]),
        ("за то, что он оскорбил чувства верующих", ["148"]),
        ("за продолжение деятельности запрещённой религиозной организации", ["282.2"]),
        ("за призывы к нарушению территориальной целостности России", ["280.1"]),
        ("за наёмничество", ["359"]),
        ("за разглашение государственной тайны", ["283"]),
    ],
)
def test_russian_offence_wordings(text: str, expected: list[str]) -> None:
    assert articles(text, "ru") == expected


def test_feelings_of_veterans_is_not_insulting_believers() -> None:
    assert articles("за то, что он оскорбил чувства ветеранов", "ru") == []


def test_offences_in_a_sentence_about_cases_in_general_are_nobodys() -> None:
    r = extract_text(
        "The Kirovsky District Court on Tuesday sentenced Arseny Polyakov to four years in a "
        "general-regime colony for vandalism. Human rights lawyers say cases of this kind have "
        "grown since Russia criminalised espionage by private persons.",
        lang="en",
        published=date(2026, 3, 5),
    )
    assert person(r, "Arseny Polyakov").articles == ["214"]


def test_an_organisation_is_not_a_person() -> None:
    r = extract_text(
        "The court sentenced Gleb Tikhonov, a lecturer at the Southern Polar University, to "
        "three years in a general-regime colony for justifying terrorism.",
        lang="en",
    )
    assert names(r) == ["Gleb Tikhonov"]


def test_a_pronoun_after_the_only_name_makes_a_defendant() -> None:
    r = extract_text(
        "A student from Ufa has been fined 300,000 roubles for justifying terrorism, the court "
        "said. Timur Galeev, 20, posted a comment under a news video. He was charged after a "
        "complaint by a classmate.",
        lang="en",
    )
    p = person(r, "Timur Galeev")
    assert p.role is Role.DEFENDANT
    assert p.articles == ["205.2"]
    assert p.sentence.fine == 300000


def test_respectively_with_three_terms_in_russian() -> None:
    r = extract_text(
        "Суд приговорил Тимура Ахмедова, Дарью Сомову и Игоря Ланина к восьми, шести и пяти с "
        "половиной годам колонии общего режима соответственно.",
        lang="ru",
    )
    got = {p.name: (p.sentence.years, p.sentence.months) for p in r.persons}
    assert got == {
        "Тимур Ахмедов": (8, None),
        "Дарья Сомова": (6, None),
        "Игорь Ланин": (5, 6),
    }


def test_respectively_with_the_names_in_the_next_sentence() -> None:
    r = extract_text(
        "A military court in Rostov sentenced three students to 12, 10 and 7 years "
        "respectively for arson. Pavel Kuznetsov, Artyom Lebedev and Denis Mironov were found "
        "guilty of sabotage.",
        lang="en",
    )
    got = {p.name: p.sentence.years for p in r.persons}
    assert got == {"Pavel Kuznetsov": 12, "Artyom Lebedev": 10, "Denis Mironov": 7}


def test_the_first_years_in_prison_are_not_the_term() -> None:
    r = extract_text(
        "A court sentenced a former miner to fourteen years for treason. The court ordered "
        "Viktor Sedov, 52, to serve the first two years of his term in a prison and the "
        "remainder in a strict-regime penal colony.",
        lang="en",
    )
    p = person(r, "Viktor Sedov")
    assert (p.sentence.years, p.sentence.regime) == (14, "strict")


def test_a_term_raised_on_appeal_keeps_the_first_term() -> None:
    text = "Областной суд ужесточил ему приговор: срок увеличен с трёх до пяти лет колонии."
    facts = find_terms(text, 0, len(text), "ru")
    terms = [f.value.years for f in facts if f.kind == "term"]
    changes = [(f.value.kind.value, f.value.years) for f in facts if f.kind == "change"]
    assert terms == [3]
    assert changes == [("increased_on_appeal", 5)]


def test_an_increase_asked_for_is_no_change() -> None:
    text = "The prosecutor asked the court to increase the sentence, and the appeal failed."
    facts = find_terms(text, 0, len(text), "en")
    assert not [f for f in facts if f.kind == "change"]


def test_an_administrative_fine_in_a_sentence_that_says_criminal() -> None:
    r = extract_text(
        "A court fined Olga Rudneva 100,000 roubles for repeatedly discrediting the army. She "
        "had been fined 15,000 roubles under the administrative code before, which made the "
        "next post a criminal offence.",
        lang="en",
    )
    assert person(r, "Olga Rudneva").sentence.fine == 100000


def test_lawyer_of_the_convict_in_the_nominative() -> None:
    r = extract_text(
        "Суд приговорил жителя Брянска к 14 годам колонии. Адвокат осуждённого Марина Кречет "
        "сообщила, что приговор обжалуют.",
        lang="ru",
    )
    assert person(r, "Марина Кречет").role is Role.LAWYER


def test_official_with_the_agency_after_the_title() -> None:
    r = extract_text(
        "Следователь областного управления ФСБ Игорь Журов заявил, что Павел Седых приговорён "
        "к 12 годам колонии.",
        lang="ru",
    )
    assert person(r, "Игорь Журов").role is Role.OFFICIAL
    assert names(r) == ["Павел Седых"]


def test_witness_before_the_verb() -> None:
    r = extract_text(
        "Суд приговорил Илью Смолина к трём годам колонии. Главным свидетелем обвинения "
        "выступил сторож парка Антон Рябов.",
        lang="ru",
    )
    assert person(r, "Антон Рябов").role is Role.WITNESS


def test_testimony_of_makes_a_witness() -> None:
    r = extract_text(
        "The court sentenced Ivan Belov to five years. The case rested on the testimony of "
        "Nina Orlova, a former colleague.",
        lang="en",
    )
    assert person(r, "Nina Orlova").role is Role.WITNESS


def test_last_week_dates() -> None:
    published = date(2026, 4, 16)  # a Thursday
    text = "Суд на прошлой неделе в среду приговорил его к трём годам."
    facts = classify_dates(text, 0, len(text), "ru", published)
    assert [f.value for f in facts] == [("verdict", date(2026, 4, 8))]
    text = "The verdict was handed down last week, on Tuesday."
    facts = classify_dates(text, 0, len(text), "en", published)
    assert [f.value for f in facts] == [("verdict", date(2026, 4, 7))]


def test_a_weekday_followed_by_its_date_gives_the_date() -> None:
    text = "Суд в четверг, 3 сентября, приговорил его к году колонии."
    facts = classify_dates(text, 0, len(text), "ru", date(2026, 9, 10))
    assert [f.value for f in facts] == [("verdict", date(2026, 9, 3))]


def test_a_date_without_year_after_a_full_date_takes_its_year() -> None:
    text = (
        "He threw a bottle at the office on the night of 2 March 2024. He was detained on 5 March."
    )
    start = text.index("He was")
    facts = classify_dates(text, start, len(text), "en", date(2026, 6, 1))
    assert [f.value for f in facts] == [("detained", date(2024, 3, 5))]


def test_a_vague_court_gives_its_town_to_the_named_court() -> None:
    r = extract_text(
        "A court in Tambov on Monday sentenced a 20-year-old man to two years. The Oktyabrsky "
        "District Court found Yegor Zimin guilty of vandalism.",
        lang="en",
    )
    assert person(r, "Yegor Zimin").court == "Oktyabrsky District Court (Tambov)"


def test_facilities_keep_their_region() -> None:
    from habeas.extract.institutions import find_facilities

    text = "She was moved to IK-5 in the village of Sosnovka, Mordovia, in May."
    assert [f.value for f in find_facilities(text, "en")] == [
        "IK-5 in the village of Sosnovka, Mordovia"
    ]
    text = "Она отбывает срок в колонии-поселении № 3 под Курском."
    assert [f.value for f in find_facilities(text, "ru")] == ["колонии-поселении № 3 под Курском"]


def test_found_guilty_with_the_name_between_is_a_verdict() -> None:
    r = extract_text(
        "Областной суд в пятницу смягчил приговор Инге Сорокиной. В мае Кировский районный суд "
        "Томска признал Сорокину виновной и назначил ей пять лет колонии.",
        lang="ru",
    )
    assert person(r, "Инга Сорокина").court == "Кировский районный суд Томска"


def test_a_misspelt_client_after_a_role_noun_is_no_lawyer() -> None:
    r = extract_text(
        "Суд приговорил Кирилла Заболоцкого к трём годам колонии. Адвокат Заболотского заявил, "
        "что обжалует приговор.",
        lang="ru",
    )
    assert names(r) == ["Кирилл Заболоцкий"]
    assert names(r, Role.LAWYER) == []


def test_upheld_asked_for_is_no_change() -> None:
    text = "The prosecution had asked for the original sentence to be upheld."
    facts = find_terms(text, 0, len(text), "en")
    assert not [f for f in facts if f.kind == "change"]


def test_ordered_to_pay_a_fine_is_a_verdict() -> None:
    text = "The court yesterday ordered Anna Lvova to pay a fine of 80,000 roubles."
    facts = classify_dates(text, 0, len(text), "en", date(2026, 2, 5))
    assert [f.value for f in facts] == [("verdict", date(2026, 2, 4))]


def test_offence_needles_are_letters_every_match_contains() -> None:
    from habeas.extract.lexicon import _needle, patterns

    assert _needle(r"discredit\w*\s+(?:of\s+)?the\s+army") == "discredit"
    assert _needle(r"(?:insult|offend)\w*\s+believers") == "believers"
    assert _needle(r"(?:a|b)") == ""
    # the needle never hides a match: every offence match contains its needle
    text = (
        "He was convicted of justifying terrorism, spreading fakes about the army, treason and "
        "«оправдание терроризма», «фейки об армии», госизмену."
    )
    for lang in ("ru", "en"):
        for offence in patterns(lang).offences:
            for m in offence.pattern.finditer(text):
                assert offence.needle in m.group().lower()
