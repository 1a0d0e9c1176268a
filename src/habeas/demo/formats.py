"""How each partner list spells, omits and writes its rows, and its mapping file."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import tomli_w

from .data import regions
from .interchange import article_ru, birth_iso, sentence_code, sentence_en, sentence_ru
from .model import PartnerList
from .noise import typo, yo_to_e
from .translit import latin
from .xlsx import write_xlsx

# chances, per row, of each imperfection
MEMORIAL_RATES = {"yo": 0.6, "typo_surname": 0.03, "typo_given": 0.01, "typo_patronymic": 0.02,
                  "no_patronymic": 0.04, "birth_year": 0.08, "no_birth": 0.06, "no_articles": 0.02,
                  "drop_companion": 0.1, "no_region": 0.05, "no_facility": 0.05, "no_gender": 0.03}  # fmt: skip
OVD_RATES = {"patronymic": 0.4, "birth_year": 0.1, "no_birth": 0.15, "no_articles": 0.05,
             "drop_companion": 0.2, "no_region": 0.1, "no_facility": 0.15, "no_gender": 0.05,
             "typo": 0.02, "other_spellings": 0.35, "cyrillic_alias": 0.25}  # fmt: skip
REGIONAL_RATES = {"yo": 0.8, "typo_surname": 0.08, "typo_given": 0.03, "typo_patronymic": 0.04,
                  "no_patronymic": 0.2, "initials": 0.02, "birth_year": 0.5, "no_birth": 0.2,
                  "no_articles": 0.15, "drop_companion": 0.3, "no_region": 0.1,
                  "no_facility": 0.3, "no_gender": 0.4, "no_sentence": 0.3}  # fmt: skip

MEMORIAL_NAME_COL = "ФИО"
MEMORIAL_COLUMNS = {
    "№": "source_id", "ФИО": "name", "Пол": "gender", "Дата рождения": "birth_date",
    "Регион": "region", "Статьи УК РФ": "articles", "Срок": "sentence", "Режим": "regime",
    "Учреждение": "facility", "Адрес для писем": "facility_address", "Статус": "status",
    "Дата задержания": "detained_on", "Дата приговора": "verdict_on",
    "Дата освобождения": "released_on", "Признан политзаключённым": "recognized_by",
    "Примечание": "notes",
}  # fmt: skip
STATUS_RU = {
    "pretrial_detention": ("под стражей", "под стражей"),
    "house_arrest": ("под домашним арестом", "под домашним арестом"),
    "imprisoned": ("отбывает наказание", "отбывает наказание"),
    "released": ("освобождён", "освобождена"),
    "exchanged": ("освобождён по обмену", "освобождена по обмену"),
    "abroad": ("уехал из России", "уехала из России"),
    "died": ("умер", "умерла"),
}
REGIME_RU = {"general": "общий", "strict": "строгий", "special": "особый", "prison": "тюрьма",
             "settlement": "колония-поселение", "educational": "воспитательная колония"}  # fmt: skip
RECOGNIZED_RU = {"Memorial": "Мемориал", "OVD-Info": "ОВД-Инфо"}

OVD_SHEET = "Prisoners"
OVD_COLUMNS = {
    "ID": "source_id", "Full name (Latin)": "name", "Other spellings": "aliases", "Sex": "gender",
    "DOB": "birth_date", "Region": "region", "Charges": "articles", "Term": "sentence",
    "Regime": "regime", "Prison": "facility", "Status": "status", "Arrested": "detained_on",
    "Sentenced": "verdict_on", "Released": "released_on", "Recognized by": "recognized_by",
    "Source": "source_url", "Comment": "",
}  # fmt: skip
STATUS_EN = {"pretrial_detention": "Pre-trial detention", "house_arrest": "House arrest",
             "imprisoned": "In prison", "released": "Released", "exchanged": "Freed in exchange",
             "abroad": "Left Russia", "died": "Died in custody"}  # fmt: skip
REGIME_EN = {"general": "General regime colony", "strict": "Strict regime colony",
             "special": "Special regime colony", "prison": "Prison",
             "settlement": "Colony-settlement", "educational": "Juvenile colony"}  # fmt: skip
SCHEME_WEIGHTS = {"icao": 30, "bgn": 20, "mvd": 15, "wikipedia": 30, "german": 5}


def _articles(v: Any, rng: random.Random, rates: dict[str, float]) -> list[str]:
    arts = v.person.articles
    # drawn for everyone, so the other persons' lists stay as they were; the public case
    # keeps its article in every list (its page should never say "no charges recorded")
    if rng.random() < rates["no_articles"] and not v.person.public_case:
        return []
    if len(arts) > 1 and rng.random() < rates["drop_companion"]:
        return arts[:1]
    return arts


def _birth(v: Any, rng: random.Random, rates: dict[str, float], day_fmt: str) -> str:
    u = rng.random()
    if u < rates["no_birth"]:
        return ""
    if v.person.birth_precision != "day" or u < rates["no_birth"] + rates["birth_year"]:
        return str(v.birth_date.year)
    return v.birth_date.strftime(day_fmt)


def cyrillic_name(v: Any, rng: random.Random, rates: dict[str, float]) -> str:
    """The person's Cyrillic name as a careless list writes it (the public case as is)."""
    p = v.person
    s, g, pt = p.surname, p.given, p.patronymic
    if p.public_case:
        return p.full_name
    if rng.random() < rates["yo"]:
        s, g, pt = yo_to_e(s), yo_to_e(g), yo_to_e(pt)
    if rng.random() < rates["typo_surname"]:
        s = typo(s, rng)
    if rng.random() < rates["typo_given"]:
        g = typo(g, rng)
    if pt and rng.random() < rates["typo_patronymic"]:
        first, _, rest = pt.partition(" ")
        pt = " ".join(x for x in (typo(first, rng), rest) if x)
    if rng.random() < rates["no_patronymic"]:
        pt = ""
    if rng.random() < rates.get("initials", 0.0):
        return f"{s} {g[0]}." + (f"{pt[0]}." if pt else "")
    return " ".join(x for x in (s, g, pt) if x)


