from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.test_event_sent_queued import TestEventSentQueued
from ..models.test_event_sent_type import TestEventSentType

T = TypeVar("T", bound="TestEventSent")


@_attrs_define
class TestEventSent:
    """The test event, queued to this endpoint only (it is not in the event feed)

    Attributes:
        event_id (str): Its `webhook-id`
        queued (TestEventSentQueued):
        type_ (TestEventSentType):
    """

    event_id: str
    queued: TestEventSentQueued
    type_: TestEventSentType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        queued = self.queued.value

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "queued": queued,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        queued = TestEventSentQueued(d.pop("queued"))

        type_ = TestEventSentType(d.pop("type"))

        test_event_sent = cls(
            event_id=event_id,
            queued=queued,
            type_=type_,
        )

        test_event_sent.additional_properties = d
        return test_event_sent

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
