"""Lists: limit, paging with X-Last-Evaluated-Key / exclusiveStartKey / Link, fields, bad tokens."""

from __future__ import annotations

import base64
import re
from urllib.parse import quote

import pytest

from tests.integration.helpers import assert_problem, create_exam, create_process, error_fields

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]

LINK = re.compile(r'^<([^>]+)>;\s*rel="next"$')


@pytest.fixture(scope="session")
def paged_tenant(server):
    """A fresh tenant holding exactly seven exams, and its admin client."""
    tenant, key = server.create_tenant("paging")
    api = server.client(key)
    ids = [create_exam(api, tenant=tenant)["id"] for _ in range(7)]
    return tenant, api, ids


def test_paging_returns_every_record_once(paged_tenant):
    tenant, api, ids = paged_tenant
    seen: list[str] = []
    sizes = []
    params = {"limit": 3}
    for _ in range(10):
        response = api.get(f"/exams/{tenant}", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert isinstance(page, list)
        sizes.append(len(page))
        seen += [r["id"] for r in page]
        token = response.headers.get("X-Last-Evaluated-Key")
        if not token:
            assert "Link" not in response.headers
            break
        link = LINK.match(response.headers["Link"])
        assert link, response.headers["Link"]
        assert f"exclusiveStartKey={token}" in link.group(1)
        assert link.group(1).startswith(f"/exams/{tenant}?")
        params = {"limit": 3, "exclusiveStartKey": token}
    assert sorted(seen) == sorted(ids)
    assert len(seen) == len(set(seen))
    assert sizes[:2] == [3, 3]
    assert seen == sorted(seen)  # ids are ULIDs: a list comes back in creation order


def test_following_link_header_pages_through(server, paged_tenant):
    tenant, api, ids = paged_tenant
    seen: list[str] = []
    path = f"/exams/{tenant}?limit=2&fields=name"
    for _ in range(10):
        response = api.get(path)
        assert response.status_code == 200, response.text
        for record in response.json():
            assert set(record) == {"id", "name"}
            seen.append(record["id"])
        if "Link" not in response.headers:
            break
        path = LINK.match(response.headers["Link"]).group(1)
        assert "fields=name" in path and "limit=2" in path
    assert sorted(seen) == sorted(ids)


def test_default_page_holds_everything_small(paged_tenant):
    tenant, api, ids = paged_tenant
    response = api.get(f"/exams/{tenant}")
    assert response.status_code == 200
    assert sorted(r["id"] for r in response.json()) == sorted(ids)
    assert "X-Last-Evaluated-Key" not in response.headers


def test_list_fields_projection(paged_tenant):
    tenant, api, _ids = paged_tenant
    records = api.get(f"/exams/{tenant}", params={"fields": "name"}).json()
    assert records and all(set(r) == {"id", "name"} for r in records)


@pytest.mark.parametrize("limit", ["0", "1001", "-1", "ten"])
def test_bad_limit_is_400(client, limit):
    problem = assert_problem(client.get("/exams/demo", params={"limit": limit}), 400)
    assert "limit" in error_fields(problem)


def _first_token(api, path: str) -> str:
    response = api.get(path, params={"limit": 1})
    assert response.status_code == 200, response.text
    token = response.headers.get("X-Last-Evaluated-Key")
    assert token, "expected a second page"
    return token


def test_tampered_token_is_400(paged_tenant):
    tenant, api, _ids = paged_tenant
    token = _first_token(api, f"/exams/{tenant}")
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[-3] ^= 0x01  # flip a bit of the payload
    tampered = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    for bad in (tampered, token[:-2], "garbage", token + "AAAA"):
        problem = assert_problem(api.get(f"/exams/{tenant}", params={"exclusiveStartKey": bad}), 400)
        assert "exclusiveStartKey" in error_fields(problem), problem


def test_token_from_another_resource_is_400(paged_tenant):
    tenant, api, _ids = paged_tenant
    token = _first_token(api, f"/exams/{tenant}")
    assert_problem(api.get(f"/examRegProcesses/{tenant}", params={"exclusiveStartKey": token}), 400)
    assert_problem(api.get(f"/apiKeys/{tenant}", params={"exclusiveStartKey": token}), 400)


def test_token_from_another_tenant_is_400(paged_tenant, admin, client):
    tenant, api, _ids = paged_tenant
    create_exam(client)
    create_exam(client)
    demo_token = _first_token(admin, "/exams/demo")
    assert_problem(api.get(f"/exams/{tenant}", params={"exclusiveStartKey": demo_token}), 400)
    their_token = _first_token(api, f"/exams/{tenant}")
    assert_problem(client.get("/exams/demo", params={"exclusiveStartKey": their_token}), 400)


def test_process_list_pages(client):
    exam = create_exam(client)
    mine = {create_process(client, [exam["id"]])["id"] for _ in range(3)}
    seen: list[str] = []
    params = {"limit": 2}
    for _ in range(1000):
        response = client.get("/examRegProcesses/demo", params=params)
        assert response.status_code == 200
        seen += [r["id"] for r in response.json()]
        token = response.headers.get("X-Last-Evaluated-Key")
        if not token:
            break
        params = {"limit": 2, "exclusiveStartKey": token}
    assert len(seen) == len(set(seen))
    assert mine <= set(seen)


def test_link_header_is_a_valid_uri_reference(paged_tenant):
    """The Link target is a URI: query values are percent-encoded (a space in `fields` must not leak)."""
    tenant, api, _ids = paged_tenant
    response = api.get(f"/exams/{tenant}", params={"limit": 2, "fields": "name, code"})
    assert response.status_code == 200, response.text
    target = LINK.match(response.headers["Link"]).group(1)
    assert quote(target, safe="/?&=%:@!$'()*+,;-._~") == target, target
    follow = api.get(target)
    assert follow.status_code == 200
    assert all(set(r) == {"id", "name", "code"} for r in follow.json())
