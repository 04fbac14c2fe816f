from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.api_key_create_role import ApiKeyCreateRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiKeyCreate")


@_attrs_define
class ApiKeyCreate:
    """A new API key record: the server sets `id` and every `sys_*` field but `sys_external_id` and `sys_locked`.

    Attributes:
        name (str): What or who uses the key
        role (ApiKeyCreateRole):
        sys_external_id (None | str | Unset): The record's id in the client's system (unique)
        sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
    """

    name: str
    role: ApiKeyCreateRole
    sys_external_id: None | str | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

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
                "name": name,
                "role": role,
            }
        )
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = ApiKeyCreateRole(d.pop("role"))

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

        api_key_create = cls(
            name=name,
            role=role,
            sys_external_id=sys_external_id,
            sys_locked=sys_locked,
        )

        return api_key_create
