"""Sample API Gateway REST proxy events, one per route, written to events/ (`python -m infra.events`).

They are what API Gateway hands a handler after the authorizer allowed tenant `demo` with an admin
key; `make invoke EVENT=...` and the tests replay them."""

from __future__ import annotations

import json
from pathlib import Path

from infra.apigw import build_event
from shared.routes import FUNCTIONS, Function, Route

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
}


def _operation_name(function: Function, route: Route) -> str:
    for operation in function.operations:
        if function.operation_route(operation) == route:
            return operation
    return f"{route.method.lower()}-{route.path.rsplit('/', 1)[-1].strip('{}')}"


def _body(function: Function, operation: str) -> dict | list | None:
    sample = SAMPLE_BODIES.get(function.name, {})
    if operation == "create":
        return sample
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
    for function in FUNCTIONS:
        for route in function.routes:
            operation = _operation_name(function, route)
            params = {"tenantId": "demo"} | ({"id": SAMPLE_ID} if "{id}" in route.path else {})
            path = route.path.replace("{tenantId}", "demo").replace("{id}", SAMPLE_ID)
            body = _body(function, operation)
            headers = {"Content-Type": "application/json", "Authorization": "<redacted: the authorizer ran>"}
            query = "limit=10" if operation == "list" else ""
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
