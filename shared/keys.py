"""Every key format of the one table (and of the tenant files in S3), in one place.

Items (pk / sk):
  record           <tenant>#<resource>                   <id>
  unique value     <tenant>#<resource>#unique#<field>    <value>             (owner id in `owner`)
  record count     <tenant>#_meta                        count#<resource>    (`n`, optional `limit`)
  tenant           <tenant>#_meta                        tenant
  API key lookup   _apikey#<sha256 of the key>           _apikey
  job              <tenant>#_jobs#<resource>             <kind>#<jobId>      (kind: bulk | export)
  bulk-load error  <job pk>|<job sk>|errors              <record no, 12 digits>
  sign-in attempts <tenant>#_auth                        proctor#<username>
  Idempotency-Key  <tenant>#_idempotency                 key#<sha256>        (Powertools' item; the hash of
                   tenant, API key id, method and path, header value: shared/idempotency.py)
  event (outbox)   <tenant>#_events                      <event id>          (written in the transaction of
                   the write it reports; `item_type` "event"; the feed, and what the stream fans out)
  delivery state   <tenant>#_deliveries#<endpoint id>    state#<event id>#<round>   (attempts made)
  delivery attempt <tenant>#_deliveries#<endpoint id>    attempt#<attempt id>       (the deliveries log)
  delivery slot    <tenant>#_deliveries#<endpoint id>    slot#<n>           (one of the attempts in flight)
  stream position  _dispatcher                           stream#<shard id>   (the local stream reader's)
Secondary indexes (attribute names in shared.table_schema): the partition is
`<tenant>#<resource>#<index name>[#<value>]`, the sort key what the resource's `Index` declares
(`time_sort_key` for instants, so they order by time).

Tenant files (S3 object keys):
  bulk-load source   <tenant>/bulk-loads/<resource>/<jobId>/<file name>   (errors.ndjson beside it)
  export             <tenant>/exports/<resource>/<jobId>/request.json, then <resource>.<format>
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

Key = dict[str, str]


def collection_pk(tenant: str, resource: str) -> str:
    return f"{tenant}#{resource}"


def record_key(tenant: str, resource: str, record_id: str) -> Key:
    return {"pk": collection_pk(tenant, resource), "sk": record_id}


def unique_key(tenant: str, resource: str, field: str, value: Any) -> Key:
    return {"pk": f"{tenant}#{resource}#unique#{field}", "sk": str(value)}


def counter_key(tenant: str, resource: str) -> Key:
    return {"pk": f"{tenant}#_meta", "sk": f"count#{resource}"}


def tenant_key(tenant: str) -> Key:
    return {"pk": f"{tenant}#_meta", "sk": "tenant"}


def api_key_lookup_key(key_hash: str) -> Key:
    return {"pk": f"_apikey#{key_hash}", "sk": "_apikey"}


def jobs_pk(tenant: str, resource: str) -> str:
    return f"{tenant}#_jobs#{resource}"


def job_key(tenant: str, resource: str, kind: str, job_id: str) -> Key:
    return {"pk": jobs_pk(tenant, resource), "sk": f"{kind}#{job_id}"}


def job_kind_range(kind: str) -> tuple[str, str]:
    """The sort-key range that holds every job of one kind."""
    return f"{kind}#", f"{kind}#~"


def job_reference(key: Key) -> str:
    """A job's key as one string (a record's `sys_bulk_load_pk`)."""
    return f"{key['pk']}|{key['sk']}"


def load_errors_pk(job: Key) -> str:
    return f"{job_reference(job)}|errors"


def load_error_key(job: Key, record_no: int) -> Key:
    return {"pk": load_errors_pk(job), "sk": f"{record_no:012d}"}


def sign_in_attempts_key(tenant: str, username: str) -> Key:
    return {"pk": f"{tenant}#_auth", "sk": f"proctor#{username}"}


def idempotency_pk(tenant: str) -> str:
    """The partition of a tenant's Idempotency-Key items (Powertools writes their sort key)."""
    return f"{tenant}#_idempotency"


def events_pk(tenant: str) -> str:
    return f"{tenant}#_events"


def event_key(tenant: str, event_id: str) -> Key:
    return {"pk": events_pk(tenant), "sk": event_id}


def deliveries_pk(tenant: str, endpoint_id: str) -> str:
    return f"{tenant}#_deliveries#{endpoint_id}"


def delivery_state_key(tenant: str, endpoint_id: str, event_id: str, round_id: str) -> Key:
    return {"pk": deliveries_pk(tenant, endpoint_id), "sk": f"state#{event_id}#{round_id}"}


def delivery_attempt_key(tenant: str, endpoint_id: str, attempt_id: str) -> Key:
    return {"pk": deliveries_pk(tenant, endpoint_id), "sk": f"attempt#{attempt_id}"}


ATTEMPT_RANGE = ("attempt#", "attempt#~")


def delivery_slot_key(tenant: str, endpoint_id: str, slot: int) -> Key:
    return {"pk": deliveries_pk(tenant, endpoint_id), "sk": f"slot#{slot}"}


def stream_position_key(shard_id: str) -> Key:
    return {"pk": "_dispatcher", "sk": f"stream#{shard_id}"}


def index_pk(tenant: str, resource: str, index: str, value: str | None = None) -> str:
    return f"{tenant}#{resource}#{index}" + (f"#{value}" if value is not None else "")


def utc_key(iso: str) -> str:
    """A date-time as fixed-width UTC text, so index sort keys order by instant. ValueError for text
    that is no date-time with an offset, or whose instant falls outside the years 1-9999 in UTC."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a date-time needs a UTC offset")
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("the instant falls outside the years 1-9999 in UTC") from None
    # Not strftime: its %Y leaves years below 1000 unpadded, which would sort them after later ones.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{moment.microsecond // 1000:03d}Z"
    )


def time_sort_key(iso: str, record_id: str) -> str:
    """An index sort key ordered by instant, unique by the record id."""
    return f"{utc_key(iso)}#{record_id}"


# ---- tenant files -----------------------------------------------------------------------------------

BULK_LOAD_FOLDER = "bulk-loads"
EXPORT_FOLDER = "exports"
ERROR_REPORT = "errors.ndjson"
EXPORT_REQUEST = "request.json"


def load_folder(tenant: str, resource: str, job_id: str) -> str:
    return f"{tenant}/{BULK_LOAD_FOLDER}/{resource}/{job_id}/"


def export_folder(tenant: str, resource: str, job_id: str) -> str:
    return f"{tenant}/{EXPORT_FOLDER}/{resource}/{job_id}/"


class FileKey(NamedTuple):
    tenant: str
    folder: str
    resource: str
    job_id: str
    name: str


def parse_file_key(key: str) -> FileKey | None:
    """The parts of a tenant file's key, or None for any other object."""
    parts = key.split("/")
    return FileKey(*parts) if len(parts) == 5 else None
