"""Helpers for the integration tests: a small `requests` client and record factories."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from tests import bodies
from tests.bodies import process_body

HTTP_TIMEOUT = 30.0


class Api:
    """Plain `requests` calls with one tenant key; thread-safe (no shared Session)."""

    def __init__(self, base_url: str, key: str | None):
        self.base_url, self.key = base_url, key

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if self.key is not None:
            headers.setdefault("Authorization", self.key)
        timeout = kwargs.pop("timeout", HTTP_TIMEOUT)
        return requests.request(method, self.base_url + path, headers=headers, timeout=timeout, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, json=json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, json=json, **kwargs)

    def patch(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, json=json, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)


def unique_code(prefix: str = "IT") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def exam_body(code: str | None = None, **extra: Any) -> dict[str, Any]:
    """An exam with a code no other test uses (integration tests share their server's data)."""
    return bodies.exam_body(code or unique_code(), **extra)


def create_exam(api: Api, tenant: str = "demo", **extra: Any) -> dict[str, Any]:
    response = api.post(f"/exams/{tenant}", exam_body(**extra))
    assert response.status_code == 200, response.text
    return response.json()


def create_process(api: Api, exam_ids: list[str], tenant: str = "demo", **extra: Any) -> dict[str, Any]:
    response = api.post(f"/examRegProcesses/{tenant}", process_body(exam_ids, **extra))
    assert response.status_code == 200, response.text
    return response.json()


def list_all(api: Api, path: str, limit: int = 1000) -> list[dict[str, Any]]:
    """Every record of a collection, following X-Last-Evaluated-Key."""
    records: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": limit}
    for _page in range(1000):
        response = api.get(path, params=params)
        assert response.status_code == 200, response.text
        records += response.json()
        token = response.headers.get("X-Last-Evaluated-Key")
        if not token:
            return records
        params = {"limit": limit, "exclusiveStartKey": token}
    raise AssertionError(f"{path}: paging did not end")


def assert_problem(response: requests.Response, status: int) -> dict[str, Any]:
    """An RFC 9457 problem with this status; returns the body."""
    assert response.status_code == status, f"{response.status_code} {response.text}"
    assert response.headers.get("Content-Type", "").startswith("application/problem+json"), response.headers
    body = response.json()
    assert body["status"] == status, body
    for name in ("type", "title", "detail"):
        assert isinstance(body.get(name), str) and body[name], body
    return body


def error_fields(problem: dict[str, Any]) -> set[str]:
    return {e["field"] for e in problem.get("errors", [])}
