"""The delivery use case through the generated Python client (clients/python/, `make client`) only, on
both backends: every API call is one of its operations, every body one of its models, every answer
its parsed model. The one kind of HTTP of our own is S3's: the presigned upload and download URLs a
job hands out (sent with httpx, the client's own HTTP library, without the API key).

Each test runs in one tenant of this module (made with the CLI), whose admin issues the client and
delivery keys through the client's apiKeys operations."""

from __future__ import annotations

import csv
import datetime
import io
import time
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from exam_registration_api_client import AuthenticatedClient
from exam_registration_api_client.api.api_keys import api_keys_create as create_api_key
from exam_registration_api_client.api.candidates import (
    candidates_bulk_load_get as get_candidates_load,
)
from exam_registration_api_client.api.candidates import (
    candidates_bulk_load_start as start_candidates_load,
)
from exam_registration_api_client.api.candidates import (
    candidates_by_candidate_id as candidate_by_candidate_id,
)
from exam_registration_api_client.api.candidates import candidates_create as create_candidate
from exam_registration_api_client.api.candidates import (
    candidates_export_get as get_candidates_export,
)
from exam_registration_api_client.api.candidates import (
    candidates_export_start as start_candidates_export,
)
from exam_registration_api_client.api.exam_reg_processes import (
    exam_reg_processes_create as create_process,
)
from exam_registration_api_client.api.exam_reg_processes import (
    exam_reg_processes_eligible as eligible,
)
from exam_registration_api_client.api.exam_registrations import (
    exam_registrations_calendar as calendar,
)
from exam_registration_api_client.api.exam_registrations import (
    exam_registrations_create as create_registration,
)
from exam_registration_api_client.api.exam_registrations import (
    exam_registrations_get as get_registration,
)
from exam_registration_api_client.api.exam_results import exam_results_create as create_result
from exam_registration_api_client.api.exam_results import exam_results_list as list_results
from exam_registration_api_client.api.exams import exams_batch as batch_exams
from exam_registration_api_client.api.exams import exams_create as create_exam
from exam_registration_api_client.api.exams import exams_get as get_exam
from exam_registration_api_client.api.exams import exams_list as list_exams
from exam_registration_api_client.api.exams import exams_patch as patch_exam
from exam_registration_api_client.api.proctors import proctors_authenticate as sign_in
from exam_registration_api_client.api.proctors import proctors_create as create_proctor
from exam_registration_api_client.api.testing_centers import testing_centers_create as create_center
from exam_registration_api_client.models import (
    Address,
    ApiKey,
    ApiKeyCreate,
    ApiKeyCreateRole,
    BatchRequest,
    BatchRequestBatchOperation,
    BatchResult,
    BulkLoadRequest,
    BulkLoadRequestFormat,
    Candidate,
    CandidateCreate,
    Domain,
    DomainScore,
    Exam,
    ExamCreate,
    ExamRegistration,
    ExamRegistrationCreate,
    ExamRegistrationCreateDeliveryMode,
    ExamRegProcess,
    ExamRegProcessCreate,
    ExamRegProcessCreateCheckoutSettings,
    ExamRegProcessCreateConfirmationEmail,
    ExamRegProcessCreateContactFormOptions,
    ExamRegProcessCreateType,
    ExamResult,
    ExamResultCreate,
    ExportRequest,
    ExportRequestFormat,
    Job,
    PatchOperation,
    Problem,
    Proctor,
    ProctorCreate,
    ProctorCredentials,
)
from exam_registration_api_client.models import (
    TestingCenter as Center,
)
from exam_registration_api_client.models import (
    TestingCenterCreate as CenterCreate,
)
from exam_registration_api_client.types import UNSET, Response

from tests.integration.conftest import FEED_SETTLE_SECONDS

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]

TIMEOUT = httpx.Timeout(30.0)
FINAL = ("completed", "completed_with_errors", "failed")
PASSWORD = "correct horse battery"


@dataclass
class Tenant:
    name: str
    client: AuthenticatedClient  # a `client` key: the registration system
    delivery: AuthenticatedClient  # a `delivery` key: the test-delivery platform


def ok(response: Response[Any], status: int = 200) -> Any:
    """The parsed body of a response with `status`, which must not be a problem."""
    assert response.status_code == status, response.content
    assert response.parsed is not None and not isinstance(response.parsed, Problem), response.content
    return response.parsed


