"""The HTTP layer: Powertools resolvers, routes of the generic contract, problem+json errors.

Route functions only translate HTTP to engine calls. Paths come from the route table
(`shared.routes`), so the stack, the local server and the handlers agree."""

import base64
import json
import os
import re
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Body, Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from shared import engine, idempotency, json_input
from shared.auth import Caller, caller_from_request_context, require
from shared.errors import (
    PROBLEM_JSON,
    ApiError,
    BadRequest,
    InternalError,
    NotFound,
    UnsupportedMediaType,
    field_error,
    pydantic_errors,
)
from shared.gateway_contract import CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS
from shared.models.base import BatchRequest, PatchOperation, creation_model, output_model
from shared.routes import lambda_for
from shared.settings import get_settings

logger = Logger()

JSON = "application/json"
MAX_PAGE = 1000


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response[str]:
    return Response(status_code=status, content_type=JSON, body=json.dumps(body), headers=headers or {})


def problem_response(error: ApiError, instance: str | None = None) -> Response[str]:
    return Response(
        status_code=int(error.status),
        content_type=PROBLEM_JSON,
        body=json.dumps(error.to_problem(instance)),
        headers=error.headers,
    )


def cors_config() -> CORSConfig | None:
    """From `CORS_ALLOWED_ORIGINS` (comma-separated, set by the stack when `corsOrigins` is); else no CORS."""
    origins = [o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o.strip()]
    if not origins:
        return None
    return CORSConfig(
        allow_origin=origins[0],
        extra_origins=origins[1:],
        allow_headers=list(CORS_ALLOW_HEADERS),  # as the stack's preflights (shared/gateway_contract.py)
        expose_headers=list(CORS_EXPOSE_HEADERS),
    )


def make_resolver() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(enable_validation=True, cors=cors_config(), json_body_deserializer=_ParsedBody.loads)

    # Powertools' exception_handler has no return annotation, so mypy takes it for an untyped
    # decorator; it registers the function and returns it unchanged.
    @app.exception_handler(ApiError)  # type: ignore[untyped-decorator]
    def _api_error(error: ApiError) -> Response[str]:
        return problem_response(error, app.current_event.path)

    @app.exception_handler(RequestValidationError)  # type: ignore[untyped-decorator]  # as above
    def _invalid_request(error: RequestValidationError) -> Response[str]:
        # Powertools answers 422 by default; this API answers 400, as its contract says.
        errors = pydantic_errors(error.errors(), skip_prefix=("body", "query", "path", "header"))
        return problem_response(BadRequest("the request is not valid", errors), app.current_event.path)

    @app.exception_handler(NotFoundError)  # type: ignore[untyped-decorator]  # as above
    def _no_route(_error: NotFoundError) -> Response[str]:
        return problem_response(NotFound("no such route"), app.current_event.path)

    @app.exception_handler(Exception)  # type: ignore[untyped-decorator]  # as above
    def _unexpected(_error: Exception) -> Response[str]:
        logger.exception("unhandled error")
        return problem_response(
            InternalError("an unexpected error occurred; it has been logged"), app.current_event.path
        )

    return app


# A Lambda entry point: (event, context) -> the proxy integration's answer.
LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def build_handler(*routers: APIGatewayRouter) -> tuple[APIGatewayRestResolver, LambdaHandler]:
    """The Lambda entry point for a set of routers. Settings are checked here, at cold start."""
    get_settings()
    app = make_resolver()
    for router in routers:
        app.include_router(router)

    # No Powertools Tracer: it loads the X-Ray SDK (~0.25 s of cold start) on every function.
    # Lambda's active tracing still records each invocation and its AWS calls' latency.
    @logger.inject_lambda_context
    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        # The correlation id of API_GATEWAY_REST (requestContext.requestId), read directly: the
        # decorator's correlation_id_path runs a JMESPath search on every request.
        request_context = event.get("requestContext")
        logger.set_correlation_id(request_context.get("requestId") if isinstance(request_context, dict) else None)
        refused = _gate_body(event)
        if refused is not None:
            return refused
        try:
            return idempotency.guard(event, context, _ParsedBody.value, lambda: app.resolve(event, context))
        except ApiError as error:  # a refused Idempotency-Key, or one in use
            return _refusal(event, error)

    return app, lambda_handler


