"""Batch: up to 100 patch and delete operations, each applied on its own with its own result."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

from pydantic import ValidationError

from shared import keys, store
from shared.auth import Caller
from shared.engine.records import delete, patch
from shared.engine.spec import ResourceSpec
from shared.errors import ApiError, BadRequest, field_error, pydantic_errors

_BATCH_WORKERS = int(os.environ.get("BATCH_WORKERS", "16"))


def batch(spec: ResourceSpec, caller: Caller, operations: list[Any]) -> dict[str, Any]:
    """Run up to 100 patch/delete operations in parallel, each on its own, each with its own status
    (a malformed one is its own 400). The records are read first, all in one consistent
    BatchGetItem, rather than one GetItem each."""
    parsed = [_batch_operation(op) for op in operations]
    valid = [op for op in parsed if not isinstance(op, _Refused)]
    read = iter(store.batch_get([keys.record_key(caller.tenant, spec.name, op["id"]) for op in valid], consistent=True))

    def run(op: dict[str, Any] | _Refused, read_ahead: dict[str, Any] | None) -> dict[str, Any]:
        if isinstance(op, _Refused):
            return {"id": op.id, "operation": op.operation, "status": 400, "error": op.error.to_problem()}
        result = {"id": op["id"], "operation": op["operation"]}
        try:
            if op["operation"] == "delete":
                body: Any = delete(spec, caller, op["id"], None, read_ahead)
            else:
                if not op.get("patch_directives"):
                    raise BadRequest(
                        "a patch operation needs patch_directives",
                        [field_error("patch_directives", "required", "missing")],
                    )
                body = patch(spec, caller, op["id"], op["patch_directives"], None, read_ahead)
            return {**result, "status": 200, "body": body}
        except ApiError as error:
            return {**result, "status": int(error.status), "error": error.to_problem()}

    reads = [None if isinstance(op, _Refused) else next(read) for op in parsed]
    with ThreadPoolExecutor(max_workers=min(_BATCH_WORKERS, len(parsed))) as pool:
        results = list(pool.map(run, parsed, reads))
    succeeded = sum(1 for r in results if r["status"] < 400)
    return {"success_count": succeeded, "error_count": len(results) - succeeded, "results": results}


class _Refused(NamedTuple):
    id: str | None
    operation: str | None
    error: ApiError


def _batch_operation(raw: Any) -> dict[str, Any] | _Refused:
    """One batch operation, validated; its id and kind are echoed only when they are valid."""
    from shared.models.base import BatchOperation

    try:
        op = BatchOperation.model_validate(raw)
    except ValidationError as error:
        problems = pydantic_errors(error.errors())
        bad = {p["field"].split(".")[0].split("[")[0] for p in problems}
        fields = raw if isinstance(raw, dict) else {}
        return _Refused(
            None if "id" in bad or "(body)" in bad else fields.get("id"),
            None if "operation" in bad or "(body)" in bad else fields.get("operation"),
            BadRequest("the operation is not valid", problems),
        )
    return op.model_dump(by_alias=True, exclude_unset=True)
