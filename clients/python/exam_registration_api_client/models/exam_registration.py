from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.exam_registration_delivery_mode import ExamRegistrationDeliveryMode
from ..models.exam_registration_status import ExamRegistrationStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exam_registration_sys_last_security_context_type_0 import ExamRegistrationSysLastSecurityContextType0


T = TypeVar("T", bound="ExamRegistration")


@_attrs_define
class ExamRegistration:
    """A record as stored. Every field but `id` may be absent: optional fields that were never set, and, with `fields=a,b`,
    every field not named.

        Attributes:
            id (str):
            accommodations (list[str] | Unset):
            candidate_id (str | Unset): The candidate record's id
            delivery_mode (ExamRegistrationDeliveryMode | Unset):
            exam_id (str | Unset):
            process_id (None | str | Unset): The exam reg process used, if any
            scheduled_at (datetime.datetime | Unset): ISO 8601 date-time with a UTC offset
            score (float | Unset): The result's overall score, set when a result is posted
            status (ExamRegistrationStatus | Unset):  Default: ExamRegistrationStatus.REGISTERED.
            sys_bulk_load_at (None | str | Unset):
            sys_bulk_load_id (None | str | Unset):
            sys_bulk_load_pk (None | str | Unset):
            sys_bulk_load_record_no (int | None | Unset):
            sys_bulk_load_source_file (None | str | Unset):
            sys_created_at (str | Unset):
            sys_created_by_id (str | Unset):
            sys_deleted_by_id (None | str | Unset):
            sys_external_id (None | str | Unset): The record's id in the client's system (unique)
            sys_last_modified_at (str | Unset):
            sys_last_modified_by_id (str | Unset):
            sys_last_security_context (ExamRegistrationSysLastSecurityContextType0 | None | Unset):
            sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
            sys_version (int | Unset): 1 on create, +1 on every change; the ETag
            testing_center_code (None | str | Unset): Required for test_center, absent for remote
    """

    id: str
    accommodations: list[str] | Unset = UNSET
    candidate_id: str | Unset = UNSET
    delivery_mode: ExamRegistrationDeliveryMode | Unset = UNSET
    exam_id: str | Unset = UNSET
    process_id: None | str | Unset = UNSET
    scheduled_at: datetime.datetime | Unset = UNSET
    score: float | Unset = UNSET
    status: ExamRegistrationStatus | Unset = ExamRegistrationStatus.REGISTERED
    sys_bulk_load_at: None | str | Unset = UNSET
    sys_bulk_load_id: None | str | Unset = UNSET
    sys_bulk_load_pk: None | str | Unset = UNSET
    sys_bulk_load_record_no: int | None | Unset = UNSET
    sys_bulk_load_source_file: None | str | Unset = UNSET
    sys_created_at: str | Unset = UNSET
    sys_created_by_id: str | Unset = UNSET
    sys_deleted_by_id: None | str | Unset = UNSET
    sys_external_id: None | str | Unset = UNSET
    sys_last_modified_at: str | Unset = UNSET
    sys_last_modified_by_id: str | Unset = UNSET
    sys_last_security_context: ExamRegistrationSysLastSecurityContextType0 | None | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET
    sys_version: int | Unset = UNSET
    testing_center_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.exam_registration_sys_last_security_context_type_0 import (
            ExamRegistrationSysLastSecurityContextType0,  # noqa: PLC0415
        )

        id = self.id

        accommodations: list[str] | Unset = UNSET
        if not isinstance(self.accommodations, Unset):
            accommodations = self.accommodations

        candidate_id = self.candidate_id

        delivery_mode: str | Unset = UNSET
        if not isinstance(self.delivery_mode, Unset):
            delivery_mode = self.delivery_mode.value

        exam_id = self.exam_id

        process_id: None | str | Unset
        if isinstance(self.process_id, Unset):
            process_id = UNSET
        else:
            process_id = self.process_id

        scheduled_at: str | Unset = UNSET
        if not isinstance(self.scheduled_at, Unset):
            scheduled_at = self.scheduled_at.isoformat()

        score = self.score

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        sys_bulk_load_at: None | str | Unset
        if isinstance(self.sys_bulk_load_at, Unset):
            sys_bulk_load_at = UNSET
        else:
            sys_bulk_load_at = self.sys_bulk_load_at

        sys_bulk_load_id: None | str | Unset
        if isinstance(self.sys_bulk_load_id, Unset):
            sys_bulk_load_id = UNSET
        else:
            sys_bulk_load_id = self.sys_bulk_load_id

        sys_bulk_load_pk: None | str | Unset
        if isinstance(self.sys_bulk_load_pk, Unset):
            sys_bulk_load_pk = UNSET
        else:
            sys_bulk_load_pk = self.sys_bulk_load_pk

        sys_bulk_load_record_no: int | None | Unset
        if isinstance(self.sys_bulk_load_record_no, Unset):
            sys_bulk_load_record_no = UNSET
        else:
            sys_bulk_load_record_no = self.sys_bulk_load_record_no

        sys_bulk_load_source_file: None | str | Unset
        if isinstance(self.sys_bulk_load_source_file, Unset):
            sys_bulk_load_source_file = UNSET
        else:
            sys_bulk_load_source_file = self.sys_bulk_load_source_file

        sys_created_at = self.sys_created_at

        sys_created_by_id = self.sys_created_by_id

        sys_deleted_by_id: None | str | Unset
        if isinstance(self.sys_deleted_by_id, Unset):
            sys_deleted_by_id = UNSET
        else:
            sys_deleted_by_id = self.sys_deleted_by_id

        sys_external_id: None | str | Unset
        if isinstance(self.sys_external_id, Unset):
            sys_external_id = UNSET
        else:
            sys_external_id = self.sys_external_id

        sys_last_modified_at = self.sys_last_modified_at

        sys_last_modified_by_id = self.sys_last_modified_by_id

        sys_last_security_context: dict[str, Any] | None | Unset
        if isinstance(self.sys_last_security_context, Unset):
            sys_last_security_context = UNSET
        elif isinstance(self.sys_last_security_context, ExamRegistrationSysLastSecurityContextType0):
            sys_last_security_context = self.sys_last_security_context.to_dict()
        else:
            sys_last_security_context = self.sys_last_security_context

        sys_locked: bool | None | Unset
        if isinstance(self.sys_locked, Unset):
            sys_locked = UNSET
        else:
            sys_locked = self.sys_locked

        sys_version = self.sys_version

        testing_center_code: None | str | Unset
        if isinstance(self.testing_center_code, Unset):
            testing_center_code = UNSET
        else:
            testing_center_code = self.testing_center_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if accommodations is not UNSET:
            field_dict["accommodations"] = accommodations
        if candidate_id is not UNSET:
            field_dict["candidate_id"] = candidate_id
        if delivery_mode is not UNSET:
            field_dict["delivery_mode"] = delivery_mode
        if exam_id is not UNSET:
            field_dict["exam_id"] = exam_id
        if process_id is not UNSET:
            field_dict["process_id"] = process_id
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if score is not UNSET:
            field_dict["score"] = score
        if status is not UNSET:
            field_dict["status"] = status
        if sys_bulk_load_at is not UNSET:
            field_dict["sys_bulk_load_at"] = sys_bulk_load_at
        if sys_bulk_load_id is not UNSET:
            field_dict["sys_bulk_load_id"] = sys_bulk_load_id
        if sys_bulk_load_pk is not UNSET:
            field_dict["sys_bulk_load_pk"] = sys_bulk_load_pk
        if sys_bulk_load_record_no is not UNSET:
            field_dict["sys_bulk_load_record_no"] = sys_bulk_load_record_no
        if sys_bulk_load_source_file is not UNSET:
            field_dict["sys_bulk_load_source_file"] = sys_bulk_load_source_file
        if sys_created_at is not UNSET:
            field_dict["sys_created_at"] = sys_created_at
        if sys_created_by_id is not UNSET:
            field_dict["sys_created_by_id"] = sys_created_by_id
        if sys_deleted_by_id is not UNSET:
            field_dict["sys_deleted_by_id"] = sys_deleted_by_id
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_last_modified_at is not UNSET:
            field_dict["sys_last_modified_at"] = sys_last_modified_at
        if sys_last_modified_by_id is not UNSET:
            field_dict["sys_last_modified_by_id"] = sys_last_modified_by_id
        if sys_last_security_context is not UNSET:
            field_dict["sys_last_security_context"] = sys_last_security_context
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked
        if sys_version is not UNSET:
            field_dict["sys_version"] = sys_version
        if testing_center_code is not UNSET:
            field_dict["testing_center_code"] = testing_center_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exam_registration_sys_last_security_context_type_0 import (
            ExamRegistrationSysLastSecurityContextType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = d.pop("id")

        accommodations = cast(list[str], d.pop("accommodations", UNSET))

        candidate_id = d.pop("candidate_id", UNSET)

        _delivery_mode = d.pop("delivery_mode", UNSET)
        delivery_mode: ExamRegistrationDeliveryMode | Unset
        if isinstance(_delivery_mode, Unset):
            delivery_mode = UNSET
        else:
            delivery_mode = ExamRegistrationDeliveryMode(_delivery_mode)

        exam_id = d.pop("exam_id", UNSET)

        def _parse_process_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        process_id = _parse_process_id(d.pop("process_id", UNSET))

        _scheduled_at = d.pop("scheduled_at", UNSET)
        scheduled_at: datetime.datetime | Unset
        if isinstance(_scheduled_at, Unset):
            scheduled_at = UNSET
        else:
            scheduled_at = datetime.datetime.fromisoformat(_scheduled_at)

        score = d.pop("score", UNSET)

        _status = d.pop("status", UNSET)
        status: ExamRegistrationStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ExamRegistrationStatus(_status)

        def _parse_sys_bulk_load_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_bulk_load_at = _parse_sys_bulk_load_at(d.pop("sys_bulk_load_at", UNSET))

        def _parse_sys_bulk_load_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_bulk_load_id = _parse_sys_bulk_load_id(d.pop("sys_bulk_load_id", UNSET))

        def _parse_sys_bulk_load_pk(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_bulk_load_pk = _parse_sys_bulk_load_pk(d.pop("sys_bulk_load_pk", UNSET))

        def _parse_sys_bulk_load_record_no(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sys_bulk_load_record_no = _parse_sys_bulk_load_record_no(d.pop("sys_bulk_load_record_no", UNSET))

        def _parse_sys_bulk_load_source_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_bulk_load_source_file = _parse_sys_bulk_load_source_file(d.pop("sys_bulk_load_source_file", UNSET))

        sys_created_at = d.pop("sys_created_at", UNSET)

        sys_created_by_id = d.pop("sys_created_by_id", UNSET)

        def _parse_sys_deleted_by_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_deleted_by_id = _parse_sys_deleted_by_id(d.pop("sys_deleted_by_id", UNSET))

        def _parse_sys_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sys_external_id = _parse_sys_external_id(d.pop("sys_external_id", UNSET))

        sys_last_modified_at = d.pop("sys_last_modified_at", UNSET)

        sys_last_modified_by_id = d.pop("sys_last_modified_by_id", UNSET)

        def _parse_sys_last_security_context(
            data: object,
        ) -> ExamRegistrationSysLastSecurityContextType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sys_last_security_context_type_0 = ExamRegistrationSysLastSecurityContextType0.from_dict(data)

                return sys_last_security_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExamRegistrationSysLastSecurityContextType0 | None | Unset, data)

        sys_last_security_context = _parse_sys_last_security_context(d.pop("sys_last_security_context", UNSET))

        def _parse_sys_locked(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sys_locked = _parse_sys_locked(d.pop("sys_locked", UNSET))

        sys_version = d.pop("sys_version", UNSET)

        def _parse_testing_center_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        testing_center_code = _parse_testing_center_code(d.pop("testing_center_code", UNSET))

        exam_registration = cls(
            id=id,
            accommodations=accommodations,
            candidate_id=candidate_id,
            delivery_mode=delivery_mode,
            exam_id=exam_id,
            process_id=process_id,
            scheduled_at=scheduled_at,
            score=score,
            status=status,
            sys_bulk_load_at=sys_bulk_load_at,
            sys_bulk_load_id=sys_bulk_load_id,
            sys_bulk_load_pk=sys_bulk_load_pk,
            sys_bulk_load_record_no=sys_bulk_load_record_no,
            sys_bulk_load_source_file=sys_bulk_load_source_file,
            sys_created_at=sys_created_at,
            sys_created_by_id=sys_created_by_id,
            sys_deleted_by_id=sys_deleted_by_id,
            sys_external_id=sys_external_id,
            sys_last_modified_at=sys_last_modified_at,
            sys_last_modified_by_id=sys_last_modified_by_id,
            sys_last_security_context=sys_last_security_context,
            sys_locked=sys_locked,
            sys_version=sys_version,
            testing_center_code=testing_center_code,
        )

        return exam_registration
