from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_result_results_item_operation_type_1 import BatchResultResultsItemOperationType1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem import Problem


T = TypeVar("T", bound="BatchResultResultsItem")


@_attrs_define
class BatchResultResultsItem:
    """
    Attributes:
        id (None | str): null when the operation had no valid id
        operation (BatchResultResultsItemOperationType1 | None): null when the operation had no valid operation
        status (int):
        body (Any | Unset): patch: the record; delete: the deleted id
        error (Problem | Unset): RFC 9457 problem details
    """

    id: None | str
    operation: BatchResultResultsItemOperationType1 | None
    status: int
    body: Any | Unset = UNSET
    error: Problem | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str
        id = self.id

        operation: None | str
        if isinstance(self.operation, BatchResultResultsItemOperationType1):
            operation = self.operation.value
        else:
            operation = self.operation

        status = self.status

        body = self.body

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "operation": operation,
                "status": status,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem import Problem  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        def _parse_operation(data: object) -> BatchResultResultsItemOperationType1 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                operation_type_1 = BatchResultResultsItemOperationType1(data)

                return operation_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchResultResultsItemOperationType1 | None, data)

        operation = _parse_operation(d.pop("operation"))

        status = d.pop("status")

        body = d.pop("body", UNSET)

        _error = d.pop("error", UNSET)
        error: Problem | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = Problem.from_dict(_error)

        batch_result_results_item = cls(
            id=id,
            operation=operation,
            status=status,
            body=body,
            error=error,
        )

        batch_result_results_item.additional_properties = d
        return batch_result_results_item

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
