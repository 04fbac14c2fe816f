from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.patch_operation import PatchOperation


T = TypeVar("T", bound="BatchRequestBatchOperation")


@_attrs_define
class BatchRequestBatchOperation:
    """
    Attributes:
        id (str):
        operation (str):
        patch_directives (list[PatchOperation] | None | Unset):
    """

    id: str
    operation: str
    patch_directives: list[PatchOperation] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        operation = self.operation

        patch_directives: list[dict[str, Any]] | None | Unset
        if isinstance(self.patch_directives, Unset):
            patch_directives = UNSET
        elif isinstance(self.patch_directives, list):
            patch_directives = []
            for patch_directives_type_0_item_data in self.patch_directives:
                patch_directives_type_0_item = patch_directives_type_0_item_data.to_dict()
                patch_directives.append(patch_directives_type_0_item)

        else:
            patch_directives = self.patch_directives

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "operation": operation,
            }
        )
        if patch_directives is not UNSET:
            field_dict["patch_directives"] = patch_directives

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patch_operation import PatchOperation  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        operation = d.pop("operation")

        def _parse_patch_directives(data: object) -> list[PatchOperation] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                patch_directives_type_0 = []
                _patch_directives_type_0 = data
                for patch_directives_type_0_item_data in _patch_directives_type_0:
                    patch_directives_type_0_item = PatchOperation.from_dict(patch_directives_type_0_item_data)

                    patch_directives_type_0.append(patch_directives_type_0_item)

                return patch_directives_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PatchOperation] | None | Unset, data)

        patch_directives = _parse_patch_directives(d.pop("patch_directives", UNSET))

        batch_request_batch_operation = cls(
            id=id,
            operation=operation,
            patch_directives=patch_directives,
        )

        return batch_request_batch_operation
