"""The data-access layer: every DynamoDB call the API makes goes through this module.

Items live in one table; their key formats are `shared.keys`'s.
Internal attributes (`pk`, `sk`, anything starting with `_`) never leave this API.

DynamoDB's limits live here too (`value_problems`, `item_size`, `key_fits`): what it cannot hold is
refused before it is sent, with the field named, instead of failing the write. DynamoDB's error
codes stop here too: a refused write raises one of the `WriteRefused` exceptions below.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

from shared.dynamodb_parser import DynamoDBParserFactory
from shared.errors import field_error
from shared.settings import get_settings
from shared.table_schema import GLOBAL_SECONDARY_INDEXES, PARTITION_KEY, SORT_KEY

REFS = "_refs"  # how many records reference this one
VERSION = "sys_version"

# One element of TransactWriteItems, {"Put" | "Update" | "Delete": request}, as
# the write builders below make it (values already serialized).
Operation = dict[str, Any]

_client: Any = None  # botocore ships no type hints: its clients are Any here


def client() -> Any:
    """The DynamoDB client, created once per process (cold start) and reused.

    botocore's own: boto3 adds nothing to a DynamoDB client but its import (boto3 and s3transfer,
    ~80 ms of every cold start). Only this module builds requests, and DynamoDB validates them
    again, so botocore's client-side parameter validation (a third of its time per write) is off;
    item answers are read without botocore's per-attribute walk (shared.dynamodb_parser)."""
    global _client
    if _client is None:
        session = botocore.session.get_session()
        session.register_component("response_parser_factory", DynamoDBParserFactory())
        _client = session.create_client(
            "dynamodb",
            config=Config(
                retries={"mode": "standard", "max_attempts": 5}, max_pool_connections=32, parameter_validation=False
            ),
        )
    return _client


def reset_client() -> None:
    """Forget the cached client (tests switch endpoints between runs)."""
    global _client
    _client = None


def table() -> str:
    return get_settings().table_name


# ---- DynamoDB's limits ------------------------------------------------------------------------------

MAX_ITEM_BYTES = 400 * 1024
MAX_PARTITION_KEY_BYTES = 2048
MAX_SORT_KEY_BYTES = 1024
MAX_DEPTH = 32  # containers, the item itself counted: an attribute nests at most 31 levels
MAX_DIGITS = 38
MIN_EXPONENT, MAX_EXPONENT = -130, 125  # of a number's leading digit: 1e-130 <= |n| < 1e126


def key_fits(key: dict[str, str]) -> bool:
    """Whether DynamoDB accepts these key values; an item under a key it refuses cannot exist."""
    return _partition_fits(key.get(PARTITION_KEY, "")) and 0 < _utf8_len(key.get(SORT_KEY, "")) <= MAX_SORT_KEY_BYTES


def _partition_fits(pk: str) -> bool:
    return 0 < _utf8_len(pk) <= MAX_PARTITION_KEY_BYTES


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def number_problem(value: int | float | Decimal) -> str | None:
    """Why DynamoDB cannot store this number exactly, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        return "must be a finite number"
    if not number:
        return None
    if len(bytes(number.as_tuple().digits).rstrip(b"\0")) > MAX_DIGITS:  # trailing zeros do not count
        return f"has more than {MAX_DIGITS} significant digits"
    if not MIN_EXPONENT <= number.adjusted() <= MAX_EXPONENT:
        return "must be 0 or between 1e-130 and 1e126 in magnitude"
    return None


def value_problems(value: Any, where: str = "") -> list[dict[str, str]]:
    """Every place in a JSON value that DynamoDB cannot hold as it is: nesting deeper than
    MAX_DEPTH, numbers out of its range or precision, empty map keys, text that is not Unicode
    (lone surrogates). Each as a field error naming the place (`a.b[2]`)."""
    problems: list[dict[str, str]] = []
    pending: deque[tuple[Any, str, int]] = deque([(value, where, 1)])
    while pending and len(problems) < 20:
        current, path, depth = pending.popleft()
        if isinstance(current, dict | list):
            if depth > MAX_DEPTH:
                problems.append(field_error(path or "(body)", f"nested deeper than {MAX_DEPTH} levels", "too-deep"))
                continue
            if isinstance(current, list):
                pending.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(current))
                continue
            for key, item in current.items():
                inner = f"{path}.{key}" if path else str(key)
                if not isinstance(key, str) or key == "":
                    problems.append(field_error(path or "(body)", "has an empty key", "empty-key"))
                elif not _is_unicode(key):
                    problems.append(
                        field_error(path or "(body)", "has a key that is not valid Unicode", "invalid-text")
                    )
                else:
                    pending.append((item, inner, depth + 1))
        elif isinstance(current, bool) or current is None:
            continue
        elif isinstance(current, int | float | Decimal):
            problem = number_problem(current)
            if problem:
                problems.append(field_error(path or "(body)", problem, "number-out-of-range"))
        elif isinstance(current, str) and not _is_unicode(current):
            problems.append(field_error(path or "(body)", "not valid Unicode (a lone surrogate)", "invalid-text"))
    return problems


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def item_size(attributes: dict[str, Any]) -> int:
    """An item's size as DynamoDB counts it, from its DynamoDB JSON (names plus values)."""
    return sum(_utf8_len(name) + _wire_size(value) for name, value in attributes.items())