def _d(d: Any) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def memorial_row(v: Any, sid: str, rng: random.Random) -> dict[str, str]:
    """One row of the Memorial CSV."""
    p, r = v.person, MEMORIAL_RATES
    female = p.gender == "female"
    status = STATUS_RU[v.status][female]
    if rng.random() < 0.3:
        status = yo_to_e(status)
    notes = v.notes
    if v.punishment == "suspended":
        notes = f"{sentence_ru(v.sentence_months)} условно"
    fac = None if rng.random() < r["no_facility"] else v.facility
    return {
        "№": sid,
        "ФИО": cyrillic_name(v, rng, r),
        "Пол": "" if rng.random() < r["no_gender"] else ("ж" if female else "м"),
        "Дата рождения": _birth(v, rng, r, "%d.%m.%Y"),
        "Регион": "" if rng.random() < r["no_region"] else (p.region or ""),
        "Статьи УК РФ": "; ".join(article_ru(a) for a in _articles(v, rng, r)),
        "Срок": sentence_ru(v.sentence_months) if v.punishment == "custody" else "",
        "Режим": REGIME_RU.get(v.regime or "", ""),
        "Учреждение": fac.name if fac else "",
        "Адрес для писем": fac.address
        if fac and v.status in ("imprisoned", "pretrial_detention")
        else "",
        "Статус": status,
        "Дата задержания": _d(p.detained_on),
        "Дата приговора": _d(v.verdict_on),
        "Дата освобождения": _d(v.released_on),
        "Признан политзаключённым": ", ".join(RECOGNIZED_RU[o] for o in p.recognized_by),
        "Примечание": notes,
    }


