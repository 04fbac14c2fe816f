"""What ties the pieces together: route table, handlers, OpenAPI document, sample events, settings."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from shared.routes import LAMBDAS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("function", LAMBDAS, ids=lambda f: f.name)
def test_each_handler_serves_exactly_its_route_table_entries(function):
    module = importlib.import_module(function.module)
    registered = {
        (route.method, route.openapi_path) for route in module.app._static_routes + module.app._dynamic_routes
    }
    expected = {(r.method, r.path) for r in function.routes}
    assert registered == expected
    assert (ROOT / function.module.replace(".", "/")).with_suffix(".py").exists()


def test_committed_openapi_document_is_current():
    from generators.openapi import DOC_PATH, render

    assert DOC_PATH.read_text() == render(), "docs/openapi.json is stale: run `make openapi`"
    doc = json.loads(render())
    assert doc["openapi"].startswith("3.1")
    for function in LAMBDAS:
        for route in function.routes:
            assert route.method.lower() in doc["paths"][route.path], route
    # Validation errors are 400, never Powertools' 422; a create's 422 is a reused Idempotency-Key only.
    replace = doc["paths"]["/exams/{tenantId}/{id}"]["put"]
    assert "400" in replace["responses"] and "422" not in replace["responses"]
    create = doc["paths"]["/exams/{tenantId}"]["post"]
    assert "400" in create["responses"] and "Idempotency-Key" in create["responses"]["422"]["description"]


def test_sample_events_cover_every_route_and_are_current():
    from generators.events import EVENTS_DIR, sample_events

    expected = sample_events()
    committed = {p.name: json.loads(p.read_text()) for p in EVENTS_DIR.glob("*.json")}
    assert committed == expected, "events/ is stale: run `python -m generators.events`"
    covered = {(e["httpMethod"], e["resource"]) for e in committed.values()}
    assert covered == {(r.method, r.path) for f in LAMBDAS for r in f.routes}


def test_sample_events_replay_through_their_handlers(aws):
    from emulator.apigw import LambdaContext
    from emulator.bootstrap import bootstrap_tenant
    from emulator.invoke import function_for_event
    from generators.events import EVENTS_DIR

    bootstrap_tenant("demo", {"admin": None})
    statuses = {}
    for path in sorted(EVENTS_DIR.glob("*.json")):
        event = json.loads(path.read_text())
        function = function_for_event(event)
        handler = importlib.import_module(function.module).lambda_handler
        statuses[path.name] = handler(event, LambdaContext(function.name))["statusCode"]
    assert statuses["exams.create.json"] == 200
    assert statuses["apiKeys.create.json"] == 200
    assert statuses["webhookEndpoints.create.json"] == 200
    assert statuses["exams.get.json"] == 404
    assert statuses["examRegProcesses.create.json"] == 409, "the sample exam id does not exist"
    assert all(status < 500 for status in statuses.values()), statuses


def test_make_invoke_runs_an_event(aws, capsys, tmp_path, monkeypatch):
    from emulator import invoke

    monkeypatch.setenv("LOCAL_STATE_FILE", str(tmp_path / "none.json"))
    assert invoke.main([str(ROOT / "events" / "exams.list.json")]) == 0
    assert '"statusCode": 200' in capsys.readouterr().out


def test_settings_are_checked_at_cold_start(monkeypatch):
    from pydantic import ValidationError

    from shared.settings import Settings

    with pytest.raises(ValidationError):
        Settings.model_validate({})
    with pytest.raises(ValidationError):
        Settings.model_validate({"TABLE_NAME": "t", "TENANT_MAX_RECORDS_PER_RESOURCE": "0"})
    assert Settings.model_validate({"TABLE_NAME": "table"}).tenant_max_records_per_resource == 100_000


def test_unknown_route_and_method(api):
    reply = api.get("/nothing/here")
    assert reply.status == 404 and reply.json()["status"] == 404
    assert api.request("PUT", "/exams/demo").status == 405


def test_unexpected_errors_are_500_problems_without_internals(api, monkeypatch):
    from shared import engine

    def boom(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(engine, "list_page", boom)
    reply = api.get("/exams/demo")
    assert reply.status == 500
    assert reply.header("Content-Type") == "application/problem+json"
    assert "secret internals" not in reply.raw.decode()


def test_ids_sort_by_creation_time():
    import time

    from shared.engine import new_id

    first = new_id()
    time.sleep(0.002)
    second = new_id()
    assert len(first) == 26 and first < second
