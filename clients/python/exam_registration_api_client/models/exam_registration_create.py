from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.exam_registration_create_delivery_mode import ExamRegistrationCreateDeliveryMode
from ..models.exam_registration_create_status import ExamRegistrationCreateStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExamRegistrationCreate")


@_attrs_define
class ExamRegistrationCreate:
    """A new exam registration record: the server sets `id` and every `sys_*` field but `sys_external_id` and `sys_locked`.

    Attributes:
        candidate_id (str): The candidate record's id
        delivery_mode (ExamRegistrationCreateDeliveryMode):
        exam_id (str):
        scheduled_at (datetime.datetime): ISO 8601 date-time with a UTC offset
        accommodations (list[str] | Unset):
        process_id (None | str | Unset): The exam reg process used, if any
        status (ExamRegistrationCreateStatus | Unset):  Default: ExamRegistrationCreateStatus.REGISTERED.
        sys_external_id (None | str | Unset): The record's id in the client's system (unique)
        sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
        testing_center_code (None | str | Unset): Required for test_center, absent for remote
    """

    candidate_id: str
    delivery_mode: ExamRegistrationCreateDeliveryMode
    exam_id: str
    scheduled_at: datetime.datetime
    accommodations: list[str] | Unset = UNSET
    process_id: None | str | Unset = UNSET
    status: ExamRegistrationCreateStatus | Unset = ExamRegistrationCreateStatus.REGISTERED
    sys_external_id: None | str | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET
    testing_center_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        candidate_id = self.candidate_id

        delivery_mode = self.delivery_mode.value

        exam_id = self.exam_id

        scheduled_at = self.scheduled_at.isoformat()

        accommodations: list[str] | Unset = UNSET
        if not isinstance(self.accommodations, Unset):
            accommodations = self.accommodations

        process_id: None | str | Unset
        if isinstance(self.process_id, Unset):
            process_id = UNSET
        else:
            process_id = self.process_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        sys_external_id: None | str | Unset
        if isinstance(self.sys_external_id, Unset):
            sys_external_id = UNSET
        else:
            sys_external_id = self.sys_external_id

        sys_locked: bool | None | Unset
        if isinstance(self.sys_locked, Unset):
            sys_locked = UNSET
        else:
            sys_locked = self.sys_locked

        testing_center_code: None | str | Unset
        if isinstance(self.testing_center_code, Unset):
            testing_center_code = UNSET
        else:
            testing_center_code = self.testing_center_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "candidate_id": candidate_id,
                "delivery_mode": delivery_mode,
                "exam_id": exam_id,
                "scheduled_at": scheduled_at,
            }
        )
        if accommodations is not UNSET:
            field_dict["accommodations"] = accommodations
        if process_id is not UNSET:
            field_dict["process_id"] = process_id
        if status is not UNSET:
            field_dict["status"] = status
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked
        if testing_center_code is not UNSET:
            field_dict["testing_center_code"] = testing_center_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        candidate_id = d.pop("candidate_id")

        delivery_mode = ExamRegistrationCreateDeliveryMode(d.pop("delivery_mode"))

        exam_id = d.pop("exam_id")

        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))

        accommodations = cast(list[str], d.pop("accommodations", UNSET))

        def _parse_process_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        process_id = _parse_process_id(d.pop("process_id", UNSET))

        _status = d.pop("status", UNSET)
        status: ExamRegistrationCreateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ExamRegistrationCreateStatus(_status)

        def _parse_sys_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_external_id = _parse_sys_external_id(d.pop("sys_external_id", UNSET))

        def _parse_sys_locked(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sys_locked = _parse_sys_locked(d.pop("sys_locked", UNSET))

        def _parse_testing_center_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        testing_center_code = _parse_testing_center_code(d.pop("testing_center_code", UNSET))

        exam_registration_create = cls(
            candidate_id=candidate_id,
            delivery_mode=delivery_mode,
            exam_id=exam_id,
            scheduled_at=scheduled_at,
            accommodations=accommodations,
            process_id=process_id,
            status=status,
            sys_external_id=sys_external_id,
            sys_locked=sys_locked,
            testing_center_code=testing_center_code,
        )

        return exam_registration_create