_FILE_TYPE = re.compile(r"^(text/csv|application/(x-)?ndjson)\s*(;.*)?$", re.IGNORECASE)
_JSON_TYPE = re.compile(r"^application/([\w.+-]+\+)?json\s*(;.*)?$", re.IGNORECASE)
_WITH_BODY = ("POST", "PUT", "PATCH")


class _ParsedBody:
    """The body the gate parsed, handed to the resolver so it is not parsed twice (one request at a
    time per environment)."""

    text: str | None = None
    value: Any = None

    @classmethod
    def loads(cls, text: str) -> Any:
        if text == cls.text:
            return cls.value
        return json_input.loads(text)


def _gate_body(event: dict[str, Any]) -> dict[str, Any] | None:
    """Every body is checked here, before routing, once for every route: `application/json` (or any
    `application/*+json` such as json-patch+json, normalised here), else 415 (bulk-load files aside);
    then read strictly (`shared.json_input`): a JSON array for PATCH (RFC 6902), a JSON object for
    every other method. Answers the refusal, or None to go on."""
    _ParsedBody.text = _ParsedBody.value = None
    if not event.get("body"):
        return None
    headers = event.get("headers") or {}
    name = next((k for k in headers if k.lower() == "content-type"), None)
    if name and str(event.get("resource", "")).endswith("/bulkLoads") and _FILE_TYPE.match(headers[name] or ""):
        return None  # a bulk-load file sent inline
    if name is not None and not _JSON_TYPE.match(headers[name] or ""):
        return _refusal(event, UnsupportedMediaType("unsupported Content-Type; send application/json"))
    if name is not None:
        headers[name] = "application/json"
    for multi_name in list(event.get("multiValueHeaders") or {}):
        if multi_name.lower() == "content-type":
            event["multiValueHeaders"][multi_name] = ["application/json"]
    method = str(event.get("httpMethod", "")).upper()
    if method not in _WITH_BODY:
        return None
    text = event["body"]
    if event.get("isBase64Encoded"):
        text = base64.b64decode(text).decode("utf-8", "surrogateescape")
    try:
        value = json_input.loads(text)
    except ApiError as error:
        return _refusal(event, error)
    expected, kind = (list, "array (RFC 6902 operations)") if method == "PATCH" else (dict, "object")
    if not isinstance(value, expected):
        return _refusal(
            event, BadRequest(f"the body must be a JSON {kind}", [field_error("(body)", f"not a JSON {kind}", "type")])
        )
    _ParsedBody.text, _ParsedBody.value = text, value
    return None


def _refusal(event: dict[str, Any], error: ApiError) -> dict[str, Any]:
    return {
        "statusCode": int(error.status),
        "headers": {"Content-Type": PROBLEM_JSON, **error.headers},
        "body": json.dumps(error.to_problem(event.get("path"))),
        "isBase64Encoded": False,
    }


def current_caller(router: APIGatewayRouter, tenant: str, roles: frozenset[str]) -> Caller:
    caller = caller_from_request_context(router.current_event.raw_event.get("requestContext") or {})
    require(caller, tenant, roles)
    return caller


def _page_headers(router: APIGatewayRouter, token: str | None) -> dict[str, str]:
    if not token:
        return {}
    event = router.current_event
    params = {k: v for k, v in (event.query_string_parameters or {}).items() if k != "exclusiveStartKey"}
    params["exclusiveStartKey"] = token
    query = urlencode(params)
    return {"X-Last-Evaluated-Key": token, "Link": f'<{event.path}?{query}>; rel="next"'}


