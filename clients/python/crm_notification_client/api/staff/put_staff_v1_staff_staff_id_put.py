from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.staff_in import StaffIn
from ...models.staff_out import StaffOut
from typing import cast



def _get_kwargs(
    staff_id: str,
    *,
    body: StaffIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/staff/{staff_id}".format(staff_id=quote(str(staff_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | StaffOut | None:
    if response.status_code == 200:
        response_200 = StaffOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | StaffOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    staff_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffIn,

) -> Response[HTTPValidationError | StaffOut]:
    """ Add or replace a staff member (address, language, channel, groups)

    Args:
        staff_id (str):
        body (StaffIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | StaffOut]
     """


    kwargs = _get_kwargs(
        staff_id=staff_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    staff_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffIn,

) -> HTTPValidationError | StaffOut | None:
    """ Add or replace a staff member (address, language, channel, groups)

    Args:
        staff_id (str):
        body (StaffIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | StaffOut
     """


    return sync_detailed(
        staff_id=staff_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    staff_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffIn,

) -> Response[HTTPValidationError | StaffOut]:
    """ Add or replace a staff member (address, language, channel, groups)

    Args:
        staff_id (str):
        body (StaffIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | StaffOut]
     """


    kwargs = _get_kwargs(
        staff_id=staff_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    staff_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffIn,

) -> HTTPValidationError | StaffOut | None:
    """ Add or replace a staff member (address, language, channel, groups)

    Args:
        staff_id (str):
        body (StaffIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | StaffOut
     """


    return (await asyncio_detailed(
        staff_id=staff_id,
client=client,
body=body,

    )).parsed
