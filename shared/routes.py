"""The route table: the single list of Lambda functions and the HTTP routes each serves.

The CDK stack builds one Lambda and its API Gateway methods from each entry, the local server
dispatches requests with it, and each handler registers exactly these paths. Keep it plain data
so the CDK app can read it without importing any Lambda code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TENANT = "{tenantId}"


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # API Gateway syntax: /exams/{tenantId}/{id}
    name: str = ""  # for routes beyond the generic contract: how the handler finds its path

    @property
    def powertools_path(self) -> str:
        return powertools_path(self.path)


def powertools_path(path: str) -> str:
    """The same path in the event handler's `<param>` syntax."""
    return re.sub(r"\{(\w+)\}", r"<\1>", path)


# The generic contract: each operation's method and path below the collection path.
OPERATIONS: dict[str, tuple[str, str]] = {
    "create": ("POST", ""),
    "list": ("GET", ""),
    "batch": ("POST", "/batch"),
    "get": ("GET", "/{id}"),
    "replace": ("PUT", "/{id}"),
    "patch": ("PATCH", "/{id}"),
    "delete": ("DELETE", "/{id}"),
    "bulkLoadStart": ("POST", "/bulkLoads"),
    "bulkLoadList": ("GET", "/bulkLoads"),
    "bulkLoadGet": ("GET", "/bulkLoads/{jobId}"),
    "exportStart": ("POST", "/exports"),
    "exportList": ("GET", "/exports"),
    "exportGet": ("GET", "/exports/{jobId}"),
}


def collection_path(resource: str) -> str:
    return f"/{resource}/{TENANT}"


@dataclass(frozen=True)
class Lambda:
    """One Lambda: a resource's generic operations plus any routes of its own."""

    name: str  # the resource (or logical) name, used for the Lambda's id
    module: str  # dotted module holding `lambda_handler`
    operations: tuple[str, ...] = tuple(OPERATIONS)
    extra_routes: tuple[Route, ...] = ()

    def operation_route(self, operation: str) -> Route:
        method, suffix = OPERATIONS[operation]
        return Route(method, collection_path(self.name) + suffix)

    @property
    def routes(self) -> tuple[Route, ...]:
        return tuple(self.operation_route(op) for op in self.operations) + self.extra_routes

    def named_route(self, name: str) -> Route:
        return next(r for r in self.extra_routes if r.name == name)


AUTHORIZER_MODULE = "functions.authorizer.handler"

LAMBDAS: tuple[Lambda, ...] = (
    Lambda("exams", "functions.exams.handler"),
    Lambda(
        "examRegProcesses",
        "functions.exam_reg_processes.handler",
        extra_routes=(Route("GET", "/examRegProcesses/{tenantId}/eligible/{contactId}/{examId}", "eligible"),),
    ),
    Lambda(
        "candidates",
        "functions.candidates.handler",
        extra_routes=(Route("GET", "/candidates/{tenantId}/byCandidateId/{candidateId}", "byCandidateId"),),
    ),
    Lambda("testingCenters", "functions.testing_centers.handler"),
    Lambda(
        "proctors",
        "functions.proctors.handler",
        extra_routes=(Route("POST", "/proctors/{tenantId}/authenticate", "authenticate"),),
    ),
    Lambda(
        "examRegistrations",
        "functions.exam_registrations.handler",
        extra_routes=(
            Route("GET", "/examRegistrations/{tenantId}/calendar/{testingCenterCode}", "calendar"),
            Route("GET", "/examRegistrations/{tenantId}/byCandidate/{candidateId}", "byCandidate"),
        ),
    ),
    Lambda("examResults", "functions.exam_results.handler"),
    Lambda("apiKeys", "functions.api_keys.handler", operations=("create", "list", "get", "delete")),
    Lambda(
        "webhookEndpoints",
        "functions.webhook_endpoints.handler",
        operations=("create", "list", "get", "replace", "patch", "delete"),
        extra_routes=(
            Route("POST", "/webhookEndpoints/{tenantId}/{id}/rotateSecret", "rotateSecret"),
            Route("GET", "/webhookEndpoints/{tenantId}/{id}/deliveries", "deliveries"),
            Route("POST", "/webhookEndpoints/{tenantId}/{id}/replay", "replay"),
            Route("POST", "/webhookEndpoints/{tenantId}/{id}/test", "test"),
        ),
    ),
    Lambda(
        "events", "functions.events.handler", operations=(), extra_routes=(Route("GET", "/events/{tenantId}", "feed"),)
    ),
)

# Not behind API Gateway: runs on S3 ObjectCreated notifications (bulk-load sources, export requests).
BULK_WORKER_MODULE = "functions.bulk_jobs.handler"
# Not behind API Gateway: the table's stream (new event items) -> one queue message per endpoint.
WEBHOOK_FANOUT_MODULE = "functions.webhook_fanout.handler"
# Not behind API Gateway: the webhook queue -> one delivery attempt per message.
WEBHOOK_DISPATCHER_MODULE = "functions.webhook_dispatcher.handler"


def lambda_for(name: str) -> Lambda:
    return next(f for f in LAMBDAS if f.name == name)


def all_routes() -> list[tuple[Lambda, Route]]:
    return [(function, route) for function in LAMBDAS for route in function.routes]
