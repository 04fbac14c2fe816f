from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.start_load_testing_centers_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadTestingCentersTenantIdBulkLoadsPostJsonBodyFormat,
)

T = TypeVar("T", bound="StartLoadTestingCentersTenantIdBulkLoadsPostJsonBody")


@_attrs_define
class StartLoadTestingCentersTenantIdBulkLoadsPostJsonBody:
    """
    Attributes:
        file_name (str):
        format_ (StartLoadTestingCentersTenantIdBulkLoadsPostJsonBodyFormat):
    """

    file_name: str
    format_: StartLoadTestingCentersTenantIdBulkLoadsPostJsonBodyFormat

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

        format_ = StartLoadTestingCentersTenantIdBulkLoadsPostJsonBodyFormat(d.pop("format"))

        start_load_testing_centers_tenant_id_bulk_loads_post_json_body = cls(
            file_name=file_name,
            format_=format_,
        )

        return start_load_testing_centers_tenant_id_bulk_loads_post_json_body
