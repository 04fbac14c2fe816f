"""The generic resource engine: the whole record contract (create, read, list, replace, patch,
delete, batch) for any resource declared as a `ResourceSpec`. No HTTP here (`shared.api`), no
DynamoDB syntax (`shared.store`), no key formats (`shared.keys`).

  spec         what a resource declares (ResourceSpec, Reference, Index, Hooks)
  values       ids, timestamps, projections, ETags
  transaction  one atomic write and its API errors; the one retry loop
  records      create, get, replace, patch, delete
  queries      lists by id and by index, one signed page at a time
  batch        patch and delete operations, each with its own result
"""

from shared.engine.batch import batch
from shared.engine.queries import IndexPage, list_page, partition_page, query_index
from shared.engine.records import create, delete, dump, find_by_unique, get, patch, replace, validate
from shared.engine.spec import ALL_ROLES, WRITERS, Hooks, Index, Reference, ResourceSpec, WriteExtras
from shared.engine.values import etag, new_id, now_iso, parse_fields, project

__all__ = [
    "ALL_ROLES",
    "WRITERS",
    "Hooks",
    "Index",
    "IndexPage",
    "Reference",
    "ResourceSpec",
    "WriteExtras",
    "batch",
    "create",
    "delete",
    "dump",
    "etag",
    "find_by_unique",
    "get",
    "list_page",
    "new_id",
    "now_iso",
    "parse_fields",
    "partition_page",
    "patch",
    "project",
    "query_index",
    "replace",
    "validate",
]
