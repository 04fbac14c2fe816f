from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.domain_score import DomainScore


T = TypeVar("T", bound="ExamResultCreate")


@_attrs_define
class ExamResultCreate:
    """A new exam result record: the server sets `id` and every `sys_*` field but `sys_external_id` and `sys_locked`.

    Attributes:
        completed_at (datetime.datetime):
        overall_score (float):
        passed (bool):
        registration_id (str):
        domain_scores (list[DomainScore] | Unset):
        sys_external_id (None | str | Unset): The record's id in the client's system (unique)
        sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
    """

    completed_at: datetime.datetime
    overall_score: float
    passed: bool
    registration_id: str
    domain_scores: list[DomainScore] | Unset = UNSET
    sys_external_id: None | str | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        completed_at = self.completed_at.isoformat()

        overall_score = self.overall_score

        passed = self.passed

        registration_id = self.registration_id

        domain_scores: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.domain_scores, Unset):
            domain_scores = []
            for domain_scores_item_data in self.domain_scores:
                domain_scores_item = domain_scores_item_data.to_dict()
                domain_scores.append(domain_scores_item)

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "completed_at": completed_at,
                "overall_score": overall_score,
                "passed": passed,
                "registration_id": registration_id,
            }
        )
        if domain_scores is not UNSET:
            field_dict["domain_scores"] = domain_scores
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.domain_score import DomainScore  # noqa: PLC0415

        d = dict(src_dict)
        completed_at = datetime.datetime.fromisoformat(d.pop("completed_at"))

        overall_score = d.pop("overall_score")

        passed = d.pop("passed")

        registration_id = d.pop("registration_id")

        _domain_scores = d.pop("domain_scores", UNSET)
        domain_scores: list[DomainScore] | Unset = UNSET
        if _domain_scores is not UNSET:
            domain_scores = []
            for domain_scores_item_data in _domain_scores:
                domain_scores_item = DomainScore.from_dict(domain_scores_item_data)

                domain_scores.append(domain_scores_item)

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

        exam_result_create = cls(
            completed_at=completed_at,
            overall_score=overall_score,
            passed=passed,
            registration_id=registration_id,
            domain_scores=domain_scores,
            sys_external_id=sys_external_id,
            sys_locked=sys_locked,
        )

        return exam_result_create
