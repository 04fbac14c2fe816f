from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DomainScore")


@_attrs_define
class DomainScore:
    """
    Attributes:
        domain_code (str):
        score (float):
        domain_name (None | str | Unset): Set by the server from the exam's domains
    """

    domain_code: str
    score: float
    domain_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        domain_code = self.domain_code

        score = self.score

        domain_name: None | str | Unset
        if isinstance(self.domain_name, Unset):
            domain_name = UNSET
        else:
            domain_name = self.domain_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "domain_code": domain_code,
                "score": score,
            }
        )
        if domain_name is not UNSET:
            field_dict["domain_name"] = domain_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        domain_code = d.pop("domain_code")

        score = d.pop("score")

        def _parse_domain_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain_name = _parse_domain_name(d.pop("domain_name", UNSET))

        domain_score = cls(
            domain_code=domain_code,
            score=score,
            domain_name=domain_name,
        )

        return domain_score