def page_response(
    router: APIGatewayRouter,
    body: Any,
    token: str | None,
    fields: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response[str]:
    """A page of a list: the body, and the next page's token in `X-Last-Evaluated-Key` and `Link`."""
    wanted = engine.parse_fields(fields)
    if wanted and isinstance(body, list):
        body = [engine.project(item, wanted) for item in body]
    return json_response(body, headers=_page_headers(router, token) | (headers or {}))


def page_limit(limit: int | None) -> int:
    return limit or get_settings().default_page_limit


# A route function, and what registers one (Router.route, or leaving an operation out).
Endpoint = Callable[..., Response[str]]
Register = Callable[[Endpoint], Endpoint]

Limit = Annotated[int | None, Query(ge=1, le=MAX_PAGE, description="Page size (default 100)")]
PageToken = Annotated[str | None, Query(max_length=4096, description="X-Last-Evaluated-Key of the previous page")]


def resource_router(spec: engine.ResourceSpec, custom: tuple[str, ...] = ()) -> APIGatewayRouter:
    """Register the generic contract's routes for one resource; operations in `custom` are left to
    the resource's handler."""
    router = APIGatewayRouter()  # type: ignore[no-untyped-call]  # Powertools' Router.__init__ is unannotated
    model, create_model, out = spec.model, creation_model(spec.model), output_model(spec.model)
    function = lambda_for(spec.name)
    path = {op: function.operation_route(op).powertools_path for op in function.operations if op not in custom}
    tags = [spec.name]
    ok = {200: {"description": "OK", "content": {JSON: {"model": out}}}}
    many = {200: {"description": "OK", "content": {JSON: {"model": list[out]}}}}  # type: ignore[valid-type]

    def route(operation: str, method: str, **kwargs: Any) -> Register:
        """Register only the operations the route table gives this resource."""
        if operation not in path:
            return lambda func: func
        return router.route(path[operation], method, tags=tags, **kwargs)

    # Powertools matches dynamic routes in registration order: the literal /bulkLoads and /exports
    # paths must come before /{id}.
    _bulk_routes(router, spec, route)

    # Route functions have no return annotation, for Powertools reads one as the response model: it
    # would validate every answer against it (and document it). Hence `ignore[no-untyped-def]`.

    @route("create", "POST", summary=f"Create a {spec.label} record", responses=ok)
    def create(tenantId: str, body: Annotated[create_model, Body()]):  # type: ignore[valid-type, no-untyped-def]
        caller = current_caller(router, tenantId, spec.write_roles)
        return json_response(engine.create(spec, caller, engine.dump(body)))

    @route("list", "GET", summary=f"List {spec.label} records", responses=many)
    def list_records(  # type: ignore[no-untyped-def]
        tenantId: str,
        fields: Annotated[str | None, Query(description="Comma-separated fields to return")] = None,
        limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE)] = None,
        exclusiveStartKey: Annotated[str | None, Query(max_length=4096)] = None,
    ):
        caller = current_caller(router, tenantId, spec.read_roles)
        items, token = engine.list_page(spec, caller, limit or get_settings().default_page_limit, exclusiveStartKey)
        wanted = engine.parse_fields(fields)
        return json_response([engine.project(i, wanted) for i in items], headers=_page_headers(router, token))

    @route("get", "GET", summary=f"Get a {spec.label} record", responses=ok)
    def get_record(  # type: ignore[no-untyped-def]
        tenantId: str,
        id: str,
        fields: Annotated[str | None, Query()] = None,
        consistentRead: Annotated[bool, Query()] = False,
    ):
        caller = current_caller(router, tenantId, spec.read_roles)
        record = engine.get(spec, caller, id, consistent=consistentRead)
        return json_response(engine.project(record, engine.parse_fields(fields)), headers={"ETag": engine.etag(record)})

    @route("replace", "PUT", summary=f"Replace a {spec.label} record", responses=ok)
    def replace_record(tenantId: str, id: str, body: Annotated[model, Body()]):  # type: ignore[valid-type, no-untyped-def]
        caller = current_caller(router, tenantId, spec.write_roles)
        record = engine.replace(spec, caller, id, engine.dump(body), body.id, _if_match(router))  # type: ignore[attr-defined]
        return json_response(record, headers={"ETag": engine.etag(record)})

    @route("patch", "PATCH", summary=f"Patch a {spec.label} record (RFC 6902)", responses=ok)
    def patch_record(tenantId: str, id: str, body: Annotated[list[PatchOperation], Body()]):  # type: ignore[no-untyped-def]
        caller = current_caller(router, tenantId, spec.write_roles)
        operations = [op.model_dump(by_alias=True, exclude_unset=True) for op in body]
        record = engine.patch(spec, caller, id, operations, _if_match(router))
        return json_response(record, headers={"ETag": engine.etag(record)})

    @route("delete", "DELETE", summary=f"Delete a {spec.label} record")
    def delete_record(tenantId: str, id: str):  # type: ignore[no-untyped-def]
        caller = current_caller(router, tenantId, spec.write_roles)
        return json_response(engine.delete(spec, caller, id, _if_match(router)))

    @route("batch", "POST", summary=f"Patch or delete up to 100 {spec.label} records in parallel")
    def batch(tenantId: str, body: Annotated[BatchRequest, Body()]):  # type: ignore[no-untyped-def]
        caller = current_caller(router, tenantId, spec.write_roles)
        return json_response(engine.batch(spec, caller, body.operations))

    return router


