from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.export_request_format import ExportRequestFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_request_filter import ExportRequestFilter


T = TypeVar("T", bound="ExportRequest")


@_attrs_define
class ExportRequest:
    """
    Attributes:
        format_ (ExportRequestFormat):
        filter_ (ExportRequestFilter | Unset): examResults only: ISO 8601 date-times with an offset
    """

    format_: ExportRequestFormat
    filter_: ExportRequestFilter | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_.value

        filter_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "format": format_,
            }
        )
        if filter_ is not UNSET:
            field_dict["filter"] = filter_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_request_filter import ExportRequestFilter  # noqa: PLC0415

        d = dict(src_dict)
        format_ = ExportRequestFormat(d.pop("format"))

        _filter_ = d.pop("filter", UNSET)
        filter_: ExportRequestFilter | Unset
        if isinstance(_filter_, Unset):
            filter_ = UNSET
        else:
            filter_ = ExportRequestFilter.from_dict(_filter_)

        export_request = cls(
            format_=format_,
            filter_=filter_,
        )

        return export_request
