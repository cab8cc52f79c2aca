from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.page_case_out import PageCaseOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    tier: None | str | Unset = UNSET,
    quadrant: None | str | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_tier: None | str | Unset
    if isinstance(tier, Unset):
        json_tier = UNSET
    else:
        json_tier = tier
    params["tier"] = json_tier

    json_quadrant: None | str | Unset
    if isinstance(quadrant, Unset):
        json_quadrant = UNSET
    else:
        json_quadrant = quadrant
    params["quadrant"] = json_quadrant

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
        "url": "/v1/cases",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PageCaseOut | None:
    if response.status_code == 200:
        response_200 = PageCaseOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PageCaseOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    tier: None | str | Unset = UNSET,
    quadrant: None | str | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PageCaseOut]:
    """ Cases, newest first

    Args:
        tier (None | str | Unset):
        quadrant (None | str | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageCaseOut]
     """


    kwargs = _get_kwargs(
        tier=tier,
quadrant=quadrant,
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
    tier: None | str | Unset = UNSET,
    quadrant: None | str | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> HTTPValidationError | PageCaseOut | None:
    """ Cases, newest first

    Args:
        tier (None | str | Unset):
        quadrant (None | str | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageCaseOut
     """


    return sync_detailed(
        client=client,
tier=tier,
quadrant=quadrant,
customer_id=customer_id,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tier: None | str | Unset = UNSET,
    quadrant: None | str | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PageCaseOut]:
    """ Cases, newest first

    Args:
        tier (None | str | Unset):
        quadrant (None | str | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PageCaseOut]
     """


    kwargs = _get_kwargs(
        tier=tier,
quadrant=quadrant,
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
    tier: None | str | Unset = UNSET,
    quadrant: None | str | Unset = UNSET,
    customer_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> HTTPValidationError | PageCaseOut | None:
    """ Cases, newest first

    Args:
        tier (None | str | Unset):
        quadrant (None | str | Unset):
        customer_id (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PageCaseOut
     """


    return (await asyncio_detailed(
        client=client,
tier=tier,
quadrant=quadrant,
customer_id=customer_id,
limit=limit,
cursor=cursor,

    )).parsed
