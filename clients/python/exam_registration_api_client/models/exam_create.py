from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.domain import Domain


T = TypeVar("T", bound="ExamCreate")


@_attrs_define
class ExamCreate:
    """A new exam record: the server sets `id` and every `sys_*` field but `sys_external_id` and `sys_locked`.

    Attributes:
        code (str): Unique within the tenant
        name (str):
        description (None | str | Unset):
        domains (list[Domain] | Unset):
        is_active (bool | Unset):  Default: True.
        passing_score (float | None | Unset):
        sys_external_id (None | str | Unset): The record's id in the client's system (unique)
        sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
    """

    code: str
    name: str
    description: None | str | Unset = UNSET
    domains: list[Domain] | Unset = UNSET
    is_active: bool | Unset = True
    passing_score: float | None | Unset = UNSET
    sys_external_id: None | str | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        domains: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.domains, Unset):
            domains = []
            for domains_item_data in self.domains:
                domains_item = domains_item_data.to_dict()
                domains.append(domains_item)

        is_active = self.is_active

        passing_score: float | None | Unset
        if isinstance(self.passing_score, Unset):
            passing_score = UNSET
        else:
            passing_score = self.passing_score

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
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if domains is not UNSET:
            field_dict["domains"] = domains
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if passing_score is not UNSET:
            field_dict["passing_score"] = passing_score
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.domain import Domain  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _domains = d.pop("domains", UNSET)
        domains: list[Domain] | Unset = UNSET
        if _domains is not UNSET:
            domains = []
            for domains_item_data in _domains:
                domains_item = Domain.from_dict(domains_item_data)

                domains.append(domains_item)

        is_active = d.pop("is_active", UNSET)

        def _parse_passing_score(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        passing_score = _parse_passing_score(d.pop("passing_score", UNSET))

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

        exam_create = cls(
            code=code,
            name=name,
            description=description,
            domains=domains,
            is_active=is_active,
            passing_score=passing_score,
            sys_external_id=sys_external_id,
            sys_locked=sys_locked,
        )

        return exam_create
