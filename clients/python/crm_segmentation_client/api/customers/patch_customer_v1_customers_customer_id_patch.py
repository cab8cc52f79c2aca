from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.customer_out import CustomerOut
from ...models.http_validation_error import HTTPValidationError
from ...models.patch_customer_v1_customers_customer_id_patch_customer_in_merge_patch import PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    customer_id: str,
    *,
    body: PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch,
    if_match: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/customers/{customer_id}".format(customer_id=quote(str(customer_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/merge-patch+json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CustomerOut | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = CustomerOut.from_dict(response.json())



        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())



        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CustomerOut | HTTPValidationError]:
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
    body: PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch,
    if_match: None | str | Unset = UNSET,

) -> Response[CustomerOut | HTTPValidationError]:
    """ Change some profile fields (JSON Merge Patch, RFC 7396); the others are kept

    Args:
        customer_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerOut | HTTPValidationError]
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
    body: PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch,
    if_match: None | str | Unset = UNSET,

) -> CustomerOut | HTTPValidationError | None:
    """ Change some profile fields (JSON Merge Patch, RFC 7396); the others are kept

    Args:
        customer_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerOut | HTTPValidationError
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
    body: PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch,
    if_match: None | str | Unset = UNSET,

) -> Response[CustomerOut | HTTPValidationError]:
    """ Change some profile fields (JSON Merge Patch, RFC 7396); the others are kept

    Args:
        customer_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerOut | HTTPValidationError]
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
    body: PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch,
    if_match: None | str | Unset = UNSET,

) -> CustomerOut | HTTPValidationError | None:
    """ Change some profile fields (JSON Merge Patch, RFC 7396); the others are kept

    Args:
        customer_id (str):
        if_match (None | str | Unset): The ETag of the resource as last read; a changed resource
            answers 412. Required when the deployment sets CRM_REQUIRE_IF_MATCH (428 without it).
        body (PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerOut | HTTPValidationError
     """


    return (await asyncio_detailed(
        customer_id=customer_id,
client=client,
body=body,
if_match=if_match,

    )).parsed
