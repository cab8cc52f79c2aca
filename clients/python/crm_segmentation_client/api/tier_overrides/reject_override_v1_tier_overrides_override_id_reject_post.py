from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.decision_in import DecisionIn
from ...models.http_validation_error import HTTPValidationError
from ...models.override_out import OverrideOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    override_id: str,
    *,
    body: DecisionIn | None | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tier-overrides/{override_id}/reject".format(override_id=quote(str(override_id), safe=""),),
    }

    
    if isinstance(body, DecisionIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | OverrideOut | None:
    if response.status_code == 200:
        response_200 = OverrideOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | OverrideOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    override_id: str,
    *,
    client: AuthenticatedClient,
    body: DecisionIn | None | Unset = UNSET,

) -> Response[HTTPValidationError | OverrideOut]:
    """ Reject a proposal (manager)

    Args:
        override_id (str):
        body (DecisionIn | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | OverrideOut]
     """


    kwargs = _get_kwargs(
        override_id=override_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    override_id: str,
    *,
    client: AuthenticatedClient,
    body: DecisionIn | None | Unset = UNSET,

) -> HTTPValidationError | OverrideOut | None:
    """ Reject a proposal (manager)

    Args:
        override_id (str):
        body (DecisionIn | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | OverrideOut
     """


    return sync_detailed(
        override_id=override_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    override_id: str,
    *,
    client: AuthenticatedClient,
    body: DecisionIn | None | Unset = UNSET,

) -> Response[HTTPValidationError | OverrideOut]:
    """ Reject a proposal (manager)

    Args:
        override_id (str):
        body (DecisionIn | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | OverrideOut]
     """


    kwargs = _get_kwargs(
        override_id=override_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    override_id: str,
    *,
    client: AuthenticatedClient,
    body: DecisionIn | None | Unset = UNSET,

) -> HTTPValidationError | OverrideOut | None:
    """ Reject a proposal (manager)

    Args:
        override_id (str):
        body (DecisionIn | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | OverrideOut
     """


    return (await asyncio_detailed(
        override_id=override_id,
client=client,
body=body,

    )).parsed
