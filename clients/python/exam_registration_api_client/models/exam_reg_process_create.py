from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.exam_reg_process_create_type import ExamRegProcessCreateType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exam_reg_process_create_checkout_settings import ExamRegProcessCreateCheckoutSettings
    from ..models.exam_reg_process_create_confirmation_email import ExamRegProcessCreateConfirmationEmail
    from ..models.exam_reg_process_create_contact_form_options import ExamRegProcessCreateContactFormOptions
    from ..models.exam_reg_process_create_custom_field_values_type_0_item import (
        ExamRegProcessCreateCustomFieldValuesType0Item,
    )


T = TypeVar("T", bound="ExamRegProcessCreate")


@_attrs_define
class ExamRegProcessCreate:
    """A new exam reg process record: the server sets `id` and every `sys_*` field but `sys_external_id` and `sys_locked`.

    Attributes:
        checkout_settings (ExamRegProcessCreateCheckoutSettings):
        confirmation_email (ExamRegProcessCreateConfirmationEmail):
        contact_form_options (ExamRegProcessCreateContactFormOptions):
        exam_ids (list[str]):
        name (str):
        type_ (ExamRegProcessCreateType):
        available_in_portal (bool | None | Unset):
        available_to_training_providers (bool | None | Unset):
        custom_field_values (list[ExamRegProcessCreateCustomFieldValuesType0Item] | None | Unset):
        description (None | str | Unset):
        display_in_portal_as (None | str | Unset):
        display_order (float | None | Unset):
        enable_confirmation_email (bool | None | Unset):
        form_id (None | str | Unset):
        is_active (bool | None | Unset):
        override_checkout_settings (bool | None | Unset):
        restrict_exams (bool | None | Unset): Whether this is restricted to only certain exams
        show_contact_form (bool | None | Unset):
        sys_external_id (None | str | Unset): The record's id in the client's system (unique)
        sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
    """

    checkout_settings: ExamRegProcessCreateCheckoutSettings
    confirmation_email: ExamRegProcessCreateConfirmationEmail
    contact_form_options: ExamRegProcessCreateContactFormOptions
    exam_ids: list[str]
    name: str
    type_: ExamRegProcessCreateType
    available_in_portal: bool | None | Unset = UNSET
    available_to_training_providers: bool | None | Unset = UNSET
    custom_field_values: list[ExamRegProcessCreateCustomFieldValuesType0Item] | None | Unset = UNSET
    description: None | str | Unset = UNSET
    display_in_portal_as: None | str | Unset = UNSET
    display_order: float | None | Unset = UNSET
    enable_confirmation_email: bool | None | Unset = UNSET
    form_id: None | str | Unset = UNSET
    is_active: bool | None | Unset = UNSET
    override_checkout_settings: bool | None | Unset = UNSET
    restrict_exams: bool | None | Unset = UNSET
    show_contact_form: bool | None | Unset = UNSET
    sys_external_id: None | str | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        checkout_settings = self.checkout_settings.to_dict()

        confirmation_email = self.confirmation_email.to_dict()

        contact_form_options = self.contact_form_options.to_dict()

        exam_ids = self.exam_ids

        name = self.name

        type_ = self.type_.value

        available_in_portal: bool | None | Unset
        if isinstance(self.available_in_portal, Unset):
            available_in_portal = UNSET
        else:
            available_in_portal = self.available_in_portal

        available_to_training_providers: bool | None | Unset
        if isinstance(self.available_to_training_providers, Unset):
            available_to_training_providers = UNSET
        else:
            available_to_training_providers = self.available_to_training_providers

        custom_field_values: list[dict[str, Any]] | None | Unset
        if isinstance(self.custom_field_values, Unset):
            custom_field_values = UNSET
        elif isinstance(self.custom_field_values, list):
            custom_field_values = []
            for custom_field_values_type_0_item_data in self.custom_field_values:
                custom_field_values_type_0_item = custom_field_values_type_0_item_data.to_dict()
                custom_field_values.append(custom_field_values_type_0_item)

        else:
            custom_field_values = self.custom_field_values

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        display_in_portal_as: None | str | Unset
        if isinstance(self.display_in_portal_as, Unset):
            display_in_portal_as = UNSET
        else:
            display_in_portal_as = self.display_in_portal_as

        display_order: float | None | Unset
        if isinstance(self.display_order, Unset):
            display_order = UNSET
        else:
            display_order = self.display_order

        enable_confirmation_email: bool | None | Unset
        if isinstance(self.enable_confirmation_email, Unset):
            enable_confirmation_email = UNSET
        else:
            enable_confirmation_email = self.enable_confirmation_email

        form_id: None | str | Unset
        if isinstance(self.form_id, Unset):
            form_id = UNSET
        else:
            form_id = self.form_id

        is_active: bool | None | Unset
        if isinstance(self.is_active, Unset):
            is_active = UNSET
        else:
            is_active = self.is_active

        override_checkout_settings: bool | None | Unset
        if isinstance(self.override_checkout_settings, Unset):
            override_checkout_settings = UNSET
        else:
            override_checkout_settings = self.override_checkout_settings

        restrict_exams: bool | None | Unset
        if isinstance(self.restrict_exams, Unset):
            restrict_exams = UNSET
        else:
            restrict_exams = self.restrict_exams

        show_contact_form: bool | None | Unset
        if isinstance(self.show_contact_form, Unset):
            show_contact_form = UNSET
        else:
            show_contact_form = self.show_contact_form

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
                "checkout_settings": checkout_settings,
                "confirmation_email": confirmation_email,
                "contact_form_options": contact_form_options,
                "exam_ids": exam_ids,
                "name": name,
                "type": type_,
            }
        )
        if available_in_portal is not UNSET:
            field_dict["available_in_portal"] = available_in_portal
        if available_to_training_providers is not UNSET:
            field_dict["available_to_training_providers"] = available_to_training_providers
        if custom_field_values is not UNSET:
            field_dict["custom_field_values"] = custom_field_values
        if description is not UNSET:
            field_dict["description"] = description
        if display_in_portal_as is not UNSET:
            field_dict["display_in_portal_as"] = display_in_portal_as
        if display_order is not UNSET:
            field_dict["display_order"] = display_order
        if enable_confirmation_email is not UNSET:
            field_dict["enable_confirmation_email"] = enable_confirmation_email
        if form_id is not UNSET:
            field_dict["form_id"] = form_id
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if override_checkout_settings is not UNSET:
            field_dict["override_checkout_settings"] = override_checkout_settings
        if restrict_exams is not UNSET:
            field_dict["restrict_exams"] = restrict_exams
        if show_contact_form is not UNSET:
            field_dict["show_contact_form"] = show_contact_form
        if sys_external_id is not UNSET:
            field_dict["sys_external_id"] = sys_external_id
        if sys_locked is not UNSET:
            field_dict["sys_locked"] = sys_locked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exam_reg_process_create_checkout_settings import ExamRegProcessCreateCheckoutSettings  # noqa: PLC0415
        from ..models.exam_reg_process_create_confirmation_email import ExamRegProcessCreateConfirmationEmail  # noqa: PLC0415
        from ..models.exam_reg_process_create_contact_form_options import ExamRegProcessCreateContactFormOptions  # noqa: PLC0415
        from ..models.exam_reg_process_create_custom_field_values_type_0_item import (
            ExamRegProcessCreateCustomFieldValuesType0Item,  # noqa: PLC0415
        )

        d = dict(src_dict)
        checkout_settings = ExamRegProcessCreateCheckoutSettings.from_dict(d.pop("checkout_settings"))

        confirmation_email = ExamRegProcessCreateConfirmationEmail.from_dict(d.pop("confirmation_email"))

        contact_form_options = ExamRegProcessCreateContactFormOptions.from_dict(d.pop("contact_form_options"))

        exam_ids = cast(list[str], d.pop("exam_ids"))

        name = d.pop("name")

        type_ = ExamRegProcessCreateType(d.pop("type"))

        def _parse_available_in_portal(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        available_in_portal = _parse_available_in_portal(d.pop("available_in_portal", UNSET))

        def _parse_available_to_training_providers(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        available_to_training_providers = _parse_available_to_training_providers(
            d.pop("available_to_training_providers", UNSET)
        )

        def _parse_custom_field_values(
            data: object,
        ) -> list[ExamRegProcessCreateCustomFieldValuesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                custom_field_values_type_0 = []
                _custom_field_values_type_0 = data
                for custom_field_values_type_0_item_data in _custom_field_values_type_0:
                    custom_field_values_type_0_item = ExamRegProcessCreateCustomFieldValuesType0Item.from_dict(
                        custom_field_values_type_0_item_data
                    )

                    custom_field_values_type_0.append(custom_field_values_type_0_item)

                return custom_field_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ExamRegProcessCreateCustomFieldValuesType0Item] | None | Unset, data)

        custom_field_values = _parse_custom_field_values(d.pop("custom_field_values", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_display_in_portal_as(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_in_portal_as = _parse_display_in_portal_as(d.pop("display_in_portal_as", UNSET))

        def _parse_display_order(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        display_order = _parse_display_order(d.pop("display_order", UNSET))

        def _parse_enable_confirmation_email(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enable_confirmation_email = _parse_enable_confirmation_email(d.pop("enable_confirmation_email", UNSET))

        def _parse_form_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        form_id = _parse_form_id(d.pop("form_id", UNSET))

        def _parse_is_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_active = _parse_is_active(d.pop("is_active", UNSET))

        def _parse_override_checkout_settings(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        override_checkout_settings = _parse_override_checkout_settings(d.pop("override_checkout_settings", UNSET))

        def _parse_restrict_exams(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        restrict_exams = _parse_restrict_exams(d.pop("restrict_exams", UNSET))

        def _parse_show_contact_form(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        show_contact_form = _parse_show_contact_form(d.pop("show_contact_form", UNSET))

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

        exam_reg_process_create = cls(
            checkout_settings=checkout_settings,
            confirmation_email=confirmation_email,
            contact_form_options=contact_form_options,
            exam_ids=exam_ids,
            name=name,
            type_=type_,
            available_in_portal=available_in_portal,
            available_to_training_providers=available_to_training_providers,
            custom_field_values=custom_field_values,
            description=description,
            display_in_portal_as=display_in_portal_as,
            display_order=display_order,
            enable_confirmation_email=enable_confirmation_email,
            form_id=form_id,
            is_active=is_active,
            override_checkout_settings=override_checkout_settings,
            restrict_exams=restrict_exams,
            show_contact_form=show_contact_form,
            sys_external_id=sys_external_id,
            sys_locked=sys_locked,
        )

        return exam_reg_process_create
