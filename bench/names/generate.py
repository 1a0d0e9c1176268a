"""Generate the synthetic labelled name-pair benchmark (``pairs.csv``).

Names are synthetic combinations of common surnames, given names and patronymics (no real
people).  Positives: transliterations under every scheme, the six case forms, typos,
initials, swapped order, missing patronymics.  Hard negatives: relatives sharing a surname,
father and son, the same surname and given name with another patronymic, the other gender,
common given name + patronymic with a similar surname — each also across scripts.

Run: ``.venv/bin/python bench/names/generate.py`` (deterministic, seed 20261126).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from habeas.names.inflect import CASES, case_forms
from habeas.names.transliterate import SCHEMES, transliterate
from habeas.vocabulary import Gender

OUT = Path(__file__).with_name("pairs.csv")
SEED = 20261126

# Masculine nominative surnames; feminine forms are derived.
SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Миронов",
    "Крылов",
    "Куликов",
    "Карпов",
    "Власов",
    "Мельников",
    "Денисов",
    "Гаврилов",
    "Тихонов",
    "Казаков",
    "Афанасьев",
    "Данилов",
    "Савельев",
    "Тимофеев",
    "Фомин",
    "Чернов",
    "Абрамов",
    "Мартынов",
    "Ефимов",
    "Федотов",
    "Щербаков",
    "Назаров",
    "Калинин",
    "Исаев",
    "Чернышёв",
    "Быков",
    "Маслов",
    "Родионов",
    "Коновалов",
    "Лазарев",
    "Воронин",
    "Климов",
    "Филатов",
    "Пономарёв",
    "Голубев",
    "Кудрявцев",
    "Прохоров",
    "Наумов",
    "Потапов",
    "Журавлёв",
    "Овчинников",
    "Трофимов",
    "Леонов",
    "Соболев",
    "Ермаков",
    "Колесников",
    "Гончаров",
    "Емельянов",
    "Никифоров",
    "Грачёв",
    "Котов",
    "Гришин",
    "Ефремов",
    "Архипов",
    "Громов",
    "Кириллов",
    "Малышев",
    "Панов",
    "Моисеев",
    "Румянцев",
    "Акимов",
    "Кондратьев",
    "Бирюков",
    "Горбунов",
    "Анисимов",
    "Ерёмин",
    "Тихомиров",
    "Галкин",
    "Лукьянов",
    "Михеев",
    "Скворцов",
    "Юдин",
    "Белоусов",
    "Нестеров",
    "Симонов",
    "Прокофьев",
    "Харитонов",
    "Князев",
    "Цветков",
    "Левин",
    "Митрофанов",
    "Воронов",
    "Аксёнов",
    "Софронов",
    "Мальцев",
    "Логинов",
    "Горшков",
    "Савин",
    "Краснов",
    "Майоров",
    "Демидов",
    "Елисеев",
    "Рыбаков",
    "Сафонов",
    "Плотников",
    "Дёмин",
    "Хохлов",
    "Жданов",
    "Рябов",
    "Шубин",
    "Шестаков",
    "Кагарлицкий",
    "Ходорковский",
    "Жириновский",
    "Вишневский",
    "Ковальский",
    "Островский",
    "Покровский",
    "Рождественский",
    "Троицкий",
    "Успенский",
    "Белинский",
    "Соловецкий",
    "Добровольский",
    "Шевчук",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Мельник",
    "Лысенко",
    "Марченко",
    "Гоголадзе",
    "Кипиани",
    "Беридзе",
    "Пашинян",
    "Саркисян",
    "Авакян",
    "Мамедов",
    "Алиев",
    "Гасанов",
    "Абдуллаев",
    "Юсупов",
    "Рахимов",
    "Каримов",
    "Ахмедов",
    "Назарбаев",
    "Сапаров",
    "Бекмуратов",
    "Кадыров",
    "Гаджиев",
    "Магомедов",
    "Хасанов",
    "Шарипов",
    "Кара-Мурза",
    "Салтыков-Щедрин",
    "Петров-Водкин",
    "Бестужев-Рюмин",
    "Черных",
    "Седых",
    "Толстой",
    "Навальный",
    "Крайний",
]

MALE = [
    "Александр",
    "Алексей",
    "Анатолий",
    "Андрей",
    "Антон",
    "Аркадий",
    "Арсений",
    "Артём",
    "Борис",
    "Вадим",
    "Валентин",
    "Валерий",
    "Василий",
    "Виктор",
    "Виталий",
    "Владимир",
    "Владислав",
    "Вячеслав",
    "Геннадий",
    "Георгий",
    "Глеб",
    "Григорий",
    "Даниил",
    "Денис",
    "Дмитрий",
    "Евгений",
    "Егор",
    "Иван",
    "Игорь",
    "Илья",
    "Кирилл",
    "Константин",
    "Лев",
    "Леонид",
    "Максим",
    "Михаил",
    "Никита",
    "Николай",
    "Олег",
    "Павел",
    "Пётр",
    "Роман",
    "Руслан",
    "Семён",
    "Сергей",
    "Станислав",
    "Степан",
    "Тимофей",
    "Тимур",
    "Фёдор",
    "Эдуард",
    "Юрий",
    "Яков",
    "Ярослав",
    "Рустам",
    "Ильдар",
    "Азат",
    "Магомед",
    "Тагир",
    "Айдар",
    "Алишер",
]

FEMALE = [
    "Александра",
    "Анастасия",
    "Анна",
    "Алла",
    "Валентина",
    "Валерия",
    "Вера",
    "Виктория",
    "Галина",
    "Дарья",
    "Евгения",
    "Екатерина",
    "Елена",
    "Елизавета",
    "Зоя",
    "Ирина",
    "Ксения",
    "Людмила",
    "Любовь",
    "Марина",
    "Мария",
    "Наталья",
    "Надежда",
    "Ольга",
    "Светлана",
    "София",
    "Татьяна",
    "Юлия",
    "Яна",
    "Гульнара",
    "Зарема",
]

# father's given name → (patronymic masculine stem, feminine)
PATRONYMICS = {
    "Александр": ("Александрович", "Александровна"), "Алексей": ("Алексеевич", "Алексеевна"),
    "Анатолий": ("Анатольевич", "Анатольевна"), "Андрей": ("Андреевич", "Андреевна"),
    "Борис": ("Борисович", "Борисовна"), "Валерий": ("Валерьевич", "Валерьевна"),
    "Василий": ("Васильевич", "Васильевна"), "Виктор": ("Викторович", "Викторовна"),
    "Владимир": ("Владимирович", "Владимировна"), "Геннадий": ("Геннадьевич", "Геннадьевна"),
    "Григорий": ("Григорьевич", "Григорьевна"), "Дмитрий": ("Дмитриевич", "Дмитриевна"),
    "Евгений": ("Евгеньевич", "Евгеньевна"), "Иван": ("Иванович", "Ивановна"),
    "Игорь": ("Игоревич", "Игоревна"), "Илья": ("Ильич", "Ильинична"),
    "Константин": ("Константинович", "Константиновна"), "Лев": ("Львович", "Львовна"),
    "Михаил": ("Михайлович", "Михайловна"), "Никита": ("Никитич", "Никитична"),
    "Николай": ("Николаевич", "Николаевна"), "Олег": ("Олегович", "Олеговна"),
    "Павел": ("Павлович", "Павловна"), "Пётр": ("Петрович", "Петровна"),
    "Сергей": ("Сергеевич", "Сергеевна"), "Юрий": ("Юрьевич", "Юрьевна"),
    "Юлий": ("Юльевич", "Юльевна"), "Яков": ("Яковлевич", "Яковлевна"),
    "Фёдор": ("Фёдорович", "Фёдоровна"), "Степан": ("Степанович", "Степановна"),
    "Рустам": ("Рустамович", "Рустамовна"), "Тимур": ("Тимурович", "Тимуровна"),
}  # fmt: skip
PARTICLE_FATHERS = ["Гасан", "Рашид", "Эльдар", "Бекмурат", "Ильхам", "Самед"]
INDECL = ("ко", "дзе", "ани", "ян", "ук", "ых", "их", "ник", "за", "ин-")


def feminine(surname: str) -> str:
    """Feminine form of a masculine nominative surname (unchanged when indeclinable)."""
    parts = surname.split("-")
    out = []
    for p in parts:
        if p.endswith(("ов", "ев", "ёв", "ин", "ын")):
            out.append(p + "а")
        elif p.endswith(("ский", "цкий")) or p.endswith("ный") or p.endswith("ой"):
            out.append(p[:-2] + "ая")
        elif p.endswith("ний"):
            out.append(p[:-2] + "яя")
        else:
            out.append(p)
    return "-".join(out)


def person(rng: random.Random, gender: Gender | None = None) -> dict[str, object]:
    """A random synthetic person: surname, given, patronymic, gender, father's name."""
    g = gender or (Gender.MALE if rng.random() < 0.7 else Gender.FEMALE)
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.06:
        father = rng.choice(PARTICLE_FATHERS)
        patr = f"{father} {'оглы' if g is Gender.MALE else 'кызы'}"
    else:
        father = rng.choice(list(PATRONYMICS))
        patr = PATRONYMICS[father][0 if g is Gender.MALE else 1]
    return {
        "surname": surname if g is Gender.MALE else feminine(surname),
        "given": rng.choice(MALE if g is Gender.MALE else FEMALE),
        "patronymic": patr,
        "gender": g,
        "father": father,
    }


