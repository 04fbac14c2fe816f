from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.test_event_sent import TestEventSent
from ...types import Response


def _get_kwargs(
    tenant_id: str,
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhookEndpoints/{tenant_id}/{id}/test".format(
            tenant_id=quote(str(tenant_id), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TestEventSent | None:
    if response.status_code == 202:
        response_202 = TestEventSent.from_dict(response.json())

        return response_202

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
) -> Response[Problem | TestEventSent]:
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
) -> Response[Problem | TestEventSent]:
    """Send a webhookEndpoints.test event

    Args:
        tenant_id (str):
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TestEventSent]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        id=id,
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
) -> Problem | TestEventSent | None:
    """Send a webhookEndpoints.test event

    Args:
        tenant_id (str):
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TestEventSent
    """

    return sync_detailed(
        tenant_id=tenant_id,
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    tenant_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | TestEventSent]:
    """Send a webhookEndpoints.test event

    Args:
        tenant_id (str):
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TestEventSent]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tenant_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | TestEventSent | None:
    """Send a webhookEndpoints.test event

    Args:
        tenant_id (str):
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TestEventSent
    """

    return (
        await asyncio_detailed(
            tenant_id=tenant_id,
            id=id,
            client=client,
        )
    ).parsed
