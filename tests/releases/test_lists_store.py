"""Release lists in the store: criteria over registry rows, manual entries, freezing,
diffs, audiences, and every export read back."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from habeas.apps.registry.models import Person
from habeas.lists.criteria import Criteria
from habeas.lists.versions import content_hash, generate_key, verify
from habeas.releases.models import ListVersion
from habeas.releases.services import (
    ListError,
    create_list,
    diff_versions,
    evaluate,
    export_version,
    freeze,
    set_entry,
)
from tests.releases.registry import SECRET_NOTE, TODAY

pytestmark = pytest.mark.django_db


def _ids(selection: object) -> set[int]:
    return {e["person_id"] for e in selection.entries}  # type: ignore[attr-defined]


def _select(registry: dict[str, int], **criteria: object) -> set[str]:
    rl = create_list("t", Criteria(**criteria), replace=True)  # type: ignore[arg-type]
    back = {v: k for k, v in registry.items()}
    return {back[i] for i in _ids(evaluate(rl, TODAY))}


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"statuses": ("pretrial_detention",)}, {"t-6"}),
        ({"recognised_by": ("OVD-Info",)}, {"t-2", "t-3"}),
        ({"recognised_by": ("Memorial",), "recognition_criteria": ("e",)}, {"t-2"}),
        ({"articles": ("280.3",)}, {"t-4", "t-6"}),
        ({"articles": ("205*",)}, {"t-2", "t-7"}),
        ({"regions": ("Тверская область",)}, {"t-3"}),
        ({"facilities": ("Тверской",)}, {"t-2", "t-3"}),
        ({"genders": ("female",), "statuses": ("imprisoned",)}, {"t-3", "t-7", "t-9"}),
        ({"age_min": 60}, {"t-2", "t-8"}),
        ({"age_max": 17}, {"t-7"}),
        ({"health": ("serious_illness",)}, {"t-8"}),
        ({"sentence_min_months": 84}, {"t-1", "t-8", "t-9"}),
        ({"sentence_max_months": 24}, {"t-4", "t-7"}),
        # due: t-4 2027-01-10, t-5 2027-02-02, t-7 2027-03-01 (detention + term); t-2 2028-07
        ({"remaining_max_months": 12, "statuses": ("imprisoned",)}, {"t-4", "t-5", "t-7"}),
        ({"remaining_min_months": 60}, {"t-1", "t-8"}),
        ({"citizenships": ("foreign",)}, {"t-1"}),
    ],
)
def test_each_criterion_selects_the_expected_persons(
    registry: dict[str, int], criteria: dict[str, object], expected: set[str]
) -> None:
    assert _select(registry, **criteria) == expected


def test_manual_inclusion_and_exclusion_need_reasons_and_win(registry: dict[str, int]) -> None:
    rl = create_list("ex", Criteria(statuses=("imprisoned",)))
    set_entry(rl, registry["t-6"], "include", "humanitarian case")
    set_entry(rl, registry["t-2"], "exclude", "asked not to be listed")
    with pytest.raises(ListError):
        set_entry(rl, registry["t-4"], "exclude", "  ")
    sel = evaluate(rl, TODAY)
    entries = {e["person_id"]: e for e in sel.entries}
    assert registry["t-6"] in entries and registry["t-2"] not in entries
    assert "included manually: humanitarian case" in entries[registry["t-6"]]["why"]
    assert sel.excluded[0]["reason"] == "asked not to be listed"


def test_priority_reasons_are_shown_and_confidential_health_is_masked(
    registry: dict[str, int],
) -> None:
    rl = create_list("pri", Criteria(statuses=("imprisoned",)))
    sel = evaluate(rl, TODAY)
    top = sel.entries[0]
    assert top["person_id"] == registry["t-8"]  # 76 years old, seriously ill, 5 years served
    factors = {r["factor"] for r in top["priority_reasons"]}
    assert {"elderly", "serious_illness", "time_served", "time_remaining"} <= factors
    assert top["priority"] == sum(r["points"] for r in top["priority_reasons"])
    version = freeze(rl, "internal", "tester", today=TODAY)
    text = json.dumps(version.content, ensure_ascii=False)
    assert "humanitarian grounds (confidential)" in text
    assert "serious illness" not in text and SECRET_NOTE not in text


def test_freeze_numbers_hashes_and_is_immutable(registry: dict[str, int]) -> None:
    rl = create_list("imm", Criteria(articles=("207.3",)))
    v1 = freeze(rl, "counterpart", "anna", today=TODAY)
    v2 = freeze(rl, "public", "boris", today=TODAY)
    assert (v1.number, v2.number) == (1, 2)
    assert v1.frozen_by == "anna" and v1.audience == "counterpart" and v1.frozen_at
    assert v1.content_hash == content_hash(v1.content) and v1.intact()
    with pytest.raises(ValueError):
        v1.save()
    with pytest.raises(ValueError):
        v1.delete()
    assert ListVersion.objects.count() == 2
    fields = {"counterpart": v1, "public": v2}
    assert all("birth_date" in p for p in fields["counterpart"].content["persons"])
    assert all("birth_date" not in p for p in fields["public"].content["persons"])
    assert "criteria" not in v1.content and "why" not in v1.content["persons"][0]


def test_signature_with_a_configured_key(
    registry: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "key.pem"
    public = generate_key(key)
    monkeypatch.setenv("HABEAS_SIGNING_KEY", str(key))
    rl = create_list("sig", Criteria(articles=("207.3",)))
    version = freeze(rl, "counterpart", "anna", today=TODAY)
    assert version.public_key == public
    assert verify(version.content, version.signature, version.public_key)
    tampered = json.loads(json.dumps(version.content))
    tampered["persons"][0]["name"] = "Someone Else"
    assert not verify(tampered, version.signature, version.public_key)


def test_diff_says_added_removed_changed_and_why(registry: dict[str, int]) -> None:
    rl = create_list("d", Criteria(articles=("207.3",)), title="Diff")
    freeze(rl, "internal", "anna", today=TODAY)
    set_entry(rl, registry["t-5"], "exclude", "already released by the time of talks")
    set_entry(rl, registry["t-2"], "include", "public figure")
    Person.objects.filter(pk=registry["t-10"]).update(status="imprisoned")  # a changed fact
    create_list(
        "d", Criteria(articles=("207.3",), statuses=("imprisoned",)), title="Diff", replace=True
    )
    freeze(rl, "internal", "boris", today=TODAY)
    d = diff_versions(rl, 1, 2, TODAY)
    added = {a["person_id"]: a["why"] for a in d["added"]}
    removed = {r["person_id"]: r["why"] for r in d["removed"]}
    assert registry["t-2"] in added and any("public figure" in w for w in added[registry["t-2"]])
    assert removed[registry["t-5"]] == ["excluded manually: already released by the time of talks"]
    changed = {c["person_id"]: c for c in d["changed"]}
    assert changed[registry["t-10"]]["fields"]["status"] == ["released", "imprisoned"]
    assert d["criteria_changed"]["after"]["statuses"] == ["imprisoned"]


def test_diff_names_the_criterion_a_removed_person_no_longer_meets(
    registry: dict[str, int],
) -> None:
    rl = create_list("d2", Criteria(statuses=("imprisoned",), articles=("280.3",)))
    freeze(rl, "internal", "anna", today=TODAY)
    Person.objects.filter(pk=registry["t-4"]).update(status="released")
    freeze(rl, "internal", "anna", today=TODAY)
    d = diff_versions(rl, 1, 2, TODAY)
    assert d["removed"] == [
        {
            "person_id": registry["t-4"],
            "ref": f"HBS-{registry['t-4']:06d}",
            "name": "Иванов Иван Петрович",
            "name_latin": "Ivan Ivanov",
            "why": ["no longer meets status: released"],
        }
    ]


def _frozen(registry: dict[str, int], audience: str = "counterpart") -> ListVersion:
    rl = create_list(
        "exp", Criteria(statuses=("imprisoned",)), title="Обмен / Exchange", replace=True
    )
    return freeze(rl, audience, "anna", today=TODAY)


def test_pdf_export_text_and_pages(registry: dict[str, int], tmp_path: Path) -> None:
    version = _frozen(registry)
    path = tmp_path / "list.pdf"
    export_version(version, path, "pdf")
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Обмен / Exchange" in text and version.content_hash in text
    assert f"Page 1 of {len(reader.pages)}" in text
    for entry in version.content["persons"]:
        assert entry["ref"] in text
        assert entry["name"] in text and entry["name_latin"] in text
    assert "Кагарлицкий Борис Юльевич" in text and "Фёдорова Елена Викторовна" in text
    fonts = {f for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVu" in str(f.get_object()["/BaseFont"]) for f in fonts)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page*.png"))
    assert len(pngs) == len(reader.pages) and all(p.stat().st_size > 2000 for p in pngs)


def test_csv_xlsx_json_exports_read_back(registry: dict[str, int], tmp_path: Path) -> None:
    version = _frozen(registry, "public")
    export_version(version, tmp_path / "l.csv", "csv")
    export_version(version, tmp_path / "l.xlsx", "xlsx")
    export_version(version, tmp_path / "l.json", "json")
    with (tmp_path / "l.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["ref"] for r in rows] == [p["ref"] for p in version.content["persons"]]
    assert "birth_date" not in rows[0]
    sheet = load_workbook(tmp_path / "l.xlsx")["list"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "№ в реестре / Registry id"
    assert [v[0] for v in values[1:]] == [p["ref"] for p in version.content["persons"]]
    meta = dict(load_workbook(tmp_path / "l.xlsx")["version"].iter_rows(values_only=True))
    assert meta["sha256"] == version.content_hash
    doc = json.loads((tmp_path / "l.json").read_text("utf-8"))
    assert doc["sha256"] == content_hash(doc["content"]) == version.content_hash


def test_nothing_confidential_in_any_export(registry: dict[str, int], tmp_path: Path) -> None:
    for audience in ("counterpart", "public", "internal"):
        version = _frozen(registry, audience)
        for fmt in ("pdf", "csv", "xlsx", "json"):
            path = tmp_path / f"{audience}.{fmt}"
            export_version(version, path, fmt)
            if fmt == "pdf":
                data = "\n".join(p.extract_text() for p in PdfReader(path).pages)
            elif fmt == "xlsx":
                book = load_workbook(path)
                data = str([list(s.iter_rows(values_only=True)) for s in book])
            else:
                data = path.read_text("utf-8")
            assert SECRET_NOTE not in data and "онкологическ" not in data
            assert '"factor": "serious_illness"' not in data and "serious illness" not in data


def test_person_known_only_in_latin_gets_a_flagged_cyrillic_reading(
    registry: dict[str, int], tmp_path: Path
) -> None:
    from habeas.apps.registry.importer import import_file
    from tests.conftest import HEADER, write_csv

    row = [
        "lat-1",
        "Pavel Sinitsyn",
        "Pavel Sinitsyn",
        "male",
        "1990-03-04",
        "",
        "207.3",
        "5y",
        "general",
        "",
        "imprisoned",
        "2024-01-10",
        "2024-09-02",
        "",
        "",
    ]
    import_file(write_csv(tmp_path / "latin.csv", HEADER, [row]), source="Partner", today=TODAY)
    latin_only = Person.objects.get(display_name_latin="Pavel Sinitsyn")
    rl = create_list("lat", Criteria(articles=("207.3",)), replace=True)
    version = freeze(rl, "counterpart", "anna", today=TODAY)
    entries = {e["person_id"]: e for e in version.content["persons"]}
    reading = entries[latin_only.pk]
    assert reading["name"] == "Синицын Павел"
    assert reading["name_reconstructed"] is True
    assert reading["name_latin"] == "Pavel Sinitsyn"
    recorded = [e for pid, e in entries.items() if pid != latin_only.pk]
    assert recorded and all(e["name_reconstructed"] is False for e in recorded)
    path = tmp_path / "lat.pdf"
    export_version(version, path, "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Синицын Павел †" in text
    assert "not yet verified" in text
    export_version(version, tmp_path / "lat.csv", "csv")
    with (tmp_path / "lat.csv").open(encoding="utf-8-sig") as handle:
        rows = {r["person_id"]: r for r in csv.DictReader(handle)}
    assert rows[str(latin_only.pk)]["name_reconstructed"] == "yes"
