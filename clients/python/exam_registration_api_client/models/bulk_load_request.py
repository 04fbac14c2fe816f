from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.bulk_load_request_format import BulkLoadRequestFormat

T = TypeVar("T", bound="BulkLoadRequest")


@_attrs_define
class BulkLoadRequest:
    """
    Attributes:
        file_name (str):
        format_ (BulkLoadRequestFormat):
    """

    file_name: str
    format_: BulkLoadRequestFormat

    def to_dict(self) -> dict[str, Any]:
        file_name = self.file_name

        format_ = self.format_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file_name": file_name,
                "format": format_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_name = d.pop("file_name")

        format_ = BulkLoadRequestFormat(d.pop("format"))

        bulk_load_request = cls(
            file_name=file_name,
            format_=format_,
        )

        return bulk_load_request
