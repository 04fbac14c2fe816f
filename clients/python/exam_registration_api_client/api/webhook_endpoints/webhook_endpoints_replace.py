from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_endpoint import WebhookEndpoint
from ...models.webhook_endpoint_in import WebhookEndpointIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    tenant_id: str,
    id: str,
    *,
    body: WebhookEndpointIn,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/webhookEndpoints/{tenant_id}/{id}".format(
            tenant_id=quote(str(tenant_id), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
    body: WebhookEndpointIn,
    if_match: str | Unset = UNSET,
) -> Response[Problem | WebhookEndpoint]:
    """Replace a webhook endpoint record

    Args:
        tenant_id (str):
        id (str):
        if_match (str | Unset):
        body (WebhookEndpointIn): Where the tenant's events are pushed, signed (Standard
            Webhooks). The signing secret is made by
            the server and returned once: in the create response and by rotateSecret, as `secret`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookEndpoint]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        id=id,
        body=body,
        if_match=if_match,
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
    body: WebhookEndpointIn,
    if_match: str | Unset = UNSET,
) -> Problem | WebhookEndpoint | None:
    """Replace a webhook endpoint record

    Args:
        tenant_id (str):
        id (str):
        if_match (str | Unset):
        body (WebhookEndpointIn): Where the tenant's events are pushed, signed (Standard
            Webhooks). The signing secret is made by
            the server and returned once: in the create response and by rotateSecret, as `secret`.

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
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    tenant_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookEndpointIn,
    if_match: str | Unset = UNSET,
) -> Response[Problem | WebhookEndpoint]:
    """Replace a webhook endpoint record

    Args:
        tenant_id (str):
        id (str):
        if_match (str | Unset):
        body (WebhookEndpointIn): Where the tenant's events are pushed, signed (Standard
            Webhooks). The signing secret is made by
            the server and returned once: in the create response and by rotateSecret, as `secret`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookEndpoint]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        id=id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tenant_id: str,
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookEndpointIn,
    if_match: str | Unset = UNSET,
) -> Problem | WebhookEndpoint | None:
    """Replace a webhook endpoint record

    Args:
        tenant_id (str):
        id (str):
        if_match (str | Unset):
        body (WebhookEndpointIn): Where the tenant's events are pushed, signed (Standard
            Webhooks). The signing secret is made by
            the server and returned once: in the create response and by rotateSecret, as `secret`.

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
            body=body,
            if_match=if_match,
        )
    ).parsed
