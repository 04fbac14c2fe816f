"""The `examreg` CLI against a running server's storage, and per-tenant record limits."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from emulator.devservers import ROOT
from tests.integration.helpers import assert_problem, create_exam, exam_body, process_body

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


def test_cli_creates_tenant_with_working_admin_key(server):
    tenant, key = server.create_tenant("cli")
    admin = server.client(key)
    assert admin.get(f"/exams/{tenant}").json() == []
    assert admin.get(f"/apiKeys/{tenant}").status_code == 200
    assert_problem(admin.get("/exams/demo"), 403)

    again = server.cli("create-tenant", tenant, check=False)
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_cli_create_key(server):
    tenant, _admin_key = server.create_tenant("clikey")
    out = server.cli("create-key", tenant, "--role", "delivery", "--name", "reader").stdout
    key = out.strip().splitlines()[-1]
    assert key.startswith("erk_")
    reader = server.client(key)
    assert reader.get(f"/exams/{tenant}").status_code == 200
    assert_problem(reader.post(f"/exams/{tenant}", exam_body()), 403)


def test_cli_refuses_a_tenant_never_created(server):
    tenant = f"never-{uuid.uuid4().hex[:8]}"
    for argv in (("create-key", tenant, "--role", "client", "--name", "x"), ("set-limit", tenant, "exams", "5")):
        result = server.cli(*argv, check=False)
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"no tenant '{tenant}' exists" in result.stderr and "erk_" not in result.stdout


def test_cli_rejects_bad_input(server):
    bad_tenant = server.cli("create-tenant", "no spaces allowed", check=False)
    assert bad_tenant.returncode == 2
    bad_limit = server.cli("set-limit", "demo", "exams", "-1", check=False)
    assert bad_limit.returncode == 2


def test_tenant_record_limit(server):
    tenant, key = server.create_tenant("limit")
    server.cli("set-limit", tenant, "exams", "2")
    api = server.client(key)
    first = create_exam(api, tenant=tenant)
    create_exam(api, tenant=tenant)

    problem = assert_problem(api.post(f"/exams/{tenant}", exam_body()), 429)
    assert "limit" in problem["detail"]
    assert len(api.get(f"/exams/{tenant}").json()) == 2

    assert api.delete(f"/exams/{tenant}/{first['id']}").status_code == 200
    create_exam(api, tenant=tenant)
    assert_problem(api.post(f"/exams/{tenant}", exam_body()), 429)

    # limits are per resource: processes are still free
    exam_id = api.get(f"/exams/{tenant}").json()[0]["id"]
    response = api.post(f"/examRegProcesses/{tenant}", process_body([exam_id]))
    assert response.status_code == 200, response.text

    # raising the limit lets creates through again
    server.cli("set-limit", tenant, "exams", "3")
    create_exam(api, tenant=tenant)


def test_refused_creates_do_not_count_against_the_limit(server):
    tenant, key = server.create_tenant("count")
    server.cli("set-limit", tenant, "examRegProcesses", "1")
    api = server.client(key)
    exam = create_exam(api, tenant=tenant)
    # invalid (400), dangling reference (409), and duplicate code (409) all write nothing
    assert_problem(api.post(f"/examRegProcesses/{tenant}", process_body([])), 400)
    assert_problem(api.post(f"/examRegProcesses/{tenant}", process_body(["missing"])), 409)
    assert_problem(api.post(f"/examRegProcesses/{tenant}", process_body([exam["id"], "missing"])), 409)
    assert api.get(f"/examRegProcesses/{tenant}").json() == []
    response = api.post(f"/examRegProcesses/{tenant}", process_body([exam["id"]]))
    assert response.status_code == 200, response.text
    assert_problem(api.post(f"/examRegProcesses/{tenant}", process_body([exam["id"]])), 429)

    server.cli("set-limit", tenant, "exams", "2")
    assert_problem(api.post(f"/exams/{tenant}", exam_body(code=exam["code"])), 409)
    create_exam(api, tenant=tenant)  # the duplicate did not use up the second slot


def test_cli_without_target_uses_the_running_servers_storage(server):
    """`examreg create-tenant x` with no --table/--stack reads the state file the server wrote."""
    state = json.loads(Path(server.storage_env["LOCAL_STATE_FILE"]).read_text())
    assert state["url"] == server.base_url
    env = {k: v for k, v in server.storage_env.items() if not k.startswith("AWS_ENDPOINT_URL")}
    tenant = f"plain-{uuid.uuid4().hex[:8]}"
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "create-tenant", tenant],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    key = result.stdout.strip().splitlines()[-1]
    assert server.client(key).get(f"/exams/{tenant}").status_code == 200
