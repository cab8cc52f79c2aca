from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.list_actions_v1_actions_get_status_type_0 import ListActionsV1ActionsGetStatusType0
from ...models.page_action_out import PageActionOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    customer_id: None | str | Unset = UNSET,
    status: ListActionsV1ActionsGetStatusType0 | None | Unset = UNSET,
    owner: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_customer_id: None | str | Unset
    if isinstance(customer_id, Unset):
        json_customer_id = UNSET
    else:
        json_customer_id = customer_id
    params["customer_id"] = json_customer_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListActionsV1ActionsGetStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_owner: None | str | Unset
    if isinstance(owner, Unset):
        json_owner = UNSET
    else:
        json_owner = owner
    params["owner"] = json_owner

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    else:
        json_kind = kind
    params["kind"] = json_kind

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
        "url": "/v1/actions",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PageActionOut | None:
    if response.status_code == 200:
        response_200 = PageActionOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PageActionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    customer_id: None | str | Unset = UNSET,
    status: ListActionsV1ActionsGetStatusType0 | None | Unset = UNSET,
    owner: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PageActionOut]:
    """ Care actions, newest first, by customer, status (or overdue), owner, kind

    Args:
        customer_id (None | str | Unset):
        status (ListActionsV1ActionsGetStatusType0 | None | Unset):
        owner (None | str | Unset):
        kind (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageActionOut]
     """


    kwargs = _get_kwargs(
        customer_id=customer_id,
status=status,
owner=owner,
kind=kind,
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
    customer_id: None | str | Unset = UNSET,
    status: ListActionsV1ActionsGetStatusType0 | None | Unset = UNSET,
    owner: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> HTTPValidationError | PageActionOut | None:
    """ Care actions, newest first, by customer, status (or overdue), owner, kind

    Args:
        customer_id (None | str | Unset):
        status (ListActionsV1ActionsGetStatusType0 | None | Unset):
        owner (None | str | Unset):
        kind (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageActionOut
     """


    return sync_detailed(
        client=client,
customer_id=customer_id,
status=status,
owner=owner,
kind=kind,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    customer_id: None | str | Unset = UNSET,
    status: ListActionsV1ActionsGetStatusType0 | None | Unset = UNSET,
    owner: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PageActionOut]:
    """ Care actions, newest first, by customer, status (or overdue), owner, kind

    Args:
        customer_id (None | str | Unset):
        status (ListActionsV1ActionsGetStatusType0 | None | Unset):
        owner (None | str | Unset):
        kind (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageActionOut]
     """


    kwargs = _get_kwargs(
        customer_id=customer_id,
status=status,
owner=owner,
kind=kind,
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
    customer_id: None | str | Unset = UNSET,
    status: ListActionsV1ActionsGetStatusType0 | None | Unset = UNSET,
    owner: None | str | Unset = UNSET,
    kind: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> HTTPValidationError | PageActionOut | None:
    """ Care actions, newest first, by customer, status (or overdue), owner, kind

    Args:
        customer_id (None | str | Unset):
        status (ListActionsV1ActionsGetStatusType0 | None | Unset):
        owner (None | str | Unset):
        kind (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageActionOut
     """


    return (await asyncio_detailed(
        client=client,
customer_id=customer_id,
status=status,
owner=owner,
kind=kind,
limit=limit,
cursor=cursor,

    )).parsed
