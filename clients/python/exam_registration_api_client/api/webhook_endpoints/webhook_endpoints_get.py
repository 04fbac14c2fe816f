from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_endpoint import WebhookEndpoint
from ...types import UNSET, Response, Unset


def _get_kwargs(
    tenant_id: str,
    id: str,
    *,
    fields: None | str | Unset = UNSET,
    consistent_read: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_fields: None | str | Unset
    if isinstance(fields, Unset):
        json_fields = UNSET
    else:
        json_fields = fields
    params["fields"] = json_fields

    params["consistentRead"] = consistent_read

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/webhookEndpoints/{tenant_id}/{id}".format(
            tenant_id=quote(str(tenant_id), safe=""),
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookEndpoint | None:
    if response.status_code == 200:
        response_200 = WebhookEndpoint.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | WebhookEndpoint]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tenant_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: None | str | Unset = UNSET,
    consistent_read: bool | Unset = False,
) -> Response[Problem | WebhookEndpoint]:
    """Get a webhook endpoint record

    Args:
        tenant_id (str):
        id (str):
        fields (None | str | Unset):
        consistent_read (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookEndpoint]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        id=id,
        fields=fields,
        consistent_read=consistent_read,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tenant_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: None | str | Unset = UNSET,
    consistent_read: bool | Unset = False,
) -> Problem | WebhookEndpoint | None:
    """Get a webhook endpoint record

    Args:
        tenant_id (str):
        id (str):
        fields (None | str | Unset):
        consistent_read (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookEndpoint
    """

    return sync_detailed(
        tenant_id=tenant_id,
        id=id,
        client=client,
        fields=fields,
        consistent_read=consistent_read,
    ).parsed


async def asyncio_detailed(
    tenant_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: None | str | Unset = UNSET,
    consistent_read: bool | Unset = False,
) -> Response[Problem | WebhookEndpoint]:
    """Get a webhook endpoint record

    Args:
        tenant_id (str):
        id (str):
        fields (None | str | Unset):
        consistent_read (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookEndpoint]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        id=id,
        fields=fields,
        consistent_read=consistent_read,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tenant_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: None | str | Unset = UNSET,
    consistent_read: bool | Unset = False,
) -> Problem | WebhookEndpoint | None:
    """Get a webhook endpoint record

    Args:
        tenant_id (str):
        id (str):
        fields (None | str | Unset):
        consistent_read (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookEndpoint
    """

    return (
        await asyncio_detailed(
            tenant_id=tenant_id,
            id=id,
            client=client,
            fields=fields,
            consistent_read=consistent_read,
        )
    ).parsed
