from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.exam_reg_process_type import ExamRegProcessType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exam_reg_process_checkout_settings import ExamRegProcessCheckoutSettings
    from ..models.exam_reg_process_confirmation_email import ExamRegProcessConfirmationEmail
    from ..models.exam_reg_process_contact_form_options import ExamRegProcessContactFormOptions
    from ..models.exam_reg_process_custom_field_values_type_0_item import ExamRegProcessCustomFieldValuesType0Item
    from ..models.exam_reg_process_sys_last_security_context_type_0 import ExamRegProcessSysLastSecurityContextType0


T = TypeVar("T", bound="ExamRegProcess")


@_attrs_define
class ExamRegProcess:
    """A record as stored. Every field but `id` may be absent: optional fields that were never set, and, with `fields=a,b`,
    every field not named.

        Attributes:
            id (str):
            available_in_portal (bool | None | Unset):
            available_to_training_providers (bool | None | Unset):
            checkout_settings (ExamRegProcessCheckoutSettings | Unset):
            confirmation_email (ExamRegProcessConfirmationEmail | Unset):
            contact_form_options (ExamRegProcessContactFormOptions | Unset):
            custom_field_values (list[ExamRegProcessCustomFieldValuesType0Item] | None | Unset):
            description (None | str | Unset):
            display_in_portal_as (None | str | Unset):
            display_order (float | None | Unset):
            enable_confirmation_email (bool | None | Unset):
            exam_ids (list[str] | Unset):
            form_id (None | str | Unset):
            is_active (bool | None | Unset):
            name (str | Unset):
            override_checkout_settings (bool | None | Unset):
            restrict_exams (bool | None | Unset): Whether this is restricted to only certain exams
            show_contact_form (bool | None | Unset):
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
            sys_last_security_context (ExamRegProcessSysLastSecurityContextType0 | None | Unset):
            sys_locked (bool | None | Unset): If set (admin only), the record cannot be changed
            sys_version (int | Unset): 1 on create, +1 on every change; the ETag
            type_ (ExamRegProcessType | Unset):
    """

    id: str
    available_in_portal: bool | None | Unset = UNSET
    available_to_training_providers: bool | None | Unset = UNSET
    checkout_settings: ExamRegProcessCheckoutSettings | Unset = UNSET
    confirmation_email: ExamRegProcessConfirmationEmail | Unset = UNSET
    contact_form_options: ExamRegProcessContactFormOptions | Unset = UNSET
    custom_field_values: list[ExamRegProcessCustomFieldValuesType0Item] | None | Unset = UNSET
    description: None | str | Unset = UNSET
    display_in_portal_as: None | str | Unset = UNSET
    display_order: float | None | Unset = UNSET
    enable_confirmation_email: bool | None | Unset = UNSET
    exam_ids: list[str] | Unset = UNSET
    form_id: None | str | Unset = UNSET
    is_active: bool | None | Unset = UNSET
    name: str | Unset = UNSET
    override_checkout_settings: bool | None | Unset = UNSET
    restrict_exams: bool | None | Unset = UNSET
    show_contact_form: bool | None | Unset = UNSET
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
    sys_last_security_context: ExamRegProcessSysLastSecurityContextType0 | None | Unset = UNSET
    sys_locked: bool | None | Unset = UNSET
    sys_version: int | Unset = UNSET
    type_: ExamRegProcessType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.exam_reg_process_sys_last_security_context_type_0 import ExamRegProcessSysLastSecurityContextType0  # noqa: PLC0415

        id = self.id

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

        checkout_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.checkout_settings, Unset):
            checkout_settings = self.checkout_settings.to_dict()

        confirmation_email: dict[str, Any] | Unset = UNSET
        if not isinstance(self.confirmation_email, Unset):
            confirmation_email = self.confirmation_email.to_dict()

        contact_form_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.contact_form_options, Unset):
            contact_form_options = self.contact_form_options.to_dict()

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

        exam_ids: list[str] | Unset = UNSET
        if not isinstance(self.exam_ids, Unset):
            exam_ids = self.exam_ids

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

        name = self.name

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
        elif isinstance(self.sys_last_security_context, ExamRegProcessSysLastSecurityContextType0):
            sys_last_security_context = self.sys_last_security_context.to_dict()
        else:
            sys_last_security_context = self.sys_last_security_context

        sys_locked: bool | None | Unset
        if isinstance(self.sys_locked, Unset):
            sys_locked = UNSET
        else:
            sys_locked = self.sys_locked

        sys_version = self.sys_version

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if available_in_portal is not UNSET:
            field_dict["available_in_portal"] = available_in_portal
        if available_to_training_providers is not UNSET:
            field_dict["available_to_training_providers"] = available_to_training_providers
        if checkout_settings is not UNSET:
            field_dict["checkout_settings"] = checkout_settings
        if confirmation_email is not UNSET:
            field_dict["confirmation_email"] = confirmation_email
        if contact_form_options is not UNSET:
            field_dict["contact_form_options"] = contact_form_options
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
        if exam_ids is not UNSET:
            field_dict["exam_ids"] = exam_ids
        if form_id is not UNSET:
            field_dict["form_id"] = form_id
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if name is not UNSET:
            field_dict["name"] = name
        if override_checkout_settings is not UNSET:
            field_dict["override_checkout_settings"] = override_checkout_settings
        if restrict_exams is not UNSET:
            field_dict["restrict_exams"] = restrict_exams
        if show_contact_form is not UNSET:
            field_dict["show_contact_form"] = show_contact_form
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
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exam_reg_process_checkout_settings import ExamRegProcessCheckoutSettings  # noqa: PLC0415
        from ..models.exam_reg_process_confirmation_email import ExamRegProcessConfirmationEmail  # noqa: PLC0415
        from ..models.exam_reg_process_contact_form_options import ExamRegProcessContactFormOptions  # noqa: PLC0415
        from ..models.exam_reg_process_custom_field_values_type_0_item import ExamRegProcessCustomFieldValuesType0Item  # noqa: PLC0415
        from ..models.exam_reg_process_sys_last_security_context_type_0 import ExamRegProcessSysLastSecurityContextType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

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

        _checkout_settings = d.pop("checkout_settings", UNSET)
        checkout_settings: ExamRegProcessCheckoutSettings | Unset
        if isinstance(_checkout_settings, Unset):
            checkout_settings = UNSET
        else:
            checkout_settings = ExamRegProcessCheckoutSettings.from_dict(_checkout_settings)

        _confirmation_email = d.pop("confirmation_email", UNSET)
        confirmation_email: ExamRegProcessConfirmationEmail | Unset
        if isinstance(_confirmation_email, Unset):
            confirmation_email = UNSET
        else:
            confirmation_email = ExamRegProcessConfirmationEmail.from_dict(_confirmation_email)

        _contact_form_options = d.pop("contact_form_options", UNSET)
        contact_form_options: ExamRegProcessContactFormOptions | Unset
        if isinstance(_contact_form_options, Unset):
            contact_form_options = UNSET
        else:
            contact_form_options = ExamRegProcessContactFormOptions.from_dict(_contact_form_options)

        def _parse_custom_field_values(data: object) -> list[ExamRegProcessCustomFieldValuesType0Item] | None | Unset:
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
                    custom_field_values_type_0_item = ExamRegProcessCustomFieldValuesType0Item.from_dict(
                        custom_field_values_type_0_item_data
                    )

                    custom_field_values_type_0.append(custom_field_values_type_0_item)

                return custom_field_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ExamRegProcessCustomFieldValuesType0Item] | None | Unset, data)

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

        exam_ids = cast(list[str], d.pop("exam_ids", UNSET))

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

        name = d.pop("name", UNSET)

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

        def _parse_sys_last_security_context(data: object) -> ExamRegProcessSysLastSecurityContextType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sys_last_security_context_type_0 = ExamRegProcessSysLastSecurityContextType0.from_dict(data)

                return sys_last_security_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExamRegProcessSysLastSecurityContextType0 | None | Unset, data)

        sys_last_security_context = _parse_sys_last_security_context(d.pop("sys_last_security_context", UNSET))

        def _parse_sys_locked(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sys_locked = _parse_sys_locked(d.pop("sys_locked", UNSET))

        sys_version = d.pop("sys_version", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ExamRegProcessType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ExamRegProcessType(_type_)

        exam_reg_process = cls(
            id=id,
            available_in_portal=available_in_portal,
            available_to_training_providers=available_to_training_providers,
            checkout_settings=checkout_settings,
            confirmation_email=confirmation_email,
            contact_form_options=contact_form_options,
            custom_field_values=custom_field_values,
            description=description,
            display_in_portal_as=display_in_portal_as,
            display_order=display_order,
            enable_confirmation_email=enable_confirmation_email,
            exam_ids=exam_ids,
            form_id=form_id,
            is_active=is_active,
            name=name,
            override_checkout_settings=override_checkout_settings,
            restrict_exams=restrict_exams,
            show_contact_form=show_contact_form,
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
            type_=type_,
        )

        return exam_reg_process