def write_memorial(rows: list[dict[str, str]], out_dir: Path) -> PartnerList:
    """Write memorial_ru.csv (cp1251, ``;``) and its mapping."""
    path = out_dir / "memorial_ru.csv"
    with path.open("w", encoding="cp1251", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(MEMORIAL_COLUMNS), delimiter=";")
        w.writeheader()
        w.writerows(rows)
    statuses = {}
    for code, forms in STATUS_RU.items():
        for form in forms:
            statuses[form] = statuses[yo_to_e(form)] = code
    rec = {
        "Мемориал": "Memorial",
        "ОВД-Инфо": "OVD-Info",
        "Мемориал, ОВД-Инфо": "Memorial|OVD-Info",
    }
    mapping = {
        "options": {
            "header_row": 1,
            "delimiter": ";",
            "encoding": "cp1251",
            "date_formats": ["%d.%m.%Y"],
        },
        "columns": MEMORIAL_COLUMNS,
        "values": {
            "status": statuses,
            "regime": {ru: code for code, ru in REGIME_RU.items()},
            "gender": {"м": "male", "ж": "female"},
            "recognized_by": rec,
        },
    }
    mpath = out_dir / "memorial_ru.mapping.toml"
    mpath.write_text(
        _toml_header("Memorial (Russian CSV)") + tomli_w.dumps(mapping), encoding="utf-8"
    )
    return PartnerList(path, "Memorial", mpath, "csv", len(rows))


def _latin_name(v: Any, rng: random.Random) -> tuple[str, str]:
    p, r = v.person, OVD_RATES
    scheme = rng.choices(list(SCHEME_WEIGHTS), list(SCHEME_WEIGHTS.values()))[0]
    if p.public_case and scheme != "german":
        scheme = "wikipedia"
    s, g = latin(p.surname, scheme), latin(p.given, scheme)
    pt = latin(p.patronymic, scheme) if p.patronymic and rng.random() < r["patronymic"] else ""
    if not p.public_case and rng.random() < r["typo"]:
        s = typo(s, rng)
    u = rng.random()
    if u < 0.4:
        name = f"{g} {s}"
    elif u < 0.65:
        name = " ".join(x for x in (s, g, pt) if x)
    elif u < 0.8:
        name = " ".join(x for x in (s.upper(), g, pt) if x)
    elif u < 0.9:
        name = f"{s}, {g}" + (f" {pt}" if pt else "")
    else:
        name = " ".join(x for x in (g, pt, s) if x)
    return name, scheme


def ovd_row(v: Any, sid: str, rng: random.Random) -> dict[str, Any]:
    """One row of the OVD-Info spreadsheet (dates as date cells)."""
    p, r = v.person, OVD_RATES
    name, scheme = _latin_name(v, rng)
    aliases: list[str] = []
    if rng.random() < r["other_spellings"]:
        for other in rng.sample([s for s in SCHEME_WEIGHTS if s != scheme], rng.randint(1, 2)):
            alias = f"{latin(p.given, other)} {latin(p.surname, other)}"
            if alias != name and alias not in aliases:
                aliases.append(alias)
    if rng.random() < r["cyrillic_alias"]:
        aliases.append(p.full_name)
    notes = {"fine": "Fined", "suspended": f"Suspended sentence, {sentence_en(v.sentence_months)}"}
    region = regions()[p.region].en if p.region and rng.random() >= r["no_region"] else ""
    fac = None if rng.random() < r["no_facility"] else v.facility
    return {
        "ID": sid,
        "Full name (Latin)": name,
        "Other spellings": "|".join(aliases),
        "Sex": "" if rng.random() < r["no_gender"] else ("F" if p.gender == "female" else "M"),
        "DOB": _birth(v, rng, r, "%d/%m/%Y"),
        "Region": region,
        "Charges": "; ".join(_articles(v, rng, r)),
        "Term": sentence_en(v.sentence_months) if v.punishment == "custody" else "",
        "Regime": REGIME_EN.get(v.regime or "", ""),
        "Prison": fac.name_en if fac else "",
        "Status": STATUS_EN[v.status],
        "Arrested": p.detained_on,
        "Sentenced": v.verdict_on,
        "Released": v.released_on,
        "Recognized by": ", ".join(p.recognized_by),
        "Source": p.source_url or "",
        "Comment": notes.get(v.punishment or "", ""),
    }


