from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExportRequestFilter")


@_attrs_define
class ExportRequestFilter:
    """examResults only: ISO 8601 date-times with an offset

    Attributes:
        completed_before (str | Unset):
        completed_since (str | Unset):
    """

    completed_before: str | Unset = UNSET
    completed_since: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        completed_before = self.completed_before

        completed_since = self.completed_since

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if completed_before is not UNSET:
            field_dict["completedBefore"] = completed_before
        if completed_since is not UNSET:
            field_dict["completedSince"] = completed_since

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed_before = d.pop("completedBefore", UNSET)

        completed_since = d.pop("completedSince", UNSET)

        export_request_filter = cls(
            completed_before=completed_before,
            completed_since=completed_since,
        )

        return export_request_filter
