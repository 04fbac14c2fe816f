"""Which events an endpoint receives: those its types select, of resources its creator's role may
read (job events: the roles that may see the job)."""

from __future__ import annotations

from typing import Any

from shared.events import JOB_EVENTS
from shared.models.webhook_endpoints import WILDCARD


def selects(event_types: list[str], event_type: str) -> bool:
    resource = event_type.split(".", 1)[0]
    return WILDCARD in event_types or event_type in event_types or f"{resource}.*" in event_types


def may_read(role: str, event_type: str, resource: str) -> bool:
    from shared.resources import BULK_RESOURCES

    spec = BULK_RESOURCES.get(resource)
    if spec is None:
        return False
    if JOB_EVENTS.get(event_type) == "bulk":
        return role in spec.write_roles  # bulk loads are listed to writers
    return role in spec.read_roles


def receives(endpoint: dict[str, Any], event_type: str, resource: str) -> bool:
    return (
        endpoint.get("is_active", True)
        and selects(endpoint["event_types"], event_type)
        and may_read(endpoint.get("_owner_role", ""), event_type, resource)
    )
