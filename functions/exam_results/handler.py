"""Lambda for exam results: written by the delivery platform, read (incrementally) by the client."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime

from shared import delivery, engine
from shared.api import Limit, PageToken, build_handler, current_caller, page_limit, page_response, resource_router
from shared.resources import EXAM_RESULTS
from shared.routes import function_for

router = resource_router(EXAM_RESULTS, custom=("list",))


@router.get(
    function_for("examResults").operation_route("list").powertools_path,
    tags=["examResults"],
    summary="List results; with completedSince, those completed at or after it, oldest first",
)
def list_results(
    tenantId: str,
    completedSince: Annotated[AwareDatetime | None, Query(description="ISO 8601 date-time with offset")] = None,
    fields: Annotated[str | None, Query()] = None,
    limit: Limit = None,
    exclusiveStartKey: PageToken = None,
):
    caller = current_caller(router, tenantId, EXAM_RESULTS.read_roles)
    if completedSince is None:
        items, token = engine.list_page(EXAM_RESULTS, caller, page_limit(limit), exclusiveStartKey)
    else:
        items, token = delivery.results_completed_since(caller, completedSince, page_limit(limit), exclusiveStartKey)
    return page_response(router, items, token, fields)


app, lambda_handler = build_handler(router)
