"""Sample API Gateway REST proxy events, one per route, written to events/ (`python -m generators.events`).

They are what API Gateway hands a handler after the authorizer allowed tenant `demo` with an admin
key; `make invoke EVENT=...` and the tests replay them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from emulator.apigw import build_event
from shared.routes import LAMBDAS, Lambda, Route

EVENTS_DIR = Path(__file__).resolve().parent.parent / "events"
SAMPLE_ID = "01SAMPLE0000000000000000ID"
AUTHORIZER = {"tenantId": "demo", "role": "admin", "keyId": "sample-admin-key", "principalId": "sample-admin-key"}

SAMPLE_BODIES: dict[str, dict] = {
    "exams": {
        "name": "Certified Widget Inspector",
        "code": "CWI-1",
        "domains": [
            {"code": "SAFETY", "name": "Safety", "weight": 40},
            {"code": "QA", "name": "Quality", "weight": 60},
        ],
        "passing_score": 70,
    },
    "examRegProcesses": {
        "name": "Standard registration",
        "type": "register",
        "exam_ids": [SAMPLE_ID],
        "restrict_exams": True,
        "is_active": True,
        "form_id": "certifications-exam-registrations__standard",
        "contact_form_options": {},
        "checkout_settings": {},
        "confirmation_email": {"subject": "You are registered"},
    },
    "apiKeys": {"name": "LMS integration", "role": "client"},
    "candidates": {
        "candidate_id": "C-1001",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.org",
        "address": {"line1": "1 Main St", "city": "Boston", "state": "MA", "postal_code": "02101", "country": "US"},
    },
    "testingCenters": {"name": "Boston Downtown", "code": "BOS-1", "timezone": "America/New_York"},
    "proctors": {
        "name": "Pat Proctor",
        "username": "pat",
        "password": "correct horse battery",
        "testing_center_codes": ["BOS-1"],
    },
    "examRegistrations": {
        "candidate_id": SAMPLE_ID,
        "exam_id": SAMPLE_ID,
        "delivery_mode": "test_center",
        "testing_center_code": "BOS-1",
        "scheduled_at": "2026-12-01T09:00:00-05:00",
        "accommodations": ["extra time"],
    },
    "examResults": {
        "registration_id": SAMPLE_ID,
        "overall_score": 82,
        "passed": True,
        "domain_scores": [{"domain_code": "SAFETY", "score": 90}, {"domain_code": "QA", "score": 76}],
        "completed_at": "2026-12-01T11:30:00-05:00",
    },
    # `make run` takes http loopback URLs (a deployed stage: public https only).
    "webhookEndpoints": {
        "url": "http://127.0.0.1:8787/webhooks",
        "event_types": ["examResults.*", "examRegistrations.updated"],
        "description": "LMS results intake",
        "is_active": True,
    },
}
REPLAY_BODY = {"since": "2026-12-01T00:00:00Z", "until": "2026-12-01T12:00:00Z"}


SAMPLE_PARAMS = {"tenantId": "demo", "testingCenterCode": "BOS-1", "candidateId": "C-1001"}
SAMPLE_QUERIES = {"calendar": "from=2026-12-01&to=2026-12-07"}


def _operation_name(function: Lambda, route: Route) -> str:
    for operation in function.operations:
        if function.operation_route(operation) == route:
            return operation
    return route.name


def _body(function: Lambda, operation: str) -> dict | list | None:
    sample = SAMPLE_BODIES.get(function.name, {})
    if operation == "create":
        return sample
    if operation == "authenticate":
        return {"username": "pat", "password": "correct horse battery"}
    if operation == "replay":
        return REPLAY_BODY
    if operation == "replace":
        return {**sample, "id": SAMPLE_ID}
    if operation == "patch":
        return [{"op": "replace", "path": "/name", "value": "Renamed"}]
    if operation == "batch":
        return {
            "operations": [
                {
                    "id": SAMPLE_ID,
                    "operation": "patch",
                    "patch_directives": [{"op": "add", "path": "/description", "value": "x"}],
                }
            ]
        }
    return None


def sample_events() -> dict[str, dict]:
    events = {}
    for function in LAMBDAS:
        for route in function.routes:
            operation = _operation_name(function, route)
            params = {name: SAMPLE_PARAMS.get(name, SAMPLE_ID) for name in re.findall(r"\{(\w+)\}", route.path)}
            path = route.path
            for name, value in params.items():
                path = path.replace("{" + name + "}", value)
            body = _body(function, operation)
            headers = {"Content-Type": "application/json", "Authorization": "<redacted: the authorizer ran>"}
            query = SAMPLE_QUERIES.get(route.name, "limit=10" if operation == "list" else "")
            event = build_event(
                route.method,
                path,
                route,
                params,
                headers,
                query,
                json.dumps(body).encode() if body is not None else None,
                AUTHORIZER,
            )
            event["requestContext"]["requestId"] = event["requestContext"]["extendedRequestId"] = "sample-request"
            event["requestContext"]["requestTimeEpoch"] = 0
            events[f"{function.name}.{operation}.json"] = event
    return events


def main() -> None:
    EVENTS_DIR.mkdir(exist_ok=True)
    for stale in EVENTS_DIR.glob("*.json"):
        stale.unlink()
    for name, event in sample_events().items():
        (EVENTS_DIR / name).write_text(json.dumps(event, indent=2, sort_keys=True) + "\n")
    print(f"wrote {len(sample_events())} events to {EVENTS_DIR}")


if __name__ == "__main__":
    main()
