from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_type import WebhookEventType

if TYPE_CHECKING:
    from ..models.webhook_event_data import WebhookEventData


T = TypeVar("T", bound="WebhookEvent")


@_attrs_define
class WebhookEvent:
    """The body of a webhook delivery (Standard Webhooks)

    Attributes:
        data (WebhookEventData): The record as its GET answers it (`.deleted`: its last state); a job event's job
        tenant_id (str):
        timestamp (datetime.datetime): When the change committed
        type_ (WebhookEventType):
    """

    data: WebhookEventData
    tenant_id: str
    timestamp: datetime.datetime
    type_: WebhookEventType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        tenant_id = self.tenant_id

        timestamp = self.timestamp.isoformat()

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "tenant_id": tenant_id,
                "timestamp": timestamp,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_data import WebhookEventData  # noqa: PLC0415

        d = dict(src_dict)
        data = WebhookEventData.from_dict(d.pop("data"))

        tenant_id = d.pop("tenant_id")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        type_ = WebhookEventType(d.pop("type"))

        webhook_event = cls(
            data=data,
            tenant_id=tenant_id,
            timestamp=timestamp,
            type_=type_,
        )

        webhook_event.additional_properties = d
        return webhook_event

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
