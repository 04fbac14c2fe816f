"""Lambda for exam registrations: the generic contract, the testing-center calendar, and a
candidate's registrations."""

from datetime import date
from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from shared import read_models
from shared.api import Limit, PageToken, build_handler, current_caller, page_limit, page_response, resource_router
from shared.resources import EXAM_REGISTRATIONS
from shared.routes import lambda_for

router = resource_router(EXAM_REGISTRATIONS)
ROUTES = lambda_for("examRegistrations")
READERS = EXAM_REGISTRATIONS.read_roles


@router.get(
    ROUTES.named_route("calendar").powertools_path,
    tags=["examRegistrations"],
    summary="A testing center's registrations by local day ('REMOTE': remote ones by UTC day)",
)
def calendar(
    tenantId: str,
    testingCenterCode: str,
    from_: Annotated[date, Query(alias="from")],
    to: Annotated[date, Query()],
    limit: Limit = None,
    exclusiveStartKey: PageToken = None,
):
    caller = current_caller(router, tenantId, READERS)
    body, token = read_models.calendar(caller, testingCenterCode, from_, to, page_limit(limit), exclusiveStartKey)
    return page_response(router, body, token)


@router.get(
    ROUTES.named_route("byCandidate").powertools_path,
    tags=["examRegistrations"],
    summary="A candidate's registrations, newest first",
)
def by_candidate(
    tenantId: str,
    candidateId: str,
    fields: Annotated[str | None, Query()] = None,
    limit: Limit = None,
    exclusiveStartKey: PageToken = None,
):
    caller = current_caller(router, tenantId, READERS)
    items, token, _ = read_models.registrations_of(caller, candidateId, page_limit(limit), exclusiveStartKey)
    return page_response(router, items, token, fields)


app, lambda_handler = build_handler(router)
