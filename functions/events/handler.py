"""Lambda for the event feed: every event of the tenant, oldest first, from a cursor."""

from typing import Annotated
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from shared import events
from shared.api import Limit, build_handler, current_caller, json_response, page_limit
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
    after = after or None  # `?after=` (an empty cursor: no event yet) reads from the start
    events.check_cursor("after", after)
    size = page_limit(limit)
    items, more = events.page(caller.tenant, after, size)
    readable = [events.feed_entry(i) for i in items if access.may_read(caller.role, i["type"], i.get("resource", ""))]
    cursor = items[-1]["id"] if items else (after or "")
    headers = {"X-Next-Cursor": cursor}
    if more:  # the next page is the next poll: from the cursor
        query = urlencode({"after": cursor, "limit": size})
        headers |= {"X-Last-Evaluated-Key": cursor, "Link": f'<{router.current_event.path}?{query}>; rel="next"'}
    return json_response(readable, headers=headers)


app, lambda_handler = build_handler(router)
