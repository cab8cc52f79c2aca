from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.http_validation_error import HTTPValidationError
from ...models.invitation_link_out import InvitationLinkOut
from typing import cast



def _get_kwargs(
    invitation_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/invitation-links/{invitation_id}".format(invitation_id=quote(str(invitation_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HTTPValidationError | InvitationLinkOut | None:
    if response.status_code == 200:
        response_200 = InvitationLinkOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HTTPValidationError | InvitationLinkOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    invitation_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[HTTPValidationError | InvitationLinkOut]:
    """ The answering link of one invitation, for the sender of invitation-created (admin, or a service
    identity with the `survey:invitation-links` permission)

    Args:
        invitation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | InvitationLinkOut]
     """


    kwargs = _get_kwargs(
        invitation_id=invitation_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    invitation_id: str,
    *,
    client: AuthenticatedClient,

) -> HTTPValidationError | InvitationLinkOut | None:
    """ The answering link of one invitation, for the sender of invitation-created (admin, or a service
    identity with the `survey:invitation-links` permission)

    Args:
        invitation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | InvitationLinkOut
     """


    return sync_detailed(
        invitation_id=invitation_id,
client=client,

    ).parsed

async def asyncio_detailed(
    invitation_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[HTTPValidationError | InvitationLinkOut]:
    """ The answering link of one invitation, for the sender of invitation-created (admin, or a service
    identity with the `survey:invitation-links` permission)

    Args:
        invitation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | InvitationLinkOut]
     """


    kwargs = _get_kwargs(
        invitation_id=invitation_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    invitation_id: str,
    *,
    client: AuthenticatedClient,

) -> HTTPValidationError | InvitationLinkOut | None:
    """ The answering link of one invitation, for the sender of invitation-created (admin, or a service
    identity with the `survey:invitation-links` permission)

    Args:
        invitation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | InvitationLinkOut
     """


    return (await asyncio_detailed(
        invitation_id=invitation_id,
client=client,

    )).parsed
