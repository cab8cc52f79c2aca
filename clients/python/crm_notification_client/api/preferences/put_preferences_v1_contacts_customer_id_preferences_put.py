from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.preferences_in import PreferencesIn
from ...models.preferences_out import PreferencesOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    customer_id: str,
    *,
    body: PreferencesIn,
    if_match: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/contacts/{customer_id}/preferences".format(customer_id=quote(str(customer_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | PreferencesOut | None:
    if response.status_code == 200:
        response_200 = PreferencesOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | PreferencesOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    customer_id: str,
    *,
    client: AuthenticatedClient,
    body: PreferencesIn,
    if_match: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PreferencesOut]:
    """ Replace a contact's consent, opt-outs, preferred channel and language (If-Match: 412 when they
    changed since read)

    Args:
        customer_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PreferencesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PreferencesOut]
     """


    kwargs = _get_kwargs(
        customer_id=customer_id,
body=body,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    customer_id: str,
    *,
    client: AuthenticatedClient,
    body: PreferencesIn,
    if_match: None | str | Unset = UNSET,

) -> HTTPValidationError | PreferencesOut | None:
    """ Replace a contact's consent, opt-outs, preferred channel and language (If-Match: 412 when they
    changed since read)

    Args:
        customer_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PreferencesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PreferencesOut
     """


    return sync_detailed(
        customer_id=customer_id,
client=client,
body=body,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    customer_id: str,
    *,
    client: AuthenticatedClient,
    body: PreferencesIn,
    if_match: None | str | Unset = UNSET,

) -> Response[HTTPValidationError | PreferencesOut]:
    """ Replace a contact's consent, opt-outs, preferred channel and language (If-Match: 412 when they
    changed since read)

    Args:
        customer_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PreferencesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | PreferencesOut]
     """


    kwargs = _get_kwargs(
        customer_id=customer_id,
body=body,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    customer_id: str,
    *,
    client: AuthenticatedClient,
    body: PreferencesIn,
    if_match: None | str | Unset = UNSET,

) -> HTTPValidationError | PreferencesOut | None:
    """ Replace a contact's consent, opt-outs, preferred channel and language (If-Match: 412 when they
    changed since read)

    Args:
        customer_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PreferencesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | PreferencesOut
     """


    return (await asyncio_detailed(
        customer_id=customer_id,
client=client,
body=body,
if_match=if_match,

    )).parsed
