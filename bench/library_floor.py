"""The least any handler built on this project's libraries can cost: a Powertools REST resolver with
request validation, a pydantic body model, the Powertools Logger and a botocore DynamoDB client —
and no project code at all.

The cold-start and warm sections measure it beside the real handlers: where this floor alone is
already past an issue-6 target, the target cannot be met with these libraries, whatever the
project's own code does. The routes make the same DynamoDB calls as the real GET (one GetItem) and
POST (one TransactWriteItems of three Puts: the record, its unique-code claim, the tenant counter).
"""

from __future__ import annotations

import json
import os
from typing import Annotated, Any

import botocore.session
from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from pydantic import BaseModel, Field

logger = Logger(service="library-floor")
_client: Any = None


class Domain(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    weight: float = Field(ge=0, le=100)


class ExamIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    code: str = Field(min_length=1, max_length=64)
    description: str | None = None
    domains: list[Domain] = []
    passing_score: float | None = None
    is_active: bool = True


def client() -> Any:
    global _client
    if _client is None:
        _client = botocore.session.get_session().create_client("dynamodb")
    return _client


app = APIGatewayRestResolver(enable_validation=True)


@app.get("/<resource>/<tenantId>/<id>")
def get_record(resource: str, tenantId: str, id: str):
    item = client().get_item(
        TableName=os.environ["TABLE_NAME"], Key={"pk": {"S": f"{tenantId}#{resource}"}, "sk": {"S": id}}
    )
    return _json({"id": id, "found": "Item" in item})


@app.post("/<resource>/<tenantId>")
def create_record(resource: str, tenantId: str, body: Annotated[ExamIn, Body()]):
    table, record = os.environ["TABLE_NAME"], body.model_dump()
    client().transact_write_items(
        TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": f"{tenantId}#{resource}"}, "sk": {"S": body.code}}}},
            {"Put": {"TableName": table, "Item": {"pk": {"S": f"{tenantId}#claim"}, "sk": {"S": body.code}}}},
            {"Put": {"TableName": table, "Item": {"pk": {"S": f"{tenantId}#count"}, "sk": {"S": resource}}}},
        ]
    )
    return _json(record)


def _json(body: Any) -> Response:
    """A ready Response, as the project's handlers return: Powertools then skips encoding and
    validating the return value, its most expensive way to answer."""
    return Response(status_code=200, content_type="application/json", body=json.dumps(body))


@logger.inject_lambda_context
def lambda_handler(event: dict, context: Any) -> dict:
    return app.resolve(event, context)
