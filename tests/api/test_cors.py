"""CORS headers on the functions' responses: only when the stack passes CORS_ALLOWED_ORIGINS."""

from __future__ import annotations

import pytest

from shared.api import make_resolver

ORIGINS = "https://app.example.com,https://admin.example.com"


def resolve(origin: str | None, method: str = "GET") -> dict:
    app = make_resolver()

    @app.get("/ping/<tenantId>")
    def ping(tenantId: str):
        return {"tenant": tenantId}

    headers = {"Origin": origin} if origin else {}
    event = {
        "resource": "/ping/{tenantId}",
        "path": "/ping/demo",
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"tenantId": "demo"},
        "requestContext": {"httpMethod": method, "path": "/dev/ping/demo", "stage": "dev", "requestId": "r1"},
        "body": None,
        "isBase64Encoded": False,
    }
    return app.resolve(event, None)


def header(response: dict, name: str) -> str | None:
    single = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
    multi = {k.lower(): v for k, v in (response.get("multiValueHeaders") or {}).items()}
    if name.lower() in single:
        return single[name.lower()]
    values = multi.get(name.lower())
    return ",".join(values) if values else None


def test_no_cors_headers_without_configured_origins(monkeypatch):
    monkeypatch.delenv("CORS_ALLOWED_ORIGINS", raising=False)
    response = resolve("https://app.example.com")
    assert response["statusCode"] == 200
    assert header(response, "Access-Control-Allow-Origin") is None


@pytest.mark.parametrize("origin", ["https://app.example.com", "https://admin.example.com"])
def test_each_configured_origin_is_allowed_with_the_api_headers(monkeypatch, origin):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", ORIGINS)
    response = resolve(origin)
    assert response["statusCode"] == 200
    assert header(response, "Access-Control-Allow-Origin") == origin
    exposed = {h.strip() for h in header(response, "Access-Control-Expose-Headers").split(",")}
    assert exposed == {"ETag", "X-Last-Evaluated-Key", "Link", "X-Changes-Until", "Idempotent-Replayed", "Retry-After"}


def test_an_unknown_origin_gets_no_allow_origin(monkeypatch):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", ORIGINS)
    response = resolve("https://evil.example.com")
    assert response["statusCode"] == 200
    assert header(response, "Access-Control-Allow-Origin") is None


def test_preflight_allows_the_headers_the_api_reads(monkeypatch):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", ORIGINS)
    response = resolve("https://app.example.com", "OPTIONS")
    assert response["statusCode"] == 204
    allowed = {h.strip().lower() for h in header(response, "Access-Control-Allow-Headers").split(",")}
    assert {"authorization", "content-type", "if-match", "idempotency-key"} <= allowed


def test_the_api_and_the_stack_allow_the_same_headers():
    from deploy.parts.api import CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS
    from shared import api

    assert set(api.CORS_ALLOW_HEADERS) == set(CORS_ALLOW_HEADERS)
    assert set(api.CORS_EXPOSE_HEADERS) == set(CORS_EXPOSE_HEADERS)