def full(p: dict[str, object]) -> str:
    """Registry form: «Surname Given Patronymic»."""
    return f"{p['surname']} {p['given']} {p['patronymic']}"


_RU_ALPHABET = "абвгдежзиклмнопрстуфхцчшщыэюя"


def typo(rng: random.Random, word: str) -> str:
    """One realistic slip in a word of five letters or more: swap, drop, double, replace."""
    if len(word) < 5 or " " in word:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double", "replace"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    letters = (
        _RU_ALPHABET if any("а" <= c <= "я" for c in word.lower()) else "abcdefghiklmnoprstuvyz"
    )
    return word[:i] + rng.choice(letters) + word[i + 1 :]


def inflect_full(p: dict[str, object], case: str) -> str:
    """The registry name put into one of the six cases."""
    g = p["gender"]
    s = case_forms(str(p["surname"]).split("-")[-1], "surname", g)[case]  # type: ignore[arg-type]
    head = "-".join(str(p["surname"]).split("-")[:-1])
    s = f"{head}-{s}" if head else s
    gv = case_forms(str(p["given"]), "given", g)[case]  # type: ignore[arg-type]
    pw = str(p["patronymic"]).split(" ")
    pt = case_forms(pw[0], "patronymic", g)[case] if len(pw) == 1 else str(p["patronymic"])  # type: ignore[arg-type]
    return f"{s} {gv} {pt}"


