"""API Gateway REST proxy events from plain HTTP requests, and responses back: what API Gateway
does in front of the Lambdas, done for the local server, the tests and `make invoke`."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from shared.gateway_contract import BINARY_MEDIA_TYPES
from shared.routes import Lambda, Route


def match(route: Route, path: str) -> dict[str, str] | None:
    pattern = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(route.path)) + "$"
    found = re.match(pattern, path)
    return found.groupdict() if found else None


def resolve(functions: tuple[Lambda, ...], method: str, path: str) -> tuple[Lambda, Route, dict] | None:
    """The function and route for a request; literal segments win over parameters, as in API Gateway."""
    candidates = []
    for function in functions:
        for route in function.routes:
            if route.method == method and (params := match(route, path)) is not None:
                candidates.append((route.path.count("{"), function, route, params))
    if not candidates:
        return None
    _, function, route, params = min(candidates, key=lambda c: c[0])
    return function, route, params


def path_known(functions: tuple[Lambda, ...], path: str) -> bool:
    return any(match(route, path) is not None for f in functions for route in f.routes)


def build_event(
    method: str,
    path: str,
    route: Route,
    path_params: dict[str, str],
    headers: dict[str, str] | None = None,
    query: str = "",
    body: bytes | str | None = None,
    authorizer: dict[str, Any] | None = None,
    source_ip: str = "127.0.0.1",
    stage: str = "local",
) -> dict[str, Any]:
    headers = dict(headers or {})
    multi_query = parse_qs(query, keep_blank_values=True) if query else {}
    if isinstance(body, bytes):
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
        if content_type.startswith(BINARY_MEDIA_TYPES):
            body, is_base64 = base64.b64encode(body).decode(), True
        else:
            body, is_base64 = body.decode("utf-8", errors="replace"), False
    else:
        is_base64 = False
    request_id = str(uuid.uuid4())
    return {
        "resource": route.path,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": path_params or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": route.path,
            "httpMethod": method,
            "path": f"/{stage}{path}",
            "stage": stage,
            "requestId": request_id,
            "extendedRequestId": request_id,
            "requestTimeEpoch": int(time.time() * 1000),
            "identity": {"sourceIp": source_ip},
            "authorizer": authorizer,
            "accountId": "000000000000",
            "apiId": "local",
            "protocol": "HTTP/1.1",
        },
        "body": body,
        "isBase64Encoded": is_base64,
    }


def authorizer_event(headers: dict[str, str], path_params: dict[str, str], method: str, path: str) -> dict:
    """The REQUEST authorizer's input for a request."""
    return {
        "type": "REQUEST",
        "methodArn": f"arn:aws:execute-api:us-east-1:000000000000:local/local/{method}{path}",
        "headers": headers,
        "pathParameters": path_params,
        "httpMethod": method,
        "path": path,
    }


@dataclass
class Reply:
    """A Lambda proxy response as an HTTP client sees it (status, headers, raw body)."""

    status: int
    headers: dict[str, str]
    raw: bytes

    @classmethod
    def of(cls, response: dict[str, Any]) -> Reply:
        return cls(*response_parts(response))

    def json(self) -> Any:
        return json.loads(self.raw)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


def response_parts(response: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    headers = dict(response.get("headers") or {})
    for name, values in (response.get("multiValueHeaders") or {}).items():
        headers[name] = ", ".join(str(v) for v in values)
    body = response.get("body") or ""
    raw = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()
    return int(response.get("statusCode", 500)), headers, raw


class LambdaContext:
    """The attributes Powertools reads from the Lambda context object."""

    def __init__(self, function_name: str):
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:000000000000:function:{function_name}"
        self.memory_limit_in_mb = 512
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000
