"""Every request example of the served /openapi.json, sent as documented to a tenant with no data yet,
in an order that creates what an example refers to first (a center and an exam before a
registration...). Each answers the operation's documented success status with a body its schema
describes. `01SAMPLE0000000000000000ID` in an example stands for the id of the record the field
refers to: the test puts in the id of the record its own earlier example created."""

from __future__ import annotations

import json
import uuid
from typing import Any

import jsonschema
import pytest
import requests

from generators.events import SAMPLE_ID, SAMPLE_QUERIES
from shared.resources import API_KEYS, BULK_RESOURCES, WEBHOOK_ENDPOINTS
from shared.routes import LAMBDAS, OPERATIONS

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]

SPECS = {**BULK_RESOURCES, API_KEYS.name: API_KEYS, WEBHOOK_ENDPOINTS.name: WEBHOOK_ENDPOINTS}
# Creates in dependency order; deletes run the other way.
ORDER = [
    "testingCenters",
    "exams",
    "candidates",
    "proctors",
    "examRegProcesses",
    "examRegistrations",
    "examResults",
    "apiKeys",
    "webhookEndpoints",
]
LATER = ["get", "list", "replace", "patch", "batch", "byCandidateId", "byCandidate", "eligible", "calendar"]
LATER += ["rotateSecret", "deliveries", "replay", "test"]  # a webhook endpoint's own routes
JOBS = ["bulkLoadStart", "bulkLoadList", "bulkLoadGet", "exportStart", "exportList", "exportGet"]


class Examples:
    def __init__(self, base_url: str, tenant: str, key: str):
        self.base_url, self.tenant, self.key = base_url, tenant, key
        self.doc = requests.get(base_url + "/openapi.json", timeout=30).json()
        self.created: dict[str, dict[str, Any]] = {}
        self.jobs: dict[str, str] = {}
        self.sent: list[str] = []

    def routes(self, resource: str) -> dict[str, tuple[str, str]]:
        """{operation kind: (method, path)} of the resource's Lambda."""
        function = next(f for f in LAMBDAS if f.name == resource)
        found = {op: (OPERATIONS[op][0], function.operation_route(op).path) for op in function.operations}
        return found | {r.name: (r.method, r.path) for r in function.extra_routes}

    def refers_to(self, resource: str, field: str, value: Any) -> Any:
        """An example's placeholder id, as the id of the record it stands for."""
        targets = {ref.field: ref.target for ref in SPECS[resource].references if ref.by == "id"}
        targets["registration_id"] = "examRegistrations"  # a result's, kept by its hooks
        target = resource if field == "id" else targets.get(field)
        if isinstance(value, list):
            return [self.refers_to(resource, field, v) for v in value]
        if value == SAMPLE_ID and target:
            return self.created[target]["id"]
        return value

    def body(self, resource: str, example: dict[str, Any]) -> dict[str, Any]:
        return {k: self.refers_to(resource, k, v) for k, v in example.items()}

    def path(self, resource: str, template: str) -> str:
        values = {
            "{tenantId}": self.tenant,
            "{id}": self.created.get(resource, {}).get("id", ""),
            "{jobId}": self.jobs.get(template.split("/")[3], "") if "{jobId}" in template else "",
            "{contactId}": self.created.get("candidates", {}).get("id", ""),
            "{examId}": self.created.get("exams", {}).get("id", ""),
            "{testingCenterCode}": self.created.get("testingCenters", {}).get("code", ""),
            "{candidateId}": self.created.get("candidates", {}).get(
                "candidate_id" if template.endswith("byCandidateId/{candidateId}") else "id", ""
            ),
        }
        for placeholder, value in values.items():
            template = template.replace(placeholder, value)
        return template

    def send(self, resource: str, kind: str, media: str = "application/json") -> requests.Response:
        method, template = self.routes(resource)[kind]
        entry = self.doc["paths"][template][method.lower()]
        headers = {"Authorization": self.key}
        data = None
        if "requestBody" in entry:
            example = entry["requestBody"]["content"][media]["example"]
            if media in ("text/csv", "application/x-ndjson"):
                data = example.encode()
            elif kind == "batch":
                data = json.dumps(self.batch(resource, example)).encode()
            elif kind == "patch":
                data = json.dumps(example).encode()
            else:
                data = json.dumps(self.body(resource, example)).encode()
            headers["Content-Type"] = media
        query = SAMPLE_QUERIES.get(kind, "")
        url = self.base_url + self.path(resource, template) + (f"?{query}" if query else "")
        reply = requests.request(method, url, data=data, headers=headers, timeout=60)
        (status, success), *_ = ((s, r) for s, r in entry["responses"].items() if s.startswith("2"))
        self.sent.append(f"{method} {template} {media}")
        assert str(reply.status_code) == status, f"{method} {template} ({media}): {reply.status_code} {reply.text}"
        schema = success["content"]["application/json"]["schema"]
        jsonschema.validate(reply.json(), {**schema, "components": self.doc["components"]})
        return reply

    def batch(self, resource: str, example: dict[str, Any]) -> dict[str, Any]:
        return {"operations": [{**op, "id": self.created[resource]["id"]} for op in example["operations"]]}


@pytest.fixture
def examples(server) -> Examples:
    tenant = f"examples-{uuid.uuid4().hex[:8]}"
    key = server.cli("create-tenant", tenant).stdout.strip().splitlines()[-1].strip()
    return Examples(server.base_url, tenant, key)


def test_every_request_example_succeeds_as_documented(examples):
    for resource in ORDER:
        examples.created[resource] = examples.send(resource, "create").json()
    examples.send("proctors", "authenticate")
    for resource in ORDER:
        kinds = examples.routes(resource)
        for kind in LATER:
            if kind in kinds:
                examples.send(resource, kind)
        if "patch" in kinds:
            examples.send(resource, "patch", "application/json-patch+json")
    examples.send("events", "feed")
    for resource in reversed(ORDER):
        examples.send(resource, "delete")
    # Jobs last: the sample files' rows create records (refer to a center...) that no delete above
    # expects; their starts answer 202 whatever the rows hold.
    for resource in ORDER:
        kinds = examples.routes(resource)
        for kind in JOBS:
            if kind not in kinds:
                continue
            if kind == "bulkLoadStart":
                for media in ("application/json", "text/csv", "application/x-ndjson"):
                    examples.jobs["bulkLoads"] = examples.send(resource, kind, media).json()["id"]
            elif kind == "exportStart":
                examples.jobs["exports"] = examples.send(resource, kind).json()["id"]
            else:
                examples.send(resource, kind)

    # Every operation that takes a body was sent with its example, in each media type it documents.
    documented = {
        f"{method.upper()} {path} {media}"
        for path, operations in examples.doc["paths"].items()
        for method, entry in operations.items()
        for media in entry.get("requestBody", {}).get("content", {})
    }
    assert documented <= set(examples.sent), sorted(documented - set(examples.sent))