def write_ovd(rows: list[dict[str, Any]], out_dir: Path) -> PartnerList:
    """Write ovd_en.xlsx (a title row, then headers on row 2) and its mapping."""
    path = out_dir / "ovd_en.xlsx"
    headers = list(OVD_COLUMNS)
    title = ["OVD-Info: people in politically motivated criminal cases (synthetic demo data)"]
    body = [[row[h] for h in headers] for row in rows]
    write_xlsx(path, OVD_SHEET, [title, headers, *body])
    mapping = {
        "options": {"sheet": OVD_SHEET, "header_row": 2, "date_formats": ["%d/%m/%Y"]},
        "columns": OVD_COLUMNS,
        "values": {
            "status": {en: code for code, en in STATUS_EN.items()},
            "regime": {en: code for code, en in REGIME_EN.items()},
            "gender": {"M": "male", "F": "female"},
            "region": {r.en: r.name for r in regions().values()},
            "recognized_by": {"Memorial, OVD-Info": "Memorial|OVD-Info"},
        },
    }
    mpath = out_dir / "ovd_en.mapping.toml"
    mpath.write_text(
        _toml_header("OVD-Info (English XLSX)") + tomli_w.dumps(mapping), encoding="utf-8"
    )
    return PartnerList(path, "OVD-Info", mpath, "xlsx", len(rows))


def regional_row(v: Any, sid: str, rng: random.Random) -> dict[str, str]:
    """One object of the regional group's JSON, in interchange keys; missing keys left out."""
    p, r = v.person, REGIONAL_RATES
    row: dict[str, str] = {"source_id": sid, "name": cyrillic_name(v, rng, r)}
    if rng.random() >= r["no_gender"]:
        row["gender"] = ("ж" if p.gender == "female" else "м") if rng.random() < 0.5 else p.gender
    birth = _birth(v, rng, r, "%d.%m.%Y")
    if birth and rng.random() < 0.5 and len(birth) > 4:
        birth = birth_iso(v.birth_date, "day")
    arts = _articles(v, rng, r)
    fac = None if rng.random() < r["no_facility"] else v.facility
    optional = {
        "birth_date": birth,
        "region": p.region if p.region and rng.random() >= r["no_region"] else "",
        "articles": "; ".join(arts),
        "sentence": sentence_code(v.sentence_months)
        if v.punishment == "custody" and rng.random() >= r["no_sentence"]
        else "",
        "regime": v.regime or "",
        "facility": fac.name.removeprefix("ФКУ ") if fac else "",
        "status": v.status,
        "detained_on": p.detained_on.isoformat(),
        "verdict_on": v.verdict_on.isoformat() if v.verdict_on else "",
        "released_on": v.released_on.isoformat() if v.released_on else "",
        "recognized_by": "|".join(p.recognized_by),
        "source_url": p.source_url or "",
        "notes": v.notes,
    }
    row.update((k, val) for k, val in optional.items() if val)
    return row


def write_regional(rows: list[dict[str, str]], out_dir: Path) -> PartnerList:
    """Write regional.json: an array of objects in interchange column names."""
    path = out_dir / "regional.json"
    body = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    path.write_text(f"[\n{body}\n]\n", encoding="utf-8")
    return PartnerList(path, "Regional group", None, "json", len(rows))


def _toml_header(what: str) -> str:
    return (
        f"# Import mapping for the synthetic {what} partner list (habeas.demo).\n"
        "# Format: docs/import.md, 'Mapping files'.\n\n"
    )
