"""Resource declarations: each resource is a model plus a few lines here."""

from __future__ import annotations

from typing import Any

from shared import store
from shared.auth import ADMIN, Caller, hash_key, new_key
from shared.engine import Hooks, Reference, ResourceSpec
from shared.models.api_keys import ApiKeyIn
from shared.models.exam_reg_processes import ExamRegProcessIn
from shared.models.exams import ExamIn

EXAMS = ResourceSpec(name="exams", model=ExamIn, unique=("code",), title="exam")

EXAM_REG_PROCESSES = ResourceSpec(
    name="examRegProcesses",
    model=ExamRegProcessIn,
    references=(Reference("exam_ids", "exams"),),
    title="exam reg process",
)


class ApiKeyHooks(Hooks):
    """A key's secret is shown once; only its SHA-256 is stored, in a lookup item the authorizer reads."""

    def on_create(self, caller: Caller, record: dict[str, Any]) -> tuple[dict, list[dict], dict]:
        key = record.pop("_preset_key", None) or new_key()  # a preset comes only from shared.tenants
        key_hash = hash_key(key)
        record["key_prefix"] = key[:8]
        lookup = {
            **store.api_key_lookup_key(key_hash),
            "tenant": caller.tenant,
            "role": record["role"],
            "key_id": record["id"],
        }
        return {"_key_hash": key_hash}, [store.put_new(lookup)], {"key": key}

    def on_delete(self, caller: Caller, current: dict[str, Any]) -> list[dict]:
        return [store.delete_item(store.api_key_lookup_key(current["_key_hash"]))]


API_KEYS = ResourceSpec(
    name="apiKeys",
    model=ApiKeyIn,
    read_roles=frozenset({ADMIN}),
    write_roles=frozenset({ADMIN}),
    hooks=ApiKeyHooks(),
    title="API key",
)
