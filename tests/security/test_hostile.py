"""Hostile input: property-based tests of every parser and of imports, crafted files (formula
injection, zip bombs, XML external entities, huge rows, invalid UTF-8), an OpenAPI-driven
fuzz of the API, and HTML/script in text fields rendered harmless. Inputs tried and failures
found are counted into build/security/hostile-counts.json (see docs/reliability.md)."""

from __future__ import annotations

import contextlib
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habeas.apps.registry import actions
from habeas.apps.registry.exports import export_registry
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import Person
from habeas.apps.registry.visibility import Audience
from habeas.interchange.errors import InterchangeError
from habeas.interchange.values import parse_date, parse_gender, parse_status
from habeas.law import parse_references, parse_term
from habeas.names import parse_name
from habeas.security.gate import publish_demo
from tests.conftest import HEADER, write_csv

TRIED: Counter[str] = Counter()
FAILED: Counter[str] = Counter()
OUT = Path(__file__).resolve().parents[2] / "build" / "security" / "hostile-counts.json"
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
FAST = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def _counts():
    yield
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"tried": TRIED, "failed": FAILED}, indent=2, sort_keys=True))


def _total(name: str, call, text: str) -> None:
    """``call(text)`` returns or raises ValueError — nothing else, whatever the input."""
    TRIED[name] += 1
    try:
        call(text)
    except ValueError:
        pass
    except Exception:
        FAILED[name] += 1
        raise


@FAST
@given(TEXT)
def test_names_parser_is_total(text):
    _total("names", parse_name, text)


@FAST
@given(st.one_of(TEXT, st.from_regex(r"\d{1,4}[.\-/]\d{1,2}[.\-/]\d{1,4}", fullmatch=True)))
def test_dates_parser_is_total(text):
    _total("dates", parse_date, text)


@FAST
@given(st.one_of(TEXT, st.from_regex(r"(ч\. ?\d+ )?ст\. ?\d{1,3}(\.\d)?( УК РФ)?", fullmatch=True)))
def test_legal_references_parser_is_total(text):
    _total("legal_references", parse_references, text)


@FAST
@given(
    st.one_of(
        TEXT, st.from_regex(r"\d{1,3} ?(лет|года|y|m|мес|d)( \d{1,3} ?(m|мес))?", fullmatch=True)
    )
)
def test_sentences_parser_is_total(text):
    _total("sentences", parse_term, text)


@FAST
@given(TEXT)
def test_vocabulary_parsers_are_total(text):
    _total("gender", parse_gender, text)
    _total("status", parse_status, text)


ROW = st.lists(TEXT.filter(lambda s: "\x00" not in s), min_size=len(HEADER), max_size=len(HEADER))


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(ROW, min_size=1, max_size=4))
def test_imports_of_arbitrary_rows_succeed_or_refuse_whole(tmp_path_factory, rows):
    TRIED["imports"] += 1
    path = write_csv(tmp_path_factory.mktemp("fuzz") / "f.csv", HEADER, rows)
    before = Person.objects.count()
    try:
        report = import_file(path, source="Fuzz")
    except InterchangeError:
        assert Person.objects.count() == before  # refused whole: nothing written
        return
    except Exception:
        FAILED["imports"] += 1
        raise
    assert report.rows_read <= len(rows)  # blank rows are skipped


@pytest.mark.django_db
def test_formula_injection_is_neutralised_in_exports(tmp_path):
    path = write_csv(tmp_path / "f.csv", ["source_id", "name", "region"],
                     [["x", "Иванов Иван Иванович", '=HYPERLINK("http://evil","click")'],
                      ["y", "+Петров Пётр", "@SUM(1+1)"]])  # fmt: skip
    import_file(path, source="Evil")
    publish_demo()
    for fmt in ("csv", "xlsx"):
        TRIED["formula_injection"] += 1
        out = tmp_path / f"out.{fmt}"
        export_registry(out, fmt, Audience.PUBLIC)
        if fmt == "csv":
            text = out.read_text(encoding="utf-8")
            assert ",=HYPERLINK" not in text and "\n=" not in text and ",@SUM" not in text
            assert "'=HYPERLINK" in text
        else:
            import openpyxl

            book = openpyxl.load_workbook(out)
            cells = [c.value for row in book.active.iter_rows() for c in row if c.value]
            assert not any(str(v).startswith(("=", "+", "@")) for v in cells)
            assert any(str(v).startswith("'=HYPERLINK") for v in cells)


