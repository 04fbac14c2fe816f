"""Resource declarations: each resource is a model plus a few lines here."""

from __future__ import annotations

from typing import Any

from shared import keys, store
from shared.auth import ADMIN, DELIVERY, Caller, hash_key, new_key
from shared.engine import ALL_ROLES, Hooks, Index, Reference, ResourceSpec, WriteExtras
from shared.errors import BadRequest, Conflict, field_error
from shared.models.api_keys import ApiKeyIn
from shared.models.candidates import CandidateIn
from shared.models.exam_reg_processes import ExamRegProcessIn
from shared.models.exam_registrations import ExamRegistrationIn
from shared.models.exam_results import ExamResultIn
from shared.models.exams import ExamIn
from shared.models.proctors import ProctorIn
from shared.models.testing_centers import REMOTE, TestingCenterIn
from shared.webhooks import endpoints as webhook_endpoints

EXAMS = ResourceSpec(name="exams", model=ExamIn, unique=("code",), label="exam")

EXAM_REG_PROCESSES = ResourceSpec(
    name="examRegProcesses",
    model=ExamRegProcessIn,
    references=(Reference("exam_ids", "exams"),),
    label="exam reg process",
)


class ApiKeyHooks(Hooks):
    """A key's secret is shown once; only its SHA-256 is stored, in a lookup item the authorizer reads."""

    def on_write(self, caller: Caller, record: dict[str, Any], current: dict[str, Any] | None) -> WriteExtras:
        key = record.pop("_preset_key", None) or new_key()  # a preset comes only from shared.tenants
        key_hash = hash_key(key)
        record["key_prefix"] = key[:8]
        lookup = {
            **keys.api_key_lookup_key(key_hash),
            "tenant": caller.tenant,
            "role": record["role"],
            "key_id": record["id"],
        }
        return WriteExtras({"_key_hash": key_hash}, [(store.put_new(lookup), None)], {"key": key})

    extra_operations = 1  # the lookup item

    def on_delete(self, caller: Caller, current: dict[str, Any]) -> list[store.Operation]:
        return [store.delete_item(keys.api_key_lookup_key(current["_key_hash"]))]


API_KEYS = ResourceSpec(
    name="apiKeys",
    model=ApiKeyIn,
    read_roles=frozenset({ADMIN}),
    write_roles=frozenset({ADMIN}),
    hooks=ApiKeyHooks(),
    label="API key",
    emits_events=False,  # a key is no business record; its events would only tell who holds one
)


CANDIDATES = ResourceSpec(name="candidates", model=CandidateIn, unique=("candidate_id",), label="candidate")

TESTING_CENTERS = ResourceSpec(name="testingCenters", model=TestingCenterIn, unique=("code",), label="testing center")


class ProctorHooks(Hooks):
    """The password is hashed (Argon2id) into an internal attribute; the record never holds it."""

    def on_write(self, caller: Caller, record: dict[str, Any], current: dict[str, Any] | None) -> WriteExtras:
        from shared.passwords import hash_password

        password = record.pop("password", None)
        if password is None:
            if current is None:
                raise BadRequest("a new proctor needs a password", [field_error("password", "required", "missing")])
            return WriteExtras()
        return WriteExtras(internal={"_password_hash": hash_password(password)})


PROCTORS = ResourceSpec(
    name="proctors",
    model=ProctorIn,
    unique=("username",),
    references=(Reference("testing_center_codes", "testingCenters", by="code"),),
    hooks=ProctorHooks(),
    write_only=("password",),
    label="proctor",
)

EXAM_REGISTRATIONS = ResourceSpec(
    name="examRegistrations",
    model=ExamRegistrationIn,
    references=(
        Reference("candidate_id", "candidates"),
        Reference("exam_id", "exams"),
        Reference("process_id", "examRegProcesses"),
        Reference("testing_center_code", "testingCenters", by="code"),
    ),
    indexes=(
        Index(
            "calendar",
            "gsi1",
            partition=lambda r: r.get("testing_center_code") or REMOTE,
            sort=lambda r: keys.time_sort_key(r["scheduled_at"], r["id"]),
            time_field="scheduled_at",
        ),
        Index("candidate", "gsi2", partition=lambda r: r["candidate_id"], sort=lambda r: r["id"]),
    ),
    label="exam registration",
)


