from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProctorCreate")


@_attrs_define
class ProctorCreate:
    """A new proctor record: the server sets `id` and every `sys_*` field but `sys_external_id` and `sys_locked`.

    Attributes:
        password (None | str): Write-only: stored as an Argon2id hash, never returned. Required on create; omit it on
            PUT to keep the current one.
        username (str):
        email (None | str | Unset):
        is_active (bool | Unset):  Default: True.
        name (None | str | Unset):
        sys_external_id (None | str | Unset): The record's id in the client's system (unique)
        sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
        testing_center_codes (list[str] | Unset):
    """

    password: None | str
    username: str
    email: None | str | Unset = UNSET
    is_active: bool | Unset = True
    name: None | str | Unset = UNSET
    sys_external_id: None | str | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET
    testing_center_codes: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        password: None | str
        password = self.password

        username = self.username

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        is_active = self.is_active

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

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

        testing_center_codes: list[str] | Unset = UNSET
        if not isinstance(self.testing_center_codes, Unset):
            testing_center_codes = self.testing_center_codes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "password": password,
                "username": username,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if name is not UNSET:
            field_dict["name"] = name
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked
        if testing_center_codes is not UNSET:
            field_dict["testing_center_codes"] = testing_center_codes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_password(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        password = _parse_password(d.pop("password"))

        username = d.pop("username")

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        is_active = d.pop("is_active", UNSET)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

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

        testing_center_codes = cast(list[str], d.pop("testing_center_codes", UNSET))

        proctor_create = cls(
            password=password,
            username=username,
            email=email,
            is_active=is_active,
            name=name,
            sys_external_id=sys_external_id,
            sys_locked=sys_locked,
            testing_center_codes=testing_center_codes,
        )

        return proctor_create
