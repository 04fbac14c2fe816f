"""Lambda for exam results: written by the delivery platform, read (incrementally) by the client."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from shared import engine, read_models
from shared.api import Limit, PageToken, build_handler, current_caller, page_limit, page_response, resource_router
from shared.errors import BadRequest, field_error
from shared.models.common import Instant
from shared.resources import EXAM_RESULTS
from shared.routes import lambda_for

router = resource_router(EXAM_RESULTS, custom=("list",))
Since = Annotated[Instant | None, Query(description="ISO 8601 date-time with offset")]


@router.get(
    lambda_for("examResults").operation_route("list").powertools_path,
    tags=["examResults"],
    summary="List results; with completedSince, those completed since; with changedSince, the feed of writes",
    description="completedSince: results completed at or after it, oldest first. changedSince: results "
    "posted or changed at or after it and before the X-Changes-Until watermark of the response, oldest "
    "write first; poll again with changedSince set to the last page's X-Changes-Until to ingest every "
    "result, late or corrected ones included, exactly once.",
)
def list_results(
    tenantId: str,
    completedSince: Since = None,
    changedSince: Since = None,
    fields: Annotated[str | None, Query()] = None,
    limit: Limit = None,
    exclusiveStartKey: PageToken = None,
):
    caller = current_caller(router, tenantId, EXAM_RESULTS.read_roles)
    size, headers = page_limit(limit), {}
    if completedSince is not None and changedSince is not None:
        raise BadRequest(
            "use completedSince or changedSince, not both",
            [field_error("changedSince", "not allowed with completedSince", "conflicting-parameters")],
        )
    if changedSince is not None:
        items, token, until = read_models.results_changed_since(caller, changedSince, size, exclusiveStartKey)
        headers["X-Changes-Until"] = until
    elif completedSince is not None:
        items, token, _ = read_models.results_completed_since(caller, completedSince, size, exclusiveStartKey)
    else:
        items, token = engine.list_page(EXAM_RESULTS, caller, size, exclusiveStartKey)
    return page_response(router, items, token, fields, headers)


app, lambda_handler = build_handler(router)
