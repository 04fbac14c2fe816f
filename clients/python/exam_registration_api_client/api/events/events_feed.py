from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event import Event
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    tenant_id: str,
    *,
    after: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_limit: int | None | Unset
    if isinstance(limit, Unset):
        json_limit = UNSET
    else:
        json_limit = limit
    params["limit"] = json_limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events/{tenant_id}".format(
            tenant_id=quote(str(tenant_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | list[Event] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Event.from_dict(response_200_item_data)

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
) -> Response[Problem | list[Event]]:
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
    after: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> Response[Problem | list[Event]]:
    """The tenant's events after a cursor, oldest first

     Every event of the tenant (that the key's role may read), oldest first, from the cursor `after`. An
    event appears once its write has settled (a few seconds), so a poll never skips one that commits
    later. Poll with `after` set to the previous answer's X-Next-Cursor; events are kept 35 days.

    Args:
        tenant_id (str):
        after (None | str | Unset): X-Next-Cursor of the previous poll
        limit (int | None | Unset): Page size (default 100)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[Event]]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    after: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> Problem | list[Event] | None:
    """The tenant's events after a cursor, oldest first

     Every event of the tenant (that the key's role may read), oldest first, from the cursor `after`. An
    event appears once its write has settled (a few seconds), so a poll never skips one that commits
    later. Poll with `after` set to the previous answer's X-Next-Cursor; events are kept 35 days.

    Args:
        tenant_id (str):
        after (None | str | Unset): X-Next-Cursor of the previous poll
        limit (int | None | Unset): Page size (default 100)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[Event]
    """

    return sync_detailed(
        tenant_id=tenant_id,
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    after: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> Response[Problem | list[Event]]:
    """The tenant's events after a cursor, oldest first

     Every event of the tenant (that the key's role may read), oldest first, from the cursor `after`. An
    event appears once its write has settled (a few seconds), so a poll never skips one that commits
    later. Poll with `after` set to the previous answer's X-Next-Cursor; events are kept 35 days.

    Args:
        tenant_id (str):
        after (None | str | Unset): X-Next-Cursor of the previous poll
        limit (int | None | Unset): Page size (default 100)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[Event]]
    """

    kwargs = _get_kwargs(
        tenant_id=tenant_id,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tenant_id: str,
    *,
    client: AuthenticatedClient | Client,
    after: None | str | Unset = UNSET,
    limit: int | None | Unset = UNSET,
) -> Problem | list[Event] | None:
    """The tenant's events after a cursor, oldest first

     Every event of the tenant (that the key's role may read), oldest first, from the cursor `after`. An
    event appears once its write has settled (a few seconds), so a poll never skips one that commits
    later. Poll with `after` set to the previous answer's X-Next-Cursor; events are kept 35 days.

    Args:
        tenant_id (str):
        after (None | str | Unset): X-Next-Cursor of the previous poll
        limit (int | None | Unset): Page size (default 100)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[Event]
    """

    return (
        await asyncio_detailed(
            tenant_id=tenant_id,
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
