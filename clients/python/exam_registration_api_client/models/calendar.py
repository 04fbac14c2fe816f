from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.calendar_days_item import CalendarDaysItem


T = TypeVar("T", bound="Calendar")


@_attrs_define
class Calendar:
    """
    Attributes:
        days (list[CalendarDaysItem]): Days that have registrations on this page, in order
        from_ (datetime.date):
        testing_center_code (str):
        timezone (str): The center's IANA time zone (UTC for REMOTE)
        to (datetime.date):
    """

    days: list[CalendarDaysItem]
    from_: datetime.date
    testing_center_code: str
    timezone: str
    to: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        from_ = self.from_.isoformat()

        testing_center_code = self.testing_center_code

        timezone = self.timezone

        to = self.to.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days": days,
                "from": from_,
                "testing_center_code": testing_center_code,
                "timezone": timezone,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_days_item import CalendarDaysItem  # noqa: PLC0415

        d = dict(src_dict)
        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = CalendarDaysItem.from_dict(days_item_data)

            days.append(days_item)

        from_ = datetime.date.fromisoformat(d.pop("from"))

        testing_center_code = d.pop("testing_center_code")

        timezone = d.pop("timezone")

        to = datetime.date.fromisoformat(d.pop("to"))

        calendar = cls(
            days=days,
            from_=from_,
            testing_center_code=testing_center_code,
            timezone=timezone,
            to=to,
        )

        calendar.additional_properties = d
        return calendar

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
