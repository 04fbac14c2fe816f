"""Make moto's DynamoDB transactions cost what they touch, not the whole table.

moto 5.x backs up a transaction by deep-copying the entire table once per operation in it, so a
transaction over a table of N items costs O(100 x N) and a bulk load grows quadratically (1,200
rows took minutes). This keeps moto's semantics but backs up only the items the transaction
touches and restores those on failure. Used by the embedded storage of `make run`, the tests and
the benchmark; it never runs on AWS."""

from __future__ import annotations

import copy
import types
from typing import Any

_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    import moto.dynamodb.models as models
    from moto.dynamodb.models.table import Table

    def deepcopy_except_tables(value: Any, memo: dict | None = None) -> Any:
        return value if isinstance(value, Table) else copy.deepcopy(value, memo)

    models.copy = types.SimpleNamespace(deepcopy=deepcopy_except_tables)  # the module's own `copy`
    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items: list[dict[str, Any]]) -> None:
        backups = []
        for entry in transact_items:
            for _kind, op in entry.items():
                table = self.tables.get(op.get("TableName"))
                if table is None:
                    continue
                if "Item" in op:
                    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
                    if table.range_key_attr:
                        key[table.range_key_attr] = op["Item"][table.range_key_attr]
                else:
                    key = op["Key"]
                current = self.get_item(op["TableName"], key)
                backups.append((op["TableName"], key, current.to_json()["Attributes"] if current else None))
        try:
            original(self, transact_items)
        except Exception:
            for table_name, key, attributes in reversed(backups):
                if self.get_item(table_name, key) is not None:
                    self.delete_item(table_name, key)
                if attributes is not None:
                    self.put_item(table_name, copy.deepcopy(attributes))
            raise

    models.DynamoDBBackend.transact_write_items = transact_write_items
    _applied = True