def key_client(server, key: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.base_url, token=key, timeout=TIMEOUT, raise_on_unexpected_status=True)


@pytest.fixture(scope="module")
def tenant(server) -> Tenant:
    name, admin_key = server.create_tenant("sdk")
    admin = key_client(server, admin_key)
    keys = {}
    for role in (ApiKeyCreateRole.CLIENT, ApiKeyCreateRole.DELIVERY):
        issued = ok(create_api_key.sync_detailed(name, client=admin, body=ApiKeyCreate(name=f"sdk {role}", role=role)))
        assert isinstance(issued, ApiKey) and isinstance(issued.key, str)
        keys[role] = issued.key
    return Tenant(
        name, key_client(server, keys[ApiKeyCreateRole.CLIENT]), key_client(server, keys[ApiKeyCreateRole.DELIVERY])
    )


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def new_exam(tenant: Tenant, **extra: Any) -> Exam:
    body = ExamCreate(
        name="Certified Widget Inspector",
        code=unique("CWI"),
        domains=[Domain(code="SAFETY", name="Safety", weight=40), Domain(code="QA", name="Quality", weight=60)],
        **extra,
    )
    exam = ok(create_exam.sync_detailed(tenant.name, client=tenant.client, body=body))
    assert isinstance(exam, Exam)
    return exam


@dataclass
class World:
    """What the registration system sends before a delivery: a center, its proctor, a candidate, an
    exam with domains, a registration process for it."""

    center: Center
    proctor: Proctor
    candidate: Candidate
    exam: Exam
    process: ExamRegProcess


def setup_world(tenant: Tenant) -> World:
    t, api = tenant.name, tenant.client
    code = unique("BOS")
    center = ok(
        create_center.sync_detailed(
            t, client=api, body=CenterCreate(code=code, name="Boston Downtown", timezone="America/New_York")
        )
    )
    proctor = ok(
        create_proctor.sync_detailed(
            t,
            client=api,
            body=ProctorCreate(
                username=unique("pat"), name="Pat Proctor", password=PASSWORD, testing_center_codes=[code]
            ),
        )
    )
    assert "password" not in proctor.to_dict()  # write-only: never answered
    candidate = ok(
        create_candidate.sync_detailed(
            t,
            client=api,
            body=CandidateCreate(
                candidate_id=unique("C"),
                first_name="Ada",
                last_name="Lovelace",
                address=Address(city="Boston", country="US"),
            ),
        )
    )
    exam = new_exam(tenant, passing_score=70)
    assert [(d.code, d.weight) for d in exam.domains] == [("SAFETY", 40), ("QA", 60)]
    process = ok(
        create_process.sync_detailed(
            t,
            client=api,
            body=ExamRegProcessCreate(
                name=unique("Standard registration"),
                type_=ExamRegProcessCreateType.REGISTER,
                exam_ids=[exam.id],
                restrict_exams=True,
                contact_form_options=ExamRegProcessCreateContactFormOptions(),
                checkout_settings=ExamRegProcessCreateCheckoutSettings(),
                confirmation_email=ExamRegProcessCreateConfirmationEmail(),
            ),
        )
    )
    assert isinstance(center, Center) and isinstance(proctor, Proctor)
    assert isinstance(candidate, Candidate) and isinstance(process, ExamRegProcess)
    return World(center, proctor, candidate, exam, process)


def register(tenant, world, **extra: Any) -> ExamRegistration:
    """The candidate registered for the exam at the center, through its process (late on 1 December)."""
    body = ExamRegistrationCreate(
        candidate_id=world.candidate.id,
        exam_id=world.exam.id,
        process_id=world.process.id,
        delivery_mode=ExamRegistrationCreateDeliveryMode.TEST_CENTER,
        testing_center_code=world.center.code,
        scheduled_at=datetime.datetime.fromisoformat("2026-12-01T23:30:00-05:00"),
        **extra,
    )
    return ok(create_registration.sync_detailed(tenant.name, client=tenant.client, body=body))


def test_the_registration_system_sets_up_a_delivery(tenant):
    world = setup_world(tenant)
    assert world.candidate.address.city == "Boston" and world.process.exam_ids == [world.exam.id]
    registration = register(tenant, world, accommodations=["extra time"])
    assert isinstance(registration, ExamRegistration)
    assert (registration.status, registration.accommodations) == ("registered", ["extra time"])


