"""The `examreg` command-line tool against a table (moto in-process)."""

from __future__ import annotations

import json
import os

from cli import main as cli
from emulator.gateway import Gateway
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


TABLE = ["--table", "exam-registration-test"]


def test_create_key_refuses_a_tenant_never_created(aws, capsys):
    assert cli.main(["create-key", "nosuch", "--role", "client", "--name", "LMS", *TABLE]) == 1
    out, err = capsys.readouterr()
    assert "erk_" not in out + err, "no key is printed"
    assert "no tenant 'nosuch' exists" in err and "create-tenant nosuch" in err
    # nothing was written for it: creating the tenant now gives it only its first admin key
    assert cli.main(["create-tenant", "nosuch", *TABLE]) == 0
    admin = InProcessClient(Gateway(), capsys.readouterr().out.strip().splitlines()[-1])
    assert [k["role"] for k in admin.get("/apiKeys/nosuch").json()] == ["admin"]


def test_set_limit_refuses_a_tenant_never_created_and_an_unknown_resource(aws, capsys):
    assert cli.main(["set-limit", "nosuch", "exams", "5", *TABLE]) == 1
    assert "no tenant 'nosuch' exists" in capsys.readouterr().err
    cli.main(["create-tenant", "acme", *TABLE])
    capsys.readouterr()
    assert cli.main(["set-limit", "acme", "exam", "5", *TABLE]) == 2
    assert "resource must be one of" in capsys.readouterr().err
    assert cli.main(["set-limit", "acme", "apiKeys", "1", *TABLE]) == 0


def test_bulk_load_refuses_a_tenant_never_created(aws, capsys, tmp_path):
    source = tmp_path / "c.csv"
    source.write_text("candidate_id\nC1\n")
    argv = ["bulk-load", "candidates", str(source), "--tenant", "nosuch", "--url", "http://127.0.0.1:9", *TABLE]
    assert cli.main(argv) == 2
    assert "no tenant 'nosuch' exists" in capsys.readouterr().err
