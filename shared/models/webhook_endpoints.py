from __future__ import annotations

from typing import Annotated, ClassVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, field_validator

from shared.models.base import RecordIn

WILDCARD = "*"


def _known_type(entry: str) -> str:
    from shared.events import EVENT_TYPES

    resources = {name.split(".")[0] for name in EVENT_TYPES}
    if entry == WILDCARD or entry in EVENT_TYPES or (entry.endswith(".*") and entry[:-2] in resources):
        return entry
    raise ValueError("not an event type, a resource's wildcard (examResults.*) or *")


EventType = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_known_type)]


class WebhookEndpointIn(RecordIn):
    """Where the tenant's events are pushed, signed (Standard Webhooks). The signing secret is made by
    the server and returned once: in the create response and by rotateSecret, as `secret`."""

    server_fields: ClassVar[frozenset[str]] = frozenset({"disabled_reason"})

    url: str = Field(min_length=1, max_length=2048, description="https URL that receives POSTed events")
    event_types: list[EventType] = Field(
        min_length=1,
        max_length=64,
        description='Exact types ("examResults.created"), a resource\'s wildcard ("examResults.*"), or "*"',
    )
    description: str | None = Field(default=None, max_length=1000)
    is_active: bool = Field(default=True, description="False: no deliveries (set by the server on 410 Gone)")
    disabled_reason: str | None = Field(default=None, description="Why the server disabled the endpoint")

    @field_validator("url")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        try:
            parts = urlsplit(value)
            port = parts.port
        except ValueError:
            raise ValueError("not a URL") from None
        if port == 0:
            raise ValueError("port 0 receives nothing")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an absolute http(s) URL")
        if parts.username or parts.password:
            raise ValueError("must not carry credentials")
        if parts.fragment:
            raise ValueError("must not have a fragment")
        return value

    @field_validator("event_types")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("lists a type twice")
        return value
