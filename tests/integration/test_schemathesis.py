"""Schemathesis (issue 9) against the local server, over the document the server itself serves
(`/openapi.json`), on embedded moto and on DynamoDB Local: the examples, coverage and fuzzing phases
with the checks not_a_server_error, status_code_conformance, content_type_conformance and
response_schema_conformance must find nothing. The run's settings (seed, examples per operation,
phases, checks) are in schemathesis.toml; this test supplies the tenant and its key.

It runs the CLI (`schemathesis run`), which runs the three phases as its engine defines them, and
reads its JSON report. The run gets a tenant of its own: it creates, changes, deletes and locks
records, and issues keys, and the other integration tests share the demo tenant."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "schemathesis.toml"
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
RUN_TIMEOUT = 600  # seconds; a run takes ~2 minutes per backend on 2 cores


def test_schemathesis_finds_nothing(server, tmp_path):
    tenant, key = server.create_tenant("fuzz")
    env = {**os.environ, "SCHEMATHESIS_TENANT": tenant, "SCHEMATHESIS_API_KEY": key, "PYTHONPATH": str(ROOT)}
    argv = [str(SCHEMATHESIS), "--config-file", str(CONFIG), "--no-color", "run", server.url("/openapi.json")]
    argv += ["--report", "json", "--report-json-path", str(tmp_path / "report.json")]
    run = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)
    output = run.stdout + run.stderr
    report = json.loads((tmp_path / "report.json").read_text())

    assert report["complete"], output
    assert report["phases"]["examples"]["status"] != "skip", "the examples phase ran"
    assert report["phases"]["coverage"]["status"] != "skip", "the coverage phase ran"
    assert report["phases"]["fuzzing"]["status"] != "skip", "the fuzzing phase ran"
    assert report["operations"]["tested"] == report["operations"]["selected"] >= 90, report["operations"]
    failures = [(f["code"], f["title"], f["count"], f["operations"]) for f in report["failures"]]
    assert not failures and not report["errors"] and run.returncode == 0, output[-20000:]


@pytest.mark.parametrize("method", ["TRACE", "QUERY"])
def test_methods_beyond_the_usual_ones_answer_405_problem_json(server, method):
    # http.server answers methods it has no handler for with an HTML 501; API Gateway with a 4xx
    reply = requests.request(method, server.url("/exams/demo"), headers={"Authorization": server.admin_key}, timeout=30)
    assert reply.status_code == 405
    assert reply.headers["Content-Type"] == "application/problem+json"
    assert reply.json()["status"] == 405
