"""The audit log: every change recorded (who, when, what, before/after, from where) in an
append-only hash chain; ``habeas audit verify`` finds any edited, deleted or added entry;
each person's history is viewable and any earlier version restorable."""

from __future__ import annotations

import json

import pytest
import typer
from django.db import connection
from django.test import Client
from typer.testing import CliRunner

from habeas.apps.registry import actions
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import Person
from habeas.audit import chain
from habeas.audit.history import StaleVersion, version_of
from habeas.audit.models import AppendOnlyError, AuditEntry
from habeas.cli import security_commands
from tests.security.helpers import signed_in

CITE = actions.Citation(source="Mediazona", url="https://zona.media/1")
runner = CliRunner()


def cli(*args: str):
    app = typer.Typer()
    security_commands.register(app)
    return runner.invoke(app, list(args), catch_exceptions=False)


def _sql(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def history(db, editor):
    person = actions.create_person(actor=editor, citation=CITE, name="Иванов Иван Иванович",
                                   status="pretrial_detention")  # fmt: skip
    actions.edit_person(actor=editor, person=person, citation=CITE, region="Москва")
    actions.edit_person(actor=editor, person=person, citation=CITE, status="imprisoned")
    return person


def test_every_action_is_recorded_with_before_and_after(history, editor):
    entries = list(AuditEntry.objects.filter(person_id=history.pk).order_by("seq"))
    assert [e.action for e in entries] == ["create_person", "edit_person", "edit_person"]
    assert (
        entries[0].before is None and entries[0].after["person"]["status"] == "pretrial_detention"
    )
    assert entries[2].before["person"]["status"] == "pretrial_detention"
    assert entries[2].after["person"]["status"] == "imprisoned"
    assert {e.actor for e in entries} == {"ed"} and entries[0].actor_id == editor.pk
    assert chain.verify().ok


def test_the_screen_is_recorded_as_the_origin(db, editor):
    client = signed_in(editor)
    client.post("/workspace/persons/new/", {"name": "Петров Пётр", "source": "Mediazona",
                                            "source_kind": "news", "source_confidentiality": "public"})  # fmt: skip
    entry = AuditEntry.objects.filter(action="create_person").latest("seq")
    assert entry.origin == "screen:web:person_new"


def test_an_import_is_recorded_once_with_its_run(db, list_file):
    report = import_file(list_file(), source="Memorial")
    entry = AuditEntry.objects.get(action="import", object_id=str(report.import_id))
    assert entry.origin.startswith(f"import:{report.import_id}")
    assert entry.after["counts"]["added"] == 3 and entry.after["source"] == "Memorial"
    assert entry.after["sha256"]


def test_entries_cannot_be_changed_or_deleted_through_the_orm(history):
    entry = AuditEntry.objects.first()
    entry.actor = "someone else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(actor="x")


def test_verify_finds_an_edited_entry(history):
    assert cli("audit", "verify").exit_code == 0
    entry = AuditEntry.objects.filter(person_id=history.pk).order_by("seq")[1]
    after = {**entry.after, "person": {**entry.after["person"], "region": "Тверь"}}
    _sql("UPDATE audit_auditentry SET after = %s WHERE id = %s", [json.dumps(after), entry.pk])
    result = cli("audit", "verify", "--json")
    assert result.exit_code == 1
    assert f"entry {entry.seq}: content was altered" in json.loads(result.stdout)["problems"]


def test_verify_finds_a_deleted_entry(history):
    entry = AuditEntry.objects.filter(person_id=history.pk).order_by("seq")[1]
    _sql("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    problems = chain.verify().problems
    assert any("missing" in p for p in problems)
    assert any("does not follow" in p for p in problems)


def test_verify_finds_a_removed_tail_and_a_rewritten_chain(history):
    head = chain.verify().head_hash
    last = AuditEntry.objects.order_by("-seq").first()
    _sql("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
    assert any("head says" in p for p in chain.verify().problems)
    # rewriting the head too is caught by a head hash kept elsewhere
    previous = AuditEntry.objects.order_by("-seq").first()
    _sql("UPDATE audit_audithead SET seq = %s, hash = %s", [previous.seq, previous.hash])
    assert chain.verify().ok
    assert not chain.verify(expect_head=head).ok
    assert cli("audit", "verify", "--expect-head", head).exit_code == 1


def test_history_is_viewable_and_an_earlier_version_restorable(history, editor, volunteer):
    client = signed_in(editor)
    page = client.get(f"/workspace/persons/{history.pk}/history/").content.decode()
    assert "edit_person" in page and "Restore this version" in page
    first = AuditEntry.objects.filter(person_id=history.pk).order_by("seq").first()
    response = client.post(f"/workspace/persons/{history.pk}/history/{first.seq}/restore/")
    assert response.status_code == 302
    history.refresh_from_db()
    assert history.status == "pretrial_detention"
    restore = AuditEntry.objects.filter(person_id=history.pk).latest("seq")
    assert (
        restore.action == "edit_person"
        and restore.after["person"]["status"] == "pretrial_detention"
    )
    assert restore.before["person"]["status"] == "imprisoned"
    assert chain.verify().ok
    # volunteers and the public see no history
    assert signed_in(volunteer).get(f"/workspace/persons/{history.pk}/history/").status_code == 403
    assert Client().get(f"/workspace/persons/{history.pk}/history/").status_code == 302


def test_two_editors_changing_the_same_person_the_second_is_told(history, editor, editor2):
    version = version_of(history)  # both load the form
    actions.edit_person(actor=editor, person=history, citation=CITE, region="Тверь",
                        expected_version=version)  # fmt: skip
    with pytest.raises(StaleVersion):
        actions.edit_person(actor=editor2, person=Person.objects.get(pk=history.pk),
                            citation=CITE, region="Пермь", expected_version=version)  # fmt: skip
    history.refresh_from_db()
    assert history.region == "Тверь"  # the first change was not lost


def test_audit_log_command_lists_a_person(history):
    result = cli("audit", "log", "--person", str(history.pk), "--json")
    assert [r["action"] for r in json.loads(result.stdout)][-1] == "edit_person"