class ExamResultHooks(Hooks):
    """A result copies in its candidate and exam, and in the same transaction marks its registration
    passed or failed with the score (and counts itself as a reference to it)."""

    def on_write(self, caller: Caller, record: dict[str, Any], current: dict[str, Any] | None) -> WriteExtras:
        tenant, registration_id = caller.tenant, record["registration_id"]
        if current is not None and current["registration_id"] != registration_id:
            raise BadRequest(
                "a result cannot move to another registration",
                [field_error("registration_id", "cannot change", "immutable")],
            )
        registration_key = keys.record_key(tenant, "examRegistrations", registration_id)
        registration = store.get(registration_key, consistent=True)
        if registration is None:
            raise Conflict(
                "the exam result refers to a record that does not exist",
                [
                    field_error(
                        "registration_id",
                        "no examRegistrations record has this id",
                        "missing-reference",
                    )
                ],
            )
        # One BatchGetItem for both (eventually consistent, as two GetItems were): one round trip.
        exam_key = keys.record_key(tenant, "exams", registration["exam_id"])
        candidate_key = keys.record_key(tenant, "candidates", registration["candidate_id"])
        exam, candidate = (item or {} for item in store.batch_get([exam_key, candidate_key]))
        domain_names = {d["code"]: d["name"] for d in exam.get("domains", [])}
        unknown = [
            field_error(f"domain_scores[{i}].domain_code", "the exam has no such domain", "unknown-domain")
            for i, d in enumerate(record.get("domain_scores", []))
            if d["domain_code"] not in domain_names
        ]
        if unknown:
            raise BadRequest("domain scores must name domains of the registration's exam", unknown)
        for score in record.get("domain_scores", []):
            score["domain_name"] = domain_names[score["domain_code"]]
        record["candidate"] = {k: candidate.get(k) for k in ("id", "candidate_id", "first_name", "last_name")}
        record["exam"] = {k: exam.get(k) for k in ("id", "name", "code")}

        registration_update = {
            "status": "passed" if record["passed"] else "failed",
            "score": record["overall_score"],
            "sys_version": registration["sys_version"] + 1,
            "sys_last_modified_at": record["sys_last_modified_at"],
            "sys_last_modified_by_id": caller.key_id,
            "sys_last_security_context": caller.security_context(),
        }
        operation = store.update_record(
            registration_key,
            registration_update,
            [],
            registration["sys_version"],
            add_references=1 if current is None else 0,
        )
        changed = Conflict("the registration changed while the result was written; retry")
        updated = {**store.public(registration), **registration_update}
        return WriteExtras(operations=[(operation, changed)], events=[("examRegistrations.updated", updated)])

    extra_operations = 1  # the registration's update
    extra_events = 1  # examRegistrations.updated

    def on_delete(self, caller: Caller, current: dict[str, Any]) -> list[store.Operation]:
        registration = keys.record_key(caller.tenant, "examRegistrations", current["registration_id"])
        return [store.add_references(registration, -1)]


EXAM_RESULTS = ResourceSpec(
    name="examResults",
    model=ExamResultIn,
    unique=("registration_id",),
    write_roles=frozenset({ADMIN, DELIVERY}),
    read_roles=ALL_ROLES,
    hooks=ExamResultHooks(),
    indexes=(
        Index(
            "completed",
            "gsi1",
            sort=lambda r: keys.time_sort_key(r["completed_at"], r["id"]),
            time_field="completed_at",
        ),
        # The feed of results as written (posted, corrected, bulk-loaded): `changedSince`.
        Index(
            "changed",
            "gsi2",
            sort=lambda r: keys.time_sort_key(r["sys_last_modified_at"], r["id"]),
            time_field="sys_last_modified_at",
        ),
    ),
    export_window="completed",
    keyed_lists={"domain_scores": ("domain_code", "score")},
    label="exam result",
)

WEBHOOK_ENDPOINTS = webhook_endpoints.spec()

# Resources that take bulk loads and exports (API keys do not: their secrets are issued one by one).
BULK_RESOURCES = {
    spec.name: spec
    for spec in (EXAMS, EXAM_REG_PROCESSES, CANDIDATES, TESTING_CENTERS, PROCTORS, EXAM_REGISTRATIONS, EXAM_RESULTS)
}
