from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address


T = TypeVar("T", bound="TestingCenterCreate")


@_attrs_define
class TestingCenterCreate:
    """A new testing center record: the server sets `id` and every `sys_*` field but `sys_external_id` and `sys_locked`.

    Attributes:
        code (str): Unique within the tenant; registrations refer to it
        timezone (str): IANA zone; the calendar groups registrations by its days
        address (Address | None | Unset):
        is_active (bool | Unset):  Default: True.
        name (None | str | Unset):
        sys_external_id (None | str | Unset): The record's id in the client's system (unique)
        sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
    """

    code: str
    timezone: str
    address: Address | None | Unset = UNSET
    is_active: bool | Unset = True
    name: None | str | Unset = UNSET
    sys_external_id: None | str | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415

        code = self.code

        timezone = self.timezone

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, Address):
            address = self.address.to_dict()
        else:
            address = self.address

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "timezone": timezone,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if name is not UNSET:
            field_dict["name"] = name
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        timezone = d.pop("timezone")

        def _parse_address(data: object) -> Address | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = Address.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

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

        testing_center_create = cls(
            code=code,
            timezone=timezone,
            address=address,
            is_active=is_active,
            name=name,
            sys_external_id=sys_external_id,
            sys_locked=sys_locked,
        )

        return testing_center_create
