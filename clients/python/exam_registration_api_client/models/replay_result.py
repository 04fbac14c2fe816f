from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReplayResult")


@_attrs_define
class ReplayResult:
    """The events queued again, to this endpoint only, with their original `webhook-id`

    Attributes:
        event_ids (list[str]):
        queued (int):
        round_ (str): The replay's id: its attempts are counted from 1 again
    """

    event_ids: list[str]
    queued: int
    round_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_ids = self.event_ids

        queued = self.queued

        round_ = self.round_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_ids": event_ids,
                "queued": queued,
                "round": round_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_ids = cast(list[str], d.pop("event_ids"))

        queued = d.pop("queued")

        round_ = d.pop("round")

        replay_result = cls(
            event_ids=event_ids,
            queued=queued,
            round_=round_,
        )

        replay_result.additional_properties = d
        return replay_result

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