def _bulk_routes(router: APIGatewayRouter, spec: engine.ResourceSpec, route: Callable[..., Register]) -> None:
    # shared.bulk.jobs (S3, job models) is imported by these routes only, when first called: the
    # record routes' cold start does not pay for it.
    writers = spec.write_roles

    def raw_body() -> bytes:
        event = router.current_event
        return (event.decoded_body or "").encode()

    # No return annotations on the route functions (see resource_router).

    @route(
        "bulkLoadStart",
        "POST",
        summary=f"Start a bulk load of {spec.label} records",
        description="Body: the file itself (text/csv or application/x-ndjson, up to 1,000,000 bytes), or "
        '{"format": "csv"|"ndjson", "file_name"} for a presigned S3 upload URL (up to 1 GB).',
    )
    def start_load(tenantId: str):  # type: ignore[no-untyped-def]
        from shared.bulk import jobs as bulk_jobs

        caller = current_caller(router, tenantId, writers)
        content_type = router.current_event.headers.get("Content-Type") or "application/json"
        return json_response(bulk_jobs.start_load(spec, caller, content_type, raw_body()), status=202)

    @route("bulkLoadList", "GET", summary=f"Bulk loads of {spec.label} records, newest first")
    def list_loads(tenantId: str, limit: Limit = None, exclusiveStartKey: PageToken = None):  # type: ignore[no-untyped-def]
        from shared.bulk import jobs as bulk_jobs

        caller = current_caller(router, tenantId, writers)
        jobs, token = bulk_jobs.list_jobs(spec, caller, "bulk", page_limit(limit), exclusiveStartKey)
        return page_response(router, jobs, token)

    @route("bulkLoadGet", "GET", summary="A bulk load's status, counts, timings and error report")
    def get_load(tenantId: str, jobId: str):  # type: ignore[no-untyped-def]
        from shared.bulk import jobs as bulk_jobs

        caller = current_caller(router, tenantId, writers)
        return json_response(bulk_jobs.get_job(spec, caller, "bulk", jobId))

    @route("exportStart", "POST", summary=f"Export {spec.label} records to a CSV or NDJSON file")
    def start_export(tenantId: str):  # type: ignore[no-untyped-def]
        from shared.bulk import jobs as bulk_jobs

        caller = current_caller(router, tenantId, spec.read_roles)
        return json_response(bulk_jobs.start_export(spec, caller, raw_body()), status=202)

    @route("exportList", "GET", summary=f"Exports of {spec.label} records, newest first")
    def list_exports(tenantId: str, limit: Limit = None, exclusiveStartKey: PageToken = None):  # type: ignore[no-untyped-def]
        from shared.bulk import jobs as bulk_jobs

        caller = current_caller(router, tenantId, spec.read_roles)
        jobs, token = bulk_jobs.list_jobs(spec, caller, "export", page_limit(limit), exclusiveStartKey)
        return page_response(router, jobs, token)

    @route("exportGet", "GET", summary="An export's status and download URL")
    def get_export(tenantId: str, jobId: str):  # type: ignore[no-untyped-def]
        from shared.bulk import jobs as bulk_jobs

        caller = current_caller(router, tenantId, spec.read_roles)
        return json_response(bulk_jobs.get_job(spec, caller, "export", jobId))


def _if_match(router: APIGatewayRouter) -> str | None:
    return router.current_event.headers.get("If-Match")