def latin(p: dict[str, object], scheme: str, rng: random.Random) -> str:
    """The person's name under a scheme, in a random order and style."""
    s, g, pt = (transliterate(str(p[k]), scheme) for k in ("surname", "given", "patronymic"))
    style = rng.choice(["GS", "SG", "SGP", "GPS", "UPPER", "COMMA"])
    if style == "GS":
        return f"{g} {s}"
    if style == "SG":
        return f"{s} {g}"
    if style == "SGP":
        return f"{s} {g} {pt}"
    if style == "GPS":
        return f"{g} {pt} {s}"
    if style == "UPPER":
        return f"{s.upper()} {g.upper()}"
    return f"{s}, {g}"


def positives(rng: random.Random, n: int) -> list[tuple[str, str, int, str]]:
    """``n`` positive pairs of the kinds listed in the module docstring."""
    out: list[tuple[str, str, int, str]] = []
    kinds = (
        ["scheme"] * 6
        + ["case"] * 3
        + ["typo"] * 2
        + ["initials", "swapped", "no_patronymic", "scheme_typo", "case_scheme"]
    )
    while len(out) < n:
        p = person(rng)
        a = full(p)
        kind = rng.choice(kinds)
        if kind == "scheme":
            scheme = rng.choice(SCHEMES)
            out.append((a, latin(p, scheme, rng), 1, f"scheme:{scheme}"))
        elif kind == "case":
            case = rng.choice(CASES)
            out.append((a, inflect_full(p, case), 1, f"case:{case}"))
        elif kind == "case_scheme":
            case = rng.choice(CASES)
            scheme = rng.choice(SCHEMES)
            out.append((inflect_full(p, case), latin(p, scheme, rng), 1, "case+scheme"))
        elif kind == "typo":
            part = rng.choice(["surname", "given", "patronymic"])
            q = dict(p)
            q[part] = typo(rng, str(p[part]))
            out.append((a, full(q), 1, f"typo:{part}"))
        elif kind == "scheme_typo":
            scheme = rng.choice(SCHEMES)
            s = typo(rng, transliterate(str(p["surname"]), scheme))
            out.append((a, f"{transliterate(str(p['given']), scheme)} {s}", 1, "typo:latin"))
        elif kind == "initials":
            g0, p0 = str(p["given"])[0], str(p["patronymic"])[0]
            if rng.random() < 0.5:
                out.append((a, f"{p['surname']} {g0}.{p0}.", 1, "initials"))
            else:
                scheme = rng.choice(["passport_1997", "bgn_pcgn", "icao_9303"])
                tg = transliterate(str(p["given"]), scheme)
                gi = tg[:2] if tg[:2] in ("Yu", "Ya", "Zh", "Kh", "Iu", "Ia") else tg[0]
                tp = transliterate(str(p["patronymic"]), scheme)
                pi = tp[:2] if tp[:2] in ("Yu", "Ya", "Zh", "Kh", "Iu", "Ia") else tp[0]
                out.append(
                    (
                        a,
                        f"{transliterate(str(p['surname']), scheme)} {gi}. {pi}.",
                        1,
                        "initials:latin",
                    )
                )
        elif kind == "swapped":
            out.append((a, f"{p['given']} {p['patronymic']} {p['surname']}", 1, "swapped"))
        else:
            out.append((a, f"{p['surname']} {p['given']}", 1, "no_patronymic"))
    return out


