"""Lambda for the event feed: every event of the tenant, oldest first, from a cursor."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from shared import events
from shared.api import Limit, build_handler, current_caller, page_limit, page_response
from shared.engine import ALL_ROLES
from shared.routes import lambda_for
from shared.webhooks import access

router = APIGatewayRouter()
ROUTE = lambda_for("events").named_route("feed")


@router.get(ROUTE.powertools_path, tags=["events"], summary="The tenant's events after a cursor, oldest first")
def feed(
    tenantId: str,
    after: Annotated[str | None, Query(max_length=64, description="X-Next-Cursor of the previous poll")] = None,
    limit: Limit = None,
):
    caller = current_caller(router, tenantId, ALL_ROLES)
    events.check_cursor("after", after)
    items, more = events.page(caller.tenant, after, page_limit(limit))
    readable = [events.feed_entry(i) for i in items if access.may_read(caller.role, i["type"], i.get("resource", ""))]
    cursor = items[-1]["id"] if items else (after or "")
    headers = {"X-Next-Cursor": cursor}
    return page_response(router, readable, cursor if more else None, headers=headers)


app, lambda_handler = build_handler(router)