def _wire_size(value: dict[str, Any]) -> int:
    ((kind, raw),) = value.items()
    if kind == "S":
        return _utf8_len(raw)
    if kind == "N":
        return len(raw) // 2 + 2
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "M":
        return 3 + sum(_utf8_len(k) + 1 + _wire_size(v) for k, v in raw.items())
    if kind == "L":
        return 3 + sum(1 + _wire_size(v) for v in raw)
    if kind == "B":
        return len(raw)
    return 3 + sum(len(str(v)) + 1 for v in raw)  # sets


class WriteRefused(Exception):
    """DynamoDB refused a write; nothing of it was applied."""


class ConditionFailed(WriteRefused):
    """Conditions failed: `failed` holds the indexes of the operations whose condition failed (empty
    when DynamoDB cancelled the transaction for another reason, such as throttling)."""

    def __init__(self, failed: list[int]):
        super().__init__(failed)
        self.failed = failed


class Contention(WriteRefused):
    """Another transaction held one of the items (TransactionConflict): the same write may succeed
    if sent again."""


class ItemTooLarge(WriteRefused):
    """A write would make an item larger than DynamoDB holds."""

    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


class InvalidItem(WriteRefused):
    """DynamoDB refused a write as invalid (not a failed condition): a bug upstream, or a limit."""


# ---- (de)serialisation ------------------------------------------------------------------------------


