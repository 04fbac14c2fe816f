from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exam_reg_process import ExamRegProcess
    from ..models.exam_registration import ExamRegistration


T = TypeVar("T", bound="Eligibility")


@_attrs_define
class Eligibility:
    """
    Attributes:
        last_registration (ExamRegistration | None): The candidate's most recent registration for the exam, or null
        processes (list[ExamRegProcess]): The active processes the candidate may use next for the exam, in display order
    """

    last_registration: ExamRegistration | None
    processes: list[ExamRegProcess]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.exam_registration import ExamRegistration  # noqa: PLC0415

        last_registration: dict[str, Any] | None
        if isinstance(self.last_registration, ExamRegistration):
            last_registration = self.last_registration.to_dict()
        else:
            last_registration = self.last_registration

        processes = []
        for processes_item_data in self.processes:
            processes_item = processes_item_data.to_dict()
            processes.append(processes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "last_registration": last_registration,
                "processes": processes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exam_reg_process import ExamRegProcess  # noqa: PLC0415
        from ..models.exam_registration import ExamRegistration  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_last_registration(data: object) -> ExamRegistration | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_registration_type_0 = ExamRegistration.from_dict(data)

                return last_registration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExamRegistration | None, data)

        last_registration = _parse_last_registration(d.pop("last_registration"))

        processes = []
        _processes = d.pop("processes")
        for processes_item_data in _processes:
            processes_item = ExamRegProcess.from_dict(processes_item_data)

            processes.append(processes_item)

        eligibility = cls(
            last_registration=last_registration,
            processes=processes,
        )

        eligibility.additional_properties = d
        return eligibility

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
