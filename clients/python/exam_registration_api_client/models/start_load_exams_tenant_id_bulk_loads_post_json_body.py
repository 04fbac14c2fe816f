from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.start_load_exams_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadExamsTenantIdBulkLoadsPostJsonBodyFormat,
)

T = TypeVar("T", bound="StartLoadExamsTenantIdBulkLoadsPostJsonBody")


@_attrs_define
class StartLoadExamsTenantIdBulkLoadsPostJsonBody:
    """
    Attributes:
        file_name (str):
        format_ (StartLoadExamsTenantIdBulkLoadsPostJsonBodyFormat):
    """

    file_name: str
    format_: StartLoadExamsTenantIdBulkLoadsPostJsonBodyFormat

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

        format_ = StartLoadExamsTenantIdBulkLoadsPostJsonBodyFormat(d.pop("format"))

        start_load_exams_tenant_id_bulk_loads_post_json_body = cls(
            file_name=file_name,
            format_=format_,
        )

        return start_load_exams_tenant_id_bulk_loads_post_json_body
