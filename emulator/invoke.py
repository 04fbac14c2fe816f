"""`make invoke EVENT=events/exams.create.json`: hand one API Gateway event to its lambda_handler.

Storage is the running local server's (`make run` writes .local/server.json); without one, an
in-process moto with the table created and nothing else."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys
from pathlib import Path

from emulator import local_state
from emulator.apigw import LambdaContext, response_parts
from shared.routes import LAMBDAS


def function_for_event(event: dict):
    for function in LAMBDAS:
        for route in function.routes:
            if route.method == event["httpMethod"] and route.path == event["resource"]:
                return function
    raise SystemExit(f"no function serves {event['httpMethod']} {event['resource']}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: make invoke EVENT=events/<function>.<operation>.json", file=sys.stderr)
        return 2
    event = json.loads(Path(argv[0]).read_text())
    function = function_for_event(event)
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
    storage: contextlib.AbstractContextManager = contextlib.nullcontext()
    state = local_state.read()
    if state is not None:
        local_state.apply(state)
        print(f"storage: the local server's ({state.get('endpoints')})", file=sys.stderr)
    else:
        from moto import mock_aws

        os.environ.setdefault("TABLE_NAME", "exam-registration-invoke")
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
        storage = mock_aws()
        print("storage: in-process moto (start `make run` to use its storage)", file=sys.stderr)
    with storage:
        from emulator.bootstrap import ensure_table

        ensure_table(os.environ["TABLE_NAME"])
        handler = importlib.import_module(function.module).lambda_handler
        status, headers, body = response_parts(handler(event, LambdaContext(function.name)))
    print(json.dumps({"statusCode": status, "headers": headers}, indent=2))
    try:
        print(json.dumps(json.loads(body), indent=2))
    except ValueError:
        print(body.decode(errors="replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
