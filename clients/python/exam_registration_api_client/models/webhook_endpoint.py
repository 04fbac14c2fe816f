from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_endpoint_sys_last_security_context_type_0 import WebhookEndpointSysLastSecurityContextType0


T = TypeVar("T", bound="WebhookEndpoint")


@_attrs_define
class WebhookEndpoint:
    """A record as stored. Every field but `id` may be absent: optional fields that were never set, and, with `fields=a,b`,
    every field not named.

        Attributes:
            id (str):
            description (None | str | Unset):
            disabled_reason (None | str | Unset): Why the server disabled the endpoint
            event_types (list[str] | Unset): Exact types ("examResults.created"), a resource's wildcard ("examResults.*"),
                or "*"
            is_active (bool | Unset): False: no deliveries (set by the server on 410 Gone) Default: True.
            secret (str | Unset): The signing secret (`whsec_` + base64), in the answers to the create and to rotateSecret
                only (shown once; it is stored encrypted and never returned again)
            sys_bulk_load_at (None | str | Unset):
            sys_bulk_load_id (None | str | Unset):
            sys_bulk_load_pk (None | str | Unset):
            sys_bulk_load_record_no (int | None | Unset):
            sys_bulk_load_source_file (None | str | Unset):
            sys_created_at (str | Unset):
            sys_created_by_id (str | Unset):
            sys_deleted_by_id (None | str | Unset):
            sys_external_id (None | str | Unset): The record's id in the client's system (unique)
            sys_last_modified_at (str | Unset):
            sys_last_modified_by_id (str | Unset):
            sys_last_security_context (None | Unset | WebhookEndpointSysLastSecurityContextType0):
            sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
            sys_version (int | Unset): 1 on create, +1 on every change; the ETag
            url (str | Unset): Where events are POSTed: https, on a host with public addresses only (`make run`: also http
                on 127.0.0.1 or localhost)
    """

    id: str
    description: None | str | Unset = UNSET
    disabled_reason: None | str | Unset = UNSET
    event_types: list[str] | Unset = UNSET
    is_active: bool | Unset = True
    secret: str | Unset = UNSET
    sys_bulk_load_at: None | str | Unset = UNSET
    sys_bulk_load_id: None | str | Unset = UNSET
    sys_bulk_load_pk: None | str | Unset = UNSET
    sys_bulk_load_record_no: int | None | Unset = UNSET
    sys_bulk_load_source_file: None | str | Unset = UNSET
    sys_created_at: str | Unset = UNSET
    sys_created_by_id: str | Unset = UNSET
    sys_deleted_by_id: None | str | Unset = UNSET
    sys_external_id: None | str | Unset = UNSET
    sys_last_modified_at: str | Unset = UNSET
    sys_last_modified_by_id: str | Unset = UNSET
    sys_last_security_context: None | Unset | WebhookEndpointSysLastSecurityContextType0 = UNSET
    sys_locked: bool | None | Unset = UNSET
    sys_version: int | Unset = UNSET
    url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.webhook_endpoint_sys_last_security_context_type_0 import (
            WebhookEndpointSysLastSecurityContextType0,  # noqa: PLC0415
        )

        id = self.id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        disabled_reason: None | str | Unset
        if isinstance(self.disabled_reason, Unset):
            disabled_reason = UNSET
        else:
            disabled_reason = self.disabled_reason

        event_types: list[str] | Unset = UNSET
        if not isinstance(self.event_types, Unset):
            event_types = self.event_types

        is_active = self.is_active

        secret = self.secret

        sys_bulk_load_at: None | str | Unset
        if isinstance(self.sys_bulk_load_at, Unset):
            sys_bulk_load_at = UNSET
        else:
            sys_bulk_load_at = self.sys_bulk_load_at

        sys_bulk_load_id: None | str | Unset
        if isinstance(self.sys_bulk_load_id, Unset):
            sys_bulk_load_id = UNSET
        else:
            sys_bulk_load_id = self.sys_bulk_load_id

        sys_bulk_load_pk: None | str | Unset
        if isinstance(self.sys_bulk_load_pk, Unset):
            sys_bulk_load_pk = UNSET
        else:
            sys_bulk_load_pk = self.sys_bulk_load_pk

        sys_bulk_load_record_no: int | None | Unset
        if isinstance(self.sys_bulk_load_record_no, Unset):
            sys_bulk_load_record_no = UNSET
        else:
            sys_bulk_load_record_no = self.sys_bulk_load_record_no

        sys_bulk_load_source_file: None | str | Unset
        if isinstance(self.sys_bulk_load_source_file, Unset):
            sys_bulk_load_source_file = UNSET
        else:
            sys_bulk_load_source_file = self.sys_bulk_load_source_file

        sys_created_at = self.sys_created_at

        sys_created_by_id = self.sys_created_by_id

        sys_deleted_by_id: None | str | Unset
        if isinstance(self.sys_deleted_by_id, Unset):
            sys_deleted_by_id = UNSET
        else:
            sys_deleted_by_id = self.sys_deleted_by_id

        sys_external_id: None | str | Unset
        if isinstance(self.sys_external_id, Unset):
            sys_external_id = UNSET
        else:
            sys_external_id = self.sys_external_id

        sys_last_modified_at = self.sys_last_modified_at

        sys_last_modified_by_id = self.sys_last_modified_by_id

        sys_last_security_context: dict[str, Any] | None | Unset
        if isinstance(self.sys_last_security_context, Unset):
            sys_last_security_context = UNSET
        elif isinstance(self.sys_last_security_context, WebhookEndpointSysLastSecurityContextType0):
            sys_last_security_context = self.sys_last_security_context.to_dict()
        else:
            sys_last_security_context = self.sys_last_security_context

        sys_locked: bool | None | Unset
        if isinstance(self.sys_locked, Unset):
            sys_locked = UNSET
        else:
            sys_locked = self.sys_locked

        sys_version = self.sys_version

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if disabled_reason is not UNSET:
            field_dict["disabled_reason"] = disabled_reason
        if event_types is not UNSET:
            field_dict["event_types"] = event_types
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if secret is not UNSET:
            field_dict["secret"] = secret
        if sys_bulk_load_at is not UNSET:
            field_dict["sys_bulk_load_at"] = sys_bulk_load_at
        if sys_bulk_load_id is not UNSET:
            field_dict["sys_bulk_load_id"] = sys_bulk_load_id
        if sys_bulk_load_pk is not UNSET:
            field_dict["sys_bulk_load_pk"] = sys_bulk_load_pk
        if sys_bulk_load_record_no is not UNSET:
            field_dict["sys_bulk_load_record_no"] = sys_bulk_load_record_no
        if sys_bulk_load_source_file is not UNSET:
            field_dict["sys_bulk_load_source_file"] = sys_bulk_load_source_file
        if sys_created_at is not UNSET:
            field_dict["sys_created_at"] = sys_created_at
        if sys_created_by_id is not UNSET:
            field_dict["sys_created_by_id"] = sys_created_by_id
        if sys_deleted_by_id is not UNSET:
            field_dict["sys_deleted_by_id"] = sys_deleted_by_id
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_last_modified_at is not UNSET:
            field_dict["sys_last_modified_at"] = sys_last_modified_at
        if sys_last_modified_by_id is not UNSET:
            field_dict["sys_last_modified_by_id"] = sys_last_modified_by_id
        if sys_last_security_context is not UNSET:
            field_dict["sys_last_security_context"] = sys_last_security_context
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked
        if sys_version is not UNSET:
            field_dict["sys_version"] = sys_version
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_endpoint_sys_last_security_context_type_0 import (
            WebhookEndpointSysLastSecurityContextType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_disabled_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason", UNSET))

        event_types = cast(list[str], d.pop("event_types", UNSET))

        is_active = d.pop("is_active", UNSET)

        secret = d.pop("secret", UNSET)

        def _parse_sys_bulk_load_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_bulk_load_at = _parse_sys_bulk_load_at(d.pop("sys_bulk_load_at", UNSET))

        def _parse_sys_bulk_load_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_bulk_load_id = _parse_sys_bulk_load_id(d.pop("sys_bulk_load_id", UNSET))

        def _parse_sys_bulk_load_pk(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_bulk_load_pk = _parse_sys_bulk_load_pk(d.pop("sys_bulk_load_pk", UNSET))

        def _parse_sys_bulk_load_record_no(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sys_bulk_load_record_no = _parse_sys_bulk_load_record_no(d.pop("sys_bulk_load_record_no", UNSET))

        def _parse_sys_bulk_load_source_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_bulk_load_source_file = _parse_sys_bulk_load_source_file(d.pop("sys_bulk_load_source_file", UNSET))

        sys_created_at = d.pop("sys_created_at", UNSET)

        sys_created_by_id = d.pop("sys_created_by_id", UNSET)

        def _parse_sys_deleted_by_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_deleted_by_id = _parse_sys_deleted_by_id(d.pop("sys_deleted_by_id", UNSET))

        def _parse_sys_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_external_id = _parse_sys_external_id(d.pop("sys_external_id", UNSET))

        sys_last_modified_at = d.pop("sys_last_modified_at", UNSET)

        sys_last_modified_by_id = d.pop("sys_last_modified_by_id", UNSET)

        def _parse_sys_last_security_context(data: object) -> None | Unset | WebhookEndpointSysLastSecurityContextType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sys_last_security_context_type_0 = WebhookEndpointSysLastSecurityContextType0.from_dict(data)

                return sys_last_security_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WebhookEndpointSysLastSecurityContextType0, data)

        sys_last_security_context = _parse_sys_last_security_context(d.pop("sys_last_security_context", UNSET))

        def _parse_sys_locked(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sys_locked = _parse_sys_locked(d.pop("sys_locked", UNSET))

        sys_version = d.pop("sys_version", UNSET)

        url = d.pop("url", UNSET)

        webhook_endpoint = cls(
            id=id,
            description=description,
            disabled_reason=disabled_reason,
            event_types=event_types,
            is_active=is_active,
            secret=secret,
            sys_bulk_load_at=sys_bulk_load_at,
            sys_bulk_load_id=sys_bulk_load_id,
            sys_bulk_load_pk=sys_bulk_load_pk,
            sys_bulk_load_record_no=sys_bulk_load_record_no,
            sys_bulk_load_source_file=sys_bulk_load_source_file,
            sys_created_at=sys_created_at,
            sys_created_by_id=sys_created_by_id,
            sys_deleted_by_id=sys_deleted_by_id,
            sys_external_id=sys_external_id,
            sys_last_modified_at=sys_last_modified_at,
            sys_last_modified_by_id=sys_last_modified_by_id,
            sys_last_security_context=sys_last_security_context,
            sys_locked=sys_locked,
            sys_version=sys_version,
            url=url,
        )

        return webhook_endpoint
