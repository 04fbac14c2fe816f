from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.candidate_sys_last_security_context_type_0 import CandidateSysLastSecurityContextType0


T = TypeVar("T", bound="Candidate")


@_attrs_define
class Candidate:
    """A record as stored. Every field but `id` may be absent: optional fields that were never set, and, with `fields=a,b`,
    every field not named.

        Attributes:
            id (str):
            address (Address | None | Unset):
            candidate_id (str | Unset): The client's unique id for the candidate
            email (None | str | Unset):
            first_name (str | Unset):
            last_name (str | Unset):
            phone (None | str | Unset):
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
            sys_last_security_context (CandidateSysLastSecurityContextType0 | None | Unset):
            sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
            sys_version (int | Unset): 1 on create, +1 on every change; the ETag
    """

    id: str
    address: Address | None | Unset = UNSET
    candidate_id: str | Unset = UNSET
    email: None | str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    phone: None | str | Unset = UNSET
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
    sys_last_security_context: CandidateSysLastSecurityContextType0 | None | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET
    sys_version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.candidate_sys_last_security_context_type_0 import CandidateSysLastSecurityContextType0  # noqa: PLC0415

        id = self.id

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, Address):
            address = self.address.to_dict()
        else:
            address = self.address

        candidate_id = self.candidate_id

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        first_name = self.first_name

        last_name = self.last_name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

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
        elif isinstance(self.sys_last_security_context, CandidateSysLastSecurityContextType0):
            sys_last_security_context = self.sys_last_security_context.to_dict()
        else:
            sys_last_security_context = self.sys_last_security_context

        sys_locked: bool | None | Unset
        if isinstance(self.sys_locked, Unset):
            sys_locked = UNSET
        else:
            sys_locked = self.sys_locked

        sys_version = self.sys_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if candidate_id is not UNSET:
            field_dict["candidate_id"] = candidate_id
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if phone is not UNSET:
            field_dict["phone"] = phone
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.candidate_sys_last_security_context_type_0 import CandidateSysLastSecurityContextType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

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

        candidate_id = d.pop("candidate_id", UNSET)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        first_name = d.pop("first_name", UNSET)

        last_name = d.pop("last_name", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

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

        def _parse_sys_last_security_context(data: object) -> CandidateSysLastSecurityContextType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sys_last_security_context_type_0 = CandidateSysLastSecurityContextType0.from_dict(data)

                return sys_last_security_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CandidateSysLastSecurityContextType0 | None | Unset, data)

        sys_last_security_context = _parse_sys_last_security_context(d.pop("sys_last_security_context", UNSET))

        def _parse_sys_locked(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sys_locked = _parse_sys_locked(d.pop("sys_locked", UNSET))

        sys_version = d.pop("sys_version", UNSET)

        candidate = cls(
            id=id,
            address=address,
            candidate_id=candidate_id,
            email=email,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
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
        )

        return candidate
