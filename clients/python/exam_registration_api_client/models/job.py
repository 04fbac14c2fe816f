from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_format import JobFormat
from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_filter import JobFilter


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """A bulk load or export job

    Attributes:
        id (str):
        status (JobStatus):
        created_at (str | Unset):
        created_by_id (str | Unset):
        download_url (str | Unset): Presigned GET of the exported file
        error (str | Unset): Why a failed job failed
        error_report_url (str | Unset): Presigned GET of errors.ndjson
        failed (int | Unset):
        file_name (str | Unset):
        filter_ (JobFilter | Unset):
        finished_at (str | Unset):
        format_ (JobFormat | Unset):
        max_upload_bytes (int | Unset):
        resource (str | Unset):
        started_at (str | Unset):
        succeeded (int | Unset):
        total (int | Unset):
        upload_expires_in (int | Unset):
        upload_method (str | Unset):
        upload_url (str | Unset): Presigned PUT for the file (JSON start only)
    """

    id: str
    status: JobStatus
    created_at: str | Unset = UNSET
    created_by_id: str | Unset = UNSET
    download_url: str | Unset = UNSET
    error: str | Unset = UNSET
    error_report_url: str | Unset = UNSET
    failed: int | Unset = UNSET
    file_name: str | Unset = UNSET
    filter_: JobFilter | Unset = UNSET
    finished_at: str | Unset = UNSET
    format_: JobFormat | Unset = UNSET
    max_upload_bytes: int | Unset = UNSET
    resource: str | Unset = UNSET
    started_at: str | Unset = UNSET
    succeeded: int | Unset = UNSET
    total: int | Unset = UNSET
    upload_expires_in: int | Unset = UNSET
    upload_method: str | Unset = UNSET
    upload_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        created_at = self.created_at

        created_by_id = self.created_by_id

        download_url = self.download_url

        error = self.error

        error_report_url = self.error_report_url

        failed = self.failed

        file_name = self.file_name

        filter_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_.to_dict()

        finished_at = self.finished_at

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        max_upload_bytes = self.max_upload_bytes

        resource = self.resource

        started_at = self.started_at

        succeeded = self.succeeded

        total = self.total

        upload_expires_in = self.upload_expires_in

        upload_method = self.upload_method

        upload_url = self.upload_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if created_by_id is not UNSET:
            field_dict["created_by_id"] = created_by_id
        if download_url is not UNSET:
            field_dict["download_url"] = download_url
        if error is not UNSET:
            field_dict["error"] = error
        if error_report_url is not UNSET:
            field_dict["error_report_url"] = error_report_url
        if failed is not UNSET:
            field_dict["failed"] = failed
        if file_name is not UNSET:
            field_dict["file_name"] = file_name
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if format_ is not UNSET:
            field_dict["format"] = format_
        if max_upload_bytes is not UNSET:
            field_dict["max_upload_bytes"] = max_upload_bytes
        if resource is not UNSET:
            field_dict["resource"] = resource
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if succeeded is not UNSET:
            field_dict["succeeded"] = succeeded
        if total is not UNSET:
            field_dict["total"] = total
        if upload_expires_in is not UNSET:
            field_dict["upload_expires_in"] = upload_expires_in
        if upload_method is not UNSET:
            field_dict["upload_method"] = upload_method
        if upload_url is not UNSET:
            field_dict["upload_url"] = upload_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_filter import JobFilter  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = JobStatus(d.pop("status"))

        created_at = d.pop("created_at", UNSET)

        created_by_id = d.pop("created_by_id", UNSET)

        download_url = d.pop("download_url", UNSET)

        error = d.pop("error", UNSET)

        error_report_url = d.pop("error_report_url", UNSET)

        failed = d.pop("failed", UNSET)

        file_name = d.pop("file_name", UNSET)

        _filter_ = d.pop("filter", UNSET)
        filter_: JobFilter | Unset
        if isinstance(_filter_, Unset):
            filter_ = UNSET
        else:
            filter_ = JobFilter.from_dict(_filter_)

        finished_at = d.pop("finished_at", UNSET)

        _format_ = d.pop("format", UNSET)
        format_: JobFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = JobFormat(_format_)

        max_upload_bytes = d.pop("max_upload_bytes", UNSET)

        resource = d.pop("resource", UNSET)

        started_at = d.pop("started_at", UNSET)

        succeeded = d.pop("succeeded", UNSET)

        total = d.pop("total", UNSET)

        upload_expires_in = d.pop("upload_expires_in", UNSET)

        upload_method = d.pop("upload_method", UNSET)

        upload_url = d.pop("upload_url", UNSET)

        job = cls(
            id=id,
            status=status,
            created_at=created_at,
            created_by_id=created_by_id,
            download_url=download_url,
            error=error,
            error_report_url=error_report_url,
            failed=failed,
            file_name=file_name,
            filter_=filter_,
            finished_at=finished_at,
            format_=format_,
            max_upload_bytes=max_upload_bytes,
            resource=resource,
            started_at=started_at,
            succeeded=succeeded,
            total=total,
            upload_expires_in=upload_expires_in,
            upload_method=upload_method,
            upload_url=upload_url,
        )

        job.additional_properties = d
        return job

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