def _similar_surname(rng: random.Random, surname: str, gender: Gender) -> str | None:
    from rapidfuzz.distance import Levenshtein

    base = [s for s in SURNAMES if s != surname and feminine(s) != surname]
    close = [s for s in base if Levenshtein.distance(s, surname) <= 2]
    if not close:
        return None
    s = rng.choice(close)
    return s if gender is Gender.MALE else feminine(s)


def negatives(rng: random.Random, n: int) -> list[tuple[str, str, int, str]]:
    """``n`` hard negative pairs (see the module docstring)."""
    out: list[tuple[str, str, int, str]] = []
    kinds = [
        "relative",
        "father_son",
        "other_patronymic",
        "other_gender",
        "common_name",
        "similar_surname",
    ]
    while len(out) < n:
        p = person(rng, Gender.MALE if rng.random() < 0.7 else Gender.FEMALE)
        kind = rng.choice(kinds)
        q = dict(p)
        if kind == "relative":
            pool = MALE if p["gender"] is Gender.MALE else FEMALE
            q["given"] = rng.choice([x for x in pool if x != p["given"]])
        elif kind == "father_son":
            if p["gender"] is not Gender.MALE or " " in str(p["patronymic"]):
                continue
            father = str(p["father"])
            son_given = rng.choice([x for x in PATRONYMICS if x != father])
            if str(p["given"]) not in PATRONYMICS:
                continue
            q["given"] = father
            q["patronymic"] = rng.choice(
                [PATRONYMICS[x][0] for x in PATRONYMICS if x != str(p["given"])]
            )
            p = dict(p)
            p["patronymic"] = PATRONYMICS[father][0]
            p["given"] = son_given
            q["patronymic"] = PATRONYMICS[str(rng.choice(list(PATRONYMICS)))][0]
            if q["patronymic"] == p["patronymic"]:
                continue
        elif kind == "other_patronymic":
            g = 0 if p["gender"] is Gender.MALE else 1
            q["patronymic"] = rng.choice(
                [v[g] for v in PATRONYMICS.values() if v[g] != p["patronymic"]]
            )
        elif kind == "other_gender":
            pairs = [
                ("Александр", "Александра"),
                ("Евгений", "Евгения"),
                ("Валентин", "Валентина"),
                ("Юлий", "Юлия"),
            ]
            m, f = rng.choice(pairs)
            base = rng.choice(SURNAMES)
            father = rng.choice(list(PATRONYMICS))
            p = {
                "surname": base,
                "given": m,
                "patronymic": PATRONYMICS[father][0],
                "gender": Gender.MALE,
            }
            q = {
                "surname": feminine(base),
                "given": f,
                "patronymic": PATRONYMICS[father][1],
                "gender": Gender.FEMALE,
            }
        elif kind == "common_name":
            q["surname"] = rng.choice([s for s in SURNAMES[:40] if s != p["surname"]])
            if p["gender"] is Gender.FEMALE:
                q["surname"] = feminine(str(q["surname"]))
        else:
            s = _similar_surname(rng, str(p["surname"]), p["gender"])  # type: ignore[arg-type]
            if s is None:
                continue
            q["surname"] = s
        if full(p) == full(q):
            continue
        if rng.random() < 0.5:
            scheme = rng.choice(SCHEMES)
            out.append(
                (
                    full(p),
                    latin(q, scheme, rng)
                    if kind not in ("other_patronymic", "father_son")
                    else " ".join(
                        transliterate(str(q[k]), scheme) for k in ("surname", "given", "patronymic")
                    ),
                    0,
                    f"{kind}+scheme",
                )
            )
        else:
            out.append((full(p), full(q), 0, kind))
    return out


def main() -> None:
    """Write ``pairs.csv`` with 6,000 positives and 6,000 hard negatives."""
    rng = random.Random(SEED)
    rows = positives(rng, 6000) + negatives(rng, 6000)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["a", "b", "label", "kind"])
        w.writerows(rows)
    print(f"wrote {len(rows)} pairs to {OUT}")


if __name__ == "__main__":
    main()
