"""Lambda for webhook endpoints: the generic contract, secret rotation, the deliveries log, replay
and a test event."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Body

from shared.api import (
    Limit,
    PageToken,
    build_handler,
    current_caller,
    json_response,
    page_limit,
    page_response,
    resource_router,
)
from shared.resources import WEBHOOK_ENDPOINTS
from shared.routes import lambda_for
from shared.webhooks import endpoints
from shared.webhooks.endpoints import ReplayRequest

router = resource_router(WEBHOOK_ENDPOINTS)
ROUTES = lambda_for("webhookEndpoints")
MANAGERS = WEBHOOK_ENDPOINTS.write_roles
TAGS = ["webhookEndpoints"]


@router.post(ROUTES.named_route("rotateSecret").powertools_path, tags=TAGS, summary="Rotate the signing secret")
def rotate_secret(tenantId: str, id: str):
    caller = current_caller(router, tenantId, MANAGERS)
    return json_response(endpoints.rotate_secret(caller, id))


@router.get(ROUTES.named_route("deliveries").powertools_path, tags=TAGS, summary="Delivery attempts, newest first")
def deliveries(tenantId: str, id: str, limit: Limit = None, exclusiveStartKey: PageToken = None):
    caller = current_caller(router, tenantId, MANAGERS)
    items, token = endpoints.deliveries(caller, id, page_limit(limit), exclusiveStartKey)
    return page_response(router, items, token)


@router.post(ROUTES.named_route("replay").powertools_path, tags=TAGS, summary="Deliver events again")
def replay(tenantId: str, id: str, body: Annotated[ReplayRequest, Body()]):
    caller = current_caller(router, tenantId, MANAGERS)
    return json_response(endpoints.replay(caller, id, body.model_dump(exclude_none=True)), status=202)


@router.post(ROUTES.named_route("test").powertools_path, tags=TAGS, summary="Send a webhookEndpoints.test event")
def send_test(tenantId: str, id: str):
    caller = current_caller(router, tenantId, MANAGERS)
    return json_response(endpoints.send_test(caller, id), status=202)


app, lambda_handler = build_handler(router)
