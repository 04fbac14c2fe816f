"""Problem Details (RFC 9457) errors: every 4xx/5xx body the API sends is built here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://exam-registration-api.dev/problems/"


class ApiError(Exception):
    """An error the caller can act on. `errors` lists each offending field: {field, message, code}."""

    status: int = HTTPStatus.BAD_REQUEST
    code = "bad-request"

    def __init__(self, detail: str, errors: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_TYPE_BASE + self.code,
            "title": HTTPStatus(self.status).phrase,
            "status": int(self.status),
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = self.errors
        return body


class BadRequest(ApiError):
    status, code = HTTPStatus.BAD_REQUEST, "validation-error"


class Unauthorized(ApiError):
    status, code = HTTPStatus.UNAUTHORIZED, "unauthorized"


class Forbidden(ApiError):
    status, code = HTTPStatus.FORBIDDEN, "forbidden"


class NotFound(ApiError):
    status, code = HTTPStatus.NOT_FOUND, "not-found"


class Conflict(ApiError):
    status, code = HTTPStatus.CONFLICT, "conflict"


class PreconditionFailed(ApiError):
    status, code = HTTPStatus.PRECONDITION_FAILED, "precondition-failed"


class LimitExceeded(ApiError):
    status, code = HTTPStatus.TOO_MANY_REQUESTS, "limit-exceeded"


def field_error(field: str, message: str, code: str) -> dict[str, str]:
    return {"field": field, "message": message, "code": code}


def pydantic_errors(errors: Iterable[Mapping[str, Any]], skip_prefix: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Pydantic's error list as API field errors; never echoes the input value back."""
    out = []
    for error in errors:
        loc = [part for part in error.get("loc", ()) if part not in skip_prefix]
        field = ""
        for part in loc:
            field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
        out.append(field_error(field or "(body)", error.get("msg", "invalid"), error.get("type", "invalid")))
    return out


class UnsupportedMediaType(ApiError):
    status, code = HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"


class InternalError(ApiError):
    status, code = HTTPStatus.INTERNAL_SERVER_ERROR, "internal-error"


class PayloadTooLarge(ApiError):
    status, code = HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large"


class UnprocessableContent(ApiError):
    """An Idempotency-Key sent again with another body (shared/idempotency.py)."""

    status, code = HTTPStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused"


class RequestInProgress(ApiError):
    """A request with this Idempotency-Key is still running: a retry may succeed (`Retry-After`)."""

    status, code = HTTPStatus.CONFLICT, "request-in-progress"
