"""Lambda for proctors: the generic contract, plus sign-in for the delivery platform."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Body

from shared.api import build_handler, current_caller, json_response, resource_router
from shared.auth import ADMIN, DELIVERY
from shared.models.proctors import ProctorCredentials
from shared.proctor_auth import authenticate
from shared.resources import PROCTORS
from shared.routes import lambda_for

router = resource_router(PROCTORS)


@router.post(
    lambda_for("proctors").named_route("authenticate").powertools_path,
    tags=["proctors"],
    summary="Check a proctor's username and password (delivery and admin keys)",
)
def sign_in(tenantId: str, body: Annotated[ProctorCredentials, Body()]):
    caller = current_caller(router, tenantId, frozenset({DELIVERY, ADMIN}))
    return json_response(authenticate(caller, body.username, body.password))


app, lambda_handler = build_handler(router)