def _xlsx(path: Path, sheet: bytes) -> Path:
    from openpyxl import Workbook

    Workbook().save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.django_db
def test_a_zip_bomb_xlsx_is_refused(tmp_path):
    TRIED["zip_bomb"] += 1
    bomb = _xlsx(tmp_path / "bomb.xlsx", b"<worksheet/>")
    with (
        zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("xl/media/padding.bin", "w", force_zip64=True) as part,
    ):
        block = b"\0" * 2**24
        for _ in range(64):  # 1 GiB of zeros, a few MiB packed
            part.write(block)
    assert bomb.stat().st_size < 8 * 2**20
    with pytest.raises(InterchangeError, match="zip bomb"):
        import_file(bomb, source="Bomb")


@pytest.mark.django_db
def test_xml_external_entities_are_not_resolved(tmp_path):
    TRIED["xxe"] += 1
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-XXE")
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>source_id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>name</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>'
    ).encode()
    path = _xlsx(tmp_path / "xxe.xlsx", sheet)
    with contextlib.suppress(InterchangeError):
        import_file(path, source="XXE")
    assert not Person.objects.filter(display_name__contains="TOP-SECRET").exists()


@pytest.mark.django_db
def test_huge_rows_and_invalid_utf8_are_refused_cleanly(tmp_path):
    TRIED["huge_row"] += 1
    huge = write_csv(tmp_path / "huge.csv", ["source_id", "name"], [["1", "А" * 5_000_000]])
    with pytest.raises(InterchangeError):
        import_file(huge, source="Huge")
    TRIED["invalid_utf8"] += 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"source_id,name\n1,\xff\xfe\xfd\x80\x81 \xc3\x28\n")
    with contextlib.suppress(InterchangeError):
        import_file(bad, source="Bad")
    assert Person.objects.count() <= 1


SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_html_and_script_in_every_text_field_render_harmless(editor):
    from tests.security.helpers import signed_in

    with pytest.raises(actions.ActionError):
        actions.Citation(source="x", url="javascript:alert(1)")
    cite = actions.Citation(source=SCRIPT, kind="news", url="https://x.invalid/?q=<script>")
    person = actions.create_person(actor=editor, citation=cite, name=f"Иванов {SCRIPT}",
                                   name_latin=SCRIPT, region=SCRIPT)  # fmt: skip
    actions.add_event(actor=editor, person=person, citation=cite, kind="transfer", details=SCRIPT)
    actions.add_recognition(actor=editor, person=person, citation=cite, organisation=SCRIPT)
    actions.save_facility(actor=editor, name=f"ИК-1 {SCRIPT}", address=SCRIPT)
    publish_demo([person.pk])
    pages = [Client().get(f"/persons/{person.pk}/"), Client().get("/", {"q": "Иванов"}),
             signed_in(editor).get(f"/persons/{person.pk}/"),
             signed_in(editor).get(f"/workspace/persons/{person.pk}/history/"),
             Client().get("/facilities/")]  # fmt: skip
    for response in pages:
        TRIED["html_rendering"] += 1
        html = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html
        assert 'href="javascript:' not in html


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_api_never_fails_on_any_query(data):
    """Every GET operation of the OpenAPI description, with arbitrary parameter values."""
    schema = Client().get("/api/v1/openapi.json").json()
    operations = [
        (p, o) for p, item in schema["paths"].items() for m, o in item.items() if m == "get"
    ]
    path, operation = data.draw(st.sampled_from(operations))
    params = {}
    for param in operation.get("parameters", []):
        value = data.draw(st.one_of(TEXT, st.integers(-(2**63), 2**63).map(str)))
        if param["in"] == "path":
            path = path.replace("{" + param["name"] + "}", value.replace("/", "") or "0")
        elif data.draw(st.booleans()):
            params[param["name"]] = value.replace("\x00", "")
    TRIED["api_openapi"] += 1
    response = Client().get(path.replace("?", "%3F").replace("#", "%23"), params)
    if response.status_code >= 500:
        FAILED["api_openapi"] += 1
    assert response.status_code < 500, (path, params)
