"""What API Gateway answers and lets through, written once for both gateways: the deployed stack
(its Gateway Responses, binary media types and CORS preflights) and the local emulator
(emulator/gateway.py, emulator/apigw.py). shared/api.py's CORS handling reads the same header
lists, so what a browser may send and read is the same at the preflight and in the answer.

Deploy code never imports the emulator (tests/deploy/test_layout.py): what both need lives here.
"""

from __future__ import annotations

from typing import NamedTuple


class GatewayProblem(NamedTuple):
    """The problem+json fields of an answer the gateway gives itself, before any Lambda runs."""

    status: int
    title: str
    detail: str
    code: str  # the problem type's last segment (shared.errors.PROBLEM_TYPE_BASE + code)


UNAUTHORIZED = GatewayProblem(401, "Unauthorized", "missing, unknown or revoked API key", "unauthorized")
DENIED = GatewayProblem(403, "Forbidden", "this API key may not access this tenant", "forbidden")
NO_ROUTE = GatewayProblem(404, "Not Found", "no such route", "not-found")
# Locally only: API Gateway answers a known path with a method it lacks as NO_ROUTE (404).
NO_METHOD = GatewayProblem(405, "Method Not Allowed", "this route does not accept that method", "method-not-allowed")

# Request bodies of these content types reach the Lambda base64-encoded (API Gateway's binaryMediaTypes).
BINARY_MEDIA_TYPES = ("application/octet-stream", "application/zip")

# Headers browsers may send (preflight) and read (answers) when CORS is configured.
CORS_ALLOW_HEADERS = ("Authorization", "Content-Type", "If-Match", "Idempotency-Key")
CORS_EXPOSE_HEADERS = ("ETag", "Link", "X-Last-Evaluated-Key", "X-Changes-Until", "Idempotent-Replayed", "Retry-After")
