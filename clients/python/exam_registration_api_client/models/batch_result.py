from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_result_results_item import BatchResultResultsItem


T = TypeVar("T", bound="BatchResult")


@_attrs_define
class BatchResult:
    """
    Attributes:
        error_count (int):
        results (list[BatchResultResultsItem]): One per operation, in request order
        success_count (int):
    """

    error_count: int
    results: list[BatchResultResultsItem]
    success_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_count = self.error_count

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        success_count = self.success_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_count": error_count,
                "results": results,
                "success_count": success_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_result_results_item import BatchResultResultsItem  # noqa: PLC0415

        d = dict(src_dict)
        error_count = d.pop("error_count")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = BatchResultResultsItem.from_dict(results_item_data)

            results.append(results_item)

        success_count = d.pop("success_count")

        batch_result = cls(
            error_count=error_count,
            results=results,
            success_count=success_count,
        )

        batch_result.additional_properties = d
        return batch_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
