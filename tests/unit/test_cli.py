"""The `examreg` command-line tool against a table (moto in-process)."""

from __future__ import annotations

import json
import os

from infra import cli
from infra.gateway import Gateway
from tests.conftest import InProcessClient, exam_body


def test_create_tenant_prints_a_working_admin_key(aws, capsys):
    assert cli.main(["create-tenant", "acme", "--table", "exam-registration-test"]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    client = InProcessClient(Gateway(), key)
    assert client.get("/apiKeys/acme").status == 200
    assert cli.main(["create-tenant", "acme", "--table", "exam-registration-test"]) == 1


def test_create_key_and_set_limit(aws, capsys):
    cli.main(["create-tenant", "acme", "--table", "exam-registration-test"])
    assert (
        cli.main(["create-key", "acme", "--role", "client", "--name", "LMS", "--table", "exam-registration-test"]) == 0
    )
    key = capsys.readouterr().out.strip().splitlines()[-1]
    client = InProcessClient(Gateway(), key)
    assert cli.main(["set-limit", "acme", "exams", "1", "--table", "exam-registration-test"]) == 0
    assert client.post("/exams/acme", exam_body("A")).status == 200
    assert client.post("/exams/acme", exam_body("B")).status == 429
    assert cli.main(["create-tenant", "bad tenant", "--table", "exam-registration-test"]) == 2


def test_local_target_reads_the_server_state(aws, tmp_path, monkeypatch, capsys):
    for name in ("TABLE_NAME", "BUCKET_NAME"):  # the CLI sets them from the state: restore them after
        monkeypatch.setenv(name, os.environ[name])
    state = tmp_path / "server.json"
    state.write_text(
        json.dumps({"table": "exam-registration-test", "bucket": "exam-registration-test-bucket", "endpoints": {}})
    )
    monkeypatch.setenv("LOCAL_STATE_FILE", str(state))
    assert cli.main(["create-tenant", "initech"]) == 0
    monkeypatch.setenv("LOCAL_STATE_FILE", str(tmp_path / "absent.json"))
    try:
        cli.main(["create-tenant", "initech2"])
    except SystemExit as stop:
        assert "make run" in str(stop)
    else:
        raise AssertionError("expected a clear error without a running server")
