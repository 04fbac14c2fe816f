"""One cold start, in a fresh process: `python bench/cold_child.py <job.json>`.

The job names a mode: `floor` (import boto3, create a DynamoDB client: the issue's floor),
`floor+request` (the same plus one GetItem) or `handler` (import the module, hand its
`lambda_handler` the job's event). Prints one JSON line: milliseconds from the first statement after
reading the job to the end of the import and to the end of the first request."""

import json
import sys
import time

# Modules a GET should not load: X-Ray SDK, JSON Patch, Argon2, the bulk/CSV code, boto3 (botocore suffices).
HEAVY = ("aws_xray_sdk", "jsonpatch", "argon2", "shared.bulk", "shared.csvio", "boto3", "s3transfer")


class Context:
    """The attributes Powertools reads from the Lambda context object."""

    def __init__(self, name):
        self.function_name = name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:000000000000:function:{name}"
        self.memory_limit_in_mb = 512
        self.aws_request_id = "cold-start"
        self.log_group_name = f"/aws/lambda/{name}"
        self.log_stream_name = "bench"

    def get_remaining_time_in_millis(self):
        return 900_000


def main():
    with open(sys.argv[1]) as source:
        job = json.load(source)
    if job.get("no_bytecode"):
        compile_everything_but_the_stdlib()
    started = time.perf_counter()
    if job["mode"] in ("floor", "floor+request"):
        import boto3

        client = boto3.client("dynamodb")
        imported = time.perf_counter()
        if job["mode"] == "floor+request":
            client.get_item(TableName=job["table"], Key=job["key"])
        answered = time.perf_counter()
        ok, detail = True, ""
    else:
        import importlib

        module = importlib.import_module(job["module"])
        imported = time.perf_counter()
        response = module.lambda_handler(job["event"], Context(job["function"]))
        answered = time.perf_counter()
        ok, detail = check(job["kind"], response)
    print(
        json.dumps(
            {
                "import_ms": (imported - started) * 1000,
                "total_ms": (answered - started) * 1000,
                "ok": ok,
                "detail": detail,
                "modules": len(sys.modules),
                "heavy": [name for name in HEAVY if name in sys.modules],
            }
        )
    )


def compile_everything_but_the_stdlib():
    """Emulate a Lambda bundle without .pyc files (its /var/task is read-only, so nothing is ever
    cached): every module outside the standard library is compiled from source; the runtime's own
    standard library keeps its bytecode."""
    import importlib._bootstrap_external as loader
    import sysconfig

    stdlib = sysconfig.get_paths()["stdlib"]
    cached = loader.cache_from_source

    def cache_from_source(path, *args, **kwargs):
        if str(path).startswith(stdlib):
            return cached(path, *args, **kwargs)
        return "/nonexistent-bytecode-cache/" + cached(path, *args, **kwargs).lstrip("/")

    loader.cache_from_source = cache_from_source
    sys.dont_write_bytecode = True


def check(kind, response):
    if kind == "api":
        return response.get("statusCode") == 200, str(response.get("statusCode"))
    if kind == "authorizer":
        effect = response["policyDocument"]["Statement"][0]["Effect"]
        return effect == "Allow", effect
    return response.get("outcomes") == ["loaded"], str(response.get("outcomes"))


if __name__ == "__main__":
    import os

    main()
    sys.stdout.flush()
    os._exit(0)  # skip the interpreter's teardown: not part of a cold start, and it adds up over ~190 processes
