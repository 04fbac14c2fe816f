from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.domain_score import DomainScore
    from ..models.exam_result_candidate import ExamResultCandidate
    from ..models.exam_result_exam import ExamResultExam
    from ..models.exam_result_sys_last_security_context_type_0 import ExamResultSysLastSecurityContextType0


T = TypeVar("T", bound="ExamResult")


@_attrs_define
class ExamResult:
    """A record as stored. Every field but `id` may be absent: optional fields that were never set, and, with `fields=a,b`,
    every field not named.

        Attributes:
            id (str):
            candidate (ExamResultCandidate | Unset): Copied from the registration's candidate: id, candidate_id, first_name,
                last_name
            completed_at (datetime.datetime | Unset):
            domain_scores (list[DomainScore] | Unset):
            exam (ExamResultExam | Unset): Copied from the registration's exam: id, name, code
            overall_score (float | Unset):
            passed (bool | Unset):
            registration_id (str | Unset):
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
            sys_last_security_context (ExamResultSysLastSecurityContextType0 | None | Unset):
            sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
            sys_version (int | Unset): 1 on create, +1 on every change; the ETag
    """

    id: str
    candidate: ExamResultCandidate | Unset = UNSET
    completed_at: datetime.datetime | Unset = UNSET
    domain_scores: list[DomainScore] | Unset = UNSET
    exam: ExamResultExam | Unset = UNSET
    overall_score: float | Unset = UNSET
    passed: bool | Unset = UNSET
    registration_id: str | Unset = UNSET
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
    sys_last_security_context: ExamResultSysLastSecurityContextType0 | None | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET
    sys_version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.exam_result_sys_last_security_context_type_0 import ExamResultSysLastSecurityContextType0  # noqa: PLC0415

        id = self.id

        candidate: dict[str, Any] | Unset = UNSET
        if not isinstance(self.candidate, Unset):
            candidate = self.candidate.to_dict()

        completed_at: str | Unset = UNSET
        if not isinstance(self.completed_at, Unset):
            completed_at = self.completed_at.isoformat()

        domain_scores: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.domain_scores, Unset):
            domain_scores = []
            for domain_scores_item_data in self.domain_scores:
                domain_scores_item = domain_scores_item_data.to_dict()
                domain_scores.append(domain_scores_item)

        exam: dict[str, Any] | Unset = UNSET
        if not isinstance(self.exam, Unset):
            exam = self.exam.to_dict()

        overall_score = self.overall_score

        passed = self.passed

        registration_id = self.registration_id

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
        elif isinstance(self.sys_last_security_context, ExamResultSysLastSecurityContextType0):
            sys_last_security_context = self.sys_last_security_context.to_dict()
        else:
            sys_last_security_context = self.sys_last_security_context

        sys_locked: bool | None | Unset
        if isinstance(self.sys_locked, Unset):
            sys_locked = UNSET
        else:
            sys_locked = self.sys_locked

        sys_version = self.sys_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if candidate is not UNSET:
            field_dict["candidate"] = candidate
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if domain_scores is not UNSET:
            field_dict["domain_scores"] = domain_scores
        if exam is not UNSET:
            field_dict["exam"] = exam
        if overall_score is not UNSET:
            field_dict["overall_score"] = overall_score
        if passed is not UNSET:
            field_dict["passed"] = passed
        if registration_id is not UNSET:
            field_dict["registration_id"] = registration_id
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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.domain_score import DomainScore  # noqa: PLC0415
        from ..models.exam_result_candidate import ExamResultCandidate  # noqa: PLC0415
        from ..models.exam_result_exam import ExamResultExam  # noqa: PLC0415
        from ..models.exam_result_sys_last_security_context_type_0 import ExamResultSysLastSecurityContextType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        _candidate = d.pop("candidate", UNSET)
        candidate: ExamResultCandidate | Unset
        if isinstance(_candidate, Unset):
            candidate = UNSET
        else:
            candidate = ExamResultCandidate.from_dict(_candidate)

        _completed_at = d.pop("completed_at", UNSET)
        completed_at: datetime.datetime | Unset
        if isinstance(_completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = datetime.datetime.fromisoformat(_completed_at)

        _domain_scores = d.pop("domain_scores", UNSET)
        domain_scores: list[DomainScore] | Unset = UNSET
        if _domain_scores is not UNSET:
            domain_scores = []
            for domain_scores_item_data in _domain_scores:
                domain_scores_item = DomainScore.from_dict(domain_scores_item_data)

                domain_scores.append(domain_scores_item)

        _exam = d.pop("exam", UNSET)
        exam: ExamResultExam | Unset
        if isinstance(_exam, Unset):
            exam = UNSET
        else:
            exam = ExamResultExam.from_dict(_exam)

        overall_score = d.pop("overall_score", UNSET)

        passed = d.pop("passed", UNSET)

        registration_id = d.pop("registration_id", UNSET)

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

        def _parse_sys_last_security_context(data: object) -> ExamResultSysLastSecurityContextType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sys_last_security_context_type_0 = ExamResultSysLastSecurityContextType0.from_dict(data)

                return sys_last_security_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExamResultSysLastSecurityContextType0 | None | Unset, data)

        sys_last_security_context = _parse_sys_last_security_context(d.pop("sys_last_security_context", UNSET))

        def _parse_sys_locked(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sys_locked = _parse_sys_locked(d.pop("sys_locked", UNSET))

        sys_version = d.pop("sys_version", UNSET)

        exam_result = cls(
            id=id,
            candidate=candidate,
            completed_at=completed_at,
            domain_scores=domain_scores,
            exam=exam,
            overall_score=overall_score,
            passed=passed,
            registration_id=registration_id,
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
        )

        return exam_result
