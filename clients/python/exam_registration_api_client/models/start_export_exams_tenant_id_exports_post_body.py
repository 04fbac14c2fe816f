from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.start_export_exams_tenant_id_exports_post_body_format import StartExportExamsTenantIdExportsPostBodyFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.start_export_exams_tenant_id_exports_post_body_filter import (
        StartExportExamsTenantIdExportsPostBodyFilter,
    )


T = TypeVar("T", bound="StartExportExamsTenantIdExportsPostBody")


@_attrs_define
class StartExportExamsTenantIdExportsPostBody:
    """
    Attributes:
        format_ (StartExportExamsTenantIdExportsPostBodyFormat):
        filter_ (StartExportExamsTenantIdExportsPostBodyFilter | Unset): examResults only: ISO 8601 date-times with an
            offset
    """

    format_: StartExportExamsTenantIdExportsPostBodyFormat
    filter_: StartExportExamsTenantIdExportsPostBodyFilter | Unset = UNSET

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
        from ..models.start_export_exams_tenant_id_exports_post_body_filter import (
            StartExportExamsTenantIdExportsPostBodyFilter,  # noqa: PLC0415
        )

        d = dict(src_dict)
        format_ = StartExportExamsTenantIdExportsPostBodyFormat(d.pop("format"))

        _filter_ = d.pop("filter", UNSET)
        filter_: StartExportExamsTenantIdExportsPostBodyFilter | Unset
        if isinstance(_filter_, Unset):
            filter_ = UNSET
        else:
            filter_ = StartExportExamsTenantIdExportsPostBodyFilter.from_dict(_filter_)

        start_export_exams_tenant_id_exports_post_body = cls(
            format_=format_,
            filter_=filter_,
        )

        return start_export_exams_tenant_id_exports_post_body