def test_the_delivery_use_case_end_to_end(tenant):
    t, api, delivery = tenant.name, tenant.client, tenant.delivery
    world = setup_world(tenant)

    # the registration system finds its candidate by its own id, then asks what it may register for
    found = ok(candidate_by_candidate_id.sync_detailed(t, world.candidate.candidate_id, client=api))
    assert isinstance(found, Candidate) and found.id == world.candidate.id
    offered = ok(eligible.sync_detailed(t, world.candidate.id, world.exam.id, client=api))
    assert offered.last_registration is None and [p.id for p in offered.processes] == [world.process.id]

    registration = register(tenant, world)
    # registered: no process is offered any more, and the last registration is this one
    after = ok(eligible.sync_detailed(t, world.candidate.id, world.exam.id, client=api))
    assert after.processes == [] and after.last_registration.id == registration.id

    # the delivery platform: the center's week (04:30 UTC on Dec 2 is Dec 1 in Boston), sign-in, the result
    week = ok(
        calendar.sync_detailed(
            t,
            world.center.code,
            client=delivery,
            from_=datetime.date(2026, 12, 1),
            to=datetime.date(2026, 12, 7),
        )
    )
    assert week.timezone == "America/New_York"
    assert {str(day.date): [r.id for r in day.registrations] for day in week.days if day.registrations} == {
        "2026-12-01": [registration.id]
    }
    signed_in = ok(
        sign_in.sync_detailed(
            t, client=delivery, body=ProctorCredentials(username=world.proctor.username, password=PASSWORD)
        )
    )
    assert (signed_in.id, signed_in.testing_center_codes) == (world.proctor.id, [world.center.code])
    wrong = sign_in.sync_detailed(
        t, client=delivery, body=ProctorCredentials(username=world.proctor.username, password="not the password")
    )
    assert wrong.status_code == 401 and isinstance(wrong.parsed, Problem)

    before_post = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
    result = ok(
        create_result.sync_detailed(
            t,
            client=delivery,
            body=ExamResultCreate(
                registration_id=registration.id,
                overall_score=82,
                passed=True,
                completed_at=datetime.datetime.fromisoformat("2026-12-02T02:10:00+00:00"),
                domain_scores=[DomainScore(domain_code="SAFETY", score=90), DomainScore(domain_code="QA", score=74)],
            ),
        )
    )
    assert isinstance(result, ExamResult)
    assert [(d.domain_code, d.domain_name) for d in result.domain_scores] == [("SAFETY", "Safety"), ("QA", "Quality")]
    scored = ok(get_registration.sync_detailed(t, registration.id, client=api))
    assert (scored.status, scored.score) == ("passed", 82)

    # the registration system follows the results feed: the result comes once, then the next window is empty
    time.sleep(FEED_SETTLE_SECONDS + 0.05)
    poll = list_results.sync_detailed(t, client=api, changed_since=before_post)
    assert [(r.id, r.overall_score, r.candidate.to_dict()["candidate_id"]) for r in ok(poll)] == [
        (result.id, 82, world.candidate.candidate_id)
    ]
    watermark = poll.headers["X-Changes-Until"]
    next_poll = list_results.sync_detailed(
        t, client=api, changed_since=datetime.datetime.fromisoformat(watermark.replace("Z", "+00:00"))
    )
    assert ok(next_poll) == [] and next_poll.headers["X-Changes-Until"] >= watermark


def test_a_list_paged_to_the_end_and_a_projected_list(tenant):
    t, api = tenant.name, tenant.client
    made = {new_exam(tenant).id for _ in range(5)}
    seen: list[str] = []
    pages = 0
    start: str | Any = UNSET
    while True:
        page = list_exams.sync_detailed(t, client=api, limit=2, exclusive_start_key=start)
        seen += [exam.id for exam in ok(page)]
        pages += 1
        if "X-Last-Evaluated-Key" not in page.headers:
            break
        start = page.headers["X-Last-Evaluated-Key"]
        assert pages < 100
    assert len(seen) == len(set(seen)) and made <= set(seen) and pages >= 3
    assert seen == [exam.id for exam in ok(list_exams.sync_detailed(t, client=api, limit=1000))]

    projected = ok(list_exams.sync_detailed(t, client=api, fields="code", limit=1000))
    assert [exam.id for exam in projected] == seen
    assert all(isinstance(exam.code, str) and exam.name is UNSET for exam in projected)
    one = ok(get_exam.sync_detailed(t, sorted(made)[0], client=api, fields="code"))
    assert isinstance(one.code, str) and one.domains is UNSET


