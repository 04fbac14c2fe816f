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
    *,
    fields: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    exclusive_start_key: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_fields: None | str | Unset
    if isinstance(fields, Unset):
        json_fields = UNSET
    else:
        json_fields = fields
    params["fields"] = json_fields

    json_limit: int | None | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    json_exclusive_start_key: None | str | Unset
    if isinstance(exclusive_start_key, Unset):
        json_exclusive_start_key = UNSET
    else:
        json_exclusive_start_key = exclusive_start_key
    params["exclusiveStartKey"] = json_exclusive_start_key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/webhookEndpoints/{tenant_id}".format(
            tenant_id=quote(str(tenant_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[WebhookEndpoint] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = WebhookEndpoint.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[WebhookEndpoint]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    exclusive_start_key: None | str | Unset = UNSET,
) -> Response[Problem | list[WebhookEndpoint]]:
    """List webhook endpoint records

    Args:
        tenant_id (str):
        fields (None | str | Unset): Comma-separated fields to return
        limit (int | None | Unset):
        exclusive_start_key (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[WebhookEndpoint]]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        fields=fields,
        limit=limit,
        exclusive_start_key=exclusive_start_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    exclusive_start_key: None | str | Unset = UNSET,
) -> Problem | list[WebhookEndpoint] | None:
    """List webhook endpoint records

    Args:
        tenant_id (str):
        fields (None | str | Unset): Comma-separated fields to return
        limit (int | None | Unset):
        exclusive_start_key (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[WebhookEndpoint]
    """

    return sync_detailed(
        tenant_id=tenant_id,
        client=client,
        fields=fields,
        limit=limit,
        exclusive_start_key=exclusive_start_key,
    ).parsed


async def asyncio_detailed(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    exclusive_start_key: None | str | Unset = UNSET,
) -> Response[Problem | list[WebhookEndpoint]]:
    """List webhook endpoint records

    Args:
        tenant_id (str):
        fields (None | str | Unset): Comma-separated fields to return
        limit (int | None | Unset):
        exclusive_start_key (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[WebhookEndpoint]]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        fields=fields,
        limit=limit,
        exclusive_start_key=exclusive_start_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
    exclusive_start_key: None | str | Unset = UNSET,
) -> Problem | list[WebhookEndpoint] | None:
    """List webhook endpoint records

    Args:
        tenant_id (str):
        fields (None | str | Unset): Comma-separated fields to return
        limit (int | None | Unset):
        exclusive_start_key (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[WebhookEndpoint]
    """

    return (
        await asyncio_detailed(
            tenant_id=tenant_id,
            client=client,
            fields=fields,
            limit=limit,
            exclusive_start_key=exclusive_start_key,
        )
    ).parsed
