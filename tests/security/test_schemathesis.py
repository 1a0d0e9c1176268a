"""schemathesis against the OpenAPI description (``/api/v1/openapi.json``): every operation —
the public ones without a key, the token-authenticated ones with an editor's token — gets
schema-valid *and* schema-invalid inputs, sent through Django's WSGI application, and every
response goes through schemathesis's stateless checks (no server error, status code, content
type, headers and body as documented, invalid input refused, valid input accepted).

Inputs tried and failures found are counted into ``build/security/schemathesis-counts.json``
(see docs/reliability.md). The number of examples is bounded so the test takes well under a
minute; hypothesis runs derandomised, so a run is repeatable."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

from habeas.api.models import ApiToken
from tests.web.registry import make_user

SCHEMA_PATH = "/api/v1/openapi.json"
#: Examples per operation and generation mode (positive, negative).
EXAMPLES = 50
OUT = Path(__file__).resolve().parents[2] / "build" / "security" / "schemathesis-counts.json"


def _failure_titles(exc: BaseException) -> list[str]:
    """The titles of the check failures schemathesis raised (one or a group)."""
    inner = getattr(exc, "exceptions", None) or [exc]
    return [str(getattr(e, "title", None) or type(e).__name__) for e in inner]


def run_operation(operation: Any, mode: GenerationMode, headers: dict[str, str],
                  tried: Counter[str], failed: dict[str, list[str]]) -> None:  # fmt: skip
    """Send ``EXAMPLES`` generated inputs to ``operation``; count them and their failures."""
    label = f"{operation.label} [{mode.value}]"

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: Any) -> None:
        tried[label] += 1
        try:
            case.call_and_validate(headers=headers)
        except (Exception, FailureGroup) as exc:  # every failure is recorded, the run goes on
            detail = f"{', '.join(_failure_titles(exc))}: {case.as_curl_command()}"
            failed.setdefault(label, []).append(detail[:600])

    try:
        check()
    except Unsatisfiable:
        # Nothing to make invalid: an operation without parameters or body (negative mode).
        assert mode == GenerationMode.NEGATIVE and tried[label] == 0, label


@pytest.fixture
def wsgi_app(db) -> Iterator[Any]:
    """Django's WSGI application, keeping the test's database connection between requests.

    A real server closes the connection after each request (``close_old_connections``);
    inside the test's transaction that would close it under the test, on PostgreSQL. Django's
    own test client disconnects the handler the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_schemathesis_finds_no_failure_on_any_operation(registry, wsgi_app):
    editor = make_user("st-editor", "editor")
    _, secret = ApiToken.issue(user=editor, name="schemathesis",
                               scopes=["read", "read:internal", "write"])  # fmt: skip
    schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, wsgi_app)
    tried: Counter[str] = Counter()
    failed: dict[str, list[str]] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:
        needs_token = bool(operation.definition.raw.get("security"))
        headers = {"Authorization": f"Bearer {secret}"} if needs_token else {}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            run_operation(operation, mode, headers, tried, failed)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "schemathesis": schemathesis.__version__,
        "operations": len(operations),
        "inputs_tried": sum(tried.values()),
        "failures_found": sum(len(v) for v in failed.values()),
        "tried": dict(sorted(tried.items())),
        "failed": failed,
    }, indent=2, ensure_ascii=False) + "\n")  # fmt: skip
    assert not failed, json.dumps(failed, indent=2, ensure_ascii=False)[:8000]


@pytest.mark.django_db
def test_the_bugs_schemathesis_found_stay_fixed(registry):
    """What the first runs found: a birth date that is not a date was a 500 (the profile could
    not read it back); error replies were undocumented; vocabulary values were not listed."""
    from datetime import date

    from django.test import Client

    from habeas.apps.registry.models import Person

    editor = make_user("st-editor2", "editor")
    _, secret = ApiToken.issue(user=editor, name="regressions", scopes=["read", "write"])
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    post = {"name": "Петров Пётр", "citation": {"source": "OVD-Info"}}
    for birth in ("page", "1987-02-30", "29 августа 1958"):
        refused = client.post("/api/v1/persons", {**post, "birth_date": birth},
                              content_type="application/json")  # fmt: skip
        assert refused.status_code == 422, (birth, refused.content)
    made = client.post("/api/v1/persons", {**post, "birth_date": "04.1987"},
                       content_type="application/json")  # fmt: skip
    assert made.status_code == 201
    person = Person.objects.get(pk=made.json()["id"])
    assert (person.birth_date, person.birth_precision) == (date(1987, 4, 1), "month")
    for bad in ({"q": "a\x00b"}, {"facility": str(2**70)}):
        assert Client().get("/api/v1/persons", bad).status_code == 422
    assert Client().get(f"/api/v1/persons/{2**70}").status_code == 422
    schema = Client().get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert {"401", "422"} & set(operation["responses"]), (method, path)
    gender = schema["components"]["schemas"]["PersonIn"]["properties"]["gender"]
    assert "male" in json.dumps(gender)