def test_a_patch_guarded_by_if_match(tenant):
    t, api = tenant.name, tenant.client
    exam = new_exam(tenant, passing_score=70)
    read = get_exam.sync_detailed(t, exam.id, client=api)
    etag = read.headers["ETag"]
    assert etag == '"1"' and ok(read).sys_version == 1
    raise_score = [PatchOperation(op="replace", path="/passing_score", value=75)]
    patched = patch_exam.sync_detailed(t, exam.id, client=api, body=raise_score, if_match=etag)
    assert (ok(patched).passing_score, ok(patched).sys_version, patched.headers["ETag"]) == (75, 2, '"2"')
    stale = patch_exam.sync_detailed(
        t, exam.id, client=api, body=[PatchOperation(op="replace", path="/passing_score", value=10)], if_match=etag
    )
    assert stale.status_code == 412 and isinstance(stale.parsed, Problem) and stale.parsed.status == 412
    assert ok(get_exam.sync_detailed(t, exam.id, client=api, consistent_read=True)).passing_score == 75


def test_a_batch(tenant):
    t, api = tenant.name, tenant.client
    kept, dropped = new_exam(tenant), new_exam(tenant)
    body = BatchRequest(
        operations=[
            BatchRequestBatchOperation(
                id=kept.id,
                operation="patch",
                patch_directives=[PatchOperation(op="replace", path="/name", value="Renamed")],
            ),
            BatchRequestBatchOperation(id=dropped.id, operation="delete"),
            BatchRequestBatchOperation(id="NO-SUCH-EXAM", operation="delete"),
        ]
    )
    outcome = ok(batch_exams.sync_detailed(t, client=api, body=body))
    assert isinstance(outcome, BatchResult) and (outcome.success_count, outcome.error_count) == (2, 1)
    assert [(r.id, r.status) for r in outcome.results] == [(kept.id, 200), (dropped.id, 200), ("NO-SUCH-EXAM", 404)]
    assert isinstance(outcome.results[2].error, Problem)
    assert ok(get_exam.sync_detailed(t, kept.id, client=api, consistent_read=True)).name == "Renamed"
    assert get_exam.sync_detailed(t, dropped.id, client=api).status_code == 404


def wait_for(get_job, tenant: Tenant, job_id: str) -> Job:
    deadline = time.monotonic() + 90
    while True:
        job = ok(get_job.sync_detailed(tenant.name, job_id, client=tenant.client))
        if str(job.status) in FINAL or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def test_a_bulk_load_through_its_presigned_upload_then_an_export_downloaded(tenant):
    t, api = tenant.name, tenant.client
    prefix = unique("BULK")
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["candidate_id", "first_name", "last_name", "address.city", "address.country"])
    writer.writerows([f"{prefix}-{n}", "First", f"Last{n}", "Boston", "US"] for n in range(1, 11))

    started = ok(
        start_candidates_load.sync_detailed(
            t,
            client=api,
            body=BulkLoadRequest(format_=BulkLoadRequestFormat.CSV, file_name="people.csv"),
        ),
        202,
    )
    assert str(started.status) == "awaiting_upload" and started.upload_url.startswith("http://127.0.0.1:")
    upload = httpx.put(started.upload_url, content=rows.getvalue().encode(), timeout=TIMEOUT)  # S3, not the API
    assert upload.status_code == 200, upload.text
    done = wait_for(get_candidates_load, tenant, started.id)
    assert (str(done.status), done.total, done.succeeded, done.failed) == ("completed", 10, 10, 0)

    export = ok(
        start_candidates_export.sync_detailed(
            t,
            client=api,
            body=ExportRequest(format_=ExportRequestFormat.CSV),
        ),
        202,
    )
    exported = wait_for(get_candidates_export, tenant, export.id)
    assert str(exported.status) == "completed"
    download = httpx.get(exported.download_url, timeout=TIMEOUT)  # S3, not the API
    assert download.status_code == 200
    mine = sorted(
        (r["candidate_id"], r["last_name"], r["address.city"], r["sys_bulk_load_id"])
        for r in csv.DictReader(io.StringIO(download.text))
        if r["candidate_id"].startswith(prefix)
    )
    assert mine == sorted((f"{prefix}-{n}", f"Last{n}", "Boston", started.id) for n in range(1, 11))
