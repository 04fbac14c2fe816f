from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookEndpointIn")


@_attrs_define
class WebhookEndpointIn:
    """Where the tenant's events are pushed, signed (Standard Webhooks). The signing secret is made by
    the server and returned once: in the create response and by rotateSecret, as `secret`.

        Attributes:
            event_types (list[str]): Exact types ("examResults.created"), a resource's wildcard ("examResults.*"), or "*"
            url (str): Where events are POSTed: https, on a host with public addresses only (`make run`: also http on
                127.0.0.1 or localhost)
            description (None | str | Unset):
            id (None | str | Unset):
            is_active (bool | Unset): False: no deliveries (set by the server on 410 Gone) Default: True.
            sys_external_id (None | str | Unset): The record's id in the client's system (unique)
            sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
    """

    event_types: list[str]
    url: str
    description: None | str | Unset = UNSET
    id: None | str | Unset = UNSET
    is_active: bool | Unset = True
    sys_external_id: None | str | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event_types = self.event_types

        url = self.url

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        is_active = self.is_active

        sys_external_id: None | str | Unset
        if isinstance(self.sys_external_id, Unset):
            sys_external_id = UNSET
        else:
            sys_external_id = self.sys_external_id

        sys_locked: bool | None | Unset
        if isinstance(self.sys_locked, Unset):
            sys_locked = UNSET
        else:
            sys_locked = self.sys_locked

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_types": event_types,
                "url": url,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if id is not UNSET:
            field_dict["id"] = id
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_types = cast(list[str], d.pop("event_types"))

        url = d.pop("url")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        is_active = d.pop("is_active", UNSET)

        def _parse_sys_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_external_id = _parse_sys_external_id(d.pop("sys_external_id", UNSET))

        def _parse_sys_locked(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sys_locked = _parse_sys_locked(d.pop("sys_locked", UNSET))

        webhook_endpoint_in = cls(
            event_types=event_types,
            url=url,
            description=description,
            id=id,
            is_active=is_active,
            sys_external_id=sys_external_id,
            sys_locked=sys_locked,
        )

        return webhook_endpoint_in