def _to_dynamo(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _to_dynamo(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_dynamo(v) for v in value]
    return value


_EXACT_INTS = 10**MAX_DIGITS


def _from_dynamo(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Integers of up to 38 digits read back exactly; any other number is a double.
        return int(value) if value == value.to_integral_value() and abs(value) < _EXACT_INTS else float(value)
    if isinstance(value, dict):
        return {k: _from_dynamo(v) for k, v in value.items()}
    if isinstance(value, list | set | tuple):
        return [_from_dynamo(v) for v in value]
    return value


def serialize(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _attribute(v) for k, v in item.items()}


def deserialize(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in item.items()}


def _attribute(value: Any) -> dict[str, Any]:
    """A value as DynamoDB JSON: what boto3's TypeSerializer makes of `_to_dynamo(value)`, without
    its chain of type tests for the JSON types records hold; other types go to TypeSerializer."""
    if isinstance(value, str):
        return {"S": value}
    if value is True or value is False:
        return {"BOOL": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, int | float | Decimal):
        problem = number_problem(value)
        if problem:
            raise InvalidItem(f"a number {problem}")
        return {"N": repr(value) if isinstance(value, float) else str(value)}
    if isinstance(value, dict):
        return {"M": {k: _attribute(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"L": [_attribute(v) for v in value]}
    from boto3.dynamodb.types import TypeSerializer  # sets, binary, tuples, other mappings: never on the hot path

    serialized: dict[str, Any] = TypeSerializer().serialize(_to_dynamo(value))  # boto3 is untyped: Any
    return serialized


def _plain(value: dict[str, Any]) -> Any:
    """DynamoDB JSON as plain values: what boto3's TypeDeserializer then `_from_dynamo` make of it."""
    for kind, raw in value.items():
        if kind == "S":
            return raw
        if kind == "N":
            if len(raw) <= 38 and raw.isascii() and (raw.isdigit() or (raw[:1] == "-" and raw[1:].isdigit())):
                return int(raw)
            return _from_dynamo(Decimal(raw))
        if kind == "M":
            return {k: _plain(v) for k, v in raw.items()}
        if kind == "L":
            return [_plain(v) for v in raw]
        if kind == "BOOL":
            return raw
        if kind == "NULL":
            return None
        break
    from boto3.dynamodb.types import TypeDeserializer  # sets and binary: never on the hot path

    return _from_dynamo(TypeDeserializer().deserialize(value))


def as_stored(record: dict[str, Any]) -> dict[str, Any]:
    """The record as a read will return it (DynamoDB numbers: 40.0 reads back as 40)."""
    return deserialize(serialize(record))


def public(item: dict[str, Any]) -> dict[str, Any]:
    """The record as callers see it: no keys, no internal attributes."""
    return {k: v for k, v in item.items() if k not in ("pk", "sk") and not k.startswith("_")}


# ---- reads ------------------------------------------------------------------------------------------


def get(key: dict[str, str], consistent: bool = False) -> dict[str, Any] | None:
    if not key_fits(key):
        return None  # DynamoDB refuses such a key: no item has it
    response = client().get_item(TableName=table(), Key=serialize(key), ConsistentRead=consistent)
    item = response.get("Item")
    return deserialize(item) if item else None


def query_page(
    pk: str,
    limit: int,
    start_key: dict[str, Any] | None = None,
    forward: bool = True,
    index: str | None = None,
    sk_between: tuple[str, str] | None = None,
    sk_from: str | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """One Query request on one partition (of the table or of an index); returns the items and the
    raw LastEvaluatedKey."""
    pk_name, sk_name = GLOBAL_SECONDARY_INDEXES[index] if index else (PARTITION_KEY, SORT_KEY)
    if not _partition_fits(pk):
        return [], None  # no item can be in a partition DynamoDB cannot name
    condition, values = "#pk = :pk", {":pk": {"S": pk}}
    if sk_between:
        condition += " AND #sk BETWEEN :lo AND :hi"
        values[":lo"], values[":hi"] = {"S": sk_between[0]}, {"S": sk_between[1]}
    elif sk_from is not None:
        condition += " AND #sk >= :lo"
        values[":lo"] = {"S": sk_from}
    kwargs: dict[str, Any] = {
        "TableName": table(),
        "KeyConditionExpression": condition,
        "ExpressionAttributeNames": {"#pk": pk_name} | ({"#sk": sk_name} if ":lo" in values else {}),
        "ExpressionAttributeValues": values,
        "Limit": limit,
        "ScanIndexForward": forward,
    }
    if index:
        kwargs["IndexName"] = index
    if start_key:
        kwargs["ExclusiveStartKey"] = serialize(start_key)
    response = client().query(**kwargs)
    last = response.get("LastEvaluatedKey")
    return [deserialize(i) for i in response.get("Items", [])], (deserialize(last) if last else None)


def index_attributes(index_keys: dict[str, tuple[str, str]]) -> dict[str, str]:
    """A record's secondary-index key attributes, from {table index: (pk, sk)}."""
    values: dict[str, str] = {}
    for index, (pk, sk) in index_keys.items():
        pk_name, sk_name = GLOBAL_SECONDARY_INDEXES[index]
        values[pk_name], values[sk_name] = pk, sk
    return values


def in_partition(start_key: dict[str, Any], pk: str, index: str | None = None) -> bool:
    """Whether a LastEvaluatedKey (from a page token) lies in partition `pk` of the table or index."""
    return start_key.get(GLOBAL_SECONDARY_INDEXES[index][0] if index else PARTITION_KEY) == pk


# ---- writes -----------------------------------------------------------------------------------------


def _op(
    kind: str, body: dict[str, Any], condition: str | None, names: dict[str, str], values: dict[str, Any]
) -> Operation:
    body = {"TableName": table(), **body}
    if condition:
        body["ConditionExpression"] = condition
    if names:
        body["ExpressionAttributeNames"] = names
    if values:
        body["ExpressionAttributeValues"] = serialize(values)
    return {kind: body}


def overwrite(item: dict[str, Any]) -> Operation:
    """Write an item whatever is there (a position, a cache)."""
    return _op("Put", {"Item": serialize(item)}, None, {}, {})


def put_new(item: dict[str, Any]) -> Operation:
    """Create an item that must not exist yet."""
    return _op("Put", {"Item": serialize(item)}, "attribute_not_exists(pk)", {}, {})


def delete_item(key: dict[str, str], expected_version: int | None = None, unreferenced: bool = False) -> Operation:
    """Delete an item that must exist (at `expected_version`, and referenced by nothing if asked)."""
    condition, names, values = ["attribute_exists(pk)"], {}, {}
    if expected_version is not None:
        condition.append("#v = :v")
        names["#v"], values[":v"] = VERSION, expected_version
    if unreferenced:
        condition.append("(attribute_not_exists(#refs) OR #refs <= :zero)")
        names["#refs"], values[":zero"] = REFS, 0
    return _op("Delete", {"Key": serialize(key)}, " AND ".join(condition), names, values)


def update_record(
    key: dict[str, str],
    set_fields: dict[str, Any],
    remove_fields: list[str],
    expected_version: int,
    add_references: int = 0,
) -> Operation:
    """Replace a record's public fields in place, keeping internal attributes (reference counts),
    only if nobody changed it since `expected_version` was read."""
    names, values, sets = {"#v": VERSION}, {":expected": expected_version}, []
    for i, (field, value) in enumerate(set_fields.items()):
        names[f"#s{i}"], values[f":s{i}"] = field, value
        sets.append(f"#s{i} = :s{i}")
    expression = "SET " + ", ".join(sets)
    if remove_fields:
        for i, field in enumerate(remove_fields):
            names[f"#r{i}"] = field
        expression += " REMOVE " + ", ".join(f"#r{i}" for i in range(len(remove_fields)))
    if add_references:
        names["#refs"], values[":refs"] = REFS, add_references
        expression += " ADD #refs :refs"
    return _op(
        "Update",
        {"Key": serialize(key), "UpdateExpression": expression},
        "attribute_exists(pk) AND #v = :expected",
        names,
        values,
    )


def set_attributes(key: dict[str, str], fields: dict[str, Any]) -> Operation:
    """Set a few attributes on an existing item, without touching its version."""
    names = {f"#a{i}": name for i, name in enumerate(fields)}
    values = {f":a{i}": value for i, value in enumerate(fields.values())}
    expression = "SET " + ", ".join(f"#a{i} = :a{i}" for i in range(len(fields)))
    return _op("Update", {"Key": serialize(key), "UpdateExpression": expression}, "attribute_exists(pk)", names, values)


def add_references(key: dict[str, str], delta: int) -> Operation:
    """Count (or uncount) references to an item that must exist: the condition is the integrity check."""
    return _op(
        "Update",
        {"Key": serialize(key), "UpdateExpression": "ADD #refs :d"},
        "attribute_exists(pk)",
        {"#refs": REFS},
        {":d": delta},
    )


def bump_counter(key: dict[str, str], delta: int, default_limit: int) -> Operation:
    """Move a per-tenant record count; growing it past the limit (own `limit`, else default) fails."""
    condition = None
    values: dict[str, Any] = {":d": delta}
    names = {"#n": "n"}
    if delta > 0:
        condition = "attribute_not_exists(#n) OR (attribute_not_exists(#lim) AND #n < :dflt) OR #n < #lim"
        names["#lim"] = "limit"
        values[":dflt"] = default_limit
    return _op("Update", {"Key": serialize(key), "UpdateExpression": "ADD #n :d"}, condition, names, values)


def count_failure(key: dict[str, str], now: int, window: int, ttl: int) -> int:
    """Count one failed attempt in a sliding window that starts at the first failure; returns the
    failures so far in the current window."""
    fresh = {"failures": 1, "window_start": now, "expires_at": now + ttl}
    try:
        client().put_item(
            TableName=table(),
            Item=serialize({**key, **fresh}),
            ConditionExpression="attribute_not_exists(pk) OR window_start < :window_open",
            ExpressionAttributeValues=serialize({":window_open": now - window}),
        )
        return 1
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
    response = client().update_item(
        TableName=table(),
        Key=serialize(key),
        UpdateExpression="ADD failures :one SET expires_at = :expires",
        ExpressionAttributeValues=serialize({":one": 1, ":expires": now + ttl}),
        ReturnValues="UPDATED_NEW",
    )
    return int(deserialize(response["Attributes"])["failures"])


def take_lease(key: dict[str, str], owner: str, seconds: int) -> bool:
    """Claim (or renew) exclusive work on an existing item for `seconds`; False if another holds it."""
    now = int(time.time())
    try:
        client().update_item(
            TableName=table(),
            Key=serialize(key),
            UpdateExpression="SET #lease = :until, #owner = :owner",
            ConditionExpression="attribute_exists(pk) AND "
            "(attribute_not_exists(#lease) OR #lease < :now OR #owner = :owner)",
            ExpressionAttributeNames={"#lease": "_lease_until", "#owner": "_lease_owner"},
            ExpressionAttributeValues=serialize({":until": now + seconds, ":owner": owner, ":now": now}),
        )
        return True
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise


def claim_slot(key: dict[str, str], owner: str, until: int, keep_until: int) -> bool:
    """Hold one of a few concurrency slots until `until` (Unix seconds); False if another holder's
    claim has not run out. A holder that dies frees its slot when the claim runs out."""
    try:
        client().put_item(
            TableName=table(),
            Item=serialize({**key, "holder": owner, "held_until": until, "expires_at": keep_until}),
            ConditionExpression="attribute_not_exists(pk) OR held_until < :now",
            ExpressionAttributeValues=serialize({":now": int(time.time())}),
        )
        return True
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise


def free_slot(key: dict[str, str], owner: str) -> None:
    """Give a slot back, unless its claim ran out and someone else holds it now."""
    try:
        client().update_item(
            TableName=table(),
            Key=serialize(key),
            UpdateExpression="SET held_until = :free",
            ConditionExpression="holder = :owner",
            ExpressionAttributeValues=serialize({":free": 0, ":owner": owner}),
        )
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise


def bump_counter_from(key: dict[str, str], delta: int, expected: int) -> Operation:
    """Move a count by `delta` only if it still is `expected` (the caller checked the limit)."""
    condition = "attribute_not_exists(#n) OR #n = :expected" if expected == 0 else "#n = :expected"
    return _op(
        "Update",
        {"Key": serialize(key), "UpdateExpression": "ADD #n :d"},
        condition,
        {"#n": "n"},
        {":d": delta, ":expected": expected},
    )


def batch_get(keys: list[dict[str, str]], consistent: bool = False) -> list[dict[str, Any] | None]:
    """The item of each key (None where there is none), in the keys' order; 100 keys per request."""
    found: dict[tuple[str, str], dict[str, Any]] = {}

    def read(pending: dict[str, Any]) -> dict[str, Any]:
        response = client().batch_get_item(RequestItems=pending)
        for item in response.get("Responses", {}).get(table(), []):
            plain = deserialize(item)
            found[(plain["pk"], plain["sk"])] = plain
        return response.get("UnprocessedKeys") or {}

    unique = list({(k["pk"], k["sk"]): k for k in keys if key_fits(k)}.values())
    for start in range(0, len(unique), 100):
        request: dict[str, Any] = {"Keys": [serialize(k) for k in unique[start : start + 100]]}
        if consistent:
            request["ConsistentRead"] = True
        _until_processed(read, {table(): request})
    return [found.get((k["pk"], k["sk"])) for k in keys]


def batch_put(items: list[dict[str, Any]]) -> None:
    """Unconditional puts, 25 per BatchWriteItem."""
    for start in range(0, len(items), 25):
        _until_processed(
            lambda pending: client().batch_write_item(RequestItems=pending).get("UnprocessedItems") or {},
            {table(): [{"PutRequest": {"Item": serialize(i)}} for i in items[start : start + 25]]},
        )


def _until_processed(send: Callable[[dict[str, Any]], dict[str, Any]], pending: dict[str, Any]) -> None:
    """Send a batch request, then what DynamoDB left unprocessed, with backoff, until nothing is left."""
    attempt = 0
    while pending:
        pending = send(pending)
        attempt += 1
        if pending:
            time.sleep(min(2.0, 0.05 * 2**attempt))


def set_counter_limit(key: dict[str, str], limit: int) -> Operation:
    return _op(
        "Update",
        {"Key": serialize(key), "UpdateExpression": "SET #lim = :lim"},
        None,
        {"#lim": "limit"},
        {":lim": limit},
    )


_UPDATE_MARGIN = 1024  # attributes an update keeps without setting them (reference count, a hash)


def _check_sizes(operations: list[Operation]) -> None:
    """Refuse an item over DynamoDB's 400 KB before sending it (moto would store it)."""
    for operation in operations:
        ((kind, body),) = operation.items()
        if kind == "Put":
            size = item_size(body["Item"])
        elif kind == "Update" and "SET" in body["UpdateExpression"]:
            values = body.get("ExpressionAttributeValues", {})
            names = body.get("ExpressionAttributeNames", {})
            size = _UPDATE_MARGIN + sum(_wire_size(v) for v in values.values())
            size += sum(_utf8_len(n) for n in names.values()) + item_size(body["Key"])
        else:
            continue
        if size > MAX_ITEM_BYTES:
            raise ItemTooLarge(size)


def write(operations: list[Operation]) -> None:
    """Apply operations atomically: one plain conditional write when there is one, else a transaction."""
    if not operations:
        return
    _check_sizes(operations)
    try:
        if len(operations) == 1:
            ((kind, body),) = operations[0].items()
            call = {"Put": client().put_item, "Delete": client().delete_item, "Update": client().update_item}
            call[kind](**body)
        else:
            client().transact_write_items(TransactItems=operations)
    except ClientError as error:
        code = error.response["Error"]["Code"]
        if code == "ConditionalCheckFailedException":
            raise ConditionFailed([0]) from None
        if code == "TransactionCanceledException":
            reasons = error.response.get("CancellationReasons") or []
            codes = [r.get("Code") if r.get("Code") not in (None, "None") else None for r in reasons]
            if not any(codes):
                raise
            invalid = [r.get("Message") or "" for r in reasons if r.get("Code") == "ValidationError"]
            if invalid:
                raise _refusal(invalid[0]) from None
            failed = [i for i, reason in enumerate(codes) if reason == "ConditionalCheckFailed"]
            if not failed and "TransactionConflict" in codes:
                raise Contention() from None
            raise ConditionFailed(failed) from None
        if code == "ValidationException":
            raise _refusal(error.response["Error"].get("Message") or "") from None
        raise


def _refusal(message: str) -> Exception:
    """DynamoDB's ValidationException as a typed error (its message names no value)."""
    if "size" in message.lower() and "exceed" in message.lower():
        return ItemTooLarge(MAX_ITEM_BYTES + 1)
    return InvalidItem(message)


def advance(key: dict[str, str], counter: str, value: int, fields: dict[str, Any]) -> Operation:
    """Set `counter` to `value` (and `fields`), creating the item if need be, only while the stored
    counter is below `value`: a step taken twice (a redelivered message) is refused the second time."""
    names = {"#c": counter, **{f"#a{i}": name for i, name in enumerate(fields)}}
    values = {":c": value, **{f":a{i}": v for i, v in enumerate(fields.values())}}
    sets = ", ".join(["#c = :c", *(f"#a{i} = :a{i}" for i in range(len(fields)))])
    return _op(
        "Update",
        {"Key": serialize(key), "UpdateExpression": f"SET {sets}"},
        "attribute_not_exists(#c) OR #c < :c",
        names,
        values,
    )


def remove_attributes(key: dict[str, str], names: list[str]) -> Operation:
    """Remove attributes from an existing item, without touching its version."""
    aliases = {f"#r{i}": name for i, name in enumerate(names)}
    expression = "REMOVE " + ", ".join(aliases)
    return _op("Update", {"Key": serialize(key), "UpdateExpression": expression}, "attribute_exists(pk)", aliases, {})


def set_if_absent(key: dict[str, str], field: str, value: Any) -> Operation:
    """Set one attribute of an existing item unless it is set already."""
    return _op(
        "Update",
        {"Key": serialize(key), "UpdateExpression": "SET #f = :v"},
        "attribute_exists(pk) AND attribute_not_exists(#f)",
        {"#f": field},
        {":v": value},
    )
