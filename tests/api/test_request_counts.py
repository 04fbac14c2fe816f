"""The DynamoDB requests each route makes (issue 6, item 3), counted exactly with botocore hooks on
`shared.store.client()`: every route of every function once, handlers invoked in-process with the
authorizer's context, against moto in-process. The scenario is `bench.counts`, which `make bench`
reports against the issue's targets; a change here is a change in what every call costs."""

from __future__ import annotations

from bench.counts import run_scenario

# A change is one transaction: the record's conditional update and its event (shared/events.py).
READ_THEN_UPDATE = {"GetItem": 1, "TransactWriteItems": 1}
GENERIC = {
    "create": {"TransactWriteItems": 1},
    "get": {"GetItem": 1},
    "list": {"Query": 1},
    "replace": READ_THEN_UPDATE,
    "patch": READ_THEN_UPDATE,
    # one patch operation: the batch reads all its records in one consistent BatchGetItem
    "batch": {"BatchGetItem": 1, "TransactWriteItems": 1},
    # The read tells which unique values to release and which references to decrement (and
    # refuses a referenced record); see docs/performance.md.
    "delete": {"GetItem": 1, "TransactWriteItems": 1},
}
RESOURCES = ("testingCenters", "exams", "candidates", "examRegProcesses", "proctors", "examRegistrations")

# A result's write also reads its registration (consistently: it updates it in the same
# transaction) and, in one BatchGetItem, the exam and candidate it copies in.
RESULT_WRITE = {"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1}
RESULT_CHANGE = {"GetItem": 2, "BatchGetItem": 1, "TransactWriteItems": 1}

EXPECTED = {
    **{(name, op): requests for name in RESOURCES for op, requests in GENERIC.items()},
    **{("examResults", op): GENERIC[op] for op in ("get", "list", "delete")},
    ("examResults", "create"): RESULT_WRITE,
    ("examResults", "replace"): RESULT_CHANGE,
    ("examResults", "patch"): RESULT_CHANGE,
    ("examResults", "batch"): {"GetItem": 1, "BatchGetItem": 2, "TransactWriteItems": 1},
    **{("apiKeys", op): GENERIC[op] for op in ("create", "get", "list", "delete")},
    # Events ride in the write's own transaction: a write makes no extra request to produce one.
    # With an Idempotency-Key (shared/idempotency.py): the in-progress item's conditional PutItem,
    # the create, the answer stored; a replay's PutItem fails its condition and returns the stored
    # item (ReturnValuesOnConditionCheckFailure), so it reads nothing else.
    ("exams", "create+Idempotency-Key"): {"PutItem": 1, "TransactWriteItems": 1, "UpdateItem": 1},
    ("exams", "create+Idempotency-Key replay"): {"PutItem": 1},
    ("authorizer", "authorize"): {"GetItem": 1},
    ("candidates", "byCandidateId"): {"GetItem": 2},  # the unique claim, then the record
    ("examRegProcesses", "eligible"): {"GetItem": 3, "Query": 1},  # passed already: no process list
    ("proctors", "authenticate"): {"GetItem": 3},  # lockout state, username claim, proctor
    ("examRegistrations", "calendar"): {"GetItem": 2, "Query": 1},  # the center's time zone by code
    ("examRegistrations", "byCandidate"): {"GetItem": 1, "Query": 1},
    ("examResults", "completedSince"): {"Query": 1},
    ("examResults", "changedSince"): {"Query": 1},
}


def test_dynamodb_requests_per_route(keys):
    rows = run_scenario(keys["demo"])
    counted = {(row["function"], row["operation"]): row["requests"] for row in rows}
    assert len(counted) == len(rows), "each route is called once"
    assert not [row for row in rows if "Scan" in row["requests"]], "no route scans"
    assert counted == EXPECTED


def test_producing_events_adds_no_request_and_one_item_per_event(keys):
    """Events ride in the write's own transaction (shared/engine/transaction.py): against the same
    routes built with `emits_events` off, a write makes as many requests and writes one more item
    per event (a result's create: examResults.created and examRegistrations.updated)."""
    from bench.webhooks import event_costs

    rows = event_costs(keys["demo"], "demo", keys["other"], "other")
    assert {(r["resource"], r["operation"]): (r["requests_added"], r["items_added"]) for r in rows} == {
        ("exams", "create"): (0, 1),
        ("exams", "patch"): (0, 1),
        ("exams", "replace"): (0, 1),
        ("exams", "delete"): (0, 1),
        ("examResults", "create"): (0, 2),
    }
