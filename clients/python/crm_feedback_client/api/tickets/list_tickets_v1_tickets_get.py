from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.page_ticket_out import PageTicketOut
from ...models.priority import Priority
from ...models.status import Status
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, Status):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_priority: None | str | Unset
    if isinstance(priority, Unset):
        json_priority = UNSET
    elif isinstance(priority, Priority):
        json_priority = priority.value
    else:
        json_priority = priority
    params["priority"] = json_priority

    json_breached: bool | None | Unset
    if isinstance(breached, Unset):
        json_breached = UNSET
    else:
        json_breached = breached
    params["breached"] = json_breached

    json_customer_id: None | str | Unset
    if isinstance(customer_id, Unset):
        json_customer_id = UNSET
    else:
        json_customer_id = customer_id
    params["customer_id"] = json_customer_id

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tickets",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PageTicketOut | None:
    if response.status_code == 200:
        response_200 = PageTicketOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PageTicketOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PageTicketOut]:
    """ Tickets, newest first, filtered by status, priority, breach or customer

    Args:
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        breached (bool | None | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageTicketOut]
     """


    kwargs = _get_kwargs(
        status=status,
priority=priority,
breached=breached,
customer_id=customer_id,
limit=limit,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> HTTPValidationError | PageTicketOut | None:
    """ Tickets, newest first, filtered by status, priority, breach or customer

    Args:
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        breached (bool | None | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageTicketOut
     """


    return sync_detailed(
        client=client,
status=status,
priority=priority,
breached=breached,
customer_id=customer_id,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PageTicketOut]:
    """ Tickets, newest first, filtered by status, priority, breach or customer

    Args:
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        breached (bool | None | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageTicketOut]
     """


    kwargs = _get_kwargs(
        status=status,
priority=priority,
breached=breached,
customer_id=customer_id,
limit=limit,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | Status | Unset = UNSET,
    priority: None | Priority | Unset = UNSET,
    breached: bool | None | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> HTTPValidationError | PageTicketOut | None:
    """ Tickets, newest first, filtered by status, priority, breach or customer

    Args:
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        breached (bool | None | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageTicketOut
     """


    return (await asyncio_detailed(
        client=client,
status=status,
priority=priority,
breached=breached,
customer_id=customer_id,
limit=limit,
cursor=cursor,

    )).parsed
